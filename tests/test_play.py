"""The play scene's judging of recognizer events against the prompts, with a scripted tracker."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.levels import Level  # noqa: E402
from game.scenes.play import CARRY_OVER_S, FEEDBACK_S, READY_S, Play  # noqa: E402
from recognizer.runtime.decoder import Event  # noqa: E402


class ScriptedTracker:
    state = "running"

    def __init__(self):
        self.pending = []

    def take_events(self):
        events, self.pending = self.pending, []
        return events

    def view(self):
        return None

    def prompt(self, move, now, time_limit_s):
        pass


class Silent:
    def play(self, name):
        pass


class FakeApp:
    def __init__(self):
        self.tracker, self.sounds, self.finished = ScriptedTracker(), Silent(), None

    def now(self):
        return 0.0

    def finish_level(self, level, scorer):
        self.finished = scorer


def play(sequence):
    app = FakeApp()
    scene = Play(app, Level("T", "", 4.0, sequence, [], False, 1, None))
    scene.update(READY_S)
    assert scene.phase == "prompt"
    return app, scene


def event(label):
    return Event(label, 0.0, 0, 1.0)


def next_prompt(scene):
    scene.update(FEEDBACK_S)
    assert scene.phase == "prompt"


def test_the_previous_moves_event_early_in_a_prompt_is_not_a_wrong_answer():
    app, scene = play(["wave", "clap", "punch_left"])
    app.tracker.pending = [event("wave")]
    scene.update(0.5)
    assert scene.last.hit
    next_prompt(scene)
    app.tracker.pending = [event("wave")]  # the wave still going
    scene.update(0.1)
    assert scene.phase == "prompt" and scene.move == "clap"
    app.tracker.pending = [event("clap")]
    scene.update(0.1)
    assert scene.last.hit and scene.last.move == "clap"


def test_the_previous_move_later_in_a_prompt_or_another_move_is_wrong():
    app, scene = play(["wave", "clap", "punch_left"])
    app.tracker.pending = [event("wave")]
    scene.update(0.5)
    next_prompt(scene)
    scene.update(CARRY_OVER_S)
    app.tracker.pending = [event("wave")]
    scene.update(0.1)
    assert not scene.last.hit and scene.last.got == "wave"
    next_prompt(scene)
    app.tracker.pending = [event("kick_left")]
    scene.update(0.1)
    assert not scene.last.hit and scene.last.got == "kick_left"


def test_a_prompt_repeating_the_previous_move_takes_its_event_at_once():
    app, scene = play(["wave", "wave"])
    app.tracker.pending = [event("wave")]
    scene.update(0.5)
    next_prompt(scene)
    app.tracker.pending = [event("wave")]
    scene.update(0.1)
    assert scene.last.hit and scene.index == 1
