"""HTML elements -> model blocks and inlines.

:func:`convert_blocks` turns the children of an article element (page chrome
already removed) into :class:`~a11yrender.model.Block` values, and
:func:`convert_inlines` turns phrasing content into inlines. :func:`relevel`
then re-levels the headings so the outline starts at ``h2`` under the
headline.

The walk is iterative (an explicit stack, never Python recursion over the
input), so a page nested 100,000 elements deep reads without
``RecursionError``. The model it builds is depth-bounded: containers (lists,
quotes, figures, asides, tables) nested deeper than :data:`MAX_CONTAINER_DEPTH`
and inline wrappers deeper than :data:`MAX_INLINE_DEPTH` are read as if they
were plain ``<div>``/``<span>`` elements, so their text is kept.

It works like a browser laying out boxes: inline content (text, ``<em>``,
links...) collects in a buffer, and every block-level element closes the
buffer into a paragraph, so bare text, ``<div>``-as-paragraph and text split
by ``<br><br>`` all become paragraphs; open inline elements continue after
the block, as a browser continues them. Inline content is first held in a
small mutable tree (``_Wrap``/``_Leaf``), whitespace is collapsed there as a
browser would, and only then are model nodes built, so nothing the page holds
can make the model raise :class:`~a11yrender.errors.ValidationError`:
links to ``javascript:`` become their text, empty headings vanish, invalid
``lang`` values are ignored.

An *exact* mode (used by :mod:`._html_own` for pages a11yrender rendered
itself) keeps text verbatim, keeps every ``lang``/``id`` as written and never
repairs anything: any deviation from the renderer's output raises
:class:`OwnFormatMismatch` instead. It also reads what the renderer marks
where plain HTML would lose part of the model: a ``<span class="text">`` is
one :class:`~a11yrender.model.Text` (with its ``lang``), never merged with
the text around it; a ``<th class="inferred-scope">`` is a header cell
without a scope (the ``scope`` written is the renderer's inference); a
``<br lang>`` is a line break with that ``lang``; ``title=""`` on a link is
an empty title.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from ..errors import ValidationError
from ..model import (
    Abbreviation,
    Aside,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Emphasis,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Media,
    Paragraph,
    Quote,
    Separator,
    Span,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    Time,
    _has_text,
    plain_text,
)

__all__ = [
    "MAX_CONTAINER_DEPTH",
    "MAX_INLINE_DEPTH",
    "ConvertContext",
    "OwnFormatMismatch",
    "convert_blocks",
    "convert_inlines",
    "relevel",
]

#: Output containers (lists, items, quotes, figures, asides, tables) nested
#: deeper than this are read as plain ``<div>`` elements (their text is kept).
MAX_CONTAINER_DEPTH = 24
#: Inline wrappers (emphasis, links, spans) nested deeper than this are read
#: as plain ``<span>`` elements.
MAX_INLINE_DEPTH = 24
# Tables inside layout tables are inspected (rows, cells, nested tables) only
# this many levels deep, so nested layout tables cost linear time.
_MAX_TABLE_CHECKS = 8


@dataclass(frozen=True)
class ConvertContext:
    """What conversion needs from the page: the URL links are resolved
    against, and the document's language and direction (``lang`` attributes
    equal to the language in force are dropped)."""

    base_url: str | None = None
    language: str = "en"
    direction: str = "ltr"


class OwnFormatMismatch(Exception):
    """Exact mode met markup the HTML renderer does not write (internal)."""


# --------------------------------------------------------------------------
# Element classes
# --------------------------------------------------------------------------

# Never content: scripts, styles, form controls, embedded documents, ruby
# annotations (the base text is kept), MathML annotations (TeX source).
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
    "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "canvas",
    "map", "area", "input", "button", "select", "textarea", "option", "optgroup",
    "datalist", "rt", "rp", "annotation", "annotation-xml", "source", "track", "dialog",
})

# Elements a browser lays out as blocks: each ends the paragraph before it.
_BOUNDARY_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing",
    "main", "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "xmp", "colgroup",
})

_WRAP_TAGS: dict[str, str] = {
    "em": "em", "i": "em", "strong": "strong", "b": "strong", "q": "quote", "a": "link",
    "sub": "sub", "sup": "sup", "span": "span",
}
_CODE_TAGS = frozenset({"code", "kbd", "samp", "tt", "var"})
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_LIST_TAGS = frozenset({"ul", "ol", "menu", "dir"})

# Exact mode: the elements the HTML renderer writes inside the article and
# regions, with the classes each may carry ("" for none).
_OWN_CLASSES: dict[str, frozenset[str]] = {
    tag: frozenset({""}) for tag in (
        "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "img", "table",
        "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "pre", "hr", "video", "audio",
        "track", "em", "strong", "a", "abbr", "time", "br", "q", "code")
}
_OWN_CLASSES.update({
    "p": frozenset({"", "transcript-label"}),
    "figure": frozenset({"image", "quote", "media"}),
    "figcaption": frozenset({"", "attribution"}),
    "section": frozenset({"aside aside-aside", "aside aside-note"}),
    "div": frozenset({"aside-label", "transcript"}),
    "span": frozenset({"", "credit", "label", "text"}),
    "th": frozenset({"", "inferred-scope"}),
})

# Exact mode: where those elements may appear (the kind of the container).
_OWN_PLACES: dict[tuple[str, str], frozenset[str]] = {
    ("div", "aside-label"): frozenset({"aside"}),
    ("div", "transcript"): frozenset({"figure"}),
    ("p", "transcript-label"): frozenset({"transcript"}),
    ("span", "credit"): frozenset({"figcaption"}),
    ("span", "label"): frozenset({"credit"}),
    ("figcaption", ""): frozenset({"figure"}),
    ("figcaption", "attribution"): frozenset({"figure"}),
    ("li", ""): frozenset({"list"}),
    ("tr", ""): frozenset({"table"}),
    ("th", ""): frozenset({"row"}),
    ("th", "inferred-scope"): frozenset({"row"}),
    ("td", ""): frozenset({"row"}),
    ("caption", ""): frozenset({"table"}),
    ("thead", ""): frozenset({"table"}),
    ("tbody", ""): frozenset({"table"}),
    ("tfoot", ""): frozenset({"table"}),
}

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution", re.IGNORECASE)
# Elements that may hold a figure's credit outside its caption.
_CREDIT_TAGS = frozenset({"span", "small", "p", "div", "cite"})
_NOTE_CLASS = re.compile(r"(?:^|[-_])note(?:$|[-_])", re.IGNORECASE)
_EMOJI_CLASS = re.compile(r"emoji|smiley", re.IGNORECASE)
_SYNTAX_CLASS = re.compile(r"^(?:language|lang)-([A-Za-z0-9_+#.-]+)$")
_SYNTAX = re.compile(r"[A-Za-z0-9_+#.-]+")
# Collapsible white space (CSS): space, tab, line feed, carriage return, form
# feed (_collapse_ws makes each run one space). No-break spaces are not
# collapsible.
_WS_ONLY = re.compile(r"[ \t\n\r\f]*")
_WS_CHARS = " \t\n\r\f"
_DASH_LEAD = re.compile(r"^\s*(?:[—―–]|--)\s*")
_ZONE_NO_COLON = re.compile(r"([+-]\d{2})(\d{2})$")
_LONG_FRACTION = re.compile(r"(\.\d{3})\d+")
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCOPES = frozenset({"col", "row", "colgroup", "rowgroup"})
# An absolute http(s) URL that _Converter._resolve_url returns unchanged.
# urljoin(base, url) returns such a URL itself when its scheme differs from
# the base's, and urlunparse(urlparse(url)) when it is the same (no dot
# segments are removed once the URL has a host); that round trip is the
# identity for a lower-case scheme, a non-empty host and printable ASCII
# without space, ``;`` (an empty ``;params`` would be dropped) or brackets
# (IPv6 hosts are checked and may raise), unless a ``?`` or ``#`` has nothing
# after it (_PLAIN_URL_SLIP: an empty query or fragment is dropped). The
# checks after joining (white space, control characters, the scheme) all pass
# for it too.
_PLAIN_URL = re.compile(r"https?://[!-:<-Z\\^-~]+")  # printable ASCII but ; [ ]
_PLAIN_URL_SLIP = re.compile(r"[?#]$|\?#|^https?://[/?#]")


def _plain_urls_ok(base_url: str | None) -> bool:
    """Whether :data:`_PLAIN_URL` may skip resolving against ``base_url``:
    not when parsing the base itself fails (urljoin would raise, and the URL
    is refused)."""
    if not base_url:
        return True
    try:
        urlsplit(base_url)
    except ValueError:
        return False
    return True


_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUPER_OK = frozenset("0123456789+-=()n")
_SUB_OK = frozenset("0123456789+-=()")


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _classes(el: etree._Element) -> frozenset[str]:
    return frozenset((el.get("class") or "").split())


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _collapse_ws(text: str) -> str:
    r"""Each run of collapsible white space as one space: what
    ``re.sub(r"[ \t\n\r\f]+", " ", text)`` gives, some twenty times faster on
    a paragraph's text (the regex steps through every character; ``in`` and
    ``replace`` scan in C). Each such character becomes a space, then each
    run of spaces one space."""
    for char in "\t\n\r\f":
        if char in text:
            text = text.replace(char, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _collapse(text: str) -> str:
    return _collapse_ws(text).strip(" ")


def _positive_int(raw: str | None) -> int | None:
    if raw is None:
        return None
    m = re.match(r"\s*(\d{1,6})\s*(?:px)?\s*$", raw)
    if not m:
        return None
    value = int(m.group(1))
    return value if value > 0 else None


def _span_int(raw: str | None, limit: int) -> int:
    m = re.match(r"\s*(\d{1,7})", raw or "")
    if not m:
        return 1
    return max(1, min(int(m.group(1)), limit))


def _subtree_text(el: etree._Element, *, br: str = "\n") -> str:
    """All text under ``el`` in document order (``<br>`` as ``br``), iteratively."""
    parts: list[str] = [el.text or ""]
    # Each entry: an element, its children still to visit and the tail that
    # follows them. The element stays referenced on purpose: lxml frees a
    # proxy by walking up to the nearest ancestor that has one, which is
    # quadratic on a deep chain whose ancestors have none.
    stack: list[tuple[etree._Element, Iterator[etree._Element], str | None]] = [
        (el, iter(el), None)]
    while stack:
        _, children, tail = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            parts.append(tail or "")
            continue
        if isinstance(node.tag, str):
            tag = _tag(node)
            if tag == "br":
                parts.append(br)
            elif tag not in ("rt", "rp", "script", "style", "template"):
                parts.append(node.text or "")
                stack.append((node, iter(node), node.tail))
                continue
        parts.append(node.tail or "")
    return "".join(parts)


# --------------------------------------------------------------------------
# The inline buffer: a small mutable tree, turned into model nodes at the end
# --------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Leaf:
    """A leaf inline: ``br``, ``soft`` (a block boundary inside inline-only
    content), ``code``, ``abbr``, ``time``, or (exact mode) ``text``: one
    ``Text`` node the renderer wrote as ``<span class="text">``."""

    kind: str
    text: str = ""
    value: str = ""  # abbr expansion, time datetime
    lang: str | None = None


@dataclass(eq=False, slots=True)
class _Wrap:
    """An inline element with children: em, strong, link, quote, span, sub, sup."""

    kind: str
    children: list[_Item] = field(default_factory=list)
    href: str | None = None
    title: str | None = None
    lang: str | None = None

    def empty_clone(self) -> _Wrap:
        return _Wrap(self.kind, [], self.href, self.title, self.lang)


_Item = str | _Leaf | _Wrap


@dataclass(eq=False, slots=True)
class _ImagePart:
    """An image inside a figure, waiting for the figure's caption."""

    image: Image


