"""Keep one slow optional import out of every notebook process.

``nbformat`` (imported by papermill, and by plotly the first time a figure is
shown in a kernel) imports ``jsonschema``, which imports ``rfc3987_syntax``
when it is installed (jupyter-events installs it). That module builds dozens
of parsers at import: 1.5-2.5 s a process, measured here. jsonschema treats it
as optional and uses it only to check ``iri`` formats, which notebooks and
plotly figures do not use; marking it absent makes jsonschema skip it.
"""

from __future__ import annotations

import sys

__all__ = ["skip_slow_optional_imports"]


def skip_slow_optional_imports() -> None:
    """Mark ``rfc3987_syntax`` as absent, unless it is already imported."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
