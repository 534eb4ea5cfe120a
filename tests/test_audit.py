"""The audit: each rule on small pages, the CSS it can resolve, findings in the
model for documents, the CLI command, golden findings for tests/audit_pages/,
and no findings at all on a11yrender's own pages. No browser: these run in
milliseconds (tests/test_audit_axe.py compares with axe-core in Chromium)."""

from __future__ import annotations

import io
import json
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

import a11yrender as ar
from a11yrender.a11y.audit import AXE_RULES, LEVELS, RULES, SEVERITIES, Finding, audit, valid_lang
from a11yrender.a11y.cli_audit import add_parser, fails
from a11yrender.a11y.contrast import (
    StyleResolver,
    contrast_ratio,
    media_matches,
    parse_color,
    parse_selectors,
    relative_luminance,
)
from a11yrender.builder import doc, figure, link, p, region, ul
from tests.conftest import EXAMPLE, GOLDEN
from tests.corpus import corpus

PAGES = Path(__file__).resolve().parent / "audit_pages"


def page(body: str, *, head: str = "", lang: str | None = "en", title: str = "A page",
         skip: bool = True, main: bool = True, h1: bool = True) -> str:
    """A whole page that passes every rule, with ``body`` inside its main landmark."""
    lang_attr = f' lang="{lang}"' if lang is not None else ""
    skip_link = '<a href="#main">Skip to main content</a>\n' if skip else ""
    heading = "<h1>Page heading</h1>\n" if h1 else ""
    inner = f'<main id="main">\n{heading}{body}\n</main>' if main else f"{heading}{body}"
    return (f"<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n{head}</head>\n<body>\n{skip_link}"
            f"<header><p>Site</p></header>\n{inner}\n<footer><p>Footer</p></footer>\n"
            f"</body>\n</html>\n")


def found(html: str | bytes | ar.Document) -> list[tuple[str, str]]:
    """(rule, where) of every finding."""
    return [(f.rule, f.where) for f in audit(html)]


def rules(html: str | ar.Document) -> list[str]:
    return [f.rule for f in audit(html)]


# --------------------------------------------------------------------------- basics


def test_the_base_page_is_clean() -> None:
    assert audit(page("<p>Text.</p>")) == []


def test_finding_fields_and_json() -> None:
    (f,) = audit(page('<img src="cat.png">'))
    assert isinstance(f, Finding)
    assert (f.rule, f.wcag, f.level, f.severity) == ("image-alt-missing", "1.1.1", "A", "critical")
    assert f.where == f.selector == "#main > img"
    assert f.criterion == "1.1.1 Non-text Content"
    assert set(f.to_dict()) == {"rule", "wcag", "level", "severity", "where", "message", "help",
                                "selector"}
    json.dumps(f.to_dict())
    with pytest.raises(AttributeError):
        f.rule = "other"  # type: ignore[misc]


def test_rule_table_is_consistent() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert re.fullmatch(r"[1-4]\.\d{1,2}\.\d{1,2}", rule.wcag), rule_id
        assert rule.level in LEVELS and rule.severity in SEVERITIES
        assert rule.help.endswith(".") and rule.title and rule.criterion
    for axe_id, ours in AXE_RULES.items():
        assert ours <= set(RULES), axe_id


def _doc_table(marker: str) -> list[list[str]]:
    """Rows (cells, backticks removed) of the first table after ``marker`` in docs/audit.md."""
    text = (GOLDEN.parent.parent / "docs" / "audit.md").read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for line in text.split(marker, 1)[1].lstrip("\n").splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip().replace("`", "") for c in line.strip("|").split("|")]
        if not set(cells[0]) <= {"-"}:
            rows.append(cells)
    return rows[1:]  # without the header


def test_docs_list_every_rule_as_the_code_has_it() -> None:
    rows = {r[0]: r for r in _doc_table("## Rules")}
    assert set(rows) == set(RULES)
    for rule in RULES.values():
        _, criterion, level, severity, _ = rows[rule.id]
        assert criterion.split()[0] == rule.wcag
        assert (level, severity) == (rule.level, rule.severity)


def test_docs_axe_table_is_the_mapping_the_tests_use() -> None:
    rows = _doc_table("<!-- axe-rules: the test reads this table -->")
    table = {r[0]: frozenset(x.strip() for x in r[1].split(",")) for r in rows}
    assert table == dict(AXE_RULES)


def test_bad_source_type() -> None:
    with pytest.raises(TypeError, match="audit"):
        audit(42)  # type: ignore[arg-type]


