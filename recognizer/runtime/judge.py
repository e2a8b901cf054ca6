"""The prompt judge: HIT, WRONG or MISS for the move a game asked for, from the stream up to this frame.

One object fed every scored frame, as the decoder is, so that the play scene and prompted-play evaluation
(../shared/EVALUATION.md) run the very same code. It knows what was prompted, which a decoder does not: the
prompted move is accepted at a lower confidence than an unprompted move needs to be called WRONG, so a
doubtful moment costs the player a MISS at worst, never an undeserved WRONG.

Two kinds of evidence make a HIT: the model's smoothed probability of the prompted move reaching hit_on, or the
move's form measured on the player's own skeleton since the prompt opened (recognizer.runtime.form) reaching form_on
while the model gives the move at least `support` and no other move more than `against`. The model and the body miss
in different places (a webcam's compressed depth, a child's low kick, a move the training people did otherwise).
"""

import hashlib
import json
import math
from collections import deque
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from recognizer.errors import ModelError, SettingsError
from recognizer.runtime.form import MEASURES, FormScorer, family, measure
from recognizer.runtime.labels import BACKGROUND
from recognizer.runtime.skeleton import N_JOINTS
from recognizer.runtime.smoothing import ExponentialSmoother

HIT, WRONG, MISS = "HIT", "WRONG", "MISS"
# Early in a prompt, an event of the previous prompt's move is that move still going (a wave held on, a late
# punch), not an answer to the new prompt (the first-event judge only; the prompt judge re-arms instead).
CARRY_OVER_S = 1.0
# The form of a move is measured on the frames of the last FORM_WINDOW_S of the prompt: long enough for three
# swings of a slow wave, short enough that measuring every frame stays cheap (a 90-frame window at 30 fps).
FORM_WINDOW_S = 3.0
NO_PERSON = np.full((N_JOINTS, 3), np.nan, np.float32)


@dataclass(frozen=True)
class Verdict:
    verdict: str  # HIT or WRONG (MISS is the prompt closing without a verdict)
    label: str  # the move judged done
    time_s: float
    frame: int
    by: str = "model"  # what made a HIT: "model" (its probability) or "form" (the body's measures, with the model)


@dataclass(frozen=True)
class JudgeSettings:
    """hit_on: smoothed probability of the prompted move that makes a HIT. wrong_on: smoothed probability of
    another move that makes a WRONG (1.0: never). rearm: the previous prompt's move counts only once
    its probability has been below this since the prompt opened, so its tail is no answer.
    smoothing_s: time constant of the exponential smoothing (frame-rate independent).
    form_on: the move's form score (1: at every pass mark) that makes a HIT with the model's support (inf: never);
    support: the least smoothed probability of the prompted move that form needs; against: the most smoothed
    probability any other move may have for form to count; veto: the least form score the model's HIT needs (0: the
    model alone decides), so that a body that plainly did not do the move (both feet off the floor in turn when the
    model saw a kick in a side view of someone running) is no HIT.

    The defaults are the choice on all eight actors (`tune-judge`, README: "Judging prompts") on the shipped
    configuration's leave-one-actor-out G3D probabilities: the highest hit rate with at most 2 % WRONG and 3 %
    false verdicts on idle prompts. It calls no WRONG: any wrong_on that lets WRONG happen costs more false
    verdicts on idle prompts than the budget allows.
    """
    hit_on: float = 0.9
    wrong_on: float = 1.0
    rearm: float = 0.3
    smoothing_s: float = 0.15
    form_on: float = math.inf
    support: float = 0.0
    against: float = 1.0
    veto: float = 0.0

    def __post_init__(self):
        checks = {"hit_on": 0 < self.hit_on <= 1, "wrong_on": 0 < self.wrong_on <= 1,
                  "rearm": 0 <= self.rearm <= 1, "smoothing_s": self.smoothing_s > 0, "form_on": self.form_on > 0,
                  "support": 0 <= self.support <= 1, "against": 0 <= self.against <= 1, "veto": self.veto >= 0}
        ranges = {"hit_on": "in (0, 1]", "wrong_on": "in (0, 1]", "rearm": "in [0, 1]", "smoothing_s": "above 0",
                  "form_on": "above 0 (inf: never)", "support": "in [0, 1]", "against": "in [0, 1]",
                  "veto": "0 or more"}
        for name, ok in checks.items():
            if not ok:
                raise SettingsError(f"judge setting {name} must be {ranges[name]}, not {getattr(self, name)}")

    @property
    def uses_form(self):
        """Whether the body's evidence plays any part: to make a HIT or to veto one."""
        return math.isfinite(self.form_on) or self.veto > 0


