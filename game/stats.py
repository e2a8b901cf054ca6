"""How a session ran, for --stats-json and the D overlay: render rates (per scene too, to see which is slow), the
pose rate, start-up times, and resident memory and threads sampled through a long session."""

import os
import statistics
import sys
import threading
import time
from array import array
from pathlib import Path

from . import theme, ui

RESOURCE_SAMPLE_S = 30.0


class SessionStats:
    def __init__(self, launched):
        self.launched = launched
        # Compact arrays: a long session's frame rates must not be what grows its memory.
        self.render_fps = array("f")
        self.render_fps_by_scene = {}  # a scene class's name: its frames' rates
        self.resources = []  # every RESOURCE_SAMPLE_S: resident memory and threads, to see that neither grows
        self.pose_fps = []
        self.pose_fps_by_player = []  # family mode: each player's half, sampled with pose_fps
        self.noted = {}  # figures a scene measured once: {name: [seconds, ...]}
        self._last_resource_sample = -RESOURCE_SAMPLE_S
        self._last_pose_sample = 0.0

    def measure(self, dt, scene, tracker):
        """One rendered frame of dt seconds, once the tracker is ready."""
        if not tracker.ready or dt <= 0:
            return
        self.render_fps.append(1.0 / dt)
        self.render_fps_by_scene.setdefault(type(scene).__name__, array("f")).append(1.0 / dt)
        now = time.monotonic()
        if now - self._last_resource_sample >= RESOURCE_SAMPLE_S:
            self._last_resource_sample = now
            self.resources.append({"t_s": round(now - self.launched, 1), "rss_mb": rss_mb(),
                                   "threads": threading.active_count()})
        if now - self._last_pose_sample >= 1.0:
            self._last_pose_sample = now
            self.pose_fps.append(tracker.pose_fps)
            for index, seat in enumerate(getattr(tracker, "seats", ())):
                if index == len(self.pose_fps_by_player):
                    self.pose_fps_by_player.append([])
                self.pose_fps_by_player[index].append(seat.pose_fps)

    def note(self, name, value):
        """A figure measured by a scene (the seconds a rhythm level's music took to make), kept for the summary."""
        self.noted.setdefault(name, []).append(round(float(value), 4))

    def summary(self, window_at, ready_at, video_driver):
        return {"time_to_window_s": window_at - self.launched,
                "time_to_ready_s": ready_at - self.launched if ready_at is not None else None,
                "render_fps_median": statistics.median(self.render_fps) if self.render_fps else None,
                "pose_fps": statistics.median(self.pose_fps) if self.pose_fps else None,
                "pose_fps_by_player": [statistics.median(rates) for rates in self.pose_fps_by_player],
                "render_frames": len(self.render_fps),
                "render_fps_by_scene": {scene: {"mean": len(rates) / sum(1 / rate for rate in rates),
                                                "median": statistics.median(rates), "p5": fifth_percentile(rates),
                                                "frames": len(rates)}
                                        for scene, rates in self.render_fps_by_scene.items()},
                "peak_rss_mb": peak_rss_mb(), "video_driver": video_driver, "resources": self.resources,
                "noted": self.noted}


def draw_diagnostics(screen, rendering_fps, tracker):
    """The D overlay: render and pose rates, milliseconds per frame, the camera's state, class probabilities."""
    import pygame
    view = tracker.view()
    lines = [f"render {rendering_fps:.0f} fps", f"pose {tracker.pose_fps:.1f} fps", f"pose {view.pose_ms:.1f} ms",
             f"recognizer {view.recognizer_ms:.1f} ms", f"camera: {tracker.state}"]
    rect = pygame.Rect(10, screen.get_height() - 340, 300, 330)
    ui.panel(screen, rect, alpha=200, over=None)
    for index, line in enumerate(lines):
        ui.text(screen, line, 24, (rect.left + 12, rect.top + 10 + index * 24), theme.TEXT, "topleft", False)
    for index, (label, p) in enumerate(sorted((view.probabilities or {}).items())):
        y = rect.top + 140 + index * 22
        ui.text(screen, label, 20, (rect.left + 12, y), theme.DIM, "topleft", False)
        ui.bar(screen, pygame.Rect(rect.left + 120, y + 3, 160, 12), p, theme.ACCENT, back=theme.BAR_BACK)


def rss_mb():
    """This process's resident memory now, in MB; None where /proc is not (Linux only, and all a soak test needs)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb():
    """This process's peak resident memory in MB; None where neither /proc nor the resource module is (Windows).

    Linux's VmHWM is the process's own; getrusage's ru_maxrss keeps, across exec, the peak of the process that
    started it (a benchmark that had loaded two BlazePose graphs made the game it started seem 600-700 MB)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def fifth_percentile(rates):
    """The slow frames a median hides: the rate 5 % of frames fall below."""
    return statistics.quantiles(rates, n=20)[0] if len(rates) > 1 else rates[0]
