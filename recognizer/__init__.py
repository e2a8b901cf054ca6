"""Webcam action recognizer: pose → canonical skeleton → GRU → logistic regression → actions."""
