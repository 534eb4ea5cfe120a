"""The document model: one immutable tree for an article.

Every node is a frozen, slotted dataclass whose children are tuples, so a
``Document`` can be shared between threads, hashed and compared. Nodes check
their own fields when they are built (types, heading levels, alt text, URL
schemes) and the ``Document`` checks the rules that span the tree (unique ids,
one main article, region order), raising :class:`ValidationError` with the
node's path. Lists passed for tuple fields are converted to tuples.

This module imports nothing else from the package but ``errors``: readers
build these nodes and renderers read them, never the other way round.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal, Union
from urllib.parse import urlsplit

from .errors import ValidationError

__all__ = [
    "Abbreviation",
    "Aside",
    "Block",
    "BlockQuote",
    "Code",
    "CodeBlock",
    "Document",
    "Emphasis",
    "Figure",
    "Heading",
    "Image",
    "Inline",
    "LineBreak",
    "Link",
    "List",
    "ListItem",
    "Media",
    "Metadata",
    "Node",
    "Paragraph",
    "Path",
    "Quote",
    "Region",
    "Separator",
    "Span",
    "Strong",
    "Table",
    "TableCell",
    "TableRow",
    "Text",
    "Time",
    "plain_text",
]

Path = tuple[str | int, ...]

# C0/C1 controls (except tab, newline, carriage return), lone surrogates and
# Unicode noncharacters cannot appear in a conforming HTML or XML document.
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
# The same characters in two patterns, each a single class: the BMP ones (one
# class scans fast), and the astral noncharacters, looked for only in text
# that holds characters beyond U+FFFF (an alternation of the two classes
# costs ten times as much on every text).
_FORBIDDEN_BMP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_FORBIDDEN_ASTRAL = re.compile(
    "[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def _first_forbidden(value: str) -> str | None:
    """The first character of ``value`` that :data:`_FORBIDDEN_CHARS` matches."""
    found = _FORBIDDEN_BMP.search(value)
    if value and not value.isascii() and max(value) > "\uffff":
        astral = _FORBIDDEN_ASTRAL.search(value, 0, found.start() if found else len(value))
        if astral is not None:
            return astral.group()
    return found.group() if found else None


def _is_clean(value: str) -> bool:
    """Whether :func:`check_text` returns ``value`` as it is: no forbidden
    character and no carriage return.

    ``str.isprintable`` answers for nearly every text in one fast C scan: every
    forbidden character is a control (Cc), a surrogate (Cs) or a noncharacter
    (Cn), and ``\r`` is a control, none of them printable in any Unicode
    version. Texts it refuses (a no-break space, a soft hyphen, a tab, a line
    feed are not printable either) get the exact test.
    """
    return value.isprintable() or ("\r" not in value and _first_forbidden(value) is None)


# Well-formed BCP 47 tags (RFC 5646 section 2.1), without registry look-ups.
_BCP47 = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+)$"
)

# The machine-readable forms of HTML's <time datetime> that news uses: a year,
# a month, a date, a time, or a date and time with an optional zone offset.
_DATETIME = re.compile(
    r"^(?:(?P<date>\d{4,}-\d{2}(?:-\d{2})?|\d{4,})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<only_time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))$"
)

_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_RESERVED_IDS = frozenset({"main", "headline"})

# What a URL may not hold. (``\s`` matches every character ``str.strip``
# removes, so a URL this does not match is also its own ``strip()``.)
_URL_SPACE = re.compile(r"[\s\x00-\x1f]")
# The scheme as urlsplit finds it: an ASCII letter, then letters, digits, "+",
# "-" or ".", up to the first colon.
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WHITE_SPACE = re.compile(r"\s")
_SYNTAX_NAME = re.compile(r"[A-Za-z0-9_+#.-]+")


# --------------------------------------------------------------------------
# Field checking shared by every node type
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FieldSpec:
    name: str
    kind: Literal["scalar", "node", "nodes", "strings"]
    types: tuple[type, ...]
    literals: tuple[Any, ...] | None
    optional: bool
    default: Any


def _classes_of(tp: Any) -> tuple[type, ...]:
    """The classes a type annotation admits (``Inline`` -> every inline class)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        out: tuple[type, ...] = ()
        for arg in typing.get_args(tp):
            out += _classes_of(arg)
        return out
    return (tp,)


