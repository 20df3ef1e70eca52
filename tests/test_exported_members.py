"""careerlib's public names: sorted, complete, and all importable."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
from pathlib import Path

import pytest

import careerlib


def test_all_is_sorted_and_unique() -> None:
    assert careerlib.__all__ == sorted(set(careerlib.__all__))


def test_every_public_name_is_exported() -> None:
    public = {
        name
        for name in vars(careerlib)
        if not name.startswith("_") and not isinstance(getattr(careerlib, name), type(careerlib))
    }
    public.discard("annotations")
    public.discard("import_module")
    public.discard("Any")
    public.discard("TYPE_CHECKING")
    assert public <= set(careerlib.__all__) | {"__version__"}


def test_every_exported_name_resolves() -> None:
    for name in careerlib.__all__:
        assert getattr(careerlib, name) is not None, name
    assert sorted(dir(careerlib)) == sorted(careerlib.__all__)


def _init_tree() -> ast.Module:
    return ast.parse(Path(careerlib.__file__).read_text(encoding="utf-8"))


def _type_checking_names() -> set[str]:
    names: set[str] = set()
    for node in _init_tree().body:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom), ast.dump(imp)
                names |= {a.asname or a.name for a in imp.names}
    return names


def _exception_names() -> set[str]:
    for node in _init_tree().body:
        if isinstance(node, ast.ImportFrom) and node.module == "careerlib.exceptions":
            return {a.asname or a.name for a in node.names}
    raise AssertionError("careerlib/__init__.py imports no exceptions")


def test_one_source_for_the_public_api() -> None:
    """``__all__``, ``_LAZY`` and the ``TYPE_CHECKING`` imports name the same things.

    Every lazy name is also imported for type checkers, so that editors and
    mypy see ``careerlib.track_client`` as the function, not ``Any``.
    """
    lazy = set(careerlib._LAZY)
    assert _type_checking_names() == lazy
    assert set(careerlib.__all__) == lazy | _exception_names() | {"__version__"}


def test_a_type_checking_import_names_the_lazy_object() -> None:
    for node in _init_tree().body:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                module = importlib.import_module(imp.module)
                for a in imp.names:
                    assert getattr(module, a.name) is getattr(careerlib, a.asname or a.name)


# --- the names the notebooks use are public ------------------------------------

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _chain(node: ast.expr) -> list[str]:
    """``a.b.c`` as ``["a", "b", "c"]`` ([] when it does not start with a name)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) else []


def notebook_names(source: str) -> set[tuple[str, str]]:
    """``(module, name)`` for each careerlib name a notebook's code uses.

    A name is looked up in the module it is read from: ``careerlib.load_plan``
    in ``careerlib``, ``charts.gantt`` after ``from careerlib import charts`` in
    ``careerlib.charts`` (a package's ``__init__`` once charts is one), and
    ``from careerlib.notebook import record`` in ``careerlib.notebook``.
    """
    tree = ast.parse(source)
    modules: dict[str, str] = {}  # local name -> careerlib module
    used: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "careerlib":
                    if a.asname:
                        modules[a.asname] = a.name
                    else:
                        modules["careerlib"] = "careerlib"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "careerlib":
            mod = node.module or "careerlib"
            for a in node.names:
                if _is_module(f"{mod}.{a.name}"):
                    modules[a.asname or a.name] = f"{mod}.{a.name}"
                else:
                    used.add((mod, a.name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            parts = _chain(node)
            if len(parts) < 2 or parts[0] not in modules:
                continue
            mod = modules[parts[0]]
            rest = parts[1:]
            # walk down submodules (careerlib.charts.gantt), then the first name is the one used
            while len(rest) > 1 and _is_module(f"{mod}.{rest[0]}"):
                mod, rest = f"{mod}.{rest[0]}", rest[1:]
            if not _is_module(f"{mod}.{rest[0]}"):
                used.add((mod, rest[0]))
    return used


def _code(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    return "\n".join("".join(c["source"]) for c in cells)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_names_the_notebooks_use_are_public(notebook: Path) -> None:
    used = notebook_names(_code(notebook))
    assert used, "the notebook uses no careerlib name: the parser missed them"
    private = sorted(
        f"{mod}.{name}"
        for mod, name in used
        if name not in getattr(importlib.import_module(mod), "__all__", ())
    )
    assert private == []


def _imported_modules(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "careerlib"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "careerlib":
            found.add(node.module or "careerlib")
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_import_only_top_level_names(notebook: Path) -> None:
    """``careerlib.X`` only, never a module below it, so a module can move under them.

    A coach's workspace holds copies of these notebooks: ``careerlib.console.explorers``
    may move again, ``careerlib.PlanExplorer`` does not.
    """
    deep = sorted(m for m in _imported_modules(_code(notebook)) if m.count(".") > 1)
    private = sorted(
        m
        for m in _imported_modules(_code(notebook))
        if any(p.startswith("_") for p in m.split("."))
    )
    deprecated = {"careerlib.widgets", "careerlib.checkin_panel", "careerlib.practice_files"}
    assert deep == [] and private == []
    assert not deprecated & _imported_modules(_code(notebook))
