"""python run_game.py: the game's window, its loop and the scenes' shared state.

The loop never waits on the recognizer: trackers run on their own threads and are read without
blocking; models load on a thread behind a loading screen, so the window is up at once.
"""

import argparse
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
import traceback
from array import array
from datetime import datetime
from pathlib import Path

from recognizer.errors import MoveMatchError

WINDOW_SIZE = (1280, 720)
FPS_CAP = 60
RESULTS_HOLD_S = 1.5  # how long --headless shows the results before quitting
RESOURCE_SAMPLE_S = 30.0
HIDDEN_DRIVERS = ("offscreen", "dummy")  # SDL video drivers with no window: only for --headless


def build_parser():
    from recognizer import __version__
    from recognizer.runtime.model import DEFAULT_MODEL_DIR

    from .levels import DEFAULT_LEVEL_DIR
    from .storage import default_data_dir
    parser = argparse.ArgumentParser(prog="move-match", description="Move Match: a webcam exercise game.",
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--version", action="version", version=f"move-match {__version__}")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--camera", type=int, default=0, help="webcam index (see --list-cameras)")
    source.add_argument("--video", help="a video file that stands in for the webcam (looped)")
    source.add_argument("--demo", action="store_true", help="a virtual player plays instead of you")
    source.add_argument("--replay", help="play a pose recording made with --record instead of the webcam")
    parser.add_argument("--demo-reaction", type=float, default=0.6,
                        help="the virtual player's typical reaction to a prompt, seconds (--demo)")
    parser.add_argument("--width", type=int, default=640, help="camera frame width to ask for")
    parser.add_argument("--height", type=int, default=480, help="camera frame height to ask for")
    parser.add_argument("--mirror", action=argparse.BooleanOptionalAction, default=True,
                        help="show the camera view mirrored (display only)")
    parser.add_argument("--fullscreen", action="store_true", help="start in fullscreen (F toggles)")
    parser.add_argument("--list-cameras", action="store_true", help="print the webcams that open, then exit")
    parser.add_argument("--level", help="play this level straight away, by name (Warm-up, Endless, Daily workout) or "
                                        "file name (01_warm_up)")
    parser.add_argument("--practice", action=argparse.BooleanOptionalAction,
                        help="practise each move once before the first level (default: yes, but not --headless)")
    parser.add_argument("--player", default="Player", help="name for the high-score table and the history")
    parser.add_argument("--adaptive-pace", action="store_true",
                        help="the time for each move follows your reaction times, in every level (A in the menu)")
    parser.add_argument("--ghost", action="store_true",
                        help="race your best: your best run of the level plays beside you (G in the menu)")
    parser.add_argument("--seated", action="store_true", help="seated mode: head to hips in view, no kicks")
    parser.add_argument("--record", help="save the session's poses and events here (no pixels), for --replay")
    parser.add_argument("--teach", action="store_true", help="start in teach mode (saved to --player's profile)")
    parser.add_argument("--teach-repetitions", type=int, default=3, help="repetitions of each move to teach")
    parser.add_argument("--model", default=str(DEFAULT_MODEL_DIR), help="recognizer model folder")
    parser.add_argument("--levels", default=str(DEFAULT_LEVEL_DIR), help="folder of level files (*.toml)")
    parser.add_argument("--data-dir", default=str(default_data_dir()),
                        help="where high scores, the history and profiles are kept")
    parser.add_argument("--seed", type=int, help="random seed for level draws and the demo player")
    parser.add_argument("--headless", action="store_true",
                        help="no window (dummy video and audio drivers); plays a level and quits")
    parser.add_argument("--max-seconds", type=float, help="quit after this many seconds")
    parser.add_argument("--repeat", action="store_true",
                        help="--headless: play the level again after its results, until --max-seconds (a soak test)")
    parser.add_argument("--results-json", help="write the last level's results here")
    parser.add_argument("--stats-json", help="write start-up and frame-rate figures here on exit")
    parser.add_argument("--screenshot-dir", help="save a PNG of each scene as it is first shown")
    return parser


