"""How the ``careerlib`` command line reports what went wrong: exit statuses, one
line on standard error for every error (careerlib's, click's and the operating
system's) and every warning (a library's included), and output made safe for the
terminal.

Exit status: 0 when all is well (a feasible plan), 3 when a plan was scheduled
but is not feasible, 2 when an input is invalid, 1 for an output or I/O problem
or a batch run with failures. ``CAREERLIB_DEBUG=1`` shows the traceback of an
unexpected error.
"""

from __future__ import annotations

import io
import os
import sys
import warnings
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from careerlib.exceptions import BatchInterrupted, CareerlibError, OutputError

__all__ = [
    "EXIT_FAILED",
    "EXIT_INFEASIBLE",
    "EXIT_INVALID",
    "EXIT_OK",
    "OneLineGroup",
    "check_day",
    "not_an_input",
    "reports_errors",
    "warning_line",
]

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INFEASIBLE = 3
EXIT_FAILED = 1

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Every error to one line on stderr: exit 2 for an input, 1 for an output or I/O.

    Text written to standard output is made safe for the terminal on the way
    (:class:`SafeOutput`), so a title from a client's file cannot send escape
    sequences. ``CAREERLIB_DEBUG=1`` shows the traceback of an unexpected error.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        stdout = sys.stdout
        sys.stdout = SafeOutput(stdout)
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                _SHOWN.clear()
                return func(*args, **kwargs)
        except OutputError as exc:
            fail(str(exc), EXIT_FAILED)
        except CareerlibError as exc:
            fail(str(exc), EXIT_INVALID)
        except OSError as exc:
            fail(os_message(exc), EXIT_FAILED)
        except MemoryError:
            fail("out of memory; the input asks for more than this machine has", EXIT_FAILED)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("CAREERLIB_DEBUG"):
                raise
            fail(
                f"unexpected error ({type(exc).__name__}: {exc}); this is a bug in careerlib, "
                "please report it with the input that caused it",
                EXIT_FAILED,
            )
        finally:
            sys.stdout = stdout

    return wrapper  # type: ignore[return-value]


_SHOWN: set[str] = set()


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """A library's warning as one line: ``careerlib: warning: Category: message``,
    after the name of the file it is about when that is not Python code (a notebook)."""
    about = None if filename.endswith(".py") else Path(filename).name
    warning_line(f"{category.__name__}: {message}", about)


def warning_line(text: str, where: str | None = None) -> None:
    """Print a warning on stderr as one line, once a command: ``careerlib: warning: ...``.

    ``where`` (a notebook's name, say) goes before the text; the same text is
    printed once whatever its ``where``.
    """
    from careerlib._text import clip, one_line

    if text in _SHOWN:
        return
    _SHOWN.add(text)
    shown = one_line(text if where is None else f"{where}: {text}")
    click.echo(f"careerlib: warning: {clip(shown, 400)}", err=True)


def fail(message: str, status: int) -> NoReturn:
    from careerlib._text import one_line

    text = one_line(message)
    if len(text) > 2000:
        text = text[:1999] + "…"
    click.echo(f"careerlib: {text}", err=True)
    sys.exit(status)


def os_message(exc: OSError) -> str:
    """``cannot write FILE: No space left on device``, from any OSError."""
    import errno

    what = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENAMETOOLONG:
        what = "the file name is too long for the file system (at most 255 bytes a name)"
    name = exc.filename
    if isinstance(name, bytes):
        name = name.decode(errors="replace")
    if name is None:
        return f"input/output error: {what}"
    return f"{name}: {what}"


class SafeOutput(io.TextIOBase):
    """A standard output that writes every terminal control character as an escape."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("text only")
        from careerlib._text import terminal_safe

        self._stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(self._stream.isatty())

    def fileno(self) -> int:
        return int(self._stream.fileno())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None)


class OneLineGroup(click.Group):
    """A group whose usage errors are one ``careerlib: ...`` line (exit status 2), too."""

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.UsageError as exc:
            hint = ""
            if exc.ctx is not None and exc.ctx.command.get_help_option(exc.ctx) is not None:
                hint = f" (try '{exc.ctx.command_path} --help')"
            fail(exc.format_message() + hint, exc.exit_code)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort as exc:
            # click turns a KeyboardInterrupt into Abort; a batch says what it had done
            cause = exc.__cause__ or exc.__context__
            fail(str(cause) if isinstance(cause, BatchInterrupted) else "aborted", EXIT_FAILED)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


def not_an_input(output: Path, *inputs: Path) -> None:
    """Refuse to write ``output`` over an input (``export plan.csv -o plan.csv``)."""
    for source in inputs:
        same = output.resolve() == source.resolve()
        if not same and output.exists() and source.exists():
            same = os.path.samefile(output, source)
        if same:
            raise OutputError(
                f"-o {output} names the input file {source}; the export would replace it: "
                "choose another file name"
            )


def check_day(value: Any, option: str) -> None:
    from careerlib.limits import date_problem

    problem = None if value is None else date_problem(value.date())
    if problem is not None:
        raise click.BadParameter(problem, param_hint=option)
