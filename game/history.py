"""The player's history: every level played and every prompt in it, in a SQLite file in the data folder.

A level is written in one transaction (its row and all its prompts, or nothing), in WAL mode. A corrupt file is
kept aside and a new one started; a read-only or full folder, or a file from a newer game, costs the session's
saving, never the game or what was saved before. The file's schema version is SQLite's user_version.
"""

import contextlib
import datetime
import sqlite3
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from game.storage import set_aside

HISTORY_FILE = "history.sqlite3"
MODES = ("level", "endless", "rhythm", "workout")

# Each entry takes the file from version N (its index) to N + 1; they run in one transaction with the version bump.
MIGRATIONS = (
    (  # 1: levels and their prompts
        """CREATE TABLE plays (
            id INTEGER PRIMARY KEY,
            player TEXT NOT NULL,
            level TEXT NOT NULL,
            started_at TEXT NOT NULL,  -- ISO 8601 in the player's local time: its first 10 characters are the day
            duration_s REAL NOT NULL,
            score INTEGER NOT NULL)""",
        """CREATE TABLE prompts (
            play_id INTEGER NOT NULL REFERENCES plays (id),
            position INTEGER NOT NULL,
            move TEXT NOT NULL,
            grade TEXT NOT NULL,
            hit INTEGER NOT NULL CHECK (hit IN (0, 1)),
            reaction_ms REAL,
            prompted_at_s REAL NOT NULL,  -- from the level's start
            time_allowed_s REAL NOT NULL,
            PRIMARY KEY (play_id, position))""",
    ),
    (  # 2: modes besides levels (every play before them was a level); each prompt's coaching line and points (the
       # ghost's score as it goes; prompts saved before kept none: 0); the progress screen's indexes (a player's
       # plays by time; a level's plays by score, for the best run)
        "ALTER TABLE plays ADD COLUMN mode TEXT NOT NULL DEFAULT 'level'",
        "ALTER TABLE prompts ADD COLUMN coaching TEXT",
        "ALTER TABLE prompts ADD COLUMN points INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX plays_by_player ON plays (player, started_at)",
        "CREATE INDEX plays_by_score ON plays (player, level, score DESC)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# The day a level was played, as the player's clock said it.
DAY = "substr(plays.started_at, 1, 10)"
# Errors that come from the disk or the file rather than from this code: the game plays on without saving.
ENVIRONMENT_ERRORS = (sqlite3.SQLITE_PERM, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY,
                      sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
                      sqlite3.SQLITE_NOTADB)
CORRUPT_ERRORS = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)

# Energy: METs of the 2011 Compendium of Physical Activities (Ainsworth et al., Med Sci Sports Exerc 43(8), 2011),
# the closest entry to each move. The 2024 adult update moves these by a few tenths at most.
MET_BY_MOVE = {
    "punch_left": 5.5, "punch_right": 5.5,  # 15110 boxing, punching bag
    "kick_left": 8.0, "kick_right": 8.0,  # 02020 calisthenics (jumping jacks ...), vigorous effort
    "flap": 3.8,  # 02022 calisthenics, moderate effort
    "wave": 3.5, "clap": 3.5,  # 02030 calisthenics, home exercise, light or moderate effort
}
DEFAULT_MET = 3.5  # a player's own move: 02030, light or moderate calisthenics
DEFAULT_WEIGHT_KG = 70.0


def met(move):
    """The move's MET: its energy cost as a multiple of sitting still."""
    return MET_BY_MOVE.get(move, DEFAULT_MET)


@dataclass(frozen=True)
class PromptRecord:
    """One prompt of a level: grade PERFECT, GOOD, OK, MISS or WRONG (rhythm levels: PERFECT, GOOD, LATE)."""

    move: str
    grade: str
    hit: bool
    reaction_ms: float | None
    prompted_at_s: float  # from the level's start
    time_allowed_s: float
    coaching: str | None = None
    points: int = 0


@dataclass(frozen=True)
class LevelRecord:
    player: str
    level: str
    mode: str  # one of MODES
    started_at: datetime.datetime  # the player's local time
    duration_s: float
    score: int
    prompts: list[PromptRecord]

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")


@dataclass(frozen=True)
class MoveStats:
    """A move's prompts over a day (day: ISO date) or over a span of days (day None)."""

    move: str
    day: str | None
    prompts: int
    hits: int
    median_reaction_ms: float | None  # over the hits
    median_reaction_share: float | None  # reaction over the time allowed: comparable between slow and fast levels

    @property
    def accuracy(self):
        return self.hits / self.prompts


@dataclass(frozen=True)
class RunPrompt:
    """A prompt of a past run, as far as the ghost that replays it needs."""

    prompted_at_s: float
    move: str
    hit: bool
    reaction_ms: float | None
    points: int


@dataclass(frozen=True)
class BestRun:
    started_at: datetime.datetime
    score: int
    duration_s: float
    prompts: list[RunPrompt]


class History:
    """The history file at `path`: open() it, record() each level, ask it for the progress screen's figures.

    On trouble `message` holds one line for the player; reads then return nothing and record() returns False.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.message = None
        self._connection = None
        self._writable = False

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def open(self):
        """Open the file, creating it or bringing an older one up to date; returns self."""
        self.close()
        self.message = None
        version = None
        try:
            self._connection = self._checked_connection()
            version = _user_version(self._connection)
            if version > SCHEMA_VERSION:
                self.close()  # its columns may mean something else now: neither read nor write it
                self.message = (f"{self.path} was saved by a newer Move Match (history version {version}, this one "
                                f"knows up to {SCHEMA_VERSION}): it is left as it is, and this session is not saved")
                return self
            # Where WAL cannot work (some network folders) SQLite keeps its rollback journal: as safe, only slower.
            self._connection.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                self._migrate()
                version = SCHEMA_VERSION
            self._writable = True
        except (sqlite3.Error, OSError) as error:
            # Any error here is the disk's or the file's (a folder that cannot be written, a schema someone changed
            # by hand): the migration, if any, is rolled back and the file left as it was.
            self.message = self._cannot_save(error)
            if version != SCHEMA_VERSION:
                self.close()  # the queries need the current schema
        return self

    def close(self):
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._writable = False

    def record(self, level_record):
        """Save a level with all its prompts, or nothing of it; False (and `message`) when it cannot be saved."""
        if not self._writable:
            return False
        r = level_record
        try:
            with self._transaction() as connection:
                play_id = connection.execute(
                    "INSERT INTO plays (player, level, mode, started_at, duration_s, score) VALUES (?, ?, ?, ?, ?, ?)",
                    (r.player, r.level, r.mode, r.started_at.isoformat(timespec="seconds"), r.duration_s, r.score),
                ).lastrowid
                connection.executemany(
                    "INSERT INTO prompts (play_id, position, move, grade, hit, reaction_ms, prompted_at_s, "
                    "time_allowed_s, coaching, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(play_id, position, p.move, p.grade, int(p.hit), p.reaction_ms, p.prompted_at_s,
                      p.time_allowed_s, p.coaching, p.points) for position, p in enumerate(r.prompts)])
        except (sqlite3.Error, OSError) as error:
            if not _from_environment(error):
                raise
            self.message = self._cannot_save(error)
            return False
        return True

    # The progress screen's figures, each for one player
    def played_days(self, player):
        """The days the player played on, as dates."""
        return {datetime.date.fromisoformat(day)
                for (day,) in self._rows(f"SELECT DISTINCT {DAY} FROM plays WHERE player = ?", (player,))}

    def days_played(self, player):
        return len(self.played_days(player))

    def current_streak(self, player, today=None):
        """Days played in a row up to today, or up to yesterday while today is not played yet; 0 without either."""
        today = today or datetime.date.today()
        days = self.played_days(player)
        day = today if today in days else today - datetime.timedelta(days=1)
        streak = 0
        while day in days:
            streak += 1
            day -= datetime.timedelta(days=1)
        return streak

    def active_minutes(self, player):
        """Minutes spent in levels (their whole length: prompts, answers and the pauses between them)."""
        rows = self._rows("SELECT total(duration_s) FROM plays WHERE player = ?", (player,))
        return rows[0][0] / 60 if rows else 0.0

    def energy_kcal(self, player, weight_kg=DEFAULT_WEIGHT_KG):
        """An estimate of the energy spent: each level's minutes at the mean MET of its prompts' moves, and
        kcal = MET x weight in kg x hours (the Compendium's own conversion)."""
        plays = {}
        for play_id, duration_s, move, count in self._rows(
                "SELECT plays.id, plays.duration_s, prompts.move, count(prompts.move) FROM plays LEFT JOIN prompts "
                "ON prompts.play_id = plays.id WHERE plays.player = ? GROUP BY plays.id, prompts.move",
                (player,)):
            moves = plays.setdefault(play_id, (duration_s, []))[1]
            if count:
                moves.append((met(move), count))
        kcal = 0.0
        for duration_s, moves in plays.values():
            prompts = sum(count for _, count in moves)
            mean_met = sum(value * count for value, count in moves) / prompts if prompts else DEFAULT_MET
            kcal += mean_met * weight_kg * duration_s / 3600
        return kcal

    def move_stats(self, player, since=None, until=None):
        """Per move and per day from `since` up to, not including, `until` (dates; None: no limit): MoveStats
        sorted by day, then move."""
        return sorted(self._move_stats(player, since, until, by_day=True).values(), key=lambda s: (s.day, s.move))

    def move_totals(self, player, since=None, until=None):
        """{move: MoveStats} over the days from `since` up to, not including, `until`."""
        return {move: stats for (move, _), stats in self._move_stats(player, since, until, by_day=False).items()}

    def best_run(self, player, level):
        """The player's best-scoring run of the level (the first of equal scores) with its prompts; None if unplayed."""
        best = self._rows("SELECT id, started_at, score, duration_s FROM plays WHERE player = ? AND level = ? "
                          "ORDER BY score DESC, started_at LIMIT 1", (player, level))
        if not best:
            return None
        [(play_id, started_at, score, duration_s)] = best
        prompts = [RunPrompt(at_s, move, bool(hit), reaction_ms, points) for at_s, move, hit, reaction_ms, points in
                   self._rows("SELECT prompted_at_s, move, hit, reaction_ms, points FROM prompts WHERE play_id = ? "
                              "ORDER BY position", (play_id,))]
        return BestRun(datetime.datetime.fromisoformat(started_at), score, duration_s, prompts)

    # Inside
    def _connect(self):
        connection = sqlite3.connect(self.path, isolation_level=None)  # transactions are begun by hand
        # FULL: each commit waits for the disk, so a level just finished survives a power cut as well as a crash
        # (NORMAL in WAL mode only survives a crash). One commit per level makes its cost (a few ms) invisible.
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    def _checked_connection(self):
        """A connection to a file that passes SQLite's quick check; a file that fails it, with its WAL files, is
        set aside and a new one started (said in `message`)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        problem = self._integrity_problem() if self.path.exists() else None
        if problem is not None:
            kept = [str(set_aside(path)) for path in self._files() if path.exists()]
            self.message = (f"{self.path} was unreadable ({problem}); kept it as {', '.join(kept)} "
                            "and started a new history")
        return self._connect()

    def _integrity_problem(self):
        """What SQLite's quick check finds wrong with the file; None when nothing is. The check reads through a
        read-only connection: closing a writer would fold the WAL file into, or delete it beside, a file that is
        about to be kept aside as it is."""
        connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
            return None if problems == ["ok"] else "; ".join(problems[:3])
        except sqlite3.DatabaseError as error:
            if _error_code(error) not in CORRUPT_ERRORS:
                raise
            return str(error)
        finally:
            connection.close()

    def _files(self):
        """The database and SQLite's WAL and shared-memory files beside it."""
        return [self.path, self.path.with_name(self.path.name + "-wal"), self.path.with_name(self.path.name + "-shm")]

    def _migrate(self):
        with self._transaction() as connection:
            # Read again inside the transaction: another game may have migrated the file since.
            for version in range(_user_version(connection), SCHEMA_VERSION):
                for statement in MIGRATIONS[version]:
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _transaction(self):
        """Writes that land all together at COMMIT or not at all (rolled back on any error, or lost with a kill)."""
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _rows(self, sql, parameters):
        """The rows a read gives; none when the file is not open or cannot be read (`message` says why)."""
        if self._connection is None:
            return []
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            if not _from_environment(error):
                raise
            self.message = f"Cannot read your history in {self.path} ({error})"
            return []

    def _move_stats(self, player, since, until, by_day):
        results = defaultdict(list)
        for move, day, hit, reaction_ms, allowed_s in self._rows(
                f"SELECT prompts.move, {DAY}, prompts.hit, prompts.reaction_ms, prompts.time_allowed_s FROM prompts "
                f"JOIN plays ON plays.id = prompts.play_id WHERE plays.player = ? AND {DAY} >= ? AND {DAY} < ?",
                (player, since.isoformat() if since else "", until.isoformat() if until else "9999")):
            results[move, day if by_day else None].append((hit, reaction_ms, allowed_s))
        return {key: _stats(*key, prompts) for key, prompts in results.items()}

    def _cannot_save(self, error):
        return f"Cannot save to {self.path} ({error}): scores are not kept from now on, but the game plays on"


def _stats(move, day, prompts):
    hits = [(reaction_ms, allowed_s) for hit, reaction_ms, allowed_s in prompts if hit and reaction_ms is not None]
    return MoveStats(move, day, len(prompts), sum(hit for hit, _, _ in prompts),
                     statistics.median(ms for ms, _ in hits) if hits else None,
                     statistics.median(ms / (allowed_s * 1000) for ms, allowed_s in hits) if hits else None)


def _user_version(connection):
    return connection.execute("PRAGMA user_version").fetchone()[0]


def _error_code(error):
    """SQLite's primary result code (extended codes keep it in the low byte); None for errors Python raised."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _from_environment(error):
    return isinstance(error, OSError) or _error_code(error) in ENVIRONMENT_ERRORS
