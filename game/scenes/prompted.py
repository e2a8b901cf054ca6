"""What the scenes that prompt moves share (Play, Rhythm): the judge fed every frame, the score, coaching after a
miss, learning the player's moves from each HIT, the ghost of the player's best run, pausing, and the screen's layout
(figure, camera, prompt, side panel)."""

import pygame

from recognizer.runtime.judge import HIT

from .. import theme, ui
from ..figures import MoveFigure, draw_panel
from ..judging import TrackerJudge
from ..scoring import Scorer
from .base import Scene

GRADE_COLORS = {"PERFECT": theme.GOOD, "GOOD": theme.FAIR, "OK": theme.ACCENT, "LATE": theme.ACCENT, "MISS": theme.BAD,
                "WRONG": theme.BAD}
RECENT_ROWS = 8


class PromptedScene(Scene):
    """A level's prompts judged from the tracker's scored frames. Subclasses decide when each prompt opens and
    closes (update) and draw the prompt's banner (draw_prompt)."""

    def __init__(self, app, level, moves, ghost=None):
        super().__init__(app)
        self.level = level
        self.moves = moves
        self.scorer = Scorer(level.seconds_per_prompt)
        self.index = 0
        self.paused = False
        self.view = None
        self.judge = TrackerJudge(app.player)
        self.ghost = ghost
        # Made before the first prompt: making one costs a few frames' time, a stutter if made when it is needed.
        self.figures = {move: MoveFigure.of(move) for move in {*moves, *level.random_moves}}
        self.clock = 0.0  # for the figures' animation
        self.level_time = 0.0  # seconds of play from the level's start, pauses left out: prompts and the ghost
        app.tracker.take_scores()

    @property
    def move(self):
        return self.moves[self.index]

    @property
    def previous_move(self):
        return self.moves[self.index - 1] if self.index > 0 else None

    @property
    def stopped(self):
        """Paused, or the camera cannot be used (lost, frozen): the level waits, its clock stopped."""
        return self.paused or bool(self.app.tracker.trouble)

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_p, pygame.K_SPACE):
            self.paused = not self.paused

    def feed(self, dt):
        """Take the frames scored since the last render frame; the verdict they bring to the open prompt, or None
        (always None while stopped, when the clock stands still: the level resumes where it was, score kept)."""
        self.view = self.app.tracker.view()
        self.clock += dt
        scored = self.app.tracker.take_scores()
        if self.stopped:
            return None
        self.level_time += dt
        return self.judge.feed(scored)

    def open_prompt(self, time_allowed_s, on_beat=None):
        self.app.sounds.play("prompt")
        self.judge.open(self.move, self.previous_move)
        self.app.tracker.prompt(self.move, self.app.now(), time_allowed_s, on_beat)

    def close_prompt(self, verdict, reaction_s, time_allowed_s, prompted_at_s, grade=None):
        """Score the open prompt from its verdict (None: its time ran out); coaching for anything but a HIT."""
        context = {"time_allowed_s": time_allowed_s, "prompted_at_s": prompted_at_s}
        if verdict is not None and verdict.verdict == HIT:
            outcome = self.scorer.hit(self.move, reaction_s, grade=grade, **context)
            self.app.player.learn(self.move, *self.judge.capture())  # the judge keeps learning the player
        else:
            coaching = self.judge.advice(self.move).line
            outcome = (self.scorer.timeout(self.move, coaching, **context) if verdict is None
                       else self.scorer.wrong(self.move, verdict.label, coaching, **context))
        self.judge.close()
        self.app.sounds.play("hit" if outcome.hit else "miss")
        return outcome

    def finish(self):
        self.app.finish_level(self.level, self.scorer, self.level_time)

    # Drawing
    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        margin, gap = theme.MARGIN, theme.GAP
        area = pygame.Rect(margin, 150, width - theme.SIDE_WIDTH - 3 * margin, height - 150 - margin)
        figure_area, camera_area = area.copy(), area.copy()
        figure_area.width = theme.FIGURE_WIDTH
        camera_area.left = area.left + theme.FIGURE_WIDTH + gap
        camera_area.width = area.width - theme.FIGURE_WIDTH - gap
        if self.ghost is not None:
            figure_area.height = area.height // 2 - 5
            self.draw_ghost(screen, figure_area.move(0, figure_area.height + 10))
        self.draw_figure(screen, figure_area)
        camera = self.app.camera_view.draw(screen, camera_area, self.view or self.app.tracker.view(),
                                           self.app.mirror)
        self.draw_prompt(screen, pygame.Rect(margin, gap, width - theme.SIDE_WIDTH - 3 * margin, 130))
        self.draw_side(screen, pygame.Rect(width - theme.SIDE_WIDTH - margin, gap, theme.SIDE_WIDTH, height - 2 * gap))
        if self.stopped:
            ui.panel(screen, camera.inflate(-camera.width // 4, -camera.height // 2), alpha=235, over=None)
            title = self.app.tracker.trouble or "PAUSED"
            ui.text(screen, title, 56, (camera.centerx, camera.centery - 20), theme.ACCENT)
            ui.text(screen, "P or Space to go on, Esc for the menu", 28, (camera.centerx, camera.centery + 30),
                    theme.DIM)

    def figure_title(self):
        return "DO THIS"

    def draw_figure(self, screen, rect):
        """The prompted move performed by a figure, beside the player's own skeleton, sides as in the view."""
        move = self.moves[min(self.index, len(self.moves) - 1)]
        draw_panel(screen, rect, self.figure_title(), self.figures[move], self.clock, self.app.mirror)

    def draw_ghost(self, screen, rect):
        ui.panel(screen, rect)
        ui.text(screen, "YOUR BEST", 28, (rect.centerx, rect.top + 22), theme.DIM)
        self.ghost.draw(screen, rect.inflate(-16, -90).move(0, 5), self.level_time, self.app.mirror)
        ahead = self.scorer.score - self.ghost.score_at(self.level_time)
        ui.text(screen, f"{self.ghost.score_at(self.level_time)}  ({'+' if ahead >= 0 else ''}{ahead})", 30,
                (rect.centerx, rect.bottom - 24), theme.GOOD if ahead >= 0 else theme.BAD)

    def draw_prompt(self, screen, rect):
        """The banner over the camera view: the move to make, or how the last one went."""

    def side_lines(self):
        """Lines under the combo in the side panel: (words, color)."""
        return [(f"Move {min(self.index + 1, len(self.moves))} of {len(self.moves)}", theme.TEXT)]

    def draw_side(self, screen, rect):
        ui.panel(screen, rect)
        x = rect.centerx
        ui.text(screen, "SCORE", 28, (x, rect.top + 30), theme.DIM)
        ui.text(screen, f"{self.scorer.score}", 80, (x, rect.top + 80), theme.ACCENT)
        combo = f"COMBO {self.scorer.combo}  x{self.scorer.multiplier}"
        ui.text(screen, combo, 40, (x, rect.top + 150), theme.GOOD if self.scorer.combo else theme.DIM)
        lines = self.side_lines()
        for row, (words, color) in enumerate(lines):
            ui.text(screen, words, 30, (x, rect.top + 200 + row * 32), color)
        top = rect.top + 215 + len(lines) * 32
        for row, outcome in enumerate(reversed(self.scorer.outcomes[-RECENT_ROWS:])):
            words = f"{ui.move_name(outcome.move).split('  (')[0]:<14} {outcome.grade}"
            ui.text(screen, words, 26, (rect.left + 20, top + row * 30), GRADE_COLORS[outcome.grade],
                    anchor="topleft", bold=False)
        ui.text(screen, "P pause   M mirror   D diagnostics", 22, (x, rect.bottom - 20), theme.DIM, bold=False)
