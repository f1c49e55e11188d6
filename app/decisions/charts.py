"""The geometry of a small line chart of measurements, drawn as inline SVG by a template (no JavaScript)."""
from datetime import date

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 12, 28


def line_chart(points: list[tuple[date, float]], baseline: float | None = None,
               target: float | None = None) -> dict | None:
    """Where to draw `points` (day, value; any order) and the baseline and target lines, in a
    WIDTH x HEIGHT box: x by day, y from the lowest to the highest of values, baseline and target.
    None without points."""
    if not points:
        return None
    points = sorted(points, key=lambda p: p[0])
    levels = [value for _day, value in points] + [v for v in (baseline, target) if v is not None]
    low, high = min(levels), max(levels)
    if low == high:
        low, high = low - 1, high + 1
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        if first == last:
            return LEFT + plot_width / 2
        return round(LEFT + (day.toordinal() - first) / (last - first) * plot_width, 1)

    def y(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * plot_height, 1)

    dots = [{"x": x(day), "y": y(value), "day": day, "value": value} for day, value in points]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "line": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "baseline": None if baseline is None else y(baseline),
        "target": None if target is None else y(target),
        "low": low, "high": high, "low_y": y(low), "high_y": y(high),
        "first_day": points[0][0], "last_day": points[-1][0],
    }
