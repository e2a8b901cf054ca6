"""python -m recognizer COMMAND: the recognizer's datasets, training, measurements and live use; --help lists every
command with what it does.

One module per command group; each adds its commands to the parser. Heavy imports (TensorFlow,
mediapipe, matplotlib) happen inside the commands that need them, so that --help and the run-time
commands start quickly and never load TensorFlow.
"""

import argparse
import sys

from recognizer import __version__
from recognizer.errors import MoveMatchError
from recognizer.runtime.process import quiet_native_logs

from . import (
    benchmark,
    coaching,
    datasets,
    evaluate,
    family,
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
                  coaching, model_files, family)


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m recognizer", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--version", action="version", version=f"move-match {__version__}")
    parser.add_argument("--verbose", action="store_true",
                        help="show the pose and training libraries' own log lines (mediapipe, TensorFlow)")
    commands = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.add_commands(commands)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if not args.verbose:
        quiet_native_logs()
    try:
        args.run(args)
    except MoveMatchError as error:  # bad input: one line; anything else is a bug and keeps its traceback
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
