"""The client's document: every sample client rendered as HTML and PDF, read back and looked at.

Screenshots of the first pages of each PDF land in tests/artifacts/report/
(gitignored) for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from careerlib.exceptions import UsageError
from careerlib.report import finish_report, gather, report_html, write_report
from tests.conftest import ROOT, in_ci, need_browser

CLIENTS = sorted((ROOT / "data" / "clients").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 23)
ARTIFACTS = ROOT / "tests" / "artifacts" / "report"

#: What a client must never read: code's words for nothing and for yes/no, and Python's insides.
CODE_TEXT = [
    r">\s*(nan|NaN|None|NaT|True|False|\(\))\s*<",  # a whole cell
    r"\(['\w-]+,\)",  # a one-element tuple
    r"Traceback \(most recent call last\)",
    r"<[\w.]+ (object )?at 0x[0-9a-f]+>",  # a repr
    r"\bdtype\b|\bDataFrame\b|\bStyler\b",
]


def need_poppler() -> None:
    """pdftotext and pdftoppm (Debian's poppler-utils): fail in CI when missing."""
    if shutil.which("pdftotext") and shutil.which("pdftoppm"):
        return
    if in_ci():
        pytest.fail("the PDF tests need poppler-utils (pdftotext, pdftoppm) in CI")
    pytest.skip("poppler-utils is not installed")


def visible_text(page: str) -> str:
    """The page without its scripts and styles (plotly.js holds words such as None)."""
    page = re.sub(r"<script.*?</script>", "", page, flags=re.DOTALL)
    return re.sub(r"<style.*?</style>", "", page, flags=re.DOTALL)


def assert_reads_as_a_report(text: str) -> None:
    for pattern in CODE_TEXT:
        assert not re.search(pattern, text), (pattern, re.search(pattern, text))


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pdf_pages(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", done.stdout, re.M).group(1))  # type: ignore[union-attr]


def screenshots(pdf: Path, name: str, pages: int = 3) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / name
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", str(pages), str(pdf), str(prefix)],
        check=True,
    )
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


@pytest.mark.slow
@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_sample_client_as_html(client: Path, tmp_path: Path) -> None:
    out = write_report(client, tmp_path / "report.html", as_of=AS_OF)
    page = out.read_text(encoding="utf-8")
    name = yaml.safe_load(client.read_text())["name"]
    text = visible_text(page)
    assert_reads_as_a_report(text)
    assert f"<h1>{html.escape(name)}</h1>" in text
    for part in ("Where you stand", "The roadmap", "The gaps", "The latest check-in"):
        assert part in text
    assert page.count("plotly.js v") == 1  # inlined once: the file opens offline
    assert not re.search(r"<script[^>]*\ssrc=", page)  # nothing loaded from elsewhere


@pytest.mark.slow
@pytest.mark.parametrize("client", CLIENTS, ids=[c.stem for c in CLIENTS])
def test_every_sample_client_as_pdf(client: Path, tmp_path: Path) -> None:
    need_browser()
    need_poppler()
    content = gather(client, AS_OF)
    out = write_report(client, tmp_path / "report.pdf", as_of=AS_OF)
    assert out.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(out)
    assert pages >= 8
    text = pdf_text(out)
    flat = " ".join(text.split())
    assert_reads_as_a_report(flat)
    assert content.profile.name in flat
    assert content.coach is not None and content.coach in flat
    assert " ".join(content.checkin.verdict.split()[:6]) in flat  # the verdict, on the cover
    assert f"Page 1 of {pages}" not in flat  # the cover has no footer
    assert f"Page 2 of {pages}" in flat and f"Page {pages} of {pages}" in flat
    shots = screenshots(out, client.stem)
    assert len(shots) == 3 and all(s.stat().st_size > 10_000 for s in shots)


def hostile_client(tmp_path: Path) -> Path:
    """Jordan Lee's profile with HTML and Markdown in what a client types, beside its files."""
    source = ROOT / "data" / "clients" / "jordan-lee.yaml"
    doc = yaml.safe_load(source.read_text())
    doc["name"] = "Jo <script>alert('name')</script> & **Lee**"
    doc["coach"] = "<img src=x onerror=alert(1)>"
    doc["self_assessment"]["interests"]["Investigative"]["note"] = "<b>bold</b> [x](http://e)"
    for key in ("target_role", "plan", "peers", "metrics"):
        if doc.get(key):
            doc[key] = str((source.parent / doc[key]).resolve())
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    return path


@pytest.mark.slow
def test_what_a_client_typed_is_escaped_in_html_and_pdf(tmp_path: Path) -> None:
    client = hostile_client(tmp_path)
    page = report_html(gather(client, AS_OF), chart_mode="plotly")
    text = visible_text(page)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold</b>" not in page
    assert "Jo &lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt; &amp; **Lee**" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    need_browser()
    need_poppler()
    out = write_report(client, tmp_path / "hostile.pdf", as_of=AS_OF)
    flat = " ".join(pdf_text(out).split())
    assert "Jo <script>alert('name')</script> & **Lee**" in flat
    assert "<img src=x onerror=alert(1)>" in flat


def test_only_html_and_pdf(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"'plan\.docx'; valid suffixes: \.html, \.pdf"):
        write_report(ROOT / "data" / "clients" / "jordan-lee.yaml", tmp_path / "plan.docx")


def test_the_coach_on_the_cover_can_be_given(tmp_path: Path) -> None:
    content = gather(ROOT / "data" / "clients" / "priya-nair.yaml", AS_OF, coach="R. Okafor")
    assert content.coach == "R. Okafor"


PLOTLY_PAGE = """<html><head><title>t</title></head><body>
<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>
<script>/**
* plotly.js v9.9.9
*/ var Plotly = {}; </script>
<div id="c">chart</div></body></html>"""


def test_shared_js_replaces_the_inlined_bundle_once_per_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    reports = [folder / "a" / "01.html", folder / "b" / "01.html"]
    for r in reports:
        r.parent.mkdir(parents=True)
        r.write_text(PLOTLY_PAGE)
    for r in reports:
        finish_report(r, shared_js=folder)
        page = r.read_text()
        assert "plotly.js v9" not in page
        assert '<script charset="utf-8" src="../plotly.min.js"></script>' in page
        assert '<div id="c">chart</div>' in page
    shared = folder / "plotly.min.js"
    assert shared.stat().st_size > 1_000_000 and "plotly.js v" in shared.read_text()[:200]


@pytest.mark.slow
def test_a_batch_report_printed_to_pdf_has_page_numbers(tmp_path: Path) -> None:
    need_browser()
    need_poppler()
    report = tmp_path / "01.html"
    report.write_text(
        "<html><head><title>t</title></head><body>"
        + "".join(f"<p>Paragraph {i} of the report.</p>" for i in range(120))
        + "</body></html>"
    )
    written = finish_report(report, pdf=True)
    pdf = report.with_suffix(".pdf")
    assert written == [pdf]
    pages = pdf_pages(pdf)
    assert pages >= 2
    flat = " ".join(pdf_text(pdf).split())
    assert "Paragraph 119 of the report." in flat and f"Page {pages} of {pages}" in flat
    assert not list(tmp_path.glob(".*.print.html"))  # the printable copy is removed


def late_client_with_alternatives(tmp_path: Path) -> Path:
    """Marcus Brown on the master's route, which is late as written and lists alternatives."""
    source = ROOT / "data" / "clients" / "marcus-brown.yaml"
    doc = yaml.safe_load(source.read_text())
    doc["route"] = "masters"
    for key in ("target_role", "plan", "peers", "metrics"):
        if doc.get(key) and str(doc[key]).endswith((".yaml", ".csv")):
            doc[key] = str((source.parent / doc[key]).resolve())
    path = tmp_path / "marcus-masters.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    return path


def test_a_late_plan_with_alternatives_says_what_to_take(tmp_path: Path) -> None:
    from careerlib.report.document import _buying_time

    content = gather(late_client_with_alternatives(tmp_path), AS_OF)
    assert content.roadmap is not None and not content.roadmap.feasible
    part = "\n".join(_buying_time(content))
    text = visible_text(part)
    assert "<h3>Buying time</h3>" in part
    assert "To meet the target:</strong> take Accelerated master" in text
    assert "(-125 working days, 14,000 USD)" in text and "Take instead" in text
    assert_reads_as_a_report(text)
    # a plan on time, or without alternatives, has no such part
    assert _buying_time(gather(ROOT / "data" / "clients" / "priya-nair.yaml", AS_OF)) == []


def _copied_samples(folder: Path) -> Path:
    """The sample clients and plans copied (they get written beside), the rest linked."""
    import os

    (folder / "data").mkdir()
    for part in ("clients", "plans"):
        shutil.copytree(ROOT / "data" / part, folder / "data" / part)
    for part in ("onet", "peers", "roles"):
        os.symlink(ROOT / "data" / part, folder / "data" / part)
    return folder / "data" / "clients" / "jordan-lee.yaml"


@pytest.mark.slow
def test_what_changed_since_the_last_plan_needs_two_baselines(tmp_path: Path) -> None:
    from careerlib.tracking import save_plan_baseline

    client = _copied_samples(tmp_path)
    page = visible_text(write_report(client, tmp_path / "one.html", as_of=AS_OF).read_text())
    assert "What changed since the last plan" not in page  # one baseline only
    save_plan_baseline(client, AS_OF, name="after the review")
    page = visible_text(write_report(client, tmp_path / "two.html", as_of=AS_OF).read_text())
    assert "<h2>5. What changed since the last plan</h2>" in page
    assert "<strong>After:</strong> baseline 'after the review' of 23 Nov 2026." in page
    assert "Finished since: assess" in page
    assert_reads_as_a_report(page)
