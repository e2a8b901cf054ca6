"""Rhythm mode: the beat grid, prompts laid on it, grades by timing against the beat, and the music the beat is.

Times on the grid are start + index x 60 / bpm, each computed from its index (never by adding beat lengths), so
a beat and the prompt on it agree exactly however long the level. The music's beats are each within half a sample
of the grid, and its loop is whole bars to within half a sample: looped, it moves off the grid by at most half a
sample a loop, under 2 parts per million of the tempo at 44.1 kHz (1 ms in 10 minutes), far less than a sound
card's own clock error of tens of parts per million.

Grades compare the judge's HIT verdict with the beat plus the recognizer's measured median latency (the verdict
comes that long after the move's action point even when the move is exactly on the beat). The windows are in
seconds, not fractions of a beat: what they must absorb, the latency's spread from player to player and move to
move, the frame period and a body's timing, does not shrink as the tempo rises, and a beat fraction would make
140 BPM's windows narrower than the recognizer's own scatter. A prompt is open from its announcement to the next
one's: with DEFAULT_BEATS_PER_PROMPT and DEFAULT_LEAD_BEATS, 2 beats after its beat (0.86 s at 140 BPM), room for
the latency and the late GOOD window (0.57 s) and a LATE; at 2 beats a prompt (1 after the beat) that room runs
out above 105 BPM, and the latest GOODs close as MISSes.

A verdict more than GOOD_WITHIN_S before its expected time is EARLY: the move was made too soon, most likely on
the announcement rather than the beat. It is not a hit: the game should say "early", reopen the judge on the same
prompt (previous = the move, so the early move's tail is no answer) and take a move on the beat until the prompt
closes, and then a MISS.
"""

import io
import math
import wave
from dataclasses import dataclass

import numpy as np
import pygame

from recognizer.errors import SettingsError

from .sounds import SAMPLE_RATE

RHYTHM_MIN_BPM = 80  # slower, beats are so far apart (over 0.75 s) that they stop guiding a move's timing
RHYTHM_MAX_BPM = 140  # faster, a 2-beat lead (0.86 s) is too short to see a move and start it
BEATS_PER_BAR = 4
DEFAULT_BEATS_PER_PROMPT = 4  # one move a bar, on its accented first beat
DEFAULT_LEAD_BEATS = 2  # the move is shown 2 beats before the beat it is done on (fewer if a prompt is shorter)

# Grades: how far the verdict is from beat + latency.
PERFECT_WITHIN_S = 0.15
GOOD_WITHIN_S = 0.3
PERFECT, GOOD, LATE, EARLY = "PERFECT", "GOOD", "LATE", "EARLY"

# The music: a kick on every beat (louder on a bar's first), a hi-hat on every off-beat, a bass note on every beat.
LOOP_BARS = 4  # the loop is a whole number of bars, so that looping it keeps the beat
MUSIC_PEAK = 0.35  # of full scale: under the sound effects (game/sounds.py's peak at 0.5)
ACCENT_GAIN, BEAT_GAIN = 1.0, 0.6  # kick on a bar's first beat and on the others
KICK_S, KICK_DECAY_S = 0.25, 0.05
KICK_START_HZ, KICK_END_HZ, KICK_SWEEP_S = 160.0, 50.0, 0.03  # a falling pitch is what makes a sine a kick
HAT_S, HAT_DECAY_S, HAT_GAIN = 0.05, 0.012, 0.3
HAT_SEED = 0  # the same noise every time: the loop is the same for a tempo
BASS_ROOTS_HZ = (110.0, 87.31, 130.81, 98.0)  # A2 F2 C3 G2, one bar each: A minor's i-VI-III-VII
BASS_STEPS = (1.0, 1.0, 1.5, 2.0)  # each bar's four beats: root, root, fifth, octave
BASS_DECAY_S, BASS_GAIN = 0.2, 0.5
# The bass swells in under the kick (as a dance mix ducks it) so every beat's thump is clear; a short release
# keeps the note's end from clicking.
BASS_ATTACK_S, BASS_RELEASE_S = 0.06, 0.004


