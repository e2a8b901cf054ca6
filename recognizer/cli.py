"""python -m recognizer: extract, train, evaluate, stream, predict, benchmark and draw-pose."""

import argparse
import inspect
import json
import sys
import time
from pathlib import Path

from .decoder import EventDecoder
from .g3d import DatasetError
from .model import DEFAULT_MODEL_DIR, ModelError
from .pose_cache import usable_cores
from .profile import PLAYER_WEIGHT, ProfileError
from .sources import SourceError

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEFAULT_G3D = SHARED / "data" / "g3d"
DEFAULT_VIDEO = SHARED / "data" / "clips" / "g3d_kick_right.mp4"


def _write_json(data, path):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


def _sampling(args):
    """training_windows' sampling parameters from the model options."""
    return {"windows_per_action": args.windows_per_action, "background_per_second": args.background_per_second,
            "windows_per_distractor": args.windows_per_distractor}


def _read_report(path):
    if path is None:
        return None
    try:
        return json.loads(Path(path).read_text()) | {"path": str(path)}
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: cannot read the report ({error})") from None


def _warn(messages):
    for message in messages:
        print(f"warning: {message}", file=sys.stderr)


def _extraction(args, paths):
    from .pose_cache import PoseCache, extract
    extraction = extract(paths, PoseCache(args.cache), args.workers)
    _warn(extraction.problems)
    print(extraction.summary())
    return extraction


def _video_sequences(args):
    """The labelled pose sequences of a video folder, with at least two classes (else exit code 2)."""
    from . import clip_dataset, video_folder
    clips, notes = video_folder.scan(args.videos)
    _warn(notes)
    extraction = _extraction(args, [clip.path for clip in clips])
    sequences = clip_dataset.from_extraction(clips, extraction)
    video_folder.require_classes(sequences, args.videos)
    return sequences, extraction


def _make_recognizer(args, verbose=0):
    """A factory of untrained recognizers: the whole GRU and head, or (--head-only) only a head on the
    GRU of --model."""
    from .model import ActionRecognizer
    encoder = ActionRecognizer.load(args.model).encoder_ if args.head_only else None
    return lambda: ActionRecognizer(hidden=args.hidden, epochs=args.epochs, seed=args.seed, verbose=verbose,
                                    encoder=encoder)


def cmd_extract(args):
    from . import video_folder
    clips, notes = video_folder.scan(args.videos)
    _warn(notes)
    try:
        video_folder.require_classes(clips, args.videos)
    except DatasetError as error:  # extraction is still worth doing; training will say it again
        _warn([str(error)])
    extraction = _extraction(args, [clip.path for clip in clips])
    if args.json:
        _write_json(extraction.as_json() | {"videos": args.videos, "workers": args.workers}, args.json)


def cmd_train(args):
    from . import dataset, features, model_card
    report, stream_report = (_read_report(path) for path in (args.report, args.stream_report))  # before training
    if args.videos:
        from . import clip_dataset
        from .pose_cache import pose_model_version
        if args.out is None:
            raise ValueError("train --videos needs --out MODEL_DIR (a new model folder; the shipped model stays)")
        sequences, _ = _video_sequences(args)
        X, y = clip_dataset.clip_windows(sequences, args.windows_per_clip, seed=args.seed)
        data = {"videos": args.videos, "n_clips": len(sequences), "n_groups": len({s.group for s in sequences}),
                "pose_model": pose_model_version(), "gru_from": args.model if args.head_only else None,
                "sampling": f"windows_per_clip {args.windows_per_clip}"}
    else:
        from . import g3d
        recordings = g3d.load(args.g3d)
        X, y = dataset.training_windows(recordings, **_sampling(args), seed=args.seed)
        data = {"actors": sorted(recordings), "g3d": args.g3d,
                "sampling": ", ".join(f"{key} {value}" for key, value in _sampling(args).items())}
    out = args.out or str(DEFAULT_MODEL_DIR)
    recognizer = _make_recognizer(args, verbose=2)().fit(X, y)
    manifest = recognizer.save(out)
    training = data | {"n_windows": len(X), "hidden": recognizer.encoder_.hidden, "epochs": args.epochs,
                       "window_s": features.WINDOW_S, "labels": list(recognizer.classes_),
                       "command": "python -m recognizer " + " ".join(sys.argv[1:])}
    model_card.write(out, manifest, training, report, stream_report)
    print(f"model written to {out}")


