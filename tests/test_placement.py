"""Calibration checks on synthetic skeletons: the virtual player's standing pose, moved and scaled."""

import numpy as np
import pytest

from game import placement
from game.virtual_player import VirtualPlayer, image_points
from recognizer.runtime import live
from recognizer.runtime.skeleton import FRAME_MARGIN, J


@pytest.fixture
def standing():
    points = image_points(VirtualPlayer(seed=0).skeleton(0.0, noise_m=0.0))
    return points, np.ones(len(points))


def scaled(points, factor, about=(0.5, 0.5)):
    return (points - about) * factor + about


def test_a_well_placed_player_is_told_to_hold_still(standing):
    result = placement.check(*standing, brightness=120)
    assert result.ok and result.problem == "ok"


def test_no_person_and_a_dark_room(standing):
    assert placement.check(None, None).problem == "no_person"
    assert placement.check(*standing, brightness=20).advice == "More light, please"


def test_too_close_and_too_far(standing):
    points, visibility = standing
    # Close enough that the body fills 93% of the frame's height, though all of it is still inside.
    middle = (0.5, (points[:, 1].min() + points[:, 1].max()) / 2)
    close = scaled(points, 0.93 / np.ptp(points[:, 1]), about=middle)
    assert close.min() > FRAME_MARGIN and close.max() < 1 - FRAME_MARGIN
    assert placement.check(close, visibility).problem == "too_close"
    assert placement.check(close, visibility).advice == "Step back"
    assert placement.check(scaled(points, 0.6), visibility).problem == "too_far"


def test_off_centre_in_the_players_own_directions(standing):
    points, visibility = standing
    at_camera_left = points - [0.25, 0.0]  # the camera's left is the player's right
    assert placement.check(at_camera_left, visibility).advice == "Move to your left"
    assert placement.check(points + [0.25, 0.0], visibility).advice == "Move to your right"


def test_feet_missing_standing_but_fine_seated(standing):
    points, visibility = standing
    cut = points.copy()
    cut[[J["left_ankle"], J["right_ankle"]], 1] = 1.05  # below the bottom of the frame
    assert placement.check(cut, visibility).problem == "feet"
    hidden = visibility.copy()
    hidden[[J["left_knee"], J["right_knee"], J["left_ankle"], J["right_ankle"]]] = 0.0
    assert placement.check(points, hidden).advice == "Show your feet: step back"
    # Seated, head to hips is what counts; sitting closer, that span is a fair part of the frame.
    seated = scaled(points, 1.4, about=(0.5, points[J["mid_hip"], 1]))
    assert placement.check(seated, hidden, seated=True).ok
    assert placement.check(seated, hidden, seated=False).problem == "feet"


def test_a_hidden_head_comes_first(standing):
    points, visibility = standing
    hidden = visibility.copy()
    hidden[J["head"]] = 0.1
    assert placement.check(points, hidden).problem == "head"


def test_a_player_side_on_is_in_view_with_the_far_arm_hidden_but_not_with_a_foot_out_of_the_frame(standing):
    points, visibility = standing
    side_on = visibility.copy()
    for joint in ("right_shoulder", "right_elbow", "right_wrist", "right_knee"):  # behind the body, in the frame
        side_on[J[joint]] = 0.2
    assert live.in_view(side_on, image_points=points)
    assert placement.check(points, side_on, brightness=120).ok
    assert not live.in_view(side_on)  # BlazePose's visibilities alone: the far arm counts as out of view
    both_hidden = side_on.copy()
    both_hidden[J["left_wrist"]] = 0.2  # no wrist seen at all: not a body to judge
    assert not live.in_view(both_hidden, image_points=points)
    cut = points.copy()
    cut[J["right_ankle"], 1] = 1.02  # below the frame's edge, whatever BlazePose guesses of it
    assert not live.in_view(visibility, image_points=cut)
    assert not placement.check(cut, visibility, brightness=120).ok
