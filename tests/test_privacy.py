"""Nothing leaves the machine: the game opens no network connection, and writes no camera pixels unless asked.

Each runs the real game in a child process under a Python audit hook (sys.addaudithook), which sees every socket
connection, name lookup and file opened by Python code, and makes network ones fail as a machine offline would.
A folder "opened" for writing is tempfile.NamedTemporaryFile choosing a name in it (ctypes does so while mediapipe
loads, for a compiler's output deleted at once): the file itself is not seen, and holds no pixels."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.slow  # end to end: make test and CI run it

ROOT = Path(__file__).resolve().parent.parent
WATCHED = '''
import json, os, sys
seen = []
def hook(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.getaddrinfo", "socket.gethostbyname"):
        address = args[1] if event != "socket.getaddrinfo" else args[0]
        if not isinstance(address, (str, bytes)) or event.startswith("socket.get"):  # a Unix socket is local
            seen.append(["network", event, repr(address)])
            raise OSError("network is off for this test")
    elif event == "open" and isinstance(args[0], (str, bytes, os.PathLike)) and not os.path.isdir(args[0]) and (
            (args[2] or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) or any(mode in (args[1] or "") for mode in "wax+")):
        seen.append(["write", os.fsdecode(args[0])])
sys.addaudithook(hook)
from game.app import main
status = main(sys.argv[2:])
report = list(seen)  # before the report's own file is written
with open(sys.argv[1] + ".tmp", "w") as out:
    json.dump(report, out)
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
sys.exit(status)
'''


def watched_game(tmp_path, *args):
    report = tmp_path / "seen.json"
    environment = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run([sys.executable, "-c", WATCHED, str(report), *args], capture_output=True, text=True,
                         timeout=240, cwd=ROOT, env=environment)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(report.read_text())


def test_a_demo_level_opens_no_network_connection(tmp_path):
    results = tmp_path / "results.json"
    seen = watched_game(tmp_path, "--demo", "--headless", "--virtual-clock", "--level", "Warm-up", "--seed", "1",
                        "--data-dir", str(tmp_path / "data"), "--results-json", str(results))
    assert [entry for entry in seen if entry[0] == "network"] == []
    assert json.loads(results.read_text())["prompts"] == 8  # it played the whole level


def test_a_level_on_camera_video_writes_only_the_players_saved_data(tmp_path, clips_dir):
    data = tmp_path / "data"
    seen = watched_game(tmp_path, "--video", str(clips_dir / "g3d_kick_left.mp4"), "--headless", "--level",
                        "Kicks", "--max-seconds", "20", "--data-dir", str(data))
    written = {Path(path) for kind, *rest in seen if kind == "write" for path in rest}
    assert written, "the audit hook saw no write at all: it is not watching"
    saved = {"highscores.json", "history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm",
             "history.sqlite3-journal"}
    # The player's profile: what play's HITs taught the judge, their skeletons (15 joints, x y z) and times.
    profile = {"Player.json", "Player.npz", "Player.tmp", "Player.tmp.npz"}
    pictures = {".png", ".jpg", ".jpeg", ".bmp", ".npy", ".npz", ".mp4", ".avi", ".mkv"}
    for path in written:
        in_profile = path.parent == data / "profiles" and path.name in profile
        assert path.suffix.lower() not in pictures or in_profile, path
        # Kept: only the player's saved data. A library's temporary file (ctypes' while mediapipe loads) is gone.
        kept = in_profile or path.parent == data and (path.name in saved or path.name.startswith(".highscores.json."))
        assert kept or path == Path(os.devnull) or not path.exists(), path
    assert not [entry for entry in seen if entry[0] == "network"]
    if (data / "profiles" / "Player.npz").exists():
        with np.load(data / "profiles" / "Player.npz", allow_pickle=False) as arrays:
            assert set(arrays.files) == {"skeletons", "times", "idle_skeletons", "idle_times"}
            assert arrays["skeletons"].shape[1:] == (15, 3)  # joints, not pixels
