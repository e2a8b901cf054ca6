"""models/MODEL_CARD.md: what the shipped model was trained on, how it was measured, and its files."""

import os
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

CARD = "MODEL_CARD.md"
DATASET_SOURCES = {"g3d": "G3D (Kinect v1, Kingston University; research use)",
                   "msr_action3d": "MSR Action3D (Microsoft Research; research use)",
                   "utd_mhad": "UTD-MHAD (University of Texas at Dallas; research use)",
                   "msrc12_kick": "MSRC-12, its kick gesture (Microsoft Research Cambridge; research use)",
                   "kinder_gator": "Kinder-Gator, 7 children and 7 adults (University of Florida; Aloba et al., "
                                   "EUROGRAPHICS 2018; an anonymized dataset for recognition research)",
                   "webcam_gestures": "GESTURE-PROJECT's webcam gestures, BlazePose poses of real webcam video "
                                      "(this project's research only)"}
RECORDINGS = ("g3d", "msrc12_kick")


def _data(training):
    if "videos" in training:
        return [f"Trained on {training['n_clips']} clips in {training['n_groups']} groups of the video folder "
                f"`{training['videos']}`, poses by BlazePose ({training['pose_model']}): {training['n_windows']} "
                f"augmented windows of {training['window_s']} s ending anywhere in each clip, and still poses from "
                "every clip for the background class."]
    lines = [f"Trained on {training['n_windows']} augmented windows of {training['window_s']} s from "
             f"{len(training['datasets'])} datasets, each read in its original format into the canonical skeleton and "
             "labelled per ../shared/EVALUATION.md:"]
    for name, data in training["datasets"].items():
        lines.append(f"- {DATASET_SOURCES[name]}, `{os.path.relpath(data['folder'], PROJECT)}`: {data['streams']} "
                     f"{'recordings' if name in RECORDINGS else 'clips'} of {data['subjects']} people, "
                     f"{data['actions']} moves.")
    lines.append("Windows around each move (marked action points in G3D and MSRC-12; elsewhere the moving limb's "
                 "peaks), and, as no move, the time away from them: G3D's distractors, every non-target motion of the "
                 "other datasets (named apart while the GRU trains, one background class for the head), the moments "
                 "between moves and still poses.")
    return lines


def _cross_validation(report):
    if report is None:
        return ["No cross-validation report was given to `train --report`."]
    if "per_actor" not in report:  # a video folder's grouped folds
        return [f"Grouped cross-validation clip accuracy (from `{report['path']}`, {report.get('route', '')}): "
                f"{report['accuracy']:.4f} over {report['n_instances']} clips."]
    baseline = (f"; plain baseline of the same run: {report['baseline_accuracy']:.4f}"
                if "baseline_accuracy" in report else "")
    return [f"Leave-one-actor-out G3D-7 accuracy (from `{report['path']}`): {report['accuracy']:.4f} "
            f"over {report['n_instances']} instances{baseline}.",
            "Per actor: " + ", ".join(f"{a}: {v:.3f}" for a, v in report["per_actor"].items()) + "."]


def _share(value, spec=".3f"):
    return "-" if value is None else format(value, spec)


def _minutes(report):
    """Minutes the report's folds took to train and score (its own run time if it names no folds')."""
    timing = report.get("fold_timing")
    seconds = sum(fold["seconds"] for fold in timing.values()) if timing else report.get("seconds", 0)
    return f"{seconds / 60:.1f} minutes on a 2-core machine"


def _stream_figures(report):
    play = report.get("play")
    lines = ["", f"G3D leave-one-actor-out (from `{report['path']}`, the judge's and decoder's defaults, "
                 f"{_minutes(report)}):"]
    if play:
        lines.append(f"- prompted play: hit rate {_share(play['hit_rate'])}, wrong rate {_share(play['wrong_rate'])}, "
                     f"idle false verdicts {_share(play['idle_false_rate'])}, median reaction "
                     f"{_share(play['median_reaction_s'], '.2f')} s (from the action point to the HIT; kept in "
                     "model.json as `measured.hit_latency_s`, the delay rhythm levels grade against);")
    lines.append(f"- streaming: F1 {report['f1']:.3f} (precision {report['precision']:.3f}, recall "
                 f"{report['recall']:.3f}), latency median {_share(report['latency_median_s'])} s, "
                 f"{report['false_events_per_min']:.2f} false events per minute over every recording, distractors "
                 "included" + (f"; G3D-7 accuracy of the same folds {report['g3d7_accuracy']:.4f}."
                               if report.get("g3d7_accuracy") is not None else "."))
    if report.get("judged"):
        lines += _judged(report, {"G3D, actor by actor": report["judged"]})
    return lines


