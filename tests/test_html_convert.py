"""The HTML converter: one small snippet per construct, then hostile input.

``convert_blocks`` turns an article element's children into model blocks;
these tests pin down what each piece of markup becomes (written with the
builder helpers), that the walk never recurses on the input (100,000 levels
of nesting), and that no markup can make the model raise.
"""

from __future__ import annotations

import time as clock
import warnings
from collections.abc import Sequence
from typing import Literal

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import a11yrender
from a11yrender.builder import (
    abbr,
    aside,
    br,
    code,
    codeblock,
    em,
    figure,
    h,
    link,
    media,
    note,
    ol,
    p,
    q,
    quote,
    separator,
    span,
    strong,
    time,
    ul,
)
from a11yrender.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    List,
    ListItem,
    Metadata,
    Paragraph,
    Span,
    Table,
    TableCell,
    TableRow,
    Text,
)
from a11yrender.readers._html_convert import (
    MAX_CONTAINER_DEPTH,
    ConvertContext,
    convert_blocks,
    convert_inlines,
    relevel,
)

BASE = "https://news.example/world/2024/story.html"


def convert(html: str, *, base_url: str | None = None, language: str = "en"
            ) -> tuple[Block, ...]:
    """The blocks of ``<article>html</article>``."""
    root = lxml.html.document_fromstring(f"<html><body><article>{html}</article></body></html>")
    article = root.find(".//article")
    assert article is not None
    return convert_blocks(article, ConvertContext(base_url=base_url, language=language))


def inline(html: str, *, base_url: str | None = None) -> tuple[Inline, ...]:
    """The inlines of the one paragraph ``<p>html</p>`` becomes."""
    blocks = convert(f"<p>{html}</p>", base_url=base_url)
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), blocks
    return blocks[0].children


Scope = Literal["col", "row", "colgroup", "rowgroup"]


def th(text: str, scope: Scope | None = None, *, colspan: int = 1,
       rowspan: int = 1) -> TableCell:
    return TableCell((Text(text),), header=True, scope=scope, colspan=colspan,
                     rowspan=rowspan)


def td(text: str = "", *, colspan: int = 1, rowspan: int = 1) -> TableCell:
    return TableCell((Text(text),) if text else (), colspan=colspan, rowspan=rowspan)


def row(*cells: TableCell) -> TableRow:
    return TableRow(cells)


def valid_document(blocks: Sequence[Block]) -> Document:
    """The blocks in a document: the model's rules across the tree hold too."""
    body = tuple(blocks) or (p("placeholder"),)
    return Document(Metadata(title="Headline"), body)


# --------------------------------------------------------------------------
# Paragraphs and white space
# --------------------------------------------------------------------------


def test_paragraph_white_space_collapses_as_a_browser_shows_it() -> None:
    assert convert("<p>  Hello \n\t <em> big </em>\n  world  </p>") == (
        p("Hello ", em("big"), " world"),)


def test_no_break_spaces_are_not_collapsed() -> None:
    assert convert("<p>caf&eacute;&nbsp;&nbsp;bar &amp; baz</p>") == (
        p("café\u00a0\u00a0bar & baz"),)


def test_bare_text_and_divs_used_as_paragraphs() -> None:
    assert convert("Bare text<div>A div <b>used</b> as a paragraph</div><div><div>Nested</div>"
                   "</div>after") == (
        p("Bare text"), p("A div ", strong("used"), " as a paragraph"), p("Nested"), p("after"))


def test_double_line_breaks_separate_paragraphs() -> None:
    assert convert("one<br>two<br><br>three<br> \n <br><br>four<br>") == (
        p("one", br(), "two"), p("three"), p("four"))


def test_block_inside_inline_splits_it_and_the_inline_continues() -> None:
    assert convert("<p><em>before<div>inside</div>after</em></p>") == (
        p(em("before")), p(em("inside")), p(em("after")))


def test_empty_paragraphs_and_elements_vanish() -> None:
    assert convert("<p>   </p><p><em> </em><strong></strong></p><div>\n</div><span></span>") == ()


# --------------------------------------------------------------------------
# Headings
# --------------------------------------------------------------------------


def test_headings_keep_their_levels_and_text() -> None:
    assert convert("<h2>Two</h2><h3>Three <a href='/x'>link</a></h3><h6>Six</h6>") == (
        h(2, "Two"), h(3, "Three ", link("/x", "link")), h(6, "Six"))


