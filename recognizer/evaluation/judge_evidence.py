"""The prompt judge's evidence recorded once per prompt, then decided under many settings at once.

Choosing the judge's rule (nested, per held-out set) scores hundreds of settings on thousands of prompts; replaying
each frame through a PromptJudge for each setting would take hours. What a frame shows does not depend on the
thresholds, so each prompt is replayed once through the game's own PromptJudge (its evidence(): the asked moves'
smoothed probabilities, the other moves', and the body's raw form measures), and recognizer.runtime.judge.decide
rules on the recorded arrays for every setting and every player's marks. tests/test_judge_evidence.py checks that
this gives the very verdicts of the judge fed frame by frame (prompted_play.play).
"""

from dataclasses import dataclass, field

import numpy as np

from recognizer.evaluation import prompted_play
from recognizer.runtime.form import MEASURES, FormScorer, family
from recognizer.runtime.judge import HIT, MISS, WRONG, JudgeSettings, PromptJudge, Verdict, as_rule, decide


@dataclass
class PromptEvidence:
    """One prompt's evidence at each frame it was open with a body in view."""
    stream: object  # the EvalStream
    prompt: prompted_play.Prompt
    asked: tuple
    frames: np.ndarray  # (n,)
    support: np.ndarray  # (n, k)
    against: np.ndarray  # (n,)
    wrong: np.ndarray  # (n,)
    wrong_labels: list  # (n,) the other move most likely at each frame
    form: list = field(default_factory=list)  # per asked move: (n, m) raw measures, or None (no measures)


def record(stream, probabilities, labels, prompt, previous=None, settings=JudgeSettings()):
    """The PromptEvidence of one prompt of an EvalStream: a PromptJudge (smoothing and rearm of `settings`, the same
    for every rule it is decided under) fed the stream from its first frame, as the game feeds it, the prompt opened
    at its frame with the previous prompt's move."""
    judge = PromptJudge(labels, settings)
    visible, skeletons = stream.in_view(), stream.scored_skeletons()
    asked = prompt.label if isinstance(prompt.label, tuple) else (prompt.label,)
    frames, support, against, wrong, wrong_labels = [], [], [], [], []
    form = [[] for _ in asked]
    for frame in range(min(prompt.close_frame, len(probabilities))):
        if frame == prompt.open_frame:
            judge.open(prompt.label, previous)
        found = judge.evidence(float(stream.times[frame]), probabilities[frame], bool(visible[frame]),
                               skeletons[frame])
        if found is None:
            continue
        frames.append(frame)
        support.append(found.support)
        against.append(found.against)
        wrong.append(found.wrong)
        wrong_labels.append(found.wrong_label)
        for kept, raw in zip(form, judge.form_measures()):
            kept.append(raw)
    k = len(asked)
    return PromptEvidence(stream, prompt, asked, np.array(frames, int), np.array(support).reshape(-1, k),
                          np.array(against, float), np.array(wrong, float), wrong_labels,
                          [None if family(move) is None else np.array(raw).reshape(-1, len(MEASURES[family(move)]))
                           for move, raw in zip(asked, form)])


def record_stream(stream, probabilities, labels, queue, settings=JudgeSettings()):
    """[PromptEvidence] of a queue of prompts judged one after another (each opened with the one before's move)."""
    found, previous = [], None
    for prompt in queue:
        found.append(record(stream, probabilities, labels, prompt, previous, settings))
        previous = prompt.label
    return found


def form_scores(evidence, form=None):
    """(n, k) the asked moves' form scores at each recorded frame, the body held to `form`'s marks (a FormScorer;
    default coaching's); NaN for a move without measures (veto's value stands in when deciding)."""
    form = form or FormScorer()
    scores = np.full((len(evidence.frames), len(evidence.asked)), np.nan)
    for column, (move, raw) in enumerate(zip(evidence.asked, evidence.form)):
        if raw is not None:
            scores[:, column] = form.scores(move, raw)
    return scores


def verdict(evidence, rule, form=None, scores=None):
    """The report row prompted_play.play gives this prompt under `rule` (a JudgeRule, or JudgeSettings for every
    move), decided on its recorded evidence; form: the FormScorer whose marks the body is held to (or scores: its
    form_scores, computed once for many rules)."""
    rule = as_rule(rule)
    settings = rule.for_move(evidence.asked[0])
    thresholds = np.array([rule.for_move(move).hit_on for move in evidence.asked])
    if not settings.uses_form:
        scores = np.full((len(evidence.frames), len(evidence.asked)), np.inf)
    else:
        scores = form_scores(evidence, form) if scores is None else scores
        scores = np.where(np.isnan(scores), settings.veto, scores)
    by_model, by_form = decide(settings, thresholds, evidence.support, evidence.against, scores)
    by_wrong = evidence.wrong >= settings.wrong_on if settings.wrong_on < 1.0 else np.zeros(len(by_model), bool)
    judged = np.flatnonzero(by_wrong | by_model | by_form)
    if not len(judged):
        return prompted_play.row(evidence.stream, evidence.prompt, MISS, None)
    at = judged[0]
    frame = int(evidence.frames[at])
    if by_wrong[at]:
        label, verdict_, by = evidence.wrong_labels[at], WRONG, "model"
    elif by_model[at]:
        hits = np.where(evidence.support[at] >= thresholds, evidence.support[at], -1)
        label, verdict_, by = evidence.asked[int(np.argmax(hits))], HIT, "model"
    else:
        label, verdict_, by = evidence.asked[int(np.argmax(scores[at]))], HIT, "form"
    judged = Verdict(verdict_, label, float(evidence.stream.times[frame]), frame, by)
    return prompted_play.row(evidence.stream, evidence.prompt, verdict_, judged)


def rows(evidence, rule, form=None):
    return [verdict(found, rule, form) for found in evidence]
