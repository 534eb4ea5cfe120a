"""The HTML reader's core: decoding, safe parsing, chrome removal, finding the
article, and telling articles from index, search and error pages.

Pages here are small and written for each test; the realistic whole pages
with golden models live in ``tests/pages`` (``test_html_pages.py``).
"""

from __future__ import annotations

import contextlib
import copy
import http.server
import threading
import time
from collections.abc import Iterator

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from a11yrender.errors import A11yRenderError, InputTooLargeError, NotAnArticleError, ReadError
from a11yrender.model import Document, Heading, Paragraph, plain_text
from a11yrender.readers._html_extract import extract, find_article
from a11yrender.readers._html_meta import page_metadata
from a11yrender.readers._html_parse import (
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    PARSER_MAX_DEPTH,
    codec_for_label,
    decode_html,
    parse_html,
)
from a11yrender.readers.html import is_article, read_html

# --------------------------------------------------------------------------
# Page builders
# --------------------------------------------------------------------------

BODY = [
    "The council voted on Tuesday to approve the new budget, which includes money for "
    "schools, roads and a long-delayed library renovation, officials said.",
    "The plan was debated for months. Opponents said it raised charges too far, while "
    "supporters said the town could not wait any longer for repairs.",
    "Work on the library is expected to begin in the spring, and the branch will stay "
    "open in a temporary building on Mill Street while it is closed.",
    "A public meeting on the details will be held at the town hall next Thursday, and "
    "residents can send comments to the council until the end of the month.",
]


def article_text(doc: Document) -> str:
    """Every word of the body, in order."""
    out: list[str] = []
    for _, node in doc.walk():
        if isinstance(node, (Paragraph, Heading)):
            out.append(plain_text(node.children))
    return "\n".join(out)


def page(inside: str = "", outside: str = "", *, head: str = "", lang: str = "en",
         paragraphs: list[str] | None = None, title: str = "Council approves budget") -> str:
    """A news page: ``outside`` goes around the article, ``inside`` into it
    (after the second paragraph)."""
    paras = [f"<p>{p}</p>" for p in (paragraphs or BODY)]
    body = "".join(paras[:2]) + inside + "".join(paras[2:])
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{title} | Example News</title>{head}</head><body>"
            f"<header class='site-header'><a href='/'>Example News</a></header>"
            f"{outside}<main><article><h1>{title}</h1><div class='article-body'>{body}"
            f"</div></article></main><footer><p>Example News, 1 High Street.</p></footer>"
            f"</body></html>")


# --------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------

JAPANESE = [
    "日本と北朝鮮の協議が来週にも再開される見通しとなった。"
    "政府関係者によると、両国の担当者が第三国で会談する予定だ。",
    "拉致問題の解決に向けた進展が期待されている。"
    "①髙橋氏は記者団に「対話の扉は開いている」と述べた。",
    "会談では経済協力の問題も取り上げられる可能性がある。",
]
KOREAN = [
    "한국과 일본의 정상회담이 다음 주에 열릴 예정이다. "
    "정부 관계자에 따르면 양국은 경제 협력 방안을 논의할 것이다.",
    "이번 회담은 지난해 이후 처음이며, "
    "양국 외교부는 구체적인 일정을 조율하고 있다. 똠방각하는 예외다.",
    "전문가들은 이번 회담이 관계 개선의 계기가 될 것으로 보고 있다.",
]
CHINESE = ["中国和日本的领导人将于下周举行会谈。据政府官员称，双方将讨论经济合作问题。",
           "这是两国领导人一年来首次会面，外交部正在协调具体日程。𠀀字也要正确显示。",
           "专家认为，此次会谈可能成为改善关系的契机。"]
FRENCH = ["Le café était très agréable — « déjà vu », n’est-ce pas ? L’œuvre coûte 12 €.",
          "Les élèves ont présenté leurs créations à la fête de l’école, où régnait une "
          "ambiance chaleureuse et naïve.", "Le maire a salué « un travail remarquable »."]

ENCODINGS = [
    # (codec that writes the bytes, label the page declares, language, paragraphs)
    ("cp932", "shift_jis", "ja", JAPANESE),
    ("euc_jp", "euc-jp", "ja", [p.replace("①髙", "") for p in JAPANESE]),
    ("cp949", "euc-kr", "ko", KOREAN),
    ("gb18030", "gb18030", "zh", CHINESE),
    ("gb18030", "gb2312", "zh", CHINESE),
    ("cp1252", "windows-1252", "fr", FRENCH),
    ("cp1252", "iso-8859-1", "fr", FRENCH),
]


