"""Every dataset's training windows, computed once per dataset and seed and kept in the array cache, and the
windows a fold trains on: those of every person it does not hold out.

A dataset's windows depend only on its own streams (each dataset draws from its own random stream), so
leaving a person or a dataset out of training is a selection, never a new computation.
"""

import sys
import zlib
from dataclasses import asdict, dataclass

import numpy as np

from recognizer.datasets import (
    array_cache,
    pose_cache,
    webcam_gestures,
)
from recognizer.training import streams, windows


@dataclass(frozen=True)
class HeldOut:
    """The people a fold holds out of training and scores: a dataset's, or only some subjects of it, or one
    group of it (Kinder-Gator's children or adults)."""
    dataset: str
    subjects: tuple | None = None
    group: str | None = None

    @property
    def name(self):
        subjects = "" if self.subjects is None else " " + "+".join(map(str, self.subjects))
        return self.dataset + subjects + ("" if self.group is None else f" {self.group}")

    def holds(self, dataset, subject, group):
        """Whether a stream (or each of arrays of subjects and groups, of one dataset) is held out."""
        held = np.full(np.shape(subject), dataset == self.dataset)
        if self.subjects is not None:
            held &= np.isin(subject, self.subjects)
        if self.group is not None:
            held &= np.asarray(group) == self.group
        return held


def kept(held_out, dataset, subject, group):
    """Which items (arrays of subjects and groups, of one dataset) no fold of held_out holds out."""
    outside = np.ones(np.shape(subject), bool)
    for fold in held_out:
        outside &= ~fold.holds(dataset, subject, group)
    return outside


@dataclass
class WindowSet:
    """One dataset's training windows: features X (N, N_STEPS, N_FEATURES) float16, labels y, and the subject
    and group ("" for none) of the stream each came from."""
    dataset: str
    X: np.ndarray
    y: np.ndarray
    subject: np.ndarray
    group: np.ndarray




def dataset_windows(name, path, sampling=windows.WindowSampling(), seed=0, cache=None, poses=None):
    """The WindowSet of one dataset's folder, from the array cache (an ArrayCache) when its files, the code and
    the settings are those it was computed with. poses: the pose cache of the webcam videos."""
    extra = {"pose_model": pose_cache.pose_model_version()} if name == webcam_gestures.NAME else {}
    entry_key = array_cache.key(dataset=name, data=array_cache.data_fingerprint(path), sampling=asdict(sampling),
                                seed=seed, code=array_cache.code_fingerprint(sys.modules[__name__]), **extra)

    def compute():
        found, _ = streams.load({name: path}, poses)
        rng_seed = [seed, zlib.crc32(name.encode())]  # each dataset its own draws, whatever else is loaded
        X, y, index = windows.training_windows(found[name], sampling, seed=rng_seed)
        subject = np.array([stream.subject for stream in found[name]])[index]
        group = np.array([stream.group or "" for stream in found[name]])[index]
        return {"X": X.astype(np.float16), "y": y, "subject": subject, "group": group}
    arrays = (cache or array_cache.ArrayCache()).get_or_compute(f"windows/{name}", entry_key, compute)
    return WindowSet(name, arrays["X"], arrays["y"], arrays["subject"], arrays["group"])


def training_set(window_sets, held_out=()):
    """(X float32, y, people): the windows of every WindowSet but those of the held-out people (HeldOut, any
    number); people names each window's person ("<dataset> <subject>") for early stopping."""
    X, y, people = [], [], []
    for window_set in window_sets:
        inside = kept(held_out, window_set.dataset, window_set.subject, window_set.group)
        X.append(window_set.X[inside])
        y.append(window_set.y[inside])
        people.append(np.char.add(f"{window_set.dataset} ", window_set.subject[inside].astype(str)))
    return np.concatenate(X).astype(np.float32), np.concatenate(y), np.concatenate(people)
