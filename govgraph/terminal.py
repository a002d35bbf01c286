"""Text that is safe to print on a terminal: what govgraph prints of a model (names,
ids, messages) cannot move the cursor, clear the screen, set the title, make links or
reorder what is shown.

Control characters (C0 but tab and line feed, DEL, C1 including the one-byte CSI
``\\x9b``) and the bidirectional overrides and isolates are shown as visible escapes
(``\\x1b``, ``\\u202e``) instead of being sent to the terminal.

>>> printable("Joint\\x1b[2J Councils\\x07")
'Joint\\\\x1b[2J Councils\\\\x07'
>>> printable("Conseil\\tmixte\\n\\u00e9t\\u00e9")
'Conseil\\tmixte\\nété'
>>> printable("abc\\u202edef")
'abc\\\\u202edef'
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "json_safe", "printable"]

#: What a terminal would act on rather than show.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape."""
    return UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps`` wrote it) with those characters as ``\\u`` escapes:
    the same JSON value, safe on a terminal.

    >>> json_safe('"a\\u009bb"')
    '"a\\\\u009bb"'
    """
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
