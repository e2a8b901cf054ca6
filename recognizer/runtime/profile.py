"""Player profiles: a player's own repetitions of moves, the classifier head refitted on those taught, and the
judge calibrated on those captured in practice.

Teach mode's repetitions refit the classifier head: the GRU stays the shipped feature extractor; only the logistic
regression on top is refitted, from the shipped training features (models/head_training.npz) plus windows drawn
around the player's repetitions, which weigh more, and the player's own idle time between them (teach mode's
countdowns) as background, so that the refitted head learns how this player stands still as well as how they move.
Practice's captures (and the HITs of play since) calibrate the judge instead (recognizer.runtime.calibration): the
player's own marks for each move's form and thresholds for its probability. A profile is plain arrays (.npz, read
without pickle) and JSON, since profiles are user-writable files; it keeps skeletons, not features, so that it
outlives a retrained model.
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

VERSION = 3
READABLE_VERSIONS = (1, 2, 3)  # version 1 had no idle time, version 2 no practice captures
# Where a repetition or an idle stretch came from: teach mode (refits the head) or practice and play (calibrate the
# judge).
TEACH, PRACTICE = "teach", "practice"
# Practice captures kept of each move: the newest, as play's HITs keep adding the player's moves.
CAPTURES_KEPT = 5
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
    source: str = TEACH
    # The recognizer's probabilities of its frames, once computed for calibration (not saved: a new model's differ).
    probabilities: np.ndarray = field(default=None, repr=False, compare=False)

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
    source: str = TEACH
    probabilities: np.ndarray = field(default=None, repr=False, compare=False)

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
    def taught(self):
        """Teach mode's repetitions (the head's refit)."""
        return [r for r in self.repetitions if r.source == TEACH]

    @property
    def captures(self):
        """Practice's and play's captures (the judge's calibration)."""
        return [r for r in self.repetitions if r.source == PRACTICE]

    @property
    def custom_moves(self):
        return [label for label in self.moves if label not in ACTIONS]

    def add(self, label, skeletons, times, source=TEACH):
        """A repetition of a move; a practice capture beyond CAPTURES_KEPT of its move pushes out the oldest."""
        if label == BACKGROUND:
            raise ValueError(f"{BACKGROUND!r} is not a move")
        repetition = Repetition(label, skeletons, times, source=source)
        self.repetitions.append(repetition)
        if source == PRACTICE:
            same = [r for r in self.repetitions if r.source == PRACTICE and r.label == label]
            for old in same[:-CAPTURES_KEPT]:
                self.repetitions.remove(old)
        return repetition

    def add_idle(self, skeletons, times, source=TEACH):
        idle = Idle(skeletons, times, source)
        self.idle.append(idle)
        return idle

    def windows(self, rng, per_repetition=WINDOWS_PER_REPETITION, idle_per_second=IDLE_WINDOWS_PER_SECOND):
        """(X, y): augmented feature windows around each repetition's peak, and BACKGROUND windows ending
        anywhere in the idle stretches (idle_per_second of them on average). Built-in moves may be
        mirrored (the label swaps sides); custom moves are not, since "left" in a name is not known."""
        augmenter, fixed = Augmenter(limb_angle_deg=15.0), Augmenter(mirror_p=0.0, limb_angle_deg=15.0)
        X, y = [], []
        for idle in (idle for idle in self.idle if idle.source == TEACH):
            seconds = float(idle.times[-1] - idle.times[0])
            ends = rng.uniform(idle.times[0], idle.times[-1], rng.poisson(idle_per_second * seconds))
            windows, labels = augmenter(features.windows(idle.skeletons, idle.times, ends), [BACKGROUND] * len(ends),
                                        rng)
            X.append(features.frame_features(windows))
            y.append(labels)
        for repetition in self.taught:
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
                "repetitions": [{"label": r.label, "frames": len(r.times), "peak": r.peak, "source": r.source}
                                for r in self.repetitions],
                "idle": [{"frames": len(i.times), "source": i.source} for i in self.idle]}
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
                profile.repetitions.append(Repetition(str(entry["label"]), clip, times, float(entry["peak"]),
                                                      _source(entry)))
            if meta["version"] >= 2:
                profile.idle = [Idle(*part, _source(entry)) for entry, part in zip(
                    meta["idle"], _split(parts["idle_skeletons"], parts["idle_times"], meta["idle"], "idle"))]
        except FileNotFoundError as error:
            raise ProfileError(f"no profile for player {name!r} ({error.filename} is missing)") from None
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
            raise ProfileError(f"{meta_path}: corrupt profile ({error})") from None
        return profile


def _source(entry):
    source = entry.get("source", TEACH)
    if source not in (TEACH, PRACTICE):
        raise ValueError(f"source {source!r} is neither {TEACH} nor {PRACTICE}")
    return source


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


