"""Coaching on a miss: after a prompt ends without a HIT, one short line on what the player's own skeleton showed
in the prompt's window: the move done instead, what the asked-for move lacked, or that no move was seen.

Every measure is taken in the window's body frame (skeleton.body_frame: x the player's left, y up the torso, z
forward out of the chest), so it does not depend on where the player stands or faces, and in the player's own
proportions (arm and leg lengths, shoulder width, each the window's median), so that a child, an adult and
BlazePose's shorter limbs are held to the same mark. BlazePose's depth jitters 2.7 times its x and y (README: "The
sensor gap"), so only the punch, which is a move in depth, leans on z.

Each threshold is set where G3D's real moves of its kind pass, and checked on BlazePose's poses of the webcam videos
(the figures are beside the thresholds); `python -m recognizer evaluate-coaching` measures the lines it gives on
moves that were not the one asked for.
"""

from dataclasses import dataclass

import numpy as np

from recognizer.errors import MoveMatchError
from recognizer.runtime import skeleton
from recognizer.runtime.labels import mirrored
from recognizer.runtime.skeleton import J

SIDES = ("left", "right")
# Every reason coach() gives, with what it means.
REASONS = {
    "not_seen": "too little of the window held a whole body to measure anything",
    "unclear": "the asked-for move looked done by every measure: the miss is not the player's to fix",
    "no_measure": "a move coaching has no measure for (a player's own move), and none of the built-in ones was seen",
    "other_side": "the asked-for move was done with the other arm or leg",
    "other_move": "another of the game's moves was done",
    "no_move": "the player stood still",
    "not_far": "punch: the wrist did not get far enough in front of its shoulder",
    "not_forward": "punch: the arm went out straight, but up or to the side rather than forward",
    "both_arms": "punch: both arms went forward together",
    "too_low": "kick: the foot did not rise high enough above the standing foot",
    "hands_apart": "clap: the hands did not come together in front of the body",
    "hand_low": "wave: no hand rose to its shoulder",
    "not_waving": "wave: a hand was raised but not swung from side to side",
    "not_out": "flap: the arms were not both raised out to the sides",
}
NAMES = {"punch_left": "left punch", "punch_right": "right punch", "kick_left": "left kick",
         "kick_right": "right kick", "wave": "wave", "clap": "clap", "flap": "flap"}
# A window with fewer frames holding a body than this, or spanning less time, is too little to measure a move on.
MIN_FRAMES = 5
MIN_SPAN_S = 0.3
# A limb or shoulder width shorter than this share of the torso is joints collapsed into one point, not a body.
MIN_LENGTH = 0.05

