"""The coach console in a real browser: JupyterLab and Voilà, controls changed from the page.

The notebook runs on a copy in a temporary folder (with ``data/`` linked beside
it, as the notebooks expect), so nothing is written into the checkout. The
date picker is typed into and the route dropdown selected as a coach would;
the verdict and the Gantt chart are then read back from the page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.browser.conftest import (
    PANEL,
    open_and_run,
    plot_state,
    serve,
    wait_chart,
    wait_text,
)
from tests.conftest import ROOT

NOTEBOOK = "notebooks/00-coach-session.ipynb"
EXPLORER = ".careerlib-plan-explorer"
VERDICT = f"{EXPLORER} .careerlib-verdict"
PLOT = f"{EXPLORER} .js-plotly-plot"
# Jordan Lee's plan on the session's date (today: the notebook's default), on the route
# of the client file (internal), as the library says it; then with the target moved to
# 30 Jun 2027 (the what-if starts from today, with the check-ins so far)
CLIENT = ROOT / "data" / "clients" / "jordan-lee.yaml"


def _verdicts() -> tuple[str, str]:
    import datetime as dt

    from careerlib import PlanExplorer, whatif

    explorer = PlanExplorer.from_client(CLIENT, as_of=dt.date.today())
    now = explorer.schedule.verdict
    explorer.apply(lambda p: whatif.with_target(p, dt.date(2027, 6, 30)))
    return now, explorer.schedule.verdict


FEASIBLE, LATE = _verdicts()


def _alternatives_case() -> tuple[str, str, str, str]:
    """A target the plan misses as planned but meets with its cheapest alternatives.

    From today's status date: the target is a week after the finish with the
    cheapest way to an early target; returns that target (ISO), the verdict
    before and after the cheapest way, and the cost line, as the library says them.
    """
    import datetime as dt

    from careerlib import PlanExplorer, whatif

    probe = PlanExplorer.from_client(CLIENT, as_of=dt.date.today())
    probe.apply(lambda p: whatif.with_target(p, dt.date(2027, 1, 29)))
    assert probe.alternatives is not None and probe.alternatives.take_cheapest()
    target = probe.schedule.earliest_finish + dt.timedelta(days=7)
    explorer = PlanExplorer.from_client(CLIENT, as_of=dt.date.today())
    explorer.apply(lambda p: whatif.with_target(p, target))
    late = explorer.schedule.verdict
    assert explorer.alternatives is not None and explorer.alternatives.take_cheapest()
    cost = explorer.alternatives.cost.value
    return target.isoformat(), late, explorer.schedule.verdict, cost[cost.index(">") + 1 :]


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A copy of the notebooks with ``data/`` linked beside them."""
    folder = tmp_path / "root"
    (folder / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / NOTEBOOK, folder / NOTEBOOK)
    os.symlink(ROOT / "data", folder / "data")
    return folder


def _rows(state: dict[str, Any]) -> set[str]:
    return set(state["ticktext"])


def _set_target(page: Any, scope: str, day: str) -> None:
    field = page.locator(f"{scope} {EXPLORER} .careerlib-target input[type=date]")
    field.fill(day)  # the browser's own date input: fill types the ISO date and fires change
    field.press("Enter")


def _check_date_axis(state: dict[str, Any]) -> None:
    # a FigureWidget whose bars are replaced falls back to a linear axis (bars from
    # 1970, numbers on the axis) unless the type is set again: it must read as dates
    assert state["xtype"] == "date", state
    assert all(isinstance(v, str) and v[:2] == "20" for v in state["xrange"]), state


