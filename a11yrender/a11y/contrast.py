"""Text colours of an HTML page without a browser: colour parsing, WCAG
contrast, and the part of CSS that decides which colour some text has.

* :func:`parse_color` reads CSS colours (hex, ``rgb()``/``rgba()``,
  ``hsl()``/``hsla()``, ``hwb()``, named colours, ``transparent``);
  :func:`relative_luminance` and :func:`contrast_ratio` are WCAG 2.2's
  formulas (success criterion 1.4.3).
* :class:`StyleResolver` applies the page's own CSS to its elements: the
  ``style`` attributes and the ``<style>`` sheets (with ``@media``
  evaluated for a desktop screen in light mode, ``@layer`` order,
  ``!important``, specificity, inheritance, custom properties and
  ``var()``, the ``background`` and ``font`` shorthands, ``calc()``,
  ``min()``, ``max()`` and ``clamp()`` font sizes), on top of the browser's
  default styles for the few elements whose colours or sizes they set.
* :func:`contrast_issues` lists the text whose contrast with its background
  is below 4.5:1 (3:1 for large text).

The resolver never guesses. A value that depends on something it cannot
see (an external style sheet, a selector it does not support, a background
image, a positioned element over another one, opacity, a text shadow) is
*unknown*, and text whose colours or size are unknown is not judged. Rules
that depend on a state (``:hover``, ``:focus``, ``:visited``) do not apply:
the page is judged at rest, as axe-core does.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, TypeAlias

from lxml import etree

__all__ = [
    "RGBA",
    "ContrastIssue",
    "StyleResolver",
    "composite",
    "contrast_issues",
    "contrast_ratio",
    "parse_color",
    "relative_luminance",
]

Element: TypeAlias = etree._Element

#: A colour: red, green and blue from 0 to 255 and alpha from 0 to 1.
RGBA: TypeAlias = tuple[float, float, float, float]

#: Three-valued logic for selectors and media queries: ``None`` is "cannot tell".
Tri: TypeAlias = "bool | None"

#: The cascaded value of a property that cannot be known (never a valid CSS value).
UNKNOWN: Final = "<unknown>"

WHITE: Final[RGBA] = (255.0, 255.0, 255.0, 1.0)
BLACK: Final[RGBA] = (0.0, 0.0, 0.0, 1.0)

# --------------------------------------------------------------------------- #
# colours
# --------------------------------------------------------------------------- #

_NAMED: Final[dict[str, str]] = {
    "aliceblue": "f0f8ff", "antiquewhite": "faebd7", "aqua": "00ffff",
    "aquamarine": "7fffd4", "azure": "f0ffff", "beige": "f5f5dc", "bisque": "ffe4c4",
    "black": "000000", "blanchedalmond": "ffebcd", "blue": "0000ff",
    "blueviolet": "8a2be2", "brown": "a52a2a", "burlywood": "deb887",
    "cadetblue": "5f9ea0", "chartreuse": "7fff00", "chocolate": "d2691e",
    "coral": "ff7f50", "cornflowerblue": "6495ed", "cornsilk": "fff8dc",
    "crimson": "dc143c", "cyan": "00ffff", "darkblue": "00008b", "darkcyan": "008b8b",
    "darkgoldenrod": "b8860b", "darkgray": "a9a9a9", "darkgreen": "006400",
    "darkgrey": "a9a9a9", "darkkhaki": "bdb76b", "darkmagenta": "8b008b",
    "darkolivegreen": "556b2f", "darkorange": "ff8c00", "darkorchid": "9932cc",
    "darkred": "8b0000", "darksalmon": "e9967a", "darkseagreen": "8fbc8f",
    "darkslateblue": "483d8b", "darkslategray": "2f4f4f", "darkslategrey": "2f4f4f",
    "darkturquoise": "00ced1", "darkviolet": "9400d3", "deeppink": "ff1493",
    "deepskyblue": "00bfff", "dimgray": "696969", "dimgrey": "696969",
    "dodgerblue": "1e90ff", "firebrick": "b22222", "floralwhite": "fffaf0",
    "forestgreen": "228b22", "fuchsia": "ff00ff", "gainsboro": "dcdcdc",
    "ghostwhite": "f8f8ff", "gold": "ffd700", "goldenrod": "daa520", "gray": "808080",
    "green": "008000", "greenyellow": "adff2f", "grey": "808080", "honeydew": "f0fff0",
    "hotpink": "ff69b4", "indianred": "cd5c5c", "indigo": "4b0082", "ivory": "fffff0",
    "khaki": "f0e68c", "lavender": "e6e6fa", "lavenderblush": "fff0f5",
    "lawngreen": "7cfc00", "lemonchiffon": "fffacd", "lightblue": "add8e6",
    "lightcoral": "f08080", "lightcyan": "e0ffff", "lightgoldenrodyellow": "fafad2",
    "lightgray": "d3d3d3", "lightgreen": "90ee90", "lightgrey": "d3d3d3",
    "lightpink": "ffb6c1", "lightsalmon": "ffa07a", "lightseagreen": "20b2aa",
    "lightskyblue": "87cefa", "lightslategray": "778899", "lightslategrey": "778899",
    "lightsteelblue": "b0c4de", "lightyellow": "ffffe0", "lime": "00ff00",
    "limegreen": "32cd32", "linen": "faf0e6", "magenta": "ff00ff", "maroon": "800000",
    "mediumaquamarine": "66cdaa", "mediumblue": "0000cd", "mediumorchid": "ba55d3",
    "mediumpurple": "9370db", "mediumseagreen": "3cb371", "mediumslateblue": "7b68ee",
    "mediumspringgreen": "00fa9a", "mediumturquoise": "48d1cc",
    "mediumvioletred": "c71585", "midnightblue": "191970", "mintcream": "f5fffa",
    "mistyrose": "ffe4e1", "moccasin": "ffe4b5", "navajowhite": "ffdead", "navy": "000080",
    "oldlace": "fdf5e6", "olive": "808000", "olivedrab": "6b8e23", "orange": "ffa500",
    "orangered": "ff4500", "orchid": "da70d6", "palegoldenrod": "eee8aa",
    "palegreen": "98fb98", "paleturquoise": "afeeee", "palevioletred": "db7093",
    "papayawhip": "ffefd5", "peachpuff": "ffdab9", "peru": "cd853f", "pink": "ffc0cb",
    "plum": "dda0dd", "powderblue": "b0e0e6", "purple": "800080",
    "rebeccapurple": "663399", "red": "ff0000", "rosybrown": "bc8f8f",
    "royalblue": "4169e1", "saddlebrown": "8b4513", "salmon": "fa8072",
    "sandybrown": "f4a460", "seagreen": "2e8b57", "seashell": "fff5ee", "sienna": "a0522d",
    "silver": "c0c0c0", "skyblue": "87ceeb", "slateblue": "6a5acd", "slategray": "708090",
    "slategrey": "708090", "snow": "fffafa", "springgreen": "00ff7f",
    "steelblue": "4682b4", "tan": "d2b48c", "teal": "008080", "thistle": "d8bfd8",
    "tomato": "ff6347", "turquoise": "40e0d0", "violet": "ee82ee", "wheat": "f5deb3",
    "white": "ffffff", "whitesmoke": "f5f5f5", "yellow": "ffff00",
    "yellowgreen": "9acd32",
}  # fmt: skip

_FUNC: Final = re.compile(r"(rgba?|hsla?|hwb)\(\s*([^()]*)\)\Z")
_NUM: Final = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")


def _channel(token: str, scale: float) -> float | None:
    """A number or percentage of ``scale``, clamped to [0, scale]."""
    if token == "none":
        return 0.0
    pct = token.endswith("%")
    body = token[:-1] if pct else token
    if not _NUM.fullmatch(body):
        return None
    value = float(body) * scale / 100.0 if pct else float(body)
    return min(max(value, 0.0), scale)


def _hue(token: str) -> float | None:
    m = re.fullmatch(r"([+-]?(?:\d+\.?\d*|\.\d+))(deg|grad|rad|turn)?", token)
    if not m:
        return None if token != "none" else 0.0
    value = float(m.group(1))
    unit = m.group(2) or "deg"
    value *= {"deg": 1.0, "grad": 0.9, "rad": 180.0 / math.pi, "turn": 360.0}[unit]
    return value % 360.0


def parse_color(value: str) -> RGBA | None:
    """A CSS colour as RGBA, or ``None`` when it is not one this module knows
    (``currentcolor`` and system colours are resolved by :class:`StyleResolver`)."""
    v = value.strip().lower()
    if v in _NAMED:
        h = _NAMED[v]
        return (float(int(h[0:2], 16)), float(int(h[2:4], 16)), float(int(h[4:6], 16)), 1.0)
    if v == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    if v.startswith("#"):
        h = v[1:]
        if not re.fullmatch(r"[0-9a-f]+", h) or len(h) not in (3, 4, 6, 8):
            return None
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        alpha = int(h[6:8], 16) / 255.0 if len(h) == 8 else 1.0
        return (float(int(h[0:2], 16)), float(int(h[2:4], 16)), float(int(h[4:6], 16)), alpha)
    m = _FUNC.match(v)
    if not m:
        return None
    kind, args = m.group(1), m.group(2)
    # both syntaxes: "r, g, b[, a]" and "r g b[ / a]"
    if "," in args:
        parts = [p.strip() for p in args.split(",")]
        alpha_token = parts[3] if len(parts) == 4 else None
        parts = parts[:3] if len(parts) in (3, 4) else []
    else:
        main, _, alpha_part = args.partition("/")
        parts = main.split()
        alpha_token = alpha_part.strip() if alpha_part else None
    if len(parts) != 3:
        return None
    alpha = 1.0
    if alpha_token is not None:
        a = _channel(alpha_token, 1.0)
        if a is None:
            return None
        alpha = a
    if kind.startswith("rgb"):
        channels = [_channel(p, 255.0) for p in parts]
        if any(c is None for c in channels):
            return None
        r, g, b = (float(c) for c in channels if c is not None)
        return (r, g, b, alpha)
    hue = _hue(parts[0])
    s = _channel(parts[1], 100.0)
    t = _channel(parts[2], 100.0)
    if hue is None or s is None or t is None:
        return None
    if kind.startswith("hsl"):
        r, g, b = colorsys.hls_to_rgb(hue / 360.0, t / 100.0, s / 100.0)
    else:  # hwb: s is whiteness, t blackness
        white, black = s / 100.0, t / 100.0
        if white + black >= 1.0:
            grey = white / (white + black)
            r = g = b = grey
        else:
            r, g, b = colorsys.hls_to_rgb(hue / 360.0, 0.5, 1.0)
            r, g, b = (c * (1.0 - white - black) + white for c in (r, g, b))
    return (r * 255.0, g * 255.0, b * 255.0, alpha)


def relative_luminance(color: RGBA) -> float:
    """WCAG 2.2 relative luminance of an opaque colour (alpha is ignored)."""

    def lin(c: float) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b, _ = color
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast_ratio(a: RGBA, b: RGBA) -> float:
    """WCAG 2.2 contrast ratio of two opaque colours, from 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def composite(top: RGBA, bottom: RGBA) -> RGBA:
    """``top`` painted over ``bottom`` (source-over alpha compositing)."""
    ta, ba = top[3], bottom[3]
    a = ta + ba * (1.0 - ta)
    if a == 0.0:
        return (0.0, 0.0, 0.0, 0.0)

    def mix(t: float, b: float) -> float:
        return (t * ta + b * ba * (1.0 - ta)) / a

    return (mix(top[0], bottom[0]), mix(top[1], bottom[1]), mix(top[2], bottom[2]), a)


