"""python -m recognizer evaluate-datasets: leave-one-dataset-out over the four skeleton datasets."""

import dataclasses
from pathlib import Path

from recognizer.errors import ReportError

from . import common


def _saved(args, items):
    """Fold probabilities saved by an earlier run, every item of every held-out dataset present."""
    import numpy as np

    from recognizer.evaluation import held_out_datasets
    try:
        with np.load(args.from_probabilities) as arrays:
            probabilities = held_out_datasets.load_probabilities(arrays)
    except (OSError, ValueError) as error:
        raise ReportError(f"{args.from_probabilities}: not a file from evaluate-datasets --save-probabilities "
                          f"({error})") from None
    missing = [name for name in items if name not in probabilities]
    missing += [f"{name} {held_out_datasets.item_key(name, item)}" for name in items if name in probabilities
                for item in items[name] if held_out_datasets.item_key(name, item) not in probabilities[name][0]]
    if missing:
        raise ReportError(f"{args.from_probabilities}: no probabilities for {', '.join(missing[:5])}"
                          + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    return probabilities


def _of_model(args, items):
    """Every held-out dataset scored by one saved model (one that never saw them: the baseline)."""
    from recognizer.evaluation import held_out_datasets
    from recognizer.runtime.model import ActionRecognizer
    model = ActionRecognizer.load(args.model)
    return {name: ({held_out_datasets.item_key(name, item): held_out_datasets.item_probabilities(model, name, item)
                    for item in found}, [str(c) for c in model.classes_]) for name, found in items.items()}


def _of_folds(args, items):
    from recognizer.evaluation import held_out_datasets
    from recognizer.training.keras_gru import trainable_recognizer
    return held_out_datasets.fold_probabilities(
        common.training_streams(args, args.train_on), items,
        lambda X, y: trainable_recognizer(args.hidden, args.epochs, args.seed).fit(X, y),
        common.window_sampling(args), args.seed)


def cmd_evaluate_datasets(args):
    from recognizer.evaluation import held_out_datasets
    items = {}
    for name in args.hold_out:
        items[name], notes = held_out_datasets.test_items(name, common.dataset_paths(args, [name])[name])
        common.warn(notes)
    if args.from_probabilities:
        probabilities = _saved(args, items)
    else:
        probabilities = (_of_model if args.model else _of_folds)(args, items)
        if args.save_probabilities:
            held_out_datasets.save_probabilities(probabilities, args.save_probabilities)
    settings = common.decoder_settings(args)
    result = held_out_datasets.report(items, probabilities, settings)
    result |= {"trained_on": None if args.model else args.train_on, "model": args.model,
               "decoder": dataclasses.asdict(settings), "from_probabilities": args.from_probabilities}
    common.write_json(result, args.json)
    held_out_datasets.save_png(result, Path(args.json).with_suffix(".png"))
    for name, figures in result["datasets"].items():
        print(f"{name}: target recall {figures['target_recall']:.3f}, wrong-label rate "
              f"{figures['wrong_label_rate']:.3f}, {figures['false_events_per_min']:.2f} false events/min over "
              f"{figures['non_target_minutes']:.1f} min ({figures['n_target']} targets)")


def add_commands(commands):
    from recognizer.training.streams import DATASETS
    evaluate = commands.add_parser("evaluate-datasets", formatter_class=common.FORMATTER,
                                   help="leave-one-dataset-out: train on the other skeleton datasets, stream the "
                                        "held-out one (../shared/EVALUATION.md)")
    common.add_dataset_options(evaluate)
    evaluate.add_argument("--hold-out", nargs="+", choices=DATASETS, default=list(DATASETS), metavar="DATASET",
                          help="datasets to hold out in turn")
    evaluate.add_argument("--json", required=True, help="report to write; a PNG of the figures goes beside it")
    evaluate.add_argument("--save-probabilities", help="also save every frame's probabilities of each fold (.npz)")
    evaluate.add_argument("--from-probabilities", help="decode probabilities saved by an earlier run instead")
    evaluate.add_argument("--model", help="score every held-out dataset with this model folder instead of training "
                                          "folds (fair only for datasets the model never saw)")
    evaluate.add_argument("--seed", type=int, default=0, help="random seed of the training windows and GRU")
    common.add_model_options(evaluate)
    common.add_decoder_options(evaluate)
    evaluate.set_defaults(run=cmd_evaluate_datasets)
