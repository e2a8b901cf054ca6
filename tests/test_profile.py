"""Player profiles: taught repetitions, saved without pickle, and the classifier head refitted on them."""

import numpy as np
import pytest

from recognizer.runtime.profile import Profile, ProfileError, peak_time, profile_paths, refit


def repetition(recording, frame, before_s=1.0, after_s=1.0):
    """A teach-mode capture around one G3D action point: the clip only, not where the point is."""
    first, last = max(0, int(frame - before_s * 30)), min(recording.n_frames, int(frame + after_s * 30))
    return recording.skeletons[first:last], recording.times[first:last]


def folder_points(recordings, folder):
    return [(r, frame) for r in recordings for frame, f in r.folders if f == folder]


def test_peak_alignment_finds_a_punch_near_its_action_point(g3d_data):
    recording, frame = next((r, a.start) for r in g3d_data[3] for a in r.truth
                            if a.label == "punch_left" and a.start > 60)
    skeletons, times = repetition(recording, frame, before_s=1.2, after_s=1.0)
    assert abs(peak_time(skeletons, times) - frame / 30) <= 0.25


def test_save_and_load_round_trip(tmp_path, g3d_data):
    profile = Profile("Ann Lee")
    for recording, frame in folder_points(g3d_data[1], "Jump")[:2]:
        profile.add("jump", *repetition(recording, frame))
    profile.add_idle(g3d_data[1][0].skeletons[:40], g3d_data[1][0].times[:40])
    profile.add_idle(g3d_data[1][0].skeletons[50:70], g3d_data[1][0].times[50:70])
    profile.save(tmp_path)
    npz, meta = profile_paths(tmp_path, "Ann Lee")
    assert npz.is_file() and meta.is_file()
    with np.load(npz, allow_pickle=False) as arrays:  # plain arrays: loadable without pickle
        assert set(arrays.files) == {"skeletons", "times", "idle_skeletons", "idle_times"}
    again = Profile.load(tmp_path, "Ann Lee")
    assert again.name == "Ann Lee" and again.moves == ["jump"] and again.custom_moves == ["jump"]
    for a, b in zip(profile.repetitions, again.repetitions):
        assert np.array_equal(a.skeletons, b.skeletons) and np.array_equal(a.times, b.times) and a.peak == b.peak
    assert [len(i.times) for i in again.idle] == [40, 20]
    assert np.array_equal(again.idle[1].skeletons, profile.idle[1].skeletons)


def test_a_profile_saved_before_idle_time_still_loads(tmp_path, g3d_data):
    """Version 1 files (no idle time) are a player's saved data: they load, with no idle time."""
    import json
    profile = Profile("old")
    profile.add("wave", *repetition(g3d_data[1][0], 40))
    profile.save(tmp_path)
    npz, meta = profile_paths(tmp_path, "old")
    data = json.loads(meta.read_text())
    del data["idle"]
    meta.write_text(json.dumps(data | {"version": 1}))
    with np.load(npz) as arrays:
        np.savez(npz, skeletons=arrays["skeletons"], times=arrays["times"])
    again = Profile.load(tmp_path, "old")
    assert again.moves == ["wave"] and again.idle == []


def test_idle_time_gives_background_windows(g3d_data):
    recording = g3d_data[1][0]
    profile = Profile("still")
    profile.add("wave", *repetition(recording, 40))
    profile.add_idle(recording.skeletons[:60], recording.times[:60])  # two seconds
    X, y = profile.windows(np.random.default_rng(0), idle_per_second=10.0)
    assert (y == "background").sum() >= 10 and (y == "wave").sum() == 8 and len(X) == len(y)
    X, y = profile.windows(np.random.default_rng(0), idle_per_second=0.0)
    assert "background" not in set(y)


