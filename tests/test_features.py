"""Window features: what they keep (where each limb points and reaches) and what they leave out (the body's size
and proportions, which differ between Kinect and BlazePose, adults and children)."""

import numpy as np
import pytest

from recognizer.runtime import features, skeleton

J = skeleton.J
# Each joint's parent in the body, from the trunk out: a skeleton is rebuilt bone by bone from it.
PARENT = {"neck": "mid_hip", "head": "neck", "left_shoulder": "neck", "right_shoulder": "neck",
          "left_elbow": "left_shoulder", "right_elbow": "right_shoulder", "left_wrist": "left_elbow",
          "right_wrist": "right_elbow", "left_hip": "mid_hip", "right_hip": "mid_hip", "left_knee": "left_hip",
          "right_knee": "right_hip", "left_ankle": "left_knee", "right_ankle": "right_knee"}


def retarget(skeletons, scale):
    """The same motion with each bone's length times scale[joint] (the bone ending at that joint)."""
    out = skeletons.copy()
    for joint, parent in PARENT.items():  # parents come first in PARENT's order
        bone = skeletons[:, J[joint]] - skeletons[:, J[parent]]
        out[:, J[joint]] = out[:, J[parent]] + bone * scale.get(joint, 1.0)
    return out


@pytest.fixture(scope="module")
def punch(g3d_data):
    recording, action = next((r, a) for r in g3d_data[3] for a in r.truth if a.label == "punch_left" and a.start >= 50)
    around = slice(action.start - 50, action.start + 10)
    return recording.skeletons[around], recording.times[around]


def test_where_limbs_point_and_reach_does_not_change_with_the_bodys_proportions(punch):
    """BlazePose's limbs measure 0.6-0.8 of Kinect's against the torso (out/exp/gap); a child's differ from an
    adult's. Rebuilt with such limbs, the same punch gives the same bone directions and the same reaches in each
    limb's own length, positions and velocities alike. (The hands' and feet's distances apart, in shoulder and hip
    widths, do change with the arms' and legs' lengths: they are left out here.)"""
    skeletons, times = punch
    blazepose_like = {"left_elbow": 0.75, "left_wrist": 0.75, "right_elbow": 0.75, "right_wrist": 0.75,
                      "left_knee": 0.65, "left_ankle": 0.65, "right_knee": 0.65, "right_ankle": 0.65, "head": 0.51}
    ends = times[-20:]
    n_invariant = 3 * (len(features._BONES) + len(features._LIMBS))
    columns = np.r_[0:n_invariant, features.N_FEATURES // 2:features.N_FEATURES // 2 + n_invariant]
    original = features.window_features(skeletons, times, ends)[..., columns]
    retargeted = features.window_features(retarget(skeletons, blazepose_like), times, ends)[..., columns]
    np.testing.assert_allclose(retargeted, original, atol=2e-3)


def test_features_see_a_punch_reach_forward_in_the_arms_own_length(punch):
    skeletons, times = punch
    shorter = retarget(skeletons, {"left_elbow": 0.5, "left_wrist": 0.5})
    for arms in (skeletons, shorter):
        window = features.window_features(arms, times, times[-11:-10])[0]
        reach = window[:, 3 * len(features._BONES):3 * len(features._BONES) + 3]  # left wrist from its shoulder
        assert reach[-1, 2] > 0.6 and reach[-1, 2] - reach[0, 2] > 0.4  # forward (z), most of the arm's length


def test_many_windows_at_once_are_each_window_alone(punch):
    skeletons, times = punch
    ends = times[[5, 30, 59]]
    together = features.window_features(skeletons, times, ends, speeds=[0.8, 1.0, 1.25])
    for end, speed, window in zip(ends, (0.8, 1.0, 1.25), together):
        np.testing.assert_array_equal(features.window_features(skeletons, times, [end], speed)[0], window)
