"""Run a function on untrusted input in a child process with hard limits.

The limits are the guarantee: whatever a file's structure, its reader gets at most
``Limits.memory_mb`` of address space above what the child starts with, ``Limits.cpu_s`` seconds
of CPU and ``Limits.wall_s`` seconds of wall time, and the child's memory goes back to the system
when it ends. Checks of known bombs before parsing stay useful for their clearer messages; they
are not what keeps the server alive.

Children are forked from a small server process (multiprocessing's *forkserver*) that has the
readers imported already, so a confined call costs a few milliseconds more than a direct one. At
most ``MAX_RUNNING`` run at once; a call that cannot start within ``Limits.queue_s`` is refused
as busy rather than queued without end.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_RUNNING = 2  # one per core of the machine the app is sized for
# What every child needs: pandas, openpyxl and the parsers. ``__main__`` too: multiprocessing
# runs the main script in each new child unless the fork server has it already (under
# Streamlit that is Streamlit's own command, ~1 s a child); a main script needs the usual
# ``if __name__ == "__main__":`` guard.
PRELOAD = ["__main__", "geo.upload"]


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 400  # address space the child may add to what it starts with
    cpu_s: int = 4
    wall_s: float = 4.5
    queue_s: float = 5.0  # longest wait for a free slot before answering "busy"


class ConfinedError(RuntimeError):
    """The call did not finish within its limits (``reason``: "limits", "busy" or "crashed")."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


_slots = threading.BoundedSemaphore(MAX_RUNNING)
_context_lock = threading.Lock()
_context = None


def _ctx():
    """The forkserver context, its server started once with the readers imported."""
    global _context
    with _context_lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


def warm_up() -> None:
    """Start the fork server now (e.g. when the app starts), so the first upload is not slower."""
    from multiprocessing import forkserver

    _ctx()
    forkserver.ensure_running()


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(conn, limits: Limits, func: Callable, args: tuple) -> None:
    """In the child: set the limits on itself, run, send back ("ok", value) or ("raised", exc)."""
    room = _address_space() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (room, room))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + 1))
    try:
        outcome = ("ok", func(*args))
    except MemoryError:
        outcome = ("limits", None)
    except Exception as exc:
        outcome = ("raised", exc)
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("limits", None))
    except Exception as exc:  # an answer that cannot be pickled
        conn.send(("crashed", f"{type(exc).__name__}"))


def run_confined(func: Callable[..., Any], *args: Any, limits: Limits = Limits()) -> Any:
    """``func(*args)`` run in a confined child; its return value, or its exception re-raised.

    ``func`` must be importable by name (a module-level function) and its arguments and result
    picklable. Raises ``ConfinedError`` when the child runs out of memory, CPU or wall time,
    dies, or cannot start because ``MAX_RUNNING`` calls are running already.
    """
    if not _slots.acquire(timeout=limits.queue_s):
        raise ConfinedError("busy")
    try:
        return _run(func, args, limits)
    finally:
        _slots.release()


def _run(func: Callable, args: tuple, limits: Limits) -> Any:
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, limits, func, args), daemon=True)
    deadline = time.monotonic() + limits.wall_s
    child.start()
    send.close()
    try:
        if not receive.poll(max(deadline - time.monotonic(), 0)):
            raise ConfinedError("limits", f"no answer within {limits.wall_s:g} s")
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):  # killed by a limit (SIGXCPU, SIGKILL) before it answered
            raise ConfinedError("limits", f"the reader stopped (exit code {child.exitcode})") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
    if kind == "ok":
        return value
    if kind == "raised":
        raise value
    raise ConfinedError(kind, str(value or ""))
