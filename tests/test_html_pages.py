"""The HTML reader on realistic web pages: ``tests/pages/*.html``.

Each page is a whole page in the shape a real site publishes (WordPress,
Drupal, a news CMS with JSON-LD, AMP, Medium, Substack, Ghost, a live blog,
old table layouts, pages in Shift_JIS, EUC-KR, GB18030 and undeclared
windows-1252, a right-to-left page, index, search and error pages...), with
the chrome real sites put around an article. The articles are invented.

``pages/expected.json`` says, for each page, what the reader must make of it.
For an article (``"article": true``):

- metadata: ``title``, ``authors`` (each name inside the byline in the same
  place; "Dr" or a job title around it is allowed), ``published`` (the same
  instant, whatever the offset notation; a bare date compares the date
  only), ``language`` (case-insensitive), ``direction``, and when given
  ``kicker``, ``site_name`` and ``standfirst`` (opening words);
- ``first_paragraph`` / ``last_paragraph``: the opening words of the first and
  last top-level paragraphs of the body;
- ``must_include``: strings that appear, in this order, in the article text;
- ``must_exclude``: page chrome that must not appear in the article text;
- ``never``: text that must appear nowhere in the document, page regions
  included (hidden elements, cookie banners, skip links, helper text);
- ``once``: strings that appear exactly once in the article text;
- ``headings``: every heading of the body, in order (the headline is not one);
- ``has`` / ``has_not``: node types present or absent in the body
  (model type names, plus ``nested_list`` and ``ordered_list``);
- ``figures`` (found by ``alt``, else by ``caption`` and ``decorative`` when
  given), ``tables``, ``cells``, ``code_blocks``, ``abbreviations``,
  ``lang_parts``, ``attributions``, ``links``, ``images``: specific nodes.

"Article text" is the plain-text rendering (no wrapping, no link URLs) of the
document without its page regions: headline, metadata and body. Texts are
compared with white space collapsed. A page that is not an article must make
:func:`a11yrender.read_html` raise :class:`~a11yrender.NotAnArticleError` and
:func:`a11yrender.is_article` return False.

Every article also has a golden model dump in ``golden/pages/<name>.json``
(``pytest --update-golden`` rewrites them), and ``a11yrender render <page>
--to text`` must succeed on it as a separate process.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from bs4.dammit import UnicodeDammit

import a11yrender
from a11yrender.model import (
    Abbreviation,
    BlockQuote,
    Code,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Image,
    LineBreak,
    Link,
    List,
    ListItem,
    Paragraph,
    Table,
    TableCell,
    Text,
    Time,
    plain_text,
)

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path(__file__).resolve().parent / "pages"
GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (PAGES / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)
ARTICLES = [name for name in NAMES if EXPECTED[name]["article"]]
NOT_ARTICLES = [name for name in NAMES if not EXPECTED[name]["article"]]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def norm(text: str) -> str:
    """White space collapsed to single spaces (NBSP and U+3000 included)."""
    return " ".join(text.split())


def page(name: str) -> Path:
    return PAGES / f"{name}.html"


@cache
def read_page(name: str) -> Document:
    return a11yrender.read_html(page(name).read_bytes(), url=EXPECTED[name]["url"])


def render_text(doc: Document) -> str:
    return norm(a11yrender.render(doc, "text", width=0, links="none"))


def article_text(doc: Document) -> str:
    """Headline, metadata and body: the document without its page regions."""
    return render_text(dataclasses.replace(doc, regions=()))


def body_nodes(doc: Document) -> Iterator[Any]:
    for block in doc.body:
        for _, node in block.walk():
            yield node


def node_text(node: Any) -> str:
    """All the text under a node, in order (blocks included)."""
    parts: list[str] = []
    for _, sub in node.walk():
        if isinstance(sub, (Text, Code, Abbreviation, Time)):
            parts.append(sub.text)
        elif isinstance(sub, LineBreak):
            parts.append(" ")
        elif isinstance(sub, CodeBlock):
            parts.append(sub.text)
        elif isinstance(sub, (Paragraph, Heading, ListItem, TableCell)):
            parts.append(" ")
    return norm("".join(parts))


def same_moment(expected: str, actual: str | None) -> bool:
    """The same instant (any offset notation), or the same date for a bare date."""
    if actual is None:
        return False
    if len(expected) == 10:
        return actual[:10] == expected
    try:
        want = datetime.fromisoformat(expected.replace("Z", "+00:00"))
        got = datetime.fromisoformat(actual.replace("Z", "+00:00"))
    except ValueError:
        return False
    if (want.tzinfo is None) != (got.tzinfo is None):
        return False
    return want == got


def strip_by(byline: str) -> str:
    text = norm(byline)
    return text[3:] if text.lower().startswith("by ") else text


def top_paragraphs(doc: Document) -> list[str]:
    return [norm(plain_text(b.children)) for b in doc.body if isinstance(b, Paragraph)]


def has_type(doc: Document, kind: str) -> bool:
    nodes = list(body_nodes(doc))
    if kind == "ordered_list":
        return any(isinstance(n, List) and n.ordered for n in nodes)
    if kind == "nested_list":
        return any(isinstance(n, ListItem) and any(isinstance(c, List) for _, c in n.walk()
                                                   if c is not n) for n in nodes)
    return any(kind == n.TYPE for n in nodes)


def in_order(text: str, parts: list[str]) -> list[str]:
    """Problems with finding ``parts`` in ``text`` one after another."""
    problems: list[str] = []
    at = 0
    for part in parts:
        want = norm(part)
        found = text.find(want, at)
        if found >= 0:
            at = found + len(want)
        elif want in text:
            problems.append(f"must_include out of order: {want!r}")
        else:
            problems.append(f"must_include missing: {want!r}")
    return problems


def check_metadata(doc: Document, exp: dict[str, Any]) -> list[str]:
    meta = doc.meta
    problems: list[str] = []
    if norm(meta.title) != norm(exp["title"]):
        problems.append(f"title: expected {exp['title']!r}, got {meta.title!r}")
    if "authors" in exp:
        bylines = [strip_by(b) for b in meta.bylines]
        ok = len(bylines) == len(exp["authors"]) and all(
            norm(a).casefold() in b.casefold()
            for a, b in zip(exp["authors"], bylines, strict=False))
        if not ok:
            problems.append(
                f"authors: expected {exp['authors']!r}, got bylines {list(meta.bylines)!r}")
    if "published" in exp and not same_moment(exp["published"], meta.published):
        problems.append(f"published: expected {exp['published']!r}, got {meta.published!r}")
    if meta.language.casefold() != exp["language"].casefold():
        problems.append(f"language: expected {exp['language']!r}, got {meta.language!r}")
    if meta.direction != exp["direction"]:
        problems.append(f"direction: expected {exp['direction']!r}, got {meta.direction!r}")
    for key in ("kicker", "site_name"):
        if key in exp and getattr(meta, key) != exp[key]:
            problems.append(f"{key}: expected {exp[key]!r}, got {getattr(meta, key)!r}")
    if "standfirst" in exp:
        got = norm(plain_text(meta.standfirst))
        if not got.startswith(norm(exp["standfirst"])):
            problems.append(f"standfirst: expected {exp['standfirst']!r}..., got {got!r}")
    return problems


def check_text(doc: Document, exp: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    text = article_text(doc)
    everything = render_text(doc)
    paragraphs = top_paragraphs(doc)
    for key, index in (("first_paragraph", 0), ("last_paragraph", -1)):
        if key in exp:
            got = paragraphs[index] if paragraphs else None
            if got is None or not got.startswith(norm(exp[key])):
                problems.append(f"{key}: expected {exp[key]!r}..., got {(got or '')[:90]!r}")
    problems += in_order(text, exp.get("must_include", []))
    problems += [f"must_exclude present: {s!r}" for s in exp.get("must_exclude", [])
                 if norm(s) in text]
    problems += [f"never present: {s!r}" for s in exp.get("never", []) if norm(s) in everything]
    for s in exp.get("once", []):
        count = text.count(norm(s))
        if count != 1:
            problems.append(f"once: {s!r} appears {count} times")
    return problems


def check_figures(nodes: list[Any], exp: dict[str, Any]) -> list[str]:
    """Expected figures: alt text (or decorative), caption and credit."""
    problems: list[str] = []
    figures = [n for n in nodes if isinstance(n, Figure)]
    for want in exp.get("figures", []):
        if "alt" in want:
            match = [f for f in figures if norm(f.image.alt) == norm(want["alt"])]
        else:
            match = [f for f in figures
                     if f.image.decorative == want.get("decorative", f.image.decorative)
                     and norm(want["caption"]) in norm(plain_text(f.caption))]
        if not match:
            seen = [(f.image.alt, plain_text(f.caption)) for f in figures]
            problems.append(f"figure missing: {want!r}; figures are {seen!r}")
            continue
        fig = match[0]
        caption, credit = norm(plain_text(fig.caption)), norm(plain_text(fig.credit))
        if "caption" in want and norm(want["caption"]) not in caption:
            problems.append(f"figure caption: expected {want['caption']!r}, got {caption!r}")
        if "credit" in want and norm(want["credit"]) not in credit:
            problems.append(f"figure credit: expected {want['credit']!r}, got credit {credit!r}"
                            f" and caption {caption!r}")
    return problems


def check_tables(nodes: list[Any], exp: dict[str, Any]) -> list[str]:
    """Expected tables (by caption, with row counts) and cells."""
    problems: list[str] = []
    tables = [n for n in nodes if isinstance(n, Table)]
    for want in exp.get("tables", []):
        match = [t for t in tables if norm(plain_text(t.caption)) == norm(want["caption"])]
        if not match:
            captions = [plain_text(t.caption) for t in tables]
            problems.append(
                f"table missing: caption {want['caption']!r}; captions are {captions!r}")
            continue
        counts = {"head_rows": len(match[0].head), "body_rows": len(match[0].body),
                  "foot_rows": len(match[0].foot)}
        for key, value in counts.items():
            if key in want and want[key] != value:
                problems.append(
                    f"table {want['caption']!r}: {key} expected {want[key]}, got {value}")
    cells = [n for n in nodes if isinstance(n, TableCell)]
    for want in exp.get("cells", []):
        text_match = [c for c in cells if norm(plain_text(c.children)) == norm(want["text"])]
        full = [c for c in text_match
                if all(getattr(c, k) == v for k, v in want.items() if k != "text")]
        if not full:
            found = [(c.header, c.scope, c.colspan, c.rowspan) for c in text_match]
            problems.append(f"cell: expected {want!r}; (header, scope, colspan, rowspan) of "
                            f"cells with that text: {found!r}")
    return problems


def check_code(nodes: list[Any], exp: dict[str, Any]) -> list[str]:
    """Expected code blocks, exactly, with their syntax."""
    problems: list[str] = []
    blocks = [n for n in nodes if isinstance(n, CodeBlock)]
    for want in exp.get("code_blocks", []):
        match = [b for b in blocks if b.text.rstrip("\n") == want["text"]]
        if not match:
            problems.append(f"code block missing: {want['text']!r}; "
                            f"code blocks are {[b.text for b in blocks]!r}")
        elif "syntax" in want and match[0].syntax != want["syntax"]:
            problems.append(f"code block syntax: expected {want['syntax']!r}, "
                            f"got {match[0].syntax!r}")
    return problems


def check_structure(doc: Document, exp: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    nodes = list(body_nodes(doc))
    if "headings" in exp:
        got = [norm(plain_text(n.children)) for n in nodes if isinstance(n, Heading)]
        if got != [norm(h) for h in exp["headings"]]:
            problems.append(f"headings: expected {exp['headings']!r}, got {got!r}")
    problems += [f"has: no {kind}" for kind in exp.get("has", []) if not has_type(doc, kind)]
    problems += [f"has_not: found {kind}" for kind in exp.get("has_not", []) if has_type(doc, kind)]

    problems += check_figures(nodes, exp) + check_tables(nodes, exp) + check_code(nodes, exp)

    abbrs = {norm(n.text): norm(n.expansion) for n in nodes if isinstance(n, Abbreviation)}
    for short, long in exp.get("abbreviations", {}).items():
        if abbrs.get(short) != long:
            problems.append(f"abbreviation {short!r}: expected {long!r}, got {abbrs.get(short)!r}")

    for lang, snippets in exp.get("lang_parts", {}).items():
        texts = [node_text(n) for n in nodes
                 if (getattr(n, "lang", None) or "").casefold().split("-")[0] == lang]
        for snippet in snippets:
            if not any(norm(snippet) in t for t in texts):
                problems.append(f"lang_parts: {snippet!r} is not marked lang={lang}")

    attributions = [norm(plain_text(n.attribution)) for n in nodes if isinstance(n, BlockQuote)]
    for want in exp.get("attributions", []):
        if not any(norm(want) in a for a in attributions):
            problems.append(f"attribution missing: {want!r}; attributions are {attributions!r}")

    hrefs = {n.href for n in nodes if isinstance(n, Link)}
    problems += [f"link missing: {h!r}; links are {sorted(hrefs)!r}"
                 for h in exp.get("links", []) if h not in hrefs]
    srcs = {n.src for n in nodes if isinstance(n, Image)}
    problems += [f"image missing: {s!r}; images are {sorted(srcs)!r}"
                 for s in exp.get("images", []) if s not in srcs]
    return problems


# --------------------------------------------------------------------------
# The page set and its expectations
# --------------------------------------------------------------------------


def test_page_set() -> None:
    on_disk = sorted(p.stem for p in PAGES.glob("*.html"))
    assert on_disk == NAMES, "every page needs an entry in expected.json and vice versa"
    assert len(NAMES) >= 30
    assert len(NOT_ARTICLES) >= 3


def page_source_text(name: str) -> tuple[str, str]:
    """(all text of the page with alt texts, its body text), decoded independently of the reader."""
    decoded = UnicodeDammit(page(name).read_bytes(), is_html=True).unicode_markup
    assert decoded is not None
    root = lxml.html.document_fromstring(decoded)
    body = root.find("body")
    alts = " ".join(str(v) for v in root.xpath("//@alt"))
    return (norm(root.text_content() + " " + alts),
            norm(body.text_content() if body is not None else ""))


@pytest.mark.parametrize("name", ARTICLES)
def test_expectations_match_the_page(name: str) -> None:
    """The expected strings are really in the page, so an exclusion cannot pass vacuously."""
    exp = EXPECTED[name]
    everything, body = page_source_text(name)
    problems = in_order(body, exp.get("must_include", []))
    for key in ("first_paragraph", "last_paragraph", "standfirst"):
        if key in exp and norm(exp[key]) not in body:
            problems.append(f"{key} not in the page: {exp[key]!r}")
    problems += [f"{key} not in the page: {s!r}"
                 for key in ("must_exclude", "never", "once", "headings")
                 for s in exp.get(key, []) if norm(s) not in everything]
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# The reader on each page
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ARTICLES)
def test_article(name: str) -> None:
    exp = EXPECTED[name]
    data = page(name).read_bytes()
    assert a11yrender.is_article(data) is True
    doc = read_page(name)
    problems = check_metadata(doc, exp) + check_text(doc, exp) + check_structure(doc, exp)
    assert not problems, f"{name}.html:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", ARTICLES)
def test_read_by_path_is_the_same(name: str) -> None:
    assert a11yrender.read(page(name), url=EXPECTED[name]["url"]) == read_page(name)


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_not_an_article(name: str) -> None:
    data = page(name).read_bytes()
    assert a11yrender.is_article(data) is False
    with pytest.raises(a11yrender.NotAnArticleError):
        a11yrender.read_html(data, url=EXPECTED[name]["url"])


@pytest.mark.parametrize("name", ARTICLES)
def test_golden_model(name: str, golden: Callable[[Path, str], None]) -> None:
    golden(GOLDEN / f"{name}.json", read_page(name).to_json())


# --------------------------------------------------------------------------
# The command line: ``a11yrender render`` as a separate process
# --------------------------------------------------------------------------
# Starting a process is slow here, so the pages are rendered in two batch runs
# (a folder of the article pages, which must exit 0 and write every page, and
# a folder of the other pages, which must write nothing), plus one single-page
# run of each kind for the exact command a user types.


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "a11yrender", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=300, check=False)


@pytest.fixture(scope="module")
def cli_batch(tmp_path_factory: pytest.TempPathFactory
              ) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Per kind ("articles", "others"): the run over a folder of those pages, and its
    output folder."""
    results: dict[str, tuple[subprocess.CompletedProcess[str], Path]] = {}
    for kind, names, extra in (("articles", ARTICLES, ()), ("others", NOT_ARTICLES, ("-k",))):
        src = tmp_path_factory.mktemp(f"{kind}-in")
        out = tmp_path_factory.mktemp(f"{kind}-out")
        for name in names:
            (src / page(name).name).write_bytes(page(name).read_bytes())
        results[kind] = (run_cli("render", src, "--to", "text", "-o", out, *extra), out)
    return results


