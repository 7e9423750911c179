"""Run a function on untrusted input in a child process with hard limits.

The limits are the guarantee: whatever a file's structure, its reader gets at most
``Limits.memory_mb`` of address space above what the child starts with, ``Limits.cpu_s`` seconds
of CPU and ``Limits.wall_s`` seconds of wall time, and the child's memory goes back to the system
when it ends. Checks of known bombs before parsing stay useful for their clearer messages; they
are not what keeps the server alive.

Children are forked from a small fork server: a fresh interpreter, started once, with the
readers imported (``PRELOAD``), so a confined call costs a few milliseconds more than a direct
one. It is our own few lines rather than multiprocessing's forkserver, which runs the parent's
``__main__`` in every child, and Streamlit sets ``__main__`` to the app script while it runs.
At most ``MAX_RUNNING`` calls run at once. ``Limits.wall_s`` is the whole call's time, its wait
for a free slot included, so the budgets add up to what the caller promises: a call that cannot
start in time is refused as busy rather than queued without end, and a call that started late
gets what is left (its CPU limit too). Linux only (``fork``, ``setrlimit``).
"""

from __future__ import annotations

import contextlib
import importlib
import math
import os
import pickle
import resource
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_RUNNING = 2  # one per core of the machine the app is sized for
# What every child needs, imported (and called, after a colon) once in the fork server.
PRELOAD = ("geo.uploads.read:prepare_reader",)
_HEADER = struct.Struct("!Q")  # the length of a pickled message


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 320  # address space the child may add to what it starts with
    cpu_s: int = 4
    wall_s: float = 4.5  # the whole call, from its request to its answer, the wait for a slot included
    queue_s: float = 3.5  # longest wait for a free slot before answering "busy" (within wall_s)


class ConfinedError(RuntimeError):
    """The call did not finish within its limits (``reason``: "limits", "busy" or "crashed")."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


def run_confined(func: Callable[..., Any], *args: Any, limits: Limits = Limits()) -> Any:
    """``func(*args)`` run in a confined child; its return value, or its exception re-raised.

    ``func`` must be importable by name (a module-level function) and its arguments and result
    picklable. Raises ``ConfinedError`` when the child runs out of memory, CPU or wall time,
    dies, or cannot start because ``MAX_RUNNING`` calls are running already.
    """
    deadline = time.monotonic() + limits.wall_s
    if not _slots.acquire(timeout=min(limits.queue_s, limits.wall_s)):
        raise ConfinedError("busy")
    try:
        return _server.run(func, args, limits, deadline)
    finally:
        _slots.release()


_command_started: float | None = None  # time.monotonic() when the command's process started


def start_command() -> None:
    """Count this process's budgets from its start (``command_age``): ``python -m geo`` calls it,
    so a command, interpreter and imports included, answers within the promise."""
    global _command_started
    with open("/proc/self/stat") as fh:
        started = int(fh.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
    with open("/proc/uptime") as fh:
        age = max(float(fh.read().split()[0]) - started, 0.0)
    _command_started = time.monotonic() - age


def command_age() -> float:
    """Seconds since the command started (``start_command``); 0 in a server or a test."""
    return 0.0 if _command_started is None else time.monotonic() - _command_started


def warm_up() -> None:
    """Start the fork server now (e.g. when the app starts), so the first upload is not slower."""
    _server.ensure()


# --- the parent's side ----------------------------------------------------------------------


class _ForkServer:
    def __init__(self):
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._control: socket.socket | None = None

    def ensure(self) -> None:
        with self._lock:
            self._ensure()

    def _ensure(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        ours, theirs = socket.socketpair()
        code = f"from geo.uploads.confined import serve; serve({theirs.fileno()})"
        self._proc = subprocess.Popen(  # a fresh interpreter: no threads, nothing of the server's
            [sys.executable, "-c", code], pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL
        )
        theirs.close()
        self._control = ours

    def _stop(self) -> None:
        """End the server (the next call starts another)."""
        self._proc.kill()
        self._proc.wait()
        self._control.close()

    def _fork(self, channel: socket.socket, deadline: float) -> int:
        """Ask the server for a child that talks over ``channel``; the child's pid. A server
        still loading its readers at ``deadline`` (a command's own, just started, on a busy
        machine) makes the call busy: the wait for it counts in the budget too."""
        with self._lock:
            for attempt in (1, 2):
                self._ensure()
                try:
                    socket.send_fds(self._control, [b"f"], [channel.fileno()])
                    return _HEADER.unpack(_read(self._control, _HEADER.size, deadline))[0]
                except TimeoutError:  # its late answer would confuse the next call: start afresh
                    self._stop()
                    raise ConfinedError("busy", "the reader is still starting") from None
                except OSError:  # the server died: start another once
                    self._stop()
                    if attempt == 2:
                        raise ConfinedError("crashed", "the fork server does not answer") from None
        raise AssertionError("unreachable")

    def run(self, func: Callable, args: tuple, limits: Limits, deadline: float) -> Any:
        ours, theirs = socket.socketpair()
        with ours:
            with theirs:
                pid = self._fork(theirs, deadline)
            started = time.monotonic()
            cpu_s = max(1, min(limits.cpu_s, math.ceil(deadline - started)))
            try:
                _send(ours, (func, args, cpu_s, limits.memory_mb))
                kind, value = _receive(ours, deadline)
            except TimeoutError:
                used = _cpu_seconds(pid)
                _kill(pid)
                if used < (time.monotonic() - started) / 2:  # it waited for a core: the machine is busy
                    raise ConfinedError("busy", f"{used:.1f} s of CPU before the deadline") from None
                raise ConfinedError("limits", f"no answer within {limits.wall_s:g} s") from None
            except (EOFError, OSError):  # killed by a limit (SIGXCPU, SIGKILL) before it answered
                _kill(pid)
                raise ConfinedError("limits", "the reader was stopped") from None
        if kind == "ok":
            return value
        if kind == "raised":
            raise value
        raise ConfinedError(kind, str(value or ""))


def _cpu_seconds(pid: int) -> float:
    """The CPU time ``pid`` has used (user and system), from /proc; infinite if it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return math.inf
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        os.kill(pid, signal.SIGKILL)


