"""The HTML renderer, checked on what a reader (and their assistive technology) gets.

* golden files: the example article's page and plain text, and the page and
  fragment of a few varied corpus documents (``--update-golden`` rewrites them);
* the example's must-show: skip link first, landmarks, one headline holding the
  kicker, the standfirst and body paragraphs in order, ``lang``, ``<title>``,
  and the CLI writing the same bytes as :func:`a11yrender.render`;
* determinism, options and their errors;
* properties of every page (safety, reading order, headings, ids, images and
  languages), over the whole corpus and over random documents from
  :func:`tests.strategies.documents`;
* edge cases: hostile strings, right-to-left and non-English pages, re-levelled
  headings, and the language of the generated English "chrome".

Pages are parsed with ``lxml.html``; nothing here reads markup structure with
regular expressions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from lxml.html import HtmlElement

import a11yrender as ar
from a11yrender.builder import doc, figure, media, p, region
from a11yrender.errors import A11yRenderError, OptionError, RenderWarning
from a11yrender.model import (
    CodeBlock,
    Document,
    Figure,
    Heading,
    Link,
    Media,
    Paragraph,
    Region,
    Text,
    plain_text,
)
from a11yrender.reading import Unit, reading_units
from a11yrender.renderers.html import default_stylesheet
from tests.conftest import EXAMPLE, GOLDEN, ROOT
from tests.corpus import HOSTILE_STRINGS, corpus
from tests.strategies import documents

Golden = Callable[[Path, str], None]

CORPUS = corpus()
SLUGS = sorted(CORPUS)
#: Corpus documents whose page and fragment are kept as golden files.
GOLDEN_SLUGS = (
    "kitchen-sink", "arabic-desalination", "japanese-typhoon", "nested-lists",
    "election-tables", "hostile-strings",
)
HEADLINE = "Talks Stall Between Japan, N. Korea"


# ----------------------------------------------------------------------------- helpers


def render_html(document: Document, **options: Any) -> str:
    """``render(document, "html")``, ignoring the re-levelling warning (tested on its own)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        return ar.render(document, "html", **options)


def parse(page: str) -> HtmlElement:
    return lxml.html.document_fromstring(page)