@dataclass(eq=False, slots=True)
class _MediaPart:
    """Audio or video inside a figure, waiting for the figure's caption (its title)."""

    kind: Literal["audio", "video"]
    src: str
    title: str
    captions: str | None


_Part = Block | _ImagePart | _MediaPart


# --------------------------------------------------------------------------
# Containers: where converted content goes
# --------------------------------------------------------------------------

ContainerKind = Literal[
    "root", "item", "list", "dl", "term", "dd", "quote", "attribution", "figure",
    "figcaption", "credit", "aside", "label", "transcript", "heading", "table", "caption",
    "row", "cell", "inline",
]


@dataclass(eq=False, slots=True)
class _Container:
    kind: ContainerKind
    el: etree._Element | None
    inline_only: bool
    out_lang: str  # the language in force for what this container holds
    lang: str | None = None  # the ``lang`` its own node carries
    node_id: str | None = None
    soft_break: bool = False  # block boundaries inside become line breaks, not spaces
    blocks: list[_Part] = field(default_factory=list)
    buf: list[_Item] = field(default_factory=list)
    wrappers: list[_Wrap] = field(default_factory=list)
    para_el: etree._Element | None = None
    # Kind-specific state.
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    start: int = 1
    groups: list[tuple[list[tuple[Inline, ...]], list[Block]]] = field(default_factory=list)
    attribution: list[tuple[Inline, ...]] = field(default_factory=list)
    caption: tuple[Inline, ...] = ()
    credit: tuple[Inline, ...] = ()
    label: str | None = None
    transcript: tuple[Block, ...] = ()
    level: int = 2
    section: Literal["head", "body", "foot"] = "body"
    section_el: etree._Element | None = None
    rows: list[tuple[Literal["head", "body", "foot"], list[TableCell]]] = field(
        default_factory=list)
    cells: list[TableCell] = field(default_factory=list)
    header: bool = False
    scope: str | None = None
    colspan: int = 1
    rowspan: int = 1

    def target(self) -> list[_Item]:
        """Where the next inline goes: the innermost open wrapper, or the buffer."""
        return self.wrappers[-1].children if self.wrappers else self.buf


@dataclass(eq=False, slots=True)
class _Frame:
    """One element being walked: what to undo when it closes."""

    el: etree._Element
    children: Iterator[etree._Element]
    lang: str  # the language in force inside the element
    block_lang: str  # the language of paragraphs made inside (ignores inline wrappers)
    container: _Container | None = None  # a container this element opened
    wrapper: _Container | None = None  # the container whose wrapper this element opened
    boundary: bool = False  # a block-level element read as a plain <div>
    soft: bool = False  # a block-level element inside inline-only content
    para: bool = False  # a <p> (exact mode: its id and lang go to the paragraph)
    on_close: Callable[[], None] | None = None


# --------------------------------------------------------------------------
# The converter
# --------------------------------------------------------------------------


