"""Hypothesis strategies for random, valid a11yrender documents.

``documents()`` draws whole documents; ``blocks()`` and ``inlines()`` draw
runs of block and inline nodes; ``words()`` draws text for property tests.
Every block and inline type is reachable, sizes are bounded (nesting depth 3,
up to 8 top-level blocks, lists of up to 4 items) and nothing is filtered, so
generation stays fast.

Besides the model's own rules, the documents are *canonical*: they hold only
what an HTML rendering can carry back exactly, so ``read_html(render(d)) == d``
is a fair property to test:

- text comes in words joined by single spaces; no run of inlines starts or
  ends with white space, adjacent ``Text`` nodes are merged, neighbouring
  inlines are separated by one space (none around a ``LineBreak``, which never
  starts or ends a run);
- ``Text`` and the leaf inlines carry no ``lang`` (a ``Span`` does, always);
- heading levels start at 2 in each scope (the body, each region) and never
  go deeper than one below the previous heading, so renderers keep them;
- header cells always have an explicit scope; tables are rectangular, spans
  included; ids are unique; regions come in the canonical order with
  distinct labels; fragment links are not generated (their targets could not
  be guaranteed).

``documents(marked=True)`` draws a canonical document and then puts in the
forms the HTML renderer carries with marks of its own (see
:mod:`a11yrender.readers._html_own`): adjacent ``Text`` nodes (a text cut at a
space), empty ``Text`` nodes, ``Text`` and ``LineBreak`` with a ``lang``,
header cells without a scope (the renderer infers one), empty link titles and
a notice labelled "Notice" (the name an unlabelled one gets). Those documents
still come back exactly from their HTML, but are not canonical in the sense
above.

The alphabet is wide (letters and digits of many scripts, combining marks
after a base letter, punctuation, symbols, emoji with ZWJ, the HTML specials
``<>&"'`` and a few hostile tokens such as ``<script>``), and leaves out what
the model forbids: C0/C1 controls other than tab and newline, surrogates and
noncharacters.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, Literal, TypeVar, cast
from urllib.parse import quote

from hypothesis import strategies as st

from a11yrender.model import (
    NODE_TYPES,
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
    "LANGUAGES",
    "blocks",
    "datetimes",
    "documents",
    "inlines",
    "languages",
    "urls",
    "words",
]

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

#: BCP 47 tags the strategies use.
LANGUAGES: tuple[str, ...] = (
    "en", "en-GB", "fr", "de", "ar", "he", "ja", "zh-Hans", "ko", "ru", "hi", "es",
)
_RTL = frozenset({"ar", "he"})
MAX_DEPTH = 3

# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

# Letters and digits from many scripts: Latin (with precomposed accents),
# Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, Georgian, Armenian,
# Ethiopic, CJK, kana, Hangul; Arabic-Indic and Devanagari digits.
_BASES = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éèêëàâäçñöøåßłőğışœæÉÅÇ"
    "αβγδεζηθλμπσωΩΣΔ"
    "абвгдеёжзийклмнопрстуфхцчшщыэюяЖЯ"
    "אבגדהוזחטיכלמנסעפצקרשת"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "अआइकखगचजतदनपमयरलवसह"
    "กขคงจฉชซญดตถทนบปผพฟมยรลวสหอ"
    "აბგდევზთიკლმნოპ"
    "ԱԲԳԴԵաբգդե"
    "ሀለሐመሠረሰ"
    "日本語漢字中文新聞東京北京台風記者"
    "ひらがなカタカナニュース"
    "한국어뉴스서울"
    "٠١٢٣٤٥٦٧٨٩०१२३४५"
)
# What may follow the base character inside a word (single code points).
_TAILS = (
    _BASES
    + ".,;:!?…—–-'\"()[]{}«»„“”‘’¿¡·/\\@#%*+=~^_|`"
    + "<>&\"'<>&"
    + "$€£¥©®™°±×÷∞≠≤≥→⇒♥★☃"
    + "\u0301\u0308\u0327\u0303"  # combining marks (after a base)
    + "\u00a0\u202f"  # no-break spaces, common in French typography
    + "\u200d\u200c\u200f"  # joiners and the right-to-left mark
)
# Emoji, some of them sequences glued by the zero-width joiner.
_EMOJI = ("😀", "👍🏽", "🇫🇷", "👩\u200d💻", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "🙃")
#: Whole words that try to break out of text into markup or script.
_HOSTILE_WORDS = (
    "<script>alert(1)</script>", '"><img', "src=x", "onerror=alert(1)>",
    "javascript:alert(1)", "&amp;", "&lt;b&gt;", "&#x3C;", "]]>", "<!--", "-->",
    "</p>", "<b>bold</b>", "\u202egpj.exe", "e\u0301", "'\"", "{{7*7}}", "${x}",
)


# Letters, marks, numbers, punctuation and symbols never include controls,
# surrogates or noncharacters (those are Cc, Cs and Cn). A whole text is drawn
# as one string (a single choice for hypothesis, which keeps generation fast)
# and then cut into words.
_BASE = st.one_of(
    st.text(_BASES, min_size=1, max_size=1),
    st.characters(categories=("L", "N")),
)
_RAW_TEXT = st.one_of(
    st.text(_TAILS + "      ", max_size=40),
    st.text(st.characters(categories=("L", "M", "N", "P", "S"),
                          include_characters=_TAILS + "      "),
            max_size=40),
)
_NO_BREAK = "\u00a0\u202f"
_FILLER = ("news", "report", "today", "update")


@st.composite
def _words(draw: Draw, min_words: int, max_words: int) -> str:
    raw = cast(str, draw(_BASE)) + cast(str, draw(_RAW_TEXT))
    # No-break spaces stay inside words, never at their edges.
    tokens = [t for t in (tok.strip(_NO_BREAK) for tok in raw.split(" ")) if t]
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(tokens)))
        tokens.insert(at, cast(str, draw(st.sampled_from(_HOSTILE_WORDS))))
    if draw(st.integers(0, 14)) == 0:
        tokens[-1] += cast(str, draw(st.sampled_from(_EMOJI)))
    tokens = tokens[:max_words]
    while len(tokens) < min_words:
        tokens.append(_FILLER[len(tokens) % len(_FILLER)])
    return unicodedata.normalize("NFC", " ".join(tokens))


@cache
def words(min_words: int = 1, max_words: int = 6) -> st.SearchStrategy[str]:
    """Text of ``min_words``..``max_words`` words joined by single spaces.

    The text is never blank and never starts or ends with white space (not
    even a no-break space); its first character is a letter or digit unless a
    hostile token such as ``]]>`` came first, never a combining mark.
    """
    if not 1 <= min_words <= max_words:
        raise ValueError("need 1 <= min_words <= max_words")
    return _words(min_words, max_words)


def languages() -> st.SearchStrategy[str]:
    """A BCP 47 tag from :data:`LANGUAGES`."""
    return _LANGUAGES


_LANGUAGES = st.sampled_from(LANGUAGES)


# --------------------------------------------------------------------------
# URLs and dates
# --------------------------------------------------------------------------

_HOSTS = ("example.com", "news.example.org", "www.riversidecourier.example", "img.example.net")
_SEGMENT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_.~"


@cache
def _segment() -> st.SearchStrategy[str]:
    plain = st.text(_SEGMENT_ALPHABET, min_size=1, max_size=10).map(
        lambda s: s if s.strip(".") else s + "x"  # no "." or ".." segments
    )
    encoded = words(1, 1).map(lambda w: quote(w, safe=""))
    return st.one_of(plain, plain, encoded)


UrlKind = Literal["link", "http", "image", "video", "audio", "captions"]


@cache
def urls(kind: UrlKind = "link") -> st.SearchStrategy[str]:
    """A URL the model accepts: ``link`` (any allowed scheme or a relative
    reference, no fragments), ``http`` (absolute http/https), or a media file."""
    return _urls(kind)


@st.composite
def _urls(draw: Draw, kind: UrlKind) -> str:
    host = draw(st.sampled_from(_HOSTS))
    seg = draw(_segment())
    seg2 = draw(_segment())
    n = draw(st.integers(1, 999))
    if kind == "image":
        ext = draw(st.sampled_from(("jpg", "png", "webp", "svg")))
        return cast(str, draw(st.sampled_from((
            f"https://{host}/{seg}/{seg2}.{ext}", f"/images/{seg}.{ext}",
            f"https://{host}/{seg}.{ext}?w={n}&h={n}",
        ))))
    if kind in ("video", "audio", "captions"):
        ext = {"video": "mp4", "audio": "mp3", "captions": "vtt"}[kind]
        return f"https://media.{host}/{seg}/{seg2}.{ext}"
    absolute = (
        f"https://{host}/{seg}/{seg2}", f"http://{host}/{seg}",
        f"https://{host}/{seg}?q={seg2}&page={n}", f"https://{host}/",
    )
    if kind == "http":
        return cast(str, draw(st.sampled_from(absolute)))
    ascii_seg = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8))
    return cast(str, draw(st.sampled_from((
        *absolute,
        f"mailto:{ascii_seg}@{host}",
        f"tel:+44-20-7946-{n:04d}",
        f"/{seg}/{seg2}", f"{seg}.html", f"../{seg}/", f"?page={n}",
    ))))


_ZONES = ("Z", "+00:00", "+01:00", "-05:00", "+05:30", "+09:00", "-09:30", "+14:00")


@cache
def datetimes() -> st.SearchStrategy[str]:
    """A machine-readable date or time as HTML's ``<time datetime>`` takes it."""
    return _datetimes()


