"""The GRU encoder's numpy forward pass, over weights trained with Keras (recognizer.training.keras_gru).

Eager Keras calls cost 50-170 ms a window here; the numpy pass over the same weights costs well under a
millisecond and needs no TensorFlow, so the game starts faster and stays small. tests/test_gru.py checks
that the two agree.
"""

import numpy as np
from scipy.special import expit

from recognizer.runtime.estimator import Estimator


class GRUEncoder(Estimator):
    """Windows (N, steps, features) → GRU features (N, 2 * hidden): the mean of the GRU's states over the
    window beside its final state. The final state alone mostly tells how a window ends, where a punch
    and an arm held forward to wave look alike; the mean tells what went on all along.
    """

    def __init__(self, hidden=64):
        self.hidden = hidden

    def _standardise(self, X):
        return ((X - self.mean_) / self.std_).astype(np.float32)

    def transform(self, X):
        """Keras's GRU with reset_after=True, gates in z, r, h order; then [mean state, final state].

        Written for few numpy calls per step, since it runs on every live frame: the recurrent bias of
        the z and r gates joins the input projection, and both gates go through one expit.
        """
        X = self._standardise(np.asarray(X, np.float32))
        H = self.hidden
        recurrent_bias = self.bias_[1]
        # every step's input projection in one product, steps first so that each step's slice is contiguous
        inputs = np.ascontiguousarray((X @ self.kernel_ + self.bias_[0]).transpose(1, 0, 2))
        inputs[..., :2 * H] += recurrent_bias[:2 * H]
        h = np.zeros((X.shape[0], H), np.float32)
        total = np.zeros_like(h)
        for step in range(X.shape[1]):
            projected = h @ self.recurrent_kernel_
            gates = expit(inputs[step, :, :2 * H] + projected[:, :2 * H])
            reset_recurrent = gates[:, H:] * (projected[:, 2 * H:] + recurrent_bias[2 * H:])
            candidate = np.tanh(inputs[step, :, 2 * H:] + reset_recurrent)
            h = candidate + gates[:, :H] * (h - candidate)
            total += h
        return np.concatenate([total / X.shape[1], h], axis=1)

    def arrays(self):
        return {"kernel": self.kernel_, "recurrent_kernel": self.recurrent_kernel_, "bias": self.bias_,
                "mean": self.mean_, "std": self.std_, "classes": self.classes_.astype(str)}

    ARRAYS = ("kernel", "recurrent_kernel", "bias", "mean", "std", "classes")  # what set_arrays takes

    def set_arrays(self, arrays):
        self.kernel_, self.recurrent_kernel_, self.bias_ = arrays["kernel"], arrays["recurrent_kernel"], arrays["bias"]
        self.mean_, self.std_, self.classes_ = arrays["mean"], arrays["std"], arrays["classes"]
        self.hidden = self.recurrent_kernel_.shape[0]
        return self
