"""The cascade for the style resolver: the page's sheets and ``style``
attributes on top of the browser's defaults (``@media``, ``@layer``,
``!important``, specificity, inheritance, custom properties and ``var()``,
the ``background`` and ``font`` shorthands), and computed text colours,
backgrounds, font sizes (``calc()``, ``min()``, ``max()``, ``clamp()``) and
weights, as far as they can be known from the page alone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, TypeAlias, TypeVar

from ._color import BLACK, RGBA, TRANSPARENT, parse_color
from ._css import (
    DESKTOP,
    UNKNOWN,
    Declaration,
    Element,
    MediaEnv,
    blocks,
    media_matches,
    parse_declarations,
    split_top,
    strip_comments,
    tag_name,
)
from ._selectors import Selector, Specificity, parse_selectors

# --------------------------------------------------------------------------- #
# style sheets
# --------------------------------------------------------------------------- #


@dataclass(slots=True)
class StyleRule:
    """A style rule of a sheet, with what decides its place in the cascade."""

    selectors: list[Selector]
    declarations: list[Declaration]
    order: int
    layer: int  # larger wins for normal declarations; unlayered is the largest
    certain: bool  # False: under an @media/@supports condition that cannot be told


_UNLAYERED: Final = 1 << 20


@dataclass
class StyleSheet:
    """The rules of a page's sheets, and whether it loads CSS that cannot be seen."""

    rules: list[StyleRule] = field(default_factory=list)
    external: bool = False
    _layers: dict[str, int] = field(default_factory=dict)

    def add(self, text: str, env: MediaEnv, certain: bool = True) -> None:
        """Parse ``text`` (one ``<style>`` element) and append its rules."""
        self._add_block(strip_comments(text), env, certain, _UNLAYERED, "")

    def _layer_rank(self, name: str) -> int:
        if name not in self._layers:
            self._layers[name] = len(self._layers)
        return self._layers[name]

    def _add_block(self, text: str, env: MediaEnv, certain: bool, layer: int,
                   layer_name: str) -> None:
        for prelude, body in blocks(text):
            if prelude.startswith("@"):
                self._at_rule(prelude, body, env, certain, layer, layer_name)
                continue
            if body is None:
                continue
            sels = parse_selectors(prelude)
            decls = parse_declarations(body)
            if not decls:
                continue
            if sels is None:
                # a selector this module cannot read may match anything
                sels = [Selector([], (0, 0, 0), unknown=True, text=prelude)]
            self.rules.append(StyleRule(sels, decls, len(self.rules), layer, certain))

    def _at_rule(self, prelude: str, body: str | None, env: MediaEnv, certain: bool,
                 layer: int, layer_name: str) -> None:
        m = re.match(r"@([\w-]+)\s*(.*)\Z", prelude, re.S)
        if not m:
            return
        name, cond = m.group(1).lower(), m.group(2).strip()
        if name == "import":
            self.external = True
            return
        if body is None:
            if name == "layer":  # "@layer a, b;" fixes the order of layers
                for n in cond.split(","):
                    self._layer_rank(f"{layer_name}.{n.strip()}")
            return
        if name == "media":
            r = media_matches(cond, env)
            if r is False:
                return
            self._add_block(body, env, certain and r is True, layer, layer_name)
        elif name == "supports":
            # progressive enhancement is the common case; a negated test may not hold
            sure = not cond.lower().lstrip("( ").startswith("not")
            self._add_block(body, env, certain and sure, layer, layer_name)
        elif name == "layer":
            full = f"{layer_name}.{cond or f'<anonymous {len(self._layers)}>'}"
            self._add_block(body, env, certain, self._layer_rank(full), full)
        elif name in ("container", "scope", "starting-style", "document", "-moz-document"):
            self._add_block(body, env, False, layer, layer_name)
        # @font-face, @keyframes, @page, @property, @counter-style...: no text colours


# --------------------------------------------------------------------------- #
# lengths
# --------------------------------------------------------------------------- #

