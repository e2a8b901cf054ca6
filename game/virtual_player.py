"""The virtual player of demo mode: a procedural skeleton that performs the prompted moves.

Poses are keyframes of the moving limb's joints in the body frame of recognizer.skeleton.body_frame
(x the player's left, y up, z forward, in torso lengths, origin at the mid-hip), read off the mean
G3D trajectories around each move's action point; a move blends them with smooth steps, with a random
size and speed per performance, over an idle sway, so that no two performances are the same.
Skeletons come out in the canonical frame in metres (Kinect-like: x to the camera's right of the
player's left, y up, z away from the camera), as BlazePose's would, ready for the recognizer.
"""

from dataclasses import dataclass

import numpy as np

from recognizer.runtime.skeleton import N_JOINTS, J

TORSO_M = 0.45
HIP_HEIGHT_M = 1.0
DISTANCE_M = 2.6
# The standing pose, left side (the right side is its mirror image).
REST = {"head": (0.0, 1.75, 0.08), "left_shoulder": (0.45, 1.0, -0.08), "left_elbow": (0.6, 0.37, -0.1),
        "left_wrist": (0.62, -0.22, 0.0), "left_hip": (0.2, 0.0, 0.0), "left_knee": (0.22, -1.3, -0.3),
        "left_ankle": (0.22, -2.25, -0.4)}

def _both(pose):
    """A pose given for the left arm, on both arms."""
    return pose | {name.replace("left_", "right_"): (-x, y, z) for name, (x, y, z) in pose.items()}


# Keyframes of each move performed on the player's left: (time from the action point in seconds,
# {joint: position}); joints not named keep the rest pose. "right" moves are mirror images.
_PUNCH = [(-0.45, {}),
          (-0.2, {"left_elbow": (0.8, 0.69, 0.06), "left_wrist": (0.7, 0.8, 0.5), "left_shoulder": (0.42, 1.0, -0.05)}),
          (0.0, {"left_elbow": (0.5, 1.22, 0.85), "left_wrist": (0.45, 1.4, 1.45), "left_shoulder": (0.36, 1.03, 0.2),
                 "head": (-0.08, 1.77, 0.11)}),
          (0.2, {"left_elbow": (0.58, 1.07, 0.77), "left_wrist": (0.43, 1.22, 1.34), "left_shoulder": (0.34, 1.01, 0.2),
                 "head": (-0.09, 1.77, 0.12)}),
          (0.5, {"left_elbow": (0.68, 0.58, 0.19), "left_wrist": (0.56, 0.36, 0.56)}),
          (0.8, {})]

def _lean(dx, joints=("head", "left_shoulder", "right_shoulder", "left_elbow", "left_wrist", "left_hip", "right_hip")):
    """The standing pose of some joints moved sideways by dx (a kicker's weight over the standing leg)."""
    both = _both(REST)
    return {name: (both[name][0] + dx, both[name][1], both[name][2]) for name in joints}


LATE_BY_S = 0.2  # a late move's action point, after the prompt's time limit
BEAT_SPREAD_S = 0.06  # how far a player's move lands from the beat they aim at (standard deviation)
MIN_REACTION_S = 0.25  # the soonest a move can start after it is shown
KICK_TEMPO = 1.3  # G3D's mean kick is blurred by averaging; taken slower it reads as a kick
_BALANCE = {"right_elbow": (-0.86, 0.32, -0.12), "right_wrist": (-0.9, -0.2, 0.12)}
_KICK = [(-0.6, {}),
         (-0.3, {"left_knee": (0.39, -1.09, 0.35), "left_ankle": (0.52, -1.9, -0.1), **_lean(-0.06)}),
         (-0.2, {"left_knee": (0.34, -0.79, 0.71), "left_ankle": (0.6, -1.51, 0.31), **_lean(-0.1), **_BALANCE}),
         (-0.1, {"left_knee": (0.32, -0.45, 0.98), "left_ankle": (0.53, -1.21, 0.91), **_lean(-0.15), **_BALANCE}),
         (0.0, {"left_knee": (0.22, -0.37, 1.08), "left_ankle": (0.42, -1.04, 1.47), **_lean(-0.19), **_BALANCE}),
         (0.1, {"left_knee": (0.24, -0.4, 1.08), "left_ankle": (0.45, -1.07, 1.44), **_lean(-0.19), **_BALANCE}),
         (0.2, {"left_knee": (0.22, -0.52, 0.99), "left_ankle": (0.4, -1.29, 1.38), **_lean(-0.18), **_BALANCE}),
         (0.3, {"left_knee": (0.28, -0.79, 0.83), "left_ankle": (0.38, -1.65, 1.02), **_lean(-0.16)}),
         (0.5, {"left_knee": (0.33, -1.12, 0.33), "left_ankle": (0.36, -2.06, 0.15), **_lean(-0.09)}),
         (0.75, {})]


