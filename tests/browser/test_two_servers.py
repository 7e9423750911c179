"""docs/DEPLOY.md's two servers behind nginx sharing one PostgreSQL store: its script starts
exactly that and checks that a table published once shows on both servers and through nginx,
with sticky sessions, over TLS, framed by no other site, with no server version and no metrics
outside (deploy/two_servers.py)."""

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
    assert all(line.startswith("ok") for line in checks), done.stdout
    for check in EACH:  # every one reported, none forgotten
        assert any(check in line for line in checks), (check, done.stdout)


EACH = (
    "server 1",
    "server 2",
    "nginx (https",
    "TLS: the page answers over HTTPS",
    "plain HTTP redirects to HTTPS",
    "X-Frame-Options SAMEORIGIN",
    "CSP frame-ancestors 'self'",
    "no server version",
    "/_stcore/metrics not served outside",
    "another site's page cannot show the app",
    "sticky",
)