def parse_fragment(fragment: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(fragment)


@cache
def _example() -> Document:
    return ar.read(EXAMPLE)


@cache
def _example_page() -> str:
    return render_html(_example())


@cache
def _corpus_page(slug: str) -> str:
    return render_html(CORPUS[slug])


def squash(text: str) -> str:
    """Text with runs of white space made single spaces, as it is shown."""
    return " ".join(text.split())


def elements(root: HtmlElement, *tags: str) -> list[HtmlElement]:
    """Elements with one of ``tags`` under ``root`` (itself included), in document order."""
    return [el for el in root.iter(*tags) if isinstance(el, HtmlElement)]


def only(root: HtmlElement, tag: str) -> HtmlElement:
    found = elements(root, tag)
    assert len(found) == 1, f"expected exactly one <{tag}>, found {len(found)}"
    return found[0]


def body_of(root: HtmlElement) -> HtmlElement:
    return only(root, "body")


def children(el: HtmlElement, tag: str) -> list[HtmlElement]:
    return [c for c in el if isinstance(c, HtmlElement) and c.tag == tag]


def effective_lang(el: HtmlElement) -> str | None:
    """The language in force at ``el``: its own ``lang`` or its nearest ancestor's."""
    node: HtmlElement | None = el
    while node is not None:
        lang = node.get("lang")
        if lang is not None:
            return lang
        node = node.getparent()
    return None


def by_class(root: HtmlElement, cls: str) -> list[HtmlElement]:
    return [el for el in elements(root) if cls in (el.get("class") or "").split()]


def focusable(root: HtmlElement) -> list[HtmlElement]:
    """Elements in the keyboard tab order, in document order."""
    return [el for el in elements(root) if _is_focusable(el)]


def _is_focusable(el: HtmlElement) -> bool:
    tabindex = el.get("tabindex")
    if tabindex is not None:
        return tabindex.strip().lstrip("-").isdigit() and int(tabindex) >= 0
    if el.tag in ("a", "link"):
        return el.tag == "a" and el.get("href") is not None
    if el.tag in ("audio", "video"):
        return el.get("controls") is not None
    return el.tag in ("button", "input", "select", "textarea", "iframe", "summary")


def words_in_order(words: list[str], text: str, where: str) -> None:
    """Each word occurs in ``text`` after the previous one (extra text may come between)."""
    pos = 0
    for word in words:
        found = text.find(word, pos)
        assert found >= 0, (
            f"{where}: {word!r} is missing after ...{text[max(0, pos - 60):pos]!r}"
        )
        pos = found + len(word)


def leaf_words(unit: Unit) -> list[str]:
    """The words a leaf shows as text (an image's alt text is an attribute, not text)."""
    if unit.kind == "image":
        return []
    words = plain_text(unit.inlines).split()
    if unit.kind == "headline" and unit.label:
        words = unit.label.split() + words  # the kicker is read first, inside the h1
    return words


def nodes_of(document: Document, cls: type[Any]) -> list[Any]:
    return [node for _, node in document.walk() if isinstance(node, cls)]


def nodes_shown(document: Document, root: HtmlElement, cls: type[Any]) -> list[Any]:
    """Nodes of type ``cls`` that ``root`` shows: all of them on a page, the body's in a
    fragment (which leaves the page regions out)."""
    if root.tag == "html":
        return nodes_of(document, cls)
    return [node for block in document.body for _, node in block.walk()
            if isinstance(node, cls)]


# ------------------------------------------------------------- properties of every page

ALLOWED_TAGS = frozenset({
    "html", "head", "meta", "title", "style", "link", "body", "header", "nav", "section",
    "main", "article", "aside", "footer", "div", "p", "a", "span", "em", "strong", "code",
    "abbr", "time", "q", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img", "table", "caption", "thead", "tbody",
    "tfoot", "tr", "th", "td", "pre", "hr", "video", "audio", "track",
})
#: Every attribute the renderer writes; any other one was made from the document's text.
ALLOWED_ATTRIBUTES = frozenset({
    "id", "class", "lang", "dir", "charset", "name", "content", "rel", "href", "title",
    "tabindex", "aria-label", "aria-labelledby", "start", "cite", "src", "alt", "width",
    "height", "scope", "colspan", "rowspan", "datetime", "controls", "preload", "kind",
    "srclang", "label", "default",
})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "data",
                            "srcset", "background", "xlink:href"})
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers ignore white space and control characters around (and tabs and
# newlines inside) a URL before they look at its scheme.
_IGNORED_IN_URL = str.maketrans("", "", "".join(map(chr, [*range(0x21), *range(0x7F, 0xA0)])))
_LANG_TAG = re.compile(r"^(?:[A-Za-z]{2,8}|[Xx])(?:-[A-Za-z0-9]{1,8})*$")


def check_safety(document: Document, root: HtmlElement) -> None:
    """(a) Nothing from the document becomes script, a handler, a javascript: URL or markup."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            raise AssertionError(f"the page holds a comment or instruction: {el!r}")
        assert el.tag in ALLOWED_TAGS, f"unexpected element <{el.tag}>"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"event handler {name}={value!r}"
            assert name in ALLOWED_ATTRIBUTES, f"unexpected attribute <{el.tag} {name}=...>"
            if name.lower() in URL_ATTRIBUTES:
                url = value.translate(_IGNORED_IN_URL).lower()
                assert not url.startswith(UNSAFE_SCHEMES), f"unsafe {name}={value!r}"
    assert not elements(root, "script")
    # Every image and player on the page is one the document asked for.
    assert len(elements(root, "img")) == len(nodes_shown(document, root, Figure))
    assert len(elements(root, "audio", "video")) == len(nodes_shown(document, root, Media))


def check_reading_order(document: Document, root: HtmlElement) -> None:
    """(b) Every word of every leaf is on the page, in reading order; the article's in main."""
    units = list(reading_units(document))
    in_main = False
    main_words: list[str] = []
    all_words: list[str] = []
    for unit in units:
        if unit.kind == "main":
            in_main = unit.event == "start"
        elif unit.event == "leaf":
            words = leaf_words(unit)
            all_words += words
            if in_main:
                main_words += words
    main = only(root, "main")
    words_in_order(main_words, main.text_content(), "main")
    words_in_order(all_words, body_of(root).text_content(), "body")


def check_headings(document: Document, root: HtmlElement) -> None:
    """(c) One h1, the first heading in main, holding the title; no level is skipped."""
    headings = elements(root, "h1", "h2", "h3", "h4", "h5", "h6")
    levels = [int(str(h.tag)[1]) for h in headings]
    assert levels.count(1) == 1, f"heading levels {levels}"
    for before, after in pairwise(levels):
        assert after <= before + 1, f"h{before} is followed by h{after} in {levels}"
    main_headings = elements(only(root, "main"), "h1", "h2", "h3", "h4", "h5", "h6")
    assert main_headings[0].tag == "h1"
    assert squash(document.meta.title) in squash(main_headings[0].text_content())


def check_ids(document: Document, root: HtmlElement) -> None:
    """(d) Ids are unique; every in-page link and aria-labelledby points at one."""
    ids = [el.get("id") for el in elements(root) if el.get("id") is not None]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids {duplicates}"
    known = set(ids)
    for el in elements(root):
        href = el.get("href")
        if href is not None and href.startswith("#"):
            target = href[1:]
            assert target in known or unquote(target) in known, f"href={href!r} has no target"
        for ref in (el.get("aria-labelledby") or "").split():
            assert ref in known, f"aria-labelledby={ref!r} has no target"


def check_images_and_lang(document: Document, root: HtmlElement) -> None:
    """(e) Every image has alt (its text, or empty when decorative); every lang is a tag."""
    alts = [img.get("alt") for img in elements(root, "img")]
    assert None not in alts, "an <img> has no alt attribute"
    expected = ["" if f.image.decorative else f.image.alt for f in nodes_of(document, Figure)]
    assert sorted(a or "" for a in alts) == sorted(expected)
    for el in elements(root):
        tag, lang, direction = str(el.tag), el.get("lang"), el.get("dir")
        if lang is not None:
            assert _LANG_TAG.match(lang), f"<{tag} lang={lang!r}> is not a language tag"
        if direction is not None:
            assert direction in ("ltr", "rtl", "auto"), f"<{tag} dir={direction!r}>"
    html = root if root.tag == "html" else only(root, "html")
    assert html.get("lang") == document.meta.language


def check_landmarks(document: Document, root: HtmlElement) -> None:
    """The skip link comes first; one banner, one main, one contentinfo; labelled regions."""
    body = body_of(root)
    assert len(children(body, "header")) == 1, "one banner (body-level <header>)"
    assert len(children(body, "main")) == 1 and len(elements(root, "main")) == 1
    assert len(children(body, "footer")) == 1, "one contentinfo (body-level <footer>)"
    main = only(root, "main")
    assert (main.get("id"), main.get("tabindex")) == ("main", "-1")
    first = focusable(root)[0]
    assert "skip-link" in (first.get("class") or "").split()
    assert first.get("href") == "#main"
    roles = [r.role for r in document.regions]
    navs = children(body, "nav")
    assert len(navs) == roles.count("navigation")
    assert all(n.get("aria-label") for n in navs), "every navigation is labelled"
    asides = children(body, "aside")
    assert len(asides) == roles.count("complementary")
    assert all(a.get("aria-label") for a in asides), "every complementary region is labelled"


PAGE_CHECKS = (check_safety, check_reading_order, check_headings, check_ids,
               check_images_and_lang, check_landmarks)


# ------------------------------------------------------------------------ golden files


def test_golden_example_page_and_text(golden: Golden) -> None:
    folder = GOLDEN / "japan-north-korea-talks"
    golden(folder / "page.html", _example_page())
    golden(folder / "page.txt", ar.render(_example(), "text"))


@pytest.mark.parametrize("slug", GOLDEN_SLUGS)
def test_golden_corpus_page_and_fragment(golden: Golden, slug: str) -> None:
    # The page links the theme instead of inlining it, so these files show the
    # markup only; the theme is checked by tests/test_theme.py.
    golden(GOLDEN / "corpus" / f"{slug}.html", render_html(CORPUS[slug], stylesheet="link"))
    golden(GOLDEN / "corpus" / f"{slug}.fragment.html", render_html(CORPUS[slug], fragment=True))


# ------------------------------------------------------------- the example: must-show


def _example_blocks() -> list[str]:
    """The standfirst and body paragraphs of the example, as written in the .txt file."""
    blocks = [squash(b) for b in EXAMPLE.read_text(encoding="utf-8").split("\n\n")]
    blocks = [b for b in blocks if b]
    return blocks[blocks.index(HEADLINE) + 1:]


def test_example_skip_link_is_first_focusable_and_targets_main() -> None:
    root = parse(_example_page())
    first = focusable(root)[0]
    assert first.tag == "a" and first.get("href") == "#main"
    assert squash(first.text_content()) == "Skip to main content"
    main = only(root, "main")
    assert main.get("id") == "main" and main.get("tabindex") == "-1"


def test_example_landmarks() -> None:
    root = parse(_example_page())
    body = body_of(root)
    assert len(children(body, "header")) == 1
    assert len(elements(root, "main")) == 1 and len(children(body, "main")) == 1
    assert len(children(body, "footer")) == 1
    # The article's own <header> sits inside main, so it is not a second banner.
    main = only(root, "main")
    inner = [h for h in elements(root, "header") if h not in children(body, "header")]
    assert inner and all(main in h.iterancestors() for h in inner)


def test_example_headline() -> None:
    root = parse(_example_page())
    h1s = elements(root, "h1")
    assert len(h1s) == 1
    first_in_main = elements(only(root, "main"), "h1", "h2", "h3", "h4", "h5", "h6")[0]
    assert first_in_main is h1s[0]
    text = squash(h1s[0].text_content())
    assert HEADLINE in text and "Breaking News" in text
    assert text.index("Breaking News") < text.index(HEADLINE)


def test_example_drops_the_saved_pages_accessibility_links() -> None:
    page = _example_page()
    assert "Accessibility links" not in parse(page).text_content()
    assert "Accessibility links" not in page


def test_example_standfirst_and_paragraphs_in_order() -> None:
    expected = _example_blocks()
    assert len(expected) == 7, "the example has a standfirst and six body paragraphs"
    main = only(parse(_example_page()), "main")
    shown = [squash(el.text_content()) for el in elements(main, "p")]
    assert [s for s in shown if s in expected] == expected
    assert "standfirst" in (elements(main, "p")[shown.index(expected[0])].get("class") or "")


def test_example_language_and_title() -> None:
    root = parse(_example_page())
    assert root.tag == "html" and root.get("lang") == "en"
    title = only(root, "title").text_content().strip()
    assert title and HEADLINE in title


def test_cli_writes_the_same_bytes_as_render(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    done = subprocess.run(
        [sys.executable, "-m", "a11yrender", "render", str(EXAMPLE), "--to", "html",
         "-o", str(out)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ar.render(_example(), "html").encode("utf-8")


# -------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("slug", SLUGS)
def test_same_document_same_bytes(slug: str) -> None:
    document = CORPUS[slug]
    first = render_html(document)
    assert render_html(document) == first
    assert render_html(Document.from_json(document.to_json())) == first
    assert render_html(document, fragment=True) == render_html(document, fragment=True)


_DIGESTS = """
import hashlib, warnings
import a11yrender as ar
from tests.corpus import corpus
warnings.simplefilter("ignore")
for slug, d in sorted(corpus().items()):
    print(slug, hashlib.sha256(ar.render(d, "html").encode()).hexdigest())
"""


def test_same_bytes_in_other_processes() -> None:
    """No output depends on hash seeds or anything else that changes between runs."""
    runs = [
        subprocess.Popen([sys.executable, "-c", _DIGESTS], cwd=ROOT, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**os.environ, "PYTHONHASHSEED": seed})
        for seed in ("1", "2")
    ]
    done = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in done]
    outputs = [out for out, _ in done]
    mine = "".join(
        f"{slug} {hashlib.sha256(render_html(CORPUS[slug]).encode()).hexdigest()}\n"
        for slug in SLUGS
    )
    assert outputs == [mine, mine]


# ------------------------------------------------------------------------------ options


def test_fragment_is_the_article_alone() -> None:
    document = CORPUS["kitchen-sink"]
    fragment = render_html(document, fragment=True)
    for tag in ("<!doctype", "<html", "<head>", "<body", "<main", "<style", "<link"):
        assert tag.lower() not in fragment.lower()
    parsed = lxml.html.fragments_fromstring(fragment)
    assert [getattr(el, "tag", None) for el in parsed] == ["article"]
    article = parse_fragment(fragment)
    assert article.get("lang") == document.meta.language
    assert article.get("dir") == document.meta.direction
    assert not by_class(article, "skip-link") and not by_class(article, "back-to-top")
    assert len(elements(article, "h1")) == 1
    assert article.get("aria-labelledby") == only(article, "h1").get("id")
    # The same article as in the full page.
    page_article = only(only(parse(render_html(document)), "main"), "article")
    assert squash(article.text_content()) == squash(page_article.text_content())


def _stylesheet_links(root: HtmlElement) -> list[HtmlElement]:
    return [el for el in elements(root, "link") if el.get("rel") == "stylesheet"]


def test_stylesheet_inline_is_the_package_theme() -> None:
    root = parse(render_html(CORPUS["minimal"]))
    styles = elements(root, "style")
    assert len(styles) == 1 and styles[0].getparent().tag == "head"  # type: ignore[union-attr]
    theme = files("a11yrender.renderers").joinpath("theme.css").read_text(encoding="utf-8")
    assert theme.strip() and styles[0].text_content().strip() == theme.strip()
    assert default_stylesheet() == theme
    assert not _stylesheet_links(root)


def test_stylesheet_link() -> None:
    href = '/static/a11y.css?v=2&theme="dark"'
    root = parse(render_html(CORPUS["minimal"], stylesheet="link", stylesheet_href=href))
    links = _stylesheet_links(root)
    assert [link.get("href") for link in links] == [href]
    assert links[0].getparent().tag == "head"  # type: ignore[union-attr]
    assert not elements(root, "style")
    default = _stylesheet_links(parse(render_html(CORPUS["minimal"], stylesheet="link")))
    assert [link.get("href") for link in default] == ["a11yrender.css"]


def test_stylesheet_none() -> None:
    root = parse(render_html(CORPUS["minimal"], stylesheet="none"))
    assert not elements(root, "style") and not _stylesheet_links(root)
    assert not any(el.get("style") for el in elements(root))


def test_skip_link_text_option() -> None:
    root = parse(render_html(CORPUS["minimal"], skip_link_text="Jump to the <story>"))
    first = focusable(root)[0]
    assert first.get("href") == "#main" and first.text_content() == "Jump to the <story>"


def test_defaults_are_the_documented_ones() -> None:
    document = CORPUS["minimal"]
    assert render_html(document) == render_html(
        document, fragment=False, stylesheet="inline", stylesheet_href="a11yrender.css",
        skip_link_text="Skip to main content",
    )



@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"stylesheet": "external"}, "'inline', 'link' or 'none', not 'external'"),
        ({"stylesheet": None}, "'inline', 'link' or 'none', not None"),
        ({"fragment": "yes"}, "fragment must be true or false, not 'yes'"),
        ({"fragment": 1}, "fragment must be true or false, not 1"),
        ({"skip_link_text": "   "}, "skip_link_text must not be empty"),
        ({"fragmnt": True}, "no option 'fragmnt'; options: fragment, stylesheet"),
        ({"width": 40}, "the html renderer has no option 'width'"),
        ({"stylesheet": "link", "stylesheet_href": 5}, "stylesheet_href must be a string"),
        ({"skip_link_text": 5}, "skip_link_text must be a string"),
        ({"skip_link_text": None}, "skip_link_text must be a string"),
        # an empty href would make the browser fetch the page itself as CSS
        ({"stylesheet": "link", "stylesheet_href": ""}, "stylesheet_href must not be empty"),
    ],
)
def test_bad_options_raise_option_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError) as info:
        ar.render(CORPUS["minimal"], "html", **options)
    assert message in str(info.value)
    assert isinstance(info.value, A11yRenderError)


