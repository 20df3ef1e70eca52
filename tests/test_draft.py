"""PlanDraft: a plan built backwards in Python, each change validated as a plan file."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from careerlib import PlanDraft, load_plan, schedule
from careerlib.draft import id_from_title
from careerlib.exceptions import CycleError, PlanError, UsageError
from careerlib.newclient import TEMPLATES
from careerlib.planfile import iter_plans
from tests.conftest import ROOT, SAMPLE_PLANS

D = dt.date
Data = dict[str, Any]


def _built() -> PlanDraft:
    """The issue's plan: a destination, three steps added before it, a goal, an obstacle."""
    draft = PlanDraft.new(
        "Senior PM at a fintech", "2027-06-30", start="2027-01-04", owner="Maya Chen"
    )
    draft.add_step("interviews", "Interviews: three rounds", duration="3w", before="destination")
    draft.add_step("resume", "Revise the resume", duration=5, before="interviews")
    draft.add_step("network", "Meet ten product leaders", duration="6w", before="interviews")
    draft.add_goal("senior-pm", "Senior PM role", "professional")
    draft.edit_step("resume", goal="senior-pm")
    draft.add_obstacle(
        "freeze",
        "Hiring freeze in fintech",
        likelihood=3,
        impact=4,
        mitigation="apply to three sectors",
        contingency="contract roles for a year",
        affects="interviews",
    )
    return draft


