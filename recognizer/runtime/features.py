"""Per-frame features of windows of canonical skeletons, on a fixed time grid.

A window is defined in time (WINDOW_S seconds ending at a given moment), not in frames, so that a
10 fps webcam, a 25 fps video and 30 fps G3D all give the GRU the same kind of sequence. Every function
takes many windows at once: the live pipeline scores one, evaluation every frame of a recording, and
both run the same code.
"""

import functools

import numpy as np

from recognizer.runtime import skeleton

WINDOW_S = 1.2
N_STEPS = 18
# Velocities are in body lengths per second; this brings them near the positions' range.
VELOCITY_SCALE = 0.1
# Each bone's direction, whatever its length: Kinect and BlazePose disagree on the body's proportions (BlazePose's
# limbs are 0.6-0.8 of Kinect's against the torso), children's differ from adults', and a limb pointing at a
# webcam looks shorter; where a limb points does not change with any of these.
_BONES = np.array([(skeleton.J[a], skeleton.J[b]) for a, b in skeleton.BONES])
# Where each hand and foot is from its shoulder or hip, in that limb's own length (a punch's reach, a kick's
# height), and the hands from each other and the feet from each other in shoulder and hip widths (a clap).
_LIMBS = [tuple(skeleton.J[f"{side}_{joint}"] for joint in joints) for joints in
          (("shoulder", "elbow", "wrist"), ("hip", "knee", "ankle")) for side in ("left", "right")]
_PAIRS = [tuple(skeleton.J[f"{side}_{joint}"] for joint in joints for side in ("left", "right"))
          for joints in (("wrist", "shoulder"), ("ankle", "hip"))]
# The same, as index arrays for one product each: the vectors measured (limb root to end, second to first of a
# pair), the segments whose window medians scale them (each limb's two bones, each pair's width), in that order.
_REACH_FROM = np.array([root for root, _, _ in _LIMBS] + [second for _, second, _, _ in _PAIRS])
_REACH_TO = np.array([end for _, _, end in _LIMBS] + [first for first, _, _, _ in _PAIRS])
_SEGMENTS = np.array([segment for root, middle, end in _LIMBS for segment in ((root, middle), (middle, end))]
                     + [(first_root, second_root) for _, _, first_root, second_root in _PAIRS])
N_FEATURES = 2 * 3 * (len(_BONES) + len(_LIMBS) + len(_PAIRS) + 1)


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


def _length(vectors):
    return np.linalg.norm(vectors, axis=-1, keepdims=True)


def frame_features(normalised, window_s=WINDOW_S):
    """(..., n_steps, N_FEATURES) from normalised windows (..., n_steps, 15, 3) on an even time grid.

    Positions, none of them in metres or torso lengths: each bone's direction (a unit vector); each wrist from its
    shoulder and ankle from its hip in that limb's length (the window's median of its two bones); the wrists from
    each other in shoulder widths and the ankles in hip widths; and the mid-hip's travel in the window (a jump or
    a step, not a kick) in torso lengths, the unit of the body frame. Then their velocities.
    """
    bones = normalised[..., _BONES[:, 1], :] - normalised[..., _BONES[:, 0], :]
    directions = bones / (_length(bones) + 1e-6)
    segments = np.median(_length(normalised[..., _SEGMENTS[:, 1], :] - normalised[..., _SEGMENTS[:, 0], :]), axis=-3,
                         keepdims=True)  # one median for all, as this runs on every live frame
    n_limbs = len(_LIMBS)
    scales = np.concatenate([segments[..., 0:2 * n_limbs:2, :] + segments[..., 1:2 * n_limbs:2, :],
                             segments[..., 2 * n_limbs:, :]], axis=-2)
    reaches = (normalised[..., _REACH_TO, :] - normalised[..., _REACH_FROM, :]) / (scales + 1e-6)
    travel = normalised[..., skeleton.J["mid_hip"], :]
    positions = np.concatenate([directions.reshape(directions.shape[:-2] + (3 * len(_BONES),)),
                                reaches.reshape(reaches.shape[:-2] + (3 * len(_REACH_TO),)), travel], axis=-1)
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


@functools.lru_cache(maxsize=1)
def _mirror_map():
    """(order, signs): the features of a window's mirror image are its own features reordered and some negated
    (a bone's direction across the body, a hand's reach to its side). Found once from frame_features itself, on a
    window with no symmetry to hide behind, so that it cannot drift from how features are made."""
    rng = np.random.default_rng(0)
    window = skeleton.normalise(rng.normal(0, 0.3, (1, N_STEPS, skeleton.N_JOINTS, 3)).astype(np.float32))
    own = frame_features(window).reshape(-1, N_FEATURES)
    mirror = frame_features(skeleton.mirror(window)).reshape(-1, N_FEATURES)
    order, signs = np.zeros(N_FEATURES, int), np.zeros(N_FEATURES, np.float32)
    for column in range(N_FEATURES):
        same = np.abs(mirror[:, column, None] - own).max(axis=0)
        negated = np.abs(mirror[:, column, None] + own).max(axis=0)
        if same.min() <= negated.min():
            order[column], signs[column] = int(np.argmin(same)), 1.0
        else:
            order[column], signs[column] = int(np.argmin(negated)), -1.0
    if sorted(order) != list(range(N_FEATURES)):
        raise AssertionError("a window's mirrored features are not its own features reordered")
    return order, signs


def mirrored(window_features):
    """(..., N_STEPS, N_FEATURES): the features of the windows' mirror images (skeleton.mirror), from their own."""
    order, signs = _mirror_map()
    return np.asarray(window_features)[..., order] * signs
