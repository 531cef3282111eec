"""Charts a phone can read: labels and values are page text (they wrap and follow the text size,
never shrink with the drawing), the bars are small SVGs, and every chart is followed by a table of
its numbers, which is what screen readers read and touch screens show without a tooltip.

The site's Content-Security-Policy forbids inline styles, so a bar's length is an SVG attribute.
"""

from markupsafe import Markup

_BAR = Markup('<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
              'focusable="false"><rect x="0" y="0" width="{}" height="10"/></svg>')
_BAR_ROW = Markup('<li><span class="bar-label">{}</span>{}<span class="bar-value">{}</span></li>')
_COLUMNS_OPEN = Markup('<svg class="columns" viewBox="0 0 {} 100" preserveAspectRatio="none" aria-hidden="true" '
                       'focusable="false">')
_COLUMN = Markup('<rect x="{}" y="{}" width="{}" height="{}"/>')
_TABLE_ROW = Markup('<tr><th scope="row">{}</th><td class="num">{}</td></tr>')
_TABLE = Markup('<div class="table-wrap chart-table" role="region" tabindex="0" aria-label="{}"><table>'
                '<thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead>'
                '<tbody>{}</tbody></table></div>')


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _table(rows: list[tuple[str, int]], title: str, columns: tuple[str, str]) -> Markup:
    body = Markup("").join(_TABLE_ROW.format(label, value) for label, value in rows)
    return _TABLE.format(title, columns[0], columns[1], body)


def bar_chart(rows: list[tuple[str, int]], title: str, columns: tuple[str, str]) -> Markup:
    """Horizontal bars, one per row, in the order given, then the table. Labels are escaped by Markup.format."""
    if not rows:
        return Markup("")
    peak = max(value for _, value in rows) or 1
    bars = Markup("").join(_BAR_ROW.format(label, _BAR.format(_fmt(max(100 * value / peak, 0.5))), value)
                           for label, value in rows)
    return Markup('<ul class="bar-chart" aria-hidden="true">{}</ul>{}').format(bars, _table(rows, title, columns))


def column_chart(rows: list[tuple[str, int]], title: str, columns: tuple[str, str]) -> Markup:
    """Vertical columns over time (comments per day): the first, middle and last day named under them."""
    if not rows:
        return Markup("")
    peak = max(value for _, value in rows) or 1
    parts = [_COLUMNS_OPEN.format(len(rows))]
    for i, (_, value) in enumerate(rows):
        height = 100 * value / peak
        parts.append(_COLUMN.format(_fmt(i + 0.1), _fmt(100 - height), "0.8", _fmt(height)))
    parts.append(Markup("</svg>"))
    ticks = dict.fromkeys((rows[0][0], rows[len(rows) // 2][0], rows[-1][0]))
    axis = Markup("").join(Markup("<span>{}</span>").format(label) for label in ticks)
    return Markup('<div class="column-chart" aria-hidden="true"><span class="column-peak">{}</span>{}'
                  '<div class="column-ticks">{}</div></div>{}').format(
        peak, Markup("").join(parts), axis, _table(rows, title, columns))