@st.composite
def _datetimes(draw: Draw) -> str:
    d = cast(date, draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))))
    hh, mm, ss = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    form = draw(st.integers(0, 7))
    clock = f"{hh:02d}:{mm:02d}"
    if form == 0:
        return f"{d.year:04d}"
    if form == 1:
        return f"{d.year:04d}-{d.month:02d}"
    if form == 2:
        return d.isoformat()
    if form == 3:
        return clock
    if form == 4:
        return f"{d.isoformat()}T{clock}"
    if form == 5:
        return f"{d.isoformat()} {clock}:{ss:02d}"
    zone = draw(st.sampled_from(_ZONES))
    if form == 6:
        return f"{d.isoformat()}T{clock}:{ss:02d}{zone}"
    ms = draw(st.integers(0, 999))
    return f"{d.isoformat()}T{clock}:{ss:02d}.{ms:03d}{zone}"


# --------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------


def _join(parts: list[Inline]) -> tuple[Inline, ...]:
    """Canonical spacing: one space between inlines, none around line breaks,
    adjacent texts merged, no line break at either end."""
    while parts and isinstance(parts[0], LineBreak):
        parts = parts[1:]
    while parts and isinstance(parts[-1], LineBreak):
        parts = parts[:-1]
    out: list[Inline] = []
    for part in parts:
        if out:
            prev = out[-1]
            space = "" if isinstance(prev, LineBreak) or isinstance(part, LineBreak) else " "
            if isinstance(prev, Text) and isinstance(part, Text):
                out[-1] = Text(prev.text + space + part.text)
                continue
            if space:
                if isinstance(prev, Text):
                    out[-1] = Text(prev.text + space)
                elif isinstance(part, Text):
                    part = Text(space + part.text)
                else:
                    out.append(Text(space))
        out.append(part)
    return tuple(out)


