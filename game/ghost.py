"""Race your best: the player's own best run of a level, replayed by a figure doing its moves at that run's times."""

from dataclasses import dataclass

import numpy as np

from recognizer.runtime.skeleton import J

from . import ui
from .virtual_player import ALL_MOVES, Performance, VirtualPlayer, image_points, keyframes

MARGIN = 0.06  # around the space the figure uses, as a share of that space
COLOR = (150, 160, 255)


@dataclass(frozen=True)
class GhostPrompt:
    """One prompt of the best run: when it was shown (seconds from the level's start), and its answer."""
    move: str
    prompted_at_s: float
    hit: bool
    reaction_s: float | None
    points: int


class Ghost:
    """The best run's figure and score at any moment of a new run, both counted from the level's start.

    A HIT's move is performed so that its action point falls `latency_s` before the verdict, as the player's did:
    the judge calls a HIT that long after the action point (recognizer.runtime.model.hit_latency)."""

    def __init__(self, prompts, score, latency_s):
        self.prompts = list(prompts)
        self.score = score
        self._player = VirtualPlayer(seed=0)
        self._verdicts = []  # (verdict time, points) of each HIT, in order
        for prompt in self.prompts:
            if not prompt.hit or prompt.reaction_s is None:
                continue
            verdict_at = prompt.prompted_at_s + prompt.reaction_s
            self._verdicts.append((verdict_at, prompt.points))
            if prompt.move in ALL_MOVES:
                action_time = max(verdict_at - latency_s, prompt.prompted_at_s - keyframes(prompt.move)[0][0])
                self._player.performances.append(Performance(prompt.move, action_time, size=1.0, speed=1.0))
        self._performances = list(self._player.performances)
        end = max((p.end for p in self._performances), default=1.0)
        poses = [self.points(t) for t in np.linspace(0.0, end, 200)]
        low, high = np.concatenate(poses).min(axis=0), np.concatenate(poses).max(axis=0)
        low[1] -= 0.7 * np.linalg.norm(poses[0][J["head"]] - poses[0][J["neck"]])  # room for the head's circle
        self._origin, self._size = low - MARGIN * (high - low), (1 + 2 * MARGIN) * (high - low)

    def points(self, t):
        """(15, 2) image points of the figure t seconds into the best run."""
        # body_pose forgets performances that ended; a ghost is drawn at any time, so it always gets them all.
        self._player.performances = list(self._performances)
        return image_points(self._player.skeleton(t, noise_m=0.0))

    def score_at(self, t):
        """The best run's score t seconds into it."""
        return sum(points for verdict_at, points in self._verdicts if verdict_at <= t)

    def hits_at(self, t):
        return sum(verdict_at <= t for verdict_at, _ in self._verdicts)

    def draw(self, surface, into, t, mirror):
        """The figure t seconds into the best run, as large as it fits in the rect `into`."""
        box = ui.fit((self._size[0] * 4 / 3, self._size[1]), into)
        ui.draw_skeleton(surface, (self.points(t) - self._origin) / self._size, None, box, mirror, COLOR, 4)
