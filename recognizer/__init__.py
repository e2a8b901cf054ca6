"""Webcam action recognizer: pose → canonical skeleton → GRU → logistic regression → actions.

runtime/ is what runs while playing; datasets/, training/ and evaluation/ build and measure models;
cli/ is `python -m recognizer`. Data flows one way: cli → evaluation → training → datasets → runtime
(the contracts in pyproject.toml, checked by lint-imports).
"""

import os

__version__ = "0.2.0"  # the project's one version: the package's (pyproject.toml reads it), and --version's

# Keras loads TensorFlow for training, whose C++ start-up log would bury every command's output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
