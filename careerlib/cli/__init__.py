"""The ``careerlib`` command line: each command is one library call.

Exit status: 0 when all is well (a feasible plan), 3 when a plan was scheduled
but is not feasible, 2 when an input is invalid (one line on standard error,
never a traceback), 1 for an output or I/O problem or a batch run with
failures. How errors become that one line is :mod:`careerlib.cli._errors`.

One module a family of commands, each registering on the group of
:mod:`careerlib.cli._app`: :mod:`~careerlib.cli.plan` (a plan file),
:mod:`~careerlib.cli.client` (one client), :mod:`~careerlib.cli.assess` (an
assessment with the client, one question at a time), :mod:`~careerlib.cli.options`
(the cheapest alternatives to the target), :mod:`~careerlib.cli.roster` (every
client), :mod:`~careerlib.cli.batch` (notebooks), :mod:`~careerlib.cli.console`,
:mod:`~careerlib.cli.workspace` (a coach's files) and :mod:`~careerlib.cli.rethink`
(re-thinking a plan: what changed, a re-plan). A new command goes in
the module of its family, or a new module imported below.
"""

from careerlib.cli import (  # noqa: F401  (register)
    assess,
    batch,
    client,
    console,
    options,
    plan,
    rethink,
    roster,
    workspace,
)
from careerlib.cli._app import cli, main
from careerlib.cli._errors import EXIT_FAILED, EXIT_INFEASIBLE, EXIT_INVALID, EXIT_OK

__all__ = ["EXIT_FAILED", "EXIT_INFEASIBLE", "EXIT_INVALID", "EXIT_OK", "cli", "main"]
