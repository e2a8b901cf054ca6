"""What a held-out dataset streams, in one form for every dataset, and every frame's window features.

Recordings (G3D, MSRC-12 kick on G3D's even 30 fps grid) are streamed whole and scored against their truth
actions; clips (MSR Action3D, UTD-MHAD, Kinder-Gator, the webcam videos) each after a still lead-in, as
../shared/EVALUATION.md says. A frame's window features do not depend on any model, so they are computed
once per dataset and kept in the array cache; folds only run the GRU over them.
"""

import sys
from dataclasses import dataclass, field

import numpy as np

from recognizer.datasets import (
    array_cache,
    g3d,
    msrc12_kick,
    pose_cache,
    webcam_gestures,
)
from recognizer.runtime import features, live, skeleton
from recognizer.training import streams

LEAD_IN_S = 1.0
# Recordings scored like G3D's, on its frame grid; every other dataset is clip streams.
RECORDING_DATASETS = ("g3d", msrc12_kick.NAME)
FPS = g3d.FPS


@dataclass
class EvalStream:
    """One recording or clip as it is streamed: skeletons at times (a clip's lead-in first), whether the
    body is in view at each frame, and what it is scored against.

    truth: [(label, start frame, end frame)] of a recording; labels: the labels a clip's move may be (empty for
    other motion; None for a recording); identity: how report rows name it."""
    dataset: str
    key: str
    subject: int
    skeletons: np.ndarray
    times: np.ndarray
    identity: dict
    truth: list = field(default_factory=list)
    labels: frozenset | None = None
    n_lead: int = 0
    seconds: float = 0.0  # a clip's own length, without its lead-in
    visible: np.ndarray | None = None  # None: always in view (Kinect skeletons)
    group: str | None = None
    accepted: np.ndarray = field(init=False)  # the frames the live pipeline's FlipFilter keeps

    def __post_init__(self):
        self.accepted = skeleton.accepted_frames(self.skeletons, self.times)

    @property
    def is_clip(self):
        return self.labels is not None

    @property
    def n_frames(self):
        return len(self.times)

    def in_view(self):
        return np.ones(self.n_frames, bool) if self.visible is None else self.visible

    def last_accepted(self):
        """(n_frames,) the frame each frame is scored as: itself, or the last frame the FlipFilter accepted."""
        return np.maximum.accumulate(np.where(self.accepted, np.arange(self.n_frames), 0))

    def scored_skeletons(self):
        """(n_frames, 15, 3): the skeleton the live pipeline hands over with each frame's scores (Scores.skeleton)."""
        return self.skeletons[self.last_accepted()]

    def window_features(self):
        """(n_frames, N_STEPS, N_FEATURES): the window each frame is scored from in the live pipeline, the frames
        its FlipFilter rejects left out and each of them scored as the last frame it accepted."""
        return features.window_features(self.skeletons[self.accepted], self.times[self.accepted],
                                        self.times[self.last_accepted()])


def with_lead_in(skeletons, times, visible=None):
    """(skeletons, times, visible, n_lead): the clip after LEAD_IN_S of its first frame held still, at the clip's
    own frame rate (its median time step)."""
    step = float(np.median(np.diff(times)))
    n_lead = int(round(LEAD_IN_S / step))
    lead_times = times[0] - step * np.arange(n_lead, 0, -1)
    visible = np.ones(len(times), bool) if visible is None else visible
    return (np.concatenate([np.repeat(skeletons[:1], n_lead, axis=0), skeletons]),
            np.concatenate([lead_times, times]), np.concatenate([np.repeat(visible[:1], n_lead), visible]), n_lead)


def from_recording(recording):
    return EvalStream("g3d", f"{recording.actor}_{recording.first_id}", recording.actor, recording.skeletons,
                      recording.times, {"actor": recording.actor, "first_id": recording.first_id},
                      [(a.label, a.start, a.end) for a in recording.truth])


def from_kick_sequence(sequence):
    on_grid = msrc12_kick.at_fps(sequence, FPS)
    return EvalStream(msrc12_kick.NAME, on_grid.name, on_grid.person, on_grid.skeletons, on_grid.times,
                      {"name": on_grid.name, "person": on_grid.person},
                      [(label, frame, frame) for frame, label in on_grid.kicks])


def from_clip(clip):
    """A clip after its lead-in; one from a camera (with BlazePose's visibilities) is in view or not by its joints'
    visibility, as the live pipeline sees it."""
    from_camera = clip.visibility is not None
    in_view = live.in_view(clip.visibility, image_points=clip.image_points) if from_camera else None
    skeletons, times, visible, n_lead = with_lead_in(clip.skeletons, clip.times, in_view)
    return EvalStream(clip.dataset, clip.name, clip.subject, skeletons, times,
                      {"dataset": clip.dataset, "name": clip.name, "subject": clip.subject, "action": clip.action},
                      labels=clip.labels, n_lead=n_lead, seconds=clip.seconds, visible=visible if from_camera else None,
                      group=clip.group)


def from_item(name, item):
    if name == "g3d":
        return from_recording(item)
    return from_kick_sequence(item) if name == msrc12_kick.NAME else from_clip(item)


def load(name, path, cache=None):
    """([EvalStream], notes) of one dataset's folder; cache: the pose cache for the webcam videos."""
    items, notes = streams.load_items(name, path, cache)
    return [from_item(name, item) for item in items], notes




def window_features(name, path, streams, cache=None):
    """{stream key: (n_frames, N_STEPS, N_FEATURES)}: every frame's window (ending at that frame), from the array
    cache (an ArrayCache) when the dataset's files and the code are those it was computed from. Kept in float32:
    the probabilities must be the live pipeline's, not within a rounding of them."""
    extra = {"pose_model": pose_cache.pose_model_version()} if name == webcam_gestures.NAME else {}
    entry_key = array_cache.key(dataset=name, data=array_cache.data_fingerprint(path),
                                code=array_cache.code_fingerprint(sys.modules[__name__]), **extra)

    def compute():
        return {stream.key: stream.window_features() for stream in streams}
    found = (cache or array_cache.ArrayCache()).get_or_compute(f"test_features/{name}", entry_key, compute)
    return {stream.key: found[stream.key] for stream in streams}
