"""Every G3D recording's per-frame probabilities, leave-one-actor-out: trained here, from the shipped model, or
read back from a file saved by an earlier run; the options that choose, and the lookup the reports use."""

from pathlib import Path

from recognizer.errors import ReportError
from recognizer.runtime.model import DEFAULT_MODEL_DIR

from . import loaders, options


def add_options(command):
    """The report, and where the probabilities come from."""
    command.add_argument("--json", required=True, help="report to write")
    command.add_argument("--cross-validate", action="store_true",
                         help="leave-one-actor-out instead of the shipped model (each fold trained on the other G3D "
                              "actors and the other --train-on datasets)")
    command.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    command.add_argument("--save-probabilities", help="also save every frame's probabilities (.npz)")
    command.add_argument("--save-models", help="with --cross-validate, also save each fold's model in this folder "
                                               "as without_actor_N")
    command.add_argument("--from-probabilities",
                         help="use probabilities saved by an earlier run instead of computing them")
    options.add_fold_run_options(command)


def actor_folds(eval_sets):
    from recognizer.training.window_sets import HeldOut
    return [HeldOut("g3d", (actor,)) for actor in sorted({stream.subject for stream in eval_sets})]


def _save_model(directory):
    def save(fold, recognizer):
        recognizer.save(Path(directory) / f"without_actor_{fold.subjects[0]}")
    return save


def actor_probabilities(args):
    """(G3D EvalStreams, probabilities_for(stream), labels, fold timing or None) of --from-probabilities, of
    leave-one-actor-out folds (--cross-validate) or of the shipped model."""
    from recognizer.evaluation import folds as fold_runs
    from recognizer.evaluation import streaming
    from recognizer.runtime.model import ActionRecognizer
    eval_sets, window_features = loaders.eval_sets(args, ["g3d"], with_features=not args.from_probabilities)
    folds, timing = actor_folds(eval_sets["g3d"]), None
    if args.from_probabilities:
        probabilities, timing = fold_runs.load(args.from_probabilities, folds, eval_sets)
    elif args.cross_validate:
        probabilities, timing = fold_runs.fold_probabilities(
            folds, loaders.window_sets(args), eval_sets, window_features, loaders.fit_function(args),
            on_fitted=_save_model(args.save_models) if args.save_models else None)
    else:
        model = ActionRecognizer.load(args.model)
        probabilities = {fold.name: ({stream.key: streaming.score(model, window_features["g3d"][stream.key])
                                      for stream in fold_runs.held_streams(fold, eval_sets["g3d"])},
                                     [str(c) for c in model.classes_]) for fold in folds}
    if args.save_probabilities:
        fold_runs.save(probabilities, args.save_probabilities, timing)
    labels = {tuple(labels) for _, labels in probabilities.values()}
    if len(labels) != 1:
        raise ReportError(f"{args.from_probabilities}: its folds' models have different classes")
    found = {key: value for by_key, _ in probabilities.values() for key, value in by_key.items()}
    return eval_sets["g3d"], lambda stream: found[stream.key], list(labels.pop()), timing
