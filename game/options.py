"""The game's command line (python run_game.py, move-match): every option, with its default in --help."""

import argparse


def build_parser():
    from recognizer import __version__
    from recognizer.runtime.model import DEFAULT_MODEL_DIR

    from .levels import DEFAULT_LEVEL_DIR
    from .storage import default_data_dir
    parser = argparse.ArgumentParser(prog="move-match", description="Move Match: a webcam exercise game.",
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--version", action="version", version=f"move-match {__version__}")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--camera", type=int, default=0, help="webcam index (see --list-cameras)")
    source.add_argument("--video", help="a video file that stands in for the webcam (looped)")
    source.add_argument("--demo", action="store_true", help="a virtual player plays instead of you")
    source.add_argument("--replay", help="play a pose recording made with --record instead of the webcam")
    parser.add_argument("--demo-reaction", type=float, default=0.6,
                        help="the virtual player's typical reaction to a prompt, seconds (--demo)")
    parser.add_argument("--width", type=int, help="camera frame width to ask for (default 640; 1280 with --players 2, "
                                                  "a half for each player)")
    parser.add_argument("--height", type=int, default=480, help="camera frame height to ask for")
    parser.add_argument("--mirror", action=argparse.BooleanOptionalAction, default=True,
                        help="show the camera view mirrored (display only)")
    parser.add_argument("--fullscreen", action="store_true", help="start in fullscreen (F toggles)")
    parser.add_argument("--list-cameras", action="store_true", help="print the webcams that open, then exit")
    parser.add_argument("--level", help="play this level straight away, by name (Warm-up, Endless, Daily workout) or "
                                        "file name (01_warm_up)")
    parser.add_argument("--practice", action=argparse.BooleanOptionalAction,
                        help="practise each move once before the first level (default: yes, but not --headless)")
    parser.add_argument("--player", default="Player", help="name for the high-score table and the history")
    parser.add_argument("--players", type=int, choices=(1, 2), default=1,
                        help="2: family mode, two players side by side, each in their half of the camera's view")
    parser.add_argument("--player2", default="Player 2", help="the second player's name (--players 2)")
    parser.add_argument("--family-mode", choices=("versus", "co-op"), default="versus",
                        help="--players 2: versus (the same prompts, the better answer wins each) or co-op (one "
                             "shared score, its combo grows only when both hit); V in the menu")
    parser.add_argument("--adaptive-pace", action="store_true",
                        help="the time for each move follows your reaction times, in every level (A in the menu)")
    parser.add_argument("--ghost", action="store_true",
                        help="race your best: your best run of the level plays beside you (G in the menu)")
    parser.add_argument("--seated", action="store_true", help="seated mode: head to hips in view, no kicks")
    parser.add_argument("--record", help="save the session's poses and events here (no pixels), for --replay")
    parser.add_argument("--teach", action="store_true", help="start in teach mode (saved to --player's profile)")
    parser.add_argument("--teach-repetitions", type=int, default=3, help="repetitions of each move to teach")
    parser.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="recognizer model folder")
    parser.add_argument("--levels", default=str(DEFAULT_LEVEL_DIR), help="folder of level files (*.toml)")
    parser.add_argument("--data-dir", default=str(default_data_dir()),
                        help="where high scores, the history and profiles are kept")
    parser.add_argument("--seed", type=int, help="random seed for level draws and the demo player")
    parser.add_argument("--headless", action="store_true",
                        help="no window (dummy video and audio drivers); plays a level and quits")
    parser.add_argument("--max-seconds", type=float, help="quit after this many seconds (of the game's clock)")
    parser.add_argument("--virtual-clock", action="store_true",
                        help="with --demo --headless: the game's clock moves a frame's time each frame without "
                             "waiting, so a level takes the time its frames take to compute (tests, soak runs)")
    parser.add_argument("--repeat", action="store_true",
                        help="--headless: play the level again after its results, until --max-seconds (a soak test)")
    parser.add_argument("--results-json", help="write the last level's results here")
    parser.add_argument("--stats-json", help="write start-up and frame-rate figures here on exit")
    parser.add_argument("--screenshot-dir", help="save a PNG of each scene as it is first shown")
    parser.add_argument("--verbose", action="store_true",
                        help="show the pose libraries' own log lines (mediapipe, TensorFlow Lite) on the terminal")
    return parser


def check(parser, args):
    """parser.error (exit code 2, the usage and the problem) for options that cannot go together."""
    if not 0 < args.demo_reaction <= 10:
        parser.error(f"--demo-reaction must be more than 0 and at most 10 seconds, not {args.demo_reaction}")
    if args.virtual_clock and not (args.demo and args.headless):
        parser.error("--virtual-clock needs --demo --headless: a camera, a video or a window runs in real time")
    if args.players == 2:
        for option, given in (("--teach", args.teach), ("--replay", args.replay), ("--record", args.record)):
            if given:
                parser.error(f"{option} is for one player: leave out --players 2")
        if args.player2 == args.player:
            parser.error(f"--player and --player2 are both {args.player!r}: each player needs their own name")
