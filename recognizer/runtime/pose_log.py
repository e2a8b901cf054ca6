"""Pose recordings: a session's pose stream (landmarks, visibilities, timestamps) and its events, no pixels.

JSON Lines, written as the session goes so that a crash loses at most the last line: a header line,
one line per frame, one per event, and an end line with the counts. A file without its end line was
cut short and is refused, as is one of another format version; both with a message naming the file.
"""

import json
from pathlib import Path

import numpy as np

from recognizer.errors import PoseLogError
from recognizer.runtime.pose import PoseResult

FORMAT = "move-match-pose-log"
VERSION = 1


class PoseLogWriter:
    def __init__(self, path, source=""):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "w", encoding="utf-8")
        self.frames = self.events = 0
        self._line({"format": FORMAT, "version": VERSION, "source": str(source)})

    def _line(self, record):
        self._file.write(json.dumps(record, separators=(",", ":")) + "\n")

    def write(self, pose, frame_number, event=None):
        """One frame's PoseResult, and the event it gave if any."""
        record = {"frame": int(frame_number), "t": float(pose.timestamp)}
        if pose.found:
            # Unrounded: float32 values written in full come back bit for bit, so replays give the same events.
            record |= {"image": pose.image_landmarks.tolist(), "world": pose.world_landmarks.tolist(),
                       "visibility": pose.visibility.tolist()}
        self._line(record)
        self.frames += 1
        if event is not None:
            self._line({"event": {"label": event.label, "time_s": event.time_s, "frame": event.frame,
                                  "confidence": event.confidence}})
            self.events += 1

    def close(self):
        if not self._file.closed:
            self._line({"end": {"frames": self.frames, "events": self.events}})
            self._file.close()


def _pose(record, path, number):
    try:
        if "world" not in record:
            return PoseResult(float(record["t"]))
        image, world, visibility = (np.asarray(record[key], np.float32) for key in ("image", "world", "visibility"))
        if image.shape != (33, 3) or world.shape != (33, 3) or visibility.shape != (33,):
            raise ValueError("landmarks of the wrong shape")
        return PoseResult(float(record["t"]), image, world, visibility)
    except (KeyError, TypeError, ValueError) as error:
        raise PoseLogError(f"{path}: line {number}: not a pose frame ({error})") from None


def read(path):
    """(frames, events): frames as (frame number, PoseResult), events as dicts, in recorded order."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise PoseLogError(f"{path}: cannot read the pose recording ({error})") from None
    records = []
    for number, line in enumerate(lines, 1):
        try:
            records.append(json.loads(line))
        except ValueError:
            raise PoseLogError(f"{path}: line {number} is cut short or corrupt; the recording is incomplete") from None
    header = records[0] if records else {}
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise PoseLogError(f"{path}: not a pose recording (made with --record)")
    if header.get("version") != VERSION:
        raise PoseLogError(f"{path}: pose recording format version {header.get('version')}, "
                           f"this program reads version {VERSION}")
    if "end" not in records[-1]:
        raise PoseLogError(f"{path}: the recording is truncated (no end line); it was cut short while written")
    frames = [(int(r["frame"]), _pose(r, path, n)) for n, r in enumerate(records[1:-1], 2) if "event" not in r]
    events = [r["event"] for r in records[1:-1] if "event" in r]
    if len(frames) != records[-1]["end"].get("frames"):
        raise PoseLogError(f"{path}: {len(frames)} frames where the end line counts {records[-1]['end'].get('frames')}")
    return frames, events
