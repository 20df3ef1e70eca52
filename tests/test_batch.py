"""Running notebooks for many clients: parallel pairs, isolated failures, checked parameters."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from careerlib import BatchError, ClientError
from careerlib.batch import notebook_to_html, parse_parameter, plan_jobs, run_batch
from careerlib.cli import cli
from tests.conftest import DATA

NOTEBOOK = DATA / "notebooks" / "greet.ipynb"
CLIENTS = DATA / "clients"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, str]:
    """One real batch: three clients, one of which fails, run through the CLI with two workers."""
    out = tmp_path_factory.mktemp("batch")
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(NOTEBOOK),
            "--client",
            str(CLIENTS / "*.yaml"),
            "--out",
            str(out),
            "-j",
            "2",
            "-p",
            "repeat=2",
        ],
    )
    return out, result, result.stdout


def test_failure_is_isolated_and_reported(batch: tuple[Path, object, str]) -> None:
    out, result, stdout = batch
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = {line.split()[0]: line for line in stdout.splitlines() if "/greet" in line}
    assert lines["ada/greet"].split()[1] == "ok"
    assert lines["cy/greet"].split()[1] == "ok"
    assert lines["bob/greet"].split()[1] == "failed"
    assert "cell 3: ValueError: client Bob asked to fail" in lines["bob/greet"]
    assert "2 of 3 runs succeeded" in stdout


def test_outputs_land_per_client(batch: tuple[Path, object, str]) -> None:
    out, _, _ = batch
    assert (out / "ada" / "greet" / "greeting.txt").read_text() == "Hello Ada as of 2027-01-29" * 2
    executed = nbformat.read(out / "ada" / "greet" / "greet.ipynb", as_version=4)
    injected = next(
        c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
    )
    assert "repeat = 2" in injected.source
    assert not list(out.glob("*/*/.*.tmp-*")), "no temporary file is left behind"
    assert not list(out.glob("*/.*.staging-*")), "no staging folder is left behind"


def test_failed_notebook_keeps_the_failing_cell_and_error(batch: tuple[Path, object, str]) -> None:
    out, _, _ = batch
    nb = nbformat.read(out / "bob" / "greet" / "greet.ipynb", as_version=4)
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.output_type == "error"
    ]
    assert errors and errors[0].ename == "ValueError" and "Bob asked to fail" in errors[0].evalue
    assert not (out / "bob" / "greet" / "greeting.txt").exists()


def test_html_report_has_the_chart_offline_and_no_code(batch: tuple[Path, object, str]) -> None:
    out, _, _ = batch
    html = (out / "ada" / "greet" / "greet.html").read_text()
    assert 'id="careerlib-chart-1"' in html
    assert "Plotly.newPlot" in html
    assert not re.findall(r"<script[^>]*\bsrc=", html), (
        "every script is inline: the report opens offline"
    )
    assert "<link" not in html or not re.findall(r"<link[^>]*href=\"http", html)
    assert "yaml.safe_load" not in html  # code cells are left out
    assert "Hello Ada" in html


def test_manifest_lists_every_pair_with_versions(batch: tuple[Path, object, str]) -> None:
    out, _, _ = batch
    manifest = json.loads((out / "manifest.json").read_text())
    assert {(Path(p["notebook"]).name, p["client"], p["status"]) for p in manifest["pairs"]} == {
        ("greet.ipynb", "ada", "ok"),
        ("greet.ipynb", "bob", "failed"),
        ("greet.ipynb", "cy", "ok"),
    }
    assert manifest["jobs"] == 2
    assert {"python", "papermill", "careerlib"} <= set(manifest["versions"])


def test_rerun_replaces_only_its_own_pairs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([NOTEBOOK], [CLIENTS / "ada.yaml", CLIENTS / "cy.yaml"], out, jobs=1, progress=False)
    before = (out / "cy" / "greet" / "greet.ipynb").stat().st_mtime_ns
    result = run_batch(
        [NOTEBOOK],
        [CLIENTS / "ada.yaml"],
        out,
        jobs=1,
        parameters={"as_of": "2027-02-26"},
        progress=False,
    )
    assert result.ok
    assert (out / "cy" / "greet" / "greet.ipynb").stat().st_mtime_ns == before
    assert (out / "ada" / "greet" / "greeting.txt").read_text() == "Hello Ada as of 2027-02-26"
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(p["client"] for p in manifest["pairs"]) == ["ada", "cy"]


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        pytest.param(
            {"repaet": "2"},
            r"unknown parameter 'repaet' for notebook greet.ipynb; did you mean 'repeat'\? "
            r"\(its parameters: client, out_dir, as_of, repeat\)",
            id="unknown-name",
        ),
        pytest.param(
            {"repeat": "two"}, r"parameter 'repeat' expects int, got 'two'", id="wrong-type"
        ),
        pytest.param(
            {"client": "x.yaml"}, r"parameter 'client' is set by the runner", id="runner-parameter"
        ),
    ],
)
def test_bad_parameters_are_refused_before_any_kernel_starts(
    tmp_path: Path, parameters: dict[str, str], match: str
) -> None:
    out = tmp_path / "out"
    with pytest.raises(BatchError, match=match):
        run_batch([NOTEBOOK], [CLIENTS / "ada.yaml"], out, parameters=parameters, progress=False)
    assert not out.exists(), "nothing ran, nothing was written"


def test_cli_reports_bad_parameters_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(NOTEBOOK),
            "--client",
            str(CLIENTS / "ada.yaml"),
            "--out",
            str(tmp_path),
            "-p",
            "nope=1",
        ],
    )
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("careerlib: unknown parameter 'nope'")
        and result.stderr.count("\n") == 1
    )


def test_outputs_never_overwrite_inputs(tmp_path: Path) -> None:
    # The notebook in the folder of its own pair (--out two levels up): each run
    # replaces that folder whole, the notebook with it.
    folder = tmp_path / "ada" / "greet"
    folder.mkdir(parents=True)
    shutil.copy(NOTEBOOK, folder / "greet.ipynb")
    with pytest.raises(BatchError, match="is inside .* each run replaces"):
        plan_jobs([folder / "greet.ipynb"], [CLIENTS / "ada.yaml"], tmp_path)
    # a client file there too
    shutil.copy(CLIENTS / "ada.yaml", folder / "ada.yaml")
    with pytest.raises(BatchError, match="ada.yaml is inside"):
        plan_jobs([NOTEBOOK], [folder / "ada.yaml"], tmp_path)


@pytest.mark.parametrize(
    ("notebooks", "clients", "match"),
    [
        pytest.param(
            [DATA / "notebooks" / "nope.ipynb"],
            [CLIENTS / "ada.yaml"],
            "no such notebook",
            id="missing-notebook",
        ),
        pytest.param(
            [NOTEBOOK], [CLIENTS / "zed.yaml"], "no such client file", id="missing-client"
        ),
        pytest.param(
            [NOTEBOOK], [str(CLIENTS / "zz*.yaml")], "no client file matches", id="empty-glob"
        ),
        pytest.param(
            [NOTEBOOK, NOTEBOOK],
            [CLIENTS / "ada.yaml"],
            "two notebooks are named 'greet'",
            id="same-notebook-twice",
        ),
    ],
)
def test_bad_inputs(
    tmp_path: Path, notebooks: list[Path], clients: list[object], match: str
) -> None:
    with pytest.raises(BatchError, match=match):
        run_batch(notebooks, clients, tmp_path / "out", progress=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "declared", "expected"),
    [
        pytest.param("3", "int", 3, id="int"),
        pytest.param("3", "float", 3.0, id="float"),
        pytest.param("2027-01-29", "str", "2027-01-29", id="str-stays-text"),
        pytest.param("12", "str", "12", id="digits-for-a-str"),
        pytest.param("true", "bool", True, id="bool"),
        pytest.param("None", "str | None", None, id="optional"),
        pytest.param("7", "Optional[int]", 7, id="optional-int"),
        pytest.param("[1, 2]", "list", [1, 2], id="list"),
        pytest.param("4.5", None, 4.5, id="undeclared-guess"),
    ],
)
def test_parse_parameter(raw: str, declared: str | None, expected: object) -> None:
    assert parse_parameter("x", raw, declared) == expected


def test_notebook_to_html_without_charts() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title")])
    assert "Title" in notebook_to_html(nb)


def test_notebook_to_html_leaves_widgets_out() -> None:
    widget = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    cell = nbformat.v4.new_code_cell(
        "explorer",
        outputs=[
            nbformat.v4.new_output(
                "execute_result",
                data={
                    "application/vnd.jupyter.widget-view+json": widget,
                    "text/plain": "VBox(children=(HBox(...",
                },
                execution_count=1,
            ),
            nbformat.v4.new_output("stream", text="Feasible: the target can be met"),
        ],
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"), cell])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    html = notebook_to_html(nb)
    assert "Feasible: the target can be met" in html
    assert "VBox(children" not in html and "widget-state" not in html
    assert nb.cells[1].outputs[0]["data"]["text/plain"]  # the notebook itself is left alone


def _practice_notebook(folder: Path) -> Path:
    """A notebook about the whole practice: it declares ``clients``, not ``client``."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('clients = "."\nout_dir = "."\nas_of = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("print(len(clients))")]
    nb.metadata = nbformat.read(NOTEBOOK, as_version=4).metadata
    path = folder / "practice.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_practice_notebook_runs_once_for_all_clients(tmp_path: Path) -> None:
    practice = _practice_notebook(tmp_path)
    clients = sorted(CLIENTS.glob("*.yaml"))
    jobs = plan_jobs([NOTEBOOK, practice], clients, tmp_path / "out", {"as_of": "2026-11-30"})
    once = [j for j in jobs if j.notebook == practice.resolve()]
    assert len(once) == 1 and len(jobs) == 1 + len(clients)
    job = once[0]
    assert job.name == "practice/practice"
    folder = (tmp_path / "out" / "practice" / "practice").resolve()
    assert job.output == folder / "practice.ipynb"
    assert job.parameters == {
        "clients": [str(c.resolve()) for c in clients],
        "out_dir": str(folder),
        "as_of": "2026-11-30",
    }
    assert all("client" in j.parameters for j in jobs if j is not job)
    # its inputs: the notebook and every client's files
    assert [Path(i.path).name for i in job.inputs] == ["practice.ipynb"] + [c.name for c in clients]


