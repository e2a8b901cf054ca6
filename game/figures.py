"""Figures that show how a move is done: the demo's virtual player performing it on a loop.

Drawn like the player's own skeleton in the camera view (mirrored when the view is), so a punch with
the right hand is on the side where the player sees their own right hand.
"""

import numpy as np

from recognizer.runtime.skeleton import J

from . import theme, ui
from .virtual_player import ALL_MOVES, Performance, VirtualPlayer, image_points, keyframes

LEAD_IN_S = 0.3  # standing still before the move starts, each loop
PAUSE_S = 0.7  # and after it ends, so that one loop reads as one move
MARGIN = 0.06  # around the space the figure uses in its loop, as a share of that space
# How each move is done, in a line (the figure shows the rest).
TIPS = {"punch_left": "Punch straight at the camera with your left fist",
        "punch_right": "Punch straight at the camera with your right fist",
        "kick_left": "Knee up, then kick forward with your left foot",
        "kick_right": "Knee up, then kick forward with your right foot",
        "wave": "Right hand up beside your head, wave it side to side",
        "clap": "Clap your hands in front of your chest, three times",
        "flap": "Arms out to the sides, flap them up and down like wings"}


class MoveFigure:
    """One move performed by the virtual player at its plain size and speed, repeated for ever."""

    def __init__(self, move):
        self.move = move
        self._player = VirtualPlayer(seed=0)
        action_time = LEAD_IN_S - keyframes(move)[0][0]
        performance = Performance(move, action_time, size=1.0, speed=1.0)
        self._player.performances.append(performance)
        self.period = performance.end + PAUSE_S
        # The space the whole loop uses, so that the figure is drawn as large as it fits and does not jump.
        poses = [self.points(t) for t in np.linspace(0, self.period, 48)]
        low, high = np.concatenate(poses).min(axis=0), np.concatenate(poses).max(axis=0)
        # The head is drawn as a circle around its joint (ui.draw_skeleton): room for it above.
        low[1] -= 0.7 * np.linalg.norm(poses[0][J["head"]] - poses[0][J["neck"]])
        self._origin, self._size = low - MARGIN * (high - low), (1 + 2 * MARGIN) * (high - low)

    @classmethod
    def of(cls, move):
        """The figure of a move, or None for a move the virtual player cannot show (a player's own move)."""
        return cls(move) if move in ALL_MOVES else None

    def points(self, t):
        """(15, 2) image points of the figure t seconds into its loop (any t: it repeats)."""
        return image_points(self._player.skeleton(t % self.period, noise_m=0.0))

    def draw(self, surface, into, t, mirror, color=theme.ACCENT, width=4):
        """Draw the figure at time t, as large as its loop fits in the rect `into`."""
        frame_width, frame_height = 4 / 3, 1.0  # image_points' frame, whose x and y are both in [0, 1]
        box = ui.fit((self._size[0] * frame_width, self._size[1] * frame_height), into)
        ui.draw_skeleton(surface, (self.points(t) - self._origin) / self._size, None, box, mirror, color, width)


def draw_panel(surface, rect, title, figure, t, mirror):
    """A panel with a title over a figure at time t (None: a player's own move, which has no figure)."""
    ui.panel(surface, rect)
    ui.text(surface, title, 28, (rect.centerx, rect.top + 22), theme.DIM)
    if figure is None:
        ui.text(surface, "your own move", 26, rect.center, theme.DIM, bold=False)
    else:
        figure.draw(surface, rect.inflate(-16, -60).move(0, 10), t, mirror)
