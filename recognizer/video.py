"""Whole video files and images: frames in order, and the pose sequence of a clip."""

from pathlib import Path

import cv2
import numpy as np

from .sources import SourceError, VideoSource


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


def pose_sequence(path, estimator):
    """(skeletons (T, 15, 3), times (T,), n_frames) of the frames of a video where a person was found."""
    skeletons, times, n_frames = [], [], 0
    for frame, timestamp in video_frames(path):
        n_frames += 1
        result = estimator.process(frame, timestamp)
        if result.found:
            skeletons.append(result.canonical)
            times.append(timestamp)
    if not skeletons:
        raise SourceError(f"{path}: no person found in any of its {n_frames} frames")
    return np.stack(skeletons), np.array(times), n_frames
