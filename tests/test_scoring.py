import pytest

from game.scoring import Outcome, Scorer

# A 2 s time limit: PERFECT up to 0.7 s (0.35 of it), GOOD up to 1.4 s (0.7 of it), OK after.
LIMIT = 2.0


@pytest.mark.parametrize("reaction_s, grade, points", [
    (0.1, "PERFECT", 300), (0.7, "PERFECT", 300), (0.71, "GOOD", 200), (1.4, "GOOD", 200),
    (1.41, "OK", 100), (2.5, "OK", 100),
])
def test_grade_by_reaction_time(reaction_s, grade, points):
    outcome = Scorer(LIMIT).hit("wave", reaction_s)
    assert (outcome.hit, outcome.grade, outcome.points, outcome.combo) == (True, grade, points, 1)
    assert outcome.reaction_ms == pytest.approx(reaction_s * 1000)


def test_grades_scale_with_the_time_limit():
    assert Scorer(4.0).hit("wave", 1.4).grade == "PERFECT"
    assert Scorer(4.0).hit("wave", 2.8).grade == "GOOD"
    assert Scorer(1.0).hit("wave", 0.71).grade == "OK"


def test_combo_multiplier_grows_every_three_hits_up_to_four():
    scorer = Scorer(LIMIT)
    outcomes = [scorer.hit("clap", 0.2) for _ in range(13)]
    # Hits in a row before each: 0..12, so multipliers 1,1,1, 2,2,2, 3,3,3, 4,4,4, 4 (capped).
    assert [o.points for o in outcomes] == [300] * 3 + [600] * 3 + [900] * 3 + [1200] * 4
    assert [o.combo for o in outcomes] == list(range(1, 14))
    assert scorer.score == 900 + 1800 + 2700 + 4800
    assert scorer.combo == scorer.best_combo == 13


@pytest.mark.parametrize("miss", [lambda s: s.wrong("kick_left", "kick_right"), lambda s: s.timeout("kick_left")])
def test_wrong_move_and_timeout_reset_the_combo(miss):
    scorer = Scorer(LIMIT)
    for _ in range(4):
        scorer.hit("wave", 0.2)
    assert scorer.hit("wave", 0.2).points == 600
    outcome = miss(scorer)
    assert (outcome.hit, outcome.points, outcome.combo, outcome.reaction_ms) == (False, 0, 0, None)
    assert scorer.combo == 0 and scorer.best_combo == 5
    assert scorer.hit("wave", 0.2).points == 300


def test_wrong_and_timeout_outcomes():
    scorer = Scorer(LIMIT)
    assert scorer.wrong("kick_left", "kick_right", "kick with your left") == Outcome(
        "kick_left", False, "WRONG", None, 0, 0, "kick_right", 0.0, LIMIT, "kick with your left")
    assert scorer.timeout("clap", prompted_at_s=3.5) == Outcome("clap", False, "MISS", None, 0, 0, None, 3.5, LIMIT)
    assert scorer.score == 0 and len(scorer.outcomes) == 2


def test_a_prompts_own_time_limit_sets_its_grade():
    """With a pace that follows the player each prompt has its own time: a grade is a share of that time."""
    scorer = Scorer(4.0)
    assert scorer.hit("wave", 1.4).grade == "PERFECT"
    assert scorer.hit("wave", 1.4, time_allowed_s=2.0).grade == "GOOD"
    assert scorer.outcomes[-1].time_allowed_s == 2.0


def test_a_grade_given_by_the_caller_is_kept_and_scored():
    """A rhythm level grades by the beat: a slow reaction can still be PERFECT, and LATE scores like OK."""
    scorer = Scorer(4.0)
    assert scorer.hit("clap", 3.9, grade="PERFECT").points == 300
    assert scorer.hit("clap", 0.1, grade="LATE").grade == "LATE"


def test_bonus_move_scores_double():
    assert Scorer(LIMIT).hit("flap", 0.2).points == 600
    assert Scorer(LIMIT).hit("flap", 1.0).points == 400
    scorer = Scorer(LIMIT)
    for _ in range(3):
        scorer.hit("wave", 0.2)
    assert scorer.hit("flap", 0.2).points == 300 * 2 * 2  # combo multiplier 2 and bonus 2


def test_summary_of_a_known_level():
    scorer = Scorer(LIMIT)
    scorer.hit("punch_left", 0.5)        # PERFECT x1: 300, combo 1
    scorer.hit("punch_right", 1.0)       # GOOD x1: 200, combo 2
    scorer.hit("wave", 1.8)              # OK x1: 100, combo 3
    scorer.hit("flap", 0.6)              # PERFECT x2, bonus x2: 1200, combo 4
    scorer.wrong("kick_left", "kick_right")  # 0, combo 0
    scorer.hit("clap", 0.3)              # PERFECT x1: 300, combo 1
    scorer.timeout("kick_right")         # 0, combo 0
    scorer.hit("wave", 1.2)              # GOOD x1: 200, combo 1
    summary = scorer.summary()
    assert summary == {
        "score": 2300, "prompts": 8, "hits": 6, "misses": 2, "accuracy": 0.75,
        "mean_reaction_ms": pytest.approx((500 + 1000 + 1800 + 600 + 300 + 1200) / 6),
        "best_combo": 4, "stars": 2,
    }
    assert [o.grade for o in scorer.outcomes] == ["PERFECT", "GOOD", "OK", "PERFECT", "WRONG", "PERFECT", "MISS",
                                                   "GOOD"]


def test_summary_with_no_prompts():
    assert Scorer(LIMIT).summary() == {"score": 0, "prompts": 0, "hits": 0, "misses": 0, "accuracy": 0.0,
                                       "mean_reaction_ms": None, "best_combo": 0, "stars": 0}


def test_summary_with_no_hits():
    scorer = Scorer(LIMIT)
    scorer.timeout("wave")
    summary = scorer.summary()
    assert (summary["accuracy"], summary["mean_reaction_ms"], summary["stars"], summary["misses"]) == (0.0, None, 0, 1)


@pytest.mark.parametrize("hits, misses, stars", [(1, 2, 0), (1, 1, 1), (2, 1, 1), (3, 1, 2), (8, 2, 2), (9, 1, 3),
                                                 (4, 0, 3)])
def test_stars_by_accuracy(hits, misses, stars):
    scorer = Scorer(LIMIT)
    for _ in range(hits):
        scorer.hit("wave", 0.2)
    for _ in range(misses):
        scorer.timeout("wave")
    assert scorer.summary()["stars"] == stars


def test_time_limit_must_be_positive():
    with pytest.raises(ValueError, match="time_limit_s"):
        Scorer(0)
