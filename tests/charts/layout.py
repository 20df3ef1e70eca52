"""Where a chart's text and markers land when Chromium draws its SVG, and what collides.

A chart is drawn to SVG by kaleido (as an SVG or PNG export is), the SVG is
opened in Debian's Chromium, and the browser measures every text (each line of
it), and every data marker (``getBBox`` through ``getCTM``: a turned label of a
sunburst is a turned box; in the fonts the PDF uses). :func:`problems` then
lists, in words, each pair of texts that overlap, each marker drawn over a
text, each text that runs out of the figure and each label cut short
("Specia...").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

#: Two boxes collide when they share more than this, across and down [px]:
#: a glyph box is taller than the ink (ascent and descent), so two lines of
#: text set one under the other touch without their letters touching.
OVERLAP_PX = (1.5, 3.0)
#: A text may reach this far past the figure's edge [px] (anti-aliasing).
EDGE_PX = 1.0

_MEASURE = """() => {
  const svg = document.querySelector("svg");
  const visible = (el) => {
    for (let e = el; e && e !== svg; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) {
        return false;
      }
      if (e.getAttribute("opacity") === "0") return false;
    }
    return true;
  };
  // the four corners of an element's box in the figure's pixels (after every transform)
  const corners = (el, owner) => {
    const b = el.getBBox();
    const m = owner.getCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
            [b.x, b.y + b.height]].map(([x, y]) => {
      const p = new DOMPoint(x, y).matrixTransform(m);
      return [p.x, p.y];
    });
  };
  const out = [];
  for (const t of svg.querySelectorAll("text")) {
    const text = t.textContent.replace(/\\s+/g, " ").trim();
    if (!text || !visible(t)) continue;
    // a text of several lines (tspan.line) is measured line by line
    const lines = t.querySelectorAll("tspan.line");
    if (lines.length > 1) {
      for (const line of lines) {
        const s = line.textContent.trim();
        if (s) out.push({kind: "text", text: s, corners: corners(line, t)});
      }
    } else {
      out.push({kind: "text", text, corners: corners(t, t)});
    }
  }
  for (const p of svg.querySelectorAll(".scatterlayer path.point, .boxlayer path.point")) {
    if (!visible(p) || !p.getAttribute("d")) continue;
    out.push({kind: "marker", text: "", corners: corners(p, p)});
  }
  return {width: parseFloat(svg.getAttribute("width")),
          height: parseFloat(svg.getAttribute("height")), items: out};
}"""

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A text or a marker where it was drawn: its box's four corners [px from the top left].

    The corners go round the box from the start of its first line (the top
    left of a text that is not turned): the first edge runs along the text.
    """

    kind: str
    text: str
    corners: tuple[Point, Point, Point, Point]

    @classmethod
    def of(cls, kind: str, text: str, x0: float, y0: float, x1: float, y1: float) -> Box:
        """An upright box."""
        return cls(kind, text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))

    def axes(self) -> tuple[Point, Point]:
        """The unit vectors along the text and across its lines."""
        (ax, ay), (bx, by), (cx, cy), _ = self.corners
        return _unit(bx - ax, by - ay), _unit(cx - bx, cy - by)

    def overlap(self, other: Box) -> tuple[float, float]:
        """How far the two boxes run into each other along and across the lines [px].

        Measured on the axes of both boxes (the separating axis theorem): 0
        when apart. For upright boxes, the width and height they share.
        """
        along, across = float("inf"), float("inf")
        for box in (self, other):
            a, c = box.axes()
            along = min(along, _shared(self, other, a))
            across = min(across, _shared(self, other, c))
        if along <= 0 or across <= 0:
            return 0.0, 0.0
        return along, across

    def inside(self, other: Box) -> bool:
        """Whether every corner of this box lies within ``other`` (an upright box)."""
        xs = [x for x, _ in other.corners]
        ys = [y for _, y in other.corners]
        return all(
            min(xs) - 0.5 <= x <= max(xs) + 0.5 and min(ys) - 0.5 <= y <= max(ys) + 0.5
            for x, y in self.corners
        )


def _unit(x: float, y: float) -> Point:
    n = (x * x + y * y) ** 0.5 or 1.0
    return x / n, y / n


def _shared(a: Box, b: Box, axis: Point) -> float:
    """The length of the projections of ``a`` and ``b`` on ``axis`` that they share."""
    pa = [x * axis[0] + y * axis[1] for x, y in a.corners]
    pb = [x * axis[0] + y * axis[1] for x, y in b.corners]
    return min(max(pa), max(pb)) - max(min(pa), min(pb))


@dataclass(frozen=True)
class Drawn:
    """Every text and marker of one chart as drawn, and the figure's size [px]."""

    width: float
    height: float
    boxes: tuple[Box, ...]

    @property
    def texts(self) -> list[Box]:
        return [b for b in self.boxes if b.kind == "text"]

    @property
    def markers(self) -> list[Box]:
        return [b for b in self.boxes if b.kind == "marker"]


def measure(page: Any, svg: str) -> Drawn:
    """Open ``svg`` in the Playwright ``page`` and measure what it draws."""
    page.set_content(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
        f"<body style='margin:0'>{svg[svg.find('<svg') :]}</body></html>"
    )
    found = page.evaluate(_MEASURE)
    boxes = tuple(
        Box(b["kind"], b["text"], tuple(tuple(c) for c in b["corners"]))  # type: ignore[arg-type]
        for b in found["items"]
    )
    return Drawn(found["width"], found["height"], boxes)


#: A word cut short: letters, then an ellipsis ("Specia…", "data sc...").
_CUT = re.compile(r"\w(\.\.\.|…)")


def problems(drawn: Drawn) -> list[str]:
    """What a reader would see as a flaw: overlaps, markers on text, text cut or outside."""
    out: list[str] = []
    texts, markers = drawn.texts, drawn.markers
    for a, b in itertools.combinations(texts, 2):
        across, down = a.overlap(b)
        if across > OVERLAP_PX[0] and down > OVERLAP_PX[1]:
            out.append(f"text {a.text!r} overlaps text {b.text!r} ({across:.0f}x{down:.0f} px)")
    for m in markers:
        for t in texts:
            across, down = t.overlap(m)
            # a text wholly inside a marker is the marker's own label (a number in a circle)
            if across > OVERLAP_PX[0] and down > OVERLAP_PX[1] and not t.inside(m):
                x, y = m.corners[0]
                out.append(f"a marker at ({x:.0f}, {y:.0f}) is drawn over {t.text!r}")
    w, h = drawn.width + EDGE_PX, drawn.height + EDGE_PX
    for t in texts:
        outside = [(x, y) for x, y in t.corners if not (-EDGE_PX <= x <= w and -EDGE_PX <= y <= h)]
        if outside:
            x, y = outside[0]
            out.append(
                f"text {t.text!r} runs out of the {drawn.width:.0f}x{drawn.height:.0f} figure "
                f"(to {x:.0f}, {y:.0f})"
            )
        if _CUT.search(t.text):
            out.append(f"text {t.text!r} is cut short")
    return out
