"""Play: prompt each move of a level with a figure showing it, judge the answer, keep the score and combo."""

import random

import pygame

from recognizer.runtime.judge import HIT

from .. import ui
from ..figures import MoveFigure, draw_panel
from ..judging import TrackerJudge
from ..scoring import Scorer
from .base import Scene

READY_S = 3.0
FEEDBACK_S = 1.0  # between prompts: frames then are still seen by the judge (its smoothing), never judged
FIGURE_WIDTH = 250
GRADE_COLORS = {"PERFECT": ui.GOOD, "GOOD": (150, 230, 120), "OK": ui.ACCENT, "MISS": ui.BAD, "WRONG": ui.BAD}


class Play(Scene):
    @property
    def name(self):
        """"play" while getting ready, then "play_prompt" and "play_feedback" (one screenshot each)."""
        return "play" if self.phase == "ready" else f"play_{self.phase}"

    def __init__(self, app, level, seed=None):
        super().__init__(app)
        self.level = level
        self.moves = level.prompts(random.Random(seed))
        self.scorer = Scorer(level.seconds_per_prompt)
        self.index = 0
        self.phase, self.phase_time = "ready", 0.0
        self.paused = False
        self.last = None
        self.view = None
        self.judge = TrackerJudge()
        self.figures = {move: MoveFigure.of(move) for move in set(self.moves)}
        self.clock = 0.0  # for the figures' animation
        app.tracker.take_scores()

    @property
    def move(self):
        return self.moves[self.index]

    @property
    def camera_lost(self):
        return self.app.tracker.state == "camera lost"

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_p, pygame.K_SPACE):
            self.paused = not self.paused

    def update(self, dt):
        self.view = self.app.tracker.view()
        self.clock += dt
        scored = self.app.tracker.take_scores()
        if self.paused or self.camera_lost:
            return  # the clock stops: the level resumes where it was, score kept
        self.phase_time += dt
        verdict = self.judge.feed(scored)
        if self.phase == "ready" and self.phase_time >= READY_S:
            self._prompt()
        elif self.phase == "prompt":
            self._score(verdict)
        elif self.phase == "feedback" and self.phase_time >= FEEDBACK_S:
            self.index += 1
            if self.index < len(self.moves):
                self._prompt()
            else:
                self.app.finish_level(self.level, self.scorer)

    def _prompt(self):
        self.phase, self.phase_time = "prompt", 0.0
        self.app.sounds.play("prompt")
        self.judge.open(self.move, self._previous_move)
        self.app.tracker.prompt(self.move, self.app.now(), self.level.seconds_per_prompt)

    @property
    def _previous_move(self):
        return self.moves[self.index - 1] if self.index > 0 else None

    def _score(self, verdict):
        outcome = None
        if verdict is not None:
            outcome = (self.scorer.hit(self.move, self.phase_time) if verdict.verdict == HIT
                       else self.scorer.wrong(self.move, verdict.label))
        if outcome is None and self.phase_time >= self.level.seconds_per_prompt:
            outcome = self.scorer.timeout(self.move)
        if outcome is not None:
            self.judge.close()
            self.last = outcome
            self.app.sounds.play("hit" if outcome.hit else "miss")
            self.phase, self.phase_time = "feedback", 0.0

    def draw(self, screen):
        screen.fill(ui.BACKGROUND)
        width, height = screen.get_size()
        side = 300
        area = pygame.Rect(20, 150, width - side - 60, height - 170)
        figure_area, camera_area = area.copy(), area.copy()
        figure_area.width = FIGURE_WIDTH
        camera_area.left, camera_area.width = area.left + FIGURE_WIDTH + 10, area.width - FIGURE_WIDTH - 10
        self._draw_figure(screen, figure_area)
        camera = self.app.camera_view.draw(screen, camera_area, self.view or self.app.tracker.view(),
                                           self.app.mirror)
        self._draw_prompt(screen, pygame.Rect(20, 10, width - side - 60, 130))
        self._draw_side(screen, pygame.Rect(width - side - 20, 10, side, height - 20))
        if self.camera_lost or self.paused:
            ui.panel(screen, camera.inflate(-camera.width // 4, -camera.height // 2), alpha=235)
            title = "Camera lost, reconnecting..." if self.camera_lost else "PAUSED"
            ui.text(screen, title, 56, (camera.centerx, camera.centery - 20), ui.ACCENT)
            ui.text(screen, "P or Space to go on, Esc for the menu", 28, (camera.centerx, camera.centery + 30), ui.DIM)

    def _draw_figure(self, screen, rect):
        """The prompted move performed by a figure, beside the player's own skeleton, sides as in the view."""
        title = {"prompt": "DO THIS", "ready": "NEXT"}.get(self.phase, "")
        draw_panel(screen, rect, title, self.figures[self.move], self.clock, self.app.mirror)

    def _draw_prompt(self, screen, rect):
        ui.panel(screen, rect)
        if self.phase == "ready":
            ui.text(screen, f"{self.level.name}: get ready!", 64, (rect.centerx, rect.centery - 10), ui.ACCENT)
            ui.text(screen, f"{READY_S - self.phase_time:.0f}", 36, (rect.centerx, rect.bottom - 22), ui.DIM)
            return
        if self.phase == "feedback" and self.last is not None:
            outcome = self.last
            words = outcome.grade
            if outcome.hit:
                words += f"  {outcome.reaction_ms:.0f} ms  +{outcome.points}"
            elif outcome.grade == "WRONG":
                words += f": that was {ui.move_name(outcome.got)}"
            ui.text(screen, words, 70, rect.center, GRADE_COLORS[outcome.grade])
            return
        ui.text(screen, ui.move_name(self.move), 96, (rect.centerx, rect.centery - 16), ui.TEXT)
        remaining = 1.0 - self.phase_time / self.level.seconds_per_prompt
        color = ui.GOOD if remaining > 0.5 else ui.ACCENT if remaining > 0.25 else ui.BAD
        ui.bar(screen, pygame.Rect(rect.left + 20, rect.bottom - 26, rect.width - 40, 14), remaining, color,
               back=(50, 58, 84))

    def _draw_side(self, screen, rect):
        ui.panel(screen, rect)
        x = rect.centerx
        ui.text(screen, "SCORE", 28, (x, rect.top + 30), ui.DIM)
        ui.text(screen, f"{self.scorer.score}", 80, (x, rect.top + 80), ui.ACCENT)
        combo = f"COMBO {self.scorer.combo}  x{self.scorer.multiplier}"
        ui.text(screen, combo, 40, (x, rect.top + 150), ui.GOOD if self.scorer.combo else ui.DIM)
        done = min(self.index + (self.phase == "feedback"), len(self.moves))
        ui.text(screen, f"Move {min(self.index + 1, len(self.moves))} of {len(self.moves)}", 32,
                (x, rect.top + 210), ui.TEXT)
        ui.bar(screen, pygame.Rect(rect.left + 20, rect.top + 235, rect.width - 40, 12), done / len(self.moves),
               ui.ACCENT, back=(50, 58, 84))
        for row, outcome in enumerate(reversed(self.scorer.outcomes[-8:])):
            words = f"{ui.move_name(outcome.move).split('  (')[0]:<14} {outcome.grade}"
            ui.text(screen, words, 26, (rect.left + 20, rect.top + 275 + row * 30),
                    GRADE_COLORS[outcome.grade], anchor="topleft", bold=False)
        ui.text(screen, "P pause   M mirror   D diagnostics", 22, (x, rect.bottom - 20), ui.DIM, bold=False)
