"""Coaching measured on labelled data: windows of real moves prompted as another move, real moves shrunk toward the
player's rest pose, people standing still or doing other motion, each coached as a missed prompt, and how often
the reason given is the right one; and the real moves prompted as themselves, where coaching must not blame the
player.

A G3D prompt's window is prompted play's (recognizer.evaluation.prompted_play: it opens 1.5 s before the action, or
where the previous prompt closed, and closes 1.0 s after it), a move's closed HANDOVER_S before the next action; a
webcam clip is one window. The thresholds coaching uses were set on the real moves prompted as themselves (the pass
distributions, full_move), so every other kind is a test of them, though it is the same people and recordings.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from recognizer.datasets.g3d import FPS
from recognizer.evaluation import prompted_play
from recognizer.runtime import coaching
from recognizer.runtime.judge import JudgeSettings
from recognizer.runtime.labels import ACTIONS, BACKGROUND, mirrored
from recognizer.runtime.skeleton import J
from recognizer.runtime.smoothing import ExponentialSmoother

# The kinds of case, in report order, with what was done and what was prompted.
KINDS = {"other_side": "a real punch or kick, prompted as the same move with the other side",
         "other_move": "a real move, prompted as another move (not its mirror image)",
         "half_move": "a real move with every joint's excursion from the rest pose shrunk to HALF_SCALE, prompted as "
                      "itself",
         "no_move": "a person standing still (the webcam videos' 'static' clips), prompted as each move",
         "other_motion": "motion that is none of the moves (G3D's other actions, the webcam's other gestures), "
                         "prompted as each move",
         "full_move": "a real move prompted as itself: coaching should find nothing to blame ('unclear')"}
HALF_SCALE = 0.4
# A G3D move's window closes at the latest this long before the next action point after the move (of any action):
# G3D's actors went from one action straight into the next (their arms were out for a flap 0.2-0.6 s before its
# first action point, while the wave before it was still in its window), which a player answering one prompt does
# not. Prompted play's windows otherwise.
HANDOVER_S = 0.5
# The rest pose a half move shrinks toward: the frame within REST_SEARCH_S of the window where both wrists hang
# lowest and the ankles are most level (G3D's recordings start at an action point: 23 of 24 right punches' windows
# open at the punch's peak, so the window's first frame is no rest pose).
REST_SEARCH_S = 3.0
# The reasons a prompted move's own check gives when it fails: right for a move that was not done, as long as it
# names no other move.
OWN_REASONS = {"punch_left": {"not_far", "not_forward", "both_arms", "not_back"}, "kick_left": {"too_low", "both_feet"},
               "clap": {"hands_apart"}, "wave": {"hand_low", "not_waving"}, "flap": {"not_out", "not_beating"}}
OWN_REASONS |= {mirrored(move): reasons for move, reasons in list(OWN_REASONS.items()) if mirrored(move) != move}
# A shrunk move is a move too small: the reasons that say so (a shrunk punch still points where it pointed).
HALF_REASONS = {move: reasons - {"not_forward", "both_arms"} for move, reasons in OWN_REASONS.items()}
# Another move whose smoothed probability (the judge's smoothing) reached this while a prompt was open is the one
# the recognizer saw instead, as the game's judging (game/judging.py) takes it.
SEEN_AT = 0.5


@dataclass
class Case:
    kind: str  # a key of KINDS
    dataset: str
    subject: int
    prompted: str
    performed: str | None  # the move done; None: none of the moves
    skeletons: np.ndarray = field(repr=False)
    times: np.ndarray = field(repr=False)
    seen: str | None = None  # the label the recognizer favoured instead of the prompted move, if known
    motion: str = ""  # what was done, in the dataset's own words (G3D's actions in the window, a webcam gesture)


def right_reasons(case):
    """The reasons that are right for a case (other_side and other_move must also name the move performed)."""
    return {"other_side": {"other_side"}, "other_move": {"other_move"} | OWN_REASONS[case.prompted],
            "half_move": HALF_REASONS[case.prompted], "no_move": {"no_move"},
            "other_motion": {"no_move"} | OWN_REASONS[case.prompted], "full_move": {"unclear"}}[case.kind]


def is_right(case, advice):
    if advice.reason in ("other_side", "other_move") and advice.reason in right_reasons(case):
        return advice.move == case.performed
    return advice.reason in right_reasons(case)


def rest_frame(skeletons, first, last, fps):
    """The frame within REST_SEARCH_S of frames [first, last) where both wrists hang lowest below the mid-hip and
    the ankles are most level (metres, camera y up)."""
    lo, hi = max(0, first - round(REST_SEARCH_S * fps)), min(len(skeletons), last + round(REST_SEARCH_S * fps))
    near = skeletons[lo:hi]
    hip = near[:, J["mid_hip"], 1]
    score = (near[:, J["left_wrist"], 1] + near[:, J["right_wrist"], 1] - 2 * hip
             + 2 * np.abs(near[:, J["left_ankle"], 1] - near[:, J["right_ankle"], 1]))
    return lo + int(np.argmin(score))


def shrunk(skeletons, rest, scale=HALF_SCALE):
    """Every frame's joints, taken from its own mid-hip (so that the player's stepping stays whole), moved `scale`
    of the way from the rest pose's toward the frame's."""
    hip = skeletons[:, J["mid_hip"]][:, None]
    rest_pose = rest - rest[J["mid_hip"]]
    return hip + rest_pose + scale * (skeletons - hip - rest_pose)


def move_cases(dataset, subject, performed, skeletons, times, rest, motion, scale=HALF_SCALE, seen_for=None):
    """The cases of one real move's window: prompted as itself (full_move), as each other move (other_side,
    other_move) and shrunk toward `rest` (half_move). seen_for(prompted): the recognizer's favoured label, or None."""
    seen_for = seen_for or (lambda prompted: None)
    found = [Case("full_move", dataset, subject, performed, performed, skeletons, times, seen_for(performed), motion),
             Case("half_move", dataset, subject, performed, performed, shrunk(skeletons, rest, scale), times,
                  motion=motion)]
    for prompted in ACTIONS:
        if prompted != performed:
            kind = "other_side" if prompted == mirrored(performed) != performed else "other_move"
            found.append(Case(kind, dataset, subject, prompted, performed, skeletons, times, seen_for(prompted),
                              motion))
    return found


