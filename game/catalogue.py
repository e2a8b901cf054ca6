"""The levels a player can choose: the level files, and those the game makes (Endless, today's workout from the
player's history), for the moves the model and the player's own profile know, standing or seated."""

from datetime import date

from recognizer.runtime.labels import ACTIONS, BACKGROUND
from recognizer.runtime.model import ModelError, saved_labels

from .levels import doable_moves, load_levels
from .pace import endless_level
from .workout import daily_workout


class LevelCatalogue:
    """levels_dir: the folder of level files; model_dir: the model whose moves levels may prompt; player: a
    game.player.Player (their custom moves, and their name in the history); history: a game.history.History."""

    def __init__(self, levels_dir, model_dir, player, history):
        self.levels_dir, self.model_dir, self.player, self.history = levels_dir, model_dir, player, history
        self.levels, self.errors = load_levels(levels_dir, self.known_moves())

    def reload(self):
        """Read the level files again (a profile's new move may be prompted now); their errors as before."""
        self.levels, self.errors = load_levels(self.levels_dir, self.known_moves())

    def known_moves(self):
        """The moves levels may prompt: those of the model (a model trained on a video folder has its own) and the
        profile's custom moves. A model folder that cannot be read is reported by the tracker."""
        try:
            moves = [label for label in saved_labels(self.model_dir) if label != BACKGROUND]
        except ModelError:
            moves = list(ACTIONS)
        return moves + self.player.custom_moves

    def playable(self, seated):
        return [level for level in self.levels if level.seated or not seated]

    def made(self, seated):
        """The levels the game makes rather than reads: Endless, and today's workout from the player's history."""
        moves = doable_moves(self.known_moves(), seated)
        if not moves:
            return []  # a model of kicks alone, played seated: nothing the game can make
        return [endless_level(moves, seated), daily_workout(self.history, self.player.name, moves, seated,
                                                            date.today())]

    def find(self, wanted, seated):
        """(level, None) of a level named `wanted` (its name or its file's name, any case), or (None, a line naming
        every level there is)."""
        made = self.made(seated)
        level = next((each for each in self.levels + made
                      if wanted.lower() in (each.name.lower(), each.path.stem.lower() if each.path else "")), None)
        if level is not None:
            return level, None
        names = ", ".join([f"{each.name} ({each.path.stem})" for each in self.levels] + [each.name for each in made])
        return None, f"--level: no level named {wanted!r} (levels, with their file names: {names})"
