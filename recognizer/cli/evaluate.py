"""python -m recognizer evaluate: G3D-7 clip accuracy, or a video folder's, of a model or of cross-validation."""

from pathlib import Path

from . import loaders, options, probabilities


def _evaluate_clips(args):
    """evaluate --videos (or --g3d-clips): clip accuracy of a model, or of grouped cross-validation."""
    from recognizer.datasets import clips, g3d
    from recognizer.evaluation import clips as clip_evaluation
    from recognizer.evaluation.g3d_accuracy import save_confusion_png
    from recognizer.runtime.model import ActionRecognizer
    if args.videos:
        sequences, extraction = loaders.video_sequences(args)
    else:
        sequences, extraction = clips.from_g3d(g3d.load(options.folder(args, "g3d"))), None
    if args.cross_validate:
        result = clip_evaluation.cross_validate(sequences, loaders.make_recognizer(args), args.folds,
                                                args.windows_per_clip, args.seed)
        result["route"] = f"head only, on the GRU of {args.model}" if args.head_only else "GRU and head"
    else:
        result = clip_evaluation.evaluate_model(ActionRecognizer.load(args.model), sequences)
        result["model"] = args.model
    result |= {"videos": args.videos, "g3d_clips": args.g3d if args.g3d_clips else None,
               "extraction": extraction.as_json() if extraction else None}
    loaders.write_json(result, args.json)
    save_confusion_png(result, Path(args.json).with_suffix(".png"), "clip accuracy")
    print(f"clip accuracy {result['accuracy']:.4f} over {result['n_instances']} clips")


def cmd_evaluate(args):
    from recognizer.datasets import g3d
    from recognizer.evaluation import g3d_accuracy
    from recognizer.runtime.model import ActionRecognizer
    if args.videos or args.g3d_clips:
        return _evaluate_clips(args)
    recordings = g3d.load(options.folder(args, "g3d"))
    if args.from_probabilities or args.cross_validate:
        _, probabilities_for, labels, _ = probabilities.actor_probabilities(args)
        result = g3d_accuracy.evaluate_from_probabilities(recordings, probabilities_for, labels)
        if args.cross_validate:
            result["baseline_accuracy"] = g3d_accuracy.baseline_accuracy(recordings)
    else:
        result = g3d_accuracy.evaluate_shipped(ActionRecognizer.load(args.model), recordings)
    loaders.write_json(result, args.json)
    g3d_accuracy.save_confusion_png(result, Path(args.json).with_suffix(".png"))
    summary = f"accuracy {result['accuracy']:.4f} over {result['n_instances']} instances"
    if "baseline_accuracy" in result:
        summary += f", baseline {result['baseline_accuracy']:.4f}"
    print(summary)


def add_commands(commands):
    evaluate = commands.add_parser("evaluate", help="G3D-7 clip accuracy, or a video folder's",
                                   formatter_class=options.FORMATTER)
    probabilities.add_options(evaluate)
    options.add_video_options(evaluate)
    options.add_clip_training_options(evaluate)
    evaluate.add_argument("--g3d-clips", action="store_true",
                          help="the G3D-7 instances of --g3d as clips grouped by actor, trained and tested as a "
                               "video folder would be (to compare --head-only with the whole GRU on known truth)")
    evaluate.add_argument("--folds", type=int, default=5,
                          help="with --videos or --g3d-clips: at most this many grouped folds")
    evaluate.set_defaults(run=cmd_evaluate)
