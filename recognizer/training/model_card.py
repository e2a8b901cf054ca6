"""models/MODEL_CARD.md: what the shipped model was trained on, how it was measured, and its files."""

import os
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

CARD = "MODEL_CARD.md"
DATASET_SOURCES = {"g3d": "G3D (Kinect v1, Kingston University; research use)",
                   "msr_action3d": "MSR Action3D (Microsoft Research; research use)",
                   "utd_mhad": "UTD-MHAD (University of Texas at Dallas; research use)",
                   "msrc12_kick": "MSRC-12, its kick gesture (Microsoft Research Cambridge; research use)"}


def _data(training):
    if "videos" in training:
        return [f"Trained on {training['n_clips']} clips in {training['n_groups']} groups of the video folder "
                f"`{training['videos']}`, poses by BlazePose ({training['pose_model']}): {training['n_windows']} "
                f"augmented windows of {training['window_s']} s ending anywhere in each clip, and still poses from "
                "every clip for the background class."]
    lines = [f"Trained on {training['n_windows']} augmented windows of {training['window_s']} s from four skeleton "
             "datasets, each read in its original format into the canonical skeleton and labelled per "
             "../shared/EVALUATION.md:"]
    for name, data in training["datasets"].items():
        lines.append(f"- {DATASET_SOURCES[name]}, `{os.path.relpath(data['folder'], PROJECT)}`: {data['streams']} "
                     f"{'recordings' if name in ('g3d', 'msrc12_kick') else 'clips'} of {data['subjects']} people, "
                     f"{data['actions']} moves.")
    lines.append("Windows around each move (marked action points in G3D and MSRC-12; in MSR Action3D and UTD-MHAD "
                 "the moving limb's peaks), and, as no move, the time away from them: G3D's distractors, every "
                 "non-target action of the other datasets (named apart while the GRU trains, one background class "
                 "for the head), the moments between moves and still poses.")
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


def _held_out_datasets(report):
    lines = ["", f"Leave-one-dataset-out (from `{report['path']}`: trained on the other three datasets, the decoder's "
                 "defaults):", ""]
    lines += ["| held out | target recall | wrong-label rate | false events/min | non-target minutes | targets |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {name} | {f['target_recall']:.3f} | {f['wrong_label_rate']:.3f} | {f['false_events_per_min']:.2f} | "
              f"{f['non_target_minutes']:.1f} | {f['n_target']} |" for name, f in report["datasets"].items()]
    return lines


def write(directory, manifest, training, report=None, stream_report=None, datasets_report=None):
    gru = (f"the GRU of `{training['gru_from']}`, kept as it was (only the head was trained here)"
           if training.get("gru_from") else f"GRU ({training['hidden']} units, {training['epochs']} epochs, Keras)")
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
        *_cross_validation(report),
    ]
    if stream_report:
        lines += ["", f"Leave-one-actor-out streaming events (from `{stream_report['path']}`, the decoder's "
                  f"defaults): F1 {stream_report['f1']:.3f} (precision {stream_report['precision']:.3f}, recall "
                  f"{stream_report['recall']:.3f}), latency median {stream_report['latency_median_s']:.3f} s, "
                  f"p90 {stream_report['latency_p90_s']:.3f} s, {stream_report['false_events_per_min']:.2f} "
                  "false events per minute over every recording, distractors included."]
    if datasets_report:
        lines += _held_out_datasets(datasets_report)
    lines += ["", "`head_training.npz` keeps GRU features of a sample of the training windows, with weights that "
              "restore the classes' shares, for refitting the classifier head on a player's profile."]
    lines += ["", "## Files (sha256, checked when the model is loaded)", ""]
    lines += [f"- `{name}`: `{digest}`" for name, digest in manifest.items()]
    Path(directory, CARD).write_text("\n".join(lines) + "\n")
