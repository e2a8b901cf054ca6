"""The recognizer's prompt judge fed with every frame the tracker scored, for the scenes that prompt moves."""

from recognizer.runtime.judge import PromptJudge


class TrackerJudge:
    """recognizer.runtime.judge.PromptJudge (the very judge prompted-play evaluation measures) over the tracker's
    scored frames. It is made on the first frame with class probabilities, and made again when the classes
    change (a player's refitted head with custom moves), keeping the prompt that is open."""

    def __init__(self):
        self.judge = None
        self.move = self.previous = None

    def open(self, move, previous=None):
        """Judge `move` from the next scored frame on; previous: the move prompted before it."""
        self.move, self.previous = move, previous
        if self.judge is not None:
            self.judge.open(move, previous)

    def close(self):
        self.move = None
        if self.judge is not None:
            self.judge.close()

    def feed(self, scored):
        """Every Scores the tracker handed over since the last call, oldest first; the verdict on the open
        prompt (a recognizer.runtime.judge.Verdict), or None. Every frame is fed, those after a verdict too (the
        judge's smoothing must see the whole stream)."""
        verdict = None
        for scores in scored:
            if scores.labels is not None and (self.judge is None or self.judge.labels != scores.labels):
                self.judge = PromptJudge(scores.labels)
                if self.move is not None:
                    self.judge.open(self.move, self.previous)
            if self.judge is None:
                continue
            found = self.judge.update(scores.timestamp, scores.probabilities, scores.visible, scores.event)
            if found is not None:
                self.move, verdict = None, found
        return verdict
