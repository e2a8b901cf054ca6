"""Prompted play of ../shared/EVALUATION.md on a recording worked by hand, and the command on real G3D."""

import json

import numpy as np
import pytest

from recognizer.cli import main
from recognizer.evaluation import prompted_play, set_reports
from recognizer.evaluation.eval_streams import EvalStream
from recognizer.evaluation.prompted_play import Prompt
from recognizer.runtime.judge import JudgeSettings, PromptJudge

LABELS = ["background", "kick_left", "punch_left", "punch_right", "wave"]
TRUTH = [("punch_right", 30, 30), ("wave", 200, 260), ("kick_left", 280, 280)]
RECORDING = EvalStream("g3d", "3_7", 3, np.zeros((600, 15, 3)), np.arange(600) / 30, {"actor": 3, "first_id": 7},
                       TRUTH)


def test_move_and_idle_prompts_of_a_recording():
    assert prompted_play.prompts(TRUTH, 600) == [
        Prompt("move", "punch_right", 0, 60, 30),  # 1.5 s before frame 30 is before the recording: from frame 0
        Prompt("move", "wave", 155, 290, 200),
        Prompt("move", "kick_left", 290, 310, 280),  # not before the wave's prompt closed
        # 60-155 is under 4 s; from the kick's window on (280 + 30), 4 s prompts back to back, labels in turn.
        Prompt("idle", "punch_left", 310, 430), Prompt("idle", "punch_right", 430, 550)]


def stream(hot):
    """600 frames of background, with {label: (first, last)} frames at probability 1."""
    probabilities = np.zeros((600, len(LABELS)))
    probabilities[:, 0] = 1.0
    for label, (first, last) in hot.items():
        probabilities[first:last + 1] = 0.0
        probabilities[first:last + 1, LABELS.index(label)] = 1.0
    return probabilities


def test_verdicts_and_figures_worked_by_hand():
    probabilities = stream({"punch_right": (25, 35), "kick_left": (295, 300), "wave": (400, 410)})
    judge = PromptJudge(LABELS, JudgeSettings(hit_on=0.6, wrong_on=0.9, rearm=0.3, smoothing_s=1e-6))
    rows = prompted_play.play(RECORDING, probabilities, judge)
    assert [(r["kind"], r["label"], r["verdict"], r["event"]) for r in rows] == [
        ("move", "punch_right", "HIT", {"label": "punch_right", "frame": 25}),
        ("move", "wave", "MISS", None),
        ("move", "kick_left", "HIT", {"label": "kick_left", "frame": 295}),
        ("idle", "punch_left", "WRONG", {"label": "wave", "frame": 400}),  # a move the player was not asked for
        ("idle", "punch_right", "MISS", None)]
    assert rows[0]["recording"] == {"actor": 3, "first_id": 7}
    figures = prompted_play.figures(rows)
    assert figures["hit_rate"] == pytest.approx(2 / 3) and figures["wrong_rate"] == 0.0
    assert figures["idle_false_rate"] == 0.5
    assert figures["median_reaction_s"] == pytest.approx(((25 - 30) / 30 + (295 - 280) / 30) / 2)


def test_the_first_event_judge_runs_on_the_decoders_events():
    probabilities = stream({"punch_right": (25, 35), "wave": (330, 345)})
    rows = prompted_play.play(RECORDING, probabilities, *prompted_play.make_judge("first-event", LABELS))
    verdicts = [(r["label"], r["verdict"], r["event"] and r["event"]["label"]) for r in rows]
    assert verdicts[0] == ("punch_right", "HIT", "punch_right")
    assert verdicts[3] == ("punch_left", "WRONG", "wave")  # the decoder's wave event decides the idle prompt


@pytest.fixture
def background_probabilities(tmp_path, g3d_data):
    """Every G3D recording at background only, saved as evaluate-stream --save-probabilities saves them."""
    return save_background(tmp_path / "probabilities.npz", g3d_data)


def save_background(path, recordings_by_actor):
    from recognizer.evaluation import folds
    labels = ["background", "clap", "flap", "kick_left", "kick_right", "punch_left", "punch_right", "wave"]
    folds.save({f"g3d {actor}": ({f"{actor}_{r.first_id}": np.tile(np.eye(len(labels))[0], (r.n_frames, 1))
                                  for r in recordings}, labels) for actor, recordings in recordings_by_actor.items()},
               path)
    return path


def test_evaluate_play_and_tune_judge_on_real_g3d_recordings(tmp_path, g3d_dir, background_probabilities):
    report = tmp_path / "play.json"
    assert main(["evaluate-play", "--g3d", str(g3d_dir), "--from-probabilities", str(background_probabilities),
                 "--json", str(report)]) == 0
    result = json.loads(report.read_text())
    # A recognizer that never sees a move: every move prompt is a MISS, and no idle prompt gets a verdict.
    assert result["hit_rate"] == 0.0 and result["wrong_rate"] == 0.0 and result["idle_false_rate"] == 0.0
    assert result["n_move_prompts"] == 168 and result["n_idle_prompts"] > 100
    assert set(result["prompts"][0]) >= {"recording", "kind", "label", "open_frame", "close_frame", "verdict", "event"}
    tuned = tmp_path / "tuned.json"
    assert main(["tune-judge", "--g3d", str(g3d_dir), "--from-probabilities", str(background_probabilities),
                 "--hit-on", "0.8", "0.9", "--wrong-on", "1.0", "--rearm", "0.3", "--smoothing-s", "0.1",
                 "--json", str(tuned)]) == 0
    nested = json.loads(tuned.read_text())
    assert len(nested["chosen_per_actor"]) == 8 and nested["chosen_on_every_actor"]["wrong_on"] == 1.0


