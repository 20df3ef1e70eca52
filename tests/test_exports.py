"""Exports: every format in the registry, read back; atomic writes; clear errors."""

from __future__ import annotations

import datetime as dt
import logging
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pandas as pd
import pytest

import careerlib
from careerlib import _browser, exports
from careerlib.charts import gantt
from careerlib.exceptions import ExportError, UsageError
from careerlib.exports import FORMATS, atomic_write, export, table
from tests.conftest import chromium_dom, need_browser

DATA = Path(__file__).parent / "data" / "charts"
ONE_DAY = dt.timedelta(days=1)
STAMP = dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC)


def _schedule(name: str = "career-change.yaml", route: str | None = None) -> careerlib.Schedule:
    return careerlib.schedule(careerlib.load_plan(DATA / name), route=route)


@pytest.fixture(scope="module")
def image_server() -> Iterator[None]:
    """One browser for the module's image exports (a few seconds once, not per image)."""
    need_browser()
    with exports.image_server():
        yield


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the registry ------------------------------------------------------------------


def test_the_registry_knows_every_format() -> None:
    assert list(FORMATS) == [".html", ".png", ".svg", ".pdf", ".ics", ".csv", ".xlsx"]
    assert {f.kind for f in FORMATS.values()} == {"chart", "table"}
    assert all(suffix == f.suffix for suffix, f in FORMATS.items())


@pytest.mark.parametrize(
    ("name", "match"),
    [
        pytest.param(
            "plan.txt",
            r"suffix '\.txt' is not a known format; "
            r"known: \.html, \.png, \.svg, \.pdf, \.ics, \.csv, \.xlsx",
            id="txt",
        ),
        pytest.param("plan", "the name has no suffix; known: .html", id="none"),
        pytest.param("plan.jpeg", r"known: \.html, \.png", id="jpeg"),
    ],
)
def test_an_unknown_suffix_lists_the_known_ones(tmp_path: Path, name: str, match: str) -> None:
    with pytest.raises(ExportError, match=match):
        export(_schedule(), tmp_path / name)
    assert not list(tmp_path.iterdir())


def test_a_suffix_of_the_other_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ExportError,
        match=r"\.png writes a chart, not a table; known table formats: \.ics, \.csv, \.xlsx",
    ):
        export(_schedule(), tmp_path / "plan.png", kind="table")
    with pytest.raises(
        ExportError, match=r"cannot write a chart as \.csv; a chart is written as \.html, \.png"
    ):
        export(gantt(_schedule()), tmp_path / "plan.csv")


def test_the_suffix_is_read_in_any_case(tmp_path: Path) -> None:
    path = export(_schedule(), tmp_path / "PLAN.CSV")
    assert path.read_text().startswith("step,title,start")