def test_a_plan_built_backwards_is_scheduled_by_the_cli_as_the_draft_showed(
    tmp_path: Path,
) -> None:
    draft = _built()
    shown = draft.schedule()
    assert [s.id for s in draft.plan.steps] == ["resume", "network", "interviews", "destination"]
    assert draft.step("interviews").after == ["resume", "network"]
    assert draft.step("destination").after == ["interviews"]
    assert shown.step_dates("interviews") == (D(2027, 6, 10), D(2027, 6, 30))
    assert shown.step_dates("resume") == (D(2027, 6, 3), D(2027, 6, 9))
    assert shown.step_dates("network") == (D(2027, 4, 29), D(2027, 6, 9))
    saved = draft.save(tmp_path / "senior-pm.yaml")

    done = subprocess.run(
        [sys.executable, "-m", "careerlib", "schedule", str(saved), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(shown.to_json())
    # the file holds the goal and the obstacle, and loads into the draft's plan
    assert load_plan(saved) == draft.plan
    assert load_plan(saved).obstacles[0].affects == ["interviews"]


def test_the_saved_file_is_block_style_and_readable(tmp_path: Path) -> None:
    text = _built().save(tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Built with careerlib's plan builder")
    assert '  - id: interviews\n    title: "Interviews: three rounds"\n    duration: 3w\n' in text
    assert "    after: [resume, network]\n" in text
    assert "\nobstacles:\n  - id: freeze\n" in text
    assert "{" not in text  # no flow mappings


def test_reopening_a_saved_draft_changes_nothing(tmp_path: Path) -> None:
    draft = _built()
    first = draft.save(tmp_path / "a.yaml")
    again = PlanDraft.open(first)
    assert again.plan == draft.plan
    second = again.save(tmp_path / "b.yaml")
    assert second.read_bytes() == first.read_bytes()
    assert not again.unsaved


@pytest.mark.parametrize(
    "title",
    ["Plan: phase 2", "yes", "12", "2027-01-01", "# not a comment", "- dash", "It's 'quoted'",
     'say "hi"', "José's move", "  padded  ", "tab\there", "a: b # c", "null", "~", "[x]"],
)  # fmt: skip
def test_titles_that_need_quotes_come_back_as_written(tmp_path: Path, title: str) -> None:
    draft = PlanDraft.new(title, "2027-06-30", start="2027-01-04")
    draft.add_step("x", title, duration=2, before="destination")
    draft.add_goal("g", title, "personal", measure=title)
    again = PlanDraft.open(draft.save(tmp_path / "p.yaml"))
    assert again.plan == draft.plan
    assert again.step("x").title == title and again.plan.title == title


# --- refusals: the loader's message, and the draft as it was --------------------------------


def _plan_data(draft: PlanDraft) -> Data:
    data: Data = draft.plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def _step(data: Data, step_id: str) -> Data:
    return next(s for s in data["steps"] if s["id"] == step_id)


def _add(key: str, item: Data) -> Callable[[Data], None]:
    return lambda data: data.setdefault(key, []).append(item)


def _set(step_id: str, **fields: Any) -> Callable[[Data], None]:
    return lambda data: _step(data, step_id).update(fields)


REFUSED: list[Any] = [
    pytest.param(
        lambda d: d.link("interviews", "resume"),
        _set("resume", after=["interviews"]),
        "cycle",
        id="a cycle",
    ),
    pytest.param(
        lambda d: d.add_step("offer", "Offer", duration=2, after=["resumee"]),
        _add("steps", {"id": "offer", "title": "Offer", "duration": 2, "after": ["resumee"]}),
        "did you mean 'resume'",
        id="an unknown step in after",
    ),
    pytest.param(
        lambda d: d.add_step("x", "X", duration="2w", effort="10h"),
        _add("steps", {"id": "x", "title": "X", "duration": "2w", "effort": "10h"}),
        "got duration and effort",
        id="two kinds of length",
    ),
    pytest.param(
        lambda d: d.edit_step("resume", effort="10h"),
        _set("resume", effort="10h"),
        "exactly one of duration, effort",
        id="an effort added to a step with a duration",
    ),
    pytest.param(
        lambda d: d.add_step("x", "X"),
        _add("steps", {"id": "x", "title": "X"}),
        "(got none)",
        id="no length",
    ),
    pytest.param(
        lambda d: d.add_step("x", "X", duration=0),
        _add("steps", {"id": "x", "title": "X", "duration": 0}),
        "at least 1 working day",
        id="a duration of 0",
    ),
    pytest.param(
        lambda d: d.add_step("x", "X", duration="2.5d"),
        _add("steps", {"id": "x", "title": "X", "duration": "2.5d"}),
        "whole number of working days",
        id="half a day",
    ),
    pytest.param(
        lambda d: d.add_step("x", "X", effort="10h"),
        _add("steps", {"id": "x", "title": "X", "effort": "10h"}),
        "hours_per_week",
        id="hours without hours a week",
    ),
    pytest.param(
        lambda d: d.add_step("resume", "Again", duration=1),
        _add("steps", {"id": "resume", "title": "Again", "duration": 1}),
        "duplicate step id 'resume'",
        id="a duplicate id",
    ),
    pytest.param(
        lambda d: d.add_step("bad id", "X", duration=1),
        _add("steps", {"id": "bad id", "title": "X", "duration": 1}),
        "not a valid id",
        id="an invalid id",
    ),
    pytest.param(
        lambda d: d.edit_step("resume", deadline="2027-02-30"),
        _set("resume", deadline="2027-02-30"),
        "not a real date",
        id="a date that does not exist",
    ),
    pytest.param(
        lambda d: d.edit_step("resume", goal="senior"),
        _set("resume", goal="senior"),
        "unknown goal 'senior'",
        id="an unknown goal",
    ),
    pytest.param(
        lambda d: d.edit_step("resume", route="inside"),
        _set("resume", route="inside"),
        "unknown route 'inside'",
        id="an unknown route",
    ),
    pytest.param(
        lambda d: d.edit_plan(target="2026-06-30"),
        lambda data: data.update(target="2026-06-30"),
        "before the start",
        id="a target before the start",
    ),
    pytest.param(
        lambda d: d.edit_plan(title=None),
        lambda data: data.pop("title"),
        "missing required key 'title'",
        id="no title",
    ),
    pytest.param(
        lambda d: d.add_goal("g", "G", "global"),
        _add("goals", {"id": "g", "title": "G", "level": "global"}),
        "unknown goal level 'global'",
        id="an unknown goal level",
    ),
    pytest.param(
        lambda d: d.edit_goal("senior-pm", supports=["senior-pm"]),
        lambda data: data["goals"][0].update(supports=["senior-pm"]),
        "cannot support itself",
        id="a goal supporting itself",
    ),
    pytest.param(
        lambda d: d.add_obstacle("o", "O", likelihood=7, impact=1),
        _add("obstacles", {"id": "o", "title": "O", "likelihood": 7, "impact": 1}),
        "less than or equal to 5",
        id="a likelihood of 7",
    ),
    pytest.param(
        lambda d: d.add_obstacle("o", "O", 2, 2, affects=["intervews"]),
        _add(
            "obstacles",
            {"id": "o", "title": "O", "likelihood": 2, "impact": 2, "affects": ["intervews"]},
        ),
        "did you mean 'interviews'",
        id="an obstacle on an unknown step",
    ),  # fmt: skip
    pytest.param(
        lambda d: d.add_blackout("2027-03-10", "2027-03-01"),
        lambda data: data.setdefault("calendar", {}).update(
            blackouts=[{"from": "2027-03-10", "to": "2027-03-01"}]
        ),
        "is after its 'to'",
        id="a blackout backwards",
    ),
    pytest.param(
        lambda d: d.edit_plan(workdays=["mon", "funday"]),
        lambda data: data.setdefault("calendar", {}).update(workdays=["mon", "funday"]),
        "unknown weekday 'funday'",
        id="an unknown weekday",
    ),
]


@pytest.mark.parametrize(("change", "in_file", "says"), REFUSED)
def test_an_invalid_change_is_refused_with_the_loaders_message(
    tmp_path: Path, change: Callable[[PlanDraft], str], in_file: Callable[[Data], None], says: str
) -> None:
    draft = _built()
    before, history, text = draft.plan, list(draft.history), draft.to_yaml()
    with pytest.raises(PlanError) as refused:
        change(draft)
    # the draft is as it was
    assert draft.plan is before and draft.history == history and draft.to_yaml() == text
    assert draft.schedule().plan is before
    # the same change written into a plan file: the loader says the same thing
    data = _plan_data(draft)
    in_file(data)
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(PlanError) as loaded:
        load_plan(path)
    assert type(refused.value) is type(loaded.value)
    assert (refused.value.where, refused.value.message) == (
        loaded.value.where,
        loaded.value.message,
    )
    assert str(loaded.value).endswith(str(refused.value))
    assert says in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_cycle_names_the_steps_in_it() -> None:
    draft = _built()
    with pytest.raises(CycleError, match="cycle: resume -> interviews -> resume") as refused:
        draft.link("interviews", "resume")
    assert refused.value.steps == ["resume", "interviews"]


def test_the_last_step_cannot_go(tmp_path: Path) -> None:
    draft = PlanDraft.new("Somewhere", "2027-06-30", start="2027-01-04")
    with pytest.raises(PlanError) as refused:
        draft.remove_step("destination")
    path = tmp_path / "empty.yaml"
    path.write_text("title: Somewhere\nstart: 2027-01-04\ntarget: 2027-06-30\nsteps: []\n")
    with pytest.raises(PlanError) as loaded:
        load_plan(path)
    assert refused.value.message == loaded.value.message == "a plan needs at least one step"
    assert [s.id for s in draft.plan.steps] == ["destination"]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.add_step("x", "X", duration=1, before="intervews"),
         r"step 'x': unknown step 'intervews' in before of 'x'; did you mean 'interviews'\?"),
        (lambda d: d.edit_step("resum", title="R"), r"unknown step 'resum'; did you mean 'resume'"),
        (lambda d: d.remove_step("nope"), r"unknown step 'nope'"),
        (lambda d: d.link("resume", "destinaton"), r"unknown step 'destinaton'; did you mean"),
        (lambda d: d.remove_goal("pm"), r"unknown goal 'pm'"),
        (lambda d: d.edit_obstacle("frieze", impact=2), r"unknown obstacle 'frieze'"),
        (lambda d: d.remove_route("inside"), r"unknown route 'inside'"),
    ],
)  # fmt: skip
def test_a_change_to_what_does_not_exist_names_the_closest(
    change: Callable[[PlanDraft], str], match: str
) -> None:
    draft = _built()
    before = draft.plan
    with pytest.raises(PlanError, match=match):
        change(draft)
    assert draft.plan is before


