"""Cross-validation over the datasets: for each fold, a recognizer trained without the people it holds out
scores their test streams, every frame; the probabilities are kept so that figures can be decoded again,
with other settings, without training.
"""

import json
import time

import numpy as np
from tqdm import tqdm

from recognizer.errors import ReportError
from recognizer.evaluation.streaming import score
from recognizer.training.window_sets import training_set

KEY_SEPARATOR = "::"
def held_streams(fold, eval_sets):
    return [stream for stream in eval_sets if fold.holds(stream.dataset, stream.subject, stream.group)]


def fold_probabilities(folds, window_sets, eval_sets, window_features, fit, progress=True, on_fitted=None):
    """({fold name: ({stream key: probabilities}, labels)}, {fold name: {"seconds", "n_windows", "epochs"}}).

    folds: HeldOut, each trained on window_sets (WindowSet) without its people by fit(X, y, people), a fitted
    recognizer; eval_sets: {dataset: [EvalStream]}; window_features: {dataset: {key: window features}};
    on_fitted(fold, recognizer): called with each fold's recognizer (to keep it).
    """
    probabilities, timing = {}, {}
    for fold in tqdm(folds, desc="fold", unit="fold", disable=not progress):
        started = time.monotonic()
        X, y, people = training_set(window_sets, [fold])
        recognizer = fit(X, y, people)
        if on_fitted is not None:
            on_fitted(fold, recognizer)
        found = {stream.key: score(recognizer, window_features[fold.dataset][stream.key])
                 for stream in held_streams(fold, eval_sets[fold.dataset])}
        probabilities[fold.name] = (found, [str(label) for label in recognizer.classes_])
        timing[fold.name] = {"seconds": round(time.monotonic() - started, 1), "n_windows": len(X),
                             "epochs": getattr(recognizer.encoder_, "epochs_run_", None)}
    return probabilities, timing


def save(probabilities, path, timing=None):
    """Every fold's probabilities and labels, and the folds' timing (fold_probabilities'), in one .npz."""
    arrays = {} if timing is None else {"timing": np.asarray(json.dumps(timing))}
    for fold, (found, labels) in probabilities.items():
        arrays |= {f"{fold}{KEY_SEPARATOR}{key}": value.astype(np.float32) for key, value in found.items()}
        arrays[f"{fold}{KEY_SEPARATOR}labels"] = np.asarray(labels, str)
    np.savez_compressed(path, **arrays)


def load(path, folds, eval_sets):
    """(probabilities, timing or None): the inverse of save, checked: every fold and each of its held-out streams
    must be in the file (else a ReportError naming what is missing)."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            saved = {name: arrays[name] for name in arrays.files}
    except (OSError, ValueError) as error:
        raise ReportError(f"{path}: not a fold-probabilities file ({error})") from None
    probabilities, missing = {}, []
    for fold in folds:
        labels = saved.get(f"{fold.name}{KEY_SEPARATOR}labels")
        if labels is None:
            missing.append(f"fold {fold.name}")
            continue
        found = {}
        for stream in held_streams(fold, eval_sets[fold.dataset]):
            value = saved.get(f"{fold.name}{KEY_SEPARATOR}{stream.key}")
            if value is None:
                missing.append(f"{fold.name} {stream.key}")
            found[stream.key] = value
        probabilities[fold.name] = (found, [str(label) for label in labels])
    if missing:
        raise ReportError(f"{path}: no probabilities for {', '.join(missing[:5])}"
                          + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    return probabilities, json.loads(str(saved["timing"])) if "timing" in saved else None
