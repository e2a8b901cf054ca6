"""G3D loader: continuous recordings, truth actions and G3D-7 instances, per ../shared/EVALUATION.md."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from recognizer.errors import DatasetError
from recognizer.runtime import skeleton
from recognizer.runtime.labels import CYCLIC

G3D_FOLDERS = {"PunchLeft": "punch_left", "PunchRight": "punch_right", "KickLeft": "kick_left",
               "KickRight": "kick_right", "Wave": "wave", "Clap": "clap", "Flap": "flap"}

FPS = 30.0
# Instance windows around a truth action, in seconds (before its start, after its end).
INSTANCE_MARGINS = {"single": (1.0, 0.2), "cyclic": (0.5, 0.5)}


@dataclass
class TruthAction:
    label: str
    start: int  # frame of the first file's action point
    end: int  # frame of the last file's action point

    def instance_window(self, n_frames):
        """(first_time, last_time) in seconds of this action's G3D-7 instance, clipped to the recording."""
        before, after = INSTANCE_MARGINS["cyclic" if self.label in CYCLIC else "single"]
        last = (n_frames - 1) / FPS
        return max(0.0, self.start / FPS - before), min(last, self.end / FPS + after)


@dataclass
class Recording:
    actor: int
    first_id: int
    skeletons: np.ndarray  # (T, 15, 3) canonical joints in Kinect metres
    folders: list = field(default_factory=list)  # one (frame of action point, G3D folder) per file

    @property
    def n_frames(self):
        return len(self.skeletons)

    @property
    def times(self):
        return np.arange(self.n_frames, dtype=np.float64) / FPS

    @property
    def truth(self):
        """Maximal runs of consecutive files with the same target label."""
        actions = []
        previous = None
        for frame, folder in self.folders:
            label = G3D_FOLDERS.get(folder)
            if label is not None and label == previous and label in CYCLIC:
                actions[-1].end = frame
            elif label is not None:
                actions.append(TruthAction(label, frame, frame))
            previous = label
        return actions


def _read_file(path):
    try:
        frames = json.loads(path.read_text())
        return np.array([[[float(j["x"]), float(j["y"]), float(j["z"])] for j in frame] for frame in frames],
                        dtype=np.float32).reshape(-1, 20, 3)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatasetError(f"{path}: not a G3D skeleton file ({error})") from error


def actors(root):
    """Actor numbers found under a G3D folder."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"{root}: no such G3D folder (expected <actor>/<Action>/<id>.json)")
    found = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    if not found:
        raise DatasetError(f"{root}: no actor folders (expected <actor>/<Action>/<id>.json)")
    return found


def _runs_of_consecutive_ids(files):
    """[(id, path), ...] sorted by id → lists of files whose ids follow one another."""
    runs = []
    for file_id, path in files:
        if not runs or file_id != runs[-1][-1][0] + 1:
            runs.append([])
        runs[-1].append((file_id, path))
    return runs


def load_actor(root, actor):
    """All recordings of one actor, rebuilt by concatenating files in id order.

    Empty files are skipped, but their ids still join the files around them into one recording.
    """
    files = sorted(((int(p.stem), p) for p in Path(root, str(actor)).glob("*/*.json")), key=lambda f: f[0])
    if not files:
        raise DatasetError(f"{Path(root, str(actor))}: no G3D files")
    recordings = []
    for run in _runs_of_consecutive_ids(files):
        read = [(file_id, path, _read_file(path)) for file_id, path in run]
        read = [item for item in read if len(item[2])]
        if not read:
            continue
        starts = np.cumsum([0] + [len(joints) for _, _, joints in read[:-1]])
        folders = [(int(start), path.parent.name) for start, (_, path, _) in zip(starts, read)]
        joints = np.concatenate([joints for _, _, joints in read])
        recordings.append(Recording(actor, read[0][0], skeleton.from_kinect(joints), folders))
    return recordings


def load(root, only_actors=None):
    """{actor: [Recording, ...]} for every actor (or the given ones) under a G3D folder."""
    return {actor: load_actor(root, actor) for actor in (only_actors or actors(root))}


@dataclass
class Instance:
    """One G3D-7 instance: a truth action and its evaluation window in one recording."""
    actor: int
    label: str
    recording: object
    first_time: float
    last_time: float


def instances(recordings_by_actor):
    """Every G3D-7 instance, one per truth action, in actor and recording order."""
    found = []
    for actor, recordings in sorted(recordings_by_actor.items()):
        for recording in recordings:
            for action in recording.truth:
                first, last = action.instance_window(recording.n_frames)
                found.append(Instance(actor, action.label, recording, first, last))
    return found
