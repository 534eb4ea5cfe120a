"""Checks on the test documents themselves: the corpus and the hypothesis strategies.

The renderers' tests trust these documents to be valid, varied and complete
(every node type, the awkward cases listed in tests/corpus.py); this module
makes sure they stay that way.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11yrender.model import (
    INLINE_TYPES,
    NODE_TYPES,
    Abbreviation,
    Aside,
    BlockQuote,
    Code,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Media,
    Paragraph,
    Quote,
    Region,
    Span,
    Table,
    TableCell,
    Text,
    Time,
    plain_text,
)
from tests.corpus import (
    DOCUMENTS_DIR,
    HOSTILE_STRINGS,
    JSON_EXCLUDED,
    corpus,
    example_article,
)
from tests.strategies import blocks, documents, inlines, words

CORPUS = corpus()
SLUGS = sorted(CORPUS)
_INLINE_CLASSES = tuple(INLINE_TYPES)
_NODE_CLASSES = tuple(NODE_TYPES.values())


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def nodes(doc: Document, cls: type[Any] | tuple[type[Any], ...] = object) -> list[Any]:
    return [node for _, node in doc.walk() if isinstance(node, cls)]


def all_nodes(cls: type[Any] | tuple[type[Any], ...]) -> list[Any]:
    return [n for d in CORPUS.values() for n in nodes(d, cls)]


def strings_of(doc: Document) -> Iterator[str]:
    """Every string field of every node (text, alt, labels, URLs, metadata)."""
    for _, node in doc.walk():
        for f in dataclasses.fields(cast(Any, node)):
            value = getattr(node, f.name)
            if isinstance(value, str):
                yield value
            elif isinstance(value, tuple):
                yield from (v for v in value if isinstance(v, str))


def table_shape_problems(table: Table) -> list[str]:
    """Why a table is not well formed, if it is not: each row group must be
    rectangular once spans are counted, no cell may overlap another or run
    past the end of its group, and every column has a cell starting in it."""
    problems: list[str] = []
    widths: set[int] = set()
    starts: set[int] = set()
    for name, rows in (("head", table.head), ("body", table.body), ("foot", table.foot)):
        occupied: dict[int, set[int]] = {r: set() for r in range(len(rows))}
        for r, row in enumerate(rows):
            col = 0
            for cell in row.cells:
                while col in occupied[r]:
                    col += 1
                starts.add(col)
                if r + cell.rowspan > len(rows):
                    problems.append(f"{name} row {r}: rowspan runs past the end of the group")
                for dr in range(min(cell.rowspan, len(rows) - r)):
                    for dc in range(cell.colspan):
                        if col + dc in occupied[r + dr]:
                            problems.append(f"{name} row {r + dr}: cells overlap")
                        occupied[r + dr].add(col + dc)
                col += cell.colspan
        for r, cols in occupied.items():
            if cols != set(range(len(cols))):
                problems.append(f"{name} row {r}: holes in columns {sorted(cols)}")
            widths.add(len(cols))
    if len(widths) > 1:
        problems.append(f"rows have different widths: {sorted(widths)}")
    if widths and starts != set(range(max(widths))):
        problems.append(f"no cell starts in columns {set(range(max(widths))) - starts}")
    return problems


def heading_scopes(doc: Document) -> list[list[Heading]]:
    """Headings per scope (the body, then each region) in document order."""
    scopes = [[n for b in doc.body for _, n in b.walk() if isinstance(n, Heading)]]
    scopes += [[n for _, n in r.walk() if isinstance(n, Heading)] for r in doc.regions]
    return scopes


def inline_runs(doc: Document) -> Iterator[tuple[Inline, ...]]:
    """Every non-empty tuple of inlines held by a field of some node."""
    for _, node in doc.walk():
        for f in dataclasses.fields(cast(Any, node)):
            value = getattr(node, f.name)
            if isinstance(value, tuple) and value and isinstance(value[0], _INLINE_CLASSES):
                yield value


def run_problems(run: tuple[Inline, ...]) -> list[str]:
    """Why an inline run is not canonical (see tests/strategies.py)."""
    problems = []
    if isinstance(run[0], LineBreak) or isinstance(run[-1], LineBreak):
        problems.append("a line break at an edge of the run")
    for a, b in itertools.pairwise(run):
        if isinstance(a, Text) and isinstance(b, Text):
            problems.append(f"adjacent texts {a.text!r} {b.text!r}")
    for node in run:
        if isinstance(node, Text):
            if not node.text or "  " in node.text or node.lang is not None:
                problems.append(f"text {node.text!r} (lang {node.lang})")
            if "\n" in node.text or "\t" in node.text:
                problems.append(f"text {node.text!r} holds a newline or tab")
    first, last = run[0], run[-1]
    if isinstance(first, Text) and first.text[:1] == " ":
        problems.append("the run starts with a space")
    if isinstance(last, Text) and last.text[-1:] == " ":
        problems.append("the run ends with a space")
    return problems


def canonical_problems(doc: Document) -> list[str]:
    """Everything tests/strategies.py promises beyond the model's own rules."""
    problems = []
    for scope in heading_scopes(doc):
        previous = 1
        for heading in scope:
            if not 2 <= heading.level <= previous + 1:
                problems.append(f"heading level {heading.level} after {previous}")
            previous = heading.level
    for t in nodes(doc, Table):
        problems += table_shape_problems(t)
        problems += [f"header cell without scope: {c}" for r in (*t.head, *t.body, *t.foot)
                     for c in r.cells if c.header and c.scope is None]
    for run in inline_runs(doc):
        problems += run_problems(run)
    for link in nodes(doc, Link):
        if link.href.startswith("#"):
            problems.append(f"fragment link {link.href}")
    if doc.meta.language.split("-")[0] in ("ar", "he") and doc.meta.direction != "rtl":
        problems.append("right-to-left language shown left to right")
    return problems


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


