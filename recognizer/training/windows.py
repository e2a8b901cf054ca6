"""Training windows drawn from training streams (every dataset), and how they are sampled."""

from dataclasses import dataclass

import numpy as np

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
# G3D's recordings start at an action point, so every right punch there (24 of 24) begins with a fist already out,
# its window mostly that first frame held. Dropping those windows (issue 24) found fewer right punches on new actors
# (1 of 24 against 22-26, three seeds each) and on real clips (2 of 6 target clips against 6 of 6): they stay.


@dataclass(frozen=True)
class WindowSampling:
    """How many training windows are drawn from a G3D recording (other streams draw their weight's share):
    the one source of these defaults (the command line's options and model.json's record of a model's
    training take them from here).

    windows_per_action: augmented windows around each action. background_per_second: background
    windows per second of recording away from its actions (and a fifth as many still poses).
    windows_per_distractor: background windows around each hard point (a distractor's action point).
    """
    windows_per_action: int = 50
    background_per_second: float = 4.0
    windows_per_distractor: int = 8


def _clear_of_actions(stream, times):
    """Which of the given times lie clear of every action of the stream."""
    before, after = BACKGROUND_CLEARANCE_S
    clear = np.ones(len(times), bool)
    for _, start, end in stream.actions:
        clear &= (times < start - before) | (times > end + after)
    return clear


def background_times(stream, rng, per_second):
    """Window end times clear of every action, per_second of clear time on average."""
    candidates = stream.times[_clear_of_actions(stream, stream.times)]
    step = float(np.median(np.diff(stream.times))) if len(stream.times) > 1 else 0.0
    n = rng.poisson(per_second * len(candidates) * step)
    return rng.choice(candidates, size=n) if len(candidates) else np.empty(0)


def hard_times(stream, rng, per_point):
    """(window end times, their labels) around each hard point (a distractor's action point, the peak of a non-target
    clip: the moments most like a move), placed as a move's windows are, and clear of every action."""
    low, high = SINGLE_END_OFFSETS[0], SINGLE_END_OFFSETS[1] + 0.2
    if not stream.hard_points or not per_point:
        return np.empty(0), np.empty(0, str)
    points = np.array([point for point, _ in stream.hard_points], np.float64)
    times = (points[:, None] + rng.uniform(low, high, (len(points), per_point))).ravel()
    labels = np.repeat([label for _, label in stream.hard_points], per_point)
    kept = (times >= stream.times[0]) & (times <= stream.times[-1])
    kept[kept] = _clear_of_actions(stream, times[kept])
    return times[kept], labels[kept]


def training_windows(streams, sampling=WindowSampling(), augmenter=None, seed=0):
    """(X, y): features of randomly placed, augmented windows over every action of the TrainingStreams.

    Windows of no move (sampling.background_per_second and windows_per_distractor): each stream's time
    away from its actions (other motion, walking up, resting) labelled with its motion, the moments around
    each hard point with that point's label, and still poses labelled BACKGROUND. Each stream draws its
    weight's share of these counts.
    X is (N, N_STEPS, N_FEATURES); y holds the labels (mirrored windows carry the swapped label); index: the
    position in streams of the stream each window came from.
    """
    rng = np.random.default_rng(seed)
    augmenter = augmenter or Augmenter()
    X, y, index = [], [], []
    for position, stream in enumerate(streams):
        ends, labels, speeds = _stream_windows(stream, sampling, rng)
        windows, labels = augmenter(features.windows(stream.skeletons, stream.times, ends, speeds), labels, rng)
        X.append(features.frame_features(windows))
        y.append(labels)
        index.append(np.full(len(labels), position))
    return np.concatenate(X), np.concatenate(y), np.concatenate(index)


def _stream_windows(stream, sampling, rng):
    """(end times, labels, speeds) of one stream's training windows (see training_windows)."""
    ends, labels, speeds = [], [], []

    def add(times, label, speed=None):
        ends.append(np.asarray(times, np.float64))
        labels.append(np.broadcast_to(np.asarray(label, dtype=object), ends[-1].shape))
        speeds.append(rng.uniform(*SPEED_RANGE, len(ends[-1])) if speed is None else np.full(len(ends[-1]), speed))

    per_action = int(np.ceil(sampling.windows_per_action * stream.weight))
    per_second = sampling.background_per_second * stream.weight
    for label, start, end in stream.actions:
        low, high = CYCLIC_END_OFFSETS if label in CYCLIC else SINGLE_END_OFFSETS
        add(rng.uniform(start + low, end + high, per_action), label)
    per_point = int(np.ceil(sampling.windows_per_distractor * stream.weight))
    add(background_times(stream, rng, per_second), stream.motion)
    hard, hard_labels = hard_times(stream, rng, per_point)
    add(hard, np.asarray(hard_labels, dtype=object))
    add(background_times(stream, rng, per_second / 5), BACKGROUND, STILL_SPEED)
    return np.concatenate(ends), np.concatenate(labels).astype(str), np.concatenate(speeds)
