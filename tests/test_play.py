"""The play scene's judging of prompts from the recognizer's scored frames, with a scripted tracker."""

import os

import numpy as np

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from game import theme, ui  # noqa: E402
from game.highscores import HighScores  # noqa: E402
from game.judging import TrackerJudge  # noqa: E402
from game.levels import Level  # noqa: E402
from game.scenes.play import COACHING_S, FEEDBACK_S, READY_S, Play  # noqa: E402
from game.scenes.results import Results  # noqa: E402
from game.scoring import Scorer  # noqa: E402
from game.stats import SessionStats  # noqa: E402
from game.virtual_player import VirtualPlayer  # noqa: E402
from recognizer.evaluation import prompted_play  # noqa: E402
from recognizer.runtime.judge import JudgeSettings, PromptJudge  # noqa: E402
from recognizer.runtime.live import Scores  # noqa: E402
from tests.fakes import FRAME_S, FakePlayer, ScriptedTracker, Silent, feed  # noqa: E402

LABELS = ["background", "clap", "punch_left", "wave"]


class FakeApp:
    """The game as a scene sees it; its clock is the tracker's, so scripted frames move both."""
    mirror = True

    def __init__(self):
        self.tracker, self.sounds, self.finished = ScriptedTracker(), Silent(), None
        self.seat_trackers, self.players = [self.tracker], [FakePlayer()]
        self.family_mode = None
        self.session = SessionStats(0.0)
        self.camera_view = ui.CameraView()
        self.highscores = HighScores(os.devnull)  # an empty table, never saved

    def now(self):
        return self.tracker.time_s

    @property
    def player(self):
        return self.players[0]

    def finish_level(self, level, seats, duration_s, match=None):
        self.finished = seats[0].scorer


def probabilities(**moves):
    row = np.zeros(len(LABELS))
    for label, p in moves.items():
        row[LABELS.index(label)] = p
    row[0] = 1.0 - row.sum()
    return row


def frames(app, scene, rows):
    feed(app.tracker, scene, rows, LABELS)


def play(sequence):
    app = FakeApp()
    scene = Play(app, Level("T", "", 4.0, sequence, [], False, 1, None))
    frames(app, scene, [probabilities()] * int(READY_S * 30 + 2))
    assert scene.phase == "prompt"
    return app, scene


def next_prompt(app, scene):
    frames(app, scene, [probabilities()] * int((FEEDBACK_S if scene.last.hit else COACHING_S) * 30 + 2))
    assert scene.phase == "prompt"


def test_the_prompted_move_held_confidently_is_a_hit():
    app, scene = play(["wave", "clap"])
    frames(app, scene, [probabilities(wave=1.0)] * 30)
    assert scene.phase == "feedback" and scene.last.hit and scene.last.move == "wave"


def test_another_move_is_no_wrong_answer_with_the_shipped_settings_and_the_prompt_times_out():
    app, scene = play(["clap", "wave"])
    frames(app, scene, [probabilities(punch_left=1.0)] * 60 + [probabilities()] * 70)
    assert scene.last.grade == "MISS" and scene.index == 0


def test_the_previous_moves_tail_is_no_answer_to_the_same_move_prompted_again():
    app, scene = play(["wave", "wave"])
    frames(app, scene, [probabilities(wave=1.0)] * 30)
    assert scene.last.hit
    frames(app, scene, [probabilities(wave=1.0)] * int(FEEDBACK_S * 30 + 10))  # the wave goes on into the prompt
    assert scene.phase == "prompt" and scene.index == 1
    frames(app, scene, [probabilities()] * 10 + [probabilities(wave=1.0)] * 30)
    assert scene.last.hit and scene.index == 1


def test_the_play_scene_judges_with_the_judge_that_prompted_play_measures():
    app, scene = play(["punch_left"])
    rows = [probabilities(punch_left=p) for p in np.linspace(0.0, 1.0, 20)] + [probabilities(punch_left=1.0)] * 30
    frames(app, scene, rows)
    assert scene.last.hit
    assert type(scene.judge.judge) is PromptJudge and scene.judge.judge.settings == JudgeSettings()
    evaluated, _ = prompted_play.make_judge("prompt", LABELS)
    assert type(evaluated) is PromptJudge and evaluated.settings == scene.judge.judge.settings
    # The same frames through the evaluation's judge: the verdict on the same frame.
    evaluated.open("punch_left")
    verdict_frames = [f for f, row in enumerate(rows) if evaluated.update(f * FRAME_S, row) is not None]
    hit_after_s = scene.last.reaction_ms / 1000
    # The scene's clock starts at the update that opens the prompt, a frame or two from the judge's.
    assert verdict_frames and abs(verdict_frames[0] * FRAME_S - hit_after_s) <= 2.5 * FRAME_S


