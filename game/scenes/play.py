"""Play: prompt each move of a level with a figure showing it, judge the answer, keep the score and combo; the time
for each move fixed by the level or following the player (adaptive pace, Endless mode); a line of coaching after
each miss."""

import random

import pygame

from .. import theme, ui
from ..pace import ENDLESS_LIVES, AdaptivePace, endless_moves
from .prompted import GRADE_COLORS, PromptedScene

READY_S = 3.0
FEEDBACK_S = 1.0  # between prompts: frames then are still seen by the judge (its smoothing), never judged
COACHING_S = 2.5  # after a miss: long enough to read the coaching line


class Play(PromptedScene):
    @property
    def name(self):
        """"play" while getting ready, then "play_prompt" and "play_feedback" (one screenshot each)."""
        return "play" if self.phase == "ready" else f"play_{self.phase}"

    def __init__(self, app, level, seed=None, adaptive=False, ghost=None):
        rng = random.Random(seed)
        self.endless = level.mode == "endless"
        self._more_moves = endless_moves(rng, level.random_moves) if self.endless else None
        super().__init__(app, level, [next(self._more_moves)] if self.endless else level.prompts(rng), ghost)
        # Each player's own pace (adaptive pace, Endless), or none: the level's time.
        self.paces = [AdaptivePace(level.seconds_per_prompt) for _ in self.seats] if adaptive or self.endless else []
        self.time_allowed_s = level.seconds_per_prompt
        self.prompted_at_s = 0.0
        self.phase, self.phase_time = "ready", 0.0

    @property
    def pace(self):
        """The first player's pace (the only one's, but in family mode), or None."""
        return self.paces[0] if self.paces else None

    @property
    def lives(self):
        """Endless: the lives left to the player with the most (the level ends when everyone's are gone)."""
        return max(self.lives_of(seat) for seat in self.seats)

    def lives_of(self, seat):
        return ENDLESS_LIVES - sum(not outcome.hit for outcome in seat.scorer.outcomes)

    def sits_out(self, seat):
        return self.endless and self.lives_of(seat) <= 0

    def update(self, dt):
        verdicts = self.feed(dt)
        if self.stopped:
            return
        self.phase_time += dt
        if self.phase == "ready" and self.phase_time >= READY_S:
            self._prompt()
        elif self.phase == "prompt":
            for seat, verdict in zip(self.seats, verdicts):
                if seat.open and verdict is not None:
                    self._close(seat, verdict)
            if self.phase_time >= self.time_allowed_s:
                self.time_out(self.time_allowed_s, self.prompted_at_s)
            if not self.prompt_open:
                self.phase, self.phase_time = "feedback", 0.0
        elif self.phase == "feedback" and self.phase_time >= (COACHING_S if self.any_missed() else FEEDBACK_S):
            self._next()

    def _prompt(self):
        if self.family and not any(seat.present for seat in self.seats):
            return  # nobody here: the next prompt waits for a player to come back
        self.phase, self.phase_time = "prompt", 0.0
        # One prompt for everyone: its time follows the slowest player's pace.
        self.time_allowed_s = (max(pace.time_allowed_s for pace in self.paces) if self.paces
                               else self.level.seconds_per_prompt)
        self.prompted_at_s = self.level_time
        self.open_prompt(self.time_allowed_s)

    def _close(self, seat, verdict):
        outcome = self.close_prompt(seat, verdict, self.phase_time, self.time_allowed_s, self.prompted_at_s)
        if self.paces:
            self.pace_of(seat).update(outcome.hit, outcome.reaction_ms / 1000 if outcome.hit else None)

    def time_out(self, time_allowed_s, prompted_at_s):
        if self.paces:
            for seat in self.seats:
                if seat.open:
                    self.pace_of(seat).update(False)
        super().time_out(time_allowed_s, prompted_at_s)

    def pace_of(self, seat):
        return self.paces[self.seats.index(seat)]

    def _next(self):
        self.index += 1
        if self.endless and self.lives > 0:
            self.moves.append(next(self._more_moves))
        if self.index < len(self.moves):
            self._prompt()
        else:
            self.finish()

    def figure_title(self):
        return {"prompt": "DO THIS", "ready": "NEXT"}.get(self.phase, "")

    def side_lines(self):
        if self.endless:
            lines = [(f"Move {self.index + 1}", theme.TEXT), (f"Lives {self.lives} of {ENDLESS_LIVES}", theme.BAD)]
        else:
            lines = super().side_lines()
        if self.pace:
            trend = {"faster": theme.GOOD, "slower": theme.BAD}.get(self.pace.trend, theme.DIM)
            lines.append((f"PACE {self.pace.time_allowed_s:.1f} s  {self.pace.trend}", trend))
        return lines

    def draw_prompt(self, screen, rect):
        ui.panel(screen, rect)
        if self.phase == "ready" and self.phase_time > READY_S:
            ui.text(screen, "Waiting for the players: step into your half", 56, rect.center, theme.ACCENT,
                    width=rect.width - 40)
            return
        if self.phase == "ready":
            ui.text(screen, f"{self.level.name}: get ready!", 64, (rect.centerx, rect.centery - 10), theme.ACCENT,
                    width=rect.width - 40)
            ui.text(screen, f"{READY_S - self.phase_time:.0f}", 36, (rect.centerx, rect.bottom - 22), theme.DIM)
            return
        if self.phase == "feedback" and self.family:
            words, color = self.round_line()
            ui.text(screen, words, 64, rect.center, color, width=rect.width - 40)
            return
        if self.phase == "feedback" and self.last is not None:
            outcome = self.last
            words = outcome.grade
            if outcome.hit:
                words += f"  {outcome.reaction_ms:.0f} ms  +{outcome.points}"
                ui.text(screen, words, 70, rect.center, GRADE_COLORS[outcome.grade])
                return
            ui.text(screen, f"{words}: {ui.move_name(outcome.move).split('  (')[0]}", 56,
                    (rect.centerx, rect.top + 40), GRADE_COLORS[outcome.grade])
            ui.text(screen, outcome.coaching, 40, (rect.centerx, rect.bottom - 35), theme.TEXT)
            return
        ui.text(screen, ui.move_name(self.move), 96, (rect.centerx, rect.centery - 16), theme.TEXT)
        remaining = 1.0 - self.phase_time / self.time_allowed_s
        color = theme.GOOD if remaining > 0.5 else theme.ACCENT if remaining > 0.25 else theme.BAD
        ui.bar(screen, pygame.Rect(rect.left + 20, rect.bottom - 26, rect.width - 40, 14), remaining, color,
               back=theme.BAR_BACK)
