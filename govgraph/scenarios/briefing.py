"""An impact report as tables (one per section) and as a Markdown briefing note, in
English or French.

>>> from govgraph.formats import load_model
>>> from govgraph.scenarios.spec import load_scenario
>>> from govgraph.scenarios.impact import impact_report
>>> report = impact_report(load_model("fixtures/joint-councils.yaml"),
...                        load_scenario("fixtures/scenarios/quick-wins.yaml"))
>>> note = briefing_markdown(report, "fr")
>>> note.splitlines()[0]
'# Note d’information : Gains rapides'
>>> "| CPSSP | 2 → 0 (-2) |" in note
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from govgraph.i18n import kind_name, text
from govgraph.i18n.numbers import number
from govgraph.scenarios.diff import Change
from govgraph.scenarios.impact import ImpactReport

__all__ = [
    "Section",
    "briefing_markdown",
    "change_kind_name",
    "report_sections",
    "say",
    "summary_lines",
]


def say(key: str, lang: str = "en", **values: Any) -> str:
    """A scenario text in ``lang`` filled with ``values`` (the catalogue's
    ``briefing.KEY``).

    >>> say("ended", "fr", date="2026-03-31")
    'fin le 2026-03-31'
    """
    return text(f"briefing.{key}", lang, **values)


def change_kind_name(kind: str, lang: str = "en") -> str:
    """``transferred`` → ``transféré`` in French."""
    return say(kind, lang)


@dataclass(frozen=True)
class Section:
    """One part of the report: a key, a title, columns ``(key, heading)`` and rows."""

    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]]


def _number(value: Any, lang: str) -> str:
    """A number as the note writes it in ``lang`` (``0,5`` in French); ``—`` for none."""
    if value is None:
        return "—"
    return number(value, lang, spec="g" if isinstance(value, float) else "")


def _pair(pair: Sequence[Any], lang: str) -> str:
    old, new = pair
    text = f"{_number(old, lang)} → {_number(new, lang)}"
    if isinstance(old, int | float) and isinstance(new, int | float) and old != new:
        delta = new - old
        text += f" ({'+' if delta > 0 else '-'}{_number(abs(delta), lang)})"
    return text


class _Names:
    def __init__(self, report: ImpactReport, lang: str, ids: bool) -> None:
        self.report, self.lang, self.ids = report, lang, ids

    def __call__(self, entity_id: str) -> str:
        return entity_id if self.ids else self.report.label(entity_id, self.lang)

    def chains(self, chains: list[list[str]] | None) -> str:
        if chains is None:
            return "—"
        return "; ".join(" → ".join(self(x) for x in chain) for chain in chains)

    def many(self, ids: Sequence[str]) -> str:
        return ", ".join(self(x) for x in ids) or say("none", self.lang)


def _details(change: Change, name: _Names, lang: str) -> str:
    details = change.details
    if change.kind == "transferred":
        old = name.many(details["from"]) if details["from"] else say("no_line", lang)
        new = name.many(details["to"]) if details["to"] else say("no_line", lang)
        return f"{old} → {new}"
    if change.kind == "merged":
        return say("merged_into", lang, into=name(details["into"]))
    if change.kind == "abolished":
        ended = details.get("ended")
        return say("removed", lang) if ended == "removed" else say("ended", lang, date=ended)
    if change.kind == "created":
        return kind_name(details["kind"], lang)
    if change.kind == "renamed":
        return f"{details['old'].get(lang) or next(iter(details['old'].values()))} → " + (
            details["new"].get(lang) or next(iter(details["new"].values()))
        )
    attributes = (details.get("attributes") or {}).items()
    parts = [f"{key}: {_pair(values, lang)}" for key, values in attributes]
    if "description" in details:
        parts.append("description")
    parts += [f"+ {line}" for line in details.get("lines_added", ())]
    parts += [f"- {line}" for line in details.get("lines_ended", ())]
    return "; ".join(parts)


def report_sections(report: ImpactReport, lang: str = "en", *, ids: bool = True) -> list[Section]:
    """The report's sections as rows of text, ready for a table (``ids``: entities as
    ids; otherwise as names or acronyms in ``lang``)."""
    name = _Names(report, lang, ids)
    entity = ("entity", say("entity", lang))
    sections = [
        Section(
            "changes",
            say("changes", lang),
            [("change", say("change", lang)), entity, ("details", say("details", lang))],
            [
                {
                    "change": change_kind_name(c.kind, lang),
                    "entity": name(c.entity),
                    "details": _details(c, name, lang),
                }
                for c in report.changes
            ],
        ),
        Section(
            "chains",
            say("chains", lang),
            [entity, ("before", say("before", lang)), ("after", say("after", lang))],
            [
                {
                    "entity": name(row["entity"]),
                    "before": name.chains(row["before"]),
                    "after": name.chains(row["after"]),
                }
                for row in report.chains
            ],
        ),
        Section(
            "metrics",
            say("metrics", lang),
            [entity]
            + [
                (key, say(key, lang)) for key in ("span", "depth", "members", "annual_meeting_days")
            ],
            [
                {
                    "entity": name(row["entity"]),
                    **{
                        key: _pair(row[key], lang)
                        for key in ("span", "depth", "members", "annual_meeting_days")
                    },
                }
                for row in report.metrics
            ],
        ),
    ]
    for key, findings in (
        ("findings_introduced", report.findings_introduced),
        ("findings_resolved", report.findings_resolved),
    ):
        sections.append(
            Section(
                key,
                say(key, lang),
                [("code", say("code", lang)), ("message", say("message", lang))],
                [{"code": f.code, "message": f.message(lang)} for f in findings],
            )
        )
    for key, pairs in (
        ("overlaps_created", report.overlaps_created),
        ("overlaps_removed", report.overlaps_removed),
    ):
        sections.append(
            Section(
                key,
                say(key, lang),
                [
                    ("bodies", say("bodies", lang)),
                    ("shared", say("shared", lang)),
                    ("jaccard", say("jaccard", lang)),
                ],
                [
                    {
                        "bodies": f"{name(row['a'])} / {name(row['b'])}",
                        "shared": name.many(row["shared_members"] + row["shared_priorities"]),
                        "jaccard": number(row["jaccard"], lang, spec=".2f"),
                    }
                    for row in pairs
                ],
            )
        )
    sections.append(
        Section(
            "coverage",
            say("coverage", lang),
            [
                entity,
                ("gained", say("gained", lang)),
                ("lost", say("lost", lang)),
                ("missing", say("missing", lang)),
            ],
            [
                {
                    "entity": name(row["entity"]),
                    "gained": name.many(row["gained"]),
                    "lost": name.many(row["lost"]),
                    "missing": _pair(row["missing"], lang),
                }
                for row in report.coverage
            ],
        )
    )
    sections.append(
        Section(
            "meeting_load",
            say("meeting_load", lang),
            [
                ("member", say("member", lang)),
                ("before", say("before", lang)),
                ("after", say("after", lang)),
            ],
            [
                {
                    "member": name(row["id"]),
                    "before": _number(row["before"], lang),
                    "after": _pair([row["before"], row["after"]], lang).split(" → ", 1)[1],
                }
                for row in report.meeting_load.get("per_member", ())
            ],
        )
    )
    return sections


def _above(chains: list[list[str]] | None) -> list[list[str]] | None:
    """Chains without the body they start from (``[]`` for a root: shown as —)."""
    if chains is None:
        return None
    return [chain[1:] or ["—"] for chain in chains]


def summary_lines(report: ImpactReport, lang: str = "en") -> list[str]:
    """The report's headline figures as sentences in ``lang``."""
    name = _Names(report, lang, ids=False)
    lines = []
    if report.scenario.get("in_effect") is False:
        effective = report.scenario["effective"]
        lines.append(say("not_in_effect", lang, effective=effective, date=report.day))
    counts = Counter(c.kind for c in report.changes)
    if counts:
        items = ", ".join(f"{change_kind_name(kind, lang)} ({n})" for kind, n in counts.items())
        lines.append(say("sum_changes", lang, items=items))
    if report.chains:
        items = "; ".join(
            f"{name(row['entity'])}{' :' if lang == 'fr' else ':'} "
            f"{name.chains(_above(row['before']))} ⇒ "
            f"{name.chains(_above(row['after']))}"
            for row in report.chains[:5]
        ) + ("; …" if len(report.chains) > 5 else "")
        lines.append(say("sum_chains", lang, n=len(report.chains), items=items))
    spans = [row for row in report.metrics if row["span"][0] != row["span"][1]]
    if spans:
        items = ", ".join(f"{name(row['entity'])} {_pair(row['span'], lang)}" for row in spans[:8])
        lines.append(say("sum_span", lang, items=items))
    days = [
        row
        for row in report.metrics
        if row["annual_meeting_days"][0] != row["annual_meeting_days"][1]
    ]
    if days:
        items = ", ".join(
            f"{name(row['entity'])} {_pair(row['annual_meeting_days'], lang)}" for row in days[:8]
        )
        lines.append(say("sum_days", lang, items=items))
    load = report.meeting_load
    if load.get("members"):
        before, after = (None if v is None else round(v, 2) for v in load["mean"])
        lines.append(
            say(
                "sum_load",
                lang,
                n=load["members"],
                before=_number(before, lang),
                after=_number(after, lang),
                changed=load["changed"],
            )
        )
    lines.append(
        say(
            "sum_findings",
            lang,
            introduced=len(report.findings_introduced),
            resolved=len(report.findings_resolved),
        )
    )
    if report.overlaps_created or report.overlaps_removed:
        lines.append(
            say(
                "sum_overlaps",
                lang,
                created=len(report.overlaps_created),
                removed=len(report.overlaps_removed),
            )
        )
    if report.coverage:
        lines.append(say("sum_coverage", lang, n=len(report.coverage)))
    lines.append(say("sum_members", lang, n=len(report.members_affected)))
    return lines


