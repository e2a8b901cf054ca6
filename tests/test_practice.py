"""Practice: each move once, in the order of the labels, on to the next when the judge says HIT."""

import os

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.scenes.practice import AGAIN_S, PRAISE_S, TRIES, Practice  # noqa: E402
from tests.fakes import ScriptedTracker, Silent, feed  # noqa: E402

LABELS = ["background", "clap", "kick_left", "punch_left", "wave"]


class FakeApp:
    seated, mirror, practiced = False, True, False

    def __init__(self):
        self.tracker, self.sounds, self.played = ScriptedTracker(), Silent(), None

    def known_moves(self):
        return [label for label in LABELS if label != "background"]

    def now(self):
        return self.tracker.time_s

    def play(self, level):
        self.played = level


def frames(app, scene, seconds, **moves):
    row = np.zeros(len(LABELS))
    for label, p in moves.items():
        row[LABELS.index(label)] = p
    row[0] = 1.0 - row.sum()
    feed(app.tracker, scene, [row] * round(seconds * 30), LABELS)


def test_each_move_in_turn_until_recognised_then_the_level():
    app = FakeApp()
    scene = Practice(app, then="the level")
    assert scene.moves == ["punch_left", "kick_left", "wave", "clap"]  # the labels' order, not the model's
    frames(app, scene, 2.0)  # nothing done yet: still the first move
    assert scene.move == "punch_left"
    frames(app, scene, 1.0, punch_left=1.0)
    frames(app, scene, PRAISE_S + 0.1)
    assert scene.move == "kick_left"
    frames(app, scene, 1.0, wave=1.0)  # another move is no HIT
    assert scene.move == "kick_left"
    for move in ("kick_left", "wave", "clap"):
        frames(app, scene, 1.0, **{move: 1.0})
        frames(app, scene, PRAISE_S + 0.1)
    assert app.played == "the level" and app.practiced


def test_a_move_never_recognised_is_prompted_again_then_left():
    app = FakeApp()
    scene = Practice(app, then="the level")
    frames(app, scene, AGAIN_S * TRIES - 1.0)
    assert scene.move == "punch_left" and app.tracker.prompts == ["punch_left"] * TRIES
    frames(app, scene, 1.1)
    assert scene.move == "kick_left"
