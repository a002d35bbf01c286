"""The limits every reader and the model share for JSON-like values (attributes,
rules): what JSON, the Neo4j store and a spreadsheet can all hold exactly.

>>> problem_in_value({"a": [1, 2.5, "x"]}) is None
True
>>> problem_in_value({"a": float("nan")})
'nan is not a finite number'
>>> problem_in_value(2**70)
'integer 1180591620717411303424 is outside the 64-bit range'
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_INTEGER", "problem_in_value"]

#: Deepest nesting of mappings and lists accepted in any document or value.
MAX_DEPTH = 100
#: Largest integer (in absolute value) accepted: the 64-bit range.
MAX_INTEGER = 2**63 - 1


def problem_in_value(value: Any) -> str | None:
    """Why ``value`` cannot be kept exactly (a non-finite float, an integer outside
    64 bits, nesting deeper than ``MAX_DEPTH``), or ``None``. Walks without recursion."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, bool) or item is None or isinstance(item, str):
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                return f"{item} is not a finite number"
        elif isinstance(item, int):
            if abs(item) > MAX_INTEGER:
                return f"integer {item} is outside the 64-bit range"
        elif isinstance(item, dict | list | tuple):
            if depth >= MAX_DEPTH:
                return f"nested more than {MAX_DEPTH} levels deep"
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return None