def check_bpm(bpm):
    """Raise SettingsError unless bpm is a number from RHYTHM_MIN_BPM to RHYTHM_MAX_BPM."""
    if isinstance(bpm, bool) or not isinstance(bpm, (int, float)) or not RHYTHM_MIN_BPM <= bpm <= RHYTHM_MAX_BPM:
        raise SettingsError(f"a rhythm tempo must be from {RHYTHM_MIN_BPM} to {RHYTHM_MAX_BPM} BPM, not {bpm!r}")


class BeatClock:
    """The beat grid: beat `index` is at start_time + index x 60 / bpm (before start_time, a count-in's negative
    indices)."""

    def __init__(self, bpm, start_time):
        check_bpm(bpm)
        self.bpm = bpm
        self.start_time = start_time

    @property
    def seconds_per_beat(self):
        return 60 / self.bpm

    def beat_time(self, index):
        return self.start_time + index * 60 / self.bpm

    def beat_at(self, t):
        """The index of the last beat at or before t."""
        index = math.floor((t - self.start_time) * self.bpm / 60)
        # The division can land a hair either side of a beat: settle it against beat_time itself.
        if self.beat_time(index + 1) <= t:
            return index + 1
        return index - 1 if self.beat_time(index) > t else index

    def phase(self, t):
        """How far through its beat t is, in [0, 1): 0 on the beat, for a marker that pulses on it."""
        phase = (t - self.beat_time(self.beat_at(t))) / self.seconds_per_beat
        return min(phase, math.nextafter(1.0, 0.0))  # a hair before the next beat can round up to 1


@dataclass(frozen=True)
class Cue:
    """One prompt of a rhythm level: `move` shown at announce_time, done on beat number `beat` (at beat_time);
    the prompt stays open until closes_at, the next prompt's announcement."""

    move: str
    beat: int
    announce_time: float
    beat_time: float
    closes_at: float

    def approach(self, t):
        """0 at the announcement rising to 1 on the beat (clamped), for a marker that closes in on the beat."""
        return min(1.0, max(0.0, (t - self.announce_time) / (self.beat_time - self.announce_time)))


def schedule(moves, clock, beats_per_prompt=DEFAULT_BEATS_PER_PROMPT, lead_beats=None):
    """The Cues of `moves` on `clock`'s grid: move k done on beat (k + 1) x beats_per_prompt (the first
    beats_per_prompt beats are a count-in), announced lead_beats before it.

    lead_beats must be at least 1, and leave at least 1 beat between a prompt's beat and the next announcement
    (room for the latency and a LATE); None: DEFAULT_LEAD_BEATS, or beats_per_prompt - 1 when that is fewer."""
    if lead_beats is None:
        lead_beats = min(DEFAULT_LEAD_BEATS, beats_per_prompt - 1)
    if type(beats_per_prompt) is not int or type(lead_beats) is not int or not 1 <= lead_beats < beats_per_prompt:
        raise SettingsError(f"a rhythm prompt needs whole beats with 1 <= lead_beats < beats_per_prompt, not "
                            f"lead_beats {lead_beats!r} and beats_per_prompt {beats_per_prompt!r}")
    cues = []
    for number, move in enumerate(moves, start=1):
        beat = number * beats_per_prompt
        cues.append(Cue(move, beat, clock.beat_time(beat - lead_beats), clock.beat_time(beat),
                        clock.beat_time(beat + beats_per_prompt - lead_beats)))
    return cues


def grade(verdict_time, beat_time, latency_s):
    """PERFECT, GOOD, LATE or EARLY for a HIT verdict at verdict_time on a prompt whose beat is at beat_time,
    latency_s: the recognizer's median delay from a move's action point to its HIT verdict (module docstring)."""
    offset = verdict_time - (beat_time + latency_s)
    if abs(offset) <= PERFECT_WITHIN_S:
        return PERFECT
    if abs(offset) <= GOOD_WITHIN_S:
        return GOOD
    return LATE if offset > 0 else EARLY


def beat_onsets(bpm, bars=LOOP_BARS, sample_rate=SAMPLE_RATE):
    """(beat onsets, loop length) in samples from the loop's start: beat i at round(i x samples per beat), the loop
    round(its beats x samples per beat) long, so that neither drifts from the grid by more than half a sample."""
    check_bpm(bpm)
    if type(bars) is not int or bars < 1:
        raise ValueError(f"a loop is a whole number of bars, at least 1, not {bars!r}")
    samples_per_beat = sample_rate * 60 / bpm
    beats = bars * BEATS_PER_BAR
    return [round(i * samples_per_beat) for i in range(beats)], round(beats * samples_per_beat)


