"""Hard-negative mining: the moments where earlier cross-validated models fired wrongly become extra
no-move windows (hard points) of the streams they happened in.

The events come from reports of held-out data (evaluate-stream --cross-validate, evaluate-datasets): a false
event of a G3D or MSRC-12 recording, any event of a non-target clip, and an event of another label in a
target clip. A fold never trains on its own test data, so it never trains on the moments mined from it: they
are hard points of streams it leaves out.
"""

from dataclasses import replace

from recognizer.datasets.g3d import FPS
from recognizer.errors import ReportError
from recognizer.evaluation import streaming

# How far before a mined event its hard point goes (see with_mined).
MINED_LEAD_S = 0.3


def stream_key(dataset, row):
    """The key that joins a report row to its training stream (TrainingStream.key)."""
    return (dataset, f"{row['actor']}_{row['first_id']}" if dataset == "g3d" else row["name"])


def _mined_times(dataset, row):
    if "labels" in row:  # a clip stream: every event of non-target motion, other labels' events of a target clip
        return [event["time_s"] for event in row["events"] if event["label"] not in row["labels"]]
    _, false_events = streaming.match(row)
    return [event["frame"] / FPS for event in false_events]


def mined_points(reports):
    """{(dataset, stream key): [seconds]} of every wrong event in the reports: G3D leave-one-actor-out reports
    ({"recordings": [...]}) and leave-one-dataset-out ones ({"rows": {dataset: [...]}})."""
    mined = {}
    for report in reports:
        try:
            rows = report["rows"].items() if "rows" in report else [("g3d", report["recordings"])]
            for dataset, found in rows:
                for row in found:
                    times = _mined_times(dataset, row)
                    if times:
                        mined.setdefault(stream_key(dataset, row), []).extend(times)
        except (KeyError, TypeError) as error:
            raise ReportError(f"{report.get('path', 'a report')}: not a streaming report ({error!r} missing)") from None
    return mined


def with_mined(streams, mined):
    """The streams with their mined moments added as hard points, labelled with the stream's own motion. A
    hard point's windows end MINED_LEAD_S later than a distractor's (windows.hard_times): the decoder fires
    a little after the windows that misled it."""
    out = []
    for stream in streams:
        times = mined.get((stream.dataset, stream.key), [])
        if times:
            first, last = stream.times[0], stream.times[-1]
            points = [(min(max(t - MINED_LEAD_S, first), last), stream.motion) for t in times]
            stream = replace(stream, hard_points=list(stream.hard_points) + points)
        out.append(stream)
    return out