@cache
def _maybe(strategy: st.SearchStrategy[T], chance: int = 3) -> st.SearchStrategy[T | None]:
    """``None`` most of the time, else a value (1 in ``chance``)."""
    return cast("st.SearchStrategy[T | None]", _maybe_impl(strategy, chance))


@st.composite
def _maybe_impl(draw: Draw, strategy: st.SearchStrategy[Any], chance: int) -> Any:
    return draw(strategy) if draw(st.integers(1, chance)) == 1 else None


@cache
def _lang() -> st.SearchStrategy[str | None]:
    return _maybe(languages(), 4)


@cache
def _leaf_inline() -> st.SearchStrategy[Inline]:
    return st.one_of(
        *[words().map(Text)] * 5,
        words(1, 3).map(Code),
        st.builds(Abbreviation, words(1, 2), words(1, 5)),
        st.builds(Time, words(1, 4), datetimes()),
        st.just(LineBreak()),
    )


@cache
def _inline(depth: int, in_link: bool) -> st.SearchStrategy[Inline]:
    """One inline; containers nest below ``depth`` levels; no link in a link."""
    if depth <= 1:
        return _leaf_inline()
    run = st.deferred(lambda: _inline_run(depth - 1, in_link, 1, 2))
    containers: list[st.SearchStrategy[Inline]] = [
        st.builds(Emphasis, run, lang=_lang()),
        st.builds(Strong, run, lang=_lang()),
        st.builds(Span, run, lang=languages()),
        st.builds(Quote, run, cite=_maybe(urls("http")), lang=_lang()),
    ]
    if not in_link:
        link_run = st.deferred(lambda: _inline_run(depth - 1, True, 1, 2))
        containers.append(st.builds(Link, link_run, href=urls(), title=_maybe(words()),
                                    lang=_lang()))
    return st.one_of(_leaf_inline(), st.one_of(containers))


