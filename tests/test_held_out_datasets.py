"""Leave-one-dataset-out: left-out labels, wrong labels in streams, MSRC-12 on an even grid, the report and its
saved probabilities, on cases worked by hand; and the command on real data from saved probabilities."""

import json

import numpy as np
import pytest

from recognizer.cli import main
from recognizer.datasets import msrc12_kick
from recognizer.evaluation import held_out_datasets, streaming
from recognizer.runtime.decoder import DecoderSettings


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


class Clip:
    """What dataset_report reads of a clip (as skeleton_clips.SkeletonClip has it)."""

    def __init__(self, name, labels, n_frames, fps=15.0):
        self.dataset, self.name, self.subject, self.action = "msr_action3d", name, 1, 1
        self.labels = frozenset(labels)
        self.skeletons = np.zeros((n_frames, 15, 3), np.float32)
        self.times = np.arange(n_frames) / fps
        self.seconds = n_frames / fps


def test_a_clip_dataset_report_from_probabilities_worked_by_hand():
    labels = ["background", "clap", "wave"]
    clips = [Clip("waving", {"wave"}, 30), Clip("jogging", set(), 45)]
    n_lead = 15  # 1.0 s at 15 fps
    waving = np.tile([1.0, 0.0, 0.0], (n_lead + 30, 1))
    waving[n_lead + 10:n_lead + 20] = [0.0, 0.0, 1.0]  # a wave while the clip plays: recognised
    jogging = np.tile([1.0, 0.0, 0.0], (n_lead + 45, 1))
    jogging[n_lead + 20:n_lead + 30] = [0.0, 1.0, 0.0]  # a clap in non-target motion: one false event
    probabilities = {"msr_action3d": ({"waving": waving, "jogging": jogging}, labels)}
    settings = DecoderSettings(on=0.9, off=0.5, smoothing_s=0.05, cooldown_s=1.0, settle_s=0.0)
    result = held_out_datasets.report({"msr_action3d": clips}, probabilities, settings)
    assert result["datasets"]["msr_action3d"] == {"target_recall": 1.0, "wrong_label_rate": 0.0,
                                                   "false_events_per_min": pytest.approx(1 / (3.0 / 60)),
                                                   "non_target_minutes": pytest.approx(3.0 / 60),
                                                   "n_target": 1, "n_non_target": 1}


def test_saved_fold_probabilities_read_back_the_same(tmp_path):
    probabilities = {"g3d": ({"1_5": np.eye(3)[:2]}, ["background", "clap", "wave"]),
                     "msrc12_kick": ({"P1_1_12_p01": np.ones((4, 2)) / 2}, ["background", "kick_right"])}
    held_out_datasets.save_probabilities(probabilities, tmp_path / "p.npz")
    with np.load(tmp_path / "p.npz") as arrays:
        loaded = held_out_datasets.load_probabilities(arrays)
    assert set(loaded) == set(probabilities)
    for name, (found, labels) in probabilities.items():
        assert loaded[name][1] == labels
        assert all(np.array_equal(loaded[name][0][key], value) for key, value in found.items())


def test_evaluate_datasets_names_a_probabilities_file_that_lacks_a_dataset(tmp_path, other_datasets_dir, capsys):
    saved = tmp_path / "p.npz"
    held_out_datasets.save_probabilities({"g3d": ({}, ["background"])}, saved)
    code = main(["evaluate-datasets", "--hold-out", "utd_mhad", "--utd-mhad", str(other_datasets_dir / "utd_mhad"),
                 "--from-probabilities", str(saved), "--json", str(tmp_path / "r.json")])
    assert code == 2 and f"{saved}: no probabilities for utd_mhad" in capsys.readouterr().err


def test_evaluate_datasets_writes_its_json_and_png_from_saved_probabilities(tmp_path, other_datasets_dir, shipped_model,
                                                                          capsys):
    """The whole path on two real MSRC-12 sequences, with the shipped model's probabilities saved as a fold's;
    a file lacking one sequence is named."""
    folder = tmp_path / "msrc12_kick"
    folder.mkdir()
    for name in ("P1_1_12A_p06", "P1_1_12_p06"):
        for suffix in (".csv.gz", ".tagstream"):
            (folder / (name + suffix)).symlink_to(other_datasets_dir / "msrc12_kick" / (name + suffix))
    items, _ = held_out_datasets.test_items("msrc12_kick", folder)
    found = {held_out_datasets.item_key("msrc12_kick", item):
             held_out_datasets.item_probabilities(shipped_model, "msrc12_kick", item) for item in items}
    saved = tmp_path / "p.npz"
    held_out_datasets.save_probabilities({"msrc12_kick": (found, list(shipped_model.classes_))}, saved)
    report = tmp_path / "r.json"
    command = ["evaluate-datasets", "--hold-out", "msrc12_kick", "--msrc12-kick", str(folder),
               "--from-probabilities", str(saved), "--json", str(report)]
    assert main(command) == 0
    result = json.loads(report.read_text())
    figures = result["datasets"]["msrc12_kick"]
    assert set(figures) >= {"target_recall", "wrong_label_rate", "false_events_per_min", "non_target_minutes",
                            "n_target", "n_non_target"}
    assert figures["n_target"] == sum(len(s.kicks) for s in items) > 10
    assert report.with_suffix(".png").stat().st_size > 10_000
    held_out_datasets.save_probabilities({"msrc12_kick": (dict(list(found.items())[:1]), ["background"])}, saved)
    assert main(command) == 2
    assert f"{saved}: no probabilities for msrc12_kick {items[1].name}" in capsys.readouterr().err
