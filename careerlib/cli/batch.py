"""Commands that run notebooks: ``run`` for many clients, ``demo`` on the samples."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from careerlib.cli._app import cli, key_values
from careerlib.cli._errors import EXIT_FAILED, EXIT_OK, reports_errors, warning_line
from careerlib.exceptions import UsageError


@cli.command("run")
@click.argument("notebooks", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--client",
    "clients",
    multiple=True,
    required=True,
    metavar="FILE",
    help="A client profile; repeat it, or give a glob such as 'data/clients/*.yaml'.",
)
@click.option(
    "--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output folder."
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel runs (default: cores)."
)
@click.option(
    "-p",
    "--parameter",
    "parameters",
    multiple=True,
    metavar="KEY=VALUE",
    help="A notebook parameter.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Run on a Dask cluster: its scheduler's address, such as tcp://HOST:8786.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--pdf", is_flag=True, help="Also print each HTML report to a PDF beside it.")
@click.option(
    "--for",
    "edition",
    type=click.Choice(["client", "coach"]),
    default=None,
    help="The reports' edition: the coach's (every cell; the default) or the client's "
    "(no cell tagged 'coach', dates in words): the notebooks' parameter edition.",
)
@click.option(
    "--shared-js",
    is_flag=True,
    help="Write plotly.js once into OUT and refer to it, instead of inlining it in every report.",
)
@reports_errors
def run_command(
    notebooks: tuple[Path, ...],
    clients: tuple[str, ...],
    out_dir: Path,
    jobs: int | None,
    parameters: tuple[str, ...],
    scheduler: str | None,
    quiet: bool,
    pdf: bool,
    shared_js: bool,
    edition: str | None,
) -> None:
    """Run NOTEBOOKS for every client with papermill, into OUT/<client>/<notebook>/.

    Each run writes the executed notebook, an HTML report without code and the
    charts the notebook exports; its folder is replaced whole when it is done.
    Client files are checked before anything runs. With --scheduler, the runs
    go to a Dask cluster's workers with the files the clients read, and their
    outputs come back into OUT. Exits 1 when any run failed.
    """
    from careerlib.batch import run_batch

    given = key_values(parameters)
    if edition is not None:
        if given.get("edition", edition) != edition:
            raise UsageError(
                f"--for {edition} and -p edition={given['edition']} disagree; give one of them"
            )
        given["edition"] = edition
    result = run_batch(
        notebooks,
        clients,
        out_dir,
        jobs=jobs,
        parameters=given,
        progress=not quiet,
        pdf=pdf,
        shared_js=shared_js,
        scheduler=scheduler,
    )
    for notebook, text in result.warnings():
        warning_line(text, notebook)
    click.echo(result.summary())
    sys.exit(EXIT_OK if result.ok else EXIT_FAILED)


@cli.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("careerlib-demo"),
    show_default=True,
    help="Where the notebooks' reports go.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel runs.")
@click.option("--no-notebooks", is_flag=True, help="Only schedule the sample plans.")
@reports_errors
def demo_command(out_dir: Path, jobs: int | None, no_notebooks: bool) -> None:
    """The main job on the sample data: schedule every sample plan, then run
    every notebook for every sample client into OUT/<client>/<notebook>/."""
    from careerlib.demo import demo

    click.echo(demo())
    if no_notebooks:
        return
    from careerlib.batch import run_samples

    click.echo(f"Running the notebooks for the sample clients into {out_dir}/ ...")
    result = run_samples(out_dir, jobs=jobs)
    for notebook, text in result.warnings():
        warning_line(text, notebook)
    click.echo(result.summary())
    if result.ok:
        # the roadmap is the report to look at first (the console needs a live kernel)
        first = next((r for r in result.results if "roadmap" in r.notebook), result.results[0])
        click.echo(f"\nOpen the reports in a browser, for example {first.html}")
        click.echo(
            f"(in {out_dir}/, a folder a client and in it one a notebook: HTML report, "
            "executed notebook, exports)"
        )
    sys.exit(EXIT_OK if result.ok else EXIT_FAILED)