def _spec_for(name: str, tp: Any, default: Any) -> _FieldSpec:
    optional = False
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) < len(typing.get_args(tp))
        if optional and len(args) == 1:
            tp = args[0]
            origin = typing.get_origin(tp)
    if origin is Literal:
        lits = typing.get_args(tp)
        return _FieldSpec(name, "scalar", (type(lits[0]),), lits, optional, default)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        if item is str:
            return _FieldSpec(name, "strings", (str,), None, optional, default)
        return _FieldSpec(name, "nodes", _classes_of(item), None, optional, default)
    classes = _classes_of(tp)
    if all(issubclass(c, _Node) for c in classes):
        return _FieldSpec(name, "node", classes, None, optional, default)
    return _FieldSpec(name, "scalar", classes, None, optional, default)


def _type_label(classes: tuple[type, ...]) -> str:
    names = [getattr(c, "TYPE", c.__name__) for c in classes]
    return names[0] if len(names) == 1 else "one of " + ", ".join(names)


def check_text(node: str, name: str, value: str) -> str:
    """Reject characters that no HTML or XML output could carry; return ``value``
    with its line endings as line feeds.

    A carriage return (``\r\n`` or a lone ``\r``) becomes ``\n``, as HTML and
    XML parsing make it: no output format could carry it back.
    """
    if type(value) is str and value.isprintable():  # the common case (see _is_clean)
        return value
    bad = _first_forbidden(value)
    if bad is not None:
        raise ValidationError(
            node, f"{name} holds the forbidden character U+{ord(bad):04X}"
        )
    if "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class _Node:
    """Base of every model node: coerces and checks fields on construction."""

    __slots__ = ()
    TYPE: ClassVar[str] = "node"
    _SPECS: ClassVar[tuple[_FieldSpec, ...]]

    @classmethod
    def _specs(cls) -> tuple[_FieldSpec, ...]:
        specs: tuple[_FieldSpec, ...] | None = cls.__dict__.get("_SPECS_CACHE")
        if specs is None:
            hints = typing.get_type_hints(cls)
            specs = tuple(
                _spec_for(
                    f.name,
                    hints[f.name],
                    f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING,
                )
                for f in dataclasses.fields(typing.cast(Any, cls))
            )
            type.__setattr__(cls, "_SPECS_CACHE", specs)
        return specs

    def __post_init__(self) -> None:
        self._check_fields()
        self._check()

    def _check_fields(self) -> None:
        """The general checks of every field: types, required values, literal
        choices, text; lists become tuples and carriage returns line feeds."""
        specs: tuple[_FieldSpec, ...] = type(self).__dict__.get("_SPECS_CACHE") or self._specs()
        for spec in specs:
            value = getattr(self, spec.name)
            if value is None:
                if not spec.optional:
                    raise ValidationError(self.TYPE, f"{spec.name} is required")
                continue
            # The common cases first, to the same outcome as the general checks
            # of _check_field: a tuple of nodes of the allowed types; a string
            # field (not a literal) holding a string.
            kind = spec.kind
            if kind == "nodes" and type(value) is tuple:
                types_ = spec.types
                if all(isinstance(item, types_) for item in value):
                    continue
            elif (kind == "scalar" and type(value) is str and spec.literals is None
                  and str in spec.types):
                checked = check_text(self.TYPE, spec.name, value)
                if checked is not value:
                    object.__setattr__(self, spec.name, checked)
                continue
            self._check_field(spec, value)

    def _check_field(self, spec: _FieldSpec, value: Any) -> None:
        """Every check of one field whose value is not None."""
        if spec.kind in ("nodes", "strings"):
            if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
                raise ValidationError(
                    self.TYPE, f"{spec.name} must be a tuple, not {type(value).__name__}"
                )
            if isinstance(value, list):
                value = tuple(value)
                object.__setattr__(self, spec.name, value)
            changed = False
            items = list(value)
            for i, item in enumerate(value):
                if not isinstance(item, spec.types):
                    raise ValidationError(
                        self.TYPE,
                        f"{spec.name}[{i}] must be {_type_label(spec.types)}, "
                        f"not {_describe(item)}",
                    )
                if spec.kind == "strings" and isinstance(item, str):
                    items[i] = check_text(self.TYPE, f"{spec.name}[{i}]", item)
                    changed = changed or items[i] is not item
            if changed:
                object.__setattr__(self, spec.name, tuple(items))
            return
        if (spec.types == (int,) and isinstance(value, bool)) or not isinstance(
            value, spec.types
        ):
            raise ValidationError(
                self.TYPE,
                f"{spec.name} must be {_type_label(spec.types)}, not {_describe(value)}",
            )
        if spec.literals is not None and value not in spec.literals:
            allowed = ", ".join(repr(v) for v in spec.literals)
            raise ValidationError(
                self.TYPE, f"{spec.name} must be one of {allowed}, not {value!r}"
            )
        if isinstance(value, str):
            checked = check_text(self.TYPE, spec.name, value)
            if checked is not value:
                object.__setattr__(self, spec.name, checked)

    def _check(self) -> None:
        """Rules of this node type beyond field types; overridden per type."""

    def _fail(self, reason: str) -> typing.NoReturn:
        raise ValidationError(self.TYPE, reason)

    @classmethod
    def _node_fields(cls) -> tuple[tuple[str, bool], ...]:
        """The fields that hold nodes, in order, each with whether it holds a
        tuple of them: what :meth:`children_nodes` looks at, worked out once."""
        plan: tuple[tuple[str, bool], ...] | None = cls.__dict__.get("_NODE_FIELDS_CACHE")
        if plan is None:
            plan = tuple((s.name, s.kind == "nodes") for s in cls._specs()
                         if s.kind in ("node", "nodes"))
            type.__setattr__(cls, "_NODE_FIELDS_CACHE", plan)
        return plan

    def children_nodes(self) -> Iterator[tuple[Path, _Node]]:
        """Direct child nodes with their relative paths, in document order."""
        plan = type(self).__dict__.get("_NODE_FIELDS_CACHE")
        if plan is None:
            plan = self._node_fields()
        for name, many in plan:
            value = getattr(self, name)
            if many:
                for i, item in enumerate(value):
                    yield (name, i), item
            elif value is not None:
                yield (name,), value

    def walk(self, path: Path = ()) -> Iterator[tuple[Path, _Node]]:
        """This node and every node under it, pre-order, with their paths."""
        yield path, self
        for rel, child in self.children_nodes():
            yield from child.walk(path + rel)


