"""The body's own evidence for a move: each move's form measured on a window of the player's skeletons.

Every measure is taken in the window's body frame (skeleton.body_frame: x the player's left, y up the torso, z
forward out of the chest), so it does not depend on where the player stands or faces, and in the player's own
proportions (arm and leg lengths, shoulder width, each the window's median), so that a child, an adult and
BlazePose's shorter limbs are held to the same mark. BlazePose's depth jitters 2.7 times its x and y (README: "The
sensor gap"), so only the punch, which is a move in depth, leans on z.

A move's measures are raw numbers (a punch's reach in arm lengths, a kick's rise in leg lengths, ...); its score is
the weakest of them against its pass mark, so 1 is "done" by every measure. The marks are coaching's (set where real
G3D moves pass, recognizer.runtime.coaching) unless fitted on other moves (FormScorer.fit), as an evaluation fold
does without the people it holds out, or adapted to one player (FormScorer.for_player).
"""

from dataclasses import dataclass

import numpy as np

from recognizer.errors import ModelError, MoveMatchError
from recognizer.runtime import skeleton
from recognizer.runtime.labels import ACTIONS
from recognizer.runtime.skeleton import J

SIDES = ("left", "right")
# A window with fewer frames holding a body than this, or spanning less time, is too little to measure a move on.
MIN_FRAMES = 5
MIN_SPAN_S = 0.3
# A limb or shoulder width shorter than this share of the torso is joints collapsed into one point, not a body.
MIN_LENGTH = 0.05
# Which frames a measure looks at (the figures are G3D's real moves and BlazePose's poses of the webcam videos):
# a punching wrist is raised to chest height (G3D's punches: 0.11 below to 0.44 above the shoulder, in arm lengths;
# BlazePose's hanging wrists sit 0.84-0.92 below it); both clapping wrists are up from hanging (0.84-0.97 below the
# shoulder); a waving wrist is at most 0.2 below its shoulder, above its elbow and not out to the side as a flap's
# is (0.65-0.98 out), and one swing is a move of WAVE_SWING arm lengths one way after the other.
PUNCH_RAISED = -0.5
CLAP_RAISED = -0.8
WAVE_HEIGHT = -0.2
WAVE_OUT = 0.6
WAVE_SWING = 0.15
# A punch is thrown and pulled back: it is held from when the wrist first gets this share of its furthest reach
# until it is back under it (a raised arm held out, aiming or pointing, has not been pulled back). A flapping wrist
# is this far out to its side (arm lengths) while it beats up and down, WAVE_SWING a beat.
PUNCH_HELD_SHARE = 0.8
FLAP_SWING_OUT = 0.4
# Each move's measures and whether more of a measure is more of the move; a side's moves share their family's.
MEASURES = {"punch": {"reach": True, "elbow": True, "lead": True, "held": False},
            "kick": {"rise": True, "planted": False}, "clap": {"apart": False}, "wave": {"swings": True},
            "flap": {"out": True, "beats": True}}
MORE_IS_BETTER = {measure: more for measured in MEASURES.values() for measure, more in measured.items()}
# The pass marks coaching set on G3D's 24 real moves of each kind (8 actors; the ranges are in coaching.py): a punch
# reaches 0.7 arm lengths in front of its shoulder, its elbow straight (cosine 0.6), 0.5 further than the other
# wrist, and is pulled back within 1.2 s (G3D's: 0.2-0.75 s, Kinder-Gator's, who held theirs, up to 1.0 s); a kick
# lifts its ankle 0.3 leg lengths above the standing one, which stays within 0.15 of the floor (G3D's kicks: at
# most 0.06, Kinder-Gator's children 0.13; running lifts both feet 0.2-0.6); clapping wrists come within 0.6
# shoulder widths; a wave swings three times; flapping wrists get 0.7 arm lengths out to the side and beat up and
# down twice (G3D's flaps 3-7 times a prompt; arms held out, as for a letter T or Y, once at most).
DEFAULT_MARKS = {"punch": {"reach": 0.7, "elbow": 0.6, "lead": 0.5, "held": 1.2},
                 "kick": {"rise": 0.3, "planted": 0.15}, "clap": {"apart": 0.6}, "wave": {"swings": 3.0},
                 "flap": {"out": 0.7, "beats": 2.0}}
