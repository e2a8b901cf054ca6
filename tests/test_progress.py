"""The progress screen, drawn from a history filled by game.sample_history: its figures against the same figures
worked out from the plays by hand, and its charts' bars on the screen."""

import datetime
import os
import statistics
from collections import defaultdict
from types import SimpleNamespace

import numpy as np
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from game import (
    sample_history,  # noqa: E402
    theme,  # noqa: E402
)
from game.history import DEFAULT_WEIGHT_KG, HISTORY_FILE, History, met  # noqa: E402
from game.levels import RANDOM, Level  # noqa: E402
from game.scenes.progress import ACCURACY_COLOR, CHART_DAYS, Progress  # noqa: E402
from game.workout import WORKOUT_NAME  # noqa: E402
from recognizer.runtime.labels import ACTIONS  # noqa: E402

TODAY = datetime.date(2024, 5, 10)
DAYS = 5
LEVELS = [Level(name="Arms", description="", seconds_per_prompt=4.0, sequence=[RANDOM] * 12,
                random_moves=["punch_left", "punch_right", "wave", "clap"], seated=False, order=1, path=None),
          Level(name="Legs", description="", seconds_per_prompt=3.0, sequence=["kick_left", "kick_right"] * 5,
                seated=False, random_moves=[], order=2, path=None),
          Level(name="Beat", description="", seconds_per_prompt=2.0, sequence=[RANDOM] * 8, seated=False,
                random_moves=["punch_left", "clap"], order=3, path=None, bpm=120.0, mode="rhythm")]


class FakeApp:
    """What the progress screen asks of the app."""

    def __init__(self, history, player="ann"):
        self.history, self.player, self.seated = history, SimpleNamespace(name=player), False
        self.played = None

    def known_moves(self):
        return list(ACTIONS)

    def play(self, level):
        self.played = level


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """(history, the LevelRecords saved): DAYS days of ann's plays up to TODAY, and a day of bob's."""
    pygame.font.init()
    with History(tmp_path_factory.mktemp("data") / HISTORY_FILE).open() as history:
        records = sample_history.fill(history, "ann", DAYS, seed=3, levels=LEVELS, today=TODAY)
        sample_history.fill(history, "bob", 1, seed=4, levels=LEVELS, today=TODAY)
        yield history, records


def drawn(scene):
    screen = pygame.Surface((1280, 720))
    scene.draw(screen)
    return screen


def test_the_figures_are_those_of_the_players_plays(filled):
    history, records = filled
    scene = Progress(FakeApp(history), today=TODAY)
    assert {record.mode for record in records} >= {"level", "workout", "endless", "rhythm"}
    assert scene.days_played == len({record.started_at.date() for record in records}) == DAYS
    assert scene.streak == DAYS
    assert scene.active_minutes == pytest.approx(sum(record.duration_s for record in records) / 60)
    by_hand = sum(statistics.fmean(met(p.move) for p in record.prompts) * DEFAULT_WEIGHT_KG * record.duration_s / 3600
                  for record in records)
    assert scene.energy_kcal == pytest.approx(by_hand)
    assert Progress(FakeApp(history), today=TODAY + datetime.timedelta(days=2)).streak == 0


def test_each_move_and_day_has_the_accuracy_and_median_reaction_of_its_prompts(filled):
    history, records = filled
    prompts = defaultdict(list)
    for record in records:
        for prompt in record.prompts:
            prompts[prompt.move, record.started_at.date()].append(prompt)
    scene = Progress(FakeApp(history), today=TODAY)
    assert set(scene.stats) == set(prompts)
    for key, stats in scene.stats.items():
        hits = [prompt.reaction_ms for prompt in prompts[key] if prompt.hit]
        assert stats.accuracy == pytest.approx(len(hits) / len(prompts[key]))
        assert stats.median_reaction_ms == (pytest.approx(statistics.median(hits)) if hits else None)


def test_the_charts_have_a_bar_as_tall_as_each_days_accuracy_and_none_on_days_not_played(filled):
    history, _ = filled
    scene = Progress(FakeApp(history), today=TODAY)
    screen = drawn(scene)
    assert set(scene.plots) == {move for move, _ in scene.stats}
    assert set(scene.bars) == set(scene.stats)
    for (move, day), bar in scene.bars.items():
        plot = scene.plots[move]
        assert plot.contains(bar) and bar.bottom == plot.bottom
        assert bar.height == round(scene.stats[move, day].accuracy * plot.height)
        filled_pixels = sum(screen.get_at((x, y))[:3] == ACCURACY_COLOR
                            for x in range(bar.left, bar.right) for y in range(bar.top, bar.bottom))
        assert filled_pixels >= 0.7 * bar.width * bar.height  # the reaction line crosses some
    for plot in scene.plots.values():
        unplayed = plot.left + plot.width * (CHART_DAYS - DAYS) // CHART_DAYS  # the days before the first play
        assert not any(screen.get_at((x, y))[:3] == ACCURACY_COLOR
                       for x in range(plot.left + 1, unplayed - 1) for y in range(plot.top, plot.bottom))


def test_drawing_uses_what_was_read_at_construction_and_never_the_history(filled):
    history, _ = filled
    app = FakeApp(history)
    scene = Progress(app, today=TODAY)

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"history.{name} read while drawing")

    app.history = Untouchable()
    first, second = drawn(scene), drawn(scene)
    assert pygame.image.tobytes(first, "RGB") == pygame.image.tobytes(second, "RGB")


def test_enter_starts_the_daily_workout(filled):
    history, _ = filled
    app = FakeApp(history)
    scene = Progress(app, today=TODAY)
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN))
    assert app.played is scene.workout and app.played.name == WORKOUT_NAME
    assert scene.workout.description.startswith("Today's workout: more of ")


def test_an_empty_history_shows_zeros_and_no_charts(tmp_path):
    pygame.font.init()
    with History(tmp_path / HISTORY_FILE).open() as history:
        scene = Progress(FakeApp(history, player="new"), today=TODAY)
        screen = drawn(scene)
    assert (scene.days_played, scene.streak, scene.active_minutes, scene.energy_kcal) == (0, 0, 0, 0)
    assert scene.plots == {} and scene.bars == {}
    title = pygame.surfarray.array3d(screen)[:, :80]  # the title's band: its words in the accent colour
    assert (np.abs(title - np.array(theme.ACCENT)).sum(axis=-1) < 30).sum() > 500
