"""Issue 16, smaller wrongs: text from files is safe for the terminal, messages name the field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from careerlib._text import one_line, terminal_safe
from careerlib.cli import cli
from tests.conftest import ROOT

ESCAPES = [
    "\x1b]0;owned window title\x07",  # OSC 0: the window title
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[8mhidden\x1b[0m",  # invisible text
    "\x9b31m",  # one-byte CSI
    "\u202eevil\u202c",  # right-to-left override
    "\x07\x08\x7f",
]


@pytest.mark.parametrize("text", ESCAPES)
def test_terminal_safe_leaves_no_control_character(text: str) -> None:
    safe = terminal_safe(text)
    assert not [c for c in safe if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u202c"]
    assert "\n" not in one_line(text + "\nnext")


def test_terminal_safe_keeps_ordinary_text() -> None:
    text = "Étape ◆ 1\tdone\nnext line — naïve café 日本"
    assert terminal_safe(text) == text
    assert one_line("a\nb") == "a\\nb"


def _plan(tmp_path: Path) -> Path:
    titles = [t.replace("\\", "\\\\") for t in ESCAPES]
    steps = "\n".join(
        f'  - {{id: s{i}, title: "{t.encode("unicode_escape").decode()}", duration: 3d}}'
        for i, t in enumerate(titles)
    )
    path = tmp_path / "plan.yaml"
    path.write_text(
        'title: "Plan \\e]0;title\\a"\nowner: "\\e[31mred"\nstart: 2026-10-01\n'
        f"target: 2027-04-30\nsteps:\n{steps}\n"
    )
    return path


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]


def test_schedule_output_is_safe_for_the_terminal(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    result = CliRunner().invoke(cli, ["schedule", str(path)])
    assert result.exit_code == 0, result.stderr
    assert not _raw_controls(result.stdout)
    assert "\\x1b]0;owned window title\\x07" in result.stdout
    assert "\u202e" not in result.stdout


def test_schedule_on_a_real_terminal(tmp_path: Path) -> None:
    """On a tty click keeps ANSI codes: careerlib still writes them as text."""
    script = shutil.which("script")
    if script is None:
        pytest.skip("script (util-linux) is not installed")
    path = _plan(tmp_path)
    done = subprocess.run(
        [script, "-qec", f"{sys.executable} -m careerlib schedule {path}", "/dev/null"],
        capture_output=True,
        timeout=120,
    )
    out = done.stdout.decode("utf-8", errors="replace").replace("\r\n", "\n")
    assert done.returncode == 0, out
    assert "\x1b]" not in out and "\x1b[31m" not in out and "\x1b[2J" not in out
    assert "\\x1b[31m" in out


def test_json_output_escapes_control_characters(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schedule", str(_plan(tmp_path)), "--json"])
    assert not _raw_controls(result.stdout)
    import json

    data = json.loads(result.stdout)
    assert data["title"] == "Plan \x1b]0;title\x07"  # the data is intact, only written safely


def test_gaps_report_is_safe_for_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("onet"))
    (folder / "onet").symlink_to(ROOT / "data" / "onet")
    client = folder / "clients" / "jordan-lee.yaml"
    text = client.read_text()
    client.write_text(text.replace("name: Jordan Lee", 'name: "Jordan \\e]0;pwn\\a Lee"', 1))
    result = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    assert not _raw_controls(result.stdout)
    assert "\\x1b]0;pwn\\x07" in result.stdout


def test_error_messages_are_safe_for_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "title: T\nstart: 2026-10-01\ntarget: 2027-04-30\n"
        'steps:\n  - {id: a, duration: 3d, after: ["\\e]0;x\\a\\nline"]}\n'
    )
    result = CliRunner().invoke(cli, ["schedule", str(path)])
    assert result.exit_code == 2
    assert not _raw_controls(result.stderr.rstrip("\n"))
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("target: 2027-02-30\n", ":3: target: '2027-02-30' is not a real date"),
        ("target: 2027-04-31\n", ":3: target: '2027-04-31' is not a real date"),
        (
            "target: 2027-04-30\nsteps:\n  - {id: a, duration: 3d, deadline: 2026-02-29}\n",
            "deadline",
        ),
    ],
)
def test_an_impossible_date_names_its_field(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "plan.yaml"
    body = "title: T\nstart: 2026-10-01\n" + text
    if "steps" not in text:
        body += "steps:\n  - {id: a, duration: 3d}\n"
    path.write_text(body)
    result = CliRunner().invoke(cli, ["schedule", str(path)])
    assert result.exit_code == 2
    assert match in result.stderr
    if "deadline" in match:
        assert "step 'a', deadline: '2026-02-29' is not a real date" in result.stderr


def test_gaps_json_stays_json_with_c1_and_bidi_characters(tmp_path: Path) -> None:
    import json

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("onet"))
    (folder / "onet").symlink_to(ROOT / "data" / "onet")
    client = folder / "clients" / "jordan-lee.yaml"
    name = "Jordan \x9b31m \u202eeel\u202c \x7f Lee"
    text = client.read_text().replace(
        "name: Jordan Lee", f'name: "{name.encode("unicode_escape").decode()}"', 1
    )
    client.write_text(text)
    result = CliRunner().invoke(cli, ["gaps", str(client), "--as-of", "2026-11-23", "--json"])
    assert result.exit_code == 0, result.stderr
    assert not _raw_controls(result.stdout) and "\u202e" not in result.stdout
    assert json.loads(result.stdout)["client"] == name  # the same text, written safely


def test_quotes_in_titles_show_as_quotes_in_images(tmp_path: Path) -> None:
    """A ``"`` in a title is a quote in the SVG (it showed as ``&quot;``)."""
    from tests.conftest import need_browser

    need_browser()
    path = tmp_path / "plan.yaml"
    path.write_text(
        'title: \'The "big" move & <more>\'\nowner: "O\'Neil"\nstart: 2026-10-01\n'
        "target: 2027-04-30\nsteps:\n"
        "  - {id: a, title: 'Say \"yes\" to the offer', duration: 3d}\n"
        '  - {id: b, title: "Jordan\'s <b>bold</b> step", duration: 2d, after: [a]}\n'
    )
    out = tmp_path / "gantt.svg"
    result = CliRunner().invoke(cli, ["gantt", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    svg = out.read_text()
    assert "quot;" not in svg and "#x27;" not in svg and "&amp;lt;" not in svg
    import re

    shown = " ".join(
        re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    )
    import html

    shown = html.unescape(shown)
    assert 'Say "yes" to the offer' in shown
    assert 'The "big" move & <more>' in shown
    assert "O'Neil" in shown
    assert "Jordan's <b>bold</b> step" in shown
