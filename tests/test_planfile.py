"""Reading plan files: every invalid input gives one clear PlanError naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib import CycleError, PlanError, load_plan, parse_plan
from careerlib.planfile import read_yaml

HEAD = "title: T\nstart: 2027-01-04\ntarget: 2027-06-01\n"


def write(tmp_path: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BAD = [
    pytest.param(
        "title: [unclosed\ntarget: x\n", r"plan.yaml:2: this is not valid YAML", id="malformed-yaml"
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, titel: A, duration: 3d}\n",
        r":5: step 'a': unknown key 'titel'; did you mean 'title'\?",
        id="unknown-step-key",
    ),
    pytest.param(
        HEAD + "calender: {}\nsteps:\n  - {id: a, duration: 3d}\n",
        r":4: unknown key 'calender'; did you mean 'calendar'\?",
        id="unknown-top-key",
    ),
    pytest.param(
        HEAD + "calendar: {workday: [mon]}\nsteps:\n  - {id: a, duration: 1}\n",
        r":4: calendar: unknown key 'workday'; did you mean 'workdays'\?",
        id="unknown-calendar-key",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 3d, zzqq: 1}\n",
        r"unknown key 'zzqq' \(known keys: after, alternatives, buffer",
        id="unknown-key-no-hint",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 3d}\n  - {id: a, duration: 1d}\n",
        r":6: step #2: duplicate step id 'a' \(step #1",
        id="duplicate-ids",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - {id: resume, duration: 3d}\n  - {id: outreach, duration: 3d, after: [resumee]}\n",
        r":6: step 'outreach': unknown step 'resumee' in after of 'outreach'; did you mean 'resume'\?",
        id="misspelt-after",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 1d, after: [a]}\n",
        r"step 'a' cannot come after itself",
        id="after-itself",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - {id: a, duration: 1, after: [c]}\n  - {id: b, duration: 1, after: [a]}\n  - {id: c, duration: 1, after: [b]}\n",
        r":5: steps: the steps wait on each other in a cycle: a -> b -> c -> a",
        id="cycle",
    ),
    pytest.param(
        "title: T\nstart: 2027-01-04\ntarget: 2027-02-30\nsteps:\n  - {id: a, duration: 1}\n",
        r":3: target: '2027-02-30' is not a real date",
        id="impossible-date",
    ),
    pytest.param(
        "title: T\nstart: 2027-01-04\ntarget: '2027-13-01'\nsteps:\n  - {id: a, duration: 1}\n",
        r":3: target: '2027-13-01' is not a real date",
        id="impossible-quoted-date",
    ),
    pytest.param(
        "title: T\ntarget: 20270104\nsteps:\n  - {id: a, duration: 1}\n",
        r":2: target: expected an ISO date YYYY-MM-DD, got 20270104",
        id="number-date",
    ),
    pytest.param(
        "title: T\ntarget: 2027-01-04 10:00:00\nsteps:\n  - {id: a, duration: 1}\n",
        r"expected a date without a time",
        id="datetime",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 3 days}\n",
        r":5: step 'a', duration: expected a whole number of working days such as 12, 12d or 3w, got '3 days'",
        id="bad-duration-text",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 0d}\n",
        r"a duration is at least 1 working day, got 0d; a step that takes no time is a milestone",
        id="zero-duration",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: -2}\n", r"cannot be negative", id="negative-duration"
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 1.5}\n",
        r"whole number of working days",
        id="fractional-duration",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, duration: 2d, milestone: true}\n",
        r"exactly one of duration, effort or milestone: true \(got duration and milestone\)",
        id="two-kinds",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: a, title: A}\n",
        r"exactly one of duration, effort or milestone: true \(got none\)",
        id="no-kind",
    ),
    pytest.param(
        "title: T\nstart: 2027-01-04\ntarget: 2027-01-01\nsteps:\n  - {id: a, duration: 1}\n",
        r":3: target: the target 2027-01-01 is before the start 2027-01-04",
        id="target-before-start",
    ),
    pytest.param(
        "title: T\ntarget: 2001-01-01\nsteps:\n  - {id: a, duration: 1}\n",
        r"before the today \(the plan gives no start\)",
        id="target-passed",
    ),
    pytest.param(
        "- a\n- b\n",
        r"plan.yaml:1: a plan must be a mapping of keys \(title, target, steps, ...\), but this file holds a list",
        id="not-a-mapping",
    ),
    pytest.param("just words\n", r"holds a single text", id="a-string"),
    pytest.param("", r"the plan is empty", id="empty"),
    pytest.param(
        "target: 2027-06-01\nsteps:\n  - {id: a, duration: 1}\n",
        r":1: missing required key 'title'",
        id="missing-title",
    ),
    pytest.param(
        "title: T\nsteps:\n  - {id: a, duration: 1}\n",
        r"missing required key 'target'",
        id="missing-target",
    ),
    pytest.param(
        HEAD + "steps: []\n", r":4: steps: a plan needs at least one step", id="empty-steps"
    ),
    pytest.param(
        HEAD + "calendar: {workdays: [mon, tues]}\nsteps:\n  - {id: a, duration: 1}\n",
        r"unknown weekday 'tues' \(valid: mon, tue, wed, thu, fri, sat, sun\); did you mean 'tue'\?",
        id="bad-weekday",
    ),
    pytest.param(
        HEAD + "calendar: {workdays: []}\nsteps:\n  - {id: a, duration: 1}\n",
        r"at least one workday",
        id="no-workdays",
    ),
    pytest.param(
        HEAD
        + "calendar:\n  blackouts:\n    - {from: 2027-03-10, to: 2027-03-01}\nsteps:\n  - {id: a, duration: 1}\n",
        r":6: calendar, blackouts\[0\]: blackout 'from' 2027-03-10 is after its 'to' 2027-03-01",
        id="blackout-backwards",
    ),
    pytest.param(
        HEAD + "calendar: {holidays: {country: XX}}\nsteps:\n  - {id: a, duration: 1}\n",
        r"unknown country code 'XX'",
        id="bad-country",
    ),
    pytest.param(
        HEAD
        + "calendar: {holidays: {country: US, subdiv: ZZ}}\nsteps:\n  - {id: a, duration: 1}\n",
        r"unknown subdivision 'ZZ' of US",
        id="bad-subdiv",
    ),
    pytest.param(
        HEAD
        + "goals:\n  - {id: g, title: G, level: profesional}\nsteps:\n  - {id: a, duration: 1}\n",
        r":5: goal 'g', level: unknown goal level 'profesional' .*did you mean 'professional'\?",
        id="bad-goal-level",
    ),
    pytest.param(
        HEAD
        + "goals:\n  - {id: cio, title: G, level: professional}\nsteps:\n  - {id: a, duration: 1, goal: ico}\n",
        r":7: step 'a': unknown goal 'ico'; did you mean 'cio'\?",
        id="unknown-goal",
    ),
    pytest.param(
        HEAD + "routes:\n  - {id: fast, title: F}\nsteps:\n  - {id: a, duration: 1, route: fats}\n",
        r"unknown route 'fats'; did you mean 'fast'\?",
        id="unknown-route",
    ),
    pytest.param(
        HEAD
        + "goals:\n  - {id: a, title: A, level: personal, supports: [b]}\n  - {id: b, title: B, level: organizational, supports: [a]}\nsteps:\n  - {id: s, duration: 1}\n",
        r"the goals support each other in a cycle: a -> b -> a",
        id="supports-cycle",
    ),
    pytest.param(
        HEAD
        + "goals:\n  - {id: a, title: A, level: personal, supports: [zz]}\nsteps:\n  - {id: s, duration: 1}\n",
        r"unknown goal 'zz'",
        id="supports-unknown",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - {id: s, duration: 1}\nobstacles:\n  - {id: o, title: O, likelihood: 3, impact: 2, affects: [t]}\n",
        r"obstacle 'o': unknown step 't'",
        id="affects-unknown",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - {id: s, duration: 1}\nobstacles:\n  - {id: o, title: O, likelihood: 9, impact: 2}\n",
        r"obstacle 'o', likelihood: input should be less than or equal to 5, got 9",
        id="likelihood-range",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: 'a b', duration: 1}\n", r"'a b' is not a valid id", id="bad-id"
    ),
    pytest.param(
        HEAD + "checkpoints: {cadence: yearly}\nsteps:\n  - {id: s, duration: 1}\n",
        r"unknown checkpoint cadence 'yearly'",
        id="bad-cadence",
    ),
    pytest.param(
        HEAD
        + "checkpoints:\n  reviews:\n    - {date: 2027-02-01, progress: {s: 1.5}}\nsteps:\n  - {id: s, duration: 1}\n",
        r"less than or equal to 1, got 1.5",
        id="progress-range",
    ),
    pytest.param(
        HEAD
        + "checkpoints:\n  reviews:\n    - {date: 2027-02-01, progress: {t: 0.5}}\nsteps:\n  - {id: s, duration: 1}\n",
        r"unknown step 't'",
        id="progress-unknown-step",
    ),
    pytest.param(
        HEAD + "steps:\n  - {id: s, effort: 10h}\n",
        r"plan.yaml:5: step 's': step 's' has an effort of 10h but the calendar gives no hours_per_week",
        id="effort-without-capacity",
    ),
    pytest.param(
        HEAD + "title: U\nsteps:\n  - {id: a, duration: 1}\n",
        r":4: the key 'title' is given twice \(first on line 1\)",
        id="duplicate-key",
    ),
    pytest.param(
        "title: !!python/object/apply:os.system [echo hi]\ntarget: 2027-06-01\nsteps: []\n",
        r":1: the tag '!!python/object/apply:os.system' is not allowed",
        id="python-tag",
    ),
    pytest.param(
        "title: !custom x\ntarget: 2027-06-01\nsteps: []\n",
        r"the tag '!custom' is not allowed",
        id="custom-tag",
    ),
    pytest.param(
        "---\ntitle: a\n---\ntitle: b\n",
        r"this is not valid YAML: .*single document",
        id="two-documents",
    ),
    # alternatives: one line that names the step (and the alternative), with its line
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, duration: 20d, cost: 100, titel: x}\n",
        r":8: step 'cert', alternative 'partner': unknown key 'titel'; did you mean 'title'\?",
        id="alternative-unknown-key",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - id: partner\n        duration: 20d\n        cost: -12000\n",
        r":10: step 'cert', alternative 'partner', cost: a cost cannot be negative, got -12000",
        id="alternative-negative-cost",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, duration: 20d, cost: 1}\n      - {id: partner, duration: 30d, cost: 2}\n",
        r":9: step 'cert', alternative #2: duplicate alternative id 'partner' \(alternative #1",
        id="alternative-duplicate-id",
    ),
    pytest.param(
        HEAD
        + "calendar: {hours_per_week: 5}\nsteps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, duration: 20d, effort: 30h, cost: 1}\n",
        r":9: step 'cert', alternative 'partner': an alternative needs exactly one of duration or effort \(got duration and effort\)",
        id="alternative-duration-and-effort",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, cost: 1}\n",
        r":8: step 'cert', alternative 'partner': an alternative needs exactly one of duration or effort \(got none\)",
        id="alternative-no-way",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, duration: 20d}\n",
        r":8: step 'cert', alternative 'partner': missing required key 'cost'",
        id="alternative-no-cost",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, duration: 20d, cost: '12,000'}\n",
        r"step 'cert', alternative 'partner', cost: expected a cost as a plain number such as 12000",
        id="alternative-cost-text",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: cert\n    duration: 60d\n    alternatives:\n      - {id: partner, effort: 20h, cost: 1}\n",
        r":8: step 'cert', alternative 'partner': alternative 'partner' has an effort of 20h but the calendar gives no hours_per_week",
        id="alternative-effort-without-hours",
    ),
    pytest.param(
        HEAD
        + "steps:\n  - id: done\n    milestone: true\n    alternatives:\n      - {id: partner, duration: 20d, cost: 1}\n",
        r":5: step 'done': a milestone takes no time, so it has no alternatives",
        id="alternative-on-milestone",
    ),
    pytest.param(
        HEAD + "currency: euros\nsteps:\n  - {id: a, duration: 1}\n",
        r":4: currency: expected a three-letter currency code such as EUR, USD or GBP, got 'euros'",
        id="bad-currency",
    ),
]


@pytest.mark.parametrize(("text", "match"), BAD)
def test_invalid_plans_give_one_clear_error(tmp_path: Path, text: str, match: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PlanError, match=match) as info:
        from careerlib.scheduling.scheduler import schedule

        schedule(load_plan(path))
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(PlanError, match="refused as an alias bomb"):
        load_plan(path)


def test_modest_aliases_are_fine() -> None:
    text = (
        HEAD
        + "calendar:\n  holidays: &h [2027-01-18]\nsteps:\n  - &s {id: a, duration: 1}\n  - {id: b, duration: 1, after: [a]}\n"
    )
    plan = parse_plan(text)
    assert plan.calendar.holiday_dates[0].isoformat() == "2027-01-18"


def test_merge_keys_work() -> None:
    text = HEAD + "steps:\n  - &base {id: a, duration: 2d}\n  - {<<: *base, id: b, after: [a]}\n"
    plan = parse_plan(text)
    assert plan.steps[1].duration is not None and plan.steps[1].duration.amount == 2


@pytest.mark.parametrize(
    ("content", "match"),
    [
        pytest.param(bytes(range(256)) * 4, "not a text file", id="binary-with-nul"),
        pytest.param(b"\xff\xfe\xfa title", "not a UTF-8 text file", id="not-utf8"),
    ],
)
def test_binary_garbage(tmp_path: Path, content: bytes, match: str) -> None:
    with pytest.raises(PlanError, match=match):
        load_plan(write(tmp_path, content))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such file"):
        load_plan(tmp_path / "nope.yaml")
    with pytest.raises(PlanError, match="this is a folder"):
        load_plan(tmp_path)


def test_json_is_accepted() -> None:
    text = '{"title": "T", "start": "2027-01-04", "target": "2027-01-15", "steps": [{"id": "a", "duration": "2d"}]}'
    assert parse_plan(text).steps[0].id == "a"


def test_utf8_bom_and_accents(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        ("\ufeff" + HEAD + "owner: Zoë Müller\nsteps:\n  - {id: a, duration: 1}\n").encode(),
    )
    assert load_plan(path).owner == "Zoë Müller"


def test_yaml_dates_and_quoted_dates_and_numeric_ids() -> None:
    text = "title: T\nstart: '2027-01-04'\ntarget: 2027-01-15\nsteps:\n  - {id: 1, duration: 1}\n  - {id: b, duration: 1, after: 1}\n"
    plan = parse_plan(text)
    assert plan.start is not None and plan.start.isoformat() == "2027-01-04"
    assert plan.steps[0].id == "1" and plan.steps[1].after == ["1"]


def test_after_naming_a_step_twice_counts_once() -> None:
    plan = parse_plan(
        HEAD + "steps:\n  - {id: a, duration: 1}\n  - {id: b, duration: 1, after: [a, a]}\n"
    )
    assert plan.steps[1].after == ["a"]


def test_cycle_error_lists_the_steps(tmp_path: Path) -> None:
    text = (
        HEAD
        + "steps:\n  - {id: x, duration: 1}\n  - {id: a, duration: 1, after: [b, x]}\n  - {id: b, duration: 1, after: [a]}\n"
    )
    with pytest.raises(CycleError) as info:
        load_plan(write(tmp_path, text))
    assert info.value.steps == ["a", "b"]


def test_read_yaml_gives_plain_data() -> None:
    assert read_yaml("a: [1, 2014-05-06, x, 1.5, yes, ~, 0x10]") == {
        "a": [1, __import__("datetime").date(2014, 5, 6), "x", 1.5, True, None, 16]
    }


def test_plans_round_trip_through_yaml() -> None:
    from careerlib.planfile import plan_to_yaml
    from tests.conftest import CONFORMANCE, SAMPLE_PLANS

    for path in [*SAMPLE_PLANS.glob("*.yaml"), *CONFORMANCE.glob("*.yaml")]:
        plan = load_plan(path)
        text = plan_to_yaml(plan)
        assert parse_plan(text) == plan, path.name
        assert "{id: " in text  # one step a line, as in the spec


def test_plans_round_trip_through_block_yaml() -> None:
    from careerlib.planfile import plan_to_yaml
    from tests.conftest import CONFORMANCE, SAMPLE_PLANS

    for path in [
        *SAMPLE_PLANS.glob("*.yaml"),
        *CONFORMANCE.glob("*.yaml"),
        *(CONFORMANCE / "status").glob("*.yaml"),
    ]:
        plan = load_plan(path)
        text = plan_to_yaml(plan, one_line_items=False)
        assert parse_plan(text) == plan, path.name
        assert "{id: " not in text and "\nsteps:\n  - id: " in text, path.name


def test_save_plan_never_overwrites_unless_asked(tmp_path: Path) -> None:
    from careerlib.planfile import new_plan_path, save_plan
    from tests.conftest import CONFORMANCE

    plan = load_plan(CONFORMANCE / "01-spec-example.yaml")
    first = save_plan(plan, tmp_path / "plan.yaml")
    with pytest.raises(PlanError, match="exists already"):
        save_plan(plan, first)
    assert new_plan_path(first) == tmp_path / "plan-whatif-1.yaml"
    save_plan(plan, new_plan_path(first))
    assert new_plan_path(first) == tmp_path / "plan-whatif-2.yaml"
    assert load_plan(tmp_path / "plan-whatif-1.yaml") == plan


ALTERNATIVES = (
    HEAD
    + """currency: eur