def test_bytes_and_elements_are_audited_like_text() -> None:
    html = page('<img src="cat.png">')
    assert found(html.encode("utf-8")) == found(html)
    root = lxml.html.document_fromstring(html)
    assert [(f.rule, f.where) for f in audit(root)] == found(html)


def test_a_fragment_gets_no_page_level_findings() -> None:
    assert rules("<p>Just a paragraph</p>") == []
    assert rules('<p><img src="x.png"></p>') == ["image-alt-missing"]


def test_findings_are_in_document_order_page_level_first() -> None:
    html = page('<img src="a.png"><p><a href="/x"></a></p>', lang=None)
    assert rules(html) == ["html-lang-missing", "image-alt-missing", "link-name"]


# --------------------------------------------------------------------------- language, title


@pytest.mark.parametrize("lang", [None, "", "  "])
def test_page_language_missing(lang: str | None) -> None:
    assert found(page("<p>x</p>", lang=lang)) == [("html-lang-missing", "html")]


@pytest.mark.parametrize("lang", ["en_US", "english", "e", "jp", "en-", "123", "en--gb"])
def test_page_language_invalid(lang: str) -> None:
    assert found(page("<p>x</p>", lang=lang)) == [("html-lang-invalid", "html")]


@pytest.mark.parametrize("lang", ["en", "EN-gb", "zh-Hant-TW", "sr-Latn", "es-419", "tlh",
                                  "x-klingon", "de-CH-1996", "ja-JP-u-ca-japanese"])
def test_valid_language_tags(lang: str) -> None:
    assert valid_lang(lang)
    assert audit(page("<p>x</p>", lang=lang)) == []


def test_language_of_parts() -> None:
    html = page('<p lang="french">Bonjour</p><p lang="fr">Bonjour</p><p lang="xx_YY"></p>'
                '<p lang="klingon" hidden>Qapla</p>')
    assert found(html) == [("lang-invalid", "#main > p:nth-of-type(1)")]


def test_title_missing_empty_and_svg_titles() -> None:
    no_title = page("<p>x</p>").replace("<title>A page</title>", "")
    assert found(no_title) == [("document-title", "html")]
    assert found(page("<p>x</p>", title="  ")) == [("document-title", "html")]
    with_svg = no_title.replace("<p>x</p>", "<svg><title>Chart</title></svg>")
    assert rules(with_svg) == ["document-title"]


# --------------------------------------------------------------------------- bypass blocks


def test_no_skip_link() -> None:
    assert found(page("<p>x</p>", skip=False)) == [("skip-link-missing", "html")]


def test_skip_link_after_another_link_does_not_count() -> None:
    html = page("<p>x</p>", skip=False).replace(
        "<header><p>Site</p></header>",
        '<header><a href="/">Home</a> <a href="#main">Skip</a></header>')
    assert rules(html) == ["skip-link-missing"]


def test_skip_link_to_nowhere_and_to_hidden_content() -> None:
    html = page("<p>x</p>").replace('href="#main"', 'href="#content"')
    assert rules(html) == ["skip-link-broken", "content-outside-landmarks"]
    hidden = page('<h2 id="start" hidden>Start</h2>').replace('href="#main"', 'href="#start"')
    assert rules(hidden) == ["skip-link-broken"]
    by_css = page('<h2 id="start" class="gone">Start</h2>',
                  head="<style>.gone{display:none}</style>").replace('href="#main"',
                                                                      'href="#start"')
    assert rules(by_css) == ["skip-link-broken"]


def test_skip_link_target_found_by_name() -> None:
    html = page('<a name="top-of-content"></a><p>x</p>').replace('href="#main"',
                                                                 'href="#top-of-content"')
    assert audit(html) == []


def test_bypass_when_nothing_lets_users_skip() -> None:
    html = page("<p>x</p>", skip=False, main=False, h1=False)
    assert rules(html)[:3] == ["bypass", "main-missing", "heading-h1-missing"]


# --------------------------------------------------------------------------- landmarks


def test_main_missing_and_multiple() -> None:
    no_main = page("<p>x</p>", main=False).replace('href="#main"', 'href="#f"').replace(
        "<footer>", '<footer id="f">')
    assert found(no_main) == [("main-missing", "html"),
                              ("content-outside-landmarks", "html > body > h1"),
                              ("content-outside-landmarks", "html > body > p")]
    two = page("<p>x</p>").replace("<footer>", "<main><p>Second</p></main><footer>")
    assert found(two) == [("main-multiple", "#main")]