def test_jupyterlab_coach_console(
    browser: Any, root: Path, tmp_path: Path, artifacts: Path
) -> None:
    with serve("lab", root, tmp_path / "home") as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            panel = PANEL
            open_and_run(
                page,
                server.page_url(f"/lab/tree/{NOTEBOOK}?reset"),
                f"{panel} {PLOT}",
                artifacts=artifacts,
                server=server,
            )
            explorer = page.locator(f"{panel} {EXPLORER}")
            explorer.wait_for(timeout=60_000)
            wait_text(page, f"{panel} {VERDICT}", FEASIBLE)
            wait_chart(page, f"{panel} {PLOT}")
            before = plot_state(page, f"{panel} {PLOT}")
            _check_date_axis(before)
            assert before["traces"] >= 5 and before["width"] == 960
            explorer.scroll_into_view_if_needed()
            explorer.screenshot(path=str(artifacts / "lab-before.png"))

            # the target from the date picker: four months earlier is too late
            _set_target(page, panel, "2027-06-30")
            wait_text(page, f"{panel} {VERDICT}", LATE)
            shown = page.inner_text(f"{panel} {VERDICT}")
            assert "(route internal, as of " in shown and ", 15 steps)" in shown
            page.wait_for_function(
                f"() => document.querySelector('{panel} {PLOT}').layout.title.text"
                ".includes('From IT Director to CIO')"
            )
            moved = plot_state(page, f"{panel} {PLOT}")
            assert moved["bases"] != before["bases"]  # the bars moved
            # on the status date nothing is drawn in the past: the plan as written
            # is the baseline beneath, and the dates to aim for start today
            assert "Plan as written (latest dates)" in moved["names"]
            _check_date_axis(moved)
            assert moved["xrange"] != before["xrange"]
            explorer.screenshot(path=str(artifacts / "lab-target.png"))

            # the route from the dropdown: the whole plan adds the external route's steps
            page.locator(f"{panel} {EXPLORER} .careerlib-route select").select_option(
                label="whole plan"
            )
            wait_text(page, f"{panel} {VERDICT}", ", 17 steps)")
            page.wait_for_function(
                f"() => document.querySelector('{panel} {PLOT}').layout.yaxis.ticktext"
                ".some(t => t.includes('Meet ten health-system CIOs'))"
            )
            whole = plot_state(page, f"{panel} {PLOT}")
            assert any("Meet ten health-system CIOs" in t for t in _rows(whole))
            assert not any("Meet ten health-system CIOs" in t for t in _rows(moved))
            assert any("Apply to CIO openings" in t for t in _rows(whole))
            _check_date_axis(whole)
            explorer.screenshot(path=str(artifacts / "lab-after.png"))
        except Exception:
            page.screenshot(path=str(artifacts / "lab-failure.png"), full_page=True)
            raise
        finally:
            page.close()
    # autosave is off and the run used a copy: the checkout's notebook has no outputs
    assert all(not c.get("outputs") for c in nbformat.read(ROOT / NOTEBOOK, as_version=4).cells)


def test_voila_coach_console(browser: Any, root: Path, tmp_path: Path, artifacts: Path) -> None:
    with serve("voila", root, tmp_path / "home", notebook=NOTEBOOK) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            open_and_run(page, server.page_url("/"), PLOT, run=False, artifacts=artifacts)
            explorer = page.locator(EXPLORER)
            wait_text(page, VERDICT, FEASIBLE)
            wait_chart(page, PLOT)
            before = plot_state(page, PLOT)
            _check_date_axis(before)
            body = page.inner_text("body")
            assert "PlanExplorer" not in body and "import careerlib" not in body  # code hidden
            explorer.screenshot(path=str(artifacts / "voila-before.png"))

            page.locator(f"{EXPLORER} .careerlib-route select").select_option(
                label="CIO elsewhere (external)"
            )
            wait_text(page, VERDICT, ", 16 steps)")
            page.wait_for_function(
                f"() => document.querySelector('{PLOT}').layout.yaxis.ticktext"
                ".some(t => t.includes('Meet ten health-system CIOs'))",
                timeout=90_000,  # the redraw reaches the page slowly on a loaded machine
            )
            external = plot_state(page, PLOT)
            assert _rows(external) != _rows(before)
            assert not any("Agree a succession plan" in t for t in _rows(external))
            assert any("Agree a succession plan" in t for t in _rows(before))

            _set_target(page, "", "2027-06-30")
            wait_text(page, VERDICT, "Late: ")
            late = plot_state(page, PLOT)
            assert late["bases"] != external["bases"]
            _check_date_axis(late)
            explorer.screenshot(path=str(artifacts / "voila-after.png"))
        except Exception:
            page.screenshot(path=str(artifacts / "voila-failure.png"), full_page=True)
            raise
        finally:
            page.close()


def test_voila_cheapest_way_to_the_target(
    browser: Any, root: Path, tmp_path: Path, artifacts: Path
) -> None:
    """The alternatives' toggles show their price; the button takes the cheapest set."""
    with serve("voila", root, tmp_path / "home", notebook=NOTEBOOK) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        try:
            open_and_run(page, server.page_url("/"), PLOT, run=False, artifacts=artifacts)
            wait_text(page, VERDICT, FEASIBLE)
            panel = page.locator(f"{EXPLORER} .careerlib-alternatives")
            assert "Outside security partner with knowledge transfer · 18,000 USD" in (
                panel.inner_text()
            )
            target, late, met, cost = _alternatives_case()
            assert late.startswith("Late") and not met.startswith("Late"), (late, met)
            _set_target(page, "", target)
            wait_text(page, VERDICT, late)
            page.locator(f"{EXPLORER} .careerlib-cheapest").click()
            wait_text(page, VERDICT, met)
            wait_text(page, f"{EXPLORER} .careerlib-message", "To meet the target: take")
            wait_text(page, f"{EXPLORER} .careerlib-alternatives-cost", cost.split("<")[0])
            active = panel.locator(".mod-active").all_inner_texts()
            assert any("executive coaching" in t for t in active), active
            page.locator(EXPLORER).screenshot(path=str(artifacts / "voila-alternatives.png"))
        except Exception:
            page.screenshot(path=str(artifacts / "voila-alternatives-failure.png"), full_page=True)
            raise
        finally:
            page.close()
