"""python -m recognizer extract and label-webcam-gestures: pose extraction of a video folder into the cache, and the
webcam videos as a label file for evaluate-play --clips."""

from recognizer.errors import DatasetError

from . import loaders, options


def cmd_extract(args):
    from recognizer.datasets import video_folder
    clips, notes = video_folder.scan(args.videos)
    loaders.warn(notes)
    try:
        video_folder.require_classes(clips, args.videos)
    except DatasetError as error:  # extraction is still worth doing; training will say it again
        loaders.warn([str(error)])
    extraction = loaders.extraction(args, [clip.path for clip in clips])
    if args.json:
        loaders.write_json(extraction.as_json() | {"videos": args.videos, "workers": args.workers}, args.json)


def cmd_label_webcam_gestures(args):
    import csv
    from pathlib import Path

    from recognizer.datasets import webcam_gestures
    rows = webcam_gestures.label_rows(options.folder(args, "webcam_gestures"))
    if args.others_per_person is not None:  # a smaller set: every move, and each person's first other gestures
        kept, others = [], {}
        for row in rows:
            others[row["person"]] = others.get(row["person"], 0) + (not row["move"])
            if row["move"] or others[row["person"]] <= args.others_per_person:
                kept.append(row)
        rows = sorted(kept, key=lambda row: (row["person"], row["file"]))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    root = Path(args.webcam_gestures).resolve()
    with out.open("w", newline="") as file:
        writer = csv.DictWriter(file, ["file", "move", "person"])
        writer.writeheader()
        writer.writerows(row | {"file": str(root / row["file"])} for row in rows)
    print(f"{len(rows)} clips ({sum(bool(row['move']) for row in rows)} with a move) written to {out}")


def add_commands(commands):
    extract = commands.add_parser("extract", help="pose extraction of a video folder into the cache",
                                  formatter_class=options.FORMATTER)
    options.add_video_options(extract)
    extract.add_argument("--json", help="write the extraction's figures (clips, cache hits, seconds) here")
    extract.set_defaults(run=cmd_extract)
    label = commands.add_parser("label-webcam-gestures", formatter_class=options.FORMATTER,
                                help="write the webcam videos' label file (file,move,person) for evaluate-play --clips")
    label.add_argument("--webcam-gestures", default=options.shared("data", "webcam_gestures"),
                       help="webcam_gestures folder")
    label.add_argument("--out", required=True, help="label file to write (CSV)")
    label.add_argument("--others-per-person", type=int,
                       help="keep only each person's first N clips without a move (all of them when not given), "
                            "e.g. 2 for evaluate-family's pairs")
    label.set_defaults(run=cmd_label_webcam_gestures)
