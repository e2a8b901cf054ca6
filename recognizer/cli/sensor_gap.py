"""python -m recognizer evaluate-sensor-gap: Kinect skeletons (the training data) against BlazePose world landmarks
of real webcam video (the game's input): proportions, still noise per axis and forward reach, per dataset."""

import time

from . import loaders, options


def cmd_evaluate_sensor_gap(args):
    from recognizer.evaluation import sensor_gap
    from recognizer.training.streams import DATASETS
    started = time.monotonic()
    sets, notes = sensor_gap.measurement_sets(options.dataset_paths(args, DATASETS))
    loaders.warn(notes)
    result = sensor_gap.report(sets)
    result |= {"settings": {"smooth_s": sensor_gap.SMOOTH_S, "still_speed_torso_per_s": sensor_gap.STILL_SPEED,
                            "reach_forward_arm_lengths": sensor_gap.REACH_FORWARD},
               "seconds": round(time.monotonic() - started, 1)}
    loaders.write_json(result, args.json)
    print("\n".join(sensor_gap.table(result)))
    print(f"{result['seconds']:.0f} s")


def add_commands(commands):
    command = commands.add_parser("evaluate-sensor-gap", formatter_class=options.FORMATTER,
                                  help="Kinect datasets against the webcam's BlazePose: body proportions, still "
                                       "noise per axis and forward reach, per dataset")
    options.add_dataset_options(command, train_on=False)
    command.add_argument("--json", required=True, help="report to write")
    command.set_defaults(run=cmd_evaluate_sensor_gap)
