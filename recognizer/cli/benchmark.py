"""python -m recognizer benchmark and soak: speed and memory of the live pipeline, as JSON."""

import json

from . import common


def cmd_benchmark(args):
    from recognizer.evaluation.benchmark import benchmark, live_pipeline, refit_time
    from recognizer.runtime.model import ActionRecognizer
    recognizer = ActionRecognizer.load(args.model)
    result = benchmark(recognizer, args.video) | live_pipeline(recognizer, args.video, args.pipeline_seconds)
    result |= refit_time(recognizer, args.video)
    common.write_json(result, args.json)
    print(json.dumps(result, indent=2))


def cmd_soak(args):
    from recognizer.evaluation.benchmark import soak
    from recognizer.runtime.model import ActionRecognizer
    result = soak(ActionRecognizer.load(args.model), args.video, args.minutes)
    common.write_json(result, args.json)
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=2))


def add_commands(commands):
    bench = commands.add_parser("benchmark", help="per-frame milliseconds of pose and recognizer",
                                formatter_class=common.FORMATTER)
    bench.add_argument("--json", required=True, help="report to write")
    bench.add_argument("--video", default=str(common.DEFAULT_VIDEO), help="video to run the pipeline on")
    common.add_model_dir_option(bench)
    bench.add_argument("--pipeline-seconds", type=float, default=20.0,
                       help="how long the live pipeline (capture thread + worker) is measured")
    bench.set_defaults(run=cmd_benchmark)

    soak = commands.add_parser("soak", formatter_class=common.FORMATTER,
                               help="memory and threads over a long live run on a looped video")
    soak.add_argument("--json", required=True, help="report to write")
    soak.add_argument("--video", default=str(common.DEFAULT_VIDEO), help="video to loop")
    soak.add_argument("--minutes", type=float, default=30.0, help="how long to run")
    common.add_model_dir_option(soak)
    soak.set_defaults(run=cmd_soak)
