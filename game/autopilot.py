"""--headless: no one to press keys, so the autopilot presses the one a scene waits for, as a player would after a
moment's look (teach mode's Enter to keep a take). Scenes only say which key they wait for (Scene.awaiting); when
to press it is decided here."""

import pygame

LOOK_S = 1.5  # how long a player looks at a screen before pressing its key


class Autopilot:
    def __init__(self, look_s=LOOK_S):
        self.look_s = look_s
        self._waiting, self._for = None, 0.0

    def step(self, scene, dt):
        """After a frame of dt seconds: press the scene's awaited key once it has waited for it look_s."""
        key = scene.awaiting()
        if key is None or (scene, key) != self._waiting:
            self._waiting, self._for = (scene, key) if key is not None else None, 0.0
            return
        self._for += dt
        if self._for >= self.look_s:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
            self._waiting, self._for = None, 0.0
