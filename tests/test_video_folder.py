"""Video-folder datasets: scanning, cached pose extraction, training and grouped evaluation, on a folder
built at test time from the shared kick clips and their mirror images (a mirrored left kick is a right kick)."""

import json
import shutil

import cv2
import numpy as np
import pytest

from recognizer.cli import main
from recognizer.datasets import pose_cache, video_folder
from recognizer.errors import DatasetError
from recognizer.runtime.labels import BACKGROUND
from tests.test_game import run_game


def write_video(path, frames, fps):
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, frames[0].shape[1::-1])
    for frame in frames:
        writer.write(frame)
    writer.release()


def read_frames(path):
    capture = cv2.VideoCapture(str(path))
    frames, fps = [], capture.get(cv2.CAP_PROP_FPS)
    while (frame := capture.read()[1]) is not None:
        frames.append(frame)
    capture.release()
    return frames, fps


def build_kick_folder(root, clips_dir):
    """kick_<side>/original/<the shared clip> and kick_<other side>/mirrored/<its mirror image>."""
    for side, other in (("left", "right"), ("right", "left")):
        clip = clips_dir / f"g3d_kick_{side}.mp4"
        (root / f"kick_{side}" / "original").mkdir(parents=True)
        shutil.copy(clip, root / f"kick_{side}" / "original" / clip.name)
        frames, fps = read_frames(clip)
        write_video(root / f"kick_{other}" / "mirrored" / f"mirrored_{clip.stem}.avi",
                    [cv2.flip(frame, 1) for frame in frames], fps)
    return root


@pytest.fixture(scope="module")
def kicks(tmp_path_factory, clips_dir):
    return build_kick_folder(tmp_path_factory.mktemp("kicks"), clips_dir)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("pose_cache"))


@pytest.fixture(scope="module")
def first_extraction(kicks, cache, tmp_path_factory):
    report = tmp_path_factory.mktemp("reports") / "first.json"
    assert main(["extract", "--videos", str(kicks), "--cache", cache, "--json", str(report)]) == 0
    return json.loads(report.read_text())


def test_scan_finds_classes_and_groups(kicks):
    clips, notes = video_folder.scan(kicks)
    assert notes == []
    assert sorted((c.label, c.group, c.path.name) for c in clips) == [
        ("kick_left", "mirrored", "mirrored_g3d_kick_right.avi"), ("kick_left", "original", "g3d_kick_left.mp4"),
        ("kick_right", "mirrored", "mirrored_g3d_kick_left.avi"), ("kick_right", "original", "g3d_kick_right.mp4")]


