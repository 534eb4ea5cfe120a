"""A small DOM over lxml, with the computed style jsdom gives, for the ``vsr`` port.

The Virtual Screen Reader runs on jsdom: it walks DOM child nodes (text nodes
included) and asks ``getComputedStyle`` for ``display`` and ``visibility``.
This module gives the port the same view of a page:

* :class:`Node` — elements and text nodes with parent links, in document
  order; comments are dropped (they add nothing, but the text on each side
  stays two text nodes, as in the DOM); ``<template>`` has no children
  (its content is a separate fragment in the DOM); SVG element names get
  their DOM spelling (``clipPath``, ``foreignObject``...).
* :class:`Styles` — jsdom's cascade for the two properties: its default
  style sheet, the page's ``<style>`` sheets (``@media`` only when the list
  holds ``all`` or ``screen``, as jsdom evaluates it; ``<link>`` sheets are
  never loaded) and ``style`` attributes, with specificity, ``!important``
  and inheritance of ``visibility``.
* a CSS selector matcher for those rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from lxml import etree

from ._vsr_data import DEFAULT_CSS

__all__ = ["Document", "Node", "Styles", "js_trim", "sanitize"]

# JavaScript's white space (String.prototype.trim, /\s/): not Python's.
JS_WS: Final = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_JS_WS_RUN: Final = re.compile(f"[{JS_WS}]+")
_ASCII_WS: Final = "\t\n\f\r "


def js_trim(s: str) -> str:
    """``String.prototype.trim``."""
    return s.strip(JS_WS)


def sanitize(s: str) -> str:
    """The reader's ``sanitizeString``: trim, then every white-space run -> one space."""
    return _JS_WS_RUN.sub(" ", js_trim(s))


#: SVG element names as the HTML parser spells them in the DOM (lxml lower-cases them).
_SVG_NAMES: Final = {
    n.lower(): n
    for n in [
        "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion",
        "animateTransform", "clipPath", "feBlend", "feColorMatrix", "feComponentTransfer",
        "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
        "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
        "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
        "foreignObject", "glyphRef", "linearGradient", "radialGradient", "textPath"
    ]
}


class Node:
    """A DOM node: an element (``tag`` set) or a text node (``data`` set)."""

    __slots__ = ("attrs", "children", "data", "display", "index", "parent", "svg", "tag",
                 "visibility")  # fmt: skip

    def __init__(self, tag: str | None, attrs: dict[str, str], data: str | None,
                 parent: Node | None, svg: bool) -> None:  # fmt: skip
        self.tag = tag
        self.attrs = attrs
        self.data = data
        self.parent = parent
        self.svg = svg
        self.children: list[Node] = []
        self.index = 0
        self.display = "inline"
        self.visibility = "visible"

    @property
    def is_element(self) -> bool:
        """True for an element, False for a text node."""
        return self.tag is not None

    def get(self, name: str) -> str | None:
        """``getAttribute``."""
        return self.attrs.get(name)

    def has(self, name: str) -> bool:
        """``hasAttribute``."""
        return name in self.attrs

    @property
    def parent_element(self) -> Node | None:
        """``parentElement`` (``None`` above the root element)."""
        return self.parent

    def element_children(self) -> list[Node]:
        """Child elements (not text)."""
        return [c for c in self.children if c.tag is not None]

    def descendants(self) -> Iterator[Node]:
        """Descendants in tree order (not this node)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def text_content(self) -> str:
        """``textContent``: every descendant text node's data, joined."""
        if self.data is not None:
            return self.data
        return "".join(n.data for n in self.descendants() if n.data is not None)

    def closest(self, test: Callable[[Node], bool]) -> Node | None:
        """``closest`` with a predicate: this element or the nearest ancestor passing."""
        node: Node | None = self
        while node is not None:
            if test(node):
                return node
            node = node.parent
        return None

    def contains(self, other: Node) -> bool:
        """``contains``: ``other`` is this node or inside it."""
        node: Node | None = other
        while node is not None:
            if node is self:
                return True
            node = node.parent
        return False

    def __repr__(self) -> str:
        return f"<{self.tag}>" if self.tag is not None else f"#text {self.data!r}"