# The figures below are of G3D's real moves (24 of each, 8 actors) in the windows evaluate-coaching gives them
# (prompted play's, 1.5 s before the action to 1.0 s after it, cut 0.5 s before the next action) and of BlazePose's
# poses of the webcam videos (5 people); each mark is set where every real G3D move of its kind passes (waves: 22
# of 24).
# Punch, in arm lengths from the wrist's shoulder, at the frame the wrist is furthest forward while raised to chest
# height: G3D's punches reach 0.74-1.31 in front (0.89 or more in 95 %), the wrist 0.11 below to 0.44 above the
# shoulder, the elbow straight (cosine between upper arm and forearm 0.67-0.99, 0.72 or more in 95 %), the other
# wrist 0.70-1.49 less far forward, the arm within 39 degrees of straight ahead (cosine 0.78-1.00). Claps reach
# forward too (up to 0.95) but with both hands (at most 0.36 apart in depth); the webcam's hand signs in front of the
# chest reach 0.7-1.0 (BlazePose's short arms), but with the elbow bent (cosine mostly under 0.6); BlazePose's
# hanging wrists show 0.2-0.5 in front (its depth) but sit 0.84-0.92 below the shoulder.
PUNCH_FORWARD = 0.7
PUNCH_RAISED = -0.5
PUNCH_ELBOW = 0.6
PUNCH_ONE_ARM = 0.5
# An arm out straight (PUNCH_EXTENDED) but more than 45 degrees off forward (PUNCH_AIM) went up or sideways.
PUNCH_EXTENDED = 0.8
PUNCH_AIM = 0.7
# Kick, in leg lengths: G3D's kicks lift the ankle 0.34-0.94 above the standing ankle (0.38 or more in 95 %); its
# other moves lift it 0.29 at most, the webcam's people 0.07 at most.
KICK_RISE = 0.3
# Where a low kick's foot got, as a share of the standing leg's ankle-to-knee height, for the line.
KICK_BARELY = 0.3
KICK_MID_SHIN = 0.55
# Clap, in shoulder widths: G3D's claps bring the wrists 0.03-0.59 apart (0.33 or less in 95 %); BlazePose's
# shoulders are narrower against its arms (0.68 against 0.86 torso lengths), which widens this by a quarter. Both
# wrists must be up from hanging (0.84-0.97 arm lengths below the shoulder), so that hands clasped low are no clap.
CLAP_TOGETHER = 0.6
CLAP_RAISED = -0.8
# Wave, in arm lengths: a wrist at most 0.2 below its shoulder or above it (G3D's waves: the higher wrist tops out
# 0.10 below to 0.67 above; the webcam's, 0.04 below to 1.0 above), above its elbow and not out to the side (a
# flap's wrist above the shoulder is 0.65-0.98 out), swung from side to side: at least three swings (there, back
# and there again) of WAVE_SWING, which 22 of G3D's 24 waves make (3-8) and 1 of its 48 punches. The webcam's waves
# are smaller: 4 of 10 make three swings, 5 one (a wave of the hand, not the forearm).
WAVE_HEIGHT = -0.2
WAVE_OUT = 0.6
WAVE_SWING = 0.15
WAVE_SWINGS = 3
# Flap, in arm lengths: both wrists out to the side of their shoulders this far; G3D's flaps get the less far-out
# one 0.76-0.98 out (0.84 or more in 95 %), its claps 0.90 at most and its waves 0.92.
FLAP_OUT = 0.7
# Still, in limb lengths: no wrist (from its shoulder) or ankle (from its hip) further than this from its median
# place in the window. The webcam's people standing still: 0.03-0.11; G3D's real moves: 0.29 or more.
STILL = 0.15
# Which move a window shows when several checks pass: a foot rising is never part of an arm move, and hands meeting
# never part of a wave or punch, while a punch's forward arm shows in most arm moves. Within a group (the two
# kicks, the two punches) the larger measure wins, and the asked-for move wins when it passed.
PRECEDENCE = (("kick_left", "kick_right"), ("clap",), ("flap",), ("wave",), ("punch_left", "punch_right"))


class CoachingError(MoveMatchError):
    """A window that cannot be coached on: skeletons of the wrong shape, or times that do not match them."""


@dataclass(frozen=True)
class Advice:
    reason: str  # a key of REASONS
    line: str  # what the player is told, in their terms and with their own left and right
    value: float | None = None  # the measure behind the reason (its unit in the check's docstring)
    move: str | None = None  # the move seen instead (other_side, other_move)


@dataclass(frozen=True)
class Check:
    """One move's measure on a window: done when it passed; value: the measure (its unit in the check's docstring)
    and, when not done, the reason (a key of REASONS) and line of what it lacked."""
    done: bool
    value: float
    reason: str | None = None
    line: str | None = None


@dataclass(frozen=True)
class Body:
    """The frames of a window that hold a body, in the window's body frame (torso lengths), each coordinate a
    median over three frames; the player's arm and leg by side (upper plus lower segment) and shoulder width."""
    points: np.ndarray  # (T, 15, 3)
    arm: dict
    leg: dict
    shoulder_width: float

    def joint(self, name):
        return self.points[:, J[name]]


def _median3(points):
    """Each coordinate the median of it and its two neighbours in time: a Kinect hand's one-frame jump of up to
    1 m (../shared/README.md) is no reach."""
    if len(points) < 3:
        return points
    padded = np.concatenate([points[:1], points, points[-1:]])
    return np.median(np.stack([padded[:-2], padded[1:-1], padded[2:]]), axis=0)


def _length(points, a, b):
    return float(np.median(np.linalg.norm(points[:, J[a]] - points[:, J[b]], axis=-1)))


def body(skeletons, times):
    """The Body of a window of canonical skeletons (T, 15, 3) at times (T,) in seconds, or None when fewer than
    MIN_FRAMES frames, spanning MIN_SPAN_S, hold a whole body (a frame with any NaN holds none), or its limbs are
    collapsed (MIN_LENGTH)."""
    skeletons = np.asarray(skeletons, dtype=np.float64)
    times = np.asarray(times, dtype=np.float64)
    if skeletons.ndim != 3 or skeletons.shape[1:] != (skeleton.N_JOINTS, 3):
        raise CoachingError(f"coaching needs skeletons of shape (T, {skeleton.N_JOINTS}, 3), not {skeletons.shape}")
    if times.shape != skeletons.shape[:1]:
        raise CoachingError(f"coaching needs one time per skeleton: {len(skeletons)} skeletons, {len(times)} times")
    whole = np.isfinite(skeletons).all(axis=(1, 2)) & np.isfinite(times)
    if whole.sum() < MIN_FRAMES or np.ptp(times[whole]) < MIN_SPAN_S:
        return None
    points = _median3(skeleton.normalise(skeletons[whole]).astype(np.float64))
    arm = {side: _length(points, f"{side}_shoulder", f"{side}_elbow") + _length(points, f"{side}_elbow",
                                                                                f"{side}_wrist") for side in SIDES}
    leg = {side: _length(points, f"{side}_hip", f"{side}_knee") + _length(points, f"{side}_knee", f"{side}_ankle")
           for side in SIDES}
    shoulder_width = _length(points, "left_shoulder", "right_shoulder")
    if min(*arm.values(), *leg.values(), shoulder_width) < MIN_LENGTH:
        return None
    return Body(points, arm, leg, shoulder_width)


