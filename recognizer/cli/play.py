"""python -m recognizer evaluate-play and tune-judge: prompted play on G3D recordings, per EVALUATION.md."""

from recognizer.datasets.pose_cache import usable_cores
from recognizer.runtime.judge import JudgeSettings

from . import loaders, options, probabilities

JUDGE_GRID = {"hit_on": [0.6, 0.7, 0.8, 0.85, 0.9, 0.95], "wrong_on": [0.99, 1.0], "rearm": [0.3, 0.5],
              "smoothing_s": [0.05, 0.1, 0.15, 0.2, 0.3]}


def cmd_evaluate_play(args):
    if args.clips:
        return _clip_play(args)
    import time

    from recognizer.evaluation import prompted_play
    started = time.monotonic()
    eval_sets, probabilities_for, labels, timing = probabilities.actor_probabilities(args)
    result = prompted_play.report(eval_sets, probabilities_for, labels, args.judge,
                                  options.judge_settings(args))
    result["judged"] = judged_actors(args, eval_sets, probabilities_for, labels, nested=timing is not None)
    result |= {"fold_timing": timing, "seconds": round(time.monotonic() - started, 1)}
    loaders.write_json(result, args.json)
    print(f"{args.judge} judge: {prompted_play.summary(result)}")
    print(judged_summary(result["judged"]))


def judged_actors(args, streams, probabilities_for, labels, nested):
    """The game's judge with both kinds of evidence on G3D, actor by actor: nested (on leave-one-actor-out folds'
    probabilities), each actor's rule chosen on the other actors' evidence and marks fitted without the actor;
    else (the shipped model's probabilities) that model's own rule and marks, fair only for people it never saw."""
    from recognizer.evaluation import judge_choice, judged_sets
    from recognizer.runtime.judge import load_judge
    from recognizer.training.window_sets import HeldOut
    actors = sorted({stream.subject for stream in streams})
    scored = {actor: [(stream, probabilities_for(stream), labels) for stream in streams if stream.subject == actor]
              for actor in actors}
    evidence = {actor: judged_sets.record(found) for actor, found in scored.items()}
    everyone = None
    if nested:
        fitted = judged_sets.scorers({actor: [HeldOut("g3d", (actor,))] for actor in actors}, loaders.move_sets(args))
        rules, everyone = judged_sets.choices(evidence, fitted, lambda actor: [[a for a in actors if a != actor]],
                                              judge_choice.grid())
    else:
        rule, scorer = load_judge(args.model)
        rules, fitted = dict.fromkeys(actors, rule), dict.fromkeys(actors, scorer)
    report = judged_sets.report([(scored[a], evidence[a], rules[a], fitted[a]) for a in actors],
                                args.calibration_shots)
    return report | {"rule_on_every_actor": None if everyone is None else everyone.to_json()}


def judged_summary(judged):
    from recognizer.evaluation import judged_sets
    return judged_sets.summary("the judge with the body's evidence", judged)


def _clip_play(args):
    """Prompted play on the clips of a label file, scored by --model and judged by its judge (judge.json) as live
    (../shared/EVALUATION.md); calibrated play too when the file names each clip's person."""
    import time

    from recognizer.datasets import labelled_clips
    from recognizer.datasets.pose_cache import PoseCache
    from recognizer.evaluation import calibrated_play, clip_play, eval_streams, streaming
    from recognizer.runtime.judge import load_judge
    from recognizer.runtime.model import ActionRecognizer
    started = time.monotonic()
    model = ActionRecognizer.load(args.model)
    rule, scorer = load_judge(args.model)
    clips, notes = labelled_clips.load(args.clips, PoseCache(args.cache), args.workers)
    loaders.warn(notes)
    streams = [eval_streams.from_clip(clip) for clip in clips]
    labels = [str(label) for label in model.classes_]
    probabilities = {stream.key: streaming.stream_probabilities(model, stream) for stream in streams}
    evidence = clip_play.record(streams, lambda stream: probabilities[stream.key], labels, rule.default)
    result = clip_play.report(evidence, rule, scorer)
    if all(clip.group for clip in clips):  # every clip's person named: what K captures of each move teach
        scored = [(stream, probabilities[stream.key], labels) for stream in streams]
        result["calibrated"] = {str(k): {key: value for key, value in calibrated_play.report(
            scored, evidence, rule, scorer, k).items() if key != "prompts"} for k in args.calibration_shots}
    result |= {"clips_file": str(args.clips), "model": args.model, "judge": rule.to_json(), "left_out": notes,
               "seconds": round(time.monotonic() - started, 1)}
    loaders.write_json(result, args.json)
    print(clip_play.summary(result))


def cmd_tune_judge(args):
    from recognizer.evaluation import prompted_play
    from recognizer.evaluation.streaming import grid_settings
    grid = {name: getattr(args, name) for name in JUDGE_GRID}
    grid_settings(grid, JudgeSettings)  # a value out of range is named before anything is loaded
    eval_sets, probabilities_for, labels, _ = probabilities.actor_probabilities(args)
    result = prompted_play.nested_report(eval_sets, probabilities_for, labels, grid)
    loaders.write_json(result | {"from_probabilities": args.from_probabilities}, args.json)
    print(f"nested choice: {prompted_play.summary(result)}")
    print("chosen on every actor: " + ", ".join(f"{k} {v}" for k, v in result["chosen_on_every_actor"].items()))


def add_commands(commands):
    from recognizer.evaluation.prompted_play import JUDGES
    play = commands.add_parser("evaluate-play", formatter_class=options.FORMATTER,
                               help="prompted play on every G3D recording, or on labelled video clips (--clips): "
                                    "each prompt judged HIT, WRONG or MISS")
    probabilities.add_options(play)
    play.add_argument("--clips", help="a label file (CSV: file,move[,person]) of video clips to play instead of G3D, "
                                      "e.g. ../shared/data/real_clips/labels.csv; scored by --model")
    play.add_argument("--cache", help="pose cache folder for --clips (default: the user cache folder)")
    play.add_argument("--workers", type=int, default=usable_cores(),
                      help="pose extraction processes for --clips, each with its own BlazePose")
    options.add_calibration_option(play)
    play.add_argument("--judge", choices=JUDGES, default="prompt",
                      help="the game's prompt judge, or the first judge (the decoder's first event decides, "
                           "with the decoder's default settings)")
    options.add_judge_options(play)
    play.set_defaults(run=cmd_evaluate_play)

    tune = commands.add_parser("tune-judge", formatter_class=options.FORMATTER,
                               help="prompt-judge settings chosen without the actor scored (nested)")
    probabilities.add_options(tune)
    for name, values in JUDGE_GRID.items():
        tune.add_argument("--" + name.replace("_", "-"), type=float, nargs="+", default=values,
                          help=f"values of {name}")
    tune.set_defaults(run=cmd_tune_judge)
