"""Menu: the levels with their best scores, Endless and today's workout, the progress screen, the pace, ghost and
seated-mode toggles, family mode's Versus or Co-op, calibration and quit."""

import pygame

from .. import theme, ui
from ..family import COOP, VERSUS
from .base import Scene

LIST_TOP = 140
ROW = 48
MORE = 18  # room for the marks that say more levels are above or below
FOOTER = 70  # the key help under the list
NOTE_ROW = 22
KEYS = ("Up/Down choose   Enter play   P progress   A pace   G race your best   T seated   H how to play",
        "L teach your moves   C calibrate   F fullscreen   Esc quit")


class Menu(Scene):
    name = "menu"

    def levels(self):
        """The level files a player can play now, then the levels the game makes (Endless, today's workout)."""
        return self.app.playable_levels() + self._made

    def __init__(self, app):
        super().__init__(app)
        self.selected = 0
        self.first = 0  # the first row shown, when the list is longer than the screen
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
        elif event.key == pygame.K_v and self.app.family:
            self.app.family_mode = COOP if self.app.family_mode == VERSUS else VERSUS
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
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        ui.text(screen, "MOVE MATCH", theme.TITLE, (width // 2, 52), theme.ACCENT)
        mode = "SEATED (no kicks)" if self.app.seated else "STANDING"
        pace = "follows you" if self.app.adaptive_pace else "the level's"
        ghost = "on" if self.app.race_ghost else "off"
        if self.app.family:
            names = [player.name for player in self.app.players]
            who = (f"Versus: {names[0]} v {names[1]}" if self.app.family_mode == VERSUS
                   else f"Co-op: {names[0]} & {names[1]}") + " (V to change)"
        else:
            who = f"Player: {self.app.player.name}"
        ui.text(screen, f"{who}     Mode: {mode}     Pace: {pace}     Race your best: {ghost}",
                28, (width // 2, 104), theme.DIM, width=width - 2 * theme.MARGIN)
        levels = self.levels()
        notes = list(self.app.messages)[-2:]
        footer_top = height - FOOTER - len(notes) * NOTE_ROW
        self._draw_levels(screen, levels, pygame.Rect(width // 2 - 440, LIST_TOP - 8, 880, footer_top - LIST_TOP))
        for index, note in enumerate(notes):
            ui.text(screen, note, theme.TINY, (width // 2, footer_top + 6 + index * NOTE_ROW), theme.BAD, bold=False,
                    width=width - 2 * theme.MARGIN)
        for index, keys in enumerate(KEYS):
            ui.text(screen, keys, theme.SMALL, (width // 2, height - 46 + index * 26), theme.DIM,
                    width=width - 2 * theme.MARGIN)

    def _draw_levels(self, screen, levels, space):
        """The rows that fit in `space`, scrolled to keep the chosen one in view, with marks where more are."""
        if not levels:
            ui.text(screen, "No levels to play: see the console for level files that failed to load", theme.BODY,
                    (space.centerx, space.top + 28), theme.BAD, width=space.width)
            return
        shown = max(1, (space.height - 14 - 2 * MORE) // ROW)
        self.first = min(max(self.first, self.selected - shown + 1), self.selected, max(0, len(levels) - shown))
        box = pygame.Rect(space.left, space.top + MORE, space.width, ROW * min(shown, len(levels)) + 14)
        ui.panel(screen, box)
        for row, index in enumerate(range(self.first, min(len(levels), self.first + shown))):
            self._draw_row(screen, levels[index], index == self.selected, box, box.top + 8 + row * ROW)
        if self.first > 0:
            ui.text(screen, "more above", theme.TINY, (box.centerx, box.top - MORE // 2), theme.DIM, bold=False)
        if self.first + shown < len(levels):
            ui.text(screen, "more below", theme.TINY, (box.centerx, box.bottom + MORE // 2), theme.DIM, bold=False)

    def _draw_row(self, screen, level, chosen, box, y):
        if chosen:
            pygame.draw.rect(screen, theme.SELECTED, (box.left + 8, y, box.width - 16, ROW - 4), border_radius=8)
        best = self.app.highscores.best(level.name)
        right = box.right - 30
        scores = ui.text(screen, f"best {best}" if best is not None else "not played yet", theme.SMALL, (right, y + 5),
                         theme.GOOD if best is not None else theme.DIM, anchor="topright")
        how = ui.text(screen, _pace_line(level), theme.TINY, (right, y + 28), theme.DIM, anchor="topright", bold=False,
                      width=box.width // 2 - 40)
        left = box.left + 30
        ui.text(screen, level.name, 34, (left, y + 3), theme.ACCENT if chosen else theme.TEXT, anchor="topleft",
                width=scores.left - left - 20)
        ui.text(screen, level.description, theme.TINY, (left, y + 28), theme.DIM, anchor="topleft", bold=False,
                width=how.left - left - 20)

    def back(self):
        self.app.quit()

    def awaiting(self):
        """Only --headless ever waits here, after teach mode, and then it has nothing left to do: Esc quits."""
        return pygame.K_ESCAPE


def _pace_line(level):
    """How the level goes, in a few words, for its menu row."""
    if level.mode == "endless":
        return "until your third miss; the pace follows you"
    if level.rhythm:
        return f"{len(level.sequence)} moves on the beat, {level.bpm:g} BPM"
    return f"{len(level.sequence)} moves, {level.seconds_per_prompt:g} s each"