def test_corpus_has_at_least_22_documents() -> None:
    assert len(CORPUS) >= 22
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) for slug in CORPUS)


def test_corpus_is_deterministic() -> None:
    again = corpus()
    assert again == CORPUS
    assert again is not CORPUS  # callers may change their dict freely


def test_every_node_type_occurs_in_the_corpus() -> None:
    seen = {node.TYPE for d in CORPUS.values() for _, node in d.walk()}
    assert set(NODE_TYPES) - seen == set()


def test_kitchen_sink_has_every_node_type_region_and_metadata_field() -> None:
    d = CORPUS["kitchen-sink"]
    assert {node.TYPE for _, node in d.walk()} == set(NODE_TYPES)
    roles = [r.role for r in d.regions]
    assert roles == ["banner", "navigation", "navigation", "notice", "complementary",
                     "complementary", "contentinfo"]
    for role in ("navigation", "complementary"):
        labels = [r.label for r in d.regions if r.role == role]
        assert len(set(labels)) == 2 and None not in labels
    assert all(r.children for r in d.regions)
    assert {a.kind for a in nodes(d, Aside)} == {"aside", "note"}
    m = d.meta
    assert m.kicker and m.dateline and m.site_name and m.url
    assert len(m.bylines) >= 2
    assert any(not isinstance(i, Text) for i in m.standfirst)
    for stamp in (m.published, m.updated):
        assert stamp is not None and re.search(r"(Z|[+-]\d\d:\d\d)$", stamp)


@pytest.mark.parametrize("slug", SLUGS)
def test_document_round_trips_through_dict_and_json(slug: str) -> None:
    d = CORPUS[slug]
    assert Document.from_dict(d.to_dict()) == d
    assert Document.from_json(d.to_json()) == d
    assert Document.from_json(d.to_json(indent=None)) == d


@pytest.mark.parametrize("slug", sorted(set(SLUGS) - JSON_EXCLUDED))
def test_example_json_is_up_to_date(slug: str) -> None:
    path = DOCUMENTS_DIR / f"{slug}.json"
    assert path.exists(), f"{path} is missing; run python tests/corpus.py"
    assert Document.from_json(path.read_text(encoding="utf-8")) == CORPUS[slug], (
        f"{path} is out of date; run python tests/corpus.py"
    )


def test_no_stale_example_json() -> None:
    expected = {f"{slug}.json" for slug in CORPUS if slug not in JSON_EXCLUDED}
    assert {p.name for p in DOCUMENTS_DIR.glob("*.json")} == expected


def test_example_article_exists() -> None:
    path = example_article()
    assert isinstance(path, Path) and path.is_file()
    assert "N. Korea" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_tables_are_well_formed(slug: str) -> None:
    for t in nodes(CORPUS[slug], Table):
        assert table_shape_problems(t) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_fragment_links_point_at_existing_ids(slug: str) -> None:
    d = CORPUS[slug]
    ids = {getattr(n, "id", None) for _, n in d.walk()} - {None}
    for link in nodes(d, Link):
        if link.href.startswith("#"):
            assert link.href[1:] in ids


def test_shapes_of_the_small_and_large_documents() -> None:
    assert len(CORPUS["minimal"].body) == 1
    assert isinstance(CORPUS["minimal"].body[0], Paragraph)
    assert CORPUS["standfirst-only"].body == () and CORPUS["standfirst-only"].meta.standfirst
    assert len(nodes(CORPUS["long-2000"], Paragraph)) == 2000
    live = [h for h in nodes(CORPUS["live-blog"], Heading)
            if any(isinstance(i, Time) for i in h.children)]
    assert len(live) >= 15


