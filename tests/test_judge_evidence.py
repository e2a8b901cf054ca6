"""The judge's two kinds of evidence: the body's form makes a HIT the model is unsure of, and vetoes one it is sure
of; evaluation's evidence, recorded once and decided under many rules, gives the very verdicts of the judge fed
frame by frame."""

import math

import numpy as np
import pytest

from game.virtual_player import VirtualPlayer
from recognizer.evaluation import eval_streams, judge_choice, judge_evidence, prompted_play, streaming
from recognizer.runtime.form import FormScorer
from recognizer.runtime.judge import HIT, JudgeRule, JudgeSettings, PromptJudge, as_rule, load_judge, save_judge

LABELS = ["background", "kick_left", "punch_right", "wave"]
FPS = 30


def moving(move, seconds=3.0, seed=0):
    """(times, skeletons) of the virtual player doing `move` from 0.5 s on (None: standing still)."""
    player = VirtualPlayer(seed=seed)
    if move is not None:
        player.perform(move, 0.5)
    times = np.arange(0.0, seconds, 1 / FPS)
    return times, np.stack([player.skeleton(t) for t in times])


def run(judge, move, support, other=0.0, seconds=3.0):
    """The first verdict on `move`'s prompt, the model giving it `support` (and `other` to another move)."""
    times, skeletons = moving(move, seconds)
    row = np.zeros(len(LABELS))
    row[LABELS.index("kick_left")] = support
    row[LABELS.index("wave")] = other
    row[0] = 1 - row.sum()
    judge.open("kick_left")
    for frame, (t, skeleton) in enumerate(zip(times, skeletons)):
        verdict = judge.update(t, row, frame=frame, skeleton=skeleton)
        if verdict is not None:
            return verdict
    return None


def test_the_body_makes_a_hit_the_model_is_unsure_of_only_with_its_support():
    rule = JudgeSettings(hit_on=0.9, form_on=1.0, support=0.1, against=0.5)
    verdict = run(PromptJudge(LABELS, rule), "kick_left", support=0.2)
    assert verdict is not None and (verdict.verdict, verdict.label, verdict.by) == (HIT, "kick_left", "form")
    assert run(PromptJudge(LABELS, rule), "kick_left", support=0.05) is None  # too little support
    assert run(PromptJudge(LABELS, rule), "kick_left", support=0.2, other=0.6) is None  # another move is likelier
    assert run(PromptJudge(LABELS, rule), None, support=0.2) is None  # standing still: no kick's form
    assert run(PromptJudge(LABELS, JudgeSettings(hit_on=0.9)), "kick_left", support=0.2) is None  # the model alone


def test_the_body_vetoes_a_hit_of_a_move_it_plainly_did_not_make():
    rule = JudgeSettings(hit_on=0.9, veto=0.5)
    assert run(PromptJudge(LABELS, rule), "kick_left", support=0.95).by == "model"
    assert run(PromptJudge(LABELS, rule), None, support=0.95) is None  # the model's kick, a body standing still
    assert run(PromptJudge(LABELS, JudgeSettings(hit_on=0.9)), None, support=0.95).verdict == HIT


def test_a_rule_per_family_and_per_move():
    kicks = JudgeSettings(hit_on=0.6)
    left = JudgeSettings(hit_on=0.3)
    rule = JudgeRule(JudgeSettings(hit_on=0.9), (("kick", kicks), ("kick_left", left)))
    assert rule.for_move("kick_left") is left and rule.for_move("kick_right") is kicks
    assert rule.for_move("wave") == JudgeSettings(hit_on=0.9) and rule.for_move("jump") == JudgeSettings(hit_on=0.9)
    assert JudgeRule.from_json(rule.to_json()) == rule
    with pytest.raises(Exception, match="smoothing_s and rearm must be the default's"):
        JudgeRule(JudgeSettings(), (("kick", JudgeSettings(smoothing_s=0.3)),))


