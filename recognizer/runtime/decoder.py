"""Online decoder: per-frame action probabilities → action events, one event per move.

A plain object fed one frame at a time (no threads, no clocks of its own), so that the live pipeline,
the streaming evaluation and the tests all drive the very same code.
"""

import math
from dataclasses import dataclass

import numpy as np

from recognizer.errors import SettingsError
from recognizer.runtime.labels import BACKGROUND
from recognizer.runtime.smoothing import ExponentialSmoother


@dataclass(frozen=True)
class Event:
    label: str
    time_s: float
    frame: int
    confidence: float


@dataclass(frozen=True)
class DecoderSettings:
    """The decoder's settings, and the one source of their defaults (the command line's options take
    theirs from here).

    on / off: an action fires when its smoothed probability reaches `on` while it leads every other
    class, and may fire again only after dropping below `off`. smoothing_s: time constant of the
    exponential smoothing (frame-rate independent). cooldown_s: the least time between two events of
    one action. settle_s: how long the body must have been back in full view, after being out of it,
    before events are allowed, so that walking into place fires nothing.

    The defaults come from a grid over on, off, smoothing_s and cooldown_s on leave-one-actor-out G3D
    probabilities (README: "Choosing the decoder's settings"): the best F1 whose median latency stays near 0.2 s.
    """
    on: float = 0.95
    off: float = 0.5
    smoothing_s: float = 0.1
    cooldown_s: float = 1.5
    settle_s: float = 0.5

    def __post_init__(self):
        checks = {"on": 0 < self.on <= 1, "off": 0 <= self.off <= self.on, "smoothing_s": self.smoothing_s > 0,
                  "cooldown_s": self.cooldown_s >= 0, "settle_s": self.settle_s >= 0}
        ranges = {"on": "in (0, 1]", "off": f"in [0, on={self.on}]", "smoothing_s": "above 0",
                  "cooldown_s": "0 or more", "settle_s": "0 or more"}
        for name, ok in checks.items():
            if not ok:
                raise SettingsError(f"decoder setting {name} must be {ranges[name]}, not {getattr(self, name)}")


class EventDecoder:
    """Threshold with hysteresis on smoothed probabilities, per-action cooldown, visibility gating.

    labels: the classifier's class names, in its column order (a background class is never emitted).
    settings: a DecoderSettings.
    """

    def __init__(self, labels, settings=DecoderSettings()):
        self.labels = [str(label) for label in labels]
        self.settings = settings
        self._actions = np.array([label != BACKGROUND for label in self.labels])
        self.reset()

    def for_labels(self, labels):
        """A fresh decoder with these settings for other classes (a refitted head with custom moves)."""
        return EventDecoder(labels, self.settings)

    def reset(self):
        """Forget everything. A stream that opens with the body in view shows no walk-in, so it starts
        settled; settle_s applies each time the body comes back into view."""
        self._smoother = ExponentialSmoother(self.settings.smoothing_s)
        self._visible_since = -math.inf
        self._armed = np.ones(len(self.labels), bool)
        self._last_event = np.full(len(self.labels), -math.inf)

    def update(self, time_s, probabilities, visible=True, frame=-1):
        """Feed one frame; returns the Event it completes, or None."""
        if not visible:
            self._visible_since = None
            self._smoother.reset()
            self._armed[:] = False  # a move half-seen while stepping in must not fire on return
            return None
        if self._visible_since is None:
            self._visible_since = time_s
        smoothed = self._smoother.update(time_s, probabilities)
        if time_s - self._visible_since < self.settings.settle_s:
            self._armed[:] = False  # a move must begin after settling, not be under way already
            return None
        self._armed |= smoothed < self.settings.off
        leader = int(np.argmax(smoothed))
        confidence = float(smoothed[leader])
        if (self._actions[leader] and self._armed[leader] and confidence >= self.settings.on
                and time_s - self._last_event[leader] >= self.settings.cooldown_s):
            self._armed[leader] = False
            self._last_event[leader] = time_s
            return Event(self.labels[leader], float(time_s), int(frame), confidence)
        return None