def refit(recognizer, profile, player_weight=PLAYER_WEIGHT, seed=0, idle_per_second=IDLE_WINDOWS_PER_SECOND):
    """A copy of the recognizer whose classifier head is refitted on the shipped training features and
    the profile's windows (player_weight each; idle_per_second background windows per second of its idle
    time); the GRU is shared, not retrained. Adds custom moves as classes. Returns (recognizer, seconds
    taken)."""
    if not profile.taught:
        return recognizer, 0.0  # only practice captures: they calibrate the judge, the head stays the shipped one
    if getattr(recognizer, "head_features_", None) is None:
        raise ProfileError("this model has no head_training.npz to refit from; retrain it with "
                           "'python -m recognizer train'")
    started = time.perf_counter()
    X, y = profile.windows(np.random.default_rng(seed), idle_per_second=idle_per_second)
    shipped_head = recognizer.classifier_
    classes = np.array(sorted(set(shipped_head.classes_) | set(y)))
    player = shipped_head.standardise(recognizer.encoder_.transform(X))
    # The training sample's targets are the shipped head's own probabilities, not its labels: the sample alone
    # would pull the head away from the one trained on every window.
    sample = shipped_head.standardise(recognizer.head_features_.astype(np.float32))
    soft = recognizer.head_proba(recognizer.head_features_.astype(np.float32))
    targets = np.zeros((len(sample) + len(player), len(classes)))
    targets[:len(sample), np.searchsorted(classes, shipped_head.classes_)] = soft
    targets[np.arange(len(sample), len(targets)), np.searchsorted(classes, y)] = 1.0
    # A player's window weighs player_weight times an average training window of its class.
    head_labels, head_weights = recognizer.head_labels_, recognizer.head_weights_
    unit = {label: head_weights[head_labels == label].mean() if (head_labels == label).any() else head_weights.mean()
            for label in np.unique(y)}
    weights = np.concatenate([head_weights, player_weight * np.array([unit[label] for label in y])])
    coef, intercept = _corrected_head(shipped_head, classes, np.concatenate([sample, player]), targets, weights,
                                      recognizer.C)
    refitted = type(recognizer)(recognizer.encoder_, train_encoder=False, C=recognizer.C, seed=recognizer.seed,
                                mirror_average=recognizer.mirror_average)
    refitted.encoder_ = recognizer.encoder_
    refitted.classifier_ = LinearHead(shipped_head.mean_, shipped_head.scale_, coef, intercept, classes, recognizer.C)
    refitted.head_features_, refitted.head_labels_ = recognizer.head_features_, recognizer.head_labels_
    refitted.head_weights_ = recognizer.head_weights_
    return refitted, time.perf_counter() - started


# A new move's logit before the player's windows teach it: its probability starts near nothing.
NEW_CLASS_LOGIT = -10.0


def _corrected_head(shipped_head, classes, inputs, targets, weights, C):
    """(coef, intercept) of the shipped head plus the correction that best fits the weighted soft targets, its
    weights' change penalised as the head's own weights were (1 / (2 C) of their square), so that the refit stays
    as near the shipped head as the player's windows allow, and is the shipped head exactly without them: at no
    correction the sample's targets are the head's own probabilities, and the gradient is nothing.

    scikit-learn's LogisticRegression penalises the weights themselves, toward nothing: on the few hundred
    windows a class kept for refits, that pulled the head away from the one fitted on every window (up to 0.16
    in a probability, with no player window at all). scipy's L-BFGS minimises the corrected objective instead."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp
    n_classes, n_features = len(classes), inputs.shape[1]
    base_coef, base_intercept = np.zeros((n_classes, n_features)), np.full(n_classes, NEW_CLASS_LOGIT)
    rows = np.searchsorted(classes, shipped_head.classes_)
    base_coef[rows], base_intercept[rows] = shipped_head.coef_, shipped_head.intercept_

    def objective(theta):
        change, shift = theta[:-n_classes].reshape(n_classes, n_features), theta[-n_classes:]
        logits = inputs @ (base_coef + change).T + base_intercept + shift
        log_p = logits - logsumexp(logits, axis=1, keepdims=True)
        loss = -(weights[:, None] * targets * log_p).sum() + (change ** 2).sum() / (2 * C)
        residual = weights[:, None] * (np.exp(log_p) - targets)
        gradient = np.concatenate([(residual.T @ inputs + change / C).ravel(), residual.sum(axis=0)])
        return loss, gradient
    found = minimize(objective, np.zeros(n_classes * (n_features + 1)), jac=True, method="L-BFGS-B",
                     options={"maxiter": 500})
    change, shift = found.x[:-n_classes].reshape(n_classes, n_features), found.x[-n_classes:]
    return base_coef + change, base_intercept + shift


def calibrated_judge(recognizer, profile, rule, scorer):
    """(JudgeRule, FormScorer) calibrated to the player on the profile's practice captures and practice idle time,
    the recognizer's probabilities of each capture computed as the live pipeline would (every frame's window) and
    kept with it, so that a new capture costs only its own."""
    from recognizer.runtime.calibration import Capture, calibrated
    labels = [str(label) for label in recognizer.classes_]

    def capture(move, kept):
        if kept.probabilities is None or kept.probabilities.shape[1:] != (len(labels),):
            kept.probabilities = recognizer.window_probabilities(kept.skeletons, kept.times, kept.times)
        return Capture(move, kept.skeletons, kept.times, kept.probabilities, labels)
    captures = [capture(r.label, r) for r in profile.captures if r.label in ACTIONS]
    idle = [capture(None, i) for i in profile.idle if i.source == PRACTICE]
    return calibrated(rule, scorer, captures, idle)
