"""The player as the game knows them: captures kept when the body shows the move, the judge calibrated on them on a
thread of its own, and the profile that keeps them (teach mode's repetitions apart from practice's captures)."""

import numpy as np

from game.player import Player
from game.virtual_player import VirtualPlayer
from recognizer.runtime.form import DEFAULT_MARKS
from recognizer.runtime.profile import PRACTICE, TEACH, Profile
from tests.conftest import MODELS

FPS = 30


def attempt(move=None, size=None, seed=0, seconds=4.0):
    """(skeletons, times) of a practice prompt: the virtual player does `move` 1 s in (None: stands still)."""
    player = VirtualPlayer(seed=seed)
    if move is not None:
        performance = player.perform(move, 1.0)
        performance.size = performance.size if size is None else size
    times = np.arange(0.0, seconds, 1 / FPS)
    return np.stack([player.skeleton(t) for t in times]), times


def loaded(tmp_path, shipped_model, name="Kid"):
    said = []
    player = Player(name, tmp_path, MODELS, said.append)
    player.on_loaded(shipped_model)
    return player, said


def test_a_capture_is_kept_when_the_body_shows_the_move_the_players_way(tmp_path, shipped_model):
    player, said = loaded(tmp_path, shipped_model)
    answers = []
    player.learn("kick_left", *attempt("kick_left", size=0.7), kept=answers.append)  # a low kick: still a kick
    player.learn("kick_left", *attempt(None), kept=answers.append)  # standing still: no kick
    player.learn("kick_left", *attempt("wave"), kept=answers.append)  # a wave: another move
    player.wait()
    assert answers == [True, False, False] and not said
    [kept] = player.profile.captures
    assert kept.label == "kick_left" and kept.source == PRACTICE
    assert kept.times[-1] - kept.times[0] <= 2.5 + 1 / FPS  # cut around its peak, 1.5 s before to 1.0 s after
    assert player.calibrated and player.unsaved


def test_the_judge_follows_what_the_player_taught_it(tmp_path, shipped_model):
    player, _ = loaded(tmp_path, shipped_model)
    before = player.rule, player.scorer
    assert before[1].marks_["kick"]["rise"] == player.base_scorer.marks_["kick"]["rise"]
    player.learn_idle(*attempt(None))
    player.learn("kick_left", *attempt("kick_left", size=0.6))
    player.wait()
    assert player.scorer.marks_["kick"]["rise"] < player.base_scorer.marks_["kick"]["rise"]
    assert player.scorer.marks_["punch"] == player.base_scorer.marks_["punch"]
    marks, _ = player.learnt("kick_right")  # one side teaches the other
    assert dict((m, ours) for m, ours, _ in marks)["rise"] == player.scorer.marks_["kick"]["rise"]
    assert player.taught_moves() == {"kick_left", "kick_right"}
    assert DEFAULT_MARKS["kick"]["rise"] > 0


def test_what_practice_learnt_is_saved_used_at_the_next_launch_and_kept_through_teach_mode(tmp_path, shipped_model):
    player, _ = loaded(tmp_path, shipped_model)
    player.learn_idle(*attempt(None))
    player.learn("wave", *attempt("wave"))
    player.close()
    again, said = loaded(tmp_path, shipped_model)
    assert not said and [r.label for r in again.profile.captures] == ["wave"]
    assert [i.source for i in again.profile.idle] == [PRACTICE] and again.calibrated
    taught = again.new_profile()
    taught.add("jump", *attempt("kick_left"))  # teach mode's own move
    assert [(r.label, r.source) for r in taught.repetitions] == [("wave", PRACTICE), ("jump", TEACH)]


def test_a_players_captures_of_a_move_keep_the_newest(tmp_path):
    profile = Profile("Ann")
    for seed in range(8):
        profile.add("clap", *attempt("clap", seed=seed), source=PRACTICE)
    profile.add("clap", *attempt("clap"), source=TEACH)
    assert len(profile.captures) == 5 and len(profile.taught) == 1
    profile.save(tmp_path)
    again = Profile.load(tmp_path, "Ann")
    assert [r.source for r in again.repetitions] == [r.source for r in profile.repetitions]
