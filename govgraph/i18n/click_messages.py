"""click's own messages (``Usage:``, ``Error: Missing argument…``, ``Try … for help``)
in the language of the command.

click marks its texts for gettext and looks them up in gettext's current domain, in the
language the environment asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
govgraph ships the French translation of click's messages as the gettext domain
``govgraph-click`` (``locale/fr/LC_MESSAGES/govgraph-click.po``, compiled to ``.mo`` with
``pybabel compile -D govgraph-click -d govgraph/i18n/locale -l fr``);
``click_language("fr")`` makes that domain current and asks gettext for French while
the command runs, then puts both back.

>>> import gettext
>>> with click_language("fr"):
...     gettext.gettext("Missing argument")
'Argument manquant'
>>> gettext.gettext("Missing argument")
'Missing argument'
>>> language_of(["chain", "m.yaml", "--lang", "fr"]), language_of(["--lang=en"])
('fr', 'en')
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from govgraph.i18n import LANGUAGES, default_language

__all__ = ["DOMAIN", "LOCALE_DIR", "click_language", "language_of"]

#: The gettext domain of click's messages translated for govgraph.
DOMAIN = "govgraph-click"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")


def language_of(args: Sequence[str]) -> str:
    """The language a command line asks for: its last ``--lang X`` (or ``--lang=X``)
    before any ``--``, else the environment's (``default_language``). click reads the
    option itself later; this is known before click parses anything, so that click's
    usage errors are in the same language."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANGUAGES else default_language()


@contextmanager
def click_language(lang: str) -> Iterator[None]:
    """Within the block, click's messages are in ``lang`` (English needs nothing)."""
    if lang != "fr":
        yield
        return
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "fr"
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
