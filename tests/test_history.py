"""The history file: levels saved whole, the progress figures, and a file that survives kills, corruption,
an older or newer version, and a folder it cannot write to."""

import contextlib
import datetime
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from game.history import (
    DEFAULT_WEIGHT_KG,
    HISTORY_FILE,
    MET_BY_MOVE,
    SCHEMA_VERSION,
    History,
    LevelRecord,
    PromptRecord,
)

ROOT = Path(__file__).resolve().parent.parent
DAY = datetime.date(2024, 5, 10)


def prompt(move, hit, reaction_ms=None, at_s=3.0, allowed_s=4.0, grade=None, coaching=None, points=0):
    grade = grade or ("GOOD" if hit else "MISS")
    return PromptRecord(move, grade, hit, reaction_ms if hit else None, at_s, allowed_s, coaching, points)


def level(day, prompts, player="ann", name="Warm-up", mode="level", duration_s=60.0, score=None, hour=18):
    started_at = datetime.datetime.combine(day, datetime.time(hour))
    return LevelRecord(player, name, mode, started_at, duration_s, sum(p.points for p in prompts) if score is None
                       else score, prompts)


def table_rows(path, sql):
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def history(tmp_path):
    with History(tmp_path / HISTORY_FILE).open() as opened:
        assert opened.message is None
        yield opened


