"""The action recognizer (GRU features → logistic regression) and its files in models/."""

import hashlib
import importlib.resources
import json
import zipfile
from pathlib import Path

import numpy as np
from scipy.special import softmax

from recognizer.errors import ModelError
from recognizer.runtime import features
from recognizer.runtime.estimator import Estimator
from recognizer.runtime.gru import GRUEncoder
from recognizer.runtime.labels import BACKGROUND, head_label
from recognizer.runtime.labels import mirrored as mirrored_label

# The shipped model: package data (the project's models/ folder, installed as recognizer.models; a wheel installs
# unpacked, so it is a folder on disk).
DEFAULT_MODEL_DIR = Path(str(importlib.resources.files("recognizer.models")))
FILES = {"config": "model.json", "gru": "gru.npz", "keras": "gru.weights.h5", "classifier": "classifier.npz",
         "head_training": "head_training.npz", "judge": "judge.json"}
# Training windows' GRU features kept for refitting the classifier head (player profiles): a few per
# class are enough for the head, and they keep the file small.
HEAD_TRAINING_PER_CLASS = 400
# The head is fitted on at most this many windows of each class, weighted back to the classes' shares: a
# 128-feature logistic regression needs no more, and encoding every training window would cost more than the
# GRU's last epochs.
HEAD_FIT_PER_CLASS = 4000
MANIFEST = "manifest.json"
# What models written before classifier.npz held: a pickle, which runs code when loaded, so it never is.
LEGACY_CLASSIFIER = "classifier.joblib"


def head_weights(all_labels, kept_labels):
    """Per-sample weights that give the kept sample its classes' shares of the whole training set, so
    that a head refitted on it keeps the shipped head's priors (background is most of the data)."""
    classes, counts = np.unique(all_labels, return_counts=True)
    kept = {label: int((kept_labels == label).sum()) for label in classes}
    share = {label: count / kept[label] for label, count in zip(classes, counts) if kept[label]}
    weights = np.array([share[label] for label in kept_labels], np.float32)
    return weights / weights.mean()


def _per_class(labels, most, rng):
    """Indices of at most `most` randomly chosen items of each label."""
    return np.sort(np.concatenate([rng.permutation(np.flatnonzero(labels == label))[:most]
                                   for label in np.unique(labels)]))


class LinearHead:
    """The classifier head as it runs: standardisation, then multinomial logistic regression's scores and softmax,
    from the fitted arrays alone. Fitting is scikit-learn's (StandardScaler, LogisticRegression), imported only
    when fitting (recognizer.runtime.estimator says why); on every live frame this is ten times quicker than
    scikit-learn's predict_proba with its input checks, and equal to it (tests/test_model.py)."""

    ARRAYS = ("mean", "scale", "coef", "intercept", "classes", "C")

    def __init__(self, mean, scale, coef, intercept, classes, C):
        self.mean_, self.scale_, self.coef_, self.intercept_ = mean, scale, coef, intercept
        self.classes_, self.C = np.asarray(classes).astype(str), float(C)

    @classmethod
    def fit(cls, X, y, C, sample_weight=None):
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler().fit(X)
        head = LogisticRegression(C=C, max_iter=5000).fit(scaler.transform(X), y, sample_weight=sample_weight)
        return cls(scaler.mean_, scaler.scale_, head.coef_, head.intercept_, head.classes_, C)

    def standardise(self, X):
        return (X - self.mean_) / self.scale_

    def predict_proba(self, X):
        return softmax(self.standardise(X) @ self.coef_.T + self.intercept_, axis=1)

    def arrays(self):
        """Plain arrays to save: a model a player loads holds no pickle, which could run code."""
        return {"mean": self.mean_, "scale": self.scale_, "coef": self.coef_, "intercept": self.intercept_,
                "classes": self.classes_, "C": np.float64(self.C)}

    @classmethod
    def from_arrays(cls, arrays):
        return cls(arrays["mean"], arrays["scale"], arrays["coef"], arrays["intercept"], arrays["classes"],
                   arrays["C"])


def _saved_config(directory, read):
    """read(the model.json of a saved model, as a dict), with any problem named as a ModelError."""
    path = Path(directory) / FILES["config"]
    try:
        return read(json.loads(path.read_text()))
    except FileNotFoundError:
        raise ModelError(f"{path}: missing; is {directory} a model folder?") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelError(f"{path}: corrupt ({error})") from None


def saved_labels(directory=DEFAULT_MODEL_DIR):
    """The classes of a saved model, from its model.json alone (no weights loaded)."""
    return _saved_config(directory, lambda config: [str(label) for label in config["labels"]])


