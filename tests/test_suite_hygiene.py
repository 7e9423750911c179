"""The suite leaves nothing behind: a killed run's PostgreSQL stops by itself, and Streamlit's
AppTest does not leave its script as the process's ``__main__`` (a spawn pool would run it)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

MAIN_AT_START = sys.modules["__main__"]

_HOLD = """
import time
from deploy.postgres import PostgresServer
running = PostgresServer.start()  # kept: a collected generator would stop the server
server = running.__enter__()
print(server.folder, server.port, flush=True)
time.sleep(600)
"""


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.postgres
def test_a_killed_run_leaves_no_postgresql_running():
    child = subprocess.Popen([sys.executable, "-c", _HOLD], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    folder, port = child.stdout.readline().split()
    assert _listening(int(port))
    child.send_signal(signal.SIGKILL)  # no finally, no atexit: the run is gone
    child.wait()
    deadline = time.monotonic() + 30
    while (_listening(int(port)) or ROOT.joinpath(folder).exists()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _listening(int(port)), "the server outlived the run that started it"
    assert not ROOT.joinpath(folder).exists()


def test_an_apptest_runs_a_script():
    AppTest.from_string("import streamlit as st\nst.write('x')").run()


def test_the_next_test_has_the_runs_own_main():
    """Runs after the test above (file order): the autouse fixture put ``__main__`` back."""
    assert sys.modules["__main__"] is MAIN_AT_START
