"""Per-frame cost of the pose stage and of the recognizer, measured separately on one video."""

import os
import threading
import time

import numpy as np

from recognizer.errors import SourceError
from recognizer.runtime.video import video_frames

MIN_FRAMES = 200


def benchmark(recognizer, video_path, min_frames=MIN_FRAMES):
    """{"pose_ms", "recognizer_ms", ...}: the video is looped until min_frames frames are timed.

    Both are timed inside the live pipeline's own per-frame step (FramePipeline.process): recognizer_ms
    is what it pays every frame, the window ending at that frame resampled, normalised, featurised and
    scored by the GRU and the logistic regression, then decoded.
    """
    from recognizer.runtime.live import FramePipeline
    pose_ms, recognizer_ms = [], []
    offset = 0.0
    pipeline = FramePipeline(recognizer)
    try:
        while len(pose_ms) < min_frames:
            last = 0.0
            for frame, timestamp in video_frames(video_path):
                scores = pipeline.process(frame, offset + timestamp)
                pose_ms.append(scores.pose_ms)
                if scores.probabilities is not None:
                    recognizer_ms.append(scores.recognizer_ms)
                last = timestamp
            offset += last + 1.0
    finally:
        pipeline.close()
    if not recognizer_ms:
        raise SourceError(f"{video_path}: no person found, so the recognizer was never timed")
    pose, recognizer_cost = float(np.median(pose_ms)), float(np.median(recognizer_ms))
    return {"video": str(video_path), "frames": len(pose_ms), "pose_ms": pose,
            "recognizer_ms": recognizer_cost, "recognizer_share_of_pose": recognizer_cost / pose}


def _live(recognizer, video_path):
    from recognizer.runtime.capture import CaptureThread
    from recognizer.runtime.live import FramePipeline, LiveRecognizer
    from recognizer.runtime.sources import VideoSource
    return LiveRecognizer(CaptureThread(VideoSource(video_path, loop=True)), FramePipeline(recognizer))


def live_pipeline(recognizer, video_path, seconds=20.0, warm_up_s=3.0):
    """{"pipeline_fps", "capture_to_scores_ms"}: the video looped as fast as it decodes, through the
    capture thread and the worker, as a camera would be; frames the worker cannot keep up with drop."""
    live = _live(recognizer, video_path).start()
    try:
        time.sleep(warm_up_s)
        first, start = live.frames_processed, time.monotonic()
        live.capture_to_scores_ms.clear()
        time.sleep(seconds)
        fps = (live.frames_processed - first) / (time.monotonic() - start)
        latency = float(np.median(live.capture_to_scores_ms))
    finally:
        live.stop()
    return {"pipeline_fps": fps, "capture_to_scores_ms": latency, "pipeline_seconds": seconds}


def refit_time(recognizer, video_path, repetitions=21, n=20):
    """{"refit_ms"}: median time to refit the classifier head on a profile of `repetitions` taught
    repetitions (three of each move, as teach mode asks), built from the video's pose sequence."""
    from recognizer.runtime.labels import ACTIONS
    from recognizer.runtime.pose import PoseEstimator
    from recognizer.runtime.profile import Profile, refit
    from recognizer.runtime.video import pose_sequence
    with PoseEstimator() as estimator:
        skeletons, times, _ = pose_sequence(video_path, estimator)
    profile = Profile("benchmark")
    for index in range(repetitions):
        profile.add(ACTIONS[index % len(ACTIONS)], skeletons, times)
    seconds = [refit(recognizer, profile, seed=i)[1] for i in range(n)]
    return {"refit_ms": float(np.median(seconds) * 1000), "refit_repetitions": repetitions, "refits": n}


def _rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def soak(recognizer, video_path, minutes=30.0, sample_s=10.0, warm_up_s=60.0):
    """Memory and threads over a long run of the live pipeline on a looped video at full speed.

    Growth is measured from the end of the warm-up (models, caches and allocator pools settled).
    """
    live = _live(recognizer, video_path).start()
    samples, start = [], time.monotonic()
    try:
        while time.monotonic() - start < minutes * 60:
            time.sleep(sample_s)
            if not live.running:
                raise RuntimeError("the live pipeline stopped during the soak")
            samples.append({"t_s": round(time.monotonic() - start, 1), "rss_mb": round(_rss_mb(), 1),
                            "threads": threading.active_count(), "frames": live.frames_processed})
    finally:
        live.stop()
    settled = [s for s in samples if s["t_s"] >= warm_up_s] or samples
    return {"video": str(video_path), "minutes": minutes, "frames": samples[-1]["frames"],
            "fps": samples[-1]["frames"] / samples[-1]["t_s"], "rss_start_mb": settled[0]["rss_mb"],
            "rss_end_mb": settled[-1]["rss_mb"], "rss_growth_mb": settled[-1]["rss_mb"] - settled[0]["rss_mb"],
            "threads_min": min(s["threads"] for s in settled), "threads_max": max(s["threads"] for s in settled),
            "crashed": False, "samples": samples}
