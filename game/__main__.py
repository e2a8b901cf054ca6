"""python -m game: the game, as run_game.py and the move-match command start it."""

import time

LAUNCHED = time.monotonic()  # before the imports, so that time_to_window_s counts them

import sys  # noqa: E402

from game.app import main  # noqa: E402

sys.exit(main(launched=LAUNCHED))
