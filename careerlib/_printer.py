"""One Chromium kept running to draw charts as SVG and print HTML pages to PDF.

``careerlib report CLIENT -o FILE.pdf`` used to start a browser three times:
kaleido's image server for the charts (each chart drawn in a page reloaded
after the one before), then Chromium's ``--print-to-pdf`` for the page. A
:class:`Printer` starts one Chromium in the background as soon as it is made
(while Python imports and runs the analyses in the foreground), loads
plotly.js into its page, draws each chart there with ``Plotly.toImage`` as
soon as the document asks for it, and prints the finished document in the
same page with the DevTools protocol's ``Page.printToPDF``: one renderer
process for both, and plotly.js, compiled once, loads again in a fraction of
the time when a second document's charts follow (a batch run's ``--pdf``,
:func:`careerlib.report.write_reports`).

The browser is driven through choreographer (kaleido's own driver, already
installed with it) on an event loop in a thread of its own, so the caller
keeps working while the browser draws: :meth:`Printer.draw_svg` returns a
future.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures as cf
import contextlib
import importlib.util
import os
import tempfile
import threading
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from careerlib._atomic import write_bytes
from careerlib.exceptions import ExportError

if TYPE_CHECKING:
    import choreographer

__all__ = ["PAGE_TIMEOUT", "Printer"]

T = TypeVar("T")

#: Seconds one page may take to load and print, or one chart to draw.
PAGE_TIMEOUT = 120.0
#: Seconds the scripts of a printed page (a notebook report's plotly charts) may
#: take to draw before the page is printed as it is.
SCRIPT_TIMEOUT = 30.0
#: The window a page is laid out in before it is printed [px]: wide enough for
#: a notebook chart's legend beside its plot (their print style shrinks it).
WINDOW = (960, 1300)

_DRAW_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<script charset="utf-8" src="{plotly}"></script></head><body></body></html>
"""


# resolves once plotly.js has run in the drawing page (rejects after PAGE_TIMEOUT)
_PLOTLY_LOADED = """new Promise((ok, no) => {
  const t0 = Date.now();
  (function wait() {
    if (window.Plotly) ok(true);
    else if (Date.now() - t0 > LIMIT_MS) no(new Error("plotly.js did not load"));
    else setTimeout(wait, 20);
  })();
})""".replace("LIMIT_MS", str(int(1000 * PAGE_TIMEOUT)))

# Plotly.toImage on a figure (data, layout, config) given as JSON text; the SVG as text
_DRAW = """async function (figure, width, height) {
  const f = JSON.parse(figure);
  return await Plotly.toImage(
    {data: f.data || [], layout: f.layout || {}, config: f.config || {}},
    {format: "svg", width: width, height: height, imageDataOnly: true});
}"""

# resolves when every plotly chart of the page is drawn (or after the time allowed)
_CHARTS_DRAWN = """async function (limit) {
  const until = Date.now() + limit;
  const pause = (ms) => new Promise((done) => setTimeout(done, ms));
  while (Date.now() < until) {
    const charts = Array.from(document.querySelectorAll(".plotly-graph-div"));
    if (charts.every((c) => c._fullLayout !== undefined)) { await pause(150); return true; }
    await pause(50);
  }
  return false;
}"""


