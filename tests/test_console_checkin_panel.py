"""The console's check-in panel without a browser: sliders, Save, the journal and the verdict."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careerlib.console.checkin_panel import CheckinPanel
from careerlib.tracking import journal_path, read_journal
from tests.conftest import tracking_client

DATA = Path(__file__).parent / "data" / "tracking"
D = dt.date


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return tracking_client(tmp_path)


def test_sliders_for_the_steps_in_flight_or_due(client: Path) -> None:
    panel = CheckinPanel(client, as_of=D(2026, 1, 5))
    # a is due (latest start in 5 working days), b's latest start is 10 away
    assert list(panel.sliders) == ["a", "b"]
    assert "On plan against the plan as written" in panel.verdict.value
    assert "must start within 5 working days" in panel.verdict.value


def test_save_records_one_checkin_and_redraws(client: Path) -> None:
    before = client.read_bytes()
    panel = CheckinPanel(client, as_of=D(2026, 1, 12))
    panel.set_share("a", 0.6)
    panel.note.value = "slow week"
    panel.save_button.click()
    (entry,) = read_journal(journal_path(client))
    assert (entry.date, entry.progress, entry.note) == (
        D(2026, 1, 12),
        {"a": 0.6, "b": 0.0},
        "slow week",
    )
    assert "Saved the check-in of 2026-01-12" in panel.message.value
    assert "using its slack" in panel.verdict.value
    assert panel.tracking.progress["a"] == pytest.approx(0.6)
    assert panel.sliders["a"].value == pytest.approx(0.6)
    assert "using its slack" in panel.figure.layout.title.subtitle.text.replace("<br>", " ")
    assert client.read_bytes() == before


def test_a_refused_checkin_is_a_message_and_writes_nothing(client: Path) -> None:
    panel = CheckinPanel(client, as_of=D(2026, 1, 12))
    panel.date.value = D(2025, 12, 1)
    assert panel.save() is False
    assert "before the plan's start 2026-01-05" in panel.message.value
    assert not journal_path(client).exists()


def test_a_late_entry_needs_the_box_ticked(client: Path) -> None:
    panel = CheckinPanel(client, as_of=D(2026, 1, 12))
    panel.set_share("a", 0.6)
    assert panel.save()
    panel.date.value = D(2026, 1, 9)
    panel.set_share("a", 0.5)
    assert panel.save() is False
    assert "before the newest check-in recorded (2026-01-12)" in panel.message.value
    assert len(read_journal(journal_path(client))) == 1
    panel.backdate.value = True
    assert panel.save()
    assert "(back-dated: entered late)" in panel.message.value
    assert panel.backdate.value is False
    assert read_journal(journal_path(client))[-1].backdated


def test_the_panel_says_when_the_plan_changed_after_the_baseline(client: Path) -> None:
    panel = CheckinPanel(client, as_of=D(2026, 1, 12))
    panel.set_share("a", 0.6)
    assert panel.save()
    assert "re-baseline or re-plan" not in panel.verdict.value
    plan = client.parent / "two-steps.yaml"
    plan.write_text(plan.read_text().replace("target: 2026-01-23", "target: 2026-01-30"))
    again = CheckinPanel(client, as_of=D(2026, 1, 12))
    assert "careerlib-plan-changed" in again.verdict.value
    assert "re-baseline or re-plan." in again.verdict.value


def test_save_as_replan_writes_beside_the_plan_and_switches(tmp_path: Path) -> None:
    import shutil

    from careerlib.console.replan_panel import ReplanPanel

    shutil.copy(DATA / "diamond.yaml", tmp_path / "diamond.yaml")
    client = tmp_path / "client.yaml"
    client.write_text(
        "name: Test Client\ncurrent_role: Analyst\ntarget_role: Data Scientists\n"
        "plan: diamond.yaml\ncadence: weekly\n"
    )
    panel = CheckinPanel(client, as_of=D(2026, 1, 12))
    box = panel.replan
    assert isinstance(box, ReplanPanel) and box.widget in panel.widget.children
    assert box.target.value == D(2026, 2, 27)  # the plan's target to start from
    box.target.value = D(2026, 1, 9)
    assert box.save() is False
    assert "the new target 2026-01-09 is before the re-plan day 2026-01-12" in box.message.value
    box.target.value = D(2026, 1, 30)
    box.switch.value = True
    box.save_button.click()
    new = tmp_path / "diamond-replan-2026-01-12.yaml"
    assert new.is_file() and box.done is not None and box.done.switched
    assert (
        "Wrote" in box.message.value
        and "now uses diamond-replan-2026-01-12.yaml" in box.message.value
    )
    assert "On track: the work left ends on" in box.message.value
    # the check-in panel now tracks the client on the re-plan
    assert panel.tracking.plan.target == D(2026, 1, 30)
    assert panel.tracking.baseline.name == "replan-2026-01-12"
    assert box.switch.value is False