Interval: TypeAlias = tuple[float, float]

_ABS_UNITS: Final[dict[str, float]] = {
    "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4,
    "q": 96 / 101.6,
}
_FONT_KEYWORDS: Final[dict[str, float]] = {
    "xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0,
    "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0,
}
_LENGTH_TOKEN: Final = re.compile(
    r"\s*(?:(?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?P<unit>%|[a-z]+)?"
    r"|(?P<func>[a-z-]+)\(|(?P<op>[-+*/(),]))",
    re.I,
)


class _LengthEval:
    """Evaluates a font size (``calc()``, ``min()``, ``max()``, ``clamp()`` and the
    internal ``range(a, b)``) to an interval of pixels, given the parent's size."""

    def __init__(self, text: str, em: Interval, rem: float, env: MediaEnv) -> None:
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _LENGTH_TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(text)
            if m.group("num") is not None:
                self.tokens.append(("num", m.group("num") + "|" + (m.group("unit") or "")))
            elif m.group("func") is not None:
                self.tokens.append(("func", m.group("func").lower()))
            else:
                self.tokens.append(("op", m.group("op")))
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
        self.i = 0
        self.em, self.rem, self.env = em, rem, env

    def parse(self) -> Interval:
        value = self.sum()
        if self.i != len(self.tokens):
            raise ValueError("trailing tokens")
        return value

    def _next(self) -> tuple[str, str]:
        if self.i >= len(self.tokens):
            raise ValueError("unexpected end")
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def sum(self) -> Interval:
        lo, hi = self.product()
        while (tok := self._peek()) is not None and tok in (("op", "+"), ("op", "-")):
            self.i += 1
            b_lo, b_hi = self.product()
            if tok[1] == "+":
                lo, hi = lo + b_lo, hi + b_hi
            else:
                lo, hi = lo - b_hi, hi - b_lo
        return (lo, hi)

    def product(self) -> Interval:
        lo, hi = self.atom()
        while (tok := self._peek()) is not None and tok in (("op", "*"), ("op", "/")):
            self.i += 1
            b_lo, b_hi = self.atom()
            if tok[1] == "*":
                cands = [lo * b_lo, lo * b_hi, hi * b_lo, hi * b_hi]
            else:
                if b_lo <= 0 <= b_hi:
                    raise ValueError("division by an interval holding 0")
                cands = [lo / b_lo, lo / b_hi, hi / b_lo, hi / b_hi]
            lo, hi = min(cands), max(cands)
        return (lo, hi)

    def _args(self) -> list[Interval]:
        args = [self.sum()]
        while True:
            kind, val = self._next()
            if (kind, val) == ("op", ","):
                args.append(self.sum())
            elif (kind, val) == ("op", ")"):
                return args
            else:
                raise ValueError("bad argument list")

    def atom(self) -> Interval:
        kind, val = self._next()
        if kind == "op" and val == "(":
            inner = self.sum()
            if self._next() != ("op", ")"):
                raise ValueError(") expected")
            return inner
        if kind == "op" and val == "-":
            lo, hi = self.atom()
            return (-hi, -lo)
        if kind == "func":
            args = self._args()
            if val == "calc" and len(args) == 1:
                return args[0]
            if val == "min":
                return (min(a[0] for a in args), min(a[1] for a in args))
            if val == "max":
                return (max(a[0] for a in args), max(a[1] for a in args))
            if val == "clamp" and len(args) == 3:
                mn, v, mx = args
                return (max(mn[0], min(v[0], mx[0])), max(mn[1], min(v[1], mx[1])))
            if val == "range" and len(args) == 2:
                return (min(args[0][0], args[1][0]), max(args[0][1], args[1][1]))
            raise ValueError(f"unsupported function {val}")
        if kind != "num":
            raise ValueError("number expected")
        num_text, unit = val.split("|")
        n = float(num_text)
        unit = unit.lower()
        if unit == "":
            return (n, n)
        if unit in _ABS_UNITS:
            return (n * _ABS_UNITS[unit], n * _ABS_UNITS[unit])
        if unit == "em":
            return (n * self.em[0], n * self.em[1])
        if unit == "%":
            return (n * self.em[0] / 100.0, n * self.em[1] / 100.0)
        if unit == "rem":
            return (n * self.rem, n * self.rem)
        if unit in ("ex", "ch"):  # about half an em in common fonts; a range to be safe
            return (n * self.em[0] * 0.4, n * self.em[1] * 0.6)
        if unit in ("vw", "vh", "vmin", "vmax", "svw", "lvw", "dvw", "svh", "lvh", "dvh"):
            w, h = self.env.width, self.env.height
            base = {"w": w, "h": h}.get(unit[-1], w)
            if unit.endswith("min"):
                base = min(w, h)
            elif unit.endswith("max"):
                base = max(w, h)
            return (n * base / 100.0, n * base / 100.0)
        raise ValueError(f"unsupported unit {unit}")


