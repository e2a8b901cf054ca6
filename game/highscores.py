"""The high-score table: the best scores per level, kept in a JSON file that survives crashes and corruption."""

import datetime
import json
from pathlib import Path

from game import storage

VERSION = 1
MAX_ENTRIES = 10


class HighScores:
    """Top MAX_ENTRIES scores per level, saved to `path` after every change.

    On disk: {"version": 1, "levels": {"<level>": [{"player": str, "score": int, "date": "YYYY-MM-DD"}, ...]}},
    each list sorted by score, best first.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.levels = {}
        self.message = None
        self.save_error = None  # why the last change could not be saved (a read-only or full disk), or None

    def load(self):
        """Read the table; a missing file is an empty table, a corrupt one is set aside (see `message`)."""
        self.levels = {}
        self.message = None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return self
        except OSError as error:  # a data folder that is not one, or cannot be read: play on with an empty table
            self.message = f"{self.path}: cannot be read ({error.strerror or error}); high scores start empty"
            return self
        try:
            self.levels = _parse(raw)
        except ValueError as error:
            # Keep the bad file rather than overwrite it, so a player's scores can still be recovered by hand.
            backup = storage.set_aside(self.path)
            self.message = (f"{self.path} was unreadable ({error}); kept it as {backup} "
                            "and started a new high-score table")
        return self

    def add(self, level, player, score, date=None):
        """Record a score; returns its 1-based rank, or None if it did not make the table."""
        entries = self.levels.get(level, [])
        # Ties go below the existing entries: whoever got the score first keeps the higher place.
        rank = 1 + sum(entry["score"] >= score for entry in entries)
        if rank > MAX_ENTRIES:
            return None
        day = (date or datetime.date.today()).isoformat()
        entries.insert(rank - 1, {"player": player, "score": score, "date": day})
        self.levels[level] = entries[:MAX_ENTRIES]
        self.save()
        return rank

    def best(self, level):
        """The top score for a level, or None if nobody has played it."""
        entries = self.levels.get(level)
        return entries[0]["score"] if entries else None

    def table(self, level):
        """The level's entries, best first (copies, so callers cannot change the table by accident)."""
        return [dict(entry) for entry in self.levels.get(level, [])]

    def save(self):
        """Write the table; a folder that cannot be written (read-only, full) leaves the file as it was and says
        why in save_error, and the game plays on with the table in memory."""
        try:
            storage.atomic_write_text(self.path, json.dumps({"version": VERSION, "levels": self.levels}, indent=2)
                                      + "\n")
            self.save_error = None
        except OSError as error:
            self.save_error = f"{self.path}: scores cannot be saved ({error.strerror or error}); the game plays on"


def _parse(raw):
    """The levels dict from the file's bytes; raises ValueError saying what is wrong."""
    data = json.loads(raw)  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"expected an object with \"version\": {VERSION}")
    levels = data.get("levels")
    if not isinstance(levels, dict):
        raise ValueError("\"levels\" is not an object")
    parsed = {}
    for level, entries in levels.items():
        if not isinstance(entries, list):
            raise ValueError(f"level {level!r} is not a list")
        parsed[level] = sorted((_entry(level, entry) for entry in entries), key=lambda e: -e["score"])[:MAX_ENTRIES]
    return parsed


def _entry(level, entry):
    if not (isinstance(entry, dict) and isinstance(entry.get("player"), str)
            and type(entry.get("score")) is int and isinstance(entry.get("date"), str)):  # bool is an int: reject it
        raise ValueError(f"level {level!r} has an entry that is not {{player: str, score: int, date: str}}: {entry!r}")
    try:
        datetime.date.fromisoformat(entry["date"])
    except ValueError:
        raise ValueError(f"level {level!r} has an entry with a bad date: {entry['date']!r}") from None
    return {"player": entry["player"], "score": entry["score"], "date": entry["date"]}