def _other(side):
    return "right" if side == "left" else "left"


def _arm_reach(body, side):
    """(T, 3) the wrist from its shoulder in arm lengths, body-frame axes (x the player's left, y up, z forward)."""
    return (body.joint(f"{side}_wrist") - body.joint(f"{side}_shoulder")) / body.arm[side]


def _outward(reach, side):
    """(T,) how far out to its own side a wrist is from its shoulder (x is the player's left)."""
    return reach[:, 0] if side == "left" else -reach[:, 0]


def _unit(vectors):
    return vectors / (np.linalg.norm(vectors, axis=-1, keepdims=True) + 1e-9)


def _elbow_straightness(body, side):
    """(T,) the cosine between upper arm and forearm: 1 for a straight arm."""
    upper = _unit(body.joint(f"{side}_elbow") - body.joint(f"{side}_shoulder"))
    return (upper * _unit(body.joint(f"{side}_wrist") - body.joint(f"{side}_elbow"))).sum(axis=1)


def punch(body, side):
    """Value: how far the wrist got in front of its shoulder, in arm lengths, while raised to chest height."""
    reach, other = _arm_reach(body, side), _arm_reach(body, _other(side))
    raised = reach[:, 1] >= PUNCH_RAISED
    not_far = f"punch further: straighten your {side} arm"
    if not raised.any():
        return Check(False, float(reach[:, 2].max()), "not_far", not_far)
    peak = np.flatnonzero(raised)[np.argmax(reach[raised, 2])]
    forward = float(reach[peak, 2])
    if forward >= PUNCH_FORWARD and _elbow_straightness(body, side)[peak] >= PUNCH_ELBOW:
        if forward - other[peak, 2] >= PUNCH_ONE_ARM:
            return Check(True, forward)
        return Check(False, forward, "both_arms", f"punch with your {side} arm only")
    # a straight arm out, but not forward: its most extended raised frame
    extension = np.linalg.norm(reach, axis=1)
    widest = np.flatnonzero(raised)[np.argmax(extension[raised])]
    if extension[widest] >= PUNCH_EXTENDED and reach[widest, 2] / extension[widest] < PUNCH_AIM:
        way = "up" if reach[widest, 1] > abs(reach[widest, 0]) else "to the side"
        return Check(False, forward, "not_forward", f"punch straight forward, not {way}")
    return Check(False, forward, "not_far", not_far)


def kick(body, side):
    """Value: the foot's highest rise above the standing foot, in leg lengths."""
    standing = _other(side)
    rise = (body.joint(f"{side}_ankle")[:, 1] - body.joint(f"{standing}_ankle")[:, 1]) / body.leg[side]
    height = float(rise.max())
    if height >= KICK_RISE:
        return Check(True, height)
    shin = np.median(body.joint(f"{standing}_knee")[:, 1] - body.joint(f"{standing}_ankle")[:, 1]) / body.leg[side]
    reached = height / shin if shin > 0 else 0.0
    where = ("barely left the floor" if reached < KICK_BARELY else "only reached mid-shin" if reached < KICK_MID_SHIN
             else "stopped below your knee")
    return Check(False, height, "too_low", f"kick higher: your foot {where}")


def clap(body):
    """Value: the wrists' least distance apart while both are up from hanging, in shoulder widths (inf: never
    both up)."""
    apart = np.linalg.norm(body.joint("left_wrist") - body.joint("right_wrist"), axis=1) / body.shoulder_width
    raised = np.minimum(_arm_reach(body, "left")[:, 1], _arm_reach(body, "right")[:, 1]) >= CLAP_RAISED
    closest = float(apart[raised].min()) if raised.any() else float("inf")
    if closest <= CLAP_TOGETHER:
        return Check(True, closest)
    return Check(False, closest, "hands_apart", "bring your hands together in front of you")


