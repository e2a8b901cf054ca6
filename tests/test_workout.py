"""The daily workout: about five minutes, gentle at both ends, more of the moves the history says are weak."""

import datetime
from collections import Counter

import pytest

from game import workout
from game.history import HISTORY_FILE, History, LevelRecord, MoveStats, PromptRecord, met
from game.levels import KICKS
from recognizer.runtime.labels import ACTIONS

TODAY = datetime.date(2024, 5, 10)


@pytest.fixture
def history(tmp_path):
    with History(tmp_path / HISTORY_FILE).open() as opened:
        yield opened


def play(history, day, results, player="ann"):
    """Record a level of (move, hits, misses, reaction share of a 4 s prompt) on `day`."""
    prompts = []
    for move, hits, misses, share in results:
        prompts += [PromptRecord(move, "GOOD", True, share * 4000, 3.0, 4.0)] * hits
        prompts += [PromptRecord(move, "MISS", False, None, 3.0, 4.0)] * misses
    history.record(LevelRecord(player, "Mix It Up", "level", datetime.datetime.combine(day, datetime.time(18)),
                               120.0, 0, prompts))


def sections(level):
    """(warm-up, main set, cool-down) of a workout's sequence."""
    count = len(level.sequence)
    warm_up, cool_down = round(count * workout.WARM_UP_SHARE), round(count * workout.COOL_DOWN_SHARE)
    return level.sequence[:warm_up], level.sequence[warm_up:count - cool_down], level.sequence[count - cool_down:]


def test_weak_moves_come_up_more_often_than_strong_ones(history):
    yesterday = TODAY - datetime.timedelta(days=1)
    play(history, yesterday, [("kick_left", 3, 12, 0.7), ("kick_right", 15, 0, 0.3),  # a weak and a strong kick
                              ("wave", 5, 10, 0.6), ("clap", 15, 0, 0.25),  # a weak and a strong gentle move
                              ("punch_left", 10, 2, 0.4), ("punch_right", 10, 2, 0.4), ("flap", 10, 2, 0.4)])
    level = workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY)
    counts = Counter(level.sequence)
    assert counts["kick_left"] > counts["kick_right"] and counts["wave"] > counts["clap"]
    main = Counter(sections(level)[1])
    assert main["kick_left"] >= 2 * main["kick_right"]
    assert main["kick_right"] >= 1  # a strong move still comes up
    assert level.description == "Today's workout: more of kick left and wave"


def test_slow_answers_count_as_weak_too(history):
    play(history, TODAY - datetime.timedelta(days=2), [("punch_left", 20, 0, 0.8), ("punch_right", 20, 0, 0.2)])
    main = Counter(sections(workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY))[1])
    assert main["punch_left"] > main["punch_right"]


def test_a_move_never_played_counts_as_needing_practice():
    never = workout.move_need(None)
    mastered = workout.move_need(MoveStats("clap", None, 40, 40, 800.0, 0.2))
    lucky_once = workout.move_need(MoveStats("wave", None, 1, 1, 800.0, 0.2))
    hopeless = workout.move_need(MoveStats("flap", None, 40, 0, None, None))
    assert mastered < lucky_once < never < hopeless  # one lucky hit is not mastery, nor is no data hopeless


def test_an_empty_history_gives_a_balanced_workout(history):
    level = workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY)
    counts = Counter(sections(level)[1])
    assert set(counts) == set(ACTIONS)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert level.description == "Today's workout: a bit of every move"


def test_it_lasts_about_five_minutes_gentle_at_both_ends(history):
    level = workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY)
    assert 270 <= len(level.sequence) * level.seconds_per_prompt <= 330
    warm_up, main, cool_down = sections(level)
    assert warm_up and cool_down
    assert not set(warm_up) & set(KICKS)
    assert max(map(met, cool_down)) < min(map(met, KICKS + ("punch_left", "punch_right")))
    assert set(KICKS) <= set(main)
    assert level.mode == "workout" and level.path is None


def test_seated_has_no_kicks(history):
    play(history, TODAY - datetime.timedelta(days=1), [("kick_left", 0, 20, 0.5)])  # kicks that need work
    level = workout.daily_workout(history, "ann", ACTIONS, seated=True, day=TODAY)
    assert level.seated and not set(level.sequence) & set(KICKS)
    assert set(level.sequence) == set(ACTIONS) - set(KICKS)


def test_the_same_workout_all_day_and_another_tomorrow(history):
    play(history, TODAY - datetime.timedelta(days=3), [("wave", 2, 8, 0.5), ("clap", 9, 1, 0.3)])
    morning = workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY)
    play(history, TODAY, [("wave", 20, 0, 0.2)])  # today's plays count from tomorrow
    assert workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY).sequence == morning.sequence
    tomorrow = workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY + datetime.timedelta(days=1))
    assert tomorrow.sequence != morning.sequence


def test_only_recent_days_and_this_players_plays_count(history):
    play(history, TODAY - datetime.timedelta(days=workout.RECENT_DAYS + 1), [("wave", 0, 30, 0.5)])
    play(history, TODAY - datetime.timedelta(days=1), [("clap", 0, 30, 0.5)], player="bob")
    level = workout.daily_workout(history, "ann", ACTIONS, seated=False, day=TODAY)
    assert level.description == "Today's workout: a bit of every move"


def test_no_move_to_do_is_an_error_that_says_so(history):
    with pytest.raises(workout.WorkoutError, match="seated"):
        workout.daily_workout(history, "ann", list(KICKS), seated=True, day=TODAY)
