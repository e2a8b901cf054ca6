"""Training the GRU encoder with Keras; the game runs the same weights as numpy (recognizer.runtime.gru)."""

from pathlib import Path

import keras
import numpy as np

from recognizer.runtime import features
from recognizer.runtime.gru import GRUEncoder
from recognizer.runtime.model import FILES, ActionRecognizer


class KerasGRUEncoder(GRUEncoder):
    """fit trains GRU → [mean state, final state] → dropout → softmax on the labels, and keeps everything
    up to those features as a feature extractor, the seed's design, so that a logistic regression can sit
    on top; transform is the inherited numpy pass over the exported weights.

    Given groups (the person of each window), fit keeps validation_share of the people out of training and
    stops once their loss has not improved for `patience` epochs, keeping the best epoch's weights: the
    number of epochs that generalises to new people differs between training sets, and every epoch past it
    costs time and overfits.
    """

    def __init__(self, hidden=64, epochs=40, batch_size=256, learning_rate=3e-3, dropout=0.3, validation_share=0.1,
                 patience=3, seed=0, verbose=0):
        super().__init__(hidden)
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.dropout = dropout
        self.validation_share = validation_share
        self.patience = patience
        self.seed = seed
        self.verbose = verbose

    def build_keras(self, n_steps, n_features, n_classes):
        inputs = keras.Input((n_steps, n_features))
        states = keras.layers.GRU(self.hidden, return_sequences=True, name="gru")(inputs)
        last = keras.layers.Lambda(lambda s: s[:, -1], name="last_state")(states)
        pooled = keras.layers.Concatenate(name="features")([keras.layers.GlobalAveragePooling1D()(states), last])
        outputs = keras.layers.Dense(n_classes, activation="softmax")(keras.layers.Dropout(self.dropout)(pooled))
        return keras.Model(inputs, outputs)

    def _validation_mask(self, groups, n):
        """Windows of whole people (groups) kept out for early stopping: about validation_share of them."""
        if groups is None or not self.validation_share:
            return np.zeros(n, bool)
        people = np.random.default_rng(self.seed).permutation(np.unique(groups))
        n_held = max(1, int(round(self.validation_share * len(people)))) if len(people) > 1 else 0
        return np.isin(groups, people[:n_held])

    def fit(self, X, y, groups=None):
        keras.utils.set_random_seed(self.seed)
        self.classes_, codes = np.unique(y, return_inverse=True)
        X = np.asarray(X, np.float32)
        self.mean_ = X.reshape(-1, X.shape[-1]).mean(axis=0)
        self.std_ = X.reshape(-1, X.shape[-1]).std(axis=0) + 1e-6
        model = self.build_keras(X.shape[1], X.shape[2], len(self.classes_))
        model.compile(optimizer=keras.optimizers.Adam(self.learning_rate),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        held = self._validation_mask(groups, len(X))
        validation, callbacks = None, []
        if held.any():
            validation = (self._standardise(X[held]), codes[held])
            callbacks = [keras.callbacks.EarlyStopping(patience=self.patience, restore_best_weights=True)]
        history = model.fit(self._standardise(X[~held]), codes[~held], epochs=self.epochs,
                            batch_size=self.batch_size, shuffle=True, verbose=self.verbose,
                            validation_data=validation, callbacks=callbacks)
        self.epochs_run_ = len(history.history["loss"])
        self.keras_model_ = model
        self._export(model.get_layer("gru"))
        return self

    def _export(self, layer):
        kernel, recurrent, bias = (np.asarray(w, np.float32) for w in layer.get_weights())
        self.kernel_, self.recurrent_kernel_, self.bias_ = kernel, recurrent, bias

    def keras_transform(self, X):
        """The same features computed by Keras itself, for checking the numpy pass."""
        extractor = keras.Model(self.keras_model_.input, self.keras_model_.get_layer("features").output)
        return np.asarray(extractor(self._standardise(np.asarray(X, np.float32)), training=False))



def load_keras_encoder(recognizer, directory):
    """A saved model's GRU rebuilt in Keras from its gru.weights.h5 (for checking the numpy pass)."""
    encoder = KerasGRUEncoder(recognizer.encoder_.hidden).set_arrays(recognizer.encoder_.arrays())
    model = encoder.build_keras(features.N_STEPS, features.N_FEATURES, len(encoder.classes_))
    model.load_weights(Path(directory) / FILES["keras"])
    encoder.keras_model_ = model
    return encoder


def trainable_recognizer(hidden=64, epochs=40, seed=0, verbose=0, kept_encoder=None, mirror_average=True):
    """An ActionRecognizer to fit: a new Keras-trained GRU and its head, or (kept_encoder, a fitted GRU)
    only a new head on that GRU."""
    if kept_encoder is not None:
        return ActionRecognizer(kept_encoder, train_encoder=False, seed=seed, mirror_average=mirror_average)
    return ActionRecognizer(KerasGRUEncoder(hidden, epochs, seed=seed, verbose=verbose), seed=seed,
                            mirror_average=mirror_average)
