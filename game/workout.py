"""The daily workout: about five minutes of warm-up, main set and cool-down, whose main set prompts most the moves
the player's recent history says need practice.

It is the same all day: drawn from the player's name and the date, on the history before that day.
"""

import datetime
import random
import statistics

from game.history import met
from game.levels import Level, doable_moves
from game.pace import ENDLESS_ORDER
from recognizer.errors import MoveMatchError

WORKOUT_NAME = "Daily workout"
WORKOUT_ORDER = ENDLESS_ORDER + 1  # after the level files and Endless
WORKOUT_S = 300.0  # the time the prompts allow, end to end
# One pace for the whole workout (a Level has one): between the Warm-up level's 5 s and Combo Rush's 2.5 s.
SECONDS_PER_PROMPT = 4.0
WARM_UP_SHARE = 0.2
COOL_DOWN_SHARE = 0.15
# Gentler moves at the ends, by their METs (game/history.py): no kicks while warming up, the lightest to cool down.
WARM_UP_MAX_MET = 5.5
COOL_DOWN_MAX_MET = 3.8
RECENT_DAYS = 14
# A move's record is shrunk towards a prior worth PRIOR_PROMPTS prompts, so a move never played, or played twice,
# counts as needing practice rather than as mastered or hopeless.
PRIOR_PROMPTS = 5
PRIOR_ACCURACY = 0.5
PRIOR_REACTION_SHARE = 0.6  # of the time allowed
REACTION_WEIGHT = 0.5  # slowness counts half as much as misses
# The workout's line names up to FOCUS_MOVES moves, those whose need is FOCUS_MARGIN over the average or more
# (5 points of accuracy): not a move that is only a hair weaker than the rest.
FOCUS_MOVES = 2
FOCUS_MARGIN = 0.05


class WorkoutError(MoveMatchError):
    """No workout can be made: no move the player can do."""


def move_need(stats):
    """How much a move needs practice (0 to 1.5) from its MoveStats over recent days (None: never played): the
    share of prompts missed plus half the share of the time allowed that a hit took, both shrunk to the prior."""
    prompts, hits = (stats.prompts, stats.hits) if stats else (0, 0)
    accuracy = (hits + PRIOR_ACCURACY * PRIOR_PROMPTS) / (prompts + PRIOR_PROMPTS)
    timed = hits if stats and stats.median_reaction_share is not None else 0
    share = stats.median_reaction_share if timed else 0.0
    reaction_share = (share * timed + PRIOR_REACTION_SHARE * PRIOR_PROMPTS) / (timed + PRIOR_PROMPTS)
    return (1 - accuracy) + REACTION_WEIGHT * reaction_share


def weakest_moves(needs, count=FOCUS_MOVES):
    """Up to `count` of the moves that need practice clearly more than the average move, weakest first."""
    above = statistics.fmean(needs.values()) + FOCUS_MARGIN
    return sorted((move for move in needs if needs[move] > above), key=lambda move: -needs[move])[:count]


def daily_workout(history, player, moves, seated, day=None):
    """The day's workout (default: today's) as a Level of the `moves` the player can do (seated: no kicks)."""
    day = day or datetime.date.today()
    doable = doable_moves(moves, seated)
    if not doable:
        raise WorkoutError(f"no move to make a workout of among {', '.join(moves) or 'none'}"
                           f"{' (seated: no kicks)' if seated else ''}")
    totals = history.move_totals(player, since=day - datetime.timedelta(days=RECENT_DAYS), until=day)
    needs = {move: move_need(totals.get(move)) for move in doable}
    prompts = round(WORKOUT_S / SECONDS_PER_PROMPT)
    warm_up, cool_down = round(prompts * WARM_UP_SHARE), round(prompts * COOL_DOWN_SHARE)
    rng = random.Random(f"{player}|{day.isoformat()}")  # a str seed is hashed the same in every process
    sequence = []
    for count, section_moves, weights in (
            (warm_up, _gentle(doable, WARM_UP_MAX_MET), None),
            (prompts - warm_up - cool_down, doable, needs),
            (cool_down, _gentle(doable, COOL_DOWN_MAX_MET), None)):
        counts = _apportion(section_moves, count, weights or dict.fromkeys(section_moves, 1.0))
        sequence += _spread(counts, rng, after=sequence[-1] if sequence else None)
    focus = [move.replace("_", " ") for move in weakest_moves(needs)]
    description = (f"Today's workout: more of {' and '.join(focus)}" if focus
                   else "Today's workout: a bit of every move")
    return Level(name=WORKOUT_NAME, description=description, seconds_per_prompt=SECONDS_PER_PROMPT,
                 sequence=sequence, random_moves=[], seated=seated, order=WORKOUT_ORDER, path=None, mode="workout")


def _gentle(moves, max_met):
    """The moves at most max_met, or the lightest there are."""
    return [move for move in moves if met(move) <= max_met] or [
        move for move in moves if met(move) == min(map(met, moves))]


def _apportion(moves, count, weights):
    """{move: prompts}: `count` shared in proportion to the weights by largest remainders, one each first when
    there is room, so a strong move still comes up."""
    counts = dict.fromkeys(moves, 1 if count >= len(moves) else 0)
    left = count - sum(counts.values())
    total = sum(weights[move] for move in moves)
    exact = {move: left * weights[move] / total for move in moves}
    for move in moves:
        counts[move] += int(exact[move])
    by_remainder = sorted(moves, key=lambda move: -(exact[move] - int(exact[move])))  # stable: ties in moves' order
    for move in by_remainder[:count - sum(counts.values())]:
        counts[move] += 1
    return counts


def _spread(counts, rng, after=None):
    """The moves in a random order, never the same move twice running while another is left."""
    left = dict(counts)
    order = []
    previous = after
    while any(left.values()):
        choices = [move for move, n in left.items() if n and move != previous] or [previous]
        move = rng.choices(choices, weights=[left[move] for move in choices])[0]
        left[move] -= 1
        order.append(move)
        previous = move
    return order
