"""A level's results, kept: the high-score table, the history of every level and prompt, and --results-json. A
folder that cannot take them is said, and the game plays on."""

import json
from datetime import datetime
from pathlib import Path

from .highscores import HighScores
from .history import HISTORY_FILE, History, LevelRecord, PromptRecord


def write_json(path, data):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


class Records:
    """The player's saved results in data_dir: high scores and the history. messages: what could not be read."""

    def __init__(self, data_dir):
        self.highscores = HighScores(Path(data_dir) / "highscores.json").load()
        self.history = History(Path(data_dir) / HISTORY_FILE).open()
        self.messages = [message for message in (self.highscores.message, self.history.message) if message]

    def keep(self, level, scorer, duration_s, player_name, recognition=None, results_json=None):
        """Keep a level's results; (its results dict, its rank in the high scores or None, lines for the player on
        what could not be saved). recognition: the virtual player's figures, in demo mode."""
        summary = scorer.summary()
        said = []
        rank = self.highscores.add(level.name, player_name, summary["score"]) if summary["score"] > 0 else None
        if self.highscores.save_error:
            said.append(self.highscores.save_error)
        outcomes = scorer.outcomes
        results = {"level": level.name, "mode": level.mode, "duration_s": duration_s} | summary | {"outcomes": [
            {"move": o.move, "grade": o.grade, "reaction_ms": o.reaction_ms, "got": o.got,
             "prompted_at_s": o.prompted_at_s, "time_allowed_s": o.time_allowed_s, "coaching": o.coaching}
            for o in outcomes]}
        if recognition is not None:
            results["virtual_player"] = recognition
        if results_json:
            write_json(results_json, results)
        record = LevelRecord(player_name, level.name, level.mode, datetime.now(), duration_s, summary["score"],
                             [PromptRecord(o.move, o.grade, o.hit, o.reaction_ms, o.prompted_at_s, o.time_allowed_s,
                                           o.coaching, o.points) for o in outcomes])
        if not self.history.record(record):
            said.append(self.history.message)
        return results, rank, said

    def close(self):
        self.history.close()  # folds the write-ahead log back into the database file
