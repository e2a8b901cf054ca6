import json

import numpy as np
import pytest

from recognizer.evaluation import eval_streams, streaming
from recognizer.runtime.decoder import EventDecoder


def recording(truth, events, n_frames=900):
    return {"actor": 1, "first_id": 0, "n_frames": n_frames,
            "truth": [{"label": label, "start": s, "end": e} for label, s, e in truth],
            "events": [{"label": label, "frame": f, "confidence": 0.9} for label, f in events]}


def test_matching_follows_the_evaluation_rules():
    rec = recording(truth=[("punch_left", 100, 100), ("wave", 300, 360), ("kick_right", 600, 600)],
                    events=[("punch_left", 90), ("punch_left", 104),  # the earliest matches, the second is false
                            ("wave", 290), ("wave", 340), ("wave", 372),  # further waves in the window: ignored
                            ("wave", 400),  # after the window (360 + 15 frames): false
                            ("kick_left", 600)])  # wrong side: false, and the kick_right is missed
    pairs, false_events = streaming.match(rec)
    assert [(e["label"], e["frame"]) for e, _ in pairs] == [("punch_left", 90), ("wave", 290)]
    assert [(e["label"], e["frame"]) for e in false_events] == [("punch_left", 104), ("wave", 400), ("kick_left", 600)]
    result = streaming.figures([rec])
    assert result["precision"] == pytest.approx(2 / 5) and result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(2 * (2 / 5) * (2 / 3) / (2 / 5 + 2 / 3))
    assert result["latency_median_s"] == pytest.approx((-10 / 30 - 10 / 30) / 2)
    assert result["false_events_per_min"] == pytest.approx(3 / (900 / 30 / 60))
    assert result["per_class"]["kick_right"]["recall"] == 0.0


def test_events_outside_half_a_second_do_not_match():
    pairs, false_events = streaming.match(recording([("clap", 100, 100)], [("clap", 116)]))
    assert pairs == [] and len(false_events) == 1
    pairs, _ = streaming.match(recording([("clap", 100, 100)], [("clap", 115)]))
    assert len(pairs) == 1


def figures_by_hand(recordings):
    """EVALUATION.md's figures from a report's recordings, worked out here apart from recognizer.evaluation: an event
    matches a truth action of its label within 0.5 s of it, the earliest one only; other events of a matched wave,
    clap or flap's label inside its window are ignored; the rest are false."""
    matched = false = truths = frames = 0
    for recording in recordings:
        frames += recording["n_frames"]
        truths += len(recording["truth"])
        used = set()
        for truth in recording["truth"]:
            inside = [index for index, event in enumerate(sorted(recording["events"], key=lambda e: e["frame"]))
                      if index not in used and event["label"] == truth["label"]
                      and truth["start"] - 15 <= event["frame"] <= truth["end"] + 15]
            if inside:
                used.add(inside[0])
                matched += 1
        for index, event in enumerate(sorted(recording["events"], key=lambda e: e["frame"])):
            cyclic_inside = any(truth["label"] == event["label"] in ("wave", "clap", "flap")
                                and truth["start"] - 15 <= event["frame"] <= truth["end"] + 15
                                for truth in recording["truth"])
            false += index not in used and not cyclic_inside
    precision = matched / (matched + false) if matched + false else 0.0
    recall = matched / truths if truths else 0.0
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "false_events_per_min": false / (frames / 30 / 60)}


def test_a_real_report_can_be_recomputed_from_its_events(tmp_path, shipped_model, g3d_data):
    subset = [eval_streams.from_recording(r) for r in g3d_data[2][:6]]
    report = streaming.stream_report(subset, lambda r: streaming.stream_probabilities(shipped_model, r),
                                     EventDecoder(shipped_model.classes_))
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    reread = json.loads(path.read_text())
    recomputed = figures_by_hand(reread["recordings"])
    for key in ("precision", "recall", "f1", "false_events_per_min"):
        assert recomputed[key] == pytest.approx(reread[key])
    assert sum(len(r["truth"]) for r in reread["recordings"]) > 0
    assert all(set(e) == {"label", "frame", "confidence"} for r in reread["recordings"] for e in r["events"])


