"""Small inline SVG charts: stacked columns and horizontal bars.  Pure.

No scripts, no fonts, no external references: the report must open offline, in a
mail client's viewer, or years later from an archive.  Every chart carries a
<title> and <desc> (read by screen readers via aria-labelledby) and the numbers
are also printed as text on or beside the bars, so colour is never the only cue.
Colours are the Okabe-Ito palette, which stays distinguishable with the common
colour-vision deficiencies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

#: Okabe-Ito, chosen per meaning so the same thing has the same colour everywhere.
COLOURS: Mapping[str, str] = {
    "forward": "#0072B2",
    "hold": "#D55E00",
    "pass-through": "#8C8C8C",
    "deferred": "#E69F00",
    "rejected": "#CC79A7",
    "unknown": "#4D4D4D",
    "urgent": "#E69F00",
    "kind": "#009E73",
    "humble": "#56B4E9",
    "clear": "#0072B2",
    "reply": "#8C8C8C",
    "released": "#0072B2",
    "fixed": "#009E73",
    "discarded": "#CC79A7",
    "expired": "#E69F00",
    "still held": "#D55E00",
}
FALLBACK = "#4D4D4D"
INK = "#1A1A1A"
MUTED = "#595959"  # 7:1 on white
GRID = "#D9D9D9"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"


def colour(name: str) -> str:
    return COLOURS.get(name, FALLBACK)


def _attr(text: object) -> str:
    return escape(str(text), quote=True)


def _nice_max(value: int) -> int:
    """A round axis maximum >= value (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10


def _open(ident: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{ident}-t {ident}-d" id="{ident}" style="{FONT}">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


@dataclass(frozen=True)
class Legend:
    names: tuple[str, ...]

    def svg(self, x: int, y: int) -> list[str]:
        out = []
        for name in self.names:
            out.append(
                f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour(name)}"/>'
            )
            out.append(
                f'<text x="{x + 16}" y="{y}" font-size="12" fill="{INK}">{escape(name)}</text>'
            )
            x += 28 + 7 * len(name)
        return out


def stacked_columns(
    ident: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    width: int = 720,
    height: int = 240,
) -> str:
    """One column per label, stacked by series (name, counts per label)."""
    left, right, top, bottom = 44, 32, 28, 44  # room for the last axis label
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(counts[i] for _, counts in series) for i in range(len(labels))]
    peak = _nice_max(max(totals, default=0))
    out = _open(ident, title, desc, width, height)
    out += Legend(tuple(name for name, counts in series if any(counts))).svg(left, 14)
    for tick in (0, peak // 2, peak) if peak >= 2 else (0, peak):
        y = top + plot_h - plot_h * tick / peak
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="{MUTED}">{tick}</text>'
        )
    n = max(len(labels), 1)
    slot = plot_w / n
    bar = max(2.0, min(48.0, slot * 0.7))
    widest = max((len(label) for label in labels), default=1) * 6.5 + 8  # px at 11px font
    every = max(1, math.ceil(widest / slot))  # labels never overlap
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        for name, counts in series:
            count = counts[i]
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour(name)}">'
                f"<title>{escape(label)}: {count} {escape(name)}</title></rect>"
            )
        if totals[i] and bar >= 14:
            out.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="10" '
                f'text-anchor="middle" fill="{INK}">{totals[i]}</text>'
            )
        if i % every == 0:
            out.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" font-size="11" '
                f'text-anchor="middle" fill="{MUTED}">{escape(label)}</text>'
            )
    out.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def horizontal_bars(
    ident: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, int, str]],
    *,
    width: int = 720,
    row: int = 24,
    label_width: int = 230,
    suffix: Sequence[str] | None = None,
) -> str:
    """One bar per (label, value, colour key); the value is printed after the bar."""
    top, right = 8, 140
    height = top * 2 + row * max(len(items), 1)
    peak = max((v for _, v, _ in items), default=0) or 1
    span = width - label_width - right
    out = _open(ident, title, desc, width, height)
    for i, (label, value, key) in enumerate(items):
        y = top + row * i
        w = max(1.0, span * value / peak) if value else 0.0
        shown = label if len(label) <= 34 else label[:33] + "…"
        out.append(
            f'<text x="{label_width - 8}" y="{y + row * 0.65:.1f}" font-size="12" '
            f'text-anchor="end" fill="{INK}">{escape(shown)}'
            f"<title>{escape(label)}</title></text>"
        )
        if w:
            out.append(
                f'<rect class="bar" x="{label_width}" y="{y + 4}" width="{w:.1f}" '
                f'height="{row - 8}" fill="{colour(key)}">'
                f"<title>{escape(label)}: {value}</title></rect>"
            )
        extra = suffix[i] if suffix and suffix[i] else ""
        extra = extra if extra.startswith("%") or not extra else " " + extra
        out.append(
            f'<text x="{label_width + w + 6:.1f}" y="{y + row * 0.65:.1f}" font-size="12" '
            f'fill="{INK}">{value}{escape(extra)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
