"""Player profiles: a player's own repetitions of moves, and the classifier head refitted on them.

The GRU stays the shipped feature extractor; only the logistic regression on top is refitted, from the
shipped training features (models/head_training.npz) plus windows drawn around the player's
repetitions, which weigh more, and the player's own idle time between them (teach mode's countdowns) as
background, so that the refitted head learns how this player stands still as well as how they move. A
profile is plain arrays (.npz, read without pickle) and JSON, since profiles are user-writable files; it
keeps skeletons, not features, so that it outlives a retrained model.
"""

import json
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from recognizer.errors import ProfileError
from recognizer.runtime import features, skeleton
from recognizer.runtime.augment import Augmenter
from recognizer.runtime.labels import ACTIONS, BACKGROUND, CYCLIC
from recognizer.runtime.model import LinearHead

VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 had no idle time
# Where the ends of a repetition's windows fall around its peak, as for G3D's training windows.
SINGLE_END_OFFSETS = (0.1, 0.5)
CYCLIC_END_OFFSETS = (-0.2, 0.5)
WINDOWS_PER_REPETITION = 8
# Background windows per second of the player's idle time.
IDLE_WINDOWS_PER_SECOND = 4.0
PLAYER_WEIGHT = 1.0
EXTREMITIES = [skeleton.J[name] for name in ("left_wrist", "right_wrist", "left_ankle", "right_ankle")]


def peak_time(skeletons, times):
    """The moment of a repetition: when a wrist or ankle is furthest from where it mostly is, in the
    body's own frame (a punch's full reach, a kick's height), so capture follows the move, not a clock."""
    body = skeleton.normalise(np.asarray(skeletons, np.float32))
    reach = np.linalg.norm(body[:, EXTREMITIES] - np.median(body[:, EXTREMITIES], axis=0), axis=-1).max(axis=1)
    return float(times[int(np.argmax(reach))])


@dataclass
class Repetition:
    label: str
    skeletons: np.ndarray  # (T, 15, 3) canonical
    times: np.ndarray  # (T,) seconds
    peak: float = None

    def __post_init__(self):
        self.skeletons = np.asarray(self.skeletons, np.float32)
        self.times = np.asarray(self.times, np.float64)
        if self.peak is None:
            self.peak = peak_time(self.skeletons, self.times)


@dataclass
class Idle:
    """A stretch of the player standing between moves."""
    skeletons: np.ndarray  # (T, 15, 3) canonical
    times: np.ndarray  # (T,) seconds

    def __post_init__(self):
        self.skeletons = np.asarray(self.skeletons, np.float32)
        self.times = np.asarray(self.times, np.float64)


