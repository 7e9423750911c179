"""What every new session and every rerun of the served app costs the server besides its script:
the garbage collection Streamlit runs after each run, and the watching of the app's folder.
Each checked in a new process (the collector's state and Streamlit's settings are per process)."""

import json
import os
import subprocess
import sys

from tests.conftest import APP, ROOT

_COLLECTED = """
import gc, json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
at.run()  # a rerun, as after a click
print(json.dumps({"errors": len(at.exception), "frozen": gc.get_freeze_count(),
                  "tracked": len(gc.get_objects())}))
"""
_SETTING = """
from streamlit import config
print(config.get_option("server.fileWatcherType"))
"""


def _run(code: str, *args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,  # where `streamlit run` reads .streamlit/config.toml from
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout.strip().splitlines()[-1]


def test_after_the_first_run_the_long_lived_objects_are_out_of_the_collector_s_reach():
    # Streamlit runs a full collection after every script run: it walks every object the
    # collector tracks, so most of them (modules, the bundled data, rendered map parts) must be
    # frozen, not tracked
    answer = json.loads(_run(_COLLECTED, str(APP)))
    assert answer["errors"] == 0
    assert answer["frozen"] > 4 * answer["tracked"], answer


def test_the_served_app_does_not_watch_its_folder():
    # a watcher walks the whole folder (a virtualenv inside it too) for every new session
    assert _run(_SETTING) == "none"
