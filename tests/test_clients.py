"""Client profile files: validation with line numbers, and what they refer to."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib.clients import load_client, parse_client
from careerlib.exceptions import ClientError, DataError, PlanError
from careerlib.peers import load_metrics, load_peers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def client_text(**changes: str) -> str:
    """A valid client file with absolute paths; keyword arguments replace whole lines by key."""
    lines = {
        "name": "name: Test Client",
        "current_role": "current_role: IT Director",
        "target_role": f"target_role: {DATA / 'roles' / 'healthcare-cio.yaml'}",
        "plan": f"plan: {DATA / 'plans' / 'it-director-to-cio.yaml'}",
        "peers": f"peers: {DATA / 'peers' / 'healthcare-it.csv'}",
        "skills": "skills:\n  Critical Thinking: 4\n  Negotiation: {level: 3, note: vendor talks}",
        "self_assessment": (
            "self_assessment:\n"
            "  interests: {Realistic: 2, Enterprising: {rating: 6, note: leads}}\n"
            "  values: {Achievement: 6}\n  talents:\n    - {name: Calm, rating: 5}"
        ),
        "organization": "organization:\n  name: Mercy\n  metrics: {it_budget_pct_revenue: 2.4}",
        "reviews": "reviews:\n  - {date: 2026-11-20, progress: {assess: 1.0}}",
    }
    lines.update(changes)
    return "\n".join(v for v in lines.values() if v) + "\n"


def write(tmp_path: Path, text: str, name: str = "client.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("name", ["jordan-lee", "priya-nair", "marcus-brown"])
def test_sample_clients_are_valid(name: str):
    client = load_client(DATA / "clients" / f"{name}.yaml")
    assert client.name
    assert client.plan is not None
    assert len(client.self_assessment.interests) == 6
    assert len(client.self_assessment.values) == 6
    assert client.skills


def test_a_valid_client(tmp_path: Path):
    client = load_client(write(tmp_path, client_text()))
    assert client.skill_levels() == {"Critical Thinking": 4.0, "Negotiation": 3.0}
    assert client.skills["Negotiation"].note == "vendor talks"
    assert client.interest_scores() == {"Realistic": 2.0, "Enterprising": 6.0}
    assert client.metrics_path == DATA / "peers" / "metrics.csv"


def test_paths_are_relative_to_the_client_file():
    client = load_client(DATA / "clients" / "jordan-lee.yaml")
    assert (
        client.resolve(client.plan).resolve()
        == (DATA / "plans" / "it-director-to-cio.yaml").resolve()
    )


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        pytest.param(
            {"target_role": "target_role: ../roles/no-such-role.yaml"},
            r"client.yaml:3: target_role: no role file '../roles/no-such-role.yaml'",
            id="missing-role-file",
        ),
        pytest.param(
            {"target_role": "target_role: Qzxv Blorp"},
            r":3: target_role: no O\*NET occupation matches 'Qzxv Blorp'",
            id="unknown-occupation",
        ),
        pytest.param(
            {"plan": "plan: nowhere/plan.yaml"},
            r":4: plan: no plan file 'nowhere/plan.yaml'",
            id="missing-plan",
        ),
        pytest.param(
            {"peers": "peers: nowhere.csv"},
            r":5: peers: no peer file 'nowhere.csv'",
            id="missing-peer-file",
        ),
        pytest.param(  # the file system refuses the name (Path.is_file raised OSError)
            {"plan": "plan: " + "1" * 300},
            r":4: plan: no plan file '1{300}'",
            id="plan-name-too-long",
        ),
        pytest.param(
            {"peers": "peers: " + "p" * 300 + ".csv"},
            r":5: peers: no peer file 'p{300}\.csv'",
            id="peer-name-too-long",
        ),
        pytest.param(
            {
                "organization": (
                    "organization:\n  name: Mercy\n  metrics: {it_budget_pct_revenu: 2.4}"
                )
            },
            r":16: organization, metrics, it_budget_pct_revenu: "
            r"unknown metric 'it_budget_pct_revenu'; "
            r"did you mean 'it_budget_pct_revenue'",
            id="unknown-metric",
        ),
        pytest.param(
            {"skills": "skills:\n  Critcal Thinking: 4"},
            r":7: skills, Critcal Thinking: unknown skill 'Critcal Thinking'; "
            r"did you mean 'Critical Thinking'",
            id="unknown-skill",
        ),
        pytest.param(
            {"skills": "skills:\n  Critical Thinking: 8"},
            r":7: skills, 'Critical Thinking', level: "
            r"input should be less than or equal to 7, got 8",
            id="level-above-7",
        ),
        pytest.param(
            {"reviews": "reviews:\n  - {date: 2026-11-20, progress: {assess: 1.5}}"},
            r":18: reviews\[0\], progress, assess: "
            r"input should be less than or equal to 1, got 1.5",
            id="progress-above-1",
        ),
        pytest.param(
            {"reviews": "reviews:\n  - {date: 2026-11-20, progress: {asess: 1.0}}"},
            r":18: reviews\[0\], progress: unknown step 'asess' in the review of 2026-11-20; "
            r"did you mean 'assess'",
            id="unknown-step",
        ),
        pytest.param(
            {"self_assessment": "self_assessment:\n  interests: {Realistik: 3}"},
            r"unknown RIASEC interest 'Realistik'; did you mean 'Realistic'",
            id="unknown-riasec",
        ),
        pytest.param(
            {"self_assessment": "self_assessment:\n  values: {Achievement: 9}"},
            r"rating: input should be less than or equal to 7",
            id="value-above-7",
        ),
        pytest.param({"name": "nam: X"}, r":1: unknown key 'nam'; did you mean 'name'", id="typo"),
        pytest.param({"name": ""}, r"missing required key 'name'", id="no-name"),
        pytest.param(
            {"plan": "", "reviews": "reviews:\n  - {date: 2026-11-20, progress: {assess: 1.0}}"},
            r"reviews: reviews need a plan",
            id="reviews-without-plan",
        ),
        pytest.param(
            {"reviews": "route: internl"},
            r":17: route: unknown route 'internl'; did you mean 'internal'",
            id="route",
        ),
        pytest.param(
            {"reviews": "direction: lateral"},
            r":17: direction: unknown direction 'lateral' \(valid: up, sideways, down, any\)",
            id="direction",
        ),
    ],
)
def test_bad_client_files(tmp_path: Path, changes: dict[str, str], match: str):
    with pytest.raises(ClientError, match=match):
        load_client(write(tmp_path, client_text(**changes)))


@pytest.mark.parametrize(("line", "direction"), [("", "up"), ("direction: Down", "down")])
def test_direction_of_the_move(tmp_path: Path, line: str, direction: str):
    client = load_client(write(tmp_path, client_text(reviews=line)))
    assert client.direction == direction


def test_a_metric_missing_from_the_peer_file(tmp_path: Path):
    peers = tmp_path / "peers.csv"
    peers.write_text("organization,ehr_uptime_pct\nA,99.9\nB,99.5\n")
    (tmp_path / "metrics.csv").write_text((DATA / "peers" / "metrics.csv").read_text())
    text = client_text(peers=f"peers: {peers}")
    with pytest.raises(
        ClientError, match="the metric 'it_budget_pct_revenue' is not in the peer file peers.csv"
    ):
        load_client(write(tmp_path, text))


def test_a_missing_client_file(tmp_path: Path):
    with pytest.raises(ClientError, match="no such file"):
        load_client(tmp_path / "nobody.yaml")


def test_an_invalid_plan_names_the_plan_file(tmp_path: Path):
    plan = write(
        tmp_path, "title: t\ntarget: 2027-01-01\nstart: 2026-12-01\nsteps: []\n", "plan.yaml"
    )
    with pytest.raises(PlanError, match="plan.yaml:4: steps: a plan needs at least one step"):
        load_client(write(tmp_path, client_text(plan=f"plan: {plan}", reviews="")))


def test_a_plan_developing_an_unknown_skill(tmp_path: Path):
    plan = write(
        tmp_path,
        "title: t\ntarget: 2027-01-01\nstart: 2026-12-01\nsteps:\n"
        "  - {id: a, duration: 2, develops: [Juggling]}\n",
        "plan.yaml",
    )
    with pytest.raises(ClientError, match="step 'a' develops 'Juggling'"):
        load_client(write(tmp_path, client_text(plan=f"plan: {plan}", reviews="")))


def test_parse_without_checks():
    client = parse_client("name: X\ncurrent_role: A\ntarget_role: nowhere.yaml\n", check=False)
    assert client.target_role == "nowhere.yaml"


# --- peer files ---------------------------------------------------------------------------------


def test_sample_peer_group():
    peers = load_peers(DATA / "peers" / "healthcare-it.csv")
    defs = load_metrics(DATA / "peers" / "metrics.csv")
    assert len(peers) == 40
    assert set(defs.index) <= set(peers.columns)
    assert set(defs["better"]) == {"higher", "lower"}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        pytest.param(
            "organization,m\nA,1\nB,lots\n",
            r"peers.csv:3: column 'm' of 'B' holds 'lots'",
            id="non-numeric",
        ),
        pytest.param("organization,m\n", "the peer group is empty", id="empty-group"),
        pytest.param("", "the peer file is empty", id="empty-file"),
        pytest.param("org,m\nA,1\n", "needs an 'organization' column", id="no-organization"),
        pytest.param("organization,m\nA,1\nA,2\n", "'A' is listed twice", id="duplicate"),
    ],
)
def test_bad_peer_files(tmp_path: Path, text: str, match: str):
    path = write(tmp_path, text, "peers.csv")
    with pytest.raises(DataError, match=match):
        load_peers(path)


def test_blank_peer_cells_are_missing_values(tmp_path: Path):
    peers = load_peers(write(tmp_path, "organization,m\nA,1\nB,\n", "peers.csv"))
    assert peers["m"].isna().tolist() == [False, True]


def test_bad_metric_direction(tmp_path: Path):
    path = write(tmp_path, "metric,label,unit,better,description\nm,M,%,up,x\n", "metrics.csv")
    with pytest.raises(DataError, match="better='up'; valid: higher, lower"):
        load_metrics(path)


# --- pointing a client file at another plan ------------------------------------------------


def _copy_jordan(tmp_path: Path) -> Path:
    import shutil

    for part in ("clients", "plans", "roles", "peers"):
        shutil.copytree(ROOT / "data" / part, tmp_path / "data" / part)
    return tmp_path / "data" / "clients" / "jordan-lee.yaml"


def test_set_client_plan_changes_only_the_plan_line(tmp_path: Path) -> None:
    import shutil

    from careerlib.clients import set_client_plan

    client = _copy_jordan(tmp_path)
    before = client.read_text(encoding="utf-8")
    new_plan = tmp_path / "data" / "plans" / "jordan built.yaml"
    shutil.copy(client.parent.parent / "plans" / "it-director-to-cio.yaml", new_plan)
    assert set_client_plan(client, new_plan) == "../plans/jordan built.yaml"
    after = client.read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [
        ("plan: ../plans/it-director-to-cio.yaml", "plan: ../plans/jordan built.yaml")
    ]
    profile = load_client(client)
    assert profile.resolve(profile.plan or "").resolve() == new_plan


def test_set_client_plan_keeps_comments_and_line_ends_and_adds_a_missing_line(
    tmp_path: Path,
) -> None:
    from careerlib.clients import set_client_plan
    from tests.conftest import tracking_client

    client = tracking_client(tmp_path)
    (tmp_path / "plans").mkdir()
    other = tmp_path / "plans" / "other.yaml"
    other.write_text((tmp_path / "two-steps.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    client.write_bytes(
        b"\xef\xbb\xbfname: Test Client\r\nplan: 'two-steps.yaml'  # the plan\r\n"
        b"current_role: Analyst\r\ntarget_role: 11-9111.00\r\n"
    )
    set_client_plan(client, other)
    assert client.read_bytes() == (
        b"\xef\xbb\xbfname: Test Client\r\nplan: plans/other.yaml  # the plan\r\n"
        b"current_role: Analyst\r\ntarget_role: 11-9111.00\r\n"
    )
    client.write_text("name: Test Client\ncurrent_role: Analyst\ntarget_role: 11-9111.00")
    set_client_plan(client, other)
    assert client.read_text().endswith("target_role: 11-9111.00\nplan: plans/other.yaml\n")


def test_set_client_plan_refuses_a_plan_the_client_cannot_use(tmp_path: Path) -> None:
    from careerlib.clients import set_client_plan

    client = _copy_jordan(tmp_path)
    before = client.read_bytes()
    # Jordan follows the route 'internal': a plan without routes cannot be theirs
    plain = tmp_path / "data" / "plans" / "plain.yaml"
    plain.write_text(
        "title: x\nstart: 2027-01-04\ntarget: 2027-06-30\nsteps: [{id: a, duration: 2}]\n"
    )
    with pytest.raises(ClientError) as refused:
        set_client_plan(client, plain)
    # the route's own message, before the rest of the client's checks
    assert refused.value.message == (
        "the new plan has no route 'internal' (the client's route); nothing was changed"
    )
    nowhere = tmp_path / "data" / "plans" / "nowhere.yaml"
    for check in (True, False):
        with pytest.raises(ClientError, match="no plan file '../plans/nowhere.yaml'"):
            set_client_plan(client, nowhere, check=check)
        with pytest.raises(ClientError, match="no route 'internal'"):
            set_client_plan(client, plain, check=check)
    broken = tmp_path / "data" / "plans" / "broken.yaml"
    broken.write_text("title: x\n")
    for check in (True, False):
        with pytest.raises(PlanError, match="broken.yaml"):
            set_client_plan(client, broken, check=check)
    assert client.read_bytes() == before
