"""Streaming evaluation of ../shared/EVALUATION.md: recordings fed frame by frame, events matched to truth."""

import itertools

import numpy as np

from recognizer.datasets.g3d import FPS
from recognizer.evaluation import nested
from recognizer.runtime import features
from recognizer.runtime.decoder import DecoderSettings, EventDecoder
from recognizer.runtime.labels import ACTIONS, CYCLIC

MATCH_MARGIN_S = 0.5


SCORE_BATCH = 4096


def encode(recognizer, window_features):
    """(n_frames, n_gru_features) of a stream's frames from their window features (EvalStream.window_features),
    in batches that keep memory small."""
    return np.concatenate([recognizer.transform(np.asarray(window_features[first:first + SCORE_BATCH], np.float32))
                           for first in range(0, len(window_features), SCORE_BATCH)])


def score(recognizer, window_features):
    """(n_frames, n_classes): the probabilities of a stream's frames from their window features (and from their
    mirror images', for a recognizer that mirrors)."""
    mirrored = encode(recognizer, features.mirrored(window_features)) if recognizer.mirrors else None
    return recognizer.head_proba(encode(recognizer, window_features), mirrored)


def stream_probabilities(recognizer, stream):
    """(n_frames, n_classes) of an EvalStream: each frame scored as the live pipeline scores it."""
    return score(recognizer, stream.window_features())


def decode(decoder, probabilities, times=None, visible=None):
    """The decoder's events over per-frame probabilities; frame f is at times[f], or at f / FPS; visible: whether
    the body is in view at each frame (default: always)."""
    decoder.reset()
    events = []
    for frame, row in enumerate(probabilities):
        in_view = True if visible is None else bool(visible[frame])
        event = decoder.update(frame / FPS if times is None else times[frame], row, in_view, frame=frame)
        if event is not None:
            events.append({"label": event.label, "frame": frame, "confidence": round(event.confidence, 4)})
    return events


def match(recording):
    """Matched (event, truth) pairs and the false events of one report recording."""
    events = sorted(recording["events"], key=lambda e: e["frame"])
    used, pairs = set(), []
    for truth in recording["truth"]:
        for index, event in enumerate(events):
            if index not in used and event["label"] == truth["label"] and _inside(event, truth):
                used.add(index)
                pairs.append((event, truth))
                break
    false_events = []
    for index, event in enumerate(events):
        if index in used:
            continue
        inside_matched_cycle = any(
            truth["label"] == event["label"] and truth["label"] in CYCLIC and _inside(event, truth)
            for _, truth in pairs)
        if not inside_matched_cycle:
            false_events.append(event)
    return pairs, false_events


def _inside(event, truth):
    """Whether an event lies in a truth action's matching window (MATCH_MARGIN_S either side of it)."""
    return truth["start"] / FPS - MATCH_MARGIN_S <= event["frame"] / FPS <= truth["end"] / FPS + MATCH_MARGIN_S


def without_labels(recording, labels):
    """A report recording without the truth actions of labels no model of the fold knows (flap when G3D is
    held out): they count neither as targets nor as misses, and every event inside their windows is ignored."""
    left_out = [truth for truth in recording["truth"] if truth["label"] in labels]
    return recording | {"truth": [truth for truth in recording["truth"] if truth["label"] not in labels],
                        "events": [event for event in recording["events"]
                                   if not any(_inside(event, truth) for truth in left_out)]}


def wrong_label_rate(recordings):
    """Share of truth actions with an event of another label inside their matching window."""
    truths = [(truth, recording) for recording in recordings for truth in recording["truth"]]
    wrong = sum(any(event["label"] != truth["label"] and _inside(event, truth) for event in recording["events"])
                for truth, recording in truths)
    return wrong / len(truths) if truths else None


def _prf(matched, false, truths):
    precision = matched / (matched + false) if matched + false else 0.0
    recall = matched / truths if truths else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def figures(recordings):
    """precision, recall, F1 (pooled and per class), latency and false events per minute."""
    pairs, false_events, truths, frames = [], [], [], 0
    for recording in recordings:
        recording_pairs, recording_false = match(recording)
        pairs += recording_pairs
        false_events += recording_false
        truths += recording["truth"]
        frames += recording["n_frames"]
    latencies = [event["frame"] / FPS - truth["start"] / FPS for event, truth in pairs]
    result = _prf(len(pairs), len(false_events), len(truths))
    custom = sorted(({t["label"] for t in truths} | {e["label"] for e in false_events}) - set(ACTIONS))
    result["per_class"] = {}
    for label in list(ACTIONS) + custom:  # custom moves (player profiles) after the built-in ones
        counts = {"n_matched": sum(t["label"] == label for _, t in pairs),
                  "n_false": sum(e["label"] == label for e in false_events),
                  "n_truth": sum(t["label"] == label for t in truths)}
        result["per_class"][label] = _prf(counts["n_matched"], counts["n_false"], counts["n_truth"]) | counts
    result["latency_median_s"] = float(np.median(latencies)) if latencies else None
    result["latency_p90_s"] = float(np.percentile(latencies, 90)) if latencies else None
    minutes = frames / FPS / 60
    result["false_events_per_min"] = len(false_events) / minutes if minutes else 0.0
    result["n_truth"], result["n_matched"], result["n_false"] = len(truths), len(pairs), len(false_events)
    return result