@dataclass
class Profile:
    name: str
    repetitions: list = field(default_factory=list)
    idle: list = field(default_factory=list)

    @property
    def moves(self):
        return sorted({r.label for r in self.repetitions})

    @property
    def custom_moves(self):
        return [label for label in self.moves if label not in ACTIONS]

    def add(self, label, skeletons, times):
        if label == BACKGROUND:
            raise ValueError(f"{BACKGROUND!r} is not a move")
        repetition = Repetition(label, skeletons, times)
        self.repetitions.append(repetition)
        return repetition

    def add_idle(self, skeletons, times):
        idle = Idle(skeletons, times)
        self.idle.append(idle)
        return idle

    def windows(self, rng, per_repetition=WINDOWS_PER_REPETITION, idle_per_second=IDLE_WINDOWS_PER_SECOND):
        """(X, y): augmented feature windows around each repetition's peak, and BACKGROUND windows ending
        anywhere in the idle stretches (idle_per_second of them on average). Built-in moves may be
        mirrored (the label swaps sides); custom moves are not, since "left" in a name is not known."""
        augmenter, fixed = Augmenter(limb_angle_deg=15.0), Augmenter(mirror_p=0.0, limb_angle_deg=15.0)
        X, y = [], []
        for idle in self.idle:
            seconds = float(idle.times[-1] - idle.times[0])
            ends = rng.uniform(idle.times[0], idle.times[-1], rng.poisson(idle_per_second * seconds))
            windows, labels = augmenter(features.windows(idle.skeletons, idle.times, ends), [BACKGROUND] * len(ends),
                                        rng)
            X.append(features.frame_features(windows))
            y.append(labels)
        for repetition in self.repetitions:
            low, high = CYCLIC_END_OFFSETS if repetition.label in CYCLIC else SINGLE_END_OFFSETS
            ends = repetition.peak + rng.uniform(low, high, per_repetition)
            windows = features.windows(repetition.skeletons, repetition.times, ends, rng.uniform(0.9, 1.1, len(ends)))
            windows, labels = (augmenter if repetition.label in ACTIONS else fixed)(
                windows, [repetition.label] * len(ends), rng)
            X.append(features.frame_features(windows))
            y.append(labels)
        if not X:
            return np.empty((0, features.N_STEPS, features.N_FEATURES), np.float32), np.array([], str)
        return np.concatenate(X), np.concatenate(y)

    def save(self, directory):
        """<directory>/<name>.json and <name>.npz, each written whole before it replaces the old one."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"format": "move-match-profile", "version": VERSION, "name": self.name,
                "repetitions": [{"label": r.label, "frames": len(r.times), "peak": r.peak} for r in self.repetitions],
                "idle": [{"frames": len(i.times)} for i in self.idle]}
        arrays = {"skeletons": _joined([r.skeletons for r in self.repetitions]),
                  "times": _joined([r.times for r in self.repetitions]),
                  "idle_skeletons": _joined([i.skeletons for i in self.idle]),
                  "idle_times": _joined([i.times for i in self.idle])}
        npz, meta_path = profile_paths(directory, self.name)
        partial = npz.with_suffix(".tmp.npz")
        np.savez(partial, **arrays)
        partial.replace(npz)
        partial = meta_path.with_suffix(".tmp")
        partial.write_text(json.dumps(meta, indent=1) + "\n")
        partial.replace(meta_path)
        return meta_path

    @classmethod
    def load(cls, directory, name):
        npz, meta_path = profile_paths(directory, name)
        try:
            meta = json.loads(meta_path.read_text())
            if meta.get("format") != "move-match-profile" or meta.get("version") not in READABLE_VERSIONS:
                raise ValueError(f"format {meta.get('format')!r} version {meta.get('version')!r}, "
                                 f"expected move-match-profile version {VERSION}")
            with np.load(npz, allow_pickle=False) as arrays:
                parts = {name: arrays[name] for name in arrays.files}
            profile = cls(meta["name"])
            for entry, (clip, times) in zip(meta["repetitions"], _split(parts["skeletons"], parts["times"],
                                                                        meta["repetitions"], "repetitions")):
                profile.repetitions.append(Repetition(str(entry["label"]), clip, times, float(entry["peak"])))
            if meta["version"] >= 2:
                profile.idle = [Idle(*part) for part in _split(parts["idle_skeletons"], parts["idle_times"],
                                                               meta["idle"], "idle")]
        except FileNotFoundError as error:
            raise ProfileError(f"no profile for player {name!r} ({error.filename} is missing)") from None
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
            raise ProfileError(f"{meta_path}: corrupt profile ({error})") from None
        return profile


def _joined(arrays):
    return np.concatenate(arrays) if arrays else np.zeros(0)


def _split(skeletons, times, entries, what):
    """(skeletons, times) of each entry ({"frames": n}) of a saved list, checked against the arrays."""
    parts, start = [], 0
    for entry in entries:
        stop = start + int(entry["frames"])
        if stop > len(times) or stop - start < 2:
            raise ValueError(f"the arrays hold fewer frames than the {what} list")
        parts.append((skeletons[start:stop], times[start:stop]))
        start = stop
    if start != len(times) or (len(times) and skeletons.shape != (len(times), skeleton.N_JOINTS, 3)):
        raise ValueError(f"the arrays do not match the {what} list")
    return parts


def profile_paths(directory, name):
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name) or "player"
    return Path(directory) / f"{safe}.npz", Path(directory) / f"{safe}.json"


# Shipped-head probabilities below this are left out of the soft targets (they barely move the fit).
SOFT_TARGET_MIN_P = 0.01


def refit(recognizer, profile, player_weight=PLAYER_WEIGHT, seed=0, idle_per_second=IDLE_WINDOWS_PER_SECOND):
    """A copy of the recognizer whose classifier head is refitted on the shipped training features and
    the profile's windows (player_weight each; idle_per_second background windows per second of its idle
    time); the GRU is shared, not retrained. Adds custom moves as classes. Returns (recognizer, seconds
    taken)."""
    if getattr(recognizer, "head_features_", None) is None:
        raise ProfileError("this model has no head_training.npz to refit from; retrain it with "
                           "'python -m recognizer train'")
    started = time.perf_counter()
    X, y = profile.windows(np.random.default_rng(seed), idle_per_second=idle_per_second)
    from sklearn.linear_model import LogisticRegression  # only here: the run time keeps scikit-learn out of start-up
    shipped_head = recognizer.classifier_
    player = shipped_head.standardise(recognizer.encoder_.transform(X))
    # The training sample's targets are the shipped head's own probabilities (each sample once per
    # likely class, weighted by it), not its labels: the sample alone would pull the head away from the
    # one trained on every window, so without the player's windows the refit gives the shipped head back.
    sample = shipped_head.standardise(recognizer.head_features_.astype(np.float32))
    soft = recognizer.head_proba(recognizer.head_features_.astype(np.float32))
    rows, columns = np.nonzero(soft >= SOFT_TARGET_MIN_P)
    # A player's window weighs player_weight times an average training window of its class.
    head_labels, head_weights = recognizer.head_labels_, recognizer.head_weights_
    unit = {label: head_weights[head_labels == label].mean() if (head_labels == label).any() else head_weights.mean()
            for label in np.unique(y)}
    inputs = np.concatenate([sample[rows], player])
    labels = np.concatenate([shipped_head.classes_[columns], y])
    player_weights = player_weight * np.array([unit[label] for label in y])
    weights = np.concatenate([head_weights[rows] * soft[rows, columns], player_weights])
    # Warm-started from the shipped head (a new move's row from zero); the shipped scaler is kept, since
    # the player's few windows should not move it. A looser tolerance than training's keeps it quick.
    classes = np.unique(labels)
    head = LogisticRegression(C=recognizer.C, tol=1e-3, max_iter=1000, warm_start=True)
    head.coef_ = np.zeros((len(classes), sample.shape[1]))
    head.intercept_ = np.zeros(len(classes))
    for row, label in enumerate(classes):
        known = np.flatnonzero(shipped_head.classes_ == label)
        if len(known):
            head.coef_[row], head.intercept_[row] = shipped_head.coef_[known[0]], shipped_head.intercept_[known[0]]
    head.fit(inputs, labels, sample_weight=weights)
    refitted = type(recognizer)(recognizer.encoder_, train_encoder=False, C=recognizer.C, seed=recognizer.seed)
    refitted.encoder_ = recognizer.encoder_
    refitted.classifier_ = LinearHead(shipped_head.mean_, shipped_head.scale_, head.coef_, head.intercept_,
                                      head.classes_, recognizer.C)
    refitted.head_features_, refitted.head_labels_ = recognizer.head_features_, recognizer.head_labels_
    refitted.head_weights_ = recognizer.head_weights_
    return refitted, time.perf_counter() - started