@cache
def _inline_run(depth: int, in_link: bool, min_size: int,
                max_size: int) -> st.SearchStrategy[tuple[Inline, ...]]:
    return _inline_run_impl(depth, in_link, min_size, max_size)


@st.composite
def _inline_run_impl(draw: Draw, depth: int, in_link: bool, min_size: int,
                     max_size: int) -> tuple[Inline, ...]:
    parts = cast(list[Inline], draw(st.lists(_inline(depth, in_link), min_size=min_size,
                                             max_size=max_size)))
    run = _join(parts)
    if not run:  # only line breaks were drawn
        run = (Text(draw(words())),)
    return run


@cache
def inlines(max_depth: int = MAX_DEPTH, min_size: int = 1,
            max_size: int = 4) -> st.SearchStrategy[tuple[Inline, ...]]:
    """A canonical run of inlines that holds text (valid as paragraph content)."""
    return _inline_run(max(1, max_depth), False, min_size, max_size)


# --------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------

_ID_WORDS = ("intro", "section", "key-points", "box", "note", "figure", "table", "part",
             "résumé", "日本", "x_1", "Q&A")


@cache
def _id() -> st.SearchStrategy[str | None]:
    return _maybe(st.builds(lambda w, n: f"{w}-{n}", st.sampled_from(_ID_WORDS),
                            st.integers(0, 20)), 4)


@cache
def _heading() -> st.SearchStrategy[Block]:
    # The level is fixed up by _Normaliser so no level is skipped.
    return st.builds(Heading, st.integers(2, 6), inlines(2, 1, 3), id=_id(), lang=_lang())


@cache
def _paragraph() -> st.SearchStrategy[Block]:
    return st.builds(Paragraph, inlines(), id=_id(), lang=_lang())


@st.composite
def _code_block(draw: Draw) -> Block:
    lines = cast(list[str], draw(st.lists(words(1, 8), min_size=1, max_size=5)))
    indents = cast(list[str], draw(st.lists(st.sampled_from(("", "", "    ", "\t", "  ")),
                                            min_size=len(lines), max_size=len(lines))))
    text = lines[0] + "".join(f"\n{pad}{line}" for pad, line in zip(indents[1:], lines[1:],
                                                                    strict=True))
    syntax = draw(_maybe(st.sampled_from(("python", "html", "js", "c++", "c#", "shell",
                                          "json"))))
    return CodeBlock(text, syntax=syntax, id=draw(_id()), lang=draw(_lang()))


@st.composite
def _figure(draw: Draw) -> Block:
    decorative = draw(st.integers(0, 4)) == 0
    size = st.integers(1, 4000)
    image = Image(draw(urls("image")), alt="" if decorative else draw(words()),
                  decorative=decorative, width=draw(_maybe(size, 2)),
                  height=draw(_maybe(size, 2)))
    caption = draw(_maybe(inlines(2, 1, 3), 2)) or ()
    credit = draw(_maybe(inlines(1, 1, 2), 3)) or ()
    return Figure(image, caption=caption, credit=credit, id=draw(_id()), lang=draw(_lang()))


def _cell_text(draw: Draw) -> tuple[Inline, ...]:
    return cast(tuple[Inline, ...], draw(inlines(2, 1, 1)))


