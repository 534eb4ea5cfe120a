"""CSS selectors (the common part of Selectors level 4) for the style resolver:
parsed once, matched against elements at rest, with three-valued results
(``None``: cannot tell, e.g. ``:has()`` or a selector that did not parse)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, TypeAlias

from ._css import Element, Tri, skip_string, tag_name, tri_and

Specificity: TypeAlias = tuple[int, int, int]


@dataclass(slots=True)
class _Compound:
    tag: str | None = None  # None: any element
    ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    # (name, operator or "", value, case-insensitive)
    attrs: list[tuple[str, str, str, bool]] = field(default_factory=list)
    # (name, argument: selectors, an+b, text, or None)
    pseudos: list[tuple[str, object]] = field(default_factory=list)
    pseudo_element: str | None = None


@dataclass(slots=True)
class _Nth:
    a: int
    b: int
    of: list[Selector] | None = None


class _SelectorSyntaxError(ValueError):
    pass


class _SelectorParser:
    """A recursive-descent parser for CSS Selectors level 4 (the common part)."""

    _IDENT_START: Final = re.compile(r"-?(?:[A-Za-z_\u0080-\U0010ffff]|\\.)|--")

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def error(self, what: str) -> _SelectorSyntaxError:
        return _SelectorSyntaxError(f"{what} at {self.i} in {self.s!r}")

    def ws(self) -> bool:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] in " \t\n\r\f":
            self.i += 1
        return self.i > start

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def ident(self) -> str:
        m = self._IDENT_START.match(self.s, self.i)
        if not m:
            raise self.error("identifier expected")
        out: list[str] = []
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch == "\\":
                m2 = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?").match(self.s, self.i)
                if m2:
                    code = int(m2.group(1), 16)
                    out.append(chr(code) if 0 < code <= 0x10FFFF else "\ufffd")
                    self.i = m2.end()
                elif self.i + 1 < len(self.s):
                    out.append(self.s[self.i + 1])
                    self.i += 2
                else:
                    self.i += 1
                continue
            if ch.isalnum() or ch in "-_" or ord(ch) >= 0x80:
                out.append(ch)
                self.i += 1
                continue
            break
        return "".join(out)

    def selector_list(self, *, forgiving: bool = False) -> list[Selector]:
        out: list[Selector] = []
        while True:
            self.ws()
            start = self.i
            try:
                out.append(self.complex())
            except _SelectorSyntaxError:
                if not forgiving:
                    raise
                self._skip_to_comma()
                out.append(Selector([], (0, 0, 0), unknown=True, text=self.s[start:self.i]))
            self.ws()
            if self.peek() == ",":
                self.i += 1
                continue
            return out

    def _skip_to_comma(self) -> None:
        depth = 0
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    return
                depth -= 1
            elif ch == "," and depth == 0:
                return
            self.i += 1

    def complex(self) -> Selector:
        start = self.i
        parts: list[tuple[str, _Compound]] = []
        combinator = ""
        while True:
            self.ws()
            if self.peek() in (">", "+", "~"):
                if not parts:
                    raise self.error("combinator with nothing before it")
                combinator = self.peek()
                self.i += 1
                self.ws()
            compound = self.compound()
            parts.append((combinator, compound))
            had_ws = self.ws()
            nxt = self.peek()
            if nxt in ("", ",", ")"):
                break
            if nxt in (">", "+", "~"):
                continue
            if not had_ws:
                raise self.error("unexpected character")
            combinator = " "
        return Selector([(c, p) for c, p in parts], _specificity(parts),
                        text=self.s[start:self.i].strip())

    def compound(self) -> _Compound:
        c = _Compound()
        ch = self.peek()
        if ch == "*":
            self.i += 1
            if self.peek() == "|":
                raise self.error("namespaces are not supported")
        elif ch and self._IDENT_START.match(self.s, self.i):
            c.tag = self.ident().lower()
            if self.peek() == "|":
                raise self.error("namespaces are not supported")
        seen = c.tag is not None or ch == "*"
        while True:
            ch = self.peek()
            if ch == "#":
                self.i += 1
                c.ids.append(self.ident())
            elif ch == ".":
                self.i += 1
                c.classes.append(self.ident())
            elif ch == "[":
                self.i += 1
                c.attrs.append(self.attribute())
            elif ch == ":":
                self.i += 1
                if self.peek() == ":":
                    self.i += 1
                    c.pseudo_element = self.ident().lower()
                    if self.peek() == "(":
                        self._skip_parens()
                else:
                    name = self.ident().lower()
                    if name in ("before", "after", "first-line", "first-letter"):
                        c.pseudo_element = name  # CSS2 one-colon pseudo-elements
                    else:
                        c.pseudos.append((name, self.pseudo_argument(name)))
            else:
                break
            seen = True
        if not seen:
            raise self.error("selector expected")
        return c

    def _skip_parens(self) -> None:
        depth = 0
        while self.i < len(self.s):
            ch = self.s[self.i]
            self.i += 1
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return

    def attribute(self) -> tuple[str, str, str, bool]:
        self.ws()
        name = self.ident().lower()
        if self.peek() == "|":
            raise self.error("namespaces are not supported")
        self.ws()
        m = re.compile(r"([~|^$*]?=)").match(self.s, self.i)
        if not m:
            if self.peek() != "]":
                raise self.error("] expected")
            self.i += 1
            return (name, "", "", False)
        op = m.group(1)
        self.i = m.end()
        self.ws()
        if self.peek() in "\"'":
            end = skip_string(self.s, self.i)
            raw = self.s[self.i + 1 : end - 1]
            value = re.sub(r"\\(.)", r"\1", raw)
            self.i = end
        else:
            value = self.ident()
        self.ws()
        insensitive = False
        if self.peek() in ("i", "I", "s", "S"):
            insensitive = self.peek() in ("i", "I")
            self.i += 1
            self.ws()
        if self.peek() != "]":
            raise self.error("] expected")
        self.i += 1
        return (name, op, value, insensitive)

    def pseudo_argument(self, name: str) -> object:
        if self.peek() != "(":
            return None
        self.i += 1
        if name in ("not", "is", "where", "matches", "-webkit-any", "-moz-any", "has"):
            if name == "has":
                start = self.i
                self._skip_parens_from_inside()
                return self.s[start : self.i - 1]
            forgiving = name in ("is", "where", "matches", "-webkit-any", "-moz-any")
            sels = self.selector_list(forgiving=forgiving)
            self.ws()
            if self.peek() != ")":
                raise self.error(") expected")
            self.i += 1
            return sels
        start = self.i
        self._skip_parens_from_inside()
        raw = self.s[start : self.i - 1].strip()
        if name in ("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"):
            return _parse_nth(raw, allow_of=name in ("nth-child", "nth-last-child"))
        return raw

    def _skip_parens_from_inside(self) -> None:
        depth = 1
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch in "\"'":
                self.i = skip_string(self.s, self.i)
                continue
            self.i += 1
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return
        raise self.error(") expected")


def _parse_nth(raw: str, *, allow_of: bool) -> _Nth:
    text, of = raw, None
    m = re.search(r"\s+of\s+", raw)
    if m and allow_of:
        text = raw[: m.start()]
        of = _SelectorParser(raw[m.end():]).selector_list()
    t = text.replace(" ", "").lower()
    if t == "odd":
        return _Nth(2, 1, of)
    if t == "even":
        return _Nth(2, 0, of)
    m2 = re.fullmatch(r"([+-]?\d*)n([+-]\d+)?", t)
    if m2:
        a_txt = m2.group(1)
        a = -1 if a_txt == "-" else 1 if a_txt in ("", "+") else int(a_txt)
        return _Nth(a, int(m2.group(2) or 0), of)
    if re.fullmatch(r"[+-]?\d+", t):
        return _Nth(0, int(t), of)
    raise _SelectorSyntaxError(f"bad an+b {raw!r}")


def _max_spec(sels: Sequence[Selector]) -> Specificity:
    return max((s.specificity for s in sels), default=(0, 0, 0))


def _specificity(parts: Sequence[tuple[str, _Compound]]) -> Specificity:
    a = b = c = 0
    for _, comp in parts:
        a += len(comp.ids)
        b += len(comp.classes) + len(comp.attrs)
        c += 1 if comp.tag is not None else 0
        c += 1 if comp.pseudo_element else 0
        for name, arg in comp.pseudos:
            if name == "where":
                continue
            if isinstance(arg, list):
                sa, sb, sc = _max_spec(arg)
                a, b, c = a + sa, b + sb, c + sc
                continue
            b += 1
            if isinstance(arg, _Nth) and arg.of:
                sa, sb, sc = _max_spec(arg.of)
                a, b, c = a + sa, b + sb, c + sc
    return (a, b, c)


class _MatchCache:
    """What one selector has learnt about a page, so matching stays linear:
    whether some ancestor matches its first compounds, and sibling positions."""

    __slots__ = ("ancestor", "position")

    def __init__(self) -> None:
        # (compound index, element) -> an ancestor of it matches parts[: index + 1]
        self.ancestor: dict[tuple[int, Element], Tri] = {}
        # (kind, element) -> 1-based position among its siblings of that kind
        self.position: dict[tuple[str, Element], int] = {}

    def index(self, el: Element, *, of_type: bool, from_end: bool) -> int:
        """``el``'s position among its element siblings (of its type), from either end."""
        kind = ("type" if of_type else "child") + ("-last" if from_end else "")
        found = self.position.get((kind, el))
        if found is not None:
            return found
        parent = el.getparent()
        if parent is None:
            return 1
        sibs = [c for c in parent if isinstance(c.tag, str)]
        if from_end:
            sibs.reverse()
        counts: dict[object, int] = {}
        for c in sibs:  # number every sibling at once: one pass per parent
            key = c.tag if of_type else None
            counts[key] = counts.get(key, 0) + 1
            self.position[(kind, c)] = counts[key]
        return self.position[(kind, el)]


