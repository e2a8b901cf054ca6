"""Evaluation: G3D-7 and clip accuracy, streaming events, player profiles, benchmarks."""
