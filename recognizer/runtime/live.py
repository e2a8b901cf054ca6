"""Live recognition: pose on each frame, a sliding window in time, scores, and the decoder's events.

FramePipeline is the per-frame step, synchronous and deterministic (used for video files and tests);
LiveRecognizer runs it on a worker thread over a CaptureThread, always on the newest frame.
"""

import math
import threading
import time
from collections import deque
from dataclasses import dataclass

import numpy as np

from recognizer.errors import FrameError
from recognizer.runtime import features, skeleton
from recognizer.runtime.capture import ENDED, STOPPED
from recognizer.runtime.decoder import EventDecoder
from recognizer.runtime.pose import PoseEstimator

# Joints that must be in view for events: the whole body, or head to hips when seated.
FULL_BODY = tuple(range(skeleton.N_JOINTS))
SEATED = tuple(skeleton.J[name] for name in ("head", "neck", "mid_hip", "left_shoulder", "left_elbow",
                                              "left_wrist", "right_shoulder", "right_elbow", "right_wrist",
                                              "left_hip", "right_hip"))
# How much history the window needs beyond its own length, for resampling at its edges.
HISTORY_MARGIN_S = 0.2
# Scored frames kept for a reader that has not taken them yet (17 s at 30 fps): a reader that stops reading
# (a game in its menu) must not grow memory without end.
SCORES_KEPT = 512


def in_view(visibility, required_joints=FULL_BODY, min_visibility=0.5, image_points=None):
    """Whether every required joint is seen well enough for events (skeleton.joints_seen), per frame of
    visibilities (..., 15) and, for a camera's pose, the joints' places in the frame (..., 15, 2)."""
    seen = skeleton.joints_seen(visibility, image_points, min_visibility)
    return seen[..., list(required_joints)].all(axis=-1)


@dataclass
class Scores:
    """What one frame produced: its pose, the class probabilities (None without a person) and any event."""
    timestamp: float
    pose: object
    probabilities: np.ndarray
    visible: bool
    event: object
    pose_ms: float
    recognizer_ms: float
    labels: list = None  # the classes the probabilities are of
    skeleton: np.ndarray = None  # the canonical skeleton scored (15, 3), None without a person: for coaching


def newest_frames(capture, stopping):
    """The capture's newest frame each time one is ready, until `stopping` (a threading.Event) is set or the
    capture ends."""
    while not stopping.is_set():
        frame = capture.latest(timeout=0.1)
        if frame is not None:
            yield frame
        elif capture.state in (ENDED, STOPPED):
            return


def drain(queue):
    """Everything in a deque filled by another thread, oldest first, without ever waiting."""
    items = []
    while queue:
        items.append(queue.popleft())
    return items


