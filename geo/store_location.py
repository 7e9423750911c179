"""Where the office's data store is, and whether there is one, without importing SQLAlchemy.

A run with no store named (``GEO_STORE`` unset) and no SQLite file at the default place has
nothing published to read: the app and ``python -m geo export`` then never import ``geo.store``
(SQLAlchemy and its dialects cost about 0.15 s of every start).
"""

from __future__ import annotations

import os
from pathlib import Path

SETTING = "GEO_STORE"
MANY = 100  # a publish that adds or changes more cells than this is confirmed twice


def location(setting: str | None = None) -> str:
    """The store's SQLAlchemy URL: ``setting`` or ``GEO_STORE`` (a path or a URL), else a SQLite
    file in the user's data folder (``$XDG_DATA_HOME`` or ``~/.local/share``)."""
    value = setting or os.environ.get(SETTING) or str(_data_home() / "sichuan-software-map" / "store.sqlite")
    if value.startswith(("postgresql://", "postgres://")):  # the driver installed with the project
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def configured(setting: str | None = None) -> bool:
    """Whether a store was named (``setting`` or ``GEO_STORE``): then a missing one is an error."""
    return bool(setting or os.environ.get(SETTING))


def in_use(setting: str | None = None) -> bool:
    """Whether a run must read the store: one is named, or the default SQLite file exists (a
    file check, no import of the store's modules)."""
    if configured(setting):
        return True
    return Path(location().removeprefix("sqlite:///")).is_file()


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
