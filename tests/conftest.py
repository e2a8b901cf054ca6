import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
G3D = SHARED / "data" / "g3d"
CLIPS = SHARED / "data" / "clips"
WEBCAM_GESTURES = SHARED / "data" / "webcam_gestures"
MODELS = Path(__file__).resolve().parent.parent / "models"


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
def webcam_gestures_data(webcam_gestures_dir):
    """(clips, notes) through the default pose cache: the first run on a machine extracts every clip (minutes),
    later runs read the cache."""
    from recognizer.datasets import webcam_gestures
    return webcam_gestures.load(webcam_gestures_dir, progress=False)


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