@dataclass(slots=True)
class Selector:
    """One complex selector: compounds joined by combinators, matched right to left."""

    parts: list[tuple[str, _Compound]]
    specificity: Specificity
    unknown: bool = False  # a part this module cannot parse (inside :is()): may match
    text: str = ""
    _cache: _MatchCache = field(default_factory=lambda: _MatchCache(), repr=False)

    def matches(self, el: Element) -> Tri:
        """True, False or ``None`` (cannot tell) for ``el`` at rest."""
        if self.unknown:
            return None
        if not self.parts or self.parts[-1][1].pseudo_element is not None:
            # a pseudo-element styles generated content, not the element's own text;
            # ::first-line / ::first-letter do colour part of it
            if self.parts and self.parts[-1][1].pseudo_element in ("first-line", "first-letter"):
                return None
            return False
        return _match_from(self.parts, len(self.parts) - 1, el, self._cache)

    @property
    def key(self) -> tuple[str, str]:
        """What the rightmost compound needs: an id, a class, a tag, or ("*", "")."""
        if not self.parts:
            return ("*", "")
        comp = self.parts[-1][1]
        if comp.ids:
            return ("id", comp.ids[0])
        if comp.classes:
            return ("class", comp.classes[0])
        if comp.tag is not None:
            return ("tag", comp.tag)
        return ("*", "")


