"""Practice: standing still, then each move once, in the order of the labels; every attempt goes to the player's
profile to learn from; then what was learnt, then the level."""

import os

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.scenes.practice import AGAIN_S, LEARNT_S, PRAISE_S, STILL_S, TRIES, Practice  # noqa: E402
from tests.fakes import FakePlayer, ScriptedTracker, Silent, feed  # noqa: E402

LABELS = ["background", "clap", "kick_left", "punch_left", "wave"]
STANDING = np.zeros((15, 3), np.float32)


class FakeApp:
    seated, mirror, practiced = False, True, False

    def __init__(self, keeps=True):
        self.tracker, self.sounds, self.played = ScriptedTracker(), Silent(), None
        self.player = FakePlayer(keeps)

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
    n = round(seconds * 30)
    feed(app.tracker, scene, [row] * n, LABELS, [STANDING] * n)


def test_standing_still_then_each_move_in_turn_then_what_was_learnt_then_the_level():
    app = FakeApp()
    scene = Practice(app, then="the level")
    assert scene.moves == ["punch_left", "kick_left", "wave", "clap"]  # the labels' order, not the model's
    assert scene.phase == "still" and app.tracker.prompts == []
    frames(app, scene, STILL_S + 0.1)
    assert app.player.idle == 1 and scene.move == "punch_left" and app.tracker.prompts == ["punch_left"]
    frames(app, scene, 2.0)  # nothing done yet: still the first move
    assert scene.move == "punch_left" and app.player.learnt_moves == []
    frames(app, scene, 1.0, punch_left=1.0)
    assert app.player.learnt_moves == ["punch_left"] and scene.phase == "praise"
    frames(app, scene, PRAISE_S + 0.1)
    assert scene.move == "kick_left"
    for move in ("kick_left", "wave", "clap"):
        frames(app, scene, 1.0, **{move: 1.0})
        frames(app, scene, PRAISE_S + 0.1)
    assert app.player.learnt_moves == scene.moves and scene.phase == "learnt" and app.played is None
    frames(app, scene, LEARNT_S)
    assert app.played == "the level" and app.practiced


def test_a_move_the_model_misses_but_the_body_shows_is_learnt_and_practice_goes_on():
    app = FakeApp(keeps=True)
    scene = Practice(app, then="the level")
    frames(app, scene, STILL_S + 0.1)
    frames(app, scene, AGAIN_S + 0.1)  # no HIT: the attempt is taken as it is, and the player's form kept it
    assert app.player.learnt_moves == ["punch_left"] and scene.phase == "praise"
    frames(app, scene, PRAISE_S + 0.1)
    assert scene.move == "kick_left" and app.tracker.prompts == ["punch_left", "kick_left"]


def test_a_move_never_recognised_nor_kept_is_prompted_again_then_left():
    app = FakeApp(keeps=False)
    scene = Practice(app, then="the level")
    frames(app, scene, STILL_S + 0.1)
    frames(app, scene, AGAIN_S * TRIES - 1.0)
    assert scene.move == "punch_left" and app.tracker.prompts == ["punch_left"] * TRIES
    frames(app, scene, 1.2)
    assert scene.move == "kick_left" and app.player.learnt_moves == ["punch_left"] * TRIES
