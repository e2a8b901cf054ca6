"""The body's pass marks learnt from training data: every move of every training stream measured in the window a
prompt would give it (recognizer.runtime.form), kept in the array cache per dataset, and the marks of a fold fitted
on the moves of the people it trains on, so that a held-out person's moves never set the marks they are held to.
"""

import sys
from dataclasses import dataclass

import numpy as np

from recognizer.datasets import array_cache, pose_cache, webcam_gestures
from recognizer.runtime import form
from recognizer.runtime.form import FormScorer
from recognizer.training import streams
from recognizer.training.window_sets import kept

# A move's window, as a prompt opens 1.5 s before it and closes 1.0 s after it (../shared/EVALUATION.md), but never
# past halfway to the move before or after it: G3D's kicks follow each other 1-2 s apart, and the other kick is no
# part of this one.
BEFORE_S, AFTER_S = 1.5, 1.0
# The most measures a family has: the raw measures are kept padded to this many.
WIDTH = max(len(measured) for measured in form.MEASURES.values())


@dataclass
class MoveSet:
    """One dataset's moves: their labels, subjects, groups ("" for none) and raw measures (n, WIDTH), NaN-padded."""
    dataset: str
    labels: np.ndarray
    subject: np.ndarray
    group: np.ndarray
    raw: np.ndarray


def stream_moves(stream):
    """[(label, raw measures (WIDTH,))] of every move of a TrainingStream with measures."""
    found = []
    actions = sorted(stream.actions, key=lambda action: action[1])
    for index, (label, start, end) in enumerate(actions):
        first = start - BEFORE_S if index == 0 else max(start - BEFORE_S, (actions[index - 1][2] + start) / 2)
        last = end + AFTER_S if index == len(actions) - 1 else min(end + AFTER_S, (end + actions[index + 1][1]) / 2)
        inside = (stream.times >= first) & (stream.times <= last)
        raw = form.measure(label, stream.skeletons[inside], stream.times[inside])
        if raw is not None:
            found.append((label, np.pad(raw, (0, WIDTH - len(raw)), constant_values=np.nan)))
    return found


def dataset_moves(name, path, cache=None, poses=None):
    """The MoveSet of one dataset's folder, from the array cache when its files and the code are those it was
    measured with."""
    extra = {"pose_model": pose_cache.pose_model_version()} if name == webcam_gestures.NAME else {}
    entry_key = array_cache.key(dataset=name, data=array_cache.data_fingerprint(path),
                                code=array_cache.code_fingerprint(sys.modules[__name__]), **extra)

    def compute():
        found, _ = streams.load({name: path}, poses)
        rows = [(label, raw, stream.subject, stream.group or "") for stream in found[name]
                for label, raw in stream_moves(stream)]
        return {"labels": np.array([row[0] for row in rows], str),
                "raw": np.array([row[1] for row in rows], np.float64).reshape(-1, WIDTH),
                "subject": np.array([row[2] for row in rows], int), "group": np.array([row[3] for row in rows], str)}
    arrays = (cache or array_cache.ArrayCache()).get_or_compute(f"form_moves/{name}", entry_key, compute)
    return MoveSet(name, arrays["labels"], arrays["subject"], arrays["group"], arrays["raw"])


def fit(move_sets, held_out=()):
    """A FormScorer fitted on the moves of every MoveSet but the held-out people's (HeldOut, any number)."""
    measured, labels = [], []
    for moves in move_sets:
        inside = kept(held_out, moves.dataset, moves.subject, moves.group)
        measured.append(moves.raw[inside])
        labels.append(moves.labels[inside])
    return FormScorer().fit(np.concatenate(measured), np.concatenate(labels))
