"""A player's data folder that cannot be written (read-only, or not a folder at all): the level plays to its end,
the game says that scores cannot be saved, and nothing saved before is lost."""

import datetime
import importlib
import shutil
import sys

import pytest

from tests.test_game import levels, start_app  # noqa: F401 (fixtures)
from tests.test_history import permissions_apply, reachable_folder  # noqa: F401 (a fixture)

# Loaded now: as another user (below) the Python installation itself may not be readable; only the data folder's
# permissions are under test. A codec that failed to load there would stay failed for the rest of the test session
# (cp437: zipfile's, which reads the model's .npz files).
LOADED_FIRST = ("pygame", "encodings.cp437", "importlib.readers", "importlib.resources", "resource", "sqlite3",
                "game.app",
                "game.tracking", "game.scenes.loading", "game.scenes.menu", "game.scenes.play", "game.scenes.results",
                "game.scenes.calibration", "game.pace", "game.workout", "game.history", "game.ghost",
                "recognizer.runtime.pose", "recognizer.runtime.live", "recognizer.runtime.capture",
                "recognizer.runtime.profile", "recognizer.runtime.coaching")
for module in LOADED_FIRST:
    importlib.import_module(module)


def play_a_level_to_its_results(start_app, data, *flags):  # noqa: F811
    """The messages of a level played to its results with its data folder at `data`."""
    app, _ = start_app("--no-practice", "--player", "Ann", *flags, data_dir=data)
    app.calibrated = True
    app.play(app.levels[0])
    app.scene.scorer.hit("punch_right", 0.5)  # a level with a score to save
    app.finish_level(app.levels[0], app.scene.scorer, 12.0)
    app.step()
    assert app.scene.name == "results"
    return list(app.messages)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_data_folder_costs_the_saving_never_the_game_or_what_was_saved(
        reachable_folder, levels, start_app):  # noqa: F811 (fixtures)
    from game.highscores import HighScores
    from game.history import HISTORY_FILE, History, LevelRecord, PromptRecord
    data = reachable_folder / "data"
    reachable_levels = shutil.copytree(levels, reachable_folder / "levels")  # pytest's own folder is root's alone
    HighScores(data / "highscores.json").load().add("Short", "Ann", 900)
    with History(data / HISTORY_FILE).open() as history:
        history.record(LevelRecord("Ann", "Short", "level", datetime.datetime(2026, 1, 5, 18), 20.0, 900,
                                   [PromptRecord("wave", "PERFECT", True, 700.0, 3.0, 4.0, None, 900)]))
    saved = {path: path.read_bytes() for path in data.iterdir()}
    for path in data.iterdir():
        path.chmod(0o444)
    data.chmod(0o555)
    with permissions_apply():
        messages = play_a_level_to_its_results(start_app, data, "--levels", str(reachable_levels))
    assert any("scores cannot be saved" in message for message in messages), messages
    assert {path: path.read_bytes() for path in data.iterdir()} == saved


def test_a_data_folder_that_is_a_file_costs_the_saving_never_the_game(tmp_path, start_app):  # noqa: F811
    data = tmp_path / "data"
    data.write_text("not a folder")
    messages = play_a_level_to_its_results(start_app, data)
    assert any("scores cannot be saved" in message for message in messages), messages
    assert data.read_text() == "not a folder"
