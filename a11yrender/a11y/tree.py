"""HTML -> accessibility tree: roles, names, states, in pure Python on lxml.

:func:`build_tree` turns a page (HTML text or bytes, an lxml element or a
:class:`~a11yrender.model.Document`) into a tree of :class:`AXNode`, the
structure a screen reader walks:

* roles: implicit roles per HTML-AAM (with the scoping rules that make a
  ``header``/``footer`` a banner/contentinfo only outside sectioning content,
  an ``aside`` complementary only when scoped to ``body``/``main`` or named,
  a ``section`` a region only when named), explicit ``role`` (first valid
  token; ``none``/``presentation`` ignored on focusable elements and elements
  with global ARIA attributes; presentation passed on to a list's items and
  a table's rows and cells);
* accessible name and description per accname 1.2 (``aria-labelledby``
  with hidden referenced nodes, ``aria-label``, ``alt``, ``<label>``,
  ``<caption>``, ``<legend>``, ``<title>`` in SVG, ``title``, name from
  content with its hidden-node rules; CSS-generated content cannot be seen
  here and is ignored);
* hidden content left out: ``hidden``, ``aria-hidden="true"``, inline
  ``display:none`` and ``visibility:hidden``/``collapse`` (a descendant with
  ``visibility:visible`` shows again), ``<head>``, ``<script>``,
  ``<style>``, ``<template>``, ``<noscript>`` (scripting is assumed on, as
  in a browser), closed ``<dialog>`` and the content of a closed
  ``<details>``; rules in ``<style>`` sheets are not applied;
* heading levels, list item levels and positions, table sizes, cell
  positions and header cells, states, inherited language.

Text becomes ``text`` leaves (Chromium's ``StaticText``) in document order,
so a transcript can be built from the tree alone. Unnamed, unfocusable
``generic`` elements (``div``, ``span``...) and presentational elements are
left out and their children take their place, as browsers do.

Every walk is iterative (no ``RecursionError`` on 100,000-deep input) and the
build is linear in the size of the page. See ``docs/a11y-tree.md`` for the
role names, the rules and where Chromium differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, TypeAlias

import lxml.html
from lxml import etree

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..model import Document

__all__ = [
    "LANDMARK_ROLES",
    "AXNode",
    "build_tree",
    "css_path",
    "format_tree",
]

Element: TypeAlias = etree._Element
StateValue: TypeAlias = "str | bool"

# --------------------------------------------------------------------------- #
# the node
# --------------------------------------------------------------------------- #

_EMPTY_STATES: Final[Mapping[str, StateValue]] = MappingProxyType({})


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AXNode:
    """One node of the accessibility tree.

    ``role`` is a WAI-ARIA 1.2 role name (``"heading"``, ``"link"``,
    ``"img"``, ``"banner"``...), ``"document"`` for the root, ``"text"`` for
    text, or one of the few names documented in ``docs/a11y-tree.md`` for
    HTML elements that have no ARIA role (``"label"``, ``"summary"``...).
    ``states`` holds only the states that apply (``{"current": "page"}``,
    ``{"expanded": False}``, ``{"checked": "mixed"}``, ``{"disabled": True}``).
    ``element`` is the lxml element the node comes from (for a ``text`` node,
    the element holding the text); :attr:`path` is a CSS path to it.

    Nodes compare by identity (trees can be very deep; compare
    :func:`format_tree` output or selected fields instead).
    """

    role: str
    name: str = ""
    description: str = ""
    value: str | None = None
    level: int | None = None
    states: Mapping[str, StateValue] = field(default_factory=lambda: _EMPTY_STATES)
    lang: str | None = None
    children: tuple[AXNode, ...] = ()
    setsize: int | None = None
    posinset: int | None = None
    rowcount: int | None = None
    colcount: int | None = None
    rowindex: int | None = None
    colindex: int | None = None
    rowspan: int | None = None
    colspan: int | None = None
    headers: tuple[str, ...] = ()
    focusable: bool = False
    href: str | None = None
    element: Element | None = field(default=None, compare=False)

    def __repr__(self) -> str:  # shallow: a deep repr would recurse
        extra = f", level={self.level}" if self.level is not None else ""
        return f"AXNode({self.role!r}, {self.name!r}{extra}, children={len(self.children)})"

    @property
    def path(self) -> str:
        """CSS path of the source element (``""`` when there is none)."""
        return "" if self.element is None else css_path(self.element)

    @property
    def text(self) -> str:
        """The text of the ``text`` leaves under this node, joined, whitespace collapsed."""
        parts = [n.name for n in self.walk() if n.role == "text"]
        return _norm("".join(parts) if self.role != "text" else self.name)

    def walk(self) -> Iterator[AXNode]:
        """This node and its descendants in document order (pre-order)."""
        stack: list[AXNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def walk_with_depth(self) -> Iterator[tuple[AXNode, int]]:
        """Like :meth:`walk`, with each node's depth below this one (0 for itself)."""
        stack: list[tuple[AXNode, int]] = [(self, 0)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((c, depth + 1) for c in reversed(node.children))

    def find_all(self, *roles: str) -> list[AXNode]:
        """Descendants (and this node) with one of ``roles``, in document order."""
        wanted = set(roles)
        return [n for n in self.walk() if n.role in wanted]


#: Roles that screen readers offer as landmarks.
LANDMARK_ROLES: Final = frozenset(
    {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"}
)


def format_tree(root: AXNode) -> str:
    """An indented one-line-per-node dump (for tests, golden files and debugging)."""
    lines = []
    for node, depth in root.walk_with_depth():
        bits = [node.role]
        if node.name:
            bits.append(repr(node.name))
        if node.level is not None:
            bits.append(f"level={node.level}")
        if node.description:
            bits.append(f"description={node.description!r}")
        if node.value is not None:
            bits.append(f"value={node.value!r}")
        for key, value in node.states.items():
            bits.append(f"{key}={value}")
        if node.setsize is not None:
            bits.append(f"{node.posinset}/{node.setsize}")
        if node.rowcount is not None:
            bits.append(f"rows={node.rowcount} cols={node.colcount}")
        if node.rowindex is not None:
            bits.append(f"r{node.rowindex}c{node.colindex}")
        if node.headers:
            bits.append(f"headers={list(node.headers)}")
        lines.append("  " * depth + " ".join(bits))
    return "\n".join(lines)


def css_path(el: Element) -> str:
    """A CSS selector path for ``el``: from the nearest ancestor with a unique
    ``id`` (or the root) down, with ``:nth-of-type`` where needed."""
    parts: list[str] = []
    node: Element | None = el
    root = el.getroottree().getroot()
    while node is not None:
        tag = _tag(node)
        ident = node.get("id")
        if ident and _CSS_IDENT.fullmatch(ident) and len(root.xpath("//*[@id=$i]", i=ident)) == 1:
            parts.append(f"#{ident}")
            break
        parent = node.getparent()
        if parent is None:
            parts.append(tag)
            break
        same = [c for c in parent if isinstance(c.tag, str) and c.tag == node.tag]
        parts.append(tag if len(same) == 1 else f"{tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(parts))


_CSS_IDENT: Final = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")

# --------------------------------------------------------------------------- #
# tables of rules
# --------------------------------------------------------------------------- #

#: Concrete WAI-ARIA 1.2 roles (plus DPUB-ARIA, Graphics ARIA and the ARIA
#: 1.3 roles that browsers already accept); abstract roles are not valid.
_VALID_ROLES: Final = frozenset(
    [
        "alert", "alertdialog", "application", "article", "banner", "blockquote", "button",
        "caption", "cell", "checkbox", "code", "columnheader", "combobox", "comment",
        "complementary", "contentinfo", "definition", "deletion", "dialog", "directory", "document",
        "emphasis", "feed", "figure", "form", "generic", "grid", "gridcell", "group", "heading",
        "img", "image", "insertion", "link", "list", "listbox", "listitem", "log", "main", "mark",
        "marquee", "math", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio",
        "meter", "navigation", "none", "note", "option", "paragraph", "presentation", "progressbar",
        "radio", "radiogroup", "region", "row", "rowgroup", "rowheader", "scrollbar", "search",
        "searchbox", "sectionfooter", "sectionheader", "separator", "slider", "spinbutton",
        "status", "strong", "subscript", "suggestion", "superscript", "switch", "tab", "table",
        "tablist", "tabpanel", "term", "textbox", "time", "timer", "toolbar", "tooltip", "tree",
        "treegrid", "treeitem", "graphics-document", "graphics-object", "graphics-symbol",
        "doc-abstract", "doc-acknowledgments", "doc-afterword", "doc-appendix", "doc-backlink",
        "doc-biblioentry", "doc-bibliography", "doc-biblioref", "doc-chapter", "doc-colophon",
        "doc-conclusion", "doc-cover", "doc-credit", "doc-credits", "doc-dedication", "doc-endnote",
        "doc-endnotes", "doc-epigraph", "doc-epilogue", "doc-errata", "doc-example", "doc-footnote",
        "doc-foreword", "doc-glossary", "doc-glossref", "doc-index", "doc-introduction",
        "doc-noteref", "doc-notice", "doc-pagebreak", "doc-pagelist", "doc-part", "doc-preface",
        "doc-prologue", "doc-pullquote", "doc-qna", "doc-subtitle", "doc-tip", "doc-toc"
    ]
)

#: Roles whose name comes from their content (WAI-ARIA 1.2 "Name From:
#: contents"), plus ``summary`` (a disclosure button) and ``term``.
_NAME_FROM_CONTENT: Final = frozenset(
    [
        "button", "cell", "checkbox", "columnheader", "gridcell", "heading", "link", "menuitem",
        "menuitemcheckbox", "menuitemradio", "option", "radio", "row", "rowheader", "switch", "tab",
        "tooltip", "treeitem", "summary", "term", "doc-backlink", "doc-biblioref", "doc-glossref",
        "doc-noteref"
    ]
)

#: Containers whose content does not flow into an ancestor's name when that
#: name comes from content (a link around a figure is not named by the
#: figure's text). This is Chromium's list; accname 1.2 leaves it open.
_NO_CONTENT_IN_NAME: Final = frozenset(
    [
        "alert", "alertdialog", "application", "article", "audio", "banner", "blockquote",
        "combobox", "complementary", "contentinfo", "dialog", "document", "feed", "figure", "form",
        "graphics-document", "grid", "group", "iframe", "img", "listbox", "log", "main", "marquee",
        "math", "menu", "menubar", "meter", "navigation", "note", "progressbar", "radiogroup",
        "region", "scrollbar", "search", "searchbox", "sectionfooter", "sectionheader", "slider",
        "spinbutton", "status", "table", "tablist", "tabpanel", "textbox", "timer", "toolbar",
        "tree", "treegrid", "video"
    ]
)

#: Controls that give their value, not their content, inside another name
#: (accname 1.2 step 2C, "embedded control").
_RANGE_ROLES: Final = frozenset({"slider", "spinbutton", "progressbar", "meter", "scrollbar"})

#: Attributes that make a ``presentation``/``none`` role be ignored (WAI-ARIA
#: 1.2 "global" states and properties).
_GLOBAL_ARIA: Final = (
    "aria-atomic", "aria-busy", "aria-controls", "aria-current", "aria-describedby",
    "aria-description", "aria-details", "aria-dropeffect", "aria-flowto", "aria-grabbed",
    "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-live", "aria-owns",
    "aria-relevant", "aria-roledescription", "aria-disabled", "aria-errormessage",
    "aria-haspopup", "aria-invalid",
)  # fmt: skip

#: Elements the default style sheet never renders (``display: none``).
_NOT_RENDERED: Final = frozenset(
    [
        "head", "script", "style", "template", "title", "meta", "link", "base", "noscript",
        "datalist", "param", "area", "rp", "col", "colgroup", "frame", "frameset", "noembed",
        "noframes"
    ]
)

#: Void elements that libxml2's HTML parser does not know are void: it nests
#: the following content inside them, so they are walked through, not shown.
_TRANSPARENT: Final = frozenset({"source", "track", "wbr", "keygen", "object"})

#: Elements whose children are never rendered as content (replaced elements
#: and controls); their node is a leaf.
_LEAF_TAGS: Final = frozenset(
    [
        "img", "input", "textarea", "select", "svg", "iframe", "video", "audio", "embed",
        "progress", "meter", "br", "hr"
    ]
)

#: ``display`` of elements that are not inline by default (UA style sheet),
#: and replaced/atomic inline elements; both get spaces around them when
#: they are part of a name from content.
_BLOCKISH: Final = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main",
        "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table",
        "caption", "tr", "td", "th", "thead", "tbody", "tfoot", "ul", "xmp", "optgroup", "option",
        "img", "input", "button", "select", "textarea", "svg", "video", "audio", "iframe", "canvas",
        "object", "embed", "meter", "progress"
    ]
)

#: Elements that are block-level (not inline-level) in the default style sheet.
_BLOCK_DISPLAY: Final = _BLOCKISH - frozenset(
    ["img", "input", "button", "select", "textarea", "svg", "video", "audio", "iframe",
     "canvas", "object", "embed", "meter", "progress"]
)

_INPUT_ROLES: Final = {
    "button": "button", "submit": "button", "reset": "button", "image": "button",
    "checkbox": "checkbox", "radio": "radio", "range": "slider", "number": "spinbutton",
    "search": "searchbox", "email": "textbox", "tel": "textbox", "text": "textbox",
    "url": "textbox", "password": "textbox", "file": "button", "color": "colorwell",
    "date": "textbox", "datetime-local": "textbox", "month": "textbox", "time": "textbox",
    "week": "textbox",
}  # fmt: skip

_SIMPLE_ROLES: Final = {
    "address": "group", "article": "article", "blockquote": "blockquote", "br": "linebreak",
    "button": "button", "caption": "caption", "code": "code", "datalist": "listbox",
    "dd": "definition", "del": "deletion", "details": "group", "dfn": "term",
    "dialog": "dialog", "dl": "descriptionlist", "dt": "term", "em": "emphasis",
    "fieldset": "group", "figcaption": "figcaption", "figure": "figure", "form": "form",
    "hgroup": "group", "hr": "separator", "html": "document", "iframe": "iframe",
    "ins": "insertion", "label": "label", "legend": "legend", "li": "listitem",
    "main": "main", "mark": "mark", "math": "math", "menu": "list", "meter": "meter",
    "nav": "navigation", "ol": "list", "ul": "list", "optgroup": "group", "option": "option",
    "output": "status", "p": "paragraph", "progress": "progressbar", "search": "search",
    "strong": "strong", "sub": "subscript", "sup": "superscript", "summary": "summary",
    "svg": "graphics-document", "table": "table", "tbody": "rowgroup", "thead": "rowgroup",
    "tfoot": "rowgroup", "textarea": "textbox", "time": "time", "tr": "row",
    "video": "video", "audio": "audio", "canvas": "canvas",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading",
}  # fmt: skip

#: Sectioning elements and roles that take the landmark role away from a
#: ``header``/``footer`` (HTML-AAM); ``main`` does not scope an ``aside``.
_SCOPING_TAGS: Final = frozenset({"article", "aside", "main", "nav", "section"})
_SCOPING_ROLES: Final = frozenset({"article", "complementary", "main", "navigation", "region"})

#: For a presentational list or table: which children pass the role on.
_OWNED_BY: Final = {
    "list": frozenset({"listitem"}),
    "table": frozenset({"rowgroup", "row"}),
    "rowgroup": frozenset({"row"}),
    "row": frozenset({"cell", "columnheader", "rowheader", "gridcell"}),
    "descriptionlist": frozenset({"term", "definition"}),
}

#: Roles that get a name from content only when focusable (Chromium names a
#: focusable ``div``/``span`` by its text so that focus always says something).
_NAME_FROM_CONTENT_IF_FOCUSABLE: Final = frozenset({"generic"})

#: WAI-ARIA 1.2 roles that prohibit a name: a ``title`` on them becomes the description.
_NAME_PROHIBITED: Final = frozenset(
    [
        "caption", "code", "deletion", "emphasis", "generic", "insertion", "paragraph",
        "presentation", "none", "strong", "subscript", "superscript"
    ]
)

#: How many aria-labelledby hops deep a section's name is looked for.
_MAX_LABEL_CHAIN: Final = 32

_CELL_ROLES: Final = frozenset({"cell", "gridcell", "columnheader", "rowheader"})
_LABELABLE: Final = frozenset({"button", "input", "meter", "output", "progress", "select",
                               "textarea"})  # fmt: skip
_ASCII_WS: Final = re.compile(r"[ \t\n\r\f]+")
_INT: Final = re.compile(r"\s*([+-]?\d+)")
_CURRENT_TOKENS: Final = frozenset({"page", "step", "location", "date", "time", "true"})


def _norm(s: str) -> str:
    """Collapse ASCII whitespace (not no-break spaces) and trim, as browsers do for names."""
    return _ASCII_WS.sub(" ", s).strip(" ")


def _tag(el: Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _attr(el: Element, name: str) -> str | None:
    value = el.get(name)
    return None if value is None else str(value)


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    m = _INT.match(value)
    return int(m.group(1)) if m else None


def _style(el: Element) -> dict[str, str]:
    raw = el.get("style")
    if not raw:
        return {}
    out: dict[str, str] = {}
    for decl in str(raw).split(";"):
        prop, sep, value = decl.partition(":")
        if sep:
            value = value.replace("!important", "").strip().lower()
            out[prop.strip().lower()] = value
    return out


# --------------------------------------------------------------------------- #
# building
# --------------------------------------------------------------------------- #


class _End:
    """Marks where an element's content ends in a name-from-content walk."""

    __slots__ = ("el", "sep", "start")

    def __init__(self, el: Element, start: int, sep: str) -> None:
        self.el = el
        self.start = start
        self.sep = sep


class _B:
    """A node while the tree is being built (mutable; frozen at the end)."""

    __slots__ = (
        "children",
        "colcount",
        "colindex",
        "colspan",
        "desc",
        "el",
        "focusable",
        "headers",
        "href",
        "lang",
        "level",
        "name",
        "posinset",
        "role",
        "rowcount",
        "rowindex",
        "rowspan",
        "setsize",
        "states",
        "value",
    )  # fmt: skip

    def __init__(self, role: str, el: Element | None, lang: str | None) -> None:
        self.role = role
        self.el = el
        self.lang = lang
        self.children: list[_B] = []
        self.name = ""
        self.desc = ""
        self.value: str | None = None
        self.level: int | None = None
        self.states: dict[str, StateValue] = {}
        self.focusable = False
        self.href: str | None = None
        self.setsize: int | None = None
        self.posinset: int | None = None
        self.rowcount: int | None = None
        self.colcount: int | None = None
        self.rowindex: int | None = None
        self.colindex: int | None = None
        self.rowspan: int | None = None
        self.colspan: int | None = None
        self.headers: tuple[str, ...] = ()


Source: TypeAlias = "str | bytes | Element | etree._ElementTree | Document"


def build_tree(source: Source, /) -> AXNode:
    """The accessibility tree of an HTML page; the root's role is ``"document"``.

    ``source`` is HTML text or bytes (bytes are decoded by their byte-order
    mark or ``<meta charset>``, else as UTF-8), an lxml element or tree, or
    an a11yrender :class:`~a11yrender.model.Document` (rendered with the
    ``html`` renderer first). Nothing is fetched from the network.
    """
    return TreeBuilder(parse_page(source)).build()


def parse_page(source: Source) -> Element:
    """Parse ``source`` (HTML, bytes or a Document, rendered first) as the tree reads it."""
    from ..model import Document  # the model imports nothing; no cycle

    if isinstance(source, Document):
        from ..renderers import render

        source = render(source, "html")
    if isinstance(source, etree._ElementTree):
        return source.getroot()
    if isinstance(source, etree._Element):
        return source
    if isinstance(source, bytes):
        source = _decode(source)
    if not isinstance(source, str):
        raise TypeError(
            f"build_tree() takes HTML text, bytes, an lxml element or a Document, "
            f"not {type(source).__name__}"
        )
    if not source.strip():
        return lxml.html.document_fromstring("<html><head></head><body></body></html>")
    if source.lstrip().startswith("<?xml"):
        # lxml refuses text with an encoding declaration; the browser ignores it
        source = re.sub(r"^\s*<\?xml[^>]*>", "", source)
    if _SURROGATE.search(source):
        # a lone surrogate would end libxml2's input early; a browser shows U+FFFD
        source = _SURROGATE.sub("\ufffd", source)
    try:
        # huge_tree: libxml2 otherwise drops everything nested deeper than 256
        return lxml.html.document_fromstring(source, parser=_PARSER)
    except etree.ParserError:  # "Document is empty": only comments or stray end tags
        return lxml.html.document_fromstring("<html><head></head><body></body></html>")


_PARSER: Final = lxml.html.HTMLParser(huge_tree=True)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _decode(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:2048], re.I)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("utf-8", errors="replace")


class TreeBuilder:
    """Builds the accessibility tree of one parsed page (ids, labels and roles cached)."""

    def __init__(self, root: Element) -> None:
        self.root = root
        # Holding a proxy for every element keeps lxml from searching up to the
        # document each time one is freed (quadratic on very deep trees).
        self._elements = list(root.iter(etree.Element))
        self.ids: dict[str, Element] = {}
        for el in self._elements:
            ident = el.get("id")
            if ident is not None and ident not in self.ids:
                self.ids[str(ident)] = el
        self._hidden_memo: dict[Element, bool] = {}
        self._vis_memo: dict[Element, bool] = {}
        self._role_memo: dict[Element, str] = {}
        self._role_busy: set[Element] = set()
        self._labels: dict[Element, list[Element]] | None = None
        self._content_memo: dict[Element, str] = {}
        self._name_depth = 0
        self._scope_memo: dict[Element, tuple[bool, bool]] = {}

    # -- hidden ---------------------------------------------------------------

    def _self_hidden(self, el: Element) -> bool:
        """Hidden with its whole subtree (display: none and the like)."""
        tag = _tag(el)
        if not tag or tag in _NOT_RENDERED:
            return True
        if el.get("hidden") is not None:
            return True
        if str(el.get("aria-hidden", "")).strip().lower() == "true":
            return True
        if tag == "input" and str(el.get("type", "")).strip().lower() == "hidden":
            return True
        if tag == "dialog" and el.get("open") is None:
            return True
        if _style(el).get("display") == "none":
            return True
        parent = el.getparent()
        if parent is not None:
            ptag = _tag(parent)
            if ptag == "details" and parent.get("open") is None:
                # a closed <details> shows only its first <summary>
                return not (tag == "summary" and _first_child(parent, "summary") is el)
            if ptag in _LEAF_TAGS:
                return True  # fallback content of a replaced element, option lists
        return False

    def hidden(self, el: Element) -> bool:
        """Excluded from the tree with its subtree (memoised, iterative)."""
        memo = self._hidden_memo
        chain: list[Element] = []
        node: Element | None = el
        while node is not None and node not in memo:
            chain.append(node)
            node = node.getparent()
        state = memo[node] if node is not None else False
        for item in reversed(chain):
            state = state or self._self_hidden(item)
            memo[item] = state
        return memo[el]

    def vis_hidden(self, el: Element) -> bool:
        """``visibility: hidden`` in effect (inherited; a descendant may undo it)."""
        memo = self._vis_memo
        chain: list[Element] = []
        node: Element | None = el
        while node is not None and node not in memo:
            chain.append(node)
            node = node.getparent()
        state = memo[node] if node is not None else False
        for item in reversed(chain):
            vis = _style(item).get("visibility")
            if vis in ("hidden", "collapse"):
                state = True
            elif vis == "visible":
                state = False
            memo[item] = state
        return memo[el]

    # -- roles ----------------------------------------------------------------

    def focusable(self, el: Element) -> bool:
        """Focusable by the browser's default rules (disabled controls are not)."""
        tag = _tag(el)
        if tag in ("button", "input", "select", "textarea") and self.disabled(el):
            return False
        if _int(_attr(el, "tabindex")) is not None:
            return True
        if tag in ("a", "area") and el.get("href") is not None:
            return True
        if tag in ("button", "select", "textarea", "iframe"):
            return True
        if tag == "input":
            return str(el.get("type", "")).strip().lower() != "hidden"
        if tag == "summary":
            parent = el.getparent()
            return parent is not None and _tag(parent) == "details" and (
                _first_child(parent, "summary") is el)
        if tag in ("audio", "video") and el.get("controls") is not None:
            return True
        ce = el.get("contenteditable")
        return ce is not None and str(ce).strip().lower() in ("", "true", "plaintext-only")

    def disabled(self, el: Element) -> bool:
        """Disabled by ``disabled`` or by an enclosing disabled ``fieldset``
        (except inside its first legend)."""
        tag = _tag(el)
        if tag not in ("button", "input", "select", "textarea", "optgroup", "option",
                       "fieldset"):  # fmt: skip
            return False
        if el.get("disabled") is not None:
            return True
        child = el
        for anc in el.iterancestors():
            atag = _tag(anc)
            if atag == "fieldset" and anc.get("disabled") is not None and not (
                    _tag(child) == "legend" and _first_child(anc, "legend") is child):
                return True
            if atag in ("select", "optgroup") and tag in ("option", "optgroup") and (
                    anc.get("disabled") is not None):
                return True
            child = anc
        return False

    def _has_global_aria(self, el: Element) -> bool:
        return any(el.get(a) is not None for a in _GLOBAL_ARIA)

    def explicit_role(self, el: Element) -> str | None:
        """The first valid token of ``role``, or ``None``."""
        raw = el.get("role")
        if raw is None:
            return None
        for token in str(raw).lower().split():
            if token in _VALID_ROLES:
                return "img" if token == "image" else token
        return None

    def role(self, el: Element) -> str:
        """The computed role (memoised; ancestors first, iteratively)."""
        memo = self._role_memo
        if el in memo:
            return memo[el]
        chain: list[Element] = []
        node: Element | None = el
        while node is not None and node not in memo:
            chain.append(node)
            node = node.getparent()
        for item in reversed(chain):
            if item in self._role_busy:  # a name that depends on this very role
                return "generic"
            self._role_busy.add(item)
            try:
                memo[item] = self._compute_role(item)
            finally:
                self._role_busy.discard(item)
        return memo[el]

    def _compute_role(self, el: Element) -> str:
        tag = _tag(el)
        if not tag:
            return "none"
        parent = el.getparent()
        explicit = self.explicit_role(el)
        if explicit in ("none", "presentation"):
            if self.focusable(el) or self._has_global_aria(el):
                explicit = None  # presentational conflict resolution: keep the implicit role
            else:
                return "none"
        if explicit is not None:
            if explicit in ("region", "form") and not self._has_author_name(el):
                return "generic"  # a region/form landmark needs a name (Core-AAM)
            return explicit
        role = self._implicit_role(el, tag)
        if parent is not None and role != "none":
            prole = self._role_memo.get(parent) or self.role(parent)
            if prole == "none" and not (self.focusable(el) or self._has_global_aria(el)):
                # presentation passes from a list or table to what it owns
                pimpl = self._implicit_role(parent, _tag(parent))
                if role in _OWNED_BY.get(pimpl, frozenset()):
                    return "none"
        return role

    def _implicit_role(self, el: Element, tag: str) -> str:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return "heading"
        if tag in ("a", "area"):
            return "link" if el.get("href") is not None else "generic"
        if tag == "img":
            alt = el.get("alt")
            if alt == "" and not (self._has_global_aria(el) or self.focusable(el)
                                  or el.get("title")):  # fmt: skip
                return "none"
            return "img"
        if tag == "input":
            kind = str(el.get("type", "text")).strip().lower()
            role = _INPUT_ROLES.get(kind, "textbox")
            if el.get("list") is not None and role in ("textbox", "searchbox"):
                return "combobox"
            return role
        if tag == "select":
            size = _int(_attr(el, "size"))
            multiple = el.get("multiple") is not None
            return "listbox" if multiple or (size is not None and size > 1) else "combobox"
        if tag in ("header", "footer"):
            scoped = self._scoped(el)[0]
            if tag == "header":
                return "sectionheader" if scoped else "banner"
            return "sectionfooter" if scoped else "contentinfo"
        if tag == "aside":
            scoped = self._scoped(el)[1]
            return "complementary" if not scoped or self._has_author_name(el) else "generic"
        if tag == "section":
            return "region" if self._has_author_name(el) else "generic"
        if tag in ("th", "td"):
            return self._cell_role(el, tag)
        if tag == "li":
            return "listitem"
        if tag in _SIMPLE_ROLES:
            return _SIMPLE_ROLES[tag]
        if tag in _TRANSPARENT:
            # <object> shows its fallback content: nothing is loaded here
            return "none"
        return "generic"

    def _scoped(self, el: Element) -> tuple[bool, bool]:
        """Whether ``el`` is inside sectioning content: (for a header or
        footer, for an aside, where ``main`` does not count). Memoised."""
        memo = self._scope_memo
        chain: list[Element] = []
        node = el.getparent()
        while node is not None and node not in memo:
            chain.append(node)
            node = node.getparent()
        state = memo[node] if node is not None else (False, False)
        for anc in reversed(chain):
            # the state of an element's descendants: its own or its ancestors'
            tag, role = _tag(anc), self.role(anc)
            header = state[0] or tag in _SCOPING_TAGS or role in _SCOPING_ROLES
            aside = state[1] or ((tag in _SCOPING_TAGS or role in _SCOPING_ROLES) and (
                tag != "main" and role != "main"))
            state = (header, aside)
            memo[anc] = state
        parent = el.getparent()
        return memo[parent] if parent is not None else (False, False)

    def _has_author_name(self, el: Element) -> bool:
        """A name from aria-labelledby, aria-label or title (what makes a section a region)."""
        # A labelledby target can hold a section labelled by another target...:
        # the only recursion here, so it is bounded.
        if self._name_depth < _MAX_LABEL_CHAIN:
            self._name_depth += 1
            try:
                lb = self._idrefs_text(el, "aria-labelledby")
            finally:
                self._name_depth -= 1
            if lb is not None and _norm(lb):
                return True
        label = el.get("aria-label")
        if label is not None and _norm(str(label)):
            return True
        title = el.get("title")
        return title is not None and bool(_norm(str(title)))

    def _table_of(self, cell: Element) -> Element | None:
        for anc in cell.iterancestors():
            if _tag(anc) == "table":
                return anc
        return None

    def _cell_role(self, el: Element, tag: str) -> str:
        table = self._table_of(el)
        if table is None:
            return "generic"
        table_role = self.role(table)
        if tag == "td":
            return "gridcell" if table_role in ("grid", "treegrid") else "cell"
        scope = str(el.get("scope", "")).strip().lower()
        if scope in ("row", "rowgroup"):
            return "rowheader"
        if scope in ("col", "colgroup"):
            return "columnheader"
        row = el.getparent()
        group = row.getparent() if row is not None else None
        if group is not None and _tag(group) == "thead":
            return "columnheader"
        return self._header_from_siblings(el, row)

    def _header_from_siblings(self, el: Element, row: Element | None) -> str:
        # Chromium's heuristic for a <th> without scope: a column header unless
        # a non-empty data cell sits beside it or at either end of its row.
        def cell(e: Element | None) -> Element | None:
            while e is not None and _tag(e) not in ("td", "th"):
                e = e.getnext()
            return e

        def prev_cell(e: Element | None) -> Element | None:
            while e is not None and _tag(e) not in ("td", "th"):
                e = e.getprevious()
            return e

        nxt, prev = cell(el.getnext()), prev_cell(el.getprevious())
        if nxt is None and prev is None:
            return "columnheader"
        if (nxt is not None and _tag(nxt) == "th") and (prev is not None and _tag(prev) == "th"):
            return "columnheader"
        if any(c is not None and _tag(c) == "td" and _norm(_text_content(c))
               for c in (nxt, prev)):  # fmt: skip
            return "rowheader"
        if row is None or _tag(row) != "tr":
            return "columnheader"
        cells = [c for c in row if _tag(c) in ("td", "th")]
        ends = cells[:2] + cells[-2:]
        if any(_tag(c) == "td" and _norm(_text_content(c)) for c in ends):
            return "rowheader"
        return "columnheader"

    def is_layout_table(self, table: Element) -> bool:
        """Chromium's layout-table heuristic: no header cells, caption, row
        groups, column groups or header attributes, and fewer than 20 rows."""
        if self.explicit_role(table) in ("table", "grid", "treegrid"):
            return False
        if table.get("summary") or (table.get("border") not in (None, "0")):
            return False
        rows = 0
        todo = list(table)
        while todo:
            e = todo.pop()
            tag = _tag(e)
            if tag == "table":
                continue  # a nested table decides for itself
            if tag in ("thead", "tfoot", "colgroup", "col", "th") or (
                    tag == "caption" and _norm(_text_content(e))):
                return False
            if tag in ("td",) and any(e.get(a) is not None
                                      for a in ("headers", "scope", "abbr", "axis")):
                return False
            if tag == "tr":
                rows += 1
            todo.extend(e)
        return rows < 20

    # -- names ----------------------------------------------------------------

    def labels(self, el: Element) -> list[Element]:
        """The ``<label>`` elements of a labelable control, in document order."""
        if self._labels is None:
            found: dict[Element, list[Element]] = {}
            for label in self.root.iter("label"):
                target: Element | None = None
                for_id: str | None = label.get("for")
                if for_id is not None:
                    target = self.ids.get(str(for_id))
                else:
                    for d in label.iterdescendants():
                        if _tag(d) in _LABELABLE and not (
                                _tag(d) == "input" and
                                str(d.get("type", "")).lower() == "hidden"):  # fmt: skip
                            target = d
                            break
                if target is not None and _tag(target) in _LABELABLE:
                    found.setdefault(target, []).append(label)
            self._labels = found
        return self._labels.get(el, [])

    def _idrefs_text(self, el: Element, attr: str) -> str | None:
        """Text of the elements named by an IDREF list, or ``None`` if none exists."""
        raw = el.get(attr)
        if not raw:
            return None
        refs = [self.ids[i] for i in str(raw).split() if i in self.ids]
        if not refs:
            return None
        return " ".join(_norm(self._referenced_text(r)) for r in refs)

    def _referenced_text(self, el: Element) -> str:
        """accname step 2 for a node reached through aria-labelledby/-describedby:
        hidden nodes count when the referenced node itself is hidden."""
        label = el.get("aria-label")
        if label is not None and _norm(str(label)):
            return str(label)
        native = self._native_attr_name(el)
        if native:
            return native
        hidden_ok = self.hidden(el) or self.vis_hidden(el)
        text = self._content_text(el, hidden_ok=hidden_ok, in_labelledby=True, exclude=None)
        if _norm(text):
            return text
        title = el.get("title")
        return str(title) if title is not None else ""

    def _native_attr_name(self, el: Element) -> str | None:
        """A text alternative from the element's own attributes or a <title>
        child (img alt, input value, svg title...); ``None`` if there is none."""
        tag = _tag(el)
        if tag in ("img", "area"):
            alt = el.get("alt")
            if alt is not None:
                return str(alt)
            return None
        if tag == "input":
            kind = str(el.get("type", "text")).strip().lower()
            if kind in ("button", "submit", "reset"):
                value = el.get("value")
                if value is not None:
                    return str(value)
                return {"submit": "Submit", "reset": "Reset"}.get(kind)
            if kind == "image":
                for a in ("alt", "value"):
                    v = el.get(a)
                    if v is not None and _norm(str(v)):
                        return str(v)
                return None
            return None
        if tag == "svg":
            t = _first_child(el, "title")
            return None if t is None else _text_content(t)
        if tag == "optgroup":
            v = el.get("label")
            return None if v is None else str(v)
        return None

    def name(self, el: Element, role: str) -> tuple[str, str]:
        """(accessible name, where it came from) per accname 1.2, as a root."""
        lb = self._idrefs_text(el, "aria-labelledby")
        if lb is not None and _norm(lb):
            return _norm(lb), "labelledby"
        label = el.get("aria-label")
        if label is not None and _norm(str(label)):
            return _norm(str(label)), "label"
        tag = _tag(el)
        if tag == "html":
            title_el = next(iter(self.root.iter("title")), None)
            text = _norm(_text_content(title_el)) if title_el is not None else ""
            return text, "title-element"
        native = self._native_attr_name(el)
        if native is not None and (native or tag in ("img", "area")):
            return _norm(native), "native"
        if tag in _LABELABLE:
            labels = self.labels(el)
            if labels:
                text = " ".join(self._root_text(lab, exclude=el) for lab in labels)
                if _norm(text):
                    return _norm(text), "label-element"
        if tag == "fieldset":
            legend = _first_child(el, "legend")
            if legend is not None:
                text = self._root_text(legend)
                if text:
                    return text, "legend"
        if tag == "table":
            caption = _first_child(el, "caption")
            if caption is not None:
                text = self._root_text(caption)
                if text:
                    return text, "caption"
        if tag == "option" and el.get("label") is not None and _norm(str(el.get("label"))):
            return _norm(str(el.get("label"))), "native"
        if role in _NAME_FROM_CONTENT or (
            role in _NAME_FROM_CONTENT_IF_FOCUSABLE and self.focusable(el)
        ):
            text = _norm(self._content_text(el, hidden_ok=False, in_labelledby=False,
                                            exclude=None))
            if text:
                return text, "contents"
        title = el.get("title")
        if title is not None and _norm(str(title)) and role not in _NAME_PROHIBITED:
            return _norm(str(title)), "title"
        if tag in ("input", "textarea"):
            for a in ("placeholder", "aria-placeholder"):
                v = el.get(a)
                if v is not None and _norm(str(v)):
                    return _norm(str(v)), "placeholder"
        if tag == "input" and str(el.get("type", "")).lower() == "image":
            return "Submit", "native"
        return "", ""

    def description(self, el: Element, name_from: str) -> str:
        """accname 1.2 description: aria-describedby, aria-description, else a
        ``title`` that did not give the name."""
        db = self._idrefs_text(el, "aria-describedby")
        if db is not None and _norm(db):
            return _norm(db)
        d = el.get("aria-description")
        if d is not None and _norm(str(d)):
            return _norm(str(d))
        title = el.get("title")
        if title is not None and name_from != "title" and _tag(el) != "html":
            return _norm(str(title))
        return ""

    def _root_text(self, el: Element, exclude: Element | None = None) -> str:
        """Name from content of a native text alternative element (label,
        legend, caption): hidden content counts when the element itself is hidden."""
        hidden_ok = self.hidden(el) or self.vis_hidden(el)
        return _norm(self._content_text(el, hidden_ok=hidden_ok, in_labelledby=False,
                                        exclude=exclude))

    def embedded_value(self, el: Element, role: str) -> str | None:
        """The value a control adds to a name it is embedded in (accname 2C)."""
        tag = _tag(el)
        if role in ("textbox", "searchbox"):
            if tag == "textarea":
                return _text_content(el)
            if tag == "input":
                return str(el.get("value", ""))
            return _text_content(el) if el.get("contenteditable") is not None else ""
        if role in ("combobox", "listbox"):
            if tag == "select":
                return " ".join(_norm(_text_content(o)) for o in self._selected_options(el))
            if tag == "input":
                return str(el.get("value", ""))
            return ""
        if role in _RANGE_ROLES:
            for a in ("aria-valuetext", "aria-valuenow"):
                v = el.get(a)
                if v is not None:
                    return str(v)
            return str(el.get("value", ""))
        return None

    def _selected_options(self, select: Element) -> list[Element]:
        options = [o for o in select.iter("option")]
        chosen = [o for o in options if o.get("selected") is not None]
        if chosen:
            return chosen if select.get("multiple") is not None else chosen[-1:]
        if select.get("multiple") is None and (_int(_attr(select, "size")) or 1) <= 1:
            return options[:1]
        return []

    def _content_text(self, root: Element, *, hidden_ok: bool, in_labelledby: bool,
                      exclude: Element | None) -> str:
        """Name from content of ``root`` (accname 2F-2H), iteratively.

        ``hidden_ok``: the walk started at a hidden node referenced by
        aria-labelledby or a hidden label, so hidden descendants count.
        ``exclude``: the control whose label this is (it does not name
        itself). In the plain mode every element's text is memoised, so nested
        links or headings cost linear, not quadratic, time.
        """
        plain = not hidden_ok and not in_labelledby and exclude is None
        cache = self._content_memo if plain else None
        if cache is not None and root in cache:
            return cache[root]
        parts: list[str] = []
        stack: list[Element | str | _End] = []
        self._open(root, stack, parts, hidden_ok, "")
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            if isinstance(item, _End):
                # collapse white space as the walk goes, so the separators of
                # deeply nested blocks do not pile up (names are collapsed anyway)
                text = _ASCII_WS.sub(" ", "".join(parts[item.start:]))
                del parts[item.start:]
                if cache is not None:
                    cache[item.el] = text
                parts.append(text)
                parts.append(item.sep)
                continue
            child = item
            if not isinstance(child.tag, str) or child is exclude:
                continue
            if not hidden_ok and self._self_hidden_cached(child):
                continue
            sep = " " if _blockish(child) else ""
            # a visibility:hidden element adds nothing itself, but a
            # descendant may be visible again
            if hidden_ok or not self.vis_hidden(child):
                contribution = self._contribution(child, in_labelledby=in_labelledby)
                if contribution is not None:
                    parts.append(sep + contribution + sep)
                    continue
            if cache is not None and child in cache:
                parts.append(sep + cache[child] + sep)
                continue
            parts.append(sep)
            self._open(child, stack, parts, hidden_ok, sep)
        return "".join(parts)

    def _open(self, el: Element, stack: list[Element | str | _End], parts: list[str],
              hidden_ok: bool, sep: str) -> None:
        """Push ``el``'s content, then a marker that closes it, for :meth:`_content_text`."""
        stack.append(_End(el, len(parts), sep))
        if not hidden_ok and self.vis_hidden(el):
            _push_children_only(stack, el)
        else:
            closed = _tag(el) == "details" and el.get("open") is None and not hidden_ok
            _push_content(stack, el, closed_details=closed)

    def _self_hidden_cached(self, el: Element) -> bool:
        # inside a walk the ancestors are known visible, so only the node itself matters
        memo = self._hidden_memo.get(el)
        if memo is not None:
            return memo
        return self._self_hidden(el)

    def _contribution(self, el: Element, *, in_labelledby: bool) -> str | None:
        """What a descendant adds to a name from content; ``None``: walk its content."""
        tag = _tag(el)
        if tag == "br":
            return "\n"
        role = self.role(el)
        if not in_labelledby:
            lb = self._idrefs_text(el, "aria-labelledby")
            if lb is not None and _norm(lb):
                return lb
        value = self.embedded_value(el, role)
        if value is not None:
            return value
        label = el.get("aria-label")
        if label is not None and _norm(str(label)):
            return str(label)
        native = self._native_attr_name(el)
        if native is not None:
            return native
        if tag == "img":
            title = el.get("title")
            return "" if title is None else str(title)
        if tag in _LEAF_TAGS:
            return ""
        if role in _NO_CONTENT_IN_NAME and not in_labelledby:
            if role == "table" and self.is_layout_table(el):
                return None
            return ""
        return None

    # -- the walk -----------------------------------------------------------------

    def build(self) -> AXNode:
        root_el = self.root
        # a fragment or a bare element is treated as the body of a page
        doc_el = root_el if _tag(root_el) == "html" else None
        lang = _lang_of(root_el)
        top = _B("document", doc_el, lang)
        top.name = self.name(doc_el, "document")[0] if doc_el is not None else ""
        top.focusable = True
        # items: an element to visit, or a text to add; each with its parent
        # node, the language and whether white space is preserved (<pre>)
        stack: list[tuple[Element | str, _B, str | None, bool]] = []
        if doc_el is not None:
            _push_walk(stack, doc_el, top, lang, False, text=False)
        else:
            stack.append((root_el, top, lang, False))
        while stack:
            el, parent, plang, ppre = stack.pop()
            if isinstance(el, str):
                _add_text(parent, el, plang, ppre)
                continue
            if not isinstance(el.tag, str) or self.hidden(el):
                continue
            el_lang = _lang_of(el, plang)
            tag = _tag(el)
            pre = ppre or tag in ("pre", "textarea", "listing", "xmp", "plaintext")
            white_space = _style(el).get("white-space")
            if white_space is not None:
                pre = white_space.startswith("pre") or white_space == "break-spaces"
            vis = self.vis_hidden(el)
            node = parent
            if not vis:
                made = self._make(el, el_lang)
                if made is not None:
                    parent.children.append(made)
                    node = made
            if tag in _LEAF_TAGS:
                continue
            closed = tag == "details" and el.get("open") is None
            # text directly in a visibility:hidden element is not rendered
            _push_walk(stack, el, node, el_lang, pre, text=not vis and not closed)
        self._positions(top)
        tree = _freeze(top)
        # free the memos while every proxy is still held (see __init__)
        for memo in (self._hidden_memo, self._vis_memo, self._role_memo, self._content_memo,
                     self._scope_memo):
            memo.clear()
        return tree

    def _make(self, el: Element, lang: str | None) -> _B | None:
        """The node for ``el``, or ``None`` when it is left out (its children are kept)."""
        role = self.role(el)
        tag = _tag(el)
        if role == "none" or (tag in ("body",) and role == "generic"):
            return None
        focusable = self.focusable(el)
        if role == "generic" and not focusable and not any(
            el.get(a) is not None for a in ("aria-label", "aria-labelledby",
                                            "aria-describedby", "aria-description",
                                            "aria-live", "aria-roledescription", "title")
        ):  # fmt: skip
            return None
        node = _B(role, el, lang)
        node.focusable = focusable
        name, source = self.name(el, role)
        node.name = name
        desc = self.description(el, source)
        node.desc = "" if desc == name else desc
        if role == "link" and el.get("href") is not None:
            node.href = str(el.get("href"))
        if role == "heading":
            node.level = self._heading_level(el, tag)
        self._states(node, el, role, tag)
        node.value = self._value(el, role, tag)
        return node

    def _heading_level(self, el: Element, tag: str) -> int:
        raw = el.get("aria-level")
        level = _int(str(raw)) if raw is not None and re.fullmatch(
            r"\s*\+?\d+\s*", str(raw)) else None
        if level is not None and level >= 1:
            return level
        # an invalid aria-level counts as absent (WAI-ARIA 1.2, author errors)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return int(tag[1])
        return 2  # WAI-ARIA 1.2 default for role=heading

    def _value(self, el: Element, role: str, tag: str) -> str | None:
        if role in ("textbox", "searchbox", "combobox", "listbox") or role in _RANGE_ROLES:
            v = self.embedded_value(el, role)
            if role in ("progressbar", "meter") and v == "" and tag in ("progress", "meter"):
                return None
            return v
        return None

    def _states(self, node: _B, el: Element, role: str, tag: str) -> None:
        s = node.states
        current = el.get("aria-current")
        if current is not None:
            token = str(current).strip().lower()
            if token and token != "false":
                s["current"] = token if token in _CURRENT_TOKENS else "true"
        expanded = str(el.get("aria-expanded", "")).strip().lower()
        if expanded in ("true", "false"):
            s["expanded"] = expanded == "true"
        if tag == "summary" and role == "summary":
            parent = el.getparent()
            s["expanded"] = parent is not None and parent.get("open") is not None
        if tag == "input" and role in ("checkbox", "radio"):
            s["checked"] = el.get("checked") is not None
        aria_checked = str(el.get("aria-checked", "")).strip().lower()
        if role in ("checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio",
                    "option", "treeitem") and aria_checked in ("true", "false", "mixed"):
            s["checked"] = "mixed" if aria_checked == "mixed" else aria_checked == "true"
        pressed = str(el.get("aria-pressed", "")).strip().lower()
        if role == "button" and pressed in ("true", "false", "mixed"):
            s["pressed"] = "mixed" if pressed == "mixed" else pressed == "true"
        if self.disabled(el) or str(el.get("aria-disabled", "")).strip().lower() == "true":
            s["disabled"] = True
        if tag == "option" and role == "option":
            s["selected"] = el.get("selected") is not None
        selected = str(el.get("aria-selected", "")).strip().lower()
        if selected in ("true", "false"):
            s["selected"] = selected == "true"
        if (tag in ("input", "select", "textarea") and el.get("required") is not None) or (
                str(el.get("aria-required", "")).strip().lower() == "true"):
            s["required"] = True
        if (tag in ("input", "textarea") and el.get("readonly") is not None) or (
                str(el.get("aria-readonly", "")).strip().lower() == "true"):
            s["readonly"] = True
        invalid = str(el.get("aria-invalid", "")).strip().lower()
        if invalid and invalid != "false":
            s["invalid"] = invalid if invalid in ("grammar", "spelling") else "true"
        popup = str(el.get("aria-haspopup", "")).strip().lower()
        if popup and popup != "false":
            s["haspopup"] = "menu" if popup == "true" else popup
        if (tag == "select" and el.get("multiple") is not None) or (
                str(el.get("aria-multiselectable", "")).strip().lower() == "true"):
            s["multiselectable"] = True
        if tag == "textarea" or str(el.get("aria-multiline", "")).lower() == "true":
            s["multiline"] = True
        if str(el.get("aria-busy", "")).strip().lower() == "true":
            s["busy"] = True
        if str(el.get("aria-modal", "")).strip().lower() == "true":
            s["modal"] = True
        if role == "table" and tag == "table" and self.is_layout_table(el):
            s["layout"] = True

    # -- list and table positions ---------------------------------------------------

    def _positions(self, top: _B) -> None:
        lists: list[_B] = []
        tables: list[_B] = []
        # each entry: node, number of list ancestors
        stack: list[tuple[_B, int, _B | None]] = [(top, 0, None)]
        items_of: dict[int, list[_B]] = {}
        while stack:
            node, depth, owner = stack.pop()
            if node.role == "listitem":
                node.level = _int(_attr(node.el, "aria-level")) if node.el is not None else None
                if node.level is None or node.level < 1:
                    node.level = max(depth, 1)
                if owner is not None:
                    items_of.setdefault(id(owner), []).append(node)
            child_depth, child_owner = depth, owner
            if node.role == "list":
                lists.append(node)
                items_of.setdefault(id(node), [])
                child_depth, child_owner = depth + 1, node
            if node.role == "table" or node.role in ("grid", "treegrid"):
                tables.append(node)
            for c in reversed(node.children):
                stack.append((c, child_depth, child_owner))
        for lst in lists:
            items = items_of.get(id(lst), [])
            for i, item in enumerate(items, 1):
                el = item.el
                size = _int(_attr(el, "aria-setsize")) if el is not None else None
                pos = _int(_attr(el, "aria-posinset")) if el is not None else None
                item.setsize = size if size is not None and size != 0 else len(items)
                item.posinset = pos if pos is not None and pos > 0 else i
        for table in tables:
            self._table_positions(table)

    def _table_positions(self, table: _B) -> None:
        rows: list[_B] = []
        cells_of: dict[int, list[_B]] = {}
        stack: list[tuple[_B, _B | None]] = [(c, None) for c in reversed(table.children)]
        while stack:
            node, row = stack.pop()
            if node.role in ("table", "grid", "treegrid"):
                continue  # a nested table is positioned on its own
            if node.role == "row":
                rows.append(node)
                cells_of[id(node)] = []
                row = node
            elif node.role in _CELL_ROLES and row is not None:
                cells_of[id(row)].append(node)
                continue
            stack.extend((c, row) for c in reversed(node.children))
        occupied: set[tuple[int, int]] = set()
        grid: dict[tuple[int, int], _B] = {}
        cols = 0
        nrows = len(rows)
        for r, row in enumerate(rows):
            c = 0
            for cell in cells_of[id(row)]:
                while (r, c) in occupied:
                    c += 1
                el = cell.el
                cs = _int(_attr(el, "colspan")) if el is not None else None
                rs = _int(_attr(el, "rowspan")) if el is not None else None
                cs = min(max(cs or 1, 1), 1000)
                rs = nrows - r if rs == 0 else min(max(rs if rs is not None else 1, 1), 65534)
                rs = min(rs, max(nrows - r, 1))
                for dr in range(rs):
                    for dc in range(cs):
                        occupied.add((r + dr, c + dc))
                        grid[(r + dr, c + dc)] = cell
                cell.rowindex, cell.colindex = r + 1, c + 1
                cell.rowspan, cell.colspan = rs, cs
                c += cs
                cols = max(cols, c)
            row.rowindex = r + 1
        el = table.el
        rc = _int(_attr(el, "aria-rowcount")) if el is not None else None
        cc = _int(_attr(el, "aria-colcount")) if el is not None else None
        table.rowcount = rc if rc is not None else nrows
        table.colcount = cc if cc is not None else cols
        for row in rows:
            for cell in cells_of[id(row)]:
                cell.headers = self._headers(cell, grid)

    def _headers(self, cell: _B, grid: dict[tuple[int, int], _B]) -> tuple[str, ...]:
        el = cell.el
        if el is not None and el.get("headers"):
            names = []
            for ident in str(el.get("headers")).split():
                target = self.ids.get(ident)
                if target is not None and target is not el:
                    names.append(_norm(self._content_text(target, hidden_ok=False,
                                                          in_labelledby=False, exclude=None)))
            return tuple(n for n in names if n)
        if cell.rowindex is None or cell.colindex is None:
            return ()
        r0, c0 = cell.rowindex - 1, cell.colindex - 1
        found: list[_B] = []
        if cell.role != "columnheader":
            for dc in range(cell.colspan or 1):
                for r in range(r0 - 1, -1, -1):
                    h = grid.get((r, c0 + dc))
                    if h is not None and h.role == "columnheader" and h not in found:
                        found.append(h)
        if cell.role != "rowheader":
            for dr in range(cell.rowspan or 1):
                for c in range(c0 - 1, -1, -1):
                    h = grid.get((r0 + dr, c))
                    if h is not None and h.role == "rowheader" and h not in found:
                        found.append(h)
        return tuple(h.name for h in found if h.name)


# --------------------------------------------------------------------------- #
# helpers of the walk
# --------------------------------------------------------------------------- #


def _text_content(el: Element) -> str:
    """All text under ``el`` (comments left out), as the DOM's textContent."""
    return str(el.xpath("string()"))


def _first_child(el: Element, tag: str) -> Element | None:
    for c in el:
        if _tag(c) == tag:
            return c
    return None


def _blockish(el: Element) -> bool:
    display = _style(el).get("display")
    if display is not None:
        return display not in ("inline", "contents")
    return _tag(el) in _BLOCKISH


def _push_content(stack: list[Element | str | _End], el: Element, *, closed_details: bool) -> None:
    """Push ``el``'s text and children so they pop in document order."""
    for child in reversed(list(el)):
        if child.tail and not closed_details:
            stack.append(child.tail)
        if closed_details and not (_tag(child) == "summary" and
                                   _first_child(el, "summary") is child):
            continue
        stack.append(child)
    if el.text and not closed_details:
        stack.append(el.text)


def _push_walk(stack: list[tuple[Element | str, _B, str | None, bool]], el: Element,
               node: _B, lang: str | None, pre: bool, *, text: bool) -> None:
    """Push ``el``'s children (and, with ``text``, its text) for the build walk.

    White space alone between two inline-level siblings is a rendered space
    and stays (as one space), so the text leaves join into words correctly;
    elsewhere (between blocks, at the start or end of an element) it is dropped.
    """
    children = list(el)
    for i in range(len(children) - 1, -1, -1):
        child = children[i]
        tail = child.tail
        if text and tail:
            if not pre and not tail.strip(" \t\n\r\f"):
                nxt = children[i + 1] if i + 1 < len(children) else None
                tail = " " if nxt is not None and _inline(child) and _inline(nxt) else ""
            if tail:
                stack.append((tail, node, lang, pre))
        stack.append((child, node, lang, pre))
    if text and el.text and (pre or el.text.strip(" \t\n\r\f")):
        stack.append((el.text, node, lang, pre))


def _inline(el: Element) -> bool:
    """Inline-level in the default style sheet (or by an inline ``display``)."""
    if not isinstance(el.tag, str):
        return True  # a comment: white space around it is what counts
    display = _style(el).get("display")
    if display is not None:
        return display.startswith("inline") or display == "contents"
    return _tag(el) not in _BLOCK_DISPLAY


def _push_children_only(stack: list[Element | str | _End], el: Element) -> None:
    """Push only the element children (its own text is not rendered)."""
    for child in reversed(list(el)):
        stack.append(child)


def _lang_of(el: Element, inherited: str | None = None) -> str | None:
    value = el.get("lang")
    if value is None:
        value = el.get("{http://www.w3.org/XML/1998/namespace}lang")
    if value is None:
        return inherited
    return str(value).strip()


def _add_text(parent: _B, text: str, lang: str | None, pre: bool) -> None:
    shown = text if pre else _ASCII_WS.sub(" ", text)
    if not shown:
        return
    node = _B("text", parent.el, lang)
    node.name = shown
    parent.children.append(node)


def _freeze(top: _B) -> AXNode:
    order: list[_B] = []
    stack = [top]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(node.children)
    frozen: dict[int, AXNode] = {}
    for b in reversed(order):
        frozen[id(b)] = AXNode(
            role=b.role,
            name=b.name,
            description=b.desc,
            value=b.value,
            level=b.level,
            states=MappingProxyType(b.states) if b.states else _EMPTY_STATES,
            lang=b.lang,
            children=tuple(frozen.pop(id(c)) for c in b.children),
            setsize=b.setsize,
            posinset=b.posinset,
            rowcount=b.rowcount,
            colcount=b.colcount,
            rowindex=b.rowindex,
            colindex=b.colindex,
            rowspan=b.rowspan,
            colspan=b.colspan,
            headers=b.headers,
            focusable=b.focusable,
            href=b.href,
            element=b.el,
        )
    return frozen[id(top)]
