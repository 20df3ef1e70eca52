"""``careerlib assess CLIENT interests|values|skills``: an assessment in the terminal.

One question at a time. After every answer the answers so far are kept in a
draft beside the client file, so ``q`` (or closing the terminal) stops and the
same command goes on where it stopped; ``b`` goes back one question. The
result is appended, dated, to ``CLIENT.assessments.jsonl``
(:mod:`careerlib.assessments`); the client file is never written.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from careerlib.cli._app import cli, day_option
from careerlib.cli._errors import EXIT_OK, check_day, reports_errors

if TYPE_CHECKING:
    import datetime as dt

    from careerlib.assessments import Assessment
    from careerlib.clients import Client

__all__ = ["assess_command"]

#: What the client types besides an answer.
BACK, STOP = "b", "q"


@cli.command("assess")
@click.argument("client", type=click.Path(path_type=Path))
@click.argument("kind", type=click.Choice(["interests", "values", "skills"]))
@day_option("--date", "day", "Day of the assessment")
@click.option(
    "--items",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="The interest profiler's item file (default: the workspace's "
    "data/assessments/interest-items.yaml, else careerlib's sample items).",
)
@click.option("--restart", is_flag=True, help="Drop an unfinished assessment and start again.")
@click.option("--note", default=None, metavar="TEXT", help="A note kept with the result.")
@reports_errors
def assess_command(
    client: Path, kind: str, day: Any, items: Path | None, restart: bool, note: str | None
) -> None:
    """Take an assessment with the CLIENT: interests, values or skills.

    interests: work activities, each rated from Strongly dislike to Strongly
    like, scored into the six RIASEC areas. values: O*NET's six work values,
    put in order (most important first). skills: the target role's skills,
    each rated 0-7 with O*NET's level anchors (Enter skips: not rated).

    Type b to go back, q to stop; the same command resumes. The result is
    appended to CLIENT.assessments.jsonl beside the client file.
    """
    import datetime as dt

    from careerlib.assessments import drop_draft, load_draft
    from careerlib.clients import load_client

    check_day(day, "--date")
    profile = load_client(client)
    when = dt.date.today() if day is None else day.date()
    if restart:
        drop_draft(client, kind)
    draft = load_draft(client, kind) or {}
    run = {"interests": _interests, "values": _values, "skills": _skills}[kind]
    result = run(profile, client, draft, when, items=items, note=note)
    if result is not None:
        _finish(profile, client, result)
    sys.exit(EXIT_OK)


# --- asking ----------------------------------------------------------------------


def _ask(prompt: str) -> str:
    """One answer, stripped and in lower case; ``q`` at the end of the input."""
    try:
        answer = click.prompt(prompt, default="", show_default=False, prompt_suffix=" ")
    except click.Abort:
        click.echo()
        return STOP
    return str(answer).strip().lower()


def _say(text: str, indent: str = "") -> None:
    click.echo(textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent))


def _stopped(done: int, total: int) -> None:
    click.echo(
        f"stopped after {done} of {total}; the answers are kept. Run the same command to go "
        "on (--restart to start again)."
    )


# --- the three assessments -------------------------------------------------------


def _interests(
    profile: Client,
    client: Path,
    draft: dict[str, Any],
    day: dt.date,
    *,
    items: Path | None,
    note: str | None,
) -> Assessment | None:
    """The interest profiler, one item at a time; None when the client stopped."""
    from careerlib.assessments import save_draft
    from careerlib.interests import interest_assessment, interest_items_path, load_interest_items

    path = interest_items_path(items, client_path=client)
    spec = load_interest_items(path)
    answers: list[int] = [int(a) for a in draft.get("answers", [])]
    if draft and draft.get("items") != spec.title:
        raise click.UsageError(
            f"the unfinished profiler used other items ({draft.get('items')!r}); "
            "give the same --items, or --restart"
        )
    _interest_header(spec, path, len(answers))
    scale = "  ".join(f"{k + 1} {a}" for k, a in enumerate(spec.answers))
    while len(answers) < len(spec.items):
        item = spec.items[len(answers)]
        click.echo(f"\n[{len(answers) + 1}/{len(spec.items)}] {item.text}")
        reply = _ask(f"  {scale}  (b back, q stop):")
        if reply == STOP:
            _stopped(len(answers), len(spec.items))
            return None
        if reply == BACK:
            answers = answers[:-1]
        elif reply.isdigit() and 1 <= int(reply) <= len(spec.answers):
            answers.append(int(reply) - 1)
        else:
            click.echo(f"  type a number from 1 to {len(spec.answers)}, b or q")
            continue
        save_draft(client, "interests", {"items": spec.title, "answers": answers})
    return interest_assessment(spec, answers, day, taken_in="terminal", note=note)


def _interest_header(spec: Any, path: Path, done: int) -> None:
    click.echo(f"Interest profiler: {spec.title} ({len(spec.items)} activities; {path})")
    if spec.source:
        _say(spec.source, "  ")
    if spec.sample:
        _say(
            "SAMPLE ITEMS: not the O*NET Interest Profiler and not a validated inventory. "
            "Put the practice's items in data/assessments/interest-items.yaml (or give --items).",
            "  ",
        )
    click.echo("How would you feel about doing each activity? Not about skill or pay.")
    if done:
        click.echo(f"Going on after question {done}.")


def _values(
    profile: Client,
    client: Path,
    draft: dict[str, Any],
    day: dt.date,
    *,
    items: Path | None,
    note: str | None,
) -> Assessment | None:
    """The work values card sort: the most important of the cards left, until one is left."""
    from careerlib._fields import WORK_VALUES
    from careerlib.assessments import save_draft, values_assessment
    from careerlib.onet import descriptors

    described = descriptors("work value")
    order: list[str] = [v for v in draft.get("order", []) if v in WORK_VALUES]
    click.echo("Work values card sort: put O*NET's six work values in order, most important first.")
    while len(order) < len(WORK_VALUES) - 1:
        left = [v for v in WORK_VALUES if v not in order]
        click.echo(f"\nWhich of these matters most to you in work? ({len(order) + 1} of 6)")
        for number, value in enumerate(left, start=1):
            _say(f"{number}. {value}: {described.at[value, 'description']}", "  ")
        reply = _ask(f"  1-{len(left)} (b back, q stop):")
        if reply == STOP:
            _stopped(len(order), len(WORK_VALUES) - 1)
            return None
        if reply == BACK:
            order = order[:-1]
        elif reply.isdigit() and 1 <= int(reply) <= len(left):
            order.append(left[int(reply) - 1])
        else:
            click.echo(f"  type a number from 1 to {len(left)}, b or q")
            continue
        save_draft(client, "values", {"order": order})
    order += [v for v in WORK_VALUES if v not in order]
    return values_assessment(order, day, taken_in="terminal", note=note)


def _skills(
    profile: Client,
    client: Path,
    draft: dict[str, Any],
    day: dt.date,
    *,
    items: Path | None,
    note: str | None,
) -> Assessment | None:
    """Self-ratings of the target role's skills, each with its level anchors."""
    from careerlib.assessments import save_draft, skills_assessment, skills_to_rate

    asked = skills_to_rate(profile)
    rated: list[list[Any]] = [list(r) for r in draft.get("levels", [])][: len(asked)]
    click.echo(
        f"Skills of the target role ({len(asked)}): rate each on O*NET's level scale 0-7. "
        "The anchors say what a level means. Enter skips (not rated: no gap, a question for "
        "later)."
    )
    while len(rated) < len(asked):
        skill = asked[len(rated)]
        click.echo(f"\n[{len(rated) + 1}/{len(asked)}] {skill.name} ({skill.kind})")
        if skill.description:
            _say(skill.description, "  ")
        for level, text in skill.anchors:
            _say(f"level {level:g}: {text}", "    ")
        reply = _ask("  your level 0-7 (Enter skip, b back, q stop):")
        if reply == STOP:
            _stopped(len(rated), len(asked))
            return None
        if reply == BACK:
            rated = rated[:-1]
        elif reply == "":
            rated.append([skill.name, None])
        elif _level(reply) is not None:
            rated.append([skill.name, _level(reply)])
        else:
            click.echo("  type a level from 0 to 7 (halves allowed: 4.5), Enter, b or q")
            continue
        save_draft(client, "skills", {"levels": rated})
    return skills_assessment(dict(map(tuple, rated)), day, taken_in="terminal", note=note)


