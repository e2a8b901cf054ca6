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

import math
from dataclasses import dataclass

import numpy as np

from recognizer.runtime import form
from recognizer.runtime.form import FormError, arm_reach, body
from recognizer.runtime.labels import mirrored

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
    "not_back": "punch: the arm went out and stayed out (aiming, pointing), not thrown and pulled back",
    "too_low": "kick: the foot did not rise high enough above the standing foot",
    "both_feet": "kick: both feet left the floor in turn (running, stepping), not one kick",
    "hands_apart": "clap: the hands did not come together in front of the body",
    "hand_low": "wave: no hand rose to its shoulder",
    "not_waving": "wave: a hand was raised but not swung from side to side",
    "not_out": "flap: the arms were not both raised out to the sides",
    "not_beating": "flap: the arms were out to the sides but did not beat up and down",
}
NAMES = {"punch_left": "left punch", "punch_right": "right punch", "kick_left": "left kick",
         "kick_right": "right kick", "wave": "wave", "clap": "clap", "flap": "flap"}
# Each move's measures are recognizer.runtime.form's; a check passes at form's pass marks (DEFAULT_MARKS), set where
# every real G3D move of its kind passes (waves: 22 of 24). The figures below are of G3D's real moves (24 of each, 8
# actors) in the windows evaluate-coaching gives them (prompted play's, 1.5 s before the action to 1.0 s after it,
# cut 0.5 s before the next action) and of BlazePose's poses of the webcam videos (5 people).
# Punch, in arm lengths from the wrist's shoulder, at the frame the wrist is furthest forward while raised to chest
# height: G3D's punches reach 0.74-1.31 in front (0.89 or more in 95 %), the wrist 0.11 below to 0.44 above the
# shoulder, the elbow straight (cosine between upper arm and forearm 0.67-0.99, 0.72 or more in 95 %), the other
# wrist 0.70-1.49 less far forward, the arm within 39 degrees of straight ahead (cosine 0.78-1.00). Claps reach
# forward too (up to 0.95) but with both hands (at most 0.36 apart in depth); the webcam's hand signs in front of the
# chest reach 0.7-1.0 (BlazePose's short arms), but with the elbow bent (cosine mostly under 0.6); BlazePose's
# hanging wrists show 0.2-0.5 in front (its depth) but sit 0.84-0.92 below the shoulder.
PUNCH_FORWARD = form.DEFAULT_MARKS["punch"]["reach"]
# An arm out straight (PUNCH_EXTENDED) but more than 45 degrees off forward (PUNCH_AIM) went up or sideways.
PUNCH_EXTENDED = 0.8
PUNCH_AIM = 0.7
# Kick, in leg lengths: G3D's kicks lift the ankle 0.34-0.94 above the standing ankle (0.38 or more in 95 %); its
# other moves lift it 0.29 at most, the webcam's people 0.07 at most.
KICK_RISE = form.DEFAULT_MARKS["kick"]["rise"]
# Where a low kick's foot got, as a share of the standing leg's ankle-to-knee height, for the line.
KICK_BARELY = 0.3
KICK_MID_SHIN = 0.55
# Clap, in shoulder widths: G3D's claps bring the wrists 0.03-0.59 apart (0.33 or less in 95 %); BlazePose's
# shoulders are narrower against its arms (0.68 against 0.86 torso lengths), which widens the mark by a quarter.
# Wave: G3D's waves' higher wrist tops out 0.10 below to 0.67 above its shoulder, the webcam's 0.04 below to 1.0
# above; 22 of G3D's 24 waves make three swings (3-8), 1 of its 48 punches does. The webcam's waves are smaller: 4
# of 10 make three swings, 5 one (a wave of the hand, not the forearm).
# Flap: G3D's flaps get the less far-out wrist 0.76-0.98 out (0.84 or more in 95 %), its claps 0.90 at most and its
# waves 0.92.
# Still, in limb lengths: no wrist (from its shoulder) or ankle (from its hip) further than this from its median
# place in the window. The webcam's people standing still: 0.03-0.11; G3D's real moves: 0.29 or more.
STILL = 0.15
# Which move a window shows when several checks pass: a foot rising is never part of an arm move, and hands meeting
# never part of a wave or punch, while a punch's forward arm shows in most arm moves. Within a group (the two
# kicks, the two punches) the larger measure wins, and the asked-for move wins when it passed.
PRECEDENCE = (("kick_left", "kick_right"), ("clap",), ("flap",), ("wave",), ("punch_left", "punch_right"))



@dataclass(frozen=True)
class Bar:
    """What a move is held to: a FormScorer's marks (coaching's own by default; in the game, the judge's, which
    follow the player once calibrated) at a score `level` (1: at every mark; the judge's form_on)."""
    scorer: form.FormScorer = form.FormScorer()
    level: float = 1.0

    @classmethod
    def of_judge(cls, rule, scorer, move):
        """What a judge holds a move to, so that coaching says what the judge saw: its marks at the move's
        form_on (at the marks themselves for a move the body cannot make a HIT)."""
        form_on = rule.for_move(move).form_on
        return cls(scorer, form_on if math.isfinite(form_on) else 1.0)

    def passes(self, window, move):
        return self.scorer.score_body(window, move) >= self.level

    def mark(self, name, measure):
        """A measure's mark at this level."""
        mark = self.scorer.marks_[name][measure]
        return mark * self.level if form.MORE_IS_BETTER[measure] else mark / self.level


