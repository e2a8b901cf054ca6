"""The judge's rule chosen family by family on recorded evidence, never on the people it is then scored on.

Each family of moves (punch, kick, clap, wave, flap) gets the setting of the grid with the highest hit rate on its
move prompts (the mean over the groups it is chosen on: the other held-out sets, or the other actors pooled) among
those whose false verdicts on its idle prompts and WRONG verdicts keep to the budgets in every group: the body's
measures tell a kick from other motion far better than a punch, which throwing, pointing and catching resemble.
Keeping every group within the budget, rather than their mean, was measured on the held-out sets: the mean let one
set's other motion through (G3D's aiming and golf: 0.12 false verdicts on idle prompts, against 0.01).
"""

import itertools
from dataclasses import dataclass, replace

import numpy as np

from recognizer.evaluation import judge_evidence
from recognizer.runtime import form
from recognizer.runtime.judge import HIT, MISS, WRONG, JudgeRule, JudgeSettings

FAMILIES = tuple(form.MEASURES)
MAX_WRONG_RATE = 0.02
MAX_IDLE_FALSE_RATE = 0.03
# hit_on, then the body's evidence: off (inf) or a HIT at form_on with the model's support; and its veto.
HIT_ON = (0.8, 0.9, 0.95)
FORM_ON = (1.0, 1.25, 1.5)
SUPPORT = (0.0, 0.02, 0.05, 0.1, 0.2, 0.35)
VETO = (0.0, 0.5, 0.8)


def grid(base=JudgeSettings()):
    """Every setting tried (the base's smoothing, rearm and wrong_on)."""
    model_alone = [replace(base, hit_on=hit_on, veto=veto) for hit_on, veto in itertools.product(HIT_ON, VETO)]
    with_form = [replace(base, hit_on=hit_on, form_on=form_on, support=support, veto=veto)
                 for hit_on, form_on, support, veto in itertools.product(HIT_ON, FORM_ON, SUPPORT, VETO)]
    return model_alone + with_form


@dataclass
class Counts:
    """(settings, families, 5) counts of one group's prompts under each setting: HITs, move prompts, WRONGs, false
    verdicts on idle prompts, idle prompts."""
    array: np.ndarray


def counts(evidence, scorer, settings):
    """The Counts of a group's PromptEvidence under each of `settings`, its body held to `scorer`'s marks."""
    found = np.zeros((len(settings), len(FAMILIES), 5), int)
    for item in evidence:
        name = form.family(item.asked[0])
        if name is None:
            continue
        column = FAMILIES.index(name)
        move = item.prompt.kind == "move"
        scores = judge_evidence.form_scores(item, scorer)
        for index, setting in enumerate(settings):
            verdict = judge_evidence.verdict(item, setting, scores=scores)["verdict"]
            if move:
                found[index, column] += (verdict == HIT, 1, verdict == WRONG, 0, 0)
            else:
                found[index, column] += (0, 0, 0, verdict != MISS, 1)
    return Counts(found)


def _rates(groups, column):
    """(hit rate, wrong rate, idle false rate) per setting: the hit rate the mean over the groups that have such
    prompts, the wrong and idle false rates the highest of any group (every set must keep to the budgets)."""
    hits, wrongs, idles = [], [], []
    for group in groups:
        moves, idle = group.array[:, column, 1], group.array[:, column, 4]
        if moves[0]:
            hits.append(group.array[:, column, 0] / moves)
            wrongs.append(group.array[:, column, 2] / moves)
        if idle[0]:
            idles.append(group.array[:, column, 3] / idle)
    n = len(groups[0].array)

    def mean(rows):
        return np.mean(rows, axis=0) if rows else np.zeros(n)

    def highest(rows):
        return np.max(rows, axis=0) if rows else np.zeros(n)
    return mean(hits), highest(wrongs), highest(idles)


def choose(groups, settings):
    """{family: index into settings}: for each family the highest mean hit rate within the budgets (the fewest
    false verdicts when none keeps to them; among equals, the fewest false verdicts, then the earliest setting)."""
    chosen = {}
    for column, name in enumerate(FAMILIES):
        hit, wrong, idle = _rates(groups, column)
        allowed = np.flatnonzero((wrong <= MAX_WRONG_RATE) & (idle <= MAX_IDLE_FALSE_RATE))
        if len(allowed):
            chosen[name] = int(min(allowed, key=lambda i: (-hit[i], idle[i], i)))
        else:
            chosen[name] = int(np.argmin(idle + wrong))
    return chosen


def rule(chosen, settings, base=JudgeSettings()):
    """The JudgeRule of a choice ({family: index into settings}); `base` for moves of no family."""
    return JudgeRule(base, tuple((name, settings[index]) for name, index in chosen.items()))