def _list_chains(node: List) -> Iterator[tuple[bool, ...]]:
    """The ``ordered`` flags along every chain of lists nested under ``node``."""
    nested = [c for item in node.items for c in item.children if isinstance(c, List)]
    if not nested:
        yield (node.ordered,)
    for child in nested:
        for chain in _list_chains(child):
            yield (node.ordered, *chain)


def _has_heading_skip(d: Document) -> bool:
    levels = [h.level for h in nodes(d, Heading)]
    return any(b > a + 1 for a, b in itertools.pairwise(levels))


def _lang_text(d: Document, cls: type[Any], lang: str, script: str) -> bool:
    return any(n.lang == lang and re.search(script, plain_text(n.children))
               for n in nodes(d, cls))


ARABIC, HEBREW, KANA = "[\u0600-\u06ff]", "[\u0590-\u05ff]", "[\u3040-\u30ff]"
_REGION_LABELS = [r.label for d in CORPUS.values() for r in d.regions]


def _links(predicate: Callable[[str], bool]) -> bool:
    return any(predicate(link.href) for link in all_nodes(Link))


#: What the corpus promises to cover, each checked against the documents.
REQUIREMENTS: dict[str, Callable[[], bool]] = {
    "lists nested three deep, mixing ordered and unordered": lambda: any(
        len(chain) >= 3 and len(set(chain)) == 2
        for n in all_nodes(List) for chain in _list_chains(n)),
    "an ordered list starting at 5": lambda: any(
        n.ordered and n.start == 5 for n in all_nodes(List)),
    "a list item with several blocks": lambda: any(
        len(i.children) >= 2 for i in all_nodes(ListItem)),
    "a table with column headers": lambda: any(
        t.head and all(c.header for r in t.head for c in r.cells) for t in all_nodes(Table)),
    "a table with row headers": lambda: any(
        c.header and c.scope == "row" for t in all_nodes(Table) for r in t.body
        for c in r.cells),
    "colspan and rowspan": lambda: any(c.colspan > 1 for c in all_nodes(TableCell))
    and any(c.rowspan > 1 for c in all_nodes(TableCell)),
    "a table with a tfoot": lambda: any(t.foot for t in all_nodes(Table)),
    "a table without a caption": lambda: any(not t.caption for t in all_nodes(Table)),
    "header cells with inferred scope, in head and body": lambda: any(
        c.header and c.scope is None for t in all_nodes(Table) for c in t.head[0].cells
        if t.head) and any(c.header and c.scope is None for t in all_nodes(Table)
                           for r in t.body for c in r.cells),
    "a figure with caption and credit": lambda: any(
        f.caption and f.credit for f in all_nodes(Figure)),
    "a figure with a caption only": lambda: any(
        f.caption and not f.credit for f in all_nodes(Figure)),
    "a figure without caption or credit": lambda: any(
        not f.caption and not f.credit and not f.image.decorative for f in all_nodes(Figure)),
    "a decorative image": lambda: any(
        f.image.decorative and f.image.alt == "" for f in all_nodes(Figure)),
    "an image with width and height": lambda: any(
        f.image.width and f.image.height for f in all_nodes(Figure)),
    "block quotes with and without attribution": lambda: any(
        b.attribution for b in all_nodes(BlockQuote))
    and any(not b.attribution for b in all_nodes(BlockQuote)),
    "a nested block quote": lambda: any(
        isinstance(c, BlockQuote) for b in all_nodes(BlockQuote) for c in b.children),
    "inline quotes": lambda: bool(all_nodes(Quote)),
    "a code block with a line over 200 characters": lambda: any(
        max(map(len, c.text.splitlines())) > 200 for c in all_nodes(CodeBlock)),
    "a code block with script content": lambda: any(
        "<script>" in c.text for c in all_nodes(CodeBlock)),
    "inline code": lambda: bool(all_nodes(Code)),
    "a right-to-left Arabic article with an English span": lambda: any(
        d.meta.language == "ar" and d.meta.direction == "rtl"
        and re.search(ARABIC, d.meta.title) and _lang_text(d, Span, "en", "[A-Za-z]")
        for d in CORPUS.values()),
    "a Japanese article with an English span": lambda: any(
        d.meta.language == "ja" and re.search(KANA, d.meta.title)
        and _lang_text(d, Span, "en", "[A-Za-z]") for d in CORPUS.values()),
    "a Hebrew snippet": lambda: any(
        _lang_text(d, Span, "he", HEBREW) for d in CORPUS.values()),
    "a French quote in an English article": lambda: any(
        d.meta.language.startswith("en") and _lang_text(d, Quote, "fr", "[a-z]")
        for d in CORPUS.values()),
    "N. Korea and U.S. abbreviations with expansions": lambda: {
        ("N. Korea", "North Korea"), ("U.S.", "United States")} <= {
        (a.text, a.expansion) for a in all_nodes(Abbreviation)},
    "Time inlines and line breaks": lambda: bool(all_nodes(Time) and all_nodes(LineBreak)),
    "links of every kind": lambda: all(_links(f) for f in (
        lambda h: h.startswith("https://"), lambda h: h.startswith("http://"),
        lambda h: h.startswith("mailto:"), lambda h: h.startswith("tel:"),
        lambda h: h.startswith("/"), lambda h: h.startswith("../"),
        lambda h: h.startswith("?"), lambda h: h == "#section-2")),
    "heading levels that skip": lambda: any(_has_heading_skip(d) for d in CORPUS.values()),
    "headings with ids": lambda: any(h.id for h in all_nodes(Heading)),
    "asides and notes": lambda: {a.kind for a in all_nodes(Aside)} == {"aside", "note"},
    "video with captions, video without, audio, with transcripts": lambda: {
        (m.kind, m.captions is not None) for m in all_nodes(Media) if m.transcript
    } >= {("video", True), ("video", False), ("audio", False)},
    "hostile strings": lambda: all(
        any(s in text for text in strings_of(CORPUS["hostile-strings"]))
        for s in (*HOSTILE_STRINGS, "\u200d", "\u0301", "'", '"', "😀")),
    "distinct region labels in every document": lambda: all(
        len({(r.role, r.label) for r in d.regions}) == len(d.regions)
        for d in CORPUS.values()),
}


