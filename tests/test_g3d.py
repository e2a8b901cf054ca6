import numpy as np
import pytest

from recognizer.datasets import g3d
from recognizer.datasets.g3d import instances
from recognizer.runtime.features import N_FEATURES, N_STEPS
from recognizer.runtime.labels import ACTIONS
from recognizer.training.streams import from_g3d
from recognizer.training.windows import WindowSampling, training_windows


def test_recordings_are_rebuilt_in_id_order(g3d_data):
    recording = next(r for r in g3d_data[1] if r.first_id == 0)
    assert [folder for _, folder in recording.folders[:5]] == [
        "PunchRight", "PunchLeft", "KickRight", "KickLeft", "Defend"]
    assert [a.label for a in recording.truth[:4]] == ["punch_right", "punch_left", "kick_right", "kick_left"]


def test_empty_files_do_not_break_a_recording(g3d_dir, g3d_data):
    assert (g3d_dir / "5" / "Walk" / "682.json").read_text().strip() == "[]"
    recording = next(r for r in g3d_data[5] if r.first_id <= 682 and r.first_id + len(r.folders) >= 682)
    ids_before = 682 - recording.first_id
    assert len(recording.folders) > ids_before  # the recording goes on past the empty file


def test_g3d7_instances_follow_the_evaluation_rules(g3d_data):
    found = instances(g3d_data)
    assert len(found) == 168
    assert {label: sum(i.label == label for i in found) for label in ACTIONS} == {label: 24 for label in ACTIONS}
    punch = next(i for i in found if i.label == "punch_left" and i.first_time > 1.0)
    assert punch.last_time - punch.first_time == pytest.approx(1.2)
    wave, action = next((i, a) for i in found for a in i.recording.truth
                        if i.label == a.label == "wave" and a.end > a.start)  # several wave files, one action
    assert wave.first_time == pytest.approx(max(0.0, action.start / 30 - 0.5))
    assert wave.last_time == pytest.approx(min(action.end / 30 + 0.5, (wave.recording.n_frames - 1) / 30))


def test_training_windows_are_shaped_and_labelled(g3d_data):
    X, y, _ = training_windows([from_g3d(r) for r in g3d_data[1]], WindowSampling(2, 0.0, 0), seed=0)
    assert X.shape == (2 * 21, N_STEPS, N_FEATURES) and np.isfinite(X).all()
    assert set(y) == set(ACTIONS)


def test_background_windows_stay_clear_of_truth_actions(g3d_data):
    from recognizer.training.windows import BACKGROUND_CLEARANCE_S, background_times, hard_times
    rng = np.random.default_rng(0)
    for recording in g3d_data[2]:
        stream = from_g3d(recording)
        for end_time in np.concatenate([background_times(stream, rng, 5.0), hard_times(stream, rng, 4)[0]]):
            for action in recording.truth:
                assert not (action.start / 30 - BACKGROUND_CLEARANCE_S[0] <= end_time
                            <= action.end / 30 + BACKGROUND_CLEARANCE_S[1])


def test_background_windows_cover_distractor_peaks_and_grow_with_time(g3d_data):
    from recognizer.training.windows import background_times, hard_times
    rng = np.random.default_rng(0)
    recording = next(r for r in g3d_data[1] if not r.truth and len(r.folders) > 3)
    distractor = from_g3d(recording)
    points = np.array([frame for frame, _ in recording.folders]) / 30
    near, names = hard_times(distractor, rng, 5)
    assert set(names) == {f"background:g3d {folder}" for _, folder in recording.folders}
    assert len(near) >= 5 * (len(points) - 1)  # only windows past the recording's end are dropped
    from recognizer.training.windows import SINGLE_END_OFFSETS
    assert all(np.min(np.abs(points - t)) <= SINGLE_END_OFFSETS[1] + 0.2 + 1e-9 for t in near)
    seconds = recording.n_frames / 30
    counts = [len(background_times(distractor, rng, 2.0)) for _ in range(50)]
    assert abs(np.mean(counts) - 2.0 * seconds) < 0.2 * 2.0 * seconds
    X, y, _ = training_windows([from_g3d(r) for r in g3d_data[1]], WindowSampling(1, 0.0, 2), seed=0)
    assert (np.char.startswith(y.astype(str), "background:g3d ")).sum() > 0
    assert sum(not label.startswith("background") for label in y) == 21


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(g3d.DatasetError, match=str(tmp_path / "nowhere")):
        g3d.actors(tmp_path / "nowhere")


def test_a_broken_file_is_named(tmp_path):
    (tmp_path / "1" / "Wave").mkdir(parents=True)
    (tmp_path / "1" / "Wave" / "7.json").write_text("[[{\"x\": 1}]")
    with pytest.raises(g3d.DatasetError, match="7.json"):
        g3d.load(tmp_path)