def report_recording(stream, events):
    """The EVALUATION.md row of a recording (a EvalStream with truth actions): its events beside its truth."""
    return stream.identity | {"n_frames": stream.n_frames,
                              "truth": [{"label": label, "start": start, "end": end} for label, start, end in
                                        stream.truth], "events": events}


def stream_report(streams, probabilities_for, decoder):
    """The EVALUATION.md report: every recording (EvalStream) streamed, events beside truth.

    probabilities_for(stream) gives its per-frame probabilities from a recognizer that may see that
    person (the shipped one, or one trained without them); decoder turns them into events.
    """
    recordings = [report_recording(stream, decode(decoder, probabilities_for(stream))) for stream in streams]
    return {"recordings": recordings} | figures(recordings)


def by_subject(streams):
    """{subject: [EvalStream]}, subjects in order."""
    grouped = {}
    for stream in streams:
        grouped.setdefault(stream.subject, []).append(stream)
    return dict(sorted(grouped.items()))


def grid_settings(grid, settings_class=DecoderSettings):
    """Every combination of a grid ({name: [values]}) as a settings dict, each checked by settings_class."""
    names = sorted(grid)
    combinations = [dict(zip(names, values)) for values in itertools.product(*(grid[name] for name in names))]
    for settings in combinations:
        settings_class(**settings)
    return combinations


def decoder_grid(streams, probabilities_for, labels, grid):
    """Streaming figures for every decoder setting in grid ({name: [values]}), best F1 first."""
    rows = []
    for settings in grid_settings(grid):
        decoder = EventDecoder(labels, DecoderSettings(**settings))
        report = stream_report(streams, probabilities_for, decoder)
        rows.append(settings | {key: report[key] for key in ("f1", "precision", "recall", "latency_median_s",
                                                             "latency_p90_s", "false_events_per_min")})
    return sorted(rows, key=lambda row: -row["f1"])


def _best(scored, max_false_per_min):
    """The index of the highest F1 among figures with at most max_false_per_min false events a minute (the
    fewest false events when none has so few)."""
    allowed = [i for i, row in enumerate(scored) if row["false_events_per_min"] <= max_false_per_min]
    if not allowed:
        return min(range(len(scored)), key=lambda i: scored[i]["false_events_per_min"])
    return max(allowed, key=lambda i: scored[i]["f1"])


def nested_choice(streams, probabilities_for, labels, grid, max_false_per_min=1.0):
    """Decoder settings chosen without the actor they are scored on: for each actor, the best setting of the
    grid (by _best) on the other actors' recordings decodes that actor's. Returns the pooled report of
    those decodings with the choice per actor, and the choice on every actor (the one to ship)."""
    streams_by_actor = by_subject(streams)

    def run(setting, actor):
        decoder = EventDecoder(labels, DecoderSettings(**setting))
        return [report_recording(r, decode(decoder, probabilities_for(r))) for r in streams_by_actor[actor]]
    pooled, chosen, everyone, figures_everyone = nested.nested_choice(
        list(streams_by_actor), grid_settings(grid), run, figures, lambda scored: _best(scored, max_false_per_min))
    return {"recordings": pooled} | figures(pooled) | {
        "chosen_per_actor": {str(actor): setting for actor, setting in chosen.items()},
        "max_false_per_min": max_false_per_min, "chosen_on_every_actor": everyone,
        "every_actor_figures": {key: figures_everyone[key] for key in ("f1", "precision", "recall",
                                                                       "latency_median_s", "false_events_per_min")}}


def summary(result):
    """One line of a report's figures; recordings without truth actions have no recall or latency."""
    false_rate = f"{result['false_events_per_min']:.2f} false events/min"
    if not result["n_truth"]:
        return f"no actions in these recordings: {result['n_false']} false events, {false_rate}"
    latency = ("no action found, so no latency" if result["latency_median_s"] is None else
               f"latency median {result['latency_median_s']:.3f} s, p90 {result['latency_p90_s']:.3f} s")
    return (f"F1 {result['f1']:.3f} (precision {result['precision']:.3f}, recall {result['recall']:.3f}), "
            f"{latency}, {false_rate}")
