"""Training streams of every dataset: action points found in clips, named other motion, window labels."""

import numpy as np
import pytest

from recognizer.datasets.skeleton_clips import SkeletonClip
from recognizer.runtime import skeleton
from recognizer.runtime.labels import BACKGROUND, head_label, other_motion
from recognizer.training import action_points, streams
from recognizer.training.windows import WindowSampling, training_windows

FPS = 30.0


def standing(n_frames):
    """A canonical skeleton standing still: head up (y), arms hanging, feet apart, in metres, facing +z (its left
    at +x)."""
    pose = np.zeros((skeleton.N_JOINTS, 3), np.float32)
    places = {"head": (0, 1.6, 0), "neck": (0, 1.45, 0), "mid_hip": (0, 0.95, 0),
              "left_shoulder": (0.2, 1.45, 0), "left_elbow": (0.22, 1.2, 0), "left_wrist": (0.22, 0.95, 0),
              "right_shoulder": (-0.2, 1.45, 0), "right_elbow": (-0.22, 1.2, 0), "right_wrist": (-0.22, 0.95, 0),
              "left_hip": (0.1, 0.95, 0), "left_knee": (0.1, 0.5, 0), "left_ankle": (0.1, 0.05, 0),
              "right_hip": (-0.1, 0.95, 0), "right_knee": (-0.1, 0.5, 0), "right_ankle": (-0.1, 0.05, 0)}
    for name, place in places.items():
        pose[skeleton.J[name]] = place
    return np.repeat(pose[None], n_frames, axis=0)


def bump(n_frames, centre_s, width_s=0.15):
    t = np.arange(n_frames) / FPS
    return np.exp(-0.5 * ((t - centre_s) / width_s) ** 2)[:, None]


def clip(labels, skeletons, action=5, dataset="msr_action3d"):
    return SkeletonClip(dataset, "test", 1, action, frozenset(labels), skeletons, np.arange(len(skeletons)) / FPS)


def test_each_punch_of_a_clip_is_an_action_point_at_full_reach():
    skeletons = standing(90)
    # the right wrist goes 0.6 m forward at 1.0 s and again at 2.2 s; the left one stays
    skeletons[:, skeleton.J["right_wrist"]] += (bump(90, 1.0) + bump(90, 2.2)) * np.array([0, 0.45, 0.6])
    found = action_points.clip_actions(clip({"punch_right"}, skeletons))
    assert [label for label, _, _ in found] == ["punch_right", "punch_right"]
    assert [start for _, start, _ in found] == pytest.approx([1.0, 2.2], abs=1 / FPS)
    assert all(start == end for _, start, end in found)


def test_either_punch_clips_label_each_peak_by_the_arm_that_made_it():
    skeletons = standing(90)
    skeletons[:, skeleton.J["right_wrist"]] += bump(90, 0.8) * np.array([0, 0.45, 0.6])
    skeletons[:, skeleton.J["left_wrist"]] += bump(90, 1.5) * np.array([0, 0.45, 0.6])
    found = action_points.clip_actions(clip({"punch_left", "punch_right"}, skeletons, 13, "utd_mhad"))
    assert [(label, round(start, 1)) for label, start, _ in found] == [("punch_right", 0.8), ("punch_left", 1.5)]


def test_a_hanging_arm_is_no_punch_though_it_is_straight():
    skeletons = standing(60)
    # the right fist starts up in a guard at the chest, drops to hang straight at 1.0 s, and comes back up
    guard = np.array([-0.15, 1.35, 0.15], np.float32)
    hanging = skeletons[0, skeleton.J["right_wrist"]]
    skeletons[:, skeleton.J["right_wrist"]] = guard + bump(60, 1.0, 0.2) * (hanging - guard)
    assert action_points.clip_actions(clip({"punch_right"}, skeletons)) == []


def test_a_kick_peaks_when_its_ankle_is_farthest_from_the_other():
    skeletons = standing(60)
    skeletons[:, skeleton.J["right_ankle"]] += bump(60, 1.2) * np.array([0, 0.5, -0.5])
    skeletons[:, skeleton.J["left_ankle"]] += bump(60, 0.5, 0.05) * np.array([0, 0.02, 0])  # a small shift
    found = action_points.clip_actions(clip({"kick_right"}, skeletons, 14))
    assert [(label, round(start, 1)) for label, start, _ in found] == [("kick_right", 1.2)]


def test_a_wave_lasts_while_the_hand_is_away_from_where_it_started():
    skeletons = standing(120)
    moving = (np.arange(120) >= 30) & (np.arange(120) < 90)  # 1.0 s to 3.0 s, waving over the head
    skeletons[moving, skeleton.J["right_wrist"]] = (-0.4, 1.9, 0)
    [(label, start, end)] = action_points.clip_actions(clip({"wave"}, skeletons, 1))
    assert label == "wave" and end == pytest.approx(89 / FPS)
    assert start == pytest.approx(1.0 + action_points.CYCLE_KNOWN_S)  # known as a wave half a second in


