"""Charts of a report table as SVG drawn on the server: no script, no inline style (the CSP
refuses both), colours from the stylesheet's custom properties, and a pattern, a line style and
a marker per series so colour is never the only cue. Each chart has a title and a description
for screen readers, and a one-sentence summary made from the numbers; the table with the same
numbers follows it on the page."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from .exports import fewer_than, figure_text, rounded
from .figures import Figure, Kind, Table

WIDTH = 320  # viewBox units: the SVG is 100% wide up to about 22rem (see the stylesheet),
# so its text stays near the page's text size on a phone, on a desktop and at 200% zoom
FONT = 15
LINE = 20  # height of one line of text
SERIES_STYLES = 4  # patterns, dashes and markers repeat after four series
SMALLEST_SHOWN = 1_000_000  # axis labels are not figures about people: never suppressed
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_-]")


def chart(table: Table) -> Markup | None:
    """The table's chart, if the report asks for one."""
    if table.chart == "bar":
        return bar_chart(table)
    if table.chart == "line":
        return line_chart(table)
    return None


def chart_id(table: Table) -> str:
    return "chart-" + _NOT_IN_ID.sub("-", table.key)


# Summaries ----------------------------------------------------------------------------------


def _shown(table: Table, column: int) -> list[tuple[str, Figure]]:
    return [
        (row.label, row.figures[column])
        for row in table.rows
        if column < len(row.figures) and rounded(row.figures[column]) is not None
    ]


def _suppressed_count(table: Table) -> int:
    return sum(f.suppressed for row in table.rows for f in row.figures)


def bar_summary(table: Table) -> str:
    """One sentence: the largest figure, with its group. Only figures of the first column's
    kind are compared (people with people, never people with a percentage)."""
    shown = [
        (table.columns[c], label, f)
        for c in range(len(table.columns))
        for label, f in _shown(table, c)
    ]
    if not shown:
        return _("No figure in this chart can be shown for this period.")
    kind = shown[0][2].kind
    column, label, figure = max(
        (s for s in shown if s[2].kind == kind), key=lambda s: float(s[2].value or 0)
    )
    if len(table.columns) == 1:
        return _(
            "The largest group is %(row)s, with %(value)s.", row=label, value=figure_text(figure)
        )
    return _(
        "The largest figure is %(column)s for %(row)s: %(value)s.",
        column=column,
        row=label,
        value=figure_text(figure),
    )


def line_summary(table: Table) -> str:
    """Per line, one sentence: where it started and where it ended."""
    sentences = []
    for c, column in enumerate(table.columns):
        points = _shown(table, c)
        if len(points) >= 2:
            (first_label, first), (last_label, last) = points[0], points[-1]
            sentences.append(
                _(
                    "%(series)s went from %(first)s (%(first_label)s) to %(last)s "
                    "(%(last_label)s).",
                    series=column,
                    first=figure_text(first),
                    first_label=first_label,
                    last=figure_text(last),
                    last_label=last_label,
                )
            )
        elif points:
            sentences.append(
                _(
                    "%(series)s: %(value)s (%(label)s), too few points to show a change.",
                    series=column,
                    value=figure_text(points[0][1]),
                    label=points[0][0],
                )
            )
        else:
            sentences.append(_("%(series)s: no figure can be shown.", series=column))
    return " ".join(sentences)


def summary(table: Table) -> str:
    return line_summary(table) if table.chart == "line" else bar_summary(table)


def _description(table: Table) -> str:
    hidden = _suppressed_count(table)
    parts = [summary(table)]
    if hidden:
        parts.append(
            ngettext(
                '%(num)d figure rests on fewer than 5 people and is written as "%(words)s".',
                '%(num)d figures rest on fewer than 5 people and are written as "%(words)s".',
                hidden,
                words=fewer_than(),
            )
        )
    parts.append(_("The table after the chart holds the same numbers."))
    return " ".join(parts)


# Drawing ------------------------------------------------------------------------------------


def _fits(width: float, size: float = FONT) -> int:
    """About how many characters of text fit in a width (an average glyph is 0.55 em)."""
    return max(8, int(width / (size * 0.55)))


def _lines(text: str, width: int) -> list[str]:
    """Wrap a label to lines of about `width` characters (SVG text does not wrap itself)."""
    return textwrap.wrap(text, width, break_long_words=True) or [""]