def test_a_plan_that_cannot_be_scheduled_is_refused_as_careerlib_schedule_refuses_it() -> None:
    draft = PlanDraft.new("Far", "1901-06-28", start="1900-01-01")
    with pytest.raises(PlanError, match="before 1900-01-01"):
        draft.add_step("long", "Long", duration="4000d", before="destination")
    assert draft.step_ids == ["destination"]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.link("resume", "interviews"), "comes after 'resume' already"),
        (lambda d: d.unlink("network", "resume"), "does not come after"),
        (lambda d: d.edit_step("resume"), "give at least one field"),
        (lambda d: d.edit_plan(), "give at least one field"),
        (lambda d: d.remove_blackout(0), "no blackout #0"),
    ],
)
def test_a_change_that_changes_nothing_is_a_usage_error(
    change: Callable[[PlanDraft], str], match: str
) -> None:
    draft = _built()
    with pytest.raises(UsageError, match=match):
        change(draft)


# --- the changes ------------------------------------------------------------------------


def test_undo_takes_the_changes_back_one_by_one() -> None:
    draft = _built()
    plans = [c.before for c in draft.history]
    assert draft.can_undo
    said = draft.undo()
    assert said == "Undone: Added the obstacle 'Hiring freeze in fintech'."
    assert draft.plan is plans[-1] and not draft.plan.obstacles
    while draft.can_undo:
        draft.undo()
    assert draft.step_ids == ["destination"]
    with pytest.raises(UsageError, match="nothing to undo"):
        draft.undo()