def test_duplicate_banner_and_contentinfo() -> None:
    html = page("<article><header><p>Article header</p></header></article>").replace(
        "<footer>", "<header><p>Cookies</p></header><footer><p>More</p></footer><footer>")
    assert found(html) == [("landmark-duplicate", "html > body > header:nth-of-type(1)"),
                           ("landmark-duplicate", "html > body > footer:nth-of-type(1)")]


def test_landmarks_of_a_kind_need_distinct_names() -> None:
    navs = ('<nav><a href="/a">A</a></nav><nav><a href="/b">B</a></nav>'
            '<nav aria-label="Pages"><a href="/c">C</a></nav>'
            '<nav aria-label="pages"><a href="/d">D</a></nav>'
            '<nav aria-label="Footer"><a href="/e">E</a></nav>')
    assert found(page(navs)) == [("landmark-unique", "#main > nav:nth-of-type(1)"),
                                 ("landmark-unique", "#main > nav:nth-of-type(3)")]


def test_content_outside_landmarks_is_reported_at_its_outermost_element() -> None:
    html = page("<p>x</p>").replace(
        "<header>", '<div class="promo"><div><p>Sale now on</p></div></div><header>')
    assert found(html) == [("content-outside-landmarks", "html > body > div")]


@pytest.mark.parametrize("outside", [
    '<div role="status">Saved</div>', '<div aria-live="polite">Saved</div>',
    '<dialog open><p>Hello</p></dialog>', '<div hidden><p>Gone</p></div>',
    '<div aria-hidden="true"><p>Gone</p></div>', '<img src="x.png" alt="">',
    '<button type="button">Menu</button>',
])
def test_what_may_sit_outside_landmarks(outside: str) -> None:
    assert audit(page("<p>x</p>").replace("<header>", f"{outside}<header>")) == []


# --------------------------------------------------------------------------- headings


def test_skipped_heading_levels() -> None:
    html = page("<h3>Three</h3><h2>Two</h2><h3>Three</h3><h5>Five</h5>"
                '<div role="heading" aria-level="7">Seven</div>')
    assert found(html) == [("heading-skipped", "#main > h3:nth-of-type(1)"),
                           ("heading-skipped", "#main > h5"),
                           ("heading-skipped", "#main > div")]


def test_first_heading_may_be_any_level() -> None:
    assert rules(page("<h3>Three</h3>", h1=False).replace("<header><p>Site</p></header>",
                                                           "<header><h1>Site</h1></header>"))\
        == ["heading-skipped"]
    assert rules(page("<h2>Two</h2>", h1=False)) == ["heading-h1-missing"]


def test_one_h1() -> None:
    assert found(page("<p>x</p>", h1=False)) == [("heading-h1-missing", "html")]
    assert found(page("<h1>Again</h1>")) == [("heading-h1-multiple", "#main > h1:nth-of-type(2)")]
    assert found(page('<h2 aria-level="1">Made level 1</h2>')) == [
        ("heading-h1-multiple", "#main > h2")]


@pytest.mark.parametrize("heading,empty", [
    ("<h2></h2>", True), ('<h2><img src="rule.png" alt=""></h2>', True),
    ('<h2><span aria-hidden="true">★</span></h2>', True),
    ('<h2><img src="logo.png" alt="Our results"></h2>', False),
    ('<h2 aria-label="Results"></h2>', False), ("<h2>Results</h2>", False),
])
def test_empty_headings(heading: str, empty: bool) -> None:
    assert rules(page(heading)) == (["heading-empty"] if empty else [])


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize("image,finding", [
    ('<img src="a.png">', True), ('<img src="a.png" alt=" ">', True),
    ('<div role="img"></div>', True), ('<svg role="img"><circle r="3"></circle></svg>', True),
    ('<input type="image" src="go.png">', True), ('<img src="a.png" alt="">', False),
    ('<img src="a.png" role="presentation">', False),
    ('<img src="a.png" aria-hidden="true">', False),
    ('<img src="a.png" title="Our office">', False), ('<img src="a.png" aria-label="Map">', False),
    ('<svg role="img"><title>Sales up 4%</title></svg>', False),
    ('<input type="image" src="go.png" alt="Search">', False),
    ('<div role="img" aria-label="Sunny"></div>', False),
])
def test_images_need_text_alternatives(image: str, finding: bool) -> None:
    assert rules(page(image)) == (["image-alt-missing"] if finding else [])


