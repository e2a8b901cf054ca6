"""The game's sound effects: synthesised from a few notes, written as WAVs, and played (or quietly not) in game.

Run `python -m game.sounds` after changing SOUNDS to rewrite assets/sounds/.
"""

import argparse
import importlib.resources
import wave
from pathlib import Path

import numpy as np
import pygame

SAMPLE_RATE = 22050  # Hz; 16-bit mono is plenty for short beeps
AMPLITUDE = 0.5  # of full scale, leaving headroom when several sounds overlap
ATTACK_S = 0.005  # ramps at each note's ends stop the clicks an abrupt start or stop makes
RELEASE_S = 0.03

# Each sound is a sequence of (frequency Hz, duration s) sine notes.
SOUNDS = {
    "prompt": [(660.0, 0.08), (880.0, 0.12)],  # rising pair: a new move to make
    "hit": [(880.0, 0.06), (1175.0, 0.06), (1760.0, 0.12)],  # bright arpeggio: matched
    "miss": [(311.0, 0.12), (233.0, 0.22)],  # falling minor third: missed
    "countdown": [(440.0, 0.1)],  # one short tick per second
}

SOUND_DIR = Path(str(importlib.resources.files("game.assets"))) / "sounds"  # package data (assets/)


def _note(frequency, duration):
    n = round(duration * SAMPLE_RATE)
    tone = np.sin(2 * np.pi * frequency * np.arange(n) / SAMPLE_RATE)
    envelope = np.minimum(1.0, np.minimum(np.arange(n) / (ATTACK_S * SAMPLE_RATE),
                                          np.arange(n)[::-1] / (RELEASE_S * SAMPLE_RATE)))
    return tone * envelope


def synthesise(name):
    """The named sound as int16 samples at SAMPLE_RATE."""
    samples = np.concatenate([_note(frequency, duration) for frequency, duration in SOUNDS[name]])
    return np.round(samples * AMPLITUDE * np.iinfo(np.int16).max).astype(np.int16)


def write_wav(name, path):
    """Write the named sound to path as a 16-bit mono WAV."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(synthesise(name).astype("<i2").tobytes())


class SoundBoard:
    """Plays the game's sounds; without an audio device or the files it stays silent and says why in `message`."""

    def __init__(self, folder=SOUND_DIR):
        self.sounds = {}
        self.message = None
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
        except pygame.error as error:
            self.message = f"no audio device ({error}); playing without sound"
            return
        missing = []
        for name in SOUNDS:
            path = Path(folder) / f"{name}.wav"
            try:
                self.sounds[name] = pygame.mixer.Sound(path)
            except (pygame.error, OSError):
                missing.append(path.name)
        if missing:
            self.message = (f"could not load {', '.join(missing)} from {folder} "
                            "(run python -m game.sounds); playing without them")

    @property
    def enabled(self):
        return bool(self.sounds)

    def play(self, name):
        """Start the named sound: the mixer channel it plays on, or None when it is not loaded or cannot play, so
        that a sound problem never stops the game."""
        sound = self.sounds.get(name)
        if sound is None:
            return None
        try:
            return sound.play()
        except pygame.error:
            return None  # e.g. the mixer was shut down under us: silence is the right fallback


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m game.sounds", description=__doc__,
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--out", type=Path, default=SOUND_DIR, help="folder to write <name>.wav into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in SOUNDS:
        write_wav(name, args.out / f"{name}.wav")
        print(f"wrote {args.out / f'{name}.wav'}")


if __name__ == "__main__":
    main()
