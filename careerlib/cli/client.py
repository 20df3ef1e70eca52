"""Commands on one client: ``gaps``, ``report``, ``checkin`` and ``baseline``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from careerlib._text import day_text
from careerlib.cli._app import cli, day_option
from careerlib.cli._errors import EXIT_OK, check_day, reports_errors
from careerlib.exceptions import UsageError


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
@click.argument(
    "clients", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="CLIENT..."
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="FILE.pdf or FILE.html for one client; a FOLDER for several (or one), where each "
    "client's report is named after its file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "html"]),
    default="pdf",
    show_default=True,
    help="The reports' format when the output is a folder.",
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
    clients: tuple[Path, ...],
    output: Path,
    fmt: str,
    as_of: Any,
    coach: str | None,
    edition: str | None,
) -> None:
    """One document for each CLIENT: cover, assessment, roadmap, gaps and the latest check-in.

    Written as PDF or HTML by the suffix of the output file, in the client's
    edition (to hand over) or the coach's (--for). For several clients the
    output is a folder and one browser prints all the PDFs, so a cohort takes
    a fraction of the time of one command a client.
    """
    day = None if as_of is None else as_of.date()
    if output.suffix and not output.is_dir():
        if len(clients) > 1:
            raise UsageError(
                f"{len(clients)} clients are written into a folder, not into {output.name!r}: "
                "give -o FOLDER"
            )
        click.echo(f"wrote {_one_report(clients[0], output, day, coach, edition)}")
        return
    from careerlib.clients import load_client
    from careerlib.report import write_reports
    from careerlib.report.editions import edition_for

    targets = _report_files(clients, output, fmt)
    # every file read before the first report is written: a bad one stops them all
    jobs = [(load_client(client), target) for client, target in targets]
    output.mkdir(parents=True, exist_ok=True)
    chosen = edition_for(edition, targets[0][1])  # every report of the folder in one format
    for path in write_reports(jobs, as_of=day, coach=coach, edition=chosen):
        click.echo(f"wrote {path}")


def _report_files(clients: tuple[Path, ...], folder: Path, fmt: str) -> list[tuple[Path, Path]]:
    """Each client with its report in ``folder``, named after the client's file."""
    jobs: list[tuple[Path, Path]] = []
    seen: dict[Path, Path] = {}
    for client in clients:
        target = folder / f"{client.stem}.{fmt}"
        if target in seen:
            raise UsageError(
                f"{seen[target]} and {client} would both be written to {target.name}; "
                "give the clients files of different names, or run them one by one"
            )
        seen[target] = client
        jobs.append((client, target))
    return jobs


def _one_report(
    client: Path, output: Path, day: Any, coach: str | None, edition: str | None
) -> Path:
    if output.suffix.lower() != ".pdf":
        from careerlib.report import write_report
        from careerlib.report.editions import edition_for

        chosen = edition_for(edition, output)
        return write_report(client, output, as_of=day, coach=coach, edition=chosen)
    from careerlib._printer import Printer

    # started before careerlib.report (pandas, plotly, the analyses) is imported:
    # Chromium comes up and compiles plotly.js meanwhile, on the other core
    with Printer() as printer:
        from careerlib.report import write_report
        from careerlib.report.editions import edition_for

        chosen = edition_for(edition, output)
        return write_report(client, output, as_of=day, coach=coach, printer=printer, edition=chosen)


