"""Scoring rules: a grade per prompt from the reaction time, combo multiplier, bonus moves and the level summary."""

from dataclasses import dataclass
from statistics import fmean

from game.levels import BONUS_MOVES

# Grade limits as fractions of the prompt's time limit, so a slow level is no easier to ace than a fast one.
PERFECT_WITHIN = 0.35
GOOD_WITHIN = 0.7
# LATE is a rhythm level's grade for a move well after its beat (game/rhythm.py).
POINTS = {"PERFECT": 300, "GOOD": 200, "OK": 100, "LATE": 100}
BONUS_FACTOR = 2
# A hit's multiplier is 1 + (hits in a row before it) // COMBO_STEP, capped at MAX_MULTIPLIER.
COMBO_STEP = 3
MAX_MULTIPLIER = 4
# The accuracy needed for 1, 2 and 3 stars.
STAR_ACCURACY = (0.5, 0.75, 0.9)


@dataclass
class Outcome:
    """What one prompt came to. grade is PERFECT, GOOD or OK for a hit, WRONG for another move, MISS on timeout."""

    move: str
    hit: bool
    grade: str
    reaction_ms: float | None
    points: int
    combo: int  # the combo after this prompt
    got: str | None = None  # the move that came instead, for WRONG
    prompted_at_s: float = 0.0  # when the prompt was shown, seconds from the level's start
    time_allowed_s: float | None = None  # the time the prompt allowed
    coaching: str | None = None  # what went wrong, in a line, for a prompt without a HIT


class Scorer:
    """The running score of one level whose prompts each allow `time_limit_s` seconds."""

    def __init__(self, time_limit_s):
        if not time_limit_s > 0:
            raise ValueError(f"time_limit_s must be positive, not {time_limit_s}")
        self.time_limit_s = time_limit_s
        self.score = 0
        self.combo = 0
        self.best_combo = 0
        self.outcomes = []

    @property
    def multiplier(self):
        """What the next hit's points are multiplied by."""
        return min(MAX_MULTIPLIER, 1 + self.combo // COMBO_STEP)

    def hit(self, move, reaction_s, grade=None, time_allowed_s=None, prompted_at_s=0.0):
        """The prompted move came `reaction_s` seconds after the prompt. grade: one given by the caller (a rhythm
        level grades against the beat); else it comes from the reaction as a fraction of the prompt's time,
        time_allowed_s (the level's time_limit_s unless the pace changes it)."""
        time_allowed_s = time_allowed_s or self.time_limit_s
        if grade is None:
            fraction = reaction_s / time_allowed_s
            grade = "PERFECT" if fraction <= PERFECT_WITHIN else "GOOD" if fraction <= GOOD_WITHIN else "OK"
        points = POINTS[grade] * self.multiplier * (BONUS_FACTOR if move in BONUS_MOVES else 1)
        self.score += points
        self.combo += 1
        self.best_combo = max(self.best_combo, self.combo)
        return self._record(Outcome(move, True, grade, reaction_s * 1000, points, self.combo,
                                    prompted_at_s=prompted_at_s, time_allowed_s=time_allowed_s))

    def wrong(self, move, got, coaching=None, time_allowed_s=None, prompted_at_s=0.0):
        """Another move, `got`, came instead of the prompted one."""
        self.combo = 0
        return self._record(Outcome(move, False, "WRONG", None, 0, 0, got, prompted_at_s,
                                    time_allowed_s or self.time_limit_s, coaching))

    def timeout(self, move, coaching=None, time_allowed_s=None, prompted_at_s=0.0):
        """The prompt's time ran out with no move."""
        self.combo = 0
        return self._record(Outcome(move, False, "MISS", None, 0, 0, None, prompted_at_s,
                                    time_allowed_s or self.time_limit_s, coaching))

    def _record(self, outcome):
        self.outcomes.append(outcome)
        return outcome

    def summary(self):
        """The level's figures for the results screen."""
        hits = [outcome for outcome in self.outcomes if outcome.hit]
        prompts = len(self.outcomes)
        accuracy = len(hits) / prompts if prompts else 0.0
        return {
            "score": self.score,
            "prompts": prompts,
            "hits": len(hits),
            "misses": prompts - len(hits),
            "accuracy": accuracy,
            "mean_reaction_ms": fmean(outcome.reaction_ms for outcome in hits) if hits else None,
            "best_combo": self.best_combo,
            "stars": sum(accuracy >= needed for needed in STAR_ACCURACY),
        }
