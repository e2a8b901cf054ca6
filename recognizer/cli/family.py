"""python -m recognizer evaluate-family: family mode on labelled clips, two people side by side in one camera."""

from recognizer.datasets.pose_cache import usable_cores
from recognizer.runtime.model import DEFAULT_MODEL_DIR
from recognizer.runtime.pair import COMPOSE, frame_size

from . import loaders, options


def cmd_evaluate_family(args):
    import time

    from recognizer.datasets import labelled_clips
    from recognizer.datasets.pose_cache import PoseCache
    from recognizer.evaluation import eval_streams, pair_play
    from recognizer.runtime.judge import load_judge
    from recognizer.runtime.model import ActionRecognizer
    from recognizer.runtime.pose import PoseEstimator
    started = time.monotonic()
    sizes = [frame_size(text) for text in args.size]
    model = ActionRecognizer.load(args.model)
    rule, scorer = load_judge(args.model)
    listed = labelled_clips.read_labels(args.clips)
    clips, notes = labelled_clips.load(args.clips, PoseCache(args.cache), args.workers)
    loaders.warn(notes)
    by_name = {clip.name: clip for clip in clips}
    alone = {labelled.path: eval_streams.from_clip(by_name[str(labelled.row["file"]).strip()])
             for labelled in listed if str(labelled.row["file"]).strip() in by_name}
    estimators = [PoseEstimator(), PoseEstimator()]
    try:
        results = [pair_play.play(listed, model, rule, scorer, size, estimators, alone, args.compose)
                   for size in sizes]
    finally:
        for estimator in estimators:
            estimator.close()
    loaders.write_json({"clips_file": str(args.clips), "model": args.model, "sizes": results,
                        "seconds": round(time.monotonic() - started, 1)}, args.json)
    for result in results:
        print(pair_play.summary(result))


def add_commands(commands):
    family = commands.add_parser("evaluate-family", formatter_class=options.FORMATTER,
                                 help="family mode on labelled clips: two clips of different people side by side, "
                                      "each half's verdicts against the clip's verdicts alone, and cross-talk")
    family.add_argument("--clips", required=True,
                        help="a label file (CSV: file,move[,person]) of video clips, e.g. "
                             "../shared/data/real_clips/labels.csv")
    family.add_argument("--size", nargs="+", default=["1280x480", "640x480"],
                        help="camera frame sizes (WIDTHxHEIGHT) the pairs are put side by side at")
    family.add_argument("--compose", choices=COMPOSE, default="crop",
                        help="each clip in its half: crop (scaled to the half's height, its sides cut: two people "
                             "side by side at one player's distance) or fit (scaled down whole)")
    family.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    family.add_argument("--cache", help="pose cache folder for the clips alone (default: the user cache folder)")
    family.add_argument("--workers", type=int, default=usable_cores(),
                        help="pose extraction processes for the clips alone, each with its own BlazePose")
    family.add_argument("--json", required=True, help="report to write")
    family.set_defaults(run=cmd_evaluate_family)