@pytest.mark.parametrize("alt,src", [
    ("IMG_1234.jpg", "x.jpg"), ("photo.png", "y.png"), ("DSC_0042", "z.jpg"),
    ("team-photo-2023", "/img/team-photo-2023.webp"), ("20240112_103045", "a.jpg"),
    ("/images/header.gif", "header.gif"),
])
def test_alt_text_that_is_a_file_name(alt: str, src: str) -> None:
    assert rules(page(f'<img src="{src}" alt="{alt}">')) == ["image-alt-filename"]


@pytest.mark.parametrize("alt", ["A photo of a cat.", "Chart: sales by month", "Logo", "IMG"])
def test_alt_text_that_is_not_a_file_name(alt: str) -> None:
    assert audit(page(f'<img src="photo.jpg" alt="{alt}">')) == []


def test_alt_text_too_long() -> None:
    assert rules(page(f'<img src="a.jpg" alt="{"x " * 75}y">')) == ["image-alt-long"]
    assert rules(page(f'<img src="a.jpg" alt="{"x" * 150}">')) == []


@pytest.mark.parametrize("markup", [
    '<figure><img src="a.jpg" alt="Cliffs at dawn"><figcaption>Cliffs at dawn.</figcaption>'
    "</figure>",
    '<figure><img src="a.jpg" alt="The harbour wall after the storm"><figcaption>The harbour '
    "wall after the storm. Credit: A. Person</figcaption></figure>",
    '<p><a href="/"><img src="home.png" alt="Home"> Home</a></p>',
    '<ul><li><img src="flag.png" alt="France"> france</li></ul>',
])
def test_alt_text_repeating_the_text_beside_it(markup: str) -> None:
    assert rules(page(markup)) == ["image-alt-redundant"]


def test_alt_text_that_adds_to_the_caption() -> None:
    html = page('<figure><img src="a.jpg" alt="Cliffs at dawn, the sea flat calm">'
                "<figcaption>Cliffs at dawn.</figcaption></figure>")
    assert audit(html) == []


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("anchor,finding", [
    ('<a href="/x"></a>', True), ('<a href="/x"><i class="icon-home"></i></a>', True),
    ('<a href="/x"><span aria-hidden="true">→</span></a>', True),
    ('<a href="/x"><img src="home.png"></a>', True),
    ('<a href="/x"><img src="home.png" alt="Home"></a>', False),
    ('<a href="/x" aria-label="Home"><svg></svg></a>', False),
    ('<a href="/x" title="Home"></a>', False), ('<a name="anchor"></a>', False),
])
def test_links_need_names(anchor: str, finding: bool) -> None:
    got = rules(page(f"<p>{anchor}</p>"))
    assert ("link-name" in got) == finding
    assert set(got) <= {"link-name", "image-alt-missing"}


@pytest.mark.parametrize("markup,ambiguous", [
    ('<p><a href="/a">Read more</a></p>', True),
    ('<ul><li><a href="/a">Click here!</a></li></ul>', True),
    ('<p><a href="/a">MORE</a></p>', True),
    ('<p>To see the timetable, <a href="/a">click here</a>.</p>', False),
    ('<p><a href="/a" aria-describedby="h">Read more</a></p><h2 id="h">Floods</h2>', False),
    ('<p><a href="/a">Read more<span class="sr-only"> about the floods</span></a></p>', False),
    ('<p><a href="/a">Read more about the floods</a></p>', False),
])
def test_ambiguous_link_text_without_context(markup: str, ambiguous: bool) -> None:
    assert rules(page(markup)) == (["link-text-ambiguous"] if ambiguous else [])


def test_same_link_text_for_different_places() -> None:
    html = page('<p><a href="/a">Download the map</a> and <a href="/b">download the map</a>'
                ' or <a href="/a/">Download the map</a></p>')
    assert found(html) == [("link-text-reused", "#main > p > a:nth-of-type(1)")]
    same = page('<p><a href="/a">Map</a> <a href="/a/">map</a> <a href="/a#top">Atlas</a></p>')
    assert audit(same) == []


# --------------------------------------------------------------------------- tables

_GRID = "<tr><td>North</td><td>412</td></tr><tr><td>South</td><td>377</td></tr>"


def test_data_table_without_header_cells() -> None:
    html = page(f"<table><caption>Tonnes</caption><tbody>{_GRID}</tbody></table>")
    assert found(html) == [("table-headers", "#main > table")]


