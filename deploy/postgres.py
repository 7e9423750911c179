"""A throwaway PostgreSQL server (the tests, deploy/two_servers.py): Debian's binaries, run as an
unprivileged user in a new folder of the system temporary directory, on a free port of 127.0.0.1."""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from deploy.local import free_port


def bin_dir() -> Path:
    """The newest installed server's binaries (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    return Path(initdb).parent


@dataclass
class PostgresServer:
    folder: Path
    port: int
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://geo@127.0.0.1:{self.port}/postgres"

    @classmethod
    @contextmanager
    def start(cls):
        folder = Path(tempfile.mkdtemp(prefix="geo-pg-"))  # the server's user can reach it
        as_user = []
        if os.geteuid() == 0:
            user = "postgres" if _has_user("postgres") else "nobody"
            shutil.chown(folder, user)
            as_user = ["runuser", "-u", user, "--"]
        server = cls(folder, free_port(), as_user)
        binaries = bin_dir()
        run = [*as_user, str(binaries / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "geo"]
        subprocess.run([*run, "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True)
        options = f"-p {server.port} -h 127.0.0.1 -k {folder} -F"
        ctl = [*as_user, str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log")]
        subprocess.run([*ctl, "-o", options, "-w", "-t", "60", "start"], check=True, capture_output=True)
        watchdog = _watchdog(os.getpid(), ctl, folder)
        try:
            yield server
        finally:
            subprocess.run([*ctl, "-m", "fast", "-w", "stop"], capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)
            watchdog.kill()
            watchdog.wait()

    @contextmanager
    def database(self):
        """A new, empty database on this server (dropped after): its URL."""
        name = f"t{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        try:
            yield self.url.rsplit("/", 1)[0] + f"/{name}"
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.dispose()


def _watchdog(owner: int, ctl: list[str], folder: Path) -> subprocess.Popen:
    """A shell in a session of its own that stops the server and removes its folder once
    ``owner`` has gone, however it ended (a killed test run included)."""
    stop = " ".join(shlex.quote(part) for part in [*ctl, "-m", "immediate", "-w", "stop"])
    script = f"while kill -0 {owner} 2>/dev/null; do sleep 1; done; {stop}; rm -rf {shlex.quote(str(folder))}"
    quiet = subprocess.DEVNULL
    return subprocess.Popen(["sh", "-c", script], start_new_session=True, stdout=quiet, stderr=quiet)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
