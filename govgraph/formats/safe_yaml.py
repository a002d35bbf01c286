"""The one YAML loader for everything govgraph reads (models, ``meta.yaml``, rules,
scenarios): safe tags only, a key given twice refused, dates kept as text, and limits
that make hostile input fail fast instead of eating the machine.

* **Aliases.** An alias bomb (``&a [*b, *b, ...]`` nested a few levels) is tiny on
  disk and huge once expanded. The composed node graph is measured before anything is
  built: a document whose expansion exceeds ``MAX_EXPANSION`` times its own node count
  (plus ``EXPANSION_ALLOWANCE``) is refused.
* **Depth.** Nesting deeper than ``MAX_DEPTH`` is refused.
* **Numbers.** ``.nan`` / ``.inf`` are refused (JSON cannot hold them), and so are
  integers outside the 64-bit range (no store or spreadsheet keeps them exactly).
* **Text.** Invalid UTF-8, a NUL or another character YAML forbids gives one line
  with the file and line.

Every problem raises ``InputError`` naming the file and line.

>>> load_yaml("a: [1, 2]\\nwhen: 2024-05-01\\n", "m.yaml")
{'a': [1, 2], 'when': '2024-05-01'}
>>> load_yaml("a: 1\\na: 2\\n", "m.yaml")
Traceback (most recent call last):
...
govgraph.errors.InputError: m.yaml:2: invalid YAML: key 'a' given twice
>>> load_yaml("x: .nan\\n", "m.yaml")
Traceback (most recent call last):
...
govgraph.errors.InputError: m.yaml:1: invalid YAML: '.nan' is not a finite number
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import InputError
from govgraph.formats.atomic import note_input
from govgraph.i18n import Phrase, translate_message
from govgraph.limits import MAX_DEPTH, MAX_INTEGER

__all__ = [
    "EXPANSION_ALLOWANCE",
    "MAX_DEPTH",
    "MAX_EXPANSION",
    "MAX_INTEGER",
    "load_yaml",
    "read_text",
    "read_yaml_file",
]

#: A document may expand (through aliases) to this many times its own nodes...
MAX_EXPANSION = 10
#: ... plus this many nodes.
EXPANSION_ALLOWANCE = 10_000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"^[-+]?[0-9_]+$")


class _Refused(yaml.MarkedYAMLError):
    """A limit or rule of this loader, at the node that breaks it."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML loading that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _Refused(f"key {key_node.value!r} given twice", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _text_scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    return loader.construct_scalar(node)


def _finite_float(loader: Any, node: yaml.ScalarNode) -> float:
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise _Refused(f"{node.value!r} is not a finite number", node.start_mark)
    return value


def _bounded_int(loader: Any, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    if _INT.match(text) and len(text.replace("_", "").lstrip("+-")) > 19:
        raise _Refused(f"integer {text[:20]}... is too large (64 bits at most)", node.start_mark)
    value = yaml.SafeLoader.construct_yaml_int(loader, node)
    if abs(value) > MAX_INTEGER:
        raise _Refused(f"integer {text} is too large (64 bits at most)", node.start_mark)
    return value


# Dates stay text exactly as written: the model checks them (and names the line) itself.
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _text_scalar)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _finite_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def _check_depth(root: yaml.Node) -> None:
    """Refuse a node tree (no aliases) nested deeper than ``MAX_DEPTH``; constant
    memory per level, nothing stored per node."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    stack.append((key, depth + 1))
                if not isinstance(value, yaml.ScalarNode):
                    stack.append((value, depth + 1))
        else:
            stack.extend(
                (child, depth + 1) for child in node.value if not isinstance(child, yaml.ScalarNode)
            )


def _check_shape(root: yaml.Node) -> None:
    """Refuse a node graph nested too deep or expanding too far (without expanding it).

    Each distinct node is visited once (iteratively, no recursion); its expanded size
    and height are computed from its children's, so shared (aliased) nodes count as
    often as they are used without being walked again."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in size:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[key], height[key] = 1, 0
            continue
        children: list[yaml.Node] = (
            [part for pair in node.value for part in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if not children_done:
            on_path.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size and id(c) not in on_path)
            continue
        on_path.discard(key)
        # a child still on the path is a cycle (``&a [*a]``): counted once, not expanded
        size[key] = 1 + sum(size.get(id(child), 1) for child in children)
        height[key] = 1 + max((height.get(id(child), 0) for child in children), default=0)
        if height[key] > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", node.start_mark)
    nodes, expanded = len(size), size[id(root)]
    if expanded > MAX_EXPANSION * nodes + EXPANSION_ALLOWANCE:
        raise _Refused(
            f"aliases expand {nodes:,} nodes to {expanded:,} (an alias bomb?); "
            "write the repeated parts out",
            root.start_mark,
        )


def _parser_words(words: str) -> Callable[[str], str]:
    """PyYAML's English words, said in a language when the error is shown."""
    return lambda lang: translate_message(words, lang)


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def load_yaml(text: str, origin: str) -> Any:
    """The document ``text`` holds (``None`` when empty); ``InputError`` naming
    ``origin`` and the line otherwise."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:  # aliases possible: measure the expansion too
            _check_shape(node)
        else:
            _check_depth(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _parser_words(exc.problem or exc.context or "cannot parse")
        start = exc.context_mark
        message = Phrase("message.invalid_yaml", problem=problem)
        if exc.problem_mark and start and start.line != exc.problem_mark.line:
            message = Phrase(
                "message.invalid_yaml_at",
                problem=problem,
                context=_parser_words(exc.context or ""),
                line=start.line + 1,
            )
        raise InputError(message, file=origin, line=mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        character = exc.character
        shown = f"{character:#04x}" if isinstance(character, int) else repr(character)
        raise InputError(
            f"invalid YAML: the character {shown} is not allowed ({exc.reason})",
            file=origin,
            line=_line_of(text, exc.position),
        ) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise InputError(f"invalid YAML: {message}", file=origin) from None
    except RecursionError:
        message = f"invalid YAML: nested more than {MAX_DEPTH} levels deep"
        raise InputError(message, file=origin) from None
    finally:
        loader.dispose()


def read_text(path: str | Path, *, bom: bool = True) -> str:
    """The UTF-8 text of ``path`` (a leading byte-order mark dropped); ``InputError``
    naming the file (and the line of an invalid byte) otherwise.

    >>> read_text("no/such.yaml")
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: no/such.yaml: no such file
    """
    origin = str(path)
    note_input(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=origin) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=origin) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), file=origin) from None
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            file=origin,
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from None


def read_yaml_file(path: str | Path) -> Any:
    """``load_yaml`` of the file at ``path``."""
    return load_yaml(read_text(path), str(path))