def test_role_heading_with_aria_level() -> None:
    assert convert("<div role='heading' aria-level='4'>Four</div>"
                   "<p role='heading'>Default two</p>") == (h(4, "Four"), h(2, "Default two"))


def test_empty_headings_are_dropped() -> None:
    assert convert("<h2> </h2><h3><img src='/x.png' alt=''></h3><h4><span></span></h4>") == ()


def test_heading_ids_kept_when_usable() -> None:
    blocks = convert("<h2 id='intro'>A</h2><h2 id='intro'>B</h2><h2 id='main'>C</h2>"
                     "<h2 id='a b'>D</h2><p id='para'>E</p>")
    assert blocks == (h(2, "A", id="intro"), h(2, "B"), h(2, "C"), h(2, "D"), p("E"))


def test_block_elements_inside_a_heading_become_spaces() -> None:
    assert convert("<h2><div>Main</div><div>title</div></h2>") == (h(2, "Main title"),)


def test_heading_inside_a_link_keeps_the_link() -> None:
    assert convert("<a href='/story'><h3>Card title</h3><p>Card text</p></a>") == (
        h(3, link("/story", "Card title")), p(link("/story", "Card text")))


# --------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------


def test_nested_lists() -> None:
    assert convert("<ul><li>a<ul><li>b</li><li>c</li></ul></li><li><p>d</p><p>e</p></li>"
                   "<li>  </li></ul>") == (
        ul([p("a"), ul("b", "c")], [p("d"), p("e")]),)


def test_ordered_list_start_and_reversed() -> None:
    # The model has no reversed lists: the numbers are kept as given by start.
    assert convert("<ol start='5'><li>five</li><li>six</li></ol><ol reversed><li>x</li></ol>"
                   "<ol start='bogus'><li>y</li></ol>") == (
        ol("five", "six", start=5), ol("x"), ol("y"))


def test_list_nested_directly_in_a_list_joins_the_item_before() -> None:
    assert convert("<ul><li>a</li><ul><li>inner</li></ul><li>b</li></ul>") == (
        ul([p("a"), ul("inner")], "b"),)


def test_definition_list_becomes_a_list_of_terms() -> None:
    assert convert("<dl><dt>Term</dt><dd>Meaning one</dd><dd>Meaning two</dd>"
                   "<div><dt>Other</dt><dd><p>Its meaning</p></dd></div></dl>") == (
        ul([p(strong("Term")), p("Meaning one"), p("Meaning two")],
           [p(strong("Other")), p("Its meaning")]),)


# --------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------


def test_block_quote_with_footer_attribution_and_cite() -> None:
    assert convert("<blockquote cite='/speech'><p>We will.</p><footer>— The mayor</footer>"
                   "</blockquote>", base_url=BASE) == (
        quote("We will.", by="The mayor", cite="https://news.example/speech"),)


def test_block_quote_with_cite_element() -> None:
    assert convert("<blockquote><p>Words.</p><cite>A poet</cite></blockquote>"
                   "<blockquote><p>More.</p><p><cite>Someone</cite></p></blockquote>") == (
        quote("Words.", by="A poet"), quote("More.", by="Someone"))


def test_block_quote_closing_dash_paragraph_is_the_attribution() -> None:
    assert convert("<blockquote><p>Never again.</p><p>– Ada, in 1843</p></blockquote>") == (
        quote("Never again.", by="Ada, in 1843"),)


def test_figure_around_a_quote_gives_its_attribution() -> None:
    assert convert("<figure><blockquote><p>Q</p></blockquote>"
                   "<figcaption>— <strong>Dame R</strong>, librarian</figcaption></figure>") == (
        quote("Q", by=[strong("Dame R"), ", librarian"]),)


def test_quote_without_content_keeps_its_attribution_as_text() -> None:
    assert convert("<blockquote><footer>Only a name</footer></blockquote>") == (
        p("Only a name"),)


def test_unsafe_cite_is_dropped() -> None:
    assert convert("<blockquote cite='javascript:alert(1)'><p>Q</p></blockquote>") == (
        quote("Q"),)


# --------------------------------------------------------------------------
# Figures and images
# --------------------------------------------------------------------------


def test_figure_with_alt_caption_and_credit() -> None:
    html = ("<figure><img src='/cat.jpg' alt='A grey cat asleep' width='800' height='600'>"
            "<figcaption>Mog, the office cat. <span class='credit'>Photo: Bob</span>"
            "</figcaption></figure>")
    assert convert(html, base_url=BASE) == (
        figure("https://news.example/cat.jpg", "A grey cat asleep",
               caption="Mog, the office cat.", credit="Photo: Bob", width=800, height=600),)


