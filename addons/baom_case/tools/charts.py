"""Small SVG charts for the printed reports (no Odoo import, no network).

wkhtmltopdf draws inline SVG itself, so a chart is a string of SVG markup
embedded in the report: nothing to download, nothing to rasterise. Labels are
drawn by the report's own fonts, which keeps Arabic shaped and readable. In a
right-to-left report the charts are mirrored: categories run from the right and
labels stand on the right of the bars, as an Arabic reader expects.
"""

import math
from xml.sax.saxutils import escape

# Colour-blind-safe pair (women, men) and a neutral for single series.
PALETTE = ("#b5437a", "#2f6f9f", "#8c8c8c", "#d08c2a")
FONT_SIZE = 11


def nice_ceiling(value):
    """The smallest 'round' number (1, 2, 2.5, 5 x 10^n) >= value; 1 for 0."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return int(candidate) if candidate >= 1 else candidate
    return 10 ** (exponent + 1)  # pragma: no cover - 10 always fits


def ticks(maximum, count=4):
    """``count + 1`` axis values from 0, a round whole step apart (the charts
    count people and cases), the last one covering ``maximum``."""
    step = max(nice_ceiling(maximum / count), 1)
    values = [step * index for index in range(count + 1)]
    return [int(v) if float(v).is_integer() else round(v, 2) for v in values]


def _text(x, y, label, anchor="middle", size=FONT_SIZE, weight="normal", rtl=False):
    # In SVG, "start" is the right end of a right-to-left text: Arabic labels
    # say so, so that they are anchored where an Arabic reader starts.
    direction = ' direction="rtl"' if rtl else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"'
        f' font-weight="{weight}"{direction}>{escape(str(label))}</text>'
    )


def shorten(label, length):
    """The label cut to ``length`` characters with an ellipsis."""
    label = str(label)
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _svg(width, height, body, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def column_chart(labels, series, title="", width=640, height=220, rtl=False):
    """Grouped vertical bars: one group per label, one bar per series.

    :param labels: category labels (e.g. months), in reading order
    :param series: list of ``(name, values, colour or None)``, values aligned
        with ``labels``
    """
    labels = list(labels)
    series = [
        (name, [v or 0 for v in values], colour or PALETTE[index % len(PALETTE)])
        for index, (name, values, colour) in enumerate(series)
    ]
    margin_axis, margin_top, margin_bottom, margin_side = 34, 26, 34, 8
    plot_width = width - margin_axis - margin_side
    plot_height = height - margin_top - margin_bottom
    axis_values = ticks(max([0] + [v for _n, vs, _c in series for v in vs]))
    top = axis_values[-1] or 1
    plot_left = margin_side if rtl else margin_axis
    body = []
    for value in axis_values:
        y = margin_top + plot_height * (1 - value / top)
        body.append(
            f'<line x1="{plot_left:.1f}" y1="{y:.1f}" x2="{plot_left + plot_width:.1f}"'
            f' y2="{y:.1f}" stroke="#dddddd" stroke-width="1"/>'
        )
        axis_x = plot_left + plot_width + 4 if rtl else plot_left - 4
        body.append(
            _text(axis_x, y + 4, value, anchor="start" if rtl else "end", size=9)
        )
    if labels and series:
        group_width = plot_width / len(labels)
        bar_width = group_width * 0.8 / len(series)
        for index, label in enumerate(labels):
            slot = len(labels) - 1 - index if rtl else index
            group_left = plot_left + slot * group_width + group_width * 0.1
            for rank, (name, values, colour) in enumerate(series):
                value = values[index]
                bar_height = plot_height * value / top
                order = len(series) - 1 - rank if rtl else rank
                x = group_left + order * bar_width
                y = margin_top + plot_height - bar_height
                body.append(
                    f'<rect class="o_baom_bar" x="{x:.1f}" y="{y:.1f}"'
                    f' width="{bar_width:.1f}" height="{bar_height:.1f}"'
                    f' fill="{colour}" data-value="{value}"'
                    f' data-series="{escape(str(name))}"/>'
                )
                if value and bar_width >= 9:
                    body.append(_text(x + bar_width / 2, y - 2, value, size=8))
            body.append(
                _text(
                    group_left + group_width * 0.4,
                    margin_top + plot_height + 14,
                    label,
                    size=9,
                    rtl=rtl,
                )
            )
    body.append(
        f'<line x1="{plot_left:.1f}" y1="{margin_top + plot_height:.1f}"'
        f' x2="{plot_left + plot_width:.1f}" y2="{margin_top + plot_height:.1f}"'
        f' stroke="#666666" stroke-width="1"/>'
    )
    body.extend(_legend(series, width, rtl))
    return _svg(width, height, body, title)


def _legend(series, width, rtl):
    """One square and name per series, on top, from the reading side."""
    items, x = [], width - 8 if rtl else 40
    for name, _values, colour in series:
        label_width = 7 * len(str(name)) + 24
        square_x = x - 10 if rtl else x
        items.append(
            f'<rect class="o_baom_legend" x="{square_x:.1f}" y="4" width="10"'
            f' height="10" fill="{colour}"/>'
        )
        if rtl:
            items.append(_text(x - 14, 13, name, anchor="start", rtl=True))
            x -= label_width
        else:
            items.append(_text(x + 14, 13, name, anchor="start"))
            x += label_width
    return items


def bar_chart(labels, values, title="", width=640, rtl=False, colour=None):
    """Horizontal bars, largest first as given: one row per label."""
    labels, values = list(labels), [v or 0 for v in values]
    row_height, label_width, value_width = 20, 250, 36
    height = max(row_height * len(labels), row_height) + 6
    plot_width = width - label_width - value_width
    top = max(values, default=0) or 1
    colour = colour or PALETTE[1]
    body = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 3 + index * row_height
        length = plot_width * value / top
        label = shorten(label, 40)
        if rtl:
            bar_x = width - label_width - length
            body.append(_text(width - 2, y + 14, label, anchor="start", rtl=True))
            body.append(_text(bar_x - 4, y + 14, value, anchor="end", weight="bold"))
        else:
            bar_x = label_width
            body.append(_text(label_width - 6, y + 14, label, anchor="end"))
            body.append(
                _text(bar_x + length + 4, y + 14, value, anchor="start", weight="bold")
            )
        body.append(
            f'<rect class="o_baom_bar" x="{bar_x:.1f}" y="{y + 3:.1f}"'
            f' width="{length:.1f}" height="{row_height - 6}" fill="{colour}"'
            f' data-value="{value}"/>'
        )
    return _svg(width, height, body, title)