def test_cli_renders_every_article(
        cli_batch: dict[str, tuple[subprocess.CompletedProcess[str], Path]]) -> None:
    done, out = cli_batch["articles"]
    assert done.returncode == 0, done.stderr
    missing = [name for name in ARTICLES if not (out / f"{name}.txt").is_file()]
    assert not missing, f"no text output for {missing}"
    wrong = [name for name in ARTICLES if norm(EXPECTED[name]["title"])
             not in norm((out / f"{name}.txt").read_text(encoding="utf-8"))]
    assert not wrong, f"the text output lacks the headline for {wrong}"


def test_cli_refuses_every_non_article(
        cli_batch: dict[str, tuple[subprocess.CompletedProcess[str], Path]]) -> None:
    done, out = cli_batch["others"]
    assert done.returncode == 1, done.stderr
    assert not list(out.iterdir())
    errors = [line for line in done.stderr.splitlines() if line.startswith("a11yrender: error:")]
    for name in NOT_ARTICLES:
        assert any(f"{name}.html" in line for line in errors), done.stderr


def test_cli_single_page() -> None:
    name = "japanese-sjis"
    done = run_cli("render", page(name), "--to", "text")
    assert done.returncode == 0, done.stderr
    assert norm(EXPECTED[name]["title"]) in norm(done.stdout)
    done = run_cli("render", page("error-404"), "--to", "text")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("a11yrender: error:")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
