"""``ui.server``: the app's server with Nagle's algorithm off on every connection it accepts.

The oracle is the kernel: the ``TCP_NODELAY`` option of a connection accepted by a socket that
Streamlit's own binding function made, read back with ``getsockopt``."""

import socket
import sys

import pytest
from streamlit.web.server.starlette import starlette_server

from ui import server

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inheritance checked on Linux")


def _accepted_nodelay(bind) -> int:
    """TCP_NODELAY of a connection accepted by a listening socket from ``bind``."""
    listener = bind("127.0.0.1", 0, 8)
    try:
        with socket.create_connection(listener.getsockname()[:2]):
            listener.setblocking(True)
            accepted, _ = listener.accept()
            with accepted:
                return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()


def test_streamlit_still_binds_its_socket_where_the_server_sets_the_option(monkeypatch):
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # undone after
    assert server.patch()
    assert _accepted_nodelay(starlette_server._bind_socket) == 1


def test_streamlits_own_socket_leaves_nagle_on_and_the_servers_turns_it_off():
    # if Streamlit's own socket stops leaving it on, ui.server has nothing left to mend
    assert _accepted_nodelay(starlette_server._bind_socket) == 0
    assert _accepted_nodelay(server.without_nagle(starlette_server._bind_socket)) == 1