def parse_selectors(text: str) -> list[Selector] | None:
    """A selector list, or ``None`` if it cannot be parsed here."""
    try:
        parser = _SelectorParser(text.strip())
        sels = parser.selector_list()
        if parser.i != len(parser.s):
            return None
        return sels
    except (_SelectorSyntaxError, RecursionError):
        return None


def _elements(nodes: Iterator[Element]) -> Iterator[Element]:
    return (n for n in nodes if isinstance(n.tag, str))


def _match_from(parts: list[tuple[str, _Compound]], idx: int, el: Element,
                cache: _MatchCache) -> Tri:
    combinator, comp = parts[idx]
    result = _match_compound(comp, el, cache)
    if result is False or idx == 0:
        return result
    rest: Tri = False
    if combinator == ">":
        parent = el.getparent()
        rest = _match_from(parts, idx - 1, parent, cache) if parent is not None else False
    elif combinator == " ":
        rest = _some_ancestor(parts, idx - 1, el, cache)
    elif combinator == "+":
        prev = next(_elements(el.itersiblings(preceding=True)), None)
        rest = _match_from(parts, idx - 1, prev, cache) if prev is not None else False
    else:  # "~"
        for sib in _elements(el.itersiblings(preceding=True)):
            m = _match_from(parts, idx - 1, sib, cache)
            if m is True:
                rest = True
                break
            if m is None:
                rest = None
    return tri_and(result, rest)


