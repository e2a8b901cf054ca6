"""The game's clock: real time, capped at a frame rate, or a virtual clock that moves one frame's time each frame
without waiting, so that a headless demo plays a level in the time its frames take to compute, not in its seconds
(tests, soak runs). Everything the game times (prompts, beats, the demo player's moves) reads the same clock."""

import time


class RealClock:
    virtual = False

    def __init__(self, pygame, fps):
        self.fps = fps
        self._clock = pygame.time.Clock()

    def tick(self):
        """Wait for the next frame (at most fps a second); the seconds since the last one."""
        return self._clock.tick(self.fps) / 1000.0

    def now(self):
        return time.monotonic()

    def get_fps(self):
        return self._clock.get_fps()


class VirtualClock:
    virtual = True

    def __init__(self, fps, start=0.0):
        self.fps = fps
        self._now = start

    def tick(self):
        self._now += 1.0 / self.fps
        return 1.0 / self.fps

    def now(self):
        return self._now

    def get_fps(self):
        return self.fps
