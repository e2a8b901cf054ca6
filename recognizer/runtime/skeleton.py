"""The canonical skeleton that both BlazePose landmarks and G3D Kinect joints map into.

Fifteen joints. Neck and mid-hip are derived the same way for both sensors (the midpoint of the
shoulders, of the hips) rather than taken from Kinect's own ShoulderCenter/HipCenter, so that the two
sources agree on where they are. Head is Kinect's Head joint and the midpoint of BlazePose's ears (both
sit at the centre of the skull).

Both sources are first put in a right-handed, y-up frame in metres: Kinect camera space already is one;
BlazePose world landmarks are (x right, y down, z away from the camera), so they become (x, -y, -z), a
rotation, not a reflection, which is what keeps the player's left the skeleton's left.
"""

import numpy as np

JOINTS = (
    "head", "neck", "mid_hip",
    "left_shoulder", "left_elbow", "left_wrist",
    "right_shoulder", "right_elbow", "right_wrist",
    "left_hip", "left_knee", "left_ankle",
    "right_hip", "right_knee", "right_ankle",
)
N_JOINTS = len(JOINTS)
# Coordinates are metres around the camera; a joint further than this is a broken pose, not a body.
MAX_COORDINATE_M = 100.0
# A pose network may swap the body's left and right for a few frames (BlazePose did on the webcam videos: 15 frames
# in 10,400, at most 7 in a row); a person takes longer than this to turn round.
MAX_FLIP_S = 0.5
J = {name: i for i, name in enumerate(JOINTS)}

# Index of each joint's mirror image, for left/right swaps.
MIRROR = np.array([J[n.replace("left_", "@").replace("right_", "left_").replace("@", "right_")]
                   for n in JOINTS])

# Source indices of the joints that are read directly (all but neck and mid_hip).
KINECT_INDEX = {"head": 3, "left_shoulder": 4, "left_elbow": 5, "left_wrist": 6,
                "right_shoulder": 8, "right_elbow": 9, "right_wrist": 10,
                "left_hip": 12, "left_knee": 13, "left_ankle": 14,
                "right_hip": 16, "right_knee": 17, "right_ankle": 18}
BLAZEPOSE_INDEX = {"left_shoulder": 11, "left_elbow": 13, "left_wrist": 15,
                   "right_shoulder": 12, "right_elbow": 14, "right_wrist": 16,
                   "left_hip": 23, "left_knee": 25, "left_ankle": 27,
                   "right_hip": 24, "right_knee": 26, "right_ankle": 28}
BLAZEPOSE_EARS = (7, 8)

# Bones for drawing, as pairs of canonical joints.
BONES = (("head", "neck"), ("neck", "left_shoulder"), ("neck", "right_shoulder"),
         ("left_shoulder", "left_elbow"), ("left_elbow", "left_wrist"),
         ("right_shoulder", "right_elbow"), ("right_elbow", "right_wrist"),
         ("left_shoulder", "left_hip"), ("right_shoulder", "right_hip"),
         ("left_hip", "right_hip"), ("left_hip", "left_knee"), ("left_knee", "left_ankle"),
         ("right_hip", "right_knee"), ("right_knee", "right_ankle"))


def _with_derived(skeleton):
    skeleton[..., J["neck"], :] = (skeleton[..., J["left_shoulder"], :] + skeleton[..., J["right_shoulder"], :]) / 2
    skeleton[..., J["mid_hip"], :] = (skeleton[..., J["left_hip"], :] + skeleton[..., J["right_hip"], :]) / 2
    return skeleton


def from_kinect(joints):
    """Kinect v1 joints (..., 20, 3), camera space in metres, to canonical (..., 15, 3)."""
    joints = np.asarray(joints, dtype=np.float32)
    out = np.zeros(joints.shape[:-2] + (N_JOINTS, 3), np.float32)
    for name, index in KINECT_INDEX.items():
        out[..., J[name], :] = joints[..., index, :]
    return _with_derived(out)


def from_blazepose(world_landmarks):
    """BlazePose world landmarks (..., 33, 3+) to canonical (..., 15, 3)."""
    flipped = np.asarray(world_landmarks, dtype=np.float32)[..., :3] * np.array([1, -1, -1], np.float32)
    return _select_blazepose(flipped)


def blazepose_image_points(image_landmarks):
    """BlazePose image landmarks (..., 33, 2+) to the canonical joints' image positions (..., 15, 2),
    x and y in [0, 1] of the frame, y down, for drawing and for telling the player where to stand."""
    return _select_blazepose(np.asarray(image_landmarks, dtype=np.float32)[..., :2])


def _select_blazepose(landmarks):
    out = np.zeros(landmarks.shape[:-2] + (N_JOINTS, landmarks.shape[-1]), np.float32)
    for name, index in BLAZEPOSE_INDEX.items():
        out[..., J[name], :] = landmarks[..., index, :]
    out[..., J["head"], :] = landmarks[..., BLAZEPOSE_EARS, :].mean(axis=-2)
    return _with_derived(out)