class Document:
    """The page: its root element, ``body``, ids and computed styles."""

    def __init__(self, root: etree._Element) -> None:
        self.nodes: list[Node] = []  # elements and text, in document order
        self.root = self._build(root)
        body = next((c for c in self.root.children if c.tag == "body"), None)
        if body is None:
            body = Node("body", {}, None, self.root, False)
            self.root.children.append(body)
            body.index = len(self.nodes)
            self.nodes.append(body)
        self.body = body
        self.ids: dict[str, Node] = {}
        for node in self.nodes:
            ident = node.attrs.get("id") if node.tag is not None else None
            if ident is not None and ident not in self.ids:
                self.ids[ident] = node
        self.body_ids: dict[str, Node] = {}
        for node in body.descendants():
            ident = node.attrs.get("id") if node.tag is not None else None
            if ident is not None and ident not in self.body_ids:
                self.body_ids[ident] = node
        self.labels = [n for n in self.nodes if n.tag == "label" and not n.svg]
        Styles(self).apply()

    def by_id(self, ident: str) -> Node | None:
        """``document.getElementById``."""
        return self.ids.get(ident)

    def _build(self, root: etree._Element) -> Node:
        top = Node("html", _attrs(root), None, None, False)
        self.nodes.append(top)
        # (lxml element, its Node); children are added in order, text first
        stack: list[tuple[etree._Element, Node]] = [(root, top)]
        while stack:
            el, node = stack.pop()
            if node.tag == "template":
                continue  # template content is a separate document fragment
            pending: list[tuple[etree._Element, Node]] = []
            self._text(node, el.text)
            table = node if node.tag == "table" and not node.svg else None
            body: Node | None = None  # the tbody the HTML parser opens for a bare <tr>
            for child in el:
                if isinstance(child.tag, str):
                    tag = child.tag.rsplit("}", 1)[-1].lower()
                    if table is not None:
                        if tag == "tr" and body is None:
                            body = Node("tbody", {}, None, table, False)
                            table.children.append(body)
                            node = body
                        elif tag != "tr" and body is not None:
                            body = None
                            node = table
                    svg = (node.svg and node.tag != "foreignObject") or tag == "svg"
                    if svg:
                        tag = _SVG_NAMES.get(tag, tag)
                    new = Node(tag, _attrs(child), None, node, svg)
                    new.index = len(self.nodes)
                    self.nodes.append(new)
                    node.children.append(new)
                    pending.append((child, new))
                    # the subtree comes before the tail text in document
                    # order; indexes of the subtree are fixed up below
                self._text(node, child.tail)
            stack.extend(reversed(pending))
        # document order: a pre-order walk (the build above was breadth-ish)
        self.nodes = [top, *top.descendants()]
        for i, n in enumerate(self.nodes):
            n.index = i
        return top

    def _text(self, parent: Node, text: str | None) -> None:
        if text:
            node = Node(None, {}, text, parent, parent.svg)
            parent.children.append(node)


def _attrs(el: etree._Element) -> dict[str, str]:
    return {str(k).rsplit("}", 1)[-1].lower(): str(v) for k, v in el.attrib.items()}


# --------------------------------------------------------------------------- #
# selectors
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class _Compound:
    tag: str | None  # lower-case type, None for any
    ids: tuple[str, ...]
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str | None, str, bool], ...]  # name, op, value, ignore case
    pseudos: tuple[tuple[str, object], ...]  # name, argument
    never: bool  # a pseudo-element or a state that is never true here


@dataclass(frozen=True, slots=True)
class _Complex:
    parts: tuple[_Compound, ...]  # right-most last
    combinators: tuple[str, ...]  # between parts: " ", ">", "+", "~"


class _SelectorError(ValueError):
    pass


_IDENT: Final = re.compile(r"-?(?:[A-Za-z_\u0080-\uffff]|\\.)(?:[\w\u0080-\uffff-]|\\.)*")
_NEVER_PSEUDOS: Final = frozenset(
    {"hover", "focus", "focus-visible", "focus-within", "active", "visited", "target",
     "target-within", "popover-open", "modal", "fullscreen", "picture-in-picture",
     "playing", "paused", "autofill", "user-invalid", "user-valid", "current", "past",
     "future", "host", "host-context", "state"}
)  # fmt: skip
_ALWAYS_PSEUDOS: Final = frozenset({"defined", "scope"})


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


