"""Leave-one-dataset-out: left-out labels, wrong labels in streams, MSRC-12 on an even grid, the report and its
saved probabilities, on cases worked by hand; and the command on real data from saved probabilities."""

import json

import numpy as np
import pytest

from recognizer.cli import main
from recognizer.datasets import msrc12_kick
from recognizer.errors import ReportError
from recognizer.evaluation import eval_streams, folds, held_out_datasets, streaming
from recognizer.runtime.decoder import DecoderSettings
from recognizer.runtime.judge import JudgeSettings


def event(label, frame):
    return {"label": label, "frame": frame, "confidence": 0.99}


def test_a_label_no_fold_model_knows_counts_neither_as_target_nor_as_miss():
    recording = {"n_frames": 600, "truth": [{"label": "flap", "start": 60, "end": 150},
                                            {"label": "wave", "start": 300, "end": 330}],
                 "events": [event("wave", 140),  # inside flap's window [1.5 s, 5.5 s]: ignored
                            event("clap", 170),  # 5.67 s: outside it, a false event
                            event("wave", 310)]}
    kept = streaming.without_labels(recording, {"flap"})
    assert kept["truth"] == [{"label": "wave", "start": 300, "end": 330}]
    assert kept["events"] == [event("clap", 170), event("wave", 310)]
    figures = streaming.figures([kept])
    assert (figures["n_truth"], figures["n_matched"], figures["n_false"]) == (1, 1, 1)


def test_wrong_label_rate_counts_truth_actions_with_another_label_in_their_window():
    recordings = [{"n_frames": 900, "truth": [{"label": "punch_left", "start": 90, "end": 90},
                                              {"label": "kick_right", "start": 450, "end": 450}],
                   "events": [event("punch_left", 95), event("punch_right", 100),  # wrong label too
                              event("kick_left", 480)]},  # 1.0 s after the kick: outside its 0.5 s window
                  {"n_frames": 300, "truth": [{"label": "wave", "start": 30, "end": 120}],
                   "events": [event("clap", 20)]}]  # 0.67 s, inside [1 s − 0.5 s, 4 s + 0.5 s]
    assert streaming.wrong_label_rate(recordings) == pytest.approx(2 / 3)
    assert streaming.wrong_label_rate([{"n_frames": 10, "truth": [], "events": []}]) is None


def test_msrc_sequences_go_onto_an_even_grid_with_their_kicks():
    times = np.array([0.0, 0.034, 0.066, 0.140, 0.200])  # uneven, with a gap
    skeletons = np.zeros((5, 15, 3), np.float32)
    skeletons[:, 0, 0] = times * 10  # a joint moving at 10 m/s, to check the interpolation
    sequence = msrc12_kick.KickSequence("P1_1_12_p01", 1, skeletons, times, [(3, "kick_right")])
    even = msrc12_kick.at_fps(sequence, 30.0)
    assert np.allclose(np.diff(even.times), 1 / 30) and even.times[-1] == pytest.approx(0.2)
    assert np.allclose(even.skeletons[:, 0, 0], even.times * 10, atol=1e-6)
    assert even.kicks == [(4, "kick_right")]  # 0.140 s is nearest grid frame 4 (0.133 s)


def clip(name, labels, n_frames, fps=15.0, subject=1, group=None):
    """An EvalStream of a clip of standing still, with its lead-in, as eval_streams.from_clip makes it."""
    from recognizer.datasets.skeleton_clips import SkeletonClip
    return eval_streams.from_clip(SkeletonClip("msr_action3d", name, subject, 1, frozenset(labels),
                                               np.zeros((n_frames, 15, 3), np.float32), np.arange(n_frames) / fps,
                                               group=group))


def test_a_clip_dataset_report_from_probabilities_worked_by_hand():
    labels = ["background", "clap", "wave"]
    streams = {"msr_action3d": [clip("waving", {"wave"}, 30), clip("jogging", set(), 45)]}
    n_lead = 15  # 1.0 s at 15 fps
    waving = np.tile([1.0, 0.0, 0.0], (n_lead + 30, 1))
    waving[n_lead + 10:n_lead + 20] = [0.0, 0.0, 1.0]  # a wave while the clip plays: recognised
    jogging = np.tile([1.0, 0.0, 0.0], (n_lead + 45, 1))
    jogging[n_lead + 20:n_lead + 30] = [0.0, 1.0, 0.0]  # a clap in non-target motion: one false event
    probabilities = {"msr_action3d": ({"waving": waving, "jogging": jogging}, labels)}
    settings = DecoderSettings(on=0.9, off=0.5, smoothing_s=0.05, cooldown_s=1.0, settle_s=0.0)
    judge = JudgeSettings(hit_on=0.9, wrong_on=1.0, rearm=0.3, smoothing_s=0.05)
    sets = held_out_datasets.held_out_sets(["msr_action3d"], [], streams)
    result = held_out_datasets.report(sets, probabilities, streams, settings, judge)["sets"]["msr_action3d"]
    assert result["streaming"] == {"target_recall": 1.0, "wrong_label_rate": 0.0,
                                   "false_events_per_min": pytest.approx(1 / (3.0 / 60)),
                                   "non_target_minutes": pytest.approx(3.0 / 60), "n_target": 1, "n_non_target": 1,
                                   "left_out_labels": ["flap", "kick_left", "kick_right", "punch_left", "punch_right"]}
    # prompted play: the wave prompt is a HIT; the jogging clip's idle prompt (punch_left, the first label) is not
    # answered by its clap, which is no punch and, with no WRONG at wrong_on 1.0, no verdict at all
    assert result["play"] == {"hit_rate": 1.0, "wrong_rate": 0.0, "idle_false_rate": 0.0,
                              "median_reaction_s": pytest.approx(10 / 15, abs=2 / 15), "n_move_prompts": 1,
                              "n_idle_prompts": 1}


