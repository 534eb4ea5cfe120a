"""Short constructors for documents in tests, examples and notebooks.

Strings become :class:`Text`; lists become tuples::

    from a11yrender.builder import doc, h, p, em, link, ul
    d = doc("Headline", p("Hello ", em("world"), "."), h(2, "More"), ul("one", "two"))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from .model import (
    Abbreviation,
    Aside,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Media,
    Metadata,
    Paragraph,
    Quote,
    Region,
    RegionRole,
    Separator,
    Span,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    Time,
)

__all__ = [
    "abbr", "aside", "br", "code", "codeblock", "doc", "em", "figure", "h", "inlines", "li",
    "link", "media", "note", "ol", "p", "q", "quote", "region", "separator", "span", "strong",
    "table", "time", "ul",
]

InlineLike = str | Inline
BlockLike = str | Inline | Block


def inlines(*parts: InlineLike) -> tuple[Inline, ...]:
    """Inline nodes from strings and nodes; adjacent plain texts become one
    ``Text`` (as they would in HTML, so documents read back equal)."""
    out: list[Inline] = []
    for x in parts:
        node = Text(x) if isinstance(x, str) else x
        prev = out[-1] if out else None
        if (isinstance(node, Text) and isinstance(prev, Text)
                and node.lang is None and prev.lang is None):
            out[-1] = Text(prev.text + node.text)
        else:
            out.append(node)
    return tuple(out)


def _blocks(parts: Iterable[BlockLike]) -> tuple[Block, ...]:
    out: list[Block] = []
    run: list[InlineLike] = []
    for part in parts:
        if isinstance(part, (str, *_INLINE_CLASSES)):
            # Two strings in a row are two paragraphs; inline nodes join the run.
            if isinstance(part, str) and run and isinstance(run[-1], str):
                out.append(Paragraph(inlines(*run)))
                run = []
            run.append(part)
            continue
        if run:
            out.append(Paragraph(inlines(*run)))
            run = []
        out.append(part)
    if run:
        out.append(Paragraph(inlines(*run)))
    return tuple(out)


_INLINE_CLASSES = (Text, Emphasis, Strong, Link, Code, Abbreviation, Time, Span, LineBreak, Quote)


def em(*parts: InlineLike) -> Emphasis:
    return Emphasis(inlines(*parts))


def strong(*parts: InlineLike) -> Strong:
    return Strong(inlines(*parts))


def link(href: str, *parts: InlineLike, title: str | None = None) -> Link:
    return Link(inlines(*parts), href=href, title=title)


def code(text: str) -> Code:
    return Code(text)


def abbr(text: str, expansion: str) -> Abbreviation:
    return Abbreviation(text, expansion)


def time(text: str, datetime: str) -> Time:
    return Time(text, datetime)


def span(lang: str, *parts: InlineLike) -> Span:
    return Span(inlines(*parts), lang=lang)


def br() -> LineBreak:
    return LineBreak()


def q(*parts: InlineLike, cite: str | None = None) -> Quote:
    return Quote(inlines(*parts), cite=cite)


def p(*parts: InlineLike, id: str | None = None, lang: str | None = None) -> Paragraph:
    return Paragraph(inlines(*parts), id=id, lang=lang)


def h(level: int, *parts: InlineLike, id: str | None = None) -> Heading:
    return Heading(level, inlines(*parts), id=id)


def li(*parts: BlockLike) -> ListItem:
    return ListItem(_blocks(parts))


def _items(items: Sequence[BlockLike | ListItem | Sequence[BlockLike]]) -> tuple[ListItem, ...]:
    out = []
    for item in items:
        if isinstance(item, ListItem):
            out.append(item)
        elif isinstance(item, (list, tuple)):
            out.append(li(*item))
        else:
            out.append(li(item))  # type: ignore[arg-type]  # a Block or inline, never a ListItem here
    return tuple(out)


def ul(*items: BlockLike | ListItem | Sequence[BlockLike]) -> List:
    """An unordered list; an item may be a string, an inline, a block or a sequence of them."""
    return List(_items(items))


def ol(*items: BlockLike | ListItem | Sequence[BlockLike], start: int = 1) -> List:
    """An ordered list starting at ``start``."""
    return List(_items(items), ordered=True, start=start)


def quote(*parts: BlockLike, by: InlineLike | Sequence[InlineLike] = (), cite: str | None = None
          ) -> BlockQuote:
    """A block quote; ``by`` is the attribution."""
    attribution = inlines(by) if isinstance(by, (str, *_INLINE_CLASSES)) else inlines(*by)
    return BlockQuote(_blocks(parts), attribution=attribution, cite=cite)


def figure(src: str, alt: str = "", caption: InlineLike | Sequence[InlineLike] = (),
           credit: InlineLike | Sequence[InlineLike] = (), *, decorative: bool = False,
           width: int | None = None, height: int | None = None) -> Figure:
    """An image figure; pass ``decorative=True`` (and no alt) for an image with no content."""

    def seq(x: InlineLike | Sequence[InlineLike]) -> tuple[Inline, ...]:
        return inlines(x) if isinstance(x, (str, *_INLINE_CLASSES)) else inlines(*x)

    image = Image(src, alt=alt, decorative=decorative, width=width, height=height)
    return Figure(image, caption=seq(caption), credit=seq(credit))


def table(caption: str | Sequence[InlineLike], head: Sequence[Sequence[str]] = (),
          rows: Sequence[Sequence[str | TableCell]] = (), *, row_headers: bool = False) -> Table:
    """A table from strings: ``head`` rows become column headers; with ``row_headers``
    the first cell of each body row is a row header."""

    def cell(x: str | TableCell, header: bool, scope: Any = None) -> TableCell:
        return x if isinstance(x, TableCell) else TableCell(inlines(x), header=header, scope=scope)

    head_rows = tuple(TableRow(tuple(cell(c, True, "col") for c in r)) for r in head)
    body_rows = tuple(
        TableRow(tuple(cell(c, row_headers and i == 0, "row" if row_headers and i == 0 else None)
                       for i, c in enumerate(r)))
        for r in rows
    )
    cap = inlines(caption) if isinstance(caption, str) else inlines(*caption)
    return Table(caption=cap, head=head_rows, body=body_rows)


def codeblock(text: str, syntax: str | None = None) -> CodeBlock:
    return CodeBlock(text, syntax=syntax)


def separator() -> Separator:
    return Separator()


def aside(label: str, *parts: BlockLike) -> Aside:
    return Aside(label, _blocks(parts))


def note(label: str, *parts: BlockLike) -> Aside:
    return Aside(label, _blocks(parts), kind="note")


def media(kind: Literal["audio", "video"], src: str, title: str, *transcript: BlockLike,
          captions: str | None = None) -> Media:
    return Media(kind, src, title, transcript=_blocks(transcript), captions=captions)


def region(role: RegionRole, *parts: BlockLike, label: str | None = None) -> Region:
    return Region(role, _blocks(parts), label=label)


def doc(title: str, *body: BlockLike, regions: Sequence[Region] = (),
        standfirst: InlineLike | Sequence[InlineLike] = (), **meta: Any) -> Document:
    """A document; keyword arguments go to :class:`Metadata` (``language``, ``kicker``...).

    In ``body`` each string is a paragraph; inline nodes join the string before them.
    """
    if isinstance(standfirst, (str, *_INLINE_CLASSES)):
        sf = inlines(standfirst)
    else:
        sf = inlines(*standfirst)
    if "bylines" in meta:
        meta["bylines"] = tuple(meta["bylines"])
    return Document(Metadata(title=title, standfirst=sf, **meta), _blocks(body), tuple(regions))