@dataclass(frozen=True)
class JudgeRule:
    """The judge's settings for each family of moves (recognizer.runtime.form.family: punch, kick, clap, wave,
    flap), chosen apart because the body's measures tell some moves from other motion better than others (a kick's
    foot rising while the other stays down, against a punch's arm out, which throwing, pointing and catching share);
    `default` for a family not named and for moves without one (a player's own); a move may be named too (a player's
    calibrated left punch), before its family. One smoothing and one rearm for all: the judge smooths the stream
    once."""
    default: JudgeSettings = JudgeSettings()
    families: tuple = ()  # ((family or move, JudgeSettings), ...)

    def __post_init__(self):
        for name, settings in self.families:
            if (settings.smoothing_s, settings.rearm) != (self.default.smoothing_s, self.default.rearm):
                raise SettingsError(f"judge rule for {name}: smoothing_s and rearm must be the default's "
                                    f"({self.default.smoothing_s}, {self.default.rearm})")

    def for_move(self, move):
        named = dict(self.families)
        return named.get(move, named.get(family(move), self.default))

    def with_settings(self, name, settings):
        """This rule with a family's or a move's settings replaced."""
        return JudgeRule(self.default, tuple((n, s) for n, s in self.families if n != name) + ((name, settings),))

    def to_json(self):
        """A dict of plain JSON: form_on inf (never) is written null."""
        def plain(settings):
            return asdict(settings) | {"form_on": settings.form_on if math.isfinite(settings.form_on) else None}
        return {"default": plain(self.default)} | {name: plain(settings) for name, settings in self.families}

    @classmethod
    def from_json(cls, data):
        """The rule of to_json's dict; SettingsError naming what is wrong (TypeError, KeyError from a bad file)."""
        def settings(values):
            return JudgeSettings(**values | {"form_on": math.inf if values.get("form_on") is None
                                             else values["form_on"]})
        return cls(settings(data["default"]), tuple((name, settings(values)) for name, values in data.items()
                                                    if name != "default"))


def as_rule(settings):
    """A JudgeRule of JudgeSettings (the same for every move), or the rule itself."""
    return settings if isinstance(settings, JudgeRule) else JudgeRule(settings)


JUDGE_FILE = "judge.json"


def load_judge(directory):
    """(JudgeRule, FormScorer) kept with a model (judge.json: the rule chosen on held-out people and the body's pass
    marks fitted on its training moves); the model's probability alone and coaching's marks for a model without one."""
    path = Path(directory) / JUDGE_FILE
    if not path.is_file():
        return JudgeRule(), FormScorer()
    try:
        manifest = json.loads((Path(directory) / "manifest.json").read_text())
    except (OSError, ValueError):
        manifest = {}
    expected = manifest.get(JUDGE_FILE) if isinstance(manifest, dict) else None
    if expected is not None and hashlib.sha256(path.read_bytes()).hexdigest() != expected:
        raise ModelError(f"{path}: corrupt model file (sha256 does not match manifest.json)")
    try:
        data = json.loads(path.read_text())
        if data.get("format") != "move-match-judge":
            raise ValueError(f"format {data.get('format')!r}, expected move-match-judge")
        rule = JudgeRule.from_json(data["rule"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, SettingsError) as error:
        raise ModelError(f"{path}: corrupt ({error})") from None
    return rule, FormScorer.from_json({"format": "move-match-form", "marks": data.get("marks")}, path)


def save_judge(directory, rule, scorer, chosen_on):
    """Write judge.json beside a model: the rule, the marks, and what the rule was chosen on (words)."""
    path = Path(directory) / JUDGE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "move-match-judge", "rule": rule.to_json(), "marks": scorer.marks_,
                                "chosen_on": chosen_on}, indent=2) + "\n")
    return path


