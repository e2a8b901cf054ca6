"""A window's mirror image: its features are its own reordered and some negated, and a recognizer that mirrors
judges a left move exactly as it judges the mirror image, a right one."""

import copy

import numpy as np
import pytest

from game.virtual_player import VirtualPlayer
from recognizer.runtime import features, skeleton
from recognizer.runtime.labels import ACTIONS, mirrored
from recognizer.runtime.profile import Profile, refit


def windows(move, seed=0):
    player = VirtualPlayer(seed=seed)
    player.perform(move, 1.0)
    times = np.arange(0.0, 3.0, 1 / 30)
    return features.windows(np.stack([player.skeleton(t) for t in times]), times, times[40::5])


@pytest.mark.parametrize("move", ACTIONS)
def test_the_mirror_of_a_windows_features_is_the_features_of_its_mirror_image(move):
    normalised = windows(move)
    assert np.array_equal(features.mirrored(features.frame_features(normalised)),
                          features.frame_features(skeleton.mirror(normalised)))
    twice = features.mirrored(features.mirrored(features.frame_features(normalised)))
    assert np.array_equal(twice, features.frame_features(normalised))


@pytest.fixture
def mirroring_model(shipped_model):
    """The shipped model averaging each window with its mirror image (model.json's mirror_average)."""
    model = copy.copy(shipped_model)
    model.mirror_average = True
    return model


def test_a_mirroring_recognizer_judges_each_side_as_the_other(mirroring_model):
    assert mirroring_model.mirrors
    labels = list(mirroring_model.classes_)
    swapped = [labels.index(mirrored(label)) for label in labels]
    for move in ("punch_left", "kick_right", "wave"):
        X = features.frame_features(windows(move))
        own, mirror = mirroring_model.predict_proba(X), mirroring_model.predict_proba(features.mirrored(X))
        assert np.allclose(own, mirror[:, swapped], atol=1e-6)
    mirroring_model.mirror_average = False
    X = features.frame_features(windows("punch_left"))
    alone = mirroring_model.predict_proba(X)
    assert not np.allclose(alone, mirroring_model.predict_proba(features.mirrored(X))[:, swapped], atol=1e-3)


def test_a_players_own_move_is_its_own_mirror_image_and_a_model_without_a_sides_mirror_does_not_mirror(
        shipped_model, mirroring_model, g3d_data):
    profile = Profile("hopper")
    recording = g3d_data[1][0]
    profile.add("hop_left", recording.skeletons[:60], recording.times[:60])  # "left" in a player's name: not known
    refitted, _ = refit(mirroring_model, profile)
    assert refitted.mirrors and "hop_left" in refitted.classes_
    X = features.frame_features(windows("punch_right"))
    labels = list(refitted.classes_)
    swapped = [labels.index(mirrored(label)) for label in labels]
    assert np.allclose(refitted.predict_proba(X), refitted.predict_proba(features.mirrored(X))[:, swapped], atol=1e-6)
    head = shipped_model.classifier_
    kept = head.classes_ != "punch_left"  # a model of right punches only: their mirror image is no class
    one_sided = type(shipped_model)(shipped_model.encoder_, train_encoder=False, mirror_average=True)
    one_sided.encoder_ = shipped_model.encoder_
    one_sided.classifier_ = type(head)(head.mean_, head.scale_, head.coef_[kept], head.intercept_[kept],
                                       head.classes_[kept], head.C)
    assert "punch_right" in one_sided.classes_ and not one_sided.mirrors
    assert one_sided.predict_proba(X).shape == (len(X), kept.sum())