# --- atomic writes ------------------------------------------------------------------


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("the old content")

    def half_then_fail(out) -> None:
        out.write(b"half of the new")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, half_then_fail)
    assert path.read_text() == "the old content"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_failed_export_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.csv"
    export(_schedule(), path)
    before = path.read_bytes()

    def broken(schedule: careerlib.Schedule) -> bytes:
        raise RuntimeError("renderer broke")

    monkeypatch.setitem(FORMATS, ".csv", exports.Format(".csv", "broken", "table", broken))
    with pytest.raises(RuntimeError, match="renderer broke"):
        export(_schedule("too-late.yaml"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("old")
    path.chmod(0o640)
    export(_schedule(), path)
    assert path.read_text().startswith("step,")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="the folder .*nowhere does not exist"):
        export(_schedule(), tmp_path / "nowhere" / "plan.csv")


# --- HTML -------------------------------------------------------------------------------


def test_html_is_one_self_contained_page(tmp_path: Path) -> None:
    path = export(_schedule(), tmp_path / "plan.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<title>From teacher to instructional designer</title>" in page
    assert not re.search(r"<script[^>]*\bsrc=", page)  # nothing loaded from elsewhere
    assert "plotly.js" in page and path.stat().st_size > 3_000_000  # plotly.js is inlined
    assert "Build three portfolio samples" in page


def test_html_draws_the_chart_in_chromium_without_network(tmp_path: Path) -> None:
    need_browser()
    dom = chromium_dom(export(_schedule(), tmp_path / "plan.html"))
    assert 'class="main-svg"' in dom  # plotly.js ran and drew the chart
    assert "Build three portfolio samples" in dom


def test_html_can_link_plotly_from_a_cdn_when_asked(tmp_path: Path) -> None:
    path = export(_schedule(), tmp_path / "plan.html", include_plotlyjs="cdn")
    assert path.stat().st_size < 500_000
    assert re.search(r'<script[^>]*src="https://cdn\.plot\.ly/', path.read_text(encoding="utf-8"))


def test_gantt_options_pass_through_export(tmp_path: Path) -> None:
    path = export(_schedule(), tmp_path / "plan.html", color_by="goal", include_plotlyjs="cdn")
    assert "A portfolio that gets interviews" in path.read_text(encoding="utf-8")


# --- images ---------------------------------------------------------------------------------


def test_no_browser_says_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chrome"))
    with pytest.raises(
        ExportError,
        match=r"BROWSER_PATH=.*no-chrome.* is not an executable file; "
        r"install Chromium with `apt-get install -y chromium`",
    ):
        exports.find_browser()
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setattr(_browser, "_DEBIAN_CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(
        ExportError,
        match=r"need Chrome or Chromium and none was found; "
        r"install Chromium with `apt-get install -y chromium`",
    ):
        exports.find_browser()
    # and an export fails with the same message, before it writes anything
    old = tmp_path / "plan.png"
    old.write_bytes(b"old picture")
    with pytest.raises(ExportError, match="apt-get install -y chromium"):
        export(_schedule(), old)
    assert old.read_bytes() == b"old picture"


def test_browser_path_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert exports.find_browser() == str(fake)


def test_an_image_without_the_server_starts_its_own_browser(tmp_path: Path) -> None:
    need_browser()
    # runs before the module's server starts (file order): the one-shot path
    path = export(_schedule("too-late.yaml"), tmp_path / "plan.svg")
    assert path.read_bytes().startswith(b"<svg")


def test_png_has_the_size_asked_for(tmp_path: Path, image_server: None) -> None:
    result = _schedule()
    fig = gantt(result)
    path = export(fig, tmp_path / "plan.png")
    data = path.read_bytes()
    assert _png_size(data) == (1400, fig.layout.height)
    assert 20_000 < len(data) < 2_000_000
    path = export(result, tmp_path / "small.png", width=800, height=500, scale=2)
    assert _png_size(path.read_bytes()) == (1600, 1000)


def test_svg_is_xml_with_the_chart_in_it(tmp_path: Path, image_server: None) -> None:
    fig = gantt(_schedule())
    path = export(fig, tmp_path / "plan.svg")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1400", str(fig.layout.height))
    text = path.read_text(encoding="utf-8")
    assert "Build three portfolio samples" in text and "Target 30 Sep 2027" in text
    assert path.stat().st_size > 20_000


def test_pdf_is_a_pdf(tmp_path: Path, image_server: None) -> None:
    path = export(_schedule("too-late.yaml"), tmp_path / "plan.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    assert 10_000 < len(data) < 2_000_000


# --- iCalendar --------------------------------------------------------------------------------


def _events(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(list(cal.walk("VEVENT")))  # UIDs are unique
    return events


def test_ics_has_an_all_day_event_per_step_with_an_exclusive_end(tmp_path: Path) -> None:
    result = _schedule()
    path = export(result, tmp_path / "plan.ics", stamp=STAMP)
    events = _events(path)
    by_summary = {str(e["summary"]): e for e in events.values()}
    assert len(events) == len(result) + 3  # two deadlines and the recurring check-in
    for k, step in enumerate(result.steps):
        start = result.start[k].astype(object)
        finish = result.finish[k].astype(object)
        if result.milestone[k]:
            ev = by_summary[f"◆ {step.title}"]
            assert ev.decoded("dtend") == start + ONE_DAY
        else:
            ev = by_summary[step.title]
            assert ev.decoded("dtend") == finish + ONE_DAY
        assert ev.decoded("dtstart") == start
        assert type(ev.decoded("dtstart")) is dt.date  # all-day, not a time
    course = by_summary["Instructional design course"]
    assert (course.decoded("dtstart"), course.decoded("dtend")) == (
        dt.date(2027, 4, 16),
        dt.date(2027, 6, 12),
    )


def test_ics_milestones_and_deadlines_have_a_reminder(tmp_path: Path) -> None:
    path = export(_schedule(), tmp_path / "plan.ics", stamp=STAMP, reminder_days=3)
    events = {str(e["summary"]): e for e in _events(path).values()}
    with_alarm = {
        s for s, e in events.items() if s.startswith(("◆", "Deadline")) and e.walk("VALARM")
    }
    assert with_alarm == {
        "◆ Plan agreed with the coach",
        "◆ Portfolio online",
        "◆ Offer signed",
        "Deadline: Instructional design course",
        "Deadline: Offer signed",
    }
    deadline = events["Deadline: Instructional design course"]
    assert deadline.decoded("dtstart") == dt.date(2027, 6, 30)
    alarm = deadline.walk("VALARM")[0]
    assert alarm.decoded("trigger") == -dt.timedelta(days=3) + dt.timedelta(hours=9)
    assert str(alarm["action"]) == "DISPLAY"


def test_ics_uids_are_stable_so_a_second_import_updates(tmp_path: Path) -> None:
    first = _events(export(_schedule(), tmp_path / "a.ics", stamp=STAMP))
    later = STAMP + dt.timedelta(days=30)
    second = _events(export(_schedule(), tmp_path / "b.ics", stamp=later))
    assert set(first) == set(second)
    for uid in first:
        assert int(second[uid]["sequence"]) > int(first[uid]["sequence"])
    assert any(uid.startswith("course@") for uid in first)
    assert any(uid.startswith("course.deadline@") for uid in first)
    # another plan (title and owner) gets other UIDs
    other = _events(export(_schedule("too-late.yaml"), tmp_path / "c.ics", stamp=STAMP))
    assert not set(other) & set(first)


def test_ics_every_step_has_an_alarm_before_its_latest_start(tmp_path: Path) -> None:
    result = _schedule()
    path = export(result, tmp_path / "plan.ics", stamp=STAMP, start_alarm_days=3)
    events = {str(e["summary"]): e for e in _events(path).values()}
    for k, step in enumerate(result.steps):
        if result.milestone[k]:
            continue
        (alarm,) = events[step.title].walk("VALARM")
        assert alarm.decoded("trigger") == -dt.timedelta(days=3) + dt.timedelta(hours=9)
        start = result.start[k].astype(object)
        when = f"{start.day} {start:%b %Y}"  # a date as the client reads it, not ISO
        assert str(alarm["description"]) == f"Latest start in 3 days ({when}): {step.title}"


def _rrule_dates(path: Path) -> list[dt.date]:
    from dateutil.rrule import rrulestr

    (checkins,) = [e for e in _events(path).values() if str(e["uid"]).startswith("checkins@")]
    start = checkins.decoded("dtstart")
    rule = checkins["rrule"].to_ical().decode()
    first = dt.datetime.combine(start, dt.time())
    return [d.date() for d in rrulestr(rule, dtstart=first)]


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [
        pytest.param(
            "monthly",
            [dt.date(2027, m, 4) for m in range(1, 10)],
            id="monthly",
        ),
        pytest.param(
            "biweekly",
            [dt.date(2027, 1, 4) + dt.timedelta(days=14 * k) for k in range(20)],
            id="biweekly",
        ),
        pytest.param(
            "weekly",
            [dt.date(2027, 1, 4) + dt.timedelta(days=7 * k) for k in range(39)],
            id="weekly",
        ),
    ],
)
def test_ics_checkins_recur_at_the_cadence_until_the_target(
    tmp_path: Path, cadence: str, expected: list[dt.date]
) -> None:
    # career-change: first day Mon 2027-01-04, target Thu 2027-09-30
    path = export(_schedule(), tmp_path / "plan.ics", stamp=STAMP, cadence=cadence)
    assert _rrule_dates(path) == expected


def test_ics_daily_checkins_fall_on_workdays(tmp_path: Path) -> None:
    path = export(_schedule(), tmp_path / "plan.ics", stamp=STAMP, cadence="daily")
    dates = _rrule_dates(path)
    assert dates[:6] == [dt.date(2027, 1, d) for d in (4, 5, 6, 7, 8, 11)]
    assert dates[-1] == dt.date(2027, 9, 30)
    assert all(d.weekday() < 5 for d in dates)


def test_ics_checkin_default_is_the_plans_cadence_with_a_stable_uid(tmp_path: Path) -> None:
    first = _events(export(_schedule(), tmp_path / "a.ics", stamp=STAMP))
    second = _events(export(_schedule(), tmp_path / "b.ics", stamp=STAMP + dt.timedelta(days=3)))
    (uid,) = [u for u in first if u.startswith("checkins@")]
    assert uid in second
    assert first[uid]["rrule"]["FREQ"] == ["MONTHLY"]
    (alarm,) = first[uid].walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(hours=9)


def test_ics_unknown_cadence(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown cadence 'yearly'"):
        export(_schedule(), tmp_path / "plan.ics", cadence="yearly")


def test_ics_names_the_calendar_and_the_verdict(tmp_path: Path) -> None:
    cal = icalendar.Calendar.from_ical(
        (export(_schedule("too-late.yaml"), tmp_path / "p.ics")).read_bytes()
    )
    assert str(cal["x-wr-calname"]) == "A target too close"
    assert str(cal["x-wr-caldesc"]).startswith("Not feasible: late by 10 working days")
    assert str(cal["version"]) == "2.0"


# --- CSV and Excel ------------------------------------------------------------------------------


def _expected(result: careerlib.Schedule) -> pd.DataFrame:
    frame = table(result)
    for col in ("goal", "route", "after"):
        frame[col] = frame[col].replace("", float("nan"))
    return frame


def _compare(got: pd.DataFrame, result: careerlib.Schedule) -> None:
    want = _expected(result)
    assert list(got.index) == list(result.ids)
    assert list(got.columns) == list(want.columns)
    for col in ("start", "finish", "release", "early_start", "early_finish", "deadline"):
        got[col] = pd.to_datetime(got[col]).astype("datetime64[s]")
        want[col] = want[col].astype("datetime64[s]")
    pd.testing.assert_frame_equal(
        got, want, check_dtype=False, check_index_type=False, check_names=False
    )


@pytest.mark.parametrize("name", ["career-change.yaml", "too-late.yaml", "two-routes.yaml"])
def test_csv_reads_back_into_the_schedule_table(tmp_path: Path, name: str) -> None:
    result = _schedule(name)
    path = export(result, tmp_path / "plan.csv")
    got = pd.read_csv(path, index_col="step")
    _compare(got, result)


@pytest.mark.parametrize("name", ["career-change.yaml", "too-late.yaml", "two-routes.yaml"])
def test_xlsx_is_the_schedule_for_people(tmp_path: Path, name: str) -> None:
    import openpyxl

    from careerlib.exports import SCHEDULE_COLUMNS

    result = _schedule(name)
    book = openpyxl.load_workbook(export(result, tmp_path / "plan.xlsx"))
    assert book.sheetnames == ["Schedule", "Plan", "About the columns"]
    sheet = book["Schedule"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    # headers in words, with their units
    assert header[:4] == ["Step id", "Step", "Start", "Finish"]
    assert "Slack (working days)" in header and "Duration (working days)" in header
    assert not [h for h in header if "_" in h]
    col = {h: k for k, h in enumerate(header)}
    plan = result.plan
    goals = {g.id: g.title for g in plan.goals}
    routes = {r.id: r.title for r in plan.routes}
    titles = {s.id: s.title for s in plan.steps}
    frame = result.to_frame()
    assert [r[0] for r in rows[1:]] == list(result.ids)
    for row in rows[1:]:
        step = frame.loc[row[0]]
        assert row[col["Step"]] == step["title"]
        # dates as dates, yes/no as words, whole numbers as numbers
        assert row[col["Start"]] == step["start"].to_pydatetime()
        assert row[col["Critical"]] == ("yes" if step["critical"] else "no")
        assert row[col["Milestone"]] == ("yes" if step["milestone"] else "no")
        assert row[col["Slack (working days)"]] == int(step["slack_days"])
        # goals, routes and the steps before by their titles, not their ids
        assert (row[col["Goal"]] or "") == goals.get(step["goal"], "")
        assert (row[col["Route"]] or "") == routes.get(step["route"], "")
        assert (row[col["Comes after"]] or "") == "; ".join(titles[a] for a in step["after"])
    cells = [c for r in sheet.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if isinstance(c.value, bool)]  # no TRUE/FALSE
    start = sheet.cell(row=2, column=col["Start"] + 1)
    assert start.is_date and start.number_format == "d mmm yyyy"
    assert sheet.freeze_panes == "C2"  # the header row and the step's id and title
    assert sheet.column_dimensions["B"].width >= 40
    assert all(c.font.bold for c in sheet[1])
    # the plan's sheet in words too, and a sheet that says what each column means
    about = dict(book["Plan"].iter_rows(values_only=True))
    assert about["Plan"] == result.title and about["Verdict"] == result.verdict
    assert about["Can the target be met"] == ("yes" if result.feasible else "no")
    explained = list(book["About the columns"].iter_rows(values_only=True))
    assert explained[0] == ("Column", "What it means", "In the CSV export")
    assert [r[0] for r in explained[1:]] == header
    assert [r[2] for r in explained[1:]] == [c.name for c in SCHEDULE_COLUMNS]
    assert set(table(result).reset_index().columns) == {c.name for c in SCHEDULE_COLUMNS}


def test_the_table_is_the_schedule_frame_flattened() -> None:
    result = _schedule()
    frame, flat = result.to_frame(), table(result)
    assert list(flat.columns) == list(frame.columns)
    assert flat.loc["apply", "after"] == "portfolio-done resume"
    assert flat.loc["offer", "route"] == ""
    pd.testing.assert_series_equal(flat["start"], frame["start"])


def test_the_browser_drivers_harmless_json_noise_is_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exports._quiet_browser_driver()
    _browser.quiet_browser_driver()  # once is enough, twice is harmless
    pipe = logging.getLogger("choreographer.channels.pipe")
    assert sum(isinstance(f, _browser.QuietPipeNoise) for f in pipe.filters) == 1
    with caplog.at_level(logging.ERROR, logger="choreographer.channels.pipe"):
        pipe.error("JSONError decoding message. Ignoring")
        pipe.error("Error in trying to decode JSON off our read.")
    assert [r.getMessage() for r in caplog.records] == [
        "Error in trying to decode JSON off our read."
    ]


def test_a_running_server_is_reused_and_left_running(tmp_path: Path, image_server: None) -> None:
    import kaleido

    with exports.image_server():  # the module's server is running: reused
        path = export(_schedule(), tmp_path / "inner.svg")
    assert path.read_bytes().startswith(b"<svg")
    # ... and not stopped by the inner block: starting it again says it is open
    with pytest.warns(RuntimeWarning, match="already open"):
        kaleido.start_sync_server(path=exports.find_browser(), mathjax=False)
    assert export(_schedule(), tmp_path / "after.svg").read_bytes().startswith(b"<svg")


@pytest.mark.parametrize(
    ("name", "options", "match"),
    [
        pytest.param("plan.csv", {"scale": 2}, r"unexpected options for \.csv: scale; valid: none"),
        pytest.param(
            "plan.ics", {"colour": "x"}, r"unexpected options for \.ics: colour; valid: .*reminder"
        ),
    ],
)
def test_an_option_the_format_does_not_take_is_a_usage_error(
    tmp_path: Path, name: str, options: dict[str, object], match: str
) -> None:
    with pytest.raises(UsageError, match=match):
        export(_schedule(), tmp_path / name, **options)
    assert not (tmp_path / name).exists()


def test_an_option_given_with_a_figure_is_a_usage_error(tmp_path: Path) -> None:
    fig = gantt(_schedule())
    with pytest.raises(UsageError, match=r"unexpected options for \.html: color_by; valid: "):
        export(fig, tmp_path / "plan.html", color_by="goal")


def test_ics_checkins_skip_holidays_and_blackouts(tmp_path: Path) -> None:
    # Mondays from Mon 4 Jan 2027: the holiday Mon 31 May and the summer camp's two
    # Mondays (5 and 12 Jul) are taken out with an EXDATE each
    path = export(_schedule(), tmp_path / "plan.ics", stamp=STAMP, cadence="weekly")
    (checkins,) = [e for e in _events(path).values() if str(e["uid"]).startswith("checkins@")]
    exdates = checkins["exdate"] if isinstance(checkins["exdate"], list) else [checkins["exdate"]]
    days = [d.dt for x in exdates for d in x.dts]
    assert days == [dt.date(2027, 5, 31), dt.date(2027, 7, 5), dt.date(2027, 7, 12)]
    assert "careerlib " not in str(checkins["description"])  # no command line


def test_ics_on_a_status_date_is_the_work_left(tmp_path: Path) -> None:
    from careerlib.models import Review

    plan = careerlib.load_plan(DATA / "career-change.yaml")
    day = dt.date(2027, 3, 1)
    reviews = [Review(date=dt.date(2027, 2, 1), progress={"kickoff": 1, "research": 1})]
    result = careerlib.scheduling.schedule_as_of(plan, day, reviews=reviews)
    events = _events(export(result, tmp_path / "now.ics", stamp=STAMP))
    steps = {u.split("@")[0] for u in events} & {s.id for s in plan.steps}
    assert steps == set(result.ids_left) and "research" not in steps  # nothing done again
    for ev in events.values():
        assert ev.decoded("dtstart") >= result.resume  # nothing before the status date
    course = events[next(u for u in events if u.startswith("course@"))]
    k = result.position("course")
    assert course.decoded("dtstart") == result.aim_start[k].astype(object)  # the dates to aim for
    samples = str(events[next(u for u in events if u.startswith("samples@"))]["description"])
    assert "After: Instructional design course." in samples  # titles, never ids
