"""Commands to re-think a plan: ``replan`` (a new version from a status date), ``switch``
(the client to another plan) and ``diff`` (what changed between two versions)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from careerlib.cli._app import cli, day_option
from careerlib.cli._errors import (
    EXIT_INFEASIBLE,
    EXIT_OK,
    check_day,
    not_an_input,
    reports_errors,
)


@cli.command("replan")
@click.argument("client", type=click.Path(path_type=Path))
@day_option("--as-of", "as_of", "The status date to re-plan from")
@day_option("--target", "target", "The new target; default the plan's, if it has not passed")
@click.option("--route", "route", metavar="ID", help="Re-plan this route; default the client's.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The new plan file; default PLAN-replan-DATE.yaml beside the plan. Never replaced.",
)
@click.option(
    "--switch", is_flag=True, help="Point the client file at the new plan (its plan: line only)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@reports_errors
def replan_command(
    client: Path,
    as_of: Any,
    target: Any,
    route: str | None,
    output: Path | None,
    switch: bool,
    as_json: bool,
) -> None:
    """Re-plan CLIENT's plan from a status date: a new plan file beside the old one.

    The new version keeps every step, the calendar, goals, obstacles and
    routes; a review dated --as-of records what is done and how far each step
    in progress is, so scheduled, it holds exactly the work left. It is
    scheduled at once, a baseline named replan-DATE is saved beside it (after
    copies of the old plan's baselines), and the verdict is printed. The old
    plan and the client file are not written unless --switch points the client
    at the new plan. Exits 0 when the re-plan meets its target and deadlines,
    3 when it does not, 2 for an invalid input (a target that has passed
    without --target), 1 when the output file exists (it is never replaced).
    """
    import json
    import sys

    from careerlib._text import json_ready
    from careerlib.tracking.replan import replan

    check_day(as_of, "--as-of")
    check_day(target, "--target")
    done = replan(
        client,
        None if as_of is None else as_of.date(),
        target=None if target is None else target.date(),
        route=route,
        output=output,
        switch=switch,
    )
    if as_json:
        click.echo(json.dumps(json_ready(done.to_dict()), indent=2, ensure_ascii=False))
    else:
        click.echo(_replan_text(done))
    sys.exit(EXIT_OK if done.schedule.feasible else EXIT_INFEASIBLE)


def _replan_text(done: Any) -> str:
    n = done.counts
    old_target = done.previous.target
    moved = (
        f"target {done.plan.target} (unchanged)"
        if old_target == done.plan.target
        else f"target {old_target} -> {done.plan.target}"
    )
    lines = [
        f"wrote {done.path}: the work left on {done.as_of} ({n['done']} done, "
        f"{n['in progress']} in progress, {n['not started']} not started), {moved}",
        f"saved baseline '{done.baseline.name}' in {done.baselines} "
        f"(after the baselines of {done.source.name})",
        done.verdict,
        *(f"  {line}" for line in done.diff.sentences()[1:]),
    ]
    if done.switched:
        lines.append(f"pointed {done.client_path} at {done.path} (its plan: line)")
    else:
        lines.append(
            f"{done.client_path} still uses {done.source.name}; to move the client to the "
            f"re-plan: careerlib switch {done.client_path} {done.path}"
        )
    return "\n".join(lines)


@cli.command("switch")
@click.argument("client", type=click.Path(path_type=Path))
@click.argument("plan", type=click.Path(path_type=Path))
@reports_errors
def switch_command(client: Path, plan: Path) -> None:
    """Point CLIENT at PLAN (a re-plan): only the value of its plan: line is rewritten.

    The rest of the client file is kept byte for byte. Refused, with the file
    left as it was, when PLAN is not a valid plan or lacks the client's route.
    """
    from careerlib.clients import set_client_plan

    set_client_plan(client, plan, check=False)
    click.echo(f"pointed {client} at {plan} (its plan: line)")


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
