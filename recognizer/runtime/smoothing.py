"""Exponential smoothing of per-frame probabilities over time, not frames: the decoder's and the judge's."""

import math

import numpy as np


class ExponentialSmoother:
    """Each value follows its input with time constant time_constant_s, whatever the frame rate.

    `value` is None until the first update, and again after reset(); time going back starts afresh (a new
    clip, a restarted source).
    """

    def __init__(self, time_constant_s):
        self.time_constant_s = time_constant_s
        self.reset()

    def reset(self):
        self.value = None
        self._last_time = None

    def update(self, time_s, values):
        """Take one frame's values at time_s; returns the smoothed values."""
        values = np.asarray(values, np.float64)
        if self.value is None or time_s < self._last_time:
            self.value = values.copy()
        else:
            alpha = 1.0 - math.exp(-(time_s - self._last_time) / self.time_constant_s)
            self.value += alpha * (values - self.value)
        self._last_time = time_s
        return self.value
