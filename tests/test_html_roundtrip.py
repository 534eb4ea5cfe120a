"""``read_html(render(doc, "html")) == doc``: the HTML reader reads a11yrender's
own pages back exactly.

Every corpus document and random documents (hypothesis) are rendered as a
full page and as a fragment and read back. A fragment holds only the
article, so the site name, URL and regions are not expected back from it.

Documents whose heading levels skip (``heading-levels`` in the corpus) are
compared with the re-levelled document: the renderer shows those headings at
other levels (with a ``RenderWarning``) and the page carries only the levels
shown.

Where plain HTML would lose part of the model, the renderer marks it in
valid markup and the own-page reader reads the mark back (a ``Text`` as
``<span class="text">`` when bare text cannot carry it, an inferred header
scope as ``class="inferred-scope"``, ``<br lang>``, ``title=""``, an
unlabelled notice as ``class="notice unlabelled"``); each has a test below.
The one thing no conforming HTML can carry, a carriage return, the model
itself holds as a line feed.
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from typing import Any, Literal, cast

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import a11yrender
from a11yrender.builder import doc, em, link, p, region, strong
from a11yrender.model import (
    BlockQuote,
    Document,
    Figure,
    Heading,
    Image,
    LineBreak,
    Link,
    List,
    ListItem,
    Metadata,
    Paragraph,
    Path,
    Region,
    Span,
    Table,
    TableCell,
    TableRow,
    Text,
)
from a11yrender.readers._html_own import is_own_page, read_own_page
from a11yrender.readers._html_parse import parse_html
from a11yrender.reading import heading_levels
from tests.checkers import Browser, available, vnu
from tests.corpus import corpus
from tests.strategies import documents
from tests.test_html_renderer import PAGE_CHECKS, check_safety, parse, parse_fragment

CORPUS = corpus()
SLUGS = sorted(CORPUS)


def render(document: Document, *, fragment: bool = False) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # re-levelled headings are expected here
        return a11yrender.render(document, "html", fragment=fragment)


def read_back(page: str) -> Document:
    """The page read by the public reader (which tries our own format first)."""
    return a11yrender.read_html(page)


def article_only(document: Document) -> Document:
    """What a fragment carries: no site name, URL or regions."""
    meta = dataclasses.replace(document.meta, site_name=None, url=None)
    return dataclasses.replace(document, meta=meta, regions=())


# --------------------------------------------------------------------------
# What a page carries
# --------------------------------------------------------------------------


def relevelled(document: Document) -> Document:
    """Headings at the levels the renderer shows them."""
    levels = heading_levels(document)
    return cast(Document, _rebuild(document, (), lambda node, path: (
        dataclasses.replace(node, level=levels[path])
        if isinstance(node, Heading) and levels.get(path, node.level) != node.level else node)))


def _rebuild(node: Any, path: Path, fix: Any) -> Any:
    """``node`` with ``fix(child, path)`` applied bottom-up to every node."""
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if dataclasses.is_dataclass(value):
            new = _rebuild(value, (*path, f.name), fix)
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            new = tuple(_rebuild(v, (*path, f.name, i), fix) for i, v in enumerate(value))
        else:
            continue
        if new != value:
            changes[f.name] = new
    if changes:
        node = dataclasses.replace(node, **changes)
    return fix(node, path)


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
@pytest.mark.parametrize("slug", SLUGS)
def test_corpus_round_trip_exact(slug: str, fragment: bool) -> None:
    document = CORPUS[slug]
    expected = relevelled(document)  # the same document unless its levels skip
    if fragment:
        expected = article_only(expected)
    assert read_back(render(document, fragment=fragment)) == expected


def test_only_the_heading_levels_document_is_relevelled() -> None:
    # The corpus documents compared with a re-levelled document: exactly the
    # one built to skip levels.
    assert [s for s in SLUGS if relevelled(CORPUS[s]) != CORPUS[s]] == ["heading-levels"]


@pytest.mark.parametrize("slug", ["kitchen-sink", "hostile-strings", "japanese-typhoon"])
def test_round_trip_through_bytes_and_the_page_parser(slug: str) -> None:
    page = render(CORPUS[slug]).encode("utf-8")
    assert read_own_page(parse_html(page)) == relevelled(CORPUS[slug])


# --------------------------------------------------------------------------
# Random documents
# --------------------------------------------------------------------------


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(marked=True))
def test_random_documents_round_trip_exactly(document: Document) -> None:
    # The strategies draw canonical documents (see tests/strategies.py) with
    # no skipped levels, plus the forms the renderer marks (adjacent, empty
    # and lang texts, header cells without scope, ...). The renderer must not
    # need to change anything, so a RenderWarning fails the test.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        page = a11yrender.render(document, "html")
        fragment = a11yrender.render(document, "html", fragment=True)
    assert read_back(page) == document
    assert read_back(fragment) == article_only(document)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(marked=True))
def test_marked_documents_keep_the_page_guarantees(document: Document) -> None:
    # The marks are valid, safe markup: the allow-list of tags and attributes,
    # reading order, headings, ids, alt and lang, landmarks.
    page = render(document)
    root = parse(page)
    for check in PAGE_CHECKS:
        check(document, root)
    check_safety(document, parse_fragment(render(document, fragment=True)))


@pytest.mark.browser
@settings(max_examples=1, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(documents(marked=True), min_size=12, max_size=12))
def test_marked_documents_pass_axe_and_nu(tmp_path_factory: pytest.TempPathFactory,
                                          docs: list[Document]) -> None:
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser checks cannot run in CI: {reason}")
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("marked")
    paths = []
    for i, document in enumerate(docs):
        path = out / f"marked-{i}.html"
        path.write_text(render(document), encoding="utf-8")
        paths.append(path)
    messages = vnu(paths)
    for path, document in zip(paths, docs, strict=True):
        errors = [m for m in messages.get(path, []) if m.get("type") == "error"]
        assert errors == [], f"{path.name}: {errors}\n{document.to_json()}"
    with Browser(timeout=120) as browser:
        for path, document in zip(paths, docs, strict=True):
            violations = browser.axe(path)
            assert violations == [], f"{violations}\n{document.to_json()}"


# --------------------------------------------------------------------------
# Recognising our own pages
# --------------------------------------------------------------------------


def _tree(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def test_own_pages_and_fragments_are_recognised() -> None:
    document = CORPUS["minimal"]
    assert is_own_page(_tree(render(document)))
    assert is_own_page(_tree(render(document, fragment=True)))
    assert not is_own_page(_tree("<html><body><article><p>x</p></article></body></html>"))


def test_a_fragment_inside_another_page_is_not_read_as_ours() -> None:
    fragment = render(CORPUS["minimal"], fragment=True)
    page = f"<html><body><nav><a href='/'>Home</a></nav>{fragment}</body></html>"
    assert read_own_page(_tree(page)) is None


@pytest.mark.parametrize("edit", [
    ('<header class="article-header">', '<header>'),
    ('<span class="headline">', '<span>'),
    ('<main id="main" tabindex="-1">', '<main id="main"><div>extra</div>'),
    ('<p class="standfirst">', '<p class="standfirst"><blink>'),
    ("</article>", "<marquee>added</marquee></article>"),
    ('<figure class="image">', '<figure class="image"><p>extra</p>'),
    ('<html lang="en-GB" dir="ltr">', "<html>"),
    ('<table id="vote-table">', '<table id="vote-table"><tr><td>x</td></tr>'),
], ids=["article-header", "headline", "main", "standfirst", "body", "figure", "html-lang",
        "table"])
def test_edited_own_pages_are_left_to_the_general_reader(edit: tuple[str, str]) -> None:
    page = render(CORPUS["kitchen-sink"])
    assert edit[0] in page
    assert read_own_page(_tree(page.replace(edit[0], edit[1], 1))) is None


def test_an_edited_own_page_still_reads_as_a_page() -> None:
    document = CORPUS["court-ruling"]
    page = render(document).replace(
        "</article>", "<div><p>An added paragraph.</p></div></article>", 1)
    assert read_own_page(_tree(page)) is None
    read = a11yrender.read_html(page)
    assert read.meta.title == document.meta.title
    assert any(isinstance(b, Paragraph) and b.children == (Text("An added paragraph."),)
               for b in read.body)


def test_a_page_claiming_to_be_ours_with_hostile_markup_is_not_trusted() -> None:
    page = ('<html lang="en" dir="ltr"><head><meta name="generator" content="a11yrender">'
            '</head><body><main><article><header class="article-header"><h1 id="headline">'
            '<span class="headline">T</span></h1></header><p><a href="javascript:alert(1)">'
            'x</a></p></article></main></body></html>')
    assert read_own_page(_tree(page)) is None


# --------------------------------------------------------------------------
# What plain HTML would lose, and the renderer marks
# --------------------------------------------------------------------------


def _exact(document: Document) -> None:
    assert read_back(render(document)) == document
    assert read_back(render(document, fragment=True)) == article_only(document)


def P(*inlines: Any) -> Paragraph:
    """A paragraph of exactly these inlines (``p()`` merges adjacent texts)."""
    return Paragraph(tuple(Text(i) if isinstance(i, str) else i for i in inlines))


def test_header_cell_without_scope_keeps_none() -> None:
    # Written <th class="inferred-scope" scope="col">: assistive technology
    # gets the scope, the reader knows it was not given.
    table = Table(head=(TableRow((TableCell((Text("H"),), header=True),)),),
                  body=(TableRow((TableCell((Text("1"),)),)),))
    page = render(doc("T", table))
    assert '<th class="inferred-scope" scope="col">H</th>' in page
    _exact(doc("T", table))


def test_adjacent_text_nodes_stay_apart() -> None:
    _exact(doc("T", Paragraph((Text("a"), Text("b")))))
    _exact(doc("T", Paragraph((Text("a "), Text("b"), Text(" c"), em("d"), Text("e")))))
    page = render(doc("T", Paragraph((Text("a"), Text("b")))))
    assert '<p>a<span class="text">b</span></p>' in page


def test_text_with_lang_is_not_a_span() -> None:
    _exact(doc("T", P("a ", Text("b", lang="fr"))))
    _exact(doc("T", P("a ", Text("b", lang="fr"), Span((Text("c"),), lang="fr"),
                      Text("d", lang="ar"), Text("e"))))


def test_line_break_lang() -> None:
    _exact(doc("T", P("a", LineBreak(lang="fr"), "b")))
    _exact(doc("T", P(LineBreak(lang="fr"), LineBreak(lang="de"), em(LineBreak(lang="ar")),
                      Text("x", lang="fr"), LineBreak(lang="fr"), Text(""),
                      LineBreak(), "y")))


def test_empty_text() -> None:
    _exact(doc("T", P(em("a"), Text(""))))
    _exact(doc("T", P(Text(""), Text(""), Text("", lang="fr"), "x", Text(""))))


def test_empty_link_title() -> None:
    _exact(doc("T", P(Link((Text("a"),), href="/x", title=""))))


def test_notice_labelled_notice() -> None:
    _exact(doc("T", "x", regions=[region("notice", "Cookies", label="Notice")]))


def test_marks_everywhere_inlines_go() -> None:
    texts = (Text("a"), Text("", lang="fr"), LineBreak(lang="de"), Text("b"))
    table = Table(caption=texts, head=(TableRow((TableCell(texts, header=True),
                                                 TableCell((Text("x"),), header=True,
                                                           scope="col"))),),
                  body=(TableRow((TableCell(texts), TableCell(texts, header=True))),))
    image = Image("/a.jpg", alt="A")
    _exact(Document(
        Metadata("T", standfirst=texts),
        (Heading(2, texts), P(*texts), List((ListItem((P(*texts),)),)),
         BlockQuote((P(*texts),), attribution=texts), Figure(image, caption=texts, credit=texts),
         Figure(image, credit=texts), table),
        (Region("notice", (P(*texts),)), Region("complementary", (P(*texts),), label="S"))))


def test_private_use_characters_in_the_text_are_text() -> None:
    # Marks are markup, never characters: any text, private-use included, is kept.
    hostile = "".join(chr(c) for c in range(0xE000, 0xE010))
    _exact(doc(hostile, P(Text(hostile), Text(hostile, lang="fr"), LineBreak(lang="de"),
                          Link((Text(hostile),), href="/x", title=hostile),
                          Link((Text("y"),), href="/y", title=""))))


def test_reading_leaves_the_tree_as_it_was() -> None:
    document = doc("T", P(Text("a"), Text("b", lang="fr"), LineBreak(lang="de"), "c",
                          Link((Text("d"),), href="/x", title="")),
                   Table(head=(TableRow((TableCell((Text("H"),), header=True),)),),
                         body=(TableRow((TableCell((Text("1"),)),)),)))
    tree = _tree(render(document))
    before = lxml.html.tostring(tree)
    assert read_own_page(tree) == document
    assert lxml.html.tostring(tree) == before


@pytest.mark.parametrize("edit", [
    ('<span class="text">b</span>', '<span class="text"><em>b</em></span>'),
    ('<span class="text">b</span>', '<span class="text"><br lang="fr"></span>'),
    ('<th class="inferred-scope" scope="col">', '<th class="inferred-scope x" scope="col">'),
    ('<section class="notice unlabelled" aria-label="Notice">',
     '<section class="notice unlabelled" aria-label="Other">'),
], ids=["text-span-markup", "text-span-break", "scope-class", "unlabelled-notice"])
def test_edited_marks_are_not_trusted(edit: tuple[str, str]) -> None:
    document = doc("T", Paragraph((Text("a"), Text("b"))),
                   Table(head=(TableRow((TableCell((Text("H"),), header=True),)),),
                         body=(TableRow((TableCell((Text("1"),)),)),)),
                   regions=[region("notice", "Cookies")])
    page = render(document)
    assert edit[0] in page
    tree = _tree(page.replace(edit[0], edit[1], 1))
    before = lxml.html.tostring(tree)
    assert read_own_page(tree) is None
    assert lxml.html.tostring(tree) == before


def test_text_spans_stay_apart_in_captions_credits_and_quotes() -> None:
    image = Image("https://example.com/a.jpg", alt="A")
    texts = (Text("", lang="fr"), Text("a"), Text("b"), Text(" "))
    _exact(doc("T", Figure(image, caption=texts, credit=texts),
               BlockQuote((P(Text("q")),), attribution=texts),
               Table(caption=texts,
                     head=(TableRow((TableCell((Text("H"),), header=True),)),),
                     body=(TableRow((TableCell(texts),)),))))


@pytest.mark.parametrize("edit", [
    ('<th class="inferred-scope" scope="col">', '<th class="inferred-scope">'),
    ('<th class="inferred-scope" scope="col">', '<th class="inferred-scope" scope="all">'),
    ('<br lang="de">', '<br lang="">'),
    ("<figcaption>", "<figcaption>x</figcaption><figcaption>"),
], ids=["scope-missing", "scope-invalid", "break-lang-empty", "two-captions"])
def test_marks_the_renderer_never_writes_are_not_trusted(edit: tuple[str, str]) -> None:
    document = doc("T", P(Text("a"), LineBreak(lang="de")),
                   Figure(Image("https://example.com/a.jpg", alt="A"), caption=(Text("c"),)),
                   Table(head=(TableRow((TableCell((Text("H"),), header=True),)),),
                         body=(TableRow((TableCell((Text("1"),)),)),)))
    page = render(document)
    assert read_own_page(_tree(page)) == document
    assert edit[0] in page
    assert read_own_page(_tree(page.replace(edit[0], edit[1], 1))) is None


# --------------------------------------------------------------------------
# What the rendered HTML cannot carry (a renderer loss, kept visible)
# --------------------------------------------------------------------------


def test_carriage_returns_are_line_feeds_in_the_model() -> None:
    # No conforming HTML carries a carriage return (parsing turns it into a line
    # feed; '&#13;' is a parse error), so the model holds line feeds only.
    document = doc("T", p("a\rb\r\nc"))
    assert document == doc("T", p("a\nb\nc"))
    _exact(document)
    assert read_back(render(document)) == document


def test_unlabelled_notices_come_back_unlabelled_in_any_language() -> None:
    directions: tuple[tuple[str, Literal["ltr", "rtl"]], ...] = (
        ("en", "ltr"), ("fr", "ltr"), ("ar", "rtl"))
    for language, direction in directions:
        for lang in (None, "en", "de"):
            notice = Region("notice", (p("Cookies"),), lang=lang)
            document = Document(Metadata("T", language=language, direction=direction),
                                (p("x"),), (notice,))
            _exact(document)


def test_strings_that_look_like_markup_stay_text() -> None:
    _exact(doc("<b>T</b> &amp;", p("<script>alert(1)</script> ", strong("&lt;"), " ",
                                   link("/?a=1&b=2", "]]> <!--")),
               kicker='"><img src=x>', bylines=["<i>me</i>"], dateline="&", site_name="<S>"))


def test_span_without_lang_and_empty_inline_elements_come_back() -> None:
    _exact(doc("T", p(Span((Text("plain span"),)), " ", em(), " ", strong(em()), "x")))


@pytest.mark.parametrize("edit", [
    ('<figure class="image">', '<figure class="quote">'),
    ('<div class="aside-label"', '<p class="transcript-label">x</p><div class="aside-label"'),
    ('<span class="credit">', '<span class="label">'),
    ("<li>", "<figcaption>x</figcaption><li>"),
    ('<div class="transcript">', '<div class="aside-label">x</div><div class="transcript">'),
], ids=["figure-class", "transcript-label", "credit", "figcaption", "aside-label"])
def test_own_classes_out_of_place_are_not_trusted(edit: tuple[str, str]) -> None:
    page = render(CORPUS["kitchen-sink"])
    assert edit[0] in page
    assert read_own_page(_tree(page.replace(edit[0], edit[1], 1))) is None
