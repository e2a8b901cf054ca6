"""Prompted play of ../shared/EVALUATION.md: recordings and clip streams replayed as if a player had been prompted,
each prompt judged by the game's own judge (recognizer.runtime.judge) from the stream up to the current frame."""

from dataclasses import dataclass
from statistics import median

import numpy as np

from recognizer.datasets.g3d import FPS
from recognizer.evaluation import nested
from recognizer.evaluation.streaming import by_subject, grid_settings
from recognizer.runtime.decoder import EventDecoder
from recognizer.runtime.judge import HIT, MISS, WRONG, FirstEventJudge, JudgeSettings, PromptJudge
from recognizer.runtime.labels import ACTIONS

LEAD_FRAMES = round(1.5 * FPS)  # a move prompt opens this long before its action starts
TAIL_S = 1.0
TAIL_FRAMES = round(TAIL_S * FPS)  # and closes this long after it ends
IDLE_FRAMES = round(4.0 * FPS)  # an idle prompt's length, and the shortest stretch that gets any
# Judges by name: the prompt judge of the game, and the first judge (the decoder's first event decides).
JUDGES = ("prompt", "first-event")
# What nested choice asks of a judge setting on the other actors: at most this share of WRONG verdicts on move
# prompts and of false verdicts on idle prompts; among those, the highest hit rate.
MAX_WRONG_RATE = 0.02
MAX_IDLE_FALSE_RATE = 0.03


@dataclass(frozen=True)
class Prompt:
    kind: str  # "move" or "idle"
    label: str | tuple  # a tuple of labels when any of them counts (a clip whose move may be either punch)
    open_frame: int
    close_frame: int  # the first frame no longer judged
    start_frame: int | None = None  # the truth action's start, for a move prompt


def prompts(truth, n_frames):
    """The move and idle prompts of one recording, by opening frame; truth: its actions (label, start, end)."""
    moves, closed = [], 0
    for label, start, end in sorted(truth, key=lambda action: action[1]):
        opens = max(start - LEAD_FRAMES, 0, closed)
        closed = end + TAIL_FRAMES
        moves.append(Prompt("move", label, opens, closed, start))
    busy = sorted((start - LEAD_FRAMES, end + TAIL_FRAMES) for _, start, end in truth)
    idle, free_from = [], 0
    for begin, end in busy + [(n_frames, n_frames)]:
        for first in range(free_from, begin - IDLE_FRAMES + 1, IDLE_FRAMES):
            label = ACTIONS[len(idle) % len(ACTIONS)]
            idle.append(Prompt("idle", label, first, first + IDLE_FRAMES))
        free_from = max(free_from, end)
    return sorted(moves + idle, key=lambda p: p.open_frame)


def clip_prompt(stream, idle_label):
    """The one prompt of a clip stream: a move prompt of its label (of either label, when either counts) for a
    target clip, an idle prompt labelled idle_label for other motion; open from the end of the lead-in to TAIL_S
    after its last frame. The move's start is taken as the prompt's opening: a clip marks none."""
    closes = stream.n_frames + round(TAIL_S / float(np.median(np.diff(stream.times))))
    if stream.labels:
        labels = tuple(sorted(stream.labels))
        return Prompt("move", labels if len(labels) > 1 else labels[0], stream.n_lead, closes, stream.n_lead)
    return Prompt("idle", idle_label, stream.n_lead, closes)


def play(stream, probabilities, judge, decoder=None, queue=None):
    """Every prompt of a EvalStream with its verdict: the judge sees each frame's probabilities (and the
    decoder's event, if a decoder is given), prompts open and close at their frames. queue: the prompts (default:
    those of a recording's truth). Returns the report's prompt rows."""
    if decoder is not None:
        decoder.reset()
    queue = list(prompts(stream.truth, len(probabilities)) if queue is None else queue)
    visible, skeletons = stream.in_view(), stream.scored_skeletons()
    rows, current, previous = [], None, None
    for frame, probabilities_now in enumerate(probabilities):
        time_s = float(stream.times[frame])
        event = (decoder.update(time_s, probabilities_now, bool(visible[frame]), frame=frame)
                 if decoder is not None else None)
        if current is not None and frame >= current.close_frame:
            rows.append(row(stream, current, MISS, None))
            judge.close()
            current = None
        if current is None and queue and queue[0].open_frame <= frame:
            current = queue.pop(0)
            judge.open(current.label, previous)
            previous = current.label
        verdict = judge.update(time_s, probabilities_now, bool(visible[frame]), event=event, frame=frame,
                               skeleton=skeletons[frame])
        if current is not None and verdict is not None:
            rows.append(row(stream, current, verdict.verdict, verdict))
            current = None
    if current is not None:
        rows.append(row(stream, current, MISS, None))
    return rows


