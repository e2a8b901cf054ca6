"""Start the game. The game itself is not built yet: this says so, and points to the recognizer."""

import sys


def main():
    print("The game is not there yet. Meanwhile try the recognizer: python -m recognizer --help")
    return 0


if __name__ == "__main__":
    sys.exit(main())
