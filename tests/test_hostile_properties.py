"""Issue 16, property: random YAML documents and random numbers never break the command line.

Hypothesis feeds ``careerlib schedule`` and ``careerlib gaps`` random
documents (random structures, random text, and the sample files with random
values put in random places, nan, inf, huge and tiny numbers, far dates
among them). Whatever comes in, the command ends with 0, 2 or 3, writes at
most one line on standard error (``careerlib: ...``), never a traceback,
within a bounded time.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerlib.cli import cli
from tests.conftest import ROOT, SAMPLE_PLANS

SECONDS = 20.0  # the bound on one command, on a busy 2-core machine
# more examples for a longer search: CAREERLIB_HOSTILE_EXAMPLES=1000 pytest ...
_EXAMPLES = int(os.environ.get("CAREERLIB_HOSTILE_EXAMPLES", "60"))

PLAN_KEYS = [
    "title", "owner", "start", "target", "calendar", "goals", "steps", "routes",
    "obstacles", "checkpoints", "id", "duration", "effort", "milestone", "after",
    "deadline", "buffer", "goal", "route", "workdays", "holidays", "blackouts",
    "hours_per_week", "hours_per_day", "commitments", "from", "to", "reviews",
    "progress", "date", "level", "supports", "likelihood", "impact", "affects",
]  # fmt: skip

numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.integers(0, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, 5e-324, -0.0, 10**400]),
)
dates = st.one_of(
    st.dates(),  # year 1 to 9999
    st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(1899, 12, 31), dt.date(2200, 1, 1)]),
)
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["2027-02-30", "3w", "12d", "20h", "1e23", "-5", "0", "mon", "\x1b]0;x\x07", "=1+1"]
    ),
)
scalars = st.one_of(numbers, dates, texts, st.booleans(), st.none())
keys = st.one_of(st.sampled_from(PLAN_KEYS), st.text(max_size=8))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _replace(data: Any, path: list[int], value: Any) -> Any:
    """``data`` with the node reached by following ``path`` (choices, modulo sizes) replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    if isinstance(data, dict):
        key = list(data)[path[0] % len(data)]
        return {**data, key: _replace(data[key], path[1:], value)}
    i = path[0] % len(data)
    return [*data[:i], _replace(data[i], path[1:], value), *data[i + 1 :]]


def check(args: list[str], codes: set[int]) -> None:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    seconds = time.perf_counter() - started
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    assert result.exit_code in codes, (result.exit_code, result.stderr)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    err = result.stderr
    assert err == "" or (err.startswith("careerlib: ") and err.count("\n") == 1), err
    assert result.exit_code == 0 or result.exit_code == 3 or err, "a refusal says why"
    assert seconds < SECONDS, f"{seconds:.1f} s"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample data (clients refer to roles, plans and peers beside them)."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "data", root, ignore=shutil.ignore_patterns("onet"))
    (root / "onet").symlink_to(ROOT / "data" / "onet")
    return root


SETTINGS = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(data=documents)
def test_schedule_random_documents(folder: Path, data: Any) -> None:
    path = folder / "random-plan.yaml"
    path.write_text(_dump(data))
    check(["schedule", str(path)], {0, 2, 3})


@SETTINGS
@given(text=st.text(max_size=300))
def test_schedule_random_text(folder: Path, text: str) -> None:
    path = folder / "random-text.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    check(["schedule", str(path)], {0, 2, 3})


SAMPLE = yaml.safe_load((SAMPLE_PLANS / "it-director-to-cio.yaml").read_text())


@SETTINGS
@given(
    where=st.lists(st.integers(0, 50), min_size=1, max_size=6),
    value=st.one_of(numbers, dates, documents),
    json_output=st.booleans(),
)
def test_schedule_sample_with_random_values(
    folder: Path, where: list[int], value: Any, json_output: bool
) -> None:
    path = folder / "plans" / "mutated.yaml"
    path.write_text(_dump(_replace(SAMPLE, where, value)))
    check(["schedule", str(path), *(["--json"] if json_output else [])], {0, 2, 3})


CLIENT = yaml.safe_load((ROOT / "data" / "clients" / "jordan-lee.yaml").read_text())


@settings(
    max_examples=_EXAMPLES * 2 // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    where=st.lists(st.integers(0, 50), min_size=1, max_size=5),
    value=st.one_of(numbers, dates, documents),
    json_output=st.booleans(),
)
def test_gaps_client_with_random_values(
    folder: Path, where: list[int], value: Any, json_output: bool
) -> None:
    path = folder / "clients" / "mutated.yaml"
    path.write_text(_dump(_replace(CLIENT, where, value)))
    args = ["gaps", str(path), "--as-of", "2026-11-23", *(["--json"] if json_output else [])]
    check(args, {0, 2})


@settings(
    max_examples=_EXAMPLES * 2 // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=documents, as_of=st.one_of(st.none(), dates))
def test_gaps_random_documents(folder: Path, data: Any, as_of: dt.date | None) -> None:
    path = folder / "clients" / "random.yaml"
    path.write_text(_dump(data))
    args = ["gaps", str(path)]
    if as_of is not None:
        args += ["--as-of", as_of.isoformat()]
    check(args, {0, 2})
