"""Training windows of labelled clips (video-folder datasets).

Unlike a G3D recording, a clip has no marked action point: the whole clip is its class, so a window may
end anywhere from half a window in to the clip's last frame.
"""

import numpy as np

from recognizer.runtime import features
from recognizer.runtime.augment import Augmenter
from recognizer.runtime.labels import BACKGROUND, mirrored
from recognizer.training.windows import SPEED_RANGE, STILL_SPEED


def clip_windows(sequences, windows_per_clip=50, still_per_clip=10, augmenter=None, seed=0):
    """(X, y): windows_per_clip augmented windows of each clip with its label, and still_per_clip still
    poses from it labelled BACKGROUND (standing still is no move, so a model trained here can be played
    with even when the folder has no background class).

    A window is mirrored (and its label swapped) only when the mirrored label is one of the classes too.
    """
    rng = np.random.default_rng(seed)
    augmenter = augmenter or Augmenter()
    unmirrored = Augmenter(**{**vars(augmenter), "mirror_p": 0.0})
    labels = {s.label for s in sequences} | {BACKGROUND}
    X, y = [], []
    for sequence in sequences:
        first, last = sequence.times[0], sequence.times[-1]
        earliest = min(first + features.WINDOW_S / 2, last)
        ends = np.concatenate([rng.uniform(earliest, last, windows_per_clip), rng.uniform(first, last, still_per_clip)])
        speeds = np.concatenate([rng.uniform(*SPEED_RANGE, windows_per_clip), np.full(still_per_clip, STILL_SPEED)])
        window_labels = [sequence.label] * windows_per_clip + [BACKGROUND] * still_per_clip
        windows = features.windows(sequence.skeletons, sequence.times, ends, speeds)
        windows, window_labels = (augmenter if mirrored(sequence.label) in labels else unmirrored)(
            windows, window_labels, rng)
        X.append(features.frame_features(windows))
        y.append(window_labels)
    return np.concatenate(X), np.concatenate(y)