def test_removing_a_step_mends_its_links_and_says_so() -> None:
    draft = PlanDraft.new("Offer", "2027-06-30", start="2027-01-04")
    draft.add_step("apply", "Apply", duration=10, before="destination")
    draft.add_step("resume", "Resume", duration=5, before="apply")
    draft.add_step("assess", "Assess", duration=3, before="resume")
    draft.add_obstacle("o", "No time", 2, 3, affects=["resume", "apply"])
    said = draft.remove_step("resume")
    assert said == (
        "Removed 'Resume'. 'Apply' now comes after 'Assess'. "
        "The obstacle 'No time' no longer names it."
    )
    assert draft.step("apply").after == ["assess"]
    assert draft.plan.obstacles[0].affects == ["apply"]
    said = draft.remove_step("assess", mend=False)
    assert said == "Removed 'Assess'. 'Apply' no longer waits on it."
    assert draft.step("apply").after == []


def test_removing_a_reviewed_step_drops_its_progress_and_says_so() -> None:
    draft = PlanDraft.open(SAMPLE_PLANS / "it-director-to-cio.yaml")
    said = draft.remove_step("hipaa")
    assert "The review of 2026-10-30 no longer records its progress." in said
    assert "The obstacle 'A major EHR outage absorbs the team' no longer names it." in said
    assert draft.plan.checkpoints is not None
    assert draft.plan.checkpoints.reviews[0].progress == {"assess": 1.0}


def test_a_step_added_before_several_goes_before_the_first_of_them() -> None:
    draft = _built()
    draft.add_step("coach", "Coaching", duration=2, before=["network", "resume"])
    assert draft.step_ids == ["coach", "resume", "network", "interviews", "destination"]
    assert draft.step("resume").after == ["coach"] and draft.step("network").after == ["coach"]
    said = draft.add_step("onboard", "Onboarding", duration="2w", after="destination")
    assert said == "Added 'Onboarding' after 'Senior PM at a fintech'."
    assert draft.step_ids[-1] == "onboard"


def test_edit_step_changes_only_what_is_given_and_none_clears() -> None:
    draft = _built()
    draft.edit_step("resume", title="Rewrite the resume", buffer=2, deadline="2027-05-28")
    step = draft.step("resume")
    assert (step.title, str(step.buffer), step.deadline) == (
        "Rewrite the resume",
        "2d",
        D(2027, 5, 28),
    )
    assert str(step.duration) == "5d" and step.goal == "senior-pm"
    draft.edit_step("resume", deadline=None, goal=None, title=None)
    step = draft.step("resume")
    assert step.deadline is None and step.goal is None and step.title == "resume"
    draft.edit_plan(hours_per_week=6)
    said = draft.edit_step("resume", effort="12h", duration=None)
    assert said == "Changed the duration and effort of 'resume'."
    assert draft.step("resume").effort == 12.0 and draft.step("resume").duration is None
    draft.edit_step("destination", milestone=None, duration=1)
    assert not draft.step("destination").milestone