class _SelectorParser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def parse_list(self) -> list[_Complex]:
        out = [self.parse_complex()]
        self.ws()
        while self.peek(","):
            self.i += 1
            out.append(self.parse_complex())
            self.ws()
        if self.i != len(self.s) and not self.peek(")"):
            raise _SelectorError(self.s)
        return out

    def peek(self, c: str) -> bool:
        return self.s.startswith(c, self.i)

    def ws(self) -> bool:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] in " \t\n\r\f":
            self.i += 1
        return self.i > start

    def parse_complex(self) -> _Complex:
        self.ws()
        parts = [self.parse_compound()]
        combs: list[str] = []
        while True:
            had_ws = self.ws()
            if self.i >= len(self.s) or self.s[self.i] in ",)":
                break
            if self.s[self.i] in ">+~":
                comb = self.s[self.i]
                self.i += 1
                self.ws()
            elif had_ws:
                comb = " "
            else:
                raise _SelectorError(self.s)
            combs.append(comb)
            parts.append(self.parse_compound())
        return _Complex(tuple(parts), tuple(combs))

    def ident(self) -> str:
        m = _IDENT.match(self.s, self.i)
        if not m:
            raise _SelectorError(self.s)
        self.i = m.end()
        return _unescape(m.group())

    def parse_compound(self) -> _Compound:
        tag: str | None = None
        ids: list[str] = []
        classes: list[str] = []
        attrs: list[tuple[str, str | None, str, bool]] = []
        pseudos: list[tuple[str, object]] = []
        never = False
        if self.peek("*"):
            self.i += 1
        elif _IDENT.match(self.s, self.i):
            tag = self.ident().lower()
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "#":
                self.i += 1
                ids.append(self.ident())
            elif c == ".":
                self.i += 1
                classes.append(self.ident())
            elif c == "[":
                attrs.append(self.parse_attr())
            elif c == ":":
                self.i += 1
                if self.peek(":"):
                    self.i += 1
                    self.ident()
                    never = True  # a pseudo-element: jsdom never matches it
                    if self.peek("("):
                        self.skip_parens()
                    continue
                name = self.ident().lower()
                arg: object = None
                if self.peek("("):
                    self.i += 1
                    if name in ("not", "is", "where", "matches", "any", "-webkit-any", "has"):
                        arg = self.parse_list()
                    else:
                        start = self.i
                        self.skip_parens(opened=True)
                        arg = self.s[start : self.i - 1].strip()
                        pseudos.append((name, arg))
                        continue
                    self.ws()
                    if not self.peek(")"):
                        raise _SelectorError(self.s)
                    self.i += 1
                if name in ("before", "after", "first-line", "first-letter", "marker",
                            "placeholder", "selection", "backdrop") or name in _NEVER_PSEUDOS:
                    never = True
                elif name not in _ALWAYS_PSEUDOS:
                    pseudos.append((name, arg))
            else:
                break
        if tag is None and not (ids or classes or attrs or pseudos or never) and not (
            self.i > 0 and self.s[self.i - 1] == "*"
        ):
            raise _SelectorError(self.s)
        return _Compound(tag, tuple(ids), tuple(classes), tuple(attrs), tuple(pseudos), never)

    def skip_parens(self, opened: bool = False) -> None:
        depth = 1 if opened else 0
        if not opened:
            self.i += 1
            depth = 1
        while self.i < len(self.s) and depth:
            if self.s[self.i] == "(":
                depth += 1
            elif self.s[self.i] == ")":
                depth -= 1
            self.i += 1

    def parse_attr(self) -> tuple[str, str | None, str, bool]:
        self.i += 1
        self.ws()
        name = self.ident().lower()
        self.ws()
        op: str | None = None
        value = ""
        icase = False
        m = re.compile(r"[~|^$*]?=").match(self.s, self.i)
        if m:
            op = m.group()
            self.i = m.end()
            self.ws()
            if self.s[self.i : self.i + 1] in ('"', "'"):
                q = self.s[self.i]
                end = self.s.find(q, self.i + 1)
                if end < 0:
                    raise _SelectorError(self.s)
                value = self.s[self.i + 1 : end]
                self.i = end + 1
            else:
                value = self.ident()
            self.ws()
            if self.s[self.i : self.i + 1] in ("i", "I", "s", "S"):
                icase = self.s[self.i] in "iI"
                self.i += 1
                self.ws()
        if not self.peek("]"):
            raise _SelectorError(self.s)
        self.i += 1
        return name, op, value, icase


