"""Verdicts, questions and summaries as Markdown, with whatever a client typed escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import mistune
import pytest
from IPython.display import Markdown

from careerlib import analyse, gaps, load_client, summaries
from careerlib.onet import level_anchors
from tests.conftest import ROOT

CLIENTS = sorted((ROOT / "data" / "clients").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 23)
HOSTILE = "<script>alert('x')</script> **bold** [link](http://x) _it_"


def render(md: Markdown) -> str:
    return str(mistune.create_markdown(escape=True, plugins=["table"])(md.data))


def test_md_escape_keeps_text_as_typed() -> None:
    page = render(Markdown(summaries.md_escape(HOSTILE)))
    assert "<script>" not in page and "<strong>" not in page and "<a " not in page
    assert "&lt;script&gt;" in page and "**bold**" in page and "[link](http://x)" in page


@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_summary_of_every_sample_client(client: Path) -> None:
    profile = load_client(client)
    report = analyse(profile, AS_OF)
    role = gaps.target_role(profile)
    assert report.plan is not None and report.progress is not None
    steps = {s.id: s.title or s.id for s in report.plan.steps}
    rated = report.skills[report.skills["element_id"].notna()]
    time_gap = report.time.get(profile.route) or next(iter(report.time.values()))
    made = [
        summaries.headline(profile, role, AS_OF),
        summaries.diligence_summary(gaps.due_diligence(role)),
        summaries.time_summary(report.time, {r.id: r.title for r in report.plan.routes}),
        summaries.unaddressed_summary(report.skills),
        summaries.level_anchors_summary(rated, {n: level_anchors(n) for n in rated.index[:2]}),
        summaries.progress_summary(report.progress, steps),
        summaries.rethink_summary(gaps.rethink_prompts(time_gap, report.progress)),
        summaries.note(report.progress.message),
    ]
    if report.alignment is not None:
        made.append(summaries.alignment_summary(report.alignment, steps))
    for md in made:
        assert isinstance(md, Markdown)
        text = render(md)
        for word in ("None", "NaN", "True", "False", "()", "Traceback"):
            assert word not in text, (word, md.data)
    assert profile.name in made[0].data and "23 Nov 2026" in made[0].data
    assert time_gap.verdict.split(":")[0] in render(made[2])


def test_progress_summary_by_hand() -> None:
    report = analyse(ROOT / "data" / "clients" / "jordan-lee.yaml", AS_OF)
    assert report.progress is not None
    text = summaries.progress_summary(report.progress).data
    # what was reported; no "planned" figure of the old measure beside the baseline's
    assert "Review of 20 Nov 2026: **1** steps done, **2** in progress" in text
    assert "planned" not in text


def test_rethink_summary_lists_the_questions_or_agrees_the_next_step() -> None:
    assert "on track" in summaries.rethink_summary([]).data
    page = render(summaries.rethink_summary(["Is <b>this</b> still the target?"]))
    assert "<li>Is &lt;b&gt;this&lt;/b&gt; still the target?</li>" in page


def test_exports_summary_is_a_table_of_files(tmp_path: Path) -> None:
    a = tmp_path / "roadmap.ics"
    a.write_bytes(b"x" * 2048)
    page = render(summaries.exports_summary([a]))
    assert "<table>" in page and "roadmap.ics" in page and "2 kB" in page


def test_time_summary_marks_the_clients_route() -> None:
    from careerlib.summaries import time_summary

    report = gaps.analyse(ROOT / "data" / "clients" / "marcus-brown.yaml", dt.date(2026, 11, 23))
    text = time_summary(report.time, {}, report.client.route).data
    marked = [line for line in text.splitlines() if "(the client's route)" in line]
    assert len(marked) == 1 and f"*{report.client.route}*" in marked[0]


def test_options_summary_says_what_to_take_to_meet_the_target() -> None:
    from careerlib import cheapest_way, parse_plan
    from tests.test_tradeoff import CHAIN

    late = cheapest_way(parse_plan(CHAIN.format(target="2027-04-09")))
    page = render(summaries.options_summary(late))
    assert page.startswith("<p><strong>To meet the target:</strong> take Intensive A for")
    assert "(-10 working days, 1,000 EUR) and Intensive B" in page
    assert "2,100 EUR in all" in page and "Feasible: the target" in page
    enough = cheapest_way(parse_plan(CHAIN.format(target="2027-06-30")))
    assert render(summaries.options_summary(enough)) == (
        "<p>The plan meets its target without alternatives: none is needed.</p>\n"
    )


def test_a_skill_not_rated_is_a_question_never_nan() -> None:
    from careerlib.onet import role_profile

    skills = gaps.skills_gap(role_profile("11-3021.00"), {})  # a new client: nothing rated
    anchors = gaps.focus_anchors(skills)
    text = summaries.level_anchors_summary(skills, anchors).data
    assert "nan" not in text
    assert "the client has not rated it yet: ask" in text
    text = summaries.unaddressed_summary(skills).data
    assert text.startswith("No skill is rated yet, so no gap can be measured.")
    assert f"**Ask the client ({len(skills)} not rated yet, so not counted as gaps):**" in text
    rated = gaps.skills_gap(role_profile("11-3021.00"), {"Critical Thinking": 3})
    text = summaries.unaddressed_summary(rated).data
    assert text.startswith("**Gaps no step of the plan addresses (1):** Critical Thinking.")
    assert f"Ask the client ({len(rated) - 1} not rated" in text


def test_plan_diff_summary_names_both_versions() -> None:
    from careerlib.tracking.diff import plan_diff

    data = ROOT / "tests" / "data" / "rethink"
    page = render(summaries.plan_diff_summary(plan_diff(data / "old.yaml", data / "new.yaml")))
    assert "<strong>Before:</strong> old.yaml as written." in page
    assert "The target moved from 27 Mar 2026 to 3 Apr 2026 (5 working days later)." in page
    assert "<li>Steps added: e.</li>" in page


def test_strategy_age_and_work_done() -> None:
    from careerlib.tracking import track_client

    track = track_client(ROOT / "data" / "clients" / "jordan-lee.yaml", dt.date(2026, 12, 7))
    age = render(summaries.strategy_age_summary(track))
    assert "The strategy dates from <strong>5 Oct 2026</strong>" in age
    assert "63 days before this session" in age
    assert "The target, 28 Apr 2028, is 508 days away." in age
    done = render(summaries.work_done_summary(track))
    assert "<strong>Done</strong> (1): Reassess talents and motivators with the coach." in done
    assert "Lead the HIPAA security risk assessment (45%)" in done
    assert "<strong>Not started</strong> (11)" in done
    later = track_client(ROOT / "data" / "clients" / "jordan-lee.yaml", dt.date(2028, 6, 1))
    assert "passed 34 days ago" in render(summaries.strategy_age_summary(later))
    assert "Past their latest start, not started" in render(summaries.work_done_summary(later))