def blazepose_visibility(visibility):
    """Per-landmark visibilities (..., 33) to per-canonical-joint visibilities (..., 15)."""
    visibility = np.asarray(visibility, dtype=np.float32)
    out = np.zeros(visibility.shape[:-1] + (N_JOINTS,), np.float32)
    for name, index in BLAZEPOSE_INDEX.items():
        out[..., J[name]] = visibility[..., index]
    out[..., J["head"]] = visibility[..., BLAZEPOSE_EARS].max(axis=-1)
    pairs = {"neck": ("left_shoulder", "right_shoulder"), "mid_hip": ("left_hip", "right_hip")}
    for name, (a, b) in pairs.items():
        out[..., J[name]] = np.minimum(out[..., J[a]], out[..., J[b]])
    return out


# A joint this close to the frame's edge (a share of its width or height) is probably cut off.
FRAME_MARGIN = 0.02


def joints_seen(visibility, image_points=None, min_visibility=0.5, margin=FRAME_MARGIN):
    """(..., 15) whether each joint is seen well enough to judge a move on, from its visibility (..., 15) and, for
    a camera's pose, where it is in the frame (..., 15, 2). A joint BlazePose sees counts; so does one the body
    itself hides, inside the frame while its mirror joint is seen: a player standing side-on or at an angle shows
    the camera one side (side-view boxing had every joint seen in 2 % of its frames, its far arm hidden). A joint
    outside the frame is not seen, whatever BlazePose guesses of it."""
    visible = np.asarray(visibility) >= min_visibility
    if image_points is None:
        return visible
    points = np.asarray(image_points)
    inside = ((points > margin) & (points < 1 - margin)).all(axis=-1)
    return inside & (visible | visible[..., MIRROR])


def is_plausible(canonical):
    """Whether a canonical skeleton (15, 3) can be scored: every joint finite and within
    MAX_COORDINATE_M of the origin. A pose network may hand over NaN for a joint it lost."""
    canonical = np.asarray(canonical)
    return bool(np.isfinite(canonical).all() and np.abs(canonical).max() <= MAX_COORDINATE_M)


def facing(canonical):
    """The body's left-right axis in the horizontal plane (x, z) of the sensor, from hips and shoulders."""
    left = (canonical[..., J["left_hip"], :] - canonical[..., J["right_hip"], :]
            + canonical[..., J["left_shoulder"], :] - canonical[..., J["right_shoulder"], :])
    return left[..., [0, 2]]


class FlipFilter:
    """Frame by frame, whether a skeleton can be trusted to know its left from its right: not when its left-right
    axis points against that of the last frame accepted, unless it has done so for MAX_FLIP_S (a real turn)."""

    def __init__(self, max_flip_s=MAX_FLIP_S):
        self.max_flip_s = max_flip_s
        self.reset()

    def reset(self):
        self._facing, self._flipped_since = None, None

    def accept(self, time_s, canonical):
        axis = facing(np.asarray(canonical))
        if self._facing is not None and float(axis @ self._facing) < 0:
            self._flipped_since = time_s if self._flipped_since is None else self._flipped_since
            if time_s - self._flipped_since < self.max_flip_s:
                return False
        self._facing, self._flipped_since = axis, None
        return True


def accepted_frames(skeletons, times):
    """(T,) bool: the frames of a stream a FlipFilter accepts."""
    flips = FlipFilter()
    return np.array([flips.accept(t, canonical) for t, canonical in zip(times, skeletons)], bool)


def body_frame(skeletons):
    """Origin (..., 3), axes (..., 3, 3) and scale (...) of windows of canonical skeletons (..., T, 15, 3).

    One frame for the whole window, not one per frame, so that the body's own turning and bending
    within a move stays in the features. Axes: x toward the subject's left, y up the torso, z forward
    out of the chest (x cross y in a right-handed frame). Scale: the mean torso length.
    """
    torso = skeletons[..., J["neck"], :] - skeletons[..., J["mid_hip"], :]
    up = torso.mean(axis=-2)
    up /= np.linalg.norm(up, axis=-1, keepdims=True) + 1e-9
    left = (skeletons[..., J["left_hip"], :] - skeletons[..., J["right_hip"], :]
            + skeletons[..., J["left_shoulder"], :] - skeletons[..., J["right_shoulder"], :]).mean(axis=-2)
    left -= up * (left * up).sum(axis=-1, keepdims=True)
    left /= np.linalg.norm(left, axis=-1, keepdims=True) + 1e-9
    forward = np.cross(left, up)
    axes = np.stack([left, up, forward], axis=-2)
    scale = np.linalg.norm(torso, axis=-1).mean(axis=-1) + 1e-6
    origin = skeletons[..., J["mid_hip"], :].mean(axis=-2)
    return origin, axes, scale


def normalise(skeletons):
    """Express windows of skeletons (..., T, 15, 3) each in its own body frame, in torso lengths."""
    origin, axes, scale = body_frame(skeletons)
    centred = skeletons - origin[..., None, None, :]
    points = centred.shape[-3] * centred.shape[-2]
    rotated = centred.reshape(centred.shape[:-3] + (points, 3)) @ np.swapaxes(axes, -1, -2)  # one product per window
    return (rotated.reshape(centred.shape) / scale[..., None, None, None]).astype(np.float32)


def mirror(skeletons):
    """Left/right mirror image of normalised skeletons (x is the subject's left)."""
    out = skeletons[..., MIRROR, :].copy()
    out[..., 0] *= -1
    return out
