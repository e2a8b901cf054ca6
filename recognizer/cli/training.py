"""python -m recognizer train: a model from the skeleton datasets or from a video folder, with its model card."""

import dataclasses
import sys

from recognizer.errors import UsageError
from recognizer.runtime.model import DEFAULT_MODEL_DIR

from . import loaders, options


def cmd_train(args):
    from recognizer.runtime import features
    from recognizer.training import model_card
    report, stream_report, datasets_report = (loaders.read_report(path) for path in  # before training
                                              (args.report, args.stream_report, args.datasets_report))
    if args.videos:
        from recognizer.datasets.pose_cache import pose_model_version
        from recognizer.training.clip_windows import clip_windows
        if args.out is None:
            raise UsageError("train --videos needs --out MODEL_DIR (a new model folder; the shipped model stays)")
        sequences, _ = loaders.video_sequences(args)
        X, y = clip_windows(sequences, args.windows_per_clip, seed=args.seed)
        sampling = {"windows_per_clip": args.windows_per_clip}
        data = {"videos": args.videos, "n_clips": len(sequences), "n_groups": len({s.group for s in sequences}),
                "pose_model": pose_model_version(), "gru_from": args.model if args.head_only else None}
    else:
        from recognizer.training.window_sets import training_set
        streams = loaders.training_streams(args, args.train_on)
        X, y, people = training_set(loaders.window_sets(args))
        sampling = dataclasses.asdict(options.window_sampling(args))
        data = {"datasets": {name: {"folder": str(path), "streams": len(streams[name]),
                                    "subjects": len({s.subject for s in streams[name]}),
                                    "actions": sum(len(s.actions) for s in streams[name])}
                             for name, path in options.dataset_paths(args, args.train_on).items()}}
    out = args.out or str(DEFAULT_MODEL_DIR)
    recognizer = loaders.make_recognizer(args, verbose=2)().fit(X, y, None if args.videos else people)
    # The game grades rhythm levels against the beat plus this delay, measured on held-out actors, not guessed: the
    # game's judge with both kinds of evidence where the report has it, else the model's probability alone.
    play = ((stream_report or {}).get("judged") or {}).get("cold") or (stream_report or {}).get("play") or {}
    measured = ({"hit_latency_s": play["median_reaction_s"], "of": "median time from a move's action point to "
                 "the judge's HIT in prompted play on held-out G3D actors (the --stream-report)"}
                if play.get("median_reaction_s") is not None else None)
    if not args.videos:  # the judge kept with the model: the rule chosen on held-out people, marks fitted here
        _save_judge(args, out, datasets_report)
    manifest = recognizer.save(out, sampling, measured)
    training = data | {"n_windows": len(X), "hidden": recognizer.encoder_.hidden, "epochs": args.epochs,
                       "epochs_run": getattr(recognizer.encoder_, "epochs_run_", None), "window_s": features.WINDOW_S,
                       "labels": list(recognizer.classes_),
                       "sampling": ", ".join(f"{key} {value}" for key, value in sampling.items()),
                       "command": "python -m recognizer " + " ".join(sys.argv[1:])}
    model_card.write(out, manifest, training, report, stream_report, datasets_report)
    print(f"model written to {out}")


def _save_judge(args, out, datasets_report):
    """judge.json beside the model: the rule `evaluate-datasets` chose on every held-out set (--datasets-report; the
    model's probability alone without one) and the body's marks fitted on the moves trained on."""
    from recognizer.runtime.judge import JudgeRule, save_judge
    from recognizer.training import form_marks
    chosen = ((datasets_report or {}).get("judged") or {}).get("rule_on_every_set")
    rule = JudgeRule.from_json(chosen) if chosen else JudgeRule()
    source = (f"the rule evaluate-datasets chose on every held-out set ({datasets_report['path']})" if chosen else
              "no --datasets-report: the model's probability alone")
    save_judge(out, rule, form_marks.fit(loaders.move_sets(args)), source + "; marks fitted on the training moves")


def add_commands(commands):
    train = commands.add_parser("train", help="train on the skeleton datasets (G3D and the others), or on a video "
                                             "folder", formatter_class=options.FORMATTER)
    options.add_fold_run_options(train)
    train.add_argument("--out", help=f"model folder to write (default {DEFAULT_MODEL_DIR} for G3D; "
                                     "needed with --videos)")
    options.add_model_dir_option(train, "with --head-only: the model whose GRU is kept")
    options.add_video_options(train)
    options.add_clip_training_options(train)
    train.add_argument("--report", help="a cross-validation JSON from 'evaluate' to quote in the model card")
    train.add_argument("--stream-report", help="a JSON from 'evaluate-stream --cross-validate' to quote there too")
    train.add_argument("--datasets-report", help="a JSON from 'evaluate-datasets' to quote there too")
    train.set_defaults(run=cmd_train)
