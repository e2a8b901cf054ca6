"""python -m recognizer evaluate-coaching: coaching on G3D's and the webcam videos' real moves prompted as another
move, shrunk toward the rest pose, or not done at all, and how often its line gives the right reason."""

import time

from recognizer.errors import ReportError

from . import loaders, options, probabilities


def _held_out_probabilities(args):
    """(probabilities_for(recording), labels) of --from-probabilities: each G3D recording's per-frame probabilities
    from the fold that held its actor out."""
    from recognizer.evaluation import eval_streams
    from recognizer.evaluation import folds as fold_runs
    streams, notes = eval_streams.load("g3d", options.folder(args, "g3d"))
    loaders.warn(notes)
    found, _ = fold_runs.load(args.from_probabilities, probabilities.actor_folds(streams), {"g3d": streams})
    labels = {tuple(labels) for _, labels in found.values()}
    if len(labels) != 1:
        raise ReportError(f"{args.from_probabilities}: its folds' models have different classes")
    by_key = {key: value for by_key, _ in found.values() for key, value in by_key.items()}
    keys = {(stream.identity["actor"], stream.identity["first_id"]): stream.key for stream in streams}
    return (lambda recording: by_key[keys[(recording.actor, recording.first_id)]]), list(labels.pop())


def cmd_evaluate_coaching(args):
    from recognizer.datasets import g3d, webcam_gestures
    from recognizer.datasets.pose_cache import PoseCache
    from recognizer.evaluation import coaching
    started = time.monotonic()
    probabilities_for, labels = _held_out_probabilities(args) if args.from_probabilities else (None, None)
    cases = coaching.g3d_cases(g3d.load(options.folder(args, "g3d")), args.half_scale, probabilities_for, labels)
    if args.webcam_gestures not in ("off", None):
        clips, notes = webcam_gestures.load(args.webcam_gestures, PoseCache(args.cache), progress=False)
        loaders.warn(notes)
        cases += coaching.webcam_cases(clips, args.half_scale)
    result = coaching.report(cases)
    result |= {"settings": {"half_scale": args.half_scale, "handover_s": coaching.HANDOVER_S,
                            "rest_search_s": coaching.REST_SEARCH_S, "seen_at": coaching.SEEN_AT},
               "from_probabilities": args.from_probabilities, "seconds": round(time.monotonic() - started, 1)}
    loaders.write_json(result, args.json)
    print("\n".join(coaching.summary(result)))
    print(f"{result['seconds']:.0f} s")


def add_commands(commands):
    from recognizer.evaluation.coaching import HALF_SCALE
    command = commands.add_parser("evaluate-coaching", formatter_class=options.FORMATTER,
                                  help="coaching after a miss, on real moves prompted as another move, shrunk, or not "
                                       "done: how often it names the right reason")
    command.add_argument("--json", required=True, help="report to write")
    options.add_g3d_option(command)
    command.add_argument("--webcam-gestures", default=options.shared("data", "webcam_gestures"),
                         help="webcam_gestures folder (its poses through the pose cache; the first run extracts them, "
                              "minutes); off: G3D only")
    command.add_argument("--cache", help="pose cache folder (default: the user cache folder, ~/.cache/move-match/poses "
                                         "on Linux)")
    command.add_argument("--half-scale", type=float, default=HALF_SCALE,
                         help="a half move's excursion from the rest pose, as a share of the real move's")
    command.add_argument("--from-probabilities",
                         help="G3D leave-one-actor-out probabilities saved by evaluate-stream --cross-validate "
                              "--save-probabilities: the move each held-out fold favoured is coaching's seen")
    command.set_defaults(run=cmd_evaluate_coaching)
