"""Whole video files and images: frames in order, and the poses of a clip."""

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from recognizer.errors import SourceError
from recognizer.runtime import skeleton
from recognizer.runtime.sources import VideoSource


def read_image(path):
    image = cv2.imread(str(path)) if Path(path).is_file() else None  # imread warns on stderr otherwise
    if image is None:
        raise SourceError(f"{path}: no such image or not a readable image file")
    return image


def video_frames(path):
    """Yields (frame_bgr, timestamp_s) of every frame of a video file, timed by its frame rate."""
    source = VideoSource(path).open()
    try:
        while (item := source.read()) is not None:
            yield item
    finally:
        source.close()


@dataclass
class ClipPoses:
    """The poses of a whole clip: BlazePose's raw landmarks on every frame where a person was found."""
    times: np.ndarray  # (N,) seconds
    world: np.ndarray  # (N, 33, 3)
    image: np.ndarray  # (N, 33, 3)
    visibility: np.ndarray  # (N, 33)
    n_frames: int  # of the clip, with or without a person
    duration_s: float

    def sequence(self):
        """(canonical skeletons (N, 15, 3), times (N,))."""
        return skeleton.from_blazepose(self.world), self.times


def read_clip(path, estimator):
    """Every frame of a video file through the estimator, reset first (a new clip is a new scene)."""
    source = VideoSource(path).open()
    estimator.reset()
    found, n_frames = [], 0
    try:
        while (item := source.read()) is not None:
            n_frames += 1
            result = estimator.process(*item)
            if result.found:
                found.append(result)
    finally:
        source.close()

    def stacked(name, shape):
        return np.stack([getattr(r, name) for r in found]) if found else np.empty(shape, np.float32)
    return ClipPoses(np.array([r.timestamp for r in found], np.float64), stacked("world_landmarks", (0, 33, 3)),
                     stacked("image_landmarks", (0, 33, 3)), stacked("visibility", (0, 33)), n_frames,
                     n_frames / source.fps)


def pose_sequence(path, estimator):
    """(skeletons (T, 15, 3), times (T,), n_frames) of the frames of a video where a person was found."""
    clip = read_clip(path, estimator)
    if not len(clip.times):
        raise SourceError(f"{path}: no person found in any of its {clip.n_frames} frames")
    return (*clip.sequence(), clip.n_frames)
