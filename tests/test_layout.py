"""Every scene drawn, frame by frame, with no words on top of other words: the game's own run through its screens
(the demo's player on the virtual clock), each frame's text boxes checked against each other."""

import itertools
import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game import ui  # noqa: E402
from game.app import App  # noqa: E402
from game.autopilot import Autopilot  # noqa: E402
from game.options import build_parser  # noqa: E402
from game.sample_history import fill  # noqa: E402

TOLERANCE = 2  # pixels two text boxes may share (a line's box includes its spacing)


def overlaps(boxes):
    """The pairs of text boxes that overlap by more than TOLERANCE each way."""
    found = []
    for (a, words_a), (b, words_b) in itertools.combinations(boxes, 2):
        clip = a.clip(b)
        if clip.width > TOLERANCE and clip.height > TOLERANCE:
            found.append((words_a, words_b))
    return found


class Watch:
    """Steps the game and checks the words of every frame drawn; `scenes` names each scene (and phase) seen."""

    def __init__(self, app):
        self.app, self.scenes, self.faults = app, set(), []

    def step(self, frames=1):
        for _ in range(frames):
            ui.drawn = []
            self.app.step()
            name = self.app.scene.name + (f"/{self.app.scene.phase}" if hasattr(self.app.scene, "phase") else "")
            if name not in self.scenes or self.app.clock.now() % 0.25 < 1 / 60:  # each scene's first, then 4 a second
                self.scenes.add(name)
                self.faults += [(name, pair) for pair in overlaps(ui.drawn)]
            ui.drawn = None

    def until(self, condition, limit=20000):
        for _ in range(limit):
            if condition():
                return
            self.step()
        raise AssertionError(f"never got there, in {self.app.scene.name}")


def watched(tmp_path, *options):
    pygame.display.init()
    pygame.font.init()
    args = build_parser().parse_args(["--demo", "--virtual-clock", "--seed", "2", "--player", "Sam",
                                      "--data-dir", str(tmp_path / "data"), *options])
    app = App(args)
    fill(app.history, "Sam", 6, 1, app.levels)  # a week of plays for Progress and the daily workout
    return Watch(app)


@pytest.fixture
def game(tmp_path):
    watch = watched(tmp_path, "--teach-repetitions", "1")
    yield watch
    watch.app.close()


@pytest.fixture
def family_game(tmp_path):
    watch = watched(tmp_path, "--players", "2", "--player2", "Ann")
    yield watch
    watch.app.close()


def test_no_scene_draws_words_over_words(game):
    app = game.app
    game.until(lambda: app.scene.name == "menu")
    game.step(3)
    app.scene.selected = len(app.scene.levels()) - 1  # scrolled to the last row
    game.step(3)
    for go in (app.how_to_play, app.progress):
        go()
        game.step(3)
        app.to_menu()
    app.calibrate(then=next(level for level in app.levels if level.rhythm))
    game.until(lambda: app.scene.name == "practice")
    game.until(lambda: app.scene.name == "rhythm")
    game.until(lambda: app.scene.name == "results")
    game.step(3)
    app.play(next(level for level in app.levels if not level.rhythm and len(level.sequence) <= 10))
    game.until(lambda: app.scene.name == "results")
    app.autopilot = Autopilot()  # keys pressed as a player would, through teach mode to its end
    app.teach()
    game.until(lambda: app.scene.name == "menu")
    from game.scenes.stopped import Stopped
    app.switch(Stopped(app, "Recognition stopped: a test's own words, long enough to need more than one line of "
                            "the screen to say what went wrong"))
    game.step(3)
    seen = game.scenes | {name.split("/")[0] for name in game.scenes}
    assert {"menu", "how_to_play", "progress", "calibration", "practice/still", "practice/move", "practice/learnt",
            "rhythm", "results", "play_prompt", "play_feedback", "teach_review", "stopped"} <= seen, game.scenes
    assert not game.faults, sorted(set(game.faults))[:10]


def test_no_family_scene_draws_words_over_words(family_game):
    """Two players: the menu, each player's Progress, calibration for two, a Versus level and a Co-op rhythm level
    to their results."""
    game, app = family_game, family_game.app
    game.until(lambda: app.scene.name == "menu")
    game.step(3)
    app.progress()
    game.step(3)
    app.scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB))  # the other player's Progress
    assert app.scene.player == "Ann"
    game.step(3)
    app.to_menu()
    app.calibrate(then=next(level for level in app.levels if not level.rhythm and len(level.sequence) <= 10))
    game.until(lambda: app.scene.name == "play")
    game.until(lambda: app.scene.name == "results")
    game.step(3)
    app.to_menu()
    app.scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v))
    assert app.family_mode == "co-op"
    game.step(3)
    app.play(next(level for level in app.levels if level.rhythm))
    game.until(lambda: app.scene.name == "results")
    game.step(3)
    seen = game.scenes | {name.split("/")[0] for name in game.scenes}
    assert {"menu", "progress", "calibration", "play_prompt", "play_feedback", "rhythm", "results"} <= seen, \
        game.scenes
    assert not game.faults, sorted(set(game.faults))[:10]
