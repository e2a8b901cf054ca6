"""Per-frame probabilities saved by evaluate-stream --save-probabilities, read back for re-decoding."""

from recognizer.errors import ReportError


def load(path):
    """({recording key: per-frame probabilities}, labels)."""
    import numpy as np
    try:
        with np.load(path) as saved:
            return {key: saved[key] for key in saved.files if key != "labels"}, saved["labels"]
    except (OSError, KeyError, ValueError) as error:
        raise ReportError(f"{path}: not a probabilities file from evaluate-stream --save-probabilities "
                          f"({error})") from None


def lookup(probabilities, path):
    """probabilities_for(recording) over a loaded file; a recording it lacks is named."""
    from recognizer.evaluation import streaming

    def probabilities_for(recording):
        try:
            return probabilities[streaming.probability_key(recording)]
        except KeyError:
            raise ReportError(f"{path}: no probabilities for recording "
                              f"{streaming.probability_key(recording)}") from None
    return probabilities_for
