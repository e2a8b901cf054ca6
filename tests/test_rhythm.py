"""Rhythm mode: beats and prompts on an exact grid, grades against beat + latency, music whose beats are the grid."""

from fractions import Fraction

import numpy as np
import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.lib.stride_tricks import sliding_window_view

from game import rhythm
from game.sounds import SAMPLE_RATE
from recognizer.errors import SettingsError

# 113: a beat of 0.53097... s, a whole number of neither samples nor milliseconds
TEMPOS = (rhythm.RHYTHM_MIN_BPM, 113, rhythm.RHYTHM_MAX_BPM)
MIXER_RATES = (44100, 48000)  # what pygame's mixer runs at, where the music is made (rhythm.music_sound)
LEVEL_PROMPTS = 200
MS = 1e-3
LATENCY_S = 0.27
EPSILON_S = 1e-6  # either side of a grade's boundary


def exact_beat(start_time, bpm, index):
    """Beat `index` in exact arithmetic, to hold the floats against."""
    return Fraction(start_time) + Fraction(index * 60) / Fraction(bpm)


@pytest.mark.parametrize("start_time", [0.0, 86_400.123])  # the game's clock, maybe a day after boot
@pytest.mark.parametrize("bpm", TEMPOS)
def test_beats_and_prompts_stay_on_the_grid_over_a_long_level(bpm, start_time):
    clock = rhythm.BeatClock(bpm, start_time)
    cues = rhythm.schedule(["clap"] * LEVEL_PROMPTS, clock, beats_per_prompt=4, lead_beats=2)
    for number, cue in enumerate(cues, start=1):
        assert cue.beat == 4 * number
        for seconds, beat in ((cue.beat_time, cue.beat), (cue.announce_time, cue.beat - 2),
                              (cue.closes_at, cue.beat + 2)):
            assert abs(seconds - exact_beat(start_time, bpm, beat)) < MS
        assert clock.beat_at(cue.beat_time) == cue.beat and clock.phase(cue.beat_time) == 0.0
    assert all(earlier.closes_at == later.announce_time for earlier, later in zip(cues, cues[1:]))


@given(st.sampled_from(TEMPOS), st.floats(-1000.0, 1000.0), st.floats(-1000.0, 5000.0))
def test_the_beat_at_a_time_is_the_last_one_at_or_before_it(bpm, start_time, t):
    clock = rhythm.BeatClock(bpm, start_time)
    index = clock.beat_at(t)
    assert clock.beat_time(index) <= t < clock.beat_time(index + 1)
    assert 0.0 <= clock.phase(t) < 1.0


def test_a_cue_closes_in_on_its_beat():
    cue = rhythm.schedule(["wave"], rhythm.BeatClock(120, 10.0), beats_per_prompt=4, lead_beats=2)[0]
    assert (cue.announce_time, cue.beat_time, cue.closes_at) == (11.0, 12.0, 13.0)
    assert [cue.approach(t) for t in (10.0, 11.0, 11.5, 12.0, 12.7)] == [0.0, 0.0, 0.5, 1.0, 1.0]


@pytest.mark.parametrize("beats_per_prompt, lead_beats", [(4, 0), (4, 4), (4, 5), (1, 1), (1, None), (4.0, 2),
                                                         (4, 2.0)])
def test_a_prompt_needs_a_lead_and_a_beat_after_its_own(beats_per_prompt, lead_beats):
    with pytest.raises(SettingsError, match="lead_beats"):
        rhythm.schedule(["clap"], rhythm.BeatClock(100, 0.0), beats_per_prompt, lead_beats)


@pytest.mark.parametrize("beats_per_prompt, lead_beats", [(2, 1), (3, 2), (4, 2), (16, 2)])
def test_the_default_lead_is_two_beats_or_all_but_one_of_a_shorter_prompt(beats_per_prompt, lead_beats):
    cue = rhythm.schedule(["clap"], rhythm.BeatClock(100, 0.0), beats_per_prompt)[0]
    assert cue.beat_time - cue.announce_time == pytest.approx(lead_beats * 60 / 100)


@pytest.mark.parametrize("bpm", [rhythm.RHYTHM_MIN_BPM - 0.5, rhythm.RHYTHM_MAX_BPM + 1, 0, True, "100", None])
def test_a_tempo_outside_the_range_is_refused_naming_it(bpm):
    with pytest.raises(SettingsError, match=repr(bpm).replace(".", r"\.")):
        rhythm.BeatClock(bpm, 0.0)
    with pytest.raises(SettingsError):
        rhythm.synthesise_loop(bpm)


PERFECT_S, GOOD_S = rhythm.PERFECT_WITHIN_S, rhythm.GOOD_WITHIN_S


@pytest.mark.parametrize("offset_s, expected", [
    (0.0, "PERFECT"), (PERFECT_S - EPSILON_S, "PERFECT"), (-PERFECT_S + EPSILON_S, "PERFECT"),
    (PERFECT_S + EPSILON_S, "GOOD"), (-PERFECT_S - EPSILON_S, "GOOD"),
    (GOOD_S - EPSILON_S, "GOOD"), (-GOOD_S + EPSILON_S, "GOOD"),
    (GOOD_S + EPSILON_S, "LATE"), (5.0, "LATE"), (-GOOD_S - EPSILON_S, "EARLY"),
])
def test_grades_by_the_verdicts_distance_from_the_beat_plus_latency(offset_s, expected):
    beat_time = 42.0
    assert rhythm.grade(beat_time + LATENCY_S + offset_s, beat_time, LATENCY_S) == expected


