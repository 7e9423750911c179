from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app_streamlit.py"


@pytest.fixture
def hostile_name() -> str:
    return '<img src=x onerror="window.__pwned=1">'
