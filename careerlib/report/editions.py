"""Two editions of the client's document: one the coach hands over, one the coach works from.

The **client** edition speaks to the client in plain words: no step ids, no
questions addressed to the coach, no command lines, dates as ``6 Dec 2026``,
and every percentage of progress with the sentence that explains it; the long
step tables go to an appendix. The **coach** edition adds the prompts, the
ids and the detail.

What makes a page belong to one edition is decided here and in
:mod:`careerlib.report.document` from the data (which sentences are prompts,
which strings are step ids), never from the wording of a verdict: the
verdict sentences come from the analyses and may change. :class:`ClientWords`
turns any such sentence into the client's words (ISO dates as days, a step's
id as its title), whatever it says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from careerlib._text import day_text
from careerlib.exceptions import UsageError

__all__ = ["EDITIONS", "ClientWords", "Edition", "default_edition", "edition_for"]

Edition = Literal["client", "coach"]

#: The editions, the default first.
EDITIONS: tuple[Edition, ...] = ("client", "coach")

# an ISO day, also as Markdown escapes it (2027\-12\-14)
_ISO_DAY = re.compile(r"\b(\d{4})\\?-(\d{2})\\?-(\d{2})\b")
# a quoted name: 'budget', "budget"
_QUOTED = re.compile(r"['\"]([A-Za-z0-9][\w.-]*)['\"]")
# a name of the plan file's kind with a hyphen or a digit: board-course, plan-100
_NAMELIKE = re.compile(r"(?<![\w'\"-])([a-z0-9]+(?:[-_.][a-z0-9]+)+)(?![\w'\"-])")


def default_edition(output: str | Path) -> Edition:
    """The edition a file gets when none is asked for: the client's for a PDF (it is
    handed over), the coach's for an HTML page (opened on the coach's screen)."""
    return "client" if Path(output).suffix.lower() == ".pdf" else "coach"


def edition_for(name: str | None, output: str | Path) -> Edition:
    """The edition ``name`` (``client`` or ``coach``), or the default for ``output``.

    Raises
    ------
    UsageError
        For another name, listing the valid ones.
    """
    if name is None:
        return default_edition(output)
    if name not in EDITIONS:
        raise UsageError(f"unknown edition {name!r}; valid: {', '.join(EDITIONS)}")
    return name


@dataclass(frozen=True)
class ClientWords:
    """Turns a sentence made by the analyses into the client's words.

    ``names`` maps the plan's ids (steps, goals, routes, obstacles) to their
    titles. A call returns the text with every ISO date as ``6 Dec 2026``,
    every quoted id (``'budget'``) and every bare id that cannot be an
    ordinary word (``board-course``) as its title in typographic quotes.
    """

    names: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        text = _ISO_DAY.sub(_day, text)
        text = _QUOTED.sub(self._quoted, text)
        return _NAMELIKE.sub(self._bare, text)

    def _quoted(self, match: re.Match[str]) -> str:
        title = self.names.get(match.group(1))
        return f"“{title}”" if title is not None else match.group(0)

    def _bare(self, match: re.Match[str]) -> str:
        title = self.names.get(match.group(1))
        return f"“{title}”" if title is not None else match.group(0)


def _day(match: re.Match[str]) -> str:
    try:
        return day_text(dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
    except ValueError:  # not a day after all (a version, a code)
        return match.group(0)