class Printer:
    """One Chromium for the charts and the PDFs of one or more documents.

    The browser starts in the background when the printer is made; the first
    call waits for it. ``charts=False``: a printer of pages only (it loads no
    plotly.js for :meth:`draw_svg`). ``tagged=True``: tagged PDFs (their
    structure, headings and reading order, for screen readers), which take
    Chromium two to three times as long to print and twice the bytes. Use it as
    a context manager (or call :meth:`close`): the browser stops at the end.

    Raises
    ------
    ExportError
        From any method, when no browser is found (the message says how to
        install one), or when it fails or takes longer than
        :data:`PAGE_TIMEOUT` seconds.
    """

    def __init__(self, *, charts: bool = True, tagged: bool = False) -> None:
        # the browser's driver imported here, not in the loop's thread: a thread that
        # imports while the main thread imports pandas and plotly waits for it, and
        # Chromium would start a second or more later
        import choreographer  # noqa: F401

        self._charts = charts
        self._tagged = tagged
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="careerlib-printer", daemon=True
        )
        self._thread.start()
        self._closed = False
        # the page that loads plotly.js and the browser's profile, removed at close
        self._folder = tempfile.TemporaryDirectory(
            prefix="careerlib-printer-", ignore_cleanup_errors=True
        )
        self._draw_page = _write_draw_page(Path(self._folder.name)) if charts else None
        self._started: cf.Future[_Page] = self._submit(self._start())

    # --- the caller's side -------------------------------------------------------

    def draw_svg(self, figure_json: str, width: int, height: int) -> cf.Future[str]:
        """Start drawing a chart; the future gives its SVG document (text).

        Parameters
        ----------
        figure_json
            The figure as plotly writes it (``plotly.io.to_json(fig)``).
        width, height
            The image's size [px].
        """
        self._check_open()
        return self._submit(self._draw(figure_json, int(width), int(height)))

    def print_pdf(
        self,
        page: str | os.PathLike[str],
        pdf: str | os.PathLike[str],
        *,
        wait_for_charts: bool = False,
    ) -> Path:
        """Print the HTML file ``page`` to ``pdf`` (written atomically), as its ``@page`` says.

        ``wait_for_charts``: the page draws plotly charts with its own scripts
        (a notebook report); they get up to :data:`SCRIPT_TIMEOUT` seconds.
        """
        return self.start_print(page, pdf, wait_for_charts=wait_for_charts).result()

    def start_print(
        self,
        page: str | os.PathLike[str],
        pdf: str | os.PathLike[str],
        *,
        wait_for_charts: bool = False,
    ) -> cf.Future[Path]:
        """:meth:`print_pdf` in the background: the future gives the PDF once it is written.

        The caller may make the next document meanwhile (:func:`careerlib.report.write_reports`);
        ``page`` must stay until the future is done. Drawing and printing take
        turns in the browser's one page, in the order they were asked for.
        """
        self._check_open()
        source, target = Path(page).resolve(), Path(pdf)
        return self._submit(self._print_to(source.as_uri(), target, wait_for_charts))

    def close(self) -> None:
        """Stop the browser (waits for what it is doing) and the loop's thread."""
        if self._closed:
            return
        self._closed = True
        try:
            self._submit(self._stop()).result(timeout=30)
        except (ExportError, cf.TimeoutError):
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if not self._thread.is_alive():
                self._loop.close()
            self._folder.cleanup()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the loop's side -----------------------------------------------------------

    def _submit(self, work: Coroutine[Any, Any, T]) -> cf.Future[T]:
        return asyncio.run_coroutine_threadsafe(_as_export_error(work), self._loop)

    def _check_open(self) -> None:
        if self._closed:
            raise ExportError("the printer is closed")

    async def _start(self) -> _Page:
        import choreographer as choreo

        from careerlib._browser import find_browser, quiet_browser_driver

        path = find_browser()
        quiet_browser_driver()
        # no extensions: Chromium's own (its PDF viewer...) cost start-up time and print
        # nothing; its profile in the printer's folder, which goes at close whatever
        # happens; its first page opens the drawing page, so plotly.js compiles while the
        # driver attaches
        browser = choreo.Browser(
            path=path,
            browser_cls=_chromium_opening(self._draw_page),
            headless=True,
            enable_extensions=False,
            tmp_dir=self._folder.name,
        )
        try:
            await asyncio.wait_for(browser.open(), PAGE_TIMEOUT)
            tab = browser.get_tab() or await browser.create_tab()
            await _enable(tab)
            await tab.send_command(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": WINDOW[0],
                    "height": WINDOW[1],
                    "deviceScaleFactor": 1,
                    "mobile": False,
                },
            )
        except BaseException:
            await browser.close()
            raise
        page = _Page(browser, tab)
        if self._charts:  # plotly.js loads while the caller makes the charts
            page.opening = True
            page.preload = asyncio.ensure_future(self._preload(page))
        return page

    async def _preload(self, page: _Page) -> None:
        """Load plotly.js into the page before the first chart is asked for; a failure is
        told by the first :meth:`draw_svg` (which tries again)."""
        with contextlib.suppress(Exception):
            async with page.turn:
                await self._plotly_window(page)

    async def _plotly_window(self, page: _Page) -> str:
        """The id of the page's window with plotly.js loaded (loading it when the page
        shows something else, such as the document printed before). Call it in the
        page's turn."""
        if page.window is None and page.opening:
            # the first page, opened as Chromium started: plotly.js is loading or loaded
            page.opening = False
            assert self._draw_page is not None
            with contextlib.suppress(ExportError):  # it did not open: opened again below
                if await _shows(page.tab, self._draw_page.as_uri()):
                    await _evaluate(page.tab, _PLOTLY_LOADED)
                    page.window = await _window(page.tab)
        if page.window is None:
            page.window = await self._load_plotly(page.tab)
        return page.window

    async def _load_plotly(self, tab: choreographer.Tab) -> str:
        """Load plotly.js into ``tab``; the id of its window, to call functions on."""
        assert self._draw_page is not None
        await asyncio.wait_for(_navigate(tab, self._draw_page.as_uri()), PAGE_TIMEOUT)
        # a load event of the blank page before may have ended the wait: wait for plotly.js
        await _evaluate(tab, _PLOTLY_LOADED)
        return await _window(tab)

    async def _draw(self, figure_json: str, width: int, height: int) -> str:
        page = await asyncio.wrap_future(self._started)
        if not self._charts:
            raise ExportError("this printer draws no charts (it was made with charts=False)")
        async with page.turn:
            window = await self._plotly_window(page)
            answer = await asyncio.wait_for(
                page.tab.send_command(
                    "Runtime.callFunctionOn",
                    params={
                        "functionDeclaration": _DRAW,
                        "objectId": window,
                        "arguments": [{"value": figure_json}, {"value": width}, {"value": height}],
                        "awaitPromise": True,
                        "returnByValue": True,
                    },
                ),
                PAGE_TIMEOUT,
            )
        value = _value(answer, "draw a chart")
        if not isinstance(value, str) or "<svg" not in value:
            raise ExportError("the browser drew no SVG for a chart")
        return value

    async def _print_to(self, url: str, target: Path, wait_for_charts: bool) -> Path:
        data = await self._print(url, wait_for_charts)
        return write_bytes(target, data)

    async def _print(self, url: str, wait_for_charts: bool) -> bytes:
        page = await asyncio.wrap_future(self._started)
        async with page.turn:
            # the document replaces plotly.js's page (the next chart loads it again, compiled)
            # and, in its turn, the document printed before: nothing of it stays
            page.window = None
            await asyncio.wait_for(_navigate(page.tab, url), PAGE_TIMEOUT)
            if wait_for_charts:
                await _evaluate(
                    page.tab,
                    f"({_CHARTS_DRAWN})({int(SCRIPT_TIMEOUT * 1000)})",
                    timeout=SCRIPT_TIMEOUT + 10,
                )
            answer = await asyncio.wait_for(
                page.tab.send_command(
                    "Page.printToPDF",
                    params={
                        "printBackground": True,
                        "preferCSSPageSize": True,
                        "generateTaggedPDF": self._tagged,
                    },
                ),
                PAGE_TIMEOUT,
            )
        data = _result(answer, "print the page").get("data")
        if not data:
            raise ExportError("the browser printed an empty PDF")
        return base64.b64decode(data)

    async def _stop(self) -> None:
        if not self._started.done():
            self._started.cancel()
        try:
            page = await asyncio.wrap_future(self._started)
        except (ExportError, asyncio.CancelledError, cf.CancelledError):
            return
        if page.preload is not None:
            page.preload.cancel()
        await page.browser.close()