def test_evaluate_stream_cli_writes_the_report_and_redecodes_saved_probabilities(tmp_path, g3d_dir, capsys):
    from recognizer.cli import main
    small = tmp_path / "g3d"
    for path in sorted((g3d_dir / "2").glob("*/*.json"), key=lambda p: int(p.stem))[:12]:
        (small / "2" / path.parent.name).mkdir(parents=True, exist_ok=True)
        (small / "2" / path.parent.name / path.name).symlink_to(path)
    first, again, probabilities = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "p.npz"
    cache = ["--array-cache", str(tmp_path / "cache")]
    assert main(["evaluate-stream", "--g3d", str(small), "--json", str(first),
                 "--save-probabilities", str(probabilities)] + cache) == 0
    assert main(["evaluate-stream", "--g3d", str(small), "--json", str(again),
                 "--from-probabilities", str(probabilities)] + cache) == 0
    report, reread = (json.loads(path.read_text()) for path in (first, again))
    assert report.pop("seconds") >= 0 and reread.pop("seconds") >= 0
    assert report == reread
    assert report["recordings"] and all(r["actor"] == 2 for r in report["recordings"])
    assert report["play"]["n_move_prompts"] == sum(len(r["truth"]) for r in report["recordings"])
    output = capsys.readouterr().out
    assert "F1" in output and "prompted play: hit rate" in output and "G3D-7 accuracy" in output


def test_clip_accuracy_from_saved_streaming_probabilities_matches_the_model(shipped_model, g3d_data):
    from recognizer.evaluation import g3d_accuracy
    subset = {2: g3d_data[2][:6]}
    saved = {stream.key: streaming.stream_probabilities(shipped_model, stream)
             for stream in map(eval_streams.from_recording, subset[2])}
    from_saved = g3d_accuracy.evaluate_from_probabilities(subset, lambda r: saved[r.key], shipped_model.classes_)
    direct = g3d_accuracy.evaluate_shipped(shipped_model, subset)
    assert from_saved["n_instances"] == direct["n_instances"] > 0
    assert from_saved["confusion"] == direct["confusion"]


def test_nested_choice_scores_each_actor_with_settings_chosen_on_the_others():
    """Actors 1 and 2 each punch at frame 300 (probability 0.99) and shrug at frame 900 (0.93 punch): on 0.95
    passes the punch alone. Actor 3's punch only reaches 0.93, so on 0.9 is best for actor 3 alone, but
    the choice for actor 3 is made on actors 1 and 2, where on 0.9 fires on the shrugs."""
    from recognizer.datasets.g3d import Recording
    labels = ["background", "punch_right"]
    recordings, probabilities = [], {}
    for actor, peak in ((1, 0.99), (2, 0.99), (3, 0.93)):
        found = Recording(actor, 0, np.zeros((1200, 15, 3), np.float32), [(300, "PunchRight"), (900, "Defend")])
        p = np.zeros(1200)
        p[295:310] = peak
        if actor != 3:
            p[895:910] = 0.93
        probabilities[actor] = np.stack([1 - p, p], axis=1)
        recordings.append(eval_streams.from_recording(found))
    grid = {"on": [0.9, 0.95], "off": [0.5], "smoothing_s": [0.02], "cooldown_s": [1.0], "settle_s": [0.0]}
    result = streaming.nested_choice(recordings, lambda r: probabilities[r.subject], labels, grid,
                                     max_false_per_min=0.5)
    assert {actor: c["on"] for actor, c in result["chosen_per_actor"].items()} == {"1": 0.95, "2": 0.95, "3": 0.95}
    assert result["n_matched"] == 2 and result["n_false"] == 0 and result["recall"] == pytest.approx(2 / 3)
    assert [len(r["events"]) for r in result["recordings"]] == [1, 1, 0]


def test_a_whole_recording_scored_at_once_equals_the_live_pipeline_frame_by_frame(shipped_model, g3d_data):
    """Evaluation scores every frame's window in one batch (cached window features); the game scores one frame
    at a time from its history. Both must give the same probabilities, or evaluation measures another recognizer."""
    from recognizer.runtime.live import FramePipeline
    stream = eval_streams.from_recording(g3d_data[4][0])
    batched = streaming.stream_probabilities(shipped_model, stream)
    pipeline = FramePipeline(shipped_model)
    visible = np.ones(len(stream.skeletons[0]))
    live = np.stack([pipeline.score_skeleton(t, skeleton, visible).probabilities
                     for t, skeleton in zip(stream.times[:400], stream.skeletons[:400])])
    np.testing.assert_allclose(batched[:400], live, atol=1e-4)
