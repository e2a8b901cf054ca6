"""Clip streams of ../shared/EVALUATION.md (MSR Action3D, UTD-MHAD): each clip streamed on its own, frame by
frame at its own rate, after LEAD_IN_S of its first frame held still, so that the window is full before the
move. Target recall, wrong-label rate, and false events per minute of non-target motion."""

import numpy as np

from recognizer.evaluation import streaming

LEAD_IN_S = 1.0


def with_lead_in(skeletons, times):
    """(skeletons, times, n_lead): the clip after LEAD_IN_S of its first frame held still, at the clip's own
    frame rate (its median time step)."""
    step = float(np.median(np.diff(times)))
    n_lead = int(round(LEAD_IN_S / step))
    lead_times = times[0] - step * np.arange(n_lead, 0, -1)
    return (np.concatenate([np.repeat(skeletons[:1], n_lead, axis=0), skeletons]),
            np.concatenate([lead_times, times]), n_lead)


def clip_probabilities(recognizer, clip):
    """(n_lead + T, n_classes): the clip's per-frame probabilities, its lead-in first."""
    skeletons, times, _ = with_lead_in(clip.skeletons, clip.times)
    return recognizer.head_proba(streaming.sequence_features(recognizer, skeletons, times))


def clip_row(clip, probabilities, decoder):
    """The report row of one SkeletonClip: its accepted labels, its events decoded from its probabilities
    (frames counted from the lead-in's first frame, time_s in the clip's own time) and its seconds without
    the lead-in."""
    _, times, n_lead = with_lead_in(clip.skeletons, clip.times)
    events = [event | {"time_s": round(float(times[event["frame"]]), 4)}
              for event in streaming.decode(decoder, probabilities, times)]
    return {"dataset": clip.dataset, "name": clip.name, "subject": clip.subject, "action": clip.action,
            "labels": sorted(clip.labels), "lead_in_frames": n_lead, "seconds": clip.seconds, "events": events}


def stream_clip(recognizer, decoder, clip):
    return clip_row(clip, clip_probabilities(recognizer, clip), decoder)


def verdict(row):
    """A target clip is recognised with at least one event of its labels and none of another label; it has a
    wrong label with any event of another label. Non-target clips are neither."""
    labels, fired = set(row["labels"]), {event["label"] for event in row["events"]}
    return {"recognised": bool(labels) and bool(fired & labels) and fired <= labels,
            "wrong_label": bool(labels) and bool(fired - labels)}


def figures(rows):
    """target_recall, wrong_label_rate, false_events_per_min (every event of a non-target clip, over their
    minutes without lead-ins), non_target_minutes, n_target and n_non_target."""
    targets = [row for row in rows if row["labels"]]
    others = [row for row in rows if not row["labels"]]
    verdicts = [verdict(row) for row in targets]
    minutes = sum(row["seconds"] for row in others) / 60
    false_events = sum(len(row["events"]) for row in others)
    return {"target_recall": sum(v["recognised"] for v in verdicts) / len(targets) if targets else None,
            "wrong_label_rate": sum(v["wrong_label"] for v in verdicts) / len(targets) if targets else None,
            "false_events_per_min": false_events / minutes if minutes else None,
            "non_target_minutes": minutes, "n_target": len(targets), "n_non_target": len(others)}
