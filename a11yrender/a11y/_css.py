"""CSS syntax for the style resolver: the tokens that matter (strings, escapes,
comments, blocks, declarations) and media queries, judged for a desktop screen
in light mode. Selectors are in :mod:`._selectors`, the cascade in :mod:`._cascade`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, TypeAlias

from lxml import etree

Element: TypeAlias = etree._Element

#: Three-valued logic for selectors and media queries: ``None`` is "cannot tell".
Tri: TypeAlias = "bool | None"

#: The cascaded value of a property that cannot be known (never a valid CSS value).
UNKNOWN: Final = "<unknown>"


def tri_and(a: Tri, b: Tri) -> Tri:
    """Three-valued "and": false if either is, unknown if either is, else true."""
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def tag_name(el: Element) -> str:
    """The local tag name, lower-cased (``""`` for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


# --------------------------------------------------------------------------- #
# CSS syntax
# --------------------------------------------------------------------------- #


def skip_string(text: str, i: int) -> int:
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


def _code(text: str, start: int = 0) -> Iterator[int]:
    """The positions from ``start`` of the characters of ``text`` that are
    outside strings and not escaped, which are all that give CSS its structure."""
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            i = skip_string(text, i)
        elif ch == "\\":
            i += 2
        else:
            yield i
            i += 1


def strip_comments(text: str) -> str:
    """``text`` with each comment replaced by a space."""
    out: list[str] = []
    start = 0
    while True:
        # restarted after each comment: quotes inside one do not open strings
        i = next((i for i in _code(text, start) if text.startswith("/*", i)), -1)
        if i < 0:
            break
        out.append(text[start:i])
        out.append(" ")
        end = text.find("*/", i + 2)
        start = len(text) if end < 0 else end + 2
    out.append(text[start:])
    return "".join(out)


def blocks(text: str) -> Iterator[tuple[str, str | None]]:
    """Top-level items of a sheet or block body: ``(prelude, body)`` for a
    ``{}`` block, ``(statement, None)`` for a statement ending in ``;``."""
    start, paren, depth, body = 0, 0, 0, 0
    for i in _code(text):
        ch = text[i]
        if depth:  # inside a block only its braces count
            depth += 1 if ch == "{" else -1 if ch == "}" else 0
            if not depth:
                yield text[start:body - 1].strip(), text[body:i]
                start, paren = i + 1, 0
        elif ch == "(":
            paren += 1
        elif ch == ")":
            paren = max(paren - 1, 0)
        elif ch == ";" and paren == 0:
            yield text[start:i].strip(), None
            start = i + 1
        elif ch == "{":
            depth, body = 1, i + 1
        elif ch == "}":
            start = i + 1
    if depth:  # an unclosed block runs to the end
        yield text[start:body - 1].strip(), text[body:]
        return
    tail = text[start:].strip()
    if tail:
        yield tail, None


def split_top(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` outside parentheses, brackets and strings."""
    parts: list[str] = []
    start, depth = 0, 0
    for i in _code(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
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
    for prelude, body in blocks(text):
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
# media queries
# --------------------------------------------------------------------------- #


@dataclass(frozen=True, slots=True)
class MediaEnv:
    """The screen the page is judged on: a desktop browser in light mode."""

    width: float = 1280.0
    height: float = 800.0
    root_font_px: float = 16.0


#: The screen every page is judged on.
DESKTOP: Final = MediaEnv()


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


def media_matches(query_list: str, env: MediaEnv = DESKTOP) -> Tri:
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
        result = tri_and(result, r)
    if negate and result is not None:
        return not result
    return result