def test_credit_beside_the_image_outside_the_caption() -> None:
    html = ("<figure><div class='wrap'><span class='image__copyright'>Reuters</span>"
            "<img src='/dam.jpg' alt='A dam'></div>"
            "<figcaption>The dam on Tuesday</figcaption></figure>")
    assert convert(html) == (
        figure("/dam.jpg", "A dam", caption="The dam on Tuesday", credit="Reuters"),)


def test_credit_label_of_the_page_is_not_kept() -> None:
    # The renderers write their own "Credit:" before a credit.
    for credit in ("Credit: EPA", "(Image credit: EPA)", "Photo credit:EPA"):
        html = (f"<figure><img src='/a.jpg' alt='A dam'><figcaption>The dam "
                f"<span class='credit'>{credit}</span></figcaption></figure>")
        assert convert(html) == (figure("/a.jpg", "A dam", caption="The dam", credit="EPA"),)
    # A credit that is only the word stays as written.
    html = ("<figure><img src='/a.jpg' alt='A dam'><figcaption>The dam "
            "<span class='credit'>Credit:</span></figcaption></figure>")
    assert convert(html)[0] == figure("/a.jpg", "A dam", caption="The dam", credit="Credit:")


def test_lazy_image_placeholder_is_an_image_not_a_paragraph() -> None:
    html = ("<p>a</p><div class='lazy-image' data-src='/cat.jpg' data-alt='A cat'>"
            "<span>Loading…</span></div>"
            "<figure><div data-src='/b.webp?w=200'></div><figcaption>B</figcaption></figure>"
            "<div data-src='https://widgets.example/likes/'>Like this post</div>")
    assert convert(html) == (
        p("a"), figure("/cat.jpg", "A cat"), figure("/b.webp?w=200", caption="B",
                                                    decorative=True),
        p("Like this post"))


def test_alt_equal_to_caption_is_read_once_from_the_caption() -> None:
    # The caption is the visible text, so it stays; the image becomes decorative.
    assert convert("<figure><img src='/a.jpg' alt='The bridge at dawn.'>"
                   "<figcaption>The bridge at dawn</figcaption></figure>") == (
        figure("/a.jpg", caption="The bridge at dawn", decorative=True),)


def test_images_without_a_text_alternative_are_decorative() -> None:
    assert convert("<img src='/a.png' alt=''><img src='/b.png' role='presentation'>"
                   "<img src='/c.png'>") == (
        figure("/a.png", decorative=True), figure("/b.png", decorative=True),
        figure("/c.png", decorative=True))


def test_alt_falls_back_to_aria_label_then_title() -> None:
    assert convert("<img src='/a.png' aria-label='Chart'><img src='/b.png' title='Map'>") == (
        figure("/a.png", "Chart"), figure("/b.png", "Map"))


def test_image_in_a_paragraph_splits_it() -> None:
    assert convert("<p>Before <img src='/a.jpg' alt='A'> after</p>") == (
        p("Before"), figure("/a.jpg", "A"), p("after"))


def test_small_images_and_emoji_read_as_their_alt() -> None:
    assert convert("<p>Great <img class='emoji' src='/e.png' alt='👍'> work <img src='/i.png'"
                   " width='16' height='16' alt='(new)'></p>") == (p("Great 👍 work (new)"),)


def test_tracking_pixels_are_dropped() -> None:
    assert convert("<p>Text</p><img src='/t.gif' width='1' height='1' alt=''>") == (p("Text"),)


def test_picture_and_srcset_pick_a_source() -> None:
    assert convert("<picture><source srcset='/a-400.webp 400w, /a-800.webp 800w'>"
                   "<img src='/a.jpg' alt='A'></picture>") == (figure("/a.jpg", "A"),)
    assert convert("<picture><source srcset='/a-400.webp 400w, /a-800.webp 800w'>"
                   "<img alt='A'></picture>") == (figure("/a-800.webp", "A"),)
    assert convert("<img srcset='/b1.jpg 1x, /b2.jpg 2x' alt='B'>") == (figure("/b2.jpg", "B"),)


def test_lazy_loaded_image_uses_its_real_source() -> None:
    assert convert("<img src='data:image/gif;base64,R0lGOD' data-src='/real.jpg' alt='R'>") == (
        figure("/real.jpg", "R"),)


def test_image_with_no_usable_source_keeps_its_alt_as_text() -> None:
    assert convert("<p><img src='data:image/png;base64,AAAA' alt='A chart of rainfall'></p>"
                   ) == (p("A chart of rainfall"),)


