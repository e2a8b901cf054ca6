"""Kinder-Gator read into canonical clips: what ../shared/README.md documents about its people, motions, sides and
times, the left-out motions and the labels of ../shared/EVALUATION.md, bad files and folders."""

import numpy as np
import pytest

from recognizer.datasets import kinder_gator
from recognizer.errors import DatasetError
from recognizer.runtime import skeleton
from recognizer.runtime.skeleton import J

ADULTS = {565, 604, 734, 876, 888, 934, 976}
CHILDREN = {103, 106, 169, 290, 337, 342, 644}
LEFT_OUT = {"Do-two-jumping-jacks", "Lift-your-leg-to-one-side", "Lift-your-leg-to-the-other-side",
            "Bend-your-knee-while-raising-your-leg", "Bend-your-other-knee-while-raising-your-leg"}
TARGETS = {"Wave-your-hand": {"wave"}, "Wave-your-other-hand": {"wave"}, "Punch": {"punch_left", "punch_right"},
           "Fly-like-a-bird": {"flap"}}
KICKS = ("Kick-a-ball", "Kick-a-ball-as-far-as-you-can", "Kick-a-ball-with-the-other-leg",
         "Kick-a-ball-as-far-as-you-can-with-the-other-leg")
# The README's table of sides (R/L, the subject's own): the hand of "Wave your hand" and "Wave your other hand",
# the leg of each of KICKS.
WAVE_SIDES = {person: "RL" for person in ADULTS | CHILDREN} | {565: "LR", 290: "LL", 342: "LR"}
KICK_SIDES = {person: "RRLL" for person in ADULTS | CHILDREN} | {337: "LRLL"}
SIDE = {"R": "right", "L": "left"}
OTHER_SIDE = {"right": "left", "left": "right"}


@pytest.fixture(scope="module")
def kinder(kinder_gator_dir):
    return kinder_gator.load(kinder_gator_dir)


def clips_of(clips, motion):
    return [clip for clip in clips if clip.action == motion]


def test_people_groups_and_motions(kinder):
    clips, notes = kinder
    assert notes == []
    assert len(clips) == 811 - 14 * len(LEFT_OUT)
    assert {clip.subject for clip in clips if clip.group == "adults"} == ADULTS
    assert {clip.subject for clip in clips if clip.group == "children"} == CHILDREN
    per_person = {person: [clip.action for clip in clips if clip.subject == person] for person in ADULTS | CHILDREN}
    assert len(per_person[565]) == 57 - len(LEFT_OUT) and "Jump-as-high-as-you-can" not in per_person[565]
    assert all(len(set(actions)) == len(actions) == 58 - len(LEFT_OUT)
               for person, actions in per_person.items() if person != 565)
    assert "Throw-a-ball-" in per_person[604]  # the file name's trailing hyphen kept
    assert all(clip.dataset == "kinder_gator" and clip.name.startswith(f"POSE-p{clip.subject}_") for clip in clips)


def test_labels_per_motion_and_nothing_left_out_is_loaded(kinder):
    clips, _ = kinder
    assert not {clip.action for clip in clips} & LEFT_OUT
    for clip in clips:
        if clip.action in KICKS:
            assert clip.labels in ({"kick_left"}, {"kick_right"})
        else:
            assert clip.labels == TARGETS.get(clip.action, set()), clip.name
    non_target = {clip.action for clip in clips if not clip.is_target}
    assert len(non_target) == 58 - len(LEFT_OUT) - len(TARGETS) - len(KICKS)
    assert all(clip.motion_name == clip.action for clip in clips)


def test_the_waving_hand_is_the_one_the_readme_names(kinder):
    """The waving wrist is held above the other one for most of the clip."""
    clips, _ = kinder
    for which, motion in enumerate(("Wave-your-hand", "Wave-your-other-hand")):
        for clip in clips_of(clips, motion):
            body = skeleton.normalise(clip.skeletons)
            right_higher = np.mean(body[:, J["right_wrist"], 1] - body[:, J["left_wrist"], 1]) > 0
            assert right_higher == (WAVE_SIDES[clip.subject][which] == "R"), clip.name


def test_the_kicking_leg_rises_and_is_the_one_the_readme_names(kinder):
    """Measured otherwise than the loader does: in the body frame, above the first frame's standing pose."""
    clips, _ = kinder
    kicks = [clip for motion in KICKS for clip in clips_of(clips, motion)]
    assert len(kicks) == 4 * 14

    def rise(clip, side):
        body = skeleton.normalise(clip.skeletons)
        height = body[:, J[f"{side}_ankle"], 1]
        return height.max() - height[0]
    kicking_rises_more = []
    for clip in kicks:
        side = next(iter(clip.labels)).removeprefix("kick_")
        kicking_rises_more.append(rise(clip, side) > rise(clip, OTHER_SIDE[side]))
    assert np.mean(kicking_rises_more) > 0.9
    for clip in kicks:
        expected = SIDE[KICK_SIDES[clip.subject][KICKS.index(clip.action)]]
        assert clip.labels == {f"kick_{expected}"}, clip.name


