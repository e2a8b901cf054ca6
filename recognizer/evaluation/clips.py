"""Clip accuracy on video-folder datasets: a given model, or grouped cross-validation.

The report has the keys of the G3D one (accuracy, per_class, confusion, labels, n_instances); its
accuracy is the share of clips named correctly, and groups never straddle training and testing.
"""

import numpy as np
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import GroupKFold
from tqdm import tqdm

from recognizer.errors import DatasetError
from recognizer.runtime.labels import BACKGROUND
from recognizer.training.clip_windows import clip_windows


def predict(recognizer, sequences, include_background):
    return [recognizer.classify_clip(s.skeletons, s.times, include_background=include_background)[0]
            for s in sequences]


def report(sequences, predicted, labels):
    truth = [s.label for s in sequences]
    correct = np.array([t == p for t, p in zip(truth, predicted)])

    def accuracy_where(keys, key):
        return float(correct[[k == key for k in keys]].mean())
    groups = [s.group for s in sequences]
    return {
        "accuracy": float(correct.mean()),
        "per_class": {label: accuracy_where(truth, label) for label in labels if label in truth},
        "per_group": {group: accuracy_where(groups, group) for group in sorted(set(groups))},
        "labels": list(labels),
        "confusion": confusion_matrix(truth, predicted, labels=list(labels)).tolist(),
        "n_instances": len(sequences),
        "errors": [{"clip": s.name, "truth": t, "predicted": p}
                   for s, t, p in zip(sequences, truth, predicted) if t != p],
    }


def dataset_labels(sequences):
    """The classes a clip can be named as: the folder's classes (background only when it has one)."""
    return sorted({s.label for s in sequences})


def evaluate_model(recognizer, sequences):
    """A trained model's clip accuracy on every clip (its classes must be the folder's)."""
    labels = dataset_labels(sequences)
    unknown = sorted(set(labels) - set(map(str, recognizer.classes_)))
    if unknown:
        raise DatasetError(f"the model cannot name these classes of the folder: {', '.join(unknown)}")
    return report(sequences, predict(recognizer, sequences, BACKGROUND in labels), labels)


def cross_validate(sequences, make_recognizer, n_folds=5, windows_per_clip=50, seed=0):
    """Grouped k-fold (k = min(n_folds, number of groups)): each fold's model, from make_recognizer(),
    is fitted on windows of the other groups' clips and names the held-out clips."""
    labels = dataset_labels(sequences)
    groups = [s.group for s in sequences]
    n_groups = len(set(groups))
    if n_groups < 2:
        raise DatasetError(f"cross-validation needs clips in 2 or more groups; all {len(sequences)} are in one")
    folds = GroupKFold(n_splits=min(n_folds, n_groups)).split(sequences, groups=groups)
    predicted, ordered, fold_rows = [], [], []
    for number, (train, test) in enumerate(tqdm(list(folds), desc="fold", unit="fold")):
        X, y = clip_windows([sequences[i] for i in train], windows_per_clip, seed=seed + number)
        recognizer = make_recognizer().fit(X, y)
        test_sequences = [sequences[i] for i in test]
        fold_predicted = predict(recognizer, test_sequences, BACKGROUND in labels)
        predicted += fold_predicted
        ordered += test_sequences
        fold_rows.append({"test_groups": sorted({s.group for s in test_sequences}),
                          "accuracy": float(np.mean([s.label == p for s, p in zip(test_sequences, fold_predicted)]))})
    return report(ordered, predicted, labels) | {"folds": fold_rows}
