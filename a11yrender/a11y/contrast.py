"""Text colours of an HTML page without a browser: WCAG contrast, and the
part of CSS that decides which colour some text has.

* :func:`parse_color` reads CSS colours (hex, ``rgb()``/``rgba()``,
  ``hsl()``/``hsla()``, ``hwb()``, named colours, ``transparent``; in
  :mod:`._color`); :func:`relative_luminance` and :func:`contrast_ratio` are
  WCAG 2.2's formulas (success criterion 1.4.3).
* :class:`StyleResolver` applies the page's own CSS to its elements: the
  ``style`` attributes and the ``<style>`` sheets (with ``@media``
  evaluated for a desktop screen in light mode, ``@layer`` order,
  ``!important``, specificity, inheritance, custom properties and
  ``var()``, the ``background`` and ``font`` shorthands, ``calc()``,
  ``min()``, ``max()`` and ``clamp()`` font sizes), on top of the browser's
  default styles for the few elements whose colours or sizes they set. The
  engine is in :mod:`._css` (syntax, media queries), :mod:`._selectors` and
  :mod:`._cascade`; its public names are importable from here.
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

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from lxml import etree

from ._cascade import Interval as Interval
from ._cascade import StyleResolver as StyleResolver
from ._cascade import StyleRule as StyleRule
from ._cascade import StyleSheet as StyleSheet
from ._color import BLACK as BLACK
from ._color import RGBA as RGBA
from ._color import TRANSPARENT, composite, parse_color
from ._color import WHITE as WHITE
from ._color import to_hex as to_hex
from ._css import UNKNOWN as UNKNOWN
from ._css import Declaration as Declaration
from ._css import Element as Element
from ._css import MediaEnv as MediaEnv
from ._css import Tri as Tri
from ._css import media_matches as media_matches
from ._css import parse_declarations as parse_declarations
from ._css import split_top as split_top
from ._css import tag_name
from ._selectors import FORM_TAGS
from ._selectors import Selector as Selector
from ._selectors import Specificity as Specificity
from ._selectors import parse_selectors as parse_selectors

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

# --------------------------------------------------------------------------- #
# WCAG contrast
# --------------------------------------------------------------------------- #


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
        tag = tag_name(el)
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
        tag = tag_name(el)
        parent = el.getparent()
        if parent is not None and tag_name(parent) == "details" and parent.get("open") is None:
            first = next((c for c in parent if tag_name(c) == "summary"), None)
            if el is not first:
                return True
        if tag in FORM_TAGS and tag != "option" and el.get("disabled") is not None:
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
        back: RGBA = TRANSPARENT
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
