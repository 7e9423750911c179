"""docs/DEPLOY.md's two servers behind nginx sharing one PostgreSQL store: its script starts
exactly that and checks that a table published once shows on both servers and through nginx,
with sticky sessions (deploy/two_servers.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_a_table_published_once_shows_on_both_servers_and_through_nginx():
    done = subprocess.run(
        [sys.executable, "-m", "deploy.two_servers"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    checks = [line for line in done.stdout.splitlines() if line.startswith(("ok", "FAIL"))]
    assert len(checks) == 4 and all(line.startswith("ok") for line in checks), done.stdout
