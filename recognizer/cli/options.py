"""The command line's options: where each dataset's folder is, and the option groups the commands share, each with
its default (argparse shows them in --help), and the settings read back from them.

A folder's default is the project's ../shared beside a source checkout; an installed package has none, and a command
that needs a folder then says which option gives it (folder).
"""

import argparse
import dataclasses
from pathlib import Path

from recognizer.datasets.pose_cache import usable_cores
from recognizer.errors import UsageError
from recognizer.runtime.decoder import DecoderSettings
from recognizer.runtime.model import DEFAULT_MODEL_DIR
from recognizer.training.windows import WindowSampling

SHARED = Path(__file__).resolve().parents[3] / "shared"
# Each dataset's folder by its name (the option is the name with dashes), and what it holds.
DATASET_FOLDERS = {"video": "the video", "g3d": "the G3D folder (<actor>/<Action>/<id>.json)",
                   "msr_action3d": "the MSR Action3D folder (real_world_coordinates/*_skeleton3D.txt)",
                   "utd_mhad": "the UTD-MHAD folder (a<A>_s<S>_t<T>_skeleton.mat)",
                   "msrc12_kick": "the MSRC-12 kick folder (*.csv.gz and .tagstream)",
                   "kinder_gator": "the Kinder-Gator folder (Adults/ and Children/ of POSE-*.csv)",
                   "webcam_gestures": "the webcam gestures folder (S<n>/videos/*.avi, S<n>/dynamic_videos/*.avi)"}


def shared(*parts):
    """A path under ../shared as the option's default, or None where there is no ../shared (an installed package)."""
    path = SHARED.joinpath(*parts)
    return str(path) if path.exists() else None


def folder(args, name):
    """The folder an option names, or a UsageError naming the option to give it with."""
    value = getattr(args, name)
    if value is None:
        option = "--" + name.replace("_", "-")
        raise UsageError(f"give {option}, {DATASET_FOLDERS[name]}: there is no ../shared beside this install to "
                         "take it from")
    return value


def dataset_paths(args, names):
    return {name: folder(args, name) for name in names}


FORMATTER = argparse.ArgumentDefaultsHelpFormatter
DECODER_HELP = {"on": "smoothed probability at which an action fires",
                "off": "probability it must fall below before firing again",
                "smoothing_s": "time constant of the probability smoothing, seconds",
                "cooldown_s": "least time between two events of one action, seconds",
                "settle_s": "time the body must be back in view before events are allowed, seconds"}
JUDGE_HELP = {"hit_on": "smoothed probability of the prompted move that makes a HIT",
              "wrong_on": "smoothed probability of another move that makes a WRONG",
              "rearm": "probability the previous prompt's move must fall below before it counts again",
              "smoothing_s": "time constant of the judge's probability smoothing, seconds",
              "form_on": "form score of the prompted move (1: at every pass mark) that makes a HIT with the model's "
                         "support (inf: never)",
              "support": "least smoothed probability of the prompted move that the body's evidence needs",
              "against": "most smoothed probability of another move that lets the body's evidence count",
              "veto": "least form score of the prompted move that a HIT by the model's probability needs (0: none)"}
SAMPLING_HELP = {"windows_per_action": "augmented training windows drawn around each truth action",
                 "background_per_second": "background-class windows per second of recording away from its actions",
                 "windows_per_distractor": "background-class windows around each distractor action's peak"}




def add_dataclass_options(command, defaults, helps, prefix=""):
    """One option per field of a settings dataclass (--<prefix><field>), its default taken from the dataclass."""
    for field in dataclasses.fields(defaults):
        command.add_argument("--" + (prefix + field.name).replace("_", "-"), type=field.type,
                             default=getattr(defaults, field.name), help=helps[field.name])


def from_options(settings_class, args, prefix=""):
    return settings_class(**{field.name: getattr(args, prefix + field.name)
                             for field in dataclasses.fields(settings_class)})


def add_decoder_options(command):
    add_dataclass_options(command, DecoderSettings(), DECODER_HELP)


def add_judge_options(command):
    """--judge-hit-on and the rest: the prompt judge's settings (prefixed, as the decoder has a smoothing_s too)."""
    from recognizer.runtime.judge import JudgeSettings
    add_dataclass_options(command, JudgeSettings(), JUDGE_HELP, "judge_")


def judge_settings(args):
    from recognizer.runtime.judge import JudgeSettings
    return from_options(JudgeSettings, args, "judge_")


def decoder_settings(args):
    return from_options(DecoderSettings, args)


def add_model_options(command):
    """The G3D training windows' sampling and the GRU's size (training commands only)."""
    add_dataclass_options(command, WindowSampling(), SAMPLING_HELP)
    command.add_argument("--hidden", type=int, default=64, help="GRU units")
    command.add_argument("--epochs", type=int, default=40, help="GRU training epochs")
    command.add_argument("--mirror-average", action=argparse.BooleanOptionalAction, default=True,
                         help="score each window with its mirror image too, sides swapped, and average the two")


def window_sampling(args):
    return from_options(WindowSampling, args)


def add_dataset_option(command, name):
    """--<name> DIR, its default under ../shared."""
    default = shared("data", name)
    command.add_argument("--" + name.replace("_", "-"), default=default,
                         help=DATASET_FOLDERS[name] + ("" if default else " (no ../shared here: give it)"))


def add_g3d_option(command):
    add_dataset_option(command, "g3d")


def add_dataset_options(command, train_on=True):
    """--g3d and the other datasets' folders; train_on: also --train-on, the datasets to train on."""
    from recognizer.training.streams import DATASETS, DEFAULT_TRAINING
    for name in DATASET_FOLDERS:
        if name != "video":
            add_dataset_option(command, name)
    if train_on:
        command.add_argument("--train-on", nargs="+", choices=DATASETS, default=list(DEFAULT_TRAINING),
                             metavar="DATASET", help=f"datasets to train on, of {', '.join(DATASETS)}")


def add_fold_run_options(command):
    """What cross-validation over the datasets needs: the datasets, the model's settings, the seed, the cache."""
    add_dataset_options(command)
    add_model_options(command)
    command.add_argument("--seed", type=int, default=0, help="random seed of the training windows and the GRU")
    command.add_argument("--array-cache", help="folder of cached training windows and window features (default: the "
                                               "user cache folder, ~/.cache/move-match/arrays on Linux); off: keep "
                                               "nothing, compute everything afresh")


def add_calibration_option(command):
    command.add_argument("--calibration-shots", type=int, nargs="*", default=[1, 2], metavar="K",
                         help="also score calibrated play (../shared/EVALUATION.md) with K captures of each move of "
                              "each held-out person; K = 0, cold, is always scored")


def add_model_dir_option(command, text="model folder"):
    command.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help=text)


def add_video_options(command):
    command.add_argument("--videos", help="a video folder (<class>/[<group>/]<clip>; none/ or background/ "
                                          "for clips without a move) instead of G3D")
    command.add_argument("--cache", help="pose cache folder (default: the user cache folder, "
                                         "~/.cache/move-match/poses on Linux)")
    command.add_argument("--workers", type=int, default=usable_cores(),
                         help="pose extraction processes, each with its own BlazePose")


def add_clip_training_options(command):
    command.add_argument("--windows-per-clip", type=int, default=50,
                         help="with --videos or --g3d-clips: augmented training windows drawn from each clip")
    command.add_argument("--head-only", action="store_true",
                         help="with --videos or --g3d-clips: train only a new classifier head on the GRU of --model")
