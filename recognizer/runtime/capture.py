"""Capture thread: reads a frame source and keeps only the newest frame, so lag never builds up."""

import threading
import time
from dataclasses import dataclass

import numpy as np

from recognizer.errors import SourceError

RUNNING, LOST, FROZEN, ENDED, STOPPED = "running", "camera lost", "camera frozen", "ended", "stopped"
# A camera's sensor noise makes every real frame differ from the last: the very same picture this long means the
# camera (or its driver, or another app holding it) has frozen, which the player must be told rather than
# "no person". Compared on every SAMPLE_STEP-th pixel each way, which any real change still reaches.
FROZEN_AFTER_S = 2.0
SAMPLE_STEP = 8


@dataclass
class Frame:
    number: int  # counts every frame read, so a reader sees how many it skipped
    image: np.ndarray
    timestamp: float
    captured_at: float  # time.monotonic() when it was read, for capture-to-scores latency


class CaptureThread:
    """Reads `source` on a thread into a one-frame slot; a frame not taken before the next is dropped.

    When a source that does not end (a camera) stops delivering, the state becomes LOST and the source
    is reopened with back-off (retry_s doubling up to max_retry_s); frames resume by themselves. A camera that
    delivers the same picture for FROZEN_AFTER_S is FROZEN until the picture changes (a video file may repeat
    itself: only sources that do not end are watched).
    """

    def __init__(self, source, retry_s=0.25, max_retry_s=4.0):
        self.source = source
        self.retry_s = retry_s
        self.max_retry_s = max_retry_s
        self.state = RUNNING
        self.dropped = 0
        self._slot = None
        self._count = 0
        self._condition = threading.Condition()
        self._stopping = threading.Event()
        self._thread = None
        self._last_sample, self._changed_at = None, None

    def start(self):
        """Opens the source here, so that a missing camera or file raises in the caller."""
        self.source.open()
        self._thread = threading.Thread(target=self._run, name="capture", daemon=True)
        self._thread.start()
        return self

    def _run(self):
        retry = self.retry_s
        while not self._stopping.is_set():
            item = self.source.read()
            if item is not None:
                retry = self.retry_s
                now = time.monotonic()
                self._publish(Frame(self._count, item[0], item[1], now), self._picture_state(item[0], now))
                self._count += 1
            elif self.source.ends:
                self._publish(None, ENDED)
                break
            else:
                self._publish(None, LOST)
                if self._stopping.wait(retry):
                    break
                retry = min(retry * 2, self.max_retry_s)
                self._reopen()
        self.source.close()

    def _picture_state(self, image, now):
        """RUNNING, or FROZEN once a camera's picture has not changed for FROZEN_AFTER_S."""
        if self.source.ends:
            return RUNNING
        sample = np.asarray(image)[::SAMPLE_STEP, ::SAMPLE_STEP]
        if self._last_sample is None or not np.array_equal(sample, self._last_sample):
            self._last_sample, self._changed_at = sample.copy(), now
        return FROZEN if now - self._changed_at >= FROZEN_AFTER_S else RUNNING

    def _reopen(self):
        self.source.close()
        try:
            self.source.open()
        except SourceError:
            pass  # still lost; the next round tries again

    def _publish(self, frame, state):
        with self._condition:
            if frame is not None:
                if self._slot is not None:
                    self.dropped += 1
                self._slot = frame
            if self.state != STOPPED:  # stop() has the last word
                self.state = state
            self._condition.notify_all()

    def latest(self, timeout=None):
        """The newest frame not yet taken, waiting up to timeout; None if none came (see state)."""
        with self._condition:
            self._condition.wait_for(lambda: self._slot is not None or self.state in (ENDED, STOPPED), timeout)
            frame, self._slot = self._slot, None
            return frame

    def stop(self):
        self._stopping.set()
        with self._condition:
            self.state = STOPPED
            self._condition.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
