"""What a process that plays or streams sets up once, where it starts: one BLAS thread, and native libraries' log
lines kept off the player's terminal.

A frame is one window, a few small matrix products: BLAS threads do not speed them up, but while BlazePose holds
the cores they wait for them (28 ms a frame instead of 5 on this busy 2-core machine). mediapipe's C++ and
TensorFlow Lite write their own log lines ("Created TensorFlow Lite XNNPACK delegate", "Feedback manager requires
a model with a single signature") straight to file descriptor 2, past Python and past their environment switches;
after quiet_native_logs they go to /dev/null while Python's own sys.stderr (the game's messages, tracebacks, tqdm)
keeps the terminal.
"""

import os
import sys

from threadpoolctl import threadpool_limits


def limit_blas_threads():
    """One BLAS thread for the whole process (the game, and the command line's live commands)."""
    threadpool_limits(limits=1, user_api="blas")


def quiet_native_logs():
    """Send what native code writes to stderr to /dev/null; Python's sys.stderr keeps the terminal. Does nothing
    when stderr is no file descriptor (a test's captured stream)."""
    try:
        terminal = os.dup(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return
    sys.stderr.flush()
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, 2)
    os.close(nowhere)
    sys.stderr = os.fdopen(terminal, "w", buffering=1, encoding=sys.stderr.encoding, errors="backslashreplace")


def start(verbose=False):
    """Set up a playing or streaming process: one BLAS thread; native log lines only when verbose."""
    limit_blas_threads()
    if not verbose:
        quiet_native_logs()