def test_scan_ucf101_groups_background_folders_and_missing_folders(tmp_path):
    for name in ("Punch/v_Punch_g08_c01.avi", "Punch/v_Punch_g09_c02.AVI", "none/still.mp4", "notes/readme.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    clips, notes = video_folder.scan(tmp_path)
    assert sorted((c.label, c.group) for c in clips) == [("Punch", "g08"), ("Punch", "g09"),
                                                         (BACKGROUND, "none/still.mp4")]
    assert notes == [f"{tmp_path / 'notes'}: no video clips (mpg, mpeg, avi, mp4, mov, mkv); class left out"]
    with pytest.raises(DatasetError, match="no such video folder"):
        video_folder.scan(tmp_path / "missing")


def test_extraction_reads_every_clip_once_and_the_second_run_only_the_cache(kicks, cache, first_extraction,
                                                                           tmp_path, monkeypatch, capsys):
    assert (first_extraction["extracted"], first_extraction["from_cache"], first_extraction["clips"]) == (4, 0, 4)
    assert first_extraction["problems"] == []
    assert first_extraction["video_seconds"] == pytest.approx(2 * (30 + 42) / 25, 0.01)
    entries = sorted(pose_cache.PoseCache(cache).directory.rglob("*.npz"))
    assert len(entries) == 4
    stamps = [entry.stat().st_mtime_ns for entry in entries]

    def no_pose_model(*args, **kwargs):
        raise AssertionError("the second run started pose extraction")
    monkeypatch.setattr(pose_cache, "ProcessPoolExecutor", no_pose_model)
    report = tmp_path / "second.json"
    assert main(["extract", "--videos", str(kicks), "--cache", cache, "--json", str(report)]) == 0
    second = json.loads(report.read_text())
    assert (second["extracted"], second["from_cache"], second["clips"]) == (0, 4, 4)
    assert second["seconds"] < first_extraction["seconds"] / 10
    assert [entry.stat().st_mtime_ns for entry in entries] == stamps
    assert "4 from the cache, 0 extracted" in capsys.readouterr().out


def test_mirrored_clip_poses_are_the_originals_mirrored(kicks, cache, first_extraction):
    """BlazePose's left and right follow the picture: the raised ankle changes side in the mirror image."""
    clips = {c.path.name: c.path for c in video_folder.scan(kicks)[0]}
    extraction = pose_cache.extract(clips.values(), pose_cache.PoseCache(cache), progress=False)
    from recognizer.runtime.skeleton import J

    def raised_side(name):
        skeletons, _ = extraction.poses[clips[name]].sequence()
        heights = {side: skeletons[:, J[f"{side}_ankle"], 1].max() for side in ("left", "right")}
        return max(heights, key=heights.get)
    assert raised_side("g3d_kick_left.mp4") == "left" and raised_side("mirrored_g3d_kick_left.avi") == "right"


@pytest.mark.parametrize("route", [[], ["--head-only"]], ids=["gru_and_head", "head_only"])
def test_training_on_one_group_names_every_kick_of_the_other(kicks, cache, first_extraction, route, tmp_path):
    report = tmp_path / "cv.json"
    assert main(["evaluate", "--videos", str(kicks), "--cache", cache, "--cross-validate", "--epochs", "15",
                 "--json", str(report), *route]) == 0
    result = json.loads(report.read_text())
    assert sorted(fold["test_groups"][0] for fold in result["folds"]) == ["mirrored", "original"]
    assert result["labels"] == ["kick_left", "kick_right"] and result["n_instances"] == 4
    assert result["errors"] == [] and result["accuracy"] == 1.0
    assert result["per_class"] == {"kick_left": 1.0, "kick_right": 1.0}
    assert np.trace(result["confusion"]) == 4
    assert (tmp_path / "cv.png").is_file()


@pytest.fixture(scope="module")
def kick_model(kicks, cache, first_extraction, tmp_path_factory):
    model = tmp_path_factory.mktemp("kick_model")
    assert main(["train", "--videos", str(kicks), "--cache", cache, "--head-only", "--out", str(model)]) == 0
    return model


def test_a_model_trained_on_the_folder_is_used_by_predict_and_stream(kick_model, tmp_path, clips_dir, capsys):
    model = kick_model
    card = (model / "MODEL_CARD.md").read_text()
    assert "video-folder" in card and "4 clips in 2 groups" in card
    assert json.loads((model / "model.json").read_text())["sampling"] == {"windows_per_clip": 50}
    capsys.readouterr()
    assert main(["predict", str(clips_dir / "g3d_kick_right.mp4"), "--model", str(model), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["label"] == "kick_right" and set(result["probabilities"]) == {"kick_left", "kick_right", BACKGROUND}
    assert main(["stream", "--video", str(clips_dir / "g3d_kick_left.mp4"), "--model", str(model),
                 "--json", str(tmp_path / "events.json")]) == 0
    assert {e["label"] for e in json.loads((tmp_path / "events.json").read_text())["events"]} <= {"kick_left",
                                                                                                   "kick_right"}


def test_train_on_videos_needs_an_output_folder(kicks, cache, capsys):
    assert main(["train", "--videos", str(kicks), "--cache", cache]) == 2
    assert "--out" in capsys.readouterr().err


def test_an_unreadable_clip_and_an_empty_class_are_reported_and_the_rest_goes_on(kicks, cache, first_extraction,
                                                                                 tmp_path, capsys):
    folder = tmp_path / "videos"
    shutil.copytree(kicks, folder)
    (folder / "kick_left" / "original" / "broken.avi").write_bytes(b"this is not a video")
    (folder / "squat").mkdir()
    report = tmp_path / "extract.json"
    assert main(["extract", "--videos", str(folder), "--cache", cache, "--json", str(report)]) == 0
    err = capsys.readouterr().err
    assert f"{folder / 'kick_left' / 'original' / 'broken.avi'}: not a readable video file" in err
    assert f"{folder / 'squat'}: no video clips" in err and "class left out" in err
    assert "Traceback" not in err
    result = json.loads(report.read_text())
    assert result["clips"] == 4 and result["from_cache"] == 4 and len(result["problems"]) == 1


def test_a_clip_without_a_person_is_reported(kicks, cache, first_extraction, tmp_path, capsys):
    folder = tmp_path / "videos"
    shutil.copytree(kicks, folder)
    write_video(folder / "kick_left" / "original" / "empty_room.avi", [np.full((240, 320, 3), 90, np.uint8)] * 10, 10)
    assert main(["extract", "--videos", str(folder), "--cache", cache]) == 0
    assert "empty_room.avi: no person found in any of its 10 frames; skipped" in capsys.readouterr().err


def test_one_class_folder_is_a_clear_stop_for_training_and_a_warning_for_extraction(
        kicks, cache, first_extraction, tmp_path, capsys):
    folder = tmp_path / "videos"
    shutil.copytree(kicks / "kick_left", folder / "kick_left")
    assert main(["extract", "--videos", str(folder), "--cache", cache]) == 0
    assert "2 or more classes" in capsys.readouterr().err
    assert main(["evaluate", "--videos", str(folder), "--cache", cache, "--cross-validate",
                 "--json", str(tmp_path / "r.json")]) == 2
    err = capsys.readouterr().err
    assert "2 or more classes" in err and "only 'kick_left'" in err and "Traceback" not in err


def test_the_game_plays_with_a_model_trained_on_the_folder(kick_model, tmp_path):
    levels = tmp_path / "levels"
    levels.mkdir()
    (levels / "kicks.toml").write_text('name = "Kicks"\nseconds_per_prompt = 4.0\nsequence = ["kick_right"]\n')
    (levels / "punches.toml").write_text('name = "Punches"\nseconds_per_prompt = 4.0\nsequence = ["punch_left"]\n')
    results = tmp_path / "results.json"
    run = run_game("--demo", "--headless", "--virtual-clock", "--model", str(kick_model), "--level", "Kicks",
                   "--levels", str(levels),
                   "--data-dir", str(tmp_path / "data"), "--results-json", str(results), "--seed", "1")
    assert run.returncode == 0, run.stderr
    assert f"{levels / 'punches.toml'}: field 'sequence': unknown move 'punch_left'" in run.stderr
    figures = json.loads(results.read_text())
    assert figures["prompts"] == 1 and [o["move"] for o in figures["outcomes"]] == ["kick_right"]


def test_a_none_folder_trains_the_background_class_and_can_be_named(kicks, cache, first_extraction, tmp_path):
    """Clips of the actor standing still (the first frame of each kick clip held) in none/: background is
    then one of the folder's classes, and a clip may be named as it."""
    folder = tmp_path / "videos"
    shutil.copytree(kicks, folder)
    for group in ("original", "mirrored"):
        for side in ("left", "right"):
            frames, fps = read_frames(kicks / f"kick_{side}" / group / next(
                (kicks / f"kick_{side}" / group).iterdir()).name)
            write_video(folder / "none" / group / f"still_{side}.avi", [frames[0]] * 40, fps)
    report = tmp_path / "cv.json"
    assert main(["evaluate", "--videos", str(folder), "--cache", cache, "--cross-validate", "--head-only",
                 "--json", str(report)]) == 0
    result = json.loads(report.read_text())
    assert result["labels"] == [BACKGROUND, "kick_left", "kick_right"] and result["n_instances"] == 8
    assert result["per_class"][BACKGROUND] == 1.0 and result["accuracy"] == 1.0, result["errors"]
