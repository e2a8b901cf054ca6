"""Practice, before the first level: each move once, shown by a figure beside the player, until it is recognised.

The same judge as in play decides (game.judging); the class probabilities are shown as bars, so the player
sees what the recognizer makes of their attempt.
"""

import pygame

from recognizer.runtime.judge import HIT

from .. import ui
from ..figures import TIPS, MoveFigure, draw_panel
from ..judging import TrackerJudge
from ..levels import doable_moves
from .base import Scene

AGAIN_S = 6.0  # without a HIT by then, the prompt is given again (the demo's virtual player tries again)
TRIES = 3  # prompts of one move before practice moves on anyway: practice must not become a wall
PRAISE_S = 1.2  # "Got it!" shown this long before the next move
FIGURE_WIDTH = 300
BARS_WIDTH = 300


class Practice(Scene):
    name = "practice"

    def __init__(self, app, then):
        super().__init__(app)
        self.then = then  # the level to play after practice
        self.moves = doable_moves(app.known_moves(), app.seated)
        self.index = 0
        self.judge = TrackerJudge()
        self.figures = {move: MoveFigure.of(move) for move in self.moves}
        self.clock = self.tried_for = 0.0
        self.tries = 0
        self.praised_for = None  # seconds since the move was recognised, or None while trying
        self.note = ""
        self.view = None
        app.tracker.take_scores()
        self._prompt()

    @property
    def move(self):
        return self.moves[self.index]

    def _prompt(self):
        self.tries += 1
        self.tried_for, self.praised_for = 0.0, None
        self.judge.open(self.move, self.moves[self.index - 1] if self.index else None)
        self.app.tracker.prompt(self.move, self.app.now(), AGAIN_S)

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self._next()  # skip a move the player cannot get recognised

    def update(self, dt):
        self.view = self.app.tracker.view()
        self.clock += dt
        verdict = self.judge.feed(self.app.tracker.take_scores())
        if self.praised_for is not None:
            self.praised_for += dt
            if self.praised_for >= PRAISE_S:
                self._next()
            return
        self.tried_for += dt
        if verdict is not None and verdict.verdict == HIT:
            self.praised_for, self.note = 0.0, ""
            self.app.sounds.play("hit")
        elif verdict is not None:
            self.note = f"That looked like {ui.move_name(verdict.label)}: try again"
            self.judge.open(self.move, verdict.label)
        elif self.tried_for >= AGAIN_S and self.tries >= TRIES:
            self._next()
        elif self.tried_for >= AGAIN_S:
            self.note = "Not yet: watch the figure and try again (Enter skips)"
            self._prompt()

    def _next(self):
        self.index += 1
        if self.index < len(self.moves):
            self.note, self.tries = "", 0
            return self._prompt()
        self.judge.close()
        self.app.practiced = True
        self.app.play(self.then)

    def draw(self, screen):
        screen.fill(ui.BACKGROUND)
        width, height = screen.get_size()
        title = f"PRACTICE  {self.index + 1} of {len(self.moves)}:  {ui.move_name(self.move)}"
        ui.text(screen, title, 56, (width // 2, 40), ui.ACCENT)
        ui.text(screen, TIPS.get(self.move, "Your own move, as you taught it"), 30, (width // 2, 85), ui.TEXT,
                bold=False)
        body = pygame.Rect(20, 115, width - 40, height - 175)
        figure = pygame.Rect(body.left, body.top, FIGURE_WIDTH, body.height)
        bars = pygame.Rect(body.right - BARS_WIDTH, body.top, BARS_WIDTH, body.height)
        camera = pygame.Rect(figure.right + 10, body.top, bars.left - figure.right - 20, body.height)
        draw_panel(screen, figure, "THE MOVE", self.figures[self.move], self.clock, self.app.mirror)
        view = self.view or self.app.tracker.view()
        shown = self.app.camera_view.draw(screen, camera, view, self.app.mirror)
        ui.text(screen, "YOU", 28, (shown.centerx, shown.top + 22), ui.DIM)
        self._draw_bars(screen, bars, view.probabilities or {})
        if self.praised_for is not None:
            ui.text(screen, "Got it!", 96, shown.center, ui.GOOD)
        footer = self.note or "Do the move shown. Enter skips it, Esc goes back to the menu"
        ui.text(screen, footer, 30, (width // 2, height - 30), ui.ACCENT if self.note else ui.DIM)

    def _draw_bars(self, screen, rect, probabilities):
        """Each move's probability now, the one being practised highlighted."""
        ui.panel(screen, rect)
        ui.text(screen, "WHAT THE GAME SEES", 26, (rect.centerx, rect.top + 22), ui.DIM)
        for row, label in enumerate(sorted(probabilities, key=lambda name: name != self.move)):
            y = rect.top + 55 + row * 44
            chosen = label == self.move
            ui.text(screen, ui.move_name(label).split("  (")[0].lower(), 24, (rect.left + 16, y),
                    ui.ACCENT if chosen else ui.TEXT, anchor="topleft", bold=chosen)
            ui.bar(screen, pygame.Rect(rect.left + 16, y + 20, rect.width - 32, 12), probabilities[label],
                   ui.ACCENT if chosen else ui.DIM, back=(50, 58, 84))
