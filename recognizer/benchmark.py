"""Per-frame cost of the pose stage and of the recognizer, measured separately on one video."""

import time

import numpy as np

from . import features
from .pose import PoseEstimator
from .video import video_frames

MIN_FRAMES = 200


def _median_ms(samples):
    return float(np.median(samples) * 1000.0)


def benchmark(recognizer, video_path, min_frames=MIN_FRAMES):
    """{"pose_ms", "recognizer_ms", ...}: the video is looped until min_frames frames are timed.

    recognizer_ms is what the live pipeline pays every frame: the window ending at that frame is
    resampled, normalised and featurised, then scored by the GRU and the logistic regression.
    """
    pose_seconds, recognizer_seconds = [], []
    skeletons, times = [], []
    offset = 0.0
    with PoseEstimator() as estimator:
        while len(pose_seconds) < min_frames:
            last = 0.0
            for frame, timestamp in video_frames(video_path):
                start = time.perf_counter()
                result = estimator.process(frame, offset + timestamp)
                pose_seconds.append(time.perf_counter() - start)
                last = timestamp
                if not result.found:
                    continue
                skeletons.append(result.canonical)
                times.append(result.timestamp)
                start = time.perf_counter()
                window = features.window_at(np.stack(skeletons[-64:]), np.array(times[-64:]), times[-1])
                recognizer.predict_proba(features.frame_features(window)[None])
                recognizer_seconds.append(time.perf_counter() - start)
            offset += last + 1.0
    if not recognizer_seconds:
        raise ValueError(f"{video_path}: no person found, so the recognizer was never timed")
    pose_ms, recognizer_ms = _median_ms(pose_seconds), _median_ms(recognizer_seconds)
    return {"video": str(video_path), "frames": len(pose_seconds), "pose_ms": pose_ms,
            "recognizer_ms": recognizer_ms, "recognizer_share_of_pose": recognizer_ms / pose_ms}
