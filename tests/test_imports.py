"""A run imports only what it uses: no store modules without a store, no slide libraries
without a slide (each checked in a new process, whose ``sys.modules`` is the oracle)."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import APP, ROOT

HEAVY = ("sqlalchemy", "geo.office.store", "geo.office.merge", "psycopg", "matplotlib", "pptx", "openpyxl")

_EXPORT = """
import json, runpy, sys
sys.argv = ["geo", "export", "--out", *sys.argv[1:]]
try:
    runpy.run_module("geo", run_name="__main__", alter_sys=True)  # python -m geo export ...
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(k for k, v in sys.modules.items() if v is not None)}))
"""
_APP = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
print(json.dumps({"code": len(at.exception), "modules": sorted(sys.modules)}))
"""


def _imported(code: str, *args: str, env: dict) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    answer = json.loads(run.stdout.strip().splitlines()[-1])
    assert answer["code"] == 0, run.stdout[-2000:]
    return set(answer["modules"])


@pytest.fixture
def no_store(tmp_path):  # GEO_STORE is unset for every test (tests/conftest.py)
    return {"XDG_DATA_HOME": str(tmp_path / "data-home")}  # the default store's file is absent


@pytest.mark.parametrize("layers", [[], ["--layers", "prefectures,choropleth", "--indicator", "gdp"]])
def test_an_html_export_without_a_store_imports_neither_the_store_nor_slide_libraries(
    tmp_path, no_store, layers
):
    modules = _imported(_EXPORT, str(tmp_path / "x.html"), *layers, env=no_store)
    assert (tmp_path / "x.html").stat().st_size > 100_000
    assert not [m for m in HEAVY if m in modules]
    assert not [m for m in modules if m.startswith("geo.uploads")]  # no table given: no table reader
    assert "pandas" in modules and "pyarrow" not in modules  # pandas 3 would import it


def test_the_command_s_export_without_pyarrow_is_the_library_s_with_it(tmp_path, no_store, monkeypatch):
    """The command leaves pyarrow out (geo/__main__.py); the oracle is the same export made in
    this process, whose pandas has pyarrow and backs its strings with it."""
    import pyarrow  # noqa: F401  (the oracle's pandas uses it)

    from geo.cli import main

    layers = ["--layers", "prefectures,choropleth,layout,parks", "--indicator", "gdp", "--lang", "en"]
    modules = _imported(_EXPORT, str(tmp_path / "command.html"), *layers, env=no_store)
    assert "pyarrow" not in modules
    monkeypatch.setenv("XDG_DATA_HOME", no_store["XDG_DATA_HOME"])  # no store here either
    assert main(["export", "--out", str(tmp_path / "library.html"), *layers]) == 0
    assert (tmp_path / "command.html").read_bytes() == (tmp_path / "library.html").read_bytes()


def test_the_app_s_open_without_a_store_imports_neither_the_store_nor_slide_libraries(no_store):
    modules = _imported(_APP, str(APP), env=no_store)
    assert "geo.map" in modules  # the map was built
    assert not [m for m in HEAVY if m in modules]


def test_with_a_store_file_the_export_reads_the_store(tmp_path, no_store):
    home = tmp_path / "data-home" / "sichuan-software-map"
    home.mkdir(parents=True)
    (home / "store.sqlite").touch()  # an empty file: the store is read (and found unusable)
    modules = _imported(_EXPORT, str(tmp_path / "x.html"), env=no_store)
    assert "geo.office.store" in modules and "sqlalchemy" in modules


def test_a_slide_export_imports_matplotlib_but_not_the_store(tmp_path, no_store):
    modules = _imported(_EXPORT, str(tmp_path / "x.png"), env=no_store)
    assert "matplotlib" in modules and "geo.office.store" not in modules


def test_no_module_draws_with_pyplot():
    """pyplot keeps every figure in one global list and Streamlit closes them all between runs:
    a deck made in one session while a chart is drawn in another loses a figure. Every chart is a
    ``Figure`` of its own (imports read from the code, lazy ones included)."""
    import ast

    uses = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for folder in ("geo", "ui")
        for path in (ROOT / folder).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Import) and any(a.name == "matplotlib.pyplot" for a in node.names))
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "matplotlib"
            and any(a.name == "pyplot" for a in node.names)
        )
    ]
    assert not uses, uses
