"""A coach's workspace: the notebook templates and the sample data, in a folder of one's own.

``careerlib init [DIR]`` (:func:`init_workspace`; default: the current folder) writes::

    DIR/
      README.md                      what is where, and the commands to start with
      docs/                          careerlib's documentation (docs/index.md first)
      notebooks/                     the notebook templates (00-coach-session.ipynb, ...)
      data/clients/  data/plans/     the sample clients and their plans
      data/roles/    data/peers/     the sample role files and peer group
      data/templates/                the route templates of `careerlib new client`
      data/assessments/              the interest profiler's sample items; the practice's
                                     own go in interest-items.yaml beside them

The O*NET tables stay in the package: every command finds them there. A
workspace is laid out like the package's data, so the sample files' relative
paths (``../plans/...``) and the notebooks' default client
(``../data/clients/jordan-lee.yaml``) work in it as they do in the repository.

Nothing is ever written over: when any file is in the way, the error names
them and no file is written (:func:`write_new_files`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from careerlib._paths import data_path, docs_dir, notebooks_dir
from careerlib.exceptions import WorkspaceError

__all__ = ["SAMPLE_FOLDERS", "Workspace", "init_workspace", "write_new_files"]

#: The folders of the package's data a workspace gets a copy of.
SAMPLE_FOLDERS: tuple[str, ...] = (
    "clients",
    "plans",
    "roles",
    "peers",
    "templates",
    "assessments",
)

_README = """\
# {title}

A careerlib workspace: made by `careerlib init`, with careerlib {version}.

| folder | what it holds |
| --- | --- |
| `docs/` | careerlib's documentation: start with [docs/index.md](docs/index.md) |
| `notebooks/` | the notebook templates: `00-coach-session` (the coach console), \
`01-assessment`, `02-roadmap`, `03-gap-analysis`, `04-checkpoint-review` |
| `data/clients/` | client profiles (three samples to start from) |
| `data/plans/` | the clients' career plans |
| `data/roles/` | role files: an O*NET occupation refined for a role |
| `data/peers/` | a peer group and its metric definitions (synthetic sample) |
| `data/templates/` | the route templates of `careerlib new client`: copy one to make your own |
| `data/assessments/` | the interest profiler's items: careerlib's sample (not a validated \
inventory); put the practice's own items in `interest-items.yaml` here |

Start here, in this folder:

```sh
careerlib new client "Ana Gomez" --role "Nurse Manager" --template promotion
careerlib schedule data/plans/ana-gomez.yaml
careerlib gaps data/clients/ana-gomez.yaml
careerlib assess data/clients/ana-gomez.yaml interests
careerlib gantt data/plans/ana-gomez.yaml -o ana-gomez.png
careerlib checkin data/clients/ana-gomez.yaml assess=done
careerlib report data/clients/ana-gomez.yaml -o ana-gomez.pdf
careerlib run notebooks/02-roadmap.ipynb --client data/clients/ana-gomez.yaml --out reports
careerlib console data/clients/ana-gomez.yaml
```

The client file says who the client is and where they want to go
([docs/client-format.md](docs/client-format.md)); the plan says the steps and
the target date ([docs/plan-format.md](docs/plan-format.md)). The route
templates are described in [data/templates/README.md](data/templates/README.md).

The O*NET tables come with careerlib itself. {attribution}
"""


@dataclass(frozen=True)
class Workspace:
    """What :func:`init_workspace` wrote.

    Attributes
    ----------
    root
        The workspace folder.
    files
        Every file written, in the order written.
    """

    root: Path
    files: tuple[Path, ...]


def write_new_files(files: Mapping[Path, str | bytes]) -> tuple[Path, ...]:
    """Write new files, all of them or none, never over an existing file.

    Folders are created as needed. Each file is created exclusively, so a file
    that appears meanwhile is not replaced either; then the files already
    written are removed again.

    Raises
    ------
    WorkspaceError
        When any of the files exists, naming every one in the way.
    """
    in_way = [p for p in files if p.exists() or p.is_symlink()]
    if in_way:
        raise _in_the_way(in_way)
    written: list[Path] = []
    with _undo_on_error(written):
        for path, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot make the folder {path.parent}: {exc.strerror or exc}; "
                    "nothing was written"
                ) from None
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                raise _in_the_way([path]) from None
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot write {path}: {exc.strerror or exc}; nothing was written"
                ) from None
            written.append(path)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot write {path}: {exc.strerror or exc}; nothing was written"
                ) from None
    return tuple(written)


def _in_the_way(paths: list[Path]) -> WorkspaceError:
    names = ", ".join(str(p) for p in paths[:10])
    more = f" and {len(paths) - 10} more" if len(paths) > 10 else ""
    what = "file is" if len(paths) == 1 else "files are"
    return WorkspaceError(
        f"{len(paths)} {what} in the way: {names}{more}; nothing was written "
        "(careerlib never writes over a file: move them, or choose another folder)"
    )


@contextlib.contextmanager
def _undo_on_error(written: list[Path]) -> Iterator[None]:
    try:
        yield
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def _doc_files(root: Path) -> dict[Path, bytes]:
    """Target path in the workspace -> content, for the docs pages and their images.

    The same files the wheel carries (``docs/*.md``, ``docs/images/``): the
    docs site's API reference (``docs/api/``) is not a page to read in a folder.
    """
    source = docs_dir()
    pages = sorted(source.glob("*.md"))
    images = sorted(p for p in (source / "images").glob("*") if p.suffix in {".png", ".svg"})
    return {root / "docs" / p.relative_to(source): p.read_bytes() for p in [*pages, *images]}


def _sample_files(root: Path) -> dict[Path, bytes]:
    """Target path in the workspace -> content, for the docs, the notebooks and the sample data."""
    files: dict[Path, bytes] = _doc_files(root)
    for notebook in sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb")):
        files[root / "notebooks" / notebook.name] = notebook.read_bytes()
    for folder in SAMPLE_FOLDERS:
        source = data_path(folder)
        if not source.is_dir():
            continue
        for path in sorted(source.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                files[root / "data" / folder / path.name] = path.read_bytes()
    return files


def init_workspace(folder: str | Path = ".") -> Workspace:
    """Make a coach's workspace in ``folder`` (default: the current folder; created when
    missing; see the module docstring).

    The folder may exist and hold other files; none of them is touched.

    Raises
    ------
    WorkspaceError
        When ``folder`` is a file, or when any file the workspace needs is
        there already (naming them; nothing is written).
    """
    from careerlib import __version__
    from careerlib.onet import ATTRIBUTION

    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} is a file, not a folder; choose a folder for the workspace")
    files: dict[Path, str | bytes] = {
        root / "README.md": _README.format(
            title=f"careerlib workspace: {root.resolve().name}",
            version=__version__,
            attribution=ATTRIBUTION,
        )
    }
    files.update(_sample_files(root))
    return Workspace(root=root, files=write_new_files(files))
