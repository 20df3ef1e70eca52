"""Images drawn by a browser that is already running: the client side of an image service.

Starting Chromium for an image costs seconds; drawing one in a running
Chromium, a fraction of a second. A batch run (:mod:`careerlib.batch`)
therefore keeps one Chromium running for all the kernels it starts, behind an
*image service* (:class:`careerlib.batch._images.ImageService`), and tells
each kernel its address before the run. :func:`careerlib.exports.to_image`
asks :func:`render` first; without a service, or when the service has gone or
has no browser, it draws the image itself, as before.

The service listens on a Unix socket in a folder only its user can open, and
answers only a caller that knows its random key (the HMAC challenge of
:mod:`multiprocessing.connection`). Every image is drawn in a page reloaded
after the one before: nothing of one client's chart stays for the next.

One request is one message: JSON ``{"figure": ..., "opts": ...}`` (the figure
as plotly writes it, with its numpy arrays). The answer is one message: a
status line (``ok``, ``error`` or ``unavailable``), then the image's bytes or
the reason.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from careerlib.exceptions import ExportError

__all__ = ["RENDER_TIMEOUT", "connect", "connected", "disconnect", "render"]

#: Seconds to wait for one image from the service (kaleido's own limit is 90).
RENDER_TIMEOUT = 120.0
#: The longest request the service reads [bytes]; careerlib's charts are well under.
MAX_REQUEST = 256 * 2**20

_lock = threading.Lock()
_address: tuple[str, bytes] | None = None


def connect(path: str, authkey: bytes) -> None:
    """Send this process's images to the service listening at ``path``."""
    global _address
    with _lock:
        _address = (path, authkey)


def disconnect() -> None:
    """Draw images in this process again."""
    global _address
    with _lock:
        _address = None


def connected() -> bool:
    """Whether images go to a service."""
    return _address is not None


def request(figure: dict[str, Any], opts: dict[str, Any]) -> bytes:
    """One request's message."""
    from plotly.io.json import to_json_plotly

    return to_json_plotly({"figure": figure, "opts": opts}).encode("utf-8")


def read_request(message: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """The figure and options of a request's message (the service's side).

    Raises
    ------
    ValueError
        When the message is not a request.
    """
    data = json.loads(message)
    if not isinstance(data, dict):
        raise ValueError("a request is a JSON object")
    figure, opts = data.get("figure"), data.get("opts")
    if not isinstance(figure, dict) or not isinstance(opts, dict):
        raise ValueError("a request has a figure and opts, both objects")
    return figure, opts


def render(figure: dict[str, Any], opts: dict[str, Any]) -> bytes | None:
    """The image, drawn by the service; None when there is no service to draw it.

    A service that cannot be reached (it has stopped, with its worker) is
    forgotten: the next images are drawn in this process.

    Raises
    ------
    ExportError
        When the service's browser failed to draw the figure, or did not
        answer within :data:`RENDER_TIMEOUT` seconds.
    """
    address = _address
    if address is None:
        return None
    from multiprocessing import AuthenticationError
    from multiprocessing.connection import Client

    message = request(figure, opts)
    try:
        with Client(address[0], family="AF_UNIX", authkey=address[1]) as conn:
            conn.send_bytes(message)
            if not conn.poll(RENDER_TIMEOUT):
                raise ExportError(f"the image service did not answer within {RENDER_TIMEOUT:.0f} s")
            answer = conn.recv_bytes()
    except (OSError, EOFError, AuthenticationError):
        disconnect()
        return None
    status, _, payload = answer.partition(b"\n")
    if status == b"ok":
        return payload
    if status == b"unavailable":  # it has no browser: draw here (or say why not)
        disconnect()
        return None
    reason = payload.decode("utf-8", errors="replace")
    raise ExportError(f"the browser failed to draw the image: {reason}")