@cli.command("checkin")
@click.argument("client", type=click.Path(path_type=Path))
@click.argument("progress", nargs=-1, metavar="STEP=SHARE...")
@day_option("--date", "day", "Day of the check-in")
@click.option(
    "--note", default=None, metavar="TEXT", help="What the client said (or why withdrawn)."
)
@click.option(
    "--backdate",
    is_flag=True,
    help="Accept a date before the newest check-in recorded, marked as entered late.",
)
@click.option("--list", "listing", is_flag=True, help="List the check-ins recorded, numbered.")
@click.option(
    "--withdraw",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Withdraw check-in N of --list (the journal keeps it, struck).",
)
@click.option("--json", "as_json", is_flag=True, help="With --list: one JSON object.")
@reports_errors
def checkin_command(
    client: Path,
    progress: tuple[str, ...],
    day: Any,
    note: str | None,
    backdate: bool,
    listing: bool,
    withdraw: int | None,
    as_json: bool,
) -> None:
    """Record a check-in for CLIENT: each STEP=SHARE is 0..1, a percentage or `done`.

    Appended to CLIENT.checkins.jsonl beside the client file; the client's and
    the plan's YAML are never written. Prints the new verdict. Exits 2 (and
    writes nothing) for an unknown step, a share outside 0..1, a date before
    the plan's start, or a date before the newest check-in without --backdate.

    --list shows every check-in (withdrawn ones struck); --withdraw N appends
    a record withdrawing check-in N, which the forecast then ignores.
    """
    _one_action(progress, day, backdate, listing, withdraw, as_json)
    if listing:
        _list_checkins(client, as_json)
    elif withdraw is not None:
        _withdraw_checkin(client, withdraw, note)
    else:
        _record_checkin(client, progress, day, note, backdate)


def _one_action(
    progress: tuple[str, ...],
    day: Any,
    backdate: bool,
    listing: bool,
    withdraw: int | None,
    as_json: bool,
) -> None:
    from careerlib.exceptions import UsageError

    if listing and withdraw is not None:
        raise UsageError("give --list or --withdraw N, not both")
    if (listing or withdraw is not None) and (progress or day is not None or backdate):
        what = "--list" if listing else "--withdraw"
        raise UsageError(f"{what} records no check-in: leave out STEP=SHARE, --date and --backdate")
    if as_json and not listing:
        raise UsageError("--json goes with --list")
    if day is not None:
        check_day(day, "--date")


def _record_checkin(
    client: Path, progress: tuple[str, ...], day: Any, note: str | None, backdate: bool
) -> None:
    from careerlib.tracking import checkin, parse_progress, track_client

    when = None if day is None else day.date()
    done = checkin(client, parse_progress(progress), when, note=note, backdate=backdate)
    assert done.checkin is not None
    shares = ", ".join(f"{k} {_share(v)}" for k, v in done.checkin.progress.items())
    late = " (back-dated: entered late)" if done.checkin.backdated else ""
    day_of = day_text(done.checkin.date)
    click.echo(f"recorded the check-in of {day_of}{late} in {done.journal}: {shares}")
    if done.baseline is not None:
        click.echo(f"saved baseline '{done.baseline.name}' in {done.baselines} (the first one)")
    _verdict(track_client(client, done.checkin.date))


def _verdict(tracking: Any) -> None:
    """The verdict, and the warning when the plan changed after the baseline."""
    click.echo(tracking.verdict)
    if tracking.plan_change is not None:
        click.echo(tracking.plan_change.sentence)


def _withdraw_checkin(client: Path, number: int, note: str | None) -> None:
    from careerlib.tracking import checkins, track_client, withdraw

    entry = withdraw(client, number, note=note)
    c = entry.checkin
    click.echo(
        f"withdrew check-in {entry.number} of {c.date} (recorded {_stamp(c.recorded)}); "
        "the journal keeps it, struck in --list"
    )
    # the verdict on the newest check-in that still counts, as a check-in prints its own
    left = [e.checkin.date for e in checkins(client) if e.counts]
    _verdict(track_client(client, max(left) if left else None))


def _list_checkins(client: Path, as_json: bool) -> None:
    import json

    from careerlib.terminal import checkins_text
    from careerlib.tracking import checkins

    entries = checkins(client)
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in entries], indent=2, ensure_ascii=False))
    else:
        click.echo(checkins_text(entries))


def _share(value: float) -> str:
    return "done" if value >= 1 else f"{100 * value:.0f}%"


def _stamp(recorded: str | None) -> str:
    return "unknown" if recorded is None else recorded[:16].replace("T", " ")


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