def _describe(value: Any) -> str:
    return getattr(value, "TYPE", None) or type(value).__name__


def _check_lang(node: _Node, name: str, value: str | None) -> None:
    if value is not None and not _BCP47.match(value):
        node._fail(f"{name} {value!r} is not a well-formed BCP 47 language tag")


def _url_scheme(value: str) -> str:
    """``urlsplit(value).scheme.lower()`` for a URL without white space or
    control characters; ValueError from urlsplit as it raises it.

    urlsplit can only fail on the host (unbalanced or invalid brackets, or
    non-ASCII characters that NFKC turns into delimiters); an ASCII URL
    without brackets has its scheme read here, as urlsplit reads it, without
    building the split.
    """
    if value.isascii() and "[" not in value and "]" not in value:
        m = _URL_SCHEME.match(value)
        return m.group()[:-1].lower() if m else ""
    return urlsplit(value).scheme.lower()


def _check_url(node: _Node, name: str, value: str | None) -> None:
    if value is None:
        return
    if not value or _URL_SPACE.search(value):  # (see _URL_SPACE: strip() is implied)
        node._fail(f"{name} {value!r} is empty or holds white space or control characters")
    try:
        scheme = _url_scheme(value)
    except ValueError as err:
        node._fail(f"{name} {value!r} is not a valid URL ({err})")
    if scheme and scheme not in _URL_SCHEMES:
        node._fail(
            f"{name} {value!r} uses the scheme {scheme!r}; only http, https, mailto, tel "
            "and relative references are allowed"
        )


