"""MkDocs hooks for careerlib's docs site (``mkdocs.yml``: ``hooks``).

The docstrings are numpydoc, with Sphinx cross-reference roles in their text
(``:class:`Plan```, ``:func:`~careerlib.planfile.load_plan```). mkdocstrings
renders Markdown, where those roles would show as raw text; this turns each
into inline code with the name as written (``~`` keeps the last part only).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|mod|attr|data|exc|obj|const|ref):`(~?)([^`]+)`")


def _code(match: re.Match[str]) -> str:
    name = match.group(2)
    return f"`{name.rsplit('.', 1)[-1] if match.group(1) else name}`"


class _Roles(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [_ROLE.sub(_code, line) for line in lines]


class SphinxRoles(Extension):
    """Sphinx roles (``:class:`X```) as inline code (``X``)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_Roles(md), "careerlib-sphinx-roles", 35)


def on_config(config: Any) -> Any:
    """Add :class:`SphinxRoles` to the site's Markdown (mkdocstrings renders with it too)."""
    config.markdown_extensions.append(SphinxRoles())
    return config