def test_a_client_named_practice_collides_with_the_practice_notebook(tmp_path: Path) -> None:
    shutil.copy(CLIENTS / "ada.yaml", tmp_path / "practice.yaml")
    with pytest.raises(BatchError, match="two clients are named 'practice'"):
        plan_jobs([_practice_notebook(tmp_path)], [tmp_path / "practice.yaml"], tmp_path / "out")


def test_clients_is_set_by_the_runner(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="parameter 'clients' is set by the runner"):
        plan_jobs(
            [_practice_notebook(tmp_path)], [CLIENTS / "ada.yaml"], tmp_path, {"clients": "x"}
        )


@pytest.mark.slow
def test_pdf_and_shared_js(tmp_path: Path) -> None:
    """``--pdf`` prints each report beside it; ``--shared-js`` writes plotly.js once into OUT."""
    from tests.conftest import need_browser

    need_browser()
    if not shutil.which("pdftotext"):
        pytest.fail("this test needs poppler-utils (pdftotext)")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["run", str(NOTEBOOK), "--client", str(CLIENTS / "ada.yaml"), "--out", str(out)]
        + ["--client", str(CLIENTS / "cy.yaml"), "--quiet", "--pdf", "--shared-js", "-j", "2"],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.js")) == ["plotly.min.js"]
    for client, greeting in (("ada", "Hello Ada"), ("cy", "Hello Cy")):
        page = (out / client / "greet" / "greet.html").read_text()
        assert "plotly.js v" not in page and len(page) < 500_000
        assert '<script charset="utf-8" src="../../plotly.min.js"></script>' in page
        pdf = out / client / "greet" / "greet.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert greeting in text and "Page 1 of 1" in text


