"""The clip-stream protocol of ../shared/EVALUATION.md on small cases worked by hand, and on real clips."""

import numpy as np
import pytest

from recognizer.evaluation import clip_streams, eval_streams, streaming
from recognizer.runtime.decoder import EventDecoder


def row(labels, events, seconds=4.0):
    return {"labels": sorted(labels), "events": [{"label": label, "frame": 0} for label in events],
            "seconds": seconds}


def test_verdicts_and_figures_worked_by_hand():
    rows = [row({"wave"}, ["wave"]),  # recognised
            row({"wave"}, ["wave", "clap"]),  # its label, but another too: not recognised, wrong label
            row({"punch_left", "punch_right"}, ["punch_left"]),  # either punch counts
            row({"clap"}, []),  # missed, not wrong
            row(set(), ["kick_right"], seconds=30.0),  # non-target motion with one false event
            row(set(), [], seconds=90.0)]
    assert [clip_streams.verdict(r) for r in rows[:4]] == [
        {"recognised": True, "wrong_label": False}, {"recognised": False, "wrong_label": True},
        {"recognised": True, "wrong_label": False}, {"recognised": False, "wrong_label": False}]
    assert clip_streams.verdict(rows[4]) == {"recognised": False, "wrong_label": False}
    assert clip_streams.figures(rows) == {"target_recall": 0.5, "wrong_label_rate": 0.25,
                                          "false_events_per_min": 0.5, "non_target_minutes": 2.0,
                                          "n_target": 4, "n_non_target": 2}


def test_the_lead_in_holds_the_first_frame_for_a_second_at_the_clips_own_rate():
    skeletons = np.arange(3 * 15 * 3, dtype=np.float32).reshape(3, 15, 3)
    times = np.array([2.0, 2.0 + 1 / 15, 2.0 + 2 / 15])
    held, held_times, visible, n_lead = eval_streams.with_lead_in(skeletons, times, np.array([False, True, True]))
    assert n_lead == 15 and len(held) == 18
    assert not visible[:16].any() and visible[16:].all()  # the held first frame is as much in view as it was
    assert (held[:16] == skeletons[0]).all() and (held[15:] == skeletons).all()
    assert held_times[0] == pytest.approx(1.0) and np.allclose(np.diff(held_times), 1 / 15)


def test_real_clips_stream_with_their_lead_in(other_datasets_dir, shipped_model):
    from recognizer.datasets import msr_action3d, utd_mhad
    decoder = EventDecoder(shipped_model.classes_)
    msr = msr_action3d.read_clip(other_datasets_dir / "msr_action3d" / "real_world_coordinates" /
                                 "a16_s01_e01_skeleton3D.txt")  # jogging: non-target
    utd = utd_mhad.read_clip(other_datasets_dir / "utd_mhad" / "a3_s1_t1_skeleton.mat")  # right hand wave
    rows = [clip_streams.clip_row(stream, streaming.stream_probabilities(shipped_model, stream), decoder)
            for stream in map(eval_streams.from_clip, (msr, utd))]
    assert [r["lead_in_frames"] for r in rows] == [15, 30]
    assert rows[0]["seconds"] == pytest.approx(len(msr.times) / 15) and rows[1]["labels"] == ["wave"]
    for r, clip in zip(rows, (msr, utd)):
        assert all(0 <= e["frame"] < r["lead_in_frames"] + len(clip.times) for e in r["events"])
    assert clip_streams.figures(rows)["n_target"] == 1
