"""The game end to end: a headless demo level, camera loss mid-level, no camera, no display."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHORT_LEVEL = '''name = "Short"
description = "Three moves for the tests."
order = 1
seconds_per_prompt = 4.0
sequence = ["punch_right", "wave", "kick_right"]
'''


@pytest.fixture
def levels(tmp_path):
    folder = tmp_path / "levels"
    folder.mkdir()
    (folder / "short.toml").write_text(SHORT_LEVEL)
    return folder


def run_game(*args, env=None, timeout=240):
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, str(ROOT / "run_game.py"), *args], capture_output=True, text=True,
                          timeout=timeout, env=environment, cwd=ROOT)


def test_headless_demo_plays_a_level_to_the_end(tmp_path, levels):
    results, stats, shots = tmp_path / "results.json", tmp_path / "stats.json", tmp_path / "shots"
    run = run_game("--demo", "--headless", "--level", "Short", "--levels", str(levels), "--seed", "3",
                   "--data-dir", str(tmp_path / "data"), "--results-json", str(results),
                   "--stats-json", str(stats), "--screenshot-dir", str(shots))
    assert run.returncode == 0, run.stderr
    figures = json.loads(results.read_text())
    assert figures["prompts"] == 3 and figures["hits"] + figures["misses"] == 3
    assert figures["virtual_player"]["performed"] == 3
    assert figures["virtual_player"]["rate"] >= 0.9, figures
    assert [o["move"] for o in figures["outcomes"]] == ["punch_right", "wave", "kick_right"]
    if figures["score"] > 0:
        table = json.loads((tmp_path / "data" / "highscores.json").read_text())["levels"]["Short"]
        assert table[0]["score"] == figures["score"]
    timing = json.loads(stats.read_text())
    assert timing["time_to_window_s"] < timing["time_to_ready_s"]
    assert sorted(p.stem.split("_", 1)[1] for p in shots.glob("*.png")) == [
        "calibration", "loading", "play", "play_feedback", "play_prompt", "results"]


def test_no_camera_at_index_0_says_which_flag_to_change_and_plays_the_demo(tmp_path, levels):
    import cv2
    if cv2.VideoCapture(0).isOpened():
        pytest.skip("this machine has a camera at index 0")
    run = run_game("--camera", "0", "--headless", "--max-seconds", "12", "--levels", str(levels),
                   "--data-dir", str(tmp_path / "data"), "--stats-json", str(tmp_path / "stats.json"))
    assert run.returncode == 0, run.stderr
    assert "no camera at index 0" in run.stderr and "--camera" in run.stderr and "--video" in run.stderr
    assert "demo" in run.stderr
    assert "Traceback" not in run.stderr


def test_no_display_is_a_clear_message_and_exit_code_2(tmp_path):
    env = {"SDL_VIDEODRIVER": "x11", "DISPLAY": ":99"}
    run = run_game("--demo", "--data-dir", str(tmp_path), env=env, timeout=60)
    assert run.returncode == 2
    assert "no display" in run.stderr and "--headless" in run.stderr and "Traceback" not in run.stderr


class UnpluggableCamera:
    """Grey frames at about 30 fps until unplugged; like a webcam, it never ends by itself."""

    ends = False

    def __init__(self):
        self.unplugged = threading.Event()

    @property
    def name(self):
        return "test camera"

    def open(self):
        from recognizer.errors import SourceError
        if self.unplugged.is_set():
            raise SourceError("test camera unplugged")
        return self

    def read(self):
        time.sleep(1 / 30)
        return None if self.unplugged.is_set() else (np.full((240, 320, 3), 90, np.uint8), time.monotonic())

    def close(self):
        pass


def step_until(app, condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        app.step()


def test_camera_loss_mid_level_pauses_and_resumes_where_it_was(tmp_path, levels, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.app import App, build_parser
    from game.scenes.play import Play
    from game.tracking import CameraTracker
    camera = UnpluggableCamera()
    args = build_parser().parse_args(["--levels", str(levels), "--data-dir", str(tmp_path / "data")])
    pygame.display.init()
    pygame.font.init()
    app = App(args, tracker=CameraTracker(camera, args.model))
    try:
        step_until(app, lambda: app.scene.name == "menu")
        app.calibrated = True  # grey frames hold no person to place
        app.play(app.levels[0])
        play = app.scene
        assert isinstance(play, Play)
        step_until(app, lambda: play.phase == "prompt")
        play.scorer.score = 1234  # as if earlier prompts had scored
        index = play.index
        camera.unplugged.set()
        step_until(app, lambda: app.tracker.state == "camera lost")
        frozen = play.phase_time
        for _ in range(30):
            app.step()
        assert app.scene is play and play.phase_time == frozen and play.index == index
        camera.unplugged.clear()
        step_until(app, lambda: app.tracker.state == "running")
        for _ in range(10):
            app.step()
        assert app.scene is play and play.phase_time > frozen and play.scorer.score == 1234
    finally:
        app.close()


def test_headless_teach_mode_saves_a_profile_that_the_next_launch_uses(tmp_path, levels):
    data = tmp_path / "data"
    run = run_game("--demo", "--headless", "--teach", "--teach-repetitions", "1", "--player", "Robo",
                   "--data-dir", str(data), "--levels", str(levels), "--seed", "2")
    assert run.returncode == 0, run.stderr
    assert (data / "profiles" / "Robo.json").is_file() and (data / "profiles" / "Robo.npz").is_file()
    assert "classifier head refitted in" in run.stdout
    results = tmp_path / "results.json"
    again = run_game("--demo", "--headless", "--player", "Robo", "--level", "Short", "--levels", str(levels),
                     "--data-dir", str(data), "--results-json", str(results), "--seed", "2")
    assert again.returncode == 0, again.stderr
    assert "profile Robo: 7 repetitions" in again.stdout
    assert json.loads(results.read_text())["virtual_player"]["rate"] >= 0.9


def test_a_corrupt_profile_is_kept_aside_and_the_shipped_model_plays(tmp_path, levels):
    profiles = tmp_path / "data" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "Zed.json").write_text("{not json")
    (profiles / "Zed.npz").write_bytes(b"garbage")
    run = run_game("--demo", "--headless", "--player", "Zed", "--level", "Short", "--levels", str(levels),
                   "--data-dir", str(tmp_path / "data"), "--max-seconds", "15")
    assert run.returncode == 0, run.stderr
    assert "corrupt profile" in run.stderr and "shipped model" in run.stderr and "Traceback" not in run.stderr
    kept = sorted(p.name for p in profiles.iterdir())
    assert any(name.startswith("Zed.json.corrupt-") for name in kept) and "Zed.json" not in kept