class _Converter:
    def __init__(self, ctx: ConvertContext, *, exact: bool = False) -> None:
        self.ctx = ctx
        self.exact = exact
        self.language = ctx.language
        self.containers: list[_Container] = []
        self.ids: set[str] = set()
        self.strip_space = False  # drop one space from the next text (after "Credit:")
        self.table_checks = 0
        self._lang_cache: dict[str, str | None] = {}
        # Resolved URLs by their raw attribute value: pages name the same
        # image or link more than once (src and srcset, a figure and its link).
        self._url_cache: dict[str, str | None] = {}
        self._plain_urls_ok = _plain_urls_ok(ctx.base_url)
        self._id_index: dict[str, etree._Element] | None = None

    # -- entry points -----------------------------------------------------------

    def blocks(self, el: etree._Element,
               skip: Callable[[etree._Element], bool] | None = None) -> tuple[Block, ...]:
        lang = self._lang_of(el, self.language)
        root = _Container("root", el, False, self.language)
        self.containers.append(root)
        self._walk(el, lang, skip)
        self._flush(root, lang)
        self.containers.pop()
        return tuple(self._blocks_of(root))

    def inlines(self, el: etree._Element) -> tuple[Inline, ...]:
        lang = self._lang_of(el, self.language)
        root = _Container("inline", el, True, self.language)
        self.containers.append(root)
        self._walk(el, lang, None)
        self.containers.pop()
        inl = self._finish(root.buf, False)
        span_lang = self._diff(lang, self.language)
        if span_lang and inl and not self.exact:
            return (Span(inl, lang=span_lang),)
        return inl

    @property
    def top(self) -> _Container:
        return self.containers[-1]

    def _walk(self, root: etree._Element, lang: str,
              skip: Callable[[etree._Element], bool] | None) -> None:
        first = _Frame(root, iter(root), lang, lang)
        stack = [first]
        self._text(root.text)
        while stack:
            frame = stack[-1]
            child = next(frame.children, None)
            if child is None:
                stack.pop()
                self._close(frame)
                if stack:
                    self._text(frame.el.tail)
                continue
            if not isinstance(child.tag, str) or (
                    skip is not None and frame is first and skip(child)):
                self._text(child.tail)
                continue
            new = self._open(child, frame)
            if new is None:
                self._text(child.tail)
            else:
                stack.append(new)
                self._text(child.text)

    # -- text -------------------------------------------------------------------

    def _text(self, text: str | None) -> None:
        # Called for every text and tail: self.top and c.target() written out.
        if self.strip_space:
            self.strip_space = False
            if text and text.startswith(" "):
                text = text[1:]
        if not text:
            return
        c = self.containers[-1]
        if c.kind in ("list", "dl", "table", "row") and _WS_ONLY.fullmatch(text):
            return
        (c.wrappers[-1].children if c.wrappers else c.buf).append(text)

    def _add(self, item: _Item) -> None:
        self.top.target().append(item)

    # -- languages ----------------------------------------------------------------

    def _valid_lang(self, raw: str) -> str | None:
        if raw in self._lang_cache:
            return self._lang_cache[raw]
        value: str | None = raw.strip().replace("_", "-")
        try:
            Text("", lang=value)
        except ValidationError:
            value = None
        if len(self._lang_cache) < 1000:
            self._lang_cache[raw] = value
        return value

    def _lang_of(self, el: etree._Element, inherited: str) -> str:
        raw = el.get("lang")
        if raw is None:
            raw = el.get("{http://www.w3.org/XML/1998/namespace}lang")
        if raw is None or not raw.strip():
            return inherited
        return self._valid_lang(raw) or inherited

    @staticmethod
    def _diff(lang: str, against: str) -> str | None:
        return lang if lang.lower() != against.lower() else None

    def _node_lang(self, el: etree._Element, lang: str, against: str) -> str | None:
        """The ``lang`` a node made from ``el`` carries: as written in exact mode,
        else only when it differs from the language it sits in."""
        if self.exact:
            return el.get("lang")
        return self._diff(lang, against)

    def _with_lang(self, blocks: list[Block], lang: str | None) -> list[Block]:
        """Blocks moved out of a dropped container keep its language."""
        if not lang:
            return blocks
        return [b if b.lang else dataclasses.replace(b, lang=lang) for b in blocks]

    # -- URLs -----------------------------------------------------------------------

    def _url(self, raw: str | None) -> str | None:
        if raw is None:
            return None
        if self.exact:
            return raw
        if self._plain_urls_ok and _PLAIN_URL.fullmatch(raw) and not _PLAIN_URL_SLIP.search(raw):
            # Most links and images name an absolute http(s) URL, which
            # resolving (below) would return unchanged; see _PLAIN_URL.
            return raw
        cache = self._url_cache
        if raw in cache:
            return cache[raw]
        value = self._resolve_url(raw)
        if len(cache) < 1000:
            cache[raw] = value
        return value

    def _resolve_url(self, raw: str) -> str | None:
        value = raw.strip(" \t\n\r\f")
        value = re.sub(r"[\t\n\r]", "", value)
        if not value:
            return None
        if self.ctx.base_url:
            try:
                value = urljoin(self.ctx.base_url, value)
            except ValueError:
                return None
        value = value.replace(" ", "%20")
        if re.search(r"[\s\x00-\x1f\x7f]", value):
            return None
        try:
            scheme = urlsplit(value).scheme.lower()
        except ValueError:
            return None
        if scheme and scheme not in _URL_SCHEMES:
            return None
        return value

    # -- opening elements -----------------------------------------------------------

    def _open(self, el: etree._Element, parent: _Frame) -> _Frame | None:
        tag = _tag(el)
        # Most elements of an article (<p>, <em>, <strong>...) carry no
        # attribute at all: nothing can hide them or change their language.
        has_attrs = bool(el.keys())
        if self.exact:
            self._check_own(el, tag)
        elif tag in _SKIP_TAGS or (has_attrs and _hidden(el)):
            return None
        c = self.top
        lang = self._lang_of(el, parent.lang) if has_attrs else parent.lang

        # Furniture the renderer writes around content.
        if c.kind == "credit" and tag == "span" and "label" in _classes(el):
            self.strip_space = True
            return None
        if c.kind == "transcript" and tag == "p" and "transcript-label" in _classes(el):
            return None

        # Leaf inlines and replaced elements.
        if tag == "br":
            self._add(_Leaf("br", lang=el.get("lang") if self.exact else None))
            return None
        if self.exact and tag == "span" and _classes(el) == {"text"}:
            if len(el):
                raise OwnFormatMismatch("markup inside a text span")
            self._add(_Leaf("text", el.text or "", lang=el.get("lang")))
            return None
        if tag == "wbr":
            return None
        if tag in _CODE_TAGS or (tag == "pre" and c.inline_only):
            text = _subtree_text(el)
            self._add(_Leaf("code", text, lang=self._node_lang(el, lang, parent.lang)))
            return None
        if tag in ("abbr", "acronym") and el.get("title") is not None:
            self._add(_Leaf("abbr", _subtree_text(el, br=" "), el.get("title") or "",
                            lang=self._node_lang(el, lang, parent.lang)))
            return None
        if tag == "time":
            value = self._datetime(el)
            if value is not None:
                self._add(_Leaf("time", _subtree_text(el, br=" "), value,
                                lang=self._node_lang(el, lang, parent.lang)))
                return None
        if tag in ("img", "picture"):
            self._image(el, parent)
            return None
        if tag in ("video", "audio"):
            self._media(el, tag, parent)
            return None
        if (not self.exact and tag in ("div", "span") and has_attrs
                and _is_lazy_placeholder(el)):
            # A lazy-loaded image the page's script would have drawn: its
            # "Loading..." text is no paragraph.
            self._image(el, parent)
            return None
        if tag == "math":
            alt = el.get("alttext")
            if alt and alt.strip():
                self._add(alt)
                return None

        if c.inline_only:
            return self._open_inline_only(el, tag, parent, lang)
        return self._open_flow(el, tag, parent, lang)

    def _check_own(self, el: etree._Element, tag: str) -> None:
        """Exact mode accepts only what the renderer writes."""
        allowed = _OWN_CLASSES.get(tag)
        name = " ".join((el.get("class") or "").split())
        if tag == "code" and name.startswith("language-"):
            name = ""
        if allowed is None or name not in allowed:
            raise OwnFormatMismatch(f"<{tag} class={name!r}> is not the renderer's")
        c = self.top
        where = _OWN_PLACES.get((tag, name))
        if where is not None and c.kind not in where:
            raise OwnFormatMismatch(f"<{tag} class={name!r}> inside {c.kind}")
        if tag == "tr" and c.section_el is None:
            raise OwnFormatMismatch("a row outside thead, tbody and tfoot")

    # The element's classes (_classes) are read only where a rule needs them,
    # after the cheaper tests: most elements never need them.

    def _open_inline_only(self, el: etree._Element, tag: str, parent: _Frame,
                          lang: str) -> _Frame | None:
        c = self.top
        if (c.kind == "figcaption" and el.getparent() is c.el
                and ("credit" in _classes(el) if self.exact
                     else bool(_CREDIT_CLASS.search(" ".join(_classes(el)))))):
            self._strip_trailing_space(c)
            return self._container(el, parent, lang, "credit", inline_only=True)
        if tag in _WRAP_TAGS:
            return self._wrapper(el, tag, parent, lang)
        if tag in _BOUNDARY_TAGS:
            self._add(_Leaf("soft"))
            return _Frame(el, iter(el), lang, lang, soft=True)
        return self._transparent(el, parent, lang)

    def _open_flow(self, el: etree._Element, tag: str, parent: _Frame,
                   lang: str) -> _Frame | None:
        c = self.top
        raw_role = el.get("role") if not self.exact else None
        role = raw_role.strip().lower() if raw_role else ""
        deep = len(self.containers) > MAX_CONTAINER_DEPTH
        if deep and self.exact:
            raise OwnFormatMismatch("nesting deeper than the model allows")

        level = _HEADING_TAGS.get(tag)
        if level is None and role == "heading":
            level = _span_int(el.get("aria-level") or "2", 6)
        if level is not None:
            frame = self._container(el, parent, lang, "heading", inline_only=True)
            assert frame.container is not None
            frame.container.level = level
            # A heading inside a link (a "card") keeps the link.
            links = [w for w in c.wrappers if w.kind == "link"]
            if links:
                clone = links[-1].empty_clone()
                frame.container.buf.append(clone)
                frame.container.wrappers.append(clone)
            return frame
        if tag == "p":
            if c.kind == "quote" and self._is_cite_paragraph(el):
                return self._container(el, parent, lang, "attribution", inline_only=True)
            self._flush(c, parent.block_lang)
            c.para_el = el
            return _Frame(el, iter(el), lang, lang, boundary=True, para=True)
        if tag == "hr" or (role == "separator" and not _subtree_text(el).strip()):
            self._flush(c, parent.block_lang)
            self._emit(Separator(id=self._block_id(el),
                                 lang=self._node_lang(el, lang, c.out_lang)))
            return None
        if tag in ("pre", "listing", "xmp", "plaintext"):
            self._flush(c, parent.block_lang)
            self._code_block(el, lang, c)
            return None
        if deep:
            return self._boundary(el, parent, lang)

        if tag in _LIST_TAGS:
            frame = self._container(el, parent, lang, "list")
            assert frame.container is not None
            lst = frame.container
            lst.ordered = tag == "ol"
            if lst.ordered:
                lst.start = self._list_start(el)
            return frame
        if tag == "li" and c.kind == "list":
            self._flush(c, parent.block_lang)
            self._strays_to_items(c)
            return self._container(el, parent, lang, "item")
        if tag == "dl":
            return self._container(el, parent, lang, "dl")
        if tag == "dt" and c.kind == "dl":
            return self._container(el, parent, lang, "term", inline_only=True)
        if tag == "dd" and c.kind == "dl":
            return self._container(el, parent, lang, "dd")
        if tag == "blockquote":
            return self._container(el, parent, lang, "quote")
        if tag in ("footer", "cite") and c.kind == "quote" and el.getparent() is c.el:
            return self._container(el, parent, lang, "attribution", inline_only=True)
        if tag == "figure":
            return self._container(el, parent, lang, "figure")
        if tag == "figcaption" and c.kind == "figure":
            return self._container(el, parent, lang, "figcaption", inline_only=True)
        if (c.kind == "figure" and not self.exact and tag in _CREDIT_TAGS
                and _CREDIT_CLASS.search(el.get("class") or "")
                and el.find(".//img") is None and _subtree_text(el).strip()):
            # A photo credit set beside the image rather than in the caption.
            return self._container(el, parent, lang, "credit", inline_only=True)
        if tag == "div" and c.kind == "figure" and "transcript" in _classes(el):
            return self._container(el, parent, lang, "transcript")
        if c.kind == "aside" and el.getparent() is c.el and "aside-label" in _classes(el):
            return self._container(el, parent, lang, "label", inline_only=True)
        if tag == "aside" or role == "note" or (tag == "section" and "aside" in _classes(el)):
            frame = self._container(el, parent, lang, "aside")
            return frame
        if tag == "table":
            return self._open_table(el, parent, lang)
        if c.kind in ("table", "row"):
            opened = self._open_table_part(el, tag, parent, lang)
            if opened is not None:
                return opened
        if tag in _WRAP_TAGS:
            return self._wrapper(el, tag, parent, lang)
        if tag in _BOUNDARY_TAGS:
            return self._boundary(el, parent, lang)
        return self._transparent(el, parent, lang)

    def _is_cite_paragraph(self, el: etree._Element) -> bool:
        """``<p><cite>Name</cite></p>`` as the attribution of a quote."""
        if self.exact or len(el) != 1 or _tag(el[0]) != "cite":
            return False
        return not (el.text or "").strip() and not (el[0].tail or "").strip()

    def _boundary(self, el: etree._Element, parent: _Frame, lang: str) -> _Frame:
        self._flush(self.top, parent.block_lang)
        return _Frame(el, iter(el), lang, lang, boundary=True)

    def _transparent(self, el: etree._Element, parent: _Frame, lang: str) -> _Frame:
        """An element with no meaning of its own; a change of language makes it a span."""
        span_lang = self._node_lang(el, lang, parent.lang)
        if span_lang and len(self.top.wrappers) < MAX_INLINE_DEPTH:
            return self._push_wrapper(el, _Wrap("span", lang=span_lang), parent, lang)
        return _Frame(el, iter(el), lang, parent.block_lang)

    def _wrapper(self, el: etree._Element, tag: str, parent: _Frame, lang: str) -> _Frame:
        kind = _WRAP_TAGS[tag]
        if len(self.top.wrappers) >= MAX_INLINE_DEPTH:
            if self.exact:
                raise OwnFormatMismatch("inline nesting deeper than the model allows")
            return _Frame(el, iter(el), lang, parent.block_lang)
        node_lang = self._node_lang(el, lang, parent.lang)
        if kind == "span" and not self.exact:
            return self._transparent(el, parent, lang)
        if kind == "link":
            href = self._url(el.get("href"))
            if href is None or any(w.kind == "link" for w in self.top.wrappers):
                if self.exact:
                    raise OwnFormatMismatch("a link without href, or a link in a link")
                return self._transparent(el, parent, lang)
            title = el.get("title")
            if not self.exact:  # exact mode keeps an empty title
                title = (_collapse(title) if title else None) or None
            return self._push_wrapper(el, _Wrap("link", href=href, title=title,
                                                lang=node_lang), parent, lang)
        if kind == "quote":
            return self._push_wrapper(el, _Wrap("quote", href=self._url(el.get("cite")),
                                                lang=node_lang), parent, lang)
        return self._push_wrapper(el, _Wrap(kind, lang=node_lang), parent, lang)

    def _push_wrapper(self, el: etree._Element, wrap: _Wrap, parent: _Frame,
                      lang: str) -> _Frame:
        c = self.top
        c.target().append(wrap)
        c.wrappers.append(wrap)
        return _Frame(el, iter(el), lang, parent.block_lang, wrapper=c)

    def _container(self, el: etree._Element, parent: _Frame, lang: str, kind: ContainerKind,
                   *, inline_only: bool = False) -> _Frame:
        c = self.top
        if not c.inline_only:
            self._flush(c, parent.block_lang)
        new = _Container(kind, el, inline_only, lang,
                         lang=self._node_lang(el, lang, c.out_lang),
                         node_id=self._block_id(el) if kind != "heading" or self.exact
                         else self._heading_id(el),
                         soft_break=kind == "cell")
        self.containers.append(new)
        return _Frame(el, iter(el), lang, lang, container=new)

    def _block_id(self, el: etree._Element) -> str | None:
        # Real pages are full of CMS ids; only our own output's ids are content.
        return el.get("id") if self.exact else None

    def _heading_id(self, el: etree._Element) -> str | None:
        value = (el.get("id") or "").strip()
        if (not value or re.search(r"\s", value) or value in ("main", "headline")
                or value.startswith("a11y-") or value in self.ids):
            return None
        self.ids.add(value)
        return value

    # -- closing elements --------------------------------------------------------------

    def _close(self, frame: _Frame) -> None:
        if frame.container is not None:
            self._end_container(frame.container, frame.lang)
        if frame.wrapper is not None:
            frame.wrapper.wrappers.pop()
        if frame.boundary:
            c = self.top
            self._flush(c, frame.block_lang)
            if frame.para:
                c.para_el = None
        if frame.soft:
            self._add(_Leaf("soft"))
        if frame.on_close is not None:
            frame.on_close()

    def _emit(self, block: Block) -> None:
        self.top.blocks.append(block)

    def _emit_all(self, blocks: list[Block] | tuple[Block, ...]) -> None:
        self.top.blocks.extend(blocks)

    def _end_container(self, c: _Container, lang: str) -> None:
        if not c.inline_only:
            self._flush(c, lang)
        self.containers.pop()
        handler = getattr(self, f"_end_{c.kind}")
        handler(c)

    def _end_heading(self, c: _Container) -> None:
        inl = self._finish(c.buf)
        if not self.exact and not _has_text(inl):
            return
        self._emit(self._build(lambda: Heading(c.level, inl, id=c.node_id, lang=c.lang)))

    def _end_item(self, c: _Container) -> None:
        blocks = self._blocks_of(c)
        lst = self.top
        if not blocks:
            if self.exact:
                raise OwnFormatMismatch("empty list item")
            return
        lst.items.append(self._build(lambda: ListItem(tuple(blocks), id=c.node_id,
                                                      lang=c.lang)))

    def _strays_to_items(self, lst: _Container) -> None:
        """Content directly in a list, outside any item: a nested list joins the
        item before it (a common authoring slip), anything else is an item."""
        strays = self._blocks_of(lst)
        lst.blocks = []
        if not strays:
            return
        if self.exact:
            raise OwnFormatMismatch("content outside list items")
        run: list[Block] = []
        for block in strays:
            if isinstance(block, List) and lst.items and not run:
                last = lst.items[-1]
                lst.items[-1] = dataclasses.replace(last, children=(*last.children, block))
            else:
                run.append(block)
        if run:
            lst.items.append(ListItem(tuple(run)))

    def _end_list(self, c: _Container) -> None:
        self._strays_to_items(c)
        if not c.items:
            if self.exact:
                raise OwnFormatMismatch("empty list")
            return
        self._emit(self._build(lambda: List(tuple(c.items), ordered=c.ordered,
                                            start=c.start if c.ordered else 1,
                                            id=c.node_id, lang=c.lang)))

    def _list_start(self, el: etree._Element) -> int:
        raw = el.get("start")
        if raw is None:
            return 1
        if self.exact:
            try:
                return int(raw)
            except ValueError as err:
                raise OwnFormatMismatch(f"start {raw!r}") from err
        m = re.match(r"\s*([+-]?\d{1,9})", raw)
        return int(m.group(1)) if m else 1

    def _end_term(self, c: _Container) -> None:
        term = self._finish(c.buf)
        dl = self.top
        if not _has_text(term):
            return
        if dl.groups and not dl.groups[-1][1]:
            dl.groups[-1][0].append(term)
        else:
            dl.groups.append(([term], []))

    def _end_dd(self, c: _Container) -> None:
        blocks = self._blocks_of(c)
        dl = self.top
        if not blocks:
            return
        if not dl.groups:
            dl.groups.append(([], []))
        dl.groups[-1][1].extend(blocks)

    def _end_dl(self, c: _Container) -> None:
        # The model has no definition list: each term and its definitions
        # become one item of a plain list, the term in strong.
        items: list[ListItem] = []
        for terms, defs in c.groups:
            children: list[Block] = [Paragraph((Strong(t),)) for t in terms]
            children += defs
            if children:
                items.append(ListItem(tuple(children)))
        strays = self._blocks_of(c)
        if items:
            self._emit(self._build(lambda: List(tuple(items), id=c.node_id, lang=c.lang)))
        self._emit_all(strays)

    def _end_quote(self, c: _Container) -> None:
        children = self._blocks_of(c)
        attribution = self._join_inlines(c.attribution)
        if attribution and not self.exact:
            # Renderers add their own dash before an attribution.
            attribution = _strip_dash(attribution) or attribution
        if (not self.exact and not attribution and len(children) >= 2
                and isinstance(children[-1], Paragraph)):
            dashed = _strip_dash(children[-1].children)
            if dashed is not None and len(plain_text(dashed)) <= 200:
                attribution = dashed
                children = children[:-1]
        if not children:
            if self.exact:
                raise OwnFormatMismatch("empty block quote")
            if attribution:
                self._emit(Paragraph(attribution, lang=c.lang))
            return
        cite = self._url(c.el.get("cite")) if c.el is not None else None
        self._emit(self._build(lambda: BlockQuote(tuple(children), attribution, cite=cite,
                                                  id=c.node_id, lang=c.lang)))

    def _end_attribution(self, c: _Container) -> None:
        inl = self._finish(c.buf)
        if _has_text(inl):
            self.top.attribution.append(inl)

    def _end_figcaption(self, c: _Container) -> None:
        fig = self.top
        fig.caption = self._join_inlines([fig.caption, self._finish(c.buf)])
        fig.credit = self._join_inlines([fig.credit, c.credit])

    def _end_credit(self, c: _Container) -> None:
        credit = self._finish(c.buf)
        if not self.exact:
            credit = _strip_credit_label(credit)
        self.top.credit = self._join_inlines([self.top.credit, credit])

    def _end_transcript(self, c: _Container) -> None:
        fig = self.top
        fig.transcript = (*fig.transcript, *self._blocks_of(c))

    def _end_label(self, c: _Container) -> None:
        text = plain_text(self._finish(c.buf))
        self.top.label = text if self.exact else (_collapse(text) or None)

    def _end_figure(self, c: _Container) -> None:
        parts = c.blocks
        images = [p for p in parts if isinstance(p, _ImagePart)]
        media = [p for p in parts if isinstance(p, _MediaPart)]
        caption, credit = c.caption, c.credit
        if self.exact:
            self._end_own_figure(c, parts, images, media)
            return
        out: list[Block] = []
        used = not caption and not credit
        if media:
            m = media[0]
            title = m.title or _collapse(plain_text(caption)) or m.kind.title()
            for part in parts:
                if part is m:
                    out.append(self._build(lambda: Media(
                        m.kind, m.src, title, transcript=c.transcript,
                        captions=m.captions if m.kind == "video" else None,
                        id=c.node_id, lang=c.lang)))
                    used = used or not m.title
                elif isinstance(part, _MediaPart):
                    out.append(Media(part.kind, part.src, part.title or part.kind.title()))
                elif isinstance(part, _ImagePart):
                    out.append(Figure(part.image))
                else:
                    out.append(part)
        elif images:
            last = images[-1]
            for part in parts:
                if part is last:
                    out.append(self._figure(last.image, caption, credit, c))
                    used = True
                elif isinstance(part, _ImagePart):
                    out.append(Figure(part.image))
                elif not isinstance(part, _MediaPart):
                    out.append(part)
        else:
            blocks = [p for p in parts if not isinstance(p, (_ImagePart, _MediaPart))]
            for i in range(len(blocks) - 1, -1, -1):
                b = blocks[i]
                if used:
                    break
                if isinstance(b, BlockQuote) and not b.attribution and caption:
                    joined = self._join_inlines([caption, credit])
                    blocks[i] = dataclasses.replace(
                        b, attribution=_strip_dash(joined) or joined)
                    used = True
                elif isinstance(b, Table) and not b.caption and caption:
                    blocks[i] = dataclasses.replace(b, caption=caption)
                    if credit:
                        blocks.insert(i + 1, Paragraph(credit))
                    used = True
            out = self._with_lang(blocks, c.lang)
        if not used:
            text = self._join_inlines([caption, credit])
            if _has_text(text):
                out.append(Paragraph(text, lang=c.lang))
        self._emit_all(out)

    def _figure(self, image: Image, caption: tuple[Inline, ...], credit: tuple[Inline, ...],
                c: _Container) -> Figure:
        # Alt text equal to the caption would be read twice: the caption is
        # the visible text, so it stays and the image's alt goes (decorative).
        if image.alt and _same_text(image.alt, plain_text(caption)):
            image = dataclasses.replace(image, alt="", decorative=True)
        return self._build(lambda: Figure(image, caption=caption, credit=credit, id=c.node_id,
                                          lang=c.lang))

    def _end_own_figure(self, c: _Container, parts: list[_Part], images: list[_ImagePart],
                        media: list[_MediaPart]) -> None:
        caption, credit = c.caption, c.credit
        kind = " ".join((c.el.get("class") or "").split()) if c.el is not None else ""
        if kind == "media" and media and len(parts) == 1:
            m = media[0]
            self._emit(self._build(lambda: Media(
                m.kind, m.src, plain_text(caption), transcript=c.transcript,
                captions=m.captions, id=c.node_id, lang=c.lang)))
        elif kind == "image" and images and len(parts) == 1 and not c.transcript:
            image = images[0].image
            self._emit(self._build(lambda: Figure(image, caption=caption, credit=credit,
                                                  id=c.node_id, lang=c.lang)))
        elif (kind == "quote" and len(parts) == 1 and isinstance(parts[0], BlockQuote)
              and caption and not credit and not c.transcript):
            quote = parts[0]
            self._emit(self._build(lambda: dataclasses.replace(
                quote, attribution=caption, id=c.node_id, lang=c.lang)))
        else:
            raise OwnFormatMismatch("a figure the renderer does not write")

    def _end_aside(self, c: _Container) -> None:
        children = self._blocks_of(c)
        label = c.label
        el = c.el
        if label is None and el is not None and not self.exact:
            label = _collapse(el.get("aria-label") or "") or self._labelled_by(el)
            if not label and children and isinstance(children[0], Heading):
                label = _collapse(plain_text(children[0].children)) or None
                children = children[1:]
            elif (label and children and isinstance(children[0], (Heading, Paragraph))
                  and _same_text(label, plain_text(children[0].children))):
                children = children[1:]  # the element that names it: not read twice
        if self.exact:
            assert el is not None
            kind: Literal["aside", "note"] = "note" if "aside-note" in _classes(el) else "aside"
            self._emit(self._build(lambda: Aside(label or "", tuple(children), kind=kind,
                                                 id=c.node_id, lang=c.lang)))
            return
        if not label or not children:
            # No name to announce it by: its content joins the article.
            self._emit_all(self._with_lang(children, c.lang))
            return
        is_note = el is not None and (
            (el.get("role") or "").strip().lower() == "note"
            or any(_NOTE_CLASS.search(x) for x in _classes(el)))
        self._emit(Aside(label, tuple(children), kind="note" if is_note else "aside",
                         lang=c.lang))

    def _labelled_by(self, el: etree._Element) -> str | None:
        ref = (el.get("aria-labelledby") or "").split()
        if not ref:
            return None
        if self._id_index is None:
            self._id_index = {}
            found = el.getroottree().xpath("//*[@id]")
            for node in found if isinstance(found, list) else ():
                if isinstance(node, etree._Element):
                    node_id = node.get("id")
                    if node_id and node_id not in self._id_index:
                        self._id_index[node_id] = node
        texts = [_subtree_text(self._id_index[r], br=" ") for r in ref if r in self._id_index]
        return _collapse(" ".join(texts)) or None

    # -- tables ------------------------------------------------------------------------

    def _open_table(self, el: etree._Element, parent: _Frame, lang: str) -> _Frame:
        if not self.exact and not self._is_data_table(el):
            self.table_checks += 1
            frame = self._boundary(el, parent, lang)

            def done() -> None:
                self.table_checks -= 1

            frame.on_close = done
            return frame
        return self._container(el, parent, lang, "table")

    def _is_data_table(self, el: etree._Element) -> bool:
        """Layout tables (presentation role, no header cells, one column, or
        holding another table) are read as their content."""
        if self.table_checks >= _MAX_TABLE_CHECKS:
            return False
        if (el.get("role") or "").strip().lower() in ("presentation", "none"):
            return False
        has_header = False
        max_cols = 0
        for section, row in _table_rows(el):
            cols = 0
            for cell in row:
                tag = _tag(cell)
                if tag not in ("td", "th"):
                    continue
                cols += _span_int(cell.get("colspan"), 1000)
                if tag == "th" or section == "head":
                    has_header = True
                if cell.find(".//table") is not None:
                    return False
            max_cols = max(max_cols, cols)
        return has_header and max_cols >= 2

    def _open_table_part(self, el: etree._Element, tag: str, parent: _Frame,
                         lang: str) -> _Frame | None:
        c = self.top
        if c.kind == "table" and tag in ("thead", "tbody", "tfoot"):
            before, before_el = c.section, c.section_el
            c.section = "head" if tag == "thead" else "foot" if tag == "tfoot" else "body"
            c.section_el = el

            def restore() -> None:
                c.section, c.section_el = before, before_el

            return _Frame(el, iter(el), lang, lang, on_close=restore)
        if c.kind == "table" and tag == "caption":
            return self._container(el, parent, lang, "caption", inline_only=True)
        if c.kind == "table" and tag == "tr":
            frame = self._container(el, parent, lang, "row")
            assert frame.container is not None
            frame.container.section = c.section
            return frame
        if c.kind == "row" and tag in ("td", "th"):
            frame = self._container(el, parent, lang, "cell", inline_only=True)
            cell = frame.container
            assert cell is not None
            cell.header = tag == "th" or (c.section == "head" and not self.exact)
            scope = el.get("scope")
            if self.exact and "inferred-scope" in _classes(el):
                # The renderer's inference, written for assistive technology:
                # the cell has no scope of its own.
                if scope not in _SCOPES:
                    raise OwnFormatMismatch("an inferred scope without a scope")
                scope = None
            elif scope is not None and not self.exact:
                scope = scope.strip().lower()
                scope = scope if scope in _SCOPES else None
            cell.scope = scope
            if self.exact:
                cell.colspan = _exact_int(el.get("colspan"))
                cell.rowspan = _exact_int(el.get("rowspan"))
            else:
                cell.colspan = _span_int(el.get("colspan"), 1000)
                # rowspan="0" spans the rest of the row group.
                raw = (el.get("rowspan") or "").strip()
                cell.rowspan = 65534 if raw == "0" else _span_int(raw, 65534)
            return frame
        if tag in ("colgroup", "col"):
            return None
        return None

    def _end_caption(self, c: _Container) -> None:
        self.top.caption = self._join_inlines([self.top.caption, self._finish(c.buf)])

    def _end_cell(self, c: _Container) -> None:
        inl = self._finish(c.buf, soft_break=True)
        header = c.header
        scope = c.scope
        if not self.exact and header and not _has_text(inl):
            header, scope = False, None  # an empty corner cell
        row = self.top
        row.cells.append(self._build(lambda: TableCell(
            inl, header=header, scope=cast(Any, scope) if header else None,
            colspan=c.colspan, rowspan=c.rowspan, lang=c.lang)))

    def _end_row(self, c: _Container) -> None:
        table = self.top
        table.blocks.extend(self._blocks_of(c))  # stray blocks in a row follow the table
        if c.cells:
            table.rows.append((c.section, c.cells))
        elif self.exact:
            raise OwnFormatMismatch("a row without cells")

    def _end_table(self, c: _Container) -> None:
        strays = self._blocks_of(c)
        rows = c.rows
        if not self.exact:
            rows = _clip_rowspans(rows)
        head = [TableRow(tuple(cells)) for s, cells in rows if s == "head"]
        body = [TableRow(tuple(cells)) for s, cells in rows if s == "body"]
        foot = [TableRow(tuple(cells)) for s, cells in rows if s == "foot"]
        if not self.exact and not body:
            if len(head) >= 2:
                head, body = head[:1], head[1:]
            elif foot:
                body, foot = foot, []
        has_header = any(cell.header for r in (*head, *body) for cell in r.cells)
        if self.exact or (body and has_header):
            self._emit(self._build(lambda: Table(
                caption=c.caption, head=tuple(head), body=tuple(body), foot=tuple(foot),
                id=c.node_id, lang=c.lang)))
        else:
            # Not a data table after all: its text as paragraphs.
            if _has_text(c.caption):
                self._emit(Paragraph(c.caption, lang=c.lang))
            for row in (*head, *body, *foot):
                for cell in row.cells:
                    if _has_text(cell.children):
                        self._emit(Paragraph(_trim(cell.children),
                                             lang=cell.lang or c.lang))
        self._emit_all(strays)

    def _end_root(self, c: _Container) -> None:  # pragma: no cover - never pushed twice
        raise AssertionError("the root container is never closed as a child")

    def _end_inline(self, c: _Container) -> None:  # pragma: no cover - root only
        raise AssertionError("the inline root is never closed as a child")

    # -- leaves ------------------------------------------------------------------------

    def _datetime(self, el: etree._Element) -> str | None:
        raw = el.get("datetime")
        if self.exact:
            return raw
        text = _collapse(_subtree_text(el, br=" "))
        if not text:
            return None
        value = (raw if raw is not None else text).strip()
        value = _ZONE_NO_COLON.sub(r"\1:\2", _LONG_FRACTION.sub(r"\1", value)) \
            if re.search(r"\d[T ]\d", value) else value
        try:
            Time("x", value)
        except ValidationError:
            return None
        return value

    def _code_block(self, el: etree._Element, lang: str, c: _Container) -> None:
        text = _subtree_text(el)
        code = el.find("code") if len(el) == 1 else None
        classes = [*_classes(el), *(_classes(code) if code is not None else ())]
        syntax = None
        for name in classes:
            m = _SYNTAX_CLASS.match(name)
            if m:
                syntax = m.group(1)
                break
        if self.exact:
            syntax = None
            name = code.get("class") if code is not None else None
            if name is not None:
                if not name.startswith("language-"):
                    raise OwnFormatMismatch(f"code class {name!r}")
                syntax = name[len("language-"):]
        else:
            # A browser drops one newline right after <pre>; libxml2 keeps it.
            if text.startswith("\n"):
                text = text[1:]
            elif text.startswith("\r\n"):
                text = text[2:]
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            lines = text.split("\n")
            while lines and not lines[-1].strip():
                lines.pop()
            while lines and not lines[0].strip():
                lines.pop(0)
            text = "\n".join(lines)
            if not text.strip():
                return
            if syntax is not None and not _SYNTAX.fullmatch(syntax):
                syntax = None
        self._emit(self._build(lambda: CodeBlock(text, syntax=syntax, id=self._block_id(el),
                                                 lang=self._node_lang(el, lang, c.out_lang))))

    def _image(self, el: etree._Element, parent: _Frame) -> None:
        c = self.top
        found = self._image_info(el)
        if found is None:
            return
        image, small = found
        if c.inline_only or small:
            if image.alt:
                self._add(image.alt)
            return
        self._flush(c, parent.block_lang)
        if c.kind == "figure":
            c.blocks.append(_ImagePart(image))
        elif self.exact:
            raise OwnFormatMismatch("an image outside its figure")
        else:
            self._emit(Figure(image))

    def _image_info(self, el: etree._Element) -> tuple[Image, bool] | None:
        """The image and whether it is small (an emoji or icon, read as its alt)."""
        img = el if _tag(el) == "img" else el.find(".//img")
        if self.exact:
            if img is None or img is not el:
                raise OwnFormatMismatch("picture element")
            raw_alt = img.get("alt")
            if raw_alt is None:
                raise OwnFormatMismatch("image without alt")
            alt: str = raw_alt
            w, h = img.get("width"), img.get("height")
            image = self._build(lambda: Image(
                img.get("src") or "", alt=alt, decorative=alt == "",
                width=_exact_int(w) if w is not None else None,
                height=_exact_int(h) if h is not None else None))
            return image, False
        sources: list[etree._Element] = [el] if img is None else [img]
        if _tag(el) == "picture":
            sources += [s for s in el.iter("source")]
        src = None
        for node in sources:
            for name in ("src", "data-src", "data-lazy-src", "data-original", "data-url"):
                src = self._url(node.get(name))
                if src is not None:
                    break
            if src is None:
                src = self._url(_best_candidate(node.get("srcset") or node.get("data-srcset")))
            if src is not None:
                break
        base = img if img is not None else el
        alt_raw = base.get("alt")
        if alt_raw is None and base is not img:
            alt_raw = base.get("data-alt")
        if alt_raw is None:
            alt_raw = base.get("aria-label") or base.get("title")
        alt = _collapse(alt_raw or "")
        width, height = _positive_int(base.get("width")), _positive_int(base.get("height"))
        if (width is not None and width <= 2) or (height is not None and height <= 2):
            return None  # a tracking pixel
        small = bool(_EMOJI_CLASS.search(base.get("class") or "")) or (
            width is not None and height is not None and width <= 32 and height <= 32)
        if src is None:
            # Nothing to show, but the alt text still says what was there.
            if alt:
                self._add(alt)
            return None
        try:
            return Image(src, alt=alt, decorative=not alt, width=width, height=height), small
        except ValidationError:
            return None

    def _media(self, el: etree._Element, tag: str, parent: _Frame) -> None:
        c = self.top
        kind: Literal["audio", "video"] = "video" if tag == "video" else "audio"
        src_raw = el.get("src")
        if src_raw is None:
            for node in el:
                if _tag(node) == "source" and node.get("src"):
                    src_raw = node.get("src")
                    break
        src = self._url(src_raw)
        captions = None
        for node in el:
            if (_tag(node) == "track" and (node.get("kind") or "subtitles").strip().lower()
                    in ("captions", "subtitles")):
                captions = self._url(node.get("src"))
                if captions is not None:
                    break
        title = _collapse(el.get("aria-label") or el.get("title") or "")
        if self.exact:
            if c.kind != "figure" or src is None:
                raise OwnFormatMismatch("media outside its figure")
            c.blocks.append(_MediaPart(kind, src, "", captions))
            return
        if src is None or c.inline_only:
            return
        self._flush(c, parent.block_lang)
        if kind != "video":
            captions = None
        if c.kind == "figure":
            c.blocks.append(_MediaPart(kind, src, title, captions))
        else:
            self._emit(self._build(lambda: Media(kind, src, title or kind.title(),
                                                 captions=captions)))

    # -- paragraphs ----------------------------------------------------------------------

    def _flush(self, c: _Container, block_lang: str) -> None:
        """Close the inline buffer of a flow container into paragraphs; open
        inline elements continue in a fresh buffer."""
        if c.inline_only or not (c.buf or c.wrappers):
            return  # (the common case: nothing buffered, nothing to continue)
        buf = c.buf
        c.buf = []
        chain: list[_Wrap] = []
        for w in c.wrappers:
            clone = w.empty_clone()
            (chain[-1].children if chain else c.buf).append(clone)
            chain.append(clone)
        c.wrappers = chain
        if not buf:
            return
        text = _plain_text(buf) if not self.exact else None
        if text is not None:
            # Plain text only, the most common paragraph: one text node, as
            # _split_double_breaks and _finish would make it.
            if text:
                node = Text(text)  # built (and checked) as _finish builds it
                if not text.isspace():  # (_has_text of the one node)
                    c.blocks.append(Paragraph((node,), lang=self._diff(block_lang, c.out_lang)))
            return
        if all(isinstance(x, str) and _WS_ONLY.fullmatch(x) for x in buf):
            return
        if self.exact:
            para = c.para_el
            inl = self._finish(buf)
            c.blocks.append(self._build(lambda: Paragraph(
                inl, id=para.get("id") if para is not None else None,
                lang=para.get("lang") if para is not None else None)))
            return
        lang = self._diff(block_lang, c.out_lang)
        for piece in _split_double_breaks(buf):
            inl = self._finish(piece)
            if _has_text(inl):
                c.blocks.append(Paragraph(inl, lang=lang))

    def _strip_trailing_space(self, c: _Container) -> None:
        """The renderer writes one space between a caption and its credit."""
        target = c.target()
        if target and isinstance(target[-1], str) and target[-1].endswith(" "):
            target[-1] = target[-1][:-1]
            if not target[-1]:
                target.pop()

    def _blocks_of(self, c: _Container) -> list[Block]:
        out: list[Block] = []
        for part in c.blocks:
            if isinstance(part, _ImagePart):
                out.append(Figure(part.image))
            elif isinstance(part, _MediaPart):
                out.append(Media(part.kind, part.src, part.title or part.kind.title(),
                                 captions=part.captions))
            else:
                out.append(part)
        return out

    # -- building model nodes ------------------------------------------------------------

    def _build(self, make: Callable[[], _N]) -> _N:
        """Build a node; in exact mode a rule broken means the markup is not ours."""
        try:
            return make()
        except ValidationError as err:
            if self.exact:
                raise OwnFormatMismatch(str(err)) from err
            raise

    def _finish(self, items: list[_Item], soft_break: bool = False) -> tuple[Inline, ...]:
        if self.exact:
            return tuple(self._exact_inlines(items))
        text = _plain_text(items)
        if text is not None:
            return (Text(text),) if text else ()
        spaced = _Spacer(soft_break).run(items)
        return _trim(tuple(_build_inlines(spaced)))

    def _exact_inlines(self, items: list[_Item]) -> list[Inline]:
        """Adjacent bare strings are one ``Text``; a text span is a ``Text``
        of its own."""
        out: list[Inline] = []
        run: list[str] = []
        for item in items:
            if isinstance(item, str):
                run.append(item)
                continue
            if run:
                out.append(Text("".join(run)))
                run.clear()
            if isinstance(item, _Leaf):
                out.append(self._exact_leaf(item))
            else:
                out.append(self._exact_wrap(item))
        if run:
            out.append(Text("".join(run)))
        return out

    def _exact_wrap(self, item: _Wrap) -> Inline:
        kids = tuple(self._exact_inlines(item.children))
        return self._build(lambda: _wrap_node(item, kids))

    def _exact_leaf(self, leaf: _Leaf) -> Inline:
        if leaf.kind == "br":
            return self._build(lambda: LineBreak(lang=leaf.lang))
        if leaf.kind == "text":
            return self._build(lambda: Text(leaf.text, lang=leaf.lang))
        if leaf.kind == "code":
            return self._build(lambda: Code(leaf.text, lang=leaf.lang))
        if leaf.kind == "abbr":
            return self._build(lambda: Abbreviation(leaf.text, leaf.value, lang=leaf.lang))
        if leaf.kind == "time":
            return self._build(lambda: Time(leaf.text, leaf.value, lang=leaf.lang))
        raise OwnFormatMismatch(f"{leaf.kind} in own markup")

    def _join_inlines(self, parts: list[tuple[Inline, ...]]) -> tuple[Inline, ...]:
        if self.exact:
            # The renderer writes a caption, credit or attribution once, and
            # its texts (text spans among them) must not merge.
            present = [part for part in parts if part]
            if len(present) > 1:
                raise OwnFormatMismatch("a caption, credit or attribution written twice")
            return present[0] if present else ()
        out: list[Inline] = []
        for part in parts:
            if not part:
                continue
            if out:
                out.append(Text(" "))
            out.extend(part)
        return _merge_texts(out)


