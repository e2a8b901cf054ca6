"""What the commands load and write: datasets as streams, windows and features (through the array cache), models
to train, pose extraction, and reports (JSON in, JSON out, warnings on stderr)."""

import json
import sys
from pathlib import Path

from recognizer.errors import ReportError

from .options import dataset_paths, window_sampling


def write_json(data, path):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


def warn(messages):
    for message in messages:
        print(f"warning: {message}", file=sys.stderr)


def training_streams(args, names):
    """{dataset: [TrainingStream]} of the named datasets' folders; files left out are warned about."""
    from recognizer.training import streams
    found, notes = streams.load(dataset_paths(args, names))
    warn(notes)
    return found


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


def fit_function(args):
    """fit(X, y, people) → a recognizer trained with the command's settings."""
    from recognizer.training.keras_gru import trainable_recognizer
    return lambda X, y, people: trainable_recognizer(args.hidden, args.epochs, args.seed,
                                                     mirror_average=args.mirror_average).fit(X, y, people)


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
    return lambda: trainable_recognizer(args.hidden, args.epochs, args.seed, verbose, kept_encoder=kept,
                                        mirror_average=args.mirror_average)
