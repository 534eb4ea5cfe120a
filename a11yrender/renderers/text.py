"""Plain text in reading order.

The text is built from the one reading-order walk
(:func:`a11yrender.reading.reading_units`): the units are nested into boxes
by their ``start``/``end`` events and each box is laid out as blocks of lines.
Nothing here decides the order of the content; it only decides how each unit
looks. Structure is said in words and plain marks, never Markdown:

- page regions open with a line such as ``Navigation: Sections`` or ``Footer``;
- the headline is underlined with ``=``, second-level headings with ``-``;
- list items start with ``•`` or their number, nested lists are indented;
- block quotes are indented, their attribution follows as ``— Name``;
- figures read ``Image: <alt>``, ``Caption: …``, ``Credit: …``;
- each table row reads its row headers, then ``<column header>: <value>``;
- links are numbered (``text [1]``) and listed under ``Links:`` at the end,
  or shown inline (``text (url)``), or left out (``links="none"``).

Wrapping counts display columns (East Asian wide characters take two), breaks
between CJK characters where Japanese and Chinese allow it, and never cuts a
word of a space-separated script: a word longer than the line overflows.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ..errors import OptionError, RenderError, RenderWarning
from ..model import (
    Abbreviation,
    Code,
    Document,
    Inline,
    LineBreak,
    Link,
    List,
    Quote,
    Table,
    Text,
    Time,
    plain_text,
)
from ..reading import Cell, Unit, reading_units, table_grid
from .base import BaseRenderer

__all__ = ["TextOptions", "TextRenderer", "display_width", "wrap"]

LinkMode = Literal["references", "inline", "none"]

#: The narrowest ``width`` accepted (0 turns wrapping off).
MIN_WIDTH = 20
#: Content nested deeper than the width allows still gets this many columns.
_MIN_INNER = 10
#: Indentation of block quotes, asides, transcripts and code blocks.
_INDENT = 4
#: Continuation lines of a table row or a ``Columns:`` line.
_HANG = "  "
#: Stands for a space that must not break (between a link and its number).
_GLUE = "\x00"

_REGION_WORDS = {
    "banner": "Banner",
    "navigation": "Navigation",
    "notice": "Notice",
    "complementary": "Related",
    "contentinfo": "Footer",
}


@dataclass(frozen=True, slots=True)
class TextOptions:
    """Options of the text renderer.

    ``width``: columns per line, counted in display width; 0 turns wrapping
    off (one line per paragraph). ``links``: ``"references"`` numbers links
    and lists their URLs at the end, ``"inline"`` writes ``text (url)``,
    ``"none"`` keeps the link text only. ``heading_marks``: underline the
    headline with ``=`` and second-level headings with ``-``.
    """

    width: int = 72
    links: LinkMode = "references"
    heading_marks: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.width, bool) or not isinstance(self.width, int):
            raise OptionError(
                f"the text renderer's width must be a whole number of columns, "
                f"not {self.width!r}"
            )
        if self.width < 0 or 0 < self.width < MIN_WIDTH:
            raise OptionError(
                f"the text renderer's width must be 0 (no wrapping) or at least "
                f"{MIN_WIDTH} columns, got {self.width}"
            )
        if self.links not in ("references", "inline", "none"):
            raise OptionError(
                "the text renderer's links must be 'references', 'inline' or 'none', "
                f"not {self.links!r}"
            )
        if not isinstance(self.heading_marks, bool):
            raise OptionError(
                f"the text renderer's heading_marks must be True or False, "
                f"not {self.heading_marks!r}"
            )


class TextRenderer(BaseRenderer):
    """``Document`` -> plain text in reading order (see the module docs)."""

    name = "text"
    media_type = "text/plain"
    suffix = ".txt"
    Options = TextOptions

    def _render(self, doc: Document, options: TextOptions) -> str:
        return _Writer(options).document(doc)


# --------------------------------------------------------------------------
# Display width and wrapping
# --------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters count 2,
    combining marks and format characters 0, everything else 1."""
    return sum(_char_width(ch) for ch in text)


# Breaking white space; no-break spaces (U+00A0, U+2007, U+202F) stay in words.
_SPACE = re.compile(r"[ \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+")

# Characters that may not start a line in CJK text (kinsoku): small kana and
# marks that lean on the character before them. Closing punctuation is found
# by category.
_NO_START = frozenset(
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ーゝゞヽヾ々〻゛゜"
)


@lru_cache(maxsize=4096)
def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _no_start(ch: str) -> bool:
    return ch in _NO_START or unicodedata.category(ch) in ("Pe", "Pf", "Po", "Lm")


def _no_end(ch: str) -> bool:
    return unicodedata.category(ch) in ("Ps", "Pi")