def hit_latency(directory=DEFAULT_MODEL_DIR):
    """How long after a move's action point the prompt judge calls it a HIT, median seconds, as measured on people
    the model never saw when it was trained (train --stream-report); None for a model trained without a report."""
    return _saved_config(directory, lambda config: (config.get("measured") or {}).get("hit_latency_s"))


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class ActionRecognizer(Estimator):
    """Windows of frame features → action probabilities, in scikit-learn's estimator style.

    encoder: the GRU feature extractor. fit trains a clone of it when train_encoder is true (a
    recognizer.training.keras_gru.KerasGRUEncoder; training code builds those, the run time only loads
    models), or keeps it as it is, already fitted, and trains only the logistic-regression head.
    mirror_average: score each window with its mirror image too, the two probabilities averaged with the mirror's
    sides swapped, so that a left move is judged exactly as its right mirror image is (training mirrors half its
    windows, but each training run still leans to one side: the animation's left punch 14 of 20 where its mirror
    image, the right punch, 20 of 20).
    """

    def __init__(self, encoder=None, train_encoder=True, C=1.0, seed=0, mirror_average=False):
        self.encoder = encoder
        self.train_encoder = train_encoder
        self.C = C
        self.seed = seed
        self.mirror_average = mirror_average

    def fit(self, X, y, groups=None):
        """y may name kinds of other motion (labels.other_motion): the GRU learns them apart, the head as
        BACKGROUND. groups: the person of each window, for a GRU that keeps some people out to know when to
        stop training."""
        from sklearn.base import clone
        self.encoder_ = clone(self.encoder).fit(X, y, groups) if self.train_encoder else self.encoder
        y = np.array([head_label(label) for label in y]).astype(str)
        rng = np.random.default_rng(self.seed)
        fitted = _per_class(y, HEAD_FIT_PER_CLASS, rng)
        encoded = self.encoder_.transform(X[fitted])
        self.classifier_ = LinearHead.fit(encoded, y[fitted], self.C, sample_weight=head_weights(y, y[fitted]))
        keep = _per_class(y[fitted], HEAD_TRAINING_PER_CLASS, rng)
        self.head_features_, self.head_labels_ = encoded[keep].astype(np.float16), y[fitted][keep]
        self.head_weights_ = head_weights(y, self.head_labels_)
        return self

    @property
    def classes_(self):
        return self.classifier_.classes_

    def transform(self, X):
        """The GRU features of windows, what the classifier head sees."""
        return self.encoder_.transform(X)

    @property
    def mirrors(self):
        """Whether windows are scored with their mirror images: when every class's mirror image is a class (a
        player's own move is its own, its side, if any, being unknown)."""
        return self.mirror_average and {mirrored_label(str(label)) for label in self.classes_} <= set(self.classes_)

    def head_proba(self, encoded, mirrored=None):
        """Probabilities from GRU features already computed (models that share the GRU, as a refitted
        profile head does, need them only once); mirrored: those of the windows' mirror images, averaged in with
        their sides swapped when the model mirrors."""
        found = self.classifier_.predict_proba(encoded)
        if mirrored is None or not self.mirrors:
            return found
        swapped = [list(self.classes_).index(mirrored_label(label)) for label in self.classes_]
        return (found + self.classifier_.predict_proba(mirrored)[:, swapped]) / 2

    def predict_proba(self, X):
        mirrored = self.transform(features.mirrored(X)) if self.mirrors else None
        return self.head_proba(self.transform(X), mirrored)

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def window_probabilities(self, skeletons, times, end_times):
        """Probabilities (len(end_times), n_classes) of the windows ending at each time."""
        return self.predict_proba(features.window_features(skeletons, times, end_times))

    def _action_columns(self):
        return [i for i, label in enumerate(self.classes_) if label != BACKGROUND]

    def _named(self, row):
        return {str(label): float(p) for label, p in zip(self.classes_, row)}

    def classify_span(self, skeletons, times, first_time, last_time):
        """(label, {label: probability}) of a G3D-7 instance: the mean over the windows covering it.

        Only the actions count here; the background class is left out of the choice.
        """
        ends = features.window_end_times(first_time, last_time)
        mean = self.window_probabilities(skeletons, times, ends).mean(axis=0)
        actions = self._action_columns()
        return str(self.classes_[actions[int(np.argmax(mean[actions]))]]), self._named(mean)

    def classify_clip(self, skeletons, times, stride_s=0.1, include_background=False):
        """(label, {label: probability}) of the move in a clip: the window, among those ending every
        stride_s through the clip, where an action is most certain, so that the still moments before
        and after the move do not dilute it. include_background: the background class may win there
        (for datasets where a clip may hold no move)."""
        ends = np.arange(times[0], times[-1] + 1e-9, stride_s)
        probabilities = self.window_probabilities(skeletons, times, ends)
        actions = self._action_columns()
        peak = int(np.argmax(probabilities[:, actions].max(axis=1)))
        row = probabilities[peak]
        choice = range(len(self.classes_)) if include_background else actions
        return str(self.classes_[max(choice, key=row.__getitem__)]), self._named(row)

    def save(self, directory, sampling=None, measured=None):
        """Write model.json (with the training windows' sampling, a dict, and figures measured on held-out people,
        a dict such as {"hit_latency_s": 0.27}), gru.npz, gru.weights.h5, classifier.npz, head_training.npz and a
        sha256 manifest."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        config = {"hidden": self.encoder_.hidden, "epochs": getattr(self.encoder_, "epochs", None), "C": self.C,
                  "seed": self.seed, "window_s": features.WINDOW_S, "n_steps": features.N_STEPS,
                  "n_features": features.N_FEATURES, "labels": [str(c) for c in self.classes_],
                  "mirror_average": self.mirror_average,
                  "sampling": sampling, "measured": measured}
        (directory / FILES["config"]).write_text(json.dumps(config, indent=2) + "\n")
        np.savez(directory / FILES["gru"], **self.encoder_.arrays())
        keras_weights = directory / FILES["keras"]
        if hasattr(self.encoder_, "keras_model_"):
            self.encoder_.keras_model_.save_weights(keras_weights)
        else:  # a kept encoder loaded as numpy arrays has no Keras model to save
            keras_weights.unlink(missing_ok=True)
        np.savez(directory / FILES["classifier"], **self.classifier_.arrays())
        np.savez(directory / FILES["head_training"], features=self.head_features_, labels=self.head_labels_,
                 weights=self.head_weights_)
        return write_manifest(directory)

    @classmethod
    def load(cls, directory=DEFAULT_MODEL_DIR):
        """Load a saved recognizer after checking each file's sha256 against the manifest."""
        directory = Path(directory)
        manifest_path = directory / MANIFEST
        try:
            manifest = json.loads(manifest_path.read_text())
        except FileNotFoundError:
            raise ModelError(f"{manifest_path}: missing; train a model with 'python -m recognizer train'") from None
        except ValueError as error:
            raise ModelError(f"{manifest_path}: corrupt ({error})") from None
        if not (directory / FILES["classifier"]).is_file() and (directory / LEGACY_CLASSIFIER).is_file():
            raise ModelError(f"{directory / LEGACY_CLASSIFIER}: an old model's classifier, a pickle, which could run "
                             f"code, so it is never loaded; if you trust where it came from, convert it once with "
                             f"'python -m recognizer convert-model {directory}'")
        for key in ("config", "gru", "classifier"):
            path = directory / FILES[key]
            if not path.is_file():
                raise ModelError(f"{path}: missing model file")
            if sha256(path) != manifest.get(FILES[key]):
                raise ModelError(f"{path}: corrupt model file (sha256 does not match {manifest_path.name})")
        made_for, hidden, C, seed, mirror_average = _saved_config(directory, lambda config: (
            (config["window_s"], config["n_steps"], config["n_features"]), int(config["hidden"]), float(config["C"]),
            int(config["seed"]), bool(config.get("mirror_average", False))))
        if made_for != (features.WINDOW_S, features.N_STEPS, features.N_FEATURES):
            raise ModelError(f"{directory / FILES['config']}: made for other features; retrain the model")
        encoder = GRUEncoder(hidden=hidden).set_arrays(_plain_arrays(directory / FILES["gru"], GRUEncoder.ARRAYS))
        recognizer = cls(encoder, train_encoder=False, C=C, seed=seed, mirror_average=mirror_average)
        recognizer.encoder_ = encoder
        recognizer.classifier_ = LinearHead.from_arrays(_plain_arrays(directory / FILES["classifier"],
                                                                           LinearHead.ARRAYS))
        head_training = directory / FILES["head_training"]
        if head_training.is_file() and sha256(head_training) == manifest.get(FILES["head_training"]):
            arrays = _plain_arrays(head_training, ("features", "labels", "weights"))
            recognizer.head_features_, recognizer.head_labels_ = arrays["features"], arrays["labels"]
            recognizer.head_weights_ = arrays["weights"]
        return recognizer


def _plain_arrays(path, needed):
    """The arrays of a model's .npz file, read without pickle: an array that needs one (an object array, which
    could run code) is refused with the file named, as is a file without each of the `needed` arrays."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            found = {name: arrays[name] for name in arrays.files}
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise ModelError(f"{path}: not a model file of plain arrays ({error})") from None
    missing = [name for name in needed if name not in found]
    if missing:
        raise ModelError(f"{path}: not a model file (no {', '.join(missing)} array)")
    return found


def write_manifest(directory):
    """Write the sha256 of each model file in `directory` to its manifest; returns the manifest."""
    directory = Path(directory)
    manifest = {name: sha256(directory / name) for name in FILES.values() if (directory / name).is_file()}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest
