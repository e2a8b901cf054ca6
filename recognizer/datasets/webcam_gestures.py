"""GESTURE-PROJECT's webcam gestures (real 20 fps video of S1–S5) as canonical clips through cached BlazePose
extraction, per ../shared/README.md and the webcam video section of ../shared/EVALUATION.md."""

import re
from pathlib import Path

from recognizer.datasets import pose_cache
from recognizer.datasets.skeleton_clips import SkeletonClip
from recognizer.errors import DatasetError
from recognizer.runtime import skeleton

NAME = "webcam_gestures"
FOLDERS = ("videos", "dynamic_videos")  # held poses, moving gestures
LAYOUT = "S<n>/videos/*.avi and S<n>/dynamic_videos/*.avi"
LABELS = {"greeting": {"wave"}}  # every other gesture is non-target
LEFT_OUT = {"attention"}  # an arm raised overhead, which some people wave and some hold
SUBJECT_FOLDER = re.compile(r"S(\d+)")
FILE_NAME = re.compile(r"([a-z]+)_\d+_[46]m_full\.avi")


def files(root):
    """({path: (subject, gesture)} of every clip but attention's, notes on badly named files); DatasetError naming
    root when it holds no subject folder or no clip."""
    root = Path(root)
    subjects = sorted(path for path in root.glob("S*") if path.is_dir() and SUBJECT_FOLDER.fullmatch(path.name))
    if not subjects:
        raise DatasetError(f"{root}: no subject folders (expected {LAYOUT} inside)")
    found, notes = {}, []
    for folder in subjects:
        for path in sorted(path for name in FOLDERS for path in (folder / name).glob("*.avi")):
            match = FILE_NAME.fullmatch(path.name)
            if match is None:
                notes.append(f"{path}: not a webcam gesture file name (<gesture>_<k>_<4m|6m>_full.avi); skipped")
            elif match.group(1) not in LEFT_OUT:
                found[path] = int(folder.name[1:]), match.group(1)
    if not found:
        raise DatasetError(f"{root}: no webcam gesture clips (expected {LAYOUT} inside)")
    return found, notes


def label_rows(root):
    """The rows of a label file (../shared/EVALUATION.md, "Prompted play on labelled video clips") of the clips:
    [{"file", "move", "person"}], the file relative to root, greeting's move wave, every other gesture none."""
    found, _ = files(root)
    return [{"file": path.relative_to(root).as_posix(), "move": "|".join(sorted(LABELS.get(gesture, ()))),
             "person": f"S{subject}"} for path, (subject, gesture) in found.items()]


def load(root, cache=None, workers=None, progress=True):
    """(clips, notes): a SkeletonClip per clip but attention's, its frames without a person dropped (their gap
    in time remains). Badly named files, unreadable clips and clips without a person are left out with a note
    naming them; DatasetError naming root when it holds no subject folder or no clip. cache: a PoseCache, or
    None for the default one."""
    root = Path(root)
    found, notes = files(root)  # path -> (subject, gesture)
    extraction = pose_cache.extract(found, cache, workers, progress)
    clips = []
    for path, (subject, gesture) in found.items():
        if (poses := extraction.poses.get(path)) is not None:
            clips.append(SkeletonClip(NAME, path.relative_to(root).with_suffix("").as_posix(), subject, gesture,
                                      frozenset(LABELS.get(gesture, ())), *poses.sequence(),
                                      visibility=skeleton.blazepose_visibility(poses.visibility),
                                      image_points=skeleton.blazepose_image_points(poses.image)))
    return clips, notes + extraction.problems
