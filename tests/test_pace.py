"""The adaptive pace: its rule, its bounds, and its settling near each virtual player's own speed; endless prompts."""

import random
import statistics
from itertools import islice

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.levels import MAX_SECONDS, MIN_SECONDS
from game.pace import FASTER, MARGIN, MISS_GROWTH, SLOWER, STEADY, AdaptivePace, endless_level, endless_moves
from game.virtual_player import ALL_MOVES, VirtualPlayer

# The simulated game: the judge's HIT verdict comes this long after the move's action point (median on held-out
# G3D actors), scattered by this log spread; the Play scene pauses this long after a hit and after a miss.
LATENCY_S, LATENCY_SPREAD = 0.27, 0.2
AFTER_HIT_S, AFTER_MISS_S = 1.0, 2.5
PROMPTS, SETTLED = 80, 40  # prompts played, and the last ones that count as settled
SEEDS = range(5)
SPEEDS = {"fast": 0.35, "medium": 0.7, "slow": 1.4}  # the virtual player's reaction_s


def play(reaction_s, seed, start_s):
    """[(time allowed, hit, the verdict's reaction, whether the right move came)] of PROMPTS prompts of Endless
    played by a virtual player, the allowance set by an AdaptivePace; no recognizer, no real time."""
    player = VirtualPlayer(seed=seed, reaction_s=reaction_s)
    latency = np.random.default_rng(seed)
    moves = endless_moves(random.Random(seed), ALL_MOVES)
    pace = AdaptivePace(start_s)
    now, prompts = 0.0, []
    for move in islice(moves, PROMPTS):
        allowed = pace.time_allowed_s
        performance = player.respond(move, now, allowed)
        reaction = performance.action_time + LATENCY_S * latency.lognormal(0.0, LATENCY_SPREAD) - now
        right = performance.move == move
        hit = right and reaction <= allowed
        prompts.append((allowed, hit, reaction, right))
        pace.update(hit, reaction if hit else None)
        now += (reaction + AFTER_HIT_S) if hit else (allowed + AFTER_MISS_S)
    return prompts


def settled(reaction_s, start_s):
    """(median allowance, median reaction of the right moves, hit rate) over every seed's settled prompts. The
    reactions are the simulation's truth, the late ones too, which the game never sees."""
    prompts = [prompt for seed in SEEDS for prompt in play(reaction_s, seed, start_s)[-SETTLED:]]
    return (statistics.median(allowed for allowed, *_ in prompts),
            statistics.median(reaction for _, _, reaction, right in prompts if right),
            sum(hit for _, hit, *_ in prompts) / len(prompts))


@pytest.fixture(scope="module")
def outcomes():
    """Each speed's settled figures, from a tight and from a loose start."""
    return {(speed, start_s): settled(reaction_s, start_s)
            for speed, reaction_s in SPEEDS.items() for start_s in (MIN_SECONDS, 10.0)}


@pytest.mark.parametrize("start_s", [MIN_SECONDS, 10.0])
@pytest.mark.parametrize("speed", list(SPEEDS))
def test_the_allowance_settles_near_a_multiple_of_the_players_reaction(outcomes, speed, start_s):
    allowed, reaction, hit_rate = outcomes[speed, start_s]
    # MARGIN x the median reaction, up to a quarter more: misses the allowance cannot cure (the player's wrong and
    # late moves, a long move delaying the next) lengthen it a little (game/pace.py).
    assert MARGIN * 0.95 <= allowed / reaction <= MARGIN * 1.25, (allowed, reaction)
    assert 0.7 <= hit_rate <= 0.95


@pytest.mark.parametrize("start_s", [MIN_SECONDS, 10.0])
def test_slower_players_are_given_more_time(outcomes, start_s):
    fast, medium, slow = (outcomes[speed, start_s][0] for speed in ("fast", "medium", "slow"))
    assert slow > medium > fast


def test_a_miss_lengthens_the_allowance():
    pace = AdaptivePace(2.0)
    assert pace.update(False) == pytest.approx(2.0 * MISS_GROWTH)
    assert pace.trend == SLOWER