# Counts (of swings, of beats) are what a move is, not a size to learn: "there, back and there again" for a wave,
# "up, down and up" for a flap. Fitting them on data would learn the length of its recordings instead (Kinder-Gator's
# whole clips of flapping give 10-18 beats, a prompt's few seconds 3-7).
COUNTS = ("swings", "beats")
# A score is capped here: twice the pass mark says all a judge needs, and a clap's distance can be 0.
MAX_SCORE = 5.0


class FormError(MoveMatchError):
    """A window that cannot be measured: skeletons of the wrong shape, or times that do not match them."""


def family(move):
    """The measures' family of a move: punch_left → punch; None for a move without measures (a player's own)."""
    name = move.split("_")[0]
    return name if move in ACTIONS and name in MEASURES else None


def side_of(move):
    return move.split("_")[1] if "_" in move else None


@dataclass(frozen=True)
class Body:
    """The frames of a window that hold a body, in the window's body frame (torso lengths), each coordinate a
    median over three frames; the player's arm and leg by side (upper plus lower segment) and shoulder width."""
    points: np.ndarray  # (T, 15, 3)
    times: np.ndarray  # (T,) seconds
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
        raise FormError(f"a move is measured on skeletons of shape (T, {skeleton.N_JOINTS}, 3), not {skeletons.shape}")
    if times.shape != skeletons.shape[:1]:
        raise FormError(f"a move is measured on one time per skeleton: {len(skeletons)} skeletons, {len(times)} times")
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
    return Body(points, times[whole], arm, leg, shoulder_width)


def other(side):
    return "right" if side == "left" else "left"


def arm_reach(body, side):
    """(T, 3) the wrist from its shoulder in arm lengths, body-frame axes (x the player's left, y up, z forward)."""
    return (body.joint(f"{side}_wrist") - body.joint(f"{side}_shoulder")) / body.arm[side]


def outward(reach, side):
    """(T,) how far out to its own side a wrist is from its shoulder (x is the player's left)."""
    return reach[:, 0] if side == "left" else -reach[:, 0]


def _unit(vectors):
    return vectors / (np.linalg.norm(vectors, axis=-1, keepdims=True) + 1e-9)


def elbow_straightness(body, side):
    """(T,) the cosine between upper arm and forearm: 1 for a straight arm."""
    upper = _unit(body.joint(f"{side}_elbow") - body.joint(f"{side}_shoulder"))
    return (upper * _unit(body.joint(f"{side}_wrist") - body.joint(f"{side}_elbow"))).sum(axis=1)


def punch(body, side):
    """reach: how far the wrist got in front of its shoulder, in arm lengths, at its furthest while raised to chest
    height (the furthest of any frame when it never was); elbow: the cosine of the arm's bend there; lead: how much
    further forward than the other wrist it was there (elbow and lead -1 when the wrist was never raised); held:
    seconds the wrist stayed beyond PUNCH_HELD_SHARE of that reach (inf until it is pulled back)."""
    reach, others = arm_reach(body, side), arm_reach(body, other(side))
    raised = reach[:, 1] >= PUNCH_RAISED
    if not raised.any():
        return {"reach": float(reach[:, 2].max()), "elbow": -1.0, "lead": -1.0, "held": np.inf}
    peak = np.flatnonzero(raised)[np.argmax(reach[raised, 2])]
    out = reach[:, 2] >= PUNCH_HELD_SHARE * reach[peak, 2]
    back = np.flatnonzero(~out[peak:])
    first = peak - (np.flatnonzero(~out[:peak][::-1])[0] if (~out[:peak]).any() else peak)
    held = float(body.times[peak + back[0]] - body.times[first]) if len(back) else np.inf
    return {"reach": float(reach[peak, 2]), "elbow": float(elbow_straightness(body, side)[peak]),
            "lead": float(reach[peak, 2] - others[peak, 2]), "held": held}


def kick_rise(body, side):
    """(T,) the foot's rise above the standing foot, in leg lengths."""
    return (body.joint(f"{side}_ankle")[:, 1] - body.joint(f"{other(side)}_ankle")[:, 1]) / body.leg[side]


