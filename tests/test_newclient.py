"""careerlib new client: a client and a plan from a route template, that schedule at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from careerlib.clients import load_client
from careerlib.exceptions import ClientError, PlanError, WorkspaceError
from careerlib.newclient import (
    TEMPLATES,
    load_template,
    match_role,
    new_client,
    parse_target,
    slug,
)
from careerlib.planfile import load_plan
from careerlib.scheduling.scheduler import schedule
from careerlib.workspace import init_workspace
from tests.conftest import ROOT

TODAY = date(2026, 11, 30)
HEAD = "description: d\ntarget_months: 3\n"


@pytest.mark.parametrize(
    ("template", "months", "must_have"),
    [
        pytest.param("same-sector", 6, {"target-list", "network", "apply"}, id="same-sector"),
        pytest.param(
            "radical-change",
            18,
            {
                "certification-course",
                "certification-exam",
                "association",
                "informational-interviews",
            },
            id="radical-change",
        ),
        pytest.param(
            "promotion", 9, {"manager-talk", "stretch", "sponsor", "case"}, id="promotion"
        ),
    ],
)
def test_each_route_gives_a_client_that_loads_and_a_plan_that_schedules(
    tmp_path: Path, template: str, months: int, must_have: set[str]
) -> None:
    made = new_client("Ana Gomez", "Nurse Manager", template=template, folder=tmp_path, today=TODAY)
    assert made.client == tmp_path / "data" / "clients" / "ana-gomez.yaml"
    assert made.plan == tmp_path / "data" / "plans" / "ana-gomez.yaml"
    assert made.role.code == "11-9111.00" and made.role.matched == "Nurse Manager"
    client = load_client(made.client)  # checks the role, the plan and every develops
    assert client.target_role == "11-9111.00" and client.name == "Ana Gomez"
    plan = load_plan(made.plan)
    assert plan.start == TODAY and plan.target == made.target
    assert made.target == date(
        TODAY.year + (TODAY.month + months - 1) // 12, (TODAY.month + months - 1) % 12 + 1, 30
    )
    assert must_have <= {s.id for s in plan.steps}
    assert plan.owner == "Ana Gomez" and "Nurse Manager" in plan.title
    result = schedule(plan)
    assert result.feasible, result.verdict


def test_radical_change_takes_one_to_two_years_and_promotion_stays_inside() -> None:
    assert 12 <= load_template("radical-change").target_months <= 24
    assert load_template("same-sector").target_months < 12
    promotion = load_template("promotion").plan
    titles = " ".join(s["title"] for s in promotion["steps"])
    assert "manager" in titles and "promotion" in titles.lower()


def test_the_role_skills_go_into_develops(tmp_path: Path) -> None:
    from careerlib.onet import role_profile

    made = new_client("Bo", "11-9111.00", template="radical-change", folder=tmp_path, today=TODAY)
    top = [str(n) for n in role_profile("11-9111.00").requirements.index[:3]]
    course = next(s for s in load_plan(made.plan).steps if s.id == "certification-course")
    assert course.develops == top


def test_a_given_target_is_kept(tmp_path: Path) -> None:
    made = new_client(
        "Bo", "CIO", template="promotion", target=date(2027, 3, 1), folder=tmp_path, today=TODAY
    )
    assert load_plan(made.plan).target == date(2027, 3, 1)
    assert made.role.code == "11-1011.00"


def test_a_target_before_the_start_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r"the target 2026-01-01 is not after the start 2026-11-30"):
        new_client("Bo", "CIO", target=date(2026, 1, 1), folder=tmp_path, today=TODAY)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("role", "code", "matched"),
    [
        pytest.param("11-9111.00", "11-9111.00", "Medical and Health Services Managers", id="code"),
        pytest.param(
            "11-9111", "11-9111.00", "Medical and Health Services Managers", id="short-code"
        ),
        pytest.param("registered nurses", "29-1141.00", "Registered Nurses", id="title"),
        pytest.param("Nurse Manager", "11-9111.00", "Nurse Manager", id="alternate"),
        pytest.param("CIO", "11-1011.00", "CIO", id="short-title"),
    ],
)
def test_match_role(role: str, code: str, matched: str) -> None:
    found = match_role(role)
    assert (found.code, found.matched) == (code, matched)


@pytest.mark.parametrize(
    ("role", "match"),
    [
        pytest.param(
            "Data Analyst",
            r"'Data Analyst' is ambiguous: it matches 8 O\*NET occupations \(.*"
            r"15-2051\.01 Business Intelligence Analysts; .*13-2099\.01 Financial Quantitative",
            id="ambiguous",
        ),
        pytest.param("Teacher", r"is ambiguous: .*; and \d+ more\); give one of", id="many"),
        pytest.param(
            "xyzzy plumber",
            r"no O\*NET occupation matches the role 'xyzzy plumber'; the closest: Plumbers",
            id="unknown",
        ),
        pytest.param(
            "99-9999.00", r"no O\*NET occupation matches the role '99-9999\.00'", id="code"
        ),
        pytest.param(
            "data scientist",
            r"15-2051\.00 \(Data Scientists\) .* has no skill ratings",
            id="unrated",
        ),
        pytest.param("  ", r"no O\*NET occupation matches", id="empty"),
    ],
)
def test_match_role_errors(role: str, match: str) -> None:
    with pytest.raises(ClientError, match=match):
        match_role(role)


def test_never_writes_over_a_file(tmp_path: Path) -> None:
    first = new_client("Ana Gomez", "Nurse Manager", folder=tmp_path, today=TODAY)
    before = first.plan.read_text()
    first.client.unlink()
    with pytest.raises(WorkspaceError, match=r"1 file is in the way: .*plans/ana-gomez\.yaml"):
        new_client("Ana Gomez", "CIO", template="promotion", folder=tmp_path, today=TODAY)
    assert first.plan.read_text() == before and not first.client.exists()


def test_a_template_file_of_ones_own(tmp_path: Path) -> None:
    text = (ROOT / "data" / "templates" / "same-sector.yaml").read_text()
    mine = tmp_path / "quick.yaml"
    mine.write_text(text.replace("target_months: 6", "target_months: 2"))
    made = new_client("Bo", "CIO", template=mine, folder=tmp_path, today=TODAY)
    assert made.target == date(2027, 1, 30) and made.template == str(mine)


def test_a_workspace_template_comes_before_the_shipped_one(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    copy = tmp_path / "data" / "templates" / "promotion.yaml"
    copy.write_text(copy.read_text().replace("target_months: 9", "target_months: 3"))
    made = new_client("Bo", "CIO", template="promotion", folder=tmp_path, today=TODAY)
    assert made.target == date(2027, 2, 28)
    # elsewhere the shipped one
    other = new_client("Bo", "CIO", template="promotion", folder=tmp_path / "x", today=TODAY)
    assert other.target == date(2027, 8, 30)


@pytest.mark.parametrize(
    ("text", "error", "match"),
    [
        pytest.param(
            "description: d\ntarget_months: 3\nplan: {steps: [{id: a, duration: 1d}]}\nextra: 1\n",
            PlanError,
            r"mine\.yaml:4: .*extra",
            id="unknown-key",
        ),
        pytest.param(
            "description: d\ntarget_months: 0\nplan: {steps: [{id: a, duration: 1d}]}\n",
            PlanError,
            r"mine\.yaml:2: target_months",
            id="months",
        ),
        pytest.param(
            HEAD + "plan: {title: '{rol}', steps: [{id: a, duration: 1d}]}\n",
            PlanError,
            r"unknown placeholder '\{rol\}' in '\{rol\}'; did you mean 'role'\?",
            id="placeholder",
        ),
        pytest.param(
            HEAD + "plan: {target: 2027-01-01, steps: [{id: a, duration: 1d}]}\n",
            PlanError,
            r"must not set 'target'",
            id="target",
        ),
        pytest.param(
            HEAD + "plan: {steps: [{id: a, after: [b], duration: 1d}]}\n",
            PlanError,
            r"unknown step 'b'",
            id="bad-plan",
        ),
    ],
)
def test_bad_templates(tmp_path: Path, text: str, error: type[Exception], match: str) -> None:
    (tmp_path / "mine.yaml").write_text(text)
    with pytest.raises(error, match=match):
        new_client("Bo", "CIO", template=tmp_path / "mine.yaml", folder=tmp_path, today=TODAY)
    assert not (tmp_path / "data").exists()


def test_unknown_template_name_lists_the_templates(tmp_path: Path) -> None:
    with pytest.raises(
        PlanError,
        match=r"no route template 'promo'; did you mean 'promotion'\?; "
        r"the templates: promotion, radical-change, same-sector",
    ):
        new_client("Bo", "CIO", template="promo", folder=tmp_path)
    assert set(TEMPLATES) == {p.stem for p in (ROOT / "data" / "templates").glob("*.yaml")}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Priya Nair", "priya-nair"),
        ("  José  O'Brien ", "jose-o-brien"),
        ("Ana_2", "ana-2"),
        ("王芳", "王芳"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_nothing_is_an_error() -> None:
    with pytest.raises(ClientError, match=r"the client name '!!' has no letter or digit"):
        slug("!!")


def test_parse_target() -> None:
    assert parse_target(" 2027-06-30 ") == date(2027, 6, 30)
    with pytest.raises(
        PlanError, match=r"the target '30/06/2027' is not a date; give it as YYYY-MM-DD"
    ):
        parse_target("30/06/2027")


def test_names_and_descriptions_cannot_break_out_of_a_comment(tmp_path: Path) -> None:
    mine = tmp_path / "odd.yaml"
    lines = (ROOT / "data" / "templates" / "promotion.yaml").read_text().splitlines()
    lines = [
        'description: "Inside\\nplan: x.yaml"' if line.startswith("description:") else line
        for line in lines
    ]
    mine.write_text("\n".join(lines) + "\n")
    assert load_template(mine).description == "Inside\nplan: x.yaml"
    made = new_client("Bo\nplan: evil.yaml", "CIO", template=mine, folder=tmp_path, today=TODAY)
    client = load_client(made.client)
    assert client.name == "Bo\nplan: evil.yaml" and client.plan == "../plans/bo-plan-evil-yaml.yaml"
    assert load_plan(made.plan).owner == "Bo\nplan: evil.yaml"
    assert all(line.startswith("#") for line in made.plan.read_text().splitlines()[:3])
