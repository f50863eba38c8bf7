"""The report's SVG charts: a text alternative (title, description, role), a summary made from
the numbers, no bar for a small group but the words "fewer than 5", nothing the CSP blocks."""

from __future__ import annotations

import lxml.etree as etree
import pytest

from organisations.reports import charts
from organisations.reports.figures import Figure, Kind, Row, Table

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def people(*values: int) -> tuple[Figure, ...]:
    return tuple(Figure(v, v) for v in values)


AGES = Table(
    "reach_age",
    "People by age band",
    "Joined and started, by age band",
    ("Joined", "Started"),
    (
        Row("45-54", people(30, 21)),
        Row("55-64", people(42, 3)),
        Row("65+", (Figure(None, 0), Figure(0, 0))),
    ),
    chart="bar",
)
WORK = Table(
    "outcomes work",
    "Working after the programme",
    "Share employed or self-employed",
    ("Employed or self-employed",),
    (
        Row("At entry", (Figure(18.0, 48, Kind.PERCENT),)),
        Row("At leaving", (Figure(35.5, 31, Kind.PERCENT),)),
        Row("After 6 months", (Figure(47, 4, Kind.PERCENT),)),
        Row("After 12 months", (Figure(62.4, 8, Kind.PERCENT),)),
    ),
    chart="line",
)


def parsed(markup) -> etree._Element:
    return etree.fromstring(str(markup).encode())


def texts(svg) -> list[str]:
    return [t.text for t in svg.iter(f"{SVG}text")]


@pytest.mark.parametrize("table", [AGES, WORK], ids=["bar", "line"])
def test_a_chart_has_a_role_a_title_and_a_description(table):
    svg = parsed(charts.chart(table))
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == table.title
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == desc_id and charts.summary(table) in desc.text


@pytest.mark.parametrize("table", [AGES, WORK], ids=["bar", "line"])
def test_a_chart_has_nothing_the_csp_blocks_and_scales_with_the_page(table):
    svg = parsed(charts.chart(table))
    assert all(e.get("style") is None for e in svg.iter())
    assert not list(svg.iter(f"{SVG}script", f"{SVG}style"))
    assert svg.get("width") == "100%" and svg.get("viewBox").startswith(f"0 0 {charts.WIDTH} ")


def test_a_small_group_has_no_bar_but_says_fewer_than_5():
    svg = parsed(charts.bar_chart(AGES))
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart__bar"]
    legend, drawn = bars[:2], bars[2:]
    assert len(legend) == 2
    assert len(drawn) == 3  # 30, 21, 42: not the 3 (suppressed), not None, not the zero
    assert "fewer than 5" in texts(svg)
    assert "no data" in texts(svg)
    assert "3" not in texts(svg)


def test_bars_are_drawn_to_scale_and_labelled_with_their_value():
    svg = parsed(charts.bar_chart(AGES))
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart__bar"][2:]
    widths = [float(r.get("width")) for r in bars]
    assert widths[2] == max(widths)  # 42
    assert widths[0] == pytest.approx(widths[2] * 30 / 42, abs=0.2)
    assert {"30", "21", "42"} <= set(texts(svg))


def test_each_series_has_its_own_pattern_so_colour_is_not_the_only_cue():
    svg = parsed(charts.bar_chart(AGES))
    fills = {r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart__bar"}
    assert fills == {"url(#chart-reach_age-p0)", "url(#chart-reach_age-p1)"}
    second = next(p for p in svg.iter(f"{SVG}pattern") if p.get("id") == "chart-reach_age-p1")
    assert second.find(f"{SVG}path") is not None  # stripes over the colour


def test_the_bar_summary_names_the_largest_group():
    assert charts.summary(AGES) == "The largest figure is Joined for 55-64: 42."
    single = Table("t", "T", "C", ("People",), (Row("A", people(7)), Row("B", people(9))), "bar")
    assert charts.summary(single) == "The largest group is B, with 9."


def test_the_line_summary_tells_the_change_over_time():
    assert charts.summary(WORK) == (
        "Employed or self-employed went from 18% (At entry) to 62% (After 12 months)."
    )


def test_a_suppressed_point_breaks_the_line_and_says_fewer_than_5():
    svg = parsed(charts.line_chart(WORK))
    lines = [p for p in svg.iter(f"{SVG}polyline")]
    assert [len(p.get("points").split()) for p in lines] == [2, 1]
    assert "fewer than 5" in texts(svg)
    assert "47%" not in texts(svg)
    assert {"18%", "36%", "62%"} <= set(texts(svg))


def test_labels_are_escaped_and_ids_safe():
    table = Table(
        "a b<c",
        "<script>x</script>",
        "c",
        ("People",),
        (Row("<b>", people(8)),),
        "bar",
    )
    markup = str(charts.chart(table))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert 'id="chart-a-b-c-title"' in markup


def test_a_table_without_a_chart_has_none():
    assert charts.chart(Table("t", "T", "C", ("People",), (), None)) is None


def test_nothing_to_show_is_said_in_words():
    empty = Table("t", "T", "C", ("People",), (Row("A", people(2)),), "bar")
    assert charts.summary(empty) == "No figure in this chart can be shown for this period."
