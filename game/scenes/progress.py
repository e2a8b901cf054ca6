"""Progress: days played, the streak, active minutes and an energy estimate; each move's accuracy and reaction time
over the last two weeks as small charts; the day's workout, which Enter starts. In family mode Tab shows the next
player's.

The history is read once, when the scene is made, and the whole frame drawn once onto a Surface: a frame after
that is one blit, and SQLite is never asked again while the screen is up.
"""

import datetime
import math

import pygame

from .. import theme, ui
from ..history import DEFAULT_WEIGHT_KG
from ..levels import doable_moves
from ..workout import daily_workout
from .base import Scene

CHART_DAYS = 14
COLUMNS = 4
ACCURACY_COLOR = theme.GOOD
REACTION_COLOR = theme.ACCENT
AXIS_COLOR = theme.AXIS
REACTION_STEP_MS = 500  # the reaction axis ends at the first multiple of this at or above the slowest median
MARGIN = 60


class Progress(Scene):
    name = "progress"

    def __init__(self, app, today=None, player=None):
        super().__init__(app)
        history = app.history
        self.player = player = player or app.player.name
        self.names = [each.name for each in getattr(app, "players", [app.player])]
        self.today = today or datetime.date.today()
        self.days = [self.today - datetime.timedelta(days=back) for back in range(CHART_DAYS - 1, -1, -1)]
        self.days_played = history.days_played(player)
        self.streak = history.current_streak(player, self.today)
        self.active_minutes = history.active_minutes(player)
        self.energy_kcal = history.energy_kcal(player)
        self.stats = {(stats.move, datetime.date.fromisoformat(stats.day)): stats for stats in history.move_stats(
            player, since=self.days[0], until=self.today + datetime.timedelta(days=1))}
        self.moves = doable_moves({move for move, _ in self.stats}, seated=False)  # all of them, in the labels' order
        medians = [stats.median_reaction_ms for stats in self.stats.values() if stats.median_reaction_ms is not None]
        self.reaction_top_ms = REACTION_STEP_MS * max(1, math.ceil(max(medians, default=0) / REACTION_STEP_MS))
        self.workout = daily_workout(history, player, app.known_moves(), app.seated, self.today)
        self.message = history.message
        self.plots = {}  # move: its chart's plotting area on screen
        self.bars = {}  # (move, day): that day's accuracy bar on screen
        self._frame = None

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.app.play(self.workout)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_TAB and len(self.names) > 1:
            following = self.names[(self.names.index(self.player) + 1) % len(self.names)]
            self.app.switch(Progress(self.app, self.today, following))

    def draw(self, screen):
        if self._frame is None or self._frame.get_size() != screen.get_size():
            self._frame = self._render(screen.get_size())
        screen.blit(self._frame, (0, 0))

    def _render(self, size):
        frame = pygame.Surface(size)
        frame.fill(theme.BACKGROUND)
        width, height = size
        ui.text(frame, f"PROGRESS: {self.player}", 60, (width // 2, 40), theme.ACCENT)
        self._draw_figures(frame, pygame.Rect(MARGIN, 78, width - 2 * MARGIN, 96))
        self._draw_charts(frame, pygame.Rect(MARGIN, 190, width - 2 * MARGIN, height - 290))
        workout = self.workout
        ui.text(frame, f"{workout.description}: {len(workout.sequence)} moves, about "
                       f"{len(workout.sequence) * workout.seconds_per_prompt / 60:.0f} minutes", 30,
                (width // 2, height - 78), theme.TEXT)
        if self.message:
            ui.text(frame, self.message, 22, (width // 2, height - 48), theme.BAD, bold=False, wrap=width - 2 * MARGIN)
        keys = "Enter daily workout   Tab next player   Esc menu" if len(self.names) > 1 else \
            "Enter daily workout   Esc menu"
        ui.text(frame, keys, 26, (width // 2, height - 20), theme.DIM)
        return frame

    def _draw_figures(self, frame, area):
        figures = [(f"{self.days_played}", "days played"), (f"{self.streak}", "days in a row"),
                   (f"{self.active_minutes:.0f}", "active minutes"),
                   (f"~{self.energy_kcal:.0f} kcal", f"estimate from METs, {DEFAULT_WEIGHT_KG:.0f} kg")]
        gap = 20
        tile_width = (area.width - gap * (len(figures) - 1)) // len(figures)
        for index, (value, label) in enumerate(figures):
            tile = pygame.Rect(area.left + index * (tile_width + gap), area.top, tile_width, area.height)
            ui.panel(frame, tile)
            ui.text(frame, value, 52, (tile.centerx, tile.top + 34), theme.TEXT)
            ui.text(frame, label, 24, (tile.centerx, tile.top + 74), theme.DIM, bold=False)

    def _draw_charts(self, frame, area):
        ui.panel(frame, area)
        legend_y = area.top + 20
        ui.text(frame, f"Each move, the last {CHART_DAYS} days:", 24, (area.left + 20, legend_y), theme.DIM, "midleft")
        pygame.draw.rect(frame, ACCURACY_COLOR, (area.left + 300, legend_y - 7, 14, 14))
        ui.text(frame, "accuracy (0-100 %)", 24, (area.left + 322, legend_y), theme.DIM, "midleft", bold=False)
        pygame.draw.line(frame, REACTION_COLOR, (area.left + 520, legend_y), (area.left + 546, legend_y), 3)
        ui.text(frame, f"median reaction time (0-{self.reaction_top_ms} ms)", 24, (area.left + 554, legend_y),
                theme.DIM, "midleft", bold=False)
        if not self.moves:
            ui.text(frame, f"Nothing played in the last {CHART_DAYS} days: play a level and come back", 30,
                    area.center, theme.TEXT)
            return
        grid = pygame.Rect(area.left + 10, area.top + 40, area.width - 20, area.height - 50)
        rows = math.ceil(len(self.moves) / COLUMNS)
        cell_width, cell_height = grid.width // COLUMNS, grid.height // rows
        for index, move in enumerate(self.moves):
            row, column = divmod(index, COLUMNS)
            cell = pygame.Rect(grid.left + column * cell_width, grid.top + row * cell_height, cell_width, cell_height)
            self._draw_chart(frame, move, cell)

    def _draw_chart(self, frame, move, cell):
        ui.text(frame, ui.move_name(move), 24, (cell.left + 44, cell.top + 4), theme.TEXT, "topleft")
        plot = pygame.Rect(cell.left + 44, cell.top + 28, cell.width - 96, cell.height - 56)
        self.plots[move] = plot
        small = 18
        ui.text(frame, "100%", small, (plot.left - 4, plot.top), theme.DIM, "midright", bold=False)
        ui.text(frame, "0", small, (plot.left - 4, plot.bottom), theme.DIM, "midright", bold=False)
        ui.text(frame, f"{self.reaction_top_ms}", small, (plot.right + 4, plot.top), theme.DIM, "midleft", bold=False)
        ui.text(frame, "ms", small, (plot.right + 4, plot.top + 14), theme.DIM, "midleft", bold=False)
        ui.text(frame, "0", small, (plot.right + 4, plot.bottom), theme.DIM, "midleft", bold=False)
        ui.text(frame, f"{self.days[0]:%b} {self.days[0].day}", small, (plot.left, plot.bottom + 4), theme.DIM,
                "topleft", bold=False)
        ui.text(frame, "today", small, (plot.right, plot.bottom + 4), theme.DIM, "topright", bold=False)
        slot = plot.width / CHART_DAYS
        points = []
        for index, day in enumerate(self.days):
            stats = self.stats.get((move, day))
            if stats is None:
                continue
            left = plot.left + round(index * slot) + 1
            bar_height = round(stats.accuracy * plot.height)
            bar = pygame.Rect(left, plot.bottom - bar_height, max(1, round(slot) - 2), bar_height)
            self.bars[move, day] = bar
            if bar_height:
                pygame.draw.rect(frame, ACCURACY_COLOR, bar)
            else:  # a red foot tells a day played without a hit from a day not played
                pygame.draw.line(frame, theme.BAD, (bar.left, plot.bottom - 1), (bar.right, plot.bottom - 1), 2)
            if stats.median_reaction_ms is not None:
                reaction = stats.median_reaction_ms / self.reaction_top_ms
                points.append((bar.centerx, plot.bottom - reaction * plot.height))
        pygame.draw.line(frame, AXIS_COLOR, plot.bottomleft, plot.bottomright)
        pygame.draw.line(frame, AXIS_COLOR, plot.topleft, plot.bottomleft)
        pygame.draw.line(frame, AXIS_COLOR, plot.topright, plot.bottomright)
        if len(points) > 1:
            pygame.draw.lines(frame, REACTION_COLOR, False, points, 2)
        for point in points:
            pygame.draw.circle(frame, REACTION_COLOR, point, 3)
