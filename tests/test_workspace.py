"""careerlib init: a coach's workspace, never written over a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlib.clients import load_client
from careerlib.exceptions import WorkspaceError
from careerlib.workspace import init_workspace, write_new_files
from tests.conftest import ROOT


def test_workspace_holds_the_notebooks_and_the_samples(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "practice")
    root = tmp_path / "practice"
    written = {p.relative_to(root).as_posix() for p in ws.files}
    notebooks = {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}
    assert notebooks <= written and len(notebooks) == 7
    for folder in ("clients", "plans", "roles", "peers", "templates"):
        expected = {f"data/{folder}/{p.name}" for p in (ROOT / "data" / folder).iterdir()}
        assert expected and expected <= written, folder
    assert "README.md" in written and not any(w.startswith("data/onet") for w in written)
    assert (root / "notebooks" / "02-roadmap.ipynb").read_bytes() == (
        ROOT / "notebooks" / "02-roadmap.ipynb"
    ).read_bytes()
    readme = (root / "README.md").read_text()
    assert "careerlib new client" in readme and "O*NET 29.0 Database" in readme


def test_the_sample_clients_load_in_the_workspace(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    for name in ("jordan-lee", "marcus-brown", "priya-nair"):
        client = load_client(tmp_path / "data" / "clients" / f"{name}.yaml")
        assert client.resolve(client.plan or "").is_relative_to(tmp_path)


def test_an_existing_folder_with_other_files_is_fine(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    init_workspace(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_files_in_the_way_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "data" / "plans").mkdir(parents=True)
    (tmp_path / "data" / "plans" / "radical-change.yaml").write_text("mine")
    (tmp_path / "README.md").write_text("my readme")
    with pytest.raises(
        WorkspaceError,
        match=r"2 files are in the way: .*README\.md, .*radical-change\.yaml; nothing was written",
    ):
        init_workspace(tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "README.md",
        "radical-change.yaml",
    ]
    assert (tmp_path / "README.md").read_text() == "my readme"


def test_a_file_as_the_workspace_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ws").write_text("")
    with pytest.raises(WorkspaceError, match=r"ws is a file, not a folder"):
        init_workspace(tmp_path / "ws")


def test_write_new_files_undoes_what_it_wrote_when_one_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "b"
    blocker.write_text("")
    target = blocker / "c.txt"  # its folder would have to be a file
    with pytest.raises(WorkspaceError, match=r"cannot make the folder .*b: .*nothing was written"):
        write_new_files({tmp_path / "a.txt": "a", target: "c"})
    assert not (tmp_path / "a.txt").exists()