def encoded_page(paragraphs: list[str], lang: str, declare: str | None) -> str:
    head = {
        None: "",
        "meta": "<meta charset='{label}'>",
        "http-equiv": "<meta http-equiv='Content-Type' content='text/html; charset={label}'>",
    }[declare]
    paras = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='{lang}'><head>{head}<title>{paragraphs[0][:12]}"
            f"</title></head><body><article>{paras}</article></body></html>")


@pytest.mark.parametrize("codec,label,lang,paragraphs", ENCODINGS,
                         ids=[f"{c}-{lbl}" for c, lbl, _, _ in ENCODINGS])
@pytest.mark.parametrize("declare", ["meta", "http-equiv", None])
def test_encodings_decode_exactly(codec: str, label: str, lang: str, paragraphs: list[str],
                                  declare: str | None) -> None:
    html = encoded_page(paragraphs, lang, declare).replace("{label}", label)
    data = html.encode(codec)
    assert decode_html(data) == html
    doc = read_html(data)
    text = article_text(doc)
    for para in paragraphs:
        assert para in text


def test_whatwg_labels() -> None:
    assert codec_for_label("ISO-8859-1") == "cp1252"
    assert codec_for_label("latin1") == "cp1252"
    assert codec_for_label("us-ascii") == "cp1252"
    assert codec_for_label("Shift_JIS") == "cp932"
    assert codec_for_label("gb2312") == "gb18030"
    assert codec_for_label("GBK") == "gb18030"
    assert codec_for_label("euc-kr") == "cp949"
    assert codec_for_label("utf-16") == "utf-8"  # declared in ASCII markup: cannot be UTF-16
    # Codecs no page may pick.
    for bad in ("utf-7", "unicode_escape", "rot13", "base64", "zlib", "x-user-defined", ""):
        assert codec_for_label(bad) is None


def test_bom_wins_over_declaration() -> None:
    html = encoded_page(FRENCH, "fr", "meta").replace("{label}", "windows-1252")
    assert decode_html(b"\xef\xbb\xbf" + html.encode("utf-8")) == html
    assert decode_html(html.encode("utf-16")) == html


def test_mislabelled_utf8_reads_as_utf8() -> None:
    """A page labelled latin-1 whose bytes are UTF-8 (a common CMS mistake)."""
    html = encoded_page(FRENCH, "fr", "meta").replace("{label}", "iso-8859-1")
    assert decode_html(html.encode("utf-8")) == html


def test_unknown_label_falls_back_to_detection() -> None:
    html = encoded_page(FRENCH, "fr", "meta").replace("{label}", "klingon-8")
    assert decode_html(html.encode("utf-8")) == html


def test_binary_input_is_refused() -> None:
    for data in (b"\x89PNG\r\n\x1a\n" + bytes(200), b"%PDF-1.7\n" + bytes(range(256)) * 4,
                 b"PK\x03\x04" + bytes(100), bytes(range(256)) * 8):
        with pytest.raises(ReadError, match="binary"):
            read_html(data)


def test_empty_input_is_refused() -> None:
    for data in (b"", "   ", "<!-- nothing -->"):
        with pytest.raises(ReadError):
            read_html(data)


# --------------------------------------------------------------------------
# Safety: limits, depth, malformed markup, no network
# --------------------------------------------------------------------------


def test_million_nested_divs_fail_fast_naming_the_limit() -> None:
    n = 1_000_000
    html = "<html><body>" + "<div>" * n + "deep" + "</div>" * n + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match=str(PARSER_MAX_DEPTH)):
        read_html(html)
    with pytest.raises(InputTooLargeError):
        is_article(html.encode())
    assert time.perf_counter() - start < 20


@pytest.mark.parametrize("tags", [("div",), ("b", "i"), ("span",), ("blockquote",),
                                  ("ul", "li"), ("table", "tr", "td")])
