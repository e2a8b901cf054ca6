"""The sensor gap: how the training data (Kinect skeletons) and the game's input (BlazePose world landmarks of a
webcam) differ in body proportions, in still noise per axis and in how far a forward reach gets, measured the same
way on every dataset so that the gap a Kinect-trained recognizer must bridge is a reproducible figure."""

from collections import defaultdict

import numpy as np
from scipy.ndimage import gaussian_filter1d, maximum_filter1d, median_filter, uniform_filter1d

from recognizer.datasets import kinder_gator, webcam_gestures
from recognizer.runtime import skeleton
from recognizer.runtime.skeleton import J
from recognizer.training import streams

SIDES = ("left", "right")
LIMBS = {"upper_arm": ("shoulder", "elbow"), "forearm": ("elbow", "wrist"), "thigh": ("hip", "knee"),
         "shin": ("knee", "ankle")}
# Each measured length: the joint pairs it is the mean of (a limb segment's two sides).
LENGTHS = {name: [(f"{side}_{a}", f"{side}_{b}") for side in SIDES] for name, (a, b) in LIMBS.items()} | {
    "shoulder_width": [("left_shoulder", "right_shoulder")], "hip_width": [("left_hip", "right_hip")]}
NOISE_JOINTS = {"wrist": [J["left_wrist"], J["right_wrist"]], "ankle": [J["left_ankle"], J["right_ankle"]]}
AXES = ("x", "y", "z")
# Still noise: the residual from a centred moving average of about SMOOTH_S, on the frames where the joint moves
# slower than STILL_SPEED torso lengths per second all through the window, its speed taken both from that average (a
# one-frame glitch moves it at the window's edges) and from a Gaussian of the same width (the average is blind to
# motion repeating every SMOOTH_S, a 2 Hz wave), so that neither motion nor a glitch counts as noise.
SMOOTH_S = 0.5
STILL_SPEED = 0.25
# A clip reaches forward when a wrist gets this many arm lengths in front of its shoulder (body frame).
REACH_FORWARD = 0.5
KINECT_CHILDREN = f"{kinder_gator.NAME} children"


def lengths(skeletons):
    """(T, len(LENGTHS)) of each measured length over the torso length (neck to mid_hip)."""
    torso = np.linalg.norm(skeletons[:, J["neck"]] - skeletons[:, J["mid_hip"]], axis=-1)
    return np.stack([np.mean([np.linalg.norm(skeletons[:, J[a]] - skeletons[:, J[b]], axis=-1) for a, b in pairs],
                             axis=0) / torso for pairs in LENGTHS.values()], axis=-1)