def test_gallery_figure_gives_the_caption_to_the_last_image() -> None:
    assert convert("<figure><img src='/1.jpg' alt='One'><img src='/2.jpg' alt='Two'>"
                   "<figcaption>Both</figcaption></figure>") == (
        figure("/1.jpg", "One"), figure("/2.jpg", "Two", caption="Both"))


def test_figure_without_an_image_keeps_its_caption() -> None:
    assert convert("<figure><p>Body</p><figcaption>Caption</figcaption></figure>") == (
        p("Body"), p("Caption"))


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------


def test_data_table_with_sections_scopes_and_spans() -> None:
    html = ("<table id='t'><caption>Votes</caption>"
            "<thead><tr><th>Party</th><th scope='COL'>For</th><td>Against</td></tr></thead>"
            "<tbody><tr><th scope='row'>Red</th><td>1</td><td>2</td></tr>"
            "<tr><th scope='bogus' rowspan='2'>Blue</th><td colspan='2'>3</td></tr>"
            "<tr><td>4</td><td>5</td></tr></tbody>"
            "<tfoot><tr><td>Total</td><td>4</td><td>7</td></tr></tfoot></table>")
    assert convert(html) == (Table(
        caption=(Text("Votes"),),
        head=(row(th("Party"), th("For", "col"), th("Against")),),
        body=(row(th("Red", "row"), td("1"), td("2")),
              row(th("Blue", rowspan=2), td("3", colspan=2)),
              row(td("4"), td("5"))),
        foot=(row(td("Total"), td("4"), td("7")),),
    ),)


def test_table_rows_without_sections_and_empty_corner() -> None:
    assert convert("<table><tr><th></th><th>A</th></tr><tr><th>r</th><td>1</td></tr></table>"
                   ) == (Table(body=(row(td(), th("A")), row(th("r"), td("1")))),)


def test_cells_holding_blocks_keep_them_apart_with_line_breaks() -> None:
    (table,) = convert("<table><tr><th>H</th><th>I</th></tr><tr><td><p>one</p><p>two</p></td>"
                       "<td><ul><li>a</li><li>b</li></ul></td></tr></table>")
    assert isinstance(table, Table)
    assert table.body[1].cells == (
        TableCell((Text("one"), br(), Text("two"))), TableCell((Text("a"), br(), Text("b"))))


def test_row_span_past_its_row_group_is_clipped() -> None:
    (table,) = convert("<table><thead><tr><th rowspan='5'>A</th><th>B</th></tr></thead>"
                       "<tbody><tr><td rowspan='0'>x</td><td>y</td></tr>"
                       "<tr><td>z</td></tr></tbody></table>")
    assert isinstance(table, Table)
    assert table.head[0].cells[0].rowspan == 1
    assert table.body[0].cells[0].rowspan == 2


def test_header_only_table_moves_rows_into_the_body() -> None:
    (table,) = convert("<table><thead><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td>"
                       "</tr></thead></table>")
    assert isinstance(table, Table)
    assert len(table.head) == 1 and len(table.body) == 1


@pytest.mark.parametrize("html", [
    "<table role='presentation'><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>"
    "</table>",
    "<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>",
    "<table><tr><th>A</th></tr><tr><td>B</td></tr><tr><td>1</td></tr><tr><td>2</td></tr></table>",
], ids=["presentation-role", "no-header-cells", "single-column"])
def test_layout_tables_are_flattened(html: str) -> None:
    assert [plain(b) for b in convert(html)] == ["A", "B", "1", "2"]


def test_nested_tables_flatten_the_outer_one() -> None:
    blocks = convert("<table><tr><td><p>Sidebar</p></td><td><table><tr><th>K</th><th>V</th>"
                     "</tr><tr><td>a</td><td>1</td></tr></table></td></tr></table>")
    assert blocks == (p("Sidebar"), Table(body=(row(th("K"), th("V")), row(td("a"), td("1")))))


def test_table_caption_from_its_figure() -> None:
    (table,) = convert("<figure><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td>"
                       "</tr></table><figcaption>Scores</figcaption></figure>")
    assert isinstance(table, Table) and table.caption == (Text("Scores"),)


def plain(block: Block) -> str:
    from a11yrender.model import plain_text

    assert isinstance(block, Paragraph), block
    return plain_text(block.children)


# --------------------------------------------------------------------------
# Code, separators, media, asides
# --------------------------------------------------------------------------