def _cell(value: Any) -> str:
    """Table-cell text: no line breaks, pipes escaped, no raw HTML."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _text(value: str) -> str:
    return " ".join(value.split()).replace("<", "&lt;").replace(">", "&gt;")


def briefing_markdown(report: ImpactReport, lang: str = "en") -> str:
    """The report as a Markdown briefing note in ``lang``: the purpose, a summary, then
    one section per part of the report (names and acronyms in ``lang``)."""
    scenario = report.scenario
    title = scenario["name"].get(lang) or next(iter(scenario["name"].values()), "")
    when = (
        say("effective", lang, date=scenario["effective"])
        if scenario.get("effective")
        else say("no_effective", lang)
    )
    out = [f"# {say('briefing', lang, name=_text(title))}", ""]
    out += [f"*{when} · {say('as_of', lang, date=report.day)}*", ""]
    description = scenario.get("description") or {}
    if description:
        text = description.get(lang) or next(iter(description.values()))
        out += [f"## {say('purpose', lang)}", "", _text(text), ""]
    out += [f"## {say('summary', lang)}", ""]
    out += [f"- {_text(line)}" for line in summary_lines(report, lang)]
    out.append("")
    for section in report_sections(report, lang, ids=False):
        out += [f"## {section.title}", ""]
        if not section.rows:
            out += [say("nothing", lang), ""]
            continue
        out.append("| " + " | ".join(_cell(h) for _, h in section.columns) + " |")
        out.append("|" + "---|" * len(section.columns))
        for row in section.rows:
            out.append("| " + " | ".join(_cell(row[k]) for k, _ in section.columns) + " |")
        out.append("")
    analysed = report.analysed
    if analysed and not analysed.get("full"):
        note = say("analysed", lang, entities=analysed["entities"], total=analysed["of_entities"])
        out.append(f"*{note}*")
        out.append("")
    return "\n".join(out)
