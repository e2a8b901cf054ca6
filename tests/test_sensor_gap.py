import numpy as np
import pytest

from recognizer.evaluation import sensor_gap
from recognizer.runtime.skeleton import N_JOINTS, J

FPS = 30
# Known proportions in torso lengths, the torso 0.5 m; x is the subject's left, y up, z forward (the body frame).
TORSO = 0.5
KNOWN = {"upper_arm": 0.6, "forearm": 0.55, "thigh": 1.2, "shin": 0.9, "shoulder_width": 0.8, "hip_width": 0.4}


def standing(frames):
    """(frames, 15, 3) of a person standing with the arms hanging, in metres."""
    body = np.zeros((N_JOINTS, 3))
    for side, sign in (("left", 1), ("right", -1)):
        shoulder = np.array([sign * KNOWN["shoulder_width"] / 2, 1, 0]) * TORSO
        hip = np.array([sign * KNOWN["hip_width"] / 2, 0, 0]) * TORSO
        down = np.array([0, -TORSO, 0])
        body[J[f"{side}_shoulder"]], body[J[f"{side}_hip"]] = shoulder, hip
        body[J[f"{side}_elbow"]] = shoulder + KNOWN["upper_arm"] * down
        body[J[f"{side}_wrist"]] = body[J[f"{side}_elbow"]] + KNOWN["forearm"] * down
        body[J[f"{side}_knee"]] = hip + KNOWN["thigh"] * down
        body[J[f"{side}_ankle"]] = body[J[f"{side}_knee"]] + KNOWN["shin"] * down
    body[J["neck"]] = [0, TORSO, 0]
    body[J["head"]] = [0, 1.4 * TORSO, 0]
    return np.repeat(body[None], frames, axis=0)


def test_proportions_are_recovered():
    found = sensor_gap.lengths(standing(10))
    assert found.shape == (10, len(sensor_gap.LENGTHS))
    np.testing.assert_allclose(found[0], [KNOWN[name] for name in sensor_gap.LENGTHS], rtol=1e-5)


def test_still_noise_per_axis_is_recovered_and_motion_left_out():
    rng = np.random.default_rng(0)
    frames = 60 * FPS
    times = np.arange(frames) / FPS
    sigma = np.array([0.002, 0.003, 0.008])  # torso lengths, per body axis
    skeletons = standing(frames)
    ends = [J[name] for name in ("left_wrist", "right_wrist", "left_ankle", "right_ankle")]
    skeletons[:, ends] += rng.normal(0, sigma * TORSO, (frames, len(ends), 3))
    # The first 20 s the left wrist waves at 2 Hz (far faster than still), then one glitch while all is still.
    moving = times < 20
    skeletons[moving, J["left_wrist"], 0] += 0.3 * TORSO * np.sin(2 * np.pi * 2 * times[moving])
    skeletons[40 * FPS, J["right_wrist"]] += [0.5 * TORSO, 0, 0]
    residuals, limbs = sensor_gap.still_residuals(skeletons, times)
    width = 15  # 0.5 s at 30 fps
    expected = sigma * np.sqrt(1 - 1 / width)  # white noise less its moving average
    np.testing.assert_allclose(np.sqrt(np.mean(residuals ** 2, axis=0)), expected, rtol=0.1)
    assert np.abs(residuals).max() < 0.1  # neither the waving nor the glitch counted
    inside = frames - 2 * (width // 2)  # the frames whose whole window is in the clip
    assert (limbs == "ankle").sum() == 2 * inside
    assert 2 * inside - 20 * FPS - 3 * width < (limbs == "wrist").sum() < 2 * inside - 20 * FPS - width

def test_forward_reach_measures_depth_compression():
    frames = 100
    skeletons = standing(frames)
    # The arms hang for most of the clip; for 10 frames the left arm points straight forward, its depth scaled by k.
    k = 0.7
    shoulder = skeletons[0, J["left_shoulder"]]
    forward = np.array([0, 0, k * TORSO])
    skeletons[40:50, J["left_elbow"]] = shoulder + KNOWN["upper_arm"] * forward
    skeletons[40:50, J["left_wrist"]] = shoulder + (KNOWN["upper_arm"] + KNOWN["forearm"]) * forward
    distance, ahead = sensor_gap.forward_reach(skeletons)
    assert distance == pytest.approx(k, abs=0.01)
    assert ahead == pytest.approx(k, abs=0.01)


def test_blazepose_arms_shorter_and_depth_noisier_than_kinect(webcam_gestures_data, kinder_gator_dir):
    from recognizer.datasets import kinder_gator
    kinect_clips, _ = kinder_gator.load(kinder_gator_dir)
    kinect = sensor_gap.measure([c for c in kinect_clips if c.group == "adults"][::8])
    webcam = sensor_gap.measure(webcam_gestures_data[0][::3])
    assert webcam["proportions"]["upper_arm"]["median"] < 0.85 * kinect["proportions"]["upper_arm"]["median"]
    webcam_noise, kinect_noise = (found["still_noise"]["wrists_and_ankles"] for found in (webcam, kinect))
    assert webcam_noise["z_over_xy"] > 1.5 > kinect_noise["z_over_xy"]
