"""Teach mode: the player shows each move a few times; the game refits its classifier head to them.

Each repetition is captured for CAPTURE_S seconds and cut around the move's own peak (profile.peak_time),
shown back to the player, and kept or redone. The countdown before each one is the player standing still:
it is kept as the profile's idle time, the player's own "no move". A new move can be named here and taught
like the others.
"""

import numpy as np
import pygame

from recognizer.runtime import skeleton as canonical

from .. import theme, ui
from ..levels import doable_moves
from .base import Scene

READY_S = 2.0
CAPTURE_S = 2.5
MIN_FRAMES = 10


def _keep_new(frames, view):
    """Append the tracker's view to (timestamp, skeleton) frames when it shows a person in a new frame."""
    if view.skeleton is not None and (not frames or view.timestamp > frames[-1][0]):
        frames.append((view.timestamp, view.skeleton))


class Teach(Scene):
    @property
    def name(self):
        return f"teach_{self.phase}"

    def __init__(self, app, moves=None, repetitions=3):
        super().__init__(app)
        self.moves = list(moves or doable_moves(app.known_moves(), app.seated))
        self.repetitions = repetitions
        self.plan = []
        self.index = 0
        self.phase, self.phase_time = "intro", 0.0
        self.naming = None  # the new move's name being typed, or None
        self.clip = None
        self.captured = []
        self.waiting = []  # (timestamp, skeleton) of the countdown: the player's idle time
        self.message = None
        self.profile = app.player.new_profile()

    def _start(self):
        self.plan = [(move, n) for move in self.moves for n in range(1, self.repetitions + 1)]
        self.index = 0
        self._set("ready")

    def _set(self, phase):
        self.phase, self.phase_time = phase, 0.0
        if phase == "ready":
            self.waiting = []
        if phase == "capture":
            if len(self.waiting) >= MIN_FRAMES:
                self.profile.add_idle(np.stack([s for _, s in self.waiting]), np.array([t for t, _ in self.waiting]))
            self.captured = []
            move = self.plan[self.index][0]
            self.app.sounds.play("prompt")
            self.app.tracker.prompt(move, self.app.now(), CAPTURE_S)

    def handle(self, event):
        if event.type != pygame.KEYDOWN:
            return
        if self.naming is not None:
            self._type(event)
        elif self.phase == "intro" and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self._start()
        elif self.phase == "intro" and event.key == pygame.K_n:
            self.naming = ""
        elif self.phase == "review" and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self._keep()
        elif self.phase == "review" and event.key == pygame.K_r:
            self._set("ready")

    def _type(self, event):
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            name = "_".join(self.naming.lower().split())
            if name and name not in self.moves and name != "background":
                self.moves.append(name)
            self.naming = None
        elif event.key == pygame.K_BACKSPACE:
            self.naming = self.naming[:-1]
        elif event.unicode and (event.unicode.isalnum() or event.unicode in " -") and len(self.naming) < 20:
            self.naming += event.unicode

    def update(self, dt):
        view = self.app.tracker.view()
        self.phase_time += dt
        if self.phase == "ready":
            _keep_new(self.waiting, view)
            if self.phase_time >= READY_S:
                self._set("capture")
        elif self.phase == "capture":
            _keep_new(self.captured, view)
            if self.phase_time >= CAPTURE_S:
                self._review()

    def awaiting(self):
        """Enter to start and to keep each take; Esc once the moves are learned."""
        if self.naming is None and self.phase in ("intro", "review"):
            return pygame.K_RETURN
        return pygame.K_ESCAPE if self.phase == "done" else None

    def _review(self):
        if len(self.captured) < MIN_FRAMES:
            self.message = "No one was seen: stand in view and try again"
            self._set("ready")
            return
        self.message = None
        times = np.array([t for t, _ in self.captured])
        self.clip = (np.stack([s for _, s in self.captured]), times)
        self._set("review")

    def _keep(self):
        move = self.plan[self.index][0]
        skeletons, times = self.clip
        self.profile.add(move, skeletons, times)
        self.index += 1
        if self.index < len(self.plan):
            self._set("ready")
        else:
            self.message = self.app.apply_profile(self.profile)
            self._set("done")

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        area = pygame.Rect(40, 150, width - 80, height - 210)
        if self.phase == "intro":
            return self._draw_intro(screen, width, height)
        if self.phase == "done":
            ui.text(screen, "Your moves are learned", 64, (width // 2, height // 2 - 40), theme.GOOD)
            ui.text(screen, self.message or "", 30, (width // 2, height // 2 + 20), theme.TEXT)
            ui.text(screen, "Esc back to the menu", 26, (width // 2, height - 30), theme.DIM)
            return
        move, repetition = self.plan[self.index]
        title = f"{ui.move_name(move)}   {repetition} of {self.repetitions}"
        ui.text(screen, title, 64, (width // 2, 50), theme.ACCENT)
        if self.phase == "review":
            self._draw_clip(screen, area)
            ui.text(screen, "Was that it?  Enter keep   R redo", 36, (width // 2, 110), theme.TEXT)
            return
        rect = self.app.camera_view.draw(screen, area, self.app.tracker.view(), self.app.mirror)
        if self.phase == "ready":
            ui.text(screen, f"Get ready... {READY_S - self.phase_time:.0f}", 40, (width // 2, 110), theme.TEXT)
        else:
            ui.text(screen, "GO!", 48, (width // 2, 110), theme.GOOD)
            ui.bar(screen, pygame.Rect(rect.left, rect.bottom + 10, rect.width, 12), self.phase_time / CAPTURE_S,
                   theme.GOOD, back=theme.PANEL)
        if self.message:
            ui.text(screen, self.message, 30, (width // 2, height - 20), theme.BAD)

    def _draw_intro(self, screen, width, height):
        ui.text(screen, "Teach the game your moves", 64, (width // 2, 70), theme.ACCENT)
        ui.text(screen, f"Player: {self.app.player.name}.  Show each move {self.repetitions} times when the game says "
                "GO.", 32, (width // 2, 130), theme.TEXT)
        for index, move in enumerate(self.moves):
            ui.text(screen, ui.move_name(move), 36, (width // 2, 190 + index * 42), theme.TEXT)
        if self.naming is not None:
            box = pygame.Rect(width // 2 - 300, height - 170, 600, 60)
            ui.panel(screen, box)
            ui.text(screen, f"New move: {self.naming}_", 36, box.center, theme.ACCENT)
        ui.text(screen, "Enter start   N name a new move   Esc back", 28, (width // 2, height - 40), theme.DIM)

    def _draw_clip(self, screen, area):
        """The captured repetition, looped, in its own body frame (the player's left on screen right,
        mirrored as the camera view is)."""
        skeletons, times = self.clip
        body = canonical.normalise(skeletons)
        frame = int((self.phase_time * 30) % len(body))
        span = np.abs(body[..., :2]).max() + 0.1
        rect = ui.fit((1, 1), area)
        points = np.stack([0.5 + body[frame, :, 0] / (2 * span), 0.5 - body[frame, :, 1] / (2 * span)], axis=1)
        pygame.draw.rect(screen, theme.STAGE, rect)
        ui.draw_skeleton(screen, points, None, rect, self.app.mirror)
