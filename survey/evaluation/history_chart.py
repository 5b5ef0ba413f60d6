"""A department's total score over the years (趋势图), drawn like the other evaluation charts
(matplotlib on the server, SVG for the pages): one point per frozen year, each labelled with its
score and rank; a year without a total is a gap in the line, never a zero."""
from __future__ import annotations

from .charts import _pyplot, _save
from .history import TrendPoint


def trend_chart(points: list[TrendPoint], *, title: str = "", fmt: str = "svg") -> bytes:
    """Totals (0–100) by year; a label under each point gives the rank (第 n 名 / 共 m)."""
    plt = _pyplot()
    years = [point.year for point in points]
    totals = [point.result.total for point in points]
    figure, axes = plt.subplots(figsize=(8, 3.2), dpi=110)
    # a year without a total splits the line: consecutive known points are drawn as one run
    run: list[tuple[int, float]] = []
    for year, total in list(zip(years, totals)) + [(0, None)]:
        if total is None:
            if run:
                axes.plot([y for y, _ in run], [t for _, t in run], color="#1d4ed8", linewidth=2, marker="o")
            run = []
        else:
            run.append((year, total))
    known = [total for total in totals if total is not None]
    low = min(known, default=0)
    bottom = max(0.0, min(low - 10, 60.0))
    axes.set_ylim(bottom, 100 + (100 - bottom) * 0.08)
    for point in points:
        total = point.result.total
        if total is None:
            axes.text(point.year, bottom + (100 - bottom) * 0.08, "无总分", ha="center", fontsize=8, color="#6b7280")
            continue
        axes.annotate(f"{total:.2f}", (point.year, total), textcoords="offset points", xytext=(0, 8),
                      ha="center", fontsize=9)
        if point.result.rank is not None:
            axes.annotate(f"第{point.result.rank}名", (point.year, total), textcoords="offset points",
                          xytext=(0, -15), ha="center", fontsize=8, color="#4b5563")
    axes.set_xticks(years, [f"{year}年" for year in years])
    if len(years) == 1:
        axes.set_xlim(years[0] - 1, years[0] + 1)
    else:
        axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    axes.set_ylabel("总分")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#e5e7eb", linewidth=0.8)
    if title:
        axes.set_title(title)
    figure.tight_layout()
    return _save(figure, fmt)


def change_chart(names: list[str], changes: list[float], *, title: str = "", fmt: str = "svg") -> bytes:
    """The change of each department's total between two years as horizontal bars (gains to the
    right in blue, losses to the left in orange), in the order given (the later year's ranking)."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(8, max(2.5, 0.36 * len(names) + 1)), dpi=110)
    positions = list(range(len(names)))[::-1]
    axes.barh(positions, changes, color=["#1d4ed8" if value >= 0 else "#c2410c" for value in changes], height=0.6)
    axes.set_yticks(positions, names)
    widest = max((abs(value) for value in changes), default=1) or 1
    axes.set_xlim(-widest * 1.3, widest * 1.3)
    axes.axvline(0, color="#374151", linewidth=0.8)
    for position, value in zip(positions, changes):
        axes.text(value + (widest * 0.03 if value >= 0 else -widest * 0.03), position, f"{value:+.2f}",
                  va="center", ha="left" if value >= 0 else "right", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    if title:
        axes.set_title(title)
    figure.tight_layout()
    return _save(figure, fmt)
