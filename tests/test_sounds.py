import wave

import numpy as np
import pygame
import pytest

from game.sounds import SAMPLE_RATE, SOUND_DIR, SOUNDS, SoundBoard, synthesise, write_wav


@pytest.fixture
def audio_driver(monkeypatch):
    """Set SDL_AUDIODRIVER for one test, with the mixer shut before and after so the driver is picked up."""
    def use(driver):
        monkeypatch.setenv("SDL_AUDIODRIVER", driver)
    pygame.mixer.quit()
    yield use
    pygame.mixer.quit()


def _frames(path):
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, SAMPLE_RATE)
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")


@pytest.mark.parametrize("name", list(SOUNDS))
def test_every_sound_is_short_and_audible(name):
    samples = synthesise(name)
    assert samples.dtype == np.int16
    assert 0.05 * SAMPLE_RATE < len(samples) < 1.0 * SAMPLE_RATE
    assert np.abs(samples).max() > 0.25 * np.iinfo(np.int16).max


@pytest.mark.parametrize("name", list(SOUNDS))
def test_shipped_wavs_match_the_synthesiser(name, tmp_path):
    write_wav(name, tmp_path / "fresh.wav")
    shipped, fresh = _frames(SOUND_DIR / f"{name}.wav"), _frames(tmp_path / "fresh.wav")
    assert len(shipped) == len(fresh), f"{SOUND_DIR / name}.wav is stale: run python -m game.sounds"
    # One step of slack: another machine's sin() may round a sample the other way.
    assert np.abs(shipped.astype(int) - fresh).max() <= 1, f"{SOUND_DIR / name}.wav is stale: run python -m game.sounds"


def test_soundboard_loads_and_plays_on_the_dummy_driver(audio_driver):
    audio_driver("dummy")
    board = SoundBoard()
    assert board.enabled and board.message is None
    assert set(board.sounds) == set(SOUNDS)
    for name in SOUNDS:
        channel = board.play(name)
        assert channel is not None and channel.get_sound() is board.sounds[name]
        assert board.sounds[name].get_volume() * channel.get_volume() > 0.5, f"{name} plays muted"
    assert board.play("no such sound") is None


def test_soundboard_without_readable_files_stays_silent(audio_driver, tmp_path):
    audio_driver("dummy")
    (tmp_path / "hit.wav").write_bytes(b"not a wav")
    board = SoundBoard(tmp_path)
    assert not board.enabled
    assert str(tmp_path) in board.message and "hit.wav" in board.message and "countdown.wav" in board.message
    assert board.play("hit") is None


def test_soundboard_without_an_audio_device_stays_silent(audio_driver):
    audio_driver("no-such-driver")
    board = SoundBoard()
    assert not board.enabled
    assert board.message.startswith("no audio device") and "playing without sound" in board.message
    assert board.play("hit") is None
