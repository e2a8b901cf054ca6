"""Held-out people of ../shared/EVALUATION.md: every dataset held out in turn (leave-one-dataset-out), Kinder-Gator's
children and adults each held out from a model that saw none of them, and the webcam videos (scored whole by a
model that never saw them, or by subject folds when the others are trained on). Each held-out set is scored by
prompted play and by its streaming figures (set_reports)."""

from recognizer.datasets import kinder_gator, webcam_gestures
from recognizer.evaluation import folds as fold_runs
from recognizer.evaluation import set_reports
from recognizer.training.window_sets import HeldOut

# Kinder-Gator's people, each group held out from a model that saw none of it.
GROUPS = ("children", "adults")


def held_out_sets(hold_out, trained_on, eval_sets):
    """{set name: [HeldOut]}: the folds whose held-out streams make up each set. A dataset held out whole is one
    fold; the webcam videos, when trained on, one fold per subject (EVALUATION.md: never split a subject)."""
    sets = {}
    for name in hold_out:
        if name == webcam_gestures.NAME and name in trained_on:
            subjects = sorted({stream.subject for stream in eval_sets[name]})
            sets[name] = [HeldOut(name, (subject,)) for subject in subjects]
        else:
            sets[name] = [HeldOut(name)]
        if name == kinder_gator.NAME:
            sets |= {f"{name} {group}": [HeldOut(name, group=group)] for group in GROUPS}
    return sets


def scored_streams(folds, probabilities, eval_sets):
    """[(EvalStream, probabilities, labels)] of the streams the folds hold out, each scored by its fold."""
    scored = []
    for fold in folds:
        found, labels = probabilities[fold.name]
        scored += [(stream, found[stream.key], labels)
                   for stream in fold_runs.held_streams(fold, eval_sets[fold.dataset])]
    return scored


def report(sets, probabilities, eval_sets, decoder_settings, judge_settings):
    """{"sets": {name: {"play", "streaming"}}, "rows": {name: streaming rows}, "prompts": {name: prompt rows}}."""
    result = {"sets": {}, "rows": {}, "prompts": {}}
    for name, folds in sets.items():
        found = set_reports.set_report(scored_streams(folds, probabilities, eval_sets), decoder_settings,
                                       judge_settings)
        result["sets"][name] = {"play": found["play"], "streaming": found["streaming"],
                                "folds": [fold.name for fold in folds]}
        result["rows"][name], result["prompts"][name] = found["rows"], found["prompts"]
    return result


# The goals per held-out set, drawn as lines: prompted play, then streaming.
GOALS = (("play", "hit_rate", "prompted play: hit rate", 0.90), ("play", "wrong_rate", "wrong rate", 0.02),
         ("play", "idle_false_rate", "idle false verdicts", 0.05),
         ("streaming", "target_recall", "streaming: target recall", 0.90),
         ("streaming", "false_events_per_min", "false events / min of other motion", 1.0))


def save_png(result, path):
    """One panel per figure of GOALS, a bar per held-out set, the goal as a line."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = list(result["sets"])
    figure, axes = plt.subplots(1, len(GOALS), figsize=(4 * len(GOALS), 4.5))
    for ax, (part, key, title, goal) in zip(axes, GOALS):
        values = [result["sets"][name][part][key] for name in names]
        ax.bar(range(len(names)), [value or 0.0 for value in values], color="tab:blue")
        ax.axhline(goal, color="tab:red", linestyle="--", label=f"goal {goal:g}")
        for x, value in enumerate(values):
            ax.text(x, value or 0.0, "-" if value is None else f"{value:.3g}", ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8)
    figure.suptitle("held-out people: each set scored by a model that never saw it")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
