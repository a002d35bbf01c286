"""Interactive HTML views of a governance model: one self-contained file that opens
offline (vis-network and every asset inlined, no remote reference), in English and
French (a switch in the page), with a legend, a search box, a filter by relationship
type and a tooltip per node and line. Names are untrusted: they reach the page as
JSON and are shown as text only.

Views: ``hierarchy`` (formal reporting tree: one tidy layout of the baseline and every
option, drawn as SVG; informal lines dashed, large models open collapsed; a history
slider, a side-by-side view, a keyboard list, a PNG download; ``govgraph.html.svg``
draws the same picture as a static SVG),
``network`` (every relationship; colour by kind, line style by type, engagement level
by width), ``overlaps`` (bodies linked by shared members or priorities). Scenarios add
option frames next to the baseline, with created, removed and moved elements
colour-coded.

>>> import tempfile, pathlib
>>> from govgraph.formats import load_model
>>> model = load_model("fixtures/joint-councils.yaml")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "jc.html"
>>> stats = export_html(model, out, view="hierarchy", lang="fr")
>>> stats["nodes"], stats["edges"], "https://" in out.read_text(encoding="utf-8")
(8, 7, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from govgraph.dates import parse_as_of
from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write_text
from govgraph.html.page import render_page, safe_json
from govgraph.html.picture import attach_tree
from govgraph.html.style import KNOWN_WORDS, STYLE, attribute_name, page_texts
from govgraph.html.views import LARGE_VIEW, VIEWS, build_frame, mark_changes
from govgraph.i18n import LANGUAGES, Phrase, catalogue, text, type_name
from govgraph.model import GovernanceModel
from govgraph.temporal import as_of as model_as_of
from govgraph.temporal import holds_on
from govgraph.vocabulary import RelationType

__all__ = [
    "LARGE_VIEW",
    "VIEWS",
    "export_html",
    "render_html",
    "safe_json",
    "shown_on",
    "view_data",
]


def _load_scenarios(scenarios: Sequence[Any]) -> list[Any]:
    if not scenarios:
        return []
    from govgraph.scenarios import load_scenario

    return [load_scenario(s) if isinstance(s, str | Path) else s for s in scenarios]


def _pair_of(value: Any) -> list[str]:
    if isinstance(value, dict):
        en, fr = value.get("en"), value.get("fr")
    else:
        en, fr = getattr(value, "en", None), getattr(value, "fr", None)
        if en is None and fr is None:
            en = fr = str(value)
    return [str(en or fr), str(fr or en)]


def _change_word(kind: str, lang: str) -> str:
    key = f"change.{kind}"
    return text(key, lang) if key in catalogue() else kind


_TYPE_VALUES = frozenset(t.value for t in RelationType)


_TOKEN = re.compile(r"[A-Za-z0-9_.:-]+")


def _line_words(line: str, names: dict[str, list[str]], lang: int) -> str:
    """A diff line ("iccs SUPPORTS(secretariat)") in words: ids become names,
    relationship types and their values the page's words."""
    code = LANGUAGES[lang]

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in names:
            return names[token][lang]
        if token in _TYPE_VALUES:
            return type_name(token, code)
        return attribute_name(token, code) if token in KNOWN_WORDS or "_" in token else token

    return _TOKEN.sub(word, line)


def _change_text(change: Any, names: dict[str, list[str]]) -> list[str]:
    """A diff_models change as one line in English and in French, with names and
    words only (no ids, relationship codes or attribute keys)."""

    def name(entity_id: str, lang: int) -> str:
        return names.get(entity_id, [entity_id, entity_id])[lang]

    lines = []
    for lang in (0, 1):
        word = _change_word(change.kind, LANGUAGES[lang])
        details = change.details
        text = f"{name(change.entity, lang)}: {word}"
        if change.kind == "transferred":
            before = ", ".join(name(p, lang) for p in details.get("from", ())) or "—"
            after = ", ".join(name(p, lang) for p in details.get("to", ())) or "—"
            text += f" ({before} → {after})"
        elif change.kind == "merged" and details.get("into"):
            text += f" {name(str(details['into']), lang)}"
        elif change.kind == "renamed" and details.get("new"):
            text += f" → {_pair_of(details['new'])[lang]}"
        elif change.kind == "modified":
            parts = [
                f"{attribute_name(key, LANGUAGES[lang])} {values[0]} → {values[1]}"
                for key, values in details.get("attributes", {}).items()
                if isinstance(values, list | tuple) and len(values) == 2
            ]
            parts += [
                f"+ {_line_words(line, names, lang)}" for line in details.get("lines_added", ())
            ]
            parts += [
                f"− {_line_words(line, names, lang)}" for line in details.get("lines_ended", ())
            ]
            if parts:
                text += " (" + "; ".join(parts) + ")"
        lines.append(text)
    return lines


