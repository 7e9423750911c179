"""Where a line of Chinese or English text may break, and lines that read well.

Chinese has no spaces: BudouX (Google's maintained phrase segmenter, its Simplified Chinese
model) finds the phrases, and a break never falls inside quotes or brackets (“十四五”, （州）)
nor before closing punctuation. English breaks between words. ``wrap`` fills lines greedily
(legends); ``balanced`` spreads a title over the fewest lines of similar length, so none is left
with one character or a lone short word.

Widths are in columns: a CJK character counts two, others one.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_OPEN = "“‘（(《〈【「『["
_CLOSE = "”’）)》〉】」』]"
_KEEP_OPEN, _KEEP_CLOSE = "“（《〈【「『", "”）》〉】」』"  # Chinese quotes and brackets: never broken inside
_NO_START = _CLOSE + "，。、；：！？,.;:!?…%"  # never at the start of a line
# a long compound (Chengdu–Deyang–Mianyang) may break after its dashes: after a run of them, with
# two characters at least before it in the word (a leading minus stays with its number, "5-a" whole)
_BREAK_AFTER = "–—/-"


def wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def columns(text: str) -> int:
    return sum(2 if wide(ch) else 1 for ch in text)


@cache
def _parser():
    import budoux

    return budoux.load_default_simplified_chinese_parser()


def _pieces(text: str) -> list[str]:
    """``text`` cut at every place a line may break: between words, after a compound's dashes,
    between Chinese phrases (budoux); each piece keeps the spaces that follow it."""
    pieces: list[str] = []
    for word in _words(text):
        core = word.rstrip(" ")
        if any(wide(ch) for ch in core):
            phrases = _phrases(core)
            phrases[-1] += word[len(core) :]
            pieces += phrases
        else:
            pieces.append(word)
    return pieces


def _phrases(word: str) -> list[str]:
    """A word with Chinese in it cut into budoux's phrases, but never inside a run of Latin
    letters, digits and signs (budoux cuts "5G" or "55/" too), and a dash or slash at a phrase's
    start ends the phrase before it."""
    phrases: list[str] = []
    for phrase in _parser().parse(word) or [word]:
        lead = len(phrase) - len(phrase.lstrip(_BREAK_AFTER))
        if phrases and lead < len(phrase):  # a phrase of dashes alone stays as it is
            phrases[-1], phrase = phrases[-1] + phrase[:lead], phrase[lead:]
        if phrases and not wide(phrases[-1][-1]) and not wide(phrase[0]):
            phrases[-1] += phrase
        elif phrase:
            phrases.append(phrase)
    return phrases


def _groups(text: str) -> list[list[str]]:
    """``text``'s pieces, grouped where no line may break: inside quotes and brackets, before
    closing punctuation."""
    out: list[list[str]] = []
    depth = 0
    for piece in _pieces(text):
        last = "".join(out[-1]) if out else ""
        glue = out and (depth > 0 or piece[0] in _NO_START or last.rstrip(" ")[-1:] in _OPEN)
        if glue and not last.endswith(" "):
            out[-1].append(piece)
        else:
            out.append([piece])
        depth = max(0, depth + sum(ch in _KEEP_OPEN for ch in piece) - sum(ch in _KEEP_CLOSE for ch in piece))
    return out


def units(text: str) -> list[str]:
    """``text`` cut where a line may break, pieces inside quotes and brackets and closing
    punctuation kept together; each unit keeps the spaces that follow it."""
    return ["".join(group) for group in _groups(text)]


def _words(text: str) -> list[str]:
    words, word, run = [], "", 0  # run: the characters since the last space
    for ch in text:
        after_dash = run > 2 and word[-1] in _BREAK_AFTER and ch not in _BREAK_AFTER and not wide(ch)
        if ch != " " and (word.endswith(" ") or after_dash):
            words.append(word)
            word = ""
        word += ch
        run = 0 if ch == " " else run + 1
    return [*words, word] if word else words


def _split_long(unit: str, width: int) -> list[str]:
    """A unit wider than a line, cut by characters."""
    parts, part = [], ""
    for ch in unit:
        if part and columns(part + ch) > width:
            parts.append(part)
            part = ""
        part += ch
    return [*parts, part]


def _fitted(text: str, width: int) -> list[str]:
    """Units of at most ``width`` columns: a unit wider than a line falls back to its own break
    points (a bracket left open keeps no word from them), and only a piece wider still is cut
    by characters."""
    out = []
    for group in _groups(text):
        unit = "".join(group)
        if columns(unit.rstrip(" ")) <= width:
            out.append(unit)
            continue
        for piece in group:
            out += _split_long(piece, width) if columns(piece.rstrip(" ")) > width else [piece]
    return out


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, each as full as the breaks allow."""
    lines, line = [], ""
    for unit in _fitted(text, width):
        if line and columns((line + unit).rstrip(" ")) > width:
            lines.append(line.rstrip(" "))
            line = ""
        line += unit
    return [*lines, line.rstrip(" ")] if line.strip() or not lines else lines


def balanced(text: str, width: int) -> list[str]:
    """The fewest lines of at most ``width`` columns, as even as the breaks allow (the most
    uneven lines cost the most), so no line is left with one character or a lone short word."""
    pieces = _fitted(text, width)
    n = len(pieces)
    if not n:
        return [""]
    lines_needed = len(wrap(text, width))

    def cost(i: int, j: int) -> float:  # pieces[i:j] on one line
        line = "".join(pieces[i:j]).rstrip(" ")
        w = columns(line)
        return float("inf") if w > width else (width - w) ** 2

    # best[j][k]: least cost of pieces[:j] on k lines
    inf = float("inf")
    best = [[inf] * (lines_needed + 1) for _ in range(n + 1)]
    back = [[0] * (lines_needed + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(1, n + 1):
        for k in range(1, lines_needed + 1):
            for i in range(j):
                c = best[i][k - 1] + cost(i, j)
                if c < best[j][k]:
                    best[j][k], back[j][k] = c, i
    lines, j, k = [], n, lines_needed
    while k:
        i = back[j][k]
        lines.append("".join(pieces[i:j]).rstrip(" "))
        j, k = i, k - 1
    return lines[::-1]
