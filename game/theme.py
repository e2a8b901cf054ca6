"""How the game looks: its colours, the sizes of its text, and the layout every screen shares. One place to change
them; the scenes and game.ui take them from here."""

WINDOW_SIZE = (1280, 720)

# Colours
BACKGROUND = (18, 22, 34)
PANEL = (30, 36, 54)
TEXT = (235, 238, 245)
DIM = (140, 150, 170)
ACCENT = (255, 196, 0)
GOOD = (80, 220, 120)
BAD = (240, 80, 80)
BONE = (0, 220, 255)
BAR_BACK = (50, 58, 84)  # an empty bar or ring, under what fills it
SELECTED = (60, 70, 105)  # the chosen row of a list
STAGE = (34, 42, 62)  # the camera view's place in demo mode, with no picture
AXIS = (90, 100, 125)
FAIR = (150, 230, 120)  # a grade between good and OK

# Text sizes (pixels), largest to smallest
TITLE = 84
HEADING = 56
LARGE = 40
BODY = 30
SMALL = 26
TINY = 22

# Layout: the margin around every screen, the gap between panels, and the panels of the prompting scenes
MARGIN = 20
GAP = 10
FIGURE_WIDTH = 250
SIDE_WIDTH = 300
BARS_WIDTH = 300
