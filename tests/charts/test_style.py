"""The shared style and the public names of careerlib.charts."""

from __future__ import annotations

import subprocess
import sys

import careerlib
from careerlib.charts import gantt, routes


def test_chart_functions_are_public_and_loaded_lazily() -> None:
    assert careerlib.gantt is gantt
    assert careerlib.routes_chart is routes
    code = "import sys, careerlib; careerlib.load_plan; print('plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_charts_all_is_sorted_and_has_no_dead_alias() -> None:
    from careerlib import charts

    assert charts.__all__ == sorted(charts.__all__)
    assert not hasattr(charts, "routes_chart")
    for name in charts.__all__:
        assert getattr(charts, name) is not None


def test_the_careerlib_template_is_registered_and_every_chart_starts_from_it(report) -> None:
    import plotly.io as pio

    from careerlib import charts
    from careerlib.gaps import obstacles, self_assessment
    from careerlib.peers import load_peers
    from tests.charts.helpers import DATA_ROOT, schedule_of

    assert charts.TEMPLATE == "careerlib" and charts.TEMPLATE in pio.templates
    template = pio.templates[charts.TEMPLATE]
    assert template.layout.font.color == charts.COLORS["text"]
    result = schedule_of("two-routes.yaml")
    figures = [
        charts.gantt(result),
        charts.routes(careerlib.schedule_routes(result.plan)),
        charts.skills_chart(report.skills),
        charts.peer_chart(report.peers, load_peers(DATA_ROOT / "peers" / "healthcare-it.csv")),
        charts.progress_chart(report.progress),
        charts.goal_tree_chart(report.alignment),
        charts.occupations_chart(report.occupations),
        charts.assessment_chart(self_assessment(report.client, report.role)),
        charts.obstacles_chart(obstacles(report.plan, report.schedule)),
        charts.weekly_load_chart(frame=report.schedule.load_frame(), title="load"),
    ]
    for fig in figures:
        assert fig.layout.template.layout.font.color == charts.COLORS["text"], fig.layout.title


def test_raw_colours_live_only_in_the_style_module() -> None:
    """The chart modules name their colours (COLORS["critical"]); only _style.py spells them."""
    import re
    from pathlib import Path

    from careerlib import charts

    raw = re.compile(r"#[0-9A-Fa-f]{6}\b|rgba?\(")
    folder = Path(charts.__file__).parent
    offenders = {
        p.name: raw.findall(p.read_text())
        for p in folder.glob("*.py")
        if p.name != "_style.py" and raw.search(p.read_text())
    }
    assert offenders == {}


def test_only_modules_that_draw_import_plotly() -> None:
    """The charts draw; exports writes figures, widgets, the plan builder and the check-in
    panel show them, batch renders them to HTML (and preheats kernels with plotly), the
    image service's client sends them to a batch's browser as plotly JSON, the printer
    loads plotly.js to draw them for a PDF, and the client's report puts them in its
    document (and writes plotly.js once for a batch)."""
    from pathlib import Path

    package = Path(careerlib.__file__).parent
    importers = {
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if "import plotly" in p.read_text() or "from plotly" in p.read_text()
    }
    others = {p for p in importers if not p.startswith("charts/")}
    assert others <= {
        "_image_service.py",
        "_printer.py",
        "batch/_preheat.py",
        "batch/_report.py",
        "exports.py",
        "console/_common.py",
        "console/builder.py",
        "console/explorers.py",
        "console/checkin_panel.py",
        "report/document.py",
        "report/pdf.py",
    }


def test_the_template_styles_every_trace_type_careerlib_draws_as_plotly_white_does() -> None:
    """The template keeps the trace defaults of the types careerlib draws (TEMPLATE_TRACES).

    Every ``go.<Trace>`` in the package is either one of them, with the same
    defaults as ``plotly_white``, or a type ``plotly_white`` gives none; and
    every figure of every sample client has only such traces.
    """
    import re
    from pathlib import Path

    import plotly.io as pio

    from careerlib import charts
    from careerlib.charts._style import TEMPLATE_TRACES
    from tests.charts.test_layout import CLIENTS, client_charts

    white = pio.templates["plotly_white"].data
    ours = pio.templates[charts.TEMPLATE].data
    styled = {name for name in white.to_plotly_json()}
    assert {name for name in ours.to_plotly_json()} == set(TEMPLATE_TRACES)
    for name in TEMPLATE_TRACES:
        assert ours[name] == white[name], name

    package = Path(charts.__file__).resolve().parents[1]
    drawn = set()
    for path in package.rglob("*.py"):
        drawn |= {m.lower() for m in re.findall(r"\bgo\.([A-Z][a-z]+)\(", path.read_text())}
    drawn -= {"figure", "figurewidget"}
    assert {"bar", "scatter", "scatterpolar"} <= drawn
    assert not (drawn & styled) - set(TEMPLATE_TRACES), drawn

    for client in CLIENTS:
        for name, chart in client_charts(client).items():
            types = {trace.type for trace in chart("export").data}
            assert not (types & styled) - set(TEMPLATE_TRACES), (client.stem, name, types)
