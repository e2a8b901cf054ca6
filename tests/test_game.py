"""The game end to end: a headless demo level, camera loss mid-level, no camera, no display."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from recognizer.runtime.profile import Profile

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
    (folder / "01_short.toml").write_text(SHORT_LEVEL)
    return folder


def run_game(*args, env=None, timeout=240):
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, str(ROOT / "run_game.py"), *args], capture_output=True, text=True,
                          timeout=timeout, env=environment, cwd=ROOT)


def demo(*args, **kwargs):
    """The headless demo on the game's virtual clock: a level takes the time its frames take, not its seconds."""
    return run_game("--demo", "--headless", "--virtual-clock", *args, **kwargs)


def test_headless_demo_plays_a_level_to_the_end(tmp_path, levels):
    results, stats, shots = tmp_path / "results.json", tmp_path / "stats.json", tmp_path / "shots"
    run = demo("--level", "01_short", "--levels", str(levels), "--seed", "3",
                   "--data-dir", str(tmp_path / "data"), "--results-json", str(results),
                   "--stats-json", str(stats), "--screenshot-dir", str(shots))
    assert run.returncode == 0, run.stderr
    figures = json.loads(results.read_text())
    assert figures["prompts"] == 3 and figures["hits"] + figures["misses"] == 3
    assert figures["virtual_player"]["performed"] == 3
    assert figures["virtual_player"]["rate"] >= 0.9, figures
    # At least 90 % of the prompts the virtual player answered right and in time are HITs (it means to get some
    # wrong or late).
    assert figures["hits"] >= 0.9 * figures["virtual_player"]["answered_in_time"], figures
    assert [o["move"] for o in figures["outcomes"]] == ["punch_right", "wave", "kick_right"]
    if figures["score"] > 0:
        table = json.loads((tmp_path / "data" / "highscores.json").read_text())["levels"]["Short"]
        assert table[0]["score"] == figures["score"]
    timing = json.loads(stats.read_text())
    assert timing["time_to_window_s"] < timing["time_to_ready_s"]
    shown = [p.stem.split("_", 1)[1] for p in sorted(shots.glob("*.png"))]  # in the order first shown
    # (the loading screen only when the model took a frame or more to load)
    assert [name for name in shown if name != "loading"] == ["calibration", "play", "play_prompt", "play_feedback",
                                                            "results"] and shown.index("calibration") <= 1


def test_an_unknown_level_lists_every_level_by_name_and_file_name(tmp_path, levels):
    run = demo("--level", "02_nope", "--levels", str(levels),
                   "--data-dir", str(tmp_path / "data"))
    assert run.returncode == 2
    assert "no level named '02_nope'" in run.stderr and "Short (01_short)" in run.stderr
    assert "Traceback" not in run.stderr


def test_practice_takes_each_move_once_then_plays_the_level(tmp_path, levels):
    results, shots = tmp_path / "results.json", tmp_path / "shots"
    run = demo("--practice", "--level", "Short", "--levels", str(levels), "--seed", "5",
                   "--data-dir", str(tmp_path / "data"), "--results-json", str(results), "--screenshot-dir", str(shots),
                   "--max-seconds", "150")
    assert run.returncode == 0, run.stderr
    assert json.loads(results.read_text())["prompts"] == 3  # the level came after the practice, and ended
    names = [p.stem.split("_", 1)[1] for p in sorted(shots.glob("*.png"))]
    assert names.index("calibration") < names.index("practice") < names.index("play")


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


@pytest.mark.parametrize("env", [{"SDL_VIDEODRIVER": "x11", "DISPLAY": ":99"},  # an X server that is not there
                                 {"SDL_VIDEODRIVER": "offscreen"},  # SDL's own fallback draws nowhere
                                 {"SDL_VIDEODRIVER": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}])  # none at all
def test_no_display_is_a_clear_message_and_exit_code_2(tmp_path, env):
    run = run_game("--demo", "--data-dir", str(tmp_path), env=env, timeout=60)
    assert run.returncode == 2
    assert "no display" in run.stderr and "--headless" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("signum, playing", [(signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGINT, True)])
