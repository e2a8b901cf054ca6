import json
import threading
import time

import pytest

from recognizer.cli import main
from recognizer.runtime.capture import CaptureThread
from recognizer.runtime.live import FramePipeline, LiveRecognizer
from recognizer.runtime.sources import VideoSource


@pytest.mark.parametrize("clip, kick, other", [("g3d_kick_left.mp4", "kick_left", "kick_right"),
                                              ("g3d_kick_right.mp4", "kick_right", "kick_left")])
def test_stream_names_the_kick_of_each_clip(clips_dir, tmp_path, clip, kick, other, capsys):
    out = tmp_path / "events.json"
    assert main(["stream", "--video", str(clips_dir / clip), "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    labels = [e["label"] for e in report["events"]]
    assert kick in labels and other not in labels, report
    assert report["frames"] == {"g3d_kick_left.mp4": 30, "g3d_kick_right.mp4": 42}[clip]
    assert kick in capsys.readouterr().out


def test_live_recognizer_runs_on_its_threads_and_stops_cleanly(clips_dir, shipped_model):
    threads_before = threading.active_count()
    live = LiveRecognizer(CaptureThread(VideoSource(clips_dir / "g3d_kick_right.mp4", realtime=True, loop=True)),
                          FramePipeline(shipped_model)).start()
    try:
        deadline = time.monotonic() + 10
        while live.frames_processed < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live.frames_processed >= 20 and live.latest.pose.found
        assert live.latest.probabilities.shape == (len(shipped_model.classes_),)
    finally:
        live.stop()
    assert not live.running and threading.active_count() == threads_before


def test_stream_with_no_camera_exits_2_naming_it(capsys):
    assert main(["stream", "--camera", "0"]) == 2
    assert "no camera at index 0" in capsys.readouterr().err