def _font_size(value: str, parent: Interval, rem: float, env: MediaEnv) -> Interval | None:
    v = value.strip().lower()
    if v in _FONT_KEYWORDS:
        size = _FONT_KEYWORDS[v]
        return (size, size)
    if v == "smaller":
        return (parent[0] / 1.2, parent[1] / 1.2)
    if v == "larger":
        return (parent[0] * 1.2, parent[1] * 1.2)
    try:
        lo, hi = _LengthEval(v, parent, rem, env).parse()
    except (ValueError, ZeroDivisionError):
        return None
    return (max(lo, 0.0), max(hi, 0.0))


# --------------------------------------------------------------------------- #
# the cascade
# --------------------------------------------------------------------------- #

#: Properties that inherit (of those this module reads).
_INHERITED: Final = frozenset(
    {"color", "font-size", "font-weight", "visibility", "text-shadow",
     "-webkit-text-fill-color", "font-family"}
)

#: What a style sheet the resolver cannot see may have set.
_UNSEEN_MAY_SET: Final = frozenset(
    {"color", "background-color", "background-image", "font-size", "font-weight", "font-family"}
)

#: Which declarations set a longhand: itself and its shorthands.
_SET_BY: Final[dict[str, tuple[str, ...]]] = {
    "background-color": ("background-color", "background"),
    "background-image": ("background-image", "background"),
    "font-size": ("font-size", "font"),
    "font-weight": ("font-weight", "font"),
    "font-family": ("font-family", "font"),
    "left": ("left", "inset", "inset-inline", "inset-inline-start"),
    "top": ("top", "inset", "inset-block", "inset-block-start"),
    "width": ("width", "inline-size"),
    "height": ("height", "block-size"),
}

#: The browser's default styles that matter for text colours, sizes and visibility.
_UA_CSS: Final = """
head, script, style, template, title, meta, link, base, noscript, datalist, param, rp,
area, [hidden]:not([hidden=until-found]), input[type=hidden i], dialog:not([open]) { display: none }
a:any-link, area:any-link { color: #0000ee }
mark { background-color: #ffff00; color: #000000 }
h1 { font-size: 2em; font-weight: bold }
h2 { font-size: 1.5em; font-weight: bold }
h3 { font-size: 1.17em; font-weight: bold }
h4 { font-size: 1em; font-weight: bold }
h5 { font-size: 0.83em; font-weight: bold }
h6 { font-size: 0.67em; font-weight: bold }
b, strong, th, optgroup { font-weight: bolder }
small, sub, sup { font-size: smaller }
big { font-size: larger }
code, kbd, samp, pre, tt, listing, xmp, plaintext { font-size: range(0.8125em, 1em) }
button, input, select, textarea { font-size: 13.3333px; font-weight: normal; color: #000000 }
button, select, input[type=button i], input[type=submit i], input[type=reset i],
input[type=file i], input[type=color i] { background-color: #efefef }
input, textarea { background-color: #ffffff }
"""