def test_two_quick_hits_shorten_the_allowance_and_slow_ones_lengthen_it():
    quick = AdaptivePace(2.0)
    quick.update(True, 0.5)
    first = quick.time_allowed_s
    quick.update(True, 0.5)
    assert quick.time_allowed_s < first < 2.0
    assert quick.trend == FASTER
    slow = AdaptivePace(2.0)
    slow.update(True, 1.9)
    assert slow.time_allowed_s > 2.0 and slow.trend == SLOWER


def test_one_hit_moves_the_allowance_a_quarter_of_the_way_in_log_time():
    """The pace's strength as documented: the last four or so hits set it, no single hit."""
    pace = AdaptivePace(3.0)
    pace.update(True, 0.5)
    target = MARGIN * 0.5
    assert pace.time_allowed_s == pytest.approx(3.0 * (target / 3.0) ** 0.25)


def test_hits_at_the_settled_pace_keep_it_steady():
    pace = AdaptivePace(MARGIN * 1.0)
    pace.update(True, 1.0)
    assert pace.time_allowed_s == pytest.approx(MARGIN) and pace.trend == STEADY
    assert pace.history == pytest.approx([MARGIN, MARGIN])


def test_the_allowance_stays_within_the_bounds():
    pace = AdaptivePace(MAX_SECONDS)
    assert pace.update(False) == MAX_SECONDS
    pace = AdaptivePace(MIN_SECONDS)
    assert pace.update(True, 0.0) == MIN_SECONDS


@pytest.mark.parametrize("start_s, min_s, max_s", [(0.4, MIN_SECONDS, MAX_SECONDS), (31.0, MIN_SECONDS, MAX_SECONDS),
                                                   (1.0, 0.0, 2.0), (1.0, 2.0, 3.0)])
def test_a_start_outside_the_bounds_is_refused(start_s, min_s, max_s):
    with pytest.raises(ValueError):
        AdaptivePace(start_s, min_s, max_s)


@pytest.mark.parametrize("reaction_s", [None, -0.1, float("inf"), float("nan")])
def test_a_hit_needs_a_real_reaction_time(reaction_s):
    with pytest.raises(ValueError):
        AdaptivePace(2.0).update(True, reaction_s)


outcome_sequences = st.lists(st.one_of(st.none(), st.floats(0.0, 1000.0)), max_size=200)  # None: a miss


@given(st.floats(MIN_SECONDS, MAX_SECONDS), outcome_sequences)
def test_any_outcomes_keep_the_allowance_within_bounds(start_s, reactions):
    pace = AdaptivePace(start_s)
    for reaction in reactions:
        before = pace.time_allowed_s
        after = pace.update(reaction is not None, reaction)
        assert MIN_SECONDS <= after <= MAX_SECONDS
        if reaction is None:
            assert after >= before  # a miss never shortens
        else:
            # A hit moves the allowance towards MARGIN x its reaction (within the bounds), never past it.
            target = min(MAX_SECONDS, max(MIN_SECONDS, MARGIN * reaction))
            assert min(before, target) - 1e-9 <= after <= max(before, target) + 1e-9
    assert len(pace.history) == len(reactions) + 1


def test_endless_moves_never_prompt_a_move_three_times_running_and_share_evenly():
    moves = list(islice(endless_moves(random.Random(3), ALL_MOVES), 7000))
    assert not any(a == b == c for a, b, c in zip(moves, moves[1:], moves[2:]))
    assert set(moves) == set(ALL_MOVES)
    assert max(map(moves.count, ALL_MOVES)) - min(map(moves.count, ALL_MOVES)) <= 1


def test_endless_moves_are_reproducible_and_vary_with_the_seed():
    first, again, other = (list(islice(endless_moves(random.Random(seed), ALL_MOVES), 50)) for seed in (1, 1, 2))
    assert first == again != other


def test_endless_moves_with_one_move_repeat_it_and_without_any_refuse():
    assert list(islice(endless_moves(random.Random(0), ["clap"]), 5)) == ["clap"] * 5
    with pytest.raises(ValueError):
        next(endless_moves(random.Random(0), []))


def test_the_endless_level_prompts_the_moves_given_at_an_adaptive_pace():
    level = endless_level(["wave", "clap"], seated=True)
    assert (level.mode, level.random_moves, level.seated, level.path) == ("endless", ["wave", "clap"], True, None)
    assert MIN_SECONDS <= level.seconds_per_prompt <= MAX_SECONDS
    assert AdaptivePace(level.seconds_per_prompt).time_allowed_s == level.seconds_per_prompt
