"""The figures of one held-out set of test streams: prompted play first (what a player meets), then the
streaming figures of ../shared/EVALUATION.md (recordings' events against their truth, or clip streams')."""

from recognizer.evaluation import clip_streams, prompted_play, streaming
from recognizer.runtime.decoder import DecoderSettings, EventDecoder
from recognizer.runtime.judge import JudgeSettings
from recognizer.runtime.labels import ACTIONS


def left_out_labels(labels):
    """Moves the model has no class for (flap, when no training set holds one): neither targets nor misses."""
    return sorted(set(ACTIONS) - set(labels))


def _recording_rows(scored, decoder_settings):
    rows = []
    for stream, probabilities, labels in scored:
        row = streaming.report_recording(stream, streaming.decode(EventDecoder(labels, decoder_settings),
                                                                  probabilities, visible=stream.visible))
        rows.append(streaming.without_labels(row, left_out_labels(labels)))
    return rows


def prompt_queues(scored):
    """[(EvalStream, probabilities, labels, its prompts)] of a set: a recording's prompts from its truth (moves the
    model has no class for left out), one prompt per clip, the clips' idle prompts labelled in turn across the set."""
    queues, n_idle_clips = [], 0
    for stream, probabilities, labels in scored:
        if stream.is_clip:
            queue = [prompted_play.clip_prompt(stream, ACTIONS[n_idle_clips % len(ACTIONS)])]
            n_idle_clips += not stream.labels
        else:
            queue = [prompt for prompt in prompted_play.prompts(stream.truth, stream.n_frames)
                     if prompt.kind == "idle" or prompt.label in labels]
        queues.append((stream, probabilities, labels, queue))
    return queues


def _prompt_rows(scored, judge_settings):
    rows = []
    for stream, probabilities, labels, queue in prompt_queues(scored):
        judge, decoder = prompted_play.make_judge("prompt", labels, judge_settings)
        rows += prompted_play.play(stream, probabilities, judge, decoder, queue)
    return rows


def set_report(scored, decoder_settings=DecoderSettings(), judge_settings=JudgeSettings()):
    """{"play": prompted-play figures, "streaming": streaming figures, "rows", "prompts"} of
    scored: [(EvalStream, its per-frame probabilities, the classes they are of)], all recordings or all clips.

    Streaming figures of recordings: target recall (their streaming recall), wrong-label rate (truth actions with
    an event of another label in their matching window), false events per minute over the whole recordings,
    F1, precision and latency; of clips: clip_streams.figures."""
    prompts = _prompt_rows(scored, judge_settings)
    if scored and scored[0][0].is_clip:
        rows = [clip_streams.clip_row(stream, probabilities, EventDecoder(labels, decoder_settings))
                for stream, probabilities, labels in scored]
        figures = clip_streams.figures(rows)
    else:
        rows = _recording_rows(scored, decoder_settings)
        found = streaming.figures(rows)
        figures = {"target_recall": found["recall"] if found["n_truth"] else None,
                   "wrong_label_rate": streaming.wrong_label_rate(rows),
                   "false_events_per_min": found["false_events_per_min"],
                   "non_target_minutes": sum(row["n_frames"] for row in rows) / streaming.FPS / 60,
                   "n_target": found["n_truth"], "n_non_target": sum(not row["truth"] for row in rows)}
        figures |= {key: found[key] for key in ("f1", "precision", "latency_median_s", "latency_p90_s", "per_class")}
    left_out = sorted({label for _, _, labels in scored for label in left_out_labels(labels)})
    return {"play": prompted_play.figures(prompts), "streaming": figures | {"left_out_labels": left_out},
            "rows": rows, "prompts": prompts}


def summary(name, report):
    """One line of a set's figures."""
    stream = report["streaming"]

    def value(number, spec=".3f"):
        return "-" if number is None else format(number, spec)
    return (f"{name}: play {prompted_play.summary(report['play'])}; streaming recall {value(stream['target_recall'])}, "
            f"wrong-label {value(stream['wrong_label_rate'])}, {value(stream['false_events_per_min'], '.2f')} "
            f"false events/min over {stream['non_target_minutes']:.1f} min")
