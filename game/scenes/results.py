"""Results: the level's score, accuracy, reaction time, best combo, stars, the misses with their coaching and the
high-score table."""

import math

import pygame

from .. import theme, ui
from .base import LevelResults

MISS_ROW = 44  # pixels per listed miss: its move and grade, its coaching line under them


def coaching_tally(outcomes):
    """{(move, coaching line): how many misses got it}, in the order they first came: the same advice for the same
    move is listed once."""
    tally = {}
    for outcome in outcomes:
        if not outcome.hit:
            key = (outcome.move, outcome.coaching or "")
            tally[key] = tally.get(key, 0) + 1
    return tally


def star(surface, centre, radius, filled):
    points = [(centre[0] + (radius if i % 2 == 0 else radius * 0.45) * math.sin(i * math.pi / 5),
               centre[1] - (radius if i % 2 == 0 else radius * 0.45) * math.cos(i * math.pi / 5)) for i in range(10)]
    pygame.draw.polygon(surface, theme.ACCENT if filled else (70, 78, 100), points)


class Results(LevelResults):
    def __init__(self, app, level, summary, rank, outcomes=()):
        super().__init__(app, level)
        self.summary = summary
        self.outcomes = list(outcomes)  # each prompt's scoring.Outcome: the misses are listed with their coaching
        self.rank = rank  # place in the high-score table, or None

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        s = self.summary
        ui.text(screen, f"{self.level.name}: results", 64, (width // 2, 55), theme.ACCENT)
        for index in range(3):
            star(screen, (width // 2 + (index - 1) * 90, 140), 36, index < s["stars"])
        left = pygame.Rect(60, 200, width // 2 - 90, height - 280)
        ui.panel(screen, left)
        reaction = f"{s['mean_reaction_ms']:.0f} ms" if s["mean_reaction_ms"] is not None else "-"
        rows = [("Score", f"{s['score']}"), ("Accuracy", f"{s['accuracy'] * 100:.0f} %  ({s['hits']}/{s['prompts']})"),
                ("Mean reaction", reaction), ("Best combo", f"{s['best_combo']}")]
        for index, (name, value) in enumerate(rows):
            y = left.top + 22 + index * 44
            ui.text(screen, name, 32, (left.left + 30, y), theme.DIM, anchor="topleft")
            ui.text(screen, value, 40, (left.right - 30, y - 4), theme.TEXT, anchor="topright")
        self._draw_coaching(screen, pygame.Rect(left.left, left.top + 196, left.width, left.height - 196))
        right = pygame.Rect(width // 2 + 30, 200, width // 2 - 90, height - 280)
        ui.panel(screen, right)
        ui.text(screen, "HIGH SCORES", 34, (right.centerx, right.top + 26), theme.DIM)
        for index, entry in enumerate(self.app.highscores.table(self.level.name)[:8]):
            y = right.top + 60 + index * 36
            color = theme.GOOD if self.rank == index + 1 else theme.TEXT
            ui.text(screen, f"{index + 1}. {entry['player']}", 30, (right.left + 30, y), color, anchor="topleft")
            ui.text(screen, f"{entry['score']}   {entry['date']}", 28, (right.right - 30, y), color,
                    anchor="topright", bold=False)
        if self.rank is not None:
            ui.text(screen, f"New high score: #{self.rank}!", 36, (width // 2, height - 55), theme.GOOD)
        ui.text(screen, "Enter menu   R play again   Esc menu", 26, (width // 2, height - 22), theme.DIM)

    def _draw_coaching(self, screen, rect):
        """Each move missed with its coaching line, the same advice for the same move counted once with a tally."""
        rows = list(coaching_tally(self.outcomes).items())
        ui.text(screen, "COACHING" if rows else "No misses: nothing to coach!", 28, (rect.centerx, rect.top + 10),
                theme.DIM)
        fits = max(1, (rect.height - 30) // MISS_ROW)
        if len(rows) > fits:
            ui.text(screen, f"(and {len(rows) - fits + 1} more)", 22, (rect.right - 24, rect.top + 10), theme.DIM,
                    anchor="midright", bold=False)
            rows = rows[:fits - 1]
        for row, ((move, line), count) in enumerate(rows):
            y = rect.top + 30 + row * MISS_ROW
            times = f"  x{count}" if count > 1 else ""
            ui.text(screen, f"{ui.move_name(move).split('  (')[0]}{times}", 24, (rect.left + 24, y), theme.BAD,
                    anchor="topleft")
            ui.text(screen, line, 24, (rect.left + 24, y + 20), theme.TEXT, anchor="topleft", bold=False)
