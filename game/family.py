"""Family mode: two players at one level, each seen, judged, coached and scored on their own (a Seat), and the
rules that put their prompts together: Versus (the same prompt for both; the better answer wins it; the higher score
wins the match) and Co-op (one shared score, whose combo grows only when everyone present hits).

A player who leaves the camera is away: their prompts are neither judged nor scored while they are gone (no misses
piled up), their side says so, and they join again at the next prompt after they are back; the other plays on.
"""

from dataclasses import dataclass, field

from .judging import TrackerJudge
from .levels import BONUS_MOVES
from .scoring import BONUS_FACTOR, COMBO_STEP, MAX_MULTIPLIER, POINTS, Scorer

VERSUS, COOP = "versus", "co-op"
MODES = (VERSUS, COOP)
AWAY_AFTER_S = 1.0  # no body seen this long: the player has left (a frame or two without one is BlazePose's blink)
# The demo's second virtual player: slower and less sure than the first, as a child playing with a parent might be.
SECOND_DEMO_PLAYER = {"reaction_s": 0.95, "wrong_p": 0.1, "late_p": 0.1}


class Seat:
    """One player at a prompting level: who (game.player.Player), what sees them (a tracker), their judge (with their
    own rule and marks) and their score; whether their current prompt is open and what their last one came to."""

    def __init__(self, player, tracker, seconds_per_prompt):
        self.player = player
        self.tracker = tracker
        self.judge = TrackerJudge(player)
        self.scorer = Scorer(seconds_per_prompt)
        self.view = None
        self.open = False  # judged now: prompted while present, not yet closed
        self.last = None  # the Outcome of the last prompt closed for this player
        self.unseen_for = 0.0  # seconds since a body was last seen

    @property
    def name(self):
        return self.player.name

    def watch(self, view, dt):
        """The newest View; whether the player is present (a body seen within AWAY_AFTER_S)."""
        self.view = view
        self.unseen_for = 0.0 if view.points is not None else self.unseen_for + dt
        return self.present

    @property
    def present(self):
        return self.unseen_for < AWAY_AFTER_S


@dataclass
class Match:
    """The rules of a family game over the seats' outcomes, prompt by prompt. mode: VERSUS or COOP."""
    mode: str
    players: int = 2
    wins: list = field(default=None)  # versus: prompts each player won
    team_score: int = 0  # co-op
    team_combo: int = 0
    best_team_combo: int = 0
    last_winner: int | None = None  # versus: who won the last prompt (None: nobody hit, or a tie)

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"family mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        self.wins = [0] * self.players

    @property
    def team_multiplier(self):
        return min(MAX_MULTIPLIER, 1 + self.team_combo // COMBO_STEP)

    def prompt_closed(self, outcomes):
        """One prompt's outcomes, a scoring.Outcome per player (None for a player who was away)."""
        present = [outcome for outcome in outcomes if outcome is not None]
        if self.mode == VERSUS:
            # The better grade wins (a rhythm level's grade is against the beat), then the quicker answer.
            hits = [((POINTS[outcome.grade], -outcome.reaction_ms), index) for index, outcome in enumerate(outcomes)
                    if outcome is not None and outcome.hit]
            best = max(hits, default=None)
            tied = best is not None and sum(rank == best[0] for rank, _ in hits) > 1
            self.last_winner = None if best is None or tied else best[1]
            if self.last_winner is not None:
                self.wins[self.last_winner] += 1
            return
        if not present:
            return
        points = sum(POINTS[outcome.grade] * (BONUS_FACTOR if outcome.move in BONUS_MOVES else 1)
                     for outcome in present if outcome.hit)
        self.team_score += points * self.team_multiplier
        self.team_combo = self.team_combo + 1 if all(outcome.hit for outcome in present) else 0
        self.best_team_combo = max(self.best_team_combo, self.team_combo)

    def winner(self, scores):
        """Versus: the index of the player with the higher score, None for a draw."""
        best = max(scores)
        return scores.index(best) if scores.count(best) == 1 else None

    def summary(self, names, scores):
        """The match's figures for the results screen and --results-json."""
        if self.mode == VERSUS:
            winner = self.winner(scores)
            return {"family_mode": self.mode, "prompts_won": dict(zip(names, self.wins)),
                    "winner": None if winner is None else names[winner]}
        return {"family_mode": self.mode, "team_score": self.team_score, "best_team_combo": self.best_team_combo}
