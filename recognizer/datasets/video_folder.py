"""Video-folder datasets, as UCF11 and UCF101 lay them out: `<class>/[<group>/]<clip>`.

A group is the unit that must not be split between training and testing: UCF11's group folders hold
one actor or scene; UCF101 keeps its groups in the file name (`v_<Class>_g08_c01.avi`). A clip with
neither is a group of its own.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from recognizer.errors import DatasetError
from recognizer.runtime.labels import BACKGROUND

VIDEO_TYPES = (".mpg", ".mpeg", ".avi", ".mp4", ".mov", ".mkv")
# Class folders whose clips hold no move: they train the background class.
BACKGROUND_FOLDERS = ("none", "background")
_UCF101_GROUP = re.compile(r"_(g\d+)_c\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Clip:
    path: Path
    label: str
    group: str


def _group(root, class_folder, path):
    if path.parent != class_folder:
        return path.parent.relative_to(class_folder).parts[0]
    match = _UCF101_GROUP.search(path.stem)
    return match.group(1).lower() if match else str(path.relative_to(root))


def scan(root):
    """(clips, notes): every video clip under root's class folders, and one note per class folder that
    holds none (that class is left out). DatasetError when root is not a folder or has no class folder."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"{root}: no such video folder (expected <class>/[<group>/]<clip> inside)")
    class_folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not class_folders:
        raise DatasetError(f"{root}: no class folders (expected <class>/[<group>/]<clip> inside)")
    clips, notes = [], []
    for folder in class_folders:
        label = BACKGROUND if folder.name.lower() in BACKGROUND_FOLDERS else folder.name
        found = sorted(p for p in folder.rglob("*") if p.suffix.lower() in VIDEO_TYPES and p.is_file())
        if not found:
            notes.append(f"{folder}: no video clips ({', '.join(t[1:] for t in VIDEO_TYPES)}); class left out")
        clips += [Clip(path, label, _group(root, folder, path)) for path in found]
    return clips, notes


def require_classes(clips, root, least=2):
    """DatasetError unless the clips hold at least `least` classes: a classifier needs something to tell apart."""
    labels = sorted({clip.label for clip in clips})
    if len(labels) < least:
        found = f"only {labels[0]!r}" if labels else "none"
        raise DatasetError(f"{root}: {least} or more classes with readable clips are needed to train or "
                           f"evaluate; found {found}")
