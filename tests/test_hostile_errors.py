"""Issue 16, every error is one ``careerlib: ...`` line: exit 2 for an input, 1 for output/IO.

Never a traceback, whether the error is careerlib's, YAML's, Python's or the
operating system's (disk full, read-only folder, a name too long).
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib.cli import cli
from tests.conftest import ROOT, SAMPLE_PLANS

PLAN = SAMPLE_PLANS / "same-sector-move.yaml"
CLIENT = ROOT / "data" / "clients" / "jordan-lee.yaml"
HEAD = "title: T\nstart: 2026-10-01\ntarget: 2027-04-30\n"
STEP = "steps:\n  - {id: a, duration: 3d}\n"


def run(*args: str) -> tuple[int, str]:
    """Run the command line in a process of its own: its exit status and its standard error."""
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", *args], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stderr


def assert_one_line(err: str) -> None:
    assert "Traceback" not in err
    assert err.startswith("careerlib: "), err
    assert err.count("\n") == 1, err
    assert "\x1b" not in err


def _file(tmp_path: Path, text: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(
    ("text", "match"),
    [
        pytest.param(HEAD + "? [a, b]\n: 1\n" + STEP, "a key cannot be a list", id="list-key"),
        pytest.param(HEAD + "? {a: 1}\n: 1\n" + STEP, "a key cannot be a mapping", id="map-key"),
        pytest.param(
            HEAD
            + "steps:\n  - {id: "
            + "7" * 5000
            + ", duration: 3d}\n"
            + "  - {id: b, after: ["
            + "7" * 5000
            + "x], duration: 3d}\n",
            "unknown step",
            id="5000-digit-id",
        ),
        pytest.param(
            HEAD + "owner: " + "9" * 5000 + "\n" + STEP, "", id="5000-digit-owner-is-text"
        ),
        pytest.param(
            HEAD + "steps:\n  - {id: a, duration: 1e23}\n", "step 'a', duration", id="duration-1e23"
        ),
        pytest.param(
            HEAD + "steps:\n  - {id: a, duration: 1.0e+23}\n", "step 'a', duration", id="float-1e23"
        ),
        pytest.param(
            "title: T\nstart: 9999-12-01\ntarget: 9999-12-31\n" + STEP, "start", id="year-9999"
        ),
        pytest.param(
            "title: T\nstart: 0001-01-01\ntarget: 0001-01-02\n" + STEP, "start", id="year-1"
        ),
        pytest.param(
            "title: T\nstart: 2026-10-01\ntarget: 10000-01-01\n" + STEP, "target", id="year-10000"
        ),
        pytest.param(
            "title: T\nstart: 2026-10-01\ntarget: 2027-02-30\n" + STEP,
            "target: '2027-02-30' is not a real date",
            id="feb-30",
        ),
        pytest.param(
            HEAD + STEP + "#" + "x" * 20000 + "\n# \x00 late\n",
            ":7: this is not a text file",
            id="nul-late",
        ),
        pytest.param(
            HEAD + STEP + "# \x1b]0;owned\x07\n", "not valid YAML", id="escape-in-comment"
        ),
        pytest.param(b"title: T\n\xff\xfe\n", "not a UTF-8 text file", id="not-utf8"),
        pytest.param(HEAD + "steps: [\n", "not valid YAML", id="unclosed"),
        pytest.param("- a\n- b\n", "must be a mapping", id="a-list"),
        pytest.param("", "empty", id="empty"),
        pytest.param(
            HEAD + "steps:\n  - {id: a, duration: 3d, title: !!python/object:os.system x}\n",
            "not allowed",
            id="python-tag",
        ),
        pytest.param(
            HEAD + "steps:\n  - {id: a, duration: 3d, title: !!binary AAAA}\n",
            "",
            id="binary-is-text",
        ),
        pytest.param(
            HEAD + "steps:\n  - {id: a, duration: 3d, title: 0x" + "f" * 5000 + "}\n",
            "",
            id="hex-5000-is-text",
        ),
    ],
)
def test_bad_plans_are_one_line(tmp_path: Path, text: str | bytes, match: str) -> None:
    path = _file(tmp_path, text)
    code, err = run("schedule", str(path))
    if match == "":  # odd but valid: scheduled, without a traceback
        assert code == 0, err
        assert err == ""
        return
    assert code == 2, err
    assert_one_line(err)
    assert match in err


def test_ics_export_of_a_title_with_line_breaks(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        'title: "Plan\\nBEGIN:VEVENT\\r\\nSUMMARY:injected"\nstart: 2026-10-01\n'
        'target: 2027-04-30\nsteps:\n  - {id: a, title: "two\\nlines", duration: 3d}\n',
    )
    out = tmp_path / "plan.ics"
    code, err = run("export", str(path), "-o", str(out))
    assert code == 0, err
    text = out.read_text()
    # the title did not start an event of its own: the step (with its alarm before
    # the latest start) and the recurring check-in (with its alarm)
    assert [line for line in text.splitlines() if line.startswith("BEGIN:")] == [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "BEGIN:VALARM",
        "BEGIN:VEVENT",
        "BEGIN:VALARM",
    ]
    import icalendar

    cal = icalendar.Calendar.from_ical(text)
    step, checkins = cal.walk("VEVENT")
    assert str(step["SUMMARY"]) == "two\nlines"
    assert str(checkins["UID"]).startswith("checkins@")
    assert str(checkins["SUMMARY"]).startswith("Check-in: Plan\nBEGIN:VEVENT")  # text, escaped


def test_as_of_outside_the_window(tmp_path: Path) -> None:
    for day in ("9999-12-31", "0001-01-01"):
        code, err = run("gaps", str(CLIENT), "--as-of", day)
        assert code == 2
        assert_one_line(err)
        assert "--as-of" in err and "outside the dates" in err
    code, err = run("gaps", str(CLIENT), "--as-of", "2026-02-30")
    assert code == 2
    assert_one_line(err)


@pytest.mark.parametrize(
    "args",
    [
        ["schedule"],
        ["schedule", "--frobnicate", "x"],
        ["nonsense"],
        ["export", str(PLAN), "-o", "plan.txt"],
        ["gantt", str(PLAN), "-o", "."],
        ["schedule", "missing.yaml"],
        ["schedule", "."],
        ["gaps", str(PLAN)],
    ],
)
def test_usage_and_input_errors_are_one_line(args: list[str]) -> None:
    code, err = run(*args)
    assert code == 2, err
    assert_one_line(err)


def test_a_name_near_255_bytes(tmp_path: Path) -> None:
    for length in (251, 255, 300):
        out = tmp_path / ("r" * (length - 4) + ".csv")
        code, err = run("export", str(PLAN), "-o", str(out))
        if length <= 255:
            assert code == 0, err
            assert out.exists()
        else:
            assert code == 1
            assert_one_line(err)
            assert "too long" in err
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_out_naming_an_existing_file(tmp_path: Path) -> None:
    taken = tmp_path / "reports"
    taken.write_text("x")
    code, err = run("demo", "--out", str(taken))
    assert code == 2
    assert_one_line(err)
    code, err = run("export", str(PLAN), "-o", str(taken / "plan.csv"))
    assert code == 1
    assert_one_line(err)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"yesterday's export")
    done = subprocess.run(
        [sys.executable, "-m", "careerlib", "export", str(PLAN), "-o", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert_one_line(done.stderr)
    assert str(out) in done.stderr and "too large" in done.stderr.lower()
    assert out.read_bytes() == b"yesterday's export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EROFS, "Read-only file system"),
        (errno.EACCES, "Permission denied"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_os_errors_while_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    from careerlib import _atomic

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(_atomic.os, "fsync", fail)
    out = tmp_path / "plan.csv"
    result = CliRunner().invoke(cli, ["export", str(PLAN), "-o", str(out)])
    assert result.exit_code == 1
    assert_one_line(result.stderr)
    assert words in result.stderr and str(out) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:  # root writes anyway: then the file system says it
        folder.chmod(0o555)
    else:
        from careerlib import _atomic

        real_open = os.open

        def read_only(path: object, *args: object, **kwargs: object) -> int:
            if str(path).startswith(str(folder)):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(_atomic.os, "open", read_only)
    result = CliRunner().invoke(cli, ["export", str(PLAN), "-o", str(folder / "plan.ics")])
    assert result.exit_code == 1
    assert_one_line(result.stderr)
    assert str(folder / "plan.ics") in result.stderr
    folder.chmod(0o755)


def test_an_unreadable_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, HEAD + STEP)
    real = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    result = CliRunner().invoke(cli, ["schedule", str(path)])
    assert result.exit_code == 2
    assert_one_line(result.stderr)
    assert "Permission denied" in result.stderr


def test_an_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from careerlib.scheduling import scheduler

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something careerlib did not expect\nsecond line")

    monkeypatch.setattr(scheduler, "schedule", broken)
    monkeypatch.delenv("CAREERLIB_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["schedule", str(PLAN)])
    assert result.exit_code == 1
    assert_one_line(result.stderr)
    assert "bug in careerlib" in result.stderr and "\\nsecond line" in result.stderr
