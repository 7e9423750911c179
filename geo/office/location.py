"""Where the office's data store is (``GEO_STORE``, ``--store``) and how it may be shown: the
store's URL from a path or a URL, a SQLite file's path taken as it is whatever its characters,
the quoted ``file:`` URI SQLite opens it read-only by, and the URL with its secrets masked.
``geo.office.store`` re-exports these. A run with no store named (``GEO_STORE`` unset) and no SQLite
file at the default place has nothing published to read: the app and ``python -m geo export``
then never import ``geo.office.store`` (SQLAlchemy and its dialects cost about 0.15 s of every start)."""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

SETTING = "GEO_STORE"
MANY = 100  # a publish that adds or changes more cells than this is confirmed twice
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SQLITE_URL = re.compile(r"^sqlite(\+pysqlite)?:///")


def location(setting: str | None = None) -> str:
    """The store's URL: ``setting`` or ``GEO_STORE`` (a path or a URL), else a SQLite file in the
    user's data folder (``$XDG_DATA_HOME`` or ``~/.local/share``). A path, whatever its characters
    (``#``, ``?``, spaces, any script), becomes ``sqlite:///`` and the path as it is: everything
    after ``sqlite:///`` is the file's path (``sqlite_path``), never a query."""
    value = setting or os.environ.get(SETTING) or str(_data_home() / "sichuan-software-map" / "store.sqlite")
    if value.startswith(("postgresql://", "postgres://")):  # the driver installed with the project
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if _URL.match(value):
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def configured(setting: str | None = None) -> bool:
    """Whether a store was named (``setting`` or ``GEO_STORE``): then a missing one is an error."""
    return bool(setting or os.environ.get(SETTING))


def in_use(setting: str | None = None) -> bool:
    """Whether a run must read the store: one is named, or the default SQLite file exists (a
    file check, no import of the store's modules)."""
    return configured(setting) or exists(location())


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def shown_location(url: str) -> str:
    """The store's location as it may be shown (CLI, server log, warnings): a SQLite file's path;
    a server's URL with its user, password and query parameters masked, whatever the URL's shape
    (also one SQLAlchemy cannot parse)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "(unreadable setting)"
    rest = rest.split("#", 1)[0]
    rest, query_sep, query = rest.partition("?")
    if "@" in rest:
        rest = "***@" + rest.rsplit("@", 1)[1]
    if query_sep:
        names = [part.split("=", 1)[0] for part in query.split("&") if part]
        rest += "?" + "&".join(f"{urllib.parse.quote(n[:40], safe='')}=***" for n in names)
    return f"{scheme}://{rest}"


def masked(text: str, url: str) -> str:
    """``text`` (e.g. a driver's error) with the user, password and query values of ``url``
    replaced by ``***`` wherever they stand as a word of their own."""
    for secret in _secrets(url):
        for form in {secret, urllib.parse.unquote(secret)}:
            text = re.sub(rf"(?<![\w.-]){re.escape(form)}(?![\w.-])", "***", text)
    return text


def _secrets(url: str) -> list[str]:
    if sqlite_path(url) is not None or "://" not in url:
        return []
    rest = url.split("://", 1)[1].split("#", 1)[0]
    rest, _, query = rest.partition("?")
    found = rest.rsplit("@", 1)[0].split(":", 1) if "@" in rest else []
    found += [part.partition("=")[2] for part in query.split("&")]
    return sorted({s for s in found if s}, key=len, reverse=True)  # the longest first


def sqlite_path(url: str) -> Path | None:
    """A SQLite store's file: everything after ``sqlite:///``, taken as a path (None: a server)."""
    match = _SQLITE_URL.match(url)
    if match is None or not url[match.end() :]:
        return None
    return Path(url[match.end() :])


def exists(url: str) -> bool:
    """Whether there is a store to read (a SQLite file that is there; any other URL is a server)."""
    path = sqlite_path(url)
    return path is None or path.exists()


def sqlite_uri(path: Path, *, read_only: bool = True) -> str:
    """The ``file:`` URI SQLite opens ``path`` by, every character of the path quoted (``#`` and
    ``?`` would otherwise end the name), read-only unless asked."""
    return f"file:{urllib.parse.quote(str(path), safe='/')}" + ("?mode=ro" if read_only else "?mode=rw")
