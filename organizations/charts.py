"""Geometry of the server-rendered SVG charts: bars from counts, no JavaScript needed."""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 220
LABEL_SPACE = 28
TOP_SPACE = 18
ROW = 46
ROW_LABEL_SPACE = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    long_label: str = ""

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def value_y(self) -> float:
        """Where a column's number sits: just above it."""
        return self.y - 4

    @property
    def label_y(self) -> float:
        """Where a row's label sits: on the line above its bar."""
        return self.y - 6


def frame(*, rows: int = 0, row: int = ROW) -> dict:
    """The drawing's size for a template: columns use HEIGHT, rows grow with their number."""
    return {
        "width": WIDTH,
        "height": HEIGHT if not rows else rows * row,
        "baseline": HEIGHT - LABEL_SPACE,
        "label_y": HEIGHT - 8,
    }


def column_bars(
    points: list[tuple[str, int]],
    *,
    long_labels: list[str] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> list[Bar]:
    """Vertical bars, one per point, scaled to the largest value (a zero chart stays flat).

    Short labels go under the columns; long labels (if given) go in the table alternative.
    """
    if not points:
        return []
    peak = max(value for _label, value in points) or 1
    slot = width / len(points)
    plot = height - LABEL_SPACE - TOP_SPACE
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = plot * value / peak
        bars.append(
            Bar(
                label=label,
                value=value,
                x=index * slot + slot * 0.15,
                y=TOP_SPACE + plot - bar_height,
                width=slot * 0.7,
                height=bar_height,
                long_label=long_labels[index] if long_labels else label,
            )
        )
    return bars


def row_bars(points: list[tuple[str, int]], *, width: int = WIDTH, row: int = ROW) -> list[Bar]:
    """Horizontal bars (a funnel) under their labels, scaled to the largest step."""
    peak = max((value for _label, value in points), default=0) or 1
    return [
        Bar(
            label=label,
            value=value,
            x=0,
            y=index * row + ROW_LABEL_SPACE,
            width=width * value / peak,
            height=row - ROW_LABEL_SPACE - 6,
        )
        for index, (label, value) in enumerate(points)
    ]
