"""G3D-7 clip classification, leave-one-actor-out, and the plain baseline, per ../shared/EVALUATION.md."""

from types import SimpleNamespace

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from tqdm import tqdm

from recognizer.datasets.g3d import FPS, instances
from recognizer.runtime import features, skeleton
from recognizer.runtime.labels import ACTIONS

BASELINE_STEPS = 20


def predict_instances(recognizer, test_instances):
    return [recognizer.classify_span(i.recording.skeletons, i.recording.times, i.first_time, i.last_time)[0]
            for i in test_instances]


def baseline_features(instance):
    """Raw normalised joints of the whole instance window resampled to a fixed length, flattened."""
    times = instance.recording.times
    sample_times = np.linspace(instance.first_time, instance.last_time, BASELINE_STEPS)
    return skeleton.normalise(features.resample(instance.recording.skeletons, times, sample_times)).ravel()


def fit_baseline(train_instances):
    X = np.stack([baseline_features(i) for i in train_instances])
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(X, [i.label for i in train_instances])


def report(test_instances, predicted):
    """The JSON report's common keys from instances and their predicted labels (accuracy None without any)."""
    truth = [i.label for i in test_instances]
    correct = np.array([t == p for t, p in zip(truth, predicted)])
    actors = sorted({i.actor for i in test_instances})
    per_actor = {str(a): float(correct[[i.actor == a for i in test_instances]].mean()) for a in actors}
    per_class = {label: float(correct[[t == label for t in truth]].mean()) for label in ACTIONS if label in truth}
    return {
        "accuracy": float(np.mean(list(per_actor.values()))) if per_actor else None,
        "per_actor": per_actor,
        "per_class": per_class,
        "labels": list(ACTIONS),
        "confusion": confusion_matrix(truth, predicted, labels=list(ACTIONS)).tolist() if truth else [],
        "n_instances": len(test_instances),
    }


def evaluate_from_probabilities(recordings_by_actor, probabilities_for, labels):
    """G3D-7 from per-frame probabilities saved by a streaming run, frame f scored from the window ending
    at f: the windows classify_span averages are among them, so a leave-one-actor-out streaming run also
    gives the clip figure of its own models without training them again. probabilities_for(stream) takes
    a EvalStream, or anything with its key."""
    test = instances(recordings_by_actor)
    actions = [index for index, label in enumerate(labels) if label in ACTIONS]
    predicted = []
    for instance in test:
        ends = features.window_end_times(instance.first_time, instance.last_time)
        probabilities = probabilities_for(SimpleNamespace(key=f"{instance.actor}_{instance.recording.first_id}"))
        mean = probabilities[np.round(ends * FPS).astype(int)].mean(axis=0)
        predicted.append(str(labels[actions[int(np.argmax(mean[actions]))]]))
    result = report(test, predicted)
    result["errors"] = [{"actor": i.actor, "first_id": i.recording.first_id, "truth": i.label, "predicted": p}
                        for i, p in zip(test, predicted) if i.label != p]
    return result


def evaluate_shipped(recognizer, recordings_by_actor):
    test = instances(recordings_by_actor)
    return report(test, predict_instances(recognizer, tqdm(test, desc="instances", unit="clip")))


def baseline_accuracy(recordings_by_actor):
    """Leave-one-actor-out G3D-7 accuracy of the plain baseline (a logistic regression on raw normalised joints)."""
    all_instances = instances(recordings_by_actor)
    predicted, ordered = [], []
    for held_out in sorted(recordings_by_actor):
        test = [i for i in all_instances if i.actor == held_out]
        baseline = fit_baseline([i for i in all_instances if i.actor != held_out])
        predicted += list(baseline.predict(np.stack([baseline_features(i) for i in test])))
        ordered += test
    return report(ordered, predicted)["accuracy"]


def save_confusion_png(result, path, measure="G3D-7 accuracy"):
    import matplotlib
    matplotlib.use("Agg")
    from sklearn.metrics import ConfusionMatrixDisplay
    display = ConfusionMatrixDisplay(np.array(result["confusion"]), display_labels=result["labels"])
    display.plot(xticks_rotation=45, colorbar=False)
    display.ax_.set_title(f"{measure} {result['accuracy']:.3f} ({result['n_instances']} instances)")
    display.figure_.tight_layout()
    display.figure_.savefig(path, dpi=100)
