"""The player as the game knows them: their name, their profile, and the judge's rule and marks for them.

Teach mode's repetitions refit the classifier head (recognizer.runtime.profile.refit); practice's captures, the
player's idle time there and every HIT of play since calibrate the judge to the player
(recognizer.runtime.calibration): their own marks for each move's form and thresholds for its probability, used from
the first prompt after practice. Learning runs on its own thread (a capture's probabilities take the recognizer a few
frames' time), so the game never waits on it; the rule and marks in use are swapped whole when it is done. The
profile is saved in the data folder; a profile that cannot be read is kept aside and the game plays on as for a new
player.
"""

import queue
import threading
from pathlib import Path

import numpy as np

from recognizer.runtime import form
from recognizer.runtime.judge import JudgeRule, load_judge
from recognizer.runtime.labels import ACTIONS, mirrored
from recognizer.runtime.model import ModelError
from recognizer.runtime.profile import (
    PRACTICE,
    Profile,
    ProfileError,
    calibrated_judge,
    peak_time,
    profile_paths,
    refit,
)

from .storage import set_aside

# A capture is kept when the move's form scores at least this against the judge's marks and no other move's family
# scores more: the player's own way of doing it (a child's low kick scores 0.6), not another move. The same floor
# as calibration's, which moves no mark below half of it.
KEEP_SCORE = 0.5
# A capture is cut around the move's peak as practice cuts it: 1.5 s before to 1.0 s after (../shared/EVALUATION.md,
# "Calibrated play").
BEFORE_S, AFTER_S = 1.5, 1.0


