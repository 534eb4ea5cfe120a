"""The reading order: the one walk of a document that every linear output uses.

:func:`reading_units` turns a :class:`Document` into a flat sequence of
:class:`Unit` values in the order a screen reader walks the rendered page:
the banner, navigation and notices, then the article (kicker and headline,
standfirst, bylines, dates, body), then complementary regions and the footer.
Containers (regions, lists, items, quotes, figures, tables, rows, asides,
media) open with a ``"start"`` unit and close with an ``"end"`` unit; text
arrives in ``"leaf"`` units. Plain text, transcripts, SSML and speech are all
built from this sequence, so they cannot disagree; the HTML renderer emits its
DOM in the same order, which a browser test checks.

Heading levels are normalised here once: the headline is level 1, and body
and region headings start at 2 and never skip a level.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from typing import Literal

from .model import (
    INLINE_TYPES,
    Aside,
    Block,
    BlockQuote,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Inline,
    Link,
    List,
    Media,
    Paragraph,
    Path,
    Region,
    Separator,
    Table,
    TableCell,
    Text,
    Time,
    _Node,
)

__all__ = [
    "Cell",
    "Unit",
    "format_date",
    "heading_levels",
    "is_rtl",
    "iter_leaves",
    "reading_units",
    "table_grid",
]

Event = Literal["start", "end", "leaf"]

#: Leaf kinds: ``site_name``, ``kicker``, ``headline``, ``standfirst``, ``byline``,
#: ``dateline``, ``published``, ``updated``, ``heading``, ``paragraph``, ``code``,
#: ``separator``, ``image``, ``caption``, ``credit``, ``attribution``, ``cell``,
#: ``source``. Container kinds: ``region`` (banner, navigation, notice,
#: complementary, contentinfo), ``main``, ``article``, ``list``, ``item``,
#: ``quote``, ``figure``, ``table``, ``row``, ``aside``, ``media``, ``transcript``.


@dataclass(frozen=True, slots=True)
class Unit:
    """One step of the reading order.

    ``inlines`` is the content of a leaf (``text`` for code and image alt);
    ``lang`` the language in force; ``depth`` the container nesting; ``level``
    the normalised heading level or the list nesting level; ``index`` the
    item number (already offset by an ordered list's ``start``) or row index;
    ``count`` the number of items, rows or columns; ``label`` a region's or
    aside's label, a region's role for ``region`` units, the kicker for the
    headline, or the word that introduces a date.
    """

    event: Event
    kind: str
    path: Path
    node: _Node | None
    lang: str
    depth: int = 0
    inlines: tuple[Inline, ...] = ()
    text: str = ""
    level: int = 0
    index: int = 0
    count: int = 0
    label: str | None = None
    role: str | None = None
    headers: tuple[tuple[Inline, ...], ...] = ()
    header: bool = False


# --------------------------------------------------------------------------
# Shared helpers (renderers use them too, so every output agrees)
# --------------------------------------------------------------------------

_RTL_LANGS = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "ps", "sd", "syr", "ug", "ur",
     "yi", "ji"}
)


def is_rtl(lang: str) -> bool:
    """Whether a language tag is written right to left (by script or language)."""
    parts = lang.split("-")
    for sub in parts[1:]:
        if len(sub) == 4 and sub.isalpha():
            return sub.title() in ("Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg")
    return parts[0].lower() in _RTL_LANGS


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def format_date(value: str, lang: str) -> str:
    """How a machine-readable date is shown: "4 November 2002, 09:30" in English,
    ISO 8601 ("2002-11-04 09:30") for other languages, whose formats we do not
    claim to know."""
    head, _, rest = value.replace(" ", "T").partition("T")
    clock = rest[:5] if rest else ""
    zone = ""
    if rest.endswith("Z"):
        zone = " UTC"
    elif len(rest) > 8 and rest[-6] in "+-":
        zone = f" UTC{rest[-6:]}"
    if not lang.lower().startswith("en"):
        return f"{head} {clock}{zone}".strip()
    try:
        if len(head) == 10:
            d = date.fromisoformat(head)
            shown = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        elif len(head) == 7:
            d = datetime.strptime(head, "%Y-%m").date()
            shown = f"{_MONTHS[d.month - 1]} {d.year}"
        else:
            shown = head
    except ValueError:
        shown = head
    return f"{shown}, {clock}{zone}" if clock else shown


def heading_levels(doc: Document) -> dict[Path, int]:
    """The level each body or region heading is shown at, keyed by path.

    Each scope (the body, each region) starts below the headline at level 2;
    a heading never goes deeper than one below the previous one.
    """
    levels: dict[Path, int] = {}
    scopes: list[tuple[tuple[Block, ...], Path]] = [(doc.body, ("body",))]
    scopes += [(r.children, ("regions", i, "children")) for i, r in enumerate(doc.regions)]
    for blocks, path in scopes:
        previous = 1
        for hpath, heading in _headings(blocks, path):
            previous = levels[hpath] = _next_level(heading.level, previous)
    return levels


def _next_level(level: int, previous: int) -> int:
    """The level a heading is shown at after a heading shown at ``previous``
    (1 at the start of a scope): below the headline, skipping no level."""
    return max(2, min(level, previous + 1))


# The fields of each node class that may hold a heading, directly or further
# down: every node field but those holding only inlines, where the model admits
# no heading. Worked out once per class.
_HEADING_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _headings(blocks: tuple[Block, ...], path: Path) -> Iterator[tuple[Path, Heading]]:
    """The headings in ``blocks`` and under them, in document order, with their
    paths: what :meth:`~a11yrender.model._Node.walk` would find, without going
    into the inlines (most of the nodes of an article)."""
    stack: list[tuple[Path, _Node]] = [((*path, i), b) for i, b in enumerate(blocks)]
    stack.reverse()  # popped from the end, so first things last
    while stack:
        npath, node = stack.pop()
        if isinstance(node, Heading):
            yield npath, node
            continue
        plan = _HEADING_FIELDS.get(type(node))
        if plan is None:
            plan = _HEADING_FIELDS[type(node)] = tuple(
                (s.name, s.kind == "nodes") for s in node._specs()
                if s.kind in ("node", "nodes") and not all(t in INLINE_TYPES for t in s.types))
        children: list[tuple[Path, _Node]] = []
        for name, many in plan:
            value = getattr(node, name)
            if many:
                children += [((*npath, name, i), c) for i, c in enumerate(value)]
            elif value is not None:
                children.append(((*npath, name), value))
        stack += reversed(children)


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell placed on the grid, with its inferred scope and headers."""

    cell: TableCell
    row: int
    col: int
    section: Literal["head", "body", "foot"]
    path: Path
    scope: str | None
    col_headers: tuple[TableCell, ...]
    row_headers: tuple[TableCell, ...]


def table_grid(table: Table) -> tuple[list[list[Cell]], int]:
    """Cells by row with scopes inferred and headers resolved, and the column count.

    A header cell without a scope is a column header in the head or in a row of
    header cells only, else a row header. A data cell's headers are the column
    headers above it and the row headers before it, spans included.
    """
    sections = [("head", i, r) for i, r in enumerate(table.head)]
    sections += [("body", i, r) for i, r in enumerate(table.body)]
    sections += [("foot", i, r) for i, r in enumerate(table.foot)]
    occupied: dict[tuple[int, int], tuple[TableCell, str | None]] = {}
    placed: list[list[tuple[TableCell, int, int, str, str | None, Path]]] = []
    out_row: list[tuple[TableCell, int, int, str, str | None, Path]]
    ncols = 0
    for r, (section, index, row) in enumerate(sections):
        col = 0
        out_row = []
        all_headers = all(c.header for c in row.cells)
        for k, c in enumerate(row.cells):
            while (r, col) in occupied:
                col += 1
            scope: str | None = c.scope
            if c.header and scope is None:
                scope = "col" if section == "head" or all_headers else "row"
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    occupied[(r + dr, col + dc)] = (c, scope)
            out_row.append((c, r, col, section, scope, (section, index, "cells", k)))
            col += c.colspan
            ncols = max(ncols, col)
        placed.append(out_row)
    grid: list[list[Cell]] = []
    for out_row in placed:
        cells = []
        for c, r, col, section, scope, cpath in out_row:
            cols: list[TableCell] = []
            rows: list[TableCell] = []
            if not c.header:
                for cc in range(col, col + c.colspan):
                    for rr in range(r):
                        above = occupied.get((rr, cc))
                        if above and above[0].header and above[1] in ("col", "colgroup") \
                                and above[0] not in cols:
                            cols.append(above[0])
                for rr in range(r, r + c.rowspan):
                    for cc in range(col):
                        left = occupied.get((rr, cc))
                        if left and left[0].header and left[1] in ("row", "rowgroup") \
                                and left[0] not in rows:
                            rows.append(left[0])
            cells.append(Cell(c, r, col, section, cpath, scope,  # type: ignore[arg-type]
                              tuple(cols), tuple(rows)))
        grid.append(cells)
    return grid, ncols


# --------------------------------------------------------------------------
# The walk
# --------------------------------------------------------------------------


def reading_units(doc: Document) -> Iterator[Unit]:
    """Every unit of ``doc`` in reading order."""
    return _Walker(doc).walk()


# Units are the most numerous objects a walk makes, and the __init__ of a
# frozen dataclass sets each of the 15 fields through object.__setattr__, which
# was half the cost of a walk. _unit makes the same Unit by setting the slots
# through their descriptors, about twice as fast; the check below keeps its
# parameters (names, order, defaults) those of Unit.
_new = object.__new__
(_set_event, _set_kind, _set_path, _set_node, _set_lang, _set_depth, _set_inlines, _set_text,
 _set_level, _set_index, _set_count, _set_label, _set_role, _set_headers, _set_header) = (
    Unit.__dict__[f.name].__set__ for f in fields(Unit))


def _unit(event: Event, kind: str, path: Path, node: _Node | None, lang: str, depth: int = 0,
          inlines: tuple[Inline, ...] = (), text: str = "", level: int = 0, index: int = 0,
          count: int = 0, label: str | None = None, role: str | None = None,
          headers: tuple[tuple[Inline, ...], ...] = (), header: bool = False) -> Unit:
    """``Unit(...)``, faster."""
    unit: Unit = _new(Unit)
    _set_event(unit, event)
    _set_kind(unit, kind)
    _set_path(unit, path)
    _set_node(unit, node)
    _set_lang(unit, lang)
    _set_depth(unit, depth)
    _set_inlines(unit, inlines)
    _set_text(unit, text)
    _set_level(unit, level)
    _set_index(unit, index)
    _set_count(unit, count)
    _set_label(unit, label)
    _set_role(unit, role)
    _set_headers(unit, headers)
    _set_header(unit, header)
    return unit


if [(p.name, p.default) for p in inspect.signature(_unit).parameters.values()] != [
        (f.name, inspect.Parameter.empty if f.default is MISSING else f.default)
        for f in fields(Unit)]:  # pragma: no cover - a guard for whoever edits Unit
    raise AssertionError("_unit's parameters must be Unit's fields")


class _Walker:
    """The walk; every ``lang`` it passes down is already resolved (the
    document's language when nothing nearer sets one)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lang = doc.meta.language
        # The level of the last heading of the scope (the body, a region) the
        # walk is in: levels are worked out as the walk goes, so the first
        # units come without a look at the rest of the document.
        self.previous = 1

    def walk(self) -> Iterator[Unit]:
        doc, meta, lang = self.doc, self.doc.meta, self.lang
        before = [(i, r) for i, r in enumerate(doc.regions) if r.role in ("banner", "navigation",
                                                                          "notice")]
        after = [(i, r) for i, r in enumerate(doc.regions) if (i, r) not in before]
        banner = next(((i, r) for i, r in before if r.role == "banner"), None)
        # The page always has a banner (it holds the skip link), so the walk
        # always opens one, with the site name first.
        if banner is not None or meta.site_name:
            node = banner[1] if banner else None
            path: Path = ("regions", banner[0]) if banner else ("meta",)
            yield _unit("start", "region", path, node, lang, 0, role="banner",
                        label=node.label if node else None)
            if meta.site_name:
                yield _unit("leaf", "site_name", ("meta", "site_name"), meta, lang, 1,
                            inlines=(Text(meta.site_name),))
            if banner is not None:
                yield from self._scope(banner[1].children, ("regions", banner[0], "children"),
                                       1, banner[1].lang or lang)
            yield _unit("end", "region", path, node, lang, 0, role="banner")
        for i, region in before:
            if region.role != "banner":
                yield from self._region(i, region)
        yield from self._article()
        for i, region in after:
            yield from self._region(i, region)
        if meta.url and not any(r.role == "contentinfo" for r in doc.regions):
            yield _unit("start", "region", ("meta",), None, lang, 0, role="contentinfo")
            yield self._source(1)
            yield _unit("end", "region", ("meta",), None, lang, 0, role="contentinfo")

    def _source(self, depth: int) -> Unit:
        meta = self.doc.meta
        assert meta.url is not None
        text = meta.site_name or meta.url
        return _unit("leaf", "source", ("meta", "url"), meta, self.lang, depth,
                     inlines=(Link(children=(Text(text),), href=meta.url),),
                     label="Source")

    def _region(self, i: int, region: Region) -> Iterator[Unit]:
        path: Path = ("regions", i)
        lang = self.lang
        yield _unit("start", "region", path, region, lang, 0, role=region.role,
                    label=region.label)
        yield from self._scope(region.children, (*path, "children"), 1, region.lang or lang)
        if region.role == "contentinfo" and self.doc.meta.url:
            yield self._source(1)
        yield _unit("end", "region", path, region, lang, 0, role=region.role)

    def _article(self) -> Iterator[Unit]:
        doc, meta, lang = self.doc, self.doc.meta, self.lang
        yield _unit("start", "main", ("body",), None, lang, 0)
        yield _unit("start", "article", ("body",), None, lang, 1)
        yield _unit("leaf", "headline", ("meta", "title"), meta, lang, 2,
                    inlines=(Text(meta.title),), level=1, label=meta.kicker)
        if meta.standfirst:
            yield _unit("leaf", "standfirst", ("meta", "standfirst"), meta, lang, 2,
                        inlines=meta.standfirst)
        for i, byline in enumerate(meta.bylines):
            yield _unit("leaf", "byline", ("meta", "bylines", i), meta, lang, 2,
                        inlines=(Text(byline),))
        if meta.dateline:
            yield _unit("leaf", "dateline", ("meta", "dateline"), meta, lang, 2,
                        inlines=(Text(meta.dateline),))
        for name, word in (("published", "Published"), ("updated", "Updated")):
            value = getattr(meta, name)
            if value:
                shown = Time(text=format_date(value, lang), datetime=value)
                yield _unit("leaf", name, ("meta", name), meta, lang, 2, inlines=(shown,),
                            label=word)
        yield from self._scope(doc.body, ("body",), 2, lang)
        yield _unit("end", "article", ("body",), None, lang, 1)
        yield _unit("end", "main", ("body",), None, lang, 0)

    # -- blocks -------------------------------------------------------------

    def _scope(self, blocks: tuple[Block, ...], path: Path, depth: int,
               lang: str) -> Iterator[Unit]:
        """The blocks of a heading scope (the body, a region), levelled afresh."""
        self.previous = 1
        return self._blocks(blocks, path, depth, lang)

    def _blocks(self, blocks: tuple[Block, ...], path: Path, depth: int, inherited: str,
                list_level: int = 0) -> Iterator[Unit]:
        for i, block in enumerate(blocks):
            bpath = (*path, i)
            lang = block.lang or inherited
            # Paragraphs and headings, most of the blocks, are done here rather
            # than in _block: one generator less for each.
            if isinstance(block, Paragraph):
                yield _unit("leaf", "paragraph", bpath, block, lang, depth, block.children)
            elif isinstance(block, Heading):
                self.previous = level = _next_level(block.level, self.previous)
                yield _unit("leaf", "heading", bpath, block, lang, depth, block.children,
                            level=level)
            else:
                yield from self._block(block, bpath, depth, lang, list_level)

    def _block(self, block: Block, path: Path, depth: int, lang: str,
               list_level: int) -> Iterator[Unit]:
        """A block other than a paragraph or heading (see _blocks)."""
        if isinstance(block, List):
            yield from self._list(block, path, depth, lang, list_level + 1)
        elif isinstance(block, BlockQuote):
            yield _unit("start", "quote", path, block, lang, depth)
            yield from self._blocks(block.children, (*path, "children"), depth + 1, lang,
                                    list_level)
            if block.attribution:
                yield _unit("leaf", "attribution", (*path, "attribution"), block, lang,
                            depth + 1, block.attribution)
            yield _unit("end", "quote", path, block, lang, depth)
        elif isinstance(block, Figure):
            yield _unit("start", "figure", path, block, lang, depth)
            if not block.image.decorative:
                yield _unit("leaf", "image", (*path, "image"), block.image, lang, depth + 1,
                            (Text(block.image.alt),), text=block.image.alt)
            if block.caption:
                yield _unit("leaf", "caption", (*path, "caption"), block, lang, depth + 1,
                            block.caption)
            if block.credit:
                yield _unit("leaf", "credit", (*path, "credit"), block, lang, depth + 1,
                            block.credit, label="Credit")
            yield _unit("end", "figure", path, block, lang, depth)
        elif isinstance(block, Table):
            yield from self._table(block, path, depth, lang)
        elif isinstance(block, CodeBlock):
            yield _unit("leaf", "code", path, block, lang, depth, (Text(block.text),),
                        text=block.text)
        elif isinstance(block, Separator):
            yield _unit("leaf", "separator", path, block, lang, depth)
        elif isinstance(block, Aside):
            yield _unit("start", "aside", path, block, lang, depth, label=block.label,
                        role=block.kind)
            yield from self._blocks(block.children, (*path, "children"), depth + 1, lang,
                                    list_level)
            yield _unit("end", "aside", path, block, lang, depth, label=block.label,
                        role=block.kind)
        elif isinstance(block, Media):
            yield _unit("start", "media", path, block, lang, depth, label=block.title,
                        role=block.kind)
            if block.transcript:
                tpath: Path = (*path, "transcript")
                yield _unit("start", "transcript", tpath, block, lang, depth + 1,
                            label="Transcript")
                yield from self._blocks(block.transcript, tpath, depth + 2, lang, list_level)
                yield _unit("end", "transcript", tpath, block, lang, depth + 1)
            yield _unit("end", "media", path, block, lang, depth, role=block.kind)
        else:  # pragma: no cover - the model's Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def _list(self, block: List, path: Path, depth: int, lang: str,
              level: int) -> Iterator[Unit]:
        n = len(block.items)
        yield _unit("start", "list", path, block, lang, depth, level=level, count=n)
        for i, item in enumerate(block.items):
            ipath: Path = (*path, "items", i)
            ilang = item.lang or lang
            number = block.start + i if block.ordered else i + 1
            yield _unit("start", "item", ipath, item, ilang, depth + 1, level=level,
                        index=number, count=n)
            yield from self._blocks(item.children, (*ipath, "children"), depth + 2, ilang,
                                    level)
            yield _unit("end", "item", ipath, item, ilang, depth + 1, level=level,
                        index=number)
        yield _unit("end", "list", path, block, lang, depth, level=level, count=n)

    def _table(self, table: Table, path: Path, depth: int, lang: str) -> Iterator[Unit]:
        grid, ncols = table_grid(table)
        yield _unit("start", "table", path, table, lang, depth, count=len(grid), index=ncols)
        if table.caption:
            yield _unit("leaf", "caption", (*path, "caption"), table, lang, depth + 1,
                        table.caption)
        for r, cells in enumerate(grid):
            rpath: Path = (*path, *cells[0].path[:2])  # rows always hold cells
            yield _unit("start", "row", rpath, None, lang, depth + 1, index=r,
                        count=len(cells))
            for c in cells:
                headers = tuple(h.children for h in c.row_headers + c.col_headers)
                yield _unit("leaf", "cell", (*path, *c.path), c.cell, c.cell.lang or lang,
                            depth + 2, c.cell.children, headers=headers,
                            header=c.cell.header, role=c.scope, index=c.col)
            yield _unit("end", "row", rpath, None, lang, depth + 1, index=r)
        yield _unit("end", "table", path, table, lang, depth)


def iter_leaves(doc: Document) -> Iterator[Unit]:
    """Only the leaf units (the text), in reading order."""
    return (u for u in reading_units(doc) if u.event == "leaf")

