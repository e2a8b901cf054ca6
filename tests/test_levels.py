import random

import pytest

from game.levels import DEFAULT_LEVEL_DIR, KICKS, RANDOM, LevelError, load_level, load_levels
from recognizer.runtime.labels import ACTIONS

GOOD = """\
name = "Good"
seconds_per_prompt = 3.0
sequence = ["wave", "clap"]
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


def test_every_shipped_level_loads():
    levels, errors = load_levels(DEFAULT_LEVEL_DIR)
    assert errors == []
    assert len(levels) == len(list(DEFAULT_LEVEL_DIR.glob("*.toml")))
    assert all(level.description for level in levels)


def test_shipped_standing_levels_get_harder():
    levels, _ = load_levels(DEFAULT_LEVEL_DIR)
    standing = [level for level in levels if not level.seated and not level.rhythm]
    assert len(standing) >= 5
    for easier, harder in zip(standing, standing[1:]):
        assert harder.seconds_per_prompt <= easier.seconds_per_prompt
        assert len(harder.sequence) >= len(easier.sequence)
        assert (harder.seconds_per_prompt, -len(harder.sequence)) < (easier.seconds_per_prompt, -len(easier.sequence))


def test_a_rhythm_level_takes_its_pace_from_its_tempo(tmp_path):
    level = load_level(write(tmp_path, "beat.toml", 'name = "Beat"\nbpm = 120\nbeats_per_prompt = 4\n'
                                                     'sequence = ["clap"]\n'))
    assert level.rhythm and level.mode == "rhythm" and level.bpm == 120.0
    assert level.seconds_per_prompt == 2.0  # four beats at 120 BPM
    assert not load_level(write(tmp_path, "plain.toml", GOOD)).rhythm


def test_shipped_rhythm_levels_get_faster():
    levels, _ = load_levels(DEFAULT_LEVEL_DIR)
    tempos = [level.bpm for level in levels if level.rhythm]
    assert len(tempos) >= 2 and tempos == sorted(tempos)


def test_first_shipped_level_is_short_and_easy():
    levels, _ = load_levels(DEFAULT_LEVEL_DIR)
    first = levels[0]
    assert len(first.sequence) <= 8
    assert not set(first.sequence) & {*KICKS, RANDOM, "flap"}


def test_shipped_seated_levels_have_no_kicks():
    levels, _ = load_levels(DEFAULT_LEVEL_DIR)
    seated = [level for level in levels if level.seated]
    assert len(seated) >= 1
    for level in seated:
        assert not set(level.sequence + level.random_moves) & set(KICKS), level.path


def test_defaults_for_optional_fields(tmp_path):
    level = load_level(write(tmp_path, "good.toml", GOOD))
    assert (level.description, level.seated, level.order, level.random_moves) == ("", False, 100, [])
    assert level.name == "Good" and level.sequence == ["wave", "clap"] and level.path == tmp_path / "good.toml"


def test_seconds_per_prompt_upper_limit_is_allowed(tmp_path):
    level = load_level(write(tmp_path, "slow.toml", GOOD.replace("3.0", "30")))
    assert level.seconds_per_prompt == 30.0 and isinstance(level.seconds_per_prompt, float)


@pytest.mark.parametrize("text, field", [
    ('name = "Broken\nseconds_per_prompt = 3.0\n', None),  # TOML syntax error
    ('seconds_per_prompt = 3.0\nsequence = ["wave"]\n', "name"),
    ('name = "X"\nsequence = ["wave"]\n', "seconds_per_prompt"),
    ('name = "X"\nseconds_per_prompt = 3.0\n', "sequence"),
    ('name = ""\nseconds_per_prompt = 3.0\nsequence = ["wave"]\n', "name"),
    ('name = "X"\nseconds_per_prompt = "fast"\nsequence = ["wave"]\n', "seconds_per_prompt"),
    ('name = "X"\nseconds_per_prompt = true\nsequence = ["wave"]\n', "seconds_per_prompt"),
    ('name = "X"\nseconds_per_prompt = 0.5\nsequence = ["wave"]\n', "seconds_per_prompt"),
    ('name = "X"\nseconds_per_prompt = 30.5\nsequence = ["wave"]\n', "seconds_per_prompt"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = "wave"\n', "sequence"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = []\n', "sequence"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["wave", "jab"]\n', "sequence"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["random"]\n', "random_moves"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["random"]\nrandom_moves = ["wave", "random"]\n',
     "random_moves"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["wave"]\nseated = "yes"\n', "seated"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["wave"]\norder = 1.5\n', "order"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["wave"]\ndescripton = "typo"\n', "descripton"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["wave", "kick_left"]\nseated = true\n', "sequence"),
    ('name = "X"\nseconds_per_prompt = 3.0\nsequence = ["random"]\nrandom_moves = ["wave", "kick_right"]\n'
     'seated = true\n', "random_moves"),
    ('name = "X"\nbpm = 79\nsequence = ["wave"]\n', "bpm"),
    ('name = "X"\nbpm = 141\nsequence = ["wave"]\n', "bpm"),
    ('name = "X"\nbpm = "fast"\nsequence = ["wave"]\n', "bpm"),
    ('name = "X"\nbpm = 100\nseconds_per_prompt = 3.0\nsequence = ["wave"]\n', "seconds_per_prompt"),
    ('name = "X"\nbpm = 100\nbeats_per_prompt = 1\nsequence = ["wave"]\n', "beats_per_prompt"),
    ('name = "X"\nbpm = 100\nbeats_per_prompt = 4.5\nsequence = ["wave"]\n', "beats_per_prompt"),
])
def test_bad_file_is_reported_and_the_others_still_load(tmp_path, text, field):
    bad = write(tmp_path, "bad.toml", text)
    write(tmp_path, "good.toml", GOOD)
    levels, errors = load_levels(tmp_path)
    assert [level.name for level in levels] == ["Good"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{bad}: ")
    if field is None:
        assert "TOML" in errors[0] and "line 1" in errors[0]
    else:
        assert f"field '{field}'" in errors[0]
    with pytest.raises(LevelError) as raised:
        load_level(bad)
    assert str(raised.value) == errors[0]


def test_unknown_move_message_lists_the_moves(tmp_path):
    bad = write(tmp_path, "x.toml", 'name = "X"\nseconds_per_prompt = 3.0\nsequence = ["jab"]\n')
    with pytest.raises(LevelError, match=r"field 'sequence': unknown move 'jab' \(moves: punch_left, .*random\)"):
        load_level(bad)


def test_the_recognizers_own_moves_are_accepted_when_given(tmp_path):
    write(tmp_path, "custom.toml", 'name = "X"\nseconds_per_prompt = 3.0\nsequence = ["squat", "wave"]\n')
    assert load_levels(tmp_path)[0] == []
    levels, errors = load_levels(tmp_path, known_moves=(*ACTIONS, "squat"))
    assert errors == [] and levels[0].sequence == ["squat", "wave"]


def test_levels_sorted_by_order_then_name(tmp_path):
    write(tmp_path, "a.toml", GOOD.replace('"Good"', '"Zeta"') + "order = 5\n")
    write(tmp_path, "b.toml", GOOD.replace('"Good"', '"Beta"') + "order = 7\n")
    write(tmp_path, "c.toml", GOOD.replace('"Good"', '"Alpha"') + "order = 7\n")
    levels, _ = load_levels(tmp_path)
    assert [level.name for level in levels] == ["Zeta", "Alpha", "Beta"]


def test_missing_folder_is_an_error(tmp_path):
    assert load_levels(tmp_path / "nope") == ([], [f"{tmp_path / 'nope'}: no such level folder"])


def test_random_draws_come_from_random_moves_and_repeat_with_the_seed(tmp_path):
    randoms = ", ".join(['"random"'] * 40)
    path = write(tmp_path, "r.toml", 'name = "R"\nseconds_per_prompt = 3.0\n'
                 f'sequence = ["clap", {randoms}, "flap"]\nrandom_moves = ["wave", "punch_left", "kick_right"]\n')
    level = load_level(path)
    prompts = level.prompts(random.Random(7))
    assert len(prompts) == 42 and prompts[0] == "clap" and prompts[-1] == "flap"
    assert set(prompts[1:-1]) == {"wave", "punch_left", "kick_right"}
    assert level.prompts(random.Random(7)) == prompts
    assert level.sequence[1] == "random"  # drawing does not change the level
