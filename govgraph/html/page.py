"""One self-contained HTML file: the page template, vis-network's JS and CSS (the
copies pyvis ships), govgraph's own script and style, and the view data as JSON, all
inlined. Nothing is fetched: the page holds no ``http://`` or ``https://`` reference,
and its Content-Security-Policy allows only its own inline scripts (by hash) and
``data:`` images.

>>> text = safe_json({"name": "</script><img src=x onerror=alert(1)>", "url": "https://x"})
>>> "<" in text or "://" in text
False
>>> import json; json.loads(text)["name"]
'</script><img src=x onerror=alert(1)>'
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from importlib import resources
from typing import Any

__all__ = ["render_page", "safe_json", "vis_assets"]

_VIS_VERSION = "vis-9.1.2"
_PLACEHOLDER = re.compile(r"@@([a-z_]+)@@")


def safe_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and free of URL schemes:
    ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes and ``/``
    becomes ``\\/`` (all still valid JSON for ``JSON.parse``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
        .replace("/", "\\/")
    )


def _neutralise_urls(script: str) -> str:
    # The URLs inside vis-network are in string literals and comments (licence
    # headers, the SVG namespace, an error message): "\/" is "/" in a JS string.
    script = re.sub(r"//# sourceMappingURL=\S*", "", script)
    return script.replace("http://", "http:\\/\\/").replace("https://", "https:\\/\\/")


@functools.cache
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and its CSS, from the copy bundled with pyvis."""
    folder = resources.files("pyvis") / "lib" / _VIS_VERSION
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # "<script" and "</script" appear only inside string literals (core-js builds
    # "<script>" + t + "</" + "script>"): "\x3C" is "<" there too.
    script = _neutralise_urls(script).replace("<script", "\\x3Cscript")
    script = script.replace("</script", "\\x3C/script")
    style = style.replace("</style", "<\\/style")
    return script, style


@functools.cache
def _own_assets() -> tuple[str, str, str, str]:
    folder = resources.files("govgraph.html") / "assets"
    return tuple(  # type: ignore[return-value]
        (folder / name).read_text(encoding="utf-8")
        for name in ("page.html", "app.js", "app.css", "tree.js")
    )


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.cache
def _static_parts() -> dict[str, str]:
    template, app_js, app_css, tree_js = _own_assets()
    vis_js, vis_css = vis_assets()
    csp = (
        "default-src 'none'; "
        f"script-src {_hash(vis_js)} {_hash(tree_js)} {_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return {
        "template": template,
        "csp": csp,
        "vis_js": vis_js,
        "vis_css": vis_css,
        "app_js": app_js,
        "tree_js": tree_js,
        "app_css": app_css,
    }


def render_page(data: dict[str, Any], lang: str = "en") -> str:
    """The whole page for the view ``data`` (see ``govgraph.html.export``)."""
    parts = dict(_static_parts())
    template = parts.pop("template")
    parts["data"] = safe_json(data)
    parts["lang"] = "fr" if lang == "fr" else "en"
    return _PLACEHOLDER.sub(lambda match: parts[match.group(1)], template)