def form_hit(settings, support, against, form):
    """Whether the body's evidence makes a HIT (scalars, or arrays element by element): the prompted move's form
    score at form_on, its smoothed probability at support, no other move's above against."""
    return (form >= settings.form_on) & (support >= settings.support) & (against <= settings.against)


def decide(settings, thresholds, support, against, form):
    """(model HIT, form HIT) per frame, for one frame or many: support (..., k) the asked moves' smoothed
    probabilities (0 while not re-armed), thresholds (k,) their hit_on, against (...) the highest smoothed probability
    of another move, form (..., k) the asked moves' form scores (for a move without measures, veto's value: a
    player's own move is the model's to judge). The live judge and evaluation's replay of many settings over
    recorded evidence both decide here."""
    best_form = form.max(axis=-1)
    by_model = (support >= thresholds).any(axis=-1) & (best_form >= settings.veto)
    by_form = math.isfinite(settings.form_on) & form_hit(settings, support.max(axis=-1), against, best_form)
    return by_model, by_form


@dataclass(frozen=True)
class Evidence:
    """What the model shows about the open prompt at one frame: the asked moves' smoothed probabilities (0 while not
    re-armed, (k,)), the highest smoothed probability of any other move, and the other re-armed move most likely with
    its smoothed probability (for WRONG). The body's evidence is measured apart (form_measures), only when needed."""
    support: np.ndarray
    against: float
    wrong_label: str | None
    wrong: float


