"""How to play: every move performed by a figure, with a line on how to do it, and where to stand."""

import pygame

from recognizer.runtime.labels import ACTIONS

from .. import theme, ui
from ..figures import TIPS, MoveFigure
from ..levels import doable_moves
from .base import Scene

COLUMNS = 4


class HowToPlay(Scene):
    name = "how_to_play"

    def __init__(self, app):
        super().__init__(app)
        self.moves = [move for move in doable_moves(app.known_moves(), app.seated) if move in ACTIONS]
        self.figures = {move: MoveFigure.of(move) for move in self.moves}
        self.clock = 0.0

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE,
                                                          pygame.K_h):
            self.back()

    def update(self, dt):
        self.clock += dt

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        ui.text(screen, "HOW TO PLAY", 64, (width // 2, 40), theme.ACCENT)
        ui.text(screen, "Stand 2 to 3 m from the camera, whole body in view. Do the move the game asks for, as "
                        "fast as you can.", 28, (width // 2, 85), theme.TEXT, bold=False)
        ui.text(screen, "The figures move as in a mirror: your right hand is on the right, as in the camera view."
                if self.app.mirror else "The figures face you, as the camera sees you (M mirrors them).",
                26, (width // 2, 115), theme.DIM, bold=False)
        rows = -(-len(self.moves) // COLUMNS)
        cell_width, cell_height = (width - 40) // COLUMNS, (height - 200) // max(1, rows)
        for index, move in enumerate(self.moves):
            cell = pygame.Rect(20 + (index % COLUMNS) * cell_width, 140 + (index // COLUMNS) * cell_height,
                               cell_width - 10, cell_height - 10)
            ui.panel(screen, cell)
            ui.text(screen, ui.move_name(move), 32, (cell.centerx, cell.top + 20), theme.ACCENT)
            self.figures[move].draw(screen, pygame.Rect(cell.left, cell.top + 40, cell.width, cell.height - 90),
                                    self.clock, self.app.mirror)
            ui.text(screen, TIPS[move], 22, (cell.centerx, cell.bottom - 8), theme.TEXT, "midbottom", False,
                    wrap=cell.width - 20)
        ui.text(screen, "Only the move asked for counts; anything else just costs time.   "
                        "Esc or Enter: back to the menu", 24, (width // 2, height - 28), theme.DIM)