@pytest.mark.parametrize("table", [
    f'<table role="presentation"><tbody>{_GRID}</tbody></table>',
    "<table><tbody><tr><td><div>Menu</div></td><td><p>Body</p></td></tr>"
    "<tr><td><div>More</div></td><td><p>Text</p></td></tr></tbody></table>",
    "<table><tbody><tr><td>One row</td><td>only</td></tr></tbody></table>",
])
def test_layout_tables_are_not_data_tables(table: str) -> None:
    assert audit(page(table)) == []


def test_captions_identify_tables_a_heading_cannot() -> None:
    one = "<thead><tr><th>Month</th><th>Tonnes</th></tr></thead><tbody>" + _GRID + "</tbody>"
    alone = page(f"<h2>Garden waste</h2><table>{one}</table>")
    assert audit(alone) == []
    shared = page(f"<h2>Garden waste</h2><table>{one}</table><table>{one}</table>")
    assert found(shared) == [("table-caption", "#main > table:nth-of-type(1)"),
                             ("table-caption", "#main > table:nth-of-type(2)")]
    labelled = page(f'<h2>Waste</h2><table aria-label="Garden">{one}</table>'
                    f"<table><caption>Food</caption>{one}</table>")
    assert audit(labelled) == []


# --------------------------------------------------------------------------- lists


@pytest.mark.parametrize("markup,expected", [
    ("<ul><div>Blue</div></ul>", [("list-children", "#main > ul")]),
    ("<ol>Step one<li>Two</li></ol>", [("list-children", "#main > ol")]),
    ("<ul><li>One</li><script>1</script><template><p>t</p></template></ul>", []),
    ('<ul><li>One</li><div role="listitem">Two</div></ul>', []),
    ('<ul role="navigation"><li>One</li></ul>', [("listitem-parent", "#main > ul > li")]),
    ("<div><li>Loose</li></div>", [("listitem-parent", "#main > div > li")]),
    ('<ul role="presentation"><li>Layout</li></ul>', []),
    ("<menu><li>Cut</li></menu>", []),
])
def test_list_markup(markup: str, expected: list[tuple[str, str]]) -> None:
    assert found(page(markup)) == expected


# --------------------------------------------------------------------------- ids, tabindex


def test_duplicate_ids() -> None:
    html = page('<p id="a">One</p><p id="a">Two</p>'
                '<label for="e">Email</label><input id="e"><input id="e" aria-label="Again">'
                '<p aria-describedby="h">x</p><span id="h">Hint</span><span id="h">Hint 2</span>')
    assert found(html) == [("duplicate-id", "#main > p:nth-of-type(1)"),
                           ("duplicate-id-aria", "#main > input:nth-of-type(1)"),
                           ("duplicate-id-aria", "#main > span:nth-of-type(1)")]


def test_positive_tabindex() -> None:
    html = page('<button tabindex="2">A</button><button tabindex="0">B</button>'
                '<div tabindex="-1">C</div><button tabindex="1" hidden>D</button>')
    assert found(html) == [("tabindex-positive", "#main > button:nth-of-type(1)")]


# --------------------------------------------------------------------------- contrast


def _contrast(body: str, css: str = "") -> list[str]:
    head = f"<style>{css}</style>" if css else ""
    return [f.where for f in audit(page(body, head=head)) if f.rule == "color-contrast"]


def test_contrast_from_inline_styles() -> None:
    assert _contrast('<p style="color:#999">Grey</p>') == ["#main > p"]
    assert _contrast('<p style="color:#767676">Just enough</p>') == []
    assert _contrast('<p style="color:#fff;background:#ffeb3b">Yellow</p>') == ["#main > p"]


def test_contrast_from_style_rules_and_the_cascade() -> None:
    css = (":root{--muted:#aaa} .note{color:var(--muted)} #ok.note{color:#222}"
           ".strong{color:#111 !important} div .deep{color:#bbb} p.plain{color:#595959}")
    body = ('<p class="note">A</p><p class="note" id="ok">B</p>'
            '<p class="note strong" style="color:#ccc">C</p><div><span class="deep">D</span></div>'
            '<p class="plain">E</p>')
    assert _contrast(body, css) == ["#main > p:nth-of-type(1)", "#main > div > span"]


def test_contrast_inherits_and_resolves_currentcolor() -> None:
    css = ".box{color:#9a9a9a} .box span{border-color:currentcolor}"
    body = '<div class="box"><p>Inherited <span>here</span></p></div>'
    assert _contrast(body, css) == ["#main > div > p", "#main > div > p > span"]


