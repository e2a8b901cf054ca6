"""Where the move happens in a clip that marks none (MSR Action3D, UTD-MHAD): the action points a training
window is placed around, found from the moving limb.

A punch or kick peaks when its limb reaches farthest from the body (G3D's action points are at that moment
too), so each peak of the wrist's reach forward of its shoulder, or the ankle's distance from the other
ankle, is one action point (not the wrist's distance from its shoulder: a hanging arm is as straight as a
punching one, and an arm held out sideways, as Kinder-Gator's clips start, reaches as far as a punch); a clip
may hold several (MSR Action3D's punches are repeated in some clips, UTD-MHAD's front boxing alternates
arms). A wave or clap is one action lasting while the hands are away from where they started.
"""

import numpy as np
from scipy.signal import find_peaks

from recognizer.runtime import skeleton
from recognizer.runtime.labels import CYCLIC

# A peak counts when it rises this share of the clip's range above the clip's least extension; peaks of one
# limb at least MIN_GAP_S apart (a punch takes longer than that to go out and back).
PEAK_PROMINENCE = 0.5
MIN_GAP_S = 0.35
# A punch reaches at least this far forward of its shoulder, in torso lengths (the punches of MSR Action3D,
# UTD-MHAD and Kinder-Gator reach 1.0-1.9; an arm pushed or held forward without punching, under 1.0).
MIN_PUNCH_REACH = 0.8
# Action points of two labels closer than this make windows that hold both moves at once (UTD-MHAD's front
# boxing alternates arms several times a second): such a clip teaches neither.
CONFLICT_S = 0.6
# A cyclic move lasts while the hands are at least this share of their largest displacement away from the
# clip's first pose; it is a wave or clap only CYCLE_KNOWN_S after that (before, the hand is only rising, as
# for a punch: G3D's waves start at a file's action point, mid-wave).
CYCLE_SHARE = 0.5
CYCLE_KNOWN_S = 0.5


def extension(skeletons, label):
    """Per frame, how far the limb of a punch or kick label reaches from the body: the wrist forward of its
    shoulder in the clip's body frame (torso lengths), the ankle from the other ankle (metres)."""
    move, side = label.split("_")
    if move == "punch":
        body = skeleton.normalise(skeletons)
        return body[:, skeleton.J[f"{side}_wrist"], 2] - body[:, skeleton.J[f"{side}_shoulder"], 2]
    other = "left" if side == "right" else "right"
    return np.linalg.norm(skeletons[:, skeleton.J[f"{side}_ankle"]] - skeletons[:, skeleton.J[f"{other}_ankle"]],
                          axis=1)


def peaks(signal, times):
    """Frames of the signal's clear peaks (see PEAK_PROMINENCE, MIN_GAP_S)."""
    span = float(signal.max() - signal.min())
    if span <= 0:
        return np.empty(0, int)
    step = float(np.median(np.diff(times))) if len(times) > 1 else 1.0
    # a clip's first and last frames are never peaks: a limb held out there is not seen going out and back
    found, _ = find_peaks(signal, prominence=PEAK_PROMINENCE * span, distance=max(1, int(round(MIN_GAP_S / step))))
    return found


def cycle_span(skeletons, times):
    """(start_s, end_s) of the frames where a wrist is at least CYCLE_SHARE of its largest displacement
    from the first frame."""
    wrists = [skeleton.J["left_wrist"], skeleton.J["right_wrist"]]
    away = np.linalg.norm(skeletons[:, wrists] - skeletons[:1, wrists], axis=2).max(axis=1)
    moving = np.flatnonzero(away >= CYCLE_SHARE * away.max()) if away.max() > 0 else np.arange(len(times))
    return float(times[moving[0]]), float(times[moving[-1]])


def clip_actions(clip):
    """[(label, start_s, end_s)] of a target clip: one per limb peak for punches and kicks (with the side of
    the limb that peaked when either side counts), one span for a cyclic move."""
    labels = sorted(clip.labels)
    if any(label in CYCLIC for label in labels):
        start, end = cycle_span(clip.skeletons, clip.times)
        return [(labels[0], min(start + CYCLE_KNOWN_S, end), end)]
    actions = []
    for label in labels:
        reach = extension(clip.skeletons, label)
        for frame in peaks(reach, clip.times):
            if not label.startswith("punch") or reach[frame] >= MIN_PUNCH_REACH:
                actions.append((label, float(clip.times[frame]), float(clip.times[frame])))
    return sorted(actions, key=lambda action: action[1])


def conflicting(actions):
    """Whether two actions of different labels come within CONFLICT_S of each other."""
    return any(first[0] != second[0] and abs(first[1] - second[1]) < CONFLICT_S
               for index, first in enumerate(actions) for second in actions[index + 1:])


def motion_peak(clip):
    """Time of the frame farthest, over all joints, from the clip's first pose: a non-target clip's moment
    most like a move."""
    away = np.linalg.norm(clip.skeletons - clip.skeletons[:1], axis=2).mean(axis=1)
    return float(clip.times[int(np.argmax(away))])
