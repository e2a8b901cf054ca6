"""Practice, before the first level: the game learns the player. A few seconds standing still, then each move once,
shown by a figure beside the player; then what the game learnt.

Each move's prompt is judged by the judge of play (game.judging); whether the judge calls it a HIT or not, the
prompt's frames go to the player's profile as a capture of the move when its form agrees it is the move, the
player's own way (game.player.Player.learn). From the captures and the standing still, the judge is calibrated to
the player (recognizer.runtime.calibration) and judges them so from the first level on. The class probabilities are
shown as bars, so the player sees what the recognizer makes of each attempt.
"""

import numpy as np
import pygame

from recognizer.runtime import form
from recognizer.runtime.judge import HIT

from .. import theme, ui
from ..figures import TIPS, MoveFigure, draw_panel
from ..judging import TrackerJudge
from ..levels import doable_moves
from .base import Scene

STILL_S = 3.0  # standing still, first: the player's own "no move"
AGAIN_S = 6.0  # without a HIT by then, the attempt is taken as it is, and the move prompted again if not learnt
TRIES = 3  # attempts at one move before practice moves on anyway: practice must not become a wall
PRAISE_S = 1.2  # "Got it!" shown this long before the next move
LEARNT_S = 8.0  # the summary moves on to the level by itself after this long (Enter sooner)
# The units of each measure, for telling the player what was learnt.
UNITS = {"reach": "arm lengths forward", "elbow": "elbow straightness", "lead": "arm lengths ahead of the other",
         "held": "s held out", "rise": "leg lengths up", "planted": "leg lengths (other foot)",
         "apart": "shoulder widths apart", "swings": "swings", "out": "arm lengths out", "beats": "beats"}
# The one measure per family that says most to a player.
SHOWN = {"punch": "reach", "kick": "rise", "clap": "apart", "wave": "swings", "flap": "out"}


