"""The package's import graph: no cycle, and no module imports one above it.

The layers follow the data flow (plan file -> models -> calendar -> schedule ->
analyses -> charts/exports -> notebooks, widgets, batch, CLI). Only imports
that run when a module is imported count: those inside functions (a method on
``Plan`` that calls the scheduler) and under ``if TYPE_CHECKING:`` do not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "careerlib"

#: Layer of each module, by its dotted name under careerlib; a package's modules
#: share its layer unless a longer name gives them their own (the scheduling
#: engine holds the calendar, layer 2, and the passes, layer 3). A module may
#: import from its own layer and those below.
LAYERS: dict[str, int] = {
    # shared small helpers
    **dict.fromkeys(
        [
            "exceptions",
            "_atomic",
            "_browser",
            "_input_log",
            "_deprecated",
            "_graph",
            "_jsonable",
            "_jsonl",
            "_paths",
            "_speedups",
            "_text",
            "limits",
        ],
        0,
    ),
    # input files read into models (the plan, client profiles, roles, peer groups)
    **dict.fromkeys(
        [
            "_fields",
            "_plan_edits",
            "_yaml_hints",
            "models",
            "planfile",
            "clients",
            "assessments",
            "interests",
            "onet",
            "titles",
            "peers",
        ],
        1,
    ),
    # the calendar and the client's hours
    **dict.fromkeys(
        ["scheduling.calendars", "scheduling.capacity", "scheduling._capacity_grid"], 2
    ),
    # the schedule, and plans changed and scheduled again
    **dict.fromkeys(["scheduling", "whatif", "draft"], 3),
    # analyses (tracking: baselines, check-ins, the forecast; the practice roster; the
    # cheapest alternatives to the target)
    # (inputs: a plan or a client file, read for a command; client_inputs: a client
    # and every file its analyses read, listed)
    **dict.fromkeys(
        ["gaps", "tracking", "roster_status", "inputs", "tradeoff", "client_inputs"], 4
    ),
    # what a person sees or keeps
    **dict.fromkeys(
        [
            "charts",
            "exports",
            "_image_service",
            "_printer",
            "_ics",
            "_ics_checkins",
            "_spreadsheet",
            "terminal",
            "roster_files",
            "tables",
            "summaries",
            "report",
        ],
        5,
    ),
    # notebooks, the console, batch runs, the command line, the package's front door
    **dict.fromkeys(
        [
            "notebook",
            "console",
            "batch",
            "demo",
            "newclient",
            "workspace",
            "cli",
            "__main__",
            "",
        ],
        6,
    ),
    # old import paths kept for notebooks already written (deprecated re-exports)
    **dict.fromkeys(
        [
            "widgets",
            "checkin_panel",
            "practice",
            "practice_files",
            "scheduler",
            "calendars",
            "capacity",
        ],
        6,
    ),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (ROOT / rel).with_suffix(".py").is_file() or (ROOT / rel / "__init__.py").is_file()


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_time_nodes(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements run at import: the module body, into if/try blocks, not functions."""
    out: list[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.If):
            if not _type_checking(node.test):
                out += _import_time_nodes(node.body)
            out += _import_time_nodes(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                out += _import_time_nodes(block)
            for handler in node.handlers:
                out += _import_time_nodes(handler.body)
        elif isinstance(node, ast.With):
            out += _import_time_nodes(node.body)
        elif isinstance(node, ast.ClassDef):
            out += _import_time_nodes(node.body)
        else:
            out.append(node)
    return out


def _imports(path: Path) -> set[str]:
    """The careerlib modules a module imports when it is imported."""
    here = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _import_time_nodes(tree.body):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "careerlib"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from .y import z
                base = here.split(".")
                if path.name != "__init__.py":
                    base.pop()
                base = base[: len(base) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "careerlib":
                continue
            subs = [f"{mod}.{a.name}" for a in node.names if _is_module(f"{mod}.{a.name}")]
            found |= set(subs) if len(subs) == len(node.names) else {mod, *subs}
    found.discard(here)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    parts = module.split(".")[1:]
    for n in range(len(parts), -1, -1):
        key = ".".join(parts[:n])
        if key in LAYERS and (n or not parts):
            return LAYERS[key]
    pytest.fail(f"{module} has no layer: add it to LAYERS in tests/test_layers.py")


def test_every_module_has_a_layer() -> None:
    for module in _graph():
        _layer(module)


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [
        f"{module} (layer {_layer(module)}) imports {dep} (layer {_layer(dep)})"
        for module, deps in _graph().items()
        for dep in sorted(deps)
        if _layer(dep) > _layer(module)
    ]
    assert wrong == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in sorted(graph.get(module, ())):
            if state.get(dep) == 1:
                loop = path[path.index(dep) :] + [dep] if dep in path else [module, dep]
                pytest.fail("import cycle: " + " -> ".join(loop))
            if dep not in state:
                visit(dep, [*path, dep])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])


def test_the_checker_sees_what_it_should() -> None:
    graph = _graph()
    assert "careerlib.models" in graph["careerlib.scheduling.scheduler"]
    # Plan.schedule imports the scheduler inside the method, and models imports
    # Schedule only for type checking: neither is an edge
    assert "careerlib.scheduling.scheduler" not in graph["careerlib.models"]
    assert "careerlib.scheduling.capacity" in graph["careerlib.scheduling._placement"]


def test_imports_in_functions_and_type_checking_blocks_do_not_count(tmp_path: Path) -> None:
    src = tmp_path / "mod.py"
    src.write_text(
        "from typing import TYPE_CHECKING\n"
        "from careerlib.scheduling.scheduler import Schedule\n"
        "if TYPE_CHECKING:\n    from careerlib.charts import gantt\n"
        "def f():\n    from careerlib.cli import cli\n"
    )
    tree = ast.parse(src.read_text())
    names = [
        n.module
        for n in _import_time_nodes(tree.body)
        if isinstance(n, ast.ImportFrom) and n.module != "typing"
    ]
    assert names == ["careerlib.scheduling.scheduler"]


def test_the_architecture_page_names_every_module() -> None:
    """docs/architecture.md stays the map: every module and package with a layer is on it."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    shims = {"widgets", "checkin_panel", "practice", "practice_files", "scheduler", "calendars"}
    shims.add("capacity")
    missing = []
    for key in LAYERS:
        if not key or key in shims:
            continue
        path = key.replace(".", "/")
        is_package = (PACKAGE / path / "__init__.py").is_file()
        if f"`{path}/`" not in page and f"`{path}.py`" not in page and not is_package:
            missing.append(key)
        elif is_package and f"`{path}/`" not in page:
            missing.append(key)
    assert missing == []