def to_hex(color: RGBA) -> str:
    """``#rrggbb`` (alpha dropped), for messages."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 255.0)):02x}" for c in color[:3])


# --------------------------------------------------------------------------- #
# CSS syntax
# --------------------------------------------------------------------------- #


def _skip_string(text: str, i: int) -> int:
    """Index just past the string that starts at ``text[i]``."""
    quote = text[i]
    i += 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == quote or ch == "\n":
            return i + 1
        i += 1
    return i


def _strip_comments(text: str) -> str:
    out: list[str] = []
    i, n, start = 0, len(text), 0
    while i < n:
        ch = text[i]
        if ch in "\"'":
            i = _skip_string(text, i)
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "/" and text.startswith("/*", i):
            out.append(text[start:i])
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            start = i
            out.append(" ")
            continue
        i += 1
    out.append(text[start:])
    return "".join(out)


def _blocks(text: str) -> Iterator[tuple[str, str | None]]:
    """Top-level items of a sheet or block body: ``(prelude, body)`` for a
    ``{}`` block, ``(statement, None)`` for a statement ending in ``;``."""
    i, n, start, paren = 0, len(text), 0, 0
    while i < n:
        ch = text[i]
        if ch in "\"'":
            i = _skip_string(text, i)
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            paren += 1
        elif ch == ")":
            paren = max(paren - 1, 0)
        elif ch == ";" and paren == 0:
            yield text[start:i].strip(), None
            start = i + 1
        elif ch == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                c = text[j]
                if c in "\"'":
                    j = _skip_string(text, j)
                    continue
                if c == "\\":
                    j += 2
                    continue
                depth += 1 if c == "{" else -1 if c == "}" else 0
                j += 1
            yield text[start:i].strip(), text[i + 1 : j - 1 if depth == 0 else j]
            i = j
            start = i
            paren = 0
            continue
        elif ch == "}":
            start = i + 1
        i += 1
    tail = text[start:].strip()
    if tail:
        yield tail, None


def split_top(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` outside parentheses, brackets and strings."""
    parts: list[str] = []
    i, n, start, depth = 0, len(text), 0, 0
    while i < n:
        ch = text[i]
        if ch in "\"'":
            i = _skip_string(text, i)
            continue
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