def test_non_target_clips_are_their_named_motion_with_a_hard_point_at_the_peak():
    skeletons = standing(60)
    skeletons[:, skeleton.J["left_wrist"]] += bump(60, 1.4) * np.array([0, 0.8, 0])  # a throw, say
    stream = streams.from_clip(clip(set(), skeletons, 7))
    assert stream.actions == [] and stream.motion == other_motion("msr_action3d a07")
    [(point, label)] = stream.hard_points
    assert point == pytest.approx(1.4, abs=1 / FPS) and label == stream.motion
    assert stream.weight == streams.WEIGHTS["msr_action3d"] * streams.NON_TARGET_BOOST
    target = streams.from_clip(clip({"punch_right"}, skeletons, 5))
    assert target.motion == BACKGROUND and target.weight == streams.WEIGHTS["msr_action3d"]


def test_windows_carry_the_stream_labels_and_the_head_sees_background():
    skeletons = standing(150)
    skeletons[:, skeleton.J["right_wrist"]] += bump(150, 2.5) * np.array([0, 0.45, 0.6])
    times = np.arange(150) / FPS
    moving = streams.TrainingStream("x", "c", 1, skeletons, times, [], [(2.5, other_motion("x a01"))],
                                    other_motion("x a01"), weight=1.0)
    punching = streams.TrainingStream("x", "c", 1, skeletons, times, [("punch_right", 2.5, 2.5)], weight=0.5)
    X, y, index = training_windows([moving, punching], WindowSampling(4, 2.0, 3), seed=0)
    assert len(X) == len(y) == len(index) and set(index) == {0, 1}
    assert {head_label(label) for label in y[index == 0]} == {BACKGROUND}
    labels = set(y)
    assert other_motion("x a01") in labels and BACKGROUND in labels  # still poses stay plain background
    assert {head_label(label) for label in labels} <= {BACKGROUND, "punch_right", "punch_left"}
    assert sum(head_label(label) != BACKGROUND for label in y) == 2  # ceil(4 × 0.5) windows of the punch
    assert sum(label == other_motion("x a01") for label in y) >= 3  # the hard point's windows at least


def test_g3d_distractor_points_are_named_hard_points(g3d_data):
    recording = next(r for r in g3d_data[1] if any(f == "Walk" for _, f in r.folders))
    stream = streams.from_g3d(recording)
    assert {label for _, label in stream.hard_points} >= {other_motion("g3d Walk")}
    assert [a[0] for a in stream.actions] == [a.label for a in recording.truth]
    assert stream.motion == BACKGROUND and stream.weight == 1.0


def test_every_skeleton_dataset_loads_as_streams_with_its_moves(g3d_dir, other_datasets_dir, kinder_gator_dir):
    paths = {name: other_datasets_dir / name for name in streams.SKELETON_DATASETS}
    found, notes = streams.load(paths)
    assert set(found) == set(streams.SKELETON_DATASETS) and len(notes) == 2  # the README's two files without a skeleton
    labels = {name: {a[0] for s in found[name] for a in s.actions} for name in found}
    assert labels["msr_action3d"] == {"wave", "punch_right", "clap", "kick_right"}
    assert labels["utd_mhad"] == {"wave", "clap"}  # front boxing (either punch) teaches nothing
    assert not any(s.key.startswith("a13_") for s in found["utd_mhad"])
    assert labels["msrc12_kick"] == {"kick_right", "kick_left"}
    assert labels["kinder_gator"] == {"wave", "punch_right", "punch_left", "kick_right", "kick_left", "flap"}
    punches = [s for s in found["kinder_gator"] if s.key.split("-", 2)[-1].startswith("Punch-")]
    # 14 people punch, all with the right hand but one; 734's left punch follows the right too soon to teach
    assert len(punches) == 13 and not any(s.subject == 734 for s in punches)
    assert sum(a[0] == "punch_right" for s in punches for a in s.actions) >= 11
    assert {s.group for s in found["kinder_gator"]} == {"children", "adults"}
    # every target clip of MSR Action3D and UTD-MHAD yields its move (one clip of 190 + 64 may show none)
    targets = [s for name in ("msr_action3d", "utd_mhad") for s in found[name] if s.motion == BACKGROUND]
    assert sum(bool(s.actions) for s in targets) >= len(targets) - 2


def test_train_on_chosen_datasets_writes_a_model_and_a_card_naming_them(tmp_path, other_datasets_dir):
    from recognizer.cli import main
    from recognizer.runtime.model import ActionRecognizer
    out = tmp_path / "model"
    assert main(["train", "--train-on", "msr_action3d", "utd_mhad", "--out", str(out), "--epochs", "1",
                 "--hidden", "8", "--windows-per-action", "2", "--background-per-second", "0.5",
                 "--windows-per-distractor", "1"]) == 0
    card = (out / "MODEL_CARD.md").read_text()
    assert "\n- MSR Action3D (Microsoft Research" in card and "\n- UTD-MHAD (University of Texas" in card
    assert "\n- G3D (" not in card and "\n- MSRC-12" not in card
    recognizer = ActionRecognizer.load(out)
    assert "background" in recognizer.classes_ and not any(":" in label for label in recognizer.classes_)
    assert {"wave", "clap", "punch_right", "kick_right"} <= set(recognizer.classes_)

