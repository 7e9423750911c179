"""Sources of data rows: which ``data/sources.csv`` entry a row's source text cites, which
sources a computed value came from, and how well a value with that source was read (its tier,
``geo.data.tiers``). Named for readers in ``geo.scene.legends``."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.data.indicators import COMPUTED, OFFICE_TOKEN, office_parts
from geo.data.load import load_sources
from geo.data.tiers import lowest

ADDRESS = re.compile(r"https?://[^\s;,()<>]+")  # an address inside a source's text


@lru_cache(maxsize=1)
def entries() -> tuple:
    """Each ``data/sources.csv`` entry with the text that cites it (its address, or its title)."""
    return tuple((row.url or row.title, row) for row in load_sources().itertuples())


def cited(source: str):
    """The ``data/sources.csv`` entry a source's text cites (by address, or by title followed by a
    section), and what follows the title; ``(None, "")`` for a source the table lacks."""
    for key, row in entries():
        if source == key:
            return row, ""
        if source.startswith(key + " "):  # a title and the cited section, e.g. the plan's
            return row, source[len(key) + 1 :]
    return None, ""


def source_tier(source: object) -> str:
    """How a value with this source was read (``geo.data.indicators.TIERS``): its ``data/sources.csv``
    entry's tier, or the tier the office published it at; a computed value's, the lowest of its
    inputs'; "" for a source the table lacks (an uploaded table's own)."""
    tiers = []
    for part in parts(source):
        office = office_parts(part)
        row = None if office else cited(part)[0]
        tiers += [o.tier for o in office] + ([row.tier] if row is not None else [])
    return lowest(tiers)


def is_cited(source: str) -> bool:
    """Whether ``source`` is an entry of ``data/sources.csv`` (a bundled source we link to; an
    uploaded table's address is shown as text, never as a link)."""
    return cited(source)[0] is not None


def parts(source: object) -> list[str]:
    """The sources a row's source text stands for: itself, or those a computed value came from."""
    if not isinstance(source, str) or not source:
        return []
    if source.startswith(COMPUTED):  # its inputs' addresses and publications by the office
        return ADDRESS.findall(source) + [m[0] for m in OFFICE_TOKEN.finditer(source)]
    return [source]