def test_corrupt_and_missing_profiles_are_clear_errors(tmp_path, g3d_data):
    with pytest.raises(ProfileError, match="no profile for player 'nobody'"):
        Profile.load(tmp_path, "nobody")
    profile = Profile("bo")
    profile.add("wave", *repetition(g3d_data[1][0], 40))
    profile.save(tmp_path)
    npz, meta = profile_paths(tmp_path, "bo")
    npz.write_bytes(npz.read_bytes()[:100])
    with pytest.raises(ProfileError, match="corrupt profile"):
        Profile.load(tmp_path, "bo")
    profile.save(tmp_path)
    meta.write_text('{"format": "move-match-profile", "version": 1, "name": "bo", "repetitions": [{"label": "wave", '
                    '"frames": 99999, "peak": 0}]}')
    with pytest.raises(ProfileError, match=str(meta)):
        Profile.load(tmp_path, "bo")


def test_refit_learns_a_custom_move_and_keeps_the_others(g3d_data, shipped_model):
    """Jump is a G3D distractor, background to the shipped model; three repetitions from actor 1 make it
    a move, recognised on actor 2's jumps, while actor 2's punches stay punches."""
    profile = Profile("tester")
    for recording, frame in folder_points(g3d_data[1], "Jump")[:3]:
        profile.add("jump", *repetition(recording, frame))
    refitted, seconds = refit(shipped_model, profile)
    assert "jump" in refitted.classes_ and "jump" not in shipped_model.classes_
    assert refitted.encoder_ is shipped_model.encoder_  # the GRU is not retrained
    jumps = folder_points(g3d_data[2], "Jump")
    assert len(jumps) >= 3
    column = list(refitted.classes_).index("jump")
    before = [dict(zip(shipped_model.classes_,
                       shipped_model.window_probabilities(r.skeletons, r.times, [f / 30 + 0.3])[0]))
              for r, f in jumps]
    after = [refitted.window_probabilities(r.skeletons, r.times, [f / 30 + 0.3])[0]
             for r, f in jumps]
    assert np.mean([p[column] for p in after]) > 0.5
    assert all(p.get("jump", 0.0) == 0.0 for p in before)
    punches = [(r, a.start) for r in g3d_data[2] for a in r.truth if a.label.startswith("punch")]
    kept = 0
    for recording, frame in punches:
        end = [frame / 30 + 0.3]
        shipped = shipped_model.classes_[int(np.argmax(shipped_model.window_probabilities(recording.skeletons,
                                                                                          recording.times, end)))]
        if shipped.startswith("punch"):  # a punch to the shipped model stays one
            kept += 1
            p = refitted.window_probabilities(recording.skeletons, recording.times, end)[0]
            assert refitted.classes_[int(np.argmax(p))] == shipped
    assert kept >= 2


def test_a_refit_without_the_players_weight_gives_the_shipped_head_back(g3d_data, shipped_model):
    """The training sample's targets are the shipped head's probabilities, so only the player's windows
    move the head: a punch taught with weight 0 moves the probabilities a tenth as far, at most, as the same punch
    taught with weight 1 (the sample is a few hundred windows a class, not the head's own training set, so not
    exactly nothing)."""
    recording, frame = folder_points(g3d_data[3], "PunchLeft")[0]
    profile = Profile("tester")
    profile.add("punch_left", *repetition(recording, frame))
    unchanged, _ = refit(shipped_model, profile, player_weight=0.0)
    taught, _ = refit(shipped_model, profile, player_weight=1.0)
    ends = np.linspace(recording.times[0] + 1.2, recording.times[-1], 40)
    shipped = shipped_model.window_probabilities(recording.skeletons, recording.times, ends)
    moved = {name: np.abs(model.window_probabilities(recording.skeletons, recording.times, ends) - shipped)
             for name, model in (("unchanged", unchanged), ("taught", taught))}
    assert moved["taught"].max() > 0.1
    assert moved["unchanged"].max() < 0.1 * moved["taught"].max()
    assert moved["unchanged"].mean() < 0.1 * moved["taught"].mean()


def test_a_custom_move_can_be_used_in_a_level_file(tmp_path):
    from game.levels import LevelError, load_level
    path = tmp_path / "squats.toml"
    path.write_text('name = "Squats"\nseconds_per_prompt = 4.0\nsequence = ["squat", "punch_left", "squat"]\n')
    with pytest.raises(LevelError, match="squat"):
        load_level(path)
    assert load_level(path, known_moves=("punch_left", "squat")).sequence == ["squat", "punch_left", "squat"]