def test_preformatted_code_keeps_its_white_space_and_syntax() -> None:
    assert convert("<pre><code class='language-python'>\ndef f():\n    return  1\n\n</code>"
                   "</pre><pre class='lang-js'>x<br>y</pre><pre>   </pre>") == (
        codeblock("def f():\n    return  1", "python"), codeblock("x\ny", "js"))


def test_separator() -> None:
    assert convert("<p>a</p><hr><p>b</p>") == (p("a"), separator(), p("b"))
    # role=separator drawn with empty spans (Medium's dots); not one with text.
    assert convert("<p>a</p><div role='separator'><span></span><span></span></div>"
                   "<p>b</p><div role='separator'>* * *</div>") == (
        p("a"), separator(), p("b"), p("* * *"))


def test_video_and_audio_become_media() -> None:
    html = ("<video src='/v.mp4' title='Clip'><track kind='captions' src='/v.vtt'></video>"
            "<audio><source src='/a.mp3'></audio>"
            "<figure><video src='/w.mp4'></video><figcaption>The storm</figcaption></figure>"
            "<video src='javascript:x' title='Bad'></video>")
    assert convert(html) == (
        media("video", "/v.mp4", "Clip", captions="/v.vtt"),
        media("audio", "/a.mp3", "Audio"),
        media("video", "/w.mp4", "The storm"))


def test_asides_need_a_name() -> None:
    html = ("<aside aria-label='Key numbers'><p>Three</p></aside>"
            "<aside><h3>Timeline</h3><ul><li>1990</li></ul></aside>"
            "<aside><p>No name: read in place</p></aside>"
            "<div role='note' aria-labelledby='n1'><span id='n1'>Correction</span><p>Fixed."
            "</p></div>")
    assert convert(html) == (
        aside("Key numbers", "Three"), aside("Timeline", ul("1990")),
        p("No name: read in place"), note("Correction", "Fixed."))


def test_hidden_and_non_content_elements_are_skipped() -> None:
    html = ("<p>kept</p><script>alert(1)</script><style>p{}</style><p hidden>h</p>"
            "<p aria-hidden='true'>a</p><p style='color: red; display : none'>d</p>"
            "<noscript><p>n</p></noscript><form><input value='i'><button>b</button>"
            "<p>form text</p></form><iframe src='/x'></iframe><svg><title>t</title></svg>")
    assert convert(html) == (p("kept"), p("form text"))


# --------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------


def test_emphasis_strong_quote_and_code() -> None:
    assert inline("<em>e</em> <i>i</i> <strong>s</strong> <b>b</b> <q cite='/c'>q</q> "
                  "<code> a   b </code> <kbd>Ctrl</kbd>", base_url=BASE) == (
        em("e"), Text(" "), em("i"), Text(" "), strong("s"), Text(" "), strong("b"), Text(" "),
        q("q", cite="https://news.example/c"), Text(" "), code("a b"), Text(" "), code("Ctrl"))


def test_spaces_move_out_of_the_ends_of_inline_elements() -> None:
    assert inline("Read <a href='/x'> the report </a>now") == (
        Text("Read "), link("/x", "the report"), Text(" now"))


def test_abbreviation_with_expansion() -> None:
    assert inline("The <abbr title='World  Health\nOrganization'>WHO</abbr> and "
                  "<abbr>NATO</abbr> <abbr title=''>UN</abbr>") == (
        Text("The "), abbr("WHO", "World Health Organization"), Text(" and NATO UN"))


def test_time_with_machine_readable_value() -> None:
    assert inline("<time datetime='2024-06-14T07:30:00+0100'>Friday</time> "
                  "<time datetime='2024-06-14T07:30:00.123456Z'>morning</time> "
                  "<time>2024-01-02</time> <time datetime='soon'>later</time> "
                  "<time datetime='2024-02-30'>bad day</time>") == (
        time("Friday", "2024-06-14T07:30:00+01:00"), Text(" "),
        time("morning", "2024-06-14T07:30:00.123Z"), Text(" "),
        time("2024-01-02", "2024-01-02"), Text(" later bad day"))


def test_sub_and_superscripts() -> None:
    assert inline("H<sub>2</sub>O, E = mc<sup>2</sup>, note<sup>[1]</sup>, "
                  "x<sup><em>n</em></sup>") == (
        Text("H₂O, E = mc², note[1], x"), em("n"))


