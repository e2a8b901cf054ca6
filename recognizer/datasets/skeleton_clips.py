"""What the other skeleton datasets share: labelled clips of canonical skeletons, and Kinect-type joints
(in the Kinect SDK v1 order) turned into canonical skeletons with their empty frames dropped."""

from dataclasses import dataclass

import numpy as np

from recognizer.errors import DatasetError
from recognizer.runtime import skeleton

N_KINECT_JOINTS = 20


@dataclass
class SkeletonClip:
    """One clip of a skeleton dataset in the project's terms.

    labels: the project labels that count as this clip's move (two for UTD-MHAD's front boxing, either
    punch), or empty for non-target motion, which must produce no event.
    action: the dataset's number of its motion, or the motion's name where the dataset names its motions.
    group: who performed it, where a dataset tells people apart (Kinder-Gator's "children" and "adults").
    """
    dataset: str
    name: str
    subject: int
    action: int | str
    labels: frozenset
    skeletons: np.ndarray  # (T, 15, 3) canonical
    times: np.ndarray  # (T,) seconds from the clip's first frame
    visibility: np.ndarray | None = None  # (T, 15) BlazePose's per joint, for clips from video
    group: str | None = None
    image_points: np.ndarray | None = None  # (T, 15, 2) the joints' places in the frame, for clips from video

    @property
    def is_target(self):
        return bool(self.labels)

    @property
    def motion_name(self):
        """The motion as its dataset names it: "a05" for action 5, else the action itself."""
        return f"a{self.action:02d}" if isinstance(self.action, int) else self.action

    @property
    def seconds(self):
        """How long the clip lasts: from its first frame to the end of its last (one median time step)."""
        if len(self.times) < 2:
            return 0.0
        return float(self.times[-1] - self.times[0] + np.median(np.diff(self.times)))


def reorder(joints, order):
    """Joints (T, 20, 3+) of a dataset's own order to the Kinect SDK v1 order; order[i] is the SDK index of
    the dataset's joint i."""
    joints = np.asarray(joints)
    if joints.ndim != 3 or joints.shape[1] != N_KINECT_JOINTS:
        raise ValueError(f"expected frames of {N_KINECT_JOINTS} joints, got shape {joints.shape}")
    out = np.empty_like(joints)
    out[:, list(order)] = joints
    return out


def canonical_frames(joints_sdk, times, path):
    """(skeletons (T', 15, 3), times (T',)) of the frames that hold a skeleton: a frame whose joints are all
    zero is one the sensor had no skeleton for, and is dropped, its time with it. DatasetError naming the
    file when no frame is left."""
    joints_sdk = np.asarray(joints_sdk, np.float64)[..., :3]
    kept = np.abs(joints_sdk).reshape(len(joints_sdk), -1).max(axis=1) > 0
    if not kept.any():
        raise DatasetError(f"{path}: no frame holds a skeleton")
    return skeleton.from_kinect(joints_sdk[kept]), np.asarray(times, np.float64)[kept]


def read_each(paths, read, folder, expected):
    """(what read(path) gives for each path, notes): a file that cannot be read is left out with a note
    naming it; DatasetError naming the folder when it holds no such file at all."""
    if not paths:
        raise DatasetError(f"{folder}: no {expected}")
    items, notes = [], []
    for path in paths:
        try:
            items.append(read(path))
        except DatasetError as error:
            notes.append(str(error))
    return items, notes