def test_deep_nesting_below_the_parser_limit_reads_flattened(tags: tuple[str, ...]) -> None:
    """Nesting the parser accepts but no page needs is flattened: the words
    stay, in order, and nothing downstream recurses too deep."""
    depth = PARSER_MAX_DEPTH // len(tags) - 20
    opening = "".join(f"<{t}>" for t in tags) * depth
    closing = "".join(f"</{t}>" for t in reversed(tags)) * depth
    words = " ".join(BODY)
    html = (f"<html><body><article><p>{BODY[0]}</p>{opening}{words}{closing}"
            f"<p>{BODY[3]} The end.</p></article></body></html>")
    root = parse_html(html)
    deepest = max(sum(1 for _ in el.iterancestors()) for el in root.iter())
    assert deepest <= MAX_DEPTH + 1
    doc = read_html(html)
    text = article_text(doc)
    assert "The end." in text
    assert " ".join(text.split()).count(BODY[1]) >= 1


def test_input_over_50_mib_is_refused_naming_the_limit() -> None:
    big = b"<html><body><p>" + b"a" * (MAX_INPUT_BYTES + 1) + b"</p></body></html>"
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="50 MiB"):
        read_html(big)
    with pytest.raises(InputTooLargeError, match="50 MiB"):
        read_html(big.decode("ascii"))
    assert time.perf_counter() - start < 10


@pytest.mark.slow
def test_page_of_nearly_50_mib_reads_in_bounded_time() -> None:
    """A page just under the size limit either reads or fails with a clear
    limit, in seconds, not minutes."""
    para = "<p>Some words in a paragraph, with a comma or two, and a full stop.</p>"
    html = "<html><body><article>" + para * ((49 * 2**20) // len(para)) + "</article></body></html>"
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="limit"):
        read_html(html)
    assert time.perf_counter() - start < 60


def test_one_huge_paragraph_is_refused_by_the_article_limit() -> None:
    html = "<html><body><article><p>" + "word " * 2_000_000 + "</p></article></body></html>"
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="limit"):
        read_html(html)
    assert time.perf_counter() - start < 20


def test_huge_attribute_and_script_do_not_truncate_the_page() -> None:
    """libxml2 stops at 10 MB text nodes unless told otherwise; a saved page
    with a big inline image or script must still read to its end."""
    blob = "A" * 11_000_000
    html = page(inside=f"<img src='data:image/png;base64,{blob}' alt='x'>",
                head=f"<script>var x = '{blob}';</script>")
    assert BODY[3] in article_text(read_html(html))


def test_control_characters_and_bad_references_do_not_abort() -> None:
    html = page(inside="<p>Bell \x07 form\x0cfeed &#1; &#x7f; &#xFFFE; &#xD800; nul \x00 "
                       "and \ufffe and \U0010ffff and lone \ud800 surrogate.</p>")
    doc = read_html(html)
    assert "surrogate" in article_text(doc)


markup_piece = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>",
              st.sampled_from(["div", "p", "span", "a", "h1", "h2", "ul", "li", "table", "tr",
                               "td", "article", "main", "nav", "script", "style", "b", "br",
                               "img", "figure", "figcaption", "blockquote", "pre", "abbr",
                               "time", "section", "aside", "form", "iframe", "svg", "select",
                               "noscript", "template", "head", "body", "html", "title"]),
              st.sampled_from(["", " class='content'", " hidden", " aria-hidden='true'",
                               " style='display:none'", " href='http://x.example/a'",
                               " href='javascript:alert(1)'", " lang='fr'", " lang='!!'",
                               " src='a.png' alt='x'", " datetime='2020-01-01'",
                               " colspan='0'", " rowspan='99999'", " itemprop='articleBody'",
                               " role='main'", " class='share'", " width='9999999999'"])),
    st.builds(lambda t: f"</{t}>", st.sampled_from(["div", "p", "a", "li", "table", "td",
                                                     "article", "b", "span"])),
    st.text(max_size=30),
    st.sampled_from(["&amp;", "&#0;", "&#1;", "&#xD800;", "&#x110000;", "&nbsp;", "<!--",
                     "-->", "<![CDATA[", "]]>", "<?xml version='1.0' encoding='utf-8'?>",
                     "<!DOCTYPE html SYSTEM 'http://127.0.0.1:9/x.dtd'>", "&xxe;", "\x00",
                     "\x0c", "\ufffe", "\ud800", BODY[0]]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.lists(markup_piece, max_size=40).map("".join),
                 st.binary(max_size=400), st.text(max_size=200)))
