import datetime
import xml.etree.ElementTree as ET

from baom_case_tools import charts, periods

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg):
    return [
        rect
        for rect in ET.fromstring(svg).findall(f"{SVG}rect")
        if rect.get("class") == "o_baom_bar"
    ]


def _texts(svg):
    return [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_nice_ceiling_rounds_up_to_readable_axis_tops():
    assert charts.nice_ceiling(0) == 1
    assert charts.nice_ceiling(7) == 10
    assert charts.nice_ceiling(23) == 25
    assert charts.nice_ceiling(180) == 200
    assert charts.ticks(40) == [0, 10, 20, 30, 40]
    assert charts.ticks(23) == [0, 10, 20, 30, 40]
    assert charts.ticks(7) == [0, 2, 4, 6, 8]
    assert charts.ticks(0) == [0, 1, 2, 3, 4], "whole people, never 0.25"


def test_column_chart_draws_one_bar_per_month_and_series():
    svg = charts.column_chart(
        ["Jan", "Feb", "Mar"],
        [("Women", [4, 0, 2], None), ("Men", [1, 3, 0], None)],
        title="People received",
    )
    bars = _bars(svg)
    assert len(bars) == 6
    heights = {
        (bar.get("data-series"), bar.get("data-value")): float(bar.get("height"))
        for bar in bars
    }
    # Heights are proportional to the values, zero draws nothing.
    assert heights[("Women", "4")] == 4 * heights[("Men", "1")]
    assert heights[("Women", "0")] == 0
    assert {"Jan", "Feb", "Mar"} <= set(_texts(svg))
    assert {"Women", "Men"} <= set(_texts(svg)), "the legend names the series"


def test_column_chart_is_mirrored_right_to_left():
    ltr = charts.column_chart(["Jan", "Feb"], [("People", [1, 2], None)])
    rtl = charts.column_chart(["Jan", "Feb"], [("People", [1, 2], None)], rtl=True)
    ltr_x = [float(b.get("x")) for b in _bars(ltr)]
    rtl_x = [float(b.get("x")) for b in _bars(rtl)]
    assert ltr_x[0] < ltr_x[1], "January first from the left"
    assert rtl_x[0] > rtl_x[1], "January first from the right in Arabic"


def test_empty_charts_still_render():
    assert _bars(charts.column_chart([], [("People", [], None)])) == []
    assert _bars(charts.bar_chart([], [])) == []
    flat = charts.column_chart(["Jan"], [("People", [0], None)])
    assert float(_bars(flat)[0].get("height")) == 0


def test_bar_chart_escapes_labels_and_keeps_order():
    svg = charts.bar_chart(["Referred <CNSS> & co", "Resolved"], [5, 2], rtl=True)
    assert _texts(svg)[0] == "Referred <CNSS> & co"
    lengths = [float(b.get("width")) for b in _bars(svg)]
    assert lengths[0] > lengths[1]


def test_months_between_lists_every_month_of_the_period():
    months = periods.months_between(
        datetime.date(2025, 11, 15), datetime.date(2026, 2, 3)
    )
    assert months == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
    assert (
        periods.months_between(datetime.date(2026, 3, 1), datetime.date(2026, 1, 1))
        == []
    )


def test_change_gives_difference_percent_and_direction():
    assert periods.change(12, 10) == (2, 20.0, "up")
    assert periods.change(5, 10) == (-5, -50.0, "down")
    assert periods.change(3, 0) == (3, None, "up")
    assert periods.change(None, None) == (0, None, "same")
    assert periods.change(2.5, 2.0) == (0.5, 25.0, "up")
