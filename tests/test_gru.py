import numpy as np

from recognizer.runtime import features
from recognizer.training.keras_gru import KerasGRUEncoder, load_keras_encoder


def test_numpy_forward_pass_equals_keras():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, features.N_STEPS, features.N_FEATURES)).astype(np.float32)
    y = rng.choice(["a", "b", "c"], size=40)
    encoder = KerasGRUEncoder(hidden=16, epochs=2).fit(X, y)
    np.testing.assert_allclose(encoder.transform(X), encoder.keras_transform(X), atol=1e-5)


def test_shipped_numpy_gru_equals_its_keras_weights(shipped_model, g3d_data):
    from recognizer.training.streams import from_g3d
    from recognizer.training.windows import WindowSampling, training_windows
    from tests.conftest import MODELS
    X, _, _ = training_windows([from_g3d(r) for r in g3d_data[3][:2]], WindowSampling(2, 0.0, 0), seed=1)
    encoder = load_keras_encoder(shipped_model, MODELS)
    np.testing.assert_allclose(encoder.transform(X), encoder.keras_transform(X), atol=1e-4)
