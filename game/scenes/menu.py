"""Menu: the levels with their best scores, Endless and today's workout, the progress screen, the pace, ghost and
seated-mode toggles, calibration and quit."""

import pygame

from .. import ui
from .base import Scene


class Menu(Scene):
    name = "menu"

    def levels(self):
        """The level files a player can play now, then the levels the game makes (Endless, today's workout)."""
        return self.app.playable_levels() + self._made

    def __init__(self, app):
        super().__init__(app)
        self.selected = 0
        self._made = app.made_levels()

    def handle(self, event):
        if event.type != pygame.KEYDOWN:
            return
        levels = self.levels()
        if event.key in (pygame.K_UP, pygame.K_w):
            self.selected = (self.selected - 1) % max(1, len(levels))
        elif event.key in (pygame.K_DOWN, pygame.K_s):
            self.selected = (self.selected + 1) % max(1, len(levels))
        elif event.key == pygame.K_t:
            self.app.set_seated(not self.app.seated)
            self._made = self.app.made_levels()
            self.selected = 0
        elif event.key == pygame.K_a:
            self.app.adaptive_pace = not self.app.adaptive_pace
        elif event.key == pygame.K_g:
            self.app.race_ghost = not self.app.race_ghost
        elif event.key == pygame.K_p:
            self.app.progress()
        elif event.key == pygame.K_c:
            self.app.calibrate(then=None)
        elif event.key == pygame.K_l:
            self.app.teach()
        elif event.key == pygame.K_h:
            self.app.how_to_play()
        elif event.key == pygame.K_q:
            self.app.quit()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and levels:
            self.app.play(levels[self.selected])

    def draw(self, screen):
        screen.fill(ui.BACKGROUND)
        width, height = screen.get_size()
        ui.text(screen, "MOVE MATCH", 84, (width // 2, 52), ui.ACCENT)
        mode = "SEATED (no kicks)" if self.app.seated else "STANDING"
        pace = "follows you" if self.app.adaptive_pace else "the level's"
        ghost = "on" if self.app.race_ghost else "off"
        ui.text(screen, f"Player: {self.app.player.name}     Mode: {mode}     Pace: {pace}     Race your best: {ghost}",
                28, (width // 2, 104), ui.DIM)
        levels = self.levels()
        top, row = 140, 48
        box = pygame.Rect(width // 2 - 440, top - 8, 880, row * max(1, len(levels)) + 14)
        ui.panel(screen, box)
        for index, level in enumerate(levels):
            y = top + index * row
            chosen = index == self.selected
            if chosen:
                pygame.draw.rect(screen, (60, 70, 105), (box.left + 8, y, box.width - 16, row - 4), border_radius=8)
            color = ui.ACCENT if chosen else ui.TEXT
            ui.text(screen, level.name, 34, (box.left + 30, y + 3), color, anchor="topleft")
            ui.text(screen, level.description, 22, (box.left + 30, y + 28), ui.DIM, anchor="topleft", bold=False)
            best = self.app.highscores.best(level.name)
            ui.text(screen, f"best {best}" if best is not None else "not played yet", 26,
                    (box.right - 30, y + 5), ui.GOOD if best is not None else ui.DIM, anchor="topright")
            ui.text(screen, _pace_line(level), 22, (box.right - 30, y + 28), ui.DIM, anchor="topright", bold=False)
        if not levels:
            ui.text(screen, "No levels to play: see the console for level files that failed to load", 30,
                    (width // 2, top + 20), ui.BAD)
        notes = list(self.app.messages)
        for index, note in enumerate(notes[-2:]):
            ui.text(screen, note, 22, (width // 2, height - 84 + index * 22), ui.BAD, bold=False)
        ui.text(screen, "Up/Down choose   Enter play   P progress   A pace   G race your best   T seated   "
                        "H how to play", 26, (width // 2, height - 46), ui.DIM)
        ui.text(screen, "L teach your moves   C calibrate   F fullscreen   Esc quit", 26, (width // 2, height - 20),
                ui.DIM)

    def back(self):
        self.app.quit()


def _pace_line(level):
    """How the level goes, in a few words, for its menu row."""
    if level.mode == "endless":
        return "until your third miss; the pace follows you"
    if level.rhythm:
        return f"{len(level.sequence)} moves on the beat, {level.bpm:g} BPM"
    return f"{len(level.sequence)} moves, {level.seconds_per_prompt:g} s each"
