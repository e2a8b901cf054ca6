"""python -m recognizer evaluate-stream and tune-decoder: streaming events on G3D recordings, per EVALUATION.md."""

from pathlib import Path

from recognizer.runtime.model import DEFAULT_MODEL_DIR

from . import common, probabilities


def fold_probabilities(args, recordings):
    """Every recording's per-frame probabilities, from the shipped model or leave-one-actor-out models."""
    import numpy as np
    from tqdm import tqdm

    from recognizer.evaluation import streaming
    from recognizer.runtime.model import ActionRecognizer
    from recognizer.training.windows import training_windows
    if args.cross_validate:
        from recognizer.training.keras_gru import trainable_recognizer
        streams = [s for loaded in common.training_streams(args, args.train_on).values() for s in loaded]
    found, labels = {}, None
    shipped = None if args.cross_validate else ActionRecognizer.load(args.model)
    for actor in tqdm(sorted(recordings), desc="actor", unit="actor"):
        recognizer = shipped
        if args.cross_validate:
            train = [s for s in streams if not (s.dataset == "g3d" and s.subject == actor)]
            X, y = training_windows(train, common.window_sampling(args), seed=actor)
            recognizer = trainable_recognizer(args.hidden, args.epochs).fit(X, y)
            if args.save_models:
                recognizer.save(Path(args.save_models) / f"without_actor_{actor}")
        labels = recognizer.classes_
        for recording in recordings[actor]:
            found[streaming.probability_key(recording)] = streaming.recording_probabilities(recognizer, recording)
    if args.save_probabilities:
        np.savez_compressed(args.save_probabilities, labels=np.asarray(labels, str), **found)
    return found, labels


def cmd_evaluate_stream(args):
    from recognizer.datasets import g3d
    from recognizer.evaluation import streaming
    from recognizer.runtime.decoder import EventDecoder
    recordings = g3d.load(args.g3d)
    if args.from_probabilities:
        saved, labels = probabilities.load(args.from_probabilities)
    else:
        saved, labels = fold_probabilities(args, recordings)
    result = streaming.stream_report(recordings, probabilities.lookup(saved, args.from_probabilities),
                                     EventDecoder(labels, common.decoder_settings(args)))
    common.write_json(result, args.json)
    print(streaming.summary(result))


def cmd_tune_decoder(args):
    from recognizer.datasets import g3d
    from recognizer.evaluation import streaming
    grid = {"on": args.on, "off": args.off, "smoothing_s": args.smoothing_s, "cooldown_s": args.cooldown_s}
    streaming.grid_settings(grid)  # a value out of range is named before anything is loaded
    saved, labels = probabilities.load(args.from_probabilities)
    if args.nested:
        result = streaming.nested_choice(g3d.load(args.g3d), probabilities.lookup(saved, args.from_probabilities),
                                         labels, grid, args.max_false_per_min)
        common.write_json(result | {"from_probabilities": args.from_probabilities, "grid": grid}, args.json)
        print(f"nested choice: {streaming.summary(result)}")
        print("chosen on every actor: " + ", ".join(f"{k} {v}" for k, v in result["chosen_on_every_actor"].items()))
        return
    rows = streaming.decoder_grid(g3d.load(args.g3d), probabilities.lookup(saved, args.from_probabilities),
                                  labels, grid)
    common.write_json({"from_probabilities": args.from_probabilities, "settings": rows}, args.json)
    for row in rows[:10]:
        print(", ".join(f"{key} {value:.3g}" if isinstance(value, float) else f"{key} {value}"
                        for key, value in row.items()))


def add_fold_options(command):
    """The report, and where every G3D recording's probabilities come from (fold_probabilities): the shipped
    model, leave-one-actor-out models trained here, or a file saved by an earlier run."""
    command.add_argument("--json", required=True, help="report to write (../shared/EVALUATION.md format)")
    command.add_argument("--cross-validate", action="store_true",
                         help="leave-one-actor-out instead of the shipped model (each fold trained on the other G3D "
                              "actors and the other --train-on datasets)")
    command.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    command.add_argument("--save-probabilities", help="also save every frame's probabilities (.npz)")
    command.add_argument("--save-models", help="with --cross-validate, also save each fold's model in this folder "
                                               "as without_actor_N")
    command.add_argument("--from-probabilities",
                         help="use probabilities saved by an earlier run instead of computing them")
    common.add_model_options(command)


def add_commands(commands):
    evaluate_stream = commands.add_parser("evaluate-stream", formatter_class=common.FORMATTER,
                                          help="streaming events on every G3D recording, frame by frame")
    common.add_dataset_options(evaluate_stream)
    add_fold_options(evaluate_stream)
    common.add_decoder_options(evaluate_stream)
    evaluate_stream.set_defaults(run=cmd_evaluate_stream)

    tune = commands.add_parser("tune-decoder", formatter_class=common.FORMATTER,
                               help="streaming figures over a grid of decoder settings, from saved probabilities")
    common.add_g3d_option(tune)
    tune.add_argument("--from-probabilities", required=True, help="from 'evaluate-stream --save-probabilities'")
    tune.add_argument("--json", required=True, help="every setting's figures, best F1 first")
    tune.add_argument("--on", type=float, nargs="+", default=[0.7, 0.8, 0.9, 0.95], help="values of on")
    tune.add_argument("--off", type=float, nargs="+", default=[0.3, 0.5], help="values of off")
    tune.add_argument("--smoothing-s", type=float, nargs="+", default=[0.05, 0.1, 0.2], help="values of smoothing_s")
    tune.add_argument("--cooldown-s", type=float, nargs="+", default=[0.8, 1.5], help="values of cooldown_s")
    tune.add_argument("--nested", action="store_true",
                      help="score each actor with the setting chosen on the other actors (the best F1 with at most "
                           "--max-false-per-min), and report the choice on every actor; the JSON is then a streaming "
                           "report")
    tune.add_argument("--max-false-per-min", type=float, default=1.0, help="with --nested: the false-event budget")
    tune.set_defaults(run=cmd_tune_decoder)
