"""The game's side of the recognizer: whatever stands in front of the game, seen once per render frame.

CameraTracker runs the live recognizer over a camera or video; DemoTracker runs the virtual player
through the same recognizer from the canonical skeleton on. Both load their models on a thread, so the
window is up at once, and both are read without waiting: `view()` for drawing, `take_scores()` (every
scored frame since the last call) for judging prompts. Loading errors (a missing model, no camera) end up
in `error` for the game to show, and an exception that stops recognition after loading in `failure`.
"""

import threading
import time
from collections import deque
from dataclasses import dataclass

import numpy as np

from recognizer.runtime.live import SCORES_KEPT, drain

from . import placement
from .virtual_player import VirtualPlayer, image_points

DEMO_FPS = 30.0
# What the player is told while the camera cannot be used, by the capture's state (recognizer.runtime.capture).
CAMERA_TROUBLE = {"camera lost": "Camera lost, reconnecting...",
                  "camera frozen": "Camera frozen: its picture stopped changing"}
LOADING, READY, FAILED = "loading", "ready", "failed"
LOADER_JOIN_S = 1.0  # stop() waits this long for a load under way; SIGTERM must end the game within 2 s


@dataclass
class View:
    """What the player looks like now: for drawing, placement checks and the diagnostics overlay."""
    image: np.ndarray = None  # BGR camera frame as taken (not mirrored), None in demo mode
    points: np.ndarray = None  # (15, 2) canonical joints in [0, 1] of the frame, None without a person
    visibility: np.ndarray = None  # (15,)
    brightness: float = None
    probabilities: dict = None  # {label: probability}
    skeleton: np.ndarray = None  # (15, 3) canonical, for teaching moves
    timestamp: float = None
    pose_ms: float = 0.0
    recognizer_ms: float = 0.0


class _Tracker:
    """Loading on a thread, the rate of processed frames, and events handed over without waiting."""

    def __init__(self, model_dir, seated=False):
        self.model_dir = model_dir
        self.seated = seated
        self.status = LOADING
        self.error = None
        self.source_failed = False  # the camera or video could not be opened (not a model problem)
        self.ready_at = None
        self._frame_times = deque(maxlen=60)
        self._loader = None
        self._stop_lock = threading.Lock()  # a load that ends after stop() must not start anything
        self._stopped = False
        self.shipped_recognizer = None
        # Called with the shipped recognizer once loaded, on the loader thread; returns the one to use
        # (a player's refitted head), so that a profile is in place before the first frame is scored.
        self.on_loaded = None

    def start(self):
        self._loader = threading.Thread(target=self._load_and_run, name="tracker-loader", daemon=True)
        self._loader.start()
        return self

    @property
    def failure(self):
        """The exception that stopped recognition after loading, or None."""
        return None

    def _start_unless_stopped(self, start):
        """Run start() (which starts the worker) unless stop() came first; False if it did."""
        with self._stop_lock:
            if self._stopped:
                return False
            start()
            return True

    def _mark_stopped(self):
        with self._stop_lock:
            self._stopped = True
        if self._loader is not None:
            self._loader.join(timeout=LOADER_JOIN_S)

    def _load_and_run(self):
        from recognizer.errors import SourceError
        try:
            self._load()
        except Exception as error:  # shown on screen: a missing model, no camera, a broken file
            self.source_failed = isinstance(error, SourceError)
            self.error, self.status = str(error), FAILED
            return
        self.status, self.ready_at = READY, time.monotonic()

    def _pipeline(self):
        from recognizer.runtime.live import FULL_BODY, SEATED, FramePipeline
        from recognizer.runtime.model import ActionRecognizer
        recognizer = ActionRecognizer.load(self.model_dir)
        self.shipped_recognizer = recognizer
        if self.on_loaded is not None:
            recognizer = self.on_loaded(recognizer)
        return FramePipeline(recognizer, required_joints=SEATED if self.seated else FULL_BODY)

    def set_seated(self, seated):
        from recognizer.runtime.live import FULL_BODY, SEATED
        self.seated = seated
        pipeline = self._current_pipeline()
        if pipeline is not None:
            pipeline.required_joints = list(SEATED if seated else FULL_BODY)

    def set_recognizer(self, recognizer):
        self._current_pipeline().set_recognizer(recognizer)

    def _tick(self):
        self._frame_times.append(time.monotonic())

    @property
    def pose_fps(self):
        times = self._frame_times
        if len(times) < 2 or time.monotonic() - times[-1] > 1.0:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])

    @property
    def ready(self):
        return self.status == READY

    def prompt(self, move, now, time_limit_s, on_beat=None):
        """A move was prompted (the virtual player acts on it; a real player needs no telling); on_beat: the
        time.monotonic() a rhythm level wants it done at."""

    @property
    def trouble(self):
        """A line for the player while the camera cannot be used (lost, frozen), else None."""
        return CAMERA_TROUBLE.get(self.state)

    def game_time(self, timestamp):
        """The time.monotonic() of a scored frame's timestamp (sources keep their own clocks), to set a verdict
        against the game's beats and prompts."""
        return timestamp + self.clock_zero


