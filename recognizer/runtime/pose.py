"""Pose stage: BlazePose (full model) through mediapipe.solutions.pose.

BlazePose must see the frame as the camera took it, never mirrored: mirroring swaps its left and right,
and left and right here are always the player's own. Mirroring is for display only.
"""

import sys
import time
from dataclasses import dataclass

import cv2
import numpy as np

from recognizer.errors import FrameError
from recognizer.runtime import skeleton

MIN_SIDE = 16  # frames smaller than this hold no person BlazePose could find


def mediapipe():
    """mediapipe, imported without TensorFlow.

    Where TensorFlow is installed (a training set-up), mediapipe imports it for nothing but its API docs
    (mediapipe/tasks/python/core/optional_dependencies.py) and carries on without it when it is absent.
    That import costs seconds and hundreds of MB, and under a real X window it was seen to hang the
    loading thread for good; so TensorFlow is hidden while mediapipe loads, unless this process has
    already loaded it for training.
    """
    if "tensorflow" in sys.modules:
        import mediapipe
        return mediapipe
    sys.modules["tensorflow"] = None  # makes "import tensorflow" raise ModuleNotFoundError
    try:
        import mediapipe
        import mediapipe.python.solutions.pose  # noqa: F401  (the part the pose stage uses, loaded now)
    finally:
        if sys.modules.get("tensorflow", False) is None:
            del sys.modules["tensorflow"]
    return mediapipe


@dataclass
class PoseResult:
    """One frame's pose, or no person (found is False and the arrays are None)."""
    timestamp: float
    image_landmarks: np.ndarray = None  # (33, 3): x, y in [0, 1] of the image, z relative depth
    world_landmarks: np.ndarray = None  # (33, 3): metres, origin between the hips, y down
    visibility: np.ndarray = None  # (33,)

    @property
    def found(self):
        return self.world_landmarks is not None

    @property
    def canonical(self):
        """The canonical skeleton (15, 3) in a right-handed y-up frame."""
        return skeleton.from_blazepose(self.world_landmarks)

    @property
    def canonical_image_points(self):
        """(15, 2): where the canonical joints are in the frame, x and y in [0, 1], y down."""
        return skeleton.blazepose_image_points(self.image_landmarks)

    @property
    def canonical_visibility(self):
        return skeleton.blazepose_visibility(self.visibility)


def to_rgb(frame, color="bgr"):
    """A uint8 RGB copy of a BGR, RGB, BGRA or grey frame; FrameError for anything else."""
    if frame is None:
        raise FrameError("frame is None")
    if not isinstance(frame, np.ndarray):
        raise FrameError(f"frame must be a numpy array, got {type(frame).__name__}")
    if frame.dtype != np.uint8:
        raise FrameError(f"frame must be uint8, got {frame.dtype}")
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[:, :, 0]
    if frame.ndim == 2:
        return cv2.cvtColor(frame, cv2.COLOR_GRAY2RGB)
    if frame.ndim != 3 or frame.shape[2] not in (3, 4):
        raise FrameError(f"frame must be HxW, HxWx1, HxWx3 or HxWx4, got shape {frame.shape}")
    if color not in ("bgr", "rgb"):
        raise ValueError(f"color must be 'bgr' or 'rgb', got {color!r}")
    codes = {("bgr", 3): cv2.COLOR_BGR2RGB, ("bgr", 4): cv2.COLOR_BGRA2RGB, ("rgb", 4): cv2.COLOR_RGBA2RGB}
    code = codes.get((color, frame.shape[2]))
    return cv2.cvtColor(frame, code) if code is not None else np.ascontiguousarray(frame)


class PoseEstimator:
    """BlazePose full model. static_image_mode=True for unrelated images, False (tracking) for streams."""

    def __init__(self, static_image_mode=False, min_detection_confidence=0.5, min_tracking_confidence=0.5):
        mp = mediapipe()
        self.static_image_mode = static_image_mode
        self._pose = mp.solutions.pose.Pose(static_image_mode=static_image_mode, model_complexity=1,
                                            min_detection_confidence=min_detection_confidence,
                                            min_tracking_confidence=min_tracking_confidence)

    def process(self, frame, timestamp=None, color="bgr"):
        """The pose in one frame; timestamp defaults to now (time.monotonic)."""
        timestamp = time.monotonic() if timestamp is None else timestamp
        if isinstance(frame, np.ndarray) and frame.ndim >= 2 and min(frame.shape[:2]) < MIN_SIDE:
            return PoseResult(timestamp)
        results = self._pose.process(to_rgb(frame, color))
        if results.pose_world_landmarks is None or results.pose_landmarks is None:
            return PoseResult(timestamp)
        image = np.array([[p.x, p.y, p.z] for p in results.pose_landmarks.landmark], np.float32)
        world = np.array([[p.x, p.y, p.z] for p in results.pose_world_landmarks.landmark], np.float32)
        visibility = np.array([p.visibility for p in results.pose_landmarks.landmark], np.float32)
        return PoseResult(timestamp, image, world, visibility)

    def reset(self):
        """Forget the tracked person, as before a new clip."""
        self._pose.reset()

    def close(self):
        self._pose.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def draw(image, result):
    """A copy of a BGR image with the pose's landmarks and connections drawn, with mediapipe's own drawing."""
    mp = mediapipe()
    from mediapipe.framework.formats import landmark_pb2
    out = image.copy()
    if result.found:
        landmarks = landmark_pb2.NormalizedLandmarkList(landmark=[
            landmark_pb2.NormalizedLandmark(x=x, y=y, z=z, visibility=v)
            for (x, y, z), v in zip(result.image_landmarks, result.visibility)])
        mp.solutions.drawing_utils.draw_landmarks(
            out, landmarks, mp.solutions.pose.POSE_CONNECTIONS,
            landmark_drawing_spec=mp.solutions.drawing_styles.get_default_pose_landmarks_style())
    return out
