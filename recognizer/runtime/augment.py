"""Augmentation of normalised windows for the gap between Kinect skeletons and BlazePose landmarks."""

import numpy as np

from recognizer.runtime import skeleton
from recognizer.runtime.labels import mirrored


def rotations(yaw, pitch, roll):
    """(N, 3, 3) rotation matrices from angle arrays (N,) in radians: about y, then x, then z."""
    cy, sy, cp, sp, cr, sr = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch), np.cos(roll), np.sin(roll)
    zero, one = np.zeros_like(yaw), np.ones_like(yaw)
    about_y = np.stack([cy, zero, sy, zero, one, zero, -sy, zero, cy], axis=-1).reshape(-1, 3, 3)
    about_x = np.stack([one, zero, zero, zero, cp, -sp, zero, sp, cp], axis=-1).reshape(-1, 3, 3)
    about_z = np.stack([cr, -sr, zero, sr, cr, zero, zero, zero, one], axis=-1).reshape(-1, 3, 3)
    return (about_y @ about_x @ about_z).astype(np.float32)


def _rotate(points, matrices):
    """points (N, ..., 3) each rotated by its window's matrix (N, 3, 3)."""
    flat = points.reshape(len(points), int(np.prod(points.shape[1:-1])), 3)
    return (flat @ np.swapaxes(matrices, -1, -2)).reshape(points.shape)


_ARMS = [[skeleton.J[f"{side}_{joint}"] for joint in ("shoulder", "elbow", "wrist")] for side in ("left", "right")]
_LEGS = [[skeleton.J[f"{side}_{joint}"] for joint in ("hip", "knee", "ankle")] for side in ("left", "right")]
_FLIP_X = np.diag([-1.0, 1.0, 1.0]).astype(np.float32)


class Augmenter:
    """Random, label-aware changes to normalised windows (N, n_steps, 15, 3), each window its own draw.

    mirror_p: chance of a left/right mirror (with the label swapped); noise: per-frame jitter in torso
    lengths; bias: a per-joint offset held over the window, like BlazePose's depth errors; dropout_p:
    chance that one limb joint freezes for part of the window, as when BlazePose loses it; scale and
    max_angle_deg: anisotropic body scale and a small rotation, for camera angle and facing errors.
    limb_angle_deg: a rotation of each arm about its shoulder and each leg about its hip, and of each
    forearm and shin about its elbow or knee, the same on both sides up to the mirror, since people punch,
    wave and kick at different heights and reaches (one actor's forward-held wave is otherwise a punch to
    the model). Speed changes are made when sampling the window (features.grid_times's speeds).
    """

    def __init__(self, mirror_p=0.5, noise=0.02, bias=0.05, dropout_p=0.2, scale=0.1, max_angle_deg=15.0,
                 limb_angle_deg=45.0):
        self.mirror_p = mirror_p
        self.noise = noise
        self.bias = bias
        self.dropout_p = dropout_p
        self.scale = scale
        self.max_angle_deg = max_angle_deg
        self.limb_angle_deg = limb_angle_deg

    def _random_rotations(self, n, max_deg, rng, weights=(1.0, 1.0, 1.0)):
        return rotations(*(np.radians(rng.uniform(-1, 1, (3, n)) * max_deg * np.array(weights)[:, None])))

    def _rotate_limbs(self, windows, rng):
        for limbs in (_ARMS, _LEGS):
            for segment in (0, 1):  # the whole limb about its root, then the far segment about the middle joint
                rotation = self._random_rotations(len(windows), self.limb_angle_deg, rng)
                for side, chain in enumerate(limbs):
                    side_rotation = rotation if side == 0 else _FLIP_X @ rotation @ _FLIP_X
                    origin, moved = windows[:, :, chain[segment]:chain[segment] + 1], chain[segment + 1:]
                    windows[:, :, moved] = _rotate(windows[:, :, moved] - origin, side_rotation) + origin
        return windows

    def __call__(self, windows, labels, rng):
        """(augmented copies of the windows, their labels: a mirrored window's label swaps sides)."""
        windows, labels = np.array(windows, np.float32), np.array(labels, dtype=object)
        n, n_steps = windows.shape[:2]
        flipped = rng.random(n) < self.mirror_p
        windows[flipped] = skeleton.mirror(windows[flipped])
        labels[flipped] = [mirrored(label) for label in labels[flipped]]
        windows = self._rotate_limbs(windows, rng)
        tilt = self._random_rotations(n, self.max_angle_deg, rng, (1.0, 0.4, 0.4))
        windows = _rotate(windows, tilt) * rng.uniform(1 - self.scale, 1 + self.scale, (n, 1, 1, 3))
        windows += rng.normal(0, self.bias, (n, 1, skeleton.N_JOINTS, 3))
        windows += rng.normal(0, self.noise, windows.shape)
        frozen = np.flatnonzero(rng.random(n) < self.dropout_p)
        joints = rng.integers(3, skeleton.N_JOINTS, len(frozen))  # a limb joint, not head/neck/mid-hip
        starts = rng.integers(0, n_steps - 1, len(frozen))
        for window, joint, start in zip(frozen, joints, starts):
            windows[window, start:, joint] = windows[window, start, joint]
        return windows.astype(np.float32), labels.astype(str)