@dataclass(slots=True)
class _Candidate:
    """A declaration that applies to an element, with its cascade key."""

    decl: Declaration
    key: tuple[int, int, int, int, int, int]
    certain: bool


_PRIORITY_UA: Final = 0
_PRIORITY_AUTHOR: Final = 1


class StyleResolver:
    """The styles of one page's elements, from its inline styles and ``<style>`` sheets.

    Values are computed lazily and memoised. The resolver reads what a
    browser would apply with no external style sheet loaded; when the page
    links one (``<link rel=stylesheet>`` or ``@import``), every property that
    the visible CSS does not set is unknown rather than the browser's default.
    """

    def __init__(self, root: Element, env: MediaEnv = DESKTOP) -> None:
        self.root = root
        self.env = env
        self.ua = StyleSheet()
        self.ua.add(_UA_CSS, env)
        self.sheet = StyleSheet()
        for el in root.iter("style", "link"):
            tag = tag_name(el)
            if tag == "link":
                rel = str(el.get("rel", "")).lower().split()
                media = media_matches(str(el.get("media", "")), env)
                if "stylesheet" in rel and media is not False:
                    self.sheet.external = True
                continue
            if any(tag_name(a) in ("template", "noscript") for a in el.iterancestors()):
                continue
            media = media_matches(str(el.get("media", "")), env)
            if media is False:
                continue
            self.sheet.add(el.text or "", env, certain=media is True)
        self.external = self.sheet.external
        self._ua_index = _index(self.ua.rules)
        self._index = _index(self.sheet.rules)
        self._decls: dict[Element, dict[str, list[_Candidate]]] = {}
        self._values: dict[tuple[Element, str], str | None] = {}
        self._sizes: dict[Element, Interval | None] = {}
        self._weights: dict[Element, int | None] = {}
        self._colors: dict[Element, RGBA | None] = {}
        self._none: dict[Element, bool] = {}

    # -- cascade -------------------------------------------------------------

    def _candidates(self, el: Element) -> dict[str, list[_Candidate]]:
        found = self._decls.get(el)
        if found is not None:
            return found
        out: dict[str, list[_Candidate]] = {}
        for origin, index in ((_PRIORITY_UA, self._ua_index), (_PRIORITY_AUTHOR, self._index)):
            for rule, spec, certain in _matching(index, el):
                for d in rule.declarations:
                    layer = rule.layer if not d.important else _UNLAYERED - rule.layer
                    key = (origin * 2 + (1 if d.important else 0), 0, layer,
                           spec[0] * 1_000_000 + spec[1] * 1_000 + spec[2], 0, rule.order)
                    out.setdefault(d.name, []).append(_Candidate(d, key, certain))
        style = el.get("style")
        if style:
            for d in parse_declarations(str(style)):
                key = (_PRIORITY_AUTHOR * 2 + (1 if d.important else 0), 1, 0, 0, 0, 0)
                out.setdefault(d.name, []).append(_Candidate(d, key, True))
        # the important author declarations beat everything; sort once
        for cands in out.values():
            cands.sort(key=lambda c: c.key, reverse=True)
        self._decls[el] = out
        return out

    def cascaded(self, el: Element, prop: str) -> tuple[str, str] | None:
        """The winning ``(declaration name, raw value)`` for ``prop`` on ``el``,
        ``None`` when nothing sets it, or ``("", UNKNOWN)``."""
        cands = self._candidates(el)
        names = _SET_BY.get(prop, (prop,))
        best: _Candidate | None = None
        for name in names:
            for c in cands.get(name, ()):
                if best is None or c.key > best.key:
                    best = c
                break  # each list is sorted: its first is its best
        if best is None:
            return None
        # an uncertain rule that would win if it applied makes the value unknown;
        # so does a default of the browser's that an unseen sheet may override
        if not best.certain or (self.external and best.key[0] < _PRIORITY_AUTHOR * 2):
            return ("", UNKNOWN)
        return (best.decl.name, best.decl.value)

    def value(self, el: Element, prop: str) -> str | None:
        """The specified value of ``prop`` (inheritance applied for inherited
        properties, ``var()`` substituted), ``None`` for the initial value,
        or :data:`UNKNOWN`."""
        memo_key = (el, prop)
        if memo_key in self._values:
            return self._values[memo_key]
        if prop in _INHERITED or prop.startswith("--"):
            # ancestors first, top down: a deep page needs no deep recursion
            for anc in _uncomputed_ancestors(el, lambda n: (n, prop) in self._values):
                self._values[(anc, prop)] = self._value(anc, prop)
        result = self._value(el, prop)
        self._values[memo_key] = result
        return result

    def _value(self, el: Element, prop: str) -> str | None:
        got = self.cascaded(el, prop)
        parent = el.getparent()
        if got is None:
            if self.external and self._author_could_set(prop):
                return UNKNOWN
            if prop in _INHERITED or prop.startswith("--"):
                return self.value(parent, prop) if parent is not None else None
            return None
        name, raw = got
        if raw == UNKNOWN:
            return UNKNOWN
        if name != prop:
            raw = self._from_shorthand(el, name, prop, raw)
            if raw == UNKNOWN:
                return UNKNOWN
        if "var(" in raw.lower():
            substituted = self._substitute(el, raw, 0)
            if substituted is None:
                return UNKNOWN
            raw = substituted
        keyword = raw.strip().lower()
        if keyword in ("inherit", "unset", "revert", "revert-layer") and (
                keyword == "inherit" or prop in _INHERITED or prop.startswith("--")):
            return self.value(parent, prop) if parent is not None else None
        if keyword in ("initial", "unset", "revert", "revert-layer"):
            return None
        return raw

    @staticmethod
    def _author_could_set(prop: str) -> bool:
        # An unseen sheet may set any colour or font; it is assumed to leave
        # the rarer properties (opacity, filters, positioning, clipping) alone,
        # or nothing could ever be judged on a page that links a style sheet.
        return prop in _UNSEEN_MAY_SET

    def _from_shorthand(self, el: Element, name: str, prop: str, raw: str) -> str:
        if "var(" in raw.lower():
            sub = self._substitute(el, raw, 0)
            if sub is None:
                return UNKNOWN
            raw = sub
        low = raw.strip().lower()
        if low in ("inherit", "initial", "unset", "revert", "revert-layer"):
            return low
        if name == "background":
            layers = split_top(raw, ",")
            final = layers[-1]
            tokens = split_top(final.strip(), " ")
            if prop == "background-image":
                has_image = any(re.search(r"(url|gradient|image|image-set|element)\(", lay, re.I)
                                for lay in layers)
                return "some-image" if has_image else "none"
            for tok in tokens:
                if tok and parse_color(tok) is not None:
                    return tok
                if tok.lower() == "currentcolor":
                    return tok
            return "transparent"
        if name == "font":
            return _font_part(raw, prop)
        if name in ("inset", "inset-inline", "inset-block", "inset-inline-start",
                    "inset-block-start"):
            return raw.split()[0] if raw.split() else UNKNOWN
        return raw

    def _substitute(self, el: Element, raw: str, depth: int) -> str | None:
        """``raw`` with every ``var(--x, fallback)`` replaced; ``None`` if one is unknown."""
        if depth > 20:
            return None
        out: list[str] = []
        i = 0
        low = raw.lower()
        while True:
            j = low.find("var(", i)
            if j < 0:
                out.append(raw[i:])
                break
            out.append(raw[i:j])
            depth_p, k = 1, j + 4
            while k < len(raw) and depth_p:
                depth_p += 1 if raw[k] == "(" else -1 if raw[k] == ")" else 0
                k += 1
            inner = raw[j + 4 : k - 1]
            name, _, fallback = inner.partition(",")
            value = self.value(el, name.strip())
            if value == UNKNOWN:
                return None
            if value is None or not value.strip():
                if not _:
                    return None  # invalid at computed time: the property is unset
                value = fallback
            sub = self._substitute(el, value, depth + 1) if "var(" in value.lower() else value
            if sub is None:
                return None
            out.append(sub)
            i = k
        return "".join(out)

    # -- computed values -------------------------------------------------------

    def color(self, el: Element) -> RGBA | None:
        """The text colour (``None`` when unknown)."""
        return _top_down(self._colors, el, self._color)

    def _color(self, el: Element) -> RGBA | None:
        raw = self.value(el, "color")
        if raw is None:
            return None if self.external else BLACK
        if raw == UNKNOWN:
            return None
        low = raw.strip().lower()
        if low == "currentcolor":
            parent = el.getparent()
            return self.color(parent) if parent is not None else BLACK
        return parse_color(low)

    def background(self, el: Element) -> tuple[RGBA | None, bool]:
        """(background colour, has a background image) of ``el`` itself."""
        img = self.value(el, "background-image")
        has_image = img == UNKNOWN or (img is not None and img.strip().lower() != "none")
        raw = self.value(el, "background-color")
        if raw is None:
            return ((None, has_image) if self.external else (TRANSPARENT, has_image))
        if raw == UNKNOWN:
            return (None, has_image)
        low = raw.strip().lower()
        if low == "currentcolor":
            return (self.color(el), has_image)
        return (parse_color(low), has_image)

    def font_size(self, el: Element) -> Interval | None:
        """The font size in px, as an interval when it depends on what is not
        known exactly (``clamp()`` with viewport units...); ``None`` if unknown."""
        return _top_down(self._sizes, el, self._font_size)

    def _font_size(self, el: Element) -> Interval | None:
        parent = el.getparent()
        base: Interval | None = self.font_size(parent) if parent is not None else (
            self.env.root_font_px, self.env.root_font_px)
        raw = self.value(el, "font-size")
        result: Interval | None
        if base is None or raw == UNKNOWN:
            result = None
        elif raw is None:
            result = base
        else:
            root_size = self.font_size(self.root) if el is not self.root else (16.0, 16.0)
            rem = root_size[0] if root_size is not None and root_size[0] == root_size[1] else None
            result = None if rem is None else _font_size(raw, base, rem, self.env)
            if result is not None:  # 1e400px is infinite: keep sizes finite
                result = (min(result[0], 1e6), min(result[1], 1e6))
        return result

    def font_weight(self, el: Element) -> int | None:
        """The numeric font weight (``None`` if unknown)."""
        return _top_down(self._weights, el, self._font_weight)

    def _font_weight(self, el: Element) -> int | None:
        parent = el.getparent()
        inherited = self.font_weight(parent) if parent is not None else 400
        raw = self.value(el, "font-weight")
        result: int | None
        if raw == UNKNOWN:
            result = None
        elif raw is None:
            result = inherited if parent is not None else 400
        else:
            low = raw.strip().lower()
            if low == "normal":
                result = 400
            elif low == "bold":
                result = 700
            elif low in ("bolder", "lighter"):
                if inherited is None:
                    result = None
                elif low == "bolder":
                    result = 400 if inherited < 350 else 700 if inherited < 550 else 900
                else:
                    result = 100 if inherited < 550 else 400 if inherited < 750 else 700
            elif re.fullmatch(r"\d+(\.\d+)?", low):
                result = int(float(low))
            else:
                result = None
        return result

    def keyword(self, el: Element, prop: str) -> str | None:
        """A keyword-valued property, lower-cased (``None``: initial; may be UNKNOWN)."""
        raw = self.value(el, prop)
        return raw.strip().lower() if raw is not None and raw != UNKNOWN else raw

    def display_none(self, el: Element) -> bool:
        """``display: none`` on ``el`` or an ancestor, as far as can be told."""
        return _top_down(self._none, el, self._display_none)

    def _display_none(self, el: Element) -> bool:
        parent = el.getparent()
        return (parent is not None and self.display_none(parent)) or (
            self.keyword(el, "display") == "none")

    def visibility_hidden(self, el: Element) -> bool:
        """``visibility: hidden`` or ``collapse`` in effect (it inherits)."""
        return self.keyword(el, "visibility") in ("hidden", "collapse")


