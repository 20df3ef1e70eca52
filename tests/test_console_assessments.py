"""The console's assessment widgets, driven as a coach's clicks would drive them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import careerlib
from careerlib import load_client
from careerlib.assessments import assessments_path, read_assessments
from tests.conftest import DATA, sample_client

DAY = dt.date(2026, 12, 3)


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return sample_client(tmp_path)


def test_interest_profiler_one_item_at_a_time(client: Path) -> None:
    profiler = careerlib.InterestProfiler(client, items=DATA / "interest-items-60.yaml", as_of=DAY)
    assert profiler.save_button.disabled and profiler.back_button.disabled
    assert "Realistic test activity 1" in profiler.item.value
    assert "Sample items" in profiler.header.value
    for k in range(59):
        profiler.buttons[4 if k % 6 == 1 else 1].click()  # Investigative: Strongly like
    assert profiler.counter.value == "59 of 60 answered" and profiler.save_button.disabled
    profiler.back_button.click()
    assert len(profiler.answers) == 58
    profiler.answer(1)
    profiler.answer(1)
    assert profiler.done and not profiler.save_button.disabled
    assert all(b.disabled for b in profiler.buttons)
    profiler.save_button.click()
    assert profiler.saved is not None
    (result,) = read_assessments(assessments_path(client))
    # I: 10 x 4 = 40 -> 7; the others 10 x 1 = 10 -> 2.5
    assert result.totals["Investigative"] == 40 and result.scores["Investigative"] == 7.0
    assert result.scores["Social"] == 2.5 and result.taken_in == "console"
    assert "Saved the interest profiler of 3 Dec 2026" in profiler.message.value
    # set against the client file (Investigative 5, Artistic 2, Enterprising 6...)
    assert "Moved most since the client file: " in profiler.message.value
    assert "Investigative +2.0 (5 → 7)" in profiler.message.value


def test_values_card_sort_with_undo(client: Path) -> None:
    sort = careerlib.ValuesCardSort(client, as_of=DAY)
    assert sort.save_button.disabled
    assert sort.cards["Achievement"].tooltip.startswith("Occupations that satisfy this work value")
    sort.cards["Support"].click()
    sort.cards["Independence"].click()
    assert sort.cards["Support"].disabled and sort.order == ["Support", "Independence"]
    sort.undo_button.click()
    assert sort.order == ["Support"] and not sort.cards["Independence"].disabled
    sort.pick("Support")  # already picked: refused with a message
    assert "not a card left" in sort.message.value
    for value in ["Recognition", "Achievement", "Relationships", "Independence"]:
        sort.pick(value)
    # five picked: the last follows by itself
    assert sort.order[-1] == "Working Conditions" and not sort.save_button.disabled
    sort.undo()
    assert sort.order == ["Support", "Recognition", "Achievement", "Relationships"]
    sort.pick("Independence")
    assert sort.save() is not None
    scores = load_client(client).value_scores()
    assert scores["Support"] == 7.0 and scores["Working Conditions"] == 1.0


def test_skill_ratings_with_anchors_beside_each_slider(client: Path) -> None:
    panel = careerlib.SkillRatings(client, as_of=DAY)
    names = [s.name for s in panel.skills]
    assert names[0] == "Computers and Electronics" and len(names) == 31
    # Jordan rated Computers and Electronics 6 in the client file: the slider starts there
    assert panel.sliders["Computers and Electronics"].value == 6.0
    assert not panel.not_rated["Computers and Electronics"].value
    row = panel.widget.children[1]
    assert "Create a program to scan a computer for viruses" in row.children[1].value
    panel.rate("Computers and Electronics", 5.5)
    panel.rate("Board and executive communication", None)
    panel.rate("nonsense", 3)
    assert "not a skill asked here" in panel.message.value
    assert panel.sliders["Board and executive communication"].disabled
    levels = panel.levels()
    assert levels["Computers and Electronics"] == 5.5
    assert levels["Board and executive communication"] is None
    panel.save()
    (result,) = read_assessments(assessments_path(client))
    assert result.scores["Computers and Electronics"] == 5.5
    assert "Board and executive communication" in result.skipped
    assert "Computers and Electronics -0.5 (6 → 5.5)" in panel.message.value


def test_a_refused_save_is_a_message(client: Path) -> None:
    text = client.read_text()
    start = text.index("skills:")
    end = text.index("organization:")
    client.write_text(text[:start] + text[end:])  # nothing rated in the file
    panel = careerlib.SkillRatings(client, as_of=DAY)
    assert all(box.value for box in panel.not_rated.values())
    assert panel.save_button.disabled
    assert panel.save() is None and "no skill was rated" in panel.message.value
    assert not assessments_path(client).exists()


def test_the_panel_has_the_three_as_tabs(client: Path) -> None:
    panel = careerlib.AssessmentPanel(client, as_of=DAY)
    assert panel.widget.titles == ("Interests", "Work values", "Skills")
    assert panel.interests.spec.sample  # careerlib's sample items: no practice file here
    # the skills tab is built when it is opened
    assert panel._skills is None
    panel.widget.selected_index = 2
    assert panel._skills is not None
    assert panel.widget.children[2].children == (panel.skills.widget,)
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
