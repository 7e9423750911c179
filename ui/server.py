"""``python -m ui.server [streamlit run's arguments]``: ``streamlit run`` without Nagle's algorithm.

Streamlit (1.67, its Starlette server) binds its listening socket itself, with protocol 0.
asyncio turns Nagle's algorithm off only on accepted sockets whose protocol is IPPROTO_TCP, so
every connection of the app keeps it on: a response's body, written after its headers, waits
for the browser's delayed acknowledgement, about 40 ms on Linux. That is every request but the
first on a kept-alive connection (the map frame's page and stylesheet, each widget's code, the
health check) and a websocket message sent behind another. uvicorn#3149 reports the same for
uvicorn's own pre-bound sockets. Measured here (``docs/PERFORMANCE.md``): 41–43 ms for the
body of a 2-byte health answer, 0.3–0.5 ms with ``TCP_NODELAY``.

The listening socket is given ``TCP_NODELAY``, which the sockets it accepts inherit. Should
Streamlit no longer bind its socket through ``_bind_socket``, the app is served as
``streamlit run`` serves it and says so (``tests/test_server.py`` fails first).
"""

from __future__ import annotations

import socket
import sys


def without_nagle(bind):
    """``bind`` (address, port, backlog -> listening socket) whose socket has ``TCP_NODELAY``."""

    def bound(*args, **kwargs) -> socket.socket:
        sock = bind(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bound


def patch() -> bool:
    """Give Streamlit's listening socket ``TCP_NODELAY``; False if Streamlit binds it elsewhere."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:
        return False
    starlette_server._bind_socket = without_nagle(bind)
    return True


def main(argv: list[str] | None = None, *, nodelay: bool = True) -> int:
    """``streamlit run`` with ``argv`` (the command line's by default); ``nodelay=False`` serves as
    ``streamlit run`` itself does (the benchmark's floor)."""
    if nodelay and not patch():
        print(
            "ui.server: Streamlit binds its socket elsewhere: served as `streamlit run` does", file=sys.stderr
        )
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
