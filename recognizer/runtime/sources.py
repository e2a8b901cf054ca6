"""Frame sources behind one interface: a webcam, a video file, a folder of images.

Each yields (frame_bgr, timestamp_s) from read(), or None when no frame came (a camera that stopped
delivering, the end of a file). open() raises SourceError naming the device or path and the flag to change.
"""

import time
from pathlib import Path

import cv2

from recognizer.errors import SourceError

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".bmp")


class CameraSource:
    """A webcam through OpenCV's VideoCapture; timestamps are the time each frame was read."""

    ends = False  # no frame means the camera was lost, not that it is over
    clock_zero = 0.0  # timestamps are time.monotonic() itself

    def __init__(self, index=0, width=640, height=480, backend=cv2.CAP_ANY):
        self.index = index
        self.width = width
        self.height = height
        self.backend = backend
        self._capture = None

    @property
    def name(self):
        return f"camera {self.index}"

    def open(self):
        capture = cv2.VideoCapture(self.index, self.backend)
        if not capture.isOpened():
            capture.release()
            raise SourceError(f"no camera at index {self.index} (or it is busy); choose another with "
                              f"--camera N (see --list-cameras) or play a file with --video FILE")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._capture = capture
        return self

    def read(self):
        ok, frame = self._capture.read()
        return (frame, time.monotonic()) if ok else None

    def close(self):
        if self._capture is not None:
            self._capture.release()


class VideoSource:
    """A video file standing in for a camera.

    realtime: deliver frames no faster than the file's frame rate, as a camera would; otherwise as fast
    as they decode. loop: start again at the end. Timestamps follow the file's frame rate, continuing
    across loops.
    """

    def __init__(self, path, realtime=False, loop=False):
        self.ends = not loop
        self.path = Path(path)
        self.realtime = realtime
        self.loop = loop
        self._capture = None

    @property
    def name(self):
        return str(self.path)

    def open(self):
        if not self.path.is_file():
            raise SourceError(f"{self.path}: no such video file")
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened() or not capture.grab():
            capture.release()
            raise SourceError(f"{self.path}: not a readable video file")
        capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
        self.fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
        self._capture = capture
        self._index = 0
        self.clock_zero = time.monotonic()  # when timestamp 0 was due, for realtime play
        return self

    def read(self):
        ok, frame = self._capture.read()
        if not ok and self.loop and self._index > 0:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        if not ok:
            return None
        timestamp = self._index / self.fps
        self._index += 1
        if self.realtime:
            delay = self.clock_zero + timestamp - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        return frame, timestamp

    def close(self):
        if self._capture is not None:
            self._capture.release()


class ImageFolderSource:
    """The images of a folder in name order, as frames fps apart."""

    ends = True

    def __init__(self, folder, fps=10.0):
        self.folder = Path(folder)
        self.fps = fps

    @property
    def name(self):
        return str(self.folder)

    def open(self):
        if not self.folder.is_dir():
            raise SourceError(f"{self.folder}: no such image folder")
        self._paths = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_TYPES)
        if not self._paths:
            raise SourceError(f"{self.folder}: no images ({', '.join(IMAGE_TYPES)}) in this folder")
        self._index = 0
        return self

    def read(self):
        while self._index < len(self._paths):
            path = self._paths[self._index]
            self._index += 1
            frame = cv2.imread(str(path))
            if frame is not None:
                return frame, (self._index - 1) / self.fps
        return None

    def close(self):
        pass


def list_cameras(max_index=4):
    """Indices among 0..max_index-1 where a camera opens and gives a frame."""
    found = []
    for index in range(max_index):
        capture = cv2.VideoCapture(index)
        if capture.isOpened() and capture.read()[0]:
            found.append(index)
        capture.release()
    return found