_N = TypeVar("_N")


def _exact_int(raw: str | None) -> int:
    if raw is None:
        return 1
    try:
        return int(raw)
    except ValueError as err:
        raise OwnFormatMismatch(f"number {raw!r}") from err


_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-srcset")
_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)
_LAZY_CLASS = re.compile(r"lazy|image|img|photo|picture|placeholder", re.IGNORECASE)


def _is_lazy_placeholder(el: etree._Element) -> bool:
    """A ``div`` or ``span`` standing for a lazy-loaded image: it names an
    image in ``data-src`` (or the like), holds no image of its own, and at
    most a few words ("Loading...")."""
    raw = next((v for name in _LAZY_ATTRS if (v := el.get(name))), None)
    if raw is None:
        return False
    first = raw.split(",")[0].split()  # a srcset's first candidate, its URL first
    if not ((first and _IMAGE_URL.search(first[0]))
            or _LAZY_CLASS.search(el.get("class") or "")):
        return False
    if el.find(".//img") is not None or el.find(".//picture") is not None:
        return False
    return len(_subtree_text(el).strip()) <= 40


def _table_rows(table: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """The rows of a table (not of tables nested in it), with their section."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield "body", child
        elif tag in ("thead", "tbody", "tfoot"):
            section = "head" if tag == "thead" else "body" if tag == "tbody" else "foot"
            for row in child:
                if _tag(row) == "tr":
                    yield section, row


def _clip_rowspans(rows: list[tuple[Literal["head", "body", "foot"], list[TableCell]]]
                   ) -> list[tuple[Literal["head", "body", "foot"], list[TableCell]]]:
    """HTML ends a row span at the end of its row group; the model does not."""
    out = []
    n = len(rows)
    for i, (section, cells) in enumerate(rows):
        left = 1
        while i + left < n and rows[i + left][0] == section:
            left += 1
        fixed = [dataclasses.replace(c, rowspan=left) if c.rowspan > left else c
                 for c in cells]
        out.append((section, fixed))
    return out


def _best_candidate(srcset: str | None) -> str | None:
    """The widest candidate of a ``srcset`` (the first when none gives a width)."""
    if not srcset:
        return None
    best: tuple[float, str] | None = None
    for part in srcset.split(","):
        bits = part.split()
        if not bits:
            continue
        size = 0.0
        if len(bits) > 1:
            m = re.match(r"(\d+(?:\.\d+)?)[wx]$", bits[1])
            size = float(m.group(1)) if m else 0.0
        if best is None or size > best[0]:
            best = (size, bits[0])
    return best[1] if best else None


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return _collapse(s).casefold().rstrip(" .;:!")
    return bool(a.strip()) and norm(a) == norm(b)


def _plain_text(items: list[_Item]) -> str | None:
    """Inline content made of strings only (most paragraphs), as _Spacer,
    _build_inlines and _trim would make it, without the spaced copy: white
    space collapsed across the strings and none at either end. None when
    ``items`` holds anything but strings."""
    for item in items:
        if not isinstance(item, str):
            return None
    return _collapse("".join(cast("list[str]", items)))


def _split_double_breaks(items: list[_Item]) -> list[list[_Item]]:
    """Text separated by two or more ``<br>`` is two paragraphs."""
    pieces: list[list[_Item]] = [[]]
    pending: list[_Item] = []
    breaks = 0
    for item in items:
        if isinstance(item, _Leaf) and item.kind == "br":
            breaks += 1
            pending.append(item)
        elif breaks and isinstance(item, str) and _WS_ONLY.fullmatch(item):
            pending.append(item)
        else:
            if breaks >= 2:
                pieces.append([])
            else:
                pieces[-1].extend(pending)
            pending = []
            breaks = 0
            pieces[-1].append(item)
    if breaks < 2:
        pieces[-1].extend(pending)
    return pieces


class _Spacer:
    """White space as a browser shows it: runs collapse to one space, none at
    the start or end of a line, spaces moved out of the ends of inline
    elements (``<a>text </a>`` reads as ``<a>text</a> ``)."""

    def __init__(self, soft_break: bool) -> None:
        self.soft_break = soft_break
        self.pending = False
        self.last_space = True  # the start of a line counts as after a space

    def run(self, items: list[_Item]) -> list[_Item]:
        return self._items(items)

    def _emit_pending(self, out: list[_Item]) -> None:
        if self.pending:
            out.append(" ")
            self.pending = False
            self.last_space = True

    def _items(self, items: list[_Item]) -> list[_Item]:
        out: list[_Item] = []
        for item in items:
            if isinstance(item, str):
                # One string out per string in: its words with single spaces.
                core = item.strip(_WS_CHARS)
                if not core:
                    if item and not self.last_space:
                        self.pending = True
                    continue
                if len(core) != len(item) and item[0] in _WS_CHARS and not self.last_space:
                    self.pending = True
                self._emit_pending(out)
                out.append(_collapse_ws(core))
                self.last_space = False
                if item[-1] in _WS_CHARS:
                    self.pending = True
            elif isinstance(item, _Leaf):
                if item.kind == "br" or (item.kind == "soft" and self.soft_break):
                    if item.kind == "soft" and (self.last_space and not self.pending):
                        continue  # nothing on the line yet
                    self.pending = False
                    self.last_space = True
                    out.append(_Leaf("br"))
                elif item.kind == "soft":
                    if not self.last_space:
                        self.pending = True
                else:
                    text = _collapse_ws(item.text)
                    if text.startswith(" ") and not self.last_space:
                        self.pending = True
                    body = text.strip(" ")
                    if not body:
                        continue
                    self._emit_pending(out)
                    out.append(_Leaf(item.kind, body, _collapse(item.value)
                                     if item.kind == "abbr" else item.value, item.lang))
                    self.last_space = False
                    if text.endswith(" "):
                        self.pending = True
            else:
                self._emit_pending(out)
                kids = self._items(item.children)
                out.append(_Wrap(item.kind, kids, item.href, item.title, item.lang))
        return out


def _wrap_node(item: _Wrap, kids: tuple[Inline, ...]) -> Inline:
    if item.kind == "em":
        return Emphasis(kids, lang=item.lang)
    if item.kind == "strong":
        return Strong(kids, lang=item.lang)
    if item.kind == "link":
        assert item.href is not None
        return Link(kids, href=item.href, title=item.title, lang=item.lang)
    if item.kind == "quote":
        return Quote(kids, cite=item.href, lang=item.lang)
    if item.kind in ("span", "sub", "sup"):
        return Span(kids, lang=item.lang)
    raise OwnFormatMismatch(f"unknown inline {item.kind}")  # pragma: no cover


def _build_inlines(items: list[_Item]) -> list[Inline]:
    """Model inlines from a spaced buffer, dropping what the model refuses."""
    out: list[Inline] = []
    run: list[str] = []
    for item in items:
        if isinstance(item, str):
            run.append(item)
            continue
        if run:
            # A run of strings is one text node (not one per word).
            out.append(Text("".join(run)))
            run.clear()
        if isinstance(item, _Leaf):
            node = _leaf_node(item)
            if node is not None:
                out.append(node)
        else:
            kids = tuple(_build_inlines(item.children))  # already merged
            has_text = _has_text(kids)
            if item.kind in ("sub", "sup"):
                mapped = _script_text(kids, item.kind)
                out.extend((Text(mapped),) if mapped is not None else kids)
                continue
            if not has_text or (item.kind == "span" and item.lang is None):
                out.extend(kids)  # keeps any white space; an empty element is dropped
                continue
            try:
                out.append(_wrap_node(item, kids))
            except ValidationError:
                out.extend(kids)
    if run:
        out.append(Text("".join(run)))
    return list(_merge_texts(out))


def _leaf_node(leaf: _Leaf) -> Inline | None:
    if leaf.kind == "br":
        return LineBreak()
    if not leaf.text.strip():
        return None
    try:
        if leaf.kind == "code":
            return Code(leaf.text, lang=leaf.lang)
        if leaf.kind == "abbr":
            if leaf.value.strip():
                return Abbreviation(leaf.text, leaf.value, lang=leaf.lang)
            return Text(leaf.text)
        if leaf.kind == "time":
            return Time(leaf.text, leaf.value, lang=leaf.lang)
    except ValidationError:
        return Text(leaf.text)
    return None


def _script_text(kids: tuple[Inline, ...], kind: str) -> str | None:
    """``CO<sub>2</sub>`` as ``CO₂`` when every character has a Unicode form."""
    if not all(isinstance(k, Text) and k.lang is None for k in kids):
        return None
    text = plain_text(kids)
    ok = _SUPER_OK if kind == "sup" else _SUB_OK
    if not text or not set(text) <= ok:
        return None
    return text.translate(_SUPERSCRIPT if kind == "sup" else _SUBSCRIPT)


def _merge_texts(inlines: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent texts (same language) as one; empty texts dropped."""
    out: list[Inline] = []
    run: list[Text] = []  # adjacent texts of one language, not yet in ``out``
    for node in inlines:
        if isinstance(node, Text):
            if not node.text:
                continue
            if run and node.lang != run[0].lang:
                out.append(_joined(run))
                run = []
            run.append(node)
            continue
        if run:
            out.append(_joined(run))
            run = []
        out.append(node)
    if run:
        out.append(_joined(run))
    return tuple(out)


def _joined(run: list[Text]) -> Text:
    """Texts of one language as one (a lone text is reused: building one validates it)."""
    if len(run) == 1:
        return run[0]
    return Text("".join(t.text for t in run), lang=run[0].lang)


def _trim(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """No line break or space at either end of a run."""
    out = list(inlines)
    while out and isinstance(out[0], LineBreak):
        out.pop(0)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    # A text node is rebuilt only when it changes (building one validates it).
    if out and isinstance(out[-1], Text):
        last = out[-1]
        text = last.text.rstrip(" ")
        if not text:
            out.pop()
        elif len(text) != len(last.text):
            out[-1] = Text(text, lang=last.lang)
    if out and isinstance(out[0], Text):
        first = out[0]
        text = first.text.lstrip(" ")
        if not text:
            out.pop(0)
        elif len(text) != len(first.text):
            out[0] = Text(text, lang=first.lang)
    return tuple(out)


_CREDIT_LABEL = re.compile(r"^\s*(\()?\s*(?:(?:image|photo|picture)\s+)?credits?\s*:\s*",
                           re.IGNORECASE)


def _strip_credit_label(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A credit without the page's own "Credit:" label (the renderers write
    theirs): "Credit: EPA" and "(Image credit: NASA)" read "EPA", "NASA"."""
    if not inlines or not isinstance(inlines[0], Text):
        return inlines
    first = inlines[0]
    m = _CREDIT_LABEL.match(first.text)
    if not m:
        return inlines
    rest = first.text[m.end():]
    out = list(((Text(rest, lang=first.lang),) if rest else ()) + inlines[1:])
    if m.group(1) and out and isinstance(out[-1], Text) and out[-1].text.rstrip().endswith(")"):
        last = out[-1]
        text = last.text.rstrip()[:-1].rstrip()
        out[-1:] = [Text(text, lang=last.lang)] if text else []
    kept = tuple(out)
    return kept if _has_text(kept) else inlines


def _strip_dash(inlines: tuple[Inline, ...]) -> tuple[Inline, ...] | None:
    """A closing ``— Name`` paragraph of a quote, without its dash."""
    if not inlines or not isinstance(inlines[0], Text):
        return None
    m = _DASH_LEAD.match(inlines[0].text)
    if not m:
        return None
    rest = inlines[0].text[m.end():]
    out = ((Text(rest, lang=inlines[0].lang),) if rest else ()) + inlines[1:]
    return out if _has_text(out) else None


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def convert_blocks(el: lxml.html.HtmlElement, ctx: ConvertContext) -> tuple[Block, ...]:
    """The children of ``el`` (an article element, page chrome removed) as blocks.

    Never raises for any markup: what the model cannot hold is dropped or
    read as text. Headings keep their levels; pass the result to
    :func:`relevel`.
    """
    return _Converter(ctx).blocks(el)


def convert_inlines(el: lxml.html.HtmlElement, ctx: ConvertContext) -> tuple[Inline, ...]:
    """The content of ``el`` as inlines (a standfirst, a caption): block-level
    elements inside become spaces, white space is collapsed."""
    return _Converter(ctx).inlines(el)


def convert_own_blocks(el: etree._Element, ctx: ConvertContext,
                       skip: Callable[[etree._Element], bool] | None = None
                       ) -> tuple[Block, ...]:
    """Exact mode: the blocks a11yrender's HTML renderer wrote under ``el``
    (children for which ``skip`` is true are furniture). Raises
    :class:`OwnFormatMismatch` for anything the renderer does not write."""
    return _Converter(ctx, exact=True).blocks(el, skip)


def convert_own_inlines(el: etree._Element, ctx: ConvertContext) -> tuple[Inline, ...]:
    """Exact mode: the inlines the renderer wrote in ``el``, text verbatim."""
    return _Converter(ctx, exact=True).inlines(el)


def relevel(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Headings re-levelled: the outline starts at ``h2`` (the headline is the
    one ``h1``) and never skips a level; relative structure is kept (a heading
    is one below the nearest earlier heading of a higher original level)."""
    stack: list[tuple[int, int]] = []  # (original level, new level)

    def level_of(original: int) -> int:
        while stack and stack[-1][0] >= original:
            stack.pop()
        new = min(6, stack[-1][1] + 1) if stack else 2
        stack.append((original, new))
        return new

    def block(b: Block) -> Block:
        if isinstance(b, Heading):
            new = level_of(b.level)
            return b if new == b.level else dataclasses.replace(b, level=new)
        # A node is rebuilt (and so validated again) only when a heading in
        # it changed: blocks_of returns the very tuple it was given otherwise.
        if isinstance(b, List):
            items = tuple(item if (kids := blocks_of(item.children)) is item.children
                          else dataclasses.replace(item, children=kids) for item in b.items)
            same = all(new is old for new, old in zip(items, b.items, strict=True))
            return b if same else dataclasses.replace(b, items=items)
        if isinstance(b, (BlockQuote, Aside)):
            kids = blocks_of(b.children)
            return b if kids is b.children else dataclasses.replace(b, children=kids)
        if isinstance(b, Media) and b.transcript:
            kids = blocks_of(b.transcript)
            return b if kids is b.transcript else dataclasses.replace(b, transcript=kids)
        return b

    def blocks_of(bs: tuple[Block, ...]) -> tuple[Block, ...]:
        new: list[Block] | None = None  # made at the first block that changes
        for i, b in enumerate(bs):
            changed = block(b)
            if new is None and changed is not b:
                new = list(bs[:i])
            if new is not None:
                new.append(changed)
        return bs if new is None else tuple(new)

    return blocks_of(blocks)
