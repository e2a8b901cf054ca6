"""python -m recognizer evaluate-datasets: every dataset held out in turn, Kinder-Gator's children and adults, and
the webcam videos, each scored by prompted play and streaming figures."""

import dataclasses
import time
from pathlib import Path

from . import loaders, options


def _of_model(args, folds, eval_sets, window_features):
    """Every held-out set scored by one saved model (one that never saw them)."""
    from recognizer.evaluation import folds as fold_runs
    from recognizer.evaluation import streaming
    from recognizer.runtime.model import ActionRecognizer
    model = ActionRecognizer.load(args.model)
    labels = [str(c) for c in model.classes_]
    return {fold.name: ({stream.key: streaming.score(model, window_features[fold.dataset][stream.key])
                         for stream in fold_runs.held_streams(fold, eval_sets[fold.dataset])}, labels)
            for fold in folds}


def _judged(args, sets, probabilities, eval_sets):
    """The game's judge with both kinds of evidence on every held-out set: with --model, that model's own rule and
    marks; else each set's rule chosen on the other datasets' sets and marks fitted without its people (nested)."""
    from recognizer.evaluation import held_out_datasets, judge_choice, judged_sets
    from recognizer.runtime.judge import load_judge
    scored = {name: held_out_datasets.scored_streams(folds, probabilities, eval_sets) for name, folds in sets.items()}
    evidence = {name: judged_sets.record(found) for name, found in scored.items()}
    if args.model:
        rule, scorer = load_judge(args.model)
        rules, fitted, everyone = {name: rule for name in sets}, {name: scorer for name in sets}, None
    else:
        fitted = judged_sets.scorers(sets, loaders.move_sets(args))

        def groups_for(name):  # the other datasets' whole sets
            return [[other] for other, folds in sets.items()
                    if folds[0].group is None and folds[0].dataset != sets[name][0].dataset]
        rules, everyone = judged_sets.choices(evidence, fitted, groups_for, judge_choice.grid())
    reports = {name: judged_sets.report([(scored[name], evidence[name], rules[name], fitted[name])],
                                        args.calibration_shots) for name in sets}
    return {"sets": reports, "rule_on_every_set": None if everyone is None else everyone.to_json(),
            "marks": {name: scorer.marks_ for name, scorer in fitted.items()}}


def cmd_evaluate_datasets(args):
    from recognizer.evaluation import folds as fold_runs
    from recognizer.evaluation import held_out_datasets, judged_sets, set_reports
    started = time.monotonic()
    eval_sets, window_features = loaders.eval_sets(args, args.hold_out, with_features=not args.from_probabilities)
    sets = held_out_datasets.held_out_sets(args.hold_out, [] if args.model else args.train_on, eval_sets)
    folds = [fold for found in sets.values() for fold in found]
    timing = None
    if args.from_probabilities:
        probabilities, timing = fold_runs.load(args.from_probabilities, folds, eval_sets)
    elif args.model:
        probabilities = _of_model(args, folds, eval_sets, window_features)
    else:
        probabilities, timing = fold_runs.fold_probabilities(folds, loaders.window_sets(args), eval_sets,
                                                             window_features, loaders.fit_function(args))
    if args.save_probabilities:
        fold_runs.save(probabilities, args.save_probabilities, timing)
    decoder, judge = options.decoder_settings(args), options.judge_settings(args)
    result = held_out_datasets.report(sets, probabilities, eval_sets, decoder, judge)
    result["judged"] = _judged(args, sets, probabilities, eval_sets)
    result |= {"trained_on": None if args.model else args.train_on, "model": args.model, "seed": args.seed,
               "decoder": dataclasses.asdict(decoder), "judge": dataclasses.asdict(judge),
               "from_probabilities": args.from_probabilities, "fold_timing": timing,
               "seconds": round(time.monotonic() - started, 1)}
    loaders.write_json(result, args.json)
    held_out_datasets.save_png(result, Path(args.json).with_suffix(".png"))
    for name, report in result["sets"].items():
        print(set_reports.summary(name, report))
        print("  " + judged_sets.summary(name, result["judged"]["sets"][name]))
    print(f"{result['seconds']:.0f} s")


def add_commands(commands):
    from recognizer.training.streams import DATASETS
    evaluate = commands.add_parser("evaluate-datasets", formatter_class=options.FORMATTER,
                                   help="held-out people: each dataset, Kinder-Gator's children and adults, the webcam "
                                        "videos, each scored by prompted play and streaming (../shared/EVALUATION.md)")
    options.add_fold_run_options(evaluate)
    evaluate.add_argument("--hold-out", nargs="+", choices=DATASETS, default=list(DATASETS), metavar="DATASET",
                          help="datasets to hold out in turn")
    evaluate.add_argument("--json", required=True, help="report to write; a PNG of the figures goes beside it")
    evaluate.add_argument("--save-probabilities", help="also save every frame's probabilities of each fold (.npz)")
    evaluate.add_argument("--from-probabilities", help="decode probabilities saved by an earlier run instead")
    evaluate.add_argument("--model", help="score every held-out set with this model folder instead of training "
                                          "folds (fair only for data the model never saw)")
    options.add_decoder_options(evaluate)
    options.add_judge_options(evaluate)
    options.add_calibration_option(evaluate)
    evaluate.set_defaults(run=cmd_evaluate_datasets)
