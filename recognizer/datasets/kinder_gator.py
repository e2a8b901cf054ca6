"""Kinder-Gator's children's and adults' motions (Kinect v1 skeletons at their own timestamps, one file per person
and motion) as canonical clips, per ../shared/README.md and the label table of ../shared/EVALUATION.md."""

import re
from pathlib import Path

import numpy as np

from recognizer.datasets.skeleton_clips import SkeletonClip, canonical_frames, read_each
from recognizer.errors import DatasetError
from recognizer.runtime.skeleton import J

NAME = "kinder_gator"
GROUPS = {"Adults": "adults", "Children": "children"}  # folder: SkeletonClip.group
LABELS = {"Wave-your-hand": {"wave"}, "Wave-your-other-hand": {"wave"},
          "Punch": {"punch_left", "punch_right"},  # either counts: some punch with both hands in turn
          "Fly-like-a-bird": {"flap"}}
# kick_left or kick_right, by the ankle that rises: the names say "the other leg", not which one.
KICKS = {"Kick-a-ball", "Kick-a-ball-as-far-as-you-can", "Kick-a-ball-with-the-other-leg",
         "Kick-a-ball-as-far-as-you-can-with-the-other-leg"}
# Close to a move but not one of ours: neither target nor non-target.
LEFT_OUT = {"Do-two-jumping-jacks", "Lift-your-leg-to-one-side", "Lift-your-leg-to-the-other-side",
            "Bend-your-knee-while-raising-your-leg", "Bend-your-other-knee-while-raising-your-leg"}
FILE_NAME = re.compile(r"POSE-p(\d+)_\d+-(.+)-\d+\.csv")  # POSE-p<person>_<order>-<motion>-<Unix ms>.csv
N_COLUMNS = 1 + 20 * 3  # Timestamp (ms since midnight UTC), then 20 joints' x, y, z


def spread_repeated_times(ms):
    """Frame times (ms), each frame that shares its stamp with the next one moved halfway back to the frame
    before: it is a real frame, about as far in motion from either neighbour, and mostly follows a two-frame
    step, stamped late by the 15.6 ms clock."""
    last_of_stamp = np.flatnonzero(np.append(np.diff(ms) != 0, True))
    return np.interp(np.arange(len(ms)), last_of_stamp, ms[last_of_stamp])


def kick_side(skeletons):
    """kick_right when the right ankle rises higher above its standing height (its median: the body stands
    for most of a clip) than the left one, else kick_left."""
    heights = skeletons[:, [J["right_ankle"], J["left_ankle"]], 1]
    right, left = heights.max(axis=0) - np.median(heights, axis=0)
    return "kick_right" if right > left else "kick_left"


def read_clip(path):
    """One file as a SkeletonClip, its group from its folder; DatasetError naming the file if unreadable."""
    path = Path(path)
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        raise DatasetError(f"{path}: not a Kinder-Gator file name (POSE-p<ID>_<nn>-<Motion-Name>-<unixms>.csv)")
    if path.parent.name not in GROUPS:
        raise DatasetError(f"{path}: not in a Kinder-Gator folder ({' or '.join(GROUPS)})")
    person, motion = int(match.group(1)), match.group(2)
    try:
        values = np.loadtxt(path, delimiter=",", skiprows=1, usecols=range(N_COLUMNS), ndmin=2)
        if not len(values):
            raise ValueError("no frames")
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path}: not a Kinder-Gator skeleton file ({error})") from None
    skeletons, ms = canonical_frames(values[:, 1:].reshape(-1, 20, 3), spread_repeated_times(values[:, 0]), path)
    if not (np.diff(ms) > 0).all():  # as at midnight, which no file crosses (they run 09:39-18:06 UTC)
        raise DatasetError(f"{path}: its Timestamp goes back (or repeats at the first frame)")
    labels = {kick_side(skeletons)} if motion in KICKS else LABELS.get(motion, ())
    return SkeletonClip(NAME, path.stem, person, motion, frozenset(labels), skeletons, (ms - ms[0]) / 1000,
                        group=GROUPS[path.parent.name])


def load(root):
    """(clips, notes): every clip under root/Adults and root/Children but the left-out motions; unreadable
    files are left out with a note naming them."""
    paths = sorted(path for folder in GROUPS for path in (Path(root) / folder).glob("*.csv")
                   if FILE_NAME.fullmatch(path.name) and FILE_NAME.fullmatch(path.name).group(2) not in LEFT_OUT)
    return read_each(paths, read_clip, root, "Kinder-Gator files (Adults|Children/POSE-p<ID>_<nn>-<Motion>-<ms>.csv)")
