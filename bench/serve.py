"""``python -m bench.serve SCRIPT [streamlit options]``: ``streamlit run`` for the benchmark's servers.

The same server as ``streamlit run``; with ``BENCH_OPEN_DELAY_S`` set (the benchmark's own tests
set it, nothing else does) every run of the app's script first sleeps that long, the deliberate
slowdown that ``python -m bench --check`` must catch.
"""

from __future__ import annotations

import os
import sys
import time

DELAY = "BENCH_OPEN_DELAY_S"


def _slow_down(seconds: float) -> None:
    """Every script run of the app waits ``seconds`` (in the check it makes once per run)."""
    from geo.office import location as store_location

    checked = store_location.in_use

    def in_use(setting=None):
        time.sleep(seconds)
        return checked(setting)

    store_location.in_use = in_use


def main() -> int:
    delay = float(os.environ.get(DELAY) or 0)
    if delay:
        _slow_down(delay)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
