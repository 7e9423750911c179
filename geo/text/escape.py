"""The one place where text from users and data files is made inert.

Text reaches several interpreters on its way to the screen, and each has its own syntax:

- HTML (tooltips, popups, legends, the layer control): ``html_text``;
- JavaScript and JSON inside ``<script>``: ``inert_json``;
- Jinja: branca compiles every element's *rendered* script as a new template and renders it
  again, so ``{{ 7*7 }}`` in a name would be evaluated on the server. ``html_text`` and
  ``inert_json`` never emit ``{``, ``}`` or ``%`` from data, and ``geo.layers.template_guard`` makes
  folium's own ``|tojson`` and ``|tojavascript`` filters do the same, so an element that forgets
  to escape still cannot be made to run a template;
- Markdown (Streamlit headings, captions, ``st.markdown``): ``markdown_text``;
- matplotlib mathtext (``$...$``): the static renderer turns it off (``text.parse_math``);
- spreadsheet formulas (``= + - @``): ``formula_safe``;
- bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, the
  U+200E/U+200F/U+061C marks), which make a name display in another order than it is written
  ("收入\u202eslx.exe" shown as "收入exe.xls"): removed by every function here but
  ``formula_safe`` (a backup keeps every character), by ``shown_cell`` for a reader's
  spreadsheet, and by ``no_bidi`` for other media (the command line, matplotlib, PowerPoint).

Every function takes any value (``None`` is empty text) and returns a ``str``.
"""

from __future__ import annotations

import html
import json
import re

# HTML numeric references for the character that opens every Jinja tag ({{, {%, {#), its
# partner, and the characters that act
# inside a JavaScript template literal (folium's Tooltip puts its text between backticks).
_JINJA_HTML = str.maketrans({"{": "&#123;", "}": "&#125;", "`": "&#96;", "$": "&#36;", "\\": "&#92;"})
# Bidirectional embeddings, overrides, isolates and marks: they reorder what a reader sees.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))
# JSON/JS string escapes: HTML-significant characters, Jinja openers, JS line terminators.
_JSON_STRING = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "'": "\\u0027",
        "{": "\\u007b",
        "}": "\\u007d",
        "%": "\\u0025",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
    | _BIDI_CONTROLS
)
_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
# Lone surrogates cannot be written as UTF-8: they stay escaped.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&\"'=^%@/])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def no_bidi(value: object) -> str:
    """``value`` as text without bidirectional controls: shown in the order it is written."""
    return _text(value).translate(_BIDI_CONTROLS)


def html_text(value: object) -> str:
    """``value`` as HTML text (also safe in a quoted attribute and in a JavaScript template
    literal), with no Jinja openers and no bidirectional controls."""
    return html.escape(no_bidi(value), quote=True).translate(_JINJA_HTML)


def _inert_strings(json_text: str) -> str:
    # JSON's own braces cannot form "{{", "{%" or "{#" ("{" is always followed by '"' or "}"),
    # so only the contents of string literals need their characters escaped.
    text = _STRING_LITERAL.sub(lambda m: m.group(0).translate(_JSON_STRING), json_text)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def inert_json(obj: object, **kwargs) -> str:
    """JSON for a ``<script>``: no ``</script>``, no HTML entities, no Jinja tags, no JS line
    terminators inside strings. Other characters are written as themselves (UTF-8 pages: a
    Chinese character takes 3 bytes instead of a 6-byte escape). ``kwargs`` go to
    ``json.dumps``."""
    return _inert_strings(json.dumps(obj, **{"ensure_ascii": False, **kwargs}))


# GitHub-flavoured Markdown (Streamlit's) turns text that *reads* as an address into a link after
# escapes are resolved: "http://", "www." and "name@host". An invisible word joiner (U+2060) after
# each ":", between "www" and ".", and before each "@" keeps such text a text.
_AUTOLINK = re.compile(r"(?<=:)|(?<=[wW]{3})(?=\.)|(?=@)")
_WORD_JOINER = "\u2060"


def markdown_text(value: object) -> str:
    """``value`` shown literally by a Markdown renderer (no links, autolinks included, images,
    emphasis, maths)."""
    text = _AUTOLINK.sub(_WORD_JOINER, _text(value).translate(_BIDI_CONTROLS))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


_URL = re.compile(r"https?://[^\s<>\\`]+")


def markdown_link(text: object, url: object) -> str:
    """A Markdown link whose text is shown literally; a ``url`` that is not a plain http(s) address
    gives the text alone (no link)."""
    label = markdown_text(text)
    target = _text(url)
    if not _URL.fullmatch(target):
        return label
    return f"[{label}](<{target}>)"


def short_source(source: object, *, limit: int = 40) -> str:
    """A source as a short name: an address's host (www. dropped), other text cut at ``limit``."""
    text = plain_text(source)
    if _URL.fullmatch(text):
        host = text.split("/")[2]
        return host.removeprefix("www.")
    return plain_text(text, limit=limit)


def plain_text(value: object, *, limit: int | None = None) -> str:
    """One line of display text: bidi controls removed, newlines flattened, cut at ``limit``."""
    text = " ".join(_text(value).translate(_BIDI_CONTROLS).split())
    if limit is not None and len(text) > limit:
        return text[: max(limit - 1, 0)] + "…"
    return text


def formula_safe(value: object) -> object:
    """A spreadsheet cell that is never run as a formula: text starting with ``= + - @`` (or a
    tab/CR) gets a leading apostrophe; other values are returned unchanged (a backup keeps every
    character: ``shown_cell`` is for a reader's spreadsheet)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def shown_cell(value: object) -> object:
    """A spreadsheet cell for a reader: ``formula_safe`` and, for text, no bidirectional
    controls; other values are returned unchanged."""
    return formula_safe(no_bidi(value)) if isinstance(value, str) else value
