"""What the practice round learns of one player, for the judge: their own pass marks for each move's form and their
own threshold for the model's probability of each move, from a capture or two of each move and the player's idle
time between them.

A child's kick that lifts the foot 0.2 leg lengths, a webcam's short forward reach, a hand wave that the model gives
0.3: held to everyone's marks these are misses, held to the player's own they are the moves this player makes. A
capture moves a mark toward the player's own value (never below `floor` of it), unless the player's idle time would
then pass for the move; teaching one side of a move teaches its mirror image. Calibration follows scikit-learn's
estimator style: fit(captures, idle) learns, then judge() gives the rule and marks a PromptJudge takes.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from recognizer.runtime import form
from recognizer.runtime.judge import as_rule
from recognizer.runtime.labels import ACTIONS, mirrored
from recognizer.runtime.smoothing import ExponentialSmoother


@dataclass
class Capture:
    """One performance of a move (move None: the player's idle time): the skeletons (T, 15, 3; NaN rows where no
    body was seen) at times (T,), and the model's class probabilities (T, C) of `labels` at each frame (None: only
    the form is learnt)."""
    move: str | None
    skeletons: np.ndarray
    times: np.ndarray
    probabilities: np.ndarray | None = None
    labels: list = field(default_factory=list)


def peak_probabilities(capture, smoothing_s):
    """{label: the highest smoothed probability in the capture} (the judge's smoothing over its frames)."""
    if capture.probabilities is None or not len(capture.times):
        return {}
    smoother = ExponentialSmoother(smoothing_s)
    peak = np.zeros(len(capture.labels))
    for time_s, row in zip(capture.times, capture.probabilities):
        if np.all(np.isfinite(row)):
            peak = np.maximum(peak, smoother.update(time_s, row))
    return dict(zip(capture.labels, peak.tolist()))


def family_moves(name):
    """The moves of a form family (both sides of a punch or kick)."""
    return [move for move in ACTIONS if form.family(move) == name]


class Calibration:
    """One player's marks and thresholds, learnt from Captures.

    form_share, form_floor: FormScorer.for_player's. probability_share: a move's hit_on moves down to this share of
    the player's own peak smoothed probability (the median over their captures of it), and its support to
    support_share of it, never below probability_floor of the rule's. idle_margin: the player's idle time must stay
    this far below a calibrated threshold (its form score below 1 / idle_margin, its probability below hit_on /
    idle_margin), else the move keeps the rule's.
    """

    def __init__(self, form_share=0.8, form_floor=0.5, probability_share=0.8, support_share=0.5,
                 probability_floor=0.3, idle_margin=1.1):
        self.form_share = form_share
        self.form_floor = form_floor
        self.probability_share = probability_share
        self.support_share = support_share
        self.probability_floor = probability_floor
        self.idle_margin = idle_margin

    def fit(self, captures, idle=(), smoothing_s=0.15):
        """captures: Captures of moves; idle: Captures of the player's idle time."""
        self.raws_, self.peaks_, self.idle_peaks_, self.idle_raws_ = {}, {}, {}, {}
        for capture in captures:
            raw = form.measure(capture.move, capture.skeletons, capture.times)
            name = form.family(capture.move)
            if raw is not None and not np.isnan(raw).any():
                self.raws_.setdefault(name, []).append(dict(zip(form.MEASURES[name], raw.tolist())))
            peak = peak_probabilities(capture, smoothing_s).get(capture.move)
            if peak is not None:
                self.peaks_.setdefault(capture.move, []).append(peak)
        for move, peaks in list(self.peaks_.items()):
            self.peaks_.setdefault(mirrored(move), peaks)  # one side teaches the other
        for capture in idle:
            for move in ACTIONS:
                raw = form.measure(move, capture.skeletons, capture.times)
                if raw is not None and not np.isnan(raw).any():
                    self.idle_raws_.setdefault(move, []).append(raw)
            for label, peak in peak_probabilities(capture, smoothing_s).items():
                self.idle_peaks_[label] = max(self.idle_peaks_.get(label, 0.0), peak)
        return self

    def judge(self, rule, scorer):
        """(JudgeRule, FormScorer): the rule with each captured move's thresholds this player's, and the scorer with
        this player's marks for each captured family whose idle time does not then pass for it."""
        rule = as_rule(rule)
        own = scorer.for_player(self.raws_, self.form_share, self.form_floor)
        marks = {name: dict(values) for name, values in scorer.marks_.items()}
        for name in self.raws_:
            idle = [own.scores(move, np.array(self.idle_raws_.get(move, [])).reshape(-1, len(form.MEASURES[name])))
                    for move in family_moves(name)]
            if max((float(scores.max()) for scores in idle if len(scores)), default=0.0) < 1 / self.idle_margin:
                marks[name] = own.marks_[name]
        for move, peaks in self.peaks_.items():
            settings = rule.for_move(move)
            idle = self.idle_margin * self.idle_peaks_.get(move, 0.0)
            peak = float(np.median(peaks))
            hit_on = max(self.probability_share * peak, self.probability_floor * settings.hit_on, idle)
            support = max(self.support_share * peak, self.probability_floor * settings.support, idle)
            rule = rule.with_settings(move, replace(settings, hit_on=min(hit_on, settings.hit_on),
                                                    support=min(support, settings.support)))
        return rule, form.FormScorer(marks, scorer.quantile, scorer.share)


def calibrated(rule, scorer, captures, idle=(), calibration=None):
    """(JudgeRule, FormScorer) adapted to a player by `calibration` (default Calibration()) fitted on their
    captures and idle time; the rule and scorer as they are without a capture."""
    rule = as_rule(rule)
    if not captures:
        return rule, scorer
    return (calibration or Calibration()).fit(captures, idle, rule.default.smoothing_s).judge(rule, scorer)
