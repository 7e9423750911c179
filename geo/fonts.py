"""Fonts for slides and charts: a face that draws Simplified Chinese, found with fontconfig."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from matplotlib import font_manager

# Fonts with Simplified Chinese glyph forms, by family: in a collection (Noto Sans CJK's .ttc
# holds JP, KR, SC, TC and HK faces) matplotlib registers every face and the family picks the SC
# one; the file's first face (JP in Noto's) would draw 直, 骨, 角, 写 in Japanese forms.
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC")


class FontMissingError(RuntimeError):
    """No font that can draw Chinese text is installed."""


@cache
def cjk_font(families: tuple[str, ...] = CJK_FONTS) -> str:
    """Register the first installed font of ``families`` with matplotlib (every face of a
    collection) and return its family name: the Simplified Chinese face, never the file's first."""
    for family in families:
        path = _fc_match(family)
        if not path:
            continue
        font_manager.fontManager.addfont(path)
        if any(f.fname == path and f.name == family for f in font_manager.fontManager.ttflist):
            return family
    raise FontMissingError(
        "no Chinese font found: install Debian's fonts-wqy-microhei or fonts-noto-cjk "
        "(make test installs them)"
    )


def _fc_match(family: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{family}\t%{file}", family], capture_output=True, text=True, check=False
    ).stdout
    families, _, path = out.partition("\t")
    return path if family.casefold() in families.casefold() and Path(path).exists() else None
