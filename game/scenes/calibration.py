"""Calibration: the player sees themselves and is told where to stand until they hold a good place. In family mode
each player has their half of the camera's view, with the line between them: every player in front of the camera
holds a good place in their own half (a missing one is waited for, and can join later)."""

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
        self.placements = [placement.check(None, None) for _ in app.seat_trackers]
        self.views = [None] * len(app.seat_trackers)
        self.camera_views = [ui.CameraView() for _ in app.seat_trackers] if app.family else [app.camera_view]

    @property
    def placement(self):
        """The first player's placement (the only one's, but in family mode)."""
        return self.placements[0]

    @property
    def placed(self):
        """Everyone in front of the camera stands well (one player must), and someone is there."""
        if not self.app.family:
            return self.placement.ok
        here = [check for check in self.placements if check.problem != "no_person"]
        return bool(here) and all(check.ok for check in here)

    def update(self, dt):
        self.views = [tracker.view() for tracker in self.app.seat_trackers]
        if self.app.tracker.trouble:
            self.held = 0.0
            return
        self.placements = [placement.check(view.points, view.visibility, view.brightness, self.app.seated)
                           for view in self.views]
        if not self.placed:
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
        color = theme.GOOD if self.placed else theme.ACCENT
        if self.app.family:
            title = self.app.tracker.trouble or ("Hold still" if self.placed else "Each player in their half")
            self._draw_halves(screen, area)
        else:
            title = self.app.tracker.trouble or self.placement.advice
            rect, zone = self._draw_camera(screen, 0, area)
            if self.placed:
                ui.text(screen, str(max(1, math.ceil(HOLD_S - self.held))), 160,
                        ((zone.right + rect.right) // 2, rect.centery), theme.GOOD)
        ui.text(screen, title, 64, (width // 2, 55), color if self.placed else theme.TEXT, width=width - 80)
        what = "head to hips" if self.app.seated else "your whole body, head to feet"
        where = "in your half " if self.app.family else ""
        ui.text(screen, f"Stand in the frame {where}so that {what} is inside the box, then hold still for "
                f"{HOLD_S:g} seconds", 28, (width // 2, height - 40), theme.DIM, width=width - 40)

    def _draw_camera(self, screen, index, area):
        """A player's camera view with the box to stand in, coloured by their placement; (the view's rect, the box)."""
        rect = self.camera_views[index].draw(screen, area, self.views[index] or self.app.seat_trackers[index].view(),
                                             self.app.mirror)
        zone_width = 2 * (placement.CENTRE_TOLERANCE + 0.1) * rect.width
        zone = pygame.Rect(0, 0, int(zone_width), int(rect.height * 0.94))
        zone.center = rect.center
        pygame.draw.rect(screen, theme.GOOD if self.placements[index].ok else theme.ACCENT, zone, 4, border_radius=16)
        return rect, zone

    def _draw_halves(self, screen, area):
        """The two halves side by side as the mirrored view shows them (player 1 on the left), the line between
        them, and under each what its player should do, or that the game waits for them."""
        half_width = (area.width - 3 * theme.GAP) // 2
        places = [pygame.Rect(area.left, area.top, half_width, area.height - 50),
                  pygame.Rect(area.right - half_width, area.top, half_width, area.height - 50)]
        order = [0, 1] if self.app.mirror else [1, 0]
        for index, place in zip(order, places):
            rect, _ = self._draw_camera(screen, index, place)
            check = self.placements[index]
            words = (f"waiting for player {index + 1}" if check.problem == "no_person"
                     else f"P{index + 1} {self.app.players[index].name}: {check.advice}")
            ui.text(screen, words, theme.BODY, (rect.centerx, rect.bottom + 24),
                    theme.GOOD if check.ok else theme.TEXT, width=place.width)
        pygame.draw.line(screen, theme.ACCENT, (area.centerx, area.top), (area.centerx, area.bottom - 50), 4)
        if self.placed:
            ui.text(screen, str(max(1, math.ceil(HOLD_S - self.held))), 120, (area.centerx, area.centery),
                    theme.GOOD)