class PromptJudge:
    """Judges one prompt at a time from the class probabilities and, for the body's evidence, the skeletons.

    labels: the classifier's class names, in its column order. update() is called on every scored frame,
    prompt open or not (the smoothing needs the stream); open() starts judging a prompted move. rule: a JudgeRule, or
    JudgeSettings for every move. form: the FormScorer whose marks the player's form is held to (a player's own, once
    calibrated); hit_on: {move: hit_on} for moves whose probability threshold was calibrated to the player.
    """

    def __init__(self, labels, rule=JudgeSettings(), form=None, hit_on=None):
        self.labels = [str(label) for label in labels]
        self.rule = as_rule(rule)
        self.settings = self.rule.default
        self.form = form or FormScorer()
        self.hit_on = dict(hit_on or {})
        self._moves = np.array([label != BACKGROUND for label in self.labels])
        self._smoother = ExponentialSmoother(self.settings.smoothing_s)
        self.move = None
        self._armed = np.ones(len(self.labels), bool)
        self._window = deque()  # (time, skeleton) of the prompt's frames the form is measured on

    def retune(self, rule=None, form=None):
        """Judge the next prompts by another rule and marks (a player's, as the game learns them), the stream's
        smoothing kept; None keeps what there is."""
        rule = self.rule if rule is None else as_rule(rule)
        if (rule.default.smoothing_s, rule.default.rearm) != (self.rule.default.smoothing_s, self.rule.default.rearm):
            raise SettingsError("a judge's new rule must smooth and rearm as its first did")
        self.rule, self.form = rule, form or self.form

    def open(self, move, previous=None):
        """Judge `move` from the next frame on; a tuple of moves prompts for any one of them (evaluation's "either
        punch" clips). previous: the last prompt's move, which counts only once its probability has fallen below
        rearm (its tail, or the same move prompted again, is no answer yet)."""
        self.move = move
        self.asked = move if isinstance(move, tuple) else (move,)
        self.settings = self.rule.for_move(self.asked[0])
        self._columns = [self.labels.index(label) if label in self.labels else None for label in self.asked]
        self._others = self._moves & ~np.isin(self.labels, self.asked)
        self._armed = np.array([label != previous for label in self.labels])
        self.thresholds = np.array([self.rule.for_move(label).hit_on for label in self.asked])
        self._window.clear()

    def close(self):
        """Stop judging: the prompt timed out (MISS) or was judged."""
        self.move = None

    @property
    def smoothed(self):
        """The smoothed class probabilities now (None before a frame in view)."""
        return self._smoother.value

    def update(self, time_s, probabilities, visible=True, event=None, frame=-1, skeleton=None):
        """Feed one frame (skeleton: the canonical skeleton scored, for the body's evidence); returns the Verdict
        it brings to the open prompt, or None."""
        found = self.evidence(time_s, probabilities, visible, skeleton)
        if found is None:
            return None
        if self.settings.wrong_on < 1.0 and found.wrong >= self.settings.wrong_on:
            return self._verdict(WRONG, found.wrong_label, time_s, frame)
        model_sure = (found.support >= self.thresholds).any()
        form_may = math.isfinite(self.settings.form_on) and form_hit(self.settings, found.support.max(),
                                                                      found.against, np.inf)
        if not (model_sure or form_may):
            return None  # measuring the body is the costly part: only when it could decide
        scores = self.form_scores() if self.settings.uses_form else np.full(len(self.asked), np.inf)
        by_model, by_form = decide(self.settings, self.thresholds, found.support, found.against, scores)
        if by_model:
            hits = np.where(found.support >= self.thresholds, found.support, -1)
            return self._verdict(HIT, self.asked[int(np.argmax(hits))], time_s, frame)
        if by_form:
            return self._verdict(HIT, self.asked[int(np.argmax(scores))], time_s, frame, by="form")
        return None

    def evidence(self, time_s, probabilities, visible=True, skeleton=None):
        """Feed one frame as update() does, without judging: its Evidence for the open prompt, or None (no prompt
        open, or no body in view)."""
        if self.move is not None:
            self._keep(time_s, skeleton if visible and probabilities is not None else None)
        if not visible or probabilities is None:
            self._smoother.reset()  # nothing is judged on a body half out of view
            return None
        smoothed = self._smoother.update(time_s, probabilities)
        if self.move is None:
            return None
        self._armed |= smoothed < self.settings.rearm
        support = np.array([smoothed[c] if c is not None and self._armed[c] else 0.0 for c in self._columns])
        if not any(c is not None and self._armed[c] for c in self._columns):
            self._window.clear()  # the same move again, the last one still under way: its form is no answer
        ready = self._others & self._armed
        wrong = int(np.argmax(np.where(ready, smoothed, -1)))
        return Evidence(support, float(smoothed[self._others].max(initial=0.0)),
                        self.labels[wrong] if ready.any() else None, float(smoothed[wrong]) if ready.any() else 0.0)

    def _keep(self, time_s, skeleton):
        self._window.append((time_s, NO_PERSON if skeleton is None else np.asarray(skeleton, np.float32)))
        while self._window and self._window[0][0] < time_s - FORM_WINDOW_S:
            self._window.popleft()

    def form_measures(self):
        """[(m,) raw measures of each asked move] (recognizer.runtime.form.measure) on the prompt's frames so far,
        its last FORM_WINDOW_S (None for a move without measures; NaN while too little body was seen)."""
        if not self._window:
            return [None if family(move) is None else np.full(len(MEASURES[family(move)]), np.nan)
                    for move in self.asked]
        times = np.array([t for t, _ in self._window])
        skeletons = np.stack([s for _, s in self._window])
        return [measure(move, skeletons, times) for move in self.asked]

    def form_scores(self):
        """(k,) the asked moves' form scores on the prompt's frames so far (veto's value for a move without
        measures, which the body can neither make a HIT nor veto)."""
        return np.array([self.settings.veto if raw is None else float(self.form.scores(move, raw))
                         for move, raw in zip(self.asked, self.form_measures())])

    def _verdict(self, verdict, label, time_s, frame, by="model"):
        self.close()
        return Verdict(verdict, label, float(time_s), int(frame), by)


class FirstEventJudge:
    """The game's first judge, kept to measure against: the decoder's first event in a prompt decides (its
    move: HIT, another: WRONG), except an event of the previous prompt's move within CARRY_OVER_S of opening."""

    def __init__(self):
        self.move = None

    def open(self, move, previous=None):
        self.move, self._previous, self._opened_at = move, previous, None

    def close(self):
        self.move = None

    def update(self, time_s, probabilities, visible=True, event=None, frame=-1, skeleton=None):
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
        verdict = Verdict(HIT if event.label in prompted else WRONG, event.label, float(time_s), int(frame), "decoder")
        self.close()
        return verdict
