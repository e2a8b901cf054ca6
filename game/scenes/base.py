"""What every scene has: the app it belongs to, a name for screenshots, and Esc going back; what every results
screen has.

Scenes never import each other: they ask the app to move on (App.to_menu, App.teach, App.play ...),
and the app alone knows every scene.
"""


import pygame


class Scene:
    name = "scene"

    def __init__(self, app):
        self.app = app

    def handle(self, event):
        """One pygame event that the app did not handle itself."""

    def update(self, dt):
        """Advance by dt seconds."""

    def draw(self, screen):
        """Draw the whole frame."""

    def back(self):
        """Esc: back to the menu (the menu itself quits)."""
        self.app.to_menu()

    def awaiting(self):
        """The key a player would press to go on from what the scene shows now (None: nothing to press); the
        autopilot presses it when no one can (--headless, game.autopilot)."""
        return None


class LevelResults(Scene):
    """A level's results (one player's or a family's): Enter back to the menu, R the level again."""
    name = "results"

    def __init__(self, app, level):
        super().__init__(app)
        self.level = level
        self.shown_for = 0.0

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.back()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_r:
            self.app.play(self.level)

    def update(self, dt):
        self.shown_for += dt