def _check_id(node: _Node, value: str | None) -> None:
    if value is None:
        return
    if not value or _WHITE_SPACE.search(value):
        node._fail(f"id {value!r} must be non-empty and hold no white space")
    if value in _RESERVED_IDS or value.startswith("a11y-"):
        node._fail(f"id {value!r} is reserved for the page the renderers generate")


def _check_datetime(node: _Node, name: str, value: str | None) -> None:
    if value is None:
        return
    m = _DATETIME.match(value)
    ok = m is not None
    if m:
        day, zone = m.group("date", "zone")
        if day and len(day) >= 10:
            try:
                date.fromisoformat(day[:10])
            except ValueError:
                ok = False
        if zone and ":" not in zone and zone != "Z":
            ok = False
    if not ok:
        node._fail(
            f"{name} {value!r} is not a machine-readable date or time "
            "(such as 2002-11-04 or 2002-11-04T09:30:00+09:00)"
        )


def _has_text(inlines: tuple[Inline, ...]) -> bool:
    """Whether :func:`plain_text` of ``inlines`` holds anything but white space
    (found without joining it: the first such piece answers)."""
    for node in inlines:
        if type(node) is Text:  # the usual first piece: the branch below, sooner
            text = node.text
            if text and not text.isspace():
                return True
        elif isinstance(node, (Text, Code, Abbreviation, Time)):
            if node.text and not node.text.isspace():
                return True
        elif isinstance(node, LineBreak):
            continue
        elif _has_text(node.children):
            return True
    return False


# --------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text(_Node):
    """A run of text."""

    TYPE: ClassVar[str] = "text"
    text: str
    lang: str | None = None

    def __post_init__(self) -> None:
        # The most numerous node, most often a plain string without a
        # language: checked here as the general checks would check it.
        text = self.text
        if self.lang is None and type(text) is str and (text.isprintable() or _is_clean(text)):
            return
        _Node.__post_init__(self)

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)


@dataclass(frozen=True, slots=True)
class Emphasis(_Node):
    """Stressed emphasis (``<em>``)."""

    TYPE: ClassVar[str] = "emphasis"
    children: tuple[Inline, ...]
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)


@dataclass(frozen=True, slots=True)
class Strong(_Node):
    """Strong importance (``<strong>``)."""

    TYPE: ClassVar[str] = "strong"
    children: tuple[Inline, ...]
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)


@dataclass(frozen=True, slots=True)
class Link(_Node):
    """A hyperlink; it must have text a screen reader can announce."""

    TYPE: ClassVar[str] = "link"
    children: tuple[Inline, ...]
    href: str
    title: str | None = None
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)
        _check_url(self, "href", self.href)
        if not _has_text(self.children):
            self._fail(f"link to {self.href!r} has no text")
        # HTML cannot nest links (a browser splits them), so the model refuses them.
        if _CHILDLESS_INLINES.issuperset(map(type, self.children)):
            return  # (the walk below would find nothing under these)
        stack: list[object] = list(self.children)
        while stack:
            node = stack.pop()
            if isinstance(node, Link):
                self._fail(f"link to {self.href!r} contains another link (to {node.href!r})")
            stack.extend(getattr(node, "children", ()))


@dataclass(frozen=True, slots=True)
class Code(_Node):
    """Inline code."""

    TYPE: ClassVar[str] = "code"
    text: str
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)


@dataclass(frozen=True, slots=True)
class Abbreviation(_Node):
    """An abbreviation and what it stands for; speech says the expansion."""

    TYPE: ClassVar[str] = "abbreviation"
    text: str
    expansion: str
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)
        if not self.text.strip():
            self._fail("text is empty")
        if not self.expansion.strip():
            self._fail(f"abbreviation {self.text!r} has an empty expansion")


@dataclass(frozen=True, slots=True)
class Time(_Node):
    """A date or time as displayed, with its machine-readable value."""

    TYPE: ClassVar[str] = "time"
    text: str
    datetime: str
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)
        _check_datetime(self, "datetime", self.datetime)
        if not self.text.strip():
            self._fail(f"time {self.datetime!r} has no displayed text")


