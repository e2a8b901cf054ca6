"""Stopped: recognition ended on an error; the player is told why and goes back with Esc."""

import pygame

from .. import theme, ui
from .base import Scene


class Stopped(Scene):
    name = "stopped"

    def __init__(self, app, message):
        super().__init__(app)
        self.message = message

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.back()

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        ui.text(screen, "Something went wrong", 64, (width // 2, height // 3), theme.BAD)
        ui.text(screen, self.message, 30, (width // 2, height // 2), theme.TEXT, bold=False)
        ui.text(screen, "Esc: back to the menu", 30, (width // 2, int(height * 0.7)), theme.DIM)
