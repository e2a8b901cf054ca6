"""Drawing shared by the scenes: text, the camera view, the skeleton and panels."""

import functools

import cv2
import numpy as np
import pygame

from recognizer.runtime.skeleton import BONES, J

from . import theme

_fonts = {}


def font(size, bold=True):
    key = (size, bold)
    if key not in _fonts:
        _fonts[key] = pygame.font.Font(None, size)
        _fonts[key].set_bold(bold)
    return _fonts[key]


def forget_fonts():
    """Drop the loaded fonts and what was drawn with them: they die with pygame.quit(), and a window opened later
    loads them again."""
    _fonts.clear()
    _rendered.cache_clear()
    _panel_shape.cache_clear()


# Most of a frame's words and panels are the same as the last frame's: made once, they are only blitted after
# (rendering and making them every frame took a third of a frame's 16 ms on a rhythm level). A frame draws some
# forty words; more kept would only hold changing figures (timers, scores) that never come back, and a cache of
# 512 grew the game by 38 MB in a 30-minute session.
@functools.lru_cache(maxsize=128)
def _rendered(words, size, color, bold, wrap):
    return font(size, bold).render(words, True, color, None, wrap)


@functools.lru_cache(maxsize=64)
def _panel_shape(size, color, alpha, radius):
    shape = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(shape, (*color, alpha), shape.get_rect(), border_radius=radius)
    return shape


ELLIPSIS = "\u2026"
# Where the words drawn are written down (their boxes and words), while a test asks: text on text is a layout
# fault a test can find without looking at the picture.
drawn = None


def fitted(words, size, width, bold=True):
    """words, cut at the end with an ellipsis to fit in `width` pixels at this size (as they are when they fit)."""
    words = str(words)
    if width is None or font(size, bold).size(words)[0] <= width:
        return words
    low, high = 0, len(words)  # the longest start that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if font(size, bold).size(words[:middle].rstrip() + ELLIPSIS)[0] <= width:
            low = middle
        else:
            high = middle - 1
    return words[:low].rstrip() + ELLIPSIS


def text(surface, words, size, position, color=theme.TEXT, anchor="center", bold=True, wrap=0, width=None):
    """Draw words with its `anchor` point ("center", "topleft", "midtop", ...) at position; wrap: the width
    in pixels to break lines at (0: one line); width: the most a line may take, the words cut with an ellipsis
    past it. Returns the box drawn."""
    rendered = _rendered(fitted(words, size, width, bold) if not wrap else str(words), size, tuple(color), bold,
                         wrap)
    rect = rendered.get_rect(**{anchor: position})
    surface.blit(rendered, rect)
    if drawn is not None and str(words).strip():
        drawn.append((rect.copy(), str(words)))
    return rect


def panel(surface, rect, color=theme.PANEL, alpha=220, radius=12, over=theme.BACKGROUND):
    """A rounded panel of `color` at `alpha`; over: the flat colour under it, where the panel is drawn opaque in
    the blend (blending a large panel every frame cost more than all the rest of a frame's drawing), or None to
    blend it over whatever is there (the camera view)."""
    if over is None:
        surface.blit(_panel_shape(tuple(rect.size), tuple(color), alpha, radius), rect.topleft)
        return
    blend = tuple(round(top * alpha / 255 + under * (1 - alpha / 255)) for top, under in zip(color, over))
    pygame.draw.rect(surface, blend, rect, border_radius=radius)


def fit(size, into):
    """The largest rect of aspect `size` centred in the rect `into`."""
    scale = min(into.width / size[0], into.height / size[1])
    rect = pygame.Rect(0, 0, int(size[0] * scale), int(size[1] * scale))
    rect.center = into.center
    return rect


class CameraView:
    """The camera frame (or an empty stage in demo mode) and the skeleton over it, mirrored or not.

    A frame is converted once, when it is new, not on every render frame: the render loop must keep
    its rate while the pose worker uses the other core.
    """

    def __init__(self, aspect=(4, 3)):
        self.aspect = aspect
        self._image_id = None
        self._surface = None

    def draw(self, surface, into, view, mirror, stage_color=theme.STAGE):
        image = view.image
        size = (image.shape[1], image.shape[0]) if image is not None else self.aspect
        rect = fit(size, into)
        if image is None:
            pygame.draw.rect(surface, stage_color, rect)
            pygame.draw.line(surface, theme.DIM, (rect.left, rect.top + rect.height * 0.93),
                             (rect.right, rect.top + rect.height * 0.93), 2)
        else:
            if (id(image), mirror, rect.size) != self._image_id:
                self._image_id = (id(image), mirror, rect.size)
                # Scaled first, then flipped and made a surface in the screen's own pixel format: a family game
                # shows two camera halves, and converting them on every blit cost the pose threads a frame in ten.
                bgr = cv2.resize(image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), rect.size,
                                 interpolation=cv2.INTER_LINEAR)
                if mirror:
                    bgr = cv2.flip(bgr, 1)
                picture = pygame.image.frombuffer(np.ascontiguousarray(bgr).tobytes(), rect.size, "BGR")
                self._surface = picture.convert() if pygame.display.get_surface() is not None else picture
            surface.blit(self._surface, rect)
        if view.points is not None:
            draw_skeleton(surface, view.points, view.visibility, rect, mirror)
        return rect


def screen_points(points, rect, mirror):
    x = 1.0 - points[:, 0] if mirror else points[:, 0]
    return np.stack([rect.left + x * rect.width, rect.top + points[:, 1] * rect.height], axis=1)


def draw_skeleton(surface, points, visibility, rect, mirror, color=theme.BONE, width=5):
    xy = screen_points(points, rect, mirror).tolist()
    seen = np.ones(len(points), bool) if visibility is None else np.asarray(visibility) >= 0.5
    for a, b in BONES:
        if seen[J[a]] and seen[J[b]]:
            pygame.draw.line(surface, color, xy[J[a]], xy[J[b]], width)
    for index, (x, y) in enumerate(xy):
        if seen[index]:
            pygame.draw.circle(surface, theme.TEXT, (int(x), int(y)), width)
    head = xy[J["head"]]
    if seen[J["head"]]:
        radius = max(8, int(np.hypot(xy[J["neck"]][0] - head[0], xy[J["neck"]][1] - head[1]) * 0.7))
        pygame.draw.circle(surface, color, (int(head[0]), int(head[1])), radius, width)


def bar(surface, rect, fraction, color, back=theme.PANEL):
    pygame.draw.rect(surface, back, rect, border_radius=rect.height // 2)
    filled = rect.copy()
    filled.width = max(0, int(rect.width * min(1.0, max(0.0, fraction))))
    if filled.width:
        pygame.draw.rect(surface, color, filled, border_radius=rect.height // 2)


MOVE_NAMES = {"punch_left": "PUNCH  LEFT", "punch_right": "PUNCH  RIGHT", "kick_left": "KICK  LEFT",
              "kick_right": "KICK  RIGHT", "wave": "WAVE", "clap": "CLAP", "flap": "FLAP  (bonus!)",
              "background": "NO MOVE"}


def move_name(move):
    return MOVE_NAMES.get(move, move.replace("_", " ").upper())
