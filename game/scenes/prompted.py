"""What the scenes that prompt moves share (Play, Rhythm): each player's judge fed every frame, their score and
coaching after a miss, learning the player's moves from each HIT, the ghost of the player's best run, pausing, and the
screen's layout (figure, camera, prompt, side panel; in family mode two players' panels, game.family).

Every player has a Seat; one player is the game as it always was, and `scorer`, `judge` and `last` are that player's.
With two (family mode), the same prompts go to both, each judged and scored on their own, and the Match puts each
prompt's outcomes together; a player who is away is not prompted until they are back."""

import pygame

from recognizer.runtime.judge import HIT

from .. import theme, ui
from ..family import VERSUS, Match, Seat
from ..figures import MoveFigure, draw_panel
from .base import Scene

GRADE_COLORS = {"PERFECT": theme.GOOD, "GOOD": theme.FAIR, "OK": theme.ACCENT, "LATE": theme.ACCENT, "MISS": theme.BAD,
                "WRONG": theme.BAD}
RECENT_ROWS = 8
TEAM_HEIGHT = 110  # co-op's team score, under the figure


class PromptedScene(Scene):
    """A level's prompts judged from the trackers' scored frames. Subclasses decide when each prompt opens and
    closes (update) and draw the prompt's banner (draw_prompt)."""

    def __init__(self, app, level, moves, ghost=None):
        super().__init__(app)
        self.level = level
        self.moves = moves
        self.seats = [Seat(player, tracker, level.seconds_per_prompt)
                      for player, tracker in zip(app.players, app.seat_trackers)]
        self.match = Match(app.family_mode, len(self.seats)) if self.family else None
        self.round = {}  # the open prompt's outcomes so far: {seat index: Outcome}
        self.camera_views = [ui.CameraView() for _ in self.seats]
        self.index = 0
        self.paused = False
        self.ghost = ghost
        # Made before the first prompt: making one costs a few frames' time, a stutter if made when it is needed.
        self.figures = {move: MoveFigure.of(move) for move in {*moves, *level.random_moves}}
        self.clock = 0.0  # for the figures' animation
        self.level_time = 0.0  # seconds of play from the level's start, pauses left out: prompts and the ghost
        for seat in self.seats:
            seat.tracker.take_scores()

    @property
    def family(self):
        return len(self.seats) > 1

    @property
    def scorer(self):
        return self.seats[0].scorer

    @property
    def judge(self):
        return self.seats[0].judge

    @property
    def last(self):
        return self.seats[0].last

    @property
    def view(self):
        return self.seats[0].view

    @property
    def move(self):
        return self.moves[self.index]

    @property
    def previous_move(self):
        return self.moves[self.index - 1] if self.index > 0 else None

    @property
    def stopped(self):
        """Paused, or the camera cannot be used (lost, frozen): the level waits, its clock stopped."""
        return self.paused or bool(self.app.tracker.trouble)

    @property
    def prompt_open(self):
        """Whether any player's prompt is still open."""
        return any(seat.open for seat in self.seats)

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_p, pygame.K_SPACE):
            self.paused = not self.paused

    def feed(self, dt):
        """Take each player's frames scored since the last render frame; the verdicts they bring to the open prompt,
        one per player (None: no verdict; always None while stopped, when the clock stands still: the level resumes
        where it was, score kept). In family mode a player who left has their prompt withdrawn."""
        self.clock += dt
        verdicts = []
        for seat in self.seats:
            present = seat.watch(seat.tracker.view(), dt)
            scored = seat.tracker.take_scores()
            if self.family and seat.open and not present:
                seat.open = False
                seat.judge.close()
            verdicts.append(None if self.stopped else seat.judge.feed(scored))
        if not self.stopped:
            self.level_time += dt
        return verdicts

    def open_prompt(self, time_allowed_s, on_beat=None):
        """Prompt the move to every player who is here (one player always is: their misses count)."""
        self.app.sounds.play("prompt")
        self.round = {}
        for seat in self.seats:
            seat.open = (seat.present or not self.family) and not self.sits_out(seat)
            if seat.open:
                seat.judge.open(self.move, self.previous_move)
                seat.tracker.prompt(self.move, self.app.now(), time_allowed_s, on_beat)

    def sits_out(self, seat):
        """Whether a player takes no more prompts in this level (Endless: their lives are gone)."""
        return False

    def close_prompt(self, seat, verdict, reaction_s, time_allowed_s, prompted_at_s, grade=None):
        """Score a player's open prompt from its verdict (None: its time ran out); coaching for anything but a HIT.
        When it was the last one open, the prompt's outcomes go to the match."""
        context = {"time_allowed_s": time_allowed_s, "prompted_at_s": prompted_at_s}
        if verdict is not None and verdict.verdict == HIT:
            outcome = seat.scorer.hit(self.move, reaction_s, grade=grade, **context)
            seat.player.learn(self.move, *seat.judge.capture())  # the judge keeps learning the player
        else:
            coaching = seat.judge.advice(self.move).line
            outcome = (seat.scorer.timeout(self.move, coaching, **context) if verdict is None
                       else seat.scorer.wrong(self.move, verdict.label, coaching, **context))
        seat.judge.close()
        seat.open, seat.last = False, outcome
        self.round[self.seats.index(seat)] = outcome
        self.app.sounds.play("hit" if outcome.hit else "miss")
        if self.match is not None and not self.prompt_open:
            self.match.prompt_closed([self.round.get(index) for index in range(len(self.seats))])
        return outcome

    def time_out(self, time_allowed_s, prompted_at_s):
        """The prompt's time ran out: every player still open gets a MISS."""
        for seat in self.seats:
            if seat.open:
                self.close_prompt(seat, None, None, time_allowed_s, prompted_at_s)

    def any_missed(self):
        """Whether a player's outcome of the last prompt was no HIT (the scene then leaves time for coaching)."""
        return any(not outcome.hit for outcome in self.round.values())

    def round_line(self):
        """Family mode: what the last prompt came to, in a line (who won it, or what the team scored)."""
        if self.match.mode == VERSUS:
            if self.match.last_winner is not None:
                return f"{self.seats[self.match.last_winner].name} wins it!", theme.GOOD
            hits = sum(outcome.hit for outcome in self.round.values())
            return ("A tie!" if hits > 1 else "Nobody got it"), theme.ACCENT
        if self.round and all(outcome.hit for outcome in self.round.values()):
            return f"Together! COMBO {self.match.team_combo}  x{self.match.team_multiplier}", theme.GOOD
        return "Not together this time: the combo starts again", theme.ACCENT

    def finish(self):
        self.app.finish_level(self.level, self.seats, self.level_time, self.match)

    # Drawing
    def draw(self, screen):
        if self.family:
            return self.draw_family(screen)
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        margin, gap = theme.MARGIN, theme.GAP
        area = pygame.Rect(margin, 150, width - theme.SIDE_WIDTH - 3 * margin, height - 150 - margin)
        figure_area, camera_area = area.copy(), area.copy()
        figure_area.width = theme.FIGURE_WIDTH
        camera_area.left = area.left + theme.FIGURE_WIDTH + gap
        camera_area.width = area.width - theme.FIGURE_WIDTH - gap
        if self.ghost is not None:
            figure_area.height = area.height // 2 - 5
            self.draw_ghost(screen, figure_area.move(0, figure_area.height + 10))
        self.draw_figure(screen, figure_area)
        camera = self.app.camera_view.draw(screen, camera_area, self.view or self.app.tracker.view(),
                                           self.app.mirror)
        self.draw_prompt(screen, pygame.Rect(margin, gap, width - theme.SIDE_WIDTH - 3 * margin, 130))
        self.draw_side(screen, pygame.Rect(width - theme.SIDE_WIDTH - margin, gap, theme.SIDE_WIDTH, height - 2 * gap))
        if self.stopped:
            self.draw_stopped(screen, camera)

    def draw_stopped(self, screen, over):
        ui.panel(screen, over.inflate(-over.width // 4, -over.height // 2), alpha=235, over=None)
        title = self.app.tracker.trouble or "PAUSED"
        ui.text(screen, title, 56, (over.centerx, over.centery - 20), theme.ACCENT, width=over.width)
        ui.text(screen, "P or Space to go on, Esc for the menu", 28, (over.centerx, over.centery + 30), theme.DIM,
                width=over.width)

    def draw_family(self, screen):
        """Two players: the prompt across the top, the figure in the middle, each player's panel on their side of
        the mirrored view (player 1 on the left), with the team's score under the figure in co-op."""
        screen.fill(theme.BACKGROUND)
        width, height = screen.get_size()
        margin, gap = theme.MARGIN, theme.GAP
        self.draw_prompt(screen, pygame.Rect(margin, gap, width - 2 * margin, 130))
        area = pygame.Rect(margin, 150, width - 2 * margin, height - 150 - margin)
        figure = pygame.Rect(0, area.top, theme.FIGURE_WIDTH, area.height)
        figure.centerx = area.centerx
        if self.match.mode != VERSUS:
            figure.height -= TEAM_HEIGHT + gap
            self.draw_team(screen, pygame.Rect(figure.left, figure.bottom + gap, figure.width, TEAM_HEIGHT))
        self.draw_figure(screen, figure)
        panel_width = (area.width - theme.FIGURE_WIDTH) // 2 - gap
        places = [pygame.Rect(area.left, area.top, panel_width, area.height),
                  pygame.Rect(area.right - panel_width, area.top, panel_width, area.height)]
        order = list(range(len(self.seats)))
        for index, rect in zip(order if self.app.mirror else order[::-1], places):
            self.draw_seat(screen, index, rect)
        if self.stopped:
            self.draw_stopped(screen, area)

    def draw_seat(self, screen, index, rect):
        """A player's panel: name and score, their camera half with their skeleton, their combo and last outcome; a
        player who is away is waited for."""
        seat = self.seats[index]
        ui.panel(screen, rect)
        ui.text(screen, f"P{index + 1}  {seat.name}", theme.BODY, (rect.left + 16, rect.top + 22), theme.DIM,
                anchor="midleft", width=rect.width - 150)
        ui.text(screen, f"{seat.scorer.score}", theme.HEADING, (rect.right - 16, rect.top + 26), theme.ACCENT,
                anchor="midright")
        camera_area = pygame.Rect(rect.left + 10, rect.top + 52, rect.width - 20, rect.height - 140)
        camera = self.camera_views[index].draw(screen, camera_area, seat.view or seat.tracker.view(),
                                               self.app.mirror)
        aside = ("out: no lives left" if self.sits_out(seat) else
                 None if seat.present else f"waiting for player {index + 1}")
        if aside:
            ui.panel(screen, camera.inflate(-camera.width // 8, -camera.height // 2), alpha=235, over=None)
            ui.text(screen, aside, theme.LARGE, camera.center, theme.ACCENT, width=camera.width - 40)
        if self.match.mode == VERSUS:
            combo = f"COMBO {seat.scorer.combo}  x{seat.scorer.multiplier}   won {self.match.wins[index]}"
            ui.text(screen, combo, theme.SMALL, (rect.centerx, rect.bottom - 68),
                    theme.GOOD if seat.scorer.combo else theme.DIM, width=rect.width - 20)
        outcome = self.round.get(index)
        if outcome is not None:
            words = (f"{outcome.grade}  {outcome.reaction_ms:.0f} ms  +{outcome.points}" if outcome.hit
                     else f"{outcome.grade}: {outcome.coaching}")
            ui.text(screen, words, theme.SMALL, (rect.centerx, rect.bottom - 30), GRADE_COLORS[outcome.grade],
                    width=rect.width - 20)

    def draw_team(self, screen, rect):
        ui.panel(screen, rect)
        ui.text(screen, "TEAM", theme.SMALL, (rect.centerx, rect.top + 18), theme.DIM)
        ui.text(screen, f"{self.match.team_score}", theme.HEADING, (rect.centerx, rect.top + 56), theme.ACCENT)
        ui.text(screen, f"COMBO {self.match.team_combo}  x{self.match.team_multiplier}", theme.TINY,
                (rect.centerx, rect.bottom - 16), theme.GOOD if self.match.team_combo else theme.DIM)

    def figure_title(self):
        return "DO THIS"

    def draw_figure(self, screen, rect):
        """The prompted move performed by a figure, beside the player's own skeleton, sides as in the view."""
        move = self.moves[min(self.index, len(self.moves) - 1)]
        draw_panel(screen, rect, self.figure_title(), self.figures[move], self.clock, self.app.mirror)

    def draw_ghost(self, screen, rect):
        ui.panel(screen, rect)
        ui.text(screen, "YOUR BEST", 28, (rect.centerx, rect.top + 22), theme.DIM)
        self.ghost.draw(screen, rect.inflate(-16, -90).move(0, 5), self.level_time, self.app.mirror)
        ahead = self.scorer.score - self.ghost.score_at(self.level_time)
        ui.text(screen, f"{self.ghost.score_at(self.level_time)}  ({'+' if ahead >= 0 else ''}{ahead})", 30,
                (rect.centerx, rect.bottom - 24), theme.GOOD if ahead >= 0 else theme.BAD)

    def draw_prompt(self, screen, rect):
        """The banner over the camera view: the move to make, or how the last one went."""

    def side_lines(self):
        """Lines under the combo in the side panel: (words, color)."""
        return [(f"Move {min(self.index + 1, len(self.moves))} of {len(self.moves)}", theme.TEXT)]

    def draw_side(self, screen, rect):
        ui.panel(screen, rect)
        x = rect.centerx
        ui.text(screen, "SCORE", 28, (x, rect.top + 30), theme.DIM)
        ui.text(screen, f"{self.scorer.score}", 80, (x, rect.top + 80), theme.ACCENT)
        combo = f"COMBO {self.scorer.combo}  x{self.scorer.multiplier}"
        ui.text(screen, combo, 40, (x, rect.top + 150), theme.GOOD if self.scorer.combo else theme.DIM)
        lines = self.side_lines()
        for row, (words, color) in enumerate(lines):
            ui.text(screen, words, 30, (x, rect.top + 200 + row * 32), color)
        top = rect.top + 215 + len(lines) * 32
        for row, outcome in enumerate(reversed(self.scorer.outcomes[-RECENT_ROWS:])):
            words = f"{ui.move_name(outcome.move).split('  (')[0]:<14} {outcome.grade}"
            ui.text(screen, words, 26, (rect.left + 20, top + row * 30), GRADE_COLORS[outcome.grade],
                    anchor="topleft", bold=False)
        ui.text(screen, "P pause   M mirror   D diagnostics", 22, (x, rect.bottom - 20), theme.DIM, bold=False)