def test_the_head_is_on_top_and_the_hips_below(kinder):
    clips, _ = kinder
    body = np.concatenate([skeleton.normalise(clip.skeletons[:5]) for clip in clips[::5]])
    assert (body[:, J["head"], 1] > body[:, J["neck"], 1]).mean() > 0.95
    assert (body[:, J["neck"], 1] > body[:, J["mid_hip"], 1]).mean() > 0.95


def test_forward_stays_forward(kinder):
    """Everyone punches with the right hand toward the sensor: forward in the body frame."""
    def punch_goes_forward(clip):
        body = skeleton.normalise(clip.skeletons)
        forward = body[:, J["right_wrist"], 2] - body[:, J["right_shoulder"], 2]
        return forward.max() > -forward.min()
    punches = clips_of(kinder[0], "Punch")
    assert len(punches) == 14 and all(punch_goes_forward(clip) for clip in punches)


def test_times_come_from_the_file_at_30_fps_and_every_frame_is_kept(kinder, kinder_gator_dir):
    clips, _ = kinder
    assert all(clip.times[0] == 0 and (np.diff(clip.times) > 0).all() for clip in clips)
    steps = np.concatenate([np.diff(clip.times) for clip in clips])
    assert np.median(steps) == pytest.approx(0.032, abs=0.0015) and steps.max() < 0.1
    assert all(29.8 < (len(clip.times) - 1) / clip.times[-1] < 30.4 for clip in clips)  # README: 29.9-30.3
    for clip in clips:
        path = kinder_gator_dir / clip.group.capitalize() / f"{clip.name}.csv"
        assert len(clip.times) == path.read_text().count("\n") - 1, clip.name  # each row but the header
    for clip in clips[::100]:
        path = kinder_gator_dir / clip.group.capitalize() / f"{clip.name}.csv"
        ms = np.loadtxt(path, delimiter=",", skiprows=1, usecols=0)
        assert clip.times[-1] == pytest.approx((ms[-1] - ms[0]) / 1000)


def test_a_repeated_time_moves_the_earlier_frame_halfway_back():
    ms = np.array([0.0, 62.4, 62.4, 93.6, 125.0])
    assert np.allclose(kinder_gator.spread_repeated_times(ms), [0.0, 31.2, 62.4, 93.6, 125.0])


def test_most_clips_start_in_a_t_pose(kinder):
    clips, _ = kinder
    first = np.stack([clip.skeletons[0] for clip in clips])
    wrists = np.linalg.norm(first[:, J["left_wrist"]] - first[:, J["right_wrist"]], axis=-1)
    shoulders = np.linalg.norm(first[:, J["left_shoulder"]] - first[:, J["right_shoulder"]], axis=-1)
    assert np.mean(wrists > 2 * shoulders) > 0.9


HEADER = "Timestamp," + ",".join(f"{joint}{axis}" for joint in range(20) for axis in "XYZ") + ",User-ID,Action,\n"


def row(ms):
    return f"{ms}," + ",".join(["0.5"] * 60) + ",565,Punch,\n"


@pytest.mark.parametrize("folder, name, text", [
    ("Adults", "POSE-p565_57-Punch-1467369051568.csv", HEADER + "hello,world\n"),
    pytest.param("Adults", "POSE-p565_57-Punch-1467369051568.csv", HEADER,
                 marks=pytest.mark.filterwarnings("ignore:loadtxt. input contained no data")),
    ("Adults", "POSE-p565_57-Punch-1467369051568.csv", HEADER + "1000,0.5,0.5,\n"),
    ("Adults", "POSE-p565_57-Punch-1467369051568.csv", HEADER + row(86399990) + row(10)),  # back at midnight
    ("Adults", "p565-Punch.csv", HEADER + row(1000)),
    ("Elsewhere", "POSE-p565_57-Punch-1467369051568.csv", HEADER + row(1000)),
])
def test_a_bad_file_is_named(tmp_path, folder, name, text):
    path = tmp_path / folder / name
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(DatasetError, match=name):
        kinder_gator.read_clip(path)


def test_a_good_file_reads_outside_the_dataset(tmp_path):
    path = tmp_path / "Children" / "POSE-p103_07-Throw-a-ball--1455371234567.csv"
    path.parent.mkdir()
    path.write_text(HEADER + row(1000) + row(1033) + row(1033) + row(1066))
    clip = kinder_gator.read_clip(path)
    assert (clip.subject, clip.action, clip.group, clip.labels) == (103, "Throw-a-ball-", "children", frozenset())
    assert np.allclose(clip.times, [0, 0.0165, 0.033, 0.066])


def test_a_folder_without_files_is_named(tmp_path):
    with pytest.raises(DatasetError, match=str(tmp_path)):
        kinder_gator.load(tmp_path)