def _some_ancestor(parts: list[tuple[str, _Compound]], idx: int, el: Element,
                   cache: _MatchCache) -> Tri:
    """Whether an ancestor of ``el`` matches ``parts[: idx + 1]``, memoised and
    computed from the top down, so descendant combinators stay linear on deep pages."""
    memo = cache.ancestor
    chain = [el]
    node = el.getparent()
    while node is not None and (idx, node) not in memo:
        chain.append(node)
        node = node.getparent()
    for n in reversed(chain):
        parent = n.getparent()
        if parent is None:
            memo[(idx, n)] = False
            continue
        here = _match_from(parts, idx, parent, cache)
        above = memo[(idx, parent)]
        memo[(idx, n)] = True if True in (here, above) else (
            None if None in (here, above) else False)
    return memo[(idx, el)]


_CASE_INSENSITIVE_ATTRS: Final = frozenset(
    {"type", "lang", "dir", "method", "rel", "scope", "shape", "valign", "align", "media",
     "charset", "target", "checked", "disabled", "selected", "multiple", "readonly"}
)


def _match_attr(el: Element, name: str, op: str, value: str, insensitive: bool) -> bool:
    raw = el.get(name)
    if raw is None:
        return False
    if not op:
        return True
    actual = str(raw)
    if insensitive or name in _CASE_INSENSITIVE_ATTRS:
        actual, value = actual.lower(), value.lower()
    if op == "=":
        return actual == value
    if op == "~=":
        return value in actual.split()
    if op == "|=":
        return actual == value or actual.startswith(value + "-")
    if not value:
        return False
    if op == "^=":
        return actual.startswith(value)
    if op == "$=":
        return actual.endswith(value)
    return value in actual  # "*="


def _nth_match(nth: _Nth, index: int) -> bool:
    """Whether ``index`` (1-based) is a*n+b for some n >= 0."""
    if nth.a == 0:
        return index == nth.b
    n, r = divmod(index - nth.b, nth.a)
    return r == 0 and n >= 0


#: Pseudo-classes that only match in a state the page is not in at rest.
_STATEFUL: Final = frozenset(
    {"hover", "active", "focus", "focus-visible", "focus-within", "visited", "target",
     "target-within", "autofill", "-webkit-autofill", "user-invalid", "user-valid",
     "fullscreen", "modal", "picture-in-picture", "playing", "paused", "popover-open",
     "current", "past", "future", "drop", "local-link", "-moz-focusring"}
)

#: Form controls: what ``:disabled`` and ``:enabled`` apply to.
FORM_TAGS: Final = frozenset({"button", "input", "select", "textarea", "optgroup", "option",
                               "fieldset"})


def _match_compound(comp: _Compound, el: Element, cache: _MatchCache) -> Tri:
    tag = tag_name(el)
    if not tag:
        return False
    if comp.tag is not None and comp.tag != tag:
        return False
    if comp.ids and any(el.get("id") != i for i in comp.ids):
        return False
    if comp.classes:
        have = str(el.get("class", "")).split()
        if any(c not in have for c in comp.classes):
            return False
    for name, op, value, insensitive in comp.attrs:
        if not _match_attr(el, name, op, value, insensitive):
            return False
    result: Tri = True
    for name, arg in comp.pseudos:
        r = _match_pseudo(name, arg, el, tag, cache)
        if r is False:
            return False
        if r is None:
            result = None
    return result