def _cycles(enter, apart, together, period, n, leave=None, lead_in=0.35):
    """A cyclic move: raise into `enter`, then n cycles between apart and together (the action points),
    then back to rest, through `leave` when the way down must not look like another move."""
    keys = [(-lead_in - 0.1, {}), (-period / 2, enter)]
    for cycle in range(n):
        keys += [(cycle * period, together), (cycle * period + period / 2, apart)]
    end = (n - 0.5) * period
    if leave is not None:
        end += 0.4
        keys.append((end, leave))
    return keys + [(end + 0.5, {})]


_CLAP_APART = _both({"left_elbow": (0.62, 0.5, 0.3), "left_wrist": (0.55, 0.65, 0.7)})
_CLAP_TOGETHER = _both({"left_elbow": (0.45, 0.45, 0.35), "left_wrist": (0.05, 0.65, 0.72)})
_CLAP_LOWERED = _both({"left_elbow": (0.5, 0.3, 0.15), "left_wrist": (0.12, 0.2, 0.45)})
_WAVE_OUT = {"right_elbow": (-0.72, 0.85, 0.4), "right_wrist": (-0.95, 1.05, 0.7)}
_WAVE_IN = {"right_elbow": (-0.7, 0.85, 0.4), "right_wrist": (-0.4, 1.0, 0.7)}
_FLAP_UP = _both({"left_elbow": (1.1, 1.25, 0.0), "left_wrist": (1.5, 1.65, 0.1)})
_FLAP_DOWN = _both({"left_elbow": (0.85, 0.3, -0.05), "left_wrist": (1.1, -0.15, -0.05)})

MOVES = {"punch_left": _PUNCH, "kick_left": [(t * KICK_TEMPO, pose) for t, pose in _KICK],
         "clap": _cycles(_CLAP_APART, _CLAP_APART, _CLAP_TOGETHER, 0.3, 3, leave=_CLAP_LOWERED),
         "wave": _cycles(_WAVE_IN, _WAVE_IN, _WAVE_OUT, 0.45, 4),
         "flap": _cycles(_FLAP_DOWN, _FLAP_DOWN, _FLAP_UP, 0.9, 3)}
_MIRRORED = {"punch_right": "punch_left", "kick_right": "kick_left"}
ALL_MOVES = tuple(MOVES) + tuple(_MIRRORED)  # every move the virtual player can perform


def _swap_sides(pose):
    swapped = {}
    for name, (x, y, z) in pose.items():
        other = name.replace("left_", "@").replace("right_", "left_").replace("@", "right_")
        swapped[other] = (-x, y, z)
    return swapped


def keyframes(move):
    """The move's keyframes [(time, {joint: body-frame position})], mirrored for the right side."""
    if move in _MIRRORED:
        return [(t, _swap_sides(pose)) for t, pose in MOVES[_MIRRORED[move]]]
    return MOVES[move]


def rest_pose():
    """(15, 3) body-frame standing pose; neck and mid-hip derived as the recognizer derives them."""
    pose = np.zeros((N_JOINTS, 3))
    for name, position in _both(REST).items():
        pose[J[name]] = position
    pose[J["neck"]] = (pose[J["left_shoulder"]] + pose[J["right_shoulder"]]) / 2
    pose[J["mid_hip"]] = (pose[J["left_hip"]] + pose[J["right_hip"]]) / 2
    return pose


def _smoothstep(u):
    return u * u * (3 - 2 * u)


@dataclass
class Performance:
    move: str
    action_time: float  # when the move's (first) action point happens
    size: float  # scales the limb's excursion from rest
    speed: float  # > 1 is faster
    dropped: bool = False  # given up before it began, for the next prompt

    @property
    def start(self):
        return self.action_time + keyframes(self.move)[0][0] / self.speed

    @property
    def end(self):
        return self.action_time + keyframes(self.move)[-1][0] / self.speed


