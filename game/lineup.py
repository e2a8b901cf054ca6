"""Who stands in front of the game and what sees them, from the command line: a camera, a video, a pose recording or
the demo's virtual player for one player; for two (family mode, --players 2), the halves of one camera or video, or
two virtual players of different speeds."""

from .family import SECOND_DEMO_PLAYER
from .pair_tracking import TrackerPair, camera_pair
from .tracking import CameraTracker, DemoTracker, ReplayTracker
from .virtual_player import VirtualPlayer


def trackers(args, clock, demo=False):
    """(the tracker the app watches for loading, failures and frame rates, [each player's tracker, player 1's
    first]); demo: the virtual players whatever the command line asks (no camera was found)."""
    if demo or args.demo:
        players = [VirtualPlayer(seed=args.seed, reaction_s=args.demo_reaction)]
        if args.players == 2:
            players.append(VirtualPlayer(seed=None if args.seed is None else args.seed + 1, **SECOND_DEMO_PLAYER))
        seats = [DemoTracker(args.model, args.seated, player=player, clock=clock if clock.virtual else None)
                 for player in players]
    elif args.replay:
        seats = [ReplayTracker(args.replay, args.model, args.seated)]
    else:
        from recognizer.runtime.sources import CameraSource, VideoSource
        if args.video:
            source = VideoSource(args.video, realtime=True, loop=True)
        else:
            source = CameraSource(args.camera, args.width or (1280 if args.players == 2 else 640), args.height)
        seats = (camera_pair(source, args.model, args.seated) if args.players == 2
                 else [CameraTracker(source, args.model, args.seated, record=args.record)])
    return (TrackerPair(seats) if len(seats) > 1 else seats[0]), seats