steps:
  - id: cert
    title: Certification
    duration: 120d
    alternatives:
      - {id: partner, title: Outside partner, duration: 20d, cost: 12000, hours_per_week: 2}
      - {id: bootcamp, duration: 2w, cost: 15000.5}
  - {id: offer, milestone: true, after: [cert]}
"""
)


def test_alternatives_are_read_with_their_defaults() -> None:
    plan = parse_plan(ALTERNATIVES)
    assert plan.currency == "EUR"  # upper-cased
    cert = plan.step("cert")
    assert [a.id for a in cert.alternatives] == ["partner", "bootcamp"]
    partner, bootcamp = cert.alternatives
    assert partner.cost == 12000 and partner.hours_per_week == 2
    assert bootcamp.title == "bootcamp" and bootcamp.cost == 15000.5  # title defaults to the id
    assert cert.alternative("partner") is partner
    with pytest.raises(KeyError, match="no alternative 'partnr'.*did you mean 'partner'"):
        cert.alternative("partnr")


def test_a_plan_with_alternatives_schedules_as_written() -> None:
    """Alternatives listed change nothing until one is taken."""
    from careerlib import schedule

    with_alts = schedule(parse_plan(ALTERNATIVES))
    plain = schedule(
        parse_plan(
            HEAD
            + "steps:\n  - {id: cert, title: Certification, duration: 120d}\n"
            + "  - {id: offer, milestone: true, after: [cert]}\n"
        )
    )
    assert with_alts.to_json() == plain.to_json()
    assert with_alts.late_by_days == plain.late_by_days > 0


def test_alternatives_survive_a_round_trip_through_yaml() -> None:
    from careerlib.planfile import plan_to_yaml

    plan = parse_plan(ALTERNATIVES)
    again = parse_plan(plan_to_yaml(plan))
    assert again == plan