@dataclass(frozen=True, slots=True)
class Span(_Node):
    """A span, usually in another language (``lang`` drives HTML and the voice)."""

    TYPE: ClassVar[str] = "span"
    children: tuple[Inline, ...]
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)


@dataclass(frozen=True, slots=True)
class LineBreak(_Node):
    """A line break inside a block (addresses, poems)."""

    TYPE: ClassVar[str] = "line_break"
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)


@dataclass(frozen=True, slots=True)
class Quote(_Node):
    """An inline quotation (``<q>``); renderers add the quotation marks."""

    TYPE: ClassVar[str] = "quote"
    children: tuple[Inline, ...]
    cite: str | None = None
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)
        _check_url(self, "cite", self.cite)


Inline = Union[Text, Emphasis, Strong, Link, Code, Abbreviation, Time, Span, LineBreak, Quote]  # noqa: UP007

# Inline classes without children (exactly these, not subclasses).
_CHILDLESS_INLINES = frozenset({Text, Code, Abbreviation, Time, LineBreak})


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inlines as written (no quotation marks, expansions or URLs)."""
    # Most runs (a heading, most paragraphs, bylines, cells) are one piece of
    # text: it is the answer as it stands ("".join of one str gives that str).
    if len(inlines) == 1:
        node = inlines[0]
        if type(node) is Text and type(node.text) is str:
            return node.text
    elif not inlines:
        return ""
    parts: list[str] = []
    _add_text(inlines, parts)
    return "".join(parts)


_TEXT_NODES = (Text, Code, Abbreviation, Time)


def _add_text(inlines: tuple[Inline, ...], parts: list[str]) -> None:
    """Append the pieces of :func:`plain_text` to ``parts``: one join at the end
    rather than one at each level of nesting."""
    for node in inlines:
        if isinstance(node, _TEXT_NODES):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            _add_text(node.children, parts)


# --------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------


class _Block(_Node):
    __slots__ = ()

    def _check(self) -> None:
        # Both are None in most blocks: no calls then.
        node_id = getattr(self, "id", None)
        if node_id is not None:
            _check_id(self, node_id)
        lang = getattr(self, "lang", None)
        if lang is not None:
            _check_lang(self, "lang", lang)
        self._check_block()

    def _check_block(self) -> None:
        """Rules of this block type beyond ``id`` and ``lang``."""


@dataclass(frozen=True, slots=True)
class Heading(_Block):
    """A section heading. Level 1 is the headline's; renderers re-level the body."""

    TYPE: ClassVar[str] = "heading"
    level: int
    children: tuple[Inline, ...]
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        if not 1 <= self.level <= 6:
            self._fail(f"level must be 1–6, got {self.level}")
        if not _has_text(self.children):
            self._fail("heading has no text")


@dataclass(frozen=True, slots=True)
class Paragraph(_Block):
    """A paragraph of inline content."""

    TYPE: ClassVar[str] = "paragraph"
    children: tuple[Inline, ...]
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        if not _has_text(self.children):
            self._fail("paragraph has no text")


@dataclass(frozen=True, slots=True)
class ListItem(_Node):
    """One item of a list; it holds blocks, so lists nest."""

    TYPE: ClassVar[str] = "list_item"
    children: tuple[Block, ...]
    id: str | None = None
    lang: str | None = None

    def _check(self) -> None:
        _check_id(self, self.id)
        _check_lang(self, "lang", self.lang)
        if not self.children:
            self._fail("list item is empty")


@dataclass(frozen=True, slots=True)
class List(_Block):
    """An ordered or unordered list."""

    TYPE: ClassVar[str] = "list"
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        if not self.items:
            self._fail("list has no items")
        if self.start != 1 and not self.ordered:
            self._fail("start is only meaningful for an ordered list")


@dataclass(frozen=True, slots=True)
class BlockQuote(_Block):
    """A quotation of one or more blocks, with an optional attribution."""

    TYPE: ClassVar[str] = "block_quote"
    children: tuple[Block, ...]
    attribution: tuple[Inline, ...] = ()
    cite: str | None = None
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        _check_url(self, "cite", self.cite)
        if not self.children:
            self._fail("block quote is empty")