class Player:
    """name: as in the high scores and the history. say: a function that shows the player a line."""

    def __init__(self, name, data_dir, model_dir, say):
        self.name = name
        self.profile_dir = Path(data_dir) / "profiles"
        self.say = say
        self.profile = self._load_profile()
        try:
            self.base_rule, self.base_scorer = load_judge(model_dir)
        except ModelError as error:
            say(f"{error}; the judge goes by the model's probabilities alone")
            self.base_rule, self.base_scorer = JudgeRule(), form.FormScorer()
        self.judging = (self.base_rule, self.base_scorer)  # swapped whole, read by the game's thread
        self.recognizer = None  # the shipped recognizer, once loaded
        self.unsaved = False
        self._lock = threading.Lock()  # the profile, between the learner and the game's saving
        self._jobs = queue.Queue()
        self._learner = None

    @property
    def rule(self):
        return self.judging[0]

    @property
    def scorer(self):
        return self.judging[1]

    def _load_profile(self):
        """The player's saved profile, None without one; a corrupt one is kept aside with a message."""
        paths = profile_paths(self.profile_dir, self.name)
        if not any(path.exists() for path in paths):
            return None
        try:
            return Profile.load(self.profile_dir, self.name)
        except ProfileError as error:
            kept = [str(set_aside(path)) for path in paths if path.exists()]
            self.say(f"{error}; playing with the shipped model (the profile is kept as {', '.join(kept)})")
            return None

    @property
    def custom_moves(self):
        return self.profile.custom_moves if self.profile is not None else []

    @property
    def calibrated(self):
        """Whether the judge follows this player (practice or play has taught it something)."""
        return self.profile is not None and bool(self.profile.captures)

    def on_loaded(self, shipped):
        """The recognizer to score with, once the shipped one is loaded (on the tracker's loading thread): refitted
        to the moves the player taught; the judge calibrated to their captures."""
        self.recognizer = shipped
        if self.profile is None:
            return shipped
        recognizer = self._refit(shipped, self.profile)[0]
        self.recalibrate()
        return recognizer

    def _refit(self, shipped, profile):
        """refit's (recognizer, seconds), said on the console when the profile has taught moves."""
        recognizer, seconds = refit(shipped, profile)
        if profile.taught:
            print(f"profile {self.name}: {len(profile.taught)} repetitions of "
                  f"{', '.join(sorted({r.label for r in profile.taught}))}; classifier head refitted in "
                  f"{seconds * 1000:.0f} ms", flush=True)
        return recognizer, seconds

    def recalibrate(self):
        """The judge's rule and marks for this player from their captures (the model's own without any)."""
        if self.recognizer is None or not self.calibrated:
            self.judging = (self.base_rule, self.base_scorer)
            return
        with self._lock:
            self.judging = calibrated_judge(self.recognizer, self.profile, self.base_rule, self.base_scorer)

    def new_profile(self):
        """A profile to teach into, keeping what practice and play have learnt."""
        profile = Profile(self.name)
        if self.profile is not None:
            profile.repetitions = list(self.profile.captures)
            profile.idle = [idle for idle in self.profile.idle if idle.source == PRACTICE]
        return profile

    def taught(self, profile, tracker):
        """Refit on a newly taught profile, use it from the next frame, save it; a line for the player."""
        try:
            refitted, seconds = self._refit(tracker.shipped_recognizer, profile)
        except ProfileError as error:
            self.say(str(error))
            return str(error)
        tracker.set_recognizer(refitted)
        with self._lock:
            self.profile = profile
        self.save()
        return f"{len(profile.taught)} repetitions learned in {seconds * 1000:.0f} ms, saved for {self.name}"

    def keeps(self, move, skeletons, times):
        """Whether a capture shows the move the player's way: its form scores KEEP_SCORE or more against the judge's
        marks and no other move's family scores more."""
        window = form.body(skeletons, times)
        if window is None or form.family(move) is None:
            return False
        scores = {other: self.scorer.score_body(window, other) for other in ACTIONS}
        rivals = [score for other, score in scores.items() if form.family(other) != form.family(move)]
        return scores[move] >= KEEP_SCORE and scores[move] >= max(rivals)

    def learn(self, move, skeletons, times, kept=None):
        """Learn from a capture of a move (practice's, or a HIT's prompt), on the learner's thread: kept when it
        shows the move (keeps), cut around its peak, then the judge recalibrated. kept(bool): called there with
        whether it was."""
        self._submit(self._learn, move, np.array(skeletons, np.float32), np.array(times, np.float64), kept)

    def learn_idle(self, skeletons, times):
        """Learn a stretch of the player standing still between moves (practice's): their own "no move"."""
        self._submit(self._learn_idle, np.array(skeletons, np.float32), np.array(times, np.float64))

    def _learn(self, move, skeletons, times, kept):
        seen = np.isfinite(skeletons).all(axis=(1, 2))
        keep = bool(seen.sum() >= form.MIN_FRAMES and self.keeps(move, skeletons, times))
        if keep:
            peak = peak_time(skeletons[seen], times[seen])
            around = (times >= peak - BEFORE_S) & (times <= peak + AFTER_S) & seen
            with self._lock:
                self._profile().add(move, skeletons[around], times[around], source=PRACTICE)
                self.unsaved = True
            self.recalibrate()
        if kept is not None:
            kept(keep)

    def _learn_idle(self, skeletons, times):
        seen = np.isfinite(skeletons).all(axis=(1, 2))
        if seen.sum() >= form.MIN_FRAMES:
            with self._lock:
                self._profile().add_idle(skeletons[seen], times[seen], source=PRACTICE)
                self.unsaved = True
            self.recalibrate()

    def _submit(self, job, *args):
        if self._learner is None:
            self._learner = threading.Thread(target=self._learn_jobs, name="player-learner", daemon=True)
            self._learner.start()
        self._jobs.put((job, args))

    def _learn_jobs(self):
        while (item := self._jobs.get()) is not None:
            job, args = item
            try:
                job(*args)
            except Exception as error:  # a bug: said, and the game plays on with what it had learnt
                self.say(f"Learning from that move failed: {error!r}")
            finally:
                self._jobs.task_done()

    @property
    def learning(self):
        """Whether the learner has work still to do (the game shows what it learnt once it has none)."""
        return self._jobs.unfinished_tasks > 0

    def wait(self):
        """Until everything submitted is learnt (tests)."""
        self._jobs.join()

    def close(self, timeout_s=1.0):
        """Stop the learner; save what it learnt."""
        if self._learner is not None:
            self._jobs.put(None)
            self._learner.join(timeout=timeout_s)
        if self.unsaved:
            self.save()

    def _profile(self):
        if self.profile is None:
            self.profile = Profile(self.name)
        return self.profile

    def learnt(self, move):
        """What calibration made of a move: [(measure, the player's mark, everyone's mark)] of its family, and its
        probability threshold (the player's, everyone's)."""
        name = form.family(move)
        marks = [(measure, self.scorer.marks_[name][measure], self.base_scorer.marks_[name][measure])
                 for measure in form.MEASURES[name]] if name else []
        ours, base = self.rule.for_move(move), self.base_rule.for_move(move)
        return marks, (ours.hit_on, base.hit_on)

    def taught_moves(self):
        """The moves practice and play have captures of, and their mirror images (one side teaches the other)."""
        if self.profile is None:
            return set()
        captured = {r.label for r in self.profile.captures}
        return captured | {mirrored(move) for move in captured}

    def save(self):
        """Write the profile; a folder that cannot take it is said, and the profile is used until the game ends."""
        if self.profile is None:
            return
        try:
            with self._lock:
                self.profile.save(self.profile_dir)
                self.unsaved = False
        except OSError as error:
            self.say(f"{self.profile_dir}: the profile cannot be saved ({error.strerror or error}); it is used until "
                     "you quit")