def row(stream, prompt, verdict, judged):
    """A prompt's report row: its verdict and the Verdict that judged it (None for a MISS)."""
    reaction = None
    if verdict == HIT and prompt.kind == "move":
        reaction = float(stream.times[judged.frame] - stream.times[prompt.start_frame])
    return {"recording": stream.identity, "kind": prompt.kind, "label": prompt.label,
            "open_frame": prompt.open_frame, "close_frame": prompt.close_frame, "start_frame": prompt.start_frame,
            "verdict": verdict, "event": None if judged is None else {"label": judged.label, "frame": judged.frame},
            "judged_by": None if judged is None else judged.by,
            "reaction_s": reaction}


def figures(rows):
    """Hit rate, wrong rate, idle false-verdict rate and median reaction (s, over HITs) of prompt rows; a figure
    without prompts to compute it from is None (no move prompts, or no idle prompts)."""
    moves = [row for row in rows if row["kind"] == "move"]
    idle = [row for row in rows if row["kind"] == "idle"]
    reactions = [row["reaction_s"] for row in moves if row["verdict"] == HIT]
    return {"hit_rate": _share(moves, HIT), "wrong_rate": _share(moves, WRONG),
            "idle_false_rate": (sum(row["verdict"] != MISS for row in idle) / len(idle)) if idle else None,
            "median_reaction_s": median(reactions) if reactions else None,
            "n_move_prompts": len(moves), "n_idle_prompts": len(idle)}


def _share(rows, verdict):
    return sum(row["verdict"] == verdict for row in rows) / len(rows) if rows else None


def make_judge(name, labels, settings=None):
    """A judge by name (JUDGES) with the decoder it needs, if any: (judge, decoder or None)."""
    if name == "first-event":
        return FirstEventJudge(), EventDecoder(labels)
    return PromptJudge(labels, settings or JudgeSettings()), None


def set_rows(streams, probabilities_for, labels, judge="prompt", settings=None):
    """The prompt rows of EvalStreams under one judge: a recording's prompts from its truth, one prompt per
    clip, the clips' idle prompts labelled in turn across the set."""
    rows, n_idle_clips = [], 0
    for stream in streams:
        queue = None
        if stream.is_clip:
            queue = [clip_prompt(stream, ACTIONS[n_idle_clips % len(ACTIONS)])]
            n_idle_clips += not stream.labels
        rows += play(stream, probabilities_for(stream), *make_judge(judge, labels, settings), queue=queue)
    return rows


def report(streams, probabilities_for, labels, judge="prompt", settings=None):
    """The prompted-play report of EvalStreams under one judge."""
    rows = set_rows(streams, probabilities_for, labels, judge, settings)
    return figures(rows) | {"judge": judge, "prompts": rows}


def _best(scored):
    """The index of the highest hit rate within the wrong and idle budgets (the fewest wrong and idle false
    verdicts when none keeps to them)."""
    idle = [f["idle_false_rate"] or 0.0 for f in scored]  # None: no idle prompts, so no false verdict
    wrong = [f["wrong_rate"] or 0.0 for f in scored]  # None: no move prompts, so no WRONG either
    allowed = [i for i in range(len(scored)) if wrong[i] <= MAX_WRONG_RATE and idle[i] <= MAX_IDLE_FALSE_RATE]
    if not allowed:
        return min(range(len(scored)), key=lambda i: wrong[i] + idle[i])
    return max(allowed, key=lambda i: (scored[i]["hit_rate"] or 0.0, -idle[i]))


def nested_report(streams, probabilities_for, labels, grid):
    """The prompt judge with settings chosen without the actor scored (grid: {name: [values]} of JudgeSettings),
    the choice per actor, and the choice on every actor (the one to ship)."""
    settings = grid_settings(grid, JudgeSettings)
    streams_by_actor = by_subject(streams)

    def run(setting, actor):
        return [row for stream in streams_by_actor[actor]
                for row in play(stream, probabilities_for(stream), PromptJudge(labels, JudgeSettings(**setting)))]
    pooled, chosen, everyone, figures_everyone = nested.nested_choice(
        list(streams_by_actor), settings, run, figures, _best)
    return figures(pooled) | {"judge": "prompt", "prompts": pooled, "grid": grid,
                              "chosen_per_actor": {str(actor): setting for actor, setting in chosen.items()},
                              "chosen_on_every_actor": everyone, "every_actor_figures": figures_everyone}


def summary(result):
    def share(key):
        return "-" if result[key] is None else f"{result[key]:.3f}"
    reaction = result["median_reaction_s"]
    return (f"hit rate {share('hit_rate')}, wrong rate {share('wrong_rate')} ({result['n_move_prompts']} move "
            f"prompts), idle false-verdict rate {share('idle_false_rate')} ({result['n_idle_prompts']} idle prompts), "
            "median reaction " + ("-" if reaction is None else f"{reaction:.3f} s"))
