"""The player's saved-data folder, and writes that a crash or kill cannot leave half-done."""

import os
import tempfile
from datetime import datetime
from pathlib import Path

import platformdirs

APP_NAME = "move-match"


def default_data_dir():
    """Where this player's saved data lives (e.g. ~/.local/share/move-match on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def atomic_write_text(path, text):
    """Write text to path so that readers see either the old file or the whole new one, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary file sits in the same folder so os.replace is a rename on one filesystem, hence atomic.
    tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                      suffix=".tmp", delete=False)
    try:
        with tmp:
            tmp.write(text)
            tmp.flush()
            # Without fsync the rename can reach the disk before the data, leaving an empty file after a power cut.
            os.fsync(tmp.fileno())
        os.replace(tmp.name, path)
    except BaseException:
        Path(tmp.name).unlink(missing_ok=True)
        raise

def set_aside(path):
    """Rename an unreadable file to <name>.corrupt-<timestamp> so it is kept for inspection; returns the new path."""
    path = Path(path)
    stem = f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}"
    backup = path.with_name(stem)
    counter = 1
    while backup.exists():
        backup = path.with_name(f"{stem}-{counter}")
        counter += 1
    path.rename(backup)
    return backup