_T = TypeVar("_T")


def _top_down(memo: dict[Element, _T], el: Element, compute: Callable[[Element], _T]) -> _T:
    """``compute(el)``, memoised in ``memo``; ``el``'s ancestors are computed
    first, from the top down, so that ``compute`` reading its parent's value
    never recurses deeply on a deep page."""
    if el in memo:
        return memo[el]
    for anc in _uncomputed_ancestors(el, memo.__contains__):
        memo[anc] = compute(anc)
    result = compute(el)
    memo[el] = result
    return result


def _uncomputed_ancestors(el: Element, known: Callable[[Element], bool]) -> list[Element]:
    """The ancestors of ``el`` not yet ``known``, from the top down, so that
    each can be computed from its (known) parent without recursion."""
    chain: list[Element] = []
    node = el.getparent()
    while node is not None and not known(node):
        chain.append(node)
        node = node.getparent()
    chain.reverse()
    return chain


def _font_part(raw: str, prop: str) -> str:
    """font-size, font-weight or font-family out of a ``font`` shorthand."""
    low = raw.strip().lower()
    if low in ("caption", "icon", "menu", "message-box", "small-caption", "status-bar") or (
            low.startswith("-")):
        return UNKNOWN
    tokens = split_top(raw.strip(), " ")
    tokens = [t for t in tokens if t]
    weight = "normal"
    for i, tok in enumerate(tokens):
        t = tok.lower()
        size_part = t.split("/")[0]
        is_size = size_part in _FONT_KEYWORDS or size_part in ("smaller", "larger") or bool(
            re.fullmatch(r"[+-]?(?:\d+\.?\d*|\.\d+)(%|[a-z]+)", size_part)) or size_part.startswith(
            ("calc(", "clamp(", "min(", "max("))
        if is_size:
            if prop == "font-size":
                return tok.split("/")[0]
            if prop == "font-weight":
                return weight
            return " ".join(tokens[i + 1 :]) or UNKNOWN
        if t in ("bold", "bolder", "lighter") or re.fullmatch(r"\d{3}", t):
            weight = t
    return UNKNOWN


