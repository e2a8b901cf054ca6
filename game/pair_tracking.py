"""What sees two players (family mode): one camera cut in halves (recognizer.runtime.pair), each half read as one
player's CameraTracker, or two virtual players in the demo; and the pair seen as one tracker by what does not care
whose frames they are (loading, failures, the frame-rate figures).

Player 1 stands on the left of the mirrored view, which is the camera's right half; player 2 on the right.
"""

from .tracking import CameraTracker

# The camera half (recognizer.runtime.pair.SIDES order: left, right) each player stands in.
PLAYER_HALVES = (1, 0)


class HalfTracker(CameraTracker):
    """One player's half of a camera shared with another, read as a CameraTracker is (its View holds the half frame
    and the joints in it). The first player's half loads both halves' pipelines, each with its own player's
    recognizer (on_loaded), and starts them together."""

    def __init__(self, source, model_dir, seated=False, record=None):
        super().__init__(source, model_dir, seated, record)
        self.partner = None  # the second player's HalfTracker, loaded by this one
        self.paired = None

    def start(self):
        if self.partner is not None:  # the first player's half: it loads both
            super().start()
        return self

    def _load(self):
        from recognizer.runtime.capture import CaptureThread
        from recognizer.runtime.pair import PairedLive
        from recognizer.runtime.pose import PoseEstimator
        ordered = [None, None]
        for tracker, half in zip((self, self.partner), PLAYER_HALVES):
            ordered[half] = tracker
        pipelines = [tracker._pipeline() for tracker in ordered]
        for pipeline in pipelines:
            pipeline.estimator = PoseEstimator()  # loaded here, not on the first frame
        paired = PairedLive(CaptureThread(self.source), pipelines)

        def start():
            self.paired = paired.start()
            for tracker, side in zip(ordered, paired.sides):
                tracker.live = side
        if not self._start_unless_stopped(start):
            for pipeline in pipelines:
                pipeline.close()

    def _load_and_run(self):
        super()._load_and_run()
        partner = self.partner
        partner.error, partner.source_failed, partner.ready_at = self.error, self.source_failed, self.ready_at
        partner.status = self.status

    def stop(self):
        self._mark_stopped()
        if self.paired is not None:
            self.paired.stop()


def camera_pair(source, model_dir, seated=False):
    """The two players' HalfTrackers of one camera or video."""
    first, second = HalfTracker(source, model_dir, seated), HalfTracker(source, model_dir, seated)
    first.partner = second
    return [first, second]


class TrackerPair:
    """The players' trackers seen as one: ready when all are, the first error or failure, the slower pose rate;
    `seats` are the trackers themselves, player 1's first."""

    def __init__(self, seats):
        self.seats = list(seats)

    def start(self):
        for tracker in self.seats:
            tracker.start()
        return self

    def stop(self):
        for tracker in self.seats:
            tracker.stop()

    @property
    def ready(self):
        return all(tracker.ready for tracker in self.seats)

    @property
    def ready_at(self):
        times = [tracker.ready_at for tracker in self.seats]
        return None if None in times else max(times)

    def _first(self, name):
        return next((getattr(tracker, name) for tracker in self.seats if getattr(tracker, name)), None)

    @property
    def error(self):
        return self._first("error")

    @property
    def failure(self):
        return self._first("failure")

    @property
    def source_failed(self):
        return any(tracker.source_failed for tracker in self.seats)

    @property
    def trouble(self):
        return self._first("trouble")

    @property
    def state(self):
        return self.seats[0].state

    @property
    def pose_fps(self):
        return min(tracker.pose_fps for tracker in self.seats)

    def view(self):
        return self.seats[0].view()

    def set_seated(self, seated):
        for tracker in self.seats:
            tracker.set_seated(seated)
