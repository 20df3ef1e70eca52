"""The docs: a site that builds strictly, links that resolve, pages that travel with careerlib.

The pages (``docs/*.md`` and ``docs/images/``) are installed with the package
and copied into every workspace by ``careerlib init``; every link in them, in
the README and in the files careerlib writes must resolve there, and none may
point outside the project (a user has nothing else). The API reference
(``docs/api/``) is generated from the docstrings by mkdocstrings and is only
part of the site.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from careerlib._paths import docs_dir
from tests.conftest import ROOT
from tests.links import anchors, broken_links, markdown_files

PAGES = sorted(p.name for p in (ROOT / "docs").glob("*.md"))


def test_the_package_finds_its_docs() -> None:
    assert docs_dir() == ROOT / "docs"
    assert {"index.md", "plan-format.md", "client-format.md", "coach-console.md"} <= set(PAGES)


def test_every_link_in_the_repository_resolves() -> None:
    files = markdown_files(ROOT)
    assert ROOT / "README.md" in files and ROOT / "docs" / "index.md" in files
    assert ROOT / "data" / "templates" / "README.md" in files
    assert broken_links(files, ROOT) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_page_points_outside_the_project(page: str) -> None:
    text = (ROOT / "docs" / page).read_text()
    for outside in ("shared/spec", "shared/conformance", "../shared", "/work/"):
        assert outside not in text, f"{page} names {outside}"


def test_every_page_is_listed_on_the_index() -> None:
    index = (ROOT / "docs" / "index.md").read_text()
    assert [p for p in PAGES if p != "index.md" and f"]({p})" not in index] == []


def test_the_link_checker_finds_what_is_broken(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "# Title `with` code\n\n## Limits\n\n"
        "[ok](b.md#the-b) [ok](#limits) [web](https://example.org/x) ![img](missing.png)\n"
        "[gone](c.md) [anchor](b.md#nowhere) [out](../../shared/spec/x.md) [abs](/etc/passwd)\n"
        "```\n[in code](nothing.md)\n```\n`[inline](nothing.md)`\n"
    )
    (tmp_path / "docs" / "b.md").write_text("# The B\n")
    (tmp_path / "x.yaml").write_text("# see docs/a.md and docs/nope.md\nkey: docs/z.md\n")
    problems = broken_links([tmp_path / "docs" / "a.md", tmp_path / "x.yaml"], tmp_path)
    found = sorted(p.split(": ")[1] for p in problems)
    assert found == [
        "../../shared/spec/x.md",
        "/etc/passwd",
        "b.md#nowhere",
        "c.md",
        "docs/nope.md",
        "missing.png",
    ], problems
    assert "title-with-code" in anchors(tmp_path / "docs" / "a.md")


def test_a_workspace_gets_the_docs_and_its_links_resolve(tmp_path: Path) -> None:
    """What `careerlib init` and `careerlib new client` write, checked like the repository."""
    from careerlib.newclient import new_client
    from careerlib.workspace import init_workspace

    init_workspace(tmp_path)
    new_client("Ana Gomez", "Nurse Manager", template="promotion", folder=tmp_path)
    copied = sorted(p.name for p in (tmp_path / "docs").glob("*.md"))
    assert copied == PAGES
    assert (tmp_path / "docs" / "images" / "gantt.png").is_file()
    assert not (tmp_path / "docs" / "api").exists()  # the site's API pages stay in the site
    written = [*markdown_files(tmp_path), *sorted((tmp_path / "data").rglob("ana-gomez.yaml"))]
    assert len(written) > len(PAGES) + 2
    assert broken_links(written, tmp_path) == []
    # the YAML comments of the new files name docs pages, and those are checked
    assert "docs/client-format.md" in (tmp_path / "data/clients/ana-gomez.yaml").read_text()


@pytest.mark.slow
def test_the_docs_site_builds_strictly(tmp_path: Path) -> None:
    """`mkdocs build --strict`: no broken link, no docstring mkdocstrings cannot read."""
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "index.html").is_file() and (site / "plan-format.html").is_file()
    api = (site / "api" / "plans.html").read_text()
    # the reference comes from the docstrings
    assert "load_plan" in api and "Read and validate a plan file." in api
    assert "console_command" in (site / "api" / "workspace.html").read_text()