_slots = threading.BoundedSemaphore(MAX_RUNNING)
_server = _ForkServer()


# --- messages ---------------------------------------------------------------------------------


def _read(sock: socket.socket, n: int, deadline: float | None = None) -> bytes:
    chunks, left = [], n
    while left:
        if deadline is not None:
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _send(sock: socket.socket, obj: object) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def _receive(sock: socket.socket, deadline: float | None = None) -> Any:
    (size,) = _HEADER.unpack(_read(sock, _HEADER.size, deadline))
    return pickle.loads(_read(sock, size, deadline))


# --- the fork server and its children -------------------------------------------------------


def serve(fd: int) -> None:
    """The fork server's loop: for each channel received, fork a child that runs one call."""
    for entry in PRELOAD:
        module, _, function = entry.partition(":")
        loaded = importlib.import_module(module)
        if function:
            getattr(loaded, function)()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    control = socket.socket(fileno=fd)
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(control, 1, 1)
        except OSError:
            return
        if not fds:  # the parent has gone
            return
        pid = os.fork()
        if pid == 0:
            control.close()
            _child(socket.socket(fileno=fds[0]))
            os._exit(0)
        os.close(fds[0])
        control.sendall(_HEADER.pack(pid))


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(channel: socket.socket) -> None:
    """In the child: read the call, set the limits on itself, run, send back the outcome."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        func, args, cpu_s, memory_mb = _receive(channel)
    except Exception as exc:  # e.g. a function the child cannot import
        _send(channel, ("crashed", f"{type(exc).__name__}: {exc}"))
        return
    room = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (room, room))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    try:
        outcome = ("ok", func(*args))
    except MemoryError:
        outcome = ("limits", "out of memory")
    except Exception as exc:
        outcome = ("raised", exc)
    try:
        _send(channel, outcome)
    except MemoryError:
        _send(channel, ("limits", "out of memory"))
    except Exception as exc:  # an answer that cannot be pickled
        _send(channel, ("crashed", f"{outcome[0]} {type(outcome[1]).__name__}, unpicklable: {exc}"))
