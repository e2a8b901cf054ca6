"""Action labels, as ../shared/EVALUATION.md defines them."""

ACTIONS = ("punch_left", "punch_right", "kick_left", "kick_right", "wave", "clap", "flap")
# The class of every moment that is none of the actions: G3D's distractors, standing still, stepping in.
BACKGROUND = "background"
# Cyclic actions: a run of several G3D files is one action.
CYCLIC = frozenset({"wave", "clap", "flap"})
MIRRORED = {"punch_left": "punch_right", "punch_right": "punch_left",
            "kick_left": "kick_right", "kick_right": "kick_left"}


def mirrored(label):
    """The label of the same move done with the other side."""
    return MIRRORED.get(label, label)