def test_malformed_input_raises_only_a11yrender_errors(data: str | bytes) -> None:
    for fn in (read_html, is_article):
        with contextlib.suppress(A11yRenderError):
            fn(data)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - shared on purpose: the server's log

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.end_headers()
        self.wfile.write(b'<!ENTITY remote "REMOTE-ENTITY-TEXT">')

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.requests.clear()
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_no_network_and_no_external_entities(recorder: str, tmp_path: object) -> None:
    html = (f"<!DOCTYPE html SYSTEM '{recorder}/page.dtd' ["
            f"<!ENTITY remote SYSTEM '{recorder}/entity.xml'>"
            "<!ENTITY local SYSTEM 'file:///etc/passwd'>"
            "<!ENTITY inner 'INNER-ENTITY-TEXT'>]>"
            + page(inside="<p>Remote &remote; local &local; inner &inner; end.</p>"))
    for data in (html, html.encode("utf-8")):
        text = article_text(read_html(data))
        assert "REMOTE-ENTITY-TEXT" not in text
        assert "INNER-ENTITY-TEXT" not in text
        assert "root:" not in text
        assert BODY[3] in text
    assert _Recorder.requests == []


# --------------------------------------------------------------------------
# Chrome removal
# --------------------------------------------------------------------------

CHROME = {
    "nav": "<nav><ul><li><a href='/a'>CHROME-MARK one</a></li><li><a href='/b'>Two</a></li>"
           "</ul></nav>",
    "aside": "<aside><h2>CHROME-MARK box</h2><p>A box beside the story with a sentence of "
             "text that is not part of it at all.</p></aside>",
    "footer": "<footer><p>CHROME-MARK footer of the article with its tags and notes.</p>"
              "</footer>",
    "ad": "<div class='ad-slot'><span>Advertisement</span><a href='/x'>CHROME-MARK buy "
          "now</a></div>",
    "ad-label": "<div>Advertisement</div><p>Advertisement</p>",
    "cookie": "<div id='cookie-consent' class='cookie-banner'><p>CHROME-MARK We use "
              "cookies to improve your experience, as explained in our policy.</p>"
              "<button>Accept</button></div>",
    "newsletter": "<div class='newsletter-signup'><h3>CHROME-MARK Get our newsletter</h3>"
                  "<p>Sign up for the morning briefing, sent every weekday at seven.</p>"
                  "<form><input type='email'><button>Sign up</button></form></div>",
    "share": "<ul class='share-tools'><li><a href='https://fb.example/s'>CHROME-MARK "
             "Facebook</a></li><li><a href='https://x.example/s'>X</a></li></ul>",
    "comments": "<section id='comments' class='comments-area'><h2>CHROME-MARK 3 comments"
                "</h2><div class='comment'><p>I disagree with this decision entirely, "
                "and so do my neighbours.</p></div></section>",
    "related": "<div class='related-stories'><h2>CHROME-MARK Related</h2><ul><li><a "
               "href='/r1'>Another story about the council</a></li><li><a href='/r2'>And "
               "one about roads</a></li></ul></div>",
    "most-read": "<div class='most-read'><h2>CHROME-MARK Most read</h2><ol><li><a "
                 "href='/m1'>Story one</a></li><li><a href='/m2'>Story two</a></li></ol>"
                 "</div>",
    "script": "<script>var CHROME_MARK = 'CHROME-MARK';</script>",
    "style": "<style>.x::after { content: 'CHROME-MARK'; }</style>",
    "noscript": "<noscript><p>CHROME-MARK Please turn on JavaScript.</p></noscript>",
    "form": "<form action='/search'><label>CHROME-MARK Search</label><input name='q'>"
            "<select><option>CHROME-MARK all</option></select></form>",
    "iframe": "<iframe src='https://video.example/embed/1'>CHROME-MARK</iframe>",
    "svg": "<svg><title>CHROME-MARK icon</title><text>CHROME-MARK</text></svg>",
    "template": "<template><p>CHROME-MARK template</p></template>",
    "hidden": "<p hidden>CHROME-MARK hidden paragraph of some length here.</p>",
    "aria-hidden": "<div aria-hidden='true'><p>CHROME-MARK not for screen readers, a long "
                   "sentence.</p></div>",
    "display-none": "<div style='color: red; display : none'><p>CHROME-MARK invisible "
                    "paragraph.</p></div>",
    "visibility-hidden": "<p style='visibility:hidden'>CHROME-MARK invisible.</p>",
    "visually-hidden": "<span class='visually-hidden'>CHROME-MARK Image caption,</span>"
                       "<span class='sr-only'>CHROME-MARK opens in new window</span>",
    "skip-link": "<a class='skip-link' href='#main'>Skip to content</a>"
                 "<a href='#main'>Skip to main content</a>",
    "accessibility-links": "<div><h2>Accessibility links</h2><ul><li><a href='#page'>Skip "
                           "to content</a></li><li><a href='/help'>Accessibility Help</a>"
                           "</li></ul></div>",
    "dateline": "<p>Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM</p>",
    "link-paragraphs": "<p><a href='/r1'>CHROME-MARK first related story</a></p>"
                       "<p><a href='/r2'>A second related story</a></p>",
}


