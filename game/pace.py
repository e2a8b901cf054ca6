"""Endless play: a time allowance per prompt that follows the player's reactions, and moves prompted without end.

The allowance tracks MARGIN times the player's typical reaction, where a reaction is what the game measures: the
prompt to the judge's HIT verdict, so the recognizer's latency (about 0.27 s median on held-out G3D actors) is in
it and the margin also covers that latency's spread. Each HIT moves the allowance part of the way (SMOOTHING, in
log terms: an exponentially weighted geometric mean, i.e. about the median of the last few reactions) towards
MARGIN x its reaction; each miss lengthens it by MISS_GROWTH. So a player whose reactions scatter around R settles
at about MARGIN x R = 1.6 R while few prompts are missed: a typical move then uses 60 % of the time (a GOOD, not an
easy PERFECT, under game/scoring.py's grades), and reactions with a log spread of 20-30 % land in time 94-99 % of
the time, so that with the player's own wrong or late moves about 85 % of prompts are hits. The demo's virtual
player (tests/test_pace.py: reactions of 0.35-1.4 s, 5 % wrong and 5 % late moves, a long move delaying the next)
settles at 1.7-1.9 times its median reaction with 78-90 % hits.

Why not a staircase that targets a hit rate (two quick hits shorter, a miss longer)? Its allowance settles where
P(hit) equals the target, but misses that no allowance cures (a move the recognizer does not see, a wrong move)
keep the hit rate below that target however long the time is, and the staircase then climbs to MAX_SECONDS. Here
only hits set the pace, so such misses lengthen the allowance by a bounded amount: with a share m of prompts
missed, it settles about exp(m ln MISS_GROWTH / (SMOOTHING (1 - m))) above MARGIN x R (6 % for m = 0.1,
15 % for m = 0.2): looser for a player who is struggling, never running away.
"""

import math

from .levels import MAX_SECONDS, MIN_SECONDS, Level

MARGIN = 1.6  # the allowance over the typical reaction it settles at
SMOOTHING = 0.25  # the newest hit's weight: the last four or so hits set the pace
MISS_GROWTH = 1.15  # a miss lengthens the allowance by 15 %: three in a row by half
TREND_TOLERANCE = 0.02  # changes smaller than 2 % read as steady rather than flickering faster/slower
FASTER, SLOWER, STEADY = "faster", "slower", "steady"

ENDLESS_START_S = 3.0  # Endless's first allowance: easy for anyone; a few prompts bring it to the player's pace
ENDLESS_ORDER = 1000  # after every level read from a file (theirs default to 100)
ENDLESS_LIVES = 3  # Endless ends at the third miss


class AdaptivePace:
    """The time allowed for the next prompt, in [min_s, max_s], following the player's reactions (module docstring).

    history: the allowance each prompt was given, the current one last."""

    def __init__(self, start_s, min_s=MIN_SECONDS, max_s=MAX_SECONDS):
        if not 0 < min_s <= start_s <= max_s:
            raise ValueError(f"need 0 < min_s <= start_s <= max_s, not {min_s}, {start_s}, {max_s}")
        self.min_s, self.max_s = min_s, max_s
        self.history = [float(start_s)]

    @property
    def time_allowed_s(self):
        return self.history[-1]

    @property
    def trend(self):
        """FASTER, SLOWER or STEADY: how the last prompt's outcome changed the allowance, for the screen."""
        if len(self.history) < 2:
            return STEADY
        ratio = self.history[-1] / self.history[-2]
        return FASTER if ratio < 1 - TREND_TOLERANCE else SLOWER if ratio > 1 + TREND_TOLERANCE else STEADY

    def update(self, outcome_hit, reaction_s=None):
        """After a prompt: a hit with its reaction (prompt to HIT verdict, seconds), or a miss (reaction_s None).
        Returns the allowance for the next prompt."""
        if outcome_hit:
            if reaction_s is None or not 0 <= reaction_s < math.inf:
                raise ValueError(f"a hit needs its reaction time in seconds, not {reaction_s}")
            # A reaction of 0 would be log(0): no allowance goes below min_s anyway.
            target = max(MARGIN * reaction_s, self.min_s)
            allowed = math.exp((1 - SMOOTHING) * math.log(self.time_allowed_s) + SMOOTHING * math.log(target))
        else:
            allowed = self.time_allowed_s * MISS_GROWTH
        self.history.append(min(self.max_s, max(self.min_s, allowed)))
        return self.time_allowed_s


def endless_moves(rng, moves):
    """Moves to prompt without end, drawn by `rng` (a random.Random) from `moves`.

    Drawn a shuffled round at a time (every move once per round): each move comes as often as the others, and
    none comes three times in a row (at most twice, across two rounds' seam) unless it is the only one."""
    moves = list(moves)
    if not moves:
        raise ValueError("endless play needs at least one move")
    while True:
        rng.shuffle(moves)
        yield from moves


def endless_level(moves, seated):
    """The Endless level: `moves` (those the player can do) prompted without end at an AdaptivePace."""
    return Level(name="Endless", description="Moves without end at a pace that follows yours: how far can you go?",
                 seconds_per_prompt=ENDLESS_START_S, sequence=[], random_moves=list(moves), seated=seated,
                 order=ENDLESS_ORDER, path=None, mode="endless")