def kick(body, side):
    """rise: the foot's highest rise above the standing foot, in leg lengths; planted: the standing foot's highest
    rise above the kicking one (running lifts both)."""
    return {"rise": float(kick_rise(body, side).max()), "planted": float(kick_rise(body, other(side)).max())}


def clap(body):
    """apart: the wrists' least distance apart while both are up from hanging, in shoulder widths (inf: never both
    up)."""
    apart = np.linalg.norm(body.joint("left_wrist") - body.joint("right_wrist"), axis=1) / body.shoulder_width
    raised = np.minimum(arm_reach(body, "left")[:, 1], arm_reach(body, "right")[:, 1]) >= CLAP_RAISED
    return {"apart": float(apart[raised].min()) if raised.any() else float("inf")}


def swings(positions):
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


def wave_raised(body, side):
    """(T,) whether a wrist is up for a wave: near or above its shoulder, above its elbow, not out to the side."""
    reach = arm_reach(body, side)
    held_up = body.joint(f"{side}_wrist")[:, 1] > body.joint(f"{side}_elbow")[:, 1]
    return (reach[:, 1] >= WAVE_HEIGHT) & (outward(reach, side) < WAVE_OUT) & held_up


def wave(body):
    """swings: the most side-to-side swings of a raised wrist."""
    return {"swings": float(max(swings(arm_reach(body, side)[wave_raised(body, side), 0]) for side in SIDES))}


def flap(body):
    """out: how far out to its side the less far-out wrist got from its shoulder, in arm lengths; beats: the fewer
    up-and-down swings of the two wrists while out to the side (FLAP_SWING_OUT)."""
    reaches = {side: arm_reach(body, side) for side in SIDES}
    beats = [swings(reach[outward(reach, side) >= FLAP_SWING_OUT, 1]) for side, reach in reaches.items()]
    out = min(float(outward(reach, side).max()) for side, reach in reaches.items())
    return {"out": out, "beats": float(min(beats))}


def measures(body, move):
    """{measure: raw value} of one move on a Body ({} for a move without measures)."""
    name = family(move)
    if name in ("punch", "kick"):
        return (punch if name == "punch" else kick)(body, side_of(move))
    return {"clap": clap, "wave": wave, "flap": flap}[name](body) if name else {}


def measure(move, skeletons, times):
    """(m,) the move's raw measures in MEASURES' order on a window of canonical skeletons (T, 15, 3; rows of NaN for
    frames without a person) at times (T,): NaN where the window holds too little body; None for a move without
    measures."""
    name = family(move)
    if name is None:
        return None
    window = body(skeletons, times)
    if window is None:
        return np.full(len(MEASURES[name]), np.nan)
    found = measures(window, move)
    return np.array([found[measure] for measure in MEASURES[name]])


def score(name, raw, marks):
    """(...) the scores of raw measures (..., m) of family `name` against its marks ({measure: mark}), each
    measure's ratio to its mark (inverted where less is more): the move's size (its first measure: a punch's reach,
    a kick's rise) when every other measure, its form's gates (an elbow's straightness, the standing foot down), is
    at its mark, else the weakest ratio of all. So 1 is "done" by every measure, and a judge asking for more of the
    move (form_on 1.25) asks for a bigger move, never a straighter elbow than a straight one. Clipped to [0,
    MAX_SCORE]; 0 where a measure is NaN (too little body)."""
    raw = np.asarray(raw, np.float64)
    ratios = []
    for index, (measure, more_is_better) in enumerate(MEASURES[name].items()):
        value, mark = raw[..., index], marks[measure]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios.append(value / mark if more_is_better else np.where(value > 0, mark / value, MAX_SCORE))
    ratios = np.stack(ratios)
    gates_pass = (ratios[1:] >= 1).all(axis=0)
    found = np.where(gates_pass, ratios[0], ratios.min(axis=0))
    return np.where(np.isnan(ratios).any(axis=0), 0.0, np.clip(found, 0.0, MAX_SCORE))


def stillness(body):
    """How far any wrist (from its shoulder, in arm lengths) or ankle (from its hip, in leg lengths) got from its
    median place in the window, at most."""
    moved = []
    for side in SIDES:
        for joint, base, length in (("wrist", "shoulder", body.arm[side]), ("ankle", "hip", body.leg[side])):
            place = (body.joint(f"{side}_{joint}") - body.joint(f"{side}_{base}")) / length
            moved.append(np.linalg.norm(place - np.median(place, axis=0), axis=1).max())
    return float(max(moved))