def test_goals_at_the_four_levels_with_what_they_support() -> None:
    draft = _built()
    draft.add_goal("growth", "The bank grows", "organizational")
    draft.add_goal("team", "A product team that ships", "department", supports="growth")
    draft.add_goal("family", "Evenings free", "personal", supports=["senior-pm"])
    draft.edit_goal("senior-pm", supports=["team"], measure="offer signed")
    levels = {g.id: g.level for g in draft.plan.goals}
    assert levels == {
        "senior-pm": "professional",
        "growth": "organizational",
        "team": "department",
        "family": "personal",
    }
    assert draft.plan.goals[0].supports == ["team"]
    said = draft.remove_goal("senior-pm")
    assert said == (
        "Removed the goal 'Senior PM role'. No goal for 'Revise the resume' any more. "
        "The goal 'Evenings free' no longer supports it."
    )


def test_routes_and_their_steps() -> None:
    draft = _built()
    draft.add_route("inside", "Stay in fintech", "the same sector")
    draft.add_route("outside", "Move to healthtech")
    draft.edit_step("network", route="outside")
    draft.edit_step("resume", route="inside")
    assert draft.schedule(route="inside").ids == ("resume", "interviews", "destination")
    assert draft.schedule(route="outside").ids == ("network", "interviews", "destination")
    draft.edit_route("outside", description="a new sector")
    assert draft.plan.routes[1].description == "a new sector"
    said = draft.remove_route("outside")
    assert said == (
        "Removed the route 'Move to healthtech'. 'Meet ten product leaders' now belongs "
        "to every route."
    )
    assert draft.step("network").route is None


def test_obstacles_and_blackouts() -> None:
    draft = _built()
    draft.edit_obstacle("freeze", impact=5, mitigation=None)
    obstacle = draft.plan.obstacles[0]
    assert obstacle.impact == 5 and obstacle.mitigation is None and obstacle.contingency
    draft.add_blackout("2027-06-01", "2027-06-04", "family trip")
    # the resume (five days, 3 to 9 June) now starts before the trip (1 to 4 June)
    assert draft.schedule().step_dates("resume") == (D(2027, 5, 28), D(2027, 6, 9))
    draft.remove_blackout(0)
    draft.remove_obstacle("freeze")
    assert not draft.plan.obstacles and not draft.plan.calendar.blackouts


def test_new_starts_today_by_default_so_the_file_schedules_as_the_draft() -> None:
    draft = PlanDraft.new("Somewhere", dt.date.today() + dt.timedelta(days=200))
    assert draft.plan.start == dt.date.today()
    destination = draft.step("destination")
    assert destination.milestone and destination.title == "Somewhere"


def test_schedule_is_careerlibs_schedule() -> None:
    draft = _built()
    assert draft.schedule().to_json() == schedule(draft.plan).to_json()
    assert draft.schedule() is draft.schedule()  # kept until the next change


def test_schedule_on_a_status_date_is_careerlibs_status_schedule() -> None:
    from careerlib import StatusSchedule

    draft = PlanDraft.open(SAMPLE_PLANS / "it-director-to-cio.yaml")
    got = draft.schedule(as_of="2026-11-23")
    want = schedule(draft.plan, as_of=D(2026, 11, 23))
    assert isinstance(got, StatusSchedule) and got.to_json() == want.to_json()
    assert got.is_done[got.position("assess")]  # the plan's review: assess is done
    assert draft.schedule(as_of=D(2026, 11, 23)) is got  # kept until the next change
    routed = draft.schedule("2026-11-23", route="internal")
    assert routed.to_json() == schedule(draft.plan, "internal", as_of=D(2026, 11, 23)).to_json()
    shares = draft.schedule("2026-11-23", progress={"assess": 0.5})
    assert not shares.is_done[shares.position("assess")]
    draft.remove_step("transition")
    assert "transition" not in draft.schedule(as_of="2026-11-23").ids
    with pytest.raises(UsageError, match="not a date"):
        draft.schedule(as_of="March")
    with pytest.raises(UsageError):
        draft.schedule(progress={"assess": 1.0})


