"""Server-rendered SVG charts: a person would rather look than read, and no build step is needed."""

from markupsafe import Markup

BAR = "#a4161a"
LABEL_WIDTH = 150
ROW = 26

_OPEN = Markup('<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
               'xmlns="http://www.w3.org/2000/svg"><title>{}</title>')
_BAR_ROW = Markup('<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                  '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                  '<text x="{}" y="{}" class="chart-value">{}</text>')
_COLUMN = Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>')
_AXIS = Markup('<text x="4" y="14" class="chart-value">{}</text>'
               '<line x1="30" y1="{}" x2="{}" y2="{}" stroke="#77818d"/>')
_TICK = Markup('<text x="{}" y="{}" class="chart-label">{}</text>')
_CLOSE = Markup("</svg>")


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(rows: list[tuple[str, int]], title: str, width: int = 560) -> Markup:
    """Horizontal bars, one per row, in the order given. Labels are escaped by Markup.format."""
    if not rows:
        return Markup("")
    peak = max(value for _, value in rows) or 1
    plot = width - LABEL_WIDTH - 50
    parts = [_OPEN.format(width, ROW * len(rows) + 8, title, title)]
    for i, (label, value) in enumerate(rows):
        y = 4 + i * ROW
        length = plot * value / peak
        parts.append(_BAR_ROW.format(LABEL_WIDTH - 8, y + 17, label, LABEL_WIDTH, y + 4, _fmt(max(length, 1)),
                                     ROW - 8, BAR, _fmt(LABEL_WIDTH + length + 6), y + 17, value))
    parts.append(_CLOSE)
    return Markup("").join(parts)


def column_chart(rows: list[tuple[str, int]], title: str, width: int = 560, height: int = 180) -> Markup:
    """Vertical columns over time (comments per day); about seven labels shown."""
    if not rows:
        return Markup("")
    peak = max(value for _, value in rows) or 1
    plot_h = height - 40
    step = (width - 40) / len(rows)
    parts = [_OPEN.format(width, height, title, title), _AXIS.format(peak, plot_h + 10, width, plot_h + 10)]
    label_every = max(1, len(rows) // 7)
    for i, (label, value) in enumerate(rows):
        bar_h = plot_h * value / peak
        x = 34 + i * step
        parts.append(_COLUMN.format(_fmt(x), _fmt(plot_h + 10 - bar_h), _fmt(max(step - 2, 1)), _fmt(bar_h), BAR,
                                    label, value))
        if i % label_every == 0:
            parts.append(_TICK.format(_fmt(x), height - 8, label))
    parts.append(_CLOSE)
    return Markup("").join(parts)