def test_presentational_elements_keep_their_text() -> None:
    assert inline("<mark>m</mark> <small>s</small> <span class='x'>sp</span> <u>u</u> "
                  "<font>f</font> <cite>Book</cite> <del>d</del> <ins>i</ins>") == (
        Text("m s sp u f Book d i"),)


def test_line_breaks_inside_a_paragraph() -> None:
    assert inline("<br>1 Main St<br> Springfield <br>") == (Text("1 Main St"), br(),
                                                            Text("Springfield"))


def test_ruby_annotations_are_not_read_twice() -> None:
    assert inline("<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>です") == (Text("漢字です"),)


def test_links_are_resolved_against_the_base_url() -> None:
    assert inline("<a href='../other.html' title=' More '>rel</a> <a href='//cdn.example/x'>"
                  "proto</a> <a href=' mailto:desk@news.example '>mail</a> "
                  "<a href='#part-2'>frag</a>", base_url=BASE) == (
        link("https://news.example/world/other.html", "rel", title="More"), Text(" "),
        link("https://cdn.example/x", "proto"), Text(" "),
        link("mailto:desk@news.example", "mail"), Text(" "),
        link("https://news.example/world/2024/story.html#part-2", "frag"))


def test_relative_links_stay_relative_without_a_base() -> None:
    assert inline("<a href='/x y'>sp</a>") == (link("/x%20y", "sp"),)


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)", "vbscript:x",
    "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://x.example/", "", "http://[::1",
])
def test_links_with_rejected_schemes_become_text(href: str) -> None:
    root = lxml.html.fragment_fromstring("<p>see <a>this</a> now</p>")
    anchor = root.find("a")
    assert anchor is not None
    anchor.set("href", href)
    assert convert_blocks(root, ConvertContext(base_url=BASE)) == (p("see this now"),)


def test_empty_links_and_links_in_links() -> None:
    assert inline("<a href='/a'></a>x <a href='/b'> </a> <a href='/c'><span></span></a> "
                  "<a href='/d'>out <a href='/e'>in</a></a>") == (
        Text("x "), link("/d", "out"), Text(" "), link("/e", "in"))


def test_language_of_parts() -> None:
    assert convert("<p>Motto: <span lang='la'>flumen nos servat</span>, "
                   "<em lang='fr'>oui</em>, <span lang='en'>same</span>, "
                   "<span lang='!!'>bad tag</span>, <span lang='pt_BR'>olá</span></p>"
                   "<p lang='de'>Deutsch <span lang='de'>auch</span></p>"
                   "<div lang='fr'><p>Un</p><p lang='en'>Two</p><ul><li>trois</li></ul></div>") == (
        p("Motto: ", span("la", "flumen nos servat"), ", ", Emphasis((Text("oui"),), lang="fr"),
          ", same, bad tag, ", span("pt-BR", "olá")),
        p("Deutsch auch", lang="de"),
        p("Un", lang="fr"), p("Two"), List((ListItem((p("trois"),)),), lang="fr"))


def test_language_of_the_article_element_itself() -> None:
    root = lxml.html.fragment_fromstring("<article lang='fr'><p>Bonjour</p></article>")
    assert convert_blocks(root, ConvertContext(language="en")) == (p("Bonjour", lang="fr"),)
    assert convert_blocks(root, ConvertContext(language="fr")) == (p("Bonjour"),)


def test_convert_inlines_reads_phrasing_content() -> None:
    root = lxml.html.fragment_fromstring(
        "<div class='standfirst'>A <em>short</em>\n summary<div>with a block</div></div>")
    assert convert_inlines(root, ConvertContext()) == (
        Text("A "), em("short"), Text(" summary with a block"))


# --------------------------------------------------------------------------
# Re-levelling
# --------------------------------------------------------------------------


def levels(blocks: Sequence[Block]) -> list[int]:
    doc = valid_document(blocks)
    return [n.level for _, n in doc.walk() if isinstance(n, Heading)]


@pytest.mark.parametrize(("given_levels", "expected"), [
    ([1, 2, 2, 3], [2, 3, 3, 4]),
    ([2, 4, 3, 6, 2], [2, 3, 3, 4, 2]),
    ([3, 3, 4], [2, 2, 3]),
    ([4, 2, 3], [2, 2, 3]),
    ([1, 1, 6], [2, 2, 3]),
    ([2, 3, 4, 5, 6, 6, 2], [2, 3, 4, 5, 6, 6, 2]),
])
def test_relevel(given_levels: list[int], expected: list[int]) -> None:
    blocks = tuple(h(n, f"H{i}") for i, n in enumerate(given_levels))
    assert levels(relevel(blocks)) == expected


