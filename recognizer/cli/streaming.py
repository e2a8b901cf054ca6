"""python -m recognizer evaluate-stream and tune-decoder: streaming events on G3D recordings, per EVALUATION.md."""

import time

from . import loaders, options, probabilities
from . import play as play_commands


def cmd_evaluate_stream(args):
    """The whole G3D leave-one-actor-out run: the EVALUATION.md streaming report, prompted play beside it, G3D-7
    accuracy of the same folds, and the run's time."""
    from recognizer.datasets import g3d
    from recognizer.evaluation import g3d_accuracy, prompted_play, streaming
    from recognizer.runtime.decoder import EventDecoder
    started = time.monotonic()
    eval_sets, probabilities_for, labels, timing = probabilities.actor_probabilities(args)
    decoder = EventDecoder(labels, options.decoder_settings(args))
    result = streaming.stream_report(eval_sets, probabilities_for, decoder)
    play = prompted_play.report(eval_sets, probabilities_for, labels, "prompt", options.judge_settings(args))
    clips = g3d_accuracy.evaluate_from_probabilities(g3d.load(options.folder(args, "g3d")), probabilities_for, labels)
    result["judged"] = play_commands.judged_actors(args, eval_sets, probabilities_for, labels, timing is not None)
    result |= {"play": {key: value for key, value in play.items() if key != "prompts"},
               "g3d7_accuracy": clips["accuracy"], "g3d7_per_class": clips["per_class"],
               "trained_on": args.train_on if args.cross_validate else None, "seed": args.seed,
               "fold_timing": timing, "seconds": round(time.monotonic() - started, 1)}
    loaders.write_json(result, args.json)
    print(streaming.summary(result))
    print(f"prompted play: {prompted_play.summary(play)}")
    print(play_commands.judged_summary(result["judged"]))
    accuracy = "-" if clips["accuracy"] is None else f"{clips['accuracy']:.4f}"
    print(f"G3D-7 accuracy {accuracy} ({clips['n_instances']} instances); {result['seconds']:.0f} s")


def cmd_tune_decoder(args):
    from recognizer.evaluation import streaming
    grid = {"on": args.on, "off": args.off, "smoothing_s": args.smoothing_s, "cooldown_s": args.cooldown_s}
    streaming.grid_settings(grid)  # a value out of range is named before anything is loaded
    eval_sets, probabilities_for, labels, _ = probabilities.actor_probabilities(args)
    if args.nested:
        result = streaming.nested_choice(eval_sets, probabilities_for, labels, grid, args.max_false_per_min)
        loaders.write_json(result | {"from_probabilities": args.from_probabilities, "grid": grid}, args.json)
        print(f"nested choice: {streaming.summary(result)}")
        print("chosen on every actor: " + ", ".join(f"{k} {v}" for k, v in result["chosen_on_every_actor"].items()))
        return
    rows = streaming.decoder_grid(eval_sets, probabilities_for, labels, grid)
    loaders.write_json({"from_probabilities": args.from_probabilities, "settings": rows}, args.json)
    for row in rows[:10]:
        print(", ".join(f"{key} {value:.3g}" if isinstance(value, float) else f"{key} {value}"
                        for key, value in row.items()))


def add_commands(commands):
    evaluate_stream = commands.add_parser("evaluate-stream", formatter_class=options.FORMATTER,
                                          help="streaming events and prompted play on every G3D recording, frame by "
                                               "frame (leave-one-actor-out with --cross-validate)")
    probabilities.add_options(evaluate_stream)
    options.add_calibration_option(evaluate_stream)
    options.add_decoder_options(evaluate_stream)
    options.add_judge_options(evaluate_stream)
    evaluate_stream.set_defaults(run=cmd_evaluate_stream)

    tune = commands.add_parser("tune-decoder", formatter_class=options.FORMATTER,
                               help="streaming figures over a grid of decoder settings, from saved probabilities")
    probabilities.add_options(tune)
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
