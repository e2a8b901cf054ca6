"""Start the game: python run_game.py --help."""

import time

LAUNCHED = time.monotonic()  # before the imports, so that time_to_window_s counts them

import sys  # noqa: E402

from game.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(launched=LAUNCHED))