def test_relevel_reaches_headings_inside_containers() -> None:
    blocks = (h(1, "Top"), aside("Box", h(4, "In box")), ul([h(5, "In list")]),
              quote(h(3, "In quote")), media("audio", "/a.mp3", "Pod", h(6, "Transcript")))
    # h3 closes the h4 and h5 sections: it is one below the h1, as the h4 was.
    assert levels(relevel(blocks)) == [2, 3, 4, 3, 4]


def test_relevel_returns_blocks_unchanged_when_nothing_moves() -> None:
    blocks = (h(2, "A"), p("x"), h(3, "B"))
    assert relevel(blocks) is blocks


def test_relevel_caps_at_six() -> None:
    blocks = tuple(h(n, "x") for n in (1, 2, 3, 4, 5, 6))
    assert levels(relevel(blocks)) == [2, 3, 4, 5, 6, 6]


# --------------------------------------------------------------------------
# Hostile input
# --------------------------------------------------------------------------


def deep_chain(tags: Sequence[str], depth: int, text: str = "bottom") -> lxml.html.HtmlElement:
    """``<article>`` holding ``depth`` nested elements (a TreeBuilder: the
    parser itself stops at 2,048 levels)."""
    builder = etree.TreeBuilder(parser=lxml.html.HTMLParser())
    builder.start("article", {})
    for i in range(depth):
        tag = tags[i % len(tags)]
        builder.start(tag, {"href": "/x"} if tag == "a" else {})
        if i % 10_000 == 0:
            builder.data(f"level{i} ")
    builder.data(text)
    for i in range(depth - 1, -1, -1):
        builder.end(tags[i % len(tags)])
    builder.end("article")
    root = builder.close()
    assert isinstance(root, lxml.html.HtmlElement)
    return root


@pytest.mark.parametrize("tags", [
    ["div"], ["span", "em", "strong", "a"], ["ul", "li"], ["blockquote", "figure", "aside"],
    ["table", "tr", "th", "td"], ["pre"], ["h2", "p"], ["dl", "dd", "ol", "li", "p"],
], ids=lambda t: "-".join(t))
def test_100k_nested_elements_read_without_recursion(tags: list[str]) -> None:
    root = deep_chain(tags, 100_000)
    started = clock.perf_counter()
    blocks = relevel(convert_blocks(root, ConvertContext()))
    assert clock.perf_counter() - started < 30
    document = valid_document(blocks)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a deep heading may be re-levelled
        text = a11yrender.render(document, "text")
    assert "level0" in text and "level90000" in text and "bottom" in text
    depth = max(len(path) for path, _ in document.walk())
    assert depth < 4 * (MAX_CONTAINER_DEPTH + 24)


def test_invalid_languages_are_ignored() -> None:
    blocks = convert("<p lang='english please'>a</p><p lang=''>b</p><p xml:lang='fr'>c</p>"
                     "<ul lang='123'><li lang='x-'>d</li></ul>")
    assert blocks == (p("a"), p("b"), p("c"), ul("d"))


@pytest.mark.parametrize("html", [
    "<table><tr><th colspan='0'>A</th><th colspan='99999'>B</th></tr>"
    "<tr><td rowspan='-3'>1</td><td rowspan='99999999'>2</td><td colspan='x'>3</td></tr></table>",
    "<table><tr><th rowspan='3'>A</th><th>B</th></tr><tr><td colspan='5'>1</td></tr></table>",
    "<table><thead><tr><th>A</th><th>B</th></tr></thead><tfoot><tr><td>f</td><td>g</td></tr>"
    "</tfoot></table>",
    "<table><tr><th>A</th><td>x</td></tr><tr></tr><tr><td></td><td> </td></tr>hello</table>",
    "<table><caption></caption><tr><th> </th><th></th></tr><tr><td>1</td><td>2</td></tr></table>",
], ids=["bad-spans", "inconsistent-spans", "head-and-foot-only", "empty-rows", "empty-headers"])
def test_tables_with_inconsistent_structure_read(html: str) -> None:
    blocks = convert(html)
    document = valid_document(blocks)
    a11yrender.render(document, "html")
    a11yrender.render(document, "text")
    for table in (b for b in blocks if isinstance(b, Table)):
        for r in (*table.head, *table.body, *table.foot):
            for cell in r.cells:
                assert 1 <= cell.colspan <= 1000 and 1 <= cell.rowspan <= 65534


