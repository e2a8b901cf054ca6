"""Two players side by side in one camera: the frame cut into halves, each half its own FramePipeline (its own
BlazePose graph, window, classifier and decoder), both run at once on every frame.

BlazePose follows one person, so each half sees at most one player and a move made in one half is never scored in
the other. Two graphs on two threads run in parallel, as mediapipe releases the GIL while a graph runs: 30-35 pairs
of halves a second against 16-17 one after the other (game/benchmark_family.py), so processes, which would copy
every frame to another process, were not needed.
"""

from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np

from recognizer.errors import MoveMatchError
from recognizer.runtime.capture import Frame
from recognizer.runtime.live import LiveRecognizer, ScoreFeed, newest_frames

SIDES = ("left", "right")  # of the camera's picture: the mirrored view on screen shows them the other way round


def frame_size(text):
    """(width, height) of a --size WIDTHxHEIGHT; MoveMatchError naming the value otherwise."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise MoveMatchError(f"--size {text!r}: give WIDTHxHEIGHT, e.g. 1280x480") from None
    if width < 64 or height < 64:
        raise MoveMatchError(f"--size {text!r}: too small for a person in each half")
    return width, height


def halves(image):
    """(left, right): the two halves of a camera frame (H, W, ...), as views, the middle column to the right."""
    middle = image.shape[1] // 2
    return image[:, :middle], image[:, middle:]


COMPOSE = ("crop", "fit")


def side_by_side(left, right, size, compose="crop"):
    """One camera-sized frame (width, height) of two pictures side by side, each in its half, on black; None for a
    half shows nobody there. compose "crop": each picture scaled to the half's height and its sides cut, as two people
    standing side by side at one player's distance keep one player's size in a camera and lose the room beside
    them; "fit": each picture scaled down whole into its half (as if they stood further back)."""
    if compose not in COMPOSE:
        raise ValueError(f"compose must be one of {', '.join(COMPOSE)}, not {compose!r}")
    width, height = size
    frame = np.zeros((height, width, 3), np.uint8)
    for image, half in zip((left, right), halves(frame)):
        if image is None:
            continue
        scale = half.shape[0] / image.shape[0]
        if compose == "fit":
            scale = min(scale, half.shape[1] / image.shape[1])
        fitted = cv2.resize(image, (round(image.shape[1] * scale), round(image.shape[0] * scale)),
                            interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
        cut = max(0, (fitted.shape[1] - half.shape[1]) // 2)
        fitted = fitted[:half.shape[0], cut:cut + half.shape[1]]
        top, left_edge = (half.shape[0] - fitted.shape[0]) // 2, (half.shape[1] - fitted.shape[1]) // 2
        half[top:top + fitted.shape[0], left_edge:left_edge + fitted.shape[1]] = fitted
    return frame


class SideFeed(ScoreFeed):
    """One half's results (`latest_frame` is the half frame), read as a LiveRecognizer is read; the capture's state
    and the worker's error are the pair's."""

    def __init__(self, pipeline, paired):
        super().__init__()
        self.pipeline = pipeline
        self._paired = paired

    @property
    def state(self):
        return self._paired.state

    @property
    def error(self):
        return self._paired.error


class PipelinePair:
    """Two FramePipelines closed together."""

    def __init__(self, pipelines):
        self.pipelines = pipelines

    def close(self):
        for pipeline in self.pipelines:
            pipeline.close()


class PairedLive(LiveRecognizer):
    """A LiveRecognizer of two FramePipelines, one on each half of the newest frame, run on two threads at once;
    both results are published together, so both players are judged on the same frames. Each half is read through
    its SideFeed (`sides`). If a pipeline fails, the exception is kept in `error` and the worker ends."""

    def __init__(self, capture, pipelines):
        super().__init__(capture, PipelinePair(pipelines))
        self.sides = [SideFeed(pipeline, self) for pipeline in pipelines]

    def _run(self):
        pool = ThreadPoolExecutor(len(self.sides), thread_name_prefix="half")
        try:
            for frame in newest_frames(self.capture, self._stopping):
                crops = halves(frame.image)
                running = [pool.submit(side.pipeline.process, crop, frame.timestamp, frame.number)
                           for side, crop in zip(self.sides, crops)]
                for side, crop, future in zip(self.sides, crops, running):
                    side.publish(Frame(frame.number, crop, frame.timestamp, frame.captured_at), future.result())
                self.frames_processed += 1
        except Exception as error:  # kept and shown by whoever runs this; the thread ends
            self.error = error
        finally:
            pool.shutdown(wait=True)
            self.pipeline.close()  # by the thread that used them, never under a frame


def process_pair(pipelines, image, timestamp, frame_number=-1):
    """Both halves of one frame through their pipelines, one after the other: [Scores left, Scores right]. For video
    files and tests, where frames are not dropped."""
    return [pipeline.process(crop, timestamp, frame_number) for pipeline, crop in zip(pipelines, halves(image))]