def _pose_view(scores):
    """The View of one frame's Scores (without the camera image)."""
    view = View(pose_ms=scores.pose_ms, recognizer_ms=scores.recognizer_ms, timestamp=scores.timestamp)
    if scores.pose is not None and scores.pose.found:
        view.points = scores.pose.canonical_image_points
        view.visibility = scores.pose.canonical_visibility
        view.skeleton = scores.pose.canonical
    if scores.probabilities is not None:
        view.probabilities = dict(zip(scores.labels, map(float, scores.probabilities)))
    return view


class CameraTracker(_Tracker):
    """A camera or a video file through the capture thread and the live recognizer; record: a path to
    save the session's poses and events to (recognizer.runtime.pose_log), for --replay."""

    def __init__(self, source, model_dir, seated=False, record=None):
        super().__init__(model_dir, seated)
        self.source = source
        self.record = record
        self.live = None
        self._seen, self._view = None, View()

    @property
    def clock_zero(self):
        return self.source.clock_zero

    def _load(self):
        from recognizer.runtime import pose_log
        from recognizer.runtime.capture import CaptureThread
        from recognizer.runtime.live import LiveRecognizer
        from recognizer.runtime.pose import PoseEstimator
        pipeline = self._pipeline()
        pipeline.estimator = PoseEstimator()  # loaded here, not on the first frame
        if self.record:
            pipeline.recorder = pose_log.PoseLogWriter(self.record, getattr(self.source, "name", ""))
        live = LiveRecognizer(CaptureThread(self.source), pipeline)

        def start():
            self.live = live.start()
        if not self._start_unless_stopped(start):
            pipeline.close()

    def _current_pipeline(self):
        return self.live.pipeline if self.live else None

    @property
    def state(self):
        """The capture's state: "running", "camera lost", "camera frozen", "ended" or "stopped"; "loading" before."""
        return self.live.state if self.live else self.status

    def view(self):
        """The newest frame's View, built once per frame however many render frames ask for it."""
        scores = self.live.latest if self.live else None
        if scores is not None and scores is not self._seen:
            frame = self.live.latest_frame
            self._seen, self._view = scores, _pose_view(scores)
            self._view.image, self._view.brightness = frame.image, placement.brightness(frame.image)
            self._tick()
        return self._view

    def take_scores(self):
        return self.live.take_scores() if self.live else []

    @property
    def failure(self):
        return self.live.error if self.live else None

    def stop(self):
        self._mark_stopped()
        if self.live is not None:
            self.live.stop()


class _WorkerTracker(_Tracker):
    """A tracker whose own worker thread feeds skeletons or poses to a FramePipeline (no capture thread)."""

    worker_name = "tracker"

    def __init__(self, model_dir, seated=False):
        super().__init__(model_dir, seated)
        self.pipeline = None
        self._latest = View()
        self._scores = deque(maxlen=SCORES_KEPT)
        self._stopping = threading.Event()
        self._worker = None
        self._failure = None
        self.finished = False

    def _load(self):
        self.pipeline = self._pipeline()
        self._worker = threading.Thread(target=self._work, name=self.worker_name, daemon=True)
        self._start_unless_stopped(self._worker.start)

    def _work(self):
        try:
            self._run()
        except Exception as error:  # kept for the game to show; the worker ends
            self._failure = error

    @property
    def failure(self):
        return self._failure

    def _current_pipeline(self):
        return self.pipeline

    def _publish(self, scores, view):
        self._scores.append(scores)
        self._latest = view
        self._tick()

    @property
    def state(self):
        return ("ended" if self.finished else "running") if self.ready else self.status

    def view(self):
        return self._latest

    def take_scores(self):
        return drain(self._scores)

    def stop(self):
        self._stopping.set()
        self._mark_stopped()
        if self._worker is not None and self._worker.is_alive():
            self._worker.join(timeout=0.5)


