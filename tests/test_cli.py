import json

import pytest

from recognizer.cli import main


def test_predict_names_the_left_and_right_kicks(clips_dir, capsys):
    for clip, expected in (("g3d_kick_left.mp4", "kick_left"), ("g3d_kick_right.mp4", "kick_right")):
        assert main(["predict", str(clips_dir / clip), "--json"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["label"] == expected, result
        assert max(result["probabilities"], key=result["probabilities"].get) == expected
        assert sum(result["probabilities"].values()) == pytest.approx(1.0)


def test_predict_missing_video_exits_2_naming_it(tmp_path, capsys):
    assert main(["predict", str(tmp_path / "missing.mp4")]) == 2
    assert "missing.mp4" in capsys.readouterr().err


def test_predict_unreadable_video_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video")
    assert main(["predict", str(bad)]) == 2
    assert "bad.mp4" in capsys.readouterr().err


def test_evaluate_bad_g3d_folder_exits_2(tmp_path, capsys):
    assert main(["evaluate", "--g3d", str(tmp_path), "--json", str(tmp_path / "r.json")]) == 2
    assert str(tmp_path) in capsys.readouterr().err


def test_predict_with_a_missing_model_exits_2(tmp_path, clips_dir, capsys):
    assert main(["predict", str(clips_dir / "g3d_kick_left.mp4"), "--model", str(tmp_path)]) == 2
    assert "manifest.json" in capsys.readouterr().err


def test_draw_pose_writes_the_skeleton(tmp_path, grace_hopper, capsys):
    import cv2
    source = tmp_path / "photo.jpg"
    cv2.imwrite(str(source), grace_hopper)
    out = tmp_path / "pose.png"
    assert main(["draw-pose", str(source), "-o", str(out)]) == 0
    drawn = cv2.imread(str(out))
    assert drawn.shape == grace_hopper.shape and (drawn != grace_hopper).any()
    assert "pose drawn" in capsys.readouterr().out


def test_unknown_command_exits_2():
    with pytest.raises(SystemExit) as error:
        main(["fly"])
    assert error.value.code == 2


def test_draw_pose_missing_image_exits_2(tmp_path, capsys):
    assert main(["draw-pose", str(tmp_path / "none.jpg"), "-o", str(tmp_path / "o.png")]) == 2
    assert "none.jpg" in capsys.readouterr().err


def test_option_defaults_come_from_the_settings_dataclasses():
    from recognizer.cli import build_parser
    from recognizer.runtime.decoder import DecoderSettings
    from recognizer.runtime.model import saved_labels
    from recognizer.training.windows import WindowSampling
    from tests.conftest import MODELS
    args = build_parser().parse_args(["evaluate-stream", "--json", "out.json"])
    assert DecoderSettings(args.on, args.off, args.smoothing_s, args.cooldown_s, args.settle_s) == DecoderSettings()
    assert WindowSampling(args.windows_per_action, args.background_per_second,
                          args.windows_per_distractor) == WindowSampling()
    changed = build_parser().parse_args(["stream", "--camera", "0", "--on", "0.8"])
    assert changed.on == 0.8 and changed.off == DecoderSettings().off
    saved = json.loads((MODELS / "model.json").read_text())
    assert saved["sampling"] == {"windows_per_action": 50, "background_per_second": 4.0, "windows_per_distractor": 8}
    assert saved_labels(MODELS) == saved["labels"]


def test_help_lists_every_command_with_what_it_does(capsys):
    from recognizer.cli import build_parser
    parser = build_parser()
    subcommands = next(action for action in parser._actions if action.dest == "command")
    with pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    shown = capsys.readouterr().out
    assert len(subcommands.choices) >= 18
    helps = {action.dest: action.help for action in subcommands._choices_actions}
    for name in subcommands.choices:
        assert name in shown and helps.get(name) and helps[name].split()[0] in shown, name


def test_a_command_without_its_data_folder_names_the_option_that_gives_it(tmp_path, capsys, monkeypatch):
    """As from an installed package, with no ../shared beside it: the default folder is none."""
    from recognizer.cli import main, options
    monkeypatch.setattr(options, "SHARED", tmp_path / "nowhere")
    assert main(["evaluate-coaching", "--json", str(tmp_path / "c.json")]) == 2
    error = capsys.readouterr().err
    assert "give --g3d, the G3D folder" in error and "no ../shared" in error and "Traceback" not in error
