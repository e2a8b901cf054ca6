"""MSR Action3D skeletons (real-world coordinates, 15 fps) as canonical clips, per ../shared/README.md and
the label table of ../shared/EVALUATION.md."""

import re
from pathlib import Path

import numpy as np

from recognizer.datasets.skeleton_clips import SkeletonClip, canonical_frames, read_each, reorder
from recognizer.errors import DatasetError

NAME = "msr_action3d"
FPS = 15.0  # as documented; the files hold no timestamps
# The SDK v1 index of each of MSR Action3D's joints (1-based in body_model.mat: ShoulderLeft, ShoulderRight,
# ShoulderCenter, Spine, HipLeft, HipRight, HipCenter, ElbowLeft, ElbowRight, WristLeft, WristRight, HandLeft,
# HandRight, KneeLeft, KneeRight, AnkleLeft, AnkleRight, FootLeft, FootRight, Head).
JOINT_ORDER = (4, 8, 2, 1, 12, 16, 0, 5, 9, 6, 10, 7, 11, 13, 17, 14, 18, 15, 19, 3)
LABELS = {1: {"wave"}, 2: {"wave"}, 11: {"wave"}, 5: {"punch_right"}, 10: {"clap"}, 14: {"kick_right"},
          15: {"kick_right"}}
LEFT_OUT = {12}  # side boxing: neither target nor non-target
FILE_NAME = re.compile(r"a(\d\d)_s(\d\d)_e(\d\d)_skeleton3D\.txt")


def read_clip(path):
    """One file as a SkeletonClip (its empty frames dropped); DatasetError naming the file if unreadable."""
    path = Path(path)
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        raise DatasetError(f"{path}: not an MSR Action3D skeleton file name (a<AA>_s<SS>_e<EE>_skeleton3D.txt)")
    action, subject, _ = map(int, match.groups())
    try:
        values = np.loadtxt(path, ndmin=2)
        joints = reorder(values.reshape(-1, 20, 4), JOINT_ORDER)
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path}: not an MSR Action3D skeleton file ({error})") from None
    skeletons, times = canonical_frames(joints, np.arange(len(joints)) / FPS, path)
    return SkeletonClip(NAME, path.stem, subject, action, frozenset(LABELS.get(action, ())), skeletons, times)


def load(root):
    """(clips, notes): every clip under root/real_world_coordinates but side boxing; files without a
    skeleton are left out with a note naming them."""
    folder = Path(root) / "real_world_coordinates"
    paths = sorted(path for path in folder.glob("*_skeleton3D.txt") if FILE_NAME.fullmatch(path.name)
                   and int(FILE_NAME.fullmatch(path.name).group(1)) not in LEFT_OUT)
    return read_each(paths, read_clip, folder, "MSR Action3D skeleton files (a<AA>_s<SS>_e<EE>_skeleton3D.txt)")