def test_an_adaptive_pace_shortens_the_time_after_quick_hits_and_shows_it():
    app = FakeApp()
    scene = Play(app, Level("T", "", 4.0, ["wave"] * 6, [], False, 1, None), adaptive=True)
    frames(app, scene, [probabilities()] * int(READY_S * 30 + 2))
    allowed = [scene.time_allowed_s]
    for _ in range(3):
        frames(app, scene, [probabilities()] * 10 + [probabilities(wave=1.0)] * 20)  # a HIT in under a second
        assert scene.last.hit
        next_prompt(app, scene)
        allowed.append(scene.time_allowed_s)
    assert allowed == sorted(allowed, reverse=True) and allowed[-1] < 0.8 * allowed[0]
    assert [o.time_allowed_s for o in scene.scorer.outcomes] == allowed[:3]
    assert any("PACE" in words and "faster" in words for words, _ in scene.side_lines())


def test_endless_prompts_until_the_third_miss():
    from game.pace import endless_level
    app = FakeApp()
    scene = Play(app, endless_level(["wave", "clap"], seated=False), seed=1)
    assert scene.endless and scene.pace is not None
    frames(app, scene, [probabilities()] * int(READY_S * 30 + 2))
    for _ in range(4):  # four hits: the moves keep coming
        move = scene.move
        frames(app, scene, [probabilities(**{move: 1.0})] * 20)
        assert scene.last.hit
        next_prompt(app, scene)
    misses = 0
    while app.finished is None:
        frames(app, scene, [probabilities()] * 30)
        misses = sum(not outcome.hit for outcome in scene.scorer.outcomes)
        assert misses <= 3
    assert misses == 3 and len(scene.scorer.outcomes) == 7


def performed(move, start_s, seconds, size=1.0, seed=0):
    """The virtual player's skeletons, a frame at a time from start_s for `seconds`, doing `move` 1 s in."""
    player = VirtualPlayer(seed=seed)
    player.perform(move, start_s + 1.0).size = size
    return [player.skeleton(start_s + (index + 1) * FRAME_S) for index in range(int(seconds * 30))]


def test_a_miss_is_coached_from_the_players_own_skeleton_in_the_prompt():
    app, scene = play(["kick_left", "punch_right"])
    rows = [probabilities()] * 130  # the recognizer found no kick: the prompt times out
    frames_with = performed("kick_left", app.now(), 130 * FRAME_S, size=0.3)
    feed(app.tracker, scene, rows, LABELS, frames_with)
    assert scene.last.grade == "MISS" and scene.last.coaching.startswith("kick higher")
    next_prompt(app, scene)
    rows = [probabilities()] * 20 + [probabilities(punch_left=0.8)] * 30 + [probabilities()] * 80
    feed(app.tracker, scene, rows, LABELS, performed("punch_left", app.now(), 130 * FRAME_S))
    assert scene.last.coaching == "that was a left punch: use your right"
    first, second = (o.coaching for o in scene.scorer.outcomes)  # each outcome keeps its own prompt's line
    assert first.startswith("kick higher") and second == "that was a left punch: use your right"
    assert second in words_on_screen(scene)  # and the player reads it
    results = Results(app, scene.level, scene.scorer.summary(), None, scene.scorer.outcomes)
    shown = words_on_screen(results)
    assert first in shown and second in shown


def words_on_screen(scene):
    """Every word a scene draws in one frame."""
    pygame.font.init()
    ui.drawn = []
    try:
        scene.draw(pygame.Surface(theme.WINDOW_SIZE))
        return [words for _, words in ui.drawn]
    finally:
        ui.drawn = None


def test_the_move_the_recognizer_was_sure_of_instead_is_kept_for_coaching():
    judge = TrackerJudge()
    judge.open("clap")
    rows = [probabilities(wave=0.7)] * 20 + [probabilities(punch_left=0.4)] * 20
    judge.feed([Scores(i * FRAME_S, None, row, True, None, 0.0, 0.0, LABELS) for i, row in enumerate(rows)])
    assert judge.seen_instead("clap") == "wave"
    judge.open("clap")
    judge.feed([Scores(i * FRAME_S, None, probabilities(wave=0.3), True, None, 0.0, 0.0, LABELS) for i in range(20)])
    assert judge.seen_instead("clap") is None  # never sure enough to tell the player


def test_the_results_list_each_missed_move_with_its_coaching_once_with_a_tally():
    from game.scenes.results import coaching_tally
    scorer = Scorer(3.0)
    scorer.timeout("kick_right", "that was a left kick: use your right")
    scorer.hit("kick_left", 0.5)
    scorer.timeout("kick_right", "that was a left kick: use your right")
    scorer.timeout("clap", "bring your hands together in front of you")
    assert coaching_tally(scorer.outcomes) == {("kick_right", "that was a left kick: use your right"): 2,
                                               ("clap", "bring your hands together in front of you"): 1}