def view_data(
    model: GovernanceModel,
    *,
    view: str = "hierarchy",
    lang: str = "en",
    as_of: str | date | None = None,
    focus: str | None = None,
    depth: int = 2,
    scenarios: Sequence[Any] = (),
    large: int = LARGE_VIEW,
    history: bool = True,
) -> dict[str, Any]:
    """Everything the page shows, as plain data: texts in both languages, styles, and
    one frame (nodes, edges, layout) for the baseline and one per scenario.

    ``as_of`` is the date the page answers for (None: every date). With ``history``,
    a hierarchy view with no scenario and no focus carries the whole history in its
    baseline (``history: true``) so that the page's slider can replay the years; the
    page opens at ``as_of``. Otherwise the frames hold only what is valid on the date.

    >>> from govgraph.formats import load_model
    >>> data = view_data(load_model("fixtures/joint-councils.yaml"), view="network")
    >>> len(data["frames"]), data["frames"][0]["layout"], sorted(data["i18n"])
    (1, 'physics', ['en', 'fr'])
    >>> dated = view_data(load_model("fixtures/joint-councils.yaml"), as_of="2020")
    >>> dated["as_of"], dated["history"], len(dated["frames"][0]["nodes"])
    ('2020-01-01', True, 8)
    """
    if lang not in LANGUAGES:
        raise InputError(Phrase("html.unknown_language", lang=lang), field="lang")
    if depth < 0:
        raise InputError(Phrase("error.depth_zero"), field="depth")
    loaded = _load_scenarios(scenarios)
    if as_of is None and loaded:
        # a scenario with an effective date keeps history: show the day it takes effect
        as_of = next((s.effective for s in loaded if getattr(s, "effective", None)), None)
    if as_of is not None:
        as_of = parse_as_of(as_of)
    carries_history = history and view == "hierarchy" and not loaded and focus is None
    base_model = model_as_of(model, as_of)
    shown = model if carries_history else base_model
    baseline = build_frame(shown, view, focus=focus, depth=depth, large=large)
    baseline["name"] = [text("page.baseline", "en"), text("page.baseline", "fr")]
    frames = [baseline]
    if loaded:
        from govgraph.scenarios import apply_scenario, diff_models

        names = {e.id: [e.label("en"), e.label("fr")] for e in model.entities}
        for number, scenario in enumerate(loaded, start=1):
            day = getattr(scenario, "effective", None) or as_of
            after = model_as_of(apply_scenario(model, scenario), day)
            names.update((e.id, [e.label("en"), e.label("fr")]) for e in after.entities)
            changes = diff_models(base_model, after)
            frame = build_frame(after, view, focus=focus, depth=depth, large=large)
            frame["counts"] = mark_changes(
                base_model, baseline, after, frame, {c.entity: c.kind for c in changes}
            )
            name = getattr(scenario, "name", None)
            frame["name"] = _pair_of(name) if name else [f"Option {number}"] * 2
            frame["changes"] = [_change_text(change, names) for change in changes]
            frames.append(frame)
    title = base_model.title
    tree = None
    if view == "hierarchy":
        tree = attach_tree(frames)
        tree.pop("_tree")
    return {
        "view": view,
        "lang": lang,
        "title": [title.get("en"), title.get("fr")] if title else None,
        "as_of": as_of.isoformat() if isinstance(as_of, date) else as_of,
        "history": carries_history,
        "focus": focus,
        "depth": depth,
        "i18n": {code: page_texts(code) for code in LANGUAGES},
        "style": STYLE,
        "frames": frames,
        "tree": tree,
    }


def shown_on(data: dict[str, Any]) -> tuple[int, int]:
    """How many nodes and lines the page's baseline shows when it opens, at its date
    (a baseline carrying the whole history holds more).

    >>> from govgraph.formats import load_model
    >>> model = load_model("fixtures/joint-councils.yaml")
    >>> shown_on(view_data(model, as_of="2016")), shown_on(view_data(model, as_of="2020"))
    ((8, 7), (7, 6))
    """
    frame = data["frames"][0]
    if not data.get("history") or not data.get("as_of"):
        return len(frame["nodes"]), len(frame["edges"])
    day = parse_as_of(data["as_of"])

    def holds(record: dict[str, Any]) -> bool:
        start, end = record.get("v") or (None, None)
        return holds_on({"valid_from": start, "valid_to": end}, day)

    kept = {node["id"] for node in frame["nodes"] if holds(node)}
    lines = [e for e in frame["edges"] if holds(e) and e["f"] in kept and e["to"] in kept]
    return len(kept), len(lines)


def render_html(model: GovernanceModel, **options: Any) -> str:
    """The page as a string; takes the keyword arguments of ``view_data``."""
    data = view_data(model, **options)
    return render_page(data, data["lang"])


def export_html(
    model: GovernanceModel,
    path: str | Path,
    *,
    view: str = "hierarchy",
    lang: str = "en",
    as_of: str | date | None = None,
    focus: str | None = None,
    depth: int = 2,
    scenarios: Sequence[Any] = (),
    large: int = LARGE_VIEW,
) -> dict[str, Any]:
    """Write one self-contained HTML view of ``model`` to ``path`` (atomically) and
    return what it holds: ``nodes`` and ``edges`` of the baseline, ``frames``,
    ``bytes``, ``layout``.

    ``scenarios`` are scenario files or loaded scenarios (``govgraph.scenarios``):
    each adds an option to the page's switch. ``focus``/``depth`` keep the
    neighbourhood of one entity. Above ``large`` nodes, physics is off and positions
    are computed here.
    """
    data = view_data(
        model,
        view=view,
        lang=lang,
        as_of=as_of,
        focus=focus,
        depth=depth,
        scenarios=scenarios,
        large=large,
    )
    page = render_page(data, lang)
    atomic_write_text(path, page)
    nodes, edges = shown_on(data)
    baseline = data["frames"][0]
    return {
        "path": str(path),
        "view": view,
        "nodes": nodes,
        "edges": edges,
        "frames": len(data["frames"]),
        "layout": baseline["layout"],
        "bytes": len(page.encode("utf-8")),
    }
