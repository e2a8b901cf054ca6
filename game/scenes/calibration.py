"""Calibration: the player sees themselves and is told where to stand until they hold a good place."""

import math

import pygame

from .. import placement, theme, ui
from .base import Scene

HOLD_S = 3.0


class Calibration(Scene):
    name = "calibration"

    def __init__(self, app, then=None):
        super().__init__(app)
        self.then = then  # the level to play once placed, or None to go back to the menu
        self.held = 0.0
        self.placement = placement.check(None, None)
        self.view = None

    def update(self, dt):
        self.view = self.app.tracker.view()
        if self.app.tracker.trouble:
            self.held = 0.0
            return
        view = self.view
        self.placement = placement.check(view.points, view.visibility, view.brightness, self.app.seated)
        if not self.placement.ok:
            self.held = 0.0
            return
        before = self.held
        self.held += dt
        if math.floor(before) != math.floor(self.held):
            self.app.sounds.play("countdown")
        if self.held >= HOLD_S:
            self.app.calibrated = True
            if self.then is not None:
                self.app.play(self.then)
            else:
                self.back()

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        area = pygame.Rect(40, 110, width - 80, height - 170)
        rect = self.app.camera_view.draw(screen, area, self.view or self.app.tracker.view(), self.app.mirror)
        zone_width = 2 * (placement.CENTRE_TOLERANCE + 0.1) * rect.width
        zone = pygame.Rect(0, 0, int(zone_width), int(rect.height * 0.94))
        zone.center = rect.center
        color = theme.GOOD if self.placement.ok else theme.ACCENT
        pygame.draw.rect(screen, color, zone, 4, border_radius=16)
        title = self.app.tracker.trouble or self.placement.advice
        ui.text(screen, title, 64, (width // 2, 55), color if self.placement.ok else theme.TEXT)
        if self.placement.ok:
            ui.text(screen, str(max(1, math.ceil(HOLD_S - self.held))), 160,
                    ((zone.right + rect.right) // 2, rect.centery), theme.GOOD)
        what = "head to hips" if self.app.seated else "your whole body, head to feet"
        ui.text(screen, f"Stand in the frame so that {what} is inside the box, then hold still for "
                f"{HOLD_S:g} seconds", 28, (width // 2, height - 40), theme.DIM)
