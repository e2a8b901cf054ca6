import os
import shutil
import tempfile
from pathlib import Path

import pytest
from filelock import FileLock

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
G3D = SHARED / "data" / "g3d"
CLIPS = SHARED / "data" / "clips"
WEBCAM_GESTURES = SHARED / "data" / "webcam_gestures"
MODELS = Path(__file__).resolve().parent.parent / "models"


# The webcam videos the tests read through BlazePose: at 4 m, the gestures they check (waving, standing still,
# pointing left and right); at 6 m, the clips they name (BlazePose finds nobody in S2's first frames, turns S5's
# body round for a moment, S3 waves low, S4 points across the chest). The whole set is `evaluate-datasets`'s.
WEBCAM_SUBSET = ("greeting", "static", "left", "right")
WEBCAM_EXTRA = ("S2/videos/left_3_6m_full.avi", "S2/videos/static_3_6m_full.avi", "S2/videos/stop_3_6m_full.avi",
                "S5/dynamic_videos/continue_3_6m_full.avi", "S3/dynamic_videos/greeting_3_6m_full.avi",
                "S4/videos/left_3_6m_full.avi")


def pytest_configure(config):
    """One cache folder for the whole run, its workers too, and never the user's own: what a run computes (poses,
    windows, features) it computes afresh, and leaves nothing behind."""
    if not hasattr(config, "workerinput") and "MOVE_MATCH_TEST_CACHE" not in os.environ:
        folder = tempfile.mkdtemp(prefix="move-match-test-cache-")
        os.environ["MOVE_MATCH_TEST_CACHE"] = os.environ["XDG_CACHE_HOME"] = folder
        config.made_cache = folder


def pytest_unconfigure(config):
    if getattr(config, "made_cache", None):
        shutil.rmtree(config.made_cache, ignore_errors=True)


def _require(path):
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and under CI=true the tests that need ../shared must run")
        pytest.skip(f"{path} is missing (../shared beside the project)")
    return path


@pytest.fixture(scope="session")
def g3d_dir():
    return _require(G3D)


@pytest.fixture(scope="session")
def clips_dir():
    return _require(CLIPS)


@pytest.fixture(scope="session")
def other_datasets_dir():
    """The folder of MSR Action3D, UTD-MHAD and MSRC-12 kick."""
    for name in ("msr_action3d", "utd_mhad", "msrc12_kick"):
        _require(SHARED / "data" / name)
    return SHARED / "data"


@pytest.fixture(scope="session")
def kinder_gator_dir():
    return _require(SHARED / "data" / "kinder_gator")


@pytest.fixture(scope="session")
def real_clips_dir():
    return _require(SHARED / "data" / "real_clips")


@pytest.fixture(scope="session")
def webcam_gestures_dir():
    return _require(WEBCAM_GESTURES)


@pytest.fixture(scope="session")
def webcam_subset_dir(webcam_gestures_dir, tmp_path_factory):
    """The webcam folder's layout holding only WEBCAM_SUBSET's clips and WEBCAM_EXTRA (links)."""
    root = tmp_path_factory.mktemp("webcam_subset")
    for path in webcam_gestures_dir.glob("S*/*/*.avi"):
        relative = path.relative_to(webcam_gestures_dir)
        near = path.name.split("_")[0] in WEBCAM_SUBSET and "_4m_" in path.name
        if near or relative.as_posix() in WEBCAM_EXTRA:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).symlink_to(path)
    return root


@pytest.fixture(scope="session")
def webcam_gestures_data(webcam_subset_dir):
    """(clips, notes) of the subset through the run's pose cache; one worker extracts them (a few seconds a clip),
    the others wait for it and read the cache."""
    from recognizer.datasets import webcam_gestures
    with FileLock(Path(os.environ.get("MOVE_MATCH_TEST_CACHE", tempfile.gettempdir())) / "webcam.lock"):
        return webcam_gestures.load(webcam_subset_dir, progress=False)


@pytest.fixture(scope="session")
def g3d_data(g3d_dir):
    from recognizer.datasets import g3d
    return g3d.load(g3d_dir)


@pytest.fixture(scope="session")
def shipped_model():
    from recognizer.runtime.model import ActionRecognizer
    return ActionRecognizer.load(MODELS)


@pytest.fixture(scope="session")
def grace_hopper():
    import cv2
    import matplotlib
    image = cv2.imread(str(Path(matplotlib.get_data_path(), "sample_data", "grace_hopper.jpg")))
    assert image is not None
    return image
