"""Per-frame features of windows of canonical skeletons, on a fixed time grid.

A window is defined in time (WINDOW_S seconds ending at a given moment), not in frames, so that a
10 fps webcam, a 25 fps video and 30 fps G3D all give the GRU the same kind of sequence. Every function
takes many windows at once: the live pipeline scores one, evaluation every frame of a recording, and
both run the same code.
"""

import numpy as np

from recognizer.runtime import skeleton

WINDOW_S = 1.2
N_STEPS = 36
# Velocities are in torso lengths per second; this brings them near the positions' range.
VELOCITY_SCALE = 0.1
_POSE_JOINTS = [i for i, name in enumerate(skeleton.JOINTS) if name != "mid_hip"]
N_FEATURES = 2 * 3 * skeleton.N_JOINTS


def grid_times(end_times, speeds=1.0, window_s=WINDOW_S, n_steps=N_STEPS):
    """(N, n_steps) sample times of the windows ending at end_times (N,); a speed > 1 squeezes more motion
    into a window (it spans window_s * speed seconds)."""
    end_times = np.atleast_1d(np.asarray(end_times, np.float64))
    spans = window_s * np.broadcast_to(np.asarray(speeds, np.float64), end_times.shape)
    return end_times[:, None] - spans[:, None] * (1.0 - np.arange(n_steps) / (n_steps - 1))


def resample(skeletons, times, sample_times):
    """Linear interpolation of skeletons (T, ...) at sample_times (any shape), holding the edge frames
    outside; times must increase. A sample at a frame's own time is that frame exactly, so a window ending at
    frame f never depends on a later frame."""
    skeletons = np.asarray(skeletons, np.float32)
    sample_times = np.asarray(sample_times, np.float64)
    if len(times) == 1:
        return np.broadcast_to(skeletons[0], sample_times.shape + skeletons.shape[1:]).copy()
    upper = np.clip(np.searchsorted(times, sample_times, side="right"), 1, len(times) - 1)
    lower = upper - 1
    span = times[upper] - times[lower]
    weight = np.clip(np.divide(sample_times - times[lower], span, out=np.zeros_like(span), where=span > 0), 0, 1)
    weight = weight.reshape(weight.shape + (1,) * (skeletons.ndim - 1)).astype(np.float32)
    return skeletons[lower] + weight * (skeletons[upper] - skeletons[lower])


def windows(skeletons, times, end_times, speeds=1.0):
    """(N, N_STEPS, 15, 3): the normalised skeletons of the windows ending at each of end_times."""
    return skeleton.normalise(resample(skeletons, times, grid_times(end_times, speeds)))


def frame_features(normalised, window_s=WINDOW_S):
    """(..., n_steps, N_FEATURES) from normalised windows (..., n_steps, 15, 3) on an even time grid.

    Positions: every joint relative to that frame's mid-hip (the pose), and the mid-hip relative to the
    window (the body's own travel, which tells a jump or a step from a kick). Then their velocities.
    """
    root = normalised[..., skeleton.J["mid_hip"], :]
    pose = normalised[..., _POSE_JOINTS, :] - root[..., None, :]
    positions = np.concatenate([pose.reshape(pose.shape[:-2] + (3 * len(_POSE_JOINTS),)), root], axis=-1)
    dt = window_s / (normalised.shape[-3] - 1)
    velocities = np.gradient(positions, dt, axis=-2) * VELOCITY_SCALE
    return np.concatenate([positions, velocities], axis=-1).astype(np.float32)


def window_features(skeletons, times, end_times, speeds=1.0):
    """(N, N_STEPS, N_FEATURES): what the GRU sees of the windows ending at each of end_times."""
    return frame_features(windows(skeletons, times, end_times, speeds))


def window_end_times(first_time, last_time, window_s=WINDOW_S, stride_s=0.1):
    """End times of the windows that cover [first_time, last_time]: one if it fits in a window."""
    if last_time - first_time <= window_s:
        return np.array([last_time])
    return np.arange(first_time + window_s, last_time + 1e-9, stride_s)
