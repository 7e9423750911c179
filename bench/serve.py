"""``python -m bench.serve SCRIPT [streamlit options]``: the app's server for the benchmark.

The same server as ``make run`` (``ui.server``: ``streamlit run`` with Nagle's algorithm off);
with ``BENCH_STOCK_SERVER`` set, the server as ``streamlit run`` gives it (Streamlit's floor).
With ``BENCH_OPEN_DELAY_S`` set (the benchmark's own tests set it, nothing else does) every run
of the app's script first sleeps that long, the deliberate slowdown that ``python -m bench
--check`` must catch. With ``BENCH_RUN_LOG`` set (by ``python -m bench.open_profile``) the server
appends to that file, as JSON lines, how long each new session took to set up and each script
run took (the collection after it included).
"""

from __future__ import annotations

import json
import os
import sys
import time

DELAY = "BENCH_OPEN_DELAY_S"
STOCK = "BENCH_STOCK_SERVER"
RUN_LOG = "BENCH_RUN_LOG"


def _slow_down(seconds: float) -> None:
    """Every script run of the app waits ``seconds`` (in the check it makes once per run)."""
    from geo.office import location as store_location

    checked = store_location.in_use

    def in_use(setting=None):
        time.sleep(seconds)
        return checked(setting)

    store_location.in_use = in_use


def _record(path: str) -> None:
    """Append each session's set-up time and each script run's time to ``path`` (Streamlit's own
    classes timed from outside: the profile of ``python -m bench.open_profile``)."""
    from streamlit.runtime import app_session
    from streamlit.runtime.scriptrunner import script_runner

    def timed(cls, name: str, what: str) -> None:
        inner = getattr(cls, name)

        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps({"what": what, "s": time.perf_counter() - t0}) + "\n")

        setattr(cls, name, wrapper)

    timed(app_session.AppSession, "__init__", "session set-up")
    timed(script_runner.ScriptRunner, "_run_script", "script run with its garbage collection")


def main() -> int:
    delay = float(os.environ.get(DELAY) or 0)
    if delay:
        _slow_down(delay)
    if os.environ.get(RUN_LOG):
        _record(os.environ[RUN_LOG])
    from ui import server

    return server.main(nodelay=not os.environ.get(STOCK))


if __name__ == "__main__":
    sys.exit(main())
