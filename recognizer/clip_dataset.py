"""Labelled pose sequences of whole clips (video-folder datasets) and their training windows.

Unlike a G3D recording, a clip has no marked action point: the whole clip is its class, so a window may
end anywhere from half a window in to the clip's last frame.
"""

from dataclasses import dataclass

import numpy as np

from . import features
from .augment import Augmenter
from .dataset import SPEED_RANGE, STILL_SPEED, instances
from .labels import BACKGROUND, mirrored


@dataclass
class Sequence:
    """One clip's canonical skeletons and times, its class and its group."""
    name: str
    label: str
    group: str
    skeletons: np.ndarray  # (N, 15, 3)
    times: np.ndarray  # (N,)


def from_extraction(clips, extraction):
    """A Sequence per clip whose poses were extracted (video_folder.Clip → pose_cache.Extraction)."""
    sequences = []
    for clip in clips:
        poses = extraction.poses.get(clip.path)
        if poses is not None:
            skeletons, times = poses.sequence()
            sequences.append(Sequence(str(clip.path), clip.label, clip.group, skeletons, times))
    return sequences


def from_g3d(recordings_by_actor):
    """A Sequence per G3D-7 instance (its evaluation window cut out of the recording), grouped by actor:
    clips whose truth is known, for comparing the ways of training on clips."""
    sequences = []
    for instance in instances(recordings_by_actor):
        recording = instance.recording
        inside = (recording.times >= instance.first_time) & (recording.times <= instance.last_time)
        sequences.append(Sequence(f"actor {instance.actor} recording {recording.first_id} at "
                                  f"{instance.first_time:.1f} s", instance.label, f"actor {instance.actor}",
                                  recording.skeletons[inside], recording.times[inside]))
    return sequences


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

    def add(sequence, end_time, label, speed):
        window = features.window_at(sequence.skeletons, sequence.times, end_time, speed=speed)
        window, label = (augmenter if mirrored(label) in labels else unmirrored)(window, label, rng)
        X.append(features.frame_features(window))
        y.append(label)

    for sequence in sequences:
        first, last = sequence.times[0], sequence.times[-1]
        earliest = min(first + features.WINDOW_S / 2, last)
        for end_time in rng.uniform(earliest, last, windows_per_clip):
            add(sequence, end_time, sequence.label, rng.uniform(*SPEED_RANGE))
        for end_time in rng.uniform(first, last, still_per_clip):
            add(sequence, end_time, BACKGROUND, STILL_SPEED)
    return np.stack(X), np.array(y)
