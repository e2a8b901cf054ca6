import numpy as np
import pytest

from recognizer.errors import FrameError
from recognizer.runtime import skeleton
from recognizer.runtime.pose import PoseEstimator, to_rgb


@pytest.fixture(scope="module")
def still():
    with PoseEstimator(static_image_mode=True) as estimator:
        yield estimator


def test_finds_the_person_in_a_real_photo(still, grace_hopper):
    result = still.process(grace_hopper, timestamp=1.5)
    assert result.found and result.timestamp == 1.5
    assert result.image_landmarks.shape == (33, 3) and result.world_landmarks.shape == (33, 3)
    # She faces the camera, so her left shoulder (11) is on the image's right.
    assert result.image_landmarks[11, 0] > result.image_landmarks[12, 0]
    nose = result.image_landmarks[0]
    assert 0.3 < nose[0] < 0.7 and 0.1 < nose[1] < 0.5
    assert result.visibility[0] > 0.9


def test_canonical_left_is_the_subjects_left(still, grace_hopper):
    canonical = skeleton.normalise(still.process(grace_hopper).canonical[None])[0]
    J = skeleton.J
    assert canonical[J["left_shoulder"], 0] > 0 > canonical[J["right_shoulder"], 0]
    assert canonical[J["head"], 1] > canonical[J["neck"], 1] > 0  # y is up


def test_grey_and_bgra_frames_work(still, grace_hopper, clips_dir):
    import cv2
    grey = cv2.cvtColor(grace_hopper, cv2.COLOR_BGR2GRAY)
    rgb = to_rgb(grey)
    assert rgb.shape == grace_hopper.shape and (rgb[..., 0] == rgb[..., 2]).all()
    ok, frame = cv2.VideoCapture(str(clips_dir / "g3d_kick_left.mp4")).read()  # a grey camera: a person is found
    assert ok
    colour, grey, single = (still.process(image) for image in (frame, cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY),
                                                               cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)[..., None]))
    assert colour.found and grey.found and single.found  # HxWx1 goes through as HxW does
    assert np.array_equal(grey.image_landmarks, single.image_landmarks)
    assert np.abs(grey.image_landmarks[:, :2] - colour.image_landmarks[:, :2]).max() < 0.05
    assert still.process(cv2.cvtColor(grace_hopper, cv2.COLOR_BGR2BGRA)).found
    assert still.process(grace_hopper[::2, ::2]).found  # any size, non-contiguous too


@pytest.mark.parametrize("frame", [np.zeros((1, 1, 3), np.uint8), np.zeros((0, 0, 3), np.uint8),
                                   np.zeros((8, 640, 3), np.uint8)])
def test_tiny_or_empty_frames_have_no_person(still, frame):
    assert not still.process(frame).found


def test_a_blank_frame_has_no_person(still):
    assert not still.process(np.zeros((480, 640, 3), np.uint8)).found


@pytest.mark.parametrize("frame, message", [
    (None, "None"),
    (np.zeros((64, 64, 3), np.float32), "uint8"),
    (np.zeros((64, 64, 5), np.uint8), "shape"),
    ([[0, 0], [0, 0]], "numpy array"),
])
def test_bad_frames_give_a_clear_error(still, frame, message):
    with pytest.raises(FrameError, match=message):
        still.process(frame)
