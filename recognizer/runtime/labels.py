"""Action labels, as ../shared/EVALUATION.md defines them."""

ACTIONS = ("punch_left", "punch_right", "kick_left", "kick_right", "wave", "clap", "flap")
# The class of every moment that is none of the actions: G3D's distractors, standing still, stepping in.
BACKGROUND = "background"
# Named kinds of other motion ("background:Walk") that the GRU learns to tell apart while training, so that its
# features separate them from the moves; the classifier head and everything after it see them as BACKGROUND.
OTHER_MOTION_PREFIX = BACKGROUND + ":"
# Cyclic actions: a run of several G3D files is one action.
CYCLIC = frozenset({"wave", "clap", "flap"})
MIRRORED = {"punch_left": "punch_right", "punch_right": "punch_left",
            "kick_left": "kick_right", "kick_right": "kick_left"}


def mirrored(label):
    """The label of the same move done with the other side."""
    return MIRRORED.get(label, label)


def head_label(label):
    """The class the classifier head learns for a training label: BACKGROUND for every named other motion."""
    return BACKGROUND if str(label).startswith(OTHER_MOTION_PREFIX) else label


def other_motion(name):
    return OTHER_MOTION_PREFIX + name