class FormScorer:
    """Scores a move's form on a window of skeletons against pass marks, in scikit-learn's estimator style.

    marks: {family: {measure: mark}} (default: coaching's, DEFAULT_MARKS). fit(measured, labels) sets each mark at
    `share` of the `quantile` of real moves' raw measures, so that nearly every real move passes; a side's moves
    share their family's marks, so teaching one side teaches its mirror image.
    """

    def __init__(self, marks=None, quantile=0.1, share=0.9):
        self.marks = marks
        self.quantile = quantile
        self.share = share

    @property
    def marks_(self):
        return getattr(self, "_fitted", None) or self.marks or DEFAULT_MARKS

    def fit(self, measured, labels):
        """measured: the raw measures (form.measure's, (m,) of each move's family, NaN where too little body was
        seen) of real moves, labels: their moves. A family without a measured move keeps its default marks."""
        found = {}
        for raw, label in zip(measured, labels):
            name = family(label)
            if name is not None and not np.isnan(raw[:len(MEASURES[name])]).any():
                found.setdefault(name, []).append(np.asarray(raw[:len(MEASURES[name])], np.float64))
        marks = {name: dict(values) for name, values in DEFAULT_MARKS.items()}
        for name, rows in found.items():
            for values, measure in zip(np.stack(rows).T, MEASURES[name]):
                if measure not in COUNTS:
                    marks[name][measure] = self._mark(measure, values)
        self._fitted = marks
        return self

    def _mark(self, measure, values):
        """Where `share` of real moves' `quantile` falls (a held punch's inf counts: a mark may be inf, no mark)."""
        if MORE_IS_BETTER[measure]:
            return float(np.quantile(values, self.quantile, method="lower") * self.share)
        return float(np.quantile(values, 1 - self.quantile, method="higher") / self.share)

    def score_body(self, body, move):
        """The move's score on a Body (0 for a move without measures)."""
        name = family(move)
        if name is None:
            return 0.0
        found = measures(body, move)
        return float(score(name, [found[measure] for measure in MEASURES[name]], self.marks_[name]))

    def score(self, move, skeletons, times):
        """The move's score on a window of canonical skeletons (T, 15, 3; rows of NaN for frames without a person)
        at times (T,): 0 when the window holds too little body to measure, or for a move without measures."""
        raw = measure(move, skeletons, times)
        return 0.0 if raw is None else float(score(family(move), raw, self.marks_[family(move)]))

    def scores(self, move, raw):
        """(...) the move's scores of raw measures (..., m) (form.measure's, of many windows at once)."""
        return score(family(move), raw, self.marks_[family(move)]) if family(move) else np.zeros(np.shape(raw)[:-1])

    def for_player(self, raws, share=0.8, floor=0.5):
        """A scorer whose marks follow one player: each measure's mark moves toward `share` of the player's own
        value over their captures (the least of them; the most, where less is more) when that is easier, never past
        `floor` of the mark. raws: {family: [{measure: value}]} of the player's captures."""
        marks = {name: dict(values) for name, values in self.marks_.items()}
        for name, captured in raws.items():
            for measure, mark in marks[name].items():
                values = [raw[measure] for raw in captured if np.isfinite(raw[measure])]
                if not values:
                    continue
                if MORE_IS_BETTER[measure]:
                    marks[name][measure] = min(mark, max(share * min(values), floor * mark))
                else:
                    marks[name][measure] = max(mark, min(max(values) / share, mark / floor))
        return FormScorer(marks, self.quantile, self.share)

    def to_json(self):
        return {"format": "move-match-form", "marks": self.marks_}

    @classmethod
    def from_json(cls, data, where):
        """The scorer of to_json's dict; ModelError naming `where` for anything else."""
        try:
            if data.get("format") != "move-match-form":
                raise ValueError(f"format {data.get('format')!r}, expected move-match-form")
            marks = {name: {measure: float(data["marks"][name][measure]) for measure in measured}
                     for name, measured in MEASURES.items()}
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{where}: not a form file ({error})") from None
        return cls(marks)
