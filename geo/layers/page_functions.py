"""Functions of the page: script that several elements call, written once per page.

An element lists the page functions its script calls (``PageFunctions.functions``: pairs of a name
and the script that defines ``window.<name>``, guarded so that a second definition is skipped) and
writes
them with ``functions_js()`` before its own script. ``share_page_functions`` lets the first element
of a page that needs a function define it and the later ones rely on it; a layer rendered alone
(the app swaps layers one by one) carries its own.
"""

from __future__ import annotations

from collections.abc import Iterator


class PageFunctions:
    """Mixin for an element whose script calls page functions (``functions``)."""

    functions: tuple[tuple[str, str], ...] = ()
    defined_before: frozenset[str] = frozenset()

    def functions_js(self) -> str:
        """The definitions this element writes: those it needs that no element before it does."""
        return "".join(js for name, js in self.functions if name not in self.defined_before)


def in_script_order(root) -> Iterator:
    """``root`` and its descendants in the order their scripts are written (parent first)."""
    yield root
    for child in root._children.values():
        yield from in_script_order(child)


def share_page_functions(root) -> None:
    """The first element under ``root`` (a layer, a page) that needs a page function defines it;
    later ones rely on it."""
    defined: set[str] = set()
    for element in in_script_order(root):
        if isinstance(element, PageFunctions):
            names = {name for name, _ in element.functions}
            element.defined_before = frozenset(defined & names)
            defined |= names
