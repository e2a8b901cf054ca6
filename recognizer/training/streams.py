"""Every skeleton dataset as training streams: skeletons at their times, the moves in them and the moments of
other motion most like a move, in seconds, whatever the dataset's own format."""

from dataclasses import dataclass, field

import numpy as np

from recognizer.datasets import g3d, kinder_gator, msr_action3d, msrc12_kick, utd_mhad, webcam_gestures
from recognizer.datasets.g3d import FPS, G3D_FOLDERS
from recognizer.runtime.labels import BACKGROUND, other_motion
from recognizer.training.action_points import clip_actions, conflicting, motion_peak

# The skeleton datasets, and the webcam videos (BlazePose poses of real webcam frames).
SKELETON_DATASETS = ("g3d", "msr_action3d", "utd_mhad", "msrc12_kick", "kinder_gator")
DATASETS = SKELETON_DATASETS + ("webcam_gestures",)
DEFAULT_TRAINING = SKELETON_DATASETS
# The other datasets hold many more instances of each move than G3D and are not the game's own moves: each of
# their streams gets this share of the windows a G3D stream gets (see WindowSampling); MSRC-12 holds 502 kicks.
WEIGHTS = {"g3d": 1.0, "msr_action3d": 0.25, "utd_mhad": 0.25, "msrc12_kick": 0.1, "kinder_gator": 0.25,
           "webcam_gestures": 0.25}
# Other people's other motion is what the game needs most to stay quiet on: non-target clips get this many
# times their dataset's weight.
NON_TARGET_BOOST = 2.0


@dataclass
class TrainingStream:
    """dataset, key, subject (the person: streams of one subject are never split between training and test),
    skeletons (T, 15, 3) canonical at times (T,) seconds, actions [(label, start_s, end_s)], hard_points:
    [(seconds, label)] of non-target motion most like a move (G3D's distractor action points, a non-target
    clip's peak) with the label of their windows, motion: the label of the windows away from the actions
    (labels.other_motion(name) for a non-target clip's named action, else BACKGROUND), weight: share of the
    sampling's windows per action, per second and per hard point."""
    dataset: str
    key: str  # the recording's or clip's name, as reports give it (a G3D recording's "<actor>_<first id>")
    subject: int
    skeletons: np.ndarray
    times: np.ndarray
    actions: list
    hard_points: list = field(default_factory=list)
    motion: str = BACKGROUND
    weight: float = 1.0
    group: str | None = None  # who, where a dataset tells people apart (Kinder-Gator's children and adults)


def from_g3d(recording):
    """Distractor action points are hard points named by their folder (other_motion("g3d Walk"))."""
    hard = [(frame / FPS, other_motion(f"g3d {folder}")) for frame, folder in recording.folders
            if folder not in G3D_FOLDERS]
    return TrainingStream("g3d", f"{recording.actor}_{recording.first_id}", recording.actor, recording.skeletons,
                          recording.times,
                          [(a.label, a.start / FPS, a.end / FPS) for a in recording.truth], hard)


def from_clip(clip):
    """A target clip's moves where its limbs peak; a non-target clip is its named motion all through, its
    motion peak a hard point."""
    if clip.is_target:
        return TrainingStream(clip.dataset, clip.name, clip.subject, clip.skeletons, clip.times, clip_actions(clip),
                              weight=WEIGHTS[clip.dataset], group=clip.group)
    motion = other_motion(f"{clip.dataset} {clip.motion_name}")
    return TrainingStream(clip.dataset, clip.name, clip.subject, clip.skeletons, clip.times, [],
                          [(motion_peak(clip), motion)], motion, WEIGHTS[clip.dataset] * NON_TARGET_BOOST, clip.group)


def from_kick_sequence(sequence):
    actions = [(label, float(sequence.times[frame]), float(sequence.times[frame])) for frame, label in sequence.kicks]
    return TrainingStream(msrc12_kick.NAME, sequence.name, sequence.person, sequence.skeletons, sequence.times, actions,
                          weight=WEIGHTS[msrc12_kick.NAME])


# The loader module of each dataset but G3D (whose recordings load by actor).
LOADERS = {"msr_action3d": msr_action3d, "utd_mhad": utd_mhad, "msrc12_kick": msrc12_kick,
           "kinder_gator": kinder_gator, "webcam_gestures": webcam_gestures}


def trainable(stream):
    """Whether a stream can teach: not when moves of two labels come so close that a window holds both (UTD-MHAD's
    front boxing alternates arms several times a second; a child punching with both hands at once)."""
    return not conflicting(stream.actions)


def load_items(name, path, pose_cache=None):
    """(items, notes) of one dataset in its loader's terms; the webcam videos' poses come through pose_cache (a
    PoseCache, None for the default one)."""
    if name == "g3d":
        return [r for recordings in g3d.load(path).values() for r in recordings], []
    if name == webcam_gestures.NAME:
        return webcam_gestures.load(path, pose_cache)
    return LOADERS[name].load(path)


def from_item(name, item):
    if name == "g3d":
        return from_g3d(item)
    return from_kick_sequence(item) if name == msrc12_kick.NAME else from_clip(item)


def load(paths, pose_cache=None):
    """({dataset: [TrainingStream]}, notes) of the datasets named in paths ({dataset: folder}), without the
    streams that cannot teach (trainable)."""
    streams, notes = {}, []
    for name, path in paths.items():
        items, found_notes = load_items(name, path, pose_cache)
        notes += found_notes
        streams[name] = [stream for stream in (from_item(name, item) for item in items) if trainable(stream)]
    return streams, notes
