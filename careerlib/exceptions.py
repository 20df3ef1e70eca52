"""Errors raised by careerlib.

Every error careerlib raises on purpose derives from one root, so a caller can
catch them all with ``except CareerlibError``::

    CareerlibError
     +-- InputError             an input file is not valid (file, line, place)
     |    +-- PlanError         a plan file is not a valid plan
     |    |    +-- CycleError   steps wait on each other in a loop (the steps in it)
     |    +-- ClientError       a client or role file is not valid, or names what does not exist
     +-- UsageError             a public function was called with an argument it cannot use
     |    |                     (also a ValueError; UnknownStepError is also a KeyError)
     |    +-- CheckinError      a check-in cannot be recorded (unknown step, bad share, ...)
     |    +-- AssessmentError   an assessment cannot be recorded (an answer out of range, ...)
     +-- DataError              a data file (peer group, O*NET table) is missing or malformed
     +-- CalendarError          a calendar cannot answer (no working day at all, ...)
     +-- BatchError             a notebook run cannot start (unknown parameter, wrong type, ...)
     +-- ExportError            a file cannot be written (unknown format, no browser for images)
          +-- OutputError       not where it was asked: over an input, outside the folder
                                given, a file where a folder is needed (exit status 1)
     +-- WorkspaceError         files careerlib would create exist already (nothing was written)

An infeasible plan is not an error: it is a result (``Schedule.feasible`` is
``False``), so a coach can still look at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Self

__all__ = [
    "AssessmentError",
    "BatchError",
    "BatchInterrupted",
    "CalendarError",
    "CareerlibError",
    "CheckinError",
    "ClientError",
    "CycleError",
    "DataError",
    "ExportError",
    "InputError",
    "OutputError",
    "PlanError",
    "UnknownStepError",
    "UsageError",
    "WorkspaceError",
]


class CareerlibError(Exception):
    """Root of every error careerlib raises on purpose."""


class InputError(CareerlibError):
    """An input file (a plan, a client profile, a role) is not valid.

    Parameters
    ----------
    message
        What is wrong, naming the bad value and what would be valid.
    path
        The file it came from, when there is one.
    where
        The place inside the document, e.g. ``steps[3].after`` or ``step 'resume'``.
    line
        1-based line number of the offending YAML node, when the parser knows it.
    loc
        The path of keys and list indexes to the offending node (``("steps", 3,
        "after")``), used to find ``line`` in the YAML document.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        where: str | None = None,
        line: int | None = None,
        loc: tuple[str | int, ...] = (),
    ) -> None:
        self.message = message
        self.loc = tuple(loc)
        self.path = None if path is None else str(path)
        self.where = where
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        prefix = []
        if self.path is not None:
            prefix.append(self.path if self.line is None else f"{self.path}:{self.line}")
        elif self.line is not None:
            prefix.append(f"line {self.line}")
        if self.where:
            prefix.append(self.where)
        return ": ".join([*prefix, self.message])

    def located(
        self,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        where: str | None = None,
    ) -> Self:
        """Return this error with the file, line and place filled in where they were unknown."""
        if path is not None and self.path is None:
            self.path = str(path)
        if line is not None and self.line is None:
            self.line = line
        if where is not None and self.where is None:
            self.where = where
        self.args = (str(self),)
        return self


class PlanError(InputError):
    """A plan (a file or a document) is not a valid plan: see :class:`InputError`."""


class CycleError(PlanError):
    """Steps wait on each other in a loop; ``steps`` lists them in loop order."""

    def __init__(self, steps: Sequence[str], **kwargs: object) -> None:
        self.steps = list(steps)
        loop = " -> ".join([*self.steps, self.steps[0]]) if self.steps else "?"
        super().__init__(f"the steps wait on each other in a cycle: {loop}", **kwargs)  # type: ignore[arg-type]


class CalendarError(CareerlibError, ValueError):
    """A working calendar cannot answer a question (for example it has no working day)."""


class BatchError(CareerlibError):
    """A batch of notebook runs cannot start: nothing has been run when this is raised."""


class BatchInterrupted(KeyboardInterrupt):
    """A batch stopped by Ctrl-C: the runs that had ended are in its manifest, the
    others did not run (or were stopped, leaving only temporaries the next run removes).

    A :class:`KeyboardInterrupt`, so that code that stops on Ctrl-C still does.
    """


class ClientError(InputError):
    """A client profile or role file is not valid (file, line, field), or names
    a role, metric, peer file or plan that does not exist."""


class DataError(CareerlibError):
    """A data file careerlib reads (a peer group CSV, the O*NET tables) is
    missing or malformed; the message names the file, the row and the column."""


class ExportError(CareerlibError):
    """A chart or a schedule cannot be written in the format asked for.

    The message names the file and says what would work: the known suffixes for
    an unknown one, how to install chromium when no browser renders images.
    """


class UsageError(CareerlibError, ValueError):
    """A public function was called with an argument it cannot use.

    The message names the argument, the bad value and what would be valid. It
    is also a ``ValueError``, so code written against the built-in still works.
    """


class UnknownStepError(UsageError, KeyError):
    """A step id that the plan or schedule does not have (also a ``KeyError``)."""

    def __str__(self) -> str:
        # KeyError would quote the message: show it as written.
        return str(self.args[0]) if self.args else ""


class OutputError(ExportError):
    """An output cannot go where it was asked: it would replace one of the
    command's inputs, land outside the folder given, or a file stands where a
    folder is needed. Nothing has been written when this is raised; the command
    line exits with status 1 (an output problem), not 2 (an invalid input)."""


class CheckinError(UsageError):
    """A check-in cannot be recorded: an unknown step (with the nearest id), a
    share outside 0..1, or a date before the plan's start. Nothing is written
    when this is raised."""


class AssessmentError(UsageError):
    """An assessment cannot be scored or recorded: an answer outside its scale, a work
    value sorted twice, a skill the client file does not know, a level outside 0-7.
    Nothing is written when this is raised."""


class WorkspaceError(CareerlibError):
    """Files careerlib would create (``careerlib init``, ``careerlib new client``)
    exist already; the message names them, and nothing was written."""
