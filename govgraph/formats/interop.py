"""The interoperability formats, registered with ``govgraph.formats`` by extension.

Each reader and writer is imported on first use, so loading govgraph does not pay for
openpyxl, rdflib or the networkx writers.

====================  ================================  ========  ========
suffix                format                            read      write
====================  ================================  ========  ========
``.xlsx``             Excel workbook (``xlsx``)         yes       yes
``.ttl``              W3C ORG in Turtle (``org``)       yes       yes
``.jsonld``           W3C ORG in JSON-LD (``org``)      yes       yes
``.nt``               W3C ORG in N-Triples (``org``)    yes       yes
``.popolo.json``      Popolo JSON (``popolo``)          yes       yes
``.graphml``          GraphML (``networks``)            yes       yes
``.gexf``             GEXF 1.2, dynamic (``networks``)  no        yes
====================  ================================  ========  ========

>>> from govgraph.formats import format_for
>>> format_for("model.xlsx").name
'xlsx'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from govgraph.formats import Format, register_format

__all__ = ["INTEROP_FORMATS"]


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A function that imports ``govgraph.formats.<module>.<name>`` when first called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        function = getattr(importlib.import_module(f"govgraph.formats.{module}"), name)
        return function(*args, **kwargs)

    call.__name__ = name
    call.__doc__ = f"``govgraph.formats.{module}.{name}``, imported on first use."
    return call


INTEROP_FORMATS: tuple[Format, ...] = (
    Format("xlsx", (".xlsx",), _lazy("xlsx", "read_xlsx"), _lazy("xlsx", "write_xlsx")),
    Format("org-turtle", (".ttl",), _lazy("org", "read_rdf"), _lazy("org", "write_rdf")),
    Format("org-jsonld", (".jsonld",), _lazy("org", "read_rdf"), _lazy("org", "write_rdf")),
    Format(
        "popolo", (".popolo.json",), _lazy("popolo", "read_popolo"), _lazy("popolo", "write_popolo")
    ),
    Format(
        "graphml",
        (".graphml",),
        _lazy("networks", "read_graphml"),
        _lazy("networks", "write_graphml"),
    ),
    Format("gexf", (".gexf",), None, _lazy("networks", "write_gexf")),
    Format("org-ntriples", (".nt",), _lazy("org", "read_rdf"), _lazy("org", "write_rdf")),
)

for _format in INTEROP_FORMATS:
    register_format(_format)
