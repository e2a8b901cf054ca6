"""Webcam action recognizer: pose → canonical skeleton → GRU → logistic regression → actions."""

import os

# mediapipe and Keras both load TensorFlow, whose C++ start-up log would bury every command's output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