def unrelated_cases(kind, dataset, subject, skeletons, times, motion, seen_for=None):
    """A window of no move (no_move, other_motion) prompted as each move."""
    seen_for = seen_for or (lambda prompted: None)
    return [Case(kind, dataset, subject, prompted, None, skeletons, times, seen_for(prompted), motion)
            for prompted in ACTIONS]


def favoured(probabilities, times, labels, first, last):
    """seen_for(prompted) of a window [first, last) of a stream's probabilities: the label other than the prompted
    move and background whose smoothed probability (the judge's smoothing over the whole stream) reached SEEN_AT
    highest in the window, or None."""
    smoother = ExponentialSmoother(JudgeSettings().smoothing_s)
    peak = np.max([smoother.update(t, row) for t, row in zip(times[:last], probabilities[:last])][first:], axis=0)

    def seen_for(prompted):
        others = [i for i, label in enumerate(labels) if label not in (prompted, BACKGROUND)]
        best = max(others, key=lambda i: peak[i])
        return labels[best] if peak[best] >= SEEN_AT else None
    return seen_for


def g3d_windows(recording):
    """[(Prompt, first frame, last frame, G3D actions with an action point in it)] of a recording: its move and
    idle prompts' windows, a move's closed HANDOVER_S before the next action point after it."""
    truth = [(action.label, action.start, action.end) for action in recording.truth]
    points = [frame for frame, _ in recording.folders]
    handover = round(HANDOVER_S * FPS)
    windows = []
    for prompt in prompted_play.prompts(truth, recording.n_frames):
        first, last = prompt.open_frame, min(prompt.close_frame, recording.n_frames)
        if prompt.kind == "move":
            end = prompt.close_frame - prompted_play.TAIL_FRAMES
            after = [point for point in points if point > end]
            last = max(min(last, after[0] - handover), end + 1) if after else last
        names = sorted({folder for frame, folder in recording.folders if first <= frame < last})
        windows.append((prompt, first, last, "+".join(names)))
    return windows


