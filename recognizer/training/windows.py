"""Training windows built from G3D recordings, and how they are sampled."""

from dataclasses import dataclass

import numpy as np

from recognizer.datasets.g3d import FPS, G3D_FOLDERS
from recognizer.runtime import features
from recognizer.runtime.augment import Augmenter
from recognizer.runtime.labels import BACKGROUND, CYCLIC

# Where the end of a training window may fall, in seconds around the action: a punch or kick is
# recognised from just before its peak to a little after it; a cyclic move at any cycle.
SINGLE_END_OFFSETS = (0.1, 0.5)
CYCLIC_END_OFFSETS = (0.0, 0.5)
SPEED_RANGE = (0.8, 1.25)
# A background window ends this far from any truth action (before its start, after its end), so that
# "no action" includes the moments just after a move, where an event would come too late.
BACKGROUND_CLEARANCE_S = (0.3, 0.7)
# Speed of the "standing still" windows: the whole window drawn from a few hundredths of a second.
STILL_SPEED = 0.02


@dataclass(frozen=True)
class WindowSampling:
    """How many training windows are drawn from G3D recordings: the one source of these defaults (the
    command line's options and model.json's record of a model's training take them from here).

    windows_per_action: augmented windows around each truth action. background_per_second: background
    windows per second of recording away from its actions (and a fifth as many still poses).
    windows_per_distractor: background windows around each distractor action's point.
    """
    windows_per_action: int = 50
    background_per_second: float = 4.0
    windows_per_distractor: int = 8


def _clear_of_truth(recording, times):
    """Which of the given times lie clear of every truth action of the recording."""
    before, after = BACKGROUND_CLEARANCE_S
    clear = np.ones(len(times), bool)
    for action in recording.truth:
        clear &= (times < action.start / FPS - before) | (times > action.end / FPS + after)
    return clear


def background_times(recording, rng, per_second):
    """Window end times clear of every truth action, per_second of clear time on average."""
    candidates = recording.times[_clear_of_truth(recording, recording.times)]
    n = rng.poisson(per_second * len(candidates) / FPS)
    return rng.choice(candidates, size=n) if len(candidates) else np.empty(0)


def distractor_times(recording, rng, per_action):
    """Window end times around each distractor's action point (its peak, the moment most like a move),
    placed as a move's windows are, and clear of every truth action: the hardest "no action" windows."""
    low, high = SINGLE_END_OFFSETS[0], SINGLE_END_OFFSETS[1] + 0.2
    points = np.array([frame / FPS for frame, folder in recording.folders if folder not in G3D_FOLDERS])
    if not len(points) or not per_action:
        return np.empty(0)
    times = (points[:, None] + rng.uniform(low, high, (len(points), per_action))).ravel()
    times = times[(times >= 0) & (times <= recording.times[-1])]
    return times[_clear_of_truth(recording, times)]


def training_windows(recordings_by_actor, sampling=WindowSampling(), augmenter=None, seed=0):
    """(X, y): features of randomly placed, augmented windows over every truth action.

    Windows labelled BACKGROUND (sampling.background_per_second and windows_per_distractor): each
    recording's time away from its truth actions (distractor actions, walking up, resting), still poses,
    and the moments around each distractor action point.
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
                for _ in range(sampling.windows_per_action):
                    add(recording, rng.uniform(action.start / FPS + low, action.end / FPS + high), action.label,
                        rng.uniform(*SPEED_RANGE))
            moving = np.concatenate([background_times(recording, rng, sampling.background_per_second),
                                     distractor_times(recording, rng, sampling.windows_per_distractor)])
            for end_time in moving:
                add(recording, end_time, BACKGROUND, rng.uniform(*SPEED_RANGE))
            for end_time in background_times(recording, rng, sampling.background_per_second / 5):
                add(recording, end_time, BACKGROUND, STILL_SPEED)
    return np.stack(X), np.array(y)