class App:
    """The window, the loop, and what the scenes share (tracker, levels, scores, settings)."""

    def __init__(self, args, launched=None, tracker=None):
        import pygame

        from . import ui
        from .highscores import HighScores
        from .history import HISTORY_FILE, History
        from .levels import load_levels
        from .player import Player
        from .scenes.loading import Loading
        from .sounds import SoundBoard
        self.pygame = pygame
        self.args = args
        self.launched = time.monotonic() if launched is None else launched
        self.messages = []
        self.notice = None
        # SCALED lets F toggle fullscreen at any screen size; the dummy driver has no renderer for it.
        scaled = pygame.SCALED if os.environ.get("SDL_VIDEODRIVER") != "dummy" else 0
        flags = scaled | (pygame.FULLSCREEN if args.fullscreen else 0)
        self.screen = pygame.display.set_mode(WINDOW_SIZE, flags)
        pygame.display.set_caption("Move Match")
        self.screen.fill(ui.BACKGROUND)
        pygame.display.flip()
        self.window_at = time.monotonic()
        self.clock = pygame.time.Clock()
        self.camera_view = ui.CameraView()
        self.mirror = args.mirror
        self.seated = args.seated
        self.diagnostics = False
        self.calibrated = False
        self.practiced = False
        self.running = True
        self.status = 0
        self.rng = random.Random(args.seed)
        self.tracker = tracker or self._tracker()
        self.sounds = SoundBoard()
        self.highscores = HighScores(Path(args.data_dir) / "highscores.json").load()
        self.history = History(Path(args.data_dir) / HISTORY_FILE).open()
        self.adaptive_pace = args.adaptive_pace
        self._hit_latency_s = None
        self.race_ghost = args.ghost
        self.player = Player(args.player, args.data_dir, args.model, self.say)
        self.tracker.on_loaded = self.player.on_loaded
        self.levels, errors = load_levels(args.levels, self.known_moves())
        for message in errors + [self.sounds.message, self.highscores.message, self.history.message]:
            if message:
                self.say(message)
        self.tracker.start()
        self.scene = Loading(self)
        self.shot_scenes = set()
        # Compact arrays: a long session's frame rates must not be what grows its memory.
        self.render_fps = array("f")
        self.render_fps_by_scene = {}  # a scene class's name: its frames' rates, to see which scene is slow
        self.resources = []  # every RESOURCE_SAMPLE_S: resident memory and threads, to see that neither grows
        self._last_resource_sample = -RESOURCE_SAMPLE_S
        self.pose_fps = []
        self.results = None
        self._last_pose_sample = 0.0
        self._failure_shown = None

    def _tracker(self, demo=None):
        from .tracking import CameraTracker, DemoTracker, ReplayTracker
        from .virtual_player import VirtualPlayer
        if demo or self.args.demo:
            player = VirtualPlayer(seed=self.args.seed, reaction_s=self.args.demo_reaction)
            return DemoTracker(self.args.model, self.seated, player=player)
        if self.args.replay:
            return ReplayTracker(self.args.replay, self.args.model, self.seated)
        from recognizer.runtime.sources import CameraSource, VideoSource
        if self.args.video:
            source = VideoSource(self.args.video, realtime=True, loop=True)
        else:
            source = CameraSource(self.args.camera, self.args.width, self.args.height)
        return CameraTracker(source, self.args.model, self.seated, record=self.args.record)

    def known_moves(self):
        """The moves levels may prompt: those of the --model (a model trained on a video folder has its
        own) and the profile's custom moves. A model folder that cannot be read is reported by the tracker."""
        from recognizer.runtime.labels import ACTIONS, BACKGROUND
        from recognizer.runtime.model import ModelError, saved_labels
        try:
            moves = [label for label in saved_labels(self.args.model) if label != BACKGROUND]
        except ModelError:
            moves = list(ACTIONS)
        return moves + self.player.custom_moves

    def apply_profile(self, profile):
        """Refit on a newly taught profile and use it; the levels may now prompt its custom moves."""
        from .levels import load_levels
        message = self.player.taught(profile, self.tracker)
        self.levels, _ = load_levels(self.args.levels, self.known_moves())
        return message

    def say(self, message):
        """A message for the player, on the console and on screen."""
        print(message, file=sys.stderr, flush=True)
        self.messages.append(message)

    def now(self):
        return time.monotonic()

    def loading_message(self):
        return "Loading the pose model..." if self.tracker.error is None else self.tracker.error

    # Scene changes
    def switch(self, scene):
        self.scene = scene

    def to_menu(self):
        from .scenes.menu import Menu
        self.switch(Menu(self))

    def how_to_play(self):
        from .scenes.how_to_play import HowToPlay
        self.switch(HowToPlay(self))

    def teach(self):
        from .scenes.teach import Teach
        self.switch(Teach(self, repetitions=self.args.teach_repetitions))

    def after_loading(self):
        if self.args.teach:
            return self.teach()
        wanted = self.args.level
        if wanted is None and self.args.headless:
            wanted = self.playable_levels()[0].name if self.playable_levels() else None
        if wanted is not None:
            level = next((each for each in self.levels + self.made_levels()
                          if wanted.lower() in (each.name.lower(), each.path.stem.lower() if each.path else "")), None)
            if level is not None:
                return self.play(level)
            names = ", ".join([f"{each.name} ({each.path.stem})" for each in self.levels]
                              + [each.name for each in self.made_levels()])
            self.say(f"--level: no level named {wanted!r} (levels, with their file names: {names})")
            if self.args.headless:
                return self.quit(status=2)
        self.to_menu()

    def loading_failed(self, tracker):
        if getattr(tracker, "source_failed", False):
            # No webcam (or an unreadable --video): say which flag to change, and let the demo play.
            self.say(f"{tracker.error}. Playing the demo instead.")
            self.notice = "No camera: demo mode (see --camera / --video)"
            tracker.stop()
            self.tracker = self._tracker(demo=True).start()
        elif self.args.headless:
            self.say(tracker.error)
            self.quit(status=2)

    def playable_levels(self):
        return [level for level in self.levels if level.seated or not self.seated]

    def made_levels(self):
        """The levels the game makes rather than reads: Endless, and today's workout from the player's history."""
        from datetime import date

        from .levels import doable_moves
        from .pace import endless_level
        from .workout import daily_workout
        moves = doable_moves(self.known_moves(), self.seated)
        if not moves:
            return []  # a model of kicks alone, played seated: nothing the game can make
        return [endless_level(moves, self.seated), daily_workout(self.history, self.player.name, moves, self.seated,
                                                                  date.today())]

    def progress(self):
        from .scenes.progress import Progress
        self.switch(Progress(self))

    def ghost(self, level):
        """The player's best run of the level as a Ghost to race, or None when there is none yet."""
        from .ghost import Ghost, GhostPrompt
        best = self.history.best_run(self.player.name, level.name)
        if best is None:
            return None
        prompts = [GhostPrompt(p.move, p.prompted_at_s, p.hit, p.reaction_ms / 1000 if p.reaction_ms else None,
                               p.points) for p in best.prompts]
        return Ghost(prompts, best.score, self.hit_latency_s())

    def hit_latency_s(self):
        """How long after a move the judge calls its HIT: measured on held-out people and kept with the model
        (recognizer.runtime.model.hit_latency); 0 for a model that has no such figure, which is said once."""
        from recognizer.runtime.model import ModelError, hit_latency
        if self._hit_latency_s is None:
            try:
                self._hit_latency_s = hit_latency(self.args.model)
            except ModelError:
                pass  # the tracker reports a model folder it cannot read
            if self._hit_latency_s is None:
                self.say(f"{self.args.model}: the model has no measured latency (train it with --stream-report); "
                         "rhythm grades and the ghost take none")
                self._hit_latency_s = 0.0
        return self._hit_latency_s

    def set_seated(self, seated):
        self.seated = seated
        self.calibrated = False  # seated play needs another placement
        self.tracker.set_seated(seated)

    def calibrate(self, then):
        from .scenes.calibration import Calibration
        self.switch(Calibration(self, then))

    def play(self, level):
        """Play a level, after calibration and (before the first level, unless --no-practice) practice."""
        from .scenes.play import Play
        if not self.calibrated:
            return self.calibrate(then=level)
        practice = self.args.practice if self.args.practice is not None else not self.args.headless
        if practice and not self.practiced:
            from .scenes.practice import Practice
            return self.switch(Practice(self, then=level))
        ghost = self.ghost(level) if self.race_ghost else None
        if level.rhythm:
            from .scenes.rhythm import Rhythm
            return self.switch(Rhythm(self, level, self.hit_latency_s(), seed=self.rng.random(), ghost=ghost))
        self.switch(Play(self, level, seed=self.rng.random(), adaptive=self.adaptive_pace, ghost=ghost))

    def finish_level(self, level, scorer, duration_s):
        """The level's results: on screen, in the high scores and the history, and in --results-json."""
        from .history import LevelRecord, PromptRecord
        from .scenes.results import Results
        summary = scorer.summary()
        rank = self.highscores.add(level.name, self.player.name, summary["score"]) if summary["score"] > 0 else None
        if self.highscores.save_error:
            self.say(self.highscores.save_error)
        outcomes = scorer.outcomes
        self.results = {"level": level.name, "mode": level.mode, "duration_s": duration_s} | summary | {"outcomes": [
            {"move": o.move, "grade": o.grade, "reaction_ms": o.reaction_ms, "got": o.got,
             "prompted_at_s": o.prompted_at_s, "time_allowed_s": o.time_allowed_s, "coaching": o.coaching}
            for o in outcomes]}
        recognition = getattr(self.tracker, "recognition", None)
        if recognition is not None:
            self.results["virtual_player"] = recognition()
        if self.args.results_json:
            _write_json(self.args.results_json, self.results)
        record = LevelRecord(self.player.name, level.name, level.mode, datetime.now(), duration_s, summary["score"],
                             [PromptRecord(o.move, o.grade, o.hit, o.reaction_ms, o.prompted_at_s, o.time_allowed_s,
                                           o.coaching, o.points) for o in outcomes])
        if not self.history.record(record):
            self.say(self.history.message)
        if self.player.unsaved:
            self.player.save()  # what play's HITs taught the judge
        self.switch(Results(self, level, summary, rank, outcomes))

    def quit(self, status=0):
        self.running = False
        self.status = status

    # The loop
    def step(self):
        """One frame: events, update, draw, flip. Returns the seconds since the last frame."""
        pygame = self.pygame
        dt = self.clock.tick(FPS_CAP) / 1000.0
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.quit()
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.scene.back()
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_f:
                pygame.display.toggle_fullscreen()
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_m:
                self.mirror = not self.mirror
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_d:
                self.diagnostics = not self.diagnostics
            else:
                self.scene.handle(event)
        self._check_recognition()
        scene = self.scene
        scene.update(dt)
        self.scene.draw(self.screen)
        if self.diagnostics:
            self._draw_diagnostics()
        pygame.display.flip()
        self._measure(dt)
        if self.args.screenshot_dir and scene.name not in self.shot_scenes and scene is self.scene:
            self.shot_scenes.add(scene.name)
            folder = Path(self.args.screenshot_dir)
            folder.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.screen, folder / f"{len(self.shot_scenes):02d}_{scene.name}.png")
        return dt

    def _check_recognition(self):
        """A recognizer that stopped on an error is said once, on screen (Esc to the menu) and on the
        console, with the traceback there too when it is a bug rather than bad input."""
        error = self.tracker.failure
        if error is None or error is self._failure_shown:
            return
        self._failure_shown = error
        if not isinstance(error, MoveMatchError):
            traceback.print_exception(error)
        self.say(f"Recognition stopped: {error}")
        if self.args.headless:
            return self.quit(status=2)
        from .scenes.stopped import Stopped
        self.switch(Stopped(self, f"Recognition stopped: {error}"))

    def _measure(self, dt):
        if not self.tracker.ready or dt <= 0:
            return
        self.render_fps.append(1.0 / dt)
        self.render_fps_by_scene.setdefault(type(self.scene).__name__, array("f")).append(1.0 / dt)
        now = time.monotonic()
        if now - self._last_resource_sample >= RESOURCE_SAMPLE_S:
            self._last_resource_sample = now
            self.resources.append({"t_s": round(now - self.launched, 1), "rss_mb": _rss_mb(),
                                   "threads": threading.active_count()})
        if now - self._last_pose_sample >= 1.0:
            self._last_pose_sample = now
            self.pose_fps.append(self.tracker.pose_fps)

    def _draw_diagnostics(self):
        from . import ui
        view = self.tracker.view()
        lines = [f"render {self.clock.get_fps():.0f} fps", f"pose {self.tracker.pose_fps:.1f} fps",
                 f"pose {view.pose_ms:.1f} ms", f"recognizer {view.recognizer_ms:.1f} ms",
                 f"camera: {self.tracker.state}"]
        rect = self.pygame.Rect(10, self.screen.get_height() - 340, 300, 330)
        ui.panel(self.screen, rect, alpha=200, over=None)
        for index, line in enumerate(lines):
            ui.text(self.screen, line, 24, (rect.left + 12, rect.top + 10 + index * 24), ui.TEXT, "topleft", False)
        for index, (label, p) in enumerate(sorted((view.probabilities or {}).items())):
            y = rect.top + 140 + index * 22
            ui.text(self.screen, label, 20, (rect.left + 12, y), ui.DIM, "topleft", False)
            ui.bar(self.screen, self.pygame.Rect(rect.left + 120, y + 3, 160, 12), p, ui.ACCENT, back=(50, 58, 84))

    def run(self):
        started = time.monotonic()
        try:
            while self.running:
                self.step()
                if self.args.max_seconds is not None and time.monotonic() - started >= self.args.max_seconds:
                    self.quit()
                if self.args.headless and self.scene.name == "results" and self.scene.shown_for >= RESULTS_HOLD_S:
                    if self.args.repeat:
                        self.play(self.scene.level)
                    else:
                        self.quit()
        finally:
            self.close()
        return self.status

    def stats(self):
        ready = self.tracker.ready_at
        return {"time_to_window_s": self.window_at - self.launched,
                "time_to_ready_s": ready - self.launched if ready is not None else None,
                "render_fps_median": statistics.median(self.render_fps) if self.render_fps else None,
                "pose_fps": statistics.median(self.pose_fps) if self.pose_fps else None,
                "render_frames": len(self.render_fps),
                "render_fps_by_scene": {scene: {"mean": len(rates) / sum(1 / rate for rate in rates),
                                                "median": statistics.median(rates), "p5": _fifth_percentile(rates),
                                                "frames": len(rates)}
                                        for scene, rates in self.render_fps_by_scene.items()},
                "peak_rss_mb": _peak_rss_mb(), "video_driver": self.pygame.display.get_driver(),
                "resources": self.resources}

    def close(self):
        from . import ui
        stats = self.stats()
        self.pygame.quit()  # the window goes at once; the threads are joined after
        ui.forget_fonts()
        self.tracker.stop()
        self.player.close()
        self.history.close()  # folds the write-ahead log back into the database file
        if self.args.stats_json:
            _write_json(self.args.stats_json, stats)


