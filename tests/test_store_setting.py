"""Where the store is (``GEO_STORE``, ``--store``): a malformed or unreachable setting leaves the
bundled data with a warning in the viewer's language and never shows a secret; a path is taken
as a path whatever its characters, and a reader never creates a file."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.data.load import load_map_data
from geo.office import store
from geo.office.merge import shown_data
from geo.text.i18n import t
from tests.conftest import APP
from tests.test_store import GDP_2023, _run, publish, value

SECRETS = ("geouser", "pa55word", "qsecret", "qtoken")
SETTINGS = {  # the setting, the warning's key
    "postgresql://geouser:pa55word@host:notaport/db?password=qsecret&token=qtoken": "store_setting",
    "postgresql://geouser:pa55word@[::1/db?password=qsecret": "store_setting",
    "mysql+nodriver://geouser:pa55word@host/db?token=qtoken": "store_setting",
    "postgresql://geouser:pa55word@127.0.0.1:1/db?password=qsecret&application_name=qtoken": (
        "store_unreachable"
    ),
    "postgresql://geouser:pa55word@127.0.0.1:1/db?password=qsecret&token=qtoken": "store_setting",
}


def _no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, (secret, text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("setting", list(SETTINGS), ids=["port", "host", "driver", "unreachable", "option"])
def test_a_bad_setting_leaves_the_bundled_data_with_a_warning_and_no_secret(
    monkeypatch, caplog, setting, lang
):
    monkeypatch.setenv("GEO_STORE", setting)
    caplog.set_level(logging.INFO)
    st.cache_resource.clear()  # a server that did not answer is remembered for a few seconds
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception, app.exception
    assert [w.value for w in app.warning] == [t(SETTINGS[setting], lang)]
    assert len(app.selectbox) > 0  # the app is up: its controls are drawn
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "data store:" in logged
    _no_secret(logged)
    _no_secret("\n".join(str(e.value) for e in (*app.warning, *app.markdown, *app.error)))


def test_a_server_that_does_not_answer_is_not_waited_for_on_every_rerun(monkeypatch):
    from geo.office import merge as office

    monkeypatch.setenv("GEO_STORE", "postgresql://geouser:pa55word@127.0.0.1:1/db")
    asked = []
    real = office.read_stamp
    monkeypatch.setattr(office, "read_stamp", lambda *a: asked.append(a) or real(*a))
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.run()
    assert len(asked) == 1 and [w.value for w in app.warning] == [t("store_unreachable", "zh")]
    app.run()  # a click: the warning again, without asking the server
    assert len(asked) == 1 and [w.value for w in app.warning] == [t("store_unreachable", "zh")]
    assert not app.exception


@pytest.mark.parametrize("setting", list(SETTINGS), ids=["port", "host", "driver", "unreachable", "option"])
def test_the_commands_say_what_is_wrong_without_a_secret(setting, tmp_path):
    for argv in (["history"], ["check"], ["export", str(tmp_path / "out")]):
        code, out = _run(["data", "--store", setting, *argv])
        assert code == 1 and "Traceback" not in out and out.strip(), out
        _no_secret(out)
    assert store.shown_location(setting).count("***") >= 2


CHARACTERS = ["#", "?", " ", "数据", "%20", "%", "&mode=rw", "'", ";"]


@pytest.mark.parametrize("char", CHARACTERS)
def test_a_path_with_any_character_is_the_path(tmp_path, char):
    folder = tmp_path / f"a{char}b"
    folder.mkdir()
    path = folder / f"store{char}x.sqlite"
    missing = folder / f"none{char}.sqlite"
    data, trouble = shown_data(load_map_data(), str(missing))  # a reader never creates a file
    assert trouble.code == "missing" and os.listdir(folder) == []
    code, out = _run(["data", "--store", str(path), "check"])
    assert code == 0 and os.listdir(folder) == []
    code, out = publish(str(path), tmp_path, GDP_2023, "--yes")
    assert code == 0, out
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [path.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder.name, "table.csv"])
    for setting in (str(path), store.location(str(path))):
        data, trouble = shown_data(load_map_data(), setting)
        assert trouble is None and value(data.indicators, "511900", "gdp", "2023")["value"] == 800.5
    code, out = _run(["data", "--store", str(path), "history"])
    assert code == 0 and "2 added" in out
    os.environ["GEO_STORE"] = str(path)
    try:
        assert store.sqlite_path(store.location()) == Path(path)
    finally:
        del os.environ["GEO_STORE"]


def test_the_read_only_uri_quotes_every_character(tmp_path):
    """Oracle: SQLite's own URI rules (``?`` starts the query, ``#`` the fragment, ``%XX`` is a
    byte): the quoted URI names the file, an unquoted one another file."""
    import sqlite3

    path = tmp_path / "x#y?mode=rw&z 数据.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (v)").connection.commit()
    conn = sqlite3.connect(store.sqlite_uri(path), uri=True)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    with pytest.raises(sqlite3.OperationalError):  # unquoted: "x", a file that is not there
        sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT 1 FROM t")