@dataclass(frozen=True, slots=True)
class Declaration:
    """One ``property: value`` (name lower-cased unless custom, ``!important`` split off)."""

    name: str
    value: str
    important: bool


_IMPORTANT: Final = re.compile(r"!\s*important\s*\Z", re.I)


def parse_declarations(text: str) -> list[Declaration]:
    """The declarations of a block body or ``style`` attribute (nested rules are skipped)."""
    out: list[Declaration] = []
    for prelude, body in _blocks(text):
        if body is not None:
            continue  # CSS nesting: a nested rule, not a declaration
        name, sep, value = prelude.partition(":")
        name = name.strip()
        if not sep or not name:
            continue
        if not name.startswith("--"):
            name = name.lower()
        important = bool(_IMPORTANT.search(value))
        if important:
            value = _IMPORTANT.sub("", value)
        out.append(Declaration(name, value.strip(), important))
    return out


# --------------------------------------------------------------------------- #
# selectors
# --------------------------------------------------------------------------- #

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
            end = _skip_string(self.s, self.i)
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
                self.i = _skip_string(self.s, self.i)
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


def _and(a: Tri, b: Tri) -> Tri:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _tag(el: Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


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
    return _and(result, rest)


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

_FORM_TAGS: Final = frozenset({"button", "input", "select", "textarea", "optgroup", "option",
                               "fieldset"})


def _match_compound(comp: _Compound, el: Element, cache: _MatchCache) -> Tri:
    tag = _tag(el)
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
        out: Tri = False
        for sel in arg:
            m = sel.matches(el)
            if m is True:
                return True
            if m is None:
                out = None
        return out
    if name == "not":
        assert isinstance(arg, list)
        inner: Tri = False
        for sel in arg:
            m = sel.matches(el)
            if m is True:
                inner = True
                break
            if m is None:
                inner = None
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
        if tag not in _FORM_TAGS:
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


# --------------------------------------------------------------------------- #
# media queries
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class MediaEnv:
    """The screen the page is judged on: a desktop browser in light mode."""

    width: float = 1280.0
    height: float = 800.0
    root_font_px: float = 16.0


_MEDIA_VALUES: Final[dict[str, str]] = {
    "prefers-color-scheme": "light",
    "prefers-reduced-motion": "no-preference",
    "prefers-reduced-transparency": "no-preference",
    "prefers-contrast": "no-preference",
    "forced-colors": "none",
    "inverted-colors": "none",
    "orientation": "landscape",
    "hover": "hover",
    "any-hover": "hover",
    "pointer": "fine",
    "any-pointer": "fine",
    "scripting": "enabled",
    "display-mode": "browser",
    "update": "fast",
    "color-gamut": "srgb",
    "dynamic-range": "standard",
    "overflow-block": "scroll",
    "overflow-inline": "scroll",
}
_MEDIA_NUMBERS: Final[dict[str, float]] = {"color": 8.0, "monochrome": 0.0, "grid": 0.0,
                                           "color-index": 0.0}


def _media_length(value: str, env: MediaEnv) -> float | None:
    m = re.fullmatch(r"([+-]?(?:\d+\.?\d*|\.\d+))(px|em|rem|pt|pc|in|cm|mm)?", value.strip())
    if not m:
        return None
    n = float(m.group(1))
    unit = m.group(2) or "px"
    return n * {"px": 1.0, "em": env.root_font_px, "rem": env.root_font_px, "pt": 4 / 3,
                "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}[unit]


def _media_feature(expr: str, env: MediaEnv) -> Tri:
    expr = expr.strip().lower()
    sizes = {"width": env.width, "height": env.height, "device-width": env.width,
             "device-height": env.height}
    # range syntax: (width >= 600px), (400px < width < 800px)
    if any(op in expr for op in ("<", ">")) or ("=" in expr and ":" not in expr):
        tokens = re.split(r"\s*(<=|>=|<|>|=)\s*", expr)
        if len(tokens) not in (3, 5):
            return None
        values: list[float] = []
        for t in tokens[::2]:
            if t in sizes:
                values.append(sizes[t])
            elif t == "aspect-ratio":
                values.append(env.width / env.height)
            else:
                v = _media_length(t, env)
                if v is None:
                    return None
                values.append(v)
        ops = tokens[1::2]
        for (x, y), op in zip(itertools.pairwise(values), ops, strict=True):
            ok = {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y, "=": x == y}[op]
            if not ok:
                return False
        return True
    name, sep, value = expr.partition(":")
    name, value = name.strip(), value.strip()
    prefix = ""
    for p in ("min-", "max-"):
        if name.startswith(p):
            prefix, name = p, name[len(p):]
    if name in sizes:
        if not sep:
            return sizes[name] > 0
        length = _media_length(value, env)
        if length is None:
            return None
        actual = sizes[name]
        return actual >= length if prefix == "min-" else (
            actual <= length if prefix == "max-" else actual == length)
    if name == "aspect-ratio" and sep:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?))?", value)
        if not m:
            return None
        ratio = float(m.group(1)) / float(m.group(2) or 1)
        actual = env.width / env.height
        return actual >= ratio if prefix == "min-" else (
            actual <= ratio if prefix == "max-" else abs(actual - ratio) < 1e-9)
    if name in _MEDIA_VALUES and not prefix:
        if not sep:
            return _MEDIA_VALUES[name] not in ("none", "no-preference")
        return value == _MEDIA_VALUES[name]
    if name in _MEDIA_NUMBERS:
        actual = _MEDIA_NUMBERS[name]
        if not sep:
            return actual > 0
        try:
            n = float(value)
        except ValueError:
            return None
        return actual >= n if prefix == "min-" else (
            actual <= n if prefix == "max-" else actual == n)
    return None