class FramePipeline:
    """pose → canonical skeleton → window ending at this frame → GRU + classifier → decoder."""

    def __init__(self, recognizer, decoder=None, estimator=None, min_visibility=0.5, required_joints=FULL_BODY,
                 recorder=None):
        self.recognizer = recognizer
        self.labels = [str(label) for label in recognizer.classes_]
        self.decoder = decoder or EventDecoder(self.labels)
        # Made on first use, so that a stream of ready skeletons never loads BlazePose.
        self.estimator = estimator
        self.min_visibility = min_visibility
        self.required_joints = list(required_joints)
        self.recorder = recorder  # a pose_log.PoseLogWriter, to replay the session later
        self._history = deque()
        self._flips = skeleton.FlipFilter()
        self._probabilities = None  # the last frame's, repeated by a frame whose left and right are swapped
        self._swap = threading.Lock()  # a frame is scored and decoded by one recognizer, never half of two

    def set_recognizer(self, recognizer):
        """Score with another recognizer (a player's refitted one) from the next frame on; its classes
        may differ (custom moves), so the decoder starts afresh with the same settings."""
        labels = [str(label) for label in recognizer.classes_]
        fresh = self.decoder.for_labels(labels)
        with self._swap:
            self.recognizer, self.labels, self.decoder = recognizer, labels, fresh

    def process(self, frame, timestamp, frame_number=-1):
        """Pose on one camera frame, then the recognizer on its canonical skeleton."""
        if self.estimator is None:
            self.estimator = PoseEstimator()
        start = time.perf_counter()
        pose = self.estimator.process(frame, timestamp)
        return self.process_pose(pose, frame_number, (time.perf_counter() - start) * 1000.0)

    def process_pose(self, pose, frame_number=-1, pose_ms=0.0):
        """The recognizer on a PoseResult, from BlazePose or from a pose recording being replayed."""
        if pose.found:
            scores = self.score_skeleton(pose.timestamp, pose.canonical, pose.canonical_visibility, frame_number,
                                         pose, pose_ms, pose.canonical_image_points)
        else:
            scores = self.score_skeleton(pose.timestamp, None, None, frame_number, pose, pose_ms)
        if self.recorder is not None:
            self.recorder.write(pose, frame_number, scores.event)
        return scores

    def score_skeleton(self, timestamp, canonical, visibility, frame_number=-1, pose=None, pose_ms=0.0,
                       image_points=None):
        """Everything after the pose network for one canonical skeleton (15, 3) and its joints' visibility
        (None for no person), from BlazePose or from any other source such as the game's virtual player;
        image_points: the joints' places in the camera frame (15, 2), for a camera's pose.

        A skeleton with a joint that is not finite (or absurdly far) counts as no person: one bad frame
        must never stop recognition. FrameError for a timestamp that is not a number or a skeleton of
        the wrong shape, which no pose source makes."""
        if not math.isfinite(timestamp):
            raise FrameError(f"frame {frame_number}: timestamp {timestamp!r} is not a number of seconds")
        if canonical is not None:
            if np.shape(canonical) != (skeleton.N_JOINTS, 3):
                raise FrameError(f"frame {frame_number}: a skeleton must be ({skeleton.N_JOINTS}, 3), "
                                 f"got {np.shape(canonical)}")
            if not skeleton.is_plausible(canonical):
                canonical = None
        if canonical is None:
            self._history.clear()
            self._flips.reset()
            event = self.decoder.update(timestamp, None, visible=False, frame=frame_number)
            return Scores(timestamp, pose, None, False, event, pose_ms, 0.0)
        with self._swap:
            return self._score(timestamp, canonical, visibility, frame_number, pose, pose_ms, image_points)

    def _score(self, timestamp, canonical, visibility, frame_number, pose, pose_ms, image_points):
        start = time.perf_counter()
        visible = bool(in_view(visibility, self.required_joints, self.min_visibility, image_points))
        if self._history and timestamp == self._history[-1][0]:
            self._history.pop()  # the same moment again: the newer skeleton stands for it
        elif self._history and timestamp < self._history[-1][0]:
            self._history.clear()  # time went back (a new clip, a restarted source): a new stream
            self._flips.reset()
            self.decoder.reset()
        if self._flips.accept(timestamp, canonical) or not self._history:
            self._history.append((timestamp, np.asarray(canonical, np.float32)))
            while self._history[0][0] < timestamp - features.WINDOW_S - HISTORY_MARGIN_S:
                self._history.popleft()
            times = np.array([t for t, _ in self._history])
            window = features.window_features(np.stack([s for _, s in self._history]), times, [timestamp])
            self._probabilities = self.recognizer.predict_proba(window)[0]
        probabilities = self._probabilities
        event = self.decoder.update(timestamp, probabilities, visible=visible, frame=frame_number)
        recognizer_ms = (time.perf_counter() - start) * 1000.0
        return Scores(timestamp, pose, probabilities, visible, event, pose_ms, recognizer_ms, self.labels,
                      self._history[-1][1])

    def close(self):
        """Close BlazePose and the recorder; closing again does nothing."""
        estimator, recorder, self.estimator, self.recorder = self.estimator, self.recorder, None, None
        if estimator is not None:
            estimator.close()
        if recorder is not None:
            recorder.close()


class ScoreFeed:
    """What a worker thread publishes and the game reads without ever waiting: `latest` (the newest Scores),
    `latest_frame` (the frame they were computed from) and `take_scores()` (every frame's Scores since the last
    call, for a judge that must see each frame)."""

    def __init__(self):
        self.latest = None
        self.latest_frame = None
        self.frames_processed = 0
        self._scores = deque(maxlen=SCORES_KEPT)

    def publish(self, frame, scores):
        self._scores.append(scores)
        self.latest_frame, self.latest = frame, scores
        self.frames_processed += 1

    def take_scores(self):
        return drain(self._scores)


class LiveRecognizer(ScoreFeed):
    """Runs a FramePipeline on a worker thread over the newest frames of a CaptureThread, read as a ScoreFeed.
    If the worker fails, it keeps the exception in `error` for the game or the command line to show, and ends.
    """

    def __init__(self, capture, pipeline):
        super().__init__()
        self.capture = capture
        self.pipeline = pipeline
        self.capture_to_scores_ms = deque(maxlen=1000)
        self.error = None
        self._stopping = threading.Event()
        self._thread = None

    def start(self):
        self.capture.start()
        self._thread = threading.Thread(target=self._run, name="recognizer", daemon=True)
        self._thread.start()
        return self

    def _run(self):
        try:
            for frame in newest_frames(self.capture, self._stopping):
                scores = self.pipeline.process(frame.image, frame.timestamp, frame.number)
                self.capture_to_scores_ms.append((time.monotonic() - frame.captured_at) * 1000.0)
                self.publish(frame, scores)
        except Exception as error:  # kept and shown by whoever runs this; the thread ends
            self.error = error
        finally:
            # Closed here, by the thread that uses it, so BlazePose is never closed under a frame.
            self.pipeline.close()

    @property
    def state(self):
        return self.capture.state

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout_s=2.0):
        """Stop the capture and the worker; the worker closes the pipeline once its last frame is done,
        even if that takes longer than the wait here."""
        self._stopping.set()
        self.capture.stop()
        if self._thread is None:
            self.pipeline.close()
        else:
            self._thread.join(timeout=timeout_s)
