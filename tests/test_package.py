"""The project as a player installs it: a wheel built from the checkout, installed in a new virtual environment,
run from another folder. Its commands must find the model, levels and sounds inside the installed package."""

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # end to end: make test and CI run it

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(the folder holding the project's wheel, what the build printed)."""
    base = tmp_path_factory.mktemp("package")
    # Built from a copy: setuptools keeps its build folder in the project, where a file deleted since the last
    # build would still be, and go into the wheel.
    source = shutil.copytree(ROOT, base / "source", ignore=shutil.ignore_patterns(
        ".venv", ".git", "out", "build", "*.egg-info", "__pycache__", ".pytest_cache", "screenshots"))
    wheels = base / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v", "-w",
                            str(wheels), str(source)], check=True, capture_output=True, text=True, cwd=base)
    return wheels, build.stdout + build.stderr


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory):
    """(the new environment's bin folder, a folder outside the checkout) with the project's wheel installed."""
    wheels, _ = built
    base = tmp_path_factory.mktemp("installed")
    environment = base / "env"
    venv.create(environment, with_pip=True)
    bin_dir = environment / "bin"
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    *wheels.glob("move_match-*.whl")], check=True, capture_output=True)
    # The dependencies (mediapipe, pygame, ...) from the test environment, so that nothing is downloaded: a path
    # line, which does not run that environment's own .pth files (and so never finds the checkout).
    site = subprocess.run([bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    outside = base / "elsewhere"
    outside.mkdir()
    return bin_dir, outside


def run(installed, *command, timeout=240):
    bin_dir, outside = installed
    return subprocess.run([str(bin_dir / command[0]), *command[1:]], capture_output=True, text=True, cwd=outside,
                          timeout=timeout, env={"PATH": f"{bin_dir}:/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy",
                                                "SDL_AUDIODRIVER": "dummy", "HOME": str(outside)})


def test_the_package_builds_without_warnings(built):
    _, printed = built
    warnings = [line for line in printed.splitlines() if "Warning" in line or "would be ignored" in line]
    assert not warnings, "\n".join(warnings)


def test_the_installed_package_is_its_own_not_the_checkouts(installed):
    found = run(installed, "python", "-c", "import game, recognizer; print(game.__file__, recognizer.__file__)")
    assert found.returncode == 0, found.stderr
    assert str(ROOT) not in found.stdout and found.stdout.count("site-packages") == 2


def test_move_match_says_its_version(installed):
    from recognizer import __version__
    answer = run(installed, "move-match", "--version")
    assert answer.returncode == 0 and answer.stdout.strip() == f"move-match {__version__}"


def test_move_match_plays_a_level_from_the_packaged_model_levels_and_sounds(installed):
    outside = installed[1]
    played = run(installed, "move-match", "--demo", "--headless", "--virtual-clock", "--level", "01_warm_up",
                 "--seed", "1", "--data-dir", str(outside / "data"), "--results-json", str(outside / "results.json"))
    assert played.returncode == 0, played.stderr[-2000:]
    results = json.loads((outside / "results.json").read_text())
    assert results["level"] == "Warm-up" and results["prompts"] == 8
    assert "could not load" not in played.stderr  # the sounds were found


def test_python_m_recognizer_predicts_a_clip(installed, clips_dir):
    predicted = run(installed, "python", "-m", "recognizer", "predict", str(clips_dir / "g3d_kick_left.mp4"))
    assert predicted.returncode == 0, predicted.stderr[-2000:]
    assert "kick_left" in predicted.stdout
