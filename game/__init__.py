"""The pygame game: menu, calibration, levels and results."""
