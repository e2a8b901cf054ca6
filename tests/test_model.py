import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from recognizer.evaluation import g3d_accuracy
from recognizer.runtime.labels import ACTIONS
from recognizer.runtime.model import FILES, MANIFEST, ActionRecognizer, LinearHead, ModelError
from recognizer.training.windows import WindowSampling
from tests.conftest import MODELS


@pytest.fixture
def model_copy(tmp_path):
    shutil.copytree(MODELS, tmp_path / "models")
    return tmp_path / "models"


def test_corrupt_model_file_is_named(model_copy):
    path = model_copy / FILES["gru"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match=r"gru\.npz.*corrupt"):
        ActionRecognizer.load(model_copy)


def test_missing_model_file_is_named(model_copy):
    (model_copy / FILES["classifier"]).unlink()
    with pytest.raises(ModelError, match=r"classifier\.npz.*missing"):
        ActionRecognizer.load(model_copy)


def test_missing_manifest_says_how_to_get_a_model(tmp_path):
    with pytest.raises(ModelError, match="train"):
        ActionRecognizer.load(tmp_path)


def test_shipped_manifest_matches_the_model_card():
    card = (MODELS / "MODEL_CARD.md").read_text()
    for name, digest in json.loads((MODELS / MANIFEST).read_text()).items():
        assert f"`{name}`: `{digest}`" in card


def test_shipped_model_recognises_every_g3d_instance_it_was_trained_on(shipped_model, g3d_data):
    result = g3d_accuracy.evaluate_shipped(shipped_model, g3d_data)
    assert result["n_instances"] == 168 and result["labels"] == list(ACTIONS)
    assert result["accuracy"] >= 0.99, result["per_actor"]


def test_cross_validation_on_two_actors_beats_chance(g3d_dir, tmp_path):
    """A small, quick run of the real leave-one-actor-out command (cached windows, folds, G3D-7 from the folds'
    probabilities); the full figure comes from the same command on every actor."""
    from recognizer.cli import main
    for actor in ("1", "2"):
        (tmp_path / "g3d" / actor).parent.mkdir(exist_ok=True)
        (tmp_path / "g3d" / actor).symlink_to(g3d_dir / actor)
    report = tmp_path / "cv.json"
    assert main(["evaluate", "--cross-validate", "--g3d", str(tmp_path / "g3d"), "--train-on", "g3d", "--json",
                 str(report), "--windows-per-action", "6", "--background-per-second", "0.5",
                 "--windows-per-distractor", "0", "--hidden", "24", "--epochs", "8",
                 "--array-cache", str(tmp_path / "cache")]) == 0
    result = json.loads(report.read_text())
    assert set(result["per_actor"]) == {"1", "2"} and result["n_instances"] == 42
    assert result["accuracy"] > 0.5 and result["baseline_accuracy"] > 1 / 7
    assert np.sum(result["confusion"]) == 42


def test_named_other_motion_trains_the_gru_apart_but_reaches_the_head_as_background(g3d_data):
    from recognizer.training.keras_gru import trainable_recognizer
    from recognizer.training.streams import from_g3d
    from recognizer.training.windows import training_windows
    X, y, _ = training_windows([from_g3d(r) for r in g3d_data[1]], WindowSampling(2, 1.0, 2), seed=0)
    assert any(label.startswith("background:") for label in y)
    recognizer = trainable_recognizer(hidden=8, epochs=1).fit(X, y)
    assert set(recognizer.encoder_.classes_) == set(y)
    assert list(recognizer.classes_) == sorted(set(ACTIONS) | {"background"})
    assert set(recognizer.head_labels_) == set(recognizer.classes_)


def test_a_saved_recognizer_loads_without_pickle_and_predicts_the_same(g3d_data, tmp_path):
    from recognizer.training.keras_gru import trainable_recognizer
    from recognizer.training.streams import from_g3d
    from recognizer.training.windows import training_windows
    X, y, _ = training_windows([from_g3d(r) for r in g3d_data[2]], WindowSampling(2, 1.0, 2), seed=0)
    recognizer = trainable_recognizer(hidden=8, epochs=1).fit(X, y)
    recognizer.save(tmp_path)
    for name in FILES.values():
        if name.endswith(".npz"):
            with np.load(tmp_path / name, allow_pickle=False) as arrays:  # reading an object array would raise
                assert all(arrays[key].dtype != object for key in arrays.files)
    loaded = ActionRecognizer.load(tmp_path)
    assert list(loaded.classes_) == list(recognizer.classes_)
    np.testing.assert_allclose(loaded.predict_proba(X[:50]), recognizer.predict_proba(X[:50]), atol=1e-5)
    # The head's own arithmetic is scikit-learn's scaler and logistic regression, fitted the same way.
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    encoded, labels = loaded.transform(X[:400]), np.array(y[:400]).astype(str)
    reference = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=5000)).fit(encoded, labels)
    np.testing.assert_allclose(LinearHead.fit(encoded, labels, C=0.5).predict_proba(encoded),
                               reference.predict_proba(encoded), atol=1e-6)


def test_the_live_recognizer_starts_without_importing_scikit_learn():
    """Its import alone took 1.5 s of start-up (recognizer.runtime.estimator)."""
    code = ("import sys\nfrom recognizer.runtime.live import FramePipeline\nfrom recognizer.runtime.model import "
            "ActionRecognizer\nfrom recognizer.runtime import profile\nimport game.tracking\n"
            "FramePipeline(ActionRecognizer.load())\nprint(sorted(m for m in sys.modules if m.startswith('sklearn')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"
