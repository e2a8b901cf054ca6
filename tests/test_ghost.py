"""Race your best: the ghost replays the best run's moves at that run's times and keeps its score as it went."""

import numpy as np

from game.ghost import Ghost, GhostPrompt
from game.virtual_player import VirtualPlayer, image_points

LATENCY_S = 0.27
RUN = [GhostPrompt("punch_right", 1.0, True, 1.2, 300), GhostPrompt("clap", 4.0, False, None, 0),
       GhostPrompt("kick_left", 7.0, True, 1.5, 600)]


def test_the_ghosts_score_grows_at_its_runs_verdicts():
    ghost = Ghost(RUN, 900, LATENCY_S)
    assert ghost.score_at(0.0) == 0
    assert ghost.score_at(2.19) == 0 and ghost.score_at(2.2) == 300  # the punch's HIT came 1.2 s after 1.0 s
    assert ghost.score_at(8.49) == 300 and ghost.score_at(8.5) == 900
    assert ghost.hits_at(100.0) == 2


def test_the_ghost_makes_each_hit_move_a_latency_before_its_verdict_and_stands_still_otherwise():
    ghost = Ghost(RUN, 900, LATENCY_S)
    still = ghost.points(0.5)
    punch = ghost.points(1.0 + 1.2 - LATENCY_S)  # the punch's action point
    kick = ghost.points(7.0 + 1.5 - LATENCY_S)
    missed_clap = ghost.points(4.8)
    rest = image_points(VirtualPlayer(seed=0).skeleton(0.0, noise_m=0.0))  # the player's rest, as the ghost draws
    moved = [np.abs(points - still).max() for points in (punch, kick, missed_clap)]
    assert moved[0] > 0.05 and moved[1] > 0.05 and moved[2] < 0.01
    assert np.abs(still - rest).max() < 0.01  # between its moves, the ghost stands in the rest pose


def test_a_run_without_hits_is_a_ghost_that_stands():
    ghost = Ghost([GhostPrompt("wave", 1.0, False, None, 0)], 0, LATENCY_S)
    assert ghost.score_at(60.0) == 0
    assert np.abs(ghost.points(1.5) - ghost.points(30.0)).max() < 0.01
