"""The game in a real X window (Xvfb, Mesa's software GL), as a player would run it.

SDL's dummy driver, which the other tests use, loads no GL and once hid a loading screen that never
ended in a real window. Skips where Xvfb is not installed (.ci/run installs it).
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # end to end: make test and CI run it

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def x_display(tmp_path):
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    number = 100 + os.getpid() % 400
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=5)


def test_the_game_leaves_loading_and_renders_in_a_real_window(x_display, clips_dir, tmp_path):
    stats = tmp_path / "stats.json"
    env = {key: value for key, value in os.environ.items() if key != "SDL_VIDEODRIVER"}
    env |= {"DISPLAY": x_display, "SDL_AUDIODRIVER": "dummy"}
    command = [sys.executable, str(ROOT / "run_game.py"), "--video", str(clips_dir / "g3d_kick_right.mp4"),
               "--level", "Warm-up", "--max-seconds", "8", "--data-dir", str(tmp_path / "data"),
               "--stats-json", str(stats)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    figures = json.loads(stats.read_text())
    assert figures["video_driver"] == "x11"
    assert figures["time_to_ready_s"] is not None, "the game never left its loading screen"
    assert figures["render_frames"] > 60 and figures["pose_fps"] > 0, figures
