"""The prompt judge on probability streams worked by hand, and the first-event judge it replaced."""

import numpy as np
import pytest

from recognizer.errors import SettingsError
from recognizer.runtime.decoder import Event
from recognizer.runtime.judge import HIT, WRONG, FirstEventJudge, JudgeSettings, PromptJudge

LABELS = ["background", "punch_right", "wave"]
# No smoothing to speak of, so each frame's probabilities are what the judge compares.
RAW = JudgeSettings(hit_on=0.6, wrong_on=0.9, rearm=0.3, smoothing_s=1e-6)


def row(punch=0.0, wave=0.0):
    return np.array([1.0 - punch - wave, punch, wave])


def run(judge, rows, start_s=0.0, fps=30.0):
    """(frame, verdict) of the first verdict over rows from start_s on (frames counted from 0), or None."""
    for frame, probabilities in enumerate(rows):
        verdict = judge.update(start_s + frame / fps, probabilities, frame=frame)
        if verdict is not None:
            return frame, verdict
    return None


def test_the_prompted_move_is_a_hit_at_hit_on_and_another_needs_wrong_on():
    judge = PromptJudge(LABELS, RAW)
    judge.open("punch_right")
    frame, verdict = run(judge, [row(), row(punch=0.5), row(punch=0.65), row(punch=1.0)])
    assert (frame, verdict.verdict, verdict.label) == (2, HIT, "punch_right")
    judge.open("punch_right")  # a wave as sure as that hit is not yet a WRONG; a surer one is
    frame, verdict = run(judge, [row(wave=0.65), row(wave=0.85), row(wave=0.95)], start_s=1.0)
    assert (frame, verdict.verdict, verdict.label) == (2, WRONG, "wave")


def test_nothing_is_judged_while_no_prompt_is_open_or_after_a_verdict():
    judge = PromptJudge(LABELS, RAW)
    assert run(judge, [row(punch=1.0)] * 3) is None
    judge.open("punch_right")
    assert run(judge, [row(punch=1.0)], start_s=1.0)[1].verdict == HIT
    assert run(judge, [row(punch=1.0)] * 3, start_s=2.0) is None


def test_the_previous_prompts_move_counts_only_after_it_fell_below_rearm():
    judge = PromptJudge(LABELS, RAW)
    judge.update(0.0, row(wave=1.0))
    judge.open("wave", previous="wave")  # the same move prompted again, the last one still under way
    frame, verdict = run(judge, [row(wave=0.9), row(wave=0.5), row(wave=0.2), row(wave=0.7)], start_s=1.0)
    assert (frame, verdict.verdict) == (3, HIT)
    judge.open("punch_right", previous="wave")  # its tail is no WRONG answer to the next prompt
    assert run(judge, [row(wave=0.95)] * 3, start_s=2.0) is None


def test_a_body_out_of_view_is_not_judged_and_starts_the_smoothing_afresh():
    judge = PromptJudge(LABELS, JudgeSettings(hit_on=0.6, wrong_on=0.9, rearm=0.3, smoothing_s=0.1))
    judge.open("punch_right")
    judge.update(0.0, row())
    assert judge.update(1 / 30, None, visible=False) is None and judge.smoothed is None
    # After the gap the first frame is taken as it is, not blended with what came before.
    assert judge.update(2 / 30, row(punch=0.7)).verdict == HIT


def test_time_going_back_starts_a_new_stream():
    judge = PromptJudge(LABELS, JudgeSettings(hit_on=0.6, wrong_on=0.9, rearm=0.3, smoothing_s=10.0))
    judge.update(5.0, row())
    judge.update(0.0, row(punch=1.0))
    assert judge.smoothed[1] == 1.0


def test_smoothing_follows_time_not_frames():
    settings = JudgeSettings(hit_on=0.6, wrong_on=0.9, rearm=0.3, smoothing_s=0.1)
    slow, fast = PromptJudge(LABELS, settings), PromptJudge(LABELS, settings)
    for judge, fps in ((slow, 15.0), (fast, 60.0)):
        judge.update(0.0, row())
        for frame in range(1, int(fps * 0.2) + 1):
            judge.update(frame / fps, row(punch=1.0))
    # After 0.2 s of certainty, 1 - exp(-2) either way.
    assert slow.smoothed[1] == pytest.approx(1 - np.exp(-2)) and fast.smoothed[1] == pytest.approx(1 - np.exp(-2))


@pytest.mark.parametrize("name, value", [("hit_on", 0.0), ("hit_on", 1.5), ("wrong_on", -1.0), ("rearm", 2.0),
                                         ("smoothing_s", 0.0)])
def test_settings_out_of_range_are_named(name, value):
    with pytest.raises(SettingsError, match=f"judge setting {name} must be"):
        JudgeSettings(**{name: value})


def test_the_first_event_judge_takes_the_first_event_but_not_the_previous_moves_early_tail():
    judge = FirstEventJudge()
    judge.open("punch_right", previous="wave")
    assert judge.update(0.0, row(), event=Event("wave", 0.0, 0, 0.96)) is None  # carried over
    verdict = judge.update(1.2, row(), event=Event("wave", 1.2, 36, 0.96))
    assert (verdict.verdict, verdict.label) == (WRONG, "wave")
    judge.open("punch_right", previous="wave")
    assert judge.update(2.0, row(), event=Event("punch_right", 2.0, 60, 0.97)).verdict == HIT