def test_a_practice_notebook_travels_to_an_executor_with_every_clients_files(
    tmp_path: Path,
) -> None:
    """It runs on the executor like any pair, with every client's files beside it, and
    the manifest holds all the pairs."""
    import concurrent.futures as cf

    practice = _practice_notebook(tmp_path)
    nb = nbformat.read(practice, as_version=4)
    nb.cells[1].source = (
        "import pathlib\n"
        "print(len(clients), sorted(pathlib.Path(c).read_text().split()[1] for c in clients))\n"
        "print('careerlib-run-' in clients[0])"
    )
    nbformat.write(nb, practice)
    clients = [CLIENTS / "ada.yaml", CLIENTS / "cy.yaml"]
    out = tmp_path / "out"
    with cf.ThreadPoolExecutor(1) as pool:
        result = run_batch([NOTEBOOK, practice], clients, out, executor=pool, progress=False)
    assert result.ok, result.summary()
    assert sorted((Path(r.notebook).stem, r.client) for r in result.results) == [
        ("greet", "ada"),
        ("greet", "cy"),
        ("practice", "practice"),
    ]
    ran = nbformat.read(out / "practice" / "practice" / "practice.ipynb", as_version=4)
    assert ran.cells[-1].outputs[0]["text"].split("\n")[:2] == ["2 ['Ada', 'Cy']", "True"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["pairs"]) == 3 and {p["status"] for p in manifest["pairs"]} == {"ok"}
    assert {p["run"] for p in manifest["pairs"]} == {result.run} == {manifest["run"]}


