"""Faults that once ended recognition without a word: NaN landmarks, a failing worker thread, BlazePose
closed under a frame, a report of recordings without actions, and the command line's error rule."""

import json
import threading
import time

import numpy as np
import pytest

from recognizer.cli import main
from recognizer.errors import FrameError, MoveMatchError, SourceError
from recognizer.evaluation import streaming
from recognizer.runtime.capture import CaptureThread
from recognizer.runtime.live import FramePipeline, LiveRecognizer
from recognizer.runtime.skeleton import N_JOINTS
from recognizer.runtime.sources import VideoSource


def standing(t):
    """A canonical skeleton that sways a little, so windows are not all alike."""
    from game.virtual_player import VirtualPlayer
    return VirtualPlayer(seed=1).skeleton(t)


def test_a_nan_joint_counts_as_no_person_and_recognition_goes_on(shipped_model):
    pipeline = FramePipeline(shipped_model)
    visibility = np.ones(N_JOINTS)
    for frame in range(60):
        t = frame / 30
        skeleton = standing(t)
        if 20 <= frame <= 22:
            skeleton = skeleton.copy()
            skeleton[5] = np.nan
        scores = pipeline.score_skeleton(t, skeleton, visibility, frame)
        if 20 <= frame <= 22:
            assert scores.probabilities is None and not scores.visible
        else:
            assert np.isfinite(scores.probabilities).all()


def test_stream_replay_of_a_recording_with_nan_frames_writes_its_report(tmp_path, clips_dir, capsys):
    recording, report = tmp_path / "kick.jsonl", tmp_path / "replay.json"
    assert main(["stream", "--video", str(clips_dir / "g3d_kick_right.mp4"), "--record", str(recording)]) == 0
    lines = [json.loads(line) for line in recording.read_text().splitlines()]
    for record in lines:
        if 20 <= record.get("frame", -1) <= 22 and "world" in record:
            record["world"][15] = [float("nan")] * 3
    recording.write_text("".join(json.dumps(record) + "\n" for record in lines))
    assert main(["stream", "--replay", str(recording), "--json", str(report)]) == 0
    assert json.loads(report.read_text())["frames"] == 42


class FailingPipeline:
    """A pipeline whose third frame raises, standing in for any fault inside the worker."""

    def __init__(self, error):
        self.error, self.frames, self.closed = error, 0, False

    def process(self, image, timestamp, number):
        self.frames += 1
        if self.frames == 3:
            raise self.error
        from recognizer.runtime.live import Scores
        return Scores(timestamp, None, None, False, None, 0.0, 0.0)

    def close(self):
        self.closed = True


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_an_exception_in_the_worker_is_kept_and_the_worker_ends(clips_dir):
    pipeline = FailingPipeline(RuntimeError("boom"))
    live = LiveRecognizer(CaptureThread(VideoSource(clips_dir / "g3d_kick_right.mp4", realtime=True, loop=True)),
                          pipeline).start()
    try:
        wait_for(lambda: not live.running)
        assert isinstance(live.error, RuntimeError) and str(live.error) == "boom"
        assert pipeline.closed
    finally:
        live.stop()


@pytest.mark.parametrize("error, code", [(SourceError("camera 0: frames stopped"), 2), (RuntimeError("boom"), None)])
def test_stream_does_not_exit_0_when_its_worker_fails(clips_dir, monkeypatch, capsys, error, code):
    def failing(self, image, timestamp, number):
        raise error
    monkeypatch.setattr(FramePipeline, "process", failing)
    arguments = ["stream", "--video", str(clips_dir / "g3d_kick_right.mp4"), "--realtime"]
    if code is None:  # a bug: its traceback shows
        with pytest.raises(RuntimeError, match="boom"):
            main(arguments)
    else:  # bad input: one line, exit code 2
        assert main(arguments) == code
        assert "frames stopped" in capsys.readouterr().err


class SlowPipeline:
    """Each frame takes a while, as BlazePose's first frames do; close() notes whether a frame was inside."""

    def __init__(self):
        self.inside = threading.Event()
        self.closed_while_inside = None

    def process(self, image, timestamp, number):
        self.inside.set()
        time.sleep(0.6)
        self.inside.clear()
        from recognizer.runtime.live import Scores
        return Scores(timestamp, None, None, False, None, 0.0, 0.0)

    def close(self):
        self.closed_while_inside = self.inside.is_set()


def test_stop_never_closes_blazepose_under_a_frame(clips_dir):
    pipeline = SlowPipeline()
    live = LiveRecognizer(CaptureThread(VideoSource(clips_dir / "g3d_kick_right.mp4", realtime=True, loop=True)),
                          pipeline).start()
    wait_for(pipeline.inside.is_set)
    live.stop(timeout_s=0.05)  # returns before the frame is done
    wait_for(lambda: pipeline.closed_while_inside is not None)
    assert pipeline.closed_while_inside is False


def test_the_streaming_summary_of_recordings_without_actions_says_so():
    recordings = [{"actor": 1, "first_id": 1, "n_frames": 1800, "truth": [],
                   "events": [{"label": "wave", "frame": 300, "confidence": 0.97}]}]
    line = streaming.summary(streaming.figures(recordings))
    assert line.startswith("no actions") and "1 false events" in line and "1.00 false events/min" in line
    found = streaming.figures([recordings[0] | {"truth": [{"label": "clap", "start": 900, "end": 960}]}])
    assert "no action found" in streaming.summary(found)


def test_evaluate_stream_on_distractors_only_writes_its_report_and_says_no_actions(g3d_dir, tmp_path, capsys):
    from recognizer.datasets.g3d import G3D_FOLDERS
    distractors = tmp_path / "g3d" / "1"
    for folder in sorted((g3d_dir / "1").iterdir()):
        if folder.name not in G3D_FOLDERS and folder.name in ("Jump", "Defend"):
            (distractors / folder.name).mkdir(parents=True)
            for path in sorted(folder.glob("*.json"))[:2]:
                (distractors / folder.name / path.name).symlink_to(path)
    assert any(distractors.iterdir())
    report = tmp_path / "stream.json"
    assert main(["evaluate-stream", "--g3d", str(tmp_path / "g3d"), "--json", str(report)]) == 0
    assert json.loads(report.read_text())["n_truth"] == 0
    assert "no actions" in capsys.readouterr().out


def test_the_command_line_prints_project_errors_in_one_line_and_lets_bugs_raise(monkeypatch, capsys, tmp_path):
    assert main(["predict", str(tmp_path / "missing.mp4")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.mp4" in err

    def bug(directory):
        return {}["bug"]
    monkeypatch.setattr("recognizer.runtime.model.ActionRecognizer.load", bug)
    with pytest.raises(KeyError):
        main(["predict", str(tmp_path / "missing.mp4")])


def test_every_project_error_shares_one_base():
    import recognizer.errors as errors
    classes = [value for value in vars(errors).values() if isinstance(value, type) and issubclass(value, Exception)]
    assert len(classes) > 5 and all(issubclass(cls, MoveMatchError) for cls in classes)
    from game.levels import LevelError
    assert issubclass(LevelError, MoveMatchError)


def test_a_skeleton_of_the_wrong_shape_is_a_clear_error(shipped_model):
    with pytest.raises(FrameError, match=r"\(15, 3\)"):
        FramePipeline(shipped_model).score_skeleton(0.0, np.zeros((14, 3)), np.ones(14))
