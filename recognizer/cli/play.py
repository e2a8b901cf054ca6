"""python -m recognizer evaluate-play and tune-judge: prompted play on G3D recordings, per EVALUATION.md."""

from recognizer.runtime.judge import JudgeSettings

from . import common, probabilities

JUDGE_GRID = {"hit_on": [0.6, 0.7, 0.8, 0.85, 0.9, 0.95], "wrong_on": [0.99, 1.0], "rearm": [0.3, 0.5],
              "smoothing_s": [0.05, 0.1, 0.15, 0.2, 0.3]}


def cmd_evaluate_play(args):
    from recognizer.evaluation import prompted_play
    eval_sets, probabilities_for, labels, _ = probabilities.actor_probabilities(args)
    result = prompted_play.report(eval_sets, probabilities_for, labels, args.judge,
                                  common.judge_settings(args))
    common.write_json(result, args.json)
    print(f"{args.judge} judge: {prompted_play.summary(result)}")


def cmd_tune_judge(args):
    from recognizer.evaluation import prompted_play
    from recognizer.evaluation.streaming import grid_settings
    grid = {name: getattr(args, name) for name in JUDGE_GRID}
    grid_settings(grid, JudgeSettings)  # a value out of range is named before anything is loaded
    eval_sets, probabilities_for, labels, _ = probabilities.actor_probabilities(args)
    result = prompted_play.nested_report(eval_sets, probabilities_for, labels, grid)
    common.write_json(result | {"from_probabilities": args.from_probabilities}, args.json)
    print(f"nested choice: {prompted_play.summary(result)}")
    print("chosen on every actor: " + ", ".join(f"{k} {v}" for k, v in result["chosen_on_every_actor"].items()))


def add_commands(commands):
    from recognizer.evaluation.prompted_play import JUDGES
    play = commands.add_parser("evaluate-play", formatter_class=common.FORMATTER,
                               help="prompted play on every G3D recording: each prompt judged HIT, WRONG or MISS")
    probabilities.add_options(play)
    play.add_argument("--judge", choices=JUDGES, default="prompt",
                      help="the game's prompt judge, or the first judge (the decoder's first event decides, "
                           "with the decoder's default settings)")
    common.add_judge_options(play)
    play.set_defaults(run=cmd_evaluate_play)

    tune = commands.add_parser("tune-judge", formatter_class=common.FORMATTER,
                               help="prompt-judge settings chosen without the actor scored (nested)")
    probabilities.add_options(tune)
    for name, values in JUDGE_GRID.items():
        tune.add_argument("--" + name.replace("_", "-"), type=float, nargs="+", default=values,
                          help=f"values of {name}")
    tune.set_defaults(run=cmd_tune_judge)