def _load_probabilities(path):
    """({recording key: per-frame probabilities}, labels) saved by evaluate-stream --save-probabilities."""
    import numpy as np
    try:
        with np.load(path) as saved:
            return {key: saved[key] for key in saved.files if key != "labels"}, saved["labels"]
    except (OSError, KeyError, ValueError) as error:
        raise ValueError(f"{path}: not a probabilities file from evaluate-stream --save-probabilities ({error})") from None


def _saved_for(probabilities, path):
    from . import streaming

    def probabilities_for(recording):
        try:
            return probabilities[streaming.probability_key(recording)]
        except KeyError:
            raise ValueError(f"{path}: no probabilities for recording {streaming.probability_key(recording)}") from None
    return probabilities_for


def _evaluate_clips(args):
    """evaluate --videos (or --g3d-clips): clip accuracy of a model, or of grouped cross-validation."""
    from . import clip_dataset, clip_evaluation, evaluation, g3d
    from .model import ActionRecognizer
    if args.videos:
        sequences, extraction = _video_sequences(args)
    else:
        sequences, extraction = clip_dataset.from_g3d(g3d.load(args.g3d)), None
    if args.cross_validate:
        result = clip_evaluation.cross_validate(sequences, _make_recognizer(args), args.folds,
                                                args.windows_per_clip, args.seed)
        result["route"] = f"head only, on the GRU of {args.model}" if args.head_only else "GRU and head"
    else:
        result = clip_evaluation.evaluate_model(ActionRecognizer.load(args.model), sequences)
        result["model"] = args.model
    result |= {"videos": args.videos, "g3d_clips": args.g3d if args.g3d_clips else None,
               "extraction": extraction.as_json() if extraction else None}
    _write_json(result, args.json)
    evaluation.save_confusion_png(result, Path(args.json).with_suffix(".png"), "clip accuracy")
    print(f"clip accuracy {result['accuracy']:.4f} over {result['n_instances']} clips")


def cmd_evaluate(args):
    from . import evaluation, g3d
    from .model import ActionRecognizer
    if args.videos or args.g3d_clips:
        return _evaluate_clips(args)
    recordings = g3d.load(args.g3d)
    if args.from_probabilities:
        probabilities, labels = _load_probabilities(args.from_probabilities)
        result = evaluation.evaluate_from_probabilities(recordings, _saved_for(probabilities, args.from_probabilities),
                                                        labels)
    elif args.cross_validate:
        result = evaluation.cross_validate(recordings, _sampling(args), hidden=args.hidden,
                                           epochs=args.epochs)
    else:
        result = evaluation.evaluate_shipped(ActionRecognizer.load(args.model), recordings)
    _write_json(result, args.json)
    evaluation.save_confusion_png(result, Path(args.json).with_suffix(".png"))
    summary = f"accuracy {result['accuracy']:.4f} over {result['n_instances']} instances"
    if "baseline_accuracy" in result:
        summary += f", baseline {result['baseline_accuracy']:.4f}"
    print(summary)


