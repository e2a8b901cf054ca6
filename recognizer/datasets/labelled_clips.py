"""Labelled video clips: a CSV of files and the move each shows (../shared/EVALUATION.md, "Prompted play on labelled
video clips"), read into clips through cached BlazePose extraction.

The CSV has the columns `file` (a path, absolute or relative to the CSV's folder) and `move` (a label; `punch` or
`kick` for either side; empty for none of the game's moves); an optional `person` column says whose clip it is, for
calibrated play. Other columns (notes, views) are kept for the report but not read.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from recognizer.datasets import pose_cache
from recognizer.datasets.skeleton_clips import SkeletonClip
from recognizer.errors import DatasetError
from recognizer.runtime import skeleton
from recognizer.runtime.labels import ACTIONS

NAME = "clips"
# A family names either side of a move.
FAMILIES = {"punch": frozenset({"punch_left", "punch_right"}), "kick": frozenset({"kick_left", "kick_right"})}
REQUIRED = ("file", "move")


@dataclass(frozen=True)
class LabelledClip:
    path: Path
    labels: frozenset  # the moves that count (two for a family); empty: none of the game's moves
    person: str  # whose clip ("" when the CSV does not say)
    row: dict  # the CSV row as read


def moves_of(value, where):
    """The labels a `move` cell stands for: a label, a family (punch, kick) or empty."""
    value = value.strip()
    if not value:
        return frozenset()
    if value in FAMILIES:
        return FAMILIES[value]
    if value in ACTIONS:
        return frozenset({value})
    known = ", ".join(sorted(set(ACTIONS) | set(FAMILIES)))
    raise DatasetError(f"{where}: move {value!r} is none of {known} (or empty for no move)")


def read_labels(path):
    """[LabelledClip] of a label CSV; DatasetError naming the file and row for a missing column, an unknown move or
    a file that is not there."""
    path = Path(path)
    try:
        with path.open(newline="") as file:
            reader = csv.DictReader(file)
            columns = reader.fieldnames or []
            missing = [name for name in REQUIRED if name not in columns]
            if missing:
                raise DatasetError(f"{path}: no {' or '.join(missing)} column (a label file has the columns "
                                   f"file,move and may have person)")
            rows = list(reader)
    except OSError as error:
        raise DatasetError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (csv.Error, UnicodeDecodeError) as error:
        raise DatasetError(f"{path}: not a CSV label file ({error})") from None
    if not rows:
        raise DatasetError(f"{path}: no clips listed")
    clips = []
    for number, row in enumerate(rows, start=2):
        where = f"{path}, line {number}"
        file = (row.get("file") or "").strip()
        if not file:
            raise DatasetError(f"{where}: no file named")
        clip_path = Path(file) if Path(file).is_absolute() else path.parent / file
        if not clip_path.is_file():
            raise DatasetError(f"{where}: {clip_path} is not a file")
        clips.append(LabelledClip(clip_path, moves_of(row.get("move") or "", where),
                                  (row.get("person") or "").strip(), row))
    return clips


def load(path, cache=None, workers=None, progress=True):
    """(clips, notes): a SkeletonClip per listed clip with a person in it (frames without one dropped, their gap
    in time kept, as for the webcam videos), subject numbered by person (by clip when the CSV names no person), and
    notes naming the clips left out."""
    labelled = read_labels(path)
    extraction = pose_cache.extract([clip.path for clip in labelled], cache, workers, progress)
    people = {}
    clips = []
    for index, clip in enumerate(labelled):
        poses = extraction.poses.get(clip.path)
        if poses is None:
            continue
        subject = people.setdefault(clip.person, len(people)) if clip.person else index
        clips.append(skeleton_clip(clip, poses, subject))
    return clips, extraction.problems


def skeleton_clip(clip, poses, subject):
    """The SkeletonClip of a LabelledClip from its poses (runtime.video.ClipPoses, where a person was found)."""
    return SkeletonClip(NAME, str(clip.row["file"]).strip(), subject, str(clip.row.get("move") or ""), clip.labels,
                        *poses.sequence(), visibility=skeleton.blazepose_visibility(poses.visibility),
                        group=clip.person or None, image_points=skeleton.blazepose_image_points(poses.image))

