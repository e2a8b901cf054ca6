"""python -m game.sample_history: fill a player's history with plausible plays, for screenshots and tests.

The plays cover the last days, the player getting more accurate and quicker day by day, over the level files,
Endless, a rhythm level and the daily workout.
"""

import argparse
import datetime
import random
import sys
from pathlib import Path

from game.history import HISTORY_FILE, History, LevelRecord, PromptRecord
from game.levels import DEFAULT_LEVEL_DIR, RANDOM, Level, load_levels
from game.pace import ENDLESS_LIVES
from game.scoring import Scorer
from game.workout import daily_workout
from recognizer.errors import MoveMatchError
from recognizer.runtime.labels import ACTIONS

# A new player's accuracy by move (kicks and flaps are the hardest to get recognised), and how it grows.
FIRST_DAY_ACCURACY = {"punch_left": 0.7, "punch_right": 0.75, "kick_left": 0.45, "kick_right": 0.5, "wave": 0.65,
                      "clap": 0.8, "flap": 0.55}
DAILY_ACCURACY_GAIN = 0.04
BEST_ACCURACY = 0.97
# Typical reaction times: the first day's, the daily gain and the quickest; each hit's is spread about them.
FIRST_DAY_REACTION_S = 1.6
DAILY_REACTION_GAIN_S = 0.1
QUICKEST_REACTION_S = 0.7
REACTION_SPREAD = 0.25  # lognormal sigma
WRONG_MOVE_SHARE = 0.3  # of the misses: another move came instead of none
# Besides the level files, one play a day of the daily workout, Endless or a rhythm level, in turn.
ENDLESS = Level(name="Endless", description="", seconds_per_prompt=3.0, sequence=[RANDOM] * 60,
                random_moves=list(ACTIONS), seated=False, order=0, path=None, mode="endless")
RHYTHM_GRADES = {"OK": "LATE"}  # a rhythm level calls a hit near the end of its beat late
# About the play scene's lead-in before the first prompt and its pause after each answer.
LEAD_IN_S = 3.0
PAUSE_S = 1.0
# Coaching lines for a miss, by kind of move, and for another move instead.
MISS_COACHING = {"punch": "Punch straight out in front, arm all the way", "kick": "Lift the knee first, then kick",
                 "clap": "Bring both hands together in front of your chest",
                 "wave": "Hand above the shoulder, then wave", "flap": "Both arms out to the sides, up and down"}
WRONG_COACHING = "Another move came: watch the prompt"


class SampleHistoryError(MoveMatchError):
    """A history file that cannot be filled."""


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m game.sample_history", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    # No default: a player's own data folder should never get made-up plays by accident.
    parser.add_argument("--data-dir", required=True, help=f"the folder whose {HISTORY_FILE} gets the plays")
    parser.add_argument("--player", default="Player", help="whose plays they are")
    parser.add_argument("--days", type=int, default=7, help="days of plays, ending today")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument("--levels", default=str(DEFAULT_LEVEL_DIR), help="folder of level files (*.toml)")
    return parser


def fill(history, player, days, seed, levels, today=None):
    """Record `days` days of plays ending `today` (a date); returns the LevelRecords saved, in order.

    Raises SampleHistoryError when the history cannot save (its message says why).
    """
    today = today or datetime.date.today()
    rng = random.Random(seed)
    saved = []
    for index in range(days):
        # Day by day, each recorded before the next is made: the workout is drawn on the days before its own.
        for record in _day_of_plays(history, player, today - datetime.timedelta(days=days - 1 - index), index,
                                    levels, rng):
            if not history.record(record):
                raise SampleHistoryError(history.message)
            saved.append(record)
    return saved


def _day_of_plays(history, player, day, index, levels, rng):
    """Two to four of the level files and, in turn, the daily workout, Endless or a rhythm level, one after another
    from an evening hour."""
    rhythm = [level for level in levels if level.rhythm]
    plain = [level for level in levels if not level.rhythm]
    plays = rng.sample(plain, rng.randint(min(2, len(plain)), min(4, len(plain))))
    other = daily_workout(history, player, ACTIONS, seated=False, day=day) if index % 3 == 0 else (
        ENDLESS if index % 3 == 1 or not rhythm else rng.choice(rhythm))
    plays.insert(rng.randint(0, len(plays)), other)
    started_at = datetime.datetime.combine(day, datetime.time(17)) + datetime.timedelta(minutes=rng.randint(0, 180))
    records = []
    for level in plays:
        records.append(_play(player, level, index, rng, started_at))
        started_at += datetime.timedelta(seconds=records[-1].duration_s + rng.randint(30, 120))
    return records


def _play(player, level, day_index, rng, started_at):
    """One play of the level by a player on their `day_index`th day, scored by the game's own Scorer."""
    seconds = level.seconds_per_prompt
    scorer = Scorer(seconds)
    clock, prompts = LEAD_IN_S, []
    for move in level.prompts(rng):
        outcome, used_s = _answer(scorer, move, seconds, day_index, rng)
        grade = RHYTHM_GRADES.get(outcome.grade, outcome.grade) if level.mode == "rhythm" else outcome.grade
        coaching = None if outcome.hit else WRONG_COACHING if grade == "WRONG" else MISS_COACHING[move.split("_")[0]]
        prompts.append(PromptRecord(move, grade, outcome.hit, outcome.reaction_ms, clock, seconds, coaching,
                                    outcome.points))
        clock += used_s + PAUSE_S
        if level.mode == "endless" and sum(not prompt.hit for prompt in prompts) == ENDLESS_LIVES:
            break
    return LevelRecord(player, level.name, level.mode, started_at, clock, scorer.score, prompts)


def _answer(scorer, move, seconds, day_index, rng):
    """(the Outcome, the seconds the prompt took) of a player of that many days' practice."""
    accuracy = min(BEST_ACCURACY, FIRST_DAY_ACCURACY[move] + DAILY_ACCURACY_GAIN * day_index)
    if rng.random() < accuracy:
        typical_s = max(QUICKEST_REACTION_S, FIRST_DAY_REACTION_S - DAILY_REACTION_GAIN_S * day_index)
        reaction_s = min(0.95 * seconds, typical_s * rng.lognormvariate(0, REACTION_SPREAD))
        return scorer.hit(move, reaction_s), reaction_s
    if rng.random() < WRONG_MOVE_SHARE:
        instead = rng.choice([other for other in ACTIONS if other != move])
        return scorer.wrong(move, instead), rng.uniform(0.4, 0.9) * seconds
    return scorer.timeout(move), seconds


def main(argv=None):
    args = build_parser().parse_args(argv)
    levels, errors = load_levels(args.levels)
    for error in errors:
        print(error, file=sys.stderr)
    if not levels:
        print(f"error: no level files to play in {args.levels}", file=sys.stderr)
        return 2
    path = Path(args.data_dir) / HISTORY_FILE
    with History(path).open() as history:
        if history.message:
            print(history.message, file=sys.stderr)
        try:
            saved = fill(history, args.player, args.days, args.seed, levels)
        except SampleHistoryError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print(f"{path}: {len(saved)} plays ({sum(len(record.prompts) for record in saved)} prompts) "
          f"for {args.player} over {args.days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
