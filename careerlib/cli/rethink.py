"""Commands to re-think a plan: ``diff`` (what changed between two versions)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from careerlib.cli._app import cli, day_option
from careerlib.cli._errors import check_day, not_an_input, reports_errors


@cli.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@day_option("--as-of", "as_of", "Status date of a bare CLIENT file")
@click.option(
    "--route", "route", metavar="ID", help="The route of a PLAN file (a client file has its own)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--chart",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="Also draw old and new bars side by side: .html, .png, .svg or .pdf.",
)
@click.option("--all", "all_steps", is_flag=True, help="List the unchanged steps too.")
@reports_errors
def diff_command(
    old: str,
    new: str,
    as_of: Any,
    route: str | None,
    as_json: bool,
    chart: Path | None,
    all_steps: bool,
) -> None:
    """What changed from OLD to NEW: the target, the steps, the latest starts, goals, routes.

    Each of OLD and NEW is a PLAN file (the plan as written), a CLIENT file
    (its plan on the status date --as-of, default today: the work left),
    or a saved baseline: CLIENT@NAME or PLAN@NAME (CLIENT@ alone: the newest).
    Latest starts moved are counted in working days of NEW's calendar, +
    later. Exits 2 for a file or baseline that cannot be read.
    """
    import json

    from careerlib._text import json_ready
    from careerlib.terminal import plan_diff_text
    from careerlib.tracking.diff import plan_diff

    check_day(as_of, "--as-of")
    fmt = _chart_format(chart, old, new)
    result = plan_diff(old, new, as_of=None if as_of is None else as_of.date(), route=route)
    if as_json:
        click.echo(json.dumps(json_ready(result.to_dict()), indent=2, ensure_ascii=False))
    else:
        click.echo(plan_diff_text(result, all_steps=all_steps))
    if chart is not None:
        from careerlib.charts import plan_diff_chart
        from careerlib.exports import export

        options = {} if fmt == ".html" else {"width": 1400}
        export(plan_diff_chart(result), chart, kind="chart", **options)
        click.echo(f"wrote {chart}", err=as_json)


def _chart_format(chart: Path | None, *sources: str) -> str | None:
    """The chart's suffix, checked before any work; the chart never replaces an input."""
    if chart is None:
        return None
    from careerlib.exports import format_for

    fmt = format_for(chart, kind="chart")
    not_an_input(chart, *(Path(s.rpartition("@")[0] or s) for s in sources))
    return str(fmt.suffix)