@pytest.mark.parametrize("css", [
    "@media print { p { color: #ccc } }",
    "@media (prefers-color-scheme: dark) { p { color: #ccc } }",
    "@media (max-width: 400px) { p { color: #ccc } }",
    "p:hover { color: #ccc } p:focus-visible { color: #ccc } p::before { color: #ccc }",
    "a:visited { color: #eee }",
])
def test_contrast_ignores_rules_that_do_not_apply_at_rest(css: str) -> None:
    assert _contrast('<p>Text <a href="/x">link</a></p>', css) == []


def test_contrast_large_text_needs_three_to_one() -> None:
    css = "h2{color:#949494} .big{font-size:24px;color:#949494} .bold{font:bold 19px sans-serif;" \
          "color:#949494} .small{font-size:18px;color:#949494}"
    body = ('<h2>Large heading</h2><p class="big">Large</p><p class="bold">Bold</p>'
            '<p class="small">Small</p>')
    assert _contrast(body, css) == ["#main > p:nth-of-type(3)"]


def test_contrast_with_clamp_and_unknown_sizes() -> None:
    css = ".fluid{font-size:clamp(1rem, 2vw + 1rem, 3rem);color:#949494}" \
          ".odd{font-size:calc(var(--nope) * 2);color:#949494}" \
          ".odder{font-size:calc(var(--nope) * 2);color:#bbb}"
    body = '<p class="fluid">Fluid</p><p class="odd">Odd</p><p class="odder">Odder</p>'
    # large at any viewport; unknown size passes 3:1 but not 4.5:1; fails both
    assert _contrast(body, css) == ["#main > p:nth-of-type(3)"]


def test_contrast_blends_translucent_colours_and_opacity() -> None:
    css = ".a{color:rgba(0,0,0,.4)} .b{opacity:.4} .c{background:rgba(0,0,0,.5);color:#333}"
    body = '<p class="a">A</p><p class="b">B</p><div class="c"><p>C</p></div><p>D</p>'
    assert _contrast(body, css) == ["#main > p:nth-of-type(1)", "#main > p:nth-of-type(2)",
                                    "#main > div > p"]


@pytest.mark.parametrize("body,css", [
    ('<p class="x">Over a photo</p>', ".x{background:url(a.jpg);color:#aaa}"),
    ('<div class="hero"><p>Over a photo</p></div>', ".hero{background-image:linear-gradient(#000,"
                                                    "#333)} .hero p{color:#444}"),
    ('<p class="x">Positioned</p>', ".x{position:absolute;top:0;color:#aaa}"),
    ('<p class="x">Shadowed</p>', ".x{color:#aaa;text-shadow:0 0 2px #000}"),
    ('<p class="x">Unsure</p>', ".x:has(img){color:#aaa}"),
    ('<p class="sr">Hidden</p>', ".sr{position:absolute;clip:rect(0 0 0 0);color:#eee}"),
    ('<p class="gone">Hidden</p>', ".gone{display:none;color:#eee}"),
    ('<p style="visibility:hidden;color:#eee">Hidden</p>', ""),
    ('<p style="color:#ccc">—</p>', ""),
    ('<button disabled style="color:#ccc">Off</button>', ""),
    ('<details><summary>Open</summary><p style="color:#ccc">Closed</p></details>', ""),
])
def test_contrast_is_not_judged_where_it_cannot_be_known_or_seen(body: str, css: str) -> None:
    assert _contrast(body, css) == []


def test_external_style_sheets_make_unset_colours_unknown() -> None:
    link_css = '<link rel="stylesheet" href="/site.css">'
    body = '<p style="color:#aaa">Grey</p><p style="color:#aaa;background:#fff">Set</p>'
    html = page(body, head=link_css)
    assert [f.where for f in audit(html) if f.rule == "color-contrast"] == [
        "#main > p:nth-of-type(2)"]


def test_colours() -> None:
    assert parse_color("#abc") == (170.0, 187.0, 204.0, 1.0)
    assert parse_color("#11223380") == (17.0, 34.0, 51.0, 128 / 255)
    assert parse_color("rgb(10 20 30 / 50%)") == (10.0, 20.0, 30.0, 0.5)
    assert parse_color("rgba(10, 20, 30, .25)") == (10.0, 20.0, 30.0, 0.25)
    assert parse_color("hsl(0, 100%, 50%)") == (255.0, 0.0, 0.0, 1.0)
    assert parse_color("hwb(0 0% 0%)") == (255.0, 0.0, 0.0, 1.0)
    assert parse_color("RebeccaPurple") == (102.0, 51.0, 153.0, 1.0)
    assert parse_color("transparent") == (0.0, 0.0, 0.0, 0.0)
    for bad in ("#12", "rgb(1,2)", "blurple", "var(--x)", "canvastext"):
        assert parse_color(bad) is None
    black, white = parse_color("#000"), parse_color("#fff")
    assert black is not None and white is not None
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    grey = parse_color("#767676")
    assert grey is not None and contrast_ratio(grey, white) == pytest.approx(4.54, abs=0.01)
    assert relative_luminance(white) == pytest.approx(1.0)