@pytest.mark.parametrize("kind", sorted(CHROME))
@pytest.mark.parametrize("where", ["inside", "outside"])
def test_chrome_is_removed(kind: str, where: str) -> None:
    chrome = CHROME[kind]
    html = page(inside=chrome) if where == "inside" else page(outside=chrome)
    doc = read_html(html)
    text = article_text(doc)
    for para in BODY:
        assert para in text, f"{kind}: lost body text"
    assert "CHROME-MARK" not in text
    for phrase in ("Advertisement", "Skip to content", "Skip to main content",
                   "Accessibility links", "Updated Nov"):
        assert phrase not in text
    assert "Example News, 1 High Street" not in text


def test_a_content_class_is_not_mistaken_for_chrome() -> None:
    """Class names are hints: a body wrapper called "content-with-sidebar" or
    "elementor-widget-container" holding the whole article stays."""
    for cls in ("content-with-sidebar-wrp", "elementor-widget-container", "post-share-wrap"):
        html = page().replace("<div class='article-body'>", f"<div class='{cls}'>")
        text = article_text(read_html(html))
        for para in BODY:
            assert para in text, cls


def test_code_whitespace_and_tables_survive_cleaning() -> None:
    code = ("<pre><span></span>pip<span class='w'> </span>install<span class='w'> </span>"
            "--upgrade</pre><table><tr><th>Stage</th><th>Time</th></tr><tr><td>Swim</td>"
            "<td>12 min</td></tr></table>")
    article = find_article(parse_html(page(inside=code)))
    assert article is not None
    pre = article.find(".//pre")
    assert pre is not None and pre.text_content() == "pip install --upgrade"
    assert "12 min" in article.text_content()


# --------------------------------------------------------------------------
# Finding the article
# --------------------------------------------------------------------------


def test_article_without_semantic_markup_is_found_by_scoring() -> None:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    links = "".join(f"<div class='x1'><a href='/{i}'>Link number {i}</a></div>" for i in range(30))
    html = (f"<html><body><div class='a1'>{links}</div><div class='b2'><div class='c3'>"
            f"<b>Council approves budget</b>{paras}</div></div><div class='d4'>{links}</div>"
            "</body></html>")
    text = article_text(read_html(html))
    for para in BODY:
        assert para in text
    assert "Link number" not in text


def test_br_separated_text_is_found() -> None:
    text = "<br><br>".join(BODY)
    html = (f"<html><body><div class='menu'><a href='/'>Home</a> <a href='/n'>News</a></div>"
            f"<div>{text}</div></body></html>")
    out = article_text(read_html(html))
    for para in BODY:
        assert para in out


def test_article_split_into_deeply_wrapped_sections_is_found_whole() -> None:
    def section(paras: list[str]) -> str:
        inner = "".join(f"<p>{p}</p>" for p in paras)
        return "<div>" * 8 + inner + "</div>" * 8
    body = (section(BODY[:2]) + "<figure><img src='a.jpg' alt='A picture'></figure>"
            + section(BODY[2:]) + section([p.replace("council", "board") for p in BODY]))
    html = f"<html><body><nav><a href='/'>Home</a></nav><div id='post'>{body}</div></body></html>"
    text = article_text(read_html(html))
    for para in BODY:
        assert para in text


