"""Where the player stands: checks on one view of the body, and what to tell the player to fix.

Works on the canonical joints' image positions (x, y in [0, 1] of the camera frame, y down, as the
camera took it, not mirrored) and their visibilities, so that camera poses and the demo figure are
judged alike. Directions are the player's own: a player standing at the camera's left, which is their
right, is told to move to their left.
"""

from dataclasses import dataclass

import numpy as np

from recognizer.runtime.skeleton import J, joints_seen

CENTRE_TOLERANCE = 0.12  # of the frame's width
# Body height (head to ankles; seated, head to hips) as a fraction of the frame's height.
STANDING_HEIGHT = (0.5, 0.9)
SEATED_HEIGHT = (0.3, 0.75)
MIN_BRIGHTNESS = 60  # mean grey level, 0-255

FEET = ("left_ankle", "right_ankle", "left_knee", "right_knee")
SEATED_JOINTS = ("head", "neck", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
                 "left_wrist", "right_wrist", "left_hip", "right_hip")


@dataclass(frozen=True)
class Placement:
    ok: bool
    advice: str  # what to do, or "Hold still" when everything is fine
    problem: str  # a short key for tests and diagnostics: "no_person", "dark", "feet", ... or "ok"


def _in_view(points, visibility, names):
    """Whether each named joint is seen as the recognizer needs it (skeleton.joints_seen: a joint the body hides
    from a side-on camera counts, one out of the frame does not)."""
    return joints_seen(visibility, points)[[J[name] for name in names]]


def check(points, visibility, brightness=None, seated=False):
    """The first thing to fix, in the order a player can act on it, or ok."""
    if points is None:
        return Placement(False, "Stand in front of the camera", "no_person")
    points, visibility = np.asarray(points, float), np.asarray(visibility, float)
    if brightness is not None and brightness < MIN_BRIGHTNESS:
        return Placement(False, "More light, please", "dark")
    upper = _in_view(points, visibility, SEATED_JOINTS)
    if not upper[0]:
        return Placement(False, "Show your head: step back", "head")
    if not upper.all():
        return Placement(False, "Step back so your arms and hips are in view", "upper_body")
    if not seated and not _in_view(points, visibility, FEET).all():
        return Placement(False, "Show your feet: step back", "feet")
    bottom = points[J["mid_hip"], 1] if seated else points[[J["left_ankle"], J["right_ankle"]], 1].max()
    height = bottom - points[J["head"], 1]
    low, high = SEATED_HEIGHT if seated else STANDING_HEIGHT
    if height > high:
        return Placement(False, "Step back", "too_close")
    if height < low:
        return Placement(False, "Come closer", "too_far")
    centre = points[J["neck"], 0] if seated else (points[J["neck"], 0] + points[J["mid_hip"], 0]) / 2
    if centre < 0.5 - CENTRE_TOLERANCE:
        return Placement(False, "Move to your left", "off_centre")
    if centre > 0.5 + CENTRE_TOLERANCE:
        return Placement(False, "Move to your right", "off_centre")
    return Placement(True, "Hold still", "ok")


def brightness(frame):
    """Mean grey level (0-255) of a BGR or grey uint8 frame, from a subsample (this runs every frame)."""
    return float(np.asarray(frame)[::8, ::8].mean())
