"""Commands on one client: ``gaps``, ``report``, ``checkin`` and ``baseline``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from careerlib.cli._app import cli, day_option
from careerlib.cli._errors import EXIT_OK, check_day, reports_errors


@cli.command("gaps")
@click.argument("client", type=click.Path(path_type=Path))
@day_option("--as-of", "as_of", "Day of the analysis")
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
    type=click.Choice(["up", "sideways", "down", "any"]),
    default=None,
    help="Moves from the current occupation: up (more responsibility: the next rung of "
    "the ladder), sideways (the same level), down (job zone at most the current one), "
    "any; default the client file's direction, else up.",
)
@reports_errors
def gaps_command(client: Path, as_of: Any, as_json: bool, top: int, direction: str | None) -> None:
    """Gap analyses for a CLIENT profile: skills, peers, time, progress, goals, occupations.

    Exits 0 on success, 2 when the client file (or a file it names) is invalid.
    """
    import json

    from careerlib._text import json_ready
    from careerlib.gaps import analyse
    from careerlib.terminal import report_text

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
@day_option("--as-of", "as_of", "Day of the report")
@click.option("--coach", metavar="NAME", default=None, help="The coach's name for the cover.")
@click.option(
    "--for",
    "edition",
    type=click.Choice(["client", "coach"]),
    default=None,
    help="The client's edition (plain words, to hand over; the default for a PDF) or the "
    "coach's (with the ids, the prompts and every table; the default for HTML).",
)
@reports_errors
def report_command(
    client: Path, output: Path, as_of: Any, coach: str | None, edition: str | None
) -> None:
    """One document for a CLIENT: cover, assessment, roadmap, gaps and the latest check-in.

    Written as PDF or HTML by the suffix of the output file, in the client's
    edition (to hand over) or the coach's (--for).
    """
    from careerlib._printer import Printer
    from careerlib.report.editions import edition_for

    day = None if as_of is None else as_of.date()
    chosen = edition_for(edition, output)
    if output.suffix.lower() != ".pdf":
        from careerlib.report import write_report

        path = write_report(client, output, as_of=day, coach=coach, edition=chosen)
    else:
        # started before the analyses are imported: the browser comes up meanwhile
        with Printer() as printer:
            from careerlib.report import write_report

            path = write_report(
                client, output, as_of=day, coach=coach, printer=printer, edition=chosen
            )
    click.echo(f"wrote {path}")


@cli.command("checkin")
@click.argument("client", type=click.Path(path_type=Path))
@click.argument("progress", nargs=-1, metavar="STEP=SHARE...")
@day_option("--date", "day", "Day of the check-in")
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
@day_option("--date", "day", "The baseline day")
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