def test_json_ld_article_body_picks_the_matching_text() -> None:
    """Two candidate blocks of prose; the page's JSON-LD articleBody says which
    one is the article."""
    other = [f"Supporters of the stadium plan, number {i}, gathered outside, waving flags, "
             "singing, chanting and handing out leaflets, while police, stewards and "
             "volunteers watched, and the rain, which had held off all morning, finally "
             "came down, soaking everyone, including the band." for i in range(6)]
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
          '"Council approves budget", "articleBody": "' + " ".join(BODY) + '"}</script>')
    html = ("<html><head>" + ld + "</head><body><div class='one'>"
            + "".join(f"<p>{p}</p>" for p in other) + "</div><div class='two'>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</div></body></html>")
    text = article_text(read_html(html))
    assert BODY[0] in text
    assert "stadium" not in text


def test_item_prop_article_body() -> None:
    html = page().replace("<div class='article-body'>", "<div itemprop='articleBody'>")
    text = article_text(read_html(html))
    for para in BODY:
        assert para in text


def test_headline_and_byline_are_not_repeated() -> None:
    html = page(inside="").replace(
        "<h1>", "<a class='kicker' href='/news'>Local news</a><h1>").replace(
        "</h1>", "</h1><p class='byline'>By Jane Doe</p>")
    doc = read_html(html)
    assert doc.meta.title == "Council approves budget"
    text = article_text(doc)
    assert "Council approves budget" not in text
    assert "Local news" not in text


def test_title_falls_back_to_the_title_element() -> None:
    html = ("<html><head><title>Council approves budget | Example News</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</body></html>")
    assert read_html(html).meta.title == "Council approves budget"


def test_links_resolve_against_url_and_base() -> None:
    inside = "<p>Read <a href='report.pdf'>the report</a> now, the council said.</p>"
    doc = read_html(page(inside=inside), url="https://news.example/2024/story.html")
    assert "https://news.example/2024/report.pdf" in doc.to_json()
    based = page(inside=inside, head="<base href='https://cdn.example/files/'>")
    assert "https://cdn.example/files/report.pdf" in read_html(based).to_json()


def test_language_and_direction() -> None:
    doc = read_html(page(lang="ar", paragraphs=[
        "افتتحت المدينة اليوم أكبر محطة لتحلية المياه تعمل بالطاقة الشمسية في المنطقة.",
        "وقال المسؤولون إن المحطة ستوفر المياه لأكثر من مئة ألف ساكن في الأحياء الشرقية.",
    ], title="افتتاح محطة"))
    assert doc.meta.language == "ar"
    assert doc.meta.direction == "rtl"
    untagged = encoded_page(JAPANESE, "ja", None).replace(" lang='ja'", "")
    assert read_html(untagged).meta.language == "ja"


def test_the_callers_tree_is_not_changed() -> None:
    html = page(inside=CHROME["share"] + CHROME["related"], outside=CHROME["cookie"]
                + CHROME["nav"])
    root = parse_html(html)
    before = lxml.html.tostring(root)
    twin = copy.deepcopy(root)
    meta = page_metadata(root, None)
    article = find_article(root, meta)
    assert article is not None
    assert article.getroottree().getroot() is not root
    assert lxml.html.tostring(root) == before == lxml.html.tostring(twin)
    found = extract(root, meta, title="x", headline="y")
    assert found.article is not None and found.problem is None
    assert lxml.html.tostring(root) == before


# --------------------------------------------------------------------------
# Articles and pages that are not
# --------------------------------------------------------------------------

TEASER = ("The council voted on Tuesday to approve the new budget, which includes money for "
          "schools and roads.")


def nav() -> str:
    return ("<header><a href='/'>Example News</a><nav><ul>"
            + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
            + "</ul></nav></header>")


def index_page() -> str:
    cards = "".join(
        f"<article class='card'><a href='/story/{i}'><img src='/i/{i}.jpg' alt=''>"
        f"<h3>Headline number {i} about the news of the day</h3></a><p>{TEASER}</p>"
        f"<time datetime='2024-02-0{i % 9 + 1}'>{i % 9 + 1} Feb</time></article>"
        for i in range(16))
    return (f"<!doctype html><html><head><title>Example News - Home</title></head><body>"
            f"{nav()}<main><h1 class='visually-hidden'>Top stories</h1>{cards}</main>"
            "<footer>© Example News</footer></body></html>")