def test_a_new_file_is_in_wal_mode_at_the_current_version(history):
    assert table_rows(history.path, "PRAGMA journal_mode") == [("wal",)]
    assert table_rows(history.path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_levels_and_their_prompts_come_back_per_player(history):
    yesterday = DAY - datetime.timedelta(days=1)
    records = [
        level(yesterday, [prompt("wave", True, 800), prompt("kick_left", False)], duration_s=90),
        level(DAY, [prompt("wave", True, 600), prompt("wave", True, 1000), prompt("wave", False),
                    prompt("punch_left", True, 700)], duration_s=150),
        level(DAY, [prompt("clap", True, 400)], player="bob", duration_s=999),
    ]
    assert all(history.record(record) for record in records)

    assert history.played_days("ann") == {yesterday, DAY}
    assert history.days_played("ann") == 2 and history.days_played("bob") == 1
    assert history.active_minutes("ann") == pytest.approx((90 + 150) / 60)
    stats = {(s.move, s.day): s for s in history.move_stats("ann")}
    assert set(stats) == {("wave", str(yesterday)), ("kick_left", str(yesterday)), ("wave", str(DAY)),
                          ("punch_left", str(DAY))}
    today_waves = stats["wave", str(DAY)]
    assert (today_waves.prompts, today_waves.hits) == (3, 2)
    assert today_waves.accuracy == pytest.approx(2 / 3)
    assert today_waves.median_reaction_ms == pytest.approx(800)  # the hits' 600 and 1000
    assert today_waves.median_reaction_share == pytest.approx(800 / 4000)
    assert stats["kick_left", str(yesterday)].median_reaction_ms is None
    totals = history.move_totals("ann", since=yesterday, until=DAY)  # yesterday alone
    assert set(totals) == {"wave", "kick_left"} and totals["wave"].prompts == 1


def test_energy_is_each_levels_minutes_at_the_mean_met_of_its_moves(history):
    history.record(level(DAY, [prompt("kick_left", True, 500), prompt("wave", False)], duration_s=120))
    history.record(level(DAY, [prompt("punch_left", True, 500)], duration_s=60))
    by_hand = ((MET_BY_MOVE["kick_left"] + MET_BY_MOVE["wave"]) / 2 * 120 + MET_BY_MOVE["punch_left"] * 60) / 3600
    assert history.energy_kcal("ann") == pytest.approx(by_hand * DEFAULT_WEIGHT_KG)
    assert history.energy_kcal("ann", weight_kg=50) == pytest.approx(by_hand * 50)
    assert history.energy_kcal("nobody") == 0


@pytest.mark.parametrize(("played_days_ago", "streak"), [
    ((0, 1, 2, 4), 3),  # today and the two days before; the gap ends it
    ((1, 2), 2),  # not played yet today: the streak up to yesterday still counts
    ((2, 3), 0),  # yesterday missed
    ((), 0),
])
def test_the_streak_counts_days_in_a_row_up_to_today_or_yesterday(history, played_days_ago, streak):
    for days_ago in played_days_ago:
        history.record(level(DAY - datetime.timedelta(days=days_ago), [prompt("wave", True, 500)]))
    history.record(level(DAY, [prompt("wave", True, 500)], player="bob"))  # another player's day is not ann's
    assert history.current_streak("ann", today=DAY) == streak


def test_the_best_run_is_the_highest_score_first_reached_with_its_prompts_in_order(history):
    runs = [[prompt("wave", True, 900, at_s=3.0, points=200), prompt("clap", False, at_s=8.0)],
            [prompt("clap", True, 500, at_s=3.0, points=300), prompt("wave", True, 700, at_s=7.5, points=300)],
            [prompt("punch_left", True, 400, at_s=3.0, points=300), prompt("wave", True, 400, at_s=7.0, points=300)]]
    for hour, prompts in zip((10, 11, 12), runs):
        history.record(level(DAY, prompts, hour=hour))
    history.record(level(DAY, [prompt("wave", True, 100, points=9000)], name="Kicks"))
    best = history.best_run("ann", "Warm-up")
    assert best.score == 600 and best.started_at.hour == 11  # the 12 o'clock run only tied it
    assert [(p.prompted_at_s, p.move, p.hit, p.reaction_ms, p.points) for p in best.prompts] == [
        (3.0, "clap", True, 500, 300), (7.5, "wave", True, 700, 300)]
    assert history.best_run("ann", "Combo Rush") is None
    assert history.best_run("bob", "Warm-up") is None


def test_an_unknown_mode_is_refused_before_it_reaches_the_file():
    with pytest.raises(ValueError, match="mode"):
        level(DAY, [], mode="arcade")


# A level of many prompts, recorded twice. Its 700 or so pages are more than SQLite's page cache (2 MB): the second
# level spills into the WAL file before its commit. Once it has, the writer stops where it is, in the middle of that
# write (a progress handler that sleeps), and says so: the kill then always falls inside the transaction, however
# busy the machine. Two levels stay under the WAL's automatic checkpoint (1000 pages), which would reuse the file
# from its start.
PROMPTS_PER_LEVEL = 35_000
WRITER = f"""
import datetime, os, sys, time
from game.history import History, LevelRecord, PromptRecord
history = History(sys.argv[1]).open()
wal = sys.argv[1] + "-wal"
prompts = [PromptRecord("wave", "GOOD", True, 512.0, i * 2.0, 4.0, "hand above the shoulder, then wave", 200)
           for i in range({PROMPTS_PER_LEVEL})]
def record(index):
    if not history.record(LevelRecord("ann", f"level {{index}}", "level", datetime.datetime(2024, 5, 10, 18), 60.0, 1,
                                      prompts)):
        sys.exit(history.message)
record(0)
committed_size = os.path.getsize(wal)
print("committed", flush=True)
def stop_once_spilling():
    if os.path.getsize(wal) > committed_size:
        print("spilling", flush=True)
        time.sleep(3600)
    return 0
history._connection.set_progress_handler(stop_once_spilling, 10_000)
record(1)
"""


def uncommitted_wal_frames(wal):
    """How many frames the WAL file holds after its last commit: pages of a transaction that never committed
    (the format: https://www.sqlite.org/fileformat.html#the_write_ahead_log)."""
    data = wal.read_bytes()
    page_size, salt = int.from_bytes(data[8:12], "big"), data[16:24]
    sizes_after_commit = []  # per frame: the database's size in pages if the frame ends a commit, else 0
    for offset in range(32, len(data) - 24 - page_size + 1, 24 + page_size):
        if data[offset + 8:offset + 16] != salt:
            break  # a frame left from an earlier use of the file
        sizes_after_commit.append(int.from_bytes(data[offset + 4:offset + 8], "big"))
    commits = [index for index, size in enumerate(sizes_after_commit) if size]
    return len(sizes_after_commit) - (commits[-1] + 1 if commits else 0)


def test_a_kill_in_the_middle_of_a_write_leaves_only_whole_levels(tmp_path):
    path = tmp_path / HISTORY_FILE
    wal = path.with_name(HISTORY_FILE + "-wal")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "committed\n"  # the first level
        assert writer.stdout.readline() == "spilling\n"  # the second, stopped in the middle of its write
    finally:
        writer.kill()  # SIGKILL: no chance to finish the level
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert uncommitted_wal_frames(wal) > 0  # part of the second level is on disk

    assert table_rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert table_rows(path, "SELECT plays.level, count(prompts.play_id) FROM plays LEFT JOIN prompts "
                            "ON prompts.play_id = plays.id GROUP BY plays.id") == [("level 0", PROMPTS_PER_LEVEL)]
    with History(path).open() as reopened:
        assert reopened.message is None
        assert reopened.record(level(DAY, [prompt("wave", True, 500)]))
        assert reopened.days_played("ann") == 1


def make_damaged_database(path):
    """A real history file with one of its table pages overwritten."""
    with History(path).open() as history:
        for hour in range(10):
            history.record(level(DAY, [prompt("wave", True, 500)] * 200, hour=hour))
    page_size = table_rows(path, "PRAGMA page_size")[0][0]
    with path.open("r+b") as file:
        file.seek(2 * page_size)
        file.write(b"\xff" * page_size)


@pytest.mark.parametrize("damage", ["not a database", "a damaged page"])
def test_a_corrupt_file_is_kept_aside_and_a_new_one_started(tmp_path, damage):
    path = tmp_path / HISTORY_FILE
    if damage == "not a database":
        path.write_bytes(b"\x00\xff this was never a database " * 100)
        path.with_name(HISTORY_FILE + "-wal").write_bytes(b"nor this a write-ahead log")
    else:
        make_damaged_database(path)
    damaged = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    with History(path).open() as history:
        kept = sorted(tmp_path.glob(HISTORY_FILE + "*.corrupt-*"))
        kept_bytes = {p.name.split(".corrupt-")[0]: p.read_bytes() for p in kept}
        assert all(kept_bytes.get(name) == content for name, content in damaged.items())  # the -wal file too
        assert str(path) in history.message and all(str(p) in history.message for p in kept)
        assert history.record(level(DAY, [prompt("wave", True, 500)]))
        assert history.days_played("ann") == 1
    assert table_rows(path, "PRAGMA integrity_check") == [("ok",)]


# The first schema as version 1 wrote it: kept here as it was, not taken from the code that now migrates it.
VERSION_1 = """
CREATE TABLE plays (id INTEGER PRIMARY KEY, player TEXT NOT NULL, level TEXT NOT NULL, started_at TEXT NOT NULL,
                    duration_s REAL NOT NULL, score INTEGER NOT NULL);
CREATE TABLE prompts (play_id INTEGER NOT NULL REFERENCES plays (id), position INTEGER NOT NULL, move TEXT NOT NULL,
                      grade TEXT NOT NULL, hit INTEGER NOT NULL CHECK (hit IN (0, 1)), reaction_ms REAL,
                      prompted_at_s REAL NOT NULL, time_allowed_s REAL NOT NULL, PRIMARY KEY (play_id, position));
INSERT INTO plays VALUES (1, 'ann', 'Warm-up', '2024-05-09T18:00:00', 75.0, 500);
INSERT INTO prompts VALUES (1, 0, 'wave', 'PERFECT', 1, 640.0, 3.0, 5.0), (1, 1, 'clap', 'MISS', 0, NULL, 9.0, 5.0);
PRAGMA user_version = 1;
"""


def write_version_1(path, extra=""):
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.executescript(VERSION_1 + extra)


def test_a_version_1_file_is_migrated_keeping_its_plays(tmp_path):
    path = tmp_path / HISTORY_FILE
    write_version_1(path)
    with History(path).open() as history:
        assert history.message is None
        best = history.best_run("ann", "Warm-up")
        assert (best.score, best.duration_s, best.started_at) == (500, 75.0, datetime.datetime(2024, 5, 9, 18))
        assert [(p.move, p.hit, p.reaction_ms, p.points) for p in best.prompts] == [
            ("wave", True, 640.0, 0), ("clap", False, None, 0)]  # points were not kept before version 2
        assert history.record(level(DAY, [prompt("kick_left", False, coaching="lift the knee first")],
                                    mode="workout", name="Daily workout"))
        assert history.days_played("ann") == 2
    assert table_rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert table_rows(path, "SELECT level, mode FROM plays ORDER BY id") == [
        ("Warm-up", "level"), ("Daily workout", "workout")]
    assert table_rows(path, "SELECT coaching FROM prompts ORDER BY play_id, position") == [
        (None,), (None,), ("lift the knee first",)]


def test_a_migration_that_fails_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / HISTORY_FILE
    # A file someone changed by hand: version 2's index name is taken.
    write_version_1(path, "CREATE INDEX plays_by_player ON plays (player);")
    before = table_rows(path, "SELECT * FROM plays") + table_rows(path, "SELECT * FROM prompts")
    with History(path).open() as history:
        assert "Cannot save" in history.message and str(path) in history.message
        assert not history.record(level(DAY, [prompt("wave", True, 500)]))
        assert history.days_played("ann") == 0  # a version 1 file is not read either
    assert table_rows(path, "PRAGMA user_version") == [(1,)]
    assert "mode" not in [column[1] for column in table_rows(path, "PRAGMA table_info(plays)")]
    assert table_rows(path, "SELECT * FROM plays") + table_rows(path, "SELECT * FROM prompts") == before


def test_a_file_from_a_newer_game_is_neither_written_nor_changed(tmp_path):
    path = tmp_path / HISTORY_FILE
    with History(path).open() as history:
        history.record(level(DAY, [prompt("wave", True, 500)]))
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()

    with History(path).open() as history:
        assert "newer" in history.message and str(path) in history.message
        assert not history.record(level(DAY, [prompt("clap", True, 500)]))
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_data_folder_that_cannot_be_made_is_said_and_nothing_breaks(tmp_path):
    (tmp_path / "data").write_text("a file where the folder should be")
    with History(tmp_path / "data" / HISTORY_FILE).open() as history:
        assert "Cannot save" in history.message
        assert not history.record(level(DAY, [prompt("wave", True, 500)]))
        assert history.days_played("ann") == 0 and history.best_run("ann", "Warm-up") is None


@pytest.fixture
def reachable_folder():
    """A folder another user can reach: pytest's own temporary folders are for their user alone."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


@contextlib.contextmanager
def read_only(folder):
    """The folder and its files unwritable for the block, root included: root writes whatever the permissions say,
    so as root the folder is made immutable (chattr +i) instead; chmod 555 / 444 for anyone else."""
    paths = [folder, *folder.iterdir()]
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
    else:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


@contextlib.contextmanager
def permissions_apply():
    """Root reads and writes whatever the permissions say: the block runs as nobody there, so that they apply."""
    if os.geteuid() != 0:
        yield
        return
    nobody = pwd.getpwnam("nobody")
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("read_only", ["folder", "file"])
def test_a_read_only_folder_or_file_costs_the_saving_never_the_game_or_the_saved(reachable_folder, read_only):
    path = reachable_folder / "data" / HISTORY_FILE
    with History(path).open() as history:
        assert history.record(level(DAY, [prompt("wave", True, 500)] * 3))
    path.chmod(0o444)
    path.parent.chmod(0o555 if read_only == "folder" else 0o777)

    with permissions_apply(), History(path).open() as history:
        saved = history.record(level(DAY, [prompt("clap", True, 400)] * 3))
        message = history.message
    assert not saved
    assert str(path) in message and "scores are not kept" in message

    path.parent.chmod(0o755)
    path.chmod(0o644)
    with History(path).open() as history:
        assert history.move_totals("ann")["wave"].prompts == 3 and "clap" not in history.move_totals("ann")


def test_a_full_disk_saves_nothing_of_the_level_and_keeps_what_was_saved(history):
    assert history.record(level(DAY, [prompt("wave", True, 500)] * 10))
    pages = table_rows(history.path, "PRAGMA page_count")[0][0]
    # SQLite's own limit on the file's size stands in for a full disk: the same "database or disk is full".
    history._connection.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = level(DAY, [prompt("clap", True, 400, coaching="x" * 200)] * 500, hour=19)
    assert not history.record(big)
    assert "full" in history.message and "scores are not kept" in history.message
    totals = history.move_totals("ann")
    assert set(totals) == {"wave"} and totals["wave"].prompts == 10
    assert table_rows(history.path, "SELECT count(*) FROM plays") == [(1,)]
