"""Menu: the levels with their best scores, the seated-mode toggle, calibration and quit."""

import pygame

from .. import ui
from .base import Scene


class Menu(Scene):
    name = "menu"

    def __init__(self, app):
        super().__init__(app)
        self.selected = 0

    def levels(self):
        return [level for level in self.app.levels if level.seated or not self.app.seated]

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
            self.selected = 0
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
        ui.text(screen, "MOVE MATCH", 84, (width // 2, 60), ui.ACCENT)
        mode = "SEATED (no kicks)" if self.app.seated else "STANDING"
        ui.text(screen, f"Player: {self.app.player}     Mode: {mode}", 32, (width // 2, 115), ui.DIM)
        levels = self.levels()
        top, row = 160, 58
        box = pygame.Rect(width // 2 - 420, top - 10, 840, row * max(1, len(levels)) + 20)
        ui.panel(screen, box)
        for index, level in enumerate(levels):
            y = top + index * row
            chosen = index == self.selected
            if chosen:
                pygame.draw.rect(screen, (60, 70, 105), (box.left + 8, y, box.width - 16, row - 6), border_radius=8)
            color = ui.ACCENT if chosen else ui.TEXT
            ui.text(screen, level.name, 40, (box.left + 30, y + 4), color, anchor="topleft")
            ui.text(screen, level.description, 24, (box.left + 30, y + 34), ui.DIM, anchor="topleft", bold=False)
            best = self.app.highscores.best(level.name)
            ui.text(screen, f"best {best}" if best is not None else "not played yet", 30,
                    (box.right - 30, y + 8), ui.GOOD if best is not None else ui.DIM, anchor="topright")
            ui.text(screen, f"{len(level.sequence)} moves, {level.seconds_per_prompt:g} s each", 24,
                    (box.right - 30, y + 34), ui.DIM, anchor="topright", bold=False)
        if not levels:
            ui.text(screen, "No levels to play: see the console for level files that failed to load", 30,
                    (width // 2, top + 20), ui.BAD)
        notes = list(self.app.messages)
        for index, note in enumerate(notes[-3:]):
            ui.text(screen, note, 24, (width // 2, height - 100 + index * 24), ui.BAD, bold=False)
        ui.text(screen, "Up/Down choose   Enter play   H how to play   L teach your moves   T seated   "
                        "C calibrate   F fullscreen   Esc quit",
                26, (width // 2, height - 28), ui.DIM)

    def back(self):
        self.app.quit()
