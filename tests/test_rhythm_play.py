"""The rhythm scene with a scripted tracker: prompts opened on the beat grid, moves graded against the beat."""

import os

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game import rhythm  # noqa: E402
from game.levels import Level  # noqa: E402
from game.scenes.rhythm import Rhythm  # noqa: E402
from tests.fakes import FRAME_S, Silent  # noqa: E402
from tests.test_play import FakeApp, frames, probabilities  # noqa: E402

LATENCY_S = 0.27


def beat_level(bpm, moves):
    return Level("Beat", "", 4 * 60 / bpm, moves, [], False, 1, None, bpm=bpm, beats_per_prompt=4, mode="rhythm")


def start(bpm=113, moves=("clap",) * 4):
    app = FakeApp()
    app.sounds = Silent()
    return app, Rhythm(app, beat_level(bpm, list(moves)), LATENCY_S)


def until(app, scene, t, row):
    """Scripted frames of `row` until the game's clock reaches t."""
    frames(app, scene, [row] * max(0, int(np.ceil((t - app.now()) / FRAME_S))))


def test_each_prompt_opens_on_its_beat_grid_to_the_millisecond():
    bpm = 113
    app, scene = start(bpm, ["clap"] * 12)
    assert len(app.session.noted["music_made_s"]) == 1  # the music's making is timed for --stats-json (0 unmixed)
    beat_s = 60 / bpm
    opened_at = {}
    while scene.index < len(scene.cues):
        frames(app, scene, [probabilities()])
        if scene.opened and scene.index not in opened_at:
            opened_at[scene.index] = app.now()
    for index, cue in enumerate(scene.cues):
        assert cue.beat == (index + 1) * 4
        assert abs(cue.beat_time - (scene.beats.start_time + cue.beat * beat_s)) < 1e-3
        assert abs(cue.announce_time - (cue.beat_time - 2 * beat_s)) < 1e-3
        assert 0.0 <= opened_at[index] - cue.announce_time <= FRAME_S + 1e-9
    assert [o.grade for o in scene.scorer.outcomes] == ["MISS"] * 12


def test_a_move_on_the_beat_is_perfect_and_one_well_after_it_late():
    app, scene = start()
    cue = scene.cues[0]
    # The judge's HIT comes about a third of a second after the clap shows: show it that long before beat + latency.
    until(app, scene, cue.beat_time + LATENCY_S - 0.33, probabilities())
    until(app, scene, cue.closes_at, probabilities(clap=1.0))
    first = scene.scorer.outcomes[0]
    assert first.hit and first.grade == "PERFECT"
    verdict_time = cue.announce_time + first.reaction_ms / 1000
    assert abs(verdict_time - (cue.beat_time + LATENCY_S)) <= rhythm.PERFECT_WITHIN_S
    cue = scene.cues[1]
    until(app, scene, cue.beat_time + LATENCY_S + 0.1, probabilities())
    until(app, scene, cue.closes_at, probabilities(clap=1.0))
    assert scene.scorer.outcomes[1].grade == "LATE" and scene.scorer.outcomes[1].hit


def test_a_move_before_the_beat_is_early_and_the_same_move_on_the_beat_still_counts():
    app, scene = start()
    cue = scene.cues[0]
    until(app, scene, cue.announce_time + FRAME_S, probabilities())
    until(app, scene, cue.announce_time + 0.5, probabilities(clap=1.0))  # on the announcement, not the beat
    assert scene.early_at is not None and scene.opened and not scene.scorer.outcomes
    until(app, scene, cue.beat_time + LATENCY_S - 0.33, probabilities())
    until(app, scene, cue.closes_at, probabilities(clap=1.0))
    assert scene.scorer.outcomes[0].grade == "PERFECT"


def test_a_pause_starts_the_beat_again_before_the_prompt_that_was_open():
    app, scene = start()
    until(app, scene, scene.cues[0].announce_time + 0.2, probabilities())
    assert scene.opened
    scene.paused = True
    until(app, scene, app.now() + 5.0, probabilities())
    scene.paused = False
    frames(app, scene, [probabilities()])
    resumed = app.now()
    assert not scene.opened and scene.index == 0 and not scene.scorer.outcomes
    assert abs(scene.cues[0].beat_time - (resumed + 4 * 60 / 113)) < 1e-3  # a bar's count-in again
    assert scene.level_time < 1.0 + 4 * 60 / 113  # the paused seconds are not play
