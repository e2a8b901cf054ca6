import numpy as np

from recognizer import features
from recognizer.gru import GRUEncoder


def test_numpy_forward_pass_equals_keras():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, features.N_STEPS, features.N_FEATURES)).astype(np.float32)
    y = rng.choice(["a", "b", "c"], size=40)
    encoder = GRUEncoder(hidden=16, epochs=2).fit(X, y)
    np.testing.assert_allclose(encoder.transform(X), encoder.keras_transform(X), atol=1e-5)


def test_shipped_numpy_gru_equals_its_keras_weights(shipped_model, g3d_data):
    from tests.conftest import MODELS
    from recognizer.dataset import training_windows
    X, _ = training_windows({3: g3d_data[3][:2]}, windows_per_action=2, seed=1)
    encoder = shipped_model.keras_encoder(MODELS)
    np.testing.assert_allclose(encoder.transform(X), encoder.keras_transform(X), atol=1e-4)
