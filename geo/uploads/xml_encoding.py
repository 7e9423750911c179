"""The encoding of an XML part of a workbook, told from its first bytes as an XML parser tells it.

A check that looks for ``<!DOCTYPE`` or counts ``<c>`` tags in the raw bytes is blind to a part
written in UTF-16, which libxml2 (under openpyxl) reads as readily as UTF-8. So a part is first
classified the way the XML specification's appendix F detects encodings: a byte-order mark, the
first four bytes, then the declaration's ``encoding``. Excel and LibreOffice write UTF-8; UTF-16
is read too; any other encoding a parser might accept (UTF-32, EBCDIC, UTF-7 ...) is refused,
since our checks could not read it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

# Byte-order marks, the longest first (FF FE 00 00 is UTF-32 LE, not UTF-16 LE then a NUL).
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The first four bytes of "<?xm" (or "<" alone) without a mark.
_SIGNATURES = (
    (b"\x3c\x00\x3f\x00", "utf-16-le"),
    (b"\x00\x3c\x00\x3f", "utf-16-be"),
    (b"\x00\x00\x00\x3c", "UCS-4"),
    (b"\x3c\x00\x00\x00", "UCS-4"),
    (b"\x00\x00\x3c\x00", "UCS-4"),
    (b"\x00\x3c\x00\x00", "UCS-4"),
    (b"\x4c\x6f\xa7\x94", "EBCDIC"),
)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
# Declared encodings whose markup bytes are ASCII's: the checks read them as they are.
_ASCII_COMPATIBLE = {
    "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252",
}  # fmt: skip
_UTF16 = {"utf-16", "utf16", "utf-16le", "utf-16be"}


class UnreadableEncoding(ValueError):
    """XML in an encoding the checks cannot read (``encoding``: its name, as declared or detected)."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        super().__init__(encoding)


def xml_codec(head: bytes) -> tuple[str, int] | None:
    """``(codec, offset)`` of an XML part from its first bytes: the Python codec to decode it
    with and where its text starts (after a byte-order mark); None for a part that is not XML
    (an image). Raises ``UnreadableEncoding`` for XML in any encoding but UTF-8, UTF-16 and
    ASCII-compatible single-byte ones."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            if name == "UTF-32":
                raise UnreadableEncoding(name)
            return (name, len(bom)) if _looks_like_xml(head[len(bom) :], name) else None
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            if not name.startswith("utf-16"):
                raise UnreadableEncoding(name)
            return name, 0
    if not head.lstrip().startswith(b"<"):
        return None
    declared = _DECLARED.match(head.lstrip())
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if encoding in _ASCII_COMPATIBLE:
        return "utf-8", 0
    raise UnreadableEncoding(encoding)  # UTF-16 declared on ASCII bytes too: no parser agrees


def _looks_like_xml(body: bytes, codec: str) -> bool:
    text = body[:64].decode(codec, errors="ignore")
    return text.lstrip().startswith("<")


def utf8_chunks(chunks: Iterator[bytes], codec: str, offset: int) -> Iterator[bytes]:
    """The part's bytes (``chunks``) as UTF-8 from ``offset`` on: as they are for UTF-8 and
    ASCII-compatible encodings, decoded and encoded again for UTF-16."""
    first = True
    decoder = None if codec == "utf-8" else codecs.getincrementaldecoder(codec)(errors="replace")
    for chunk in chunks:
        if first:
            chunk, first = chunk[offset:], False
        yield chunk if decoder is None else decoder.decode(chunk).encode("utf-8")
    if decoder is not None:
        yield decoder.decode(b"", final=True).encode("utf-8")
