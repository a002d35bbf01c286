"""Interactive HTML views of a governance model: one self-contained file that opens
offline (vis-network and every asset inlined, no remote reference), in English and
French (a switch in the page), with a legend, a search box, a filter by relationship
type and a tooltip per node and line. Names are untrusted: they reach the page as
JSON and are shown as text only.

Views: ``hierarchy`` (formal reporting tree, top-down; informal lines dashed),
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

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write_text
from govgraph.html.page import render_page, safe_json
from govgraph.html.style import STYLE, page_texts
from govgraph.html.views import LARGE_VIEW, VIEWS, build_frame, mark_changes
from govgraph.i18n import LANGUAGES
from govgraph.model import GovernanceModel
from govgraph.temporal import as_of as model_as_of

__all__ = ["LARGE_VIEW", "VIEWS", "export_html", "render_html", "safe_json", "view_data"]


def _scenario_options(
    model: GovernanceModel, scenarios: Sequence[Any]
) -> list[tuple[Any, GovernanceModel, list[Any]]]:
    if not scenarios:
        return []
    from govgraph.scenarios import apply_scenario, diff_models, load_scenario  # helper 4

    options = []
    for scenario in scenarios:
        loaded = load_scenario(scenario) if isinstance(scenario, str | Path) else scenario
        after = apply_scenario(model, loaded)
        options.append((loaded, after, diff_models(model, after)))
    return options


def _scenario_name(scenario: Any, number: int) -> Any:
    for attribute in ("title", "name"):
        value = getattr(scenario, attribute, None)
        if value is None:
            continue
        if hasattr(value, "get") and not isinstance(value, str | dict):
            return [value.get("en"), value.get("fr")]
        if isinstance(value, dict):
            return [value.get("en") or value.get("fr"), value.get("fr") or value.get("en")]
        return str(value)
    return [f"Option {number}", f"Option {number}"]


def _change_text(change: Any) -> Any:
    describe = getattr(change, "describe", None)
    if callable(describe):
        try:
            return [str(describe("en")), str(describe("fr"))]
        except TypeError:
            return str(describe())
    return str(change)


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
) -> dict[str, Any]:
    """Everything the page shows, as plain data: texts in both languages, styles, and
    one frame (nodes, edges, layout) for the baseline and one per scenario.

    >>> from govgraph.formats import load_model
    >>> data = view_data(load_model("fixtures/joint-councils.yaml"), view="network")
    >>> len(data["frames"]), data["frames"][0]["layout"], sorted(data["i18n"])
    (1, 'physics', ['en', 'fr'])
    """
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r} (expected en or fr)", field="lang")
    if depth < 0:
        raise InputError("depth must be 0 or more", field="depth")
    model = model_as_of(model, as_of)
    options = _scenario_options(model, scenarios)
    baseline = build_frame(model, view, focus=focus, depth=depth, large=large)
    baseline["name"] = ["Baseline", "Situation actuelle"]
    frames = [baseline]
    for number, (scenario, after, changes) in enumerate(options, start=1):
        frame = build_frame(after, view, focus=focus, depth=depth, large=large)
        frame["counts"] = mark_changes(model, baseline, after, frame)
        frame["name"] = _scenario_name(scenario, number)
        frame["changes"] = [_change_text(change) for change in changes]
        frames.append(frame)
    title = model.title
    return {
        "view": view,
        "lang": lang,
        "title": [title.get("en"), title.get("fr")] if title else None,
        "as_of": str(as_of) if as_of else None,
        "focus": focus,
        "depth": depth,
        "i18n": {code: page_texts(code) for code in LANGUAGES},
        "style": STYLE,
        "frames": frames,
    }


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
    baseline = data["frames"][0]
    return {
        "path": str(path),
        "view": view,
        "nodes": len(baseline["nodes"]),
        "edges": len(baseline["edges"]),
        "frames": len(data["frames"]),
        "layout": baseline["layout"],
        "bytes": len(page.encode("utf-8")),
    }