def test_the_latency_moves_the_grades():
    # A verdict 0.1 s before the beat is EARLY for the measured latency, PERFECT for a recognizer with none; one
    # the latency after it, PERFECT and GOOD.
    assert (rhythm.grade(9.9, 10.0, LATENCY_S), rhythm.grade(9.9, 10.0, 0.0)) == ("EARLY", "PERFECT")
    verdict = 10.0 + LATENCY_S
    assert (rhythm.grade(verdict, 10.0, LATENCY_S), rhythm.grade(verdict, 10.0, 0.0)) == ("PERFECT", "GOOD")


def onsets(samples, sample_rate, hop_s=0.0005, memory_s=0.03, rise=2.5):
    """Sample indices where the energy of the attacks (the first difference: a kick's, a bass note's and a hi-hat's
    start stand out) jumps `rise` times above its most in the memory_s before, at hop_s resolution; the samples
    are taken as looped."""
    attacks = np.diff(samples.astype(float), prepend=samples[-1])
    hop = round(hop_s * sample_rate)
    hops = len(attacks) // hop
    energy = (attacks[:hops * hop].reshape(hops, hop) ** 2).mean(axis=1)
    memory = round(memory_s / hop_s)
    before = sliding_window_view(np.r_[energy[-memory:], energy], memory).max(axis=1)[:hops]
    rising = np.flatnonzero(energy > rise * before)
    return rising[np.r_[True, np.diff(rising) > memory]] * hop  # the first hop of each rise


@pytest.mark.parametrize("sample_rate", [SAMPLE_RATE, *MIXER_RATES])
@pytest.mark.parametrize("bpm", TEMPOS)
def test_the_musics_onsets_are_on_the_beats_and_off_beats(bpm, sample_rate):
    samples = rhythm.synthesise_loop(bpm, sample_rate=sample_rate)
    assert samples.dtype == np.int16
    seconds_per_beat = 60 / bpm
    # Kick and bass on the beats, hi-hat on the off-beats.
    half_beats = np.arange(2 * rhythm.LOOP_BARS * rhythm.BEATS_PER_BAR) * seconds_per_beat / 2
    found = onsets(samples, sample_rate) / sample_rate
    assert len(found) == len(half_beats)
    assert np.abs(found - half_beats).max() < MS


@pytest.mark.parametrize("bpm", TEMPOS)
def test_the_first_beat_of_a_bar_is_accented(bpm):
    samples = rhythm.synthesise_loop(bpm).astype(float)
    onsets_, _ = rhythm.beat_onsets(bpm)
    span = round(0.03 * SAMPLE_RATE)  # the kick; the bass swells in under it
    energy = np.array([np.mean(samples[onset:onset + span] ** 2) for onset in onsets_])
    downbeats = np.arange(len(onsets_)) % rhythm.BEATS_PER_BAR == 0
    assert energy[downbeats].min() > 1.5 * energy[~downbeats].max()


@pytest.mark.parametrize("sample_rate", [SAMPLE_RATE, *MIXER_RATES])
@pytest.mark.parametrize("bars", [1, rhythm.LOOP_BARS])
@pytest.mark.parametrize("bpm", TEMPOS)
def test_the_loop_is_whole_bars_and_keeps_the_beat_when_looped(bpm, bars, sample_rate):
    samples = rhythm.synthesise_loop(bpm, bars, sample_rate)
    bars_long = bars * rhythm.BEATS_PER_BAR * Fraction(sample_rate * 60) / Fraction(bpm)
    assert abs(len(samples) - bars_long) <= Fraction(1, 2)
    twice = np.tile(samples, 2)  # the seam must not add or lose an onset
    assert len(onsets(twice, sample_rate)) == 2 * len(onsets(samples, sample_rate))


@pytest.mark.parametrize("sample_rate", MIXER_RATES)
@pytest.mark.parametrize("bpm", TEMPOS)
def test_looped_music_stays_within_a_millisecond_of_the_grid_over_a_long_level(bpm, sample_rate):
    onsets_, length = rhythm.beat_onsets(bpm, sample_rate=sample_rate)
    beats = (LEVEL_PROMPTS + 1) * 4  # a 200-prompt level at 4 beats a prompt, its count-in bar too
    for index in range(beats):
        loop, within = divmod(index, len(onsets_))
        heard = Fraction(loop * length + onsets_[within], sample_rate)
        assert abs(heard - exact_beat(0.0, bpm, index)) < MS


@pytest.fixture
def dummy_mixer(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.quit()
    pygame.mixer.init()
    yield pygame.mixer.get_init()
    pygame.mixer.quit()


def test_the_music_is_a_loop_at_the_mixers_rate(dummy_mixer):
    rate = dummy_mixer[0]
    sound = rhythm.music_sound(100)
    _, length = rhythm.beat_onsets(100, sample_rate=rate)
    assert sound.get_length() == pytest.approx(length / rate, abs=1 / rate)
    sound.play(loops=-1)
    sound.stop()


def test_without_a_mixer_there_is_no_music():
    pygame.mixer.quit()
    assert rhythm.music_sound(100) is None