class VirtualPlayer:
    """A standing figure that performs moves when told, with human-like variation.

    respond(move, now, time_limit_s) decides how the player reacts to a prompt: usually the right move
    after a reaction time of about reaction_s, now and then (wrong_p) a different move or (late_p) one
    that comes after the time limit. skeleton(t) gives the canonical skeleton at time t.
    """

    def __init__(self, seed=None, reaction_s=0.6, wrong_p=0.05, late_p=0.05, moves=ALL_MOVES):
        # Two streams: the jitter is drawn every frame, so sharing one with the choices would make a seeded
        # demo's wrong and late moves depend on the frame rate.
        self.rng, self._jitter = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
        self.reaction_s = reaction_s
        self.wrong_p = wrong_p
        self.late_p = late_p
        self.moves = tuple(moves)
        self.performances = []
        self._rest = rest_pose()

    def perform(self, move, action_time):
        """Schedule a move whose action point is at action_time."""
        if move not in self.moves:
            raise ValueError(f"the virtual player cannot perform {move!r} (moves: {', '.join(self.moves)})")
        performance = Performance(move, action_time, size=self.rng.uniform(0.85, 1.1),
                                  speed=self.rng.uniform(0.85, 1.15))
        self.performances.append(performance)
        return performance

    def respond(self, move, now, time_limit_s, on_beat=None):
        """React to a prompt shown at `now` (after any move still under way, dropping one not yet begun,
        as a player drops a late move when the next prompt shows); returns the Performance. on_beat: the time a
        rhythm level wants the move done at; the player aims the move's action point there, give or take a body's
        timing, or starts it as soon as it can when that is too soon."""
        for performance in self.performances:
            performance.dropped = performance.start > now
        self.performances = [p for p in self.performances if not p.dropped]
        chance = self.rng.random()
        if chance < self.wrong_p:
            move = self.rng.choice([m for m in self.moves if m != move])
        reaction = self.reaction_s * self.rng.lognormal(0.0, 0.25)
        action_time = max(now + reaction, self.busy_until() + 0.2) - keyframes(move)[0][0]
        if on_beat is not None:
            action_time = max(on_beat + self.rng.normal(0.0, BEAT_SPREAD_S), action_time - reaction + MIN_REACTION_S)
        if self.wrong_p <= chance < self.wrong_p + self.late_p:
            # Just too late: a move whose action point came well after the limit would land on the next
            # prompt as a wrong move, and keep the player a prompt behind.
            action_time = max(action_time, now + time_limit_s + LATE_BY_S)
        return self.perform(move, action_time)

    def busy_until(self):
        return max((p.end for p in self.performances), default=-np.inf)

    def body_pose(self, t):
        """(15, 3) body-frame pose at time t: rest, idle sway and any move under way."""
        pose = self._rest.copy()
        sway = np.array([0.03 * np.sin(2 * np.pi * t / 3.1), 0.01 * np.sin(2 * np.pi * t / 2.3), 0.0])
        pose += sway
        self.performances = [p for p in self.performances if p.end > t - 1.0]
        for performance in self.performances:
            if performance.start <= t <= performance.end:
                pose += self._offset(performance, t)
        pose[J["neck"]] = (pose[J["left_shoulder"]] + pose[J["right_shoulder"]]) / 2
        pose[J["mid_hip"]] = (pose[J["left_hip"]] + pose[J["right_hip"]]) / 2
        return pose

    def _offset(self, performance, t):
        """Displacement from rest of the joints a move drives at time t, blended between keyframes."""
        keys = keyframes(performance.move)
        local = (t - performance.action_time) * performance.speed
        offsets = [self._key_offset(pose) * performance.size for _, pose in keys]
        times = [time for time, _ in keys]
        index = int(np.searchsorted(times, local, side="right")) - 1
        if index < 0:
            return offsets[0]
        if index >= len(keys) - 1:
            return offsets[-1]
        u = _smoothstep((local - times[index]) / (times[index + 1] - times[index]))
        return offsets[index] + u * (offsets[index + 1] - offsets[index])

    def _key_offset(self, pose):
        offset = np.zeros((N_JOINTS, 3))
        for name, position in pose.items():
            offset[J[name]] = np.asarray(position) - self._rest[J[name]]
        return offset

    def skeleton(self, t, noise_m=0.002):
        """(15, 3) canonical skeleton in metres at time t, facing the camera, with a little jitter."""
        body = self.body_pose(t) * TORSO_M
        metres = np.stack([-body[:, 0], body[:, 1] + HIP_HEIGHT_M, DISTANCE_M - body[:, 2]], axis=1)
        return (metres + self._jitter.normal(0, noise_m, metres.shape)).astype(np.float32)


def image_points(skeleton, frame_height_m=2.6):
    """(15, 2) where a canonical skeleton would appear in a camera frame, x and y in [0, 1], y down:
    an orthographic view of a frame frame_height_m tall, 4:3, centred on the figure."""
    x = 0.5 - skeleton[:, 0] / (frame_height_m * 4 / 3)
    y = 0.5 - (skeleton[:, 1] - HIP_HEIGHT_M * 0.9) / frame_height_m
    return np.stack([x, y], axis=1)
