"""Family mode: two players side by side, each judged and scored on their own; Versus and Co-op; a player who leaves
is waited for while the other plays on; the camera frame's halves never share a person."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game import ui  # noqa: E402
from game.family import COOP, VERSUS, Match  # noqa: E402
from game.levels import Level  # noqa: E402
from game.options import build_parser, check  # noqa: E402
from game.scenes.play import COACHING_S, FEEDBACK_S, READY_S, Play  # noqa: E402
from game.scoring import Outcome  # noqa: E402
from game.stats import SessionStats  # noqa: E402
from game.tracking import View  # noqa: E402
from recognizer.runtime.live import Scores  # noqa: E402
from recognizer.runtime.pair import halves, side_by_side  # noqa: E402
from tests.fakes import FRAME_S, FakePlayer, ScriptedTracker, Silent  # noqa: E402
from tests.test_play import LABELS, probabilities, words_on_screen  # noqa: E402

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
STANDING = View(points=np.full((15, 2), 0.5))  # a body in view (the judge reads the scores, not this)


class SeatTracker(ScriptedTracker):
    """A ScriptedTracker whose player is in front of the camera or not."""

    def __init__(self, clock):
        super().__init__()
        self.clock, self.here = clock, True

    def view(self):
        return STANDING if self.here else View()


class FamilyApp:
    """The game as a family-mode scene sees it: two players, a tracker each, one clock."""
    mirror = True

    def __init__(self, mode):
        self.clock = [0.0]
        self.seat_trackers = [SeatTracker(self.clock), SeatTracker(self.clock)]
        self.tracker = self.seat_trackers[0]
        self.players = [FakePlayer(), FakePlayer()]
        self.players[0].name, self.players[1].name = "Ann", "Ben"
        self.family_mode, self.sounds, self.session = mode, Silent(), SessionStats(0.0)
        self.camera_view, self.finished = ui.CameraView(), None

    @property
    def player(self):
        return self.players[0]

    def now(self):
        return self.clock[0]

    def finish_level(self, level, seats, duration_s, match=None):
        self.finished = (seats, match)


def run(app, scene, seconds, ann=None, ben=None):
    """`seconds` of frames: Ann's and Ben's trackers score `ann` / `ben` (probabilities of a move, background
    otherwise) on every frame where they are here."""
    for _ in range(round(seconds / FRAME_S)):
        app.clock[0] += FRAME_S
        for tracker, move in zip(app.seat_trackers, (ann, ben)):
            tracker.time_s = app.clock[0]
            row = probabilities(**({move: 0.97} if move else {}))
            tracker.pending = [Scores(app.clock[0], None, row, True, None, 0.0, 0.0, LABELS, None)] if tracker.here \
                else [Scores(app.clock[0], None, None, False, None, 0.0, 0.0, LABELS, None)]
        scene.update(FRAME_S)


def level(*moves):
    return Level("T", "", 3.0, list(moves), [], False, 1, None)


def started(mode, *moves):
    app = FamilyApp(mode)
    scene = Play(app, level(*moves))
    run(app, scene, READY_S + 2 * FRAME_S)
    assert scene.phase == "prompt" and all(seat.open for seat in scene.seats)
    return app, scene


def test_versus_a_move_by_one_player_scores_for_them_alone_and_wins_the_prompt():
    app, scene = started(VERSUS, "wave", "clap")
    run(app, scene, 1.0, ann="wave")  # Ann waves; Ben stands still
    assert scene.seats[0].last.hit and scene.seats[0].scorer.score > 0
    assert scene.seats[1].open and scene.seats[1].last is None  # Ben's prompt is still his to answer
    run(app, scene, 3.0)
    assert not scene.seats[1].last.hit and scene.seats[1].scorer.score == 0
    assert scene.match.wins == [1, 0] and scene.match.last_winner == 0
    run(app, scene, COACHING_S + FRAME_S)
    assert scene.move == "clap" and scene.phase == "prompt"
    run(app, scene, 1.0, ben="clap")  # now only Ben moves
    assert scene.seats[1].last.hit
    assert [sum(o.hit for o in seat.scorer.outcomes) for seat in scene.seats] == [1, 1]


def test_versus_the_better_grade_wins_then_the_quicker_answer_and_a_tie_wins_nothing():
    match = Match(VERSUS)
    perfect, good = Outcome("wave", True, "PERFECT", 400.0, 100, 1), Outcome("wave", True, "GOOD", 300.0, 50, 1)
    match.prompt_closed([good, perfect])
    assert match.last_winner == 1
    match.prompt_closed([Outcome("wave", True, "GOOD", 250.0, 50, 1), good])
    assert match.last_winner == 0
    match.prompt_closed([good, good])
    assert match.last_winner is None and match.wins == [1, 1]
    assert match.summary(["Ann", "Ben"], [150, 150])["winner"] is None
    assert match.summary(["Ann", "Ben"], [150, 200])["winner"] == "Ben"


def test_co_op_scores_as_a_team_and_the_combo_grows_only_when_both_hit():
    match = Match(COOP)
    hit, miss = Outcome("wave", True, "GOOD", 300.0, 50, 1), Outcome("wave", False, "MISS", None, 0, 0)
    match.prompt_closed([hit, hit])
    assert match.team_combo == 1 and match.team_score > 0
    score = match.team_score
    match.prompt_closed([hit, miss])
    assert match.team_combo == 0 and match.team_score > score  # one hit still scores, the combo breaks
    match.prompt_closed([hit, None])  # Ben away: Ann's hit alone keeps the combo going
    assert match.team_combo == 1 and match.best_team_combo == 1
    with pytest.raises(ValueError, match="family mode"):
        Match("teams")


def test_a_player_who_leaves_is_waited_for_while_the_other_plays_on_and_is_prompted_again_when_back():
    app, scene = started(COOP, "wave", "clap", "wave")
    app.seat_trackers[1].here = False  # Ben walks off
    run(app, scene, 1.5, ann="wave")
    assert not scene.seats[1].present and not scene.seats[1].open and scene.seats[1].last is None
    assert scene.seats[0].last.hit
    assert "waiting for player 2" in words_on_screen(scene)
    run(app, scene, FEEDBACK_S + 2 * FRAME_S)
    assert scene.move == "clap" and scene.seats[0].open and not scene.seats[1].open  # still gone: not prompted
    run(app, scene, 1.0, ann="clap")
    assert sum(o.hit for o in scene.seats[0].scorer.outcomes) == 2
    assert scene.seats[1].scorer.outcomes == []  # no misses piled up on Ben
    app.seat_trackers[1].here = True
    run(app, scene, FEEDBACK_S + 2 * FRAME_S)
    assert scene.move == "wave" and all(seat.open for seat in scene.seats)
    assert "waiting for player 2" not in words_on_screen(scene)


def test_a_frame_is_cut_into_halves_that_keep_every_column_and_each_picture_stays_in_its_half():
    image = np.arange(5 * 7 * 3, dtype=np.uint8).reshape(5, 7, 3)
    left, right = halves(image)
    assert left.shape[1] + right.shape[1] == 7 and np.array_equal(np.hstack([left, right]), image)
    white = np.full((100, 50, 3), 255, np.uint8)
    frame = side_by_side(white, None, (320, 240))
    assert frame.shape == (240, 320, 3) and frame[:, :160].max() == 255 and frame[:, 160:].max() == 0


@pytest.fixture(scope="module")
def pipelines(shipped_model):
    from recognizer.runtime.live import FramePipeline
    made = [FramePipeline(shipped_model), FramePipeline(shipped_model)]
    yield made
    for pipeline in made:
        pipeline.close()


def test_a_person_in_one_half_is_seen_by_that_halfs_pipeline_only(pipelines, grace_hopper):
    from recognizer.runtime.pair import process_pair
    for side in (0, 1):
        pictures = [grace_hopper, None] if side == 0 else [None, grace_hopper]
        frame = side_by_side(*pictures, (1280, 480))
        for number in range(3):
            found = [scores.pose.found for scores in process_pair(pipelines, frame, 10.0 * side + number / 30)]
            assert found == [side == 0, side == 1], (side, number)


def test_both_players_in_one_half_the_other_half_sees_nobody_and_its_player_is_waited_for(pipelines, grace_hopper):
    """BlazePose follows one person: two people in the left half give one skeleton there and none on the right, so
    the right half's player is away (waited for), never given the other's moves."""
    from recognizer.runtime.pair import process_pair
    two_in_one_half = side_by_side(side_by_side(grace_hopper, grace_hopper, (640, 480)), None, (1280, 480))
    for number in range(3):
        left, right = process_pair(pipelines, two_in_one_half, 20.0 + number / 30)
        assert left.pose.found and left.skeleton is not None and not right.pose.found


def test_family_options_name_what_cannot_be_played_by_two(capsys):
    parser = build_parser()
    for argv, words in ((["--players", "2", "--teach"], "--teach"),
                        (["--players", "2", "--player", "Ann", "--player2", "Ann"], "Ann"),
                        (["--players", "3"], "--players")):
        with pytest.raises(SystemExit) as stopped:
            check(parser, parser.parse_args(argv))
        assert stopped.value.code == 2 and words in capsys.readouterr().err


@pytest.mark.slow
def test_the_demo_with_two_virtual_players_plays_a_level_to_both_players_results(tmp_path):
    results = tmp_path / "results.json"
    command = [sys.executable, "-m", "game", "--demo", "--headless", "--virtual-clock", "--players", "2",
               "--player", "Ann", "--player2", "Ben", "--level", "Warm-up", "--data-dir", str(tmp_path / "data"),
               "--results-json", str(results)]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-2000:]
    played = json.loads(results.read_text())
    assert played["family_mode"] == VERSUS and [player["player"] for player in played["players"]] == ["Ann", "Ben"]
    for player in played["players"]:
        assert player["prompts"] == played["players"][0]["prompts"] == len(player["outcomes"]) > 0
        assert player["hits"] > 0 and player["virtual_player"]["performed"] > 0
    # The second virtual player is the slower one, as the demo says (game.family.SECOND_DEMO_PLAYER).
    assert played["players"][1]["mean_reaction_ms"] > played["players"][0]["mean_reaction_ms"]
    assert sum(played["prompts_won"].values()) > 0 and played["winner"] in ("Ann", "Ben", None)


def test_each_clip_is_paired_with_the_next_clip_of_another_person(tmp_path):
    from recognizer.datasets.labelled_clips import LabelledClip
    from recognizer.evaluation.pair_play import partners
    clips = [LabelledClip(tmp_path / f"{index}.avi", frozenset(), person, {"file": f"{index}.avi"})
             for index, person in enumerate(["Ann", "Ann", "Ben"])]
    assert [(left.path.name, right.path.name) for left, right in partners(clips)] == [
        ("0.avi", "2.avi"), ("1.avi", "2.avi"), ("2.avi", "0.avi")]
    assert partners(clips[:2]) == []  # one person: nobody to pair with


def test_cross_talk_is_a_verdict_on_the_partners_move_that_the_clip_alone_does_not_give():
    from recognizer.evaluation.pair_play import figures
    prompts = [{"kind": "move", "whose": "own", "verdict": "HIT", "alone": "HIT"},
               {"kind": "idle", "whose": "partner", "verdict": "HIT", "alone": "MISS"},  # the partner's move, counted
               {"kind": "idle", "whose": "partner", "verdict": "WRONG", "alone": "WRONG"},  # this clip's own doing
               {"kind": "idle", "whose": "own", "verdict": "MISS", "alone": "MISS"}]
    found = figures(prompts)
    assert found["cross_talk_verdicts"] == 1 and found["n_partner_prompts"] == 2 and found["agreement"] == 0.75


@pytest.mark.slow
def test_evaluate_family_on_two_real_clips_side_by_side(clips_dir, tmp_path, capsys):
    from recognizer.cli import main
    labels = tmp_path / "labels.csv"  # two short G3D clips filmed by a camera: a left kick and a right kick
    labels.write_text(f"file,move,person\n{clips_dir / 'g3d_kick_left.mp4'},kick_left,A\n"
                      f"{clips_dir / 'g3d_kick_right.mp4'},kick_right,B\n")
    out = tmp_path / "family.json"
    assert main(["evaluate-family", "--clips", str(labels), "--size", "640x480", "--json", str(out),
                 "--workers", "1", "--cache", str(tmp_path / "poses")]) == 0
    [result] = json.loads(out.read_text())["sizes"]
    assert result["size"] == "640x480" and [pair["sides"] for pair in result["pairs"]] == [
        {"left": "played", "right": "played"}] * 2
    # Each clip prompted with its own move and with the partner's, on each side, in the pair and alone.
    assert result["n_prompts"] == 8 and result["n_partner_prompts"] == 4
    assert {(p["file"].rsplit("/", 1)[-1], p["side"], p["label"], p["whose"]) for p in result["prompts"]} == {
        (clip, side, move, "own" if move in clip else "partner") for clip in ("g3d_kick_left.mp4", "g3d_kick_right.mp4")
        for side in ("left", "right") for move in ("kick_left", "kick_right")}
    assert result["agreement"] == sum(p["verdict"] == p["alone"] for p in result["prompts"]) / 8
    assert "640x480 (crop): 2 pairs, 8 prompts" in capsys.readouterr().out


def test_cropped_into_a_half_a_picture_keeps_its_height_and_its_middle():
    picture = np.zeros((480, 640, 3), np.uint8)
    picture[:, 300:340] = 255  # a person in the middle of a 640x480 frame
    cropped, fitted = (side_by_side(None, picture, (640, 480), compose) for compose in ("crop", "fit"))
    assert (cropped[:, 320:] == 255).all(axis=2).any(axis=0).sum() == 40  # the middle kept at its size
    assert (cropped[:, :320] == 0).all()
    assert 15 <= (fitted[:, 320:] > 200).all(axis=2).any(axis=0).sum() <= 25  # scaled down whole: half as wide
    with pytest.raises(ValueError, match="compose"):
        side_by_side(picture, None, (640, 480), "stretch")