@pytest.mark.parametrize("requirement", sorted(REQUIREMENTS))
def test_corpus_covers(requirement: str) -> None:
    assert REQUIREMENTS[requirement](), f"no corpus document has {requirement}"


def test_hostile_strings_reach_every_kind_of_field() -> None:
    d = CORPUS["hostile-strings"]
    hostile = re.compile("|".join(re.escape(s) for s in HOSTILE_STRINGS) + "|[<>&\"']")

    def bad(value: str | None) -> bool:
        return value is not None and bool(hostile.search(value))

    m = d.meta
    fields = {
        "title": bad(m.title), "kicker": bad(m.kicker), "dateline": bad(m.dateline),
        "site_name": bad(m.site_name), "bylines": any(map(bad, m.bylines)),
        "alt": any(bad(f.image.alt) for f in nodes(d, Figure)),
        "link title": any(bad(link.title) for link in nodes(d, Link)),
        "expansion": any(bad(a.expansion) for a in nodes(d, Abbreviation)),
        "time text": any(bad(t.text) for t in nodes(d, Time)),
        "aside label": any(bad(a.label) for a in nodes(d, Aside)),
        "media title": any(bad(x.title) for x in nodes(d, Media)),
        "region label": any(bad(r.label) for r in nodes(d, Region)),
        "code": any(bad(c.text) for c in nodes(d, (Code, CodeBlock))),
        "heading id": any(bad(h.id) for h in nodes(d, Heading)),
        "table cell": any(bad(plain_text(c.children)) for c in nodes(d, TableCell)),
    }
    assert [name for name, ok in fields.items() if not ok] == []


def test_japanese_and_arabic_bodies_are_mostly_their_script() -> None:
    ja = "".join(plain_text(p.children) for p in nodes(CORPUS["japanese-typhoon"], Paragraph))
    ar = "".join(plain_text(p.children) for p in nodes(CORPUS["arabic-desalination"],
                                                        Paragraph))
    assert " " not in re.sub("[A-Za-z ]+", "", ja)  # no spaces between Japanese words
    assert len(re.findall(KANA + "|[\u4e00-\u9fff]", ja)) > len(ja) / 2
    assert len(re.findall(ARABIC, ar)) > len(ar) / 2


# --------------------------------------------------------------------------
# The strategies
# --------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(documents())
def test_random_documents_round_trip(d: Document) -> None:
    assert Document.from_dict(d.to_dict()) == d
    assert Document.from_json(d.to_json()) == d
    assert canonical_problems(d) == []


@pytest.mark.slow
def test_strategies_reach_every_node_type() -> None:
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(documents())
    def collect(d: Document) -> None:
        seen.update(node.TYPE for _, node in d.walk())

    collect()
    assert set(NODE_TYPES) - seen == set()


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_runs_and_words_are_canonical(data: st.DataObject) -> None:
    run = data.draw(inlines())
    assert run and plain_text(run).strip()
    assert run_problems(run) == []
    text = data.draw(words(2, 4))
    assert 2 <= len(text.split(" ")) <= 4
    assert text == text.strip() and "  " not in text and "\n" not in text
    assert unicodedata.category(text[0]) not in ("Mn", "Mc", "Me")
    run_of_blocks = data.draw(blocks(max_size=4))
    wrapper = Document(CORPUS["minimal"].meta, run_of_blocks)
    assert canonical_problems(wrapper) == []
