"""python -m recognizer extract: pose extraction of a video folder into the cache."""

from recognizer.errors import DatasetError

from . import common


def cmd_extract(args):
    from recognizer.datasets import video_folder
    clips, notes = video_folder.scan(args.videos)
    common.warn(notes)
    try:
        video_folder.require_classes(clips, args.videos)
    except DatasetError as error:  # extraction is still worth doing; training will say it again
        common.warn([str(error)])
    extraction = common.extraction(args, [clip.path for clip in clips])
    if args.json:
        common.write_json(extraction.as_json() | {"videos": args.videos, "workers": args.workers}, args.json)


def add_commands(commands):
    extract = commands.add_parser("extract", help="pose extraction of a video folder into the cache",
                                  formatter_class=common.FORMATTER)
    common.add_video_options(extract)
    extract.add_argument("--json", help="write the extraction's figures (clips, cache hits, seconds) here")
    extract.set_defaults(run=cmd_extract)
