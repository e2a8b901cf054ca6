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

from recognizer.datasets.g3d import FPS
from recognizer.evaluation import eval_streams, streaming
from recognizer.runtime.decoder import EventDecoder
from recognizer.runtime.labels import ACTIONS, CYCLIC
from recognizer.runtime.model import ActionRecognizer
from recognizer.runtime.profile import IDLE_WINDOWS_PER_SECOND, PLAYER_WEIGHT, Profile, refit

# A teach-mode capture around a move: from before its start to after its end (cyclic moves are cut
# to their first cycles, as a player shows a few, not a long run).
CAPTURE_BEFORE_S, CAPTURE_AFTER_S, CYCLIC_SHOWN_S = 1.2, 1.3, 1.5
# The teaching recordings' idle time, like teach mode's countdowns: stretches at least IDLE_CLEARANCE_S from
# every file's action point (a move or other motion), of at least IDLE_MIN_S.
IDLE_CLEARANCE_S, IDLE_MIN_S = 1.0, 1.0


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


def _rows(recordings, model, encoded, extra_truth=None):
    """The report's recordings (events beside truth) of a model streamed over some recordings, from their
    GRU features (encoded, by id of the recording: every model here shares the fold's GRU)."""
    decoder = EventDecoder(model.classes_)
    rows = []
    for recording in recordings:
        probabilities = model.head_proba(encoded[id(recording)])
        row = streaming.report_recording(eval_streams.from_recording(recording),
                                         streaming.decode(decoder, probabilities))
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


def _f1_change(without, with_profile, seed=0, n_resamples=2000):
    """The F1 change a profile makes on one actor's recordings, and its 95% bootstrap interval over
    those recordings (resampled in pairs): what "worse by more than noise" is judged by."""
    def counts(rows):
        matched = [streaming.match(row) for row in rows]
        return np.array([(len(pairs), len(false), len(row["truth"])) for (pairs, false), row in zip(matched, rows)])

    def f1(totals):  # 2PR/(P+R) with P = m/(m+f), R = m/t
        m, f, t = totals[..., 0], totals[..., 1], totals[..., 2]
        return np.divide(2 * m, m + f + t, out=np.zeros(m.shape), where=(m + f + t) > 0)
    before, after = counts(without), counts(with_profile)
    draws = np.random.default_rng(seed).integers(0, len(before), (n_resamples, len(before)))
    changes = f1(after[draws].sum(axis=1)) - f1(before[draws].sum(axis=1))
    low, high = np.percentile(changes, [2.5, 97.5])
    change = float(f1(after.sum(axis=0)) - f1(before.sum(axis=0)))
    return {"change": change, "interval_95": [float(low), float(high)], "worse_beyond_noise": bool(high < 0)}


def idle_stretches(recording):
    """(skeletons, times) of each stretch of a recording far from every file's action point."""
    points = np.array([frame for frame, _ in recording.folders]) / FPS
    idle = np.abs(recording.times[:, None] - points[None, :]).min(axis=1, initial=np.inf) >= IDLE_CLEARANCE_S
    edges = np.flatnonzero(np.diff(np.concatenate([[0], idle.astype(int), [0]])))
    return [(recording.skeletons[start:stop], recording.times[start:stop])
            for start, stop in zip(edges[::2], edges[1::2]) if (stop - start) / FPS >= IDLE_MIN_S]


def _teach_profile(actor, recordings):
    """(profile, recordings it was taught from): one repetition per move, as teach mode captures it, and
    those recordings' idle time."""
    teaching = _teaching_recordings(recordings, ACTIONS)
    profile = Profile(f"actor {actor}")
    for recording in teaching:
        for stretch in idle_stretches(recording):
            profile.add_idle(*stretch)
    for move in ACTIONS:
        recording = next((r for r in teaching if move in {a.label for a in r.truth}), None)
        if recording is None:
            continue
        action = next(a for a in recording.truth if a.label == move)
        end = min(action.end, action.start + int(CYCLIC_SHOWN_S * FPS)) if move in CYCLIC else action.end
        profile.add(move, *capture(recording, action.start, end))
    return profile, teaching


