"""Datasets: G3D recordings, video folders, the pose cache and labelled clips."""
