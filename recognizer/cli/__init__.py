"""python -m recognizer: extract, train, evaluate, evaluate-play, stream, predict, benchmark and draw-pose.

One module per command group; each adds its commands to the parser. Heavy imports (TensorFlow,
mediapipe, matplotlib) happen inside the commands that need them, so that --help and the run-time
commands start quickly and never load TensorFlow.
"""

import argparse
import sys

from recognizer import __version__
from recognizer.errors import MoveMatchError

from . import (
    benchmark,
    coaching,
    datasets,
    evaluate,
    held_out,
    live,
    model_files,
    play,
    profiles,
    sensor_gap,
    streaming,
    training,
)

COMMAND_GROUPS = (datasets, training, evaluate, streaming, play, held_out, profiles, live, benchmark, sensor_gap,
                  coaching, model_files)


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m recognizer", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--version", action="version", version=f"move-match {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.add_commands(commands)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except MoveMatchError as error:  # bad input: one line; anything else is a bug and keeps its traceback
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
