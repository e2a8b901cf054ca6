"""The play scene's judging of prompts from the recognizer's scored frames, with a scripted tracker."""

import os

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.levels import Level  # noqa: E402
from game.scenes.play import FEEDBACK_S, READY_S, Play  # noqa: E402
from recognizer.evaluation import prompted_play  # noqa: E402
from recognizer.runtime.judge import JudgeSettings, PromptJudge  # noqa: E402
from tests.fakes import FRAME_S, ScriptedTracker, Silent, feed  # noqa: E402

LABELS = ["background", "clap", "punch_left", "wave"]


class FakeApp:
    def __init__(self):
        self.tracker, self.sounds, self.finished = ScriptedTracker(), Silent(), None

    def now(self):
        return 0.0

    def finish_level(self, level, scorer):
        self.finished = scorer


def probabilities(**moves):
    row = np.zeros(len(LABELS))
    for label, p in moves.items():
        row[LABELS.index(label)] = p
    row[0] = 1.0 - row.sum()
    return row


def frames(app, scene, rows):
    feed(app.tracker, scene, rows, LABELS)


def play(sequence):
    app = FakeApp()
    scene = Play(app, Level("T", "", 4.0, sequence, [], False, 1, None))
    frames(app, scene, [probabilities()] * int(READY_S * 30 + 2))
    assert scene.phase == "prompt"
    return app, scene


def next_prompt(app, scene):
    frames(app, scene, [probabilities()] * int(FEEDBACK_S * 30 + 2))
    assert scene.phase == "prompt"


def test_the_prompted_move_held_confidently_is_a_hit():
    app, scene = play(["wave", "clap"])
    frames(app, scene, [probabilities(wave=1.0)] * 30)
    assert scene.phase == "feedback" and scene.last.hit and scene.last.move == "wave"


def test_another_move_is_no_wrong_answer_with_the_shipped_settings_and_the_prompt_times_out():
    app, scene = play(["clap", "wave"])
    frames(app, scene, [probabilities(punch_left=1.0)] * 60 + [probabilities()] * 70)
    assert scene.last.grade == "MISS" and scene.index == 0


def test_the_previous_moves_tail_is_no_answer_to_the_same_move_prompted_again():
    app, scene = play(["wave", "wave"])
    frames(app, scene, [probabilities(wave=1.0)] * 30)
    assert scene.last.hit
    frames(app, scene, [probabilities(wave=1.0)] * int(FEEDBACK_S * 30 + 10))  # the wave goes on into the prompt
    assert scene.phase == "prompt" and scene.index == 1
    frames(app, scene, [probabilities()] * 10 + [probabilities(wave=1.0)] * 30)
    assert scene.last.hit and scene.index == 1


def test_the_play_scene_judges_with_the_judge_that_prompted_play_measures():
    app, scene = play(["punch_left"])
    rows = [probabilities(punch_left=p) for p in np.linspace(0.0, 1.0, 20)] + [probabilities(punch_left=1.0)] * 30
    frames(app, scene, rows)
    assert scene.last.hit
    assert type(scene.judge.judge) is PromptJudge and scene.judge.judge.settings == JudgeSettings()
    evaluated, _ = prompted_play.make_judge("prompt", LABELS)
    assert type(evaluated) is PromptJudge and evaluated.settings == scene.judge.judge.settings
    # The same frames through the evaluation's judge: the verdict on the same frame.
    evaluated.open("punch_left")
    verdict_frames = [f for f, row in enumerate(rows) if evaluated.update(f * FRAME_S, row) is not None]
    hit_after_s = scene.last.reaction_ms / 1000
    # The scene's clock starts at the update that opens the prompt, a frame or two from the judge's.
    assert verdict_frames and abs(verdict_frames[0] * FRAME_S - hit_after_s) <= 2.5 * FRAME_S