def _custom_profile(recordings_by_actor, actor, folder, label, repetitions):
    """(profile, teacher): the custom move taught from the next actor, since G3D has three of each
    distractor per actor and the held-out actor's own are the test: a stranger's moves, the harder case."""
    actors = sorted(recordings_by_actor)
    teacher = actors[(actors.index(actor) + 1) % len(actors)]
    points = [(r, frame) for r in recordings_by_actor[teacher] for frame, f in r.folders if f == folder]
    profile = Profile(f"actor {teacher} {label}")
    for recording, frame in points[:repetitions]:
        profile.add(label, *capture(recording, frame, frame))
    return profile, teacher


def evaluate(recordings_by_actor, models_dir, custom_folder=None, custom_repetitions=3,
             player_weights=(PLAYER_WEIGHT,), idle_per_second=IDLE_WINDOWS_PER_SECOND):
    """Per actor and pooled: streaming figures without a profile and, for each player weight, with a
    one-repetition-per-move profile (and idle_per_second background windows per second of its idle time);
    with custom_folder, the custom move's figures and the other moves' F1 with and without it. Figures
    "with" are keyed by the player weight."""
    label = custom_folder.lower() if custom_folder else None
    weights = [str(w) for w in player_weights]
    result = {"player_weights": list(player_weights), "idle_per_second": idle_per_second, "per_actor": {},
              "refit_s": []}
    pooled = {"without": [], "custom_without": [], **{("with", w): [] for w in weights},
              **{("custom_with", w): [] for w in weights}}
    for actor in tqdm(sorted(recordings_by_actor), desc="actor", unit="actor"):
        recordings = recordings_by_actor[actor]
        base = ActionRecognizer.load(Path(models_dir) / f"without_actor_{actor}")
        encoded = {id(r): streaming.encode(base, eval_streams.from_recording(r).window_features())
                   for r in recordings}
        profile, teaching = _teach_profile(actor, recordings)
        rest = [r for r in recordings if r not in teaching]
        without = _rows(rest, base, encoded)
        pooled["without"] += without
        entry = {"taught_from": [r.first_id for r in teaching], "n_recordings": len(rest),
                 "idle_s": sum(float(i.times[-1] - i.times[0]) for i in profile.idle),
                 "without_profile": _summary(without), "with_profile": {}, "f1_change": {}}
        if custom_folder:
            custom, teacher = _custom_profile(recordings_by_actor, actor, custom_folder, label, custom_repetitions)
            extra = {id(r): _custom_truth(r, custom_folder, label) for r in recordings}
            custom_without = _rows(recordings, base, encoded, extra)
            pooled["custom_without"] += custom_without
            entry |= {"custom_taught_by_actor": teacher, "custom_with": {},
                      "custom_without": _summary(custom_without, list(ACTIONS) + [label])}
        for weight, key in zip(player_weights, weights):
            refitted, seconds = refit(base, profile, weight, idle_per_second=idle_per_second)
            result["refit_s"].append(seconds)
            with_profile = _rows(rest, refitted, encoded)
            entry["with_profile"][key] = _summary(with_profile)
            entry["f1_change"][key] = _f1_change(without, with_profile)
            pooled[("with", key)] += with_profile
            if custom_folder:
                custom_with = _rows(recordings, refit(base, custom, weight, idle_per_second=idle_per_second)[0],
                                    encoded, extra)
                entry["custom_with"][key] = _summary(custom_with, list(ACTIONS) + [label])
                pooled[("custom_with", key)] += custom_with
        result["per_actor"][str(actor)] = entry
    result["overall"] = {"without_profile": _summary(pooled["without"]),
                         "with_profile": {w: _summary(pooled[("with", w)]) for w in weights}}
    if custom_folder:
        labels = list(ACTIONS) + [label]
        result["custom_move"] = {"folder": custom_folder, "label": label, "repetitions": custom_repetitions,
                                 "without": _summary(pooled["custom_without"], labels),
                                 "with": {w: _summary(pooled[("custom_with", w)], labels) for w in weights}}
    result["refit_ms_median"] = float(np.median(result["refit_s"]) * 1000)
    return result