def _text(x: float, y: float, content: str, cls: str = "", anchor: str = "start") -> str:
    attrs = f'x="{x:.1f}" y="{y:.1f}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<text {attrs}>{escape(content)}</text>"


def _patterns(cid: str, count: int) -> str:
    """A fill per series: solid, stripes, dots, cross-hatch; colour and marks from CSS."""
    marks = (
        "",
        '<path class="chart__mark" d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"/>',
        '<circle class="chart__dot" cx="4" cy="4" r="1.6"/>',
        '<path class="chart__mark" d="M0,4 h8 M4,0 v8"/>',
    )
    out = []
    for i in range(min(count, SERIES_STYLES)):
        out.append(
            f'<pattern id="{cid}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect class="chart__fill chart__fill--{i}" width="8" height="8"/>{marks[i]}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def _svg(table: Table, height: float, body: Iterable[str], extra_class: str) -> Markup:
    cid = chart_id(table)
    head = (
        f'<svg class="chart {extra_class}" role="img" viewBox="0 0 {WIDTH} {math.ceil(height)}" '
        f'width="100%" font-size="{FONT}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-title">{escape(table.title)}</title>'
        f'<desc id="{cid}-desc">{escape(_description(table))}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _legend(table: Table, y: float, swatch) -> tuple[list[str], float]:
    """One line per series: its swatch (pattern or line style) and its name."""
    out = []
    for i, column in enumerate(table.columns):
        for n, line in enumerate(_lines(column, _fits(WIDTH - 30))):
            if n == 0:
                out.append(swatch(i, y))
            out.append(_text(30, y + 14, line))
            y += LINE
    return out, y + 6


def _tops(table: Table) -> dict[Kind, float]:
    """The full length of a bar per kind of figure: 100 for percentages, otherwise the largest
    figure of that kind, so a count and a score in one table are never drawn on one scale."""
    tops: dict[Kind, float] = dict.fromkeys(Kind, 0.0)
    for row in table.rows:
        for f in row.figures:
            if rounded(f) is not None:
                tops[f.kind] = max(tops[f.kind], float(f.value or 0))
    tops[Kind.PERCENT] = 100.0
    return tops


def bar_chart(table: Table) -> Markup:
    """Grouped horizontal bars: per row a label, then one bar per column with its value written
    after it; a suppressed figure has no bar and says "fewer than 5"."""
    cid = chart_id(table)
    series = len(table.columns)
    body = [_patterns(cid, series)]
    y = 4.0
    if series > 1:
        legend, y = _legend(
            table,
            y,
            lambda i, top: (
                f'<rect class="chart__bar" x="0" y="{top + 2:.1f}" width="22" height="16" '
                f'fill="url(#{cid}-p{i % SERIES_STYLES})"/>'
            ),
        )
        body += legend
    tops = _tops(table)
    room = WIDTH - 70  # the rest is for the value written after the longest bar
    bar, gap = 18, 6
    for row in table.rows:
        for line in _lines(row.label, _fits(WIDTH)):
            body.append(_text(0, y + 15, line, "chart__group"))
            y += LINE
        first = y
        for i, figure in enumerate(row.figures):
            number = rounded(figure)
            if figure.suppressed or number is None:
                words = fewer_than() if figure.suppressed else _("no data")
                body.append(_text(6, y + 14, words, "chart__note"))
            else:
                top = tops[figure.kind]
                length = 0.0 if top <= 0 else room * min(float(figure.value or 0), top) / top
                if length > 0:
                    body.append(
                        f'<rect class="chart__bar" x="0" y="{y:.1f}" width="{length:.1f}" '
                        f'height="{bar}" fill="url(#{cid}-p{i % SERIES_STYLES})"/>'
                    )
                body.append(_text(length + 6, y + 14, figure_text(figure), "chart__value"))
            y += bar + gap
        body.append(
            f'<line class="chart__axis" x1="0" y1="{first - 2:.1f}" x2="0" y2="{y - gap + 2:.1f}"/>'
        )
        y += 10
    return _svg(table, y, body, "chart--bar")


_MARKERS = (
    lambda x, y: f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>',
    lambda x, y: f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9"/>',
    lambda x, y: f'<path d="M{x:.1f},{y - 6:.1f} l6,10 h-12 z"/>',
    lambda x, y: f'<path d="M{x:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 z"/>',
)


def _nice_top(largest: float) -> float:
    if largest <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(largest))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= largest)