def cmd_evaluate_stream(args):
    import numpy as np
    from tqdm import tqdm
    from . import dataset, g3d, streaming
    from .model import ActionRecognizer
    recordings = g3d.load(args.g3d)
    if args.from_probabilities:
        probabilities, labels = _load_probabilities(args.from_probabilities)
    else:
        probabilities, labels = {}, None
        shipped = None if args.cross_validate else ActionRecognizer.load(args.model)
        for actor in tqdm(sorted(recordings), desc="actor", unit="actor"):
            recognizer = shipped
            if args.cross_validate:
                train = {a: r for a, r in recordings.items() if a != actor}
                X, y = dataset.training_windows(train, **_sampling(args), seed=actor)
                recognizer = ActionRecognizer(hidden=args.hidden, epochs=args.epochs).fit(X, y)
                if args.save_models:
                    recognizer.save(Path(args.save_models) / f"without_actor_{actor}")
            labels = recognizer.classes_
            for recording in recordings[actor]:
                probabilities[streaming.probability_key(recording)] = streaming.recording_probabilities(
                    recognizer, recording)
        if args.save_probabilities:
            np.savez_compressed(args.save_probabilities, labels=np.asarray(labels, str), **probabilities)
    result = streaming.stream_report(recordings, _saved_for(probabilities, args.from_probabilities),
                                     _decoder(args, labels))
    _write_json(result, args.json)
    print(f"F1 {result['f1']:.3f} (precision {result['precision']:.3f}, recall {result['recall']:.3f}), "
          f"latency median {result['latency_median_s']:.3f} s, p90 {result['latency_p90_s']:.3f} s, "
          f"{result['false_events_per_min']:.2f} false events/min")


def cmd_tune_decoder(args):
    from . import g3d, streaming
    probabilities, labels = _load_probabilities(args.from_probabilities)
    grid = {"on": args.on, "off": args.off, "smoothing_s": args.smoothing_s, "cooldown_s": args.cooldown_s}
    rows = streaming.decoder_grid(g3d.load(args.g3d), _saved_for(probabilities, args.from_probabilities), labels, grid)
    _write_json({"from_probabilities": args.from_probabilities, "settings": rows}, args.json)
    for row in rows[:10]:
        print(", ".join(f"{key} {value:.3g}" if isinstance(value, float) else f"{key} {value}"
                        for key, value in row.items()))


def cmd_evaluate_profile(args):
    from . import g3d, profile_evaluation
    recordings = g3d.load(args.g3d)
    result = profile_evaluation.evaluate(recordings, args.models, args.custom_move, args.custom_repetitions,
                                         args.player_weight)
    _write_json(result, args.json)
    overall = result["overall"]
    print(f"F1 without profile {overall['without_profile']['f1']:.3f}; refit median {result['refit_ms_median']:.0f} ms")
    for weight in map(str, args.player_weight):
        worse = [actor for actor, entry in result["per_actor"].items() if entry["f1_change"][weight]["worse_beyond_noise"]]
        line = (f"player weight {weight}: F1 with profile {overall['with_profile'][weight]['f1']:.3f}; per actor "
                + ", ".join(f"{actor}: {entry['f1_change'][weight]['change']:+.3f}"
                            for actor, entry in result["per_actor"].items())
                + f"; worse beyond noise: {', '.join(worse) or 'none'}")
        if args.custom_move:
            custom = result["custom_move"]
            figures = custom["with"][weight]["per_class"][custom["label"]]
            line += f"; custom move {custom['label']}: precision {figures['precision']:.3f}, recall {figures['recall']:.3f}"
        print(line)


def cmd_stream(args):
    from . import pose_log
    from .capture import CaptureThread
    from .live import FramePipeline, LiveRecognizer
    from .model import ActionRecognizer
    from .sources import CameraSource, VideoSource
    recognizer = ActionRecognizer.load(args.model)
    replayed = pose_log.read(args.replay) if args.replay else None  # checked before anything is written
    source_name = args.replay or args.video or f"camera {args.camera}"
    recorder = pose_log.PoseLogWriter(args.record, source_name) if args.record else None
    pipeline = FramePipeline(recognizer, _decoder(args, recognizer.classes_), recorder=recorder)
    events, n_frames = [], 0

    def show(event):
        events.append({"label": event.label, "time_s": round(event.time_s, 3), "frame": event.frame,
                       "confidence": round(event.confidence, 4)})
        print(f"{event.time_s:8.2f} s  {event.label:12s} {event.confidence:.2f}", flush=True)

    if replayed is not None or (args.video and not args.realtime):
        # Every frame in order (the recorded poses, or the file's frames): the same events on every run.
        source = None if replayed is not None else VideoSource(args.video).open()
        if source is None:
            scored = (pipeline.process_pose(pose, number) for number, pose in replayed[0])
        else:
            scored = (pipeline.process(image, timestamp, number)
                      for number, (image, timestamp) in enumerate(iter(source.read, None)))
        try:
            for scores in scored:
                n_frames += 1
                if scores.event:
                    show(scores.event)
        finally:
            if source is not None:
                source.close()
            pipeline.close()
    else:
        source = VideoSource(args.video, realtime=True) if args.video else CameraSource(args.camera)
        live = LiveRecognizer(CaptureThread(source), pipeline).start()
        try:
            while live.running:
                time.sleep(0.05)
                for event in live.take_events():
                    show(event)
        except KeyboardInterrupt:
            pass
        finally:
            live.stop()
            n_frames = live.frames_processed
    if args.json:
        _write_json({"events": events, "frames": n_frames}, args.json)


