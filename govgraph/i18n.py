"""English and French words for what govgraph prints: column headings, kinds,
relationship types, roles, engagement levels.

>>> text("entities", "fr"), kind_name("working_group", "fr")
('Entités', 'Groupe de travail')
>>> text("no-such-key", "fr")
'no-such-key'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "kind_name", "level_name", "role_name", "text", "type_name"]

LANGUAGES = ("en", "fr")

_TEXT: dict[str, tuple[str, str]] = {
    "entities": ("Entities", "Entités"),
    "relationships": ("Relationships", "Relations"),
    "kind": ("Kind", "Type"),
    "type": ("Type", "Type de relation"),
    "count": ("Count", "Nombre"),
    "id": ("Id", "Identifiant"),
    "name": ("Name", "Nom"),
    "title": ("Title", "Titre"),
    "severity": ("Severity", "Gravité"),
    "code": ("Code", "Code"),
    "location": ("Location", "Emplacement"),
    "field": ("Field", "Champ"),
    "message": ("Message", "Message"),
    "date_range": ("Dates covered", "Période couverte"),
    "roots": ("Roots (top bodies)", "Racines (organes de tête)"),
    "as_of": ("As of", "En date du"),
    "valid": ("valid", "valide"),
    "findings": ("Findings", "Constatations"),
    "no_findings": (
        "No findings: the model is valid.",
        "Aucune constatation : le modèle est valide.",
    ),
    "summary_valid": (
        "{errors} errors, {warnings} warnings",
        "{errors} erreurs, {warnings} avertissements",
    ),
    "error": ("error", "erreur"),
    "warning": ("warning", "avertissement"),
    "info": ("info", "info"),
    "written": ("Wrote {path}", "Écrit : {path}"),
    "section": ("Section", "Section"),
    "key": ("Key", "Clé"),
    "value": ("Value", "Valeur"),
    # analyses (issue 3a): chain, subordinates, path, members, coverage, overlaps, metrics
    "chain": ("Chain", "Chaîne"),
    "level": ("Level", "Niveau"),
    "depth": ("Depth", "Profondeur"),
    "path": ("Path", "Chemin"),
    "step": ("Step", "Étape"),
    "from": ("From", "De"),
    "to": ("To", "À"),
    "relationship": ("Relationship", "Relation"),
    "role": ("Role", "Rôle"),
    "via": ("Via", "Par"),
    "body": ("Body", "Organe"),
    "represented": ("Represented", "Représentés"),
    "direct": ("Direct", "Directs"),
    "missing": ("Missing", "Absents"),
    "shared_members": ("Shared members", "Membres communs"),
    "shared_priorities": ("Shared priorities", "Priorités communes"),
    "jaccard": ("Jaccard", "Jaccard"),
    "span": ("Span", "Portée"),
    "informal_span": ("Informal span", "Portée informelle"),
    "formal_parents": ("Formal parents", "Parents officiels"),
    "informal_parents": ("Informal parents", "Parents informels"),
    "members": ("Members", "Membres"),
    "betweenness": ("Betweenness", "Intermédiarité"),
    "meetings": ("Meetings", "Réunions"),
    "meeting_days": ("Days per meeting", "Jours par réunion"),
    "meeting_load": ("Meeting days", "Jours de réunion"),
    "annual_meeting_days": ("Meeting days a year", "Jours de réunion par an"),
    "metric": ("Metric", "Mesure"),
    "chains_title": ("Reporting chains from {id}", "Chaînes hiérarchiques depuis {id}"),
    "subordinates_title": ("Bodies under {id}", "Organes sous {id}"),
    "path_title": ("Shortest connections from {a} to {b}", "Liens les plus courts de {a} à {b}"),
    "members_title": ("Members of {id}", "Membres de {id}"),
    "memberships_title": ("Where {id} sits", "Où siège {id}"),
    "coverage_title": ("Jurisdiction coverage", "Représentation des gouvernements"),
    "overlaps_title": ("Overlapping bodies", "Organes qui se chevauchent"),
    "metrics_title": ("Bodies", "Organes"),
    "structure_title": ("Structure", "Structure"),
    "no_results": ("Nothing found.", "Aucun résultat."),
    "no_connection": ("No connection between {a} and {b}.", "Aucun lien entre {a} et {b}."),
    "forward": ("→", "→"),
    "backward": ("←", "←"),
    "bodies": ("Bodies", "Organes"),
    "formal_lines": ("Formal lines", "Liens officiels"),
    "informal_lines": ("Informal lines", "Liens informels"),
    "layers": ("Layers", "Niveaux"),
    "orphans": ("Orphans (no formal line)", "Orphelins (aucun lien officiel)"),
    "informal_only": ("Only an informal line up", "Seulement un lien informel"),
    "widest_spans": ("Widest spans", "Portées les plus larges"),
    "meeting_days_per_year": ("Meeting days a year (all bodies)", "Jours de réunion par an (tous)"),
    "member_load": (
        "Meeting days per member per year (mean, max)",
        "Jours de réunion par membre par an (moyenne, max.)",
    ),
    "betweenness_method": ("Betweenness computed", "Intermédiarité calculée"),
    # edge-list dialects and import by mapping
    "dialect_read": (
        "read as the {dialect} dialect ({tools}): {moves}",
        "lu dans le dialecte {dialect} ({tools}) : {moves}",
    ),
    "dialect_provenance": (
        "; provenance read from 'provenance'",
        "; provenance lue dans 'provenance'",
    ),
    "dialect_no_provenance": (
        "; provenance would be read from a 'provenance' column (there is none)",
        "; la provenance se lirait dans une colonne 'provenance' (absente)",
    ),
    "import_written": (
        "written {path} ({entities} entities, {relationships} relationships)",
        "écrit {path} ({entities} entités, {relationships} relations)",
    ),
    "import_skipped": (
        "{table}: {count} rows skipped (an endpoint is no imported entity)",
        "{table} : {count} lignes ignorées (une extrémité n'est pas une entité importée)",
    ),
    # health and rules (issue 3b)
    "health_findings": ("Health findings", "Constatations sur la santé du modèle"),
    "no_health_findings": (
        "No findings: the model is healthy.",
        "Aucune constatation : le modèle est en bonne santé.",
    ),
    "summary_health": (
        "{errors} errors, {warnings} warnings, {infos} notes",
        "{errors} erreurs, {warnings} avertissements, {infos} remarques",
    ),
}

_KINDS: dict[str, tuple[str, str]] = {
    "council": ("Council", "Conseil"),
    "committee": ("Committee", "Comité"),
    "working_group": ("Working group", "Groupe de travail"),
    "table": ("Table", "Table"),
    "organization": ("Organization", "Organisation"),
    "jurisdiction": ("Jurisdiction", "Gouvernement"),
    "position": ("Position", "Poste"),
    "person": ("Person", "Personne"),
    "priority": ("Priority", "Priorité"),
    "meeting": ("Meeting", "Réunion"),
}

_TYPES: dict[str, tuple[str, str]] = {
    "REPORTS_TO": ("reports to", "relève de"),
    "PART_OF": ("part of", "fait partie de"),
    "MEMBER_OF": ("member of", "membre de"),
    "SUPPORTS": ("supports", "soutient"),
    "ENGAGES_WITH": ("engages with", "collabore avec"),
    "ADVANCES": ("advances", "fait progresser"),
    "OVERSEES": ("oversees", "supervise"),
    "FOUNDED": ("founded", "a fondé"),
    "SUCCEEDS": ("succeeds", "succède à"),
    "HELD": ("held", "a tenu"),
    "ACCOUNTABLE_TO": ("accountable to", "rend compte à"),
}

_ROLES: dict[str, tuple[str, str]] = {
    "member": ("member", "membre"),
    "chair": ("chair", "président(e)"),
    "co_chair": ("co-chair", "coprésident(e)"),
    "vice_chair": ("vice-chair", "vice-président(e)"),
    "secretariat": ("secretariat", "secrétariat"),
    "observer": ("observer", "observateur"),
    "ex_officio": ("ex officio", "membre d'office"),
}

_LEVELS: dict[str, tuple[str, str]] = {
    "inform": ("Inform", "Informer"),
    "exchange": ("Exchange", "Échanger"),
    "collaborate": ("Collaborate", "Collaborer"),
    "co_create": ("Joint creation and delivery", "Création et prestation conjointes"),
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(str(key))
    if pair is None:
        return str(key)
    return pair[1] if lang == "fr" else pair[0]


def text(key: str, lang: str = "en", **values: object) -> str:
    """A UI text in ``lang``, filled with ``values``; unknown keys come back as is."""
    result = _pick(_TEXT, key, lang)
    return result.format(**values) if values else result


def kind_name(kind: str, lang: str = "en") -> str:
    """The name of an entity kind, e.g. ``Conseil``."""
    return _pick(_KINDS, kind, lang)


def type_name(rel_type: str, lang: str = "en") -> str:
    """The words for a relationship type, e.g. ``relève de``."""
    return _pick(_TYPES, rel_type, lang)


def role_name(role: str, lang: str = "en") -> str:
    """The words for a membership role, e.g. ``coprésident(e)``."""
    return _pick(_ROLES, role, lang)


def level_name(level: str, lang: str = "en") -> str:
    """The name of an engagement level on the continuum."""
    return _pick(_LEVELS, level, lang)
