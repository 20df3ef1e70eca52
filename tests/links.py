"""A link checker for careerlib's Markdown and the files careerlib writes (no network).

Every link in a Markdown file (``[text](target)``, ``![image](target)``,
``[label]: target``) and every ``docs/....md`` named in a YAML comment must
resolve: to a file inside the project (or workspace) root, and to a heading of
that file when it has ``#anchor``. Web links (``https://...``) are not fetched
(nothing may reach the network here); a link that leaves the root (``../shared/...``)
or an absolute path is broken, since it points outside what a user has.

Run it by hand: ``python -m tests.links ROOT FILE...`` (exit status 1 when a
link is broken, with one line per link).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

__all__ = ["anchors", "broken_links", "markdown_files"]

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\{#([\w-]+)\}\s*$")
_YAML_DOC = re.compile(r"(?<![\w/.-])(docs/[\w./-]+\.md)")
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _lines_outside_code(text: str, *, inline: bool = False) -> Iterable[tuple[int, str]]:
    """The lines outside fenced code, without their inline code (unless ``inline``)."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line if inline else _INLINE_CODE.sub("", line)


def _slugs(title: str) -> set[str]:
    """The anchors a heading gets: GitHub's and Python-Markdown's (MkDocs) spellings."""
    plain = _INLINE_CODE.sub(lambda m: m.group(0).strip("`"), title)
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain)  # a link's text
    plain = re.sub(r"[*_]", "", plain).strip().lower()
    github = re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")
    ascii_only = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    mkdocs = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_only)).strip("-")
    return {github, mkdocs}


def anchors(path: Path) -> set[str]:
    """Every anchor a Markdown file's headings define."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, line in _lines_outside_code(path.read_text(encoding="utf-8"), inline=True):
        heading = _HEADING.match(line)
        if not heading:
            continue
        title = heading.group(1)
        explicit = _EXPLICIT_ID.search(title)
        if explicit:
            found.add(explicit.group(1))
            continue
        for slug in _slugs(title):
            n = seen.get(slug, 0)
            found.add(slug if n == 0 else f"{slug}-{n}")
            seen[slug] = n + 1
    return found


def _targets(path: Path) -> Iterable[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".yaml", ".yml"}:
        for number, line in enumerate(text.splitlines(), 1):
            if "#" in line:
                for found in _YAML_DOC.finditer(line[line.index("#") :]):
                    yield number, found.group(1)
        return
    for number, line in _lines_outside_code(text):
        for found in _LINK.finditer(line):
            yield number, found.group(1)
        reference = _REFERENCE.match(line)
        if reference:
            yield number, reference.group(1)


def _problem(source: Path, target: str, root: Path) -> str | None:
    """Why ``target`` (a link in ``source``) does not resolve, or ``None``."""
    if _EXTERNAL.match(target):
        return "a local file as an URL" if target.startswith("file:") else None
    if target.startswith("/"):
        return "an absolute path: it points outside the project"
    raw, _, anchor = target.partition("#")
    # a YAML comment's docs/...md is relative to the workspace (or repository) root
    base = root if source.suffix in {".yaml", ".yml"} else source.parent
    where = (base / unquote(raw)).resolve() if raw else source.resolve()
    if not where.is_relative_to(root.resolve()):
        return f"points outside the project ({where})"
    if not where.exists():
        return "no such file"
    if anchor and where.suffix == ".md" and anchor not in anchors(where):
        return f"no heading #{anchor} in {where.name}"
    return None


def broken_links(files: Iterable[Path], root: Path) -> list[str]:
    """``"file:line: target: why"`` for every link in ``files`` that does not resolve.

    Parameters
    ----------
    files
        Markdown files, and YAML files whose comments name ``docs/...md``.
    root
        The project or workspace folder no link may leave.
    """
    problems: list[str] = []
    for path in files:
        for line, target in _targets(path):
            why = _problem(path, target, root)
            if why is not None:
                problems.append(f"{path}:{line}: {target}: {why}")
    return problems


def markdown_files(root: Path, *, skip: tuple[str, ...] = ()) -> list[Path]:
    """The ``*.md`` files under ``root``, outside hidden, build and virtual-env folders."""
    ignored = {".venv", "build", "site", "node_modules", "careerlib-demo", "reports", *skip}
    return sorted(
        p
        for p in root.rglob("*.md")
        if not any(part in ignored or part.startswith(".") for part in p.relative_to(root).parts)
    )


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    files = [Path(a) for a in argv[1:]] or markdown_files(root)
    problems = broken_links(files, root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
