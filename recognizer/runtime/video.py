"""Whole video files and images: frames in order, and the poses of a clip."""

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from recognizer.errors import SourceError
from recognizer.runtime import skeleton
from recognizer.runtime.pair import halves, side_by_side
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
    return _clip_poses(found, n_frames, source.fps)


def _clip_poses(found, n_frames, fps):
    """The ClipPoses of a clip's PoseResults where a person was found."""
    def stacked(name, shape):
        return np.stack([getattr(r, name) for r in found]) if found else np.empty(shape, np.float32)
    return ClipPoses(np.array([r.timestamp for r in found], np.float64), stacked("world_landmarks", (0, 33, 3)),
                     stacked("image_landmarks", (0, 33, 3)), stacked("visibility", (0, 33)), n_frames, n_frames / fps)


def side_by_side_frames(left_path, right_path, size, compose="crop"):
    """Yields (frame, timestamps) of two clips side by side (runtime.pair.side_by_side, `compose`) at `size` (width,
    height), frame by frame, as long as the longer one (the other's half empty after its end); timestamps: each
    clip's own (None past its end)."""
    left, right = video_frames(left_path), video_frames(right_path)
    while True:
        items = [next(frames, (None, None)) for frames in (left, right)]
        if all(image is None for image, _ in items):
            return
        yield side_by_side(items[0][0], items[1][0], size, compose), tuple(timestamp for _, timestamp in items)


def write_side_by_side(left_path, right_path, out_path, size, compose="crop"):
    """A video of two clips side by side (side_by_side_frames) at the left clip's frame rate; the number of frames
    written."""
    source = VideoSource(left_path).open()
    fps = source.fps
    source.close()
    writer = cv2.VideoWriter(str(out_path), cv2.VideoWriter_fourcc(*"MJPG"), fps, tuple(size))
    if not writer.isOpened():
        raise SourceError(f"{out_path}: cannot be written as a video")
    written = 0
    try:
        for frame, _ in side_by_side_frames(left_path, right_path, size, compose):
            writer.write(frame)
            written += 1
    finally:
        writer.release()
    return written


def read_pair(left_path, right_path, size, estimators, compose="crop"):
    """[left ClipPoses, right ClipPoses]: two clips side by side at `size`, each half of every frame through its own
    estimator (reset first) at its own clip's timestamps, as family mode sees two players in one camera."""
    found, n_frames = ([], []), [0, 0]
    for estimator in estimators:
        estimator.reset()
    for frame, timestamps in side_by_side_frames(left_path, right_path, size, compose):
        for side, (estimator, crop, timestamp) in enumerate(zip(estimators, halves(frame), timestamps)):
            if timestamp is None:
                continue
            n_frames[side] += 1
            result = estimator.process(crop, timestamp)
            if result.found:
                found[side].append(result)
    rates = []
    for path in (left_path, right_path):
        source = VideoSource(path).open()
        rates.append(source.fps)
        source.close()
    return [_clip_poses(*parts) for parts in zip(found, n_frames, rates)]


def pose_sequence(path, estimator):
    """(skeletons (T, 15, 3), times (T,), n_frames) of the frames of a video where a person was found."""
    clip = read_clip(path, estimator)
    if not len(clip.times):
        raise SourceError(f"{path}: no person found in any of its {clip.n_frames} frames")
    return (*clip.sequence(), clip.n_frames)
