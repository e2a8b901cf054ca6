"""python -m recognizer: train, evaluate, predict, benchmark and draw-pose."""

import argparse
import json
import sys
from pathlib import Path

from .g3d import DatasetError
from .model import DEFAULT_MODEL_DIR, ModelError
from .video import SourceError

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEFAULT_G3D = SHARED / "data" / "g3d"
DEFAULT_VIDEO = SHARED / "data" / "clips" / "g3d_kick_right.mp4"


def _write_json(data, path):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


def cmd_train(args):
    from . import dataset, features, g3d, model_card
    from .model import ActionRecognizer
    recordings = g3d.load(args.g3d)
    X, y = dataset.training_windows(recordings, args.windows_per_action, args.background_per_recording,
                                    seed=args.seed)
    recognizer = ActionRecognizer(hidden=args.hidden, epochs=args.epochs, seed=args.seed, verbose=2).fit(X, y)
    manifest = recognizer.save(args.out)
    report = None
    if args.report:
        report = json.loads(Path(args.report).read_text()) | {"path": str(args.report)}
    training = {"actors": sorted(recordings), "g3d": args.g3d, "n_windows": len(X), "hidden": args.hidden,
                "epochs": args.epochs, "window_s": features.WINDOW_S, "labels": list(recognizer.classes_)}
    model_card.write(args.out, manifest, training, report)
    print(f"model written to {args.out}")


def cmd_evaluate(args):
    from . import evaluation, g3d
    from .model import ActionRecognizer
    recordings = g3d.load(args.g3d)
    if args.cross_validate:
        result = evaluation.cross_validate(recordings, args.windows_per_action, args.background_per_recording,
                                           hidden=args.hidden, epochs=args.epochs)
    else:
        result = evaluation.evaluate_shipped(ActionRecognizer.load(args.model), recordings)
    _write_json(result, args.json)
    evaluation.save_confusion_png(result, Path(args.json).with_suffix(".png"))
    summary = f"accuracy {result['accuracy']:.4f} over {result['n_instances']} instances"
    if "baseline_accuracy" in result:
        summary += f", baseline {result['baseline_accuracy']:.4f}"
    print(summary)


def cmd_predict(args):
    from .model import ActionRecognizer
    from .pose import PoseEstimator
    from .video import pose_sequence
    recognizer = ActionRecognizer.load(args.model)
    with PoseEstimator() as estimator:
        skeletons, times, _ = pose_sequence(args.video, estimator)
    label, probabilities = recognizer.classify_span(skeletons, times, times[0], times[-1])
    if args.json:
        print(json.dumps({"label": label, "probabilities": probabilities}))
    else:
        print(label)
        for name, p in sorted(probabilities.items(), key=lambda item: -item[1]):
            print(f"  {name:12s} {p:.3f}")


def cmd_benchmark(args):
    from .benchmark import benchmark
    from .model import ActionRecognizer
    result = benchmark(ActionRecognizer.load(args.model), args.video)
    _write_json(result, args.json)
    print(json.dumps(result, indent=2))


def cmd_draw_pose(args):
    import cv2
    from .pose import PoseEstimator, draw
    from .video import read_image
    image = read_image(args.image)
    with PoseEstimator(static_image_mode=True) as estimator:
        result = estimator.process(image)
    if not cv2.imwrite(str(args.output), draw(image, result)):
        raise SourceError(f"{args.output}: cannot write an image there")
    print(f"{'pose' if result.found else 'no person'} drawn to {args.output}")


def build_parser():
    formatter = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(prog="python -m recognizer", description=__doc__, formatter_class=formatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def model_options(command):
        command.add_argument("--windows-per-action", type=int, default=50,
                             help="augmented training windows drawn around each truth action")
        command.add_argument("--background-per-recording", type=int, default=40,
                             help="background-class windows drawn from each recording away from its actions")
        command.add_argument("--hidden", type=int, default=64, help="GRU units")
        command.add_argument("--epochs", type=int, default=40, help="GRU training epochs")

    train = commands.add_parser("train", help="train on every actor of a G3D folder", formatter_class=formatter)
    train.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder (<actor>/<Action>/<id>.json)")
    train.add_argument("--out", default=str(DEFAULT_MODEL_DIR), help="model folder to write")
    train.add_argument("--seed", type=int, default=0, help="random seed")
    train.add_argument("--report", help="a cross-validation JSON from 'evaluate' to quote in the model card")
    model_options(train)
    train.set_defaults(run=cmd_train)

    evaluate = commands.add_parser("evaluate", help="G3D-7 clip accuracy", formatter_class=formatter)
    evaluate.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder")
    evaluate.add_argument("--json", required=True, help="report to write; a confusion-matrix PNG goes beside it")
    evaluate.add_argument("--cross-validate", action="store_true",
                          help="leave-one-actor-out training and testing instead of the shipped model")
    evaluate.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder (without --cross-validate)")
    model_options(evaluate)
    evaluate.set_defaults(run=cmd_evaluate)

    predict = commands.add_parser("predict", help="the action in a video file", formatter_class=formatter)
    predict.add_argument("video", help="video file")
    predict.add_argument("--json", action="store_true", help="print {label, probabilities} as JSON")
    predict.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    predict.set_defaults(run=cmd_predict)

    bench = commands.add_parser("benchmark", help="per-frame milliseconds of pose and recognizer",
                                formatter_class=formatter)
    bench.add_argument("--json", required=True, help="report to write")
    bench.add_argument("--video", default=str(DEFAULT_VIDEO), help="video to run the pipeline on")
    bench.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    bench.set_defaults(run=cmd_benchmark)

    draw = commands.add_parser("draw-pose", help="draw the BlazePose skeleton on an image", formatter_class=formatter)
    draw.add_argument("image", help="image file")
    draw.add_argument("-o", "--output", required=True, help="PNG to write")
    draw.set_defaults(run=cmd_draw_pose)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (SourceError, DatasetError, ModelError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