def test_empty_everything() -> None:
    html = ("<h1></h1><p></p><ul><li></li></ul><ol></ol><dl><dt></dt><dd></dd></dl>"
            "<blockquote></blockquote><figure><figcaption></figcaption></figure>"
            "<table></table><pre></pre><aside></aside><video></video><audio src=''></audio>"
            "<a href='/x'></a><abbr title=''></abbr><time datetime='2024'></time><q></q>"
            "<em></em><code></code><img>")
    assert convert(html) == ()


def test_unusual_white_space_in_urls_never_reaches_the_model() -> None:
    article = lxml.html.fragment_fromstring(
        "<article><p><a href='https://a.example/ok\u2028'>t</a> <a href='/a\u00a0b'>u</a>"
        "<img src='/i\u3000.png' alt='I'></p></article>")
    assert valid_document(convert_blocks(article, ConvertContext()))


_TAGS = (
    "p", "div", "span", "em", "i", "b", "a", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "footer", "cite", "figure", "figcaption", "img", "picture", "source", "table", "caption",
    "thead", "tbody", "tfoot", "tr", "td", "th", "pre", "code", "abbr", "time", "q", "br", "hr",
    "h1", "h2", "h3", "h6", "aside", "section", "video", "audio", "track", "sub", "sup",
    "ruby", "rt", "script", "math", "svg", "iframe", "details", "summary", "form", "input",
    "wbr", "mark", "xmp",
)
_ATTRS: dict[str, tuple[str, ...]] = {
    "href": ("javascript:alert(1)", "data:x", "/rel", "https://a.example/b c", " mailto:x@y ",
             "", "#f", "http://[::1", "tel:1"),
    "lang": ("fr", "en", "", "!!", "en_GB", "x-klingon", "zh-Hans", "ar"),
    "src": ("/i.png", "data:image/png;base64,AA", "", "javascript:x", "https://e.example/v.mp4"),
    "alt": ("", " ", "Alt text"),
    "title": ("", "Title", "  "),
    "datetime": ("2024-01-01", "bad", "2024-13-45", "2024-06-14T07:30:00+0100", ""),
    "colspan": ("0", "2", "-1", "x", "99999999"),
    "rowspan": ("0", "3", "70000"),
    "scope": ("col", "ROW", "bogus"),
    "start": ("3", "x", "-2", "99999999999"),
    "role": ("presentation", "heading", "note", "none"),
    "aria-level": ("1", "9", "x"),
    "id": ("main", "x y", "ok", "a11y-1", "headline"),
    "class": ("credit", "aside", "transcript", "emoji", "language-py", "aside-label"),
    "hidden": ("",),
    "style": ("display:none", "color:red"),
    "width": ("1", "0", "100", "50%"),
    "srcset": ("/a.jpg 100w, /b.jpg 200w", ",,", "x"),
}
_TEXT = st.lists(st.sampled_from(["a", "b", " ", "\n", "\t", "\u00a0", "—", "&amp;", "&lt;",
                                  "é", "日", "  ", "— "]), max_size=5).map("".join)


@st.composite
def _soup(draw: st.DrawFn, depth: int) -> str:
    tag = draw(st.sampled_from(_TAGS))
    names = draw(st.lists(st.sampled_from(sorted(_ATTRS)), max_size=3, unique=True))
    attrs = "".join(f' {n}="{draw(st.sampled_from(_ATTRS[n]))}"' for n in names)
    inner = _TEXT if depth <= 0 else st.one_of(_TEXT, _soup(depth - 1))
    kids = draw(st.lists(inner, max_size=4))
    return f"<{tag}{attrs}>{''.join(kids)}</{tag}>"


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_TEXT, _soup(4)), max_size=6),
       st.sampled_from((None, BASE)), st.sampled_from(("en", "fr", "ar")))
def test_random_tag_soup_always_gives_a_valid_document(parts: list[str], base: str | None,
                                                       language: str) -> None:
    blocks = relevel(convert("".join(parts), base_url=base, language=language))
    document = valid_document(blocks)
    previous = 1
    for _, node in document.walk():
        if isinstance(node, Heading):
            assert 2 <= node.level <= previous + 1
            previous = node.level
        if isinstance(node, (Figure, BlockQuote)):
            assert node.lang is None or node.lang.lower() != language
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # relevel leaves nothing for the renderer to fix
        a11yrender.render(document, "html")
        a11yrender.render(document, "text")


def test_span_holding_only_a_language_change_is_a_span() -> None:
    assert inline("<span lang='ja'>東京</span>") == (Span((Text("東京"),), lang="ja"),)