def _decaying(seconds, decay_s, sample_rate):
    # float32: a loop made in a few milliseconds (SIMD), and still far finer than the 16-bit output.
    t = np.arange(round(seconds * sample_rate), dtype=np.float32) / np.float32(sample_rate)
    return t, np.exp(-t / decay_s)


def _kick(sample_rate):
    t, envelope = _decaying(KICK_S, KICK_DECAY_S, sample_rate)
    # The phase is the integral of the falling frequency KICK_END_HZ + (start - end) exp(-t / sweep).
    phase = KICK_END_HZ * t + (KICK_START_HZ - KICK_END_HZ) * KICK_SWEEP_S * (1 - np.exp(-t / KICK_SWEEP_S))
    return np.sin(2 * np.pi * phase) * envelope


def _hat(sample_rate):
    _, envelope = _decaying(HAT_S, HAT_DECAY_S, sample_rate)
    noise = np.random.default_rng(HAT_SEED).standard_normal(len(envelope) + 1)
    return np.diff(noise) / 2 * envelope * HAT_GAIN  # the difference keeps the hiss and drops the rumble


def _bass_notes(seconds, sample_rate):
    """{frequency: the bass note} for every note of the line, each `seconds` long."""
    t, envelope = _decaying(seconds, BASS_DECAY_S, sample_rate)
    shape = envelope * np.minimum(1.0, np.minimum(t / BASS_ATTACK_S, t[::-1] / BASS_RELEASE_S)) * BASS_GAIN
    return {frequency: np.sin(2 * np.pi * frequency * t) * shape
            for frequency in {root * step for root in BASS_ROOTS_HZ for step in BASS_STEPS}}


def synthesise_loop(bpm, bars=LOOP_BARS, sample_rate=SAMPLE_RATE):
    """The music for `bpm`: `bars` bars as int16 mono samples at sample_rate, seamless when looped (a sound that
    runs past the end is carried round to the start), beats at beat_onsets(bpm, bars, sample_rate)."""
    onsets, length = beat_onsets(bpm, bars, sample_rate)
    samples_per_beat = sample_rate * 60 / bpm
    kick, hat = _kick(sample_rate), _hat(sample_rate)
    note_s = math.floor(samples_per_beat) / sample_rate  # a note ends before the next beat's begins
    notes = _bass_notes(note_s, sample_rate)
    tail = max(len(kick), len(hat), *map(len, notes.values()))
    mix = np.zeros(length + tail, np.float32)
    for index, onset in enumerate(onsets):
        bar, beat_in_bar = divmod(index, BEATS_PER_BAR)
        frequency = BASS_ROOTS_HZ[bar % len(BASS_ROOTS_HZ)] * BASS_STEPS[beat_in_bar]
        mix[onset:onset + len(kick)] += kick * (ACCENT_GAIN if beat_in_bar == 0 else BEAT_GAIN)
        mix[onset:onset + len(notes[frequency])] += notes[frequency]
        off_beat = round((index + 0.5) * samples_per_beat)
        mix[off_beat:off_beat + len(hat)] += hat
    mix[:tail] += mix[length:]
    peak = np.abs(mix[:length]).max()
    return np.round(mix[:length] / peak * MUSIC_PEAK * np.iinfo(np.int16).max).astype(np.int16)


def music_sound(bpm, bars=LOOP_BARS):
    """The music for `bpm` as a pygame Sound to play with loops=-1, made at the mixer's own rate (resampling would
    move the beats off the grid); None when the mixer is not up or refuses it, so the level plays on silently."""
    mixer = pygame.mixer.get_init()
    if not mixer:
        return None
    rate = mixer[0]
    wav = io.BytesIO()
    with wave.open(wav, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(synthesise_loop(bpm, bars, rate).astype("<i2").tobytes())
    wav.seek(0)
    try:
        return pygame.mixer.Sound(file=wav)  # as a file, the mixer converts to its own channels and format
    except pygame.error:
        return None
