"""Pose extraction of whole video clips: cached per clip, run on a pool of worker processes.

A clip's cache entry is keyed by the file's content hash and the pose model's version, so a renamed or
copied clip is not read again and a new BlazePose release reads every clip afresh. Entries are written
to a temporary file and renamed, so several extraction runs on one machine can share the cache.
"""

import hashlib
import importlib.metadata
import importlib.util
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import platformdirs
from tqdm import tqdm

from recognizer.errors import SourceError
from recognizer.runtime.video import ClipPoses, read_clip

APP_NAME = "move-match"
CACHE_FORMAT = 2  # of the .npz entries (PoseCache.put); part of the key
_CHUNK = 1 << 20


def usable_cores():
    """The cores this process may run on (fewer than the machine's under a CPU limit)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_cache_dir():
    """Where extracted poses are kept (e.g. ~/.cache/move-match/poses on Linux)."""
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "poses"


@lru_cache(maxsize=1)
def pose_model_version():
    """mediapipe's version and a hash of the BlazePose full model file it bundles (found without importing
    mediapipe, which takes seconds, so that a run that only reads the cache starts at once)."""
    package = Path(importlib.util.find_spec("mediapipe").origin).parent
    model = package / "modules" / "pose_landmark" / "pose_landmark_full.tflite"
    return f"mediapipe-{importlib.metadata.version('mediapipe')}-full-{file_hash(model)[:12]}-cache{CACHE_FORMAT}"


def file_hash(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class PoseCache:
    """ClipPoses on disk, one .npz per (clip content, pose model version), read without pickle."""

    def __init__(self, directory=None):
        self.directory = Path(directory) if directory else default_cache_dir()

    def entry(self, content_hash):
        return self.directory / pose_model_version() / content_hash[:2] / f"{content_hash}.npz"

    def get(self, content_hash):
        """The cached ClipPoses, or None; an unreadable entry counts as missing (and is read again)."""
        try:
            with np.load(self.entry(content_hash), allow_pickle=False) as saved:
                n_frames, duration_s = saved["info"]
                return ClipPoses(saved["times"], saved["world"], saved["image"], saved["visibility"],
                                 int(n_frames), float(duration_s))
        except (OSError, ValueError, KeyError):
            return None

    def put(self, content_hash, clip):
        """Written to a temporary file in the same folder, then renamed: readers see all of it or none."""
        path = self.entry(content_hash)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp", delete=False)
        try:
            with tmp:
                np.savez_compressed(tmp, times=clip.times, world=clip.world, image=clip.image,
                                    visibility=clip.visibility, info=np.array([clip.n_frames, clip.duration_s]))
            os.replace(tmp.name, path)
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise


_worker_estimator = None


def _start_worker():
    global _worker_estimator
    from recognizer.runtime.pose import PoseEstimator
    _worker_estimator = PoseEstimator()


def _extract(path, cache_dir, content_hash):
    """In a worker: read the clip into the cache. (path, its ClipPoses or None, error message or None)."""
    try:
        clip = read_clip(path, _worker_estimator)
    except SourceError as error:
        return path, None, str(error)
    PoseCache(cache_dir).put(content_hash, clip)
    return path, clip, None


@dataclass
class Extraction:
    """What extract() found: poses per clip path, problems by path, and how the work went."""
    poses: dict
    problems: list
    n_cached: int
    n_extracted: int
    seconds: float
    video_seconds: float  # of the clips with poses
    extracted_video_seconds: float  # of those read by BlazePose in this run, not from the cache

    @property
    def seconds_per_video_minute(self):
        minutes = self.extracted_video_seconds / 60
        return self.seconds / minutes if minutes else None

    def summary(self):
        rate = self.seconds_per_video_minute
        return (f"{len(self.poses)} clips ({self.n_cached} from the cache, {self.n_extracted} extracted), "
                f"{self.video_seconds:.1f} s of video, in {self.seconds:.1f} s"
                + (f" ({rate:.1f} s per minute of video extracted)" if rate else "")
                + f"; {len(self.problems)} problem(s)")

    def as_json(self):
        return {"clips": len(self.poses), "from_cache": self.n_cached, "extracted": self.n_extracted,
                "seconds": round(self.seconds, 3), "video_seconds": round(self.video_seconds, 3),
                "extracted_video_seconds": round(self.extracted_video_seconds, 3),
                "seconds_per_video_minute": self.seconds_per_video_minute, "problems": self.problems}


def extract(paths, cache=None, workers=None, progress=True):
    """Extraction of every clip not yet in the cache, on `workers` processes (default: one per core),
    each with its own BlazePose. Unreadable clips and clips without a person are reported in
    `problems` by path and left out; the rest go on."""
    cache = cache or PoseCache()
    started = time.monotonic()
    found, hashes, problems = {}, {}, []  # found: path -> ClipPoses, None until extracted
    for path in map(Path, paths):
        try:
            hashes[path] = file_hash(path)
        except OSError as error:
            problems.append(f"{path}: cannot be read ({error.strerror or error})")
            continue
        found[path] = cache.get(hashes[path])
    todo = [path for path, clip in found.items() if clip is None]
    if todo:
        workers = max(1, min(workers or usable_cores(), len(todo)))
        # spawn, not fork: mediapipe and TensorFlow threads do not survive a fork.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
            jobs = [pool.submit(_extract, path, cache.directory, hashes[path]) for path in todo]
            for job in tqdm(as_completed(jobs), total=len(jobs), desc="pose extraction", unit="clip",
                            disable=not progress):
                path, found[path], error = job.result()
                if error:
                    problems.append(f"{error}; skipped")
    poses = {}
    for path, clip in found.items():
        if clip is not None and not len(clip.times):
            problems.append(f"{path}: no person found in any of its {clip.n_frames} frames; skipped")
        elif clip is not None:
            poses[path] = clip
    extracted = set(todo)
    return Extraction(poses, problems, len(found) - len(todo), len(todo), time.monotonic() - started,
                      sum(clip.duration_s for clip in poses.values()),
                      sum(clip.duration_s for path, clip in poses.items() if path in extracted))
