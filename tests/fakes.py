"""Stand-ins for the game's tracker and sounds, for testing scenes on scripted probabilities."""

from game.tracking import View
from recognizer.runtime.form import FormScorer
from recognizer.runtime.judge import JudgeRule
from recognizer.runtime.live import Scores

FRAME_S = 1 / 30


class ScriptedTracker:
    """Hands the scene the scored frames a test puts in `pending`, and keeps the moves it was told to prompt."""
    state = "running"
    trouble = None

    def __init__(self):
        self.pending, self.time_s, self.prompts = [], 0.0, []

    def take_scores(self):
        scored, self.pending = self.pending, []
        return scored

    def view(self):
        return View()  # no camera frame, no person: the demo's empty stage

    def prompt(self, move, now, time_limit_s, on_beat=None):
        self.prompts.append(move)

    def game_time(self, timestamp):
        return timestamp


class FakePlayer:
    """A player judged by the model's own rule and marks, who learns at once whatever it is shown (keeps: what its
    learning answers); game.player.Player itself is tested in tests/test_player.py."""
    name = "Tester"

    def __init__(self, keeps=True):
        self.judging = (JudgeRule(), FormScorer())
        self.keeps, self.learnt_moves, self.idle = keeps, [], 0

    def learn(self, move, skeletons, times, kept=None):
        self.learnt_moves.append(move)
        if kept is not None:
            kept(self.keeps)

    def learn_idle(self, skeletons, times):
        self.idle += 1

    learning = False

    def wait(self):
        pass

    def save(self):
        pass

    def taught_moves(self):
        return set(self.learnt_moves) if self.keeps else set()

    def learnt(self, move):
        return [], (0.9, 0.9)


class Silent:
    def play(self, name):
        pass


def feed(tracker, scene, rows, labels, skeletons=None):
    """Each row of class probabilities as one scored frame, FRAME_S apart, the scene updated after each;
    skeletons: the player's skeleton (15, 3) in each frame (None: none scored)."""
    for index, row in enumerate(rows):
        tracker.time_s += FRAME_S
        skeleton = None if skeletons is None else skeletons[index]
        tracker.pending = [Scores(tracker.time_s, None, row, True, None, 0.0, 0.0, labels, skeleton)]
        scene.update(FRAME_S)
