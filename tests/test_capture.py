import threading
import time

import numpy as np
import pytest

from recognizer.errors import SourceError
from recognizer.runtime import capture
from recognizer.runtime.capture import ENDED, FROZEN, LOST, RUNNING, CaptureThread
from recognizer.runtime.sources import CameraSource, ImageFolderSource, VideoSource, list_cameras


class FakeCamera:
    """Delivers numbered frames; `broken` makes reads (and reopening) fail, like an unplugged camera."""

    ends = False

    def __init__(self, delay=0.0):
        self.delay = delay
        self.broken = threading.Event()
        self.stuck = threading.Event()  # the same frame again and again, as a frozen camera gives
        self.opens = 0
        self.count = 0

    def open(self):
        if self.broken.is_set():
            raise SourceError("fake camera unplugged")
        self.opens += 1
        return self

    def read(self):
        time.sleep(self.delay)
        if self.broken.is_set():
            return None
        self.count += 1
        picture = 7 if self.stuck.is_set() else self.count % 256
        return np.full((4, 4, 3), picture, np.uint8), float(self.count)

    def close(self):
        pass


def wait_for(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_slow_reader_gets_the_newest_frame_and_stale_ones_are_dropped():
    capture = CaptureThread(FakeCamera(delay=0.002)).start()
    try:
        first = capture.latest(timeout=1.0)
        time.sleep(0.2)  # a slow consumer: many frames arrive meanwhile
        newest = capture.latest(timeout=1.0)
        assert newest.number > first.number + 10
        assert capture.dropped >= newest.number - first.number - 2
        assert abs(newest.number - capture.source.count) <= 2  # not an old, queued frame
    finally:
        capture.stop()


def test_camera_loss_is_reported_and_recovers_by_itself():
    camera = FakeCamera(delay=0.002)
    capture = CaptureThread(camera, retry_s=0.02, max_retry_s=0.05).start()
    try:
        assert capture.latest(timeout=1.0) is not None
        camera.broken.set()
        wait_for(lambda: capture.state == LOST)
        opens_while_lost = camera.opens
        time.sleep(0.2)
        camera.broken.clear()
        wait_for(lambda: capture.state == RUNNING)
        assert camera.opens > opens_while_lost  # it reopened the camera
        capture.latest(timeout=1.0)
        assert capture.latest(timeout=1.0) is not None
    finally:
        capture.stop()
    assert not capture._thread.is_alive()


def test_no_camera_at_index_0_names_it_and_the_flags():
    import cv2
    if cv2.VideoCapture(0).isOpened():
        pytest.skip("this machine has a camera at index 0")
    with pytest.raises(SourceError, match=r"no camera at index 0.*--camera N.*--video FILE"):
        CameraSource(0).open()


def test_the_cameras_listed_are_those_that_open_and_give_a_frame(monkeypatch):
    class Capture:
        """Index 1 opens and gives frames; index 2 opens but gives none (a busy camera); the rest do not open."""
        def __init__(self, index):
            self.index = index

        def isOpened(self):  # noqa: N802 (OpenCV's name)
            return self.index in (1, 2)

        def read(self):
            return self.index == 1, None

        def release(self):
            pass
    monkeypatch.setattr("recognizer.runtime.sources.cv2.VideoCapture", Capture)
    assert list_cameras(4) == [1]


def test_missing_and_unreadable_videos_are_named(tmp_path):
    with pytest.raises(SourceError, match="nothing.mp4: no such video file"):
        VideoSource(tmp_path / "nothing.mp4").open()
    bad = tmp_path / "bad.avi"
    bad.write_bytes(b"\x00" * 100)
    with pytest.raises(SourceError, match="bad.avi: not a readable video"):
        VideoSource(bad).open()


def test_a_video_ends_and_a_looped_one_goes_on(clips_dir):
    capture = CaptureThread(VideoSource(clips_dir / "g3d_kick_left.mp4")).start()
    wait_for(lambda: capture.state == ENDED)
    capture.stop()
    looped = VideoSource(clips_dir / "g3d_kick_left.mp4", loop=True).open()
    timestamps = [looped.read()[1] for _ in range(75)]
    looped.close()
    assert np.all(np.diff(timestamps) > 0) and timestamps[-1] == pytest.approx(74 / 25)


def test_image_folder_source(tmp_path, grace_hopper):
    import cv2
    for name in ("b.png", "a.jpg"):
        cv2.imwrite(str(tmp_path / name), grace_hopper)
    (tmp_path / "notes.txt").write_text("not an image")
    source = ImageFolderSource(tmp_path, fps=5).open()
    frames = [source.read(), source.read(), source.read()]
    assert [f[1] for f in frames[:2]] == [0.0, 0.2] and frames[2] is None
    with pytest.raises(SourceError, match="no images"):
        ImageFolderSource(tmp_path / "empty").open() if (tmp_path / "empty").mkdir() is None else None


def test_a_camera_giving_the_same_picture_is_frozen_until_it_changes(monkeypatch):
    monkeypatch.setattr(capture, "FROZEN_AFTER_S", 0.3)
    camera = FakeCamera(delay=0.01)
    thread = CaptureThread(camera).start()
    try:
        wait_for(lambda: camera.count > 20)
        assert thread.state == RUNNING
        camera.stuck.set()
        wait_for(lambda: thread.state == FROZEN)
        assert thread.latest(timeout=1.0) is not None  # its frames still come: it is not lost
        camera.stuck.clear()
        wait_for(lambda: thread.state == RUNNING)
    finally:
        thread.stop()


def test_a_video_that_shows_a_still_picture_is_not_a_frozen_camera(monkeypatch):
    monkeypatch.setattr(capture, "FROZEN_AFTER_S", 0.1)
    camera = FakeCamera(delay=0.01)
    camera.ends = True  # a file: a still scene is what it holds
    camera.stuck.set()
    thread = CaptureThread(camera).start()
    try:
        wait_for(lambda: camera.count > 30)
        assert thread.state == RUNNING
    finally:
        thread.stop()
