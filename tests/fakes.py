"""Stand-ins for the game's tracker and sounds, for testing scenes on scripted probabilities."""

from recognizer.runtime.live import Scores

FRAME_S = 1 / 30


class ScriptedTracker:
    """Hands the scene the scored frames a test puts in `pending`, and keeps the moves it was told to prompt."""
    state = "running"

    def __init__(self):
        self.pending, self.time_s, self.prompts = [], 0.0, []

    def take_scores(self):
        scored, self.pending = self.pending, []
        return scored

    def view(self):
        return None

    def prompt(self, move, now, time_limit_s):
        self.prompts.append(move)


class Silent:
    def play(self, name):
        pass


def feed(tracker, scene, rows, labels):
    """Each row of class probabilities as one scored frame, FRAME_S apart, the scene updated after each."""
    for row in rows:
        tracker.time_s += FRAME_S
        tracker.pending = [Scores(tracker.time_s, None, row, True, None, 0.0, 0.0, labels)]
        scene.update(FRAME_S)
