from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app_streamlit.py"


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
