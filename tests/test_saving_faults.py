"""A player's data folder that cannot be written (read-only, or not a folder at all): the level plays to its end,
the game says that scores cannot be saved, and nothing saved before is lost."""

import datetime
import shutil
import sys

import pytest

from tests.test_game import levels, start_app, step_until  # noqa: F401 (fixtures)
from tests.test_history import reachable_folder, read_only  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow  # end to end: make test and CI run it

def play_a_level_to_its_results(start_app, data, *flags):  # noqa: F811
    """The messages of a level played to its results by the demo's virtual player, on the game's virtual clock,
    with its data folder at `data`."""
    app, _ = start_app("--demo", "--virtual-clock", "--no-practice", "--seed", "1", "--player", "Ann", *flags,
                       data_dir=data)
    step_until(app, lambda: app.scene.name == "menu")
    app.calibrated = True
    app.play(app.levels[0])
    step_until(app, lambda: app.scene.name == "results", timeout=120.0)
    assert app.results["prompts"] == len(app.levels[0].sequence) and app.results["score"] > 0
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
    with read_only(data):
        messages = play_a_level_to_its_results(start_app, data, "--levels", str(reachable_levels))
    assert any("scores cannot be saved" in message for message in messages), messages
    assert {path: path.read_bytes() for path in data.iterdir()} == saved


def test_a_data_folder_that_is_a_file_costs_the_saving_never_the_game(tmp_path, start_app):  # noqa: F811
    data = tmp_path / "data"
    data.write_text("not a folder")
    messages = play_a_level_to_its_results(start_app, data)
    assert any("scores cannot be saved" in message for message in messages), messages
    assert data.read_text() == "not a folder"