def _swings(positions):
    """How many times a position went WAVE_SWING one way after going the other (the first move counts as one)."""
    count, direction, extreme = 0, 0, positions[0] if len(positions) else 0.0
    for position in positions[1:]:
        if direction == 0 and abs(position - extreme) >= WAVE_SWING:
            count, direction, extreme = 1, np.sign(position - extreme), position
        elif direction != 0 and (position - extreme) * direction > 0:
            extreme = position
        elif direction != 0 and (extreme - position) * direction >= WAVE_SWING:
            count, direction, extreme = count + 1, -direction, position
    return count


def wave(body):
    """Value: the most side-to-side swings of a raised wrist (see WAVE_SWINGS)."""
    raised_any, most = False, 0
    for side in SIDES:
        reach = _arm_reach(body, side)
        held_up = body.joint(f"{side}_wrist")[:, 1] > body.joint(f"{side}_elbow")[:, 1]
        raised = (reach[:, 1] >= WAVE_HEIGHT) & (_outward(reach, side) < WAVE_OUT) & held_up
        raised_any |= bool(raised.any())
        most = max(most, _swings(reach[raised, 0]))
    if most >= WAVE_SWINGS:
        return Check(True, float(most))
    if not raised_any:
        return Check(False, float(most), "hand_low", "raise your hand above your shoulder")
    return Check(False, float(most), "not_waving", "wave your hand from side to side")


def flap(body):
    """Value: how far out to its side the less far-out wrist got from its shoulder, in arm lengths."""
    out = min(float(_outward(_arm_reach(body, side), side).max()) for side in SIDES)
    if out >= FLAP_OUT:
        return Check(True, out)
    return Check(False, out, "not_out", "raise both arms out to the sides")


def stillness(body):
    """How far any wrist (from its shoulder, in arm lengths) or ankle (from its hip, in leg lengths) got from its
    median place in the window, at most."""
    moved = []
    for side in SIDES:
        for joint, base, length in (("wrist", "shoulder", body.arm[side]), ("ankle", "hip", body.leg[side])):
            place = (body.joint(f"{side}_{joint}") - body.joint(f"{side}_{base}")) / length
            moved.append(np.linalg.norm(place - np.median(place, axis=0), axis=1).max())
    return float(max(moved))


CHECKS = {"punch_left": lambda b: punch(b, "left"), "punch_right": lambda b: punch(b, "right"),
          "kick_left": lambda b: kick(b, "left"), "kick_right": lambda b: kick(b, "right"),
          "wave": wave, "clap": clap, "flap": flap}


def checks(body):
    """{move: Check} of every move coaching measures."""
    return {move: check(body) for move, check in CHECKS.items()}


def shown(found, move=None, seen=None):
    """The move a window shows, of those whose Check passed in found ({move: Check}), or None: `seen` (the move the
    recognizer favoured) when it passed, else the first by PRECEDENCE; within a group the asked-for `move` when it
    passed, else the larger measure."""
    passed = {m for m, check in found.items() if check.done}
    if seen in passed:
        return seen
    for group in PRECEDENCE:
        candidates = [m for m in group if m in passed]
        if move in candidates:
            return move
        if candidates:
            return max(candidates, key=lambda m: found[m].value)
    return None


def coach(move, skeletons, times, seen=None):
    """The Advice for a prompt of `move` that closed without a HIT, from the player's skeletons (T, 15, 3; rows of
    NaN for frames without a person) at times (T,) in seconds while it was open. seen: the label the recognizer
    favoured instead, if any; it decides only between moves the skeleton shows. A move without a measure (a
    player's own) gets no_measure unless a built-in move or stillness was seen."""
    window = body(skeletons, times)
    if window is None:
        return Advice("not_seen", "step into view: I could not see you")
    found = checks(window)
    instead = shown(found, move, seen)
    if instead == move:
        return Advice("unclear", "that looked right: keep your whole body in view", found[move].value)
    if instead is not None:
        asked = NAMES.get(move, move.replace("_", " "))
        if instead == mirrored(move):
            right_side = move.split("_")[1]
            return Advice("other_side", f"that was a {NAMES[instead]}: use your {right_side}", found[instead].value,
                          instead)
        return Advice("other_move", f"that was a {NAMES[instead]}, not a {asked}", found[instead].value, instead)
    still = stillness(window)
    if still < STILL:
        return Advice("no_move", f"no move seen: do a {NAMES.get(move, move.replace('_', ' '))}", still)
    if move not in found:
        return Advice("no_measure", "watch the figure and try it again")
    return Advice(found[move].reason, found[move].line, found[move].value)
