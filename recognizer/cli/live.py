"""python -m recognizer stream, predict and draw-pose: the run-time recognizer on cameras, videos and images."""

import json
import time

from recognizer.errors import SourceError
from recognizer.runtime.process import limit_blas_threads

from . import loaders, options


def _print_event(event):
    print(f"{event.time_s:8.2f} s  {event.label:12s} {event.confidence:.2f}", flush=True)
    return {"label": event.label, "time_s": round(event.time_s, 3), "frame": event.frame,
            "confidence": round(event.confidence, 4)}


def _stream_in_order(pipeline, args, replayed):
    """Every frame in order (the recorded poses, or the file's frames): the same events on every run.
    Returns (events, frames)."""
    from recognizer.runtime.sources import VideoSource
    source = None if replayed is not None else VideoSource(args.video).open()
    if source is None:
        scored = (pipeline.process_pose(pose, number) for number, pose in replayed)
    else:
        scored = (pipeline.process(image, timestamp, number)
                  for number, (image, timestamp) in enumerate(iter(source.read, None)))
    events, n_frames = [], 0
    try:
        for scores in scored:
            n_frames += 1
            if scores.event:
                events.append(_print_event(scores.event))
    finally:
        if source is not None:
            source.close()
        pipeline.close()
    return events, n_frames


def _take_events(live):
    """The events of the frames the worker scored since the last call, each printed as it is taken."""
    return [_print_event(scores.event) for scores in live.take_scores() if scores.event is not None]


def _stream_live(pipeline, args):
    """A camera (or a --realtime video) through the capture thread and the worker. Returns (events,
    frames); a failure of the worker is raised here, so that the command does not end as if all went well."""
    from recognizer.runtime.capture import CaptureThread
    from recognizer.runtime.live import LiveRecognizer
    from recognizer.runtime.sources import CameraSource, VideoSource
    source = VideoSource(args.video, realtime=True) if args.video else CameraSource(args.camera)
    live = LiveRecognizer(CaptureThread(source), pipeline).start()
    events = []
    try:
        while live.running:
            time.sleep(0.05)
            events += _take_events(live)
    except KeyboardInterrupt:
        pass
    finally:
        live.stop()
    events += _take_events(live)
    if live.error is not None:
        raise live.error
    return events, live.frames_processed


def cmd_stream(args):
    limit_blas_threads()
    from recognizer.runtime import pose_log
    from recognizer.runtime.decoder import EventDecoder
    from recognizer.runtime.live import FramePipeline
    from recognizer.runtime.model import ActionRecognizer
    recognizer = ActionRecognizer.load(args.model)
    replayed = pose_log.read(args.replay)[0] if args.replay else None  # checked before anything is written
    source_name = args.replay or args.video or f"camera {args.camera}"
    recorder = pose_log.PoseLogWriter(args.record, source_name) if args.record else None
    pipeline = FramePipeline(recognizer, EventDecoder(recognizer.classes_, options.decoder_settings(args)),
                             recorder=recorder)
    if replayed is not None or (args.video and not args.realtime):
        events, n_frames = _stream_in_order(pipeline, args, replayed)
    else:
        events, n_frames = _stream_live(pipeline, args)
    if args.json:
        loaders.write_json({"events": events, "frames": n_frames}, args.json)


def cmd_predict(args):
    limit_blas_threads()
    from recognizer.runtime.model import ActionRecognizer
    from recognizer.runtime.pose import PoseEstimator
    from recognizer.runtime.video import pose_sequence
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


def cmd_draw_pose(args):
    import cv2

    from recognizer.runtime.pose import PoseEstimator, draw
    from recognizer.runtime.video import read_image
    image = read_image(args.image)
    with PoseEstimator(static_image_mode=True) as estimator:
        result = estimator.process(image)
    if not cv2.imwrite(str(args.output), draw(image, result)):
        raise SourceError(f"{args.output}: cannot write an image there")
    print(f"{'pose' if result.found else 'no person'} drawn to {args.output}")


def add_commands(commands):
    stream = commands.add_parser("stream", help="print action events live from a camera or video",
                                 formatter_class=options.FORMATTER)
    where = stream.add_mutually_exclusive_group(required=True)
    where.add_argument("--video", help="video file standing in for the camera")
    where.add_argument("--camera", type=int, help="camera index (see --list-cameras in the game)")
    where.add_argument("--replay", help="a pose recording made with --record, instead of a camera or video")
    stream.add_argument("--realtime", action="store_true",
                        help="pace a --video like a camera through the capture thread (frames may drop)")
    stream.add_argument("--json", help="write {events, frames} here")
    stream.add_argument("--record", help="save the pose stream and its events here (JSON Lines, no pixels)")
    options.add_model_dir_option(stream)
    options.add_decoder_options(stream)
    stream.set_defaults(run=cmd_stream)

    predict = commands.add_parser("predict", help="the action in a video file", formatter_class=options.FORMATTER)
    predict.add_argument("video", help="video file")
    predict.add_argument("--json", action="store_true", help="print {label, probabilities} as JSON")
    options.add_model_dir_option(predict)
    predict.set_defaults(run=cmd_predict)

    draw = commands.add_parser("draw-pose", help="draw the BlazePose skeleton on an image",
                               formatter_class=options.FORMATTER)
    draw.add_argument("image", help="image file")
    draw.add_argument("-o", "--output", required=True, help="PNG to write")
    draw.set_defaults(run=cmd_draw_pose)