def _rss_mb():
    """This process's resident memory now, in MB; None where /proc is not (Linux only, and all a soak test needs)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb():
    """This process's peak resident memory in MB; None where Python has no resource module (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def _fifth_percentile(rates):
    """The slow frames a median hides: the rate 5 % of frames fall below."""
    return statistics.quantiles(rates, n=20)[0] if len(rates) > 1 else rates[0]


def _write_json(path, data):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n")


def _no_display_message(driver):
    return (f"error: no display found (SDL's {driver!r} video driver shows nothing); run with --headless to play "
            "without a window, or start from a desktop session")


def _on_quit_signals(handler):
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, handler)


def _exit_at_once(signum, frame):
    """Before the game is running, SIGTERM and SIGINT end the process straight away, without a traceback."""
    raise SystemExit(128 + signum)


def main(argv=None, launched=None):
    _on_quit_signals(_exit_at_once)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not 0 < args.demo_reaction <= 10:
        parser.error(f"--demo-reaction must be more than 0 and at most 10 seconds, not {args.demo_reaction}")
    if args.list_cameras:
        from recognizer.runtime.sources import list_cameras
        found = list_cameras()
        print("cameras: " + (", ".join(map(str, found)) if found else "none found (use --video FILE or --demo)"))
        return 0
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    import pygame
    try:
        pygame.display.init()
        pygame.font.init()
    except pygame.error as error:
        print(f"error: no display found ({error}); run with --headless to play without a window, "
              "or start from a desktop session", file=sys.stderr)
        return 2
    # Without a display SDL falls back to drivers that draw nowhere: the game would run unseen.
    if not args.headless and pygame.display.get_driver() in HIDDEN_DRIVERS:
        print(_no_display_message(pygame.display.get_driver()), file=sys.stderr)
        pygame.quit()
        return 2
    app = App(args, launched)
    # From here on a signal ends the game as Esc from the menu would: the loop stops, the threads are joined.
    _on_quit_signals(lambda signum, frame: app.quit(status=128 + signum))
    return app.run()
