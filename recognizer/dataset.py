"""Training windows and G3D-7 instances built from G3D recordings."""

from dataclasses import dataclass

import numpy as np

from . import features
from .augment import Augmenter
from .g3d import FPS
from .labels import CYCLIC

# Where the end of a training window may fall, in seconds around the action: a punch or kick is
# recognised from just before its peak to a little after it; a cyclic move at any cycle.
SINGLE_END_OFFSETS = (-0.1, 0.4)
CYCLIC_END_OFFSETS = (0.0, 0.5)
SPEED_RANGE = (0.8, 1.25)


@dataclass
class Instance:
    """One G3D-7 instance: a truth action and its evaluation window in one recording."""
    actor: int
    label: str
    recording: object
    first_time: float
    last_time: float


def instances(recordings_by_actor):
    """Every G3D-7 instance, one per truth action, in actor and recording order."""
    found = []
    for actor, recordings in sorted(recordings_by_actor.items()):
        for recording in recordings:
            for action in recording.truth:
                first, last = action.instance_window(recording.n_frames)
                found.append(Instance(actor, action.label, recording, first, last))
    return found


def training_windows(recordings_by_actor, windows_per_action=50, augmenter=None, seed=0):
    """(X, y): features of randomly placed, augmented windows over every truth action.

    X is (N, N_STEPS, N_FEATURES); y holds the labels (mirrored windows carry the swapped label).
    """
    rng = np.random.default_rng(seed)
    augmenter = augmenter or Augmenter()
    X, y = [], []
    for recordings in recordings_by_actor.values():
        for recording in recordings:
            times = recording.times
            for action in recording.truth:
                low, high = CYCLIC_END_OFFSETS if action.label in CYCLIC else SINGLE_END_OFFSETS
                start, end = action.start / FPS, action.end / FPS
                for _ in range(windows_per_action):
                    end_time = rng.uniform(start + low, end + high)
                    window = features.window_at(recording.skeletons, times, end_time,
                                                speed=rng.uniform(*SPEED_RANGE))
                    window, label = augmenter(window, action.label, rng)
                    X.append(features.frame_features(window))
                    y.append(label)
    return np.stack(X), np.array(y)
