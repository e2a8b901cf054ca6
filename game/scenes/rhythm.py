"""Rhythm: a level's moves on the beat of music the game makes, each shown a few beats ahead with a ring closing in
on its beat, graded by timing against the beat plus the recognizer's measured latency (game/rhythm.py)."""

import random
import time

import pygame

from recognizer.runtime.judge import HIT

from .. import rhythm, theme, ui
from .prompted import GRADE_COLORS, PromptedScene

END_HOLD_S = 1.5  # after the last prompt closes, before the results
EARLY_SHOWN_S = 0.8
BEAT_COLOR, DOWNBEAT_COLOR = (90, 110, 170), theme.ACCENT


class Rhythm(PromptedScene):
    name = "rhythm"

    def __init__(self, app, level, latency_s, seed=None, ghost=None):
        super().__init__(app, level, level.prompts(random.Random(seed)), ghost)
        self.latency_s = latency_s
        made = time.perf_counter()
        self.music = rhythm.music_sound(level.bpm)
        app.session.note("music_made_s", time.perf_counter() - made)  # a level starts as soon as its music is made
        self.opened = False  # whether the cue at self.index is open (its players' judges on it)
        self.early_at = {}  # when each player's move came early on the open cue (seat index: time), for "early!"
        self.ended_for = 0.0
        self.was_stopped = False  # paused or the camera lost at the last update: the beat starts again after
        self.cues = []
        self._start(self.app.now())

    def _start(self, start_time):
        """The beat grid from start_time (a bar's count-in first), the music on it, and the moves still to come
        laid on it."""
        self.beats = rhythm.BeatClock(self.level.bpm, start_time)
        self.cues = self.cues[:self.index] + rhythm.schedule(self.moves[self.index:], self.beats,
                                                             self.level.beats_per_prompt)
        if self.music is not None:
            self.music.stop()
            self.music.play(loops=-1)

    def _stop_music(self):
        if self.music is not None:
            self.music.stop()

    def finish(self):
        self._stop_music()
        super().finish()

    def back(self):
        self._stop_music()
        super().back()

    @property
    def cue(self):
        return self.cues[self.index] if self.index < len(self.cues) else None

    def update(self, dt):
        verdicts = self.feed(dt)
        if self.stopped:
            if not self.was_stopped:
                self._stop_music()
            self.was_stopped = True
            return
        now = self.app.now()
        if self.was_stopped:
            self.was_stopped = False
            self._resume(now)
        if self.opened:
            cue = self.cue
            for seat, verdict in zip(self.seats, verdicts):
                if seat.open and verdict is not None and verdict.verdict == HIT:
                    self._judged(seat, cue, verdict, now)
                elif seat.open and verdict is not None:
                    self._close(seat, cue, verdict, None)
            if now >= cue.closes_at:
                self.time_out(cue.closes_at - cue.announce_time, self.prompted_at_s)
            if not self.prompt_open:
                self.opened = False
                self.index += 1
        cue = self.cue  # the next one, on the update its predecessor closes: a prompt opens on its own frame
        if cue is None:
            self.ended_for += dt
            if self.ended_for >= END_HOLD_S:
                self.finish()
        elif not self.opened and now >= cue.announce_time:
            self.early_at, self.prompted_at_s = {}, self.level_time
            self.open_prompt(cue.closes_at - cue.announce_time, on_beat=cue.beat_time)
            self.opened = self.prompt_open
            if not self.opened:  # nobody here (family mode): the cue passes unplayed
                self.index += 1

    def _resume(self, now):
        """After a pause the beat starts again, with a count-in before the prompt that was open or next."""
        self.opened = False
        for seat in self.seats:
            seat.open = False
            seat.judge.close()
        self._start(now)

    def _judged(self, seat, cue, verdict, now):
        verdict_time = seat.tracker.game_time(verdict.time_s)
        grade = rhythm.grade(verdict_time, cue.beat_time, self.latency_s)
        if grade == rhythm.EARLY:
            # Too soon for the beat: not an answer. The same move on the beat still counts until the prompt closes.
            self.early_at[self.seats.index(seat)] = now
            seat.judge.open(self.move, previous=self.move)
            return
        self._close(seat, cue, verdict, grade, reaction_s=verdict_time - cue.announce_time)

    def _close(self, seat, cue, verdict, grade, reaction_s=None):
        self.close_prompt(seat, verdict, reaction_s, cue.closes_at - cue.announce_time, self.prompted_at_s, grade)

    def figure_title(self):
        return "ON THE BEAT"

    def side_lines(self):
        return super().side_lines() + [(f"{self.level.bpm:g} BPM", theme.DIM)]

    def draw_prompt(self, screen, rect):
        ui.panel(screen, rect)
        now = self.app.now()
        marker = pygame.Rect(0, 0, rect.height - 16, rect.height - 16)
        marker.midright = (rect.right - 20, rect.centery)
        words = pygame.Rect(rect.left, rect.top, marker.left - rect.left, rect.height)
        self._draw_beats(screen, pygame.Rect(words.left + 20, rect.bottom - 26, words.width - 40, 16), now)
        cue = self.cue
        between = cue is not None and now < cue.announce_time
        if between and self.family and self.round:
            line, color = self.round_line()
            ui.text(screen, line, 48, (words.centerx, words.centery - 12), color, width=words.width - 40)
        elif between and self.last is not None and not self.last.hit:
            ui.text(screen, f"MISS: {self.last.coaching}", 40, (words.centerx, words.centery - 12), theme.BAD,
                    width=words.width - 40)
        elif between and self.last is not None:
            ui.text(screen, f"{self.last.grade}  +{self.last.points}", 70, (words.centerx, words.centery - 12),
                    GRADE_COLORS[self.last.grade])
        elif between:
            ui.text(screen, "Get ready: feel the beat", 56, (words.centerx, words.centery - 12), theme.ACCENT)
        elif cue is not None:
            early = any(now - at < EARLY_SHOWN_S for at in self.early_at.values())
            ui.text(screen, "EARLY! wait for the beat" if early else ui.move_name(cue.move), 64 if early else 90,
                    (words.centerx, words.centery - 12), theme.BAD if early else theme.TEXT)
        self._draw_marker(screen, marker, cue, now)

    def _draw_beats(self, screen, rect, now):
        """A dot per beat of the bar, the one playing now lit: the pulse to move to."""
        beat = self.beats.beat_at(now)
        bar = beat // rhythm.BEATS_PER_BAR * rhythm.BEATS_PER_BAR
        pulse = 1.0 - self.beats.phase(now)
        spacing = rect.width / rhythm.BEATS_PER_BAR
        for index in range(rhythm.BEATS_PER_BAR):
            centre = (int(rect.left + spacing * (index + 0.5)), rect.centery)
            lit = bar + index == beat and beat >= 0
            color = (DOWNBEAT_COLOR if index == 0 else theme.TEXT) if lit else BEAT_COLOR
            pygame.draw.circle(screen, color, centre, int(6 + (5 * pulse if lit else 0)))

    def _draw_marker(self, screen, rect, cue, now):
        """The target the ring closes in on: it meets it on the move's beat."""
        radius = rect.width // 2 - 6
        target = radius // 2
        pygame.draw.circle(screen, theme.BAR_BACK, rect.center, target)
        if cue is None or now < cue.announce_time:
            return
        closing = cue.approach(now)
        on_beat = abs(now - cue.beat_time) < rhythm.PERFECT_WITHIN_S
        pygame.draw.circle(screen, theme.GOOD if on_beat else theme.ACCENT, rect.center, target, 0 if on_beat else 4)
        if closing < 1.0:
            pygame.draw.circle(screen, theme.TEXT, rect.center, int(target + (radius - target) * (1 - closing)), 4)