def _specificity(sel: _Complex) -> tuple[int, int, int]:
    a = b = c = 0
    for part in sel.parts:
        a += len(part.ids)
        b += len(part.classes) + len(part.attrs)
        c += 1 if part.tag is not None else 0
        for name, arg in part.pseudos:
            if name in ("is", "not", "matches", "any", "-webkit-any", "has"):
                if isinstance(arg, list) and arg:
                    sa, sb, sc = max(_specificity(x) for x in arg)
                    a, b, c = a + sa, b + sb, c + sc
            elif name != "where":
                b += 1
        if part.never:
            c += 1
    return a, b, c


# HTML attributes whose values selectors compare without case (HTML,
# "case-sensitivity of selectors").
_ICASE_ATTRS: Final = frozenset(
    [
        "accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked",
        "clear", "codetype", "color", "compact", "declare", "defer", "dir", "direction",
        "disabled", "enctype", "face", "frame", "hreflang", "http-equiv", "lang", "language",
        "link", "media", "method", "multiple", "nohref", "noresize", "noshade", "nowrap",
        "readonly", "rel", "rev", "rules", "scope", "scrolling", "selected", "shape", "target",
        "text", "type", "valign", "valuetype", "vlink"
    ]
)


def _match_attr(node: Node, name: str, op: str | None, value: str, icase: bool) -> bool:
    actual = node.attrs.get(name)
    if actual is None:
        return False
    if op is None:
        return True
    if icase or (name in _ICASE_ATTRS and not node.svg):
        actual, value = actual.lower(), value.lower()
    if op == "=":
        return actual == value
    if op == "~=":
        return value != "" and value in actual.split()
    if op == "|=":
        return actual == value or actual.startswith(value + "-")
    if op == "^=":
        return value != "" and actual.startswith(value)
    if op == "$=":
        return value != "" and actual.endswith(value)
    if op == "*=":
        return value != "" and value in actual
    return False


def _nth(arg: str, pos: int) -> bool:
    arg = arg.strip().lower()
    if arg == "odd":
        a, b = 2, 1
    elif arg == "even":
        a, b = 2, 0
    else:
        m = re.fullmatch(r"([+-]?\d*)n\s*(?:([+-])\s*(\d+))?", arg)
        if m:
            raw = m.group(1)
            a = -1 if raw == "-" else 1 if raw in ("", "+") else int(raw)
            b = int(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1)
        elif re.fullmatch(r"[+-]?\d+", arg):
            a, b = 0, int(arg)
        else:
            return False
    if a == 0:
        return pos == b
    return (pos - b) % a == 0 and (pos - b) // a >= 0


def _siblings(node: Node) -> list[Node]:
    return node.parent.element_children() if node.parent is not None else [node]


def _match_compound(node: Node, comp: _Compound) -> bool:
    if comp.never or node.tag is None:
        return False
    if comp.tag is not None and node.tag.lower() != comp.tag:
        return False
    if comp.ids and any(node.attrs.get("id") != i for i in comp.ids):
        return False
    if comp.classes:
        classes = node.attrs.get("class", "").split()
        if any(c not in classes for c in comp.classes):
            return False
    for name, op, value, icase in comp.attrs:
        if not _match_attr(node, name, op, value, icase):
            return False
    return all(_match_pseudo(node, name, arg) for name, arg in comp.pseudos)


