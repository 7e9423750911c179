"""Two app servers behind nginx sharing one PostgreSQL store, on this machine, then a check.

    .venv/bin/python -m deploy.two_servers [--keep]

Starts a PostgreSQL server (Debian's package, as an unprivileged user), two app servers whose
``GEO_STORE`` is its database (one cookie secret, so either accepts the other's XSRF cookie), and
nginx in front of them with sticky sessions (``deploy/nginx-site.conf``: the same file
docs/DEPLOY.md shows). Then it publishes a table with ``python -m geo data publish``, and
checks in headless Chromium that the published indicator opens on each server and through
nginx, and in nginx's log that every request of one browser reached one server. Exit 0 when all
holds. ``--keep`` leaves everything running until Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from pathlib import Path

from deploy.local import ROOT, free_port, serve_app, wait_up
from deploy.postgres import PostgresServer

SITE = Path(__file__).with_name("nginx-site.conf")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
INDICATOR = "软件园区数"
TABLE = (
    f"市（州）,2024年{INDICATOR}（个）\n成都市,12\n绵阳市,3\n德阳市,2\n资料来源：省经信厅园区名录（2024）\n"
)


@contextmanager
def nginx(listen: int, backends: list[int], folder: Path):
    """nginx on 127.0.0.1:``listen`` with ``deploy/nginx-site.conf`` in front of ``backends``."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed: apt-get install nginx (make test installs it)")
    site = SITE.read_text(encoding="utf-8")
    site = site.replace("server 127.0.0.1:8501;\n    server 127.0.0.1:8502;",
                        "\n    ".join(f"server 127.0.0.1:{p};" for p in backends))  # fmt: skip
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub).chmod(0o777)
    main = f"""
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    log_format sticky '$http_cookie\\t$upstream_addr\\t$request';
    access_log {folder}/access.log sticky;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
}}
"""
    conf = folder / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(folder)], stderr=subprocess.PIPE)
    try:
        wait_up(f"http://127.0.0.1:{listen}", 30)
        yield folder / "access.log"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def publish(store: str, folder: Path) -> str:
    table = folder / "parks.csv"
    table.write_text(TABLE, encoding="utf-8")
    command = [sys.executable, "-m", "geo", "data", "--store", store, "publish", str(table), "--yes",
               "--operator", "two-servers check"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"publishing failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def shows_published(browser, base: str) -> bool:
    """Whether ``base`` opens a link to the published indicator with its legend and source."""
    page = browser.new_page()
    try:
        page.goto(f"{base}/?lang=zh&indicator={INDICATOR}&layers=prefectures,choropleth")
        for _ in range(300):
            for frame in page.frames:
                try:
                    text = frame.evaluate("Array.from(document.querySelectorAll('.sw-legend'))"
                                          ".map(e => e.textContent).join('|')")  # fmt: skip
                except Exception:  # a frame replaced while the app reruns
                    continue
                if INDICATOR in text and "本办公室" in text:
                    return True
            page.wait_for_timeout(200)
        return False
    finally:
        page.close()


def sticky(access_log: Path) -> tuple[bool, int]:
    """Whether every request that carried a browser's cookie reached one server; how many did."""
    servers = defaultdict(set)
    for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        cookie, upstream, _ = [*line.split("\t"), "", ""][:3]
        token = re.search(r"_streamlit_xsrf=([^;\s]+)", cookie)
        if token and upstream not in ("", "-"):
            servers[token.group(1)].add(upstream)
    return all(len(s) == 1 for s in servers.values()), sum(1 for _ in servers)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--keep", action="store_true", help="keep everything running until Ctrl-C")
    args = args.parse_args(argv)
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="geo-two-servers-"))
    with ExitStack() as stack:
        pg = stack.enter_context(PostgresServer.start())
        store = stack.enter_context(pg.database())
        env = {"GEO_STORE": store, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16)}
        ports = [free_port(), free_port()]
        for i, port in enumerate(ports):
            stack.enter_context(serve_app(env, folder / f"app{i + 1}.log", port))
        front = free_port()
        access = stack.enter_context(nginx(front, ports, folder / "nginx"))
        print(f"PostgreSQL store: {store}")
        print(
            f"app servers: http://127.0.0.1:{ports[0]}, http://127.0.0.1:{ports[1]}; nginx: http://127.0.0.1:{front}"
        )
        print(publish(store, folder).rstrip())
        browser = stack.enter_context(sync_playwright()).chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        results = {
            f"server 1 (:{ports[0]})": shows_published(browser, f"http://127.0.0.1:{ports[0]}"),
            f"server 2 (:{ports[1]})": shows_published(browser, f"http://127.0.0.1:{ports[1]}"),
            f"nginx (:{front}), three browsers": all(
                shows_published(browser, f"http://127.0.0.1:{front}") for _ in range(3)
            ),
        }
        same, browsers = sticky(access)
        results[f"sticky: each browser's requests reached one server ({browsers} seen)"] = (
            same and browsers > 0
        )
        for what, ok in results.items():
            print(f"{'ok  ' if ok else 'FAIL'} {what}")
        if args.keep:
            print("running; Ctrl-C stops everything")
            try:
                while True:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