def _index(rules: Sequence[StyleRule]) -> dict[tuple[str, str], list[tuple[StyleRule, Selector]]]:
    index: dict[tuple[str, str], list[tuple[StyleRule, Selector]]] = {}
    for rule in rules:
        for sel in rule.selectors:
            index.setdefault(sel.key, []).append((rule, sel))
    return index


def _matching(index: dict[tuple[str, str], list[tuple[StyleRule, Selector]]], el: Element
              ) -> Iterator[tuple[StyleRule, Specificity, bool]]:
    """The rules whose selector matches ``el``: (rule, specificity, certain)."""
    buckets = [index.get(("*", ""), []), index.get(("tag", tag_name(el)), [])]
    ident = el.get("id")
    if ident:
        buckets.append(index.get(("id", str(ident)), []))
    for cls in str(el.get("class", "")).split():
        buckets.append(index.get(("class", cls), []))
    best: dict[int, tuple[StyleRule, Specificity, bool]] = {}
    for bucket in buckets:
        for rule, sel in bucket:
            m = sel.matches(el)
            if m is False:
                continue
            certain = m is True and rule.certain
            prev = best.get(id(rule))
            # of several matching selectors the most specific one counts
            if prev is None or (m is True and (not prev[2] or sel.specificity > prev[1])):
                best[id(rule)] = (rule, sel.specificity, certain)
    return iter(best.values())