class _Page:
    """The running browser and its one page, which draws the charts and prints.

    ``turn``: held while the page draws a chart or prints a document (they
    take turns, in the order asked). ``window``: the page's window once
    plotly.js is loaded in it, None while it shows anything else.
    """

    def __init__(self, browser: choreographer.Browser, tab: choreographer.Tab) -> None:
        self.browser, self.tab = browser, tab
        self.turn = asyncio.Lock()
        self.window: str | None = None
        self.preload: asyncio.Future[None] | None = None
        # the page shows (or is opening) the drawing page it was started with
        self.opening = False


def _write_draw_page(folder: Path) -> Path:
    """The page that loads plotly.js (``draw.html`` in ``folder``).

    plotly.js is found without importing plotly: this runs while the main thread
    may be importing it."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("plotly is not installed; the charts need it")
    plotly_js = Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"
    page = folder / "draw.html"
    page.write_text(_DRAW_PAGE.format(plotly=plotly_js.as_uri()), encoding="utf-8")
    return page


#: Chromium's own pages that a headless browser need not load: new headless Chromium
#: preloads the address bar's popups (WebUI pages, a renderer process of their own,
#: about 0.6 s of CPU at every start).
_CHROMIUM_FLAGS = (
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    "--disable-background-networking",
)


def _chromium_opening(page: Path | None) -> type[choreographer.browsers.Chromium]:
    """choreographer's Chromium with :data:`_CHROMIUM_FLAGS`, its first page opening
    ``page`` (a blank page for None)."""
    from choreographer.browsers import Chromium

    first = [] if page is None else [page.as_uri()]

    class Opening(Chromium):
        def get_cli(self) -> Sequence[str]:
            return [*super().get_cli(), *_CHROMIUM_FLAGS, *first]

    return Opening


async def _as_export_error(work: Coroutine[Any, Any, T]) -> T:
    """``work``, with the browser's failures as one :class:`ExportError` each."""
    from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError

    try:
        return await work
    except ExportError:
        raise
    except TimeoutError:
        raise ExportError(f"the browser took longer than {PAGE_TIMEOUT:g} s") from None
    except (BrowserFailedError, BrowserClosedError, ChannelClosedError) as exc:
        raise ExportError(f"the browser stopped or could not start: {exc}") from None


