"""The pygame game: menu, calibration, levels and results."""

import os

# pygame's greeting on import would come before every command's own output (--version, --list-cameras).
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
