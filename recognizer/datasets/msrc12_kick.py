"""MSRC-12's "Kick" gesture (G12): Kinect v1 SDK skeletons with their own timestamps and tagged action
points, per ../shared/README.md. Each action point is a kick_right or kick_left by the higher ankle."""

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recognizer.datasets.skeleton_clips import canonical_frames, read_each
from recognizer.errors import DatasetError
from recognizer.runtime import skeleton

NAME = "msrc12_kick"
FILE_NAME = re.compile(r"P\d_\d_12A?_p(\d\d)\.csv\.gz")
TAG = "G12 Kick"


@dataclass
class KickSequence:
    """One recording: canonical skeletons at their own times, and its kicks as (frame, label), the frame
    being the one nearest the tagged action point (the top of the kick)."""
    name: str
    person: int
    skeletons: np.ndarray  # (T, 15, 3)
    times: np.ndarray  # (T,) seconds from the first kept frame
    kicks: list

    @property
    def n_frames(self):
        return len(self.times)


def at_fps(sequence, fps):
    """The sequence on an even time grid of fps (its own times are uneven and have gaps), each kick at the
    grid frame nearest its time, so that it can be streamed and scored as a G3D recording is."""
    times = np.arange(0.0, sequence.times[-1] + 0.5 / fps, 1.0 / fps)
    flat = sequence.skeletons.reshape(len(sequence.times), -1)
    skeletons = np.stack([np.interp(times, sequence.times, column) for column in flat.T], axis=1)
    kicks = [(int(round(sequence.times[frame] * fps)), label) for frame, label in sequence.kicks]
    return KickSequence(sequence.name, sequence.person, skeletons.reshape(len(times), *sequence.skeletons.shape[1:])
                        .astype(np.float32), times, kicks)


def tick_to_us(tick):
    """A .tagstream tick in the CSV's microseconds (the conversion the dataset's README gives)."""
    return (tick * 1000 + 24937) // 49875


def read_tags(path):
    """The action points' ticks of one .tagstream file."""
    try:
        lines = Path(path).read_text().splitlines()
        return [int(line.split(";")[0]) for line in lines[1:] if line.strip().endswith(TAG)]
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise DatasetError(f"{path}: not a tagstream file ({error})") from None


def kick_side(canonical):
    """kick_right when the right ankle is the higher one (canonical y is up), else kick_left."""
    right, left = canonical[skeleton.J["right_ankle"], 1], canonical[skeleton.J["left_ankle"], 1]
    return "kick_right" if right > left else "kick_left"


def read_sequence(path):
    """One .csv.gz and its .tagstream. Frames without a skeleton are dropped; an action point before the
    first or after the last kept frame, or more than a frame's gap from the nearest one, is left out."""
    path = Path(path)
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        raise DatasetError(f"{path}: not an MSRC-12 kick file name (P<A>_<B>_12[A]_p<NN>.csv.gz)")
    try:
        with gzip.open(path, "rt") as file:
            values = np.loadtxt(file, ndmin=2)
        if values.shape[1] != 81:
            raise ValueError(f"{values.shape[1]} columns, not 81")
    except (OSError, ValueError, EOFError) as error:
        raise DatasetError(f"{path}: not an MSRC-12 skeleton file ({error})") from None
    microseconds = values[:, 0]
    skeletons, kept_us = canonical_frames(values[:, 1:].reshape(-1, 20, 4), microseconds, path)
    tags = read_tags(path.with_name(path.name.removesuffix(".csv.gz") + ".tagstream"))
    step_us = float(np.median(np.diff(microseconds))) if len(microseconds) > 1 else 0.0
    kicks = []
    for tick in tags:
        us = tick_to_us(tick)
        frame = int(np.argmin(np.abs(kept_us - us)))
        if kept_us[0] <= us <= kept_us[-1] and abs(kept_us[frame] - us) <= step_us:
            kicks.append((frame, kick_side(skeletons[frame])))
    return KickSequence(path.name.removesuffix(".csv.gz"), int(match.group(1)), skeletons,
                        (kept_us - kept_us[0]) / 1e6, kicks)


def load(root):
    """(sequences, notes): every sequence under root; files without a skeleton are left out with a note."""
    paths = sorted(path for path in Path(root).glob("*.csv.gz") if FILE_NAME.fullmatch(path.name))
    return read_each(paths, read_sequence, root, "MSRC-12 kick files (P<A>_<B>_12[A]_p<NN>.csv.gz)")
