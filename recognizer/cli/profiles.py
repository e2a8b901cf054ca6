"""python -m recognizer evaluate-profile: streaming F1 with and without a player profile."""

from recognizer.runtime.profile import IDLE_WINDOWS_PER_SECOND, PLAYER_WEIGHT

from . import loaders, options


def cmd_evaluate_profile(args):
    from recognizer.datasets import g3d
    from recognizer.evaluation import profiles
    result = profiles.evaluate(g3d.load(options.folder(args, "g3d")), args.models, args.custom_move,
                               args.custom_repetitions, args.player_weight, args.idle_per_second)
    loaders.write_json(result, args.json)
    overall = result["overall"]
    print(f"F1 without profile {overall['without_profile']['f1']:.3f}; refit median {result['refit_ms_median']:.0f} ms")
    for weight in map(str, args.player_weight):
        worse = [actor for actor, entry in result["per_actor"].items()
                 if entry["f1_change"][weight]["worse_beyond_noise"]]
        line = (f"player weight {weight}: F1 with profile {overall['with_profile'][weight]['f1']:.3f}; per actor "
                + ", ".join(f"{actor}: {entry['f1_change'][weight]['change']:+.3f}"
                            for actor, entry in result["per_actor"].items())
                + f"; worse beyond noise: {', '.join(worse) or 'none'}")
        if args.custom_move:
            custom = result["custom_move"]
            figures = custom["with"][weight]["per_class"][custom["label"]]
            line += (f"; custom move {custom['label']}: precision {figures['precision']:.3f}, "
                     f"recall {figures['recall']:.3f}")
        print(line)


def add_commands(commands):
    evaluate_profile = commands.add_parser(
        "evaluate-profile", formatter_class=options.FORMATTER,
        help="streaming F1 with and without a one-repetition player profile, leave-one-actor-out")
    options.add_g3d_option(evaluate_profile)
    evaluate_profile.add_argument("--models", required=True,
                                  help="fold models from 'evaluate-stream --cross-validate --save-models'")
    evaluate_profile.add_argument("--json", required=True, help="report to write")
    evaluate_profile.add_argument("--custom-move", help="a G3D distractor folder to teach as a new move (Jump)")
    evaluate_profile.add_argument("--custom-repetitions", type=int, default=3, help="its taught repetitions")
    evaluate_profile.add_argument("--player-weight", type=float, nargs="+", default=[PLAYER_WEIGHT],
                                  help="weights of a player's window against an average training window of its "
                                       "move (several: each is measured on the same folds)")
    evaluate_profile.add_argument("--idle-per-second", type=float, default=IDLE_WINDOWS_PER_SECOND,
                                  help="background windows per second of the teaching recordings' idle time "
                                       "(0: the profile learns no idle time)")
    evaluate_profile.set_defaults(run=cmd_evaluate_profile)
