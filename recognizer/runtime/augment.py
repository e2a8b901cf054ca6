"""Augmentation of normalised windows for the gap between Kinect skeletons and BlazePose landmarks."""

import numpy as np

from recognizer.runtime import skeleton
from recognizer.runtime.labels import mirrored


def _rotation(yaw, pitch, roll):
    cy, sy, cp, sp, cr, sr = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch), np.cos(roll), np.sin(roll)
    about_y = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    about_x = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    about_z = np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
    return (about_y @ about_x @ about_z).astype(np.float32)


_ARMS = [[skeleton.J[f"{side}_{joint}"] for joint in ("shoulder", "elbow", "wrist")] for side in ("left", "right")]
_LEGS = [[skeleton.J[f"{side}_{joint}"] for joint in ("hip", "knee", "ankle")] for side in ("left", "right")]


class Augmenter:
    """Random, label-aware changes to a normalised window (n_steps, 15, 3).

    mirror_p: chance of a left/right mirror (with the label swapped); noise: per-frame jitter in torso
    lengths; bias: a per-joint offset held over the window, like BlazePose's depth errors; dropout_p:
    chance that one limb joint freezes for part of the window, as when BlazePose loses it; scale and
    max_angle_deg: anisotropic body scale and a small rotation, for camera angle and facing errors.
    limb_angle_deg: a rotation of each arm about its shoulder and each leg about its hip, and of each
    forearm and shin about its elbow or knee, the same on
    both sides up to the mirror, since people punch, wave and kick at different heights and reaches
    (one actor's forward-held wave is otherwise a punch to the model).
    Speed changes are made when sampling the window (features.window_at's speed).
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

    def _rotate_limbs(self, window, rng):
        flip = np.diag([-1.0, 1.0, 1.0]).astype(np.float32)
        for limbs in (_ARMS, _LEGS):
            for segment in (0, 1):  # the whole limb about its root, then the far segment about the middle joint
                rotation = _rotation(*np.radians(rng.uniform(-1, 1, 3) * self.limb_angle_deg))
                for side, chain in enumerate(limbs):
                    side_rotation = rotation if side == 0 else flip @ rotation @ flip
                    origin, moved = window[:, chain[segment]:chain[segment] + 1], chain[segment + 1:]
                    window[:, moved] = (window[:, moved] - origin) @ side_rotation.T + origin
        return window

    def __call__(self, window, label, rng):
        window = window.copy()
        if rng.random() < self.mirror_p:
            window, label = skeleton.mirror(window), mirrored(label)
        window = self._rotate_limbs(window, rng)
        angles = np.radians(rng.uniform(-1, 1, 3) * self.max_angle_deg * np.array([1.0, 0.4, 0.4]))
        window = window @ _rotation(*angles).T * rng.uniform(1 - self.scale, 1 + self.scale, 3).astype(np.float32)
        window += rng.normal(0, self.bias, (1, skeleton.N_JOINTS, 3)).astype(np.float32)
        window += rng.normal(0, self.noise, window.shape).astype(np.float32)
        if rng.random() < self.dropout_p:
            joint = rng.integers(3, skeleton.N_JOINTS)  # a limb joint, not head/neck/mid-hip
            start = rng.integers(0, len(window) - 1)
            window[start:, joint] = window[start, joint]
        return window, label