def _judged(report, groups):
    """The game's judge with both kinds of evidence: cold and calibrated with K captures, per held-out group."""
    lines = ["", "The game's judge (the model's probability and the move's form on the player's skeleton; each group's "
                 "rule chosen on the others, marks fitted without its people), cold and calibrated with K captures of "
                 "each move (../shared/EVALUATION.md, \"Calibrated play\"):", "",
             "| held out | hit rate | wrong rate | idle false verdicts | MISS coached \"looked right\" | K | hit rate "
             "calibrated (cold, same recordings) | idle calibrated (cold) |", "|---|---|---|---|---|---|---|---|"]
    for name, found in groups.items():
        cold = found["cold"]
        for k, calibrated in found["calibrated"].items():
            lines.append(f"| {name} | {_share(cold['hit_rate'])} | {_share(cold['wrong_rate'])} | "
                         f"{_share(cold['idle_false_rate'])} | {_share(found['looked_right_after_miss'])} | {k} | "
                         f"{_share(calibrated['calibrated']['hit_rate'])} ({_share(calibrated['cold']['hit_rate'])}) | "
                         f"{_share(calibrated['calibrated']['idle_false_rate'])} "
                         f"({_share(calibrated['cold']['idle_false_rate'])}) |")
    return lines


def _held_out_datasets(report):
    lines = ["", f"People it never saw (from `{report['path']}`: each set held out of training, "
                 f"{_minutes(report)}); the model's probability alone:", ""]
    lines += ["| held out | hit rate | wrong rate | idle false verdicts | streaming recall | wrong-label rate | "
              "false events/min | targets |", "|---|---|---|---|---|---|---|---|"]
    for name, found in report["sets"].items():
        play, stream = found["play"], found["streaming"]
        lines.append(f"| {name} | {_share(play['hit_rate'])} | {_share(play['wrong_rate'])} | "
                     f"{_share(play['idle_false_rate'])} | {_share(stream['target_recall'])} | "
                     f"{_share(stream['wrong_label_rate'])} | {_share(stream['false_events_per_min'], '.2f')} | "
                     f"{stream['n_target']} |")
    if report.get("judged"):
        lines += _judged(report, report["judged"]["sets"])
    return lines


def _epochs(training):
    run = training.get("epochs_run")
    return (f"{run} epochs: at most {training['epochs']}, stopped once the loss on people kept out of its training "
            "stopped falling, with that best epoch's weights kept" if run else f"{training['epochs']} epochs")


def write(directory, manifest, training, report=None, stream_report=None, datasets_report=None):
    gru = (f"the GRU of `{training['gru_from']}`, kept as it was (only the head was trained here)"
           if training.get("gru_from") else f"GRU ({training['hidden']} units, Keras, {_epochs(training)})")
    lines = [
        "# Model card: " + ("video-folder" if "videos" in training else "skeleton-dataset") + " action recognizer",
        "",
        f"Written by `python -m recognizer train` on {date.today().isoformat()}.",
        "",
        "## Data",
        *_data(training),
        f"Sampling: {training['sampling']}.",
        "Weights trained from this data; no other data or pretrained weights"
        + (" besides that GRU" if training.get("gru_from") else "") + f". Command: `{training['command']}`.",
        "",
        "## Model",
        f"Canonical skeleton features → {gru} → "
        "logistic regression (scikit-learn). Inference runs the GRU as an exported numpy forward pass.",
        f"Labels: {', '.join(training['labels'])}.",
        "",
        "## Figures",
        "Prompted play (../shared/EVALUATION.md) is what a player meets, so it comes first; the streaming figures "
        "are beside it. Every figure is of people the scoring model never saw.",
    ]
    if datasets_report:
        lines += _held_out_datasets(datasets_report)
    if stream_report:
        lines += _stream_figures(stream_report)
    if report or not stream_report:
        lines += ["", *_cross_validation(report)]
    lines += ["", "`head_training.npz` keeps GRU features of a sample of the training windows, with weights that "
              "restore the classes' shares, for refitting the classifier head on a player's profile."]
    lines += ["", "## Files (sha256, checked when the model is loaded)", ""]
    lines += [f"- `{name}`: `{digest}`" for name, digest in manifest.items()]
    Path(directory, CARD).write_text("\n".join(lines) + "\n")