def test_the_judge_kept_with_a_model_round_trips_and_a_bad_one_is_named(tmp_path):
    rule, scorer = load_judge(tmp_path)  # none kept: the model alone, held to coaching's marks
    assert rule == JudgeRule() and scorer.marks_ == FormScorer().marks_
    rule = JudgeRule(JudgeSettings(), (("punch", JudgeSettings(form_on=1.25, support=0.05, veto=0.5)),))
    scorer = FormScorer().for_player({"kick": [{"rise": 0.2, "planted": 0.0}]})
    save_judge(tmp_path, rule, scorer, "a test")
    again_rule, again_scorer = load_judge(tmp_path)
    assert again_rule == rule and again_rule.for_move("punch_left").form_on == 1.25
    assert again_scorer.marks_["kick"]["rise"] == pytest.approx(scorer.marks_["kick"]["rise"])
    (tmp_path / "judge.json").write_text('{"format": "move-match-judge", "rule": {"default": {"hit_on": 7}}}')
    with pytest.raises(Exception, match="judge.json") as raised:
        load_judge(tmp_path)
    assert "\n" not in str(raised.value)


@pytest.fixture(scope="module")
def g3d_actor_streams(g3d_dir, shipped_model):
    """Two G3D actors' recordings with the shipped model's probabilities (the model saw them: only the judge's
    arithmetic is tested here)."""
    streams, _ = eval_streams.load("g3d", g3d_dir)
    chosen = [stream for stream in streams if stream.subject in (2, 7)]
    return [(stream, streaming.stream_probabilities(shipped_model, stream)) for stream in chosen]


RULES = [JudgeSettings(), JudgeSettings(hit_on=0.99, form_on=1.0, support=0.02),
         JudgeSettings(hit_on=0.8, form_on=1.25, support=0.2, against=0.5, veto=0.8), JudgeSettings(veto=1.0),
         JudgeRule(JudgeSettings(), (("punch", JudgeSettings(hit_on=0.99, form_on=0.8)),))]


@pytest.mark.parametrize("rule", RULES, ids=range(len(RULES)))
def test_recorded_evidence_decides_as_the_judge_fed_frame_by_frame(g3d_actor_streams, shipped_model, rule):
    labels = list(shipped_model.classes_)
    scorer = FormScorer().for_player({"punch": [{"reach": 0.6, "elbow": 0.5, "lead": 0.4, "held": 1.0}]})
    live, replayed = [], []
    for stream, probabilities in g3d_actor_streams:
        queue = prompted_play.prompts(stream.truth, stream.n_frames)
        live += prompted_play.play(stream, probabilities, PromptJudge(labels, rule, scorer), queue=queue)
        replayed += judge_evidence.rows(judge_evidence.record_stream(stream, probabilities, labels, queue),
                                        rule, scorer)
    assert len(live) == len(replayed) > 50
    assert live == replayed
    if any(math.isfinite(as_rule(rule).for_move(move).form_on) for move in ("punch_left", "wave")):
        assert any(row["judged_by"] == "form" for row in live)  # the body's evidence took part


def test_the_rule_is_chosen_within_the_budgets(g3d_actor_streams, shipped_model):
    labels = list(shipped_model.classes_)
    evidence = [found for stream, probabilities in g3d_actor_streams
                for found in judge_evidence.record_stream(stream, probabilities, labels,
                                                          prompted_play.prompts(stream.truth, stream.n_frames))]
    settings = judge_choice.grid()
    counts = judge_choice.counts(evidence, FormScorer(), settings)
    chosen = judge_choice.choose([counts], settings)
    for column, name in enumerate(judge_choice.FAMILIES):
        found = counts.array[chosen[name], column]
        if found[4]:
            assert found[3] / found[4] <= judge_choice.MAX_IDLE_FALSE_RATE
        hits, moves, wrong, false, idle = counts.array[:, column].T
        better = np.flatnonzero((moves > 0) & (hits > found[0]) & (false <= judge_choice.MAX_IDLE_FALSE_RATE * idle)
                                & (wrong <= judge_choice.MAX_WRONG_RATE * moves))
        assert not len(better), (name, settings[better[0]])
