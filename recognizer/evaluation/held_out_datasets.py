"""Leave-one-dataset-out of ../shared/EVALUATION.md: train on every skeleton dataset but one, stream the held-out
one (G3D and MSRC-12 kick as recordings scored like G3D's, MSR Action3D and UTD-MHAD as clip streams)."""

import numpy as np
from tqdm import tqdm

from recognizer.datasets import g3d, msrc12_kick
from recognizer.evaluation import clip_streams, streaming
from recognizer.runtime.decoder import EventDecoder
from recognizer.runtime.labels import ACTIONS
from recognizer.training.streams import LOADERS
from recognizer.training.windows import training_windows

STREAMED = ("g3d", msrc12_kick.NAME)  # scored like G3D recordings; the others are clip streams
KEY_SEPARATOR = "::"


def test_items(name, path):
    """(items, notes): what is streamed when the dataset is held out: G3D recordings, MSRC-12 sequences on
    G3D's even 30 fps grid, or the clips of MSR Action3D and UTD-MHAD."""
    if name == "g3d":
        return [r for recordings in g3d.load(path).values() for r in recordings], []
    if name == msrc12_kick.NAME:
        sequences, notes = msrc12_kick.load(path)
        return [msrc12_kick.at_fps(sequence, g3d.FPS) for sequence in sequences], notes
    return LOADERS[name].load(path)


def item_key(name, item):
    return streaming.probability_key(item) if name == "g3d" else item.name


def item_probabilities(recognizer, name, item):
    if name in STREAMED:
        return streaming.recording_probabilities(recognizer, item)
    return clip_streams.clip_probabilities(recognizer, item)


def fold_probabilities(streams_by_dataset, items_by_dataset, fit, sampling, seed=0):
    """{dataset: ({item key: per-frame probabilities}, labels)}: each dataset scored by a recognizer
    fit(X, y) on the training windows of every other dataset's streams."""
    found = {}
    for held_out in tqdm(list(items_by_dataset), desc="held-out dataset", unit="dataset"):
        train = [stream for name, streams in streams_by_dataset.items() if name != held_out for stream in streams]
        recognizer = fit(*training_windows(train, sampling, seed=seed))
        found[held_out] = ({item_key(held_out, item): item_probabilities(recognizer, held_out, item)
                            for item in items_by_dataset[held_out]}, [str(c) for c in recognizer.classes_])
    return found


def stream_row(name, item, events):
    """A report recording of a G3D recording or MSRC-12 sequence."""
    if name == "g3d":
        return streaming.report_recording(item, events)
    return {"name": item.name, "person": item.person, "n_frames": item.n_frames,
            "truth": [{"label": label, "start": frame, "end": frame} for frame, label in item.kicks],
            "events": events}


def dataset_report(name, items, probabilities, labels, decoder):
    """The figures of one held-out dataset (target_recall, wrong_label_rate, false_events_per_min,
    non_target_minutes, n_target, n_non_target) and its rows. For streamed datasets the recall and false events
    per minute are the streaming figures, wrong_label_rate the share of truth actions with an event of another
    label in their matching window, n_non_target the recordings without a truth action; labels that the fold's
    model lacks are left out as EVALUATION.md says. probabilities: {item key: per-frame probabilities}."""

    def probabilities_for(item):
        return probabilities[item_key(name, item)]

    if name not in STREAMED:
        rows = [clip_streams.clip_row(clip, probabilities_for(clip), decoder) for clip in items]
        return clip_streams.figures(rows), rows
    left_out = set(ACTIONS) - set(labels)
    rows = [streaming.without_labels(stream_row(name, item, streaming.decode(decoder, probabilities_for(item))),
                                     left_out) for item in items]
    result = streaming.figures(rows)
    return {"target_recall": result["recall"], "wrong_label_rate": streaming.wrong_label_rate(rows),
            "false_events_per_min": result["false_events_per_min"],
            "non_target_minutes": sum(row["n_frames"] for row in rows) / g3d.FPS / 60,
            "n_target": result["n_truth"], "n_non_target": sum(not row["truth"] for row in rows),
            "f1": result["f1"], "precision": result["precision"], "latency_median_s": result["latency_median_s"],
            "left_out_labels": sorted(left_out)}, rows


def report(items_by_dataset, probabilities, settings):
    """{"datasets": {name: figures}, "rows": {name: rows}} over saved or computed fold probabilities, decoded
    with these DecoderSettings."""
    figures, rows = {}, {}
    for name, items in items_by_dataset.items():
        found, labels = probabilities[name]
        figures[name], rows[name] = dataset_report(name, items, found, labels,
                                                   EventDecoder(labels, settings))
    return {"datasets": figures, "rows": rows}


def save_probabilities(probabilities, path):
    arrays = {}
    for name, (found, labels) in probabilities.items():
        arrays |= {f"{name}{KEY_SEPARATOR}{key}": value for key, value in found.items()}
        arrays[f"{name}{KEY_SEPARATOR}labels"] = np.asarray(labels, str)
    np.savez_compressed(path, **arrays)


def load_probabilities(arrays):
    """The inverse of save_probabilities over an opened npz."""
    probabilities = {}
    for full_key in arrays.files:
        name, key = full_key.split(KEY_SEPARATOR, 1)
        found, labels = probabilities.setdefault(name, ({}, []))
        if key == "labels":
            labels += [str(label) for label in arrays[full_key]]
        else:
            found[key] = arrays[full_key]
    return probabilities


def save_png(result, path):
    """Three panels (target recall, wrong-label rate, false events per minute) per held-out dataset, with the
    issue's goals as lines."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    names = list(result["datasets"])
    panels = (("target_recall", "target recall", 0.90), ("wrong_label_rate", "wrong-label rate", 0.05),
              ("false_events_per_min", "false events / min of other motion", 1.0))
    figure, axes = plt.subplots(1, 3, figsize=(13, 4))
    for ax, (key, title, goal) in zip(axes, panels):
        values = [result["datasets"][name][key] or 0.0 for name in names]
        ax.bar(names, values, color="tab:blue")
        ax.axhline(goal, color="tab:red", linestyle="--", label=f"goal {goal:g}")
        for x, value in enumerate(values):
            ax.text(x, value, f"{value:.3g}", ha="center", va="bottom")
        ax.set_title(title)
        ax.tick_params(axis="x", rotation=20)
        ax.legend()
    figure.suptitle("leave-one-dataset-out (trained on the other three)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
