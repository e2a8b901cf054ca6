"""GRU encoder: trained with Keras, run at inference by an exported numpy forward pass.

Eager Keras calls cost 50-170 ms a window here; the numpy pass over the same weights costs well under a
millisecond and needs no TensorFlow import, so the game starts faster. tests/test_gru.py checks the two agree.
"""

import numpy as np
from scipy.special import expit


def _keras():
    """Keras, imported only where training or checking needs it."""
    import keras
    return keras


class GRUEncoder:
    """Windows (N, steps, features) → GRU features (N, 2 * hidden): the mean of the GRU's states over the
    window beside its final state. The final state alone mostly tells how a window ends, where a punch
    and an arm held forward to wave look alike; the mean tells what went on all along.

    fit trains GRU → those features → dropout → softmax on the labels, and keeps everything up to the
    features as a feature extractor, the seed's design, so that a logistic regression can sit on top.
    """

    def __init__(self, hidden=64, epochs=40, batch_size=64, learning_rate=3e-3, dropout=0.3, seed=0,
                 verbose=0):
        self.hidden = hidden
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.dropout = dropout
        self.seed = seed
        self.verbose = verbose

    def _standardise(self, X):
        return ((X - self.mean_) / self.std_).astype(np.float32)

    def build_keras(self, n_steps, n_features, n_classes):
        keras = _keras()
        inputs = keras.Input((n_steps, n_features))
        states = keras.layers.GRU(self.hidden, return_sequences=True, name="gru")(inputs)
        last = keras.layers.Lambda(lambda s: s[:, -1], name="last_state")(states)
        pooled = keras.layers.Concatenate(name="features")([keras.layers.GlobalAveragePooling1D()(states), last])
        outputs = keras.layers.Dense(n_classes, activation="softmax")(keras.layers.Dropout(self.dropout)(pooled))
        return keras.Model(inputs, outputs)

    def fit(self, X, y):
        keras = _keras()
        keras.utils.set_random_seed(self.seed)
        self.classes_, codes = np.unique(y, return_inverse=True)
        self.mean_ = X.reshape(-1, X.shape[-1]).mean(axis=0)
        self.std_ = X.reshape(-1, X.shape[-1]).std(axis=0) + 1e-6
        model = self.build_keras(X.shape[1], X.shape[2], len(self.classes_))
        model.compile(optimizer=keras.optimizers.Adam(self.learning_rate),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(self._standardise(X), codes, epochs=self.epochs, batch_size=self.batch_size,
                  shuffle=True, verbose=self.verbose)
        self.keras_model_ = model
        self._export(model.get_layer("gru"))
        return self

    def _export(self, layer):
        kernel, recurrent, bias = (np.asarray(w, np.float32) for w in layer.get_weights())
        self.kernel_, self.recurrent_kernel_, self.bias_ = kernel, recurrent, bias

    def transform(self, X):
        """Keras's GRU with reset_after=True, gates in z, r, h order; then [mean state, final state].

        Written for few numpy calls per step, since it runs on every live frame: the recurrent bias of
        the z and r gates joins the input projection, and both gates go through one expit.
        """
        X = self._standardise(np.asarray(X, np.float32))
        H = self.hidden
        recurrent_bias = self.bias_[1]
        inputs = X @ self.kernel_ + self.bias_[0]  # every step's input projection in one product
        inputs[..., :2 * H] += recurrent_bias[:2 * H]
        h = np.zeros((X.shape[0], H), np.float32)
        total = np.zeros_like(h)
        for step in range(X.shape[1]):
            projected = h @ self.recurrent_kernel_
            gates = expit(inputs[:, step, :2 * H] + projected[:, :2 * H])
            candidate = np.tanh(inputs[:, step, 2 * H:] + gates[:, H:] * (projected[:, 2 * H:] + recurrent_bias[2 * H:]))
            h = candidate + gates[:, :H] * (h - candidate)
            total += h
        return np.concatenate([total / X.shape[1], h], axis=1)

    def keras_transform(self, X):
        """The same features computed by Keras itself, for checking the numpy pass."""
        keras = _keras()
        extractor = keras.Model(self.keras_model_.input, self.keras_model_.get_layer("features").output)
        return np.asarray(extractor(self._standardise(np.asarray(X, np.float32)), training=False))

    def arrays(self):
        return {"kernel": self.kernel_, "recurrent_kernel": self.recurrent_kernel_, "bias": self.bias_,
                "mean": self.mean_, "std": self.std_, "classes": self.classes_.astype(str)}

    def set_arrays(self, arrays):
        self.kernel_, self.recurrent_kernel_, self.bias_ = arrays["kernel"], arrays["recurrent_kernel"], arrays["bias"]
        self.mean_, self.std_, self.classes_ = arrays["mean"], arrays["std"], arrays["classes"]
        self.hidden = self.recurrent_kernel_.shape[0]
        return self
