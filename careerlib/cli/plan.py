"""Commands on a plan file (``schedule`` also on a client file): ``schedule``, ``gantt``
and ``export``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from careerlib.cli._app import as_of_option, cli, plan_to_file
from careerlib.cli._errors import (
    EXIT_INFEASIBLE,
    EXIT_OK,
    check_day,
    not_an_input,
    reports_errors,
)


@cli.command("schedule")
@click.argument("source", metavar="PLAN_OR_CLIENT", type=click.Path(path_type=Path))
@as_of_option
@click.option(
    "--route",
    "route",
    metavar="ID",
    help="Schedule one route (and the steps common to all); default a client's own route.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the spec's JSON instead of a table.")
@click.option(
    "--load",
    "show_load",
    is_flag=True,
    help="Also print the weekly load: hours planned against capacity (the JSON always has it).",
)
@reports_errors
def schedule_command(
    source: Path, as_of: Any, route: str | None, as_json: bool, show_load: bool
) -> None:
    """Schedule a PLAN file, or a CLIENT's plan with its check-ins.

    Without a status date a plan is back-scheduled from its target: the latest
    start of every step. With --as-of (always, for a client file) it is the
    plan on that day: what is done, the work left, its forecast and latest
    dates, and whether the target and every deadline can still be met.

    Exits 0 when the plan is feasible (or every step is done), 3 when it is
    late, 2 when an input is invalid.
    """
    from careerlib.inputs import schedule_file
    from careerlib.scheduling.status import StatusSchedule
    from careerlib.terminal import load_table, schedule_table, status_table

    check_day(as_of, "--as-of")
    result = schedule_file(source, None if as_of is None else as_of.date(), route=route)
    if as_json:
        click.echo(result.to_json())
    else:
        table = status_table if isinstance(result, StatusSchedule) else schedule_table
        click.echo(table(result))  # type: ignore[arg-type]
        if show_load:
            click.echo("")
            click.echo(load_table(result))
    sys.exit(EXIT_OK if result.feasible else EXIT_INFEASIBLE)


@cli.command("gantt")
@plan_to_file(
    "The file to write: .html (opens offline), .png, .svg or .pdf.",
    "Chart one route (and the steps common to all); default a client's own route.",
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
    as_of: Any,
    route: str | None,
    color_by: str,
    group_by: str,
    no_dependencies: bool,
    width: int | None,
    scale: float,
) -> None:
    """Draw the Gantt chart of a PLAN or a CLIENT's plan into a file (the suffix picks the format).

    For a client file (or a plan with --as-of) the chart is the plan on that
    day: what is done drawn as done, the rest at the dates to aim for, with
    the baseline beneath (the newest saved baseline, else the plan as
    written). Images (png, svg, pdf) need Chromium: `apt-get install -y
    chromium`, or set BROWSER_PATH. Prints the file written and the verdict.
    """
    from careerlib.charts import gantt
    from careerlib.exports import export, format_for
    from careerlib.inputs import baseline_file, schedule_file

    fmt = format_for(output, kind="chart")  # fail on a bad suffix before any work
    not_an_input(output, plan)
    check_day(as_of, "--as-of")
    result = schedule_file(plan, None if as_of is None else as_of.date(), route=route)
    figure = gantt(
        result,
        color_by=color_by,  # type: ignore[arg-type]
        group_by=group_by,  # type: ignore[arg-type]
        show_dependencies=not no_dependencies,
        baseline=baseline_file(plan, result),
    )
    options = {} if fmt.suffix == ".html" else {"width": width, "scale": scale}
    export(figure, output, kind="chart", **options)
    click.echo(f"wrote {output}: {result.verdict}")


@cli.command("export")
@plan_to_file(
    "The file to write: .ics (calendar), .csv or .xlsx (the schedule table).",
    "Export one route (and the steps common to all); default a client's own route.",
)
@reports_errors
def export_command(plan: Path, output: Path, as_of: Any, route: str | None) -> None:
    """Write the schedule of a PLAN or a CLIENT's plan as a calendar or a table.

    The suffix picks the format. For a client file (or a plan with --as-of)
    it is the plan on that day: the calendar has only what is left, at the
    dates to aim for, and the check-ins from that day on (none on a holiday
    or in a blackout); the table gives each step's state and dates to aim
    for first. For a chart, use `careerlib gantt`. Prints the file written
    and the verdict.
    """
    from careerlib.exports import export, format_for
    from careerlib.inputs import schedule_file

    format_for(output, kind="table")
    not_an_input(output, plan)
    check_day(as_of, "--as-of")
    result = schedule_file(plan, None if as_of is None else as_of.date(), route=route)
    export(result, output, kind="table")
    click.echo(f"wrote {output}: {result.verdict}")
