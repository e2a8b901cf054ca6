"""Prompted play on labelled video clips (../shared/EVALUATION.md): the label file, its bad input, the prompts of a
clip, and `evaluate-play --clips` on real clips through BlazePose."""

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recognizer.cli import main
from recognizer.datasets import labelled_clips
from recognizer.errors import DatasetError
from recognizer.evaluation import clip_play
from recognizer.evaluation.eval_streams import EvalStream
from recognizer.runtime.labels import ACTIONS


def write(folder, text, files=("a.avi", "b.avi")):
    for name in files:
        (folder / name).write_bytes(b"not read here")
    path = folder / "labels.csv"
    path.write_text(text)
    return path


def test_a_label_file_gives_each_clip_the_moves_that_count(tmp_path):
    path = write(tmp_path, "file,move,person,notes\na.avi,punch,Ann,boxing\nb.avi,,Ben,walking\n")
    first, second = labelled_clips.read_labels(path)
    assert first.path == tmp_path / "a.avi" and first.labels == {"punch_left", "punch_right"} and first.person == "Ann"
    assert second.labels == frozenset() and second.row["notes"] == "walking"
    assert labelled_clips.read_labels(write(tmp_path, "file,move\na.avi,kick_left\n"))[0].labels == {"kick_left"}


@pytest.mark.parametrize("text, named", [("name,move\na.avi,wave\n", "no file column"),
                                         ("file,move\na.avi,jab\n", "line 2: move 'jab'"),
                                         ("file,move\nmissing.avi,wave\n", "missing.avi is not a file"),
                                         ("file,move\n", "no clips listed"),
                                         ("file,move\n,wave\n", "line 2: no file named")])
def test_a_bad_label_file_is_named_in_one_line(tmp_path, text, named):
    path = write(tmp_path, text)
    with pytest.raises(DatasetError, match=named) as raised:
        labelled_clips.read_labels(path)
    assert str(path) in str(raised.value) and "\n" not in str(raised.value)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_text_as_a_label_file_is_read_or_named(tmp_path, text):
    path = tmp_path / "labels.csv"
    path.write_bytes(text.encode("utf-8", "replace"))
    try:
        labelled_clips.read_labels(path)
    except DatasetError as error:
        assert str(path) in str(error)


def stream(labels):
    return EvalStream("clips", "c.avi", 0, np.zeros((40, 15, 3)), np.arange(40) / 30,
                      {"name": "c.avi", "action": "x"}, labels=frozenset(labels), n_lead=30)


def test_a_move_clip_is_one_prompt_and_a_clip_without_one_an_idle_prompt_per_move():
    [prompt] = clip_play.prompts(stream({"punch_left", "punch_right"}))
    assert (prompt.kind, prompt.label, prompt.open_frame, prompt.close_frame) == (
        "move", ("punch_left", "punch_right"), 30, 40)  # from the lead-in's end to the clip's last frame
    idle = clip_play.prompts(stream(set()))
    assert [p.label for p in idle] == list(ACTIONS) and {(p.kind, p.open_frame, p.close_frame) for p in idle} == {
        ("idle", 30, 40)}


def test_evaluate_play_on_labelled_real_clips(real_clips_dir, tmp_path, capsys):
    labels = tmp_path / "labels.csv"  # two of the real clips: a clap and someone walking
    labels.write_text(f"file,move\n{real_clips_dir / 'claping.avi'},clap\n{real_clips_dir / 'walking.avi'},\n")
    out = tmp_path / "clips.json"
    assert main(["evaluate-play", "--clips", str(labels), "--json", str(out), "--workers", "1"]) == 0
    result = json.loads(out.read_text())
    assert result["n_move_prompts"] == 1 and result["n_idle_prompts"] == 7
    clap = next(clip for clip in result["clips"] if clip["file"].endswith("claping.avi"))
    [move] = [entry for entry in result["prompts"] if entry["kind"] == "move"]
    assert (move["label"], move["verdict"]) == ("clap", clap["verdict"])
    assert result["hit_rate"] == (clap["verdict"] == "HIT")
    idle = [entry for entry in result["prompts"] if entry["kind"] == "idle"]
    assert sorted(entry["label"] for entry in idle) == sorted(ACTIONS)  # each move its own idle prompt
    assert result["idle_false_rate"] == sum(entry["verdict"] != "MISS" for entry in idle) / 7
    assert all(set(entry) >= {"file", "kind", "label", "verdict", "event"} for entry in result["prompts"])
    assert f"claping.avi: clap -> {clap['verdict']}" in capsys.readouterr().out


def test_evaluate_play_names_a_bad_label_file(tmp_path, capsys):
    assert main(["evaluate-play", "--clips", str(tmp_path / "none.csv"), "--json", str(tmp_path / "o.json")]) == 2
    assert "none.csv" in capsys.readouterr().err