DEFAULT_BAR = Bar()


class CoachingError(FormError):
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


def punch(window, side, bar=DEFAULT_BAR):
    """Value: how far the wrist got in front of its shoulder, in arm lengths, while raised to chest height."""
    move = f"punch_{side}"
    raw = form.measures(window, move)
    not_far = f"punch further: straighten your {side} arm"
    if raw["elbow"] == -1.0 and raw["lead"] == -1.0:
        return Check(False, raw["reach"], "not_far", not_far)
    if bar.passes(window, move):
        return Check(True, raw["reach"])
    if raw["reach"] >= bar.mark("punch", "reach") and raw["elbow"] >= bar.mark("punch", "elbow"):
        if raw["lead"] < bar.mark("punch", "lead"):
            return Check(False, raw["reach"], "both_arms", f"punch with your {side} arm only")
        return Check(False, raw["reach"], "not_back", "punch, then pull your fist back")
    # a straight arm out, but not forward: its most extended raised frame
    reach = arm_reach(window, side)
    raised = reach[:, 1] >= form.PUNCH_RAISED
    extension = np.linalg.norm(reach, axis=1)
    widest = np.flatnonzero(raised)[np.argmax(extension[raised])]
    if extension[widest] >= PUNCH_EXTENDED and reach[widest, 2] / extension[widest] < PUNCH_AIM:
        way = "up" if reach[widest, 1] > abs(reach[widest, 0]) else "to the side"
        return Check(False, raw["reach"], "not_forward", f"punch straight forward, not {way}")
    return Check(False, raw["reach"], "not_far", not_far)


def kick(window, side, bar=DEFAULT_BAR):
    """Value: the foot's highest rise above the standing foot, in leg lengths."""
    raw = form.measures(window, f"kick_{side}")
    height = raw["rise"]
    if bar.passes(window, f"kick_{side}"):
        return Check(True, height)
    if height >= bar.mark("kick", "rise"):
        return Check(False, height, "both_feet", f"kick with your {side} leg: keep the other foot down")
    standing = form.other(side)
    knee_height = window.joint(f"{standing}_knee")[:, 1] - window.joint(f"{standing}_ankle")[:, 1]
    shin = np.median(knee_height) / window.leg[side]
    reached = height / shin if shin > 0 else 0.0
    where = ("barely left the floor" if reached < KICK_BARELY else "only reached mid-shin" if reached < KICK_MID_SHIN
             else "stopped below your knee")
    return Check(False, height, "too_low", f"kick higher: your foot {where}")


def clap(window, bar=DEFAULT_BAR):
    """Value: the wrists' least distance apart while both are up from hanging, in shoulder widths (inf: never
    both up)."""
    closest = form.measures(window, "clap")["apart"]
    if bar.passes(window, "clap"):
        return Check(True, closest)
    return Check(False, closest, "hands_apart", "bring your hands together in front of you")


def wave(window, bar=DEFAULT_BAR):
    """Value: the most side-to-side swings of a raised wrist (form.WAVE_SWING each)."""
    most = form.measures(window, "wave")["swings"]
    if bar.passes(window, "wave"):
        return Check(True, most)
    if not any(form.wave_raised(window, side).any() for side in form.SIDES):
        return Check(False, most, "hand_low", "raise your hand above your shoulder")
    return Check(False, most, "not_waving", "wave your hand from side to side")


def flap(window, bar=DEFAULT_BAR):
    """Value: how far out to its side the less far-out wrist got from its shoulder, in arm lengths."""
    raw = form.measures(window, "flap")
    out = raw["out"]
    if bar.passes(window, "flap"):
        return Check(True, out)
    if out >= bar.mark("flap", "out"):
        return Check(False, out, "not_beating", "flap your arms up and down")
    return Check(False, out, "not_out", "raise both arms out to the sides")


CHECKS = {"punch_left": lambda w, bar: punch(w, "left", bar), "punch_right": lambda w, bar: punch(w, "right", bar),
          "kick_left": lambda w, bar: kick(w, "left", bar), "kick_right": lambda w, bar: kick(w, "right", bar),
          "wave": wave, "clap": clap, "flap": flap}


def checks(window, bar=DEFAULT_BAR):
    """{move: Check} of every move coaching measures."""
    return {move: check(window, bar) for move, check in CHECKS.items()}


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


def coach(move, skeletons, times, seen=None, bar=DEFAULT_BAR):
    """The Advice for a prompt of `move` that closed without a HIT, from the player's skeletons (T, 15, 3; rows of
    NaN for frames without a person) at times (T,) in seconds while it was open. seen: the label the recognizer
    favoured instead, if any; it decides only between moves the skeleton shows. bar: the marks and level the moves
    are held to (the judge's, in the game). A move without a measure (a player's own) gets no_measure unless a
    built-in move or stillness was seen."""
    try:
        window = body(skeletons, times)
    except FormError as error:
        raise CoachingError(f"coaching: {error}") from None
    if window is None:
        return Advice("not_seen", "step into view: I could not see you")
    found = checks(window, bar)
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
    still = form.stillness(window)
    if still < STILL:
        return Advice("no_move", f"no move seen: do a {NAMES.get(move, move.replace('_', ' '))}", still)
    if move not in found:
        return Advice("no_measure", "watch the figure and try it again")
    return Advice(found[move].reason, found[move].line, found[move].value)
