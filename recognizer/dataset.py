"""Training windows and G3D-7 instances built from G3D recordings."""

from dataclasses import dataclass

import numpy as np

from . import features
from .augment import Augmenter
from .g3d import FPS
from .labels import BACKGROUND, CYCLIC

# Where the end of a training window may fall, in seconds around the action: a punch or kick is
# recognised from just before its peak to a little after it; a cyclic move at any cycle.
SINGLE_END_OFFSETS = (-0.1, 0.4)
CYCLIC_END_OFFSETS = (0.0, 0.5)
SPEED_RANGE = (0.8, 1.25)
# A background window ends this far from any truth action (before its start, after its end), so that
# "no action" includes the moments just after a move, where an event would come too late.
BACKGROUND_CLEARANCE_S = (0.3, 0.7)
# Speed of the "standing still" windows: the whole window drawn from a few hundredths of a second.
STILL_SPEED = 0.02


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


def background_times(recording, rng, n):
    """n window end times clear of every truth action of the recording."""
    times = recording.times
    allowed = np.ones(len(times), bool)
    before, after = BACKGROUND_CLEARANCE_S
    for action in recording.truth:
        allowed &= (times < action.start / FPS - before) | (times > action.end / FPS + after)
    candidates = times[allowed]
    return rng.choice(candidates, size=n) if len(candidates) else np.empty(0)


def training_windows(recordings_by_actor, windows_per_action=50, background_per_recording=0, augmenter=None,
                     seed=0):
    """(X, y): features of randomly placed, augmented windows over every truth action.

    With background_per_recording > 0, that many windows of each recording away from its truth actions
    (distractor actions, walking up, resting) and a fifth as many still poses are labelled BACKGROUND.
    X is (N, N_STEPS, N_FEATURES); y holds the labels (mirrored windows carry the swapped label).
    """
    rng = np.random.default_rng(seed)
    augmenter = augmenter or Augmenter()
    X, y = [], []

    def add(recording, end_time, label, speed):
        window = features.window_at(recording.skeletons, recording.times, end_time, speed=speed)
        window, label = augmenter(window, label, rng)
        X.append(features.frame_features(window))
        y.append(label)

    for recordings in recordings_by_actor.values():
        for recording in recordings:
            for action in recording.truth:
                low, high = CYCLIC_END_OFFSETS if action.label in CYCLIC else SINGLE_END_OFFSETS
                for _ in range(windows_per_action):
                    add(recording, rng.uniform(action.start / FPS + low, action.end / FPS + high), action.label,
                        rng.uniform(*SPEED_RANGE))
            for end_time in background_times(recording, rng, background_per_recording):
                add(recording, end_time, BACKGROUND, rng.uniform(*SPEED_RANGE))
            for end_time in background_times(recording, rng, background_per_recording // 5):
                add(recording, end_time, BACKGROUND, STILL_SPEED)
    return np.stack(X), np.array(y)