# -------------------------------------------------------------------------- properties


@pytest.mark.parametrize("check", PAGE_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("slug", SLUGS)
def test_corpus_pages(slug: str, check: Callable[[Document, HtmlElement], None]) -> None:
    check(CORPUS[slug], parse(_corpus_page(slug)))


@pytest.mark.parametrize("slug", SLUGS)
def test_corpus_fragments_are_safe(slug: str) -> None:
    article = parse_fragment(render_html(CORPUS[slug], fragment=True))
    check_safety(CORPUS[slug], article)


def test_example_page_properties() -> None:
    for check in PAGE_CHECKS:
        check(_example(), parse(_example_page()))


# One generated document is checked against every property: drawing documents
# is the slow part, so this keeps the file fast (each check also runs, by name,
# over the whole corpus above).
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents(document: Document) -> None:
    page = ar.render(document, "html")
    root = parse(page)
    for check in PAGE_CHECKS:
        check(document, root)
    check_safety(document, parse_fragment(ar.render(document, "html", fragment=True)))
    assert ar.render(Document.from_json(document.to_json()), "html") == page


# ------------------------------------------------------------------------- edge cases


def _text_nodes(root: HtmlElement) -> Iterator[str]:
    for el in elements(root):
        if el.text:
            yield el.text
        if el.tail:
            yield el.tail


def test_hostile_strings_are_shown_as_text() -> None:
    document = CORPUS["hostile-strings"]
    root = parse(_corpus_page("hostile-strings"))
    check_safety(document, root)
    meta = document.meta
    assert only(root, "title").text_content() == f"{meta.title} – {meta.site_name}"
    texts = list(_text_nodes(root))
    for hostile in HOSTILE_STRINGS:
        assert any(hostile in t for t in texts), f"{hostile!r} is not shown as text"
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert not elements(root, "script") and not elements(root, "b")
    assert [img.get("src") for img in elements(root, "img")] == [
        f.image.src for f in nodes_of(document, Figure)
    ]
    h1 = squash(only(root, "h1").text_content())
    assert h1 == squash(f"{meta.kicker} {meta.title}")
    site_name = by_class(root, "site-name")[0]
    assert site_name.text_content() == "Bits & Bytes &amp; Co"


def test_hostile_strings_keep_attribute_values_intact() -> None:
    document = CORPUS["hostile-strings"]
    root = parse(_corpus_page("hostile-strings"))
    heading = next(h for h in nodes_of(document, Heading) if h.id)
    shown = [el for el in elements(root, "h2") if el.get("id") == heading.id]
    assert len(shown) == 1
    assert shown[0].text_content() == plain_text(heading.children)
    links = {el.get("href"): el for el in elements(root, "a")}
    for link in nodes_of(document, Link):
        assert link.href in links
        if link.title:
            assert links[link.href].get("title") == link.title
    assert [img.get("alt") for img in elements(root, "img")] == [
        f.image.alt for f in nodes_of(document, Figure)
    ]
    code = [c.text for c in nodes_of(document, CodeBlock)]
    assert [el.text_content() for el in elements(root, "pre")] == code
    canonical = [el for el in elements(root, "link") if el.get("rel") == "canonical"]
    assert [el.get("href") for el in canonical] == [document.meta.url]


def test_right_to_left_page() -> None:
    document = CORPUS["arabic-desalination"]
    assert document.meta.direction == "rtl"
    root = parse(_corpus_page("arabic-desalination"))
    assert (root.get("lang"), root.get("dir")) == (document.meta.language, "rtl")
    for chrome in (*by_class(root, "skip-link"), *by_class(root, "back-to-top")):
        assert (chrome.get("lang"), chrome.get("dir")) == ("en", "ltr")
    article = parse_fragment(render_html(document, fragment=True))
    assert (article.get("lang"), article.get("dir")) == (document.meta.language, "rtl")


def test_non_english_page_marks_its_english_chrome() -> None:
    document = CORPUS["japanese-typhoon"]
    root = parse(_corpus_page("japanese-typhoon"))
    assert root.get("lang") == document.meta.language == "ja"
    skip = by_class(root, "skip-link")
    assert [squash(el.text_content()) for el in skip] == ["Skip to main content"]
    assert effective_lang(skip[0]) == "en"
    assert [effective_lang(el) for el in by_class(root, "back-to-top")] == ["en"]
    assert all(effective_lang(el) == "en" for el in by_class(root, "label"))
    assert effective_lang(only(root, "h1")) == "ja"


def test_english_page_does_not_repeat_lang_on_its_chrome() -> None:
    root = parse(_example_page())
    assert [el.get("lang") for el in by_class(root, "skip-link")] == [None]


def test_skipped_heading_levels_are_relevelled_with_a_warning() -> None:
    document = CORPUS["heading-levels"]
    with pytest.warns(RenderWarning, match=r"^3 heading\(s\) shown at another level"):
        page = ar.render(document, "html")
    root = parse(page)
    shown = [(h.tag, h.get("id")) for h in elements(root, "h1", "h2", "h3", "h4", "h5", "h6")]
    assert shown == [
        ("h1", "headline"), ("h2", "overview"), ("h3", "schools"), ("h3", "adult-care"),
        ("h4", "home-care"), ("h2", "cuts"), ("h3", "libraries"), ("h4", "mobile-library"),
    ]


def test_canonical_documents_render_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)
        for slug in SLUGS:
            if slug != "heading-levels":
                ar.render(CORPUS[slug], "html")



