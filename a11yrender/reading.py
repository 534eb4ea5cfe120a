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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from .model import (
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
    return _LazyLevels(doc).all()


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


class _LazyLevels:
    """:func:`heading_levels`, worked out only as far as the walk has got.

    The first units of a long article come without walking all of it first
    (speech starts at once however long the article is).
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.known: dict[Path, int] = {}
        self._body_done = 0  # body blocks already levelled
        self._body_previous = 1
        self._regions_done: set[int] = set()

    def _level(self, root_path: Path, root: _Node, previous: int) -> int:
        for path, node in root.walk(root_path):
            if isinstance(node, Heading):
                previous = max(2, min(node.level, previous + 1))
                self.known[path] = previous
        return previous

    def get(self, path: Path, default: int) -> int:
        if path[0] == "body" and len(path) > 1 and isinstance(path[1], int):
            body = self.doc.body
            while self._body_done <= path[1] and self._body_done < len(body):
                i = self._body_done
                self._body_previous = self._level(("body", i), body[i], self._body_previous)
                self._body_done += 1
        elif path[0] == "regions" and len(path) > 1 and isinstance(path[1], int):
            i = path[1]
            if i not in self._regions_done and 0 <= i < len(self.doc.regions):
                self._regions_done.add(i)
                self._level(("regions", i), self.doc.regions[i], 1)
        return self.known.get(path, default)

    def all(self) -> dict[Path, int]:
        """Every level, the whole document worked out."""
        if self.doc.body:
            self.get(("body", len(self.doc.body) - 1), 0)
        for i in range(len(self.doc.regions)):
            self.get(("regions", i), 0)
        return self.known


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.levels = _LazyLevels(doc)
        self.lang = doc.meta.language

    def walk(self) -> Iterator[Unit]:
        doc, meta = self.doc, self.doc.meta
        before = [(i, r) for i, r in enumerate(doc.regions) if r.role in ("banner", "navigation",
                                                                          "notice")]
        after = [(i, r) for i, r in enumerate(doc.regions) if (i, r) not in before]
        banner = next(((i, r) for i, r in before if r.role == "banner"), None)
        # The page always has a banner (it holds the skip link), so the walk
        # always opens one, with the site name first.
        if banner is not None or meta.site_name:
            node = banner[1] if banner else None
            path: Path = ("regions", banner[0]) if banner else ("meta",)
            yield self._start("region", path, node, 0, role="banner",
                              label=node.label if node else None)
            if meta.site_name:
                yield self._leaf("site_name", ("meta", "site_name"), meta, 1,
                                 inlines=(Text(meta.site_name),))
            if banner is not None:
                yield from self._blocks(banner[1].children, ("regions", banner[0], "children"),
                                        1, banner[1].lang)
            yield self._end("region", path, node, 0, role="banner")
        for i, region in before:
            if region.role != "banner":
                yield from self._region(i, region)
        yield from self._article()
        for i, region in after:
            yield from self._region(i, region)
        if meta.url and not any(r.role == "contentinfo" for r in doc.regions):
            yield self._start("region", ("meta",), None, 0, role="contentinfo")
            yield from self._source(1)
            yield self._end("region", ("meta",), None, 0, role="contentinfo")

    def _source(self, depth: int) -> Iterator[Unit]:
        meta = self.doc.meta
        assert meta.url is not None
        text = meta.site_name or meta.url
        yield self._leaf("source", ("meta", "url"), meta, depth,
                         inlines=(Link((Text(text),), href=meta.url),), label="Source")

    def _region(self, i: int, region: Region) -> Iterator[Unit]:
        path: Path = ("regions", i)
        yield self._start("region", path, region, 0, role=region.role, label=region.label)
        yield from self._blocks(region.children, (*path, "children"), 1, region.lang)
        if region.role == "contentinfo" and self.doc.meta.url:
            yield from self._source(1)
        yield self._end("region", path, region, 0, role=region.role)

    def _article(self) -> Iterator[Unit]:
        doc, meta = self.doc, self.doc.meta
        yield self._start("main", ("body",), None, 0)
        yield self._start("article", ("body",), None, 1)
        yield self._leaf("headline", ("meta", "title"), meta, 2, inlines=(Text(meta.title),),
                         level=1, label=meta.kicker)
        if meta.standfirst:
            yield self._leaf("standfirst", ("meta", "standfirst"), meta, 2,
                             inlines=meta.standfirst)
        for i, byline in enumerate(meta.bylines):
            yield self._leaf("byline", ("meta", "bylines", i), meta, 2,
                             inlines=(Text(byline),))
        if meta.dateline:
            yield self._leaf("dateline", ("meta", "dateline"), meta, 2,
                             inlines=(Text(meta.dateline),))
        for name, word in (("published", "Published"), ("updated", "Updated")):
            value = getattr(meta, name)
            if value:
                shown = Time(format_date(value, self.lang), value)
                yield self._leaf(name, ("meta", name), meta, 2, inlines=(shown,), label=word)
        yield from self._blocks(doc.body, ("body",), 2, None)
        yield self._end("article", ("body",), None, 1)
        yield self._end("main", ("body",), None, 0)

    # -- blocks -------------------------------------------------------------

    def _blocks(self, blocks: tuple[Block, ...], path: Path, depth: int, lang: str | None,
                list_level: int = 0) -> Iterator[Unit]:
        for i, block in enumerate(blocks):
            yield from self._block(block, (*path, i), depth, lang, list_level)

    def _block(self, block: Block, path: Path, depth: int, inherited: str | None,
               list_level: int) -> Iterator[Unit]:
        lang = block.lang or inherited
        if isinstance(block, Heading):
            yield self._leaf("heading", path, block, depth, lang, inlines=block.children,
                             level=self.levels.get(path, block.level))
        elif isinstance(block, Paragraph):
            yield self._leaf("paragraph", path, block, depth, lang, inlines=block.children)
        elif isinstance(block, List):
            yield from self._list(block, path, depth, lang, list_level + 1)
        elif isinstance(block, BlockQuote):
            yield self._start("quote", path, block, depth, lang)
            yield from self._blocks(block.children, (*path, "children"), depth + 1, lang,
                                    list_level)
            if block.attribution:
                yield self._leaf("attribution", (*path, "attribution"), block, depth + 1, lang,
                                 inlines=block.attribution)
            yield self._end("quote", path, block, depth, lang)
        elif isinstance(block, Figure):
            yield self._start("figure", path, block, depth, lang)
            if not block.image.decorative:
                yield self._leaf("image", (*path, "image"), block.image, depth + 1, lang,
                                 inlines=(Text(block.image.alt),), text=block.image.alt)
            if block.caption:
                yield self._leaf("caption", (*path, "caption"), block, depth + 1, lang,
                                 inlines=block.caption)
            if block.credit:
                yield self._leaf("credit", (*path, "credit"), block, depth + 1, lang,
                                 inlines=block.credit, label="Credit")
            yield self._end("figure", path, block, depth, lang)
        elif isinstance(block, Table):
            yield from self._table(block, path, depth, lang)
        elif isinstance(block, CodeBlock):
            yield self._leaf("code", path, block, depth, lang, text=block.text,
                             inlines=(Text(block.text),))
        elif isinstance(block, Separator):
            yield self._leaf("separator", path, block, depth, lang)
        elif isinstance(block, Aside):
            yield self._start("aside", path, block, depth, lang, label=block.label,
                              role=block.kind)
            yield from self._blocks(block.children, (*path, "children"), depth + 1, lang,
                                    list_level)
            yield self._end("aside", path, block, depth, lang, label=block.label,
                            role=block.kind)
        elif isinstance(block, Media):
            yield self._start("media", path, block, depth, lang, label=block.title,
                              role=block.kind)
            if block.transcript:
                yield self._start("transcript", (*path, "transcript"), block, depth + 1, lang,
                                  label="Transcript")
                yield from self._blocks(block.transcript, (*path, "transcript"), depth + 2,
                                        lang, list_level)
                yield self._end("transcript", (*path, "transcript"), block, depth + 1, lang)
            yield self._end("media", path, block, depth, lang, role=block.kind)
        else:  # pragma: no cover - the model's Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def _list(self, block: List, path: Path, depth: int, lang: str | None,
              level: int) -> Iterator[Unit]:
        n = len(block.items)
        yield self._start("list", path, block, depth, lang, level=level, count=n)
        for i, item in enumerate(block.items):
            ipath: Path = (*path, "items", i)
            ilang = item.lang or lang
            number = block.start + i if block.ordered else i + 1
            yield self._start("item", ipath, item, depth + 1, ilang, level=level,
                              index=number, count=n)
            yield from self._blocks(item.children, (*ipath, "children"), depth + 2, ilang,
                                    level)
            yield self._end("item", ipath, item, depth + 1, ilang, level=level, index=number)
        yield self._end("list", path, block, depth, lang, level=level, count=n)

    def _table(self, table: Table, path: Path, depth: int, lang: str | None) -> Iterator[Unit]:
        grid, ncols = table_grid(table)
        yield self._start("table", path, table, depth, lang, count=len(grid), index=ncols)
        if table.caption:
            yield self._leaf("caption", (*path, "caption"), table, depth + 1, lang,
                             inlines=table.caption)
        for r, cells in enumerate(grid):
            rpath: Path = (*path, *cells[0].path[:2])  # rows always hold cells
            yield self._start("row", rpath, None, depth + 1, lang, index=r, count=len(cells))
            for c in cells:
                cell_lang = c.cell.lang or lang
                headers = tuple(h.children for h in c.row_headers + c.col_headers)
                yield self._leaf("cell", (*path, *c.path), c.cell, depth + 2, cell_lang,
                                 inlines=c.cell.children, headers=headers, header=c.cell.header,
                                 role=c.scope, index=c.col)
            yield self._end("row", rpath, None, depth + 1, lang, index=r)
        yield self._end("table", path, table, depth, lang)

    # -- unit constructors ---------------------------------------------------

    def _unit(self, event: Event, kind: str, path: Path, node: _Node | None, depth: int,
              lang: str | None, **kw: object) -> Unit:
        return Unit(event, kind, path, node, lang or self.lang, depth, **kw)  # type: ignore[arg-type]

    def _start(self, kind: str, path: Path, node: _Node | None, depth: int,
               lang: str | None = None, **kw: object) -> Unit:
        return self._unit("start", kind, path, node, depth, lang, **kw)

    def _end(self, kind: str, path: Path, node: _Node | None, depth: int,
             lang: str | None = None, **kw: object) -> Unit:
        return self._unit("end", kind, path, node, depth, lang, **kw)

    def _leaf(self, kind: str, path: Path, node: _Node | None, depth: int,
              lang: str | None = None, **kw: object) -> Unit:
        return self._unit("leaf", kind, path, node, depth, lang, **kw)


def iter_leaves(doc: Document) -> Iterator[Unit]:
    """Only the leaf units (the text), in reading order."""
    return (u for u in reading_units(doc) if u.event == "leaf")

