"""Loading: the window is up at once while the pose model and the recognizer load on a thread."""

import math

from .. import theme, ui
from .base import Scene


class Loading(Scene):
    name = "loading"

    def __init__(self, app):
        super().__init__(app)
        self.elapsed = 0.0

    def update(self, dt):
        self.elapsed += dt
        tracker = self.app.tracker
        if tracker.ready:
            self.app.after_loading()
        elif tracker.error is not None:
            self.app.loading_failed(tracker)

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        ui.text(screen, "MOVE MATCH", 110, (width // 2, height // 3), theme.ACCENT)
        ui.text(screen, "Punch, kick, wave and clap along", 40, (width // 2, height // 3 + 80), theme.DIM)
        centre = (width // 2, int(height * 0.62))
        for dot in range(8):
            angle = self.elapsed * 4 + dot * math.pi / 4
            shade = 90 + 20 * dot
            x, y = centre[0] + 36 * math.cos(angle), centre[1] + 36 * math.sin(angle)
            ui.pygame.draw.circle(screen, (shade, shade, min(255, shade + 40)), (int(x), int(y)), 6)
        ui.text(screen, self.app.loading_message(), 34, (width // 2, int(height * 0.75)), theme.TEXT)
        if self.app.notice:
            ui.text(screen, self.app.notice, 28, (width // 2, int(height * 0.85)), theme.BAD)

    def back(self):
        self.app.quit()