def media_matches(query_list: str, env: MediaEnv = MediaEnv()) -> Tri:
    """Whether a media query list holds on ``env`` (``None``: cannot tell)."""
    text = query_list.strip()
    if not text:
        return True
    out: Tri = False
    for query in split_top(text, ","):
        r = _media_query(query.strip().lower(), env)
        if r is True:
            return True
        if r is None:
            out = None
    return out


def _media_query(query: str, env: MediaEnv) -> Tri:
    if not query:
        return False  # an empty query in a list is "not all"
    negate = False
    if query.startswith("not "):
        negate, query = True, query[4:].strip()
    elif query.startswith("only "):
        query = query[5:].strip()
    if re.search(r"\bor\b", query) or query.startswith("not"):
        return None
    result: Tri = True
    for part in re.split(r"\s+and\s+", query):
        part = part.strip()
        if part.startswith("(") and part.endswith(")"):
            inner = part[1:-1].strip()
            r: Tri = None if inner.startswith(("(", "not ")) else _media_feature(inner, env)
        elif part in ("all", "screen"):
            r = True
        elif re.fullmatch(r"[a-z-]+", part):
            r = False  # print, speech and the deprecated media types
        else:
            r = None
        result = _and(result, r)
    if negate and result is not None:
        return not result
    return result


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
        self._add_block(_strip_comments(text), env, certain, _UNLAYERED, "")

    def _layer_rank(self, name: str) -> int:
        if name not in self._layers:
            self._layers[name] = len(self._layers)
        return self._layers[name]

    def _add_block(self, text: str, env: MediaEnv, certain: bool, layer: int,
                   layer_name: str) -> None:
        for prelude, body in _blocks(text):
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

    def __init__(self, root: Element, env: MediaEnv = MediaEnv()) -> None:
        self.root = root
        self.env = env
        self.ua = StyleSheet()
        self.ua.add(_UA_CSS, env)
        self.sheet = StyleSheet()
        for el in root.iter("style", "link"):
            tag = _tag(el)
            if tag == "link":
                rel = str(el.get("rel", "")).lower().split()
                media = media_matches(str(el.get("media", "")), env)
                if "stylesheet" in rel and media is not False:
                    self.sheet.external = True
                continue
            if any(_tag(a) in ("template", "noscript") for a in el.iterancestors()):
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
        if el in self._colors:
            return self._colors[el]
        for anc in _uncomputed_ancestors(el, self._colors.__contains__):
            self._colors[anc] = self._color(anc)
        result = self._color(el)
        self._colors[el] = result
        return result

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
            return ((None, has_image) if self.external else ((0.0, 0.0, 0.0, 0.0), has_image))
        if raw == UNKNOWN:
            return (None, has_image)
        low = raw.strip().lower()
        if low == "currentcolor":
            return (self.color(el), has_image)
        return (parse_color(low), has_image)

    def font_size(self, el: Element) -> Interval | None:
        """The font size in px, as an interval when it depends on what is not
        known exactly (``clamp()`` with viewport units...); ``None`` if unknown."""
        if el in self._sizes:
            return self._sizes[el]
        for anc in _uncomputed_ancestors(el, self._sizes.__contains__):
            self._sizes[anc] = self.font_size(anc)  # its parent is known: one level deep
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
        self._sizes[el] = result
        return result

    def font_weight(self, el: Element) -> int | None:
        """The numeric font weight (``None`` if unknown)."""
        if el in self._weights:
            return self._weights[el]
        for anc in _uncomputed_ancestors(el, self._weights.__contains__):
            self._weights[anc] = self.font_weight(anc)
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
        self._weights[el] = result
        return result

    def keyword(self, el: Element, prop: str) -> str | None:
        """A keyword-valued property, lower-cased (``None``: initial; may be UNKNOWN)."""
        raw = self.value(el, prop)
        return raw.strip().lower() if raw is not None and raw != UNKNOWN else raw

    def display_none(self, el: Element) -> bool:
        """``display: none`` on ``el`` or an ancestor, as far as can be told."""
        memo = self._none
        if el not in memo:
            for n in [*_uncomputed_ancestors(el, memo.__contains__), el]:
                parent = n.getparent()
                memo[n] = (parent is not None and memo[parent]) or (
                    self.keyword(n, "display") == "none")
        return memo[el]

    def visibility_hidden(self, el: Element) -> bool:
        """``visibility: hidden`` or ``collapse`` in effect (it inherits)."""
        return self.keyword(el, "visibility") in ("hidden", "collapse")


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
    buckets = [index.get(("*", ""), []), index.get(("tag", _tag(el)), [])]
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