def _siblings(el: Element) -> list[Element]:
    parent = el.getparent()
    if parent is None:
        return [el]
    return [c for c in parent if isinstance(c.tag, str)]


def _match_pseudo(name: str, arg: object, el: Element, tag: str, cache: _MatchCache) -> Tri:
    if name in _STATEFUL:
        return False
    if name in ("is", "where", "matches", "-webkit-any", "-moz-any"):
        assert isinstance(arg, list)
        return _match_any(arg, el)
    if name == "not":
        assert isinstance(arg, list)
        inner = _match_any(arg, el)
        return None if inner is None else not inner
    if name == "root":
        return el.getparent() is None
    if name == "scope":
        return el.getparent() is None
    if name in ("link", "any-link", "-webkit-any-link"):
        return tag in ("a", "area") and el.get("href") is not None
    if name == "empty":
        return not el.text and all(not isinstance(c.tag, str) and not c.tail for c in el)
    if name in ("first-child", "last-child", "only-child", "first-of-type", "last-of-type",
                "only-of-type"):
        # look only as far as the nearest sibling that counts: linear pages stay linear
        same = name.endswith("of-type")
        first = not any(not same or s.tag == el.tag
                        for s in _elements(el.itersiblings(preceding=True)))
        last = not any(not same or s.tag == el.tag for s in _elements(el.itersiblings()))
        return {"first": first, "last": last, "only": first and last}[name.split("-")[0]]
    if name in ("nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"):
        if not isinstance(arg, _Nth):
            return None
        if arg.of is None:
            index = cache.index(el, of_type=name.endswith("of-type"),
                                from_end=name.startswith("nth-last"))
            return _nth_match(arg, index)
        sibs = _siblings(el)
        if name.endswith("of-type"):
            sibs = [s for s in sibs if s.tag == el.tag]
        if arg.of is not None:
            kept: list[Element] = []
            for s in sibs:
                m = _match_any(arg.of, s)
                if m is None:
                    return None
                if m:
                    kept.append(s)
            if el not in kept:
                return False
            sibs = kept
        if name.startswith("nth-last"):
            sibs = list(reversed(sibs))
        return _nth_match(arg, sibs.index(el) + 1)
    if name == "lang" and isinstance(arg, str):
        want = [w.strip().strip("\"'").lower() for w in arg.split(",")]
        lang = _inherited_lang(el)
        if lang is None:
            return False
        return any(lang == w or lang.startswith(w + "-") or w == "*" for w in want)
    if name == "dir" and isinstance(arg, str):
        d = _inherited_attr(el, "dir") or "ltr"
        return d.lower() == arg.strip().lower()
    if name in ("checked",):
        return (tag == "input" and el.get("checked") is not None) or (
            tag == "option" and el.get("selected") is not None)
    if name in ("disabled", "enabled"):
        if tag not in FORM_TAGS:
            return False
        disabled = el.get("disabled") is not None
        return disabled if name == "disabled" else not disabled
    if name == "required":
        return tag in ("input", "select", "textarea") and el.get("required") is not None
    if name == "optional":
        return tag in ("input", "select", "textarea") and el.get("required") is None
    if name == "placeholder-shown":
        return tag in ("input", "textarea") and bool(el.get("placeholder")) and not el.get("value")
    if name == "defined":
        return True
    if name == "open":
        return tag in ("details", "dialog") and el.get("open") is not None
    if name == "closed":
        return tag in ("details", "dialog") and el.get("open") is None
    return None  # :has(), :host, :read-only, unknown vendor pseudo-classes...


def _match_any(sels: Sequence[Selector], el: Element) -> Tri:
    out: Tri = False
    for sel in sels:
        m = sel.matches(el)
        if m is True:
            return True
        if m is None:
            out = None
    return out


def _inherited_attr(el: Element, name: str) -> str | None:
    node: Element | None = el
    while node is not None:
        v = node.get(name)
        if v is not None:
            return str(v)
        node = node.getparent()
    return None


def _inherited_lang(el: Element) -> str | None:
    v = _inherited_attr(el, "lang")
    return v.strip().lower() if v is not None else None

