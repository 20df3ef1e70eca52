"""The plan builder of the coach console in a real browser (Voilà, behind its token).

The coach types the destination and the target date, starts the plan, adds two
steps backwards ("what comes before?"), sees the Gantt chart change, and saves.
The notebook runs on a copy in a temporary folder; the client and plan files
are copied too (the other data folders are linked), so the saved plan lands in
the copy and the checkout is never written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from careerlib import load_plan, schedule
from tests.browser.conftest import (
    mark_charts_old,
    plot_state,
    serve,
    wait_chart,
    wait_new_chart,
    wait_text,
)
from tests.conftest import ROOT

NOTEBOOK = "notebooks/00-coach-session.ipynb"
BUILDER = ".careerlib-plan-builder"
VERDICT = f"{BUILDER} .careerlib-verdict"
MESSAGE = f"{BUILDER} .careerlib-message"
PLOT = f"{BUILDER} .js-plotly-plot"


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    (folder / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / NOTEBOOK, folder / NOTEBOOK)
    (folder / "data").mkdir()
    for part in ("clients", "plans"):
        shutil.copytree(ROOT / "data" / part, folder / "data" / part)
    for part in ("onet", "peers", "roles"):
        os.symlink(ROOT / "data" / part, folder / "data" / part)
    return folder


def _fill(page: Any, selector: str, value: str) -> None:
    field = page.locator(f"{BUILDER} {selector}")
    field.scroll_into_view_if_needed()
    field.fill(value)
    field.press("Enter")


def _add_before(page: Any, title: str, days: str, steps: int) -> None:
    """Add a step before the chosen one; wait for the new chart (each change makes one)."""
    _fill(page, ".careerlib-new-title input", title)
    _fill(page, ".careerlib-new-amount input", days)
    mark_charts_old(page, PLOT)
    page.locator(f"{BUILDER} .careerlib-add-before").click()
    wait_text(page, VERDICT, f"(the plan being built, {steps} steps)", timeout=90_000)
    fresh = wait_new_chart(page, PLOT, timeout=90_000)
    page.wait_for_function(
        "([selector, title]) => (document.querySelector(selector).layout.yaxis.ticktext || [])"
        ".some(t => t.includes(title))",
        arg=[fresh, title],
        timeout=90_000,
    )


def test_build_a_plan_backwards_and_save_it(
    browser: Any, root: Path, tmp_path: Path, artifacts: Path
) -> None:
    client = root / "data" / "clients" / "jordan-lee.yaml"
    client_before = client.read_bytes()
    plans_before = sorted(p.name for p in (root / "data" / "plans").iterdir())
    with serve("voila", root, tmp_path / "home", notebook=NOTEBOOK) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(server.page_url("/"))
            builder = page.locator(BUILDER)
            builder.wait_for(timeout=180_000)
            wait_text(page, VERDICT, "Start the plan")
            builder.scroll_into_view_if_needed()
            builder.screenshot(path=str(artifacts / "builder-empty.png"))

            # the destination and the target date first
            _fill(page, ".careerlib-destination input", "CIO of a regional health system")
            _fill(page, ".careerlib-builder-target input[type=date]", "2028-04-28")
            _fill(page, ".careerlib-builder-start input[type=date]", "2027-01-04")
            page.locator(f"{BUILDER} .careerlib-start-plan").click()
            wait_text(page, MESSAGE, "Started from the destination and date above")
            wait_text(page, VERDICT, "(the plan being built, 1 step)")
            page.locator(PLOT).scroll_into_view_if_needed()  # the coach looks at the chart
            wait_chart(page, PLOT)
            first = plot_state(page, PLOT)
            assert first["xtype"] == "date"

            # then backwards: what has to happen just before that? and before that?
            _add_before(page, "Interviews with the board", "15", 2)
            second = plot_state(page, PLOT)
            assert len(second["ticktext"]) == len(first["ticktext"]) + 1
            _add_before(page, "Board-level finance course", "20", 3)
            third = plot_state(page, PLOT)
            assert third["bases"] != second["bases"] and third["xtype"] == "date"
            assert any("Board-level finance course" in t for t in third["ticktext"])
            wait_text(page, MESSAGE, "before 'Interviews with the board'")
            builder.screenshot(path=str(artifacts / "builder-two-steps.png"))

            # save as a new plan file; the client file is not touched
            page.locator(f"{BUILDER} .careerlib-builder-save").click()
            wait_text(page, MESSAGE, "Saved as", timeout=60_000)
            builder.screenshot(path=str(artifacts / "builder-saved.png"))
            page.locator(PLOT).scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / "builder-chart.png"))  # as a coach sees it
            verdict = page.inner_text(f"{VERDICT} .careerlib-verdict-text")
        except Exception:
            page.screenshot(path=str(artifacts / "builder-failure.png"), full_page=True)
            raise
        finally:
            page.close()
    saved = root / "data" / "plans" / "cio-of-a-regional-health-system.yaml"
    assert sorted(p.name for p in saved.parent.iterdir()) == sorted([*plans_before, saved.name])
    plan = load_plan(saved)
    assert [s.id for s in plan.steps] == [
        "board-level-finance-course",
        "interviews-with-the-board",
        "destination",
    ]
    assert plan.step("interviews-with-the-board").after == ["board-level-finance-course"]
    assert schedule(plan).verdict == verdict  # the file schedules as the page showed
    assert client.read_bytes() == client_before
