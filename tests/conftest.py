import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app_streamlit.py"
BROWSER = ROOT / "tests" / "browser"


def pytest_collection_modifyitems(items):
    """The markers the fast run leaves out (``pytest -m "not browser and not slow"``): every test
    under tests/browser drives Chromium; a test on the PostgreSQL store needs the server."""
    for item in items:
        if BROWSER in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
        params = getattr(item, "callspec", None)
        if "postgres_server" in item.fixturenames or (
            params and params.params.get("store_url") == "postgresql"
        ):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _main_module_kept():
    """Streamlit's AppTest leaves ``sys.modules["__main__"]`` on its temporary script; a spawn
    pool started later would re-run that script in every child, and restart them forever."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture
def hostile_name() -> str:
    return '<img src=x onerror="window.__pwned=1">'


@pytest.fixture
def no_marker():
    """The marker a server-side template payload would create: absent before and after."""
    from tests.hostile import MARKER

    if MARKER.is_dir():
        MARKER.rmdir()
    yield MARKER
    assert not MARKER.exists(), "a template payload ran on the server"


@pytest.fixture(scope="session", autouse=True)
def own_data_folder(tmp_path_factory):
    """Tests never read or write the user's data store: the default store's folder is a new,
    empty one, and no store is set (a test that needs one sets it)."""
    import os

    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "GEO_STORE")}
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    os.environ.pop("GEO_STORE", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of Debian's package, started in a new folder as an unprivileged user
    (initdb refuses root), on a free port of 127.0.0.1; stopped after the session. Yields the
    URL of its ``postgres`` database."""
    from deploy.postgres import PostgresServer

    with PostgresServer.start() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A new, empty store of each kind: a SQLite file, and a database of its own on the test
    PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    server = request.getfixturevalue("postgres_server")
    with server.database() as url:
        yield url
