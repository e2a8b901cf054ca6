"""python run_game.py: the game's window, its loop and the scenes' shared state.

The loop never waits on the recognizer: trackers run on their own threads and are read without
blocking; models load on a thread behind a loading screen, so the window is up at once.
"""

import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path

from recognizer.errors import MoveMatchError

from .options import build_parser, check
from .saving import write_json

FPS_CAP = 60
RESULTS_HOLD_S = 1.5  # how long --headless shows the results before quitting
HIDDEN_DRIVERS = ("offscreen", "dummy")  # SDL video drivers with no window: only for --headless


class App:
    """The window, the loop and the moves between scenes, and what the scenes share: the tracker, the player
    (game.player), the levels (game.catalogue), the saved results (game.saving) and the session's figures
    (game.stats)."""

    def __init__(self, args, launched=None, tracker=None, own_signals=False):
        import pygame

        from . import theme, ui
        from .autopilot import Autopilot
        from .catalogue import LevelCatalogue
        from .clock import RealClock, VirtualClock
        from .player import Player
        from .saving import Records
        from .scenes.loading import Loading
        from .sounds import SoundBoard
        from .stats import SessionStats
        self.pygame = pygame
        self.args = args
        self.launched = time.monotonic() if launched is None else launched
        self.own_signals = own_signals  # a process of its own (main()), not a test's: SIGTERM and SIGINT are ours
        self.messages = []
        self.notice = None
        # SCALED lets F toggle fullscreen at any screen size; the dummy driver has no renderer for it.
        scaled = pygame.SCALED if os.environ.get("SDL_VIDEODRIVER") != "dummy" else 0
        flags = scaled | (pygame.FULLSCREEN if args.fullscreen else 0)
        self.screen = pygame.display.set_mode(theme.WINDOW_SIZE, flags)
        pygame.display.set_caption("Move Match")
        self.screen.fill(theme.BACKGROUND)
        pygame.display.flip()
        self.window_at = time.monotonic()
        self.clock = VirtualClock(FPS_CAP, time.monotonic()) if args.virtual_clock else RealClock(pygame, FPS_CAP)
        self.camera_view = ui.CameraView()
        self.mirror = args.mirror
        self.seated = args.seated
        self.diagnostics = False
        self.calibrated = False
        self.practiced = False
        self.running = True
        self.status = 0
        self.rng = random.Random(args.seed)
        from . import lineup
        self.tracker, self.seat_trackers = (tracker, [tracker]) if tracker else lineup.trackers(args, self.clock)
        self.sounds = SoundBoard()
        self.records = Records(args.data_dir)
        self.adaptive_pace = args.adaptive_pace
        self._hit_latency_s = None
        self.race_ghost = args.ghost
        self.family_mode = args.family_mode
        names = [args.player, args.player2][:len(self.seat_trackers)]
        self.players = [Player(name, args.data_dir, args.model, self.say) for name in names]
        self._seat_players()
        self.catalogue = LevelCatalogue(args.levels, args.model, self.player, self.records.history)
        for message in self.catalogue.errors + [self.sounds.message] + self.records.messages:
            if message:
                self.say(message)
        self.tracker.start()
        self.scene = Loading(self)
        self.autopilot = Autopilot() if args.headless else None
        self.shot_scenes = set()
        self.session = SessionStats(self.launched)
        self.results = None
        self._failure_shown = None

    @property
    def history(self):
        return self.records.history

    @property
    def highscores(self):
        return self.records.highscores

    @property
    def levels(self):
        return self.catalogue.levels

    @property
    def player(self):
        """The player (player 1 in family mode): teach mode, practice and the menu's Progress are theirs."""
        return self.players[0]

    @property
    def family(self):
        return len(self.players) > 1

    def _seat_players(self):
        """Each player's tracker loads with their own recognizer (their profile's refitted head)."""
        for player, tracker in zip(self.players, self.seat_trackers):
            tracker.on_loaded = player.on_loaded

    def known_moves(self):
        return self.catalogue.known_moves()

    def apply_profile(self, profile):
        """Refit on a newly taught profile and use it; the levels may now prompt its custom moves."""
        message = self.player.taught(profile, self.tracker)
        self.catalogue.reload()
        return message

    def say(self, message):
        """A message for the player, on the console and on screen."""
        print(message, file=sys.stderr, flush=True)
        self.messages.append(message)

    def now(self):
        return self.clock.now()

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
        if self.own_signals:
            # From here on a signal ends the game as Esc from the menu would: the loop stops, what was learnt is saved.
            _on_quit_signals(lambda signum, frame: self.quit(status=128 + signum))
        if self.args.teach:
            return self.teach()
        wanted = self.args.level
        if wanted is None and self.args.headless:
            wanted = self.playable_levels()[0].name if self.playable_levels() else None
        if wanted is not None:
            level, unknown = self.catalogue.find(wanted, self.seated)
            if level is not None:
                return self.play(level)
            self.say(unknown)
            if self.args.headless:
                return self.quit(status=2)
        self.to_menu()

    def loading_failed(self, tracker):
        if getattr(tracker, "source_failed", False):
            # No webcam (or an unreadable --video): say which flag to change, and let the demo play.
            self.say(f"{tracker.error}. Playing the demo instead.")
            self.notice = "No camera: demo mode (see --camera / --video)"
            from . import lineup
            tracker.stop()
            self.tracker, self.seat_trackers = lineup.trackers(self.args, self.clock, demo=True)
            self._seat_players()
            self.tracker.start()
        elif self.args.headless:
            self.say(tracker.error)
            self.quit(status=2)

    def playable_levels(self):
        return self.catalogue.playable(self.seated)

    def made_levels(self):
        return self.catalogue.made(self.seated)

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
        if practice and not self.practiced and not self.family:  # practice watches one player
            from .scenes.practice import Practice
            return self.switch(Practice(self, then=level))
        ghost = self.ghost(level) if self.race_ghost and not self.family else None
        if level.rhythm:
            from .scenes.rhythm import Rhythm
            return self.switch(Rhythm(self, level, self.hit_latency_s(), seed=self.rng.random(), ghost=ghost))
        self.switch(Play(self, level, seed=self.rng.random(), adaptive=self.adaptive_pace, ghost=ghost))

    def finish_level(self, level, seats, duration_s, match=None):
        """The level's results (each player's: game.family.Seat): on screen, in the high scores and the history, and
        in --results-json; match: family mode's game.family.Match."""
        self.results, ranks, said = self.records.keep(level, seats, duration_s, match, self.args.results_json)
        for message in said:
            self.say(message)
        for player in self.players:
            if player.unsaved:
                player.save()  # what play's HITs taught the judge
        if match is not None:
            from .scenes.family_results import FamilyResults
            return self.switch(FamilyResults(self, level, self.results))
        from .scenes.results import Results
        self.switch(Results(self, level, seats[0].scorer.summary(), ranks[0], seats[0].scorer.outcomes))

    def quit(self, status=0):
        self.running = False
        self.status = status

    # The loop
    def step(self):
        """One frame: events, update, draw, flip. Returns the seconds since the last frame."""
        pygame = self.pygame
        dt = self._tick()
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
        self.session.measure(dt, self.scene, self.tracker)
        if self.autopilot is not None:
            self.autopilot.step(self.scene, dt)
        if self.args.screenshot_dir and scene.name not in self.shot_scenes and scene is self.scene:
            self.shot_scenes.add(scene.name)
            folder = Path(self.args.screenshot_dir)
            folder.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.screen, folder / f"{len(self.shot_scenes):02d}_{scene.name}.png")
        return dt

    def _tick(self):
        if self.clock.virtual and not self.tracker.ready:
            time.sleep(1.0 / FPS_CAP)  # the model loads in real time: the game's clock waits for it
            return 0.0
        return self.clock.tick()

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

    def _draw_diagnostics(self):
        from .stats import draw_diagnostics
        draw_diagnostics(self.screen, self.clock.get_fps(), self.tracker)

    def run(self):
        started = self.clock.now()
        try:
            while self.running:
                self.step()
                if self.args.max_seconds is not None and self.clock.now() - started >= self.args.max_seconds:
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
        return self.session.summary(self.window_at, self.tracker.ready_at, self.pygame.display.get_driver())

    def close(self):
        from . import ui
        stats = self.stats()
        self.pygame.quit()  # the window goes at once; the threads are joined after
        ui.forget_fonts()
        self.tracker.stop()
        for player in self.players:
            player.close()
        self.records.close()
        if self.args.stats_json:
            write_json(self.args.stats_json, stats)


def _no_display_message(driver):
    return (f"error: no display found (SDL's {driver!r} video driver shows nothing); run with --headless to play "
            "without a window, or start from a desktop session")


def _on_quit_signals(handler):
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, handler)


def main(argv=None, launched=None):
    # Until the models are loaded there is nothing to save, and a Python handler waits for the main thread, which a
    # slow import (the loader's or its own) can hold for seconds: the system's default ends the process at once.
    # SDL would otherwise take the signals over and turn them into a QUIT event.
    os.environ["SDL_NO_SIGNAL_HANDLERS"] = "1"
    _on_quit_signals(signal.SIG_DFL)
    parser = build_parser()
    args = parser.parse_args(argv)
    check(parser, args)
    from recognizer.runtime import process
    process.start(verbose=args.verbose)
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
    return App(args, launched, own_signals=True).run()