# --------------------------------------------------------------------------- #
# text contrast
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class ContrastIssue:
    """Text whose contrast is too low: where, the colours, the ratio and what was needed."""

    element: Element
    text: str
    foreground: RGBA
    background: RGBA
    ratio: float
    required: float
    large: bool | None  # None: large or not, it fails


#: Elements whose text is never painted as text.
_NO_TEXT: Final = frozenset(
    {"head", "title", "script", "style", "template", "noscript", "textarea", "select",
     "option", "optgroup", "iframe", "object", "video", "audio", "canvas", "svg", "math",
     "datalist"}
)
_PUNCT_ONLY: Final = re.compile(r"[\W_]*", re.UNICODE)


def _px(value: str | None) -> float | None:
    """A simple length in px (px, em and rem at 16px), else ``None``."""
    if not value or value == UNKNOWN:
        return None
    m = re.fullmatch(r"([+-]?(?:\d+\.?\d*|\.\d+))(px|em|rem)?", value.strip())
    if not m or (m.group(2) is None and float(m.group(1)) != 0.0):
        return None
    return float(m.group(1)) * (16.0 if m.group(2) in ("em", "rem") else 1.0)


def _number(value: str) -> float | None:
    """A plain number or percentage (``0.5``, ``50%``) as a number, else ``None``."""
    m = re.fullmatch(r"([+-]?(?:\d+\.?\d*|\.\d+))(%)?", value.strip())
    if not m:
        return None
    return float(m.group(1)) / (100.0 if m.group(2) else 1.0)


