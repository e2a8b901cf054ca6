"""Labelled pose sequences of whole clips: a video folder's extracted clips, or G3D-7 instances cut out."""

from dataclasses import dataclass

import numpy as np

from recognizer.datasets.g3d import instances


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
