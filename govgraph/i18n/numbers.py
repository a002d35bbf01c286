"""Numbers as a reader of each language writes them.

English keeps the digits Python writes (``0.75``, ``12345``, ``1.0``); French has a
decimal comma and groups thousands with a narrow no-break space (U+202F), as CLDR's
``fr`` locale says, through Babel: ``0,75``, ``12 345``, ``1,0``. Only what people read
(tables, reports, the briefing note) goes through here; JSON and CSV keep plain numbers.

>>> number(0.75, "fr"), number(12345, "fr"), number(1.0, "fr"), number(-2.5, "fr")
('0,75', '12\\u202f345', '1,0', '-2,5')
>>> number(0.75, "en"), number(12345, "en"), number(5.583, "fr", spec=".3g")
('0.75', '12345', '5,58')
>>> number(2**60, "fr")
'1\u202f152\u202f921\u202f504\u202f606\u202f846\u202f976'
>>> number("n/a", "fr"), number(True, "fr")
('n/a', 'True')
"""

from __future__ import annotations

import math
from decimal import Decimal

__all__ = ["number"]


def number(value: object, lang: str = "en", *, spec: str = "") -> str:
    """``value`` as text in ``lang``; ``spec`` is the format of the English text (as
    ``format(value, spec)``; by default ``str(value)``), whose digits French keeps.
    Anything but an int or a float comes back as ``str(value)``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    english = format(value, spec) if spec else str(value)
    if lang != "fr" or (isinstance(value, float) and not math.isfinite(value)):
        return english
    if "e" in english.lower() or abs(value) < 1000:  # 1e-05, 0.75: no grouping to do
        return english.replace(".", ",")
    from babel.numbers import format_decimal

    _, _, decimals = english.partition(".")
    pattern = "#,##0" + ("." + "0" * len(decimals) if decimals else "")
    return format_decimal(Decimal(english), format=pattern, locale="fr")