def test_unlabelled_notice_keeps_the_documents_language() -> None:
    document = doc(
        "台風10号が接近", p("気象庁は警報を出しました。"),
        regions=[Region("notice", (Paragraph((Text("避難してください。"),)),))],
        language="ja",
    )
    root = parse(render_html(document))
    para = next(el for el in elements(root, "p") if el.text_content() == "避難してください。")
    assert effective_lang(para) == "ja"



def _english_doc_with_french_parts() -> Document:
    return doc(
        "Twin towns renew their pact", p("The mayors met on Friday."),
        figure("/img/mairie.jpg", "La mairie", caption="La mairie de Saint-Aubin",
               credit="Photo : Jean Dupont"),
        media("audio", "/audio/maire.mp3", "Le maire", p("Bonjour à tous.")),
        regions=[
            region("banner", p("Le Courrier de la Rive")),
            region("contentinfo", p("© Le Courrier")),
        ],
        url="https://courrier.example/pact",
    )


def _french(document: Document) -> Document:
    """The same document with the banner, footer, figure and media marked French."""
    body = tuple(
        dataclasses.replace(b, lang="fr") if isinstance(b, (Figure, Media)) else b
        for b in document.body
    )
    regions = tuple(dataclasses.replace(r, lang="fr") for r in document.regions)
    return dataclasses.replace(document, body=body, regions=regions)


