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

from deploy.local import ROOT, free_port, serve_app
from deploy.postgres import PostgresServer

SITE = Path(__file__).with_name("nginx-site.conf")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
INDICATOR = "软件园区数"
TABLE = (
    f"市（州）,2024年{INDICATOR}（个）\n成都市,12\n绵阳市,3\n德阳市,2\n资料来源：省经信厅园区名录（2024）\n"
)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with openssl for this check (never kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "tls.crt", folder / "tls.key"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout",
               str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1", "-addext",
               "subjectAltName=IP:127.0.0.1"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    return cert, key


def site(backends: list[int], http: int, https: int, cert: Path, key: Path) -> str:
    """``deploy/nginx-site.conf`` as docs/DEPLOY.md shows it, on this machine's ports and with
    the check's certificate: nothing else changed."""
    text = SITE.read_text(encoding="utf-8")
    replaced = {
        "server 127.0.0.1:8501;\n    server 127.0.0.1:8502;": "\n    ".join(
            f"server 127.0.0.1:{p};" for p in backends
        ),
        "listen 80;": f"listen 127.0.0.1:{http};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https} ssl;",
        "https://$host$request_uri": f"https://$host:{https}$request_uri",
        "/etc/nginx/tls/sichuan-map.crt": str(cert),
        "/etc/nginx/tls/sichuan-map.key": str(key),
    }
    for old, new in replaced.items():
        if old not in text:
            raise RuntimeError(f"deploy/nginx-site.conf no longer has {old!r}: update deploy/two_servers.py")
        text = text.replace(old, new)
    return text


@contextmanager
def nginx(http: int, https: int, backends: list[int], folder: Path):
    """nginx with ``deploy/nginx-site.conf`` in front of ``backends``, on 127.0.0.1:``http``
    (redirects) and ``https`` (TLS with a self-signed certificate); yields its access log and
    the certificate."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed: apt-get install nginx (make test installs it)")
    cert, key = self_signed(folder / "tls")
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
{site(backends, http, https, cert, key)}
}}
"""
    conf = folder / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(folder)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while fetch(f"https://127.0.0.1:{https}/_stcore/health", cert)[0] != 200:
            if time.monotonic() > deadline or proc.poll() is not None:
                why = proc.stderr.read().decode() if proc.poll() is not None else ""
                raise RuntimeError(f"nginx did not answer: {why}")
            time.sleep(0.2)
        yield folder / "access.log", cert
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def fetch(url: str, cert: Path | None = None) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a GET of ``url``, redirects not followed; HTTPS verified
    against ``cert`` (so the check also proves the certificate is the one served). Status 0
    when nothing answers."""
    import ssl
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    handlers = [NoRedirect()]
    if cert is not None:
        handlers.append(urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=str(cert))))
    try:
        with urllib.request.build_opener(*handlers).open(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read(4096).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read(4096).decode("utf-8", "replace")
    except OSError:
        return 0, {}, ""


def edge(http: int, https: int, backend: int, cert: Path) -> dict[str, bool]:
    """What nginx shows the outside: TLS, a redirect from plain HTTP, framing refused to other
    sites, no server version, no metrics (which the app server itself does serve)."""
    base = f"https://127.0.0.1:{https}"
    status, headers, _ = fetch(f"{base}/", cert)
    lower = {k.lower(): v for k, v in headers.items()}
    moved, moved_headers, _ = fetch(f"http://127.0.0.1:{http}/?lang=zh")
    missing, missing_headers, body = fetch(f"{base}/_stcore/metrics", cert)
    inside = fetch(f"http://127.0.0.1:{backend}/_stcore/metrics")[0]
    return {
        "TLS: the page answers over HTTPS with the certificate made for the check": status == 200,
        "plain HTTP redirects to HTTPS": moved == 301 and moved_headers.get("Location") == f"{base}/?lang=zh",
        "framing: X-Frame-Options SAMEORIGIN": lower.get("x-frame-options") == "SAMEORIGIN",
        "framing: CSP frame-ancestors 'self'": "frame-ancestors 'self'"
        in lower.get("content-security-policy", ""),
        "no server version (Server: nginx)": lower.get("server") == "nginx"
        and missing_headers.get("Server") == "nginx"
        and not re.search(r"nginx/\d", body),
        f"/_stcore/metrics not served outside (404; the app server itself answers {inside})": missing == 404
        and inside == 200,
    }


def framed_by_another_site(browser, https: int) -> bool:
    """Whether a page of another origin can show the app in a frame (it must not)."""
    page = browser.new_page(ignore_https_errors=True)  # about:blank: an origin of its own
    try:
        app = f"https://127.0.0.1:{https}/"
        page.set_content(f'<iframe src="{app}" onload="document.body.dataset.done = 1"></iframe>')
        page.wait_for_function("document.body.dataset.done === '1'", timeout=60_000)  # shown or refused
        return any(frame.url.startswith(app) for frame in page.frames[1:])  # refused: chrome-error://
    finally:
        page.close()


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
    page = browser.new_page(ignore_https_errors=True)  # the check's self-signed certificate
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
        plain, front = free_port(), free_port()
        access, cert = stack.enter_context(nginx(plain, front, ports, folder / "nginx"))
        print(f"PostgreSQL store: {store}")
        print(
            f"app servers: http://127.0.0.1:{ports[0]}, http://127.0.0.1:{ports[1]}; "
            f"nginx: https://127.0.0.1:{front} (http://127.0.0.1:{plain} redirects)"
        )
        print(publish(store, folder).rstrip())
        browser = stack.enter_context(sync_playwright()).chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        results = {
            f"server 1 (:{ports[0]})": shows_published(browser, f"http://127.0.0.1:{ports[0]}"),
            f"server 2 (:{ports[1]})": shows_published(browser, f"http://127.0.0.1:{ports[1]}"),
            f"nginx (https :{front}), three browsers": all(
                shows_published(browser, f"https://127.0.0.1:{front}") for _ in range(3)
            ),
            **edge(plain, front, ports[0], cert),
            "framing: another site's page cannot show the app": not framed_by_another_site(browser, front),
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
