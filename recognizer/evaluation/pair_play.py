"""Family mode on labelled clips: two clips of different people side by side in one camera-sized frame, each half
through its own BlazePose, recognizer and judge, as game/pair_tracking.py plays them; every prompt's verdict
compared with the verdict the same clip gets alone (clip_play, the single-player game).

Each half is prompted with its own clip's prompts (clip_play.prompts: a clip without a move is prompted idle with
every move) and, for cross-talk, with its partner's move as an idle prompt when its own clip does not show that move:
a verdict on a move only the partner made that the clip alone does not give is the other player's move counted for
this one.
"""

from recognizer.datasets import labelled_clips
from recognizer.evaluation import clip_play, eval_streams, judge_evidence, streaming
from recognizer.evaluation.prompted_play import Prompt
from recognizer.runtime.judge import MISS
from recognizer.runtime.pair import SIDES
from recognizer.runtime.video import read_pair


def partners(clips):
    """[(left, right)]: each clip on the left once, beside the next clip in the list of another person (by the
    `person` column, or another file when the file names no person); none when everyone is one person."""
    pairs = []
    for index, left in enumerate(clips):
        others = clips[index + 1:] + clips[:index]
        right = next((clip for clip in others if clip.path != left.path
                      and (not left.person or clip.person != left.person)), None)
        if right is not None:
            pairs.append((left, right))
    return pairs


def cross_prompts(stream, partner_labels):
    """The idle prompts of the partner's move this half's own clip does not show."""
    return [Prompt("idle", move, stream.n_lead, stream.n_frames)
            for move in sorted(partner_labels - stream.labels)]


def judged(stream, partner_labels, model, labels, rule, scorer):
    """[(prompt kind, prompt label, whose prompt, verdict)] of one stream: "partner" for a prompt of a move only the
    partner's clip shows (a clip without a move is already prompted idle with every move), "own" otherwise."""
    probabilities = streaming.stream_probabilities(model, stream)
    only_partners = partner_labels - stream.labels
    queue = clip_play.prompts(stream) + (cross_prompts(stream, partner_labels) if stream.labels else [])
    evidence = [judge_evidence.record(stream, probabilities, labels, prompt, None, rule.default) for prompt in queue]
    rows = judge_evidence.rows(evidence, rule, scorer)
    return [(prompt.kind, prompt.label, "partner" if prompt.label in only_partners else "own", row["verdict"])
            for prompt, row in zip(queue, rows)]


def play(clips, model, rule, scorer, size, estimators, alone, compose="crop"):
    """The report of family play on every pair of `clips` (LabelledClip) at `size`, composed as runtime.pair.
    side_by_side's `compose`; alone: {clip path: its EvalStream through the single-player pose extraction}."""
    labels = [str(label) for label in model.classes_]
    prompts, pairs = [], []
    for left, right in partners(clips):
        poses = read_pair(left.path, right.path, size, estimators, compose)
        pair = {"left": left.row["file"], "right": right.row["file"], "sides": {}}
        for side, clip, clip_poses, partner in zip(SIDES, (left, right), poses, (right, left)):
            if not len(clip_poses.times) or clip.path not in alone:
                pair["sides"][side] = "no person found" if not len(clip_poses.times) else "no person found alone"
                continue
            stream = eval_streams.from_clip(labelled_clips.skeleton_clip(clip, clip_poses, 0))
            in_pair = judged(stream, partner.labels, model, labels, rule, scorer)
            by_itself = judged(alone[clip.path], partner.labels, model, labels, rule, scorer)
            for (kind, label, whose, verdict), (*_, single) in zip(in_pair, by_itself):
                prompts.append({"file": clip.row["file"], "side": side, "partner": partner.row["file"], "kind": kind,
                                "label": list(label) if isinstance(label, tuple) else label, "whose": whose,
                                "verdict": verdict, "alone": single})
            pair["sides"][side] = "played"
        pairs.append(pair)
    return {"size": f"{size[0]}x{size[1]}", "compose": compose, "pairs": pairs, "prompts": prompts} | figures(prompts)


def figures(prompts):
    """Agreement with the single-player verdicts, and cross-talk: a verdict on the partner's move the clip alone
    does not give."""
    cross = [p for p in prompts if p["whose"] == "partner"]
    crossed = [p for p in cross if p["verdict"] != MISS and p["alone"] == MISS]
    agreeing = sum(p["verdict"] == p["alone"] for p in prompts)
    hits = sum(p["verdict"] != MISS and p["kind"] == "move" for p in prompts)
    hits_alone = sum(p["alone"] != MISS and p["kind"] == "move" for p in prompts)
    return {"n_prompts": len(prompts), "agreement": agreeing / len(prompts) if prompts else None,
            "n_partner_prompts": len(cross), "cross_talk_verdicts": len(crossed),
            "move_verdicts_in_pair": hits, "move_verdicts_alone": hits_alone}


def summary(result):
    agreement = "-" if result["agreement"] is None else f"{result['agreement']:.3f}"
    return (f"{result['size']} ({result['compose']}): {len(result['pairs'])} pairs, {result['n_prompts']} prompts, "
            f"verdicts as alone {agreement}; cross-talk {result['cross_talk_verdicts']} of "
            f"{result['n_partner_prompts']} partner-move prompts; move prompts not missed "
            f"{result['move_verdicts_in_pair']} in pairs, {result['move_verdicts_alone']} alone")
