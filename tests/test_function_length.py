"""No function or method body in careerlib is a wall of more than 100 lines.

A long function reads as a list of named steps (``docs/architecture.md``, the
conventions' "functions first"): the body, counted from its first statement
after the docstring to its last line, stays within :data:`MAX_BODY_LINES`.
Nested functions count on their own and inside the function that holds them.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "careerlib"

#: The most lines a function body may span, its docstring not counted.
MAX_BODY_LINES = 100


def body_lines(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the body's last line."""
    body = func.body
    first = body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        body = body[1:]
    if not body:
        return 0
    end = body[-1].end_lineno
    assert end is not None
    return end - body[0].lineno + 1


def long_functions(root: Path, limit: int) -> list[str]:
    """``path:line name (N lines)`` of every function under *root* longer than *limit*."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = body_lines(node)
                if n > limit:
                    where = path.relative_to(root.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({n} lines)")
    return found


def test_no_function_body_is_over_the_limit():
    assert long_functions(PACKAGE, MAX_BODY_LINES) == []


def test_the_count_skips_the_docstring_and_sees_methods(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    statements = "\n".join(f"        x{i} = {i}" for i in range(101))
    (pkg / "m.py").write_text(
        "def short():\n"
        '    """A docstring\n\n    over lines.\n    """\n'
        "    return 1\n\n\n"
        "class C:\n"
        "    def long(self):\n"
        '        """Doc."""\n'
        f"{statements}\n",
        encoding="utf-8",
    )
    assert long_functions(pkg, 100) == ["pkg/m.py:10 long (101 lines)"]
    assert long_functions(pkg, 101) == []