def test_sigterm_and_sigint_end_the_game_cleanly_within_2_s(tmp_path, levels, signum, playing):
    """While starting (0.3 s in: the system's default ends a game that has nothing to save yet, even inside a slow
    import) and while playing (once the play scene has been drawn), where the stats file shows that the game closed
    itself."""
    stats, shots = tmp_path / "stats.json", tmp_path / "shots"
    game = subprocess.Popen([sys.executable, str(ROOT / "run_game.py"), "--demo", "--headless", "--level", "Short",
                             "--levels", str(levels), "--data-dir", str(tmp_path / "data"), "--stats-json", str(stats),
                             "--screenshot-dir", str(shots)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    waited = time.monotonic()
    while time.monotonic() - waited < (60 if playing else 0.3) and not (playing and list(shots.glob("*_play*.png"))):
        time.sleep(0.05)
    assert game.poll() is None, game.communicate()
    assert not playing or list(shots.glob("*_play*.png")), "the game never got to play"
    game.send_signal(signum)
    sent = time.monotonic()
    try:
        game.wait(timeout=2.0)
    except subprocess.TimeoutExpired:
        game.kill()
        pytest.fail(f"the game ignored signal {signum} for 2 s")
    _, err = game.communicate()
    assert time.monotonic() - sent < 2.0
    assert "Traceback" not in err, err
    if playing:
        assert game.returncode == 128 + signum and stats.is_file()
    else:  # killed by the signal while loading, or its own clean exit if it had loaded already
        assert game.returncode == -signum or (game.returncode == 128 + signum and stats.is_file()), game.returncode


class UnpluggableCamera:
    """Grey frames with a sensor's noise at about 30 fps until unplugged; like a webcam, it never ends by itself.
    It can also freeze (the same frame again and again) and change its frames' size."""

    ends = False
    clock_zero = 0.0  # its timestamps are time.monotonic()

    def __init__(self):
        self.unplugged = threading.Event()
        self.frozen = threading.Event()
        self.size = (240, 320)
        self._rng = np.random.default_rng(0)
        self._last = None

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
        if self.unplugged.is_set():
            return None
        if not (self.frozen.is_set() and self._last is not None):
            self._last = self._rng.integers(88, 93, (*self.size, 3), dtype=np.uint8)
        return self._last, time.monotonic()

    def close(self):
        pass


def step_until(app, condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out in {app.scene.name} (tracker {app.tracker.status}: " \
                                            f"{app.tracker.error})"
        app.step()


@pytest.fixture
def start_app(tmp_path, levels, monkeypatch):
    """start_app(*flags, data_dir=None): the game in this process on an UnpluggableCamera (headless drivers), as
    (app, camera), or with --demo the virtual player as (app, None); closed after the test."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.app import App
    from game.options import build_parser
    from game.tracking import CameraTracker
    started = []

    def start(*flags, data_dir=None):
        camera = None if "--demo" in flags else UnpluggableCamera()
        args = build_parser().parse_args(["--levels", str(levels), "--data-dir", str(data_dir or tmp_path / "data"),
                                          *flags])
        pygame.display.init()
        pygame.font.init()
        started.append(App(args, tracker=None if camera is None else CameraTracker(camera, args.model)))
        return started[-1], camera
    yield start
    for app in started:
        app.close()


def test_camera_loss_mid_level_pauses_and_resumes_where_it_was(start_app):
    from game.scenes.play import Play
    app, camera = start_app("--no-practice")
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


def test_a_frozen_camera_is_named_frozen_and_the_level_waits_for_it(start_app):
    app, camera = start_app("--no-practice")
    step_until(app, lambda: app.scene.name == "menu")
    app.calibrated = True
    app.play(app.levels[0])
    play = app.scene
    step_until(app, lambda: play.phase == "prompt")
    camera.frozen.set()
    step_until(app, lambda: app.tracker.state == "camera frozen")
    assert "frozen" in app.tracker.trouble and play.stopped
    waited = play.phase_time
    for _ in range(20):
        app.step()
    assert play.phase_time == waited
    camera.frozen.clear()
    step_until(app, lambda: app.tracker.state == "running")
    app.step()
    assert play.phase_time > waited and app.scene is play


def test_frames_that_change_size_mid_stream_keep_being_scored(levels, monkeypatch):
    from game.tracking import CameraTracker
    from recognizer.runtime.model import DEFAULT_MODEL_DIR
    camera = UnpluggableCamera()
    tracker = CameraTracker(camera, DEFAULT_MODEL_DIR).start()
    try:
        deadline = time.monotonic() + 30
        scored = []
        for size in ((240, 320), (480, 640), (180, 320), (720, 1280)):
            camera.size = size
            while len(scored) < 10 or scored[-1].pose is None or tracker.view().image.shape[:2] != size:
                assert time.monotonic() < deadline and tracker.failure is None, tracker.failure
                scored += tracker.take_scores()
                time.sleep(0.02)
            scored.clear()
        assert tracker.state == "running" and tracker.failure is None
    finally:
        tracker.stop()


def test_headless_teach_mode_saves_a_profile_that_the_next_launch_uses(tmp_path, levels):
    data = tmp_path / "data"
    run = demo("--teach", "--teach-repetitions", "1", "--player", "Robo",
                   "--data-dir", str(data), "--levels", str(levels), "--seed", "2")
    assert run.returncode == 0, run.stderr
    assert (data / "profiles" / "Robo.json").is_file() and (data / "profiles" / "Robo.npz").is_file()
    assert "classifier head refitted in" in run.stdout
    saved = json.loads((data / "profiles" / "Robo.json").read_text())
    # each countdown before a repetition (2 s of the demo's player standing, 10 frames at least) is idle time
    assert len(saved["idle"]) == len(saved["repetitions"]) == 7
    assert all(entry["frames"] >= 10 for entry in saved["idle"])
    results = tmp_path / "results.json"
    again = demo("--player", "Robo", "--level", "Short", "--levels", str(levels),
                     "--data-dir", str(data), "--results-json", str(results), "--seed", "2")
    assert again.returncode == 0, again.stderr
    assert "profile Robo: 7 repetitions" in again.stdout
    assert json.loads(results.read_text())["virtual_player"]["rate"] >= 0.9


def test_a_corrupt_profile_is_kept_aside_and_the_shipped_model_plays(tmp_path, levels):
    profiles = tmp_path / "data" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "Zed.json").write_text("{not json")
    (profiles / "Zed.npz").write_bytes(b"garbage")
    run = demo("--player", "Zed", "--level", "Short", "--levels", str(levels),
                   "--data-dir", str(tmp_path / "data"), "--max-seconds", "15")
    assert run.returncode == 0, run.stderr
    assert "corrupt profile" in run.stderr and "shipped model" in run.stderr and "Traceback" not in run.stderr
    kept = sorted(p.name for p in profiles.iterdir())
    corrupt = [name for name in kept if name.startswith("Zed.json.corrupt-")]
    assert corrupt and (profiles / corrupt[0]).read_text() == "{not json"  # kept aside byte for byte
    if "Zed.json" in kept:  # a new profile of what play's HITs taught the judge, not the corrupt one
        assert Profile.load(profiles, "Zed").captures


def test_a_recognizer_that_stops_on_an_error_says_so_and_esc_goes_to_the_menu(start_app, monkeypatch):
    import pygame

    from recognizer.runtime.live import FramePipeline
    app, _ = start_app()
    step_until(app, lambda: app.scene.name == "menu")

    def broken(self, image, timestamp, number):
        raise RuntimeError("the pose model crashed")
    monkeypatch.setattr(FramePipeline, "process", broken)
    step_until(app, lambda: app.scene.name == "stopped")
    assert "Recognition stopped: the pose model crashed" in app.scene.message
    assert any("Recognition stopped" in message for message in app.messages)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE))
    app.step()
    assert app.scene.name == "menu"
    for _ in range(5):  # said once, not again on every frame
        app.step()
    assert app.scene.name == "menu"


def test_the_game_process_never_loads_tensorflow(clips_dir):
    """mediapipe imports TensorFlow when it is installed (as it is for training and these tests); the game's
    process must not, since that import once hung the loading screen for good in a real window."""
    script = f"""
import sys, time
from game.tracking import CameraTracker
from recognizer.runtime.model import DEFAULT_MODEL_DIR
from recognizer.runtime.sources import VideoSource
tracker = CameraTracker(VideoSource({str(clips_dir / "g3d_kick_right.mp4")!r}, realtime=True, loop=True),
                        DEFAULT_MODEL_DIR).start()
deadline = time.monotonic() + 60
while not (tracker.ready and tracker.live.frames_processed > 5) and time.monotonic() < deadline:
    assert tracker.error is None, tracker.error
    time.sleep(0.05)
tracker.stop()
print(tracker.live.frames_processed, sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras")))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    frames, modules = run.stdout.strip().split(" ", 1)
    assert int(frames) > 5 and modules == "[]"


def test_the_menu_offers_endless_the_workout_progress_and_races_your_best_from_the_history(start_app):
    import datetime

    import pygame

    from game.history import LevelRecord, PromptRecord
    app, _ = start_app("--no-practice", "--player", "Ann")
    step_until(app, lambda: app.scene.name == "menu")
    assert [level.name for level in app.scene.levels()] == ["Short", "Endless", "Daily workout"]
    for key in (pygame.K_a, pygame.K_g):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key))
    app.step()
    assert app.adaptive_pace and app.race_ghost
    best = LevelRecord("Ann", "Short", "level", datetime.datetime(2026, 1, 5, 18), 20.0, 500,
                       [PromptRecord("punch_right", "PERFECT", True, 900.0, 3.0, 4.0, None, 300),
                        PromptRecord("wave", "GOOD", True, 1800.0, 6.0, 4.0, None, 200),
                        PromptRecord("kick_right", "MISS", False, None, 10.0, 4.0, "kick higher", 0)])
    assert app.history.record(best)
    app.calibrated = True
    app.play(app.levels[0])
    assert app.scene.pace is not None and app.scene.ghost.score == 500
    assert app.scene.ghost.score_at(3.0 + 0.9) == 300 and app.scene.ghost.score_at(60.0) == 500
    app.finish_level(app.levels[0], app.scene.seats, 12.5)  # saved like any level: now two plays of it
    assert app.history.days_played("Ann") == 2
    app.to_menu()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_p))
    app.step()
    assert app.scene.name == "progress" and app.scene.days_played == 2
