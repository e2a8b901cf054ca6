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

    def keep(self, level, seats, duration_s, match=None, results_json=None):
        """Keep a level's results, each player's (game.family.Seat) under their own name; (the results dict, each
        player's rank in the high scores or None, lines for the player on what could not be saved). A virtual
        player's figures (demo mode) go with their results; match: family mode's game.family.Match."""
        said, ranks, players = [], [], []
        for seat in seats:
            summary = seat.scorer.summary()
            rank = self.highscores.add(level.name, seat.name, summary["score"]) if summary["score"] > 0 else None
            if self.highscores.save_error and self.highscores.save_error not in said:
                said.append(self.highscores.save_error)
            ranks.append(rank)
            outcomes = seat.scorer.outcomes
            played = summary | {"outcomes": [
                {"move": o.move, "grade": o.grade, "reaction_ms": o.reaction_ms, "got": o.got,
                 "prompted_at_s": o.prompted_at_s, "time_allowed_s": o.time_allowed_s, "coaching": o.coaching}
                for o in outcomes]}
            recognition = getattr(seat.tracker, "recognition", None)
            if recognition is not None:
                played["virtual_player"] = recognition()
            players.append({"player": seat.name} | played)
            record = LevelRecord(seat.name, level.name, level.mode, datetime.now(), duration_s, summary["score"],
                                 [PromptRecord(o.move, o.grade, o.hit, o.reaction_ms, o.prompted_at_s,
                                               o.time_allowed_s, o.coaching, o.points) for o in outcomes])
            if not self.history.record(record) and self.history.message not in said:
                said.append(self.history.message)
        results = {"level": level.name, "mode": level.mode, "duration_s": duration_s}
        if match is None:
            results |= {key: value for key, value in players[0].items() if key != "player"}
        else:
            results |= match.summary([seat.name for seat in seats], [seat.scorer.score for seat in seats])
            results["players"] = players
        if results_json:
            write_json(results_json, results)
        return results, ranks, said

    def close(self):
        self.history.close()  # folds the write-ahead log back into the database file
