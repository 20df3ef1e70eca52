"""The ``careerlib`` command line: each command is one library call.

Exit status: 0 when all is well (a feasible plan), 3 when a plan was scheduled
but is not feasible, 2 when an input is invalid (one line on standard error,
never a traceback), 1 for an output or I/O problem or a batch run with
failures. How errors become that one line is :mod:`careerlib._cli_errors`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from careerlib._cli_errors import (
    EXIT_FAILED,
    EXIT_INFEASIBLE,
    EXIT_INVALID,
    EXIT_OK,
    F,
    OneLineGroup,
    check_day,
    not_an_input,
    reports_errors,
)

__all__ = ["EXIT_FAILED", "EXIT_INFEASIBLE", "EXIT_INVALID", "EXIT_OK", "cli", "main"]


def _day_option(flag: str, name: str, what: str) -> Callable[[F], F]:
    """A ``--as-of``/``--date`` option: an ISO day, default today."""
    return click.option(
        flag,
        name,
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        metavar="DATE",
        help=f"{what} (YYYY-MM-DD); default today.",
    )


@click.group(cls=OneLineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerlib")
def cli() -> None:
    """Plan a client's next career move backwards from the target date."""


@cli.command("schedule")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option(
    "--route", "route", metavar="ID", help="Schedule one route (and the steps common to all)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the spec's JSON instead of a table.")
@click.option(
    "--load",
    "show_load",
    is_flag=True,
    help="Also print the weekly load: hours planned against capacity (the JSON always has it).",
)
@reports_errors
def schedule_command(plan: Path, route: str | None, as_json: bool, show_load: bool) -> None:
    """Back-schedule PLAN from its target: the latest start of every step.

    Exits 0 when the plan is feasible, 3 when it is late, 2 when it is invalid.
    """
    from careerlib.planfile import load_plan
    from careerlib.scheduler import schedule
    from careerlib.text import load_table, schedule_table

    result = schedule(load_plan(plan), route=route)
    if as_json:
        click.echo(result.to_json())
    else:
        click.echo(schedule_table(result))
        if show_load:
            click.echo("")
            click.echo(load_table(result))
    sys.exit(EXIT_OK if result.feasible else EXIT_INFEASIBLE)


def _key_values(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint="-p")
        out[key.strip()] = value
    return out


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
) -> None:
    """Run NOTEBOOKS for every client with papermill, into OUT/<client>/.

    Each run writes the executed notebook, an HTML report without code and the
    charts the notebook exports. With --scheduler, the runs go to a Dask
    cluster's workers and their outputs come back into OUT. Exits 1 when any
    run failed.
    """
    from careerlib.batch import run_batch

    result = run_batch(
        notebooks,
        clients,
        out_dir,
        jobs=jobs,
        parameters=_key_values(parameters),
        progress=not quiet,
        pdf=pdf,
        shared_js=shared_js,
        scheduler=scheduler,
    )
    click.echo(result.summary())
    sys.exit(EXIT_OK if result.ok else EXIT_FAILED)


@cli.command("gaps")
@click.argument("client", type=click.Path(path_type=Path))
@_day_option("--as-of", "as_of", "Day of the analysis")
@click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON object, one key per analysis."
)
@click.option(
    "--occupations",
    "top",
    type=click.IntRange(min=1, max=100),
    default=10,
    show_default=True,
    metavar="N",
    help="How many O*NET occupations worth considering to suggest.",
)
@click.option(
    "--direction",
    type=click.Choice(["up", "down", "any"]),
    default=None,
    help="Moves by job zone from the current occupation: up (or sideways), down (or "
    "sideways), any; default the client file's direction, else up.",
)
@reports_errors
def gaps_command(client: Path, as_of: Any, as_json: bool, top: int, direction: str | None) -> None:
    """Gap analyses for a CLIENT profile: skills, peers, time, progress, goals, occupations.

    Exits 0 on success, 2 when the client file (or a file it names) is invalid.
    """
    import json

    from careerlib._text import json_ready
    from careerlib.gaps import analyse
    from careerlib.text import report_text

    check_day(as_of, "--as-of")
    result = analyse(
        client,
        as_of=None if as_of is None else as_of.date(),
        top_occupations=top,
        direction=direction,
    )
    if as_json:
        click.echo(
            json.dumps(json_ready(result.to_dict()), indent=2, ensure_ascii=False, allow_nan=False)
        )
    else:
        click.echo(report_text(result))
    sys.exit(EXIT_OK)


