"""No module of govgraph imports itself back through others: ``health`` and ``rules``
(which once imported each other), ``temporal`` and the analyses' graph view, and
every other pair. Imports are read from the source (``ast``), at module level and
inside functions alike; ``if TYPE_CHECKING:`` blocks are left out (they never run).
A package and one of its own modules may import each other (a package that registers
its modules last, as ``govgraph.formats`` does): Python runs that in a fixed order."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from tests.helpers import ROOT

PACKAGE = ROOT / "govgraph"


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(inner) for inner in ast.walk(child))
    return skipped


def import_graph() -> nx.DiGraph:
    """Module -> module it imports, for every module of the package."""
    modules = {_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*parts, *([node.module] if node.module else [])])
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return graph


def _package_and_own_module(cycle: list[str]) -> bool:
    if len(cycle) != 2:
        return False
    a, b = sorted(cycle, key=len)
    return b.startswith(a + ".") and "." not in b[len(a) + 1 :]


def test_the_import_graph_is_read():
    graph = import_graph()
    assert graph.has_edge("govgraph.health", "govgraph.rules")
    assert graph.has_edge("govgraph.analysis._view", "govgraph.temporal")
    assert graph.number_of_edges() > 100


def test_no_module_imports_itself_back():
    cycles = [c for c in nx.simple_cycles(import_graph()) if not _package_and_own_module(c)]
    assert cycles == []


def test_health_and_rules_do_not_import_each_other():
    graph = import_graph()
    assert not nx.has_path(graph, "govgraph.rules", "govgraph.health")
