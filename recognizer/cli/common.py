"""What the command groups share: default paths, JSON output, and the option groups with their defaults."""

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from recognizer.datasets.pose_cache import usable_cores
from recognizer.errors import ReportError
from recognizer.runtime.decoder import DecoderSettings
from recognizer.runtime.model import DEFAULT_MODEL_DIR
from recognizer.training.windows import WindowSampling

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEFAULT_G3D = SHARED / "data" / "g3d"
DEFAULT_VIDEO = SHARED / "data" / "clips" / "g3d_kick_right.mp4"
# The other datasets' folders, by dataset name (the option is the name with dashes).
DEFAULT_OTHER_DATASETS = {name: SHARED / "data" / name for name in ("msr_action3d", "utd_mhad", "msrc12_kick",
                                                                    "kinder_gator", "webcam_gestures")}
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


def write_json(data, path):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


def warn(messages):
    for message in messages:
        print(f"warning: {message}", file=sys.stderr)


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


def window_sampling(args):
    return from_options(WindowSampling, args)


def add_g3d_option(command):
    command.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder (<actor>/<Action>/<id>.json)")


def add_dataset_options(command, train_on=True):
    """--g3d and the other datasets' folders; train_on: also --train-on, the datasets to train on."""
    from recognizer.training.streams import DATASETS, DEFAULT_TRAINING
    add_g3d_option(command)
    for name, path in DEFAULT_OTHER_DATASETS.items():
        command.add_argument("--" + name.replace("_", "-"), default=str(path), help=f"{name} folder")
    if train_on:
        command.add_argument("--train-on", nargs="+", choices=DATASETS, default=list(DEFAULT_TRAINING),
                             metavar="DATASET", help=f"datasets to train on, of {', '.join(DATASETS)}")


def dataset_paths(args, names):
    return {name: getattr(args, name) for name in names}


def training_streams(args, names):
    """{dataset: [TrainingStream]} of the named datasets' folders; files left out are warned about."""
    from recognizer.training import streams
    found, notes = streams.load(dataset_paths(args, names))
    warn(notes)
    return found


def add_fold_run_options(command):
    """What cross-validation over the datasets needs: the datasets, the model's settings, the seed, the cache."""
    add_dataset_options(command)
    add_model_options(command)
    command.add_argument("--seed", type=int, default=0, help="random seed of the training windows and the GRU")
    command.add_argument("--array-cache", help="folder of cached training windows and window features (default: the "
                                               "user cache folder, ~/.cache/move-match/arrays on Linux); off: keep "
                                               "nothing, compute everything afresh")


def array_cache(args):
    from recognizer.datasets.array_cache import ArrayCache
    return ArrayCache(False if args.array_cache == "off" else args.array_cache)


def window_sets(args):
    """The WindowSet of every --train-on dataset, from the cache where it holds them."""
    from recognizer.training.window_sets import dataset_windows
    return [dataset_windows(name, path, window_sampling(args), args.seed, array_cache(args))
            for name, path in dataset_paths(args, args.train_on).items()]


def eval_sets(args, names, with_features=True):
    """({dataset: [EvalStream]}, {dataset: {key: window features}} or None) of the named datasets' folders; the
    window features, from the cache where it holds them, only when asked for (probabilities read back need none)."""
    from recognizer.evaluation import eval_streams
    found, window_features = {}, {}
    for name, path in dataset_paths(args, names).items():
        found[name], notes = eval_streams.load(name, path)
        warn(notes)
        if with_features:
            window_features[name] = eval_streams.window_features(name, path, found[name], array_cache(args))
    return found, window_features if with_features else None


def move_sets(args):
    """The MoveSet (its moves' form measures) of every --train-on dataset, from the cache where it holds them."""
    from recognizer.training.form_marks import dataset_moves
    return [dataset_moves(name, path, array_cache(args)) for name, path in dataset_paths(args, args.train_on).items()]


def add_calibration_option(command):
    command.add_argument("--calibration-shots", type=int, nargs="*", default=[1, 2], metavar="K",
                         help="also score calibrated play (../shared/EVALUATION.md) with K captures of each move of "
                              "each held-out person; K = 0, cold, is always scored")


def fit_function(args):
    """fit(X, y, people) → a recognizer trained with the command's settings."""
    from recognizer.training.keras_gru import trainable_recognizer
    return lambda X, y, people: trainable_recognizer(args.hidden, args.epochs, args.seed).fit(X, y, people)


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


def read_report(path):
    """A JSON report named on the command line, with its path; None for no path."""
    if path is None:
        return None
    try:
        return json.loads(Path(path).read_text()) | {"path": str(path)}
    except (OSError, ValueError) as error:
        raise ReportError(f"{path}: cannot read the report ({error})") from None


def extraction(args, paths):
    """Poses of these video files through the cache (--cache, --workers), problems warned about."""
    from recognizer.datasets.pose_cache import PoseCache, extract
    result = extract(paths, PoseCache(args.cache), args.workers)
    warn(result.problems)
    print(result.summary())
    return result


def video_sequences(args):
    """The labelled pose sequences of a video folder, with at least two classes (else exit code 2)."""
    from recognizer.datasets import clips, video_folder
    found, notes = video_folder.scan(args.videos)
    warn(notes)
    extracted = extraction(args, [clip.path for clip in found])
    sequences = clips.from_extraction(found, extracted)
    video_folder.require_classes(sequences, args.videos)
    return sequences, extracted


def make_recognizer(args, verbose=0):
    """A factory of untrained recognizers: the whole GRU and head, or (--head-only) only a head on the
    GRU of --model."""
    from recognizer.runtime.model import ActionRecognizer
    from recognizer.training.keras_gru import trainable_recognizer
    kept = ActionRecognizer.load(args.model).encoder_ if args.head_only else None
    return lambda: trainable_recognizer(args.hidden, args.epochs, args.seed, verbose, kept_encoder=kept)
