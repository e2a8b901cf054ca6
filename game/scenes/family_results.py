"""The results of a family game: each player's score, accuracy, reaction and best combo side by side, and who won
(versus) or what the team scored (co-op)."""

import pygame

from .. import theme, ui
from .base import LevelResults


class FamilyResults(LevelResults):
    def __init__(self, app, level, results):
        super().__init__(app, level)
        self.results = results  # as game.saving.Records.keep made them: the match's figures and "players"

    def headline(self):
        """(words, color): who won, or the team's score."""
        results = self.results
        if results["family_mode"] == "versus":
            winner = results["winner"]
            return (f"{winner} wins!", theme.GOOD) if winner else ("A draw!", theme.ACCENT)
        return f"Team score {results['team_score']}   best team combo {results['best_team_combo']}", theme.GOOD

    def draw(self, screen):
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        ui.text(screen, f"{self.level.name}: {self.results['family_mode']} results", theme.HEADING, (width // 2, 50),
                theme.ACCENT, width=width - 2 * theme.MARGIN)
        words, color = self.headline()
        ui.text(screen, words, theme.LARGE + 8, (width // 2, 118), color, width=width - 2 * theme.MARGIN)
        players = self.results["players"]
        column = (width - 2 * theme.MARGIN - (len(players) - 1) * 40) // len(players)
        for index, played in enumerate(players):
            rect = pygame.Rect(theme.MARGIN + index * (column + 40), 170, column, height - 250)
            self._draw_player(screen, rect, index, played)
        ui.text(screen, "Enter menu   R play again   Esc menu", theme.SMALL, (width // 2, height - 30), theme.DIM)

    def _draw_player(self, screen, rect, index, played):
        ui.panel(screen, rect)
        ui.text(screen, f"P{index + 1}  {played['player']}", theme.LARGE, (rect.centerx, rect.top + 32), theme.TEXT,
                width=rect.width - 40)
        reaction = f"{played['mean_reaction_ms']:.0f} ms" if played["mean_reaction_ms"] is not None else "-"
        rows = [("Score", f"{played['score']}"),
                ("Accuracy", f"{played['accuracy'] * 100:.0f} %  ({played['hits']}/{played['prompts']})"),
                ("Mean reaction", reaction), ("Best combo", f"{played['best_combo']}")]
        won = self.results.get("prompts_won")
        if won is not None:
            rows.append(("Prompts won", f"{won[played['player']]}"))
        for row, (name, value) in enumerate(rows):
            y = rect.top + 80 + row * 50
            ui.text(screen, name, theme.BODY, (rect.left + 30, y), theme.DIM, anchor="topleft")
            ui.text(screen, value, theme.LARGE, (rect.right - 30, y - 4), theme.TEXT, anchor="topright")
        missed = [outcome for outcome in played["outcomes"] if outcome["coaching"]]
        if missed:
            last = missed[-1]
            ui.text(screen, f"{ui.move_name(last['move']).split('  (')[0]}: {last['coaching']}", theme.TINY,
                    (rect.centerx, rect.bottom - 30), theme.DIM, bold=False, width=rect.width - 30)
