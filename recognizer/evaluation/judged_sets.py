"""The game's judge with both kinds of evidence, measured on held-out people: each set's prompts recorded once
(judge_evidence), the body's pass marks fitted without the set's people (training.form_marks), the rule chosen family
by family on the other sets' evidence (judge_choice, nested), then each set scored cold and calibrated with K
captures of each move (calibrated_play), and how often a MISS is still coached "that looked right"."""

import numpy as np

from recognizer.evaluation import calibrated_play, judge_choice, judge_evidence, prompted_play, set_reports
from recognizer.runtime import coaching
from recognizer.runtime.judge import MISS, JudgeRule, JudgeSettings
from recognizer.training import form_marks

# Another move whose smoothed probability reached this in a prompt is the one the recognizer saw instead, as the
# game's judging takes it (game/judging.py) when it coaches.
SEEN_AT = 0.5


def record(scored, settings=JudgeSettings()):
    """[PromptEvidence] of a set's scored streams [(EvalStream, probabilities, labels)], with its prompts."""
    return [found for stream, probabilities, labels, queue in set_reports.prompt_queues(scored)
            for found in judge_evidence.record_stream(stream, probabilities, labels, queue, settings)]


def looked_right(evidence, rows, rule, scorer):
    """(MISSes of move prompts coached "that looked right", MISSes of move prompts): coaching on the prompt's own
    frames, its moves held to the judge's marks at the judge's pass level (form_on), with the move the model was
    surest of instead when it was sure enough. Such a MISS is one where the body's measures cleared the judge's own
    bar and the model overruled them."""
    unclear = misses = 0
    for found, row in zip(evidence, rows):
        if found.prompt.kind != "move" or row["verdict"] != MISS:
            continue
        misses += 1
        stream, prompt = found.stream, found.prompt
        frames = slice(prompt.open_frame, min(prompt.close_frame, stream.n_frames))
        skeletons = stream.scored_skeletons()[frames].astype(np.float64)
        skeletons[~stream.in_view()[frames]] = np.nan
        seen = None
        if len(found.wrong) and found.wrong.max() >= SEEN_AT:
            seen = found.wrong_labels[int(np.argmax(found.wrong))]
        bars = {move: coaching.Bar.of_judge(rule, scorer, move) for move in found.asked}
        unclear += any(coaching.coach(move, skeletons, stream.times[frames], seen, bars[move]).reason == "unclear"
                       for move in found.asked)
    return unclear, misses


def scorers(sets, move_sets):
    """{set name: FormScorer} fitted on the moves of every person the set's folds do not hold out."""
    return {name: form_marks.fit(move_sets, folds) for name, folds in sets.items()}


def choices(evidence, fitted, groups_for, settings):
    """{set name: JudgeRule chosen on groups_for(name) (lists of set names, each a group whose rates are averaged)}
    and the rule chosen on every set (the one to ship)."""
    counts = {name: judge_choice.counts(found, fitted[name], settings) for name, found in evidence.items()}

    def chosen(groups):
        groups = [group for group in groups if group]
        if not groups:
            return JudgeRule()  # nothing to choose on: the model's probability alone
        return judge_choice.rule(judge_choice.choose([_pooled(counts, group) for group in groups], settings),
                                 settings)
    rules = {name: chosen(groups_for(name)) for name in evidence}
    everyone = chosen([[name] for name in evidence if any(groups_for(name))])
    return rules, everyone


def _pooled(counts, names):
    return judge_choice.Counts(sum(counts[name].array for name in names))


def report(parts, shots):
    """{"cold": figures, "rule", "looked_right_after_miss", "misses", "by_move", "calibrated": {K: calibrated-play
    figures}} of a held-out set's parts [(scored streams, their PromptEvidence, JudgeRule, FormScorer)], each judged
    by its own rule and marks (one part per fold) and pooled."""
    rows, unclear, misses = [], 0, 0
    for _, evidence, rule, scorer in parts:
        found = judge_evidence.rows(evidence, rule, scorer)
        rows += found
        right, missed = looked_right(evidence, found, rule, scorer)
        unclear, misses = unclear + right, misses + missed
    calibrated = {}
    for k in shots:
        found = calibrated_play.added([calibrated_play.rows(*part, k) for part in parts])
        calibrated[str(k)] = {key: value for key, value in calibrated_play.figures(found, k).items()
                              if key != "prompts"}
    rules = [part[2].to_json() for part in parts]
    return {"cold": prompted_play.figures(rows), "rule": rules[0] if len(rules) == 1 else rules,
            "looked_right_after_miss": unclear / misses if misses else None, "misses": misses,
            "by_move": by_move(rows), "calibrated": calibrated}


def by_move(rows):
    """{move: HITs of its move prompts / its move prompts} ("a|b" for a prompt of either)."""
    found = {}
    for row in rows:
        if row["kind"] == "move":
            label = row["label"] if isinstance(row["label"], str) else "|".join(row["label"])
            hits, n = found.get(label, (0, 0))
            found[label] = (hits + (row["verdict"] == "HIT"), n + 1)
    return {label: {"hits": hits, "prompts": n} for label, (hits, n) in found.items()}


def summary(name, report):
    def share(value):
        return "-" if value is None else f"{value:.2f}"
    cold = report["cold"]
    line = (f"{name}: judge cold hit {share(cold['hit_rate'])} wrong {share(cold['wrong_rate'])} idle "
            f"{share(cold['idle_false_rate'])}; MISS said to look right {share(report['looked_right_after_miss'])}")
    for k, found in report["calibrated"].items():
        line += (f"; K={k} on {found['recordings_scored']} recordings: hit {share(found['calibrated']['hit_rate'])} "
                 f"(cold {share(found['cold']['hit_rate'])}), idle {share(found['calibrated']['idle_false_rate'])} "
                 f"(cold {share(found['cold']['idle_false_rate'])}), {found['cold_apart']['n_move_prompts']} "
                 "move prompts apart")
    return line