def _level(text: str) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if 0 <= value <= 7 else None


# --- the end ---------------------------------------------------------------------


def _finish(profile: Client, client: Path, result: Assessment) -> None:
    """Record the result, drop the draft, print it and what moved since last time."""
    from careerlib import gaps
    from careerlib.assessments import drop_draft, record_assessment, skills_to_rate
    from careerlib.clients import load_client
    from careerlib.onet import load_onet

    known = [s.name for s in skills_to_rate(profile)] + load_onet().element_names
    journal = record_assessment(client, result, known_skills=known)
    drop_draft(client, result.kind)
    click.echo(f"\nrecorded the {result.label} in {journal}")
    for name, score in result.scores.items():
        total = f" (total {result.totals[name]:g})" if result.totals else ""
        click.echo(f"  {name:<36} {score:>4.1f}{total}")
    if result.skipped:
        click.echo(f"  not rated: {', '.join(result.skipped)}")
    changes = gaps.reassessment(load_client(client))
    moved = gaps.moved_most(changes[changes["after_from"] == result.label], 3)
    if len(moved):
        since = moved["before_from"].iloc[0]
        click.echo(
            f"moved most since the {since}: "
            + "; ".join(
                f"{r.name} {r.change:+.1f} ({r.before:g} -> {r.after:g})"
                for r in moved.itertuples()
            )
        )