def test_save_never_writes_over_a_file(tmp_path: Path) -> None:
    draft = _built()
    path = tmp_path / "plan.yaml"
    path.write_text("keep me\n")
    with pytest.raises(PlanError, match="exists already"):
        draft.save(path)
    assert path.read_text() == "keep me\n"
    assert draft.saved == []
    first = draft.save(tmp_path / "new.yaml")
    with pytest.raises(PlanError, match="exists already"):
        draft.save(first)
    opened = PlanDraft.open(SAMPLE_PLANS / "radical-change.yaml")
    with pytest.raises(PlanError, match="exists already"):
        opened.save(SAMPLE_PLANS / "radical-change.yaml")


def test_id_from_title() -> None:
    assert id_from_title("Revise the résumé for fintech roles") == "revise-the-resume-for"
    assert id_from_title("Revise the resume", ["revise-the-resume"]) == "revise-the-resume-2"
    assert id_from_title("!!!") == "step"


# --- round trips --------------------------------------------------------------------------


def _assert_round_trip(draft: PlanDraft, folder: Path) -> None:
    shown = draft.schedule()
    saved = draft.save(folder / "round-trip.yaml")
    again = PlanDraft.open(saved)
    assert again.plan == draft.plan
    assert again.schedule().to_json() == shown.to_json()
    for route in [r.id for r in draft.plan.routes]:
        assert again.schedule(route=route).to_json() == draft.schedule(route=route).to_json()
    assert again.save(folder / "again.yaml").read_bytes() == saved.read_bytes()


@pytest.mark.parametrize("path", list(iter_plans(SAMPLE_PLANS)), ids=lambda p: p.name)
def test_every_sample_plan_goes_through_the_draft_unchanged(path: Path, tmp_path: Path) -> None:
    draft = PlanDraft.open(path)
    assert draft.schedule().to_json() == schedule(load_plan(path)).to_json()
    _assert_round_trip(draft, tmp_path)


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_opens_in_the_draft_and_goes_through_unchanged(
    template: str, tmp_path: Path
) -> None:
    from careerlib.newclient import template_plan

    draft = PlanDraft.from_template(
        template, start=D(2027, 1, 4), name="Ana Gomez", role="Nurse Manager"
    )
    assert draft.plan == template_plan(
        template, start=D(2027, 1, 4), name="Ana Gomez", role="Nurse Manager"
    )
    assert draft.plan.owner == "Ana Gomez" and len(draft.plan.steps) > 3
    _assert_round_trip(draft, tmp_path)


def test_a_template_is_the_plan_new_client_writes(tmp_path: Path) -> None:
    from careerlib.newclient import new_client

    made = new_client("Ana Gomez", "Nurse Manager", folder=tmp_path, today=D(2027, 1, 4))
    draft = PlanDraft.from_template(
        "same-sector", start=D(2027, 1, 4), name="Ana Gomez", role="Nurse Manager"
    )
    assert draft.plan == load_plan(made.plan)


def test_a_template_without_a_role_leaves_the_role_skills_out() -> None:
    draft = PlanDraft.from_template("promotion", start=D(2027, 1, 4), target=D(2027, 9, 30))
    assert draft.plan.title == "the client: promotion to the target role"
    assert draft.plan.target == D(2027, 9, 30)
    assert draft.step("stretch").develops == []


def test_a_role_file_fills_in_a_template() -> None:
    role = ROOT / "data" / "roles" / "healthcare-cio.yaml"
    draft = PlanDraft.from_template("promotion", start=D(2027, 1, 4), name="Jordan", role=role)
    assert "promotion to" in draft.plan.title and len(draft.step("stretch").develops) == 3


def test_the_modules_examples_run() -> None:
    import doctest

    import careerlib.draft

    result = doctest.testmod(careerlib.draft, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0


def test_the_saved_file_exports_as_the_draft_showed(tmp_path: Path) -> None:
    from careerlib import export

    draft = _built()
    saved = draft.save(tmp_path / "senior-pm.yaml")
    shown = export(draft.schedule(), tmp_path / "shown.csv")
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", "export", str(saved), "-o", str(tmp_path / "cli.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cli.csv").read_bytes() == shown.read_bytes()
    text = shown.read_text(encoding="utf-8-sig")
    # the dates the draft showed (see the test above)
    assert "network,Meet ten product leaders,2027-04-29,2027-06-09," in text
    assert "interviews,Interviews: three rounds,2027-06-10,2027-06-30," in text