def _match_pseudo(node: Node, name: str, arg: object) -> bool:
    if name in ("not", "is", "where", "matches", "any", "-webkit-any"):
        sels = arg if isinstance(arg, list) else []
        hit = any(_match_complex(node, s) for s in sels)
        return not hit if name == "not" else hit
    if name == "has":
        return False
    tag = node.tag or ""
    if name == "root":
        return node.parent is None
    if name == "empty":
        return not node.children
    if name in ("first-child", "last-child", "only-child", "nth-child", "nth-last-child"):
        sib = _siblings(node)
        pos = sib.index(node)
        if name == "first-child":
            return pos == 0
        if name == "last-child":
            return pos == len(sib) - 1
        if name == "only-child":
            return len(sib) == 1
        n = pos + 1 if name == "nth-child" else len(sib) - pos
        return _nth(str(arg), n)
    if name in ("first-of-type", "last-of-type", "only-of-type", "nth-of-type",
                "nth-last-of-type"):  # fmt: skip
        sib = [s for s in _siblings(node) if s.tag == node.tag]
        pos = sib.index(node)
        if name == "first-of-type":
            return pos == 0
        if name == "last-of-type":
            return pos == len(sib) - 1
        if name == "only-of-type":
            return len(sib) == 1
        n = pos + 1 if name == "nth-of-type" else len(sib) - pos
        return _nth(str(arg), n)
    if name in ("link", "any-link"):
        return tag in ("a", "area") and "href" in node.attrs
    if name == "checked":
        kind = node.attrs.get("type", "").lower()
        return (tag == "input" and kind in ("checkbox", "radio") and "checked" in node.attrs) or (
            tag == "option" and "selected" in node.attrs
        )
    if name in ("disabled", "enabled"):
        form = tag in ("button", "input", "select", "textarea", "optgroup", "option", "fieldset")
        if not form:
            return False
        return ("disabled" in node.attrs) == (name == "disabled")
    if name == "open":
        return tag in ("details", "dialog") and "open" in node.attrs
    if name == "lang":
        want = str(arg).strip().strip("\"'").lower()
        up: Node | None = node
        while up is not None:
            lang = up.attrs.get("lang")
            if lang is not None:
                lang = lang.lower()
                return lang == want or lang.startswith(want + "-")
            up = up.parent
        return False
    if name in ("required", "optional"):
        if tag not in ("input", "select", "textarea"):
            return False
        return ("required" in node.attrs) == (name == "required")
    if name in ("read-only", "read-write"):
        writable = (tag in ("input", "textarea") and "readonly" not in node.attrs
                    and "disabled" not in node.attrs) or node.attrs.get(
                        "contenteditable", None) in ("", "true")  # fmt: skip
        return writable == (name == "read-write")
    if name == "placeholder-shown":
        return tag in ("input", "textarea") and "placeholder" in node.attrs and not node.attrs.get(
            "value"
        )
    return False  # unknown here: no match


def _match_complex(node: Node, sel: _Complex, k: int | None = None) -> bool:
    k = len(sel.parts) - 1 if k is None else k
    if not _match_compound(node, sel.parts[k]):
        return False
    if k == 0:
        return True
    comb = sel.combinators[k - 1]
    if comb == ">":
        return node.parent is not None and _match_complex(node.parent, sel, k - 1)
    if comb == " ":
        anc = node.parent
        while anc is not None:
            if _match_complex(anc, sel, k - 1):
                return True
            anc = anc.parent
        return False
    sib = _siblings(node)
    pos = sib.index(node)
    if comb == "+":
        return pos > 0 and _match_complex(sib[pos - 1], sel, k - 1)
    return any(_match_complex(s, sel, k - 1) for s in sib[:pos])


# --------------------------------------------------------------------------- #
# style sheets
# --------------------------------------------------------------------------- #

_DISPLAY_VALUES: Final = frozenset(
    [
        "none", "contents", "block", "inline", "inline-block", "run-in", "flow", "flow-root",
        "table", "flex", "grid", "ruby", "list-item", "inline-table", "inline-flex",
        "inline-grid", "table-row-group", "table-header-group", "table-footer-group", "table-row",
        "table-cell", "table-column-group", "table-column", "table-caption", "ruby-base",
        "ruby-text", "ruby-base-container", "ruby-text-container", "math", "inline-list-item",
        "block-ruby"
    ]
)
_GLOBAL: Final = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
_VISIBILITY_VALUES: Final = frozenset({"visible", "hidden", "collapse"})
_IMPORTANT: Final = re.compile(r"!\s*important\s*$", re.I)


def _declarations(block: str, *, inline: bool = False) -> list[tuple[str, str, bool]]:
    """(property, value, important) for the display and visibility declarations.

    jsdom lower-cases property names in style sheets but not in ``style``
    attributes, where ``DISPLAY:none`` is dropped."""
    out: list[tuple[str, str, bool]] = []
    for decl in _split_top(block, ";"):
        prop, sep, value = decl.partition(":")
        if not sep:
            continue
        prop = prop.strip() if inline else prop.strip().lower()
        if prop not in ("display", "visibility"):
            continue
        important = bool(_IMPORTANT.search(value))
        value = _IMPORTANT.sub("", value).strip().lower()
        value = " ".join(value.split())
        if value in _GLOBAL:
            out.append((prop, value, important))
        elif prop == "display" and all(v in _DISPLAY_VALUES for v in value.split()) and value:
            out.append((prop, value if value != "block flow" else "block", important))
        elif prop == "visibility" and value in _VISIBILITY_VALUES:
            out.append((prop, value, important))
    return out