def g3d_cases(recordings_by_actor, scale=HALF_SCALE, probabilities_for=None, labels=None):
    """Every case of G3D recordings ({actor: [Recording]}): each truth action's window as a real move, each idle
    prompt's as other motion. probabilities_for(recording): the held-out recognizer's per-frame probabilities
    (columns `labels`), for `seen`; None: no recognizer."""
    found = []
    for actor, recordings in sorted(recordings_by_actor.items()):
        for recording in recordings:
            probabilities = None if probabilities_for is None else probabilities_for(recording)
            for prompt, first, last, motion in g3d_windows(recording):
                skeletons, times = recording.skeletons[first:last], recording.times[first:last]
                seen_for = None if probabilities is None else favoured(probabilities, recording.times, labels,
                                                                          first, last)
                if prompt.kind == "move":
                    rest = recording.skeletons[rest_frame(recording.skeletons, first, last, FPS)]
                    found += move_cases("g3d", actor, prompt.label, skeletons, times, rest, motion, scale, seen_for)
                else:
                    found += unrelated_cases("other_motion", "g3d", actor, skeletons, times, motion, seen_for)
    return found


def webcam_cases(clips, scale=HALF_SCALE):
    """Every case of the webcam videos (SkeletonClips through BlazePose): a wave clip as a real wave, 'static' as
    no move, every other gesture as other motion."""
    found = []
    for clip in clips:
        if clip.labels:
            (performed,) = clip.labels
            rest = clip.skeletons[rest_frame(clip.skeletons, 0, len(clip.skeletons),
                                             1 / np.median(np.diff(clip.times)))]
            found += move_cases(clip.dataset, clip.subject, performed, clip.skeletons, clip.times, rest, clip.action,
                                scale)
        else:
            kind = "no_move" if clip.action == "static" else "other_motion"
            found += unrelated_cases(kind, clip.dataset, clip.subject, clip.skeletons, clip.times, clip.action)
    return found


def _share(rows):
    """n, the share of rows whose reason is right, how often each reason was given; for a move done instead of the
    prompted one, also the share that named it (other_side or other_move naming the move performed)."""
    figures = {"n": len(rows), "right": round(sum(row["right"] for row in rows) / len(rows), 3) if rows else None}
    if rows and all(row["kind"] in ("other_side", "other_move") for row in rows):
        figures["named"] = round(sum(row["move_named"] == row["performed"] for row in rows) / len(rows), 3)
    return figures | {"reasons": dict(Counter(row["reason"] for row in rows).most_common())}


def _grouped(rows, key):
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {name: _share(group) for name, group in sorted(groups.items())}


def report(cases):
    """Each case's advice and whether its reason is right; the figures (_share) per kind of case, per kind and move
    (performed, or prompted where none was), dataset and motion, and over every case that is a miss (every kind but
    full_move)."""
    rows = []
    for case in cases:
        advice = coaching.coach(case.prompted, case.skeletons, case.times, case.seen)
        rows.append({"kind": case.kind, "dataset": case.dataset, "subject": case.subject, "prompted": case.prompted,
                     "performed": case.performed, "motion": case.motion, "seen": case.seen, "reason": advice.reason,
                     "line": advice.line, "move_named": advice.move, "value": advice.value,
                     "right": is_right(case, advice)})
    kinds = {}
    for kind in KINDS:
        of_kind = [row for row in rows if row["kind"] == kind]
        if of_kind:
            kinds[kind] = _share(of_kind) | {
                "by_move": _grouped(of_kind, lambda row: row["performed"] or row["prompted"]),
                "by_dataset": _grouped(of_kind, lambda row: row["dataset"]),
                "by_motion": _grouped(of_kind, lambda row: f"{row['dataset']} {row['motion']}")}
    return {"kinds": kinds, "misses": _share([row for row in rows if row["kind"] != "full_move"]), "cases": rows}


def summary(result):
    """Lines: each kind's figures, per dataset and move, and over every miss."""
    def share(figures):
        named = f" (named {figures['named']:.2f})" if "named" in figures else ""
        return f"{figures['right']:.2f} of {figures['n']}{named}"
    lines = []
    for kind, figures in result["kinds"].items():
        lines.append(f"{kind}: right {share(figures)}; "
                     + ", ".join(f"{name} {share(f)}" for name, f in figures["by_dataset"].items()))
        lines.append("    " + ", ".join(f"{move} {share(f)}" for move, f in figures["by_move"].items()))
        lines.append("    reasons: " + ", ".join(f"{reason} {n}" for reason, n in figures["reasons"].items()))
    lines.append(f"every miss (all kinds but full_move): right {share(result['misses'])}")
    return lines