@pytest.mark.parametrize(
    "cls",
    ["skip-link", "back-to-top", "label", "transcript-label"],
)
def test_chrome_is_english_inside_other_languages(cls: str) -> None:
    # An English page whose banner, footer, figure and media are French: the
    # generated "Skip to main content", "Back to top", "Source:", "Credit:" and
    # "Transcript" are still English and must be marked so.
    root = parse(render_html(_french(_english_doc_with_french_parts())))
    found = by_class(root, cls)
    assert found
    assert [(effective_lang(el) or "").split("-")[0] for el in found] == ["en"] * len(found)


def test_chrome_language_is_right_without_foreign_containers() -> None:
    # The passing counterpart of the test above: the same document, all English.
    root = parse(render_html(_english_doc_with_french_parts()))
    for cls in ("skip-link", "back-to-top", "label", "transcript-label"):
        assert [effective_lang(el) for el in by_class(root, cls)]
        assert all(effective_lang(el) == "en" for el in by_class(root, cls))


def test_a_link_inside_a_link_is_refused_by_the_model() -> None:
    # HTML cannot nest links (the parser splits them), so the model refuses them.
    with pytest.raises(ar.ValidationError, match="contains another link"):
        doc("Links", p(Link((Text("outer "), Link((Text("inner"),), href="/b"),
                             Text(" tail")), href="/a")))
