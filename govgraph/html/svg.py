"""A static, print-quality SVG of the hierarchy from the same layout as the page
(``govgraph.html.tree``): title, date, the boxes and lines of one frame (the baseline
or a scenario option, with its change colours and glyphs), and a legend of what is
drawn. Names are untrusted: they are escaped, and characters XML cannot hold dropped.

>>> from govgraph.formats import load_model
>>> svg = render_svg(load_model("fixtures/joint-councils.yaml"), lang="fr")
>>> svg.startswith("<svg") and "Conseils mixtes" in svg and "<script" not in svg
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write_text
from govgraph.html.picture import frame_geometry, tree_of
from govgraph.html.tree import BOX_H, BOX_W, FONT, LINE_H
from govgraph.i18n import Phrase
from govgraph.model import GovernanceModel

__all__ = ["export_svg", "render_svg"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARGIN = 30
_HEAD = 70


def _text(value: Any) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def _attr(value: Any) -> str:
    return quoteattr(_NOT_XML.sub("", str(value)))


def _pick(value: Any, lang: str) -> str:
    if isinstance(value, list):
        first, other = (value[1], value[0]) if lang == "fr" else (value[0], value[1])
        return str(first if first is not None else other)
    return "" if value is None else str(value)


def _glyph(x: float, y: float, status: dict[str, str], r: float) -> str:
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="#ffffff" stroke="{status["band"]}" '
        f'stroke-width="2"/><text x="{x:.1f}" y="{y + r * 0.42:.1f}" text-anchor="middle" '
        f'font-size="{r * 1.25:.1f}" font-weight="700" fill="{status["text"]}">'
        f"{_text(status['icon'])}</text>"
    )


def _line_style(edge: dict[str, Any], style: dict[str, Any], option: bool) -> str:
    stroke = style["types"].get(edge["t"], {"color": "#666666"})["color"]
    width, opacity, dash = 1.6, 1.0, ""
    if edge["t"] == "PART_OF":
        dash = ' stroke-dasharray="1 5" stroke-linecap="round"'
    if edge["t"] == "REPORTS_TO" and edge.get("fo") is False:
        dash = ' stroke-dasharray="7 5"'
    if edge["t"] == "ACCOUNTABLE_TO":
        dash = ' stroke-dasharray="12 4"'
    if option:
        stroke = style["status"][edge["st"]]["band"] if edge.get("st") else "#8a8a8a"
        if edge.get("st") == "created":
            width = 3.2
        elif edge.get("st") == "removed":
            width, opacity = 2.0, 0.55
    return f'stroke="{stroke}" stroke-width="{width}" stroke-opacity="{opacity}"{dash}'


def render_svg(
    model: GovernanceModel,
    *,
    view: str = "hierarchy",
    lang: str = "en",
    as_of: str | date | None = None,
    focus: str | None = None,
    depth: int = 2,
    scenarios: Sequence[Any] = (),
    option: int | None = None,
) -> str:
    """The SVG text of one frame of the hierarchy: ``option`` 0 is the baseline, 1
    the first scenario (the default when scenarios are given), and so on."""
    from govgraph.html import view_data

    if view != "hierarchy":
        raise InputError(Phrase("html.svg_view", view=view), field="view")
    data = view_data(
        model,
        view=view,
        lang=lang,
        as_of=as_of,
        focus=focus,
        depth=depth,
        scenarios=scenarios,
        history=False,  # a picture shows one date: only what holds on it
    )
    frames = data["frames"]
    index = (1 if len(frames) > 1 else 0) if option is None else option
    if not 0 <= index < len(frames):
        raise InputError(
            f"option {index} does not exist (0 is the baseline, 1 to {len(frames) - 1} the options)",  # noqa: E501
            field="option",
        )
    texts = data["i18n"][lang]
    style = data["style"]
    frame = frames[index]
    boxes, lines = frame_geometry(tree_of(frames), frame)
    is_option = index > 0
    xs = [x for _, x, _ in boxes] or [0.0]
    ys = [y for _, _, y in boxes] or [0.0]
    left, top = min(xs) - BOX_W / 2 - _MARGIN, min(ys) - BOX_H / 2 - _MARGIN - _HEAD
    width = max(max(xs) - min(xs) + BOX_W + 2 * _MARGIN, 900)
    legend_h = 40
    height = max(ys) - min(ys) + BOX_H + 2 * _MARGIN + _HEAD + legend_h
    title = _pick(data["title"], lang) if data["title"] else texts["page_title"]
    if is_option:
        title = texts["option_title"].replace("{option}", _pick(frame["name"], lang))
    subtitle = [texts[f"view:{view}"]]
    subtitle.append(f"{texts['as_of']} {data['as_of']}" if data["as_of"] else texts["all_dates"])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="{left:.1f} {top:.1f} {width:.1f} {height:.1f}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f"<title>{_text(title)}</title>",
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>',  # noqa: E501
        f'<text x="{left + _MARGIN:.1f}" y="{top + 34:.1f}" font-size="22" font-weight="600" '
        f'fill="#1a1a1a">{_text(title)}</text>',
        f'<text x="{left + _MARGIN:.1f}" y="{top + 56:.1f}" font-size="13" fill="#444444">'
        f"{_text(' · '.join(subtitle))}</text>",
        '<g class="lines" fill="none">',
    ]
    rank = {"removed": 0, None: 1, "created": 2}
    marks = []
    for edge, points in sorted(lines, key=lambda item: rank.get(item[0].get("st"), 1)):
        d = " ".join(f"{'L' if i else 'M'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(points))
        out.append(f'<path d="{d}" {_line_style(edge, style, is_option)}/>')
        if is_option and edge.get("st"):
            (ax, ay), (bx, by) = points[-2], points[-1]
            marks.append(_glyph((ax + bx) / 2, (ay + by) / 2, style["status"][edge["st"]], 7))
    out.append("</g>")
    kinds_seen: dict[str, None] = {}
    statuses_seen: dict[str, None] = {}
    for node, x, y in boxes:
        kind = style["kinds"].get(node["k"], style["kinds"]["organization"])
        kinds_seen.setdefault(node["k"])
        status = (node.get("st") or "unchanged") if is_option else None
        st = style["status"][status] if status else None
        if status:
            statuses_seen.setdefault(status)
        faint = node.get("ghost") or node.get("st") == "removed"
        fill = "#ffffff" if faint else (st["fill"] if st else kind["fill"])
        stroke = st["band"] if st else kind["color"]
        stroke_w = 2.5 if st and status != "unchanged" else 1.2
        dash = ' stroke-dasharray="5 4"' if faint else ""
        x0, y0 = x - BOX_W / 2, y - BOX_H / 2
        out.append(f'<g transform="translate({x0:.1f} {y0:.1f})">')
        out.append(f"<title>{_text(_pick(node['n'], lang)[:2000])}</title>")
        out.append(
            f'<rect width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{stroke_w}"{dash}/>'
        )
        out.append(f'<rect width="6" height="{BOX_H}" fill="{stroke}"/>')
        label_lines = node["wl"][1 if lang == "fr" else 0]
        start = (BOX_H - len(label_lines) * LINE_H) / 2 + FONT - 1
        colour = "#555555" if faint else "#1a1a1a"
        out.append(f'<text font-size="{FONT}" fill="{colour}">')
        for i, text in enumerate(label_lines):
            out.append(f'<tspan x="13" y="{start + i * LINE_H:.1f}">{_text(text)}</tspan>')
        out.append("</text>")
        if st and status != "unchanged":
            out.append(_glyph(BOX_W - 2, 2, st, 9))
        out.append("</g>")
    out.extend(marks)
    out.extend(
        _legend(
            left + _MARGIN,
            top + height - legend_h + 10,
            texts,
            style,
            kinds_seen,
            statuses_seen,
            lines,
        )
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(
    x: float,
    y: float,
    texts: dict[str, str],
    style: dict[str, Any],
    kinds: dict[str, None],
    statuses: dict[str, None],
    lines: list[tuple[dict[str, Any], Any]],
) -> list[str]:
    out = [
        f'<g class="legend" font-size="12" fill="#1a1a1a" transform="translate({x:.1f} {y:.1f})">'
    ]
    at = 0.0

    def item(sample: str, label: str) -> None:
        nonlocal at
        out.append(
            f'<g transform="translate({at:.1f} 0)">{sample}<text x="34" y="12">{_text(label)}</text></g>'  # noqa: E501
        )
        at += 44 + 6.5 * len(label)

    if statuses:
        for status in statuses:
            st = style["status"][status]
            sample = (
                f'<rect x="0" y="1" width="24" height="14" rx="2" fill="{st["fill"]}" stroke="{st["band"]}" '  # noqa: E501
                'stroke-width="2"/>' + (_glyph(24, 3, st, 5.5) if st["icon"] else "")
            )
            item(sample, texts[f"status:{status}"])
    else:
        for kind in kinds:
            k = style["kinds"][kind]
            sample = (
                f'<rect x="0" y="1" width="24" height="14" rx="2" fill="{k["fill"]}" stroke="{k["color"]}"/>'  # noqa: E501
                f'<rect x="0" y="1" width="5" height="14" fill="{k["color"]}"/>'
            )
            item(sample, texts[f"kind:{kind}"])
    seen: dict[tuple[str, bool], None] = {}
    for edge, _ in lines:
        seen.setdefault((edge["t"], edge.get("fo") is False))
    for rel_type, informal in seen:
        probe = {"t": rel_type, "fo": False if informal else None}
        sample = f'<path d="M0 8 L28 8" {_line_style(probe, style, False)}/>'
        label = texts[f"type:{rel_type}"] + (f" — {texts['informal']}" if informal else "")
        item(sample, label)
    out.append("</g>")
    return out


def export_svg(model: GovernanceModel, path: str | Path, **options: Any) -> dict[str, Any]:
    """Write ``render_svg(model, **options)`` to ``path`` atomically; return ``path``
    and ``bytes``."""
    text = render_svg(model, **options)
    atomic_write_text(path, text)
    return {"path": str(path), "bytes": len(text.encode("utf-8"))}