def cmd_predict(args):
    from .model import ActionRecognizer
    from .pose import PoseEstimator
    from .video import pose_sequence
    recognizer = ActionRecognizer.load(args.model)
    with PoseEstimator() as estimator:
        skeletons, times, _ = pose_sequence(args.video, estimator)
    label, probabilities = recognizer.classify_clip(skeletons, times)
    if args.json:
        print(json.dumps({"label": label, "probabilities": probabilities}))
    else:
        print(label)
        for name, p in sorted(probabilities.items(), key=lambda item: -item[1]):
            print(f"  {name:12s} {p:.3f}")


def cmd_benchmark(args):
    from .benchmark import benchmark, live_pipeline, refit_time
    from .model import ActionRecognizer
    recognizer = ActionRecognizer.load(args.model)
    result = benchmark(recognizer, args.video) | live_pipeline(recognizer, args.video, args.pipeline_seconds)
    result |= refit_time(recognizer, args.video)
    _write_json(result, args.json)
    print(json.dumps(result, indent=2))


def cmd_soak(args):
    from .benchmark import soak
    from .model import ActionRecognizer
    result = soak(ActionRecognizer.load(args.model), args.video, args.minutes)
    _write_json(result, args.json)
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=2))


def cmd_draw_pose(args):
    import cv2
    from .pose import PoseEstimator, draw
    from .video import read_image
    image = read_image(args.image)
    with PoseEstimator(static_image_mode=True) as estimator:
        result = estimator.process(image)
    if not cv2.imwrite(str(args.output), draw(image, result)):
        raise SourceError(f"{args.output}: cannot write an image there")
    print(f"{'pose' if result.found else 'no person'} drawn to {args.output}")


def _decoder(args, labels):
    return EventDecoder(labels, on=args.on, off=args.off, smoothing_s=args.smoothing_s, cooldown_s=args.cooldown_s)