def test_held_out_sets_add_the_children_and_adults_and_split_the_webcam_by_subject_when_trained_on():
    streams = {"kinder_gator": [], "webcam_gestures": [clip("a", set(), 5, subject=1), clip("b", set(), 5, subject=4)]}
    untrained = held_out_datasets.held_out_sets(["kinder_gator", "webcam_gestures"], ["g3d"], streams)
    assert {name: [fold.name for fold in folds] for name, folds in untrained.items()} == {
        "kinder_gator": ["kinder_gator"], "kinder_gator children": ["kinder_gator children"],
        "kinder_gator adults": ["kinder_gator adults"], "webcam_gestures": ["webcam_gestures"]}
    trained = held_out_datasets.held_out_sets(["webcam_gestures"], ["g3d", "webcam_gestures"], streams)
    assert [fold.name for fold in trained["webcam_gestures"]] == ["webcam_gestures 1", "webcam_gestures 4"]


def test_a_fold_trains_on_every_window_but_those_of_the_people_it_holds_out():
    from recognizer.training.window_sets import HeldOut, WindowSet, training_set
    kinder = WindowSet("kinder_gator", np.zeros((4, 2, 3), np.float16), np.array(["a", "b", "c", "d"]),
                       np.array([103, 565, 106, 604]), np.array(["children", "adults", "children", "adults"]))
    g3d = WindowSet("g3d", np.ones((3, 2, 3), np.float16), np.array(["e", "f", "g"]), np.array([1, 2, 3]),
                    np.array(["", "", ""]))
    X, y, people = training_set([kinder, g3d], [HeldOut("kinder_gator", group="children")])
    assert list(y) == ["b", "d", "e", "f", "g"] and X.dtype == np.float32
    assert list(people) == ["kinder_gator 565", "kinder_gator 604", "g3d 1", "g3d 2", "g3d 3"]
    _, y, _ = training_set([kinder, g3d], [HeldOut("g3d", (2,))])
    assert list(y) == ["a", "b", "c", "d", "e", "g"]
    _, y, _ = training_set([kinder, g3d], [HeldOut("kinder_gator")])
    assert list(y) == ["e", "f", "g"]


def test_saved_fold_probabilities_read_back_the_same_and_a_missing_stream_is_named(tmp_path):
    from recognizer.training.window_sets import HeldOut
    streams = {"msr_action3d": [clip("x", {"wave"}, 20), clip("y/z", set(), 20, subject=2)]}
    probabilities = {"msr_action3d": ({"x": np.eye(3)[:2], "y/z": np.ones((4, 3)) / 3}, ["background", "clap", "wave"])}
    timing = {"msr_action3d": {"seconds": 81.5, "n_windows": 1200, "epochs": 9}}
    folds.save(probabilities, tmp_path / "p.npz", timing)
    loaded, loaded_timing = folds.load(tmp_path / "p.npz", [HeldOut("msr_action3d")], streams)
    assert loaded_timing == timing
    assert loaded["msr_action3d"][1] == ["background", "clap", "wave"]
    assert all(np.array_equal(loaded["msr_action3d"][0][key], value.astype(np.float32))  # kept as float32
               for key, value in probabilities["msr_action3d"][0].items())
    with pytest.raises(ReportError, match="no probabilities for fold utd_mhad"):
        folds.load(tmp_path / "p.npz", [HeldOut("utd_mhad")], {"utd_mhad": []})
    streams["msr_action3d"].append(clip("w", set(), 20))
    with pytest.raises(ReportError, match="no probabilities for msr_action3d w"):
        folds.load(tmp_path / "p.npz", [HeldOut("msr_action3d")], streams)


def test_evaluate_datasets_writes_its_json_and_png_from_saved_probabilities(tmp_path, other_datasets_dir, shipped_model,
                                                                          capsys):
    """The whole path on two real MSRC-12 sequences, with the shipped model's probabilities saved as a fold's;
    a file lacking one sequence is named."""
    folder = tmp_path / "msrc12_kick"
    folder.mkdir()
    for name in ("P1_1_12A_p06", "P1_1_12_p06"):
        for suffix in (".csv.gz", ".tagstream"):
            (folder / (name + suffix)).symlink_to(other_datasets_dir / "msrc12_kick" / (name + suffix))
    streams, _ = eval_streams.load("msrc12_kick", folder)
    found = {stream.key: streaming.stream_probabilities(shipped_model, stream) for stream in streams}
    saved = tmp_path / "p.npz"
    folds.save({"msrc12_kick": (found, list(shipped_model.classes_))}, saved)
    report = tmp_path / "r.json"
    command = ["evaluate-datasets", "--hold-out", "msrc12_kick", "--msrc12-kick", str(folder),
               "--from-probabilities", str(saved), "--json", str(report)]
    assert main(command) == 0
    result = json.loads(report.read_text())
    figures = result["sets"]["msrc12_kick"]
    assert set(figures["streaming"]) >= {"target_recall", "wrong_label_rate", "false_events_per_min",
                                         "non_target_minutes", "n_target", "n_non_target"}
    assert figures["streaming"]["n_target"] == figures["play"]["n_move_prompts"] == sum(len(s.truth) for s in streams)
    assert figures["play"]["n_move_prompts"] > 10 and result["seconds"] >= 0
    assert report.with_suffix(".png").stat().st_size > 10_000
    assert "msrc12_kick: play hit rate" in capsys.readouterr().out
    folds.save({"msrc12_kick": (dict(list(found.items())[:1]), ["background"])}, saved)
    assert main(command) == 2
    assert f"{saved}: no probabilities for msrc12_kick {streams[1].key}" in capsys.readouterr().err
