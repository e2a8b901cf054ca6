"""Clip streams of ../shared/EVALUATION.md (MSR Action3D, UTD-MHAD, Kinder-Gator, the webcam videos): each clip
streamed on its own, frame by frame at its own rate, after its still lead-in (eval_streams.with_lead_in).
Target recall, wrong-label rate, and false events per minute of non-target motion."""

from recognizer.evaluation import streaming


def clip_row(stream, probabilities, decoder):
    """The report row of one clip (a EvalStream): its accepted labels, its events decoded from its probabilities
    (frames counted from the lead-in's first frame, time_s in the clip's own time) and its seconds without the
    lead-in."""
    events = [event | {"time_s": round(float(stream.times[event["frame"]]), 4)}
              for event in streaming.decode(decoder, probabilities, stream.times, stream.visible)]
    return stream.identity | {"labels": sorted(stream.labels), "lead_in_frames": stream.n_lead,
                              "seconds": stream.seconds, "events": events}


def verdict(row):
    """A target clip is recognised with at least one event of its labels and none of another label; it has a
    wrong label with any event of another label. Non-target clips are neither."""
    labels, fired = set(row["labels"]), {event["label"] for event in row["events"]}
    return {"recognised": bool(labels) and bool(fired & labels) and fired <= labels,
            "wrong_label": bool(labels) and bool(fired - labels)}


def figures(rows):
    """target_recall, wrong_label_rate, false_events_per_min (every event of a non-target clip, over their
    minutes without lead-ins), non_target_minutes, n_target and n_non_target; None for a figure without clips
    to compute it from."""
    targets = [row for row in rows if row["labels"]]
    others = [row for row in rows if not row["labels"]]
    verdicts = [verdict(row) for row in targets]
    minutes = sum(row["seconds"] for row in others) / 60
    false_events = sum(len(row["events"]) for row in others)
    return {"target_recall": sum(v["recognised"] for v in verdicts) / len(targets) if targets else None,
            "wrong_label_rate": sum(v["wrong_label"] for v in verdicts) / len(targets) if targets else None,
            "false_events_per_min": false_events / minutes if minutes else None,
            "non_target_minutes": minutes, "n_target": len(targets), "n_non_target": len(others)}
