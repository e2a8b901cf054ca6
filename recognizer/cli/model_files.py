"""python -m recognizer convert-model: an old model folder's pickled classifier (classifier.joblib) rewritten as plain
arrays, once, by a player who trusts where the folder came from; the game and the recognizer never unpickle."""

from pathlib import Path

from recognizer.errors import ModelError

from . import options


def cmd_convert_model(args):
    import joblib  # scikit-learn's own dependency; only this command, run on a trusted folder, reads a pickle
    import numpy as np

    from recognizer.runtime.model import FILES, LEGACY_CLASSIFIER, LinearHead, write_manifest
    directory = Path(args.directory)
    legacy = directory / LEGACY_CLASSIFIER
    if not legacy.is_file():
        raise ModelError(f"{legacy}: no such file; nothing to convert")
    try:
        pipeline = joblib.load(legacy)
        scaler, head = pipeline.steps[0][1], pipeline.steps[-1][1]
        converted = LinearHead(scaler.mean_, scaler.scale_, head.coef_, head.intercept_, head.classes_, head.C)
    except Exception as error:  # anything a pickle of something else raises: this is the user's bad input
        raise ModelError(f"{legacy}: not a scaler and logistic regression pipeline ({error})") from None
    np.savez(directory / FILES["classifier"], **converted.arrays())
    write_manifest(directory)
    print(f"{directory / FILES['classifier']} written, and the manifest; {legacy.name} is no longer read and can "
          "be deleted")


def add_commands(commands):
    command = commands.add_parser("convert-model", formatter_class=options.FORMATTER,
                                  help="rewrite an old model folder's classifier.joblib (a pickle) as plain arrays; "
                                       "run it only on a folder you trust")
    command.add_argument("directory", help="the model folder")
    command.set_defaults(run=cmd_convert_model)
