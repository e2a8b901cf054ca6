"""Calibrated play of ../shared/EVALUATION.md: what K captures of each move teach the judge about one held-out person.

For each person of a held-out set, the captures are their first K truth actions of each move, in the set's order
(recording, then time), each cut as practice cuts it (1.5 s before the action's start to 1.0 s after its end,
within its recording; a clip's whole move), with the idle stretches of the recordings that gave a capture (where the
set's recordings have any: G3D's and MSRC-12's, not a clip's). The judge is calibrated on those alone
(recognizer.runtime.calibration), then every prompt of that person's recordings that gave no capture is judged; K = 0
is the same prompts judged cold. A move the person has fewer than K + 1 recordings of is judged cold and counted
apart.
"""

from collections import defaultdict

import numpy as np

from recognizer.evaluation import judge_evidence, prompted_play
from recognizer.runtime.calibration import Calibration, Capture, calibrated

BEFORE_S, AFTER_S = 1.5, 1.0


def _move_key(labels):
    """One name for a move, or for a clip's either-side move (UTD-MHAD's front boxing)."""
    return "|".join(sorted(labels)) if isinstance(labels, (tuple, frozenset, set, list)) else labels


def actions(stream):
    """[(move key, labels, first frame, last frame)] of an EvalStream's truth actions, by time: a recording's, or a
    target clip's one move from the end of its lead-in to its last frame."""
    if stream.is_clip:
        return [(_move_key(stream.labels), tuple(sorted(stream.labels)), stream.n_lead, stream.n_frames - 1)] \
            if stream.labels else []
    found = []
    for label, start, end in sorted(stream.truth, key=lambda action: action[1]):
        first = int(np.searchsorted(stream.times, stream.times[start] - BEFORE_S))
        last = int(np.searchsorted(stream.times, stream.times[end] + AFTER_S, side="right")) - 1
        found.append((label, (label,), first, last))
    return found


def _capture(stream, probabilities, labels, move, first, last):
    skeletons = stream.scored_skeletons()[first:last + 1].astype(np.float64)
    skeletons[~stream.in_view()[first:last + 1]] = np.nan
    return Capture(move, skeletons, stream.times[first:last + 1], probabilities[first:last + 1], list(labels))


def person_captures(scored, k):
    """For one person's [(EvalStream, probabilities, labels)] in the set's order: (captures, idle Captures, the keys
    of the recordings that gave a capture, the move keys the person has fewer than k + 1 recordings of)."""
    actions_of = defaultdict(list)  # move key -> [(stream index, action)] in the set's order
    for index, (stream, _, _) in enumerate(scored):
        for action in actions(stream):
            actions_of[action[0]].append((index, action))
    captures, used, too_few = [], set(), set()
    for key, found in actions_of.items():
        if len({index for index, _ in found}) < k + 1:
            too_few.add(key)
            continue
        for index, (_, labels, first, last) in found[:k]:
            stream, probabilities, classes = scored[index]
            captures += [_capture(stream, probabilities, classes, label, first, last) for label in labels]
            used.add(index)
    idle = []
    for index in sorted(used):
        stream, probabilities, classes = scored[index]
        if not stream.is_clip:
            idle += [_capture(stream, probabilities, classes, None, prompt.open_frame, prompt.close_frame - 1)
                     for prompt in prompted_play.prompts(stream.truth, stream.n_frames) if prompt.kind == "idle"]
    return captures, idle, {scored[index][0].key for index in used}, too_few


def report(scored, evidence, rule, scorer, k, calibration=None):
    """The calibrated-play figures of one held-out set: scored [(EvalStream, probabilities, labels)], evidence its
    recorded PromptEvidence, rule and scorer its cold judge. figures(rows(...))."""
    return figures(rows(scored, evidence, rule, scorer, k, calibration), k)


def figures(found, k):
    """{"k", "people", "recordings_scored", "calibrated" (the prompts of calibrated moves and idle prompts, with
    their calibration), "cold" (the same prompts, K = 0), "cold_apart" (prompts of moves with too few recordings),
    "prompts"} of rows() (or of several sets' rows, added up)."""
    return {"k": k, "people": found["people"], "recordings_scored": len(found["recordings"]),
            "calibrated": prompted_play.figures(found["calibrated"]), "cold": prompted_play.figures(found["cold"]),
            "cold_apart": prompted_play.figures(found["cold_apart"]), "prompts": found["calibrated"]}


def rows(scored, evidence, rule, scorer, k, calibration=None):
    """{"people", "recordings", "calibrated", "cold", "cold_apart"}: the prompt rows of calibrated play (see the
    module), the people and recordings they come from."""
    by_person = defaultdict(list)
    for item in scored:
        by_person[item[0].subject].append(item)
    evidence_of = defaultdict(list)
    for item in evidence:
        evidence_of[item.stream.key].append(item)
    calibrated_rows, cold_rows, apart_rows, scored_keys = [], [], [], set()
    for person, items in by_person.items():
        captures, idle, captured_keys, too_few = person_captures(items, k)
        player_rule, player_scorer = calibrated(rule, scorer, captures, idle, calibration or Calibration())
        for stream, _, _ in items:
            if stream.key in captured_keys or not evidence_of[stream.key]:
                continue
            scored_keys.add(stream.key)
            for item in evidence_of[stream.key]:
                cold = judge_evidence.verdict(item, rule, scorer)
                if item.prompt.kind == "move" and _move_key(item.prompt.label) in too_few:
                    apart_rows.append(cold)
                else:
                    cold_rows.append(cold)
                    calibrated_rows.append(judge_evidence.verdict(item, player_rule, player_scorer)
                                           | {"person": person})
    return {"people": len(by_person), "recordings": scored_keys, "calibrated": calibrated_rows, "cold": cold_rows,
            "cold_apart": apart_rows}


def added(parts):
    """The rows() of several parts (the folds of one set) as one."""
    return {"people": sum(part["people"] for part in parts),
            "recordings": set().union(*(part["recordings"] for part in parts)),
            **{key: [row for part in parts for row in part[key]] for key in ("calibrated", "cold", "cold_apart")}}
