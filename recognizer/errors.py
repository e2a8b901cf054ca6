"""The project's errors: bad input named in a one-line message (a file, a camera, a value).

Everything the user can cause derives from MoveMatchError, so that the command line and the game catch
that one class and print its message, while a programming error still shows its traceback.
"""


class MoveMatchError(Exception):
    """Bad input, named in the message."""


class ModelError(MoveMatchError):
    """A model file that is missing or corrupt."""


class SourceError(MoveMatchError):
    """A camera, video or image that cannot be opened or read."""


class FrameError(MoveMatchError):
    """A frame that is no image (wrong type, dtype or shape)."""


class DatasetError(MoveMatchError):
    """A dataset folder or file that cannot be read."""


class ProfileError(MoveMatchError):
    """A player profile that cannot be used."""


class PoseLogError(MoveMatchError):
    """A pose recording that cannot be replayed."""


class ReportError(MoveMatchError):
    """A report or saved-probabilities file given on the command line that cannot be used."""


class UsageError(MoveMatchError):
    """Options that do not go together."""


class SettingsError(MoveMatchError):
    """A setting outside the range it works in."""
