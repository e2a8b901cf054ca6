"""python -m recognizer benchmark and soak: speed and memory of the live pipeline, as JSON."""

import json

from recognizer.runtime.process import limit_blas_threads

from . import loaders, options


def cmd_benchmark(args):
    limit_blas_threads()
    video = options.folder(args, "video")
    from recognizer.evaluation.benchmark import benchmark, live_pipeline, refit_time
    from recognizer.runtime.model import ActionRecognizer
    recognizer = ActionRecognizer.load(args.model)
    result = benchmark(recognizer, video) | live_pipeline(recognizer, video, args.pipeline_seconds)
    result |= refit_time(recognizer, video)
    loaders.write_json(result, args.json)
    print(json.dumps(result, indent=2))


def cmd_soak(args):
    limit_blas_threads()
    from recognizer.evaluation.benchmark import soak
    from recognizer.runtime.model import ActionRecognizer
    result = soak(ActionRecognizer.load(args.model), options.folder(args, "video"), args.minutes)
    loaders.write_json(result, args.json)
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=2))


def add_commands(commands):
    bench = commands.add_parser("benchmark", help="per-frame milliseconds of pose and recognizer",
                                formatter_class=options.FORMATTER)
    bench.add_argument("--json", required=True, help="report to write")
    bench.add_argument("--video", default=options.shared("data", "clips", "g3d_kick_right.mp4"),
                       help="video to run the pipeline on")
    options.add_model_dir_option(bench)
    bench.add_argument("--pipeline-seconds", type=float, default=20.0,
                       help="how long the live pipeline (capture thread + worker) is measured")
    bench.set_defaults(run=cmd_benchmark)

    soak = commands.add_parser("soak", formatter_class=options.FORMATTER,
                               help="memory and threads over a long live run on a looped video")
    soak.add_argument("--json", required=True, help="report to write")
    soak.add_argument("--video", default=options.shared("data", "clips", "g3d_kick_right.mp4"),
                      help="video to loop")
    soak.add_argument("--minutes", type=float, default=30.0, help="how long to run")
    options.add_model_dir_option(soak)
    soak.set_defaults(run=cmd_soak)