def test_media_queries() -> None:
    assert media_matches("screen and (min-width: 800px)") is True
    assert media_matches("print") is False
    assert media_matches("not print") is True
    assert media_matches("(prefers-color-scheme: dark), print") is False
    assert media_matches("(400px <= width <= 2000px)") is True
    assert media_matches("(min-resolution: 2dppx)") is None
    assert media_matches("") is True


@pytest.mark.parametrize("selector,matches", [
    ("p", True), ("div > p.lead", True), ("body p", True), ("#x", True), ("p#x.lead", True),
    ("section p", False), ("p:first-child", True), ("p:last-child", False),
    ("p:nth-child(odd)", True), ("p:not(.lead)", False), (":is(h1, p).lead", True),
    ("p[data-k^=va]", True), ("h1 + p", False), ("span ~ p", False), ("p:hover", False),
    ("p::before", False), (r".a\:b", False),
])
def test_selectors(selector: str, matches: bool) -> None:
    root = lxml.html.document_fromstring(
        '<html><body><div><p id="x" class="lead" data-k="value">t</p><em>e</em></div>'
        "</body></html>")
    el = root.get_element_by_id("x")
    sels = parse_selectors(selector)
    assert sels is not None
    assert any(s.matches(el) is True for s in sels) == matches


def test_unparseable_selectors_make_values_unknown() -> None:
    root = lxml.html.document_fromstring(
        "<html><head><style>p:has(> em) { color: #eee } p { color: #000 }</style></head>"
        "<body><p>t</p></body></html>")
    resolver = StyleResolver(root)
    para = root.find(".//p")
    assert para is not None and resolver.color(para) is None


# --------------------------------------------------------------------------- documents


