import datetime
import json
import os

import pytest

from game import storage
from game.highscores import MAX_ENTRIES, HighScores


def test_scores_round_trip_sorted_and_capped(tmp_path):
    path = tmp_path / "highscores.json"
    scores = HighScores(path).load()
    ranks = [scores.add("boxing", f"p{score}", score, date=datetime.date(2024, 5, 1)) for score in range(3, 15)]
    assert ranks[:3] == [1, 1, 1]
    assert scores.add("boxing", "late", 0) is None  # below a full table

    again = HighScores(path).load()
    assert again.message is None
    table = again.table("boxing")
    assert [entry["score"] for entry in table] == list(range(14, 4, -1))
    assert len(table) == MAX_ENTRIES
    assert table[0] == {"player": "p14", "score": 14, "date": "2024-05-01"}
    assert again.best("boxing") == 14
    assert again.best("kicks") is None and again.table("kicks") == []


def test_a_tie_ranks_below_the_earlier_score(tmp_path):
    scores = HighScores(tmp_path / "h.json").load()
    scores.add("waves", "first", 5)
    assert scores.add("waves", "second", 5) == 2
    assert scores.table("waves")[1]["date"] == datetime.date.today().isoformat()


def test_missing_data_folder_is_created(tmp_path):
    path = tmp_path / "not" / "yet" / "highscores.json"
    scores = HighScores(path).load()
    assert scores.message is None and scores.best("boxing") is None
    scores.add("boxing", "ann", 7)
    assert json.loads(path.read_text())["levels"]["boxing"][0]["score"] == 7


@pytest.mark.parametrize("content", [
    b"\x00\xff\xfe garbage \x9c",
    b'{"version": 1, "levels": []}',
    b'[1, 2, 3]',
    b'{"version": 1, "levels": {"boxing": [{"player": "ann", "score": "ten", "date": "2024-05-01"}]}}',
    b'{"version": 1, "levels": {"boxing": [{"player": "ann", "score": true, "date": "2024-05-01"}]}}',
    b'{"version": 1, "levels": {"boxing": [{"player": "ann", "score": 3, "date": "yesterday"}]}}',
])
def test_corrupt_file_is_set_aside_and_a_new_table_started(tmp_path, content):
    path = tmp_path / "highscores.json"
    path.write_bytes(content)
    scores = HighScores(path).load()

    backups = list(tmp_path.glob("highscores.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert not path.exists()
    assert str(path) in scores.message and str(backups[0]) in scores.message
    assert scores.best("boxing") is None

    scores.add("boxing", "ann", 3)
    assert HighScores(path).load().best("boxing") == 3


def test_set_aside_never_overwrites_an_earlier_backup(tmp_path):
    path = tmp_path / "h.json"
    path.write_text("one")
    first = storage.set_aside(path)
    path.write_text("two")
    second = storage.set_aside(path)
    assert first != second
    assert (first.read_text(), second.read_text()) == ("one", "two")


@pytest.mark.parametrize("crashing", ["replace", "fsync"])
def test_a_crash_mid_write_keeps_the_old_file(tmp_path, monkeypatch, crashing):
    path = tmp_path / "highscores.json"
    scores = HighScores(path).load()
    scores.add("boxing", "ann", 7)
    before = path.read_bytes()

    def crash(*args):
        raise OSError("simulated crash")
    monkeypatch.setattr(os, crashing, crash)
    scores.add("boxing", "bob", 9)  # the game plays on: the failure is said, not raised
    monkeypatch.undo()
    assert "scores cannot be saved (simulated crash)" in scores.save_error

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["highscores.json"]
    today = datetime.date.today().isoformat()
    assert HighScores(path).load().table("boxing") == [{"player": "ann", "score": 7, "date": today}]