class Practice(Scene):
    name = "practice"

    def __init__(self, app, then):
        super().__init__(app)
        self.then = then  # the level to play after practice
        self.moves = doable_moves(app.known_moves(), app.seated)
        self.index = 0
        self.judge = TrackerJudge(app.player)
        self.figures = {move: MoveFigure.of(move) for move in self.moves}
        self.clock = self.phase_time = 0.0
        self.phase = "still"
        self.tries = 0
        self.note = ""
        self.view = None
        self.still = []  # (timestamp, skeleton) while standing still
        self.learnt = {}  # move: True (kept) or False (not), as the learner answers
        self.waiting = False  # an attempt is with the learner
        app.tracker.take_scores()

    @property
    def move(self):
        return self.moves[min(self.index, len(self.moves) - 1)]

    def _prompt(self):
        self.tries += 1
        self.phase, self.phase_time = "move", 0.0
        self.judge.open(self.move, self.moves[self.index - 1] if self.index else None)
        self.app.tracker.prompt(self.move, self.app.now(), AGAIN_S)

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.phase == "learnt":
                self._finish()
            elif self.phase != "still":
                self._next()  # skip a move the player cannot get recognised

    def update(self, dt):
        self.view = self.app.tracker.view()
        self.clock += dt
        self.phase_time += dt
        scored = self.app.tracker.take_scores()
        if self.phase == "still":
            self.still += [(s.timestamp, s.skeleton) for s in scored if s.visible and s.skeleton is not None]
            if self.phase_time >= STILL_S:
                if self.still:
                    self.app.player.learn_idle(np.stack([s for _, s in self.still]), [t for t, _ in self.still])
                self._prompt()
            return
        if self.phase == "learnt":
            if self.app.player.learning:
                self.phase_time = 0.0  # the summary's time starts once the last capture is learnt
            elif self.phase_time >= LEARNT_S:
                self._finish()
            return
        verdict = self.judge.feed(scored)
        if self.phase == "praise":
            if self.phase_time >= PRAISE_S:
                self._next()
            return
        if self.waiting:
            if self.move in self.learnt:
                self.waiting = False
                self._answered(self.learnt[self.move])
            return
        if verdict is not None and verdict.verdict == HIT:
            self.app.sounds.play("hit")
            self._attempted(hit=True)
        elif verdict is not None:
            self.note = f"That looked like {ui.move_name(verdict.label)}: try again"
            self.judge.open(self.move, verdict.label)
        elif self.phase_time >= AGAIN_S:
            self.judge.close()
            self._attempted(hit=False)

    def _attempted(self, hit):
        """The attempt goes to the learner; the scene waits for its answer (a frame or two)."""
        self.hit = hit
        self.waiting = True
        self.learnt.pop(self.move, None)
        move = self.move
        self.app.player.learn(move, *self.judge.capture(), kept=lambda kept: self.learnt.__setitem__(move, kept))

    def _answered(self, kept):
        if kept or self.hit:
            self.phase, self.phase_time, self.note = "praise", 0.0, ""
        elif self.tries >= TRIES:
            self._next()
        else:
            self.note = "Not yet: watch the figure and try again (Enter skips)"
            self._prompt()

    def _next(self):
        self.index += 1
        self.tries = 0
        if self.index < len(self.moves):
            self.note = ""
            return self._prompt()
        self.judge.close()
        self.phase, self.phase_time = "learnt", 0.0

    def _finish(self):
        self.app.player.save()
        self.app.practiced = True
        self.app.play(self.then)

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        if self.phase == "learnt":
            return self._draw_learnt(screen)
        width, height = screen.get_size()
        if self.phase == "still":
            title, tip = "PRACTICE: stand still", f"The game learns how you stand ({STILL_S - self.phase_time:.0f} s)"
        else:
            title = f"PRACTICE  {self.index + 1} of {len(self.moves)}:  {ui.move_name(self.move)}"
            tip = TIPS.get(self.move, "Your own move, as you taught it")
        ui.text(screen, title, 56, (width // 2, 40), theme.ACCENT)
        ui.text(screen, tip, 30, (width // 2, 85), theme.TEXT, bold=False)
        body = pygame.Rect(20, 115, width - 40, height - 175)
        figure = pygame.Rect(body.left, body.top, theme.BARS_WIDTH, body.height)
        bars = pygame.Rect(body.right - theme.BARS_WIDTH, body.top, theme.BARS_WIDTH, body.height)
        camera = pygame.Rect(figure.right + 10, body.top, bars.left - figure.right - 20, body.height)
        if self.phase != "still":
            draw_panel(screen, figure, "THE MOVE", self.figures[self.move], self.clock, self.app.mirror)
        view = self.view or self.app.tracker.view()
        shown = self.app.camera_view.draw(screen, camera, view, self.app.mirror)
        ui.text(screen, "YOU", 28, (shown.centerx, shown.top + 22), theme.DIM)
        self._draw_bars(screen, bars, view.probabilities or {})
        if self.phase == "praise":
            ui.text(screen, "Got it!", 96, shown.center, theme.GOOD)
            ui.text(screen, self._learnt_line(self.move), 30, (shown.centerx, shown.centery + 60), theme.GOOD)
        still = "Stand as you will between moves, arms down. Esc goes back to the menu"
        footer = self.note or (still if self.phase == "still" else
                               "Do the move shown. Enter skips it, Esc goes back to the menu")
        ui.text(screen, footer, 30, (width // 2, height - 30), theme.ACCENT if self.note else theme.DIM)

    def _learnt_line(self, move):
        """What the judge now holds this move to, for this player, in one line."""
        name = form.family(move)
        if name is None or not self.learnt.get(move):
            return "learnt" if self.learnt.get(move) else ""
        marks, _ = self.app.player.learnt(move)
        measure, yours, everyone = next(mark for mark in marks if mark[0] == SHOWN[name])
        return f"your mark: {yours:.2f} {UNITS[measure]} (everyone: {everyone:.2f})"

    def _draw_learnt(self, screen):
        """What practice taught the judge: each move's mark and probability threshold, the player's against
        everyone's."""
        width, height = screen.get_size()
        ui.text(screen, "WHAT THE GAME LEARNT OF YOU", 56, (width // 2, 45), theme.ACCENT)
        if self.app.player.learning:
            ui.text(screen, "Learning your moves...", 40, (width // 2, height // 2), theme.TEXT)
            return
        taught = self.app.player.taught_moves()
        rect = pygame.Rect(60, 90, width - 120, height - 170)
        ui.panel(screen, rect)
        columns = (rect.left + 30, rect.left + 330, rect.left + 800)
        for column, heading in zip(columns, ("MOVE", "YOUR MARK (EVERYONE'S)", "SURE ENOUGH AT")):
            ui.text(screen, heading, 26, (column, rect.top + 20), theme.DIM, anchor="topleft")
        for row, move in enumerate(self.moves):
            y = rect.top + 60 + row * 44
            learnt = move in taught
            name = form.family(move)
            ui.text(screen, ui.move_name(move).split("  (")[0], 30, (columns[0], y),
                    theme.TEXT if learnt else theme.DIM, anchor="topleft")
            if not learnt or name is None:
                ui.text(screen, "not learnt: the game judges it as it does everyone's", 26, (columns[1], y), theme.DIM,
                        anchor="topleft", bold=False)
                continue
            marks, (yours, everyone) = self.app.player.learnt(move)
            measure, mark, base = next(found for found in marks if found[0] == SHOWN[name])
            ui.text(screen, f"{mark:.2f} ({base:.2f}) {UNITS[measure]}", 26, (columns[1], y),
                    theme.GOOD if mark != base else theme.TEXT, anchor="topleft", bold=False)
            ui.text(screen, f"{yours:.2f} ({everyone:.2f})", 26, (columns[2], y),
                    theme.GOOD if yours != everyone else theme.TEXT, anchor="topleft", bold=False)
        ui.text(screen, f"Enter: play (in {LEARNT_S - self.phase_time:.0f} s).  The game keeps learning from every "
                "move it calls a HIT.", 30,
                (width // 2, height - 40), theme.DIM)

    def _draw_bars(self, screen, rect, probabilities):
        """Each move's probability now, the one being practised highlighted."""
        ui.panel(screen, rect)
        ui.text(screen, "WHAT THE GAME SEES", 26, (rect.centerx, rect.top + 22), theme.DIM)
        for row, label in enumerate(sorted(probabilities, key=lambda name: name != self.move)):
            y = rect.top + 55 + row * 44
            chosen = label == self.move and self.phase != "still"
            ui.text(screen, ui.move_name(label).split("  (")[0].lower(), 24, (rect.left + 16, y),
                    theme.ACCENT if chosen else theme.TEXT, anchor="topleft", bold=chosen)
            ui.bar(screen, pygame.Rect(rect.left + 16, y + 20, rect.width - 32, 12), probabilities[label],
                   theme.ACCENT if chosen else theme.DIM, back=theme.BAR_BACK)
