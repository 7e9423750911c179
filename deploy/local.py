"""Servers on this machine, for the tests, the benchmark and ``deploy/two_servers.py``: a free
port of 127.0.0.1, and the app served on one until the block ends."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, seconds: float = 60) -> None:
    """Until ``url`` answers its health check (Streamlit's, which nginx passes on)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@contextmanager
def serve_app(env: dict[str, str] | None = None, log: Path | None = None, port: int | None = None):
    """The app as ``make run`` serves it (``ui.server``) on 127.0.0.1:``port`` (a free one by
    default), with ``env`` added to the environment (e.g. its ``GEO_STORE``) and its output in
    ``log``; yields its URL."""
    port = port or free_port()
    command = [sys.executable, "-m", "ui.server", str(ROOT / "app_streamlit.py"), "--server.port",
               str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    out = log.open("wb") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=out)
    finally:
        if log:
            out.close()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_up(url, 90)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