def archive_page() -> str:
    posts = "".join(
        f"<article id='post-{4700 + i}' class='post-{4700 + i} post type-post'><h2 "
        f"class='entry-title'><a href='/2024/{i}'>Post number {i} on local planning</a></h2>"
        f"<div class='entry-summary'><p>{TEASER} <a class='more-link' href='/2024/{i}'>"
        "Continue reading</a></p></div></article>" for i in range(8))
    return (f"<html><head><title>Planning Archives - Example</title></head><body>{nav()}"
            f"<div id='content' role='main'><h1>Category Archives: Planning</h1>{posts}"
            "</div></body></html>")


def search_page() -> str:
    results = "".join(
        f"<li class='result'><h3><a href='/r/{i}'>Result {i}: the council budget vote</a>"
        f"</h3><p>{TEASER[:120]}…</p><cite>news.example/r/{i}</cite></li>" for i in range(10))
    return (f"<html><head><title>Search results for budget</title></head><body>{nav()}"
            f"<main><h1>Search results for “budget”</h1><p>About 1,230 results</p>"
            f"<ol class='results'>{results}</ol></main></body></html>")


def error_page(heading: str = "Page not found") -> str:
    links = "".join(f"<li><a href='/m{i}'>Most read story {i} with a long headline</a></li>"
                    for i in range(5))
    return (f"<html><head><title>{heading} | Example News</title></head><body>{nav()}"
            f"<main><h1>{heading}</h1><p>Sorry, the page you were looking for does not "
            "exist or has been moved. Try searching, or go back to the home page.</p>"
            f"<h2>Most read</h2><ol>{links}</ol></main></body></html>")


NOT_ARTICLES = {
    "index": (index_page(), "index"),
    "archive": (archive_page(), "index"),
    "search": (search_page(), "index"),
    "404": (error_page(), "error page"),
    "404-wordpress": (error_page("Oops! That page can’t be found."), "error page"),
    "500": (error_page("Error 500: something went wrong"), "error page"),
    "links-only": (f"<html><body>{nav()}{nav()}</body></html>", "no article"),
    "empty-body": ("<html><head><title>x</title></head><body><p> </p></body></html>",
                   "no article"),
}


@pytest.mark.parametrize("name", sorted(NOT_ARTICLES))
def test_pages_that_are_not_articles(name: str) -> None:
    html, reason = NOT_ARTICLES[name]
    assert is_article(html) is False
    assert is_article(html.encode("utf-8")) is False
    with pytest.raises(NotAnArticleError, match=reason):
        read_html(html)


ARTICLES = {
    "plain": page(),
    "short": ("<html><head><title>Road closed</title></head><body><article><h1>Road closed"
              "</h1><p>The High Street will be closed on Sunday for resurfacing, the council "
              "said.</p></article></body></html>"),
    "with-related-teasers": page(outside="", inside="") .replace(
        "</article>", "</article><section class='more'>" + "".join(
            f"<article class='card'><a href='/s/{i}'><h3>Another headline {i} for more "
            f"reading</h3></a><p>{TEASER}</p></article>" for i in range(8)) + "</section>"),
    "digest": ("<html><head><title>10 things to know today</title></head><body><article>"
               "<h1>10 things to know today</h1><div class='post-content'><p>Good morning. "
               "Here is what you need to know today.</p><ul>" + "".join(
                   f"<li><strong><a href='/n/{i}'>Story number {i} is the news</a>.</strong> "
                   f"{TEASER}</li>" for i in range(10)) + "</ul></div></article></body></html>"),
    "listicle": ("<html><head><title>The best gadgets</title></head><body><article><h1>The "
                 "best gadgets</h1>" + "".join(
                     f"<h2><a href='https://shop.example/{i}'>Gadget {i}</a></h2><p>{BODY[0]} "
                     f"{BODY[1]} {BODY[2]}</p>" for i in range(6)) + "</article></body></html>"),
    "error-word-in-text": page(title="Why the 404 bus route is being cut"),
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_articles_are_articles(name: str) -> None:
    html = ARTICLES[name]
    assert is_article(html) is True
    doc = read_html(html)
    assert doc.body


def test_not_an_article_message_is_one_clear_line() -> None:
    with pytest.raises(NotAnArticleError) as info:
        read_html(index_page())
    message = str(info.value)
    assert message.startswith("no article found: ")
    assert "\n" not in message