@dataclass(frozen=True, slots=True)
class Image(_Node):
    """An image: alt text, or ``decorative=True`` for one that carries no content."""

    TYPE: ClassVar[str] = "image"
    src: str
    alt: str = ""
    decorative: bool = False
    width: int | None = None
    height: int | None = None

    def _check(self) -> None:
        _check_url(self, "src", self.src)
        if self.decorative and self.alt:
            self._fail(f"image {self.src!r} is marked decorative but has alt text")
        if not self.decorative and not self.alt.strip():
            self._fail(f"image {self.src!r} has no alt text and is not marked decorative")
        for name in ("width", "height"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                self._fail(f"{name} must be a positive number of pixels, got {value}")


@dataclass(frozen=True, slots=True)
class Figure(_Block):
    """An image with an optional caption and credit."""

    TYPE: ClassVar[str] = "figure"
    image: Image
    caption: tuple[Inline, ...] = ()
    credit: tuple[Inline, ...] = ()
    id: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class TableCell(_Node):
    """A table cell; header cells have a scope (``col``, ``row``...) or get one inferred."""

    TYPE: ClassVar[str] = "table_cell"
    children: tuple[Inline, ...] = ()
    header: bool = False
    scope: Literal["col", "row", "colgroup", "rowgroup"] | None = None
    colspan: int = 1
    rowspan: int = 1
    lang: str | None = None

    def _check(self) -> None:
        _check_lang(self, "lang", self.lang)
        if self.scope is not None and not self.header:
            self._fail("only header cells have a scope")
        if not 1 <= self.colspan <= 1000 or not 1 <= self.rowspan <= 65534:
            self._fail(f"spans must be 1–1000 columns and 1–65534 rows, got "
                       f"colspan={self.colspan} rowspan={self.rowspan}")
        if self.header and not _has_text(self.children):
            self._fail("header cell has no text")


@dataclass(frozen=True, slots=True)
class TableRow(_Node):
    """A row of cells."""

    TYPE: ClassVar[str] = "table_row"
    cells: tuple[TableCell, ...]

    def _check(self) -> None:
        if not self.cells:
            self._fail("row has no cells")


@dataclass(frozen=True, slots=True)
class Table(_Block):
    """A data table: caption, header rows, body rows and footer rows."""

    TYPE: ClassVar[str] = "table"
    caption: tuple[Inline, ...] = ()
    head: tuple[TableRow, ...] = ()
    body: tuple[TableRow, ...] = ()
    foot: tuple[TableRow, ...] = ()
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        if not self.body:
            self._fail("table has no body rows")
        if not any(c.header for r in (*self.head, *self.body) for c in r.cells):
            self._fail("table has no header cells; a data table needs them")


@dataclass(frozen=True, slots=True)
class CodeBlock(_Block):
    """Preformatted code; ``syntax`` names its language (``python``)."""

    TYPE: ClassVar[str] = "code_block"
    text: str
    syntax: str | None = None
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        if not self.text.strip():
            self._fail("code block is empty")
        if self.syntax is not None and not _SYNTAX_NAME.fullmatch(self.syntax):
            self._fail(f"syntax {self.syntax!r} must be a single word such as 'python'")


@dataclass(frozen=True, slots=True)
class Separator(_Block):
    """A thematic break between parts of the text."""

    TYPE: ClassVar[str] = "separator"
    id: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Aside(_Block):
    """A labelled aside or note within the article (a box-out, an editor's note)."""

    TYPE: ClassVar[str] = "aside"
    label: str
    children: tuple[Block, ...]
    kind: Literal["aside", "note"] = "aside"
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        if not self.label.strip():
            self._fail("aside has an empty label")
        if not self.children:
            self._fail(f"aside {self.label!r} is empty")


@dataclass(frozen=True, slots=True)
class Media(_Block):
    """Audio or video with a title, optional captions file and a transcript."""

    TYPE: ClassVar[str] = "media"
    kind: Literal["audio", "video"]
    src: str
    title: str
    transcript: tuple[Block, ...] = ()
    captions: str | None = None
    id: str | None = None
    lang: str | None = None

    def _check_block(self) -> None:
        _check_url(self, "src", self.src)
        _check_url(self, "captions", self.captions)
        if not self.title.strip():
            self._fail(f"{self.kind} {self.src!r} has no title")
        if self.captions is not None and self.kind != "video":
            self._fail("only video takes a captions file")


Block = Union[  # noqa: UP007
    Heading, Paragraph, List, BlockQuote, Figure, Table, CodeBlock, Separator, Aside, Media
]


# --------------------------------------------------------------------------
# Regions, metadata and the document
# --------------------------------------------------------------------------

RegionRole = Literal["banner", "navigation", "notice", "complementary", "contentinfo"]

#: Reading order of page regions around the main article (``"main"``).
REGION_ORDER: tuple[str, ...] = (
    "banner", "navigation", "notice", "main", "complementary", "contentinfo"
)
_REGION_RANK = {role: i for i, role in enumerate(REGION_ORDER)}


@dataclass(frozen=True, slots=True)
class Region(_Node):
    """A page region outside the article: banner, navigation, notice, aside, footer."""

    TYPE: ClassVar[str] = "region"
    role: RegionRole
    children: tuple[Block, ...]
    label: str | None = None
    id: str | None = None
    lang: str | None = None

    def _check(self) -> None:
        _check_id(self, self.id)
        _check_lang(self, "lang", self.lang)
        if self.label is not None and not self.label.strip():
            self._fail(f"{self.role} region has an empty label")
        if self.role in ("navigation", "complementary") and self.label is None:
            self._fail(f"a {self.role} region needs a label")
        if not self.children:
            self._fail(f"{self.role} region is empty")


@dataclass(frozen=True, slots=True)
class Metadata(_Node):
    """What the article says about itself; the title is the headline."""

    TYPE: ClassVar[str] = "metadata"
    title: str
    language: str = "en"
    direction: Literal["ltr", "rtl", "auto"] = "ltr"
    kicker: str | None = None
    standfirst: tuple[Inline, ...] = ()
    bylines: tuple[str, ...] = ()
    dateline: str | None = None
    published: str | None = None
    updated: str | None = None
    site_name: str | None = None
    url: str | None = None

    def _check(self) -> None:
        if not self.title.strip():
            self._fail("title is empty")
        if not _BCP47.match(self.language):
            self._fail(f"language {self.language!r} is not a well-formed BCP 47 language tag")
        for name in ("kicker", "dateline", "site_name"):
            value = getattr(self, name)
            if value is not None and not value.strip():
                self._fail(f"{name} is empty; leave it out instead")
        for i, byline in enumerate(self.bylines):
            if not byline.strip():
                self._fail(f"bylines[{i}] is empty")
        _check_datetime(self, "published", self.published)
        _check_datetime(self, "updated", self.updated)
        _check_url(self, "url", self.url)
        if self.url is not None and _url_scheme(self.url) not in ("http", "https"):
            self._fail(f"url {self.url!r} must be an absolute http or https URL")


@dataclass(frozen=True, slots=True)
class Document(_Node):
    """An article: metadata, the article body, and the page regions around it.

    ``regions`` are given in reading order: banner, navigation, notice (before
    the article), then complementary and contentinfo (after it).
    """

    TYPE: ClassVar[str] = "document"
    FORMAT_VERSION: ClassVar[int] = 1
    meta: Metadata
    body: tuple[Block, ...] = ()
    regions: tuple[Region, ...] = field(default=())

    def _check(self) -> None:
        if not self.body and not self.meta.standfirst:
            raise ValidationError("document", "the article has no body and no standfirst")
        self._check_regions()
        self._check_ids()

    def _check_regions(self) -> None:
        if not self.regions:
            return
        rank = _REGION_RANK
        last = -1
        seen: dict[tuple[str, str | None], int] = {}
        for i, region in enumerate(self.regions):
            where = ("regions", i)
            r = rank[region.role]
            if r < last:
                raise ValidationError(
                    "region",
                    f"{region.role} region comes after a region that reads later; "
                    f"order regions as {', '.join(REGION_ORDER)}",
                    where,
                )
            last = r
            if region.role in ("banner", "contentinfo") and any(
                role == region.role for role, _ in seen
            ):
                raise ValidationError("region", f"more than one {region.role} region", where)
            key = (region.role, region.label)
            if key in seen:
                raise ValidationError(
                    "region",
                    f"two {region.role} regions share the label {region.label!r}; "
                    "screen-reader users could not tell them apart",
                    where,
                )
            seen[key] = i

    def _check_ids(self) -> None:
        if not _may_repeat_id(self):
            return
        seen: dict[str, Path] = {}
        for path, node in self.walk():
            node_id = getattr(node, "id", None)
            if node_id is None:
                continue
            if node_id in seen:
                raise ValidationError(
                    node.TYPE, f"id {node_id!r} is already used at {_fmt(seen[node_id])}", path
                )
            seen[node_id] = path

    @property
    def language(self) -> str:
        """The document's language (BCP 47)."""
        return self.meta.language

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with ``format_version``; :meth:`from_dict` reverses it."""
        from .serialize import to_dict

        return to_dict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """Build a document from :meth:`to_dict` output, validating everything."""
        from .serialize import from_dict

        return from_dict(data)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The document as JSON text."""
        from .serialize import to_json

        return to_json(self, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Read a document from :meth:`to_json` output."""
        from .serialize import from_json

        return from_json(text)


# For each node class: whether it has an ``id`` field, and the fields to look
# in for nodes that may have one (inlines never do, nor anything under them).
_ID_PLANS: dict[type, tuple[bool, tuple[tuple[str, bool], ...]]] = {}


def _id_plan(cls: type[_Node]) -> tuple[bool, tuple[tuple[str, bool], ...]]:
    plan = _ID_PLANS.get(cls)
    if plan is None:
        has_id: dict[type, bool] = {c: any(s.name == "id" for s in c._specs())
                                    for c in NODE_TYPES.values()}
        may: dict[type, bool] = dict(has_id)
        changed = True
        while changed:  # a class may hold ids when a class it may hold does
            changed = False
            for c in NODE_TYPES.values():
                if not may[c] and any(may.get(t, True) for s in c._specs()
                                      if s.kind in ("node", "nodes") for t in s.types):
                    may[c] = changed = True
        for c in NODE_TYPES.values():
            _ID_PLANS[c] = (has_id[c], tuple(
                (s.name, s.kind == "nodes") for s in c._specs()
                if s.kind in ("node", "nodes") and any(may.get(t, True) for t in s.types)))
        plan = _ID_PLANS.get(cls)
        if plan is None:  # a class outside the model: look everywhere
            plan = (True, tuple((s.name, s.kind == "nodes") for s in cls._specs()
                                if s.kind in ("node", "nodes")))
            _ID_PLANS[cls] = plan
    return plan


def _may_repeat_id(doc: Document) -> bool:
    """Whether two nodes under ``doc`` may share an id: a quick look, without
    paths, at the nodes that can have one; the full walk names the culprit."""
    seen: set[object] = set()
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        plan = _ID_PLANS.get(type(node)) or _id_plan(type(node))
        if plan[0]:
            node_id = getattr(node, "id", None)
            if node_id is not None:
                if node_id in seen:
                    return True
                seen.add(node_id)
        for name, many in plan[1]:
            value = getattr(node, name)
            if value is None:
                continue
            if many:
                stack.extend(value)
            else:
                stack.append(value)
    return False


def _fmt(path: Path) -> str:
    from .errors import format_path

    return format_path(path)


Node = Union[  # noqa: UP007
    Document, Metadata, Region, Block, ListItem, Image, TableRow, TableCell, Inline
]

#: Every node class by its serialised ``type`` name.
NODE_TYPES: dict[str, type[_Node]] = {
    cls.TYPE: cls
    for cls in (
        Text, Emphasis, Strong, Link, Code, Abbreviation, Time, Span, LineBreak, Quote,
        Heading, Paragraph, List, ListItem, BlockQuote, Image, Figure, Table, TableRow,
        TableCell, CodeBlock, Separator, Aside, Media, Region, Metadata, Document,
    )
}

INLINE_TYPES: tuple[type[_Node], ...] = _classes_of(Inline)
BLOCK_TYPES: tuple[type[_Node], ...] = _classes_of(Block)