def _segments(word: str) -> list[str]:
    """A word cut where a line may break without a space: next to wide (CJK)
    characters, except before closing or after opening punctuation."""
    segs: list[str] = []
    prev_wide = False
    for ch in word:
        if not segs:
            segs.append(ch)
        elif _char_width(ch) == 0 or segs[-1].endswith("\u200d"):
            segs[-1] += ch
            continue
        elif (_is_wide(ch) or prev_wide) and not (_no_start(ch) or _no_end(segs[-1][-1])):
            segs.append(ch)
        else:
            segs[-1] += ch
        prev_wide = _is_wide(ch)
    return segs


def wrap(text: str, width: int, *, first: str = "", rest: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` display columns (0: no limit).

    White space collapses to single spaces; ``"\\n"`` forces a new line.
    ``first`` prefixes the first line and ``rest`` the others (both count
    toward the width). Lines break at spaces and between CJK characters; a
    word longer than the line is left whole on a line of its own.
    """
    out: list[str] = []
    for part in text.split("\n"):
        words = [w for w in _SPACE.split(part) if w]
        if not words:
            continue
        if width <= 0:
            out.append(" ".join(words))
            continue
        line, used = "", 0
        limit = width - display_width(first if not out else rest)
        for word in words:
            for k, seg in enumerate(_segments(word)):
                gap = 1 if k == 0 and line else 0
                w = display_width(seg)
                if line and used + gap + w > limit:
                    out.append(line)
                    line, used = seg, w
                    limit = width - display_width(rest)
                else:
                    line += " " * gap + seg
                    used += gap + w
        if line:
            out.append(line)
    return [(first if i == 0 else rest) + line for i, line in enumerate(out)]


# --------------------------------------------------------------------------
# Blocks of lines
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Block:
    """Lines laid out together; blocks are separated by one blank line unless
    ``attach`` (glued to the block before) or both share a ``group``."""

    lines: list[str]
    group: str | None = None
    attach: bool = False


def _join(blocks: Iterable[_Block], *, tight: bool = False) -> list[str]:
    out: list[str] = []
    prev: _Block | None = None
    for block in blocks:
        if not block.lines:
            continue
        if prev is not None and not (
            tight or block.attach or (block.group is not None and block.group == prev.group)
        ):
            out.append("")
        out.extend(block.lines)
        prev = block
    return out


def _indent(lines: Sequence[str], n: int) -> list[str]:
    pad = " " * n
    return [pad + line if line else "" for line in lines]


def _inner(width: int, indent: int) -> int:
    return 0 if width == 0 else max(width - indent, _MIN_INNER)


def _attach_first(blocks: list[_Block]) -> list[_Block]:
    for block in blocks:
        if block.lines:
            block.attach = True
            break
    return blocks


# --------------------------------------------------------------------------
# Units nested into boxes
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Box:
    """A container unit (``start`` ... ``end``) and what it holds, in order."""

    unit: Unit
    children: list[_Box | Unit] = field(default_factory=list)


def _tree(units: Iterable[Unit]) -> list[_Box | Unit]:
    root: list[_Box | Unit] = []
    stack: list[_Box] = []
    for unit in units:
        here = stack[-1].children if stack else root
        if unit.event == "start":
            box = _Box(unit)
            here.append(box)
            stack.append(box)
        elif unit.event == "end":
            if not stack or stack[-1].unit.kind != unit.kind:
                raise RenderError(f"the reading order closes {unit.kind!r} without opening it")
            stack.pop()
        else:
            here.append(unit)
    if stack:
        raise RenderError(f"the reading order leaves {stack[-1].unit.kind!r} open")
    return root


def _is_list(node: _Box | Unit) -> bool:
    return isinstance(node, _Box) and node.unit.kind == "list"


def _same_as_url(text: str, href: str) -> bool:
    shown = " ".join(text.split())
    return href in (shown, f"mailto:{shown}", f"tel:{shown}")


# --------------------------------------------------------------------------
# The writer
# --------------------------------------------------------------------------


class _Writer:
    def __init__(self, options: TextOptions) -> None:
        self.options = options
        self.refs: dict[str, int] = {}

    def document(self, doc: Document) -> str:
        blocks = self.seq(_tree(reading_units(doc)), self.options.width)
        if self.refs:
            refs = [f"[{n}] {url}" for url, n in self.refs.items()]
            blocks.append(_Block(["Links:", *refs]))
        lines = [line.replace(_GLUE, " ").rstrip() for line in _join(blocks)]
        return "\n".join(lines).strip("\n") + "\n"

    # -- inlines ----------------------------------------------------------------

    def inl(self, nodes: Sequence[Inline], quotes: int = 0) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, (Text, Code, Abbreviation, Time)):
                out.append(_SPACE.sub(" ", node.text))
            elif isinstance(node, LineBreak):
                out.append("\n")
            elif isinstance(node, Quote):
                opening, closing = ("“", "”") if quotes % 2 == 0 else ("‘", "’")
                out.append(opening + self.inl(node.children, quotes + 1) + closing)
            elif isinstance(node, Link):
                out.append(self.link(node, quotes))
            else:  # Emphasis, Strong, Span: their words only
                out.append(self.inl(node.children, quotes))
        return "".join(out)

    def link(self, node: Link, quotes: int) -> str:
        text = self.inl(node.children, quotes)
        mode = self.options.links
        if mode == "none" or _same_as_url(text, node.href):
            return text
        if mode == "inline":
            return f"{text} ({node.href})"
        number = self.refs.setdefault(node.href, len(self.refs) + 1)
        return f"{text.rstrip()}{_GLUE}[{number}]"

    # -- sequences ----------------------------------------------------------------

    def seq(self, nodes: Iterable[_Box | Unit], width: int) -> list[_Block]:
        out: list[_Block] = []
        for node in nodes:
            out.extend(self.box(node, width) if isinstance(node, _Box) else self.leaf(node, width))
        return out

    # -- leaves ---------------------------------------------------------------------

    def leaf(self, unit: Unit, width: int) -> list[_Block]:
        kind = unit.kind
        if kind in ("headline", "heading"):
            return self.heading(unit, width)
        if kind in ("paragraph", "standfirst", "site_name", "kicker"):
            return [_Block(wrap(self.inl(unit.inlines), width))]
        if kind in ("byline", "dateline"):
            return [_Block(wrap(self.inl(unit.inlines), width), group="meta")]
        if kind in ("published", "updated"):
            label = unit.label or kind.capitalize()
            return [_Block(wrap(f"{label}: {self.inl(unit.inlines)}", width), group="meta")]
        if kind == "code":
            return [self.code(unit)]
        if kind == "separator":
            return [_Block(["* * *"])]
        if kind == "image":
            return [_Block(wrap(f"Image: {unit.text or self.inl(unit.inlines)}", width))]
        if kind == "caption":
            return [_Block(wrap(f"Caption: {self.inl(unit.inlines)}", width))]
        if kind in ("credit", "source"):
            label = unit.label or kind.capitalize()
            return [_Block(wrap(f"{label}: {self.inl(unit.inlines)}", width))]
        if kind == "attribution":
            return [_Block(wrap(f"— {self.inl(unit.inlines)}", width), attach=True)]
        if kind != "cell":
            warnings.warn(
                f"the text renderer does not know the reading unit {kind!r}; "
                "its text is rendered as a paragraph",
                RenderWarning,
                stacklevel=2,
            )
        return [_Block(wrap(self.inl(unit.inlines) or unit.text, width))]

    def heading(self, unit: Unit, width: int) -> list[_Block]:
        lines = wrap(self.inl(unit.inlines), width)
        level = unit.level or 2
        if self.options.heading_marks and level <= 2 and lines:
            mark = "=" if level == 1 else "-"
            lines.append(mark * max(display_width(line) for line in lines))
        blocks = [_Block(lines)]
        if unit.kind == "headline" and unit.label:
            blocks = [_Block(wrap(unit.label, width)), _Block(lines, attach=True)]
        return blocks

    def code(self, unit: Unit) -> _Block:
        text = unit.text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return _Block(_indent(lines, _INDENT))

    # -- containers -------------------------------------------------------------------

    def box(self, box: _Box, width: int) -> list[_Block]:
        unit, kind = box.unit, box.unit.kind
        if kind == "region":
            word = _REGION_WORDS.get(unit.role or "", (unit.role or "region").capitalize())
            intro = f"{word}: {unit.label}" if unit.label else word
            return [_Block(wrap(intro, width)), *_attach_first(self.seq(box.children, width))]
        if kind in ("main", "article"):
            return self.seq(box.children, width)
        if kind == "list":
            return [self.list_block(box, width)]
        if kind == "quote":
            lines = _join(self.seq(box.children, _inner(width, _INDENT)))
            return [_Block(_indent(lines, _INDENT))]
        if kind == "figure":
            return [_Block(_join(self.seq(box.children, width), tight=True))]
        if kind == "table":
            return [self.table(box, width)]
        if kind == "aside":
            label = unit.label or ""
            word = "Note" if unit.role == "note" else "Aside"
            says_so = re.search(rf"\b{word}\b", label, re.IGNORECASE)
            intro = label if says_so else f"{word}: {label}"
            return [_Block(wrap(intro, width)), self.indented(box, width)]
        if kind == "media":
            intro = f"{(unit.role or 'media').capitalize()}: {unit.label or ''}"
            return [_Block(wrap(intro, width)), *_attach_first(self.seq(box.children, width))]
        if kind == "transcript":
            return [_Block([f"{unit.label or 'Transcript'}:"]), self.indented(box, width)]
        if kind not in ("item", "row"):
            warnings.warn(
                f"the text renderer does not know the reading unit {kind!r}; "
                "its content is rendered without an introduction",
                RenderWarning,
                stacklevel=2,
            )
        return self.seq(box.children, width)

    def indented(self, box: _Box, width: int) -> _Block:
        lines = _join(self.seq(box.children, _inner(width, _INDENT)))
        return _Block(_indent(lines, _INDENT), attach=True)

    def list_block(self, box: _Box, width: int) -> _Block:
        ordered = isinstance(box.unit.node, List) and box.unit.node.ordered
        items = [c for c in box.children if isinstance(c, _Box) and c.unit.kind == "item"]
        markers = [f"{it.unit.index}." if ordered else "•" for it in items]
        col = max((display_width(m) for m in markers), default=1) + 1
        nest = max(3, col)
        tight = not any(not _is_list(c) for it in items for c in it.children[1:])
        out: list[_Block] = []
        for item, marker in zip(items, markers, strict=True):
            parts: list[_Block] = []
            for child in item.children:
                indent = nest if _is_list(child) else col
                lines = _join(self.seq([child], _inner(width, indent)), tight=tight)
                parts.append(_Block(_indent(lines, indent)))
            lines = _join(parts, tight=tight)
            pad = marker + " " * (col - display_width(marker))
            lines = [pad + lines[0][col:], *lines[1:]] if lines else [marker]
            out.append(_Block(lines))
        return _Block(_join(out, tight=tight))

    # -- tables -------------------------------------------------------------------------

    def table(self, box: _Box, width: int) -> _Block:
        table = box.unit.node
        caption: Sequence[Inline] = ()
        rows: list[list[Unit]] = []
        for child in box.children:
            if isinstance(child, Unit) and child.kind == "caption":
                caption = child.inlines
            elif isinstance(child, _Box) and child.unit.kind == "row":
                rows.append([u for u in child.children if isinstance(u, Unit)])
        title = f"Table: {self.inl(caption)}" if caption else "Table"
        lines = wrap(title, width)
        if not isinstance(table, Table):  # pragma: no cover - the walk gives the table
            for row in rows:
                lines += wrap("; ".join(self.inl(u.inlines) for u in row), width, rest=_HANG)
            return _Block(lines)
        # The grid only says which of a cell's headers are row headers and
        # which column headers; the cells and their order come from the units.
        grid, _ = table_grid(table)
        placed = {c.path: c for r in grid for c in r}
        by_cell = {id(c.cell): c for r in grid for c in r}
        base = len(box.unit.path)
        covered: set[int] = set()
        plan: list[tuple[list[Cell], list[Cell], list[tuple[Unit, Cell]]]] = []
        for row in rows:
            missing = [u.path for u in row if u.path[base:] not in placed]
            if missing:
                raise RenderError(f"the reading order has a table cell at {missing[0]!r} "
                                  "that the table does not hold")
            cells = [(u, placed[u.path[base:]]) for u in row]
            col_heads = [c for _, c in cells if c.cell.header and c.scope in ("col", "colgroup")]
            row_heads = {id(c.cell): c for _, c in cells
                         if c.cell.header and c.scope not in ("col", "colgroup")}
            data: list[tuple[Unit, Cell]] = []
            for u, c in cells:
                if c.cell.header or not plain_text(u.inlines).strip():
                    continue
                data.append((u, c))
                for head in c.row_headers:
                    row_heads.setdefault(id(head), by_cell[id(head)])
                covered.update(id(h) for h in (*c.row_headers, *c.col_headers))
            covered.update(row_heads)
            ordered_heads = sorted(row_heads.values(), key=lambda c: (c.col, c.row))
            plan.append((col_heads, ordered_heads, data))
        for columns, leading, cells_shown in plan:
            if any(id(c.cell) not in covered for c in columns):
                names = ", ".join(self.inl(c.cell.children) for c in columns)
                lines += wrap(f"Columns: {names}", width, rest=_HANG)
            parts = [self.inl(c.cell.children) for c in leading]
            for u, c in cells_shown:
                col_names = u.headers[len(c.row_headers):]
                value = self.inl(u.inlines)
                heads = ", ".join(self.inl(h) for h in col_names)
                parts.append(f"{heads}: {value}" if heads else value)
            if parts:
                lines += wrap("; ".join(parts), width, rest=_HANG)
        return _Block(lines)

