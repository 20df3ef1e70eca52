"""The error tree (careerlib/exceptions.py): one root, input errors with file, line and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib import load_client, load_plan
from careerlib.exceptions import (
    CareerlibError,
    ClientError,
    CycleError,
    InputError,
    PlanError,
    UnknownStepError,
    UsageError,
)


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        pytest.param(PlanError, (InputError, CareerlibError), id="plan"),
        pytest.param(ClientError, (InputError, CareerlibError), id="client"),
        pytest.param(CycleError, (PlanError, InputError), id="cycle"),
        pytest.param(UsageError, (CareerlibError, ValueError), id="usage"),
        pytest.param(UnknownStepError, (UsageError, KeyError), id="unknown-step"),
    ],
)
def test_the_tree(error: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    assert all(issubclass(error, b) for b in bases)


def test_plan_and_client_errors_are_siblings() -> None:
    assert not issubclass(ClientError, PlanError) and not issubclass(PlanError, ClientError)


@pytest.mark.parametrize(
    ("load", "error", "first_key"),
    [
        pytest.param(load_plan, PlanError, "title", id="plan"),
        pytest.param(load_client, ClientError, "name", id="client"),
    ],
)
def test_an_input_error_carries_file_line_and_place(
    tmp_path: Path, load: object, error: type[InputError], first_key: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(f"{first_key}: x\nnope: 1\n")
    with pytest.raises(error) as info:
        load(path)  # type: ignore[operator]
    exc = info.value
    assert isinstance(exc, InputError)
    assert exc.path == str(path) and exc.line is not None
    assert str(exc).startswith(f"{path}:{exc.line}")
    assert exc.line == 2 and "unknown key 'nope'" in str(exc)


def test_unknown_step_error_reads_as_written() -> None:
    assert str(UnknownStepError("no step 'x'")) == "no step 'x'"