@st.composite
def _table(draw: Draw) -> Block:
    """A rectangular table: optional column-header rows (one may hold a
    colspan), body rows with optional row headers (some spanning two rows),
    optional footer; every header cell has an explicit scope."""
    ncols = draw(st.integers(1, 4))
    n_head = draw(st.integers(0, 2))
    row_headers = n_head == 0 or draw(st.booleans())
    head: list[TableRow] = []
    for r in range(n_head):
        if r == 0 and n_head == 2 and ncols >= 2:
            # A grouping row: the first header spans the remaining columns.
            first = TableCell(_cell_text(draw), header=True, scope="col")
            group = TableCell(_cell_text(draw), header=True, scope="col", colspan=ncols - 1)
            head.append(TableRow((first, group)))
            continue
        head.append(TableRow(tuple(TableCell(_cell_text(draw), header=True, scope="col")
                                   for _ in range(ncols))))

    def data_cell() -> TableCell:
        empty = draw(st.integers(0, 6)) == 0
        return TableCell(() if empty else _cell_text(draw), lang=draw(_maybe(languages(), 8)))

    body: list[TableRow] = []
    n_groups = draw(st.integers(1, 3))
    # The HTML table model needs a cell to start in every column, so a table
    # whose only rows span columns gets one plain row.
    every_column_starts = n_head > 0 or ncols < 3
    for g in range(n_groups):
        if g == n_groups - 1 and not every_column_starts:
            cells = [data_cell() for _ in range(ncols)]
            if row_headers:
                cells[0] = TableCell(_cell_text(draw), header=True, scope="row")
            body.append(TableRow(tuple(cells)))
            continue
        span_two = row_headers and ncols >= 2 and draw(st.integers(0, 3)) == 0
        if span_two:
            header = TableCell(_cell_text(draw), header=True, scope="row", rowspan=2)
            body.append(TableRow((header, *(data_cell() for _ in range(ncols - 1)))))
            body.append(TableRow(tuple(data_cell() for _ in range(ncols - 1))))
            every_column_starts = True
            continue
        if ncols >= 2 and draw(st.integers(0, 5)) == 0:
            # A full-width data row: one cell spans every column after the header.
            first = (TableCell(_cell_text(draw), header=True, scope="row") if row_headers
                     else data_cell())
            body.append(TableRow((first, TableCell(_cell_text(draw), colspan=ncols - 1))))
            continue
        cells = [data_cell() for _ in range(ncols)]
        if row_headers:
            cells[0] = TableCell(_cell_text(draw), header=True, scope="row")
        body.append(TableRow(tuple(cells)))
        every_column_starts = True
    foot: list[TableRow] = []
    if draw(st.integers(0, 3)) == 0:
        foot.append(TableRow((TableCell(_cell_text(draw), colspan=ncols),)))
    caption = draw(inlines(2, 1, 3)) if draw(st.integers(0, 3)) else ()
    return Table(caption=caption, head=tuple(head), body=tuple(body), foot=tuple(foot),
                 id=draw(_id()), lang=draw(_lang()))


@cache
def _leaf_block() -> st.SearchStrategy[Block]:
    return st.one_of(
        _paragraph(), _paragraph(), _paragraph(), _heading(), _heading(), _code_block(),
        st.builds(Separator, id=_id()), _figure(), _table(),
        st.builds(Media, st.just("audio"), urls("audio"), words(), id=_id(), lang=_lang()),
    )


@cache
def _block(depth: int) -> st.SearchStrategy[Block]:
    """One block; containers nest below ``depth`` levels."""
    if depth <= 1:
        return _leaf_block()
    inner = st.deferred(lambda: _block_list(depth - 1, 1, 2))
    item = st.builds(ListItem, st.deferred(lambda: _block_list(depth - 1, 1, 2)),
                     id=_id(), lang=_lang())
    items = st.lists(item, min_size=1, max_size=4)
    ordered_list = st.builds(lambda its, start, i, lg: List(its, True, start, i, lg),
                             items, st.sampled_from((1, 1, 0, 5, 10, 999)), _id(), _lang())
    unordered_list = st.builds(List, items, st.just(False), id=_id(), lang=_lang())
    containers: list[st.SearchStrategy[Block]] = [
        ordered_list,
        unordered_list,
        st.builds(BlockQuote, inner, attribution=st.one_of(st.just(()), inlines(2, 1, 2)),
                  cite=_maybe(urls("http")), id=_id(), lang=_lang()),
        st.builds(Aside, words(1, 4), inner, kind=st.sampled_from(("aside", "note")),
                  id=_id(), lang=_lang()),
        st.one_of(
            st.builds(Media, st.just("video"), urls("video"), words(),
                      transcript=st.one_of(st.just(()), inner),
                      captions=_maybe(urls("captions"), 2), id=_id(), lang=_lang()),
            st.builds(Media, st.just("audio"), urls("audio"), words(), transcript=inner,
                      id=_id(), lang=_lang()),
        ),
    ]
    return st.one_of(_leaf_block(), _leaf_block(), st.one_of(containers))