def _own_text(el: Element) -> str:
    parts = [el.text or ""]
    parts.extend(c.tail or "" for c in el)
    return " ".join("".join(parts).split())


def _is_large(size: float, weight: int) -> bool:
    # axe-core's arithmetic, so the two agree at the boundary: 18pt, or 14pt bold
    pt = math.ceil(size * 72) / 96
    return pt >= 18 or (weight >= 700 and pt >= 14)


def contrast_issues(resolver: StyleResolver, hidden: Callable[[Element], bool]
                    ) -> list[ContrastIssue]:
    """Text (an element's own text) with contrast below WCAG 1.4.3's minimum,
    where the colours and size can be resolved; ``hidden(el)`` says which
    elements are not shown (beyond what the resolver itself can see)."""
    issues: list[ContrastIssue] = []
    checker = _ContrastChecker(resolver)
    for el in resolver.root.iter(etree.Element):
        tag = _tag(el)
        if not tag or tag in _NO_TEXT:
            continue
        text = _own_text(el)
        if not text or _PUNCT_ONLY.fullmatch(text):
            continue  # no text, or only punctuation and symbols (as axe-core)
        if hidden(el) or checker.not_shown(el):
            continue
        issue = checker.check(el, text)
        if issue is not None:
            issues.append(issue)
    return issues