def _split_top(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


@dataclass(slots=True)
class _Rule:
    selectors: list[_Complex]
    specificity: tuple[int, int, int]
    declarations: list[tuple[str, str, bool]]


def _parse_sheet(css: str) -> list[_Rule]:
    """The style rules of a sheet (with the rules of matching ``@media`` blocks), in order."""
    css = re.sub(r"/\*.*?(\*/|$)", "", css, flags=re.S)
    rules: list[_Rule] = []
    _parse_block(css, 0, rules, top=True)
    return rules


def _parse_block(css: str, i: int, rules: list[_Rule], *, top: bool) -> int:
    n = len(css)
    while i < n:
        # the prelude runs to "{" or ";" (at-rule statement) or "}" (end of block)
        j = i
        quote = ""
        while j < n:
            c = css[j]
            if quote:
                if c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c in "{;}":
                break
            j += 1
        if j >= n:
            return n
        prelude = css[i:j].strip()
        if css[j] == "}":
            return j + 1
        if css[j] == ";":
            i = j + 1
            continue
        body_start = j + 1
        if prelude.lower().startswith("@media") and top:
            queries = [" ".join(q.split()).lower() for q in prelude[6:].split(",")]
            nested: list[_Rule] = []
            i = _parse_block(css, body_start, nested, top=False)
            if any(q in ("all", "screen") for q in queries):
                rules.extend(nested)
            continue
        end = _block_end(css, body_start)
        if not prelude.startswith("@"):
            decls = _declarations(css[body_start : end - 1])
            if decls:
                try:
                    selectors = _SelectorParser(prelude).parse_list()
                except (_SelectorError, IndexError):
                    selectors = []
                if selectors:
                    spec = max(_specificity(s) for s in selectors)
                    rules.append(_Rule(selectors, spec, decls))
        i = end
    return i


def _block_end(css: str, i: int) -> int:
    depth = 1
    quote = ""
    n = len(css)
    while i < n and depth:
        c = css[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return i


_DEFAULT_RULES: list[_Rule] | None = None


class Styles:
    """Sets ``display`` and ``visibility`` on every element as jsdom computes them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def sheets(self) -> list[_Rule]:
        global _DEFAULT_RULES
        if _DEFAULT_RULES is None:
            _DEFAULT_RULES = _parse_sheet("".join(DEFAULT_CSS))
        rules = list(_DEFAULT_RULES)
        for node in self.doc.nodes:
            if node.tag == "style" and not node.svg:
                kind = node.attrs.get("type", "").strip().lower()
                if kind in ("", "text/css"):
                    rules.extend(_parse_sheet(node.text_content()))
        return rules

    def apply(self) -> None:
        rules = self.sheets()
        # cascaded values: element -> prop -> (value, important, specificity)
        cascade: dict[int, dict[str, tuple[str, bool, tuple[int, int, int]]]] = {}
        elements = [n for n in self.doc.nodes if n.tag is not None]
        for rule in rules:
            for node in elements:
                if not any(_match_complex(node, s) for s in rule.selectors):
                    continue
                slot = cascade.setdefault(node.index, {})
                for prop, value, important in rule.declarations:
                    old = slot.get(prop)
                    if important:
                        slot[prop] = (value, True, rule.specificity)
                    elif old is None or (not old[1] and rule.specificity >= old[2]):
                        slot[prop] = (value, False, rule.specificity)
        for node in elements:
            style = node.attrs.get("style")
            if style:
                slot = cascade.setdefault(node.index, {})
                for prop, value, important in _declarations(style, inline=True):
                    old = slot.get(prop)
                    if important or old is None or not old[1]:
                        slot[prop] = (value, important, (1, 0, 0, 0)[:3])
        for node in elements:  # document order: parents first
            slot = cascade.get(node.index, {})
            parent = node.parent
            display = slot.get("display", ("", False, (0, 0, 0)))[0]
            if display == "inherit":
                display = parent.display if parent is not None else "inline"
            elif display in ("", "initial", "unset"):
                display = "inline"
            node.display = display
            vis = slot.get("visibility", ("", False, (0, 0, 0)))[0]
            if vis in ("", "inherit", "unset"):
                vis = parent.visibility if parent is not None else "visible"
            elif vis == "initial":
                vis = "visible"
            node.visibility = vis
