"""The move figures: sides as in the camera view, a loop that repeats, and the How to play screen."""

import os

import numpy as np
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from game import theme, ui  # noqa: E402
from game.figures import LEAD_IN_S, MoveFigure  # noqa: E402
from game.scenes.how_to_play import COLUMNS, HowToPlay  # noqa: E402
from game.virtual_player import ALL_MOVES, keyframes  # noqa: E402
from recognizer.runtime.skeleton import J  # noqa: E402

RECT = pygame.Rect(0, 0, 400, 300)


def action_point_points(move, mirror):
    """Screen points of the figure at its (first) action point."""
    figure = MoveFigure(move)
    return ui.screen_points(figure.points(LEAD_IN_S - keyframes(move)[0][0]), RECT, mirror)


@pytest.mark.parametrize("move, side", [("punch_right", "right"), ("punch_left", "left"), ("kick_right", "right"),
                                        ("kick_left", "left")])
def test_a_figure_shows_a_side_where_the_player_sees_their_own_in_the_mirrored_view(move, side):
    limb = J[f"{side}_wrist"] if move.startswith("punch") else J[f"{side}_ankle"]
    mirrored, plain = action_point_points(move, True), action_point_points(move, False)
    centre = mirrored[J["mid_hip"], 0]
    # A mirror shows the player's right on the right; the camera's own view shows it on the left.
    assert (mirrored[limb, 0] > centre) == (side == "right")
    assert (plain[limb, 0] > plain[J["mid_hip"], 0]) == (side == "left")


@pytest.mark.parametrize("move", ALL_MOVES)
def test_a_figure_moves_and_repeats(move):
    figure = MoveFigure(move)
    times = np.linspace(0, figure.period, 40, endpoint=False)
    tracks = np.stack([figure.points(t) for t in times])
    assert np.ptp(tracks, axis=0).max() > 0.05  # some joint travels a twentieth of the frame
    np.testing.assert_allclose(figure.points(0.4), figure.points(0.4 + 3 * figure.period), atol=1e-9)


def test_a_players_own_move_has_no_figure():
    assert MoveFigure.of("my_dance") is None and MoveFigure.of("wave") is not None


class FakeApp:
    seated, mirror = False, True

    def known_moves(self):
        return list(ALL_MOVES) + ["my_dance"]


def test_how_to_play_draws_a_moving_figure_for_every_move():
    pygame.font.init()
    screen = pygame.Surface((1280, 720))
    scene = HowToPlay(FakeApp())
    assert sorted(scene.moves) == sorted(ALL_MOVES)  # a custom move has no figure to show
    scene.draw(screen)
    first = pygame.surfarray.array3d(screen).copy()
    scene.update(0.5)
    scene.draw(screen)
    second = pygame.surfarray.array3d(screen)
    cell_width, cell_height = (1280 - 40) // COLUMNS, (720 - 200) // 2
    for index in range(len(scene.moves)):
        left, top = 20 + (index % COLUMNS) * cell_width, 180 + (index // COLUMNS) * cell_height
        before, after = first[left:left + cell_width - 10, top:top + cell_height - 100], \
            second[left:left + cell_width - 10, top:top + cell_height - 100]
        assert (np.all(before == theme.ACCENT, axis=-1)).sum() > 100, scene.moves[index]  # the figure is drawn
        assert (before != after).any(), scene.moves[index]  # and moves
