"""Levels: TOML files that say which moves to prompt, in what order and how fast (format: assets/levels/README.md)."""

import importlib.resources
import tomllib
from dataclasses import dataclass
from pathlib import Path

from recognizer.errors import MoveMatchError
from recognizer.runtime.labels import ACTIONS

from .rhythm import RHYTHM_MAX_BPM, RHYTHM_MIN_BPM

DEFAULT_LEVEL_DIR = Path(str(importlib.resources.files("game.assets"))) / "levels"  # package data (assets/)
# A sequence entry that is drawn from the level's random_moves each time the level is played.
RANDOM = "random"
# Moves that score double (game/scoring.py).
BONUS_MOVES = ("flap",)
# Moves a seated player cannot do.
KICKS = ("kick_left", "kick_right")
# seconds_per_prompt must be more than MIN_SECONDS and at most MAX_SECONDS: below it nobody can react,
# above it the prompt has stopped being a game.
MIN_SECONDS = 0.5
MAX_SECONDS = 30.0
# A rhythm level prompts a move every beats_per_prompt beats: fewer than 2 leaves no beat to see the move coming.
MIN_BEATS_PER_PROMPT = 2
MAX_BEATS_PER_PROMPT = 16


def doable_moves(moves, seated):
    """The moves a player can do (all of them standing, no kicks seated), the built-in ones in their labels'
    order and a player's own moves after them."""
    doable = [move for move in moves if not (seated and move in KICKS)]
    return sorted(doable, key=lambda move: ACTIONS.index(move) if move in ACTIONS else len(ACTIONS))


class LevelError(MoveMatchError):
    """A level file that cannot be played; the message names the file and the field."""


@dataclass
class Level:
    name: str
    description: str
    seconds_per_prompt: float
    sequence: list[str]
    random_moves: list[str]
    seated: bool
    order: int
    path: Path | None  # None for a level the game makes (Endless, the daily workout)
    bpm: float | None = None  # a rhythm level's tempo: its prompts fall on the beat (game/rhythm.py)
    beats_per_prompt: int = 4
    mode: str = "level"  # "level", "rhythm", "endless" or "workout", as the history keeps it

    @property
    def rhythm(self):
        return self.bpm is not None

    def prompts(self, rng):
        """The moves to prompt, in order, with every "random" drawn from random_moves by `rng` (a random.Random)."""
        return [rng.choice(self.random_moves) if move == RANDOM else move for move in self.sequence]


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)  # bool is an int: reject it


def _is_moves(value):
    return isinstance(value, list) and all(isinstance(move, str) for move in value)


_REQUIRED = object()
# field: (type check, what the check wants in words, default or _REQUIRED)
_FIELDS = {
    "name": (lambda v: isinstance(v, str), "a string", _REQUIRED),
    "description": (lambda v: isinstance(v, str), "a string", ""),
    "seconds_per_prompt": (_is_number, "a number", None),  # required unless the level has a bpm
    "sequence": (_is_moves, "a list of move names", _REQUIRED),
    "random_moves": (_is_moves, "a list of move names", ()),
    "seated": (lambda v: isinstance(v, bool), "true or false", False),
    "order": (lambda v: type(v) is int, "an integer", 100),
    "bpm": (_is_number, "a number", None),
    "beats_per_prompt": (lambda v: type(v) is int, "an integer", 4),
}


def load_level(path, known_moves=ACTIONS):
    """The level in the TOML file at `path`; raises LevelError naming the file and the field at fault."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        raise LevelError(f"{path}: cannot read: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LevelError(f"{path}: not valid TOML: {error}") from None

    def fail(field, message):
        return LevelError(f"{path}: field '{field}': {message}")

    # An unknown field is most likely a misspelt optional one, whose default would silently apply.
    for field in data:
        if field not in _FIELDS:
            raise fail(field, f"unknown field (fields: {', '.join(_FIELDS)})")
    values = {}
    for field, (check, wanted, default) in _FIELDS.items():
        if field not in data:
            if default is _REQUIRED:
                raise fail(field, "missing")
            values[field] = default
        elif not check(data[field]):
            raise fail(field, f"must be {wanted}, not {data[field]!r}")
        else:
            values[field] = data[field]

    if not values["name"].strip():
        raise fail("name", "must not be empty")
    bpm, seconds = values["bpm"], values["seconds_per_prompt"]
    if bpm is not None:
        if seconds is not None:
            raise fail("seconds_per_prompt", "a rhythm level's pace is its bpm and beats_per_prompt: leave it out")
        if not RHYTHM_MIN_BPM <= bpm <= RHYTHM_MAX_BPM:
            raise fail("bpm", f"must be from {RHYTHM_MIN_BPM} to {RHYTHM_MAX_BPM}, not {bpm}")
        if not MIN_BEATS_PER_PROMPT <= values["beats_per_prompt"] <= MAX_BEATS_PER_PROMPT:
            raise fail("beats_per_prompt", f"must be from {MIN_BEATS_PER_PROMPT} to {MAX_BEATS_PER_PROMPT}, "
                                           f"not {values['beats_per_prompt']}")
        seconds = values["beats_per_prompt"] * 60.0 / bpm
    elif seconds is None:
        raise fail("seconds_per_prompt", "missing (or give a bpm for a rhythm level)")
    if not MIN_SECONDS < seconds <= MAX_SECONDS:
        raise fail("seconds_per_prompt", f"must be more than {MIN_SECONDS} and at most {MAX_SECONDS}, not {seconds}")
    if not values["sequence"]:
        raise fail("sequence", "must not be empty")
    for field, allowed in (("sequence", (*known_moves, RANDOM)), ("random_moves", tuple(known_moves))):
        for move in values[field]:
            if move not in allowed:
                raise fail(field, f"unknown move '{move}' (moves: {', '.join(allowed)})")
    if RANDOM in values["sequence"] and not values["random_moves"]:
        raise fail("random_moves", f"needed because 'sequence' uses \"{RANDOM}\"")
    if values["seated"]:
        for field in ("sequence", "random_moves"):
            kicks = sorted(set(values[field]) & set(KICKS))
            if kicks:
                raise fail(field, f"a seated level cannot have kicks: {', '.join(kicks)}")

    return Level(name=values["name"], description=values["description"],
                 seconds_per_prompt=float(seconds), sequence=list(values["sequence"]),
                 random_moves=list(values["random_moves"]), seated=values["seated"],
                 order=values["order"], path=path, bpm=None if bpm is None else float(bpm),
                 beats_per_prompt=values["beats_per_prompt"], mode="level" if bpm is None else "rhythm")


def load_levels(folder, known_moves=ACTIONS):
    """(levels, errors): every *.toml level in `folder` sorted by (order, name), and one message per bad file.

    A bad file does not stop the others loading. `known_moves`: what the recognizer can name (a model
    trained on a video folder, or a profile's custom moves, bring their own).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return [], [f"{folder}: no such level folder"]
    levels, errors = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            levels.append(load_level(path, known_moves))
        except LevelError as error:
            errors.append(str(error))
    levels.sort(key=lambda level: (level.order, level.name))
    return levels, errors
