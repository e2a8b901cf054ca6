"""UTD-MHAD skeletons (MATLAB files, Kinect v1 at 30 fps) as canonical clips, per ../shared/README.md and the
label table of ../shared/EVALUATION.md."""

import re
from pathlib import Path

import numpy as np
import scipy.io

from recognizer.datasets.skeleton_clips import SkeletonClip, canonical_frames, read_each, reorder
from recognizer.errors import DatasetError

NAME = "utd_mhad"
FPS = 30.0  # as documented; the files hold no timestamps
# The SDK v1 index of each of UTD-MHAD's joints: Head, ShoulderCenter, Spine, HipCenter (the SDK's first four
# reversed), then the SDK's own order.
JOINT_ORDER = (3, 2, 1, 0) + tuple(range(4, 20))
LABELS = {3: {"wave"}, 4: {"clap"}, 13: {"punch_left", "punch_right"}}  # front boxing: either punch counts
FILE_NAME = re.compile(r"a(\d+)_s(\d+)_t(\d+)_skeleton\.mat")


def read_clip(path):
    """One file as a SkeletonClip; DatasetError naming the file if it cannot be read."""
    path = Path(path)
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        raise DatasetError(f"{path}: not a UTD-MHAD skeleton file name (a<A>_s<S>_t<T>_skeleton.mat)")
    action, subject, _ = map(int, match.groups())
    try:
        joints = reorder(np.asarray(scipy.io.loadmat(path)["d_skel"]).transpose(2, 0, 1), JOINT_ORDER)
    except (OSError, ValueError, KeyError, TypeError, NotImplementedError, scipy.io.matlab.MatReadError) as error:
        raise DatasetError(f"{path}: not a UTD-MHAD skeleton file ({error})") from None
    skeletons, times = canonical_frames(joints, np.arange(len(joints)) / FPS, path)
    return SkeletonClip(NAME, path.stem, subject, action, frozenset(LABELS.get(action, ())), skeletons, times)


def load(root):
    """(clips, notes): every clip under root; unreadable files are left out with a note naming them."""
    paths = sorted(path for path in Path(root).glob("*_skeleton.mat") if FILE_NAME.fullmatch(path.name))
    return read_each(paths, read_clip, root, "UTD-MHAD skeleton files (a<A>_s<S>_t<T>_skeleton.mat)")