def test_tune_judge_names_a_setting_out_of_range(tmp_path, capsys):
    assert main(["tune-judge", "--from-probabilities", str(tmp_path / "none.npz"), "--hit-on", "1.5",
                 "--json", str(tmp_path / "x.json")]) == 2
    assert "judge setting hit_on must be in (0, 1], not 1.5" in capsys.readouterr().err


def clip(labels, n_frames=60, n_lead=30, name="c"):
    return EvalStream("kinder_gator", name, 1, np.zeros((n_lead + n_frames, 15, 3)),
                      (np.arange(n_lead + n_frames) - n_lead) / 30, {"name": name}, labels=frozenset(labels),
                      n_lead=n_lead, seconds=n_frames / 30)


def test_clip_streams_prompt_once_each_and_idle_clips_take_the_labels_in_turn():
    labels = ["background", "punch_left", "punch_right", "wave"]
    hot = np.tile(np.eye(4)[0], (90, 1))
    waving = hot.copy()
    waving[50:60] = np.eye(4)[3]  # a wave 20 frames after the lead-in
    punching = hot.copy()
    punching[10:20] = np.eye(4)[1]  # a punch during the lead-in: before the prompt opens, no answer
    right_punch = hot.copy()
    right_punch[70:80] = np.eye(4)[2]  # a clip where either punch counts, answered with the right
    scored = [(clip({"wave"}, name="w"), waving, labels), (clip(set(), name="a"), hot, labels),
              (clip(set(), name="b"), punching, labels),
              (clip({"punch_left", "punch_right"}, name="p"), right_punch, labels)]
    settings = JudgeSettings(hit_on=0.6, wrong_on=1.0, rearm=0.3, smoothing_s=1e-6)
    report = set_reports.set_report(scored, judge_settings=settings)
    rows = report["prompts"]
    assert [(r["kind"], r["label"], r["open_frame"], r["close_frame"], r["verdict"]) for r in rows] == [
        ("move", "wave", 30, 120, "HIT"), ("idle", "punch_left", 30, 120, "MISS"),
        ("idle", "punch_right", 30, 120, "MISS"), ("move", ("punch_left", "punch_right"), 30, 120, "HIT")]
    assert rows[0]["reaction_s"] == pytest.approx(20 / 30)  # from the prompt's opening: a clip marks no start
    assert rows[3]["event"] == {"label": "punch_right", "frame": 70}
    assert report["play"] == {"hit_rate": 1.0, "wrong_rate": 0.0, "idle_false_rate": 0.0,
                              "median_reaction_s": pytest.approx(30 / 30), "n_move_prompts": 2, "n_idle_prompts": 2}


def test_a_set_without_idle_or_move_prompts_gives_none_for_what_it_cannot_compute():
    labels = ["background", "wave"]
    only_moves = set_reports.set_report([(clip({"wave"}), np.tile([1.0, 0.0], (90, 1)), labels)])
    assert only_moves["play"]["idle_false_rate"] is None and only_moves["play"]["hit_rate"] == 0.0
    only_idle = set_reports.set_report([(clip(set()), np.tile([1.0, 0.0], (90, 1)), labels)])
    assert only_idle["play"]["hit_rate"] is None and only_idle["play"]["idle_false_rate"] == 0.0
    assert "hit rate -" in prompted_play.summary(only_idle["play"])
    assert "idle false-verdict rate -" in prompted_play.summary(only_moves["play"])


def test_evaluate_play_on_recordings_without_idle_prompts(tmp_path, g3d_dir, g3d_data, capsys):
    """Two short recordings (a punch each, no 4 s stretch free of move prompts): the report is written, idle_false_rate
    is null, and the command does not fail after writing it."""
    from recognizer.datasets import g3d
    small = tmp_path / "g3d"
    for path in sorted((g3d_dir / "1").glob("*/*.json"), key=lambda p: int(p.stem))[:2]:
        (small / "1" / path.parent.name).mkdir(parents=True, exist_ok=True)
        (small / "1" / path.parent.name / path.name).symlink_to(path)
    saved = save_background(tmp_path / "p.npz", g3d.load(small))
    report = tmp_path / "play.json"
    assert main(["evaluate-play", "--g3d", str(small), "--from-probabilities", str(saved), "--json", str(report)]) == 0
    result = json.loads(report.read_text())
    assert result["n_idle_prompts"] == 0 and result["idle_false_rate"] is None and result["n_move_prompts"] >= 1
    assert "idle false-verdict rate -" in capsys.readouterr().out
