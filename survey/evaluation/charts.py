"""Charts of evaluation results, drawn by the app itself (matplotlib, no CDN).

SVG for the web pages (text left as text, so the browser's Chinese fonts show
it) and PNG for Word reports (a CJK font from the system is used when one is
installed: Debian's fonts-wqy-microhei or Noto CJK).
"""
from __future__ import annotations

import io
import math
from functools import lru_cache

CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
             "Microsoft YaHei", "SimHei", "PingFang SC")


@lru_cache(maxsize=1)
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    installed = {font.name for font in font_manager.fontManager.ttflist}
    chosen = [name for name in CJK_FONTS if name in installed]
    matplotlib.rcParams["font.sans-serif"] = chosen + ["DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "none"
    return pyplot


def has_cjk_font() -> bool:
    """Whether PNG charts can show Chinese labels on this machine."""
    _pyplot()
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return any(name in installed for name in CJK_FONTS)


def bar_chart(names: list[str], values: list[float], *, title: str = "", fmt: str = "svg",
              highlight: str | None = None) -> bytes:
    """Horizontal bars, best at the top (a ranking)."""
    plt = _pyplot()
    height = max(2.5, 0.38 * len(names) + 1)
    figure, axes = plt.subplots(figsize=(8, height), dpi=110)
    positions = list(range(len(names)))[::-1]
    colours = ["#c2410c" if name == highlight else "#1d4ed8" for name in names]
    axes.barh(positions, values, color=colours, height=0.65)
    axes.set_yticks(positions, names)
    axes.set_xlim(0, max(100, max(values, default=0) * 1.05))
    for position, value in zip(positions, values):
        axes.text(value + 0.8, position, f"{value:.2f}", va="center", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    if title:
        axes.set_title(title)
    figure.tight_layout()
    return _save(figure, fmt)


def radar_chart(labels: list[str], values: list[float | None], *, title: str = "", fmt: str = "svg") -> bytes:
    """Share of the maximum (0–100) per first-level indicator; a missing one is drawn at 0 and marked."""
    plt = _pyplot()
    count = len(labels)
    angles = [2 * math.pi * n / count for n in range(count)] + [0.0]
    shown = [v if v is not None else 0.0 for v in values]
    figure = plt.figure(figsize=(5.5, 5.5), dpi=110)
    axes = figure.add_subplot(polar=True)
    axes.plot(angles, shown + shown[:1], color="#1d4ed8", linewidth=2)
    axes.fill(angles, shown + shown[:1], color="#1d4ed8", alpha=0.18)
    axes.set_xticks(angles[:-1], [f"{label}\n（缺）" if v is None else label for label, v in zip(labels, values)])
    axes.set_ylim(0, 100)
    axes.set_yticks([20, 40, 60, 80, 100])
    axes.tick_params(axis="x", labelsize=9)
    if title:
        axes.set_title(title, pad=18)
    figure.tight_layout()
    return _save(figure, fmt)


def _save(figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, bbox_inches="tight")
    _pyplot().close(figure)
    return buffer.getvalue()


# Properties matplotlib writes in style="" that SVG also accepts as presentation attributes.
_PRESENTATION = {"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
                 "stroke-linejoin", "stroke-linecap", "stroke-dasharray", "stroke-dashoffset",
                 "stroke-miterlimit", "opacity", "font-size", "font-family", "font-weight",
                 "font-style", "text-anchor", "dominant-baseline", "clip-rule", "color"}


def svg_for_html(svg: bytes | str, *, css_class: str = "chart", label: str = "") -> str:
    """An SVG chart made fit to be inlined in a page under a CSP without inline styles.

    The XML prolog, DOCTYPE, metadata and the <style> element are dropped; each
    style="" attribute becomes presentation attributes (fill, stroke, font-size …),
    which a Content-Security-Policy without 'unsafe-inline' allows.
    """
    import re

    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"<style[^>]*>.*?</style>\s*", "", text, flags=re.S)
    text = re.sub(r"<defs>\s*</defs>\s*", "", text)

    def attributes(match: re.Match) -> str:
        out = []
        for part in match.group(1).split(";"):
            name, _, value = (piece.strip() for piece in part.partition(":"))
            if name in _PRESENTATION and value and '"' not in value:
                out.append(f'{name}="{value}"')
        return " ".join(out)

    text = re.sub(r'style="([^"]*)"', attributes, text)
    opening = text[:text.index(">") + 1]  # the <svg ...> tag: text starts with it (see above)
    replaced = re.sub(r'\s(width|height)="[^"]*"', "", opening)
    extra = f' class="{css_class}" role="img"' + (f' aria-label="{_escape(label)}"' if label else "")
    text = replaced[:-1] + extra + ">" + text[len(opening):]
    return text.strip()


def _escape(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))
