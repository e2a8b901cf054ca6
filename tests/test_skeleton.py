import numpy as np

from recognizer.datasets.g3d import FPS
from recognizer.runtime import skeleton

J = skeleton.J


def test_kinect_mapping_keeps_left_left(g3d_data):
    """In PunchRight the subject's right wrist (Kinect joint 10) moves toward the sensor."""
    recording, action = next((r, a) for r in g3d_data[1] for a in r.truth if a.label == "punch_right" and a.start >= 15)
    window = skeleton.normalise(recording.skeletons[action.start - 15:action.start + 1])
    right_reach = window[-1, J["right_wrist"], 2] - window[0, J["right_wrist"], 2]
    left_reach = window[-1, J["left_wrist"], 2] - window[0, J["left_wrist"], 2]
    assert right_reach > 0.3 > left_reach  # z is forward, in torso lengths
    assert window[:, J["left_shoulder"], 0].mean() > 0 > window[:, J["right_shoulder"], 0].mean()


def test_kinect_joints_map_by_name():
    kinect = np.arange(20 * 3, dtype=np.float32).reshape(20, 3)
    canonical = skeleton.from_kinect(kinect)
    np.testing.assert_array_equal(canonical[J["right_wrist"]], kinect[10])
    np.testing.assert_array_equal(canonical[J["left_ankle"]], kinect[14])
    np.testing.assert_array_equal(canonical[J["neck"]], (kinect[4] + kinect[8]) / 2)


def test_blazepose_joints_map_by_name_and_flip_to_y_up():
    landmarks = np.random.default_rng(0).normal(size=(33, 3)).astype(np.float32)
    canonical = skeleton.from_blazepose(landmarks)
    np.testing.assert_allclose(canonical[J["left_wrist"]], landmarks[15] * [1, -1, -1])
    np.testing.assert_allclose(canonical[J["head"]], (landmarks[7] + landmarks[8]) / 2 * [1, -1, -1])


def test_normalise_removes_position_size_and_facing(g3d_data):
    recording = g3d_data[2][0]
    window = recording.skeletons[:30]
    angle = np.radians(70)
    turn = np.array([[np.cos(angle), 0, np.sin(angle)], [0, 1, 0], [-np.sin(angle), 0, np.cos(angle)]], np.float32)
    moved = (window @ turn.T) * 1.7 + np.array([3.0, -1.0, 2.0], np.float32)
    np.testing.assert_allclose(skeleton.normalise(moved), skeleton.normalise(window), atol=1e-4)


def test_mirror_swaps_sides_and_is_its_own_inverse(g3d_data):
    window = skeleton.normalise(g3d_data[1][0].skeletons[:10])
    mirrored = skeleton.mirror(window)
    np.testing.assert_allclose(mirrored[:, J["left_wrist"], 0], -window[:, J["right_wrist"], 0])
    np.testing.assert_allclose(skeleton.mirror(mirrored), window)


def test_g3d_frame_rate_is_30():
    assert FPS == 30.0