def test_the_summary_rule_is_as_wide_as_the_table_not_the_longest_error() -> None:
    from careerlib.batch import BatchResult, JobResult

    error = "ClientError: bad.yaml:4: this is not valid YAML: " + "x" * 150
    result = BatchResult(
        (
            JobResult("nb/01-a.ipynb", "ann", "ok", 1.0, "out/ann/01-a.ipynb"),
            JobResult(
                "nb/01-a.ipynb", "bad", "failed", 0.5, "out/bad/01-a.ipynb", cell=3, error=error
            ),
        ),
        Path("out/manifest.json"),
        2.0,
        2,
    )
    lines = result.summary().splitlines()
    header, rule, good, bad = lines[:4]
    assert set(rule) == {"-"}
    assert len(rule) == len(good), "the rule ends where the paths end"
    assert bad.endswith(f"(cell 3: {error})")
    assert lines[-1].startswith("1 of 2 runs succeeded in 2.0 s with 2 workers")


def test_a_notebook_that_is_not_json_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"  # papermill also warns: not named .ipynb
    bad.write_text("not json\n")
    args = ["run", str(bad), "--client", str(CLIENTS / "ada.yaml"), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("careerlib: cannot read the notebook ")
    assert result.stderr.count("\n") == 1, result.stderr


@pytest.mark.filterwarnings("default")
def test_a_librarys_warning_is_one_line_once(tmp_path: Path) -> None:
    """nbformat warns about cells without ids when papermill reads the notebook, in
    the checks and again in the run: one line on stderr, naming the notebook."""
    nb = json.loads(NOTEBOOK.read_text())
    for cell in nb["cells"]:
        cell.pop("id", None)
    old = tmp_path / "old.ipynb"
    old.write_text(json.dumps(nb))
    args = ["run", str(old), "--client", str(CLIENTS / "ada.yaml"), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(cli, [*args, "-j", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("careerlib: warning: old.ipynb: MissingIDFieldWarning: Cell is")
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["pairs"][0]["warnings"], "the run's own warnings are in its entry"


def _sample_copy(tmp_path: Path) -> Path:
    root = Path(__file__).resolve().parent.parent
    data = tmp_path / "data"
    for folder in ("clients", "plans", "roles", "peers"):
        shutil.copytree(root / "data" / folder, data / folder)
    return data


def test_a_broken_client_file_stops_the_run_before_any_kernel(tmp_path: Path) -> None:
    """careerlib's notebooks ask for client profiles: each is loaded with everything its
    analyses read before anything runs; a bad line in a check-in journal is one error."""
    data = _sample_copy(tmp_path)
    journal = data / "clients" / "jordan-lee.checkins.jsonl"
    lines = journal.read_text().count("\n")
    with journal.open("a") as stream:
        stream.write('{"date": "2026-12-01", "progress": {"hipaa": 2}}\n')
    review = Path(__file__).resolve().parent.parent / "notebooks" / "04-checkpoint-review.ipynb"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["run", str(review), "--client", str(data / "clients" / "*.yaml"), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"careerlib: {journal}:{lines + 1}: malformed check-in entry: progress.hipaa: "
        "Input should be less than or equal to 1\n"
    )
    assert not out.exists(), "nothing ran"


def test_a_client_profile_is_checked_for_any_notebook_but_other_files_are_not(
    tmp_path: Path,
) -> None:
    """A notebook that does not ask for profiles (greet) still gets a profile checked (the
    file is one); a file that is not a profile (name: Ada) is its notebook's business."""
    data = _sample_copy(tmp_path)
    client = data / "clients" / "marcus-brown.yaml"
    client.write_text(client.read_text().replace("radical-change.yaml", "nope.yaml"))
    with pytest.raises(ClientError, match="no plan file '../plans/nope.yaml'"):
        plan_jobs([NOTEBOOK], [client], tmp_path / "out")
    (job,) = plan_jobs([NOTEBOOK], [CLIENTS / "ada.yaml"], tmp_path / "out")
    assert [i.kind for i in job.inputs] == ["notebook", "client"]
    # a careerlib notebook refuses it: it is not a profile
    review = Path(__file__).resolve().parent.parent / "notebooks" / "04-checkpoint-review.ipynb"
    with pytest.raises(ClientError, match="ada.yaml"):
        plan_jobs([review], [CLIENTS / "ada.yaml"], tmp_path / "out")


def _edition_notebook(edition: str | None) -> nbformat.NotebookNode:
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    chart = {"data": [], "layout": {"title": {"text": "Target 2028-04-28"}}}
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Review\n\nThe plan agreed on 2027-01-29."),
            new_markdown_cell("*Ask:* which step worries you?", metadata={"tags": ["coach"]}),
            new_code_cell(
                "x",
                outputs=[
                    new_output("display_data", {"text/markdown": "Forecast: 2027-12-14."}),
                    new_output("display_data", {"application/vnd.plotly.v1+json": chart}),
                ],
            ),
        ]
    )
    if edition is not None:
        nb.metadata["papermill"] = {"parameters": {"edition": edition}}
    return nb


def test_the_client_edition_of_a_notebook_report_leaves_the_coach_out() -> None:
    client = notebook_to_html(_edition_notebook("client"))
    visible = re.sub(r"<script\b.*?</script>", "", client, flags=re.DOTALL)
    assert "which step worries you" not in client
    assert "29 Jan 2027" in visible and "14 Dec 2027" in visible
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible)
    assert "Target 28 Apr 2028" in client  # the chart's title, in the plotly JSON
    for edition in ("coach", None):  # the coach's: every cell, as written
        coach = notebook_to_html(_edition_notebook(edition))
        assert "which step worries you" in coach and "2027-01-29" in coach


def test_run_for_and_the_edition_parameter_must_agree(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["run", str(NOTEBOOK), "--client", str(CLIENTS / "ada.yaml"), "--out", str(tmp_path)]
        + ["--for", "client", "-p", "edition=coach"],
    )
    assert result.exit_code == 2
    assert "--for client and -p edition=coach disagree" in result.output