def still_residuals(skeletons, times):
    """(residuals (n, 3), limb (n,)) of the wrists and ankles on their still frames: position in the clip's body frame
    (torso lengths) minus its centred moving average; limb names NOISE_JOINTS' key of each row."""
    fps = 1.0 / np.median(np.diff(times))
    width = max(3, int(round(SMOOTH_S * fps)) | 1)
    joints = np.concatenate(list(NOISE_JOINTS.values()))
    points = skeleton.normalise(skeletons)[:, joints]
    trend = uniform_filter1d(points, width, axis=0, mode="nearest")
    smooth = gaussian_filter1d(points, width / 4, axis=0, mode="nearest")
    speed = np.maximum(*(np.linalg.norm(np.gradient(p, axis=0), axis=-1) for p in (trend, smooth))) * fps
    still = maximum_filter1d(speed, width, axis=0, mode="nearest") < STILL_SPEED
    still[:width // 2] = still[len(still) - width // 2:] = False  # the whole window inside the clip
    limb = np.repeat(list(NOISE_JOINTS), [len(v) for v in NOISE_JOINTS.values()])
    return (points - trend)[still], np.broadcast_to(limb, still.shape)[still]


def forward_reach(skeletons):
    """(distance, forward) of a wrist from its shoulder in the arm's own length (the clip's median upper arm plus
    median forearm), at the frame where either wrist is furthest in front of its shoulder in the clip's body frame
    (a 3-frame median against one-frame glitches)."""
    n = skeleton.normalise(skeletons)
    shoulder, elbow, wrist = (n[:, [J[f"{side}_{joint}"] for side in SIDES]]
                              for joint in ("shoulder", "elbow", "wrist"))
    arm = (np.median(np.linalg.norm(elbow - shoulder, axis=-1), axis=0)
           + np.median(np.linalg.norm(wrist - elbow, axis=-1), axis=0))
    reach = median_filter(wrist - shoulder, size=(3, 1, 1), mode="nearest") / arm[:, None]
    frame, side = np.unravel_index(np.argmax(reach[..., 2]), reach.shape[:2])
    return float(np.linalg.norm(reach[frame, side])), float(reach[frame, side, 2])


def _rms(residuals):
    rms = np.sqrt(np.mean(np.square(residuals, dtype=np.float64), axis=0))
    return dict(zip(AXES, np.round(rms, 5).tolist())) | {"z_over_xy": round(float(rms[2] / rms[:2].mean()), 2),
                                                         "joint_frames": len(residuals)}


def person_proportions(clips):
    """{subject: (len(LENGTHS),) median over all the person's frames} of clips (anything with subject and
    skeletons)."""
    by_person = defaultdict(list)
    for clip in clips:
        by_person[clip.subject].append(lengths(clip.skeletons))
    return {subject: np.median(np.concatenate(found), axis=0) for subject, found in by_person.items()}


def measure(clips):
    """Proportions per person (median, min and max over persons), still noise of wrists and ankles pooled over the
    clips, and the reach of the clips that reach forward; clips: anything with subject, skeletons and times."""
    people = np.stack(list(person_proportions(clips).values()))
    residuals, limbs = (np.concatenate(found) for found in zip(*(still_residuals(c.skeletons, c.times) for c in clips)))
    reaches = np.array([forward_reach(clip.skeletons) for clip in clips])
    reaches = reaches[reaches[:, 1] >= REACH_FORWARD]
    return {"persons": len(people), "clips": len(clips), "frames": int(sum(len(clip.times) for clip in clips)),
            "proportions": {name: {"median": round(float(np.median(people[:, i])), 3),
                                   "min": round(float(people[:, i].min()), 3),
                                   "max": round(float(people[:, i].max()), 3)} for i, name in enumerate(LENGTHS)},
            "still_noise": {"wrists_and_ankles": _rms(residuals)}
            | {f"{limb}s": _rms(residuals[limbs == limb]) for limb in NOISE_JOINTS},
            "reach": {"clips": len(reaches),
                      "distance_over_arm": {"median": round(float(np.median(reaches[:, 0])), 3),
                                            "p90": round(float(np.percentile(reaches[:, 0], 90)), 3)},
                      "forward_over_arm_median": round(float(np.median(reaches[:, 1])), 3)} if len(reaches) else None}


def measurement_sets(paths):
    """{set name: [TrainingStream]} of the datasets in paths ({dataset: folder}), Kinder-Gator split into its
    children and adults, and the notes about files left out."""
    sets, notes = {}, []
    for name, path in paths.items():
        items, found_notes = streams.load_items(name, path)
        notes += found_notes
        found = [streams.from_item(name, item) for item in items]
        if name == kinder_gator.NAME:
            sets |= {f"{name} {group}": [s for s in found if s.group == group] for group in ("children", "adults")}
        else:
            sets[name] = found
    return sets, notes


def report(sets):
    """Every set measured, and the webcam's proportions over those of the Kinect adults (every Kinect person but
    Kinder-Gator's children, each person one vote)."""
    result = {"sets": {name: measure(clips) for name, clips in sets.items()}}
    adults = [p for name, clips in sets.items() if name not in (KINECT_CHILDREN, webcam_gestures.NAME)
              for p in person_proportions(clips).values()]
    if adults and webcam_gestures.NAME in sets:
        kinect = {name: round(float(value), 3) for name, value in zip(LENGTHS, np.median(adults, axis=0))}
        webcam = result["sets"][webcam_gestures.NAME]["proportions"]
        result["kinect_adults"] = {"persons": len(adults), "proportions": kinect}
        result["ratio_webcam_over_kinect_adults"] = {name: round(webcam[name]["median"] / kinect[name], 3)
                                                     for name in LENGTHS}
    return result


def table(result):
    """Text lines: each set's proportions (median [min-max] over persons), still noise and reach, then the ratio."""
    lines = [f"{'set':22s} {'persons':>7s} " + " ".join(f"{name:>16s}" for name in LENGTHS)]
    for name, found in result["sets"].items():
        lines.append(f"{name:22s} {found['persons']:7d} " + " ".join(
            f"{p['median']:5.2f} [{p['min']:.2f}-{p['max']:.2f}]" for p in found["proportions"].values()))
    if "ratio_webcam_over_kinect_adults" in result:
        lines.append(f"{'webcam/Kinect adults':22s} {'':7s} " + " ".join(
            f"{ratio:16.2f}" for ratio in result["ratio_webcam_over_kinect_adults"].values()))
    lines += ["", f"{'set':22s} {'still x / y / z (torso lengths)':>32s} {'z/xy':>5s} {'j-frames':>7s} "
                  f"{'reach clips':>11s} {'reach/arm median p90':>21s}"]
    for name, found in result["sets"].items():
        noise, reach = found["still_noise"]["wrists_and_ankles"], found["reach"]
        reached = (f"{reach['clips']:11d} {reach['distance_over_arm']['median']:14.2f} "
                   f"{reach['distance_over_arm']['p90']:6.2f}" if reach else f"{0:11d}")
        lines.append(f"{name:22s} {noise['x']:14.4f} / {noise['y']:.4f} / {noise['z']:.4f} {noise['z_over_xy']:5.2f} "
                     f"{noise['joint_frames']:7d} {reached}")
    return lines