@cli.command("report")
@click.argument("client", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="FILE.pdf or FILE.html.",
)
@_day_option("--as-of", "as_of", "Day of the report")
@click.option("--coach", metavar="NAME", default=None, help="The coach's name for the cover.")
@reports_errors
def report_command(client: Path, output: Path, as_of: Any, coach: str | None) -> None:
    """One document for a CLIENT: cover, assessment, roadmap, gaps and the latest check-in.

    Written as PDF or HTML by the suffix of the output file.
    """
    from careerlib.report import write_report

    path = write_report(client, output, as_of=None if as_of is None else as_of.date(), coach=coach)
    click.echo(f"wrote {path}")


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
    every notebook for every sample client into OUT/<client>/."""
    from careerlib.demo import demo

    click.echo(demo())
    if no_notebooks:
        return
    from careerlib.batch import run_samples

    click.echo(f"Running the notebooks for the sample clients into {out_dir}/ ...")
    result = run_samples(out_dir, jobs=jobs)
    click.echo(result.summary())
    if result.ok:
        # the roadmap is the report to look at first (the console needs a live kernel)
        first = next((r for r in result.results if "roadmap" in r.notebook), result.results[0])
        click.echo(f"\nOpen the reports in a browser, for example {first.html}")
        click.echo(
            f"(one folder a client in {out_dir}/: HTML reports, executed notebooks, exports)"
        )
    sys.exit(EXIT_OK if result.ok else EXIT_FAILED)


def _plan_to_file(output_help: str, route_help: str) -> Callable[[F], F]:
    """PLAN, ``-o FILE`` and ``--route ID``: what the commands that write a file share."""

    def decorate(func: F) -> F:
        func = click.option("--route", "route", metavar="ID", help=route_help)(func)
        func = click.option(
            "-o",
            "--output",
            "output",
            required=True,
            type=click.Path(path_type=Path, dir_okay=False),
            help=output_help,
        )(func)
        return click.argument("plan", type=click.Path(path_type=Path))(func)

    return decorate


@cli.command("gantt")
@_plan_to_file(
    "The file to write: .html (opens offline), .png, .svg or .pdf.",
    "Chart one route (and the steps common to all).",
)
@click.option(
    "--color-by",
    type=click.Choice(["criticality", "goal", "route"]),
    default="criticality",
    show_default=True,
    help="Colour the bars by criticality, goal or route.",
)
@click.option(
    "--group-by",
    type=click.Choice(["auto", "goal", "route", "none"]),
    default="auto",
    show_default=True,
    help="Group the rows under a header per goal or route.",
)
@click.option("--no-dependencies", is_flag=True, help="Leave out the dependency arrows.")
@click.option("--width", type=click.IntRange(200, 10000), default=None, help="Image width [px].")
@click.option("--scale", type=click.FloatRange(0.1, 10), default=1.0, help="Image pixel scale.")
@reports_errors
def gantt_command(
    plan: Path,
    output: Path,
    route: str | None,
    color_by: str,
    group_by: str,
    no_dependencies: bool,
    width: int | None,
    scale: float,
) -> None:
    """Draw the Gantt chart of PLAN into a file (the suffix picks the format).

    Images (png, svg, pdf) need Chromium: `apt-get install -y chromium`, or set
    BROWSER_PATH. Prints the file written and the plan's verdict.
    """
    from careerlib.charts import gantt
    from careerlib.exports import export, format_for
    from careerlib.planfile import load_plan
    from careerlib.scheduler import schedule

    fmt = format_for(output, kind="chart")  # fail on a bad suffix before any work
    not_an_input(output, plan)
    result = schedule(load_plan(plan), route=route)
    figure = gantt(
        result,
        color_by=color_by,  # type: ignore[arg-type]
        group_by=group_by,  # type: ignore[arg-type]
        show_dependencies=not no_dependencies,
    )
    options = {} if fmt.suffix == ".html" else {"width": width, "scale": scale}
    export(figure, output, kind="chart", **options)
    click.echo(f"wrote {output}: {result.verdict}")


@cli.command("export")
@_plan_to_file(
    "The file to write: .ics (calendar), .csv or .xlsx (the schedule table).",
    "Export one route (and the steps common to all).",
)
@reports_errors
def export_command(plan: Path, output: Path, route: str | None) -> None:
    """Write the schedule of PLAN as a calendar or a table (the suffix picks the format).

    For a chart, use `careerlib gantt`. Prints the file written and the verdict.
    """
    from careerlib.exports import export, format_for
    from careerlib.planfile import load_plan
    from careerlib.scheduler import schedule

    format_for(output, kind="table")
    not_an_input(output, plan)
    result = schedule(load_plan(plan), route=route)
    export(result, output, kind="table")
    click.echo(f"wrote {output}: {result.verdict}")


@cli.command("checkin")
@click.argument("client", type=click.Path(path_type=Path))
@click.argument("progress", nargs=-1, metavar="STEP=SHARE...")
@_day_option("--date", "day", "Day of the check-in")
@click.option("--note", default=None, metavar="TEXT", help="What the client said.")
@reports_errors
def checkin_command(client: Path, progress: tuple[str, ...], day: Any, note: str | None) -> None:
    """Record a check-in for CLIENT: each STEP=SHARE is 0..1, a percentage or `done`.

    Appended to CLIENT.checkins.jsonl beside the client file; the client's and
    the plan's YAML are never written. Prints the new verdict. Exits 2 (and
    writes nothing) for an unknown step, a share outside 0..1 or a date before
    the plan's start.
    """
    from careerlib.tracking import checkin, parse_progress, track_client

    when = None if day is None else day.date()
    done = checkin(client, parse_progress(progress), when, note=note)
    assert done.checkin is not None
    shares = ", ".join(
        f"{k} {'done' if v >= 1 else f'{100 * v:.0f}%'}" for k, v in done.checkin.progress.items()
    )
    click.echo(f"recorded the check-in of {done.checkin.date} in {done.journal}: {shares}")
    if done.baseline is not None:
        click.echo(f"saved baseline '{done.baseline.name}' in {done.baselines} (the first one)")
    click.echo(track_client(client, done.checkin.date).verdict)


@cli.command("baseline")
@click.argument("source", metavar="CLIENT_OR_PLAN", type=click.Path(path_type=Path))
@click.option("--name", default=None, metavar="NAME", help="Default baseline-YYYY-MM-DD.")
@_day_option("--date", "day", "The baseline day")
@reports_errors
def baseline_command(source: Path, name: str | None, day: Any) -> None:
    """Freeze the plan of a CLIENT (its route and progress so far) or a PLAN as a baseline.

    Appended to PLAN.baselines.jsonl beside the plan file; the plan is not written.
    """
    from careerlib.tracking import save_plan_baseline

    done = save_plan_baseline(source, None if day is None else day.date(), name=name)
    assert done.baseline is not None
    b = done.baseline
    click.echo(
        f"saved baseline '{b.name}' of {b.date} in {done.baselines}: {len(b.steps)} steps, "
        f"earliest finish {b.finish}, {b.slack_days} working days of slack"
    )


@cli.command("console")
@click.argument("notebook", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lab", is_flag=True, help="JupyterLab (code visible) instead of Voilà (an app).")
@click.option("--port", type=click.IntRange(1024, 65535), default=None, help="Default: a free one.")
@reports_errors
def console_command(notebook: Path | None, lab: bool, port: int | None) -> None:
    """Serve the coach console (or NOTEBOOK) on 127.0.0.1 behind a random token.

    Prints the link to open, with its token: a request without it is refused,
    and no other machine can connect. Ctrl-C stops it.
    """
    from careerlib.console import console_command as command
    from careerlib.console import run_console

    sys.exit(run_console(command(notebook, lab=lab, port=port), echo=click.echo))


@cli.command("roster")
@click.argument("paths", nargs=-1, metavar="[CLIENT.yaml ...|DIR]", type=click.Path(path_type=Path))
@_day_option("--as-of", "as_of", "Day of the roster")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: counts, clients.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the roster: .html (table and chart, offline), .xlsx or .csv.",
)
@reports_errors
def roster_command(paths: tuple[Path, ...], as_of: Any, as_json: bool, output: Path | None) -> None:
    """Every client's status on one day, the clients who need attention first.

    Reads the client files given, or every *.yaml in a DIR (default the
    sample clients in data/clients/). One row a client: target role and date,
    forecast finish, slack left or days late, status, last check-in (stale or
    not), the next latest start within two weeks and the gaps no step
    addresses. A client file that cannot be read gets one message and the
    others are still shown: the exit status is 0.
    """
    import json

    from careerlib.practice import read_roster
    from careerlib.practice_files import ROSTER_SUFFIXES, write_roster
    from careerlib.text import roster_text

    if output is not None and output.suffix.lower() not in ROSTER_SUFFIXES:
        raise click.BadParameter(
            f"cannot write a roster as {output.suffix or output.name!r}; "
            f"valid: {', '.join(ROSTER_SUFFIXES)}",
            param_hint="-o",
        )
    result = read_roster(list(paths) or None, None if as_of is None else as_of.date())
    if output is not None:
        write_roster(result, output)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif output is None:
        click.echo(roster_text(result))
    if as_json or output is not None:
        for _, message in result.problems:
            click.echo(f"careerlib: not read: {message}", err=True)
    if output is not None:
        click.echo(f"wrote {output}: {result.summary}", err=as_json)
    sys.exit(EXIT_OK)


@cli.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@reports_errors
def init_command(folder: Path) -> None:
    """Make a coach's workspace in FOLDER: the notebooks and the sample data.

    Writes notebooks/, data/clients, data/plans, data/roles, data/peers,
    data/templates and a README.md; never writes over a file (when any is in
    the way, it names them and writes nothing).
    """
    from careerlib.workspace import init_workspace

    workspace = init_workspace(folder)
    click.echo(f"wrote {len(workspace.files)} files into {workspace.root}/ (see its README.md)")


@cli.group("new")
def new_group() -> None:
    """Start something new from a template: `careerlib new client NAME --role ROLE`."""


@new_group.command("client")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    metavar="ROLE",
    help="The target role: an O*NET title or alternate title, or an O*NET-SOC code.",
)
@click.option(
    "--template",
    default="same-sector",
    show_default=True,
    metavar="ROUTE",
    help="same-sector (months), radical-change (1-2 years) or promotion (internal); "
    "or a template file (.yaml).",
)
@click.option(
    "--target", metavar="DATE", help="The target date (YYYY-MM-DD); default: the route's usual."
)
@click.option("--current", metavar="ROLE", help="The client's current role (free text).")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    default=Path("."),
    metavar="DIR",
    help="The workspace (default: here): writes data/clients/ and data/plans/ there.",
)
@reports_errors
def new_client_command(
    name: str, role: str, template: str, target: str | None, current: str | None, folder: Path
) -> None:
    """Write a client file and a plan for client NAME from a route template.

    The plan schedules at once (`careerlib schedule`); fill in the client's
    self-assessment and skills with them. Never writes over a file.
    """
    from careerlib.newclient import new_client, parse_target

    made = new_client(
        name,
        role,
        template=template,
        target=None if target is None else parse_target(target),
        current=current,
        folder=folder,
    )
    click.echo(f"wrote {made.client} and {made.plan}")
    click.echo(
        f"target role: {made.role.title} (O*NET {made.role.code}); "
        f"route template {made.template}; target {made.target}"
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``careerlib`` console script."""
    cli.main(args=argv, prog_name="careerlib")