class DemoTracker(_WorkerTracker):
    """The virtual player, scored by the real recognizer at DEMO_FPS: on a worker thread in real time, or, on the
    game's virtual clock (game.clock.VirtualClock), frame by frame as the game reads it, up to the clock's now."""

    worker_name = "demo-player"

    def __init__(self, model_dir, seated=False, seed=None, player=None, clock=None):
        super().__init__(model_dir, seated)
        self.player = player or VirtualPlayer(seed=seed)
        self.prompts = []  # (move, time limit's end, Performance) of every prompt, for recognition()
        self.all_events = []
        self._lock = threading.Lock()
        self.clock = clock
        self.clock_zero = clock.now() if clock is not None else time.monotonic()
        self._next_frame = 0  # on the virtual clock, the next frame to score

    def now(self):
        return (self.clock.now() if self.clock is not None else time.monotonic()) - self.clock_zero

    def _load(self):
        if self.clock is None:
            return super()._load()
        self.pipeline = self._pipeline()  # on the virtual clock, the game's reads score the frames

    def _run(self):
        frame = 0
        while not self._stopping.wait(max(0.0, (frame + 1) / DEMO_FPS - self.now())):
            self._score(self.now(), frame)
            frame = int(self.now() * DEMO_FPS)

    def _score(self, t, frame):
        with self._lock:
            skeleton = self.player.skeleton(t)
        scores = self.pipeline.score_skeleton(t, skeleton, np.ones(len(skeleton)), frame)
        if scores.event is not None:
            self.all_events.append(scores.event)
        self._publish(scores, View(points=image_points(skeleton), visibility=np.ones(len(skeleton)),
                                   probabilities=dict(zip(scores.labels, map(float, scores.probabilities))),
                                   recognizer_ms=scores.recognizer_ms, skeleton=skeleton, timestamp=t))

    def _catch_up(self):
        """On the virtual clock: score every frame due by now."""
        if self.clock is not None and self.ready:
            while self._next_frame / DEMO_FPS <= self.now():
                self._score(self._next_frame / DEMO_FPS, self._next_frame)
                self._next_frame += 1

    def view(self):
        self._catch_up()
        return super().view()

    def take_scores(self):
        self._catch_up()
        return super().take_scores()

    def prompt(self, move, now, time_limit_s, on_beat=None):
        with self._lock:
            if move in self.player.moves:
                prompted_at = self.now()
                beat = None if on_beat is None else on_beat - self.clock_zero
                performance = self.player.respond(move, prompted_at, time_limit_s, beat)
                self.prompts.append((move, prompted_at + time_limit_s, performance))

    def recognition(self, margin_s=0.5):
        """How many of the virtual player's moves the recognizer named: an event of the move performed
        (right or wrong for the prompt) from its start to margin_s after its end."""
        performed = [p for _, _, p in self.prompts if not p.dropped]
        named = [any(e.label == p.move and p.start <= e.time_s <= p.end + margin_s for e in self.all_events)
                 for p in performed]
        # Prompts the player answered right and in time (it means to get some wrong or late): what a perfect
        # judge would call HIT.
        answered = sum(performance.move == move and not performance.dropped and performance.action_time <= ends
                       for move, ends, performance in self.prompts)
        return {"performed": len(performed), "recognised": sum(named),
                "rate": sum(named) / len(named) if named else None,
                "missed": [p.move for p, ok in zip(performed, named) if not ok], "answered_in_time": answered}


class ReplayTracker(_WorkerTracker):
    """A pose recording (--record) played back at its own pace through the recognizer, no camera."""

    worker_name = "replay"

    def __init__(self, path, model_dir, seated=False):
        super().__init__(model_dir, seated)
        self.path = path
        self.frames = []
        self.clock_zero = 0.0

    def _load(self):
        from recognizer.runtime import pose_log
        self.frames, _ = pose_log.read(self.path)
        super()._load()

    def _run(self):
        start, first = time.monotonic(), self.frames[0][1].timestamp if self.frames else 0.0
        self.clock_zero = start - first
        for number, pose in self.frames:
            if self._stopping.wait(max(0.0, pose.timestamp - first - (time.monotonic() - start))):
                return
            scores = self.pipeline.process_pose(pose, number)
            self._publish(scores, _pose_view(scores))
        self.finished = True
