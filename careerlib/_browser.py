"""Which Chrome or Chromium draws the images and prints the PDFs, and its driver's noise.

Kept apart from :mod:`careerlib.exports` and light to import (the standard
library only): :class:`careerlib._printer.Printer` starts the browser in a
thread of its own while the main thread imports pandas, plotly and the
analyses, and a thread that imports a module the main thread is importing
waits for it. This module lets the browser start at once.
"""

from __future__ import annotations

import logging
import os
import shutil

from careerlib.exceptions import ExportError

__all__ = ["INSTALL_HINT", "find_browser", "quiet_browser_driver"]

_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_DEBIAN_CHROMIUM = "/usr/bin/chromium"
#: What an error without a browser tells the user to do.
INSTALL_HINT = (
    "install Chromium with `apt-get install -y chromium` (Debian, Ubuntu) or set "
    "BROWSER_PATH to the executable of a Chrome or Chromium"
)


def find_browser() -> str:
    """The Chrome or Chromium that renders images; never downloads one.

    Returns
    -------
    str
        ``BROWSER_PATH`` when set, else ``/usr/bin/chromium``, else the first
        of chromium, chromium-browser, google-chrome on ``PATH``.

    Raises
    ------
    ExportError
        When ``BROWSER_PATH`` names no executable, or no browser is found; the
        message says how to install one.
    """
    given = os.environ.get("BROWSER_PATH")
    if given:
        if os.path.isfile(given) and os.access(given, os.X_OK):
            return given
        raise ExportError(f"BROWSER_PATH={given!r} is not an executable file; {INSTALL_HINT}")
    if os.access(_DEBIAN_CHROMIUM, os.X_OK):
        return _DEBIAN_CHROMIUM
    for name in _BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        f"PNG, SVG and PDF export need Chrome or Chromium and none was found; {INSTALL_HINT}"
    )


class QuietPipeNoise(logging.Filter):
    """Drops choreographer's "JSONError decoding message. Ignoring" tracebacks.

    choreographer (kaleido's browser driver) logs one now and then, with a full
    traceback on standard error, when a message from chromium arrives in pieces;
    it ignores the piece and the image is written all the same. A coach running
    ``careerlib gantt`` should not see a traceback for it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("JSONError decoding message")


def quiet_browser_driver() -> None:
    """Add :class:`QuietPipeNoise` to choreographer's pipe logger (once)."""
    pipe = logging.getLogger("choreographer.channels.pipe")
    if not any(isinstance(f, QuietPipeNoise) for f in pipe.filters):
        pipe.addFilter(QuietPipeNoise())