def test_document_findings_are_located_in_the_model() -> None:
    d = doc("A headline",
            p("Intro ", link("/a", "click here")),
            figure("/img/x.jpg", alt="IMG_1234.jpg", caption="A cat"),
            ul(p(link("/m", "More")), [p("Two"), p(link("/m2", "More"))]),
            regions=[region("navigation", ul(p(link("/n", "Here"))), label="Main")],
            language="en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = found(d)
    assert got == [
        ("link-text-ambiguous", "regions[0].children[0].items[0]"),
        ("image-alt-filename", "body[1].image"),
        ("link-text-ambiguous", "body[2].items[0]"),
        ("link-text-reused", "body[2].items[0]"),
        ("link-text-ambiguous", "body[2].items[1].children[1]"),
    ]
    (f,) = [f for f in audit(d) if f.rule == "image-alt-filename"]
    assert f.selector == "#main > article > figure > img"


def _own_documents() -> dict[str, ar.Document]:
    docs = {"example": ar.read(EXAMPLE)}
    docs.update(corpus())
    return docs


@pytest.mark.filterwarnings("ignore::a11yrender.RenderWarning")
@pytest.mark.parametrize("name", sorted(_own_documents()))
def test_own_pages_have_no_findings(name: str) -> None:
    document = _own_documents()[name]
    assert audit(ar.render(document, "html")) == []
    assert audit(document) == []


# --------------------------------------------------------------------------- golden


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_audit_pages_golden(path: Path, golden: Callable[[Path, str], None]) -> None:
    findings = audit(path.read_bytes())
    if path.stem.startswith("clean-"):
        assert findings == []
    else:
        assert len({f.rule for f in findings}) >= 2, "a broken page should break a few rules"
    lines = [f"{f.rule}  {f.where}  {f.message}" for f in findings]
    golden(GOLDEN / "audit" / f"{path.stem}.txt", "\n".join(lines) + "\n")


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_finding_paths_are_the_trees_css_paths(path: Path) -> None:
    from a11yrender.a11y.audit import _Page
    from a11yrender.a11y.tree import css_path, parse_page

    page_ = _Page(parse_page(path.read_bytes()), whole=True)
    for el in page_.elements:
        assert page_.path(el) == css_path(el)


def test_there_are_enough_audit_pages() -> None:
    names = [p.stem for p in PAGES.glob("*.html")]
    assert len([n for n in names if not n.startswith("clean-")]) >= 20
    assert len([n for n in names if n.startswith("clean-")]) >= 3


# --------------------------------------------------------------------------- CLI


def _cli(argv: list[str], stdin: bytes = b"", monkeypatch: pytest.MonkeyPatch | None = None
         ) -> tuple[int, str, str]:
    """Run ``audit`` through a parser built like a11yrender's (the command's own wiring)."""
    from a11yrender.cli import _Parser

    parser = _Parser(prog="a11yrender")
    sub = parser.add_subparsers(dest="command")
    add_parser(sub)
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr = out, err
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        try:
            args = parser.parse_args(["audit", *argv])
        except SystemExit as stop:
            return int(stop.code or 0), out.getvalue(), err.getvalue()
        code = args.run(args)
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.html"
    path.write_text(page('<img src="a.png"><p style="color:#aaa">Pale</p>', lang=None))
    return path


def test_cli_text_output_and_exit_code(broken: Path) -> None:
    code, out, err = _cli([str(broken)])
    assert code == 1 and err == ""
    assert "critical: image-alt-missing (WCAG 1.1.1 Non-text Content, A)" in out
    assert "#main > img" in out and "Fix: " in out
    assert out.rstrip().endswith("3 findings (1 critical, 2 serious)")


def test_cli_json(broken: Path) -> None:
    code, out, _ = _cli([str(broken), "--format", "json"])
    data = json.loads(out)
    assert code == 1
    assert [f["rule"] for f in data["findings"]] == ["html-lang-missing", "image-alt-missing",
                                                     "color-contrast"]
    assert {f["wcag"] for f in data["findings"]} == {"3.1.1", "1.1.1", "1.4.3"}
    assert data["summary"]["total"] == 3


@pytest.mark.parametrize("fail_on,code", [
    ("any", 1), ("none", 0), ("minor", 1), ("critical", 1), ("A", 1), ("aa", 1),
    ("best-practice", 1),
])
def test_cli_fail_on(broken: Path, fail_on: str, code: int) -> None:
    assert _cli([str(broken), "--fail-on", fail_on])[0] == code


def test_fail_on_thresholds() -> None:
    (f,) = audit(page("<p>x</p>", skip=False))  # best-practice, moderate
    assert fails(f, "any") and fails(f, "moderate") and fails(f, "best-practice")
    assert not fails(f, "serious") and not fails(f, "AA") and not fails(f, "A")
    assert not fails(f, "none")


def test_cli_clean_page_documents_and_stdin(tmp_path: Path) -> None:
    clean = tmp_path / "clean.html"
    clean.write_text(page("<p>x</p>"))
    assert _cli([str(clean)]) == (0, "no findings\n", "")
    assert _cli([str(EXAMPLE)])[0] == 0  # read into a document, rendered, audited
    code, out, _ = _cli(["-", "--fail-on", "serious"], stdin=b'<p><img src="x.png"></p>')
    assert code == 1 and "image-alt-missing" in out


def test_cli_folder(tmp_path: Path, broken: Path) -> None:
    folder = tmp_path
    (folder / "ok.html").write_text(page("<p>x</p>"))
    code, out, _ = _cli([str(folder), "--format", "json"])
    data = json.loads(out)
    assert code == 1
    assert {Path(f["file"]).name for f in data["findings"]} == {"broken.html"}
    code, out, _ = _cli([str(folder)])
    assert out.rstrip().endswith("2 files: 3 findings (1 critical, 2 serious)")


@pytest.mark.parametrize("content,message", [
    (None, "cannot read"), (b"", "is empty"), (b"\x7fELF\x02\x01\x01", "binary"),
])
def test_cli_bad_input_is_one_line(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "input.html"
    if content is not None:
        path.write_bytes(content)
    code, out, err = _cli([str(path)])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("a11yrender: error: ") and message in err


def test_cli_usage_error() -> None:
    code, _, err = _cli(["x.html", "--fail-on", "sometimes"])
    assert code == 2 and "invalid choice" in err


def test_cli_help_names_the_thresholds() -> None:
    code, out, _ = _cli(["--help"])
    assert code == 0
    for word in ("--fail-on", "best-practice", "critical", "exit codes"):
        assert word in out


def test_audit_module_exports() -> None:
    import a11yrender.a11y as a11y

    assert a11y.audit is audit and a11y.Finding is Finding and a11y.RULES is RULES
