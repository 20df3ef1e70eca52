"""A newcomer's first steps: `careerlib init` here, texts with a colon or a comma, the wrong file.

- ``careerlib init`` without a folder makes the workspace in the current one,
  and still never writes over a file;
- the route templates and the files ``careerlib new client`` writes put every
  text in quotes (or in block style), so a colon or a comma typed into a title
  later is safe;
- a YAML error near a colon or a comma says "put the text in quotes", with the
  line as it should be written;
- a plan given where a client file is expected (or the reverse) says which file
  was expected and how to tell them apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from careerlib.cli import cli
from careerlib.clients import load_client, parse_client
from careerlib.exceptions import ClientError, PlanError
from careerlib.planfile import load_plan, parse_plan, plan_to_yaml
from tests.conftest import ROOT

HEAD = "title: x\ntarget: 2027-01-01\nsteps:\n"


def test_init_defaults_to_the_current_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["init"])
    assert done.exit_code == 0, done.output
    assert "into this folder" in done.output
    assert (tmp_path / "README.md").is_file() and (tmp_path / "docs" / "index.md").is_file()
    assert (tmp_path / "data" / "clients" / "jordan-lee.yaml").is_file()
    readme = (tmp_path / "README.md").read_text()
    assert f"careerlib workspace: {tmp_path.name}" in readme
    # still never over a file
    before = readme
    again = runner.invoke(cli, ["init"])
    assert again.exit_code == 2 and "nothing was written" in again.output
    assert (tmp_path / "README.md").read_text() == before


def test_init_into_a_folder_still_works(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["init", "practice"])
    assert done.exit_code == 0, done.output
    assert "into practice/" in done.output and (tmp_path / "practice/docs/index.md").is_file()


@pytest.mark.parametrize(
    ("step", "line"),
    [
        pytest.param(
            "  - {id: assess, title: Career talk: the goal, duration: 3d}\n",
            'put the text in quotes: title: "Career talk: the goal"',
            id="flow-colon",
        ),
        pytest.param(
            "  - id: assess\n    title: Career talk: the goal\n    duration: 3d\n",
            'put the text in quotes: title: "Career talk: the goal"',
            id="block-colon",
        ),
        pytest.param(
            "  - {id: assess, title: Review {draft}, duration: 3d}\n",
            'put the text in quotes: title: "Review {draft}"',
            id="flow-braces",
        ),
        pytest.param(
            "  - {id: assess, title: Strengths, values and goals review, duration: 3d}\n",
            "unknown key 'values and goals review'; a comma ends a text inside "
            '{ }: put the text in quotes: title: "Strengths, values and goals review"',
            id="flow-comma",
        ),
    ],
)
def test_a_colon_or_a_comma_in_a_text_suggests_quotes(step: str, line: str) -> None:
    with pytest.raises(PlanError) as info:
        parse_plan(HEAD + step, path="plan.yaml")
    assert line in str(info.value)
    assert re.match(r"plan\.yaml:[45]: ", str(info.value))


def test_the_quoted_line_it_suggests_is_valid() -> None:
    step = "  - {id: assess, title: Strengths, values and goals, duration: 3d}\n"
    with pytest.raises(PlanError) as info:
        parse_plan(HEAD + step)
    suggested = str(info.value).split("put the text in quotes: ")[1]
    fixed = HEAD + "  - {id: assess, " + suggested + ", duration: 3d}\n"
    assert parse_plan(fixed).steps[0].title == "Strengths, values and goals"


def test_a_colon_in_a_client_file_suggests_quotes_too() -> None:
    with pytest.raises(ClientError, match=r'put the text in quotes: note: "Reports to: the CIO"'):
        parse_client("name: Ana\nnote: Reports to: the CIO\n", path="c.yaml", check=False)


def test_other_yaml_errors_get_no_quoting_hint() -> None:
    with pytest.raises(PlanError) as info:
        parse_plan(HEAD + "  - id: a\n   duration: 3d\n")
    assert "quotes" not in str(info.value)


def test_a_plan_given_as_a_client_file() -> None:
    with pytest.raises(ClientError) as info:
        load_client(ROOT / "data/plans/same-sector-move.yaml")
    message = str(info.value)
    assert "this is a plan, not a client file" in message
    assert "name, current_role and target_role" in message and "title, target and steps" in message


def test_a_client_file_given_as_a_plan() -> None:
    with pytest.raises(PlanError) as info:
        load_plan(ROOT / "data/clients/priya-nair.yaml")
    message = str(info.value)
    assert "this is a client file, not a plan" in message
    assert "its plan: ../plans/same-sector-move.yaml" in message


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["replan", "data/plans/same-sector-move.yaml"], "this is a plan, not a client file"),
        (["gaps", "data/plans/same-sector-move.yaml"], "this is a plan, not a client file"),
        (["checkin", "data/plans/same-sector-move.yaml", "a=done"], "not a client file"),
    ],
)
def test_the_command_line_says_which_file_it_expected(
    args: list[str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2, done.output
    assert expected in done.output and "Traceback" not in done.output
    assert len(done.output.strip().splitlines()) == 1


def test_templates_quote_every_text() -> None:
    """No unquoted title, measure, mitigation... in the shipped templates."""
    for template in sorted((ROOT / "data" / "templates").glob("*.yaml")):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            keys = "title|description|measure|mitigation|contingency|reason|note"
            found = re.match(rf"^\s*(?:- )?({keys}):\s*(.*)$", line)
            if found:
                assert found.group(2).startswith('"'), f"{template.name}:{number}: {line}"
            assert not line.lstrip().startswith("- {"), f"{template.name}:{number}: one-line step"


def test_written_plans_quote_their_texts_and_take_a_colon_edited_in(tmp_path: Path) -> None:
    from careerlib.newclient import new_client

    made = new_client("Ana: Gomez, Jr", "Nurse Manager", template="promotion", folder=tmp_path)
    text = made.plan.read_text()
    assert '\nowner: "Ana: Gomez, Jr"\n' in text
    assert "  - id: assess\n    title: " in text  # block style: one key a line
    # a coach edits a title and types a colon and a comma inside the quotes
    edited = re.sub(r'(title: ")([^"]*)(")', r"\1Review: goals, values\3", text, count=2)
    assert load_plan_text(edited).title == "Review: goals, values"
    client = made.client.read_text()
    assert '\nname: "Ana: Gomez, Jr"\n' in client
    assert load_client(made.client).name == "Ana: Gomez, Jr"


def load_plan_text(text: str) -> object:
    return parse_plan(text)


def test_plan_to_yaml_quotes_texts_in_both_styles() -> None:
    plan = load_plan(ROOT / "data/plans/it-director-to-cio.yaml")
    for one_line in (True, False):
        text = plan_to_yaml(plan, one_line_items=one_line)
        assert parse_plan(text) == plan
        data = yaml.safe_load(text)
        assert data["title"] == plan.title
        assert 'title: "From IT Director to CIO"' in text
        assert ('- {id: assess, title: "' in text) is one_line
