"""The interoperability formats, registered with ``govgraph.formats`` by extension.

Each reader and writer is imported on first use (``govgraph.formats.lazy``), so loading
govgraph does not pay for openpyxl, rdflib or the networkx writers.

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

from govgraph.formats import Format, lazy, register_format

__all__ = ["INTEROP_FORMATS"]


INTEROP_FORMATS: tuple[Format, ...] = (
    Format("xlsx", (".xlsx",), lazy("xlsx", "read_xlsx"), lazy("xlsx", "write_xlsx")),
    Format("org-turtle", (".ttl",), lazy("org", "read_rdf"), lazy("org", "write_rdf")),
    Format("org-jsonld", (".jsonld",), lazy("org", "read_rdf"), lazy("org", "write_rdf")),
    Format(
        "popolo", (".popolo.json",), lazy("popolo", "read_popolo"), lazy("popolo", "write_popolo")
    ),
    Format(
        "graphml",
        (".graphml",),
        lazy("networks", "read_graphml"),
        lazy("networks", "write_graphml"),
    ),
    Format("gexf", (".gexf",), None, lazy("networks", "write_gexf")),
    Format("org-ntriples", (".nt",), lazy("org", "read_rdf"), lazy("org", "write_rdf")),
)

for _format in INTEROP_FORMATS:
    register_format(_format)
