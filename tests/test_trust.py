"""Nothing a player's files hold is unpickled: model folders, profiles; an old pickled model is refused, and
converted only when the player asks."""

import os
import pickle
import shutil

import numpy as np
import pytest

from recognizer.cli import main
from recognizer.errors import ModelError, ProfileError
from recognizer.runtime.model import FILES, LEGACY_CLASSIFIER, ActionRecognizer, write_manifest
from recognizer.runtime.profile import Profile, profile_paths
from tests.conftest import MODELS


class WritesAFile:
    """Unpickled, it runs a command that leaves a file: the proof that loading ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


@pytest.fixture
def model_copy(tmp_path):
    return shutil.copytree(MODELS, tmp_path / "models")


def test_an_old_pickled_classifier_is_refused_unread_with_how_to_convert_it(model_copy, tmp_path):
    marker = tmp_path / "ran"
    (model_copy / FILES["classifier"]).unlink()
    (model_copy / LEGACY_CLASSIFIER).write_bytes(pickle.dumps(WritesAFile(marker)))
    write_manifest(model_copy)  # a shared folder's manifest says whatever its author wants
    with pytest.raises(ModelError, match=r"classifier\.joblib.*pickle.*convert-model"):
        ActionRecognizer.load(model_copy)
    assert not marker.exists()


@pytest.mark.parametrize("name", ["gru", "classifier", "head_training"])
def test_a_model_file_holding_a_pickle_is_refused_and_never_run(model_copy, tmp_path, name):
    marker = tmp_path / "ran"
    path = model_copy / FILES[name]
    with np.load(path) as arrays:
        tampered = {key: arrays[key] for key in arrays.files}
    first = next(iter(tampered))
    tampered[first] = np.array([WritesAFile(marker)], dtype=object)  # np.savez pickles object arrays
    np.savez(path, **tampered)
    write_manifest(model_copy)
    with pytest.raises(ModelError, match=rf"{path.name}: not a model file of plain arrays"):
        ActionRecognizer.load(model_copy)
    assert not marker.exists()


def test_a_profile_holding_a_pickle_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    profile = Profile("ann")
    profile.save(tmp_path)
    npz, _ = profile_paths(tmp_path, "ann")
    np.savez(npz, skeletons=np.array([WritesAFile(marker)], dtype=object), times=np.zeros(1))
    with pytest.raises(ProfileError, match="corrupt profile"):
        Profile.load(tmp_path, "ann")
    assert not marker.exists()


def test_convert_model_turns_a_trusted_old_folder_into_plain_arrays_with_the_same_probabilities(model_copy, capsys):
    import joblib
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    shipped = ActionRecognizer.load(model_copy)
    head = shipped.classifier_
    # The old format: scikit-learn's fitted pipeline, pickled by joblib.
    scaler, regression = StandardScaler(), LogisticRegression(C=head.C)
    scaler.mean_, scaler.scale_, scaler.var_ = head.mean_, head.scale_, head.scale_ ** 2
    regression.coef_, regression.intercept_, regression.classes_ = head.coef_, head.intercept_, head.classes_
    joblib.dump(make_pipeline(scaler, regression), model_copy / LEGACY_CLASSIFIER)
    (model_copy / FILES["classifier"]).unlink()
    write_manifest(model_copy)
    with pytest.raises(ModelError):
        ActionRecognizer.load(model_copy)
    assert main(["convert-model", str(model_copy)]) == 0
    assert "classifier.npz written" in capsys.readouterr().out
    converted = ActionRecognizer.load(model_copy)
    features = np.random.default_rng(0).normal(size=(20, head.mean_.shape[0]))
    np.testing.assert_allclose(converted.head_proba(features), shipped.head_proba(features), atol=1e-9)


def test_convert_model_names_a_folder_with_nothing_to_convert(tmp_path, capsys):
    assert main(["convert-model", str(tmp_path)]) == 2
    assert "classifier.joblib: no such file" in capsys.readouterr().err
