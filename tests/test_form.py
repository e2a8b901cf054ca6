"""The body's evidence: each move's form measured on the player's skeleton, its score against pass marks, marks
fitted on real moves, and marks that follow one player."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.virtual_player import VirtualPlayer
from recognizer.errors import ModelError
from recognizer.runtime import form
from recognizer.runtime.form import DEFAULT_MARKS, MEASURES, FormScorer
from recognizer.runtime.labels import ACTIONS

FPS = 30


def window(move=None, seed=0, size=None):
    """(skeletons, times) of the virtual player doing a move (size: its excursion from rest, 1 the full move)."""
    player = VirtualPlayer(seed=seed)
    end = 3.0
    if move is not None:
        performance = player.perform(move, 1.5)
        performance.size = performance.size if size is None else size
        end = performance.end + 0.7
    times = np.arange(0.0, end, 1 / FPS)
    return np.stack([player.skeleton(t) for t in times]), times


@pytest.mark.parametrize("move", ACTIONS)
def test_each_full_move_passes_its_own_marks_and_a_third_of_it_does_not(move):
    scorer = FormScorer()
    assert scorer.score(move, *window(move)) >= 1.0
    assert scorer.score(move, *window(move, size=0.3)) < 1.0


def test_standing_still_passes_no_move():
    scorer = FormScorer()
    assert max(scorer.score(move, *window()) for move in ACTIONS) < 0.6


def test_an_arm_held_out_is_no_punch_until_it_is_pulled_back():
    skeletons, times = window("punch_right")
    raw = form.measures(form.body(skeletons, times), "punch_right")
    assert np.isfinite(raw["held"]) and raw["held"] < DEFAULT_MARKS["punch"]["held"]
    # the same punch frozen at its furthest reach for two seconds, then cut before it comes back
    reach = skeletons[:, 8, 2]  # the right wrist's depth in the camera (the player faces -z)
    peak = int(np.argmin(reach))
    held = np.concatenate([skeletons[:peak], np.repeat(skeletons[peak:peak + 1], 60, axis=0)])
    held_times = np.arange(len(held)) / FPS
    assert form.measures(form.body(held, held_times), "punch_right")["held"] == np.inf
    assert FormScorer().score("punch_right", held, held_times) < 1.0


def test_running_lifts_both_feet_and_is_no_kick():
    skeletons, times = window("kick_left")
    both = skeletons.copy()
    both[:, [14]] = skeletons[:, [11]] + (skeletons[:, [14]] - skeletons[:, [11]])  # right ankle as high as the left
    right_up = skeletons[:, 11, 1] - skeletons[:, 11, 1].min()
    both[:, 14, 1] = skeletons[:, 14, 1] + np.roll(right_up, 20)  # and rising in turn, as in running
    scorer = FormScorer()
    assert scorer.score("kick_left", skeletons, times) >= 1.0
    assert form.measures(form.body(both, times), "kick_left")["planted"] > DEFAULT_MARKS["kick"]["planted"]
    assert scorer.score("kick_left", both, times) < 1.0


def test_a_score_is_the_moves_size_when_its_gates_pass_else_the_weakest_measure():
    marks = {"reach": 0.7, "elbow": 0.6, "lead": 0.5, "held": 1.0}
    assert form.score("punch", [1.4, 0.9, 1.0, 0.5], marks) == pytest.approx(2.0)  # reach 1.4 / 0.7, gates pass
    assert form.score("punch", [0.35, 0.9, 1.0, 0.5], marks) == pytest.approx(0.5)  # reach: 0.35 / 0.7
    assert form.score("punch", [1.4, 0.3, 1.0, 0.5], marks) == pytest.approx(0.5)  # elbow 0.3 / 0.6: a gate shut
    assert form.score("punch", [1.4, 0.9, 1.0, 2.0], marks) == pytest.approx(0.5)  # held: 1.0 / 2.0, less is more
    assert form.score("punch", [np.nan, 0.9, 1.0, 0.5], marks) == 0.0  # too little body seen
    many = np.array([[1.4, 0.9, 1.0, 0.5], [0.35, 0.9, 1.0, 0.5]])
    assert form.score("punch", many, marks) == pytest.approx([2.0, 0.5])


def test_marks_fitted_on_real_moves_pass_nearly_all_of_them_and_counts_are_not_fitted():
    rng = np.random.default_rng(0)
    rises = rng.uniform(0.2, 0.8, 200)
    kicks = np.stack([rises, rng.uniform(0.0, 0.1, 200)], axis=1)
    waves = np.full((50, 1), 12.0)  # long recordings of waving: many swings, which is no reason to ask for more
    fitted = FormScorer().fit(list(kicks) + list(waves), ["kick_left"] * 200 + ["wave"] * 50)
    assert fitted.marks_["kick"]["rise"] == pytest.approx(0.9 * np.quantile(rises, 0.1, method="lower"))
    assert (fitted.scores("kick_left", kicks) >= 1).mean() >= 0.85
    assert fitted.marks_["wave"]["swings"] == DEFAULT_MARKS["wave"]["swings"]
    assert fitted.marks_["clap"] == DEFAULT_MARKS["clap"]  # no clap measured: coaching's mark stays


def test_a_players_marks_follow_their_captures_but_never_below_the_floor():
    scorer = FormScorer()
    child = scorer.for_player({"kick": [{"rise": 0.2, "planted": 0.02}]}, share=0.8, floor=0.5)
    assert child.marks_["kick"]["rise"] == pytest.approx(0.16)
    assert child.marks_["kick"]["planted"] == DEFAULT_MARKS["kick"]["planted"]  # already easier than the player's
    tiny = scorer.for_player({"kick": [{"rise": 0.01, "planted": 0.02}]}, share=0.8, floor=0.5)
    assert tiny.marks_["kick"]["rise"] == pytest.approx(0.5 * DEFAULT_MARKS["kick"]["rise"])
    strong = scorer.for_player({"kick": [{"rise": 0.9, "planted": 0.0}]})
    assert strong.marks_["kick"] == DEFAULT_MARKS["kick"]  # a mark is only ever made easier


@settings(max_examples=40, deadline=None)
@given(yaw=st.floats(-1.2, 1.2), shift=st.tuples(st.floats(-2, 2), st.floats(-0.5, 0.5), st.floats(-1, 2)),
       move=st.sampled_from(ACTIONS))
def test_where_the_player_stands_and_faces_changes_no_measure(yaw, shift, move):
    skeletons, times = window(move)
    turn = np.array([[np.cos(yaw), 0, np.sin(yaw)], [0, 1, 0], [-np.sin(yaw), 0, np.cos(yaw)]])
    here, there = form.measure(move, skeletons, times), form.measure(move, skeletons @ turn.T + shift, times)
    assert there == pytest.approx(here, abs=1e-5)


@pytest.mark.parametrize("data", [None, [], {"format": "other"}, {"format": "move-match-form", "marks": {}},
                                  {"format": "move-match-form", "marks": {"punch": {"reach": "far"}}}])
def test_a_bad_marks_file_is_named(data):
    with pytest.raises(ModelError, match="judge.json: not a form file"):
        FormScorer.from_json(data, "judge.json")


def test_marks_round_trip_through_json():
    scorer = FormScorer().for_player({"flap": [{"out": 0.5, "beats": 1.0}]})
    again = FormScorer.from_json(scorer.to_json(), "here")
    assert set(again.marks_) == set(MEASURES)
    for name, marks in scorer.marks_.items():
        assert again.marks_[name] == pytest.approx(marks)
