"""The recognizer's prompt judge fed with every frame the tracker scored, for the scenes that prompt moves, and what
the player did while a prompt was open, for coaching after a miss and for learning the player's moves."""

import numpy as np

from recognizer.runtime.coaching import Bar, coach
from recognizer.runtime.judge import PromptJudge
from recognizer.runtime.labels import BACKGROUND
from recognizer.runtime.skeleton import N_JOINTS

# Another move whose smoothed probability reached this while a prompt was open is the move the recognizer saw
# instead: below it the recognizer was not sure enough to tell the player they did something else.
SEEN_AT = 0.5
NO_PERSON = np.full((N_JOINTS, 3), np.nan, np.float32)


class TrackerJudge:
    """recognizer.runtime.judge.PromptJudge (the very judge prompted-play evaluation measures) over the tracker's
    scored frames, with the rule and marks of `player` (game.player.Player: the model's own, or the player's once
    calibrated), taken afresh at each prompt. It is made on the first frame with class probabilities, and made
    again when the classes change (a player's refitted head with custom moves), keeping the prompt that is open.

    While a prompt is open it keeps the player's skeletons and the strongest smoothed probability of each class,
    so that advice() can say what went wrong after the prompt closed without a HIT, and capture() can hand a HIT's
    move over for the game to learn."""

    def __init__(self, player=None):
        self.player = player
        self.judge = None
        self.move = self.previous = None
        self._times, self._skeletons, self._strongest = [], [], {}

    def _judging(self):
        return self.player.judging if self.player is not None else (None, None)

    def open(self, move, previous=None):
        """Judge `move` from the next scored frame on; previous: the move prompted before it."""
        self.move, self.previous = move, previous
        self._times, self._skeletons, self._strongest = [], [], {}
        if self.judge is not None:
            self.judge.retune(*self._judging())
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
                rule, scorer = self._judging()
                self.judge = PromptJudge(scores.labels, *(() if rule is None else (rule, scorer)))
                if self.move is not None:
                    self.judge.open(self.move, self.previous)
            if self.move is not None:
                self._keep(scores)
            if self.judge is None:
                continue
            found = self.judge.update(scores.timestamp, scores.probabilities, scores.visible, scores.event,
                                      skeleton=scores.skeleton)
            if found is not None:
                self.move, verdict = None, found
            elif self.move is not None and self.judge.smoothed is not None:
                for label, probability in zip(self.judge.labels, self.judge.smoothed):
                    self._strongest[label] = max(self._strongest.get(label, 0.0), float(probability))
        return verdict

    def _keep(self, scores):
        skeleton = scores.skeleton if scores.visible and scores.skeleton is not None else NO_PERSON
        self._times.append(scores.timestamp)
        self._skeletons.append(skeleton)

    def seen_instead(self, move):
        """The other move the recognizer was surest of while `move` was prompted, if sure enough, else None."""
        others = {label: p for label, p in self._strongest.items() if label not in (move, BACKGROUND)}
        label = max(others, key=others.get, default=None)
        return label if label is not None and others[label] >= SEEN_AT else None

    def capture(self):
        """(skeletons (T, 15, 3), NaN rows where no body was seen, times (T,)) of the last prompt's frames."""
        skeletons = np.stack(self._skeletons) if self._skeletons else np.empty((0, N_JOINTS, 3), np.float32)
        return skeletons, np.asarray(self._times, float)

    def advice(self, move):
        """The coaching (recognizer.runtime.coaching.Advice) for a prompt of `move` that closed without a HIT, the
        move held to what the judge held it to."""
        rule, scorer = self._judging()
        bar = Bar() if rule is None else Bar.of_judge(rule, scorer, move)
        return coach(move, *self.capture(), seen=self.seen_instead(move), bar=bar)
