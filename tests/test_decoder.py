import numpy as np
import pytest

from recognizer.runtime.decoder import DecoderSettings, EventDecoder

LABELS = ["background", "punch_left", "wave"]
FPS = 30
# The mechanics are tested at fixed settings, not at the shipped defaults (which are tuned on G3D).
SETTINGS = {"on": 0.8, "off": 0.4, "smoothing_s": 0.08, "cooldown_s": 0.8, "settle_s": 0.5}


def decoder(**changes):
    return EventDecoder(LABELS, DecoderSettings(**(SETTINGS | changes)))


def stream(decoder, rows, visible=None, fps=FPS):
    events = []
    for frame, row in enumerate(rows):
        event = decoder.update(frame / fps, row, visible=True if visible is None else visible[frame], frame=frame)
        if event:
            events.append(event)
    return events


def bump(n, start, length, label_index, level=0.95):
    rows = np.tile([1.0, 0.0, 0.0], (n, 1))
    rows[start:start + length] = 0.0
    rows[start:start + length, label_index] = level
    rows[start:start + length, 0] = 1 - level
    return rows


def test_one_move_gives_one_event_at_its_start():
    events = stream(decoder(), bump(120, 40, 20, 1))
    assert [e.label for e in events] == ["punch_left"]
    assert 40 <= events[0].frame <= 44 and events[0].confidence >= 0.8


def test_hysteresis_flicker_above_off_does_not_refire():
    rows = bump(200, 40, 100, 1)
    rows[70:73, 1], rows[70:73, 0] = 0.5, 0.5  # dips, but stays above `off`
    assert len(stream(decoder(cooldown_s=0.0), rows)) == 1


def test_cooldown_blocks_a_quick_second_event_and_allows_a_later_one():
    rows = bump(200, 40, 8, 1) + bump(200, 55, 8, 1) + bump(200, 120, 8, 1) - 2 * np.tile([1.0, 0, 0], (200, 1))
    events = stream(decoder(cooldown_s=0.8), rows)
    assert [e.frame // 10 for e in events] == [4, 12]


def test_background_never_fires_and_weak_evidence_does_not_fire():
    assert stream(decoder(), np.tile([1.0, 0, 0], (100, 1))) == []
    assert stream(decoder(), bump(100, 20, 40, 2, level=0.6)) == []


def test_no_events_until_the_body_has_been_in_view_for_settle_s():
    rows = bump(150, 5, 30, 1)
    visible = np.arange(150) >= 3
    assert stream(decoder(settle_s=0.5), rows, visible) == []  # the move ends before 0.5 s in view
    later = bump(150, 60, 30, 1)
    assert len(stream(decoder(settle_s=0.5), later, visible)) == 1


def test_losing_view_mid_move_blocks_it_after_return():
    rows = bump(150, 40, 60, 2)
    visible = np.ones(150, bool)
    visible[38:45] = False
    assert stream(decoder(settle_s=0.0), rows, visible) == []


def test_smoothing_is_frame_rate_independent():
    at_30 = stream(decoder(), bump(90, 30, 15, 1), fps=30)
    at_10 = stream(decoder(), bump(30, 10, 5, 1), fps=10)
    assert len(at_30) == len(at_10) == 1
    assert abs(at_30[0].time_s - at_10[0].time_s) <= 0.1


def test_a_stream_that_opens_with_the_body_in_view_fires_from_the_first_frame():
    assert [e.frame for e in stream(decoder(settle_s=0.5), bump(60, 0, 20, 1))] == [0]


def test_the_shipped_defaults_fire_once_on_a_clear_move_and_not_on_a_doubtful_one():
    assert [e.label for e in stream(EventDecoder(LABELS), bump(120, 40, 20, 1, level=1.0))] == ["punch_left"]
    assert stream(EventDecoder(LABELS), bump(120, 40, 20, 1, level=0.9)) == []


@pytest.mark.parametrize("setting", [{"smoothing_s": 0.0}, {"on": 1.5}, {"off": 0.97}, {"cooldown_s": -1.0},
                                     {"settle_s": -0.1}, {"on": 0.0}])
def test_a_setting_out_of_range_is_named(setting):
    from recognizer.errors import SettingsError
    name = next(iter(setting))
    with pytest.raises(SettingsError, match=f"decoder setting {name} must be"):
        DecoderSettings(**setting)


def test_the_command_line_names_a_decoder_setting_out_of_range(tmp_path, capsys):
    from recognizer.cli import main
    assert main(["tune-decoder", "--from-probabilities", str(tmp_path / "none.npz"), "--json", str(tmp_path / "t.json"),
                 "--smoothing-s", "0"]) == 2
    assert "smoothing_s must be above 0, not 0.0" in capsys.readouterr().err
