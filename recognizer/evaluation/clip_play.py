"""Prompted play on labelled video clips (../shared/EVALUATION.md): each clip a clip stream through BlazePose and the
recognizer as live; a clip with a move one move prompt for it (either side of a family), open from the end of the
lead-in to the clip's last frame; a clip without one an idle prompt for each of the seven moves over the same span,
each judged on its own. The verdicts come from the game's judge (recognizer.runtime.judge) through its recorded
evidence (judge_evidence)."""

from recognizer.evaluation import judge_evidence, prompted_play
from recognizer.evaluation.prompted_play import Prompt
from recognizer.runtime.judge import MISS
from recognizer.runtime.labels import ACTIONS


def prompts(stream):
    """The prompts of one labelled clip stream (an EvalStream of a clip)."""
    if stream.labels:
        labels = tuple(sorted(stream.labels))
        return [Prompt("move", labels if len(labels) > 1 else labels[0], stream.n_lead, stream.n_frames,
                       stream.n_lead)]
    return [Prompt("idle", move, stream.n_lead, stream.n_frames) for move in ACTIONS]


def record(streams, probabilities_for, labels, settings):
    """[PromptEvidence] of every clip's prompts, each judged on its own (no previous prompt)."""
    return [judge_evidence.record(stream, probabilities_for(stream), labels, prompt, None, settings)
            for stream in streams for prompt in prompts(stream)]


def entry(row, evidence):
    """A report entry ({"file", "kind", "label", "verdict", "event"}, and what judged it) of a prompt's row."""
    label = evidence.prompt.label
    return {"file": evidence.stream.identity["name"], "kind": row["kind"],
            "label": list(label) if isinstance(label, tuple) else label, "verdict": row["verdict"],
            "event": row["event"], "judged_by": row["judged_by"]}


def report(evidence, rule, form=None):
    """{"prompts": entries, "clips": per clip, and the figures of prompted play over all of them}."""
    rows = judge_evidence.rows(evidence, rule, form)
    entries = [entry(row, found) for row, found in zip(rows, evidence)]
    clips = {}
    for row, found in zip(rows, evidence):
        name = found.stream.identity["name"]
        clip = clips.setdefault(name, {"file": name, "move": found.stream.identity["action"], "rows": []})
        clip["rows"].append(row)
    per_clip = []
    for clip in clips.values():
        rows_of_clip = clip.pop("rows")
        if rows_of_clip[0]["kind"] == "move":
            clip |= {"kind": "move", "verdict": rows_of_clip[0]["verdict"],
                     "event": rows_of_clip[0]["event"]}
        else:
            clip |= {"kind": "idle", "false_verdicts": sum(r["verdict"] != MISS for r in rows_of_clip),
                     "of": len(rows_of_clip)}
        per_clip.append(clip)
    return prompted_play.figures(rows) | {"clips": per_clip, "prompts": entries}


def summary(result):
    lines = [prompted_play.summary(result)]
    for clip in result["clips"]:
        if clip["kind"] == "move":
            said = clip["verdict"] + (f" ({clip['event']['label']})" if clip["event"] else "")
            lines.append(f"  {clip['file']}: {clip['move']} -> {said}")
        else:
            lines.append(f"  {clip['file']}: no move -> {clip['false_verdicts']} false verdict(s) of {clip['of']}")
    return "\n".join(lines)