@cache
def _block_list(depth: int, min_size: int, max_size: int) -> st.SearchStrategy[list[Block]]:
    return st.lists(_block(depth), min_size=min_size, max_size=max_size)


class _Normaliser:
    """Rebuilds a tree so heading levels never skip and ids are unique.

    Levels follow the renderers' rule: each scope (the body, each region)
    starts at 2, and a heading is at most one below the previous one in
    document (pre-order) order. A repeated id is dropped.
    """

    _NODE_CLASSES = tuple(NODE_TYPES.values())

    def __init__(self) -> None:
        self.previous = 1
        self.ids: set[str] = set()

    def node(self, node: T) -> T:
        changes: dict[str, Any] = {}
        if isinstance(node, Heading):
            level = max(2, min(node.level, self.previous + 1))
            self.previous = level
            if level != node.level:
                changes["level"] = level
        node_id = getattr(node, "id", None)
        if isinstance(node_id, str):
            if node_id in self.ids:
                changes["id"] = None
            self.ids.add(node_id)
        for f in dataclasses.fields(cast(Any, node)):
            value = getattr(node, f.name)
            if isinstance(value, self._NODE_CLASSES):
                new = self.node(value)
                if new is not value:
                    changes[f.name] = new
            elif isinstance(value, tuple) and value and isinstance(value[0], self._NODE_CLASSES):
                items = tuple(self.node(v) for v in value)
                if any(a is not b for a, b in zip(items, value, strict=True)):
                    changes[f.name] = items
        return dataclasses.replace(cast(Any, node), **changes) if changes else node

    def blocks(self, items: list[Block] | tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(self.node(b) for b in items)


@st.composite
def _normalised_blocks(draw: Draw, max_depth: int, min_size: int,
                       max_size: int) -> tuple[Block, ...]:
    raw = cast(list[Block], draw(_block_list(max_depth, min_size, max_size)))
    return _Normaliser().blocks(raw)


@cache
def blocks(max_depth: int = MAX_DEPTH, min_size: int = 1,
           max_size: int = 8) -> st.SearchStrategy[tuple[Block, ...]]:
    """A canonical run of blocks: headings from level 2 without skips, unique ids."""
    return _normalised_blocks(max(1, max_depth), min_size, max_size)


# --------------------------------------------------------------------------
# Regions, metadata, documents
# --------------------------------------------------------------------------


@cache
def _labels(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(words(1, 3), max_size=max_size, unique_by=lambda s: s.casefold())


@st.composite
def _regions(draw: Draw) -> tuple[Region, ...]:
    def content() -> list[Block]:
        return cast(list[Block], draw(_block_list(2, 1, 2)))

    def rid() -> str | None:
        return cast("str | None", draw(_id()))

    out: list[Region] = []
    if draw(st.integers(0, 2)) == 0:
        out.append(Region("banner", tuple(content()), label=draw(_maybe(words(1, 3))),
                          id=rid()))
    for label in draw(_labels(2)):
        out.append(Region("navigation", tuple(content()), label=label, id=rid()))
    notice_labels: list[str | None] = list(draw(_labels(1)))
    if draw(st.integers(0, 3)) == 0:
        notice_labels.insert(0, None)
    for maybe_label in notice_labels:
        out.append(Region("notice", tuple(content()), label=maybe_label, id=rid(),
                          lang=draw(_maybe(languages(), 6))))
    for label in draw(_labels(2)):
        out.append(Region("complementary", tuple(content()), label=label, id=rid()))
    if draw(st.integers(0, 2)) == 0:
        out.append(Region("contentinfo", tuple(content()), label=draw(_maybe(words(1, 3))),
                          id=rid()))
    return tuple(out)


@st.composite
def _metadata(draw: Draw, need_standfirst: bool) -> Metadata:
    language = cast(str, draw(languages()))
    primary = language.split("-")[0]
    standfirst = draw(inlines(2, 1, 3) if need_standfirst else _maybe(inlines(2, 1, 3), 2))
    return Metadata(
        title=draw(words(1, 8)),
        language=language,
        direction="rtl" if primary in _RTL else "ltr",
        kicker=draw(_maybe(words(1, 2), 2)),
        standfirst=standfirst or (),
        bylines=tuple(draw(st.lists(words(1, 4), max_size=3))),
        dateline=draw(_maybe(words(1, 2))),
        published=draw(_maybe(datetimes(), 2)),
        updated=draw(_maybe(datetimes())),
        site_name=draw(_maybe(words(1, 3), 2)),
        url=draw(_maybe(urls("http"), 2)),
    )


_METADATA = {True: _metadata(True), False: _metadata(False)}
_REGIONS = _regions()


@st.composite
def _documents(draw: Draw, max_blocks: int) -> Document:
    raw_body = cast(list[Block], draw(_block_list(MAX_DEPTH, 0, max_blocks)))
    meta = cast(Metadata, draw(_METADATA[not raw_body]))
    raw_regions = cast(tuple[Region, ...], draw(_REGIONS))
    fix = _Normaliser()
    body = fix.blocks(raw_body)
    regions = []
    for r in raw_regions:
        fix.previous = 1  # each region is its own heading scope
        regions.append(fix.node(r))
    return Document(meta, body, tuple(regions))


@cache
def documents(max_blocks: int = 8, *, marked: bool = False) -> st.SearchStrategy[Document]:
    """A random valid, canonical document (see the module docstring); with
    ``marked``, one that also holds the forms the HTML renderer marks."""
    if marked:
        return _marked_documents(max_blocks)
    return _documents(max_blocks)


@st.composite
def _marked_documents(draw: Draw, max_blocks: int) -> Document:
    return _Marker(draw).document(cast(Document, draw(_documents(max_blocks))))


class _Marker:
    """Puts into a canonical document the forms the HTML renderer marks."""

    def __init__(self, draw: Draw) -> None:
        self.draw = draw

    def chance(self, one_in: int) -> bool:
        return cast(int, self.draw(st.integers(1, one_in))) == 1

    def document(self, document: Document) -> Document:
        document = self.node(document)
        notices = [r for r in document.regions if r.role == "notice"]
        if (len(notices) == 1 and notices[0].label is not None and self.chance(3)):
            # Labelled "Notice": the name the renderer gives an unlabelled one
            # (only when no other notice has that name).
            regions = tuple(dataclasses.replace(r, label="Notice") if r is notices[0] else r
                            for r in document.regions)
            document = dataclasses.replace(document, regions=regions)
        return document

    def node(self, node: T) -> T:
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(cast(Any, node)):
            value = getattr(node, f.name)
            new: Any
            if dataclasses.is_dataclass(value):
                new = self.node(value)
            elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
                new = tuple(self.node(v) for v in value)
                if isinstance(value[0], _INLINE_TYPES) and self.chance(3):
                    new = _split_text(self.draw, new)
            else:
                continue
            if new != value:
                changes[f.name] = new
        if ((isinstance(node, Text) and node.lang is None and self.chance(6))
                or (isinstance(node, LineBreak) and self.chance(2))):
            changes["lang"] = self.draw(languages())
        elif isinstance(node, Link) and node.title is None and self.chance(4):
            changes["title"] = ""
        elif isinstance(node, TableCell) and node.header and self.chance(3):
            changes["scope"] = None
        return dataclasses.replace(cast(Any, node), **changes) if changes else node


_INLINE_TYPES = (Text, Emphasis, Strong, Link, Code, Abbreviation, Time, Span, LineBreak, Quote)


def _split_text(draw: Draw, run: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``run`` with one of its texts cut in two at a space (the space on
    either side), or an empty ``Text`` put somewhere: the same words, in
    adjacent text nodes."""
    out = list(run)
    texts = [i for i, node in enumerate(out) if isinstance(node, Text) and " " in node.text]
    if texts and draw(st.booleans()):
        i = cast(int, draw(st.sampled_from(texts)))
        node = cast(Text, out[i])
        spaces = [k for k, ch in enumerate(node.text) if ch == " "]
        k = cast(int, draw(st.sampled_from(spaces))) + cast(int, draw(st.integers(0, 1)))
        out[i:i + 1] = [Text(node.text[:k], lang=node.lang), Text(node.text[k:], lang=node.lang)]
    else:
        at = cast(int, draw(st.integers(0, len(out))))
        out.insert(at, Text("", lang=draw(_lang())))
    return tuple(out)
