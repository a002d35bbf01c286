"""Find the line of a record or field in a YAML or JSON document.

Used only when something must be reported, so the normal load pays nothing for it: the
document is re-read as a stream of parser events (constant memory) until every
requested path is found.

>>> text = "entities:\\n  - id: a\\n    kind: council\\n  - id: b\\n    kind: nope\\n"
>>> locate_lines(text, [("entities", 1, "kind")])
{('entities', 1, 'kind'): 5}
>>> locate_lines(text, [("entities", 7)])
{('entities', 7): 1}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import yaml

__all__ = ["locate_lines"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DocPath = tuple[str | int, ...]


@dataclass
class _Frame:
    path: DocPath | None
    is_mapping: bool
    index: int = 0
    expect_key: bool = True
    key: object = None
    key_line: int = 0


def _child(frame: _Frame, line: int, event: yaml.Event) -> tuple[DocPath | None, int]:
    """The path and reporting line of the node that ``event`` starts inside ``frame``."""
    if frame.path is None:
        return None, line
    if not frame.is_mapping:
        frame.index += 1
        return (*frame.path, frame.index - 1), line
    if frame.expect_key:
        frame.expect_key = False
        frame.key = event.value if isinstance(event, yaml.ScalarEvent) else None
        frame.key_line = line
        return None, line
    frame.expect_key = True
    return (*frame.path, frame.key), frame.key_line  # a field is reported at its key


def locate_lines(text: str, paths: Iterable[DocPath]) -> dict[DocPath, int]:
    """For each path (e.g. ``("relationships", 3, "to")``), the 1-based line of the
    deepest part of it the document holds. Paths not even partly found are left out;
    a document that does not parse gives what was found before the fault."""
    targets = set(paths)
    wanted = {target[:depth] for target in targets for depth in range(len(target) + 1)}
    found: dict[DocPath, int] = {}
    stack: list[_Frame] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent):
                path, line = _child(stack[-1], line, event) if stack else ((), line)
                if path is not None and path in wanted:
                    found[path] = line
                if isinstance(event, yaml.CollectionStartEvent):
                    stack.append(_Frame(path, isinstance(event, yaml.MappingStartEvent)))
                if targets <= found.keys():
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
    except yaml.YAMLError:
        pass
    result = {}
    for target in targets:
        for depth in range(len(target), -1, -1):
            if target[:depth] in found:
                result[target] = found[target[:depth]]
                break
    return result
