"""MSR Action3D, UTD-MHAD and MSRC-12 kick read from their original formats into the canonical skeleton:
joint order (left stays left, forward stays forward), frame rates, empty frames, labels, bad files."""

import gzip

import numpy as np
import pytest

from recognizer.datasets import msr_action3d, msrc12_kick, utd_mhad
from recognizer.errors import DatasetError
from recognizer.runtime import skeleton
from recognizer.runtime.skeleton import J


@pytest.fixture(scope="module")
def msr(other_datasets_dir):
    return msr_action3d.load(other_datasets_dir / "msr_action3d")


@pytest.fixture(scope="module")
def utd(other_datasets_dir):
    return utd_mhad.load(other_datasets_dir / "utd_mhad")


@pytest.fixture(scope="module")
def msrc(other_datasets_dir):
    return msrc12_kick.load(other_datasets_dir / "msrc12_kick")


def clips_of(clips, action):
    return [clip for clip in clips if clip.action == action]


def reach(clip, joint):
    """How far a joint gets from where it mostly is, in the body's own frame (torso lengths)."""
    body = skeleton.normalise(clip.skeletons)
    return float(np.linalg.norm(body[:, J[joint]] - np.median(body[:, J[joint]], axis=0), axis=-1).max())


def share(clips, condition):
    return np.mean([condition(clip) for clip in clips])


def test_msr_action3d_clips_labels_and_the_file_without_a_skeleton(msr):
    clips, notes = msr
    assert len(clips) == 567 - 30 - 1  # side boxing left out, a13_s09_e02 holds no skeleton
    assert len(notes) == 1 and "a13_s09_e02" in notes[0]
    assert not clips_of(clips, 12)
    assert {clip.action: clip.labels for clip in clips if clip.is_target} == {
        1: {"wave"}, 2: {"wave"}, 11: {"wave"}, 5: {"punch_right"}, 10: {"clap"}, 14: {"kick_right"},
        15: {"kick_right"}}
    assert all(not clip.is_target for clip in clips_of(clips, 16))  # jogging is non-target motion


def test_msr_action3d_runs_at_15_fps_with_its_empty_frames_dropped(msr):
    clips, _ = msr
    clip = next(clip for clip in clips if clip.name == "a13_s09_e03_skeleton3D")
    assert len(clip.times) == 936 - 740
    gappy = next(clip for clip in clips if clip.name == "a14_s03_e01_skeleton3D")  # 9 empty frames mid-clip
    steps = np.round(np.diff(gappy.times) * 15).astype(int)
    assert len(gappy.times) == 38 - 9 and steps.min() == 1
    assert steps.sum() == 38 - 1 and steps.max() == 10  # the dropped frames leave their gap in time
    full = next(clip for clip in clips if clip.name == "a05_s01_e01_skeleton3D")
    assert np.allclose(np.diff(full.times), 1 / 15)
    assert all(np.isfinite(clip.skeletons).all() and np.abs(clip.skeletons).max() > 0 for clip in clips)


def test_utd_mhad_clips_labels_and_frame_rate(utd):
    clips, notes = utd
    assert len(clips) == 861 and notes == []
    assert {clip.action: clip.labels for clip in clips if clip.is_target} == {
        3: {"wave"}, 4: {"clap"}, 13: {"punch_left", "punch_right"}}
    assert all(np.allclose(np.diff(clip.times), 1 / 30) for clip in clips[:50])


@pytest.mark.parametrize("dataset", ["msr", "utd"])
def test_the_head_is_on_top_and_the_hips_below(request, dataset):
    """The first four joints are in another order in each dataset; a wrong one puts the head at the hips."""
    clips, _ = request.getfixturevalue(dataset)
    body = np.concatenate([skeleton.normalise(clip.skeletons[:5]) for clip in clips[::10]])
    assert (body[:, J["head"], 1] > body[:, J["neck"], 1]).mean() > 0.95
    assert (body[:, J["neck"], 1] > body[:, J["mid_hip"], 1]).mean() > 0.95


def test_right_arm_and_leg_moves_stay_right(msr, utd):
    msr_clips, utd_clips = msr[0], utd[0]
    for clips in (clips_of(msr_clips, 5), clips_of(utd_clips, 3)):  # forward punch, right hand wave
        assert share(clips, lambda c: reach(c, "right_wrist") > reach(c, "left_wrist")) > 0.9
    kicks = clips_of(msr_clips, 14)  # forward kick with the right leg
    assert share(kicks, lambda c: reach(c, "right_ankle") > reach(c, "left_ankle")) > 0.9


def test_forward_stays_forward(msr, utd):
    """A mirrored axis would keep left and right apart yet turn the body frame back to front: a forward
    punch then goes backward. UTD-MHAD's lunge puts the left foot forward."""
    def punch_goes_forward(clip):
        body = skeleton.normalise(clip.skeletons)
        forward = body[:, J["right_wrist"], 2] - body[:, J["right_shoulder"], 2]
        return forward.max() > -forward.min()
    assert share(clips_of(msr[0], 5), punch_goes_forward) > 0.9

    def left_foot_ends_forward(clip):
        body = skeleton.normalise(clip.skeletons)
        lunge = body[:, J["left_ankle"], 2] - body[:, J["right_ankle"], 2]
        return lunge.max() > -lunge.min()
    assert share(clips_of(utd[0], 26), left_foot_ends_forward) > 0.9


def test_msrc12_kicks_their_times_and_sides(msrc):
    sequences, notes = msrc
    assert len(sequences) == 49 and len(notes) == 1 and "P1_1_12A_p19" in notes[0]
    kicks = [label for sequence in sequences for _, label in sequence.kicks]
    assert len(kicks) == 502 and kicks.count("kick_right") == 490
    steps = np.concatenate([np.diff(sequence.times) for sequence in sequences])
    assert np.median(steps) == pytest.approx(0.0332, abs=0.001) and steps.max() > 0.06  # real, uneven times
    curves = []  # each kick's kicking ankle height from 15 frames before its tag to 15 after
    for sequence in sequences:
        for frame, label in sequence.kicks:
            ankle = J["right_ankle"] if label == "kick_right" else J["left_ankle"]
            if 15 <= frame < sequence.n_frames - 15:
                heights = sequence.skeletons[frame - 15:frame + 16, ankle, 1]
                curves.append(heights - heights.min())
    assert abs(int(np.argmax(np.mean(curves, axis=0))) - 15) <= 2  # the tag marks the top of the kick


def test_msrc12_drops_frames_without_a_skeleton(msrc, other_datasets_dir):
    sequence = next(s for s in msrc[0] if s.name == "P1_2_12A_p04")
    with gzip.open(other_datasets_dir / "msrc12_kick" / "P1_2_12A_p04.csv.gz", "rt") as file:
        raw = np.loadtxt(file)
    empty = (raw[:, 1:] == 0).all(axis=1)
    assert empty.any() and sequence.n_frames == (~empty).sum()
    assert msrc12_kick.tick_to_us(49875) == 1000


@pytest.mark.parametrize("module, name, text", [
    (msr_action3d, "a05_s01_e01_skeleton3D.txt", "1 2 3\n"),
    (utd_mhad, "a3_s1_t1_skeleton.mat", "not a MATLAB file"),
    (msr_action3d, "hello.txt", ""),
])
def test_a_bad_file_is_named(tmp_path, module, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(DatasetError, match=name):
        module.read_clip(path)


def test_a_folder_without_files_is_named(tmp_path):
    for module in (msr_action3d, utd_mhad, msrc12_kick):
        with pytest.raises(DatasetError, match=str(tmp_path)):
            module.load(tmp_path)
