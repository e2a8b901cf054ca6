"""Reading video files and images into frames and pose sequences."""

from pathlib import Path

import cv2
import numpy as np


class SourceError(Exception):
    """A video file, image or camera that cannot be read, named in the message."""


def read_image(path):
    image = cv2.imread(str(path)) if Path(path).is_file() else None
    if image is None:
        raise SourceError(f"{path}: no such image or not a readable image file")
    return image


def video_frames(path):
    """Yields (frame_bgr, timestamp_s) from a video file; timestamps from its frame rate."""
    if not Path(path).is_file():
        raise SourceError(f"{path}: no such video file")
    capture = cv2.VideoCapture(str(path))
    try:
        ok, frame = capture.read()
        if not ok:
            raise SourceError(f"{path}: not a readable video file")
        fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
        index = 0
        while ok:
            yield frame, index / fps
            index += 1
            ok, frame = capture.read()
    finally:
        capture.release()


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