async def _enable(tab: choreographer.Tab) -> None:
    _result(await tab.send_command("Page.enable"), "watch the page")


async def _navigate(tab: choreographer.Tab, url: str) -> None:
    loaded = tab.subscribe_once("Page.loadEventFired")
    while loaded.done():  # an old event, from before: wait for a new one
        loaded = tab.subscribe_once("Page.loadEventFired")
    answer = _result(await tab.send_command("Page.navigate", params={"url": url}), f"open {url}")
    if answer.get("errorText"):
        loaded.cancel()
        raise ExportError(f"the browser could not open {url}: {answer['errorText']}")
    await loaded


async def _shows(tab: choreographer.Tab, url: str) -> bool:
    """Whether ``tab`` shows ``url``, once it has left the blank page (or no page yet)
    a new tab starts with; a few seconds at most."""
    for _ in range(250):
        answer = await asyncio.wait_for(tab.send_command("Page.getFrameTree"), PAGE_TIMEOUT)
        shown = _result(answer, "read the page's address").get("frameTree", {})
        address = shown.get("frame", {}).get("url", "")
        if address not in ("", "about:blank"):
            return bool(address == url)
        await asyncio.sleep(0.02)
    return False


async def _window(tab: choreographer.Tab) -> str:
    """The id of the window of the page ``tab`` shows, to call functions on."""
    window = await _evaluate(tab, "window", by_value=False)
    return str(window["objectId"])


async def _evaluate(
    tab: choreographer.Tab, expression: str, *, by_value: bool = True, timeout: float = PAGE_TIMEOUT
) -> Any:
    answer = await asyncio.wait_for(
        tab.send_command(
            "Runtime.evaluate",
            params={"expression": expression, "awaitPromise": True, "returnByValue": by_value},
        ),
        timeout,
    )
    return _value(answer, "run a script") if by_value else _result(answer, "run a script")["result"]


def _result(answer: Any, doing: str) -> dict[str, Any]:
    """The result of a DevTools command; an :class:`ExportError` for its error."""
    if "error" in answer:
        raise ExportError(f"the browser could not {doing}: {answer['error'].get('message')}")
    result: dict[str, Any] = answer.get("result", {})
    return result


def _value(answer: Any, doing: str) -> Any:
    """The value a script returned; an :class:`ExportError` for a script's exception."""
    result = _result(answer, doing)
    if "exceptionDetails" in result:
        details = result["exceptionDetails"]
        text = details.get("exception", {}).get("description") or details.get("text")
        raise ExportError(f"the browser could not {doing}: {str(text).splitlines()[0]}")
    return result.get("result", {}).get("value")
