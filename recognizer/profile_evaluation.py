"""What a player profile is worth, measured on G3D with leave-one-actor-out models.

For each held-out actor, one repetition per move is taken from that actor as teach mode would capture
it (a clip around the move, aligned on its own peak), the fold's classifier head is refitted on it, and
the streaming figures of ../shared/EVALUATION.md are compared, with and without the profile, on the
actor's recordings that gave no repetition. A custom move works the same way from a G3D distractor
the models never learned (Jump, say), its files becoming truth actions of a new label, taught by
another actor since G3D holds only three of each per actor.
"""

from pathlib import Path

import numpy as np
from tqdm import tqdm

from . import streaming
from .decoder import EventDecoder
from .g3d import FPS
from .labels import ACTIONS, CYCLIC
from .model import ActionRecognizer
from .profile import Profile, refit

# A teach-mode capture around a move: from before its start to after its end (cyclic moves are cut
# to their first cycles, as a player shows a few, not a long run).
CAPTURE_BEFORE_S, CAPTURE_AFTER_S, CYCLIC_SHOWN_S = 1.2, 1.3, 1.5


def capture(recording, start, end):
    first = max(0, int((start / FPS - CAPTURE_BEFORE_S) * FPS))
    last = min(recording.n_frames, int((end / FPS + CAPTURE_AFTER_S) * FPS))
    return recording.skeletons[first:last], recording.times[first:last]


def _teaching_recordings(recordings, labels):
    """A few recordings that between them hold every label, fewest first picked greedily."""
    chosen, missing = [], set(labels)
    while missing:
        best = max(recordings, key=lambda r: len(missing & {a.label for a in r.truth}))
        found = missing & {a.label for a in best.truth}
        if not found:
            break
        chosen.append(best)
        missing -= found
    return chosen


def _custom_truth(recording, folder, label):
    return [{"label": label, "start": frame, "end": frame} for frame, f in recording.folders if f == folder]


def _rows(recordings, model, extra_truth=None):
    """The report's recordings (events beside truth) of a model streamed over some recordings."""
    decoder = EventDecoder(model.classes_)
    rows = []
    for recording in recordings:
        row = streaming.report_recording(recording, streaming.decode(decoder, streaming.recording_probabilities(
            model, recording)))
        row["truth"] += (extra_truth or {}).get(id(recording), [])
        rows.append(row)
    return rows


def _summary(rows, labels=None):
    """The streaming figures of report recordings (one actor's, or all actors' pooled)."""
    figures = streaming.figures(rows)
    keep = ("f1", "precision", "recall", "false_events_per_min", "n_truth", "n_matched", "n_false")
    out = {key: figures[key] for key in keep}
    if labels:
        out["per_class"] = {label: figures["per_class"][label] for label in labels if label in figures["per_class"]}
    return out


def evaluate(recordings_by_actor, models_dir, custom_folder=None, custom_repetitions=3):
    """Per actor and pooled: streaming figures with and without a one-repetition-per-move profile, and,
    with custom_folder, the custom move's figures and the other moves' F1 with and without it."""
    label = custom_folder.lower() if custom_folder else None
    result = {"per_actor": {}, "refit_s": []}
    pooled = {"without": [], "with": [], "custom_without": [], "custom_with": []}
    for actor in tqdm(sorted(recordings_by_actor), desc="actor", unit="actor"):
        recordings = recordings_by_actor[actor]
        base = ActionRecognizer.load(Path(models_dir) / f"without_actor_{actor}")
        teaching = _teaching_recordings(recordings, ACTIONS)
        profile = Profile(f"actor {actor}")
        for move in ACTIONS:
            recording = next((r for r in teaching if move in {a.label for a in r.truth}), None)
            if recording is None:
                continue
            action = next(a for a in recording.truth if a.label == move)
            end = min(action.end, action.start + int(CYCLIC_SHOWN_S * FPS)) if move in CYCLIC else action.end
            profile.add(move, *capture(recording, action.start, end))
        refitted, seconds = refit(base, profile)
        result["refit_s"].append(seconds)
        rest = [r for r in recordings if r not in teaching]
        without, with_profile = _rows(rest, base), _rows(rest, refitted)
        entry = {"taught_from": [r.first_id for r in teaching], "n_recordings": len(rest),
                 "without_profile": _summary(without), "with_profile": _summary(with_profile)}
        pooled["without"] += without
        pooled["with"] += with_profile
        if custom_folder:
            # G3D has three of each distractor per actor, so the three taught repetitions come from the
            # next actor and the held-out actor's own are the test: a stranger's moves, the harder case.
            teacher = sorted(recordings_by_actor)[(sorted(recordings_by_actor).index(actor) + 1) % len(recordings_by_actor)]
            points = [(r, frame) for r in recordings_by_actor[teacher] for frame, f in r.folders if f == custom_folder]
            custom = Profile(f"actor {teacher} {label}")
            for recording, frame in points[:custom_repetitions]:
                custom.add(label, *capture(recording, frame, frame))
            custom_model, _ = refit(base, custom)
            extra = {id(r): _custom_truth(r, custom_folder, label) for r in recordings}
            entry["custom_taught_by_actor"] = teacher
            custom_without, custom_with = _rows(recordings, base, extra), _rows(recordings, custom_model, extra)
            entry["custom_without"] = _summary(custom_without, list(ACTIONS) + [label])
            entry["custom_with"] = _summary(custom_with, list(ACTIONS) + [label])
            pooled["custom_without"] += custom_without
            pooled["custom_with"] += custom_with
        result["per_actor"][str(actor)] = entry
    result["overall"] = {"without_profile": _summary(pooled["without"]), "with_profile": _summary(pooled["with"])}
    if custom_folder:
        result["custom_move"] = {"folder": custom_folder, "label": label, "repetitions": custom_repetitions,
                                 "without": _summary(pooled["custom_without"], list(ACTIONS) + [label]),
                                 "with": _summary(pooled["custom_with"], list(ACTIONS) + [label])}
    result["refit_ms_median"] = float(np.median(result["refit_s"]) * 1000)
    return result