class _ContrastChecker:
    def __init__(self, resolver: StyleResolver) -> None:
        self.r = resolver
        self._gone: dict[Element, bool] = {}

    def not_shown(self, el: Element) -> bool:
        """Not painted where it can be seen: display none, visibility hidden,
        clipped away, far off screen, zero size or opacity, in a closed
        ``<details>``, or part of a disabled control (WCAG 1.4.3 exempts those)."""
        r = self.r
        if r.display_none(el) or r.visibility_hidden(el):
            return True
        chain: list[Element] = []
        node: Element | None = el
        gone = False
        while node is not None:
            if node in self._gone:
                gone = self._gone[node]
                break
            chain.append(node)
            node = node.getparent()
        for n in reversed(chain):
            gone = gone or self._hides(n)
            self._gone[n] = gone
        return gone

    def _hides(self, el: Element) -> bool:
        """Whether ``el`` (and so everything in it) is out of sight."""
        tag = _tag(el)
        parent = el.getparent()
        if parent is not None and _tag(parent) == "details" and parent.get("open") is None:
            first = next((c for c in parent if _tag(c) == "summary"), None)
            if el is not first:
                return True
        if tag in _FORM_TAGS and tag != "option" and el.get("disabled") is not None:
            return True
        r = self.r
        absolute = r.keyword(el, "position") in ("absolute", "fixed")
        clip = (r.keyword(el, "clip") or "").replace(",", " ")
        if absolute and re.fullmatch(r"rect\(\s*(0(px)?\s*){4}\)|rect\(\s*(1px\s*){4}\)", clip):
            return True
        clip_path = r.keyword(el, "clip-path") or ""
        m = re.match(r"inset\(\s*(\d+(?:\.\d+)?)%", clip_path)
        if (m and float(m.group(1)) >= 50) or clip_path.startswith("circle(0"):
            return True
        if (r.keyword(el, "overflow") or "") in ("hidden", "clip") and any(
                (_px(r.keyword(el, p)) or 2.0) <= 1.0 for p in ("width", "height")):
            return True
        if absolute and any((_px(r.keyword(el, p)) or 0.0) <= -999.0 for p in ("left", "top")):
            return True
        if (_px(r.keyword(el, "text-indent")) or 0.0) <= -999.0:
            return True
        opacity = r.keyword(el, "opacity")
        if opacity is not None and _number(opacity) == 0.0:
            return True
        size = r.font_size(el)
        return size is not None and size[1] == 0.0

    def check(self, el: Element, text: str) -> ContrastIssue | None:
        """The issue with ``el``'s own text, if its contrast is known to be too low."""
        r = self.r
        fg = r.color(el)
        if fg is None or fg[3] == 0.0:
            return None
        for prop in ("text-shadow", "-webkit-text-fill-color", "-webkit-text-stroke"):
            v = r.keyword(el, prop)
            if v == UNKNOWN or (v is not None and v not in ("none", "currentcolor")):
                return None  # a shadow or outline may carry the contrast: cannot judge
        painted = self._paint(el, fg)
        if painted is None:
            return None
        fg, bg = painted
        ratio = contrast_ratio(fg, bg)
        if ratio >= 4.5:
            return None
        # unknown size or weight: the range of what it may be
        lo, hi = r.font_size(el) or (0.0, 1e6)
        weight = r.font_weight(el)
        w_lo, w_hi = (weight, weight) if weight is not None else (100, 1000)
        surely_large = _is_large(lo, w_lo)
        maybe_large = _is_large(hi, w_hi)
        if ratio >= 3.0 and maybe_large:
            return None  # passes if large, and it may be
        large: bool | None = True if surely_large else (None if maybe_large else False)
        required = 3.0 if large is not False else 4.5
        return ContrastIssue(el, text, fg, bg, ratio, required, large)

    def _paint(self, el: Element, fg: RGBA) -> tuple[RGBA, RGBA] | None:
        """The colours on screen of a text pixel and of the background beside it,
        or ``None`` when they cannot be told.

        Each element from the text's up to the root paints its content over its
        own background, and its ``opacity`` fades the whole group; the canvas
        is white. A positioned element is laid over whatever is beneath it on
        screen, which is not known here, unless it is opaque by then.
        """
        r = self.r
        text: RGBA = fg
        back: RGBA = (0.0, 0.0, 0.0, 0.0)
        positioned = False  # above an absolutely positioned element
        node: Element | None = el
        while node is not None:
            for prop in ("filter", "mix-blend-mode", "backdrop-filter"):
                v = r.keyword(node, prop)
                if v == UNKNOWN or (v is not None and v not in ("none", "normal")):
                    return None
            raw_opacity = r.keyword(node, "opacity")
            opacity = 1.0 if raw_opacity is None else _number(raw_opacity)
            if opacity is None:
                return None
            opacity = min(max(opacity, 0.0), 1.0)
            if text[3] < 1.0 or back[3] < 1.0:
                # still see-through: this element's background shows
                color, has_image = r.background(node)
                if color is None or has_image:
                    return None
                text, back = composite(text, color), composite(back, color)
            if opacity < 1.0:
                if positioned:
                    return None  # faded over whatever lies beneath it on screen
                text = (text[0], text[1], text[2], text[3] * opacity)
                back = (back[0], back[1], back[2], back[3] * opacity)
            position = r.keyword(node, "position")
            if position == UNKNOWN:
                return None
            if position in ("absolute", "fixed"):
                if text[3] < 1.0 or back[3] < 1.0:
                    return None
                positioned = True
            node = node.getparent()
        if text[3] < 1.0 or back[3] < 1.0:
            if r.external:
                return None
            text, back = composite(text, WHITE), composite(back, WHITE)  # the canvas
        return ((text[0], text[1], text[2], 1.0), (back[0], back[1], back[2], 1.0))
