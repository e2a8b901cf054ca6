"""Pose recordings: record a stream, replay it through the same recognizer, refuse broken files."""

import json

import pytest

from recognizer.cli import main
from recognizer.runtime import pose_log


def test_record_then_replay_gives_the_same_events(tmp_path, clips_dir, capsys):
    recording, live, replay = tmp_path / "kick.jsonl", tmp_path / "live.json", tmp_path / "replay.json"
    assert main(["stream", "--video", str(clips_dir / "g3d_kick_right.mp4"), "--record", str(recording),
                 "--json", str(live)]) == 0
    assert main(["stream", "--replay", str(recording), "--json", str(replay)]) == 0
    live_events, replay_events = json.loads(live.read_text()), json.loads(replay.read_text())
    assert live_events == replay_events and live_events["frames"] == 42
    assert [e["label"] for e in live_events["events"]] == ["kick_right"]
    frames, events = pose_log.read(recording)
    assert len(frames) == 42 and [e["label"] for e in events] == ["kick_right"]
    assert all(pose.found for _, pose in frames[5:])
    assert b"\x89PNG" not in recording.read_bytes() and "pixels" not in recording.read_text()


def test_a_truncated_recording_is_refused_by_name(tmp_path, clips_dir, capsys):
    recording = tmp_path / "kick.jsonl"
    assert main(["stream", "--video", str(clips_dir / "g3d_kick_left.mp4"), "--record", str(recording)]) == 0
    lines = recording.read_text().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:10]))  # killed while writing: no end line
    with pytest.raises(pose_log.PoseLogError, match="truncated"):
        pose_log.read(cut)
    cut.write_text("".join(lines[:10]) + lines[10][:50])  # and half a line
    assert main(["stream", "--replay", str(cut)]) == 2
    assert str(cut) in capsys.readouterr().err


def test_another_format_version_is_refused(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"format": pose_log.FORMAT, "version": 99}) + "\n" + '{"end": {"frames": 0}}\n')
    with pytest.raises(pose_log.PoseLogError, match="version 99"):
        pose_log.read(path)
    path.write_text("hello\n")
    with pytest.raises(pose_log.PoseLogError, match=str(path)):
        pose_log.read(path)