def build_parser():
    formatter = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(prog="python -m recognizer", description=__doc__, formatter_class=formatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def decoder_options(command):
        defaults = inspect.signature(EventDecoder).parameters
        for name, text in (("on", "smoothed probability at which an action fires"),
                           ("off", "probability it must fall below before firing again"),
                           ("smoothing_s", "time constant of the probability smoothing, seconds"),
                           ("cooldown_s", "least time between two events of one action, seconds")):
            command.add_argument("--" + name.replace("_", "-"), type=float, default=defaults[name].default, help=text)

    def model_options(command):
        command.add_argument("--windows-per-action", type=int, default=50,
                             help="augmented training windows drawn around each truth action")
        command.add_argument("--background-per-second", type=float, default=4.0,
                             help="background-class windows per second of recording away from its actions")
        command.add_argument("--windows-per-distractor", type=int, default=8,
                             help="background-class windows around each distractor action's peak")
        command.add_argument("--hidden", type=int, default=64, help="GRU units")
        command.add_argument("--epochs", type=int, default=40, help="GRU training epochs")

    def video_options(command):
        command.add_argument("--videos", help="a video folder (<class>/[<group>/]<clip>; none/ or background/ "
                                              "for clips without a move) instead of G3D")
        command.add_argument("--cache", help="pose cache folder (default: the user cache folder, "
                                             "~/.cache/move-match/poses on Linux)")
        command.add_argument("--workers", type=int, default=usable_cores(),
                             help="pose extraction processes, each with its own BlazePose")

    def clip_training_options(command):
        command.add_argument("--windows-per-clip", type=int, default=50,
                             help="with --videos or --g3d-clips: augmented training windows drawn from each clip")
        command.add_argument("--head-only", action="store_true",
                             help="with --videos or --g3d-clips: train only a new classifier head on the GRU of --model")

    extract = commands.add_parser("extract", help="pose extraction of a video folder into the cache",
                                  formatter_class=formatter)
    video_options(extract)
    extract.add_argument("--json", help="write the extraction's figures (clips, cache hits, seconds) here")
    extract.set_defaults(run=cmd_extract)

    train = commands.add_parser("train", help="train on every actor of a G3D folder, or on a video folder",
                                formatter_class=formatter)
    train.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder (<actor>/<Action>/<id>.json)")
    train.add_argument("--out", help=f"model folder to write (default {DEFAULT_MODEL_DIR} for G3D; "
                                     "needed with --videos)")
    train.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="with --head-only: the model whose GRU is kept")
    video_options(train)
    clip_training_options(train)
    train.add_argument("--seed", type=int, default=0, help="random seed")
    train.add_argument("--report", help="a cross-validation JSON from 'evaluate' to quote in the model card")
    train.add_argument("--stream-report", help="a JSON from 'evaluate-stream --cross-validate' to quote there too")
    model_options(train)
    train.set_defaults(run=cmd_train)

    evaluate = commands.add_parser("evaluate", help="G3D-7 clip accuracy, or a video folder's",
                                   formatter_class=formatter)
    evaluate.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder")
    evaluate.add_argument("--json", required=True, help="report to write; a confusion-matrix PNG goes beside it")
    evaluate.add_argument("--cross-validate", action="store_true",
                          help="leave-one-actor-out (G3D) or grouped k-fold (--videos) training and testing "
                               "instead of a trained model")
    evaluate.add_argument("--model", default=str(DEFAULT_MODEL_DIR),
                          help="model folder (without --cross-validate; with it and --head-only, whose GRU is kept)")
    video_options(evaluate)
    clip_training_options(evaluate)
    evaluate.add_argument("--g3d-clips", action="store_true",
                          help="the G3D-7 instances of --g3d as clips grouped by actor, trained and tested as a "
                               "video folder would be (to compare --head-only with the whole GRU on known truth)")
    evaluate.add_argument("--folds", type=int, default=5, help="with --videos or --g3d-clips: at most this many grouped folds")
    evaluate.add_argument("--seed", type=int, default=0,
                          help="with --videos or --g3d-clips: random seed of the training windows and GRU")
    evaluate.add_argument("--from-probabilities",
                          help="per-frame probabilities from 'evaluate-stream --save-probabilities' (of its "
                               "leave-one-actor-out models, say) instead of a model")
    model_options(evaluate)
    evaluate.set_defaults(run=cmd_evaluate)

    evaluate_stream = commands.add_parser("evaluate-stream", formatter_class=formatter,
                                          help="streaming events on every G3D recording, frame by frame")
    evaluate_stream.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder")
    evaluate_stream.add_argument("--json", required=True, help="report to write (../shared/EVALUATION.md format)")
    evaluate_stream.add_argument("--cross-validate", action="store_true",
                                 help="leave-one-actor-out instead of the shipped model")
    evaluate_stream.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    evaluate_stream.add_argument("--save-probabilities", help="also save every frame's probabilities (.npz)")
    evaluate_stream.add_argument("--save-models", help="with --cross-validate, also save each fold's model in "
                                                       "this folder as without_actor_N")
    evaluate_stream.add_argument("--from-probabilities",
                                 help="decode probabilities saved by an earlier run instead of computing them")
    model_options(evaluate_stream)
    decoder_options(evaluate_stream)
    evaluate_stream.set_defaults(run=cmd_evaluate_stream)

    tune = commands.add_parser("tune-decoder", formatter_class=formatter,
                               help="streaming figures over a grid of decoder settings, from saved probabilities")
    tune.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder")
    tune.add_argument("--from-probabilities", required=True, help="from 'evaluate-stream --save-probabilities'")
    tune.add_argument("--json", required=True, help="every setting's figures, best F1 first")
    tune.add_argument("--on", type=float, nargs="+", default=[0.7, 0.8, 0.9, 0.95], help="values of on")
    tune.add_argument("--off", type=float, nargs="+", default=[0.3, 0.5], help="values of off")
    tune.add_argument("--smoothing-s", type=float, nargs="+", default=[0.05, 0.1, 0.2], help="values of smoothing_s")
    tune.add_argument("--cooldown-s", type=float, nargs="+", default=[0.8, 1.5], help="values of cooldown_s")
    tune.set_defaults(run=cmd_tune_decoder)

    evaluate_profile = commands.add_parser(
        "evaluate-profile", formatter_class=formatter,
        help="streaming F1 with and without a one-repetition player profile, leave-one-actor-out")
    evaluate_profile.add_argument("--g3d", default=str(DEFAULT_G3D), help="G3D folder")
    evaluate_profile.add_argument("--models", required=True,
                                  help="fold models from 'evaluate-stream --cross-validate --save-models'")
    evaluate_profile.add_argument("--json", required=True, help="report to write")
    evaluate_profile.add_argument("--custom-move", help="a G3D distractor folder to teach as a new move (Jump)")
    evaluate_profile.add_argument("--custom-repetitions", type=int, default=3, help="its taught repetitions")
    evaluate_profile.add_argument("--player-weight", type=float, nargs="+", default=[PLAYER_WEIGHT],
                                  help="weights of a player's window against an average training window of its "
                                       "move (several: each is measured on the same folds)")
    evaluate_profile.set_defaults(run=cmd_evaluate_profile)

    stream = commands.add_parser("stream", help="print action events live from a camera or video",
                                 formatter_class=formatter)
    where = stream.add_mutually_exclusive_group(required=True)
    where.add_argument("--video", help="video file standing in for the camera")
    where.add_argument("--camera", type=int, help="camera index (see --list-cameras in the game)")
    where.add_argument("--replay", help="a pose recording made with --record, instead of a camera or video")
    stream.add_argument("--realtime", action="store_true",
                        help="pace a --video like a camera through the capture thread (frames may drop)")
    stream.add_argument("--json", help="write {events, frames} here")
    stream.add_argument("--record", help="save the pose stream and its events here (JSON Lines, no pixels)")
    stream.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    decoder_options(stream)
    stream.set_defaults(run=cmd_stream)

    predict = commands.add_parser("predict", help="the action in a video file", formatter_class=formatter)
    predict.add_argument("video", help="video file")
    predict.add_argument("--json", action="store_true", help="print {label, probabilities} as JSON")
    predict.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    predict.set_defaults(run=cmd_predict)

    bench = commands.add_parser("benchmark", help="per-frame milliseconds of pose and recognizer",
                                formatter_class=formatter)
    bench.add_argument("--json", required=True, help="report to write")
    bench.add_argument("--video", default=str(DEFAULT_VIDEO), help="video to run the pipeline on")
    bench.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    bench.add_argument("--pipeline-seconds", type=float, default=20.0,
                       help="how long the live pipeline (capture thread + worker) is measured")
    bench.set_defaults(run=cmd_benchmark)

    soak_command = commands.add_parser("soak", formatter_class=formatter,
                                       help="memory and threads over a long live run on a looped video")
    soak_command.add_argument("--json", required=True, help="report to write")
    soak_command.add_argument("--video", default=str(DEFAULT_VIDEO), help="video to loop")
    soak_command.add_argument("--minutes", type=float, default=30.0, help="how long to run")
    soak_command.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="model folder")
    soak_command.set_defaults(run=cmd_soak)

    draw = commands.add_parser("draw-pose", help="draw the BlazePose skeleton on an image", formatter_class=formatter)
    draw.add_argument("image", help="image file")
    draw.add_argument("-o", "--output", required=True, help="PNG to write")
    draw.set_defaults(run=cmd_draw_pose)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (SourceError, DatasetError, ModelError, ProfileError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