def line_chart(table: Table) -> Markup:
    """One line per column across the rows (moments or months), a marker shape and a dash per
    line, the value written at each point; a suppressed point breaks the line and the words
    "fewer than 5" stand at its place."""
    series = len(table.columns)
    body: list[str] = []
    y = 4.0

    def swatch(i: int, top: float) -> str:
        s = i % SERIES_STYLES
        return (
            f'<g class="chart__series chart__series--{s}">'
            f'<line class="chart__line" x1="0" y1="{top + 10:.1f}" x2="24" y2="{top + 10:.1f}"/>'
            f"{_MARKERS[s](12, top + 10)}</g>"
        )

    legend, y = _legend(table, y, swatch)
    body += legend
    kinds = {f.kind for row in table.rows for f in row.figures}
    numbers = [
        float(f.value or 0) for row in table.rows for f in row.figures if rounded(f) is not None
    ]
    top = 100.0 if kinds == {Kind.PERCENT} else _nice_top(max(numbers + [0.0]))
    kind = Kind.PERCENT if kinds == {Kind.PERCENT} else next(iter(kinds), Kind.PEOPLE)
    left, right = 56.0, WIDTH - 24.0
    plot_top, plot_height = y + 14, 200.0
    base = plot_top + plot_height
    for step in range(5):
        value = top * step / 4
        gy = base - plot_height * step / 4
        body.append(
            f'<line class="chart__grid" x1="{left:.1f}" y1="{gy:.1f}" x2="{right}" y2="{gy:.1f}"/>'
        )
        label = figure_text(Figure(value, SMALLEST_SHOWN, kind))
        body.append(_text(left - 6, gy + 5, label, "chart__tick", "end"))
    body.append(
        f'<line class="chart__axis" x1="{left}" y1="{plot_top:.1f}" x2="{left}" y2="{base:.1f}"/>'
    )
    count = len(table.rows)
    spacing = (right - left - 30) / max(count - 1, 1)
    xs = [left + 20 + spacing * n for n in range(count)] if count > 1 else [(left + right) / 2]
    every = max(1, math.ceil(count / 6))  # at most six labels under the axis
    label_lines = 0
    for n, row in enumerate(table.rows):
        if n % every:
            continue
        lines = _lines(row.label, _fits(spacing * every, 13))[:3]
        label_lines = max(label_lines, len(lines))
        for k, line in enumerate(lines):
            body.append(_text(xs[n], base + 20 + k * LINE, line, "chart__tick", "middle"))
    for c in range(series):
        s = c % SERIES_STYLES
        segment: list[str] = []
        segments: list[list[str]] = []
        marks, notes = [], []
        for n, row in enumerate(table.rows):
            figure = row.figures[c] if c < len(row.figures) else Figure(None, 0)
            if rounded(figure) is None:
                if segment:
                    segments.append(segment)
                segment = []
                if figure.suppressed:  # the series' marker says whose point it is
                    ny = base - 10 - c * LINE
                    notes.append(
                        f'<g class="chart__series chart__series--{s}">'
                        f"{_MARKERS[s](xs[n] - 42, ny - 4)}</g>"
                        + _text(xs[n] - 34, ny, fewer_than(), "chart__note chart__tick")
                    )
                continue
            py = base - plot_height * min(float(figure.value or 0), top) / top
            segment.append(f"{xs[n]:.1f},{py:.1f}")
            marks.append(_MARKERS[s](xs[n], py))
            offset = -10 if c % 2 == 0 else 20
            notes.append(_text(xs[n], py + offset, figure_text(figure), "chart__value", "middle"))
        if segment:
            segments.append(segment)
        polylines = "".join(
            f'<polyline class="chart__line" points="{" ".join(points)}"/>' for points in segments
        )
        body.append(f'<g class="chart__series chart__series--{s}">{polylines}{"".join(marks)}</g>')
        body += notes
    height = base + 20 + label_lines * LINE
    return _svg(table, height, body, "chart--line")
