"""Calibration: what captures of a player's moves and their idle time teach the judge, and calibrated play measured
as ../shared/EVALUATION.md says (the first K truth actions of each move are the captures, the rest is scored)."""

import numpy as np
import pytest

from game.virtual_player import VirtualPlayer
from recognizer.evaluation import calibrated_play, eval_streams, judge_evidence, prompted_play, streaming
from recognizer.runtime import form
from recognizer.runtime.calibration import Calibration, Capture, calibrated
from recognizer.runtime.form import DEFAULT_MARKS, FormScorer
from recognizer.runtime.judge import JudgeSettings

FPS = 30
LABELS = ["background", "kick_left", "kick_right"]


def capture(move, size=None, seed=0, support=0.4):
    """A Capture of the virtual player's move (size: its excursion, 1 the full move; move None: standing still),
    the model giving the move `support` all along."""
    player = VirtualPlayer(seed=seed)
    if move is not None:
        performance = player.perform(move, 0.5)
        performance.size = performance.size if size is None else size
    times = np.arange(0.0, 3.0, 1 / FPS)
    row = np.zeros(len(LABELS))
    if move in LABELS:
        row[LABELS.index(move)] = support
    row[0] = 1 - row.sum()
    return Capture(move, np.stack([player.skeleton(t) for t in times]), times, np.tile(row, (len(times), 1)), LABELS)


def test_a_players_low_kick_lowers_their_marks_and_threshold_and_teaches_the_other_side():
    low = capture("kick_left", size=0.5)
    scorer = FormScorer()
    assert scorer.score("kick_left", low.skeletons, low.times) < 1.0  # held to everyone's marks, a miss
    rule, player = calibrated(JudgeSettings(hit_on=0.9, support=0.2), scorer, [low], [capture(None)])
    assert player.score("kick_left", low.skeletons, low.times) >= 1.0  # held to the player's own, a kick
    assert player.marks_["kick"]["rise"] < DEFAULT_MARKS["kick"]["rise"]
    assert player.marks_["punch"] == DEFAULT_MARKS["punch"]  # nothing learnt of punches
    assert rule.for_move("kick_left").hit_on == pytest.approx(0.8 * 0.4)
    assert rule.for_move("kick_right").hit_on == pytest.approx(0.8 * 0.4)  # one side teaches its mirror image
    assert rule.for_move("punch_left").hit_on == 0.9
    standing = capture(None)
    assert player.score("kick_left", standing.skeletons, standing.times) < 1.0


def test_marks_the_players_idle_time_would_pass_are_not_taken():
    low = capture("kick_left", size=0.5)
    also_idle = capture("kick_left", size=0.5, seed=3)  # "idle" that lifts the foot as the capture does
    also_idle.move = None
    _, player = calibrated(JudgeSettings(), FormScorer(), [low], [also_idle])
    assert player.marks_["kick"] == DEFAULT_MARKS["kick"]


def test_a_probability_threshold_stays_above_the_players_idle_time():
    low = capture("kick_left", support=0.4)
    idle = capture(None)
    idle.probabilities[:, 1] = 0.5  # the model gives this player's standing 0.5 of a kick
    idle.probabilities[:, 0] = 0.5
    rule, _ = calibrated(JudgeSettings(hit_on=0.9), FormScorer(), [low], [idle], Calibration(idle_margin=1.1))
    assert rule.for_move("kick_left").hit_on == pytest.approx(0.55)


def test_no_capture_changes_nothing():
    rule, scorer = calibrated(JudgeSettings(hit_on=0.7), FormScorer(), [], [])
    assert rule.for_move("wave").hit_on == 0.7 and scorer.marks_ == FormScorer().marks_


@pytest.fixture(scope="module")
def one_actor(g3d_dir, shipped_model):
    """G3D actor 4's recordings, scored by the shipped model."""
    streams, _ = eval_streams.load("g3d", g3d_dir)
    labels = list(shipped_model.classes_)
    return [(stream, streaming.stream_probabilities(shipped_model, stream), labels) for stream in streams
            if stream.subject == 4]


def test_the_captures_are_each_moves_first_k_and_their_recordings_are_not_scored(one_actor):
    recordings_with = {label: [stream.key for stream, _, _ in one_actor if label in {t[0] for t in stream.truth}]
                       for label in ("punch_left", "wave")}
    for k in (1, 2):
        captures, idle, used, too_few = calibrated_play.person_captures(one_actor, k)
        moves = [c.move for c in captures]
        assert all(moves.count(move) == k for move in set(moves)) and len(set(moves)) == 7
        assert used == set(recordings_with["punch_left"][:k]) | set(recordings_with["wave"][:k])
        assert not too_few and all(c.move is None for c in idle)  # few idle stretches in G3D's moves' recordings
        first = next(c for c in captures if c.move == "punch_left")  # 1.5 s before the action to 1.0 s after
        stream = next(s for s, _, _ in one_actor if s.key == recordings_with["punch_left"][0])
        start = next(t[1] for t in stream.truth if t[0] == "punch_left")
        assert first.times[0] == pytest.approx(max(stream.times[0], stream.times[start] - 1.5), abs=0.04)
        assert first.times[-1] == pytest.approx(stream.times[start] + 1.0, abs=0.04)
    assert calibrated_play.person_captures(one_actor, 3)[3] == {"punch_left", "punch_right", "kick_left",
                                                                "kick_right", "wave", "clap", "flap"}


def test_calibrated_play_scores_the_recordings_left_and_k0_the_same_ones(one_actor):
    labels = one_actor[0][2]
    evidence = [found for stream, probabilities, _ in one_actor
                for found in judge_evidence.record_stream(stream, probabilities, labels,
                                                          prompted_play.prompts(stream.truth, stream.n_frames))]
    rule = JudgeSettings(form_on=1.25, support=0.05)
    report = calibrated_play.report(one_actor, evidence, rule, FormScorer(), 1)
    _, _, used, _ = calibrated_play.person_captures(one_actor, 1)
    left = [found for found in evidence if found.stream.key not in used]
    assert report["recordings_scored"] == len({found.stream.key for found in left})
    assert report["cold"] == prompted_play.figures(judge_evidence.rows(left, rule, FormScorer()))
    assert report["calibrated"]["n_move_prompts"] == report["cold"]["n_move_prompts"] > 0
    assert report["people"] == 1 and report["cold_apart"]["n_move_prompts"] == 0
    assert form.family("punch_left") == "punch"
