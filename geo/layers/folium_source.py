"""folium's own templates, read from its source: the one place that relies on their text.

``CompactGeoJson`` reuses ``folium.GeoJson``'s template with one line changed. folium keeps
templates as class attributes compiled at import; the text is read here from the class's module
file (``inspect.getsource`` would parse the whole module), and every line this project changes
must be found in it, else ``FoliumChangedError`` says what to update. Written against folium 0.20
(pinned in pyproject.toml).
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path


class FoliumChangedError(RuntimeError):
    """folium's template no longer holds what this project edits."""


def template_source(cls: type, *expected: str) -> str:
    """The Jinja text of ``cls._template`` as written in folium's source, which must hold every
    ``expected`` fragment."""
    source = Path(inspect.getsourcefile(cls)).read_text(encoding="utf-8")
    start = source.find(f"class {cls.__name__}(")
    match = re.search(r'_template = Template\(\s*"""(.*?)"""', source[start:], re.S) if start >= 0 else None
    missing = [e for e in expected if not match or e not in match.group(1)]
    if missing:
        what = f"folium's {cls.__name__} template changed ({missing[0]!r} not found)"
        raise FoliumChangedError(f"{what}: update geo/layers/encoding.py")
    return match.group(1)
