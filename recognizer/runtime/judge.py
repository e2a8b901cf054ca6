"""The prompt judge: HIT, WRONG or MISS for the move a game asked for, from the stream up to this frame.

One object fed every scored frame, as the decoder is, so that the play scene and prompted-play evaluation
(../shared/EVALUATION.md) run the very same code. It knows what was prompted, which a decoder does not: the
prompted move is accepted at a lower confidence than an unprompted move needs to be called WRONG, so a
doubtful moment costs the player a MISS at worst, never an undeserved WRONG.
"""

from dataclasses import dataclass

import numpy as np

from recognizer.errors import SettingsError
from recognizer.runtime.labels import BACKGROUND
from recognizer.runtime.smoothing import ExponentialSmoother

HIT, WRONG, MISS = "HIT", "WRONG", "MISS"
# Early in a prompt, an event of the previous prompt's move is that move still going (a wave held on, a late
# punch), not an answer to the new prompt (the first-event judge only; the prompt judge re-arms instead).
CARRY_OVER_S = 1.0


@dataclass(frozen=True)
class Verdict:
    verdict: str  # HIT or WRONG (MISS is the prompt closing without a verdict)
    label: str  # the move judged done
    time_s: float
    frame: int


@dataclass(frozen=True)
class JudgeSettings:
    """hit_on: smoothed probability of the prompted move that makes a HIT. wrong_on: smoothed probability of
    another move that makes a WRONG (1.0: never). rearm: the previous prompt's move counts only once
    its probability has been below this since the prompt opened, so its tail is no answer.
    smoothing_s: time constant of the exponential smoothing (frame-rate independent).

    The defaults are the choice on all eight actors (`tune-judge`, README: "Judging prompts") on the shipped
    configuration's leave-one-actor-out G3D probabilities: the highest hit rate with at most 2 % WRONG and 3 %
    false verdicts on idle prompts. It calls no WRONG: any wrong_on that lets WRONG happen costs more false
    verdicts on idle prompts than the budget allows.
    """
    hit_on: float = 0.9
    wrong_on: float = 1.0
    rearm: float = 0.3
    smoothing_s: float = 0.15

    def __post_init__(self):
        checks = {"hit_on": 0 < self.hit_on <= 1, "wrong_on": 0 < self.wrong_on <= 1,
                  "rearm": 0 <= self.rearm <= 1, "smoothing_s": self.smoothing_s > 0}
        ranges = {"hit_on": "in (0, 1]", "wrong_on": "in (0, 1]", "rearm": "in [0, 1]", "smoothing_s": "above 0"}
        for name, ok in checks.items():
            if not ok:
                raise SettingsError(f"judge setting {name} must be {ranges[name]}, not {getattr(self, name)}")


class PromptJudge:
    """Judges one prompt at a time from the class probabilities.

    labels: the classifier's class names, in its column order. update() is called on every scored frame,
    prompt open or not (the smoothing needs the stream); open() starts judging a prompted move.
    """

    def __init__(self, labels, settings=JudgeSettings()):
        self.labels = [str(label) for label in labels]
        self.settings = settings
        self._moves = np.array([label != BACKGROUND for label in self.labels])
        self._smoother = ExponentialSmoother(settings.smoothing_s)
        self.move = None
        self._prompted = np.zeros(len(self.labels), bool)  # the prompted move's column (none: not a class)
        self._armed = np.ones(len(self.labels), bool)

    def open(self, move, previous=None):
        """Judge `move` from the next frame on; a tuple of moves prompts for any one of them (evaluation's "either
        punch" clips). previous: the last prompt's move, which counts only once its probability has fallen below
        rearm (its tail, or the same move prompted again, is no answer yet)."""
        self.move = move
        moves = set(move) if isinstance(move, tuple) else {move}
        self._prompted = np.array([label in moves for label in self.labels])
        self._armed = np.array([label != previous for label in self.labels])

    def close(self):
        """Stop judging: the prompt timed out (MISS) or was judged."""
        self.move = None

    @property
    def smoothed(self):
        """The smoothed class probabilities now (None before a frame in view)."""
        return self._smoother.value

    def update(self, time_s, probabilities, visible=True, event=None, frame=-1):
        """Feed one frame; returns the Verdict it brings to the open prompt, or None."""
        if not visible or probabilities is None:
            self._smoother.reset()  # nothing is judged on a body half out of view
            return None
        smoothed = self._smoother.update(time_s, probabilities)
        if self.move is None:
            return None
        self._armed |= smoothed < self.settings.rearm
        ready = self._moves & self._armed
        others = ready & ~self._prompted
        if self.settings.wrong_on < 1.0 and others.any() and smoothed[others].max() >= self.settings.wrong_on:
            return self._verdict(WRONG, self.labels[int(np.argmax(np.where(others, smoothed, -1)))], time_s, frame)
        hits = ready & self._prompted & (smoothed >= self.settings.hit_on)
        if hits.any():
            return self._verdict(HIT, self.labels[int(np.argmax(np.where(hits, smoothed, -1)))], time_s, frame)
        return None

    def _verdict(self, verdict, label, time_s, frame):
        self.close()
        return Verdict(verdict, label, float(time_s), int(frame))


class FirstEventJudge:
    """The game's first judge, kept to measure against: the decoder's first event in a prompt decides (its
    move: HIT, another: WRONG), except an event of the previous prompt's move within CARRY_OVER_S of opening."""

    def __init__(self):
        self.move = None

    def open(self, move, previous=None):
        self.move, self._previous, self._opened_at = move, previous, None

    def close(self):
        self.move = None

    def update(self, time_s, probabilities, visible=True, event=None, frame=-1):
        if self.move is None:
            return None
        if self._opened_at is None:
            self._opened_at = time_s
        if event is None:
            return None
        carried_over = event.label == self._previous != self.move and time_s - self._opened_at < CARRY_OVER_S
        if carried_over:
            return None
        prompted = self.move if isinstance(self.move, tuple) else (self.move,)
        verdict = Verdict(HIT if event.label in prompted else WRONG, event.label, float(time_s), int(frame))
        self.close()
        return verdict
