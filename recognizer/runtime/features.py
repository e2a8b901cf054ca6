"""Per-frame features of a window of canonical skeletons, on a fixed time grid.

A window is defined in time (WINDOW_S seconds ending at a given moment), not in frames, so that a
10 fps webcam, a 25 fps video and 30 fps G3D all give the GRU the same kind of sequence.
"""

import numpy as np

from recognizer.runtime import skeleton

WINDOW_S = 1.2
N_STEPS = 36
# Velocities are in torso lengths per second; this brings them near the positions' range.
VELOCITY_SCALE = 0.1
_POSE_JOINTS = [i for i, name in enumerate(skeleton.JOINTS) if name != "mid_hip"]
N_FEATURES = 2 * 3 * skeleton.N_JOINTS


def grid_times(end_time, window_s=WINDOW_S, n_steps=N_STEPS):
    return end_time - window_s * (1.0 - np.arange(n_steps) / (n_steps - 1))


def resample(skeletons, times, sample_times):
    """Linear interpolation of (T, 15, 3) skeletons at sample_times; holds the edge frames outside."""
    flat = skeletons.reshape(len(skeletons), -1)
    out = np.empty((len(sample_times), flat.shape[1]), np.float32)
    for column in range(flat.shape[1]):
        out[:, column] = np.interp(sample_times, times, flat[:, column])
    return out.reshape(len(sample_times), *skeletons.shape[1:])


def frame_features(window, window_s=WINDOW_S):
    """(n_steps, N_FEATURES) from normalised skeletons (n_steps, 15, 3) on an even time grid.

    Positions: every joint relative to that frame's mid-hip (the pose), and the mid-hip relative to the
    window (the body's own travel, which tells a jump or a step from a kick). Then their velocities.
    """
    root = window[:, skeleton.J["mid_hip"]]
    pose = window[:, _POSE_JOINTS] - root[:, None]
    positions = np.concatenate([pose.reshape(len(window), -1), root], axis=1)
    dt = window_s / (len(window) - 1)
    velocities = np.gradient(positions, dt, axis=0) * VELOCITY_SCALE
    return np.concatenate([positions, velocities], axis=1).astype(np.float32)


def window_at(skeletons, times, end_time, window_s=WINDOW_S, n_steps=N_STEPS, speed=1.0):
    """Normalised skeletons of the window ending at end_time; speed > 1 squeezes more motion in."""
    sample_times = grid_times(end_time, window_s * speed, n_steps)
    return skeleton.normalise(resample(skeletons, times, sample_times))


def window_end_times(first_time, last_time, window_s=WINDOW_S, stride_s=0.1):
    """End times of the windows that cover [first_time, last_time]: one if it fits in a window."""
    if last_time - first_time <= window_s:
        return np.array([last_time])
    return np.arange(first_time + window_s, last_time + 1e-9, stride_s)
