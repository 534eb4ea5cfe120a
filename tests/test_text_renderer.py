"""The plain-text renderer: fixture cases, options, wrapping and properties.

Most cases live in ``fixtures/text_renderer.md`` (markdown-it fixture style):
a title line, ``.``, a Python expression over :mod:`a11yrender.builder` and
the model classes that gives a Document (or ``(document, options)``), ``.``,
the expected text, ``.``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import a11yrender
from a11yrender import builder, model
from a11yrender.builder import doc, em, h, li, link, ol, p, q, quote, table, ul
from a11yrender.errors import OptionError
from a11yrender.model import Document, Emphasis, Inline, Link, Paragraph, Strong, Text
from a11yrender.reading import Unit, reading_units
from a11yrender.renderers import get_renderer, render
from a11yrender.renderers import text as text_module
from a11yrender.renderers.text import TextOptions, TextRenderer, display_width, wrap

FIXTURES = Path(__file__).parent / "fixtures" / "text_renderer.md"
NAMESPACE: dict[str, Any] = {
    **{name: getattr(builder, name) for name in builder.__all__},
    **{name: getattr(model, name) for name in model.__all__},
}


def read_fixtures(path: Path) -> list[tuple[int, str, str, str]]:
    """(line, title, expression, expected) for each case of a fixture file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i + 1
        assert lines[i + 1] == ".", f"{path}:{i + 2}: expected '.' after the title"
        j = i + 2
        expr: list[str] = []
        while lines[j] != ".":
            expr.append(lines[j])
            j += 1
        j += 1
        expected: list[str] = []
        while lines[j] != ".":
            expected.append(lines[j])
            j += 1
        cases.append((start, title, "\n".join(expr), "\n".join(expected) + "\n"))
        i = j + 1
    return cases


CASES = read_fixtures(FIXTURES)


def build(expr: str) -> tuple[Document, dict[str, Any]]:
    value = eval(expr, dict(NAMESPACE))  # the fixtures are our own test data
    if isinstance(value, tuple):
        return value[0], value[1]
    return value, {}


@pytest.mark.parametrize(
    ("expr", "expected"),
    [pytest.param(c[2], c[3], id=f"{c[0]}-{c[1]}") for c in CASES],
)
def test_fixture(expr: str, expected: str) -> None:
    document, options = build(expr)
    assert TextRenderer().render(document, **options) == expected


def test_fixtures_cover_every_node_type() -> None:
    seen: set[str] = set()
    for _, _, expr, _ in CASES:
        document, _ = build(expr)
        seen.update(node.TYPE for _, node in document.walk())
    assert seen >= set(model.NODE_TYPES)


# -- the renderer contract -----------------------------------------------------------


def test_registered_as_text() -> None:
    renderer = get_renderer("text")
    assert isinstance(renderer, TextRenderer)
    assert (renderer.name, renderer.media_type, renderer.suffix) == (
        "text", "text/plain", ".txt"
    )
    d = doc("H", p("Body."))
    assert render(d, "text") == a11yrender.render(d, "text", width=40) == "H\n=\n\nBody.\n"


def test_defaults() -> None:
    assert TextOptions() == TextOptions(width=72, links="references", heading_marks=True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"width": 19}, "at least 20"),
        ({"width": 1}, "at least 20"),
        ({"width": -1}, "0 (no wrapping)"),
        ({"width": True}, "whole number"),
        ({"width": "40"}, "whole number"),
        ({"width": 40.0}, "whole number"),
        ({"links": "footnotes"}, "'references', 'inline' or 'none'"),
        ({"heading_marks": "yes"}, "True or False"),
        ({"wrap": 40}, "no option 'wrap'"),
    ],
)
def test_bad_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError, match=re.escape(message)):
        TextRenderer().render(doc("H", p("x")), **options)


def test_width_20_is_the_narrowest() -> None:
    out = TextRenderer().render(doc("H", p("one two three four five six seven")), width=20)
    assert out == "H\n=\n\none two three four\nfive six seven\n"


def test_not_a_document() -> None:
    with pytest.raises(OptionError, match="needs a Document"):
        TextRenderer().render("text")  # type: ignore[arg-type]


def test_order_comes_from_the_reading_units(monkeypatch: pytest.MonkeyPatch) -> None:
    """The renderer lays out whatever order the walk gives; it never reorders."""
    d = doc("H", p("first"), p("second"))

    def swapped(document: Document) -> list[Unit]:
        units = list(reading_units(document))
        a, b = (i for i, u in enumerate(units) if u.kind == "paragraph")
        units[a], units[b] = units[b], units[a]
        return units

    monkeypatch.setattr(text_module, "reading_units", swapped)
    assert TextRenderer().render(d) == "H\n=\n\nsecond\n\nfirst\n"


def test_deterministic() -> None:
    d = doc("H", p("See ", link("/a", "a"), " and ", link("/b", "b"), "."), ul("x", "y"))
    assert len({TextRenderer().render(d) for _ in range(3)}) == 1


# -- wrapping helpers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("日本", 4), ("ｱｲ", 2), ("e\u0301", 1), ("a\u200db", 2), ("", 0), ("한국어", 6)],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_wrap_breaks_cjk_by_display_width() -> None:
    lines = wrap("あいうえおかきくけこさしすせそ", 10)
    assert lines == ["あいうえお", "かきくけこ", "さしすせそ"]


def test_wrap_keeps_closing_marks_with_the_character_before() -> None:
    lines = wrap("あいうえ、「かきく」。", 8)
    assert all(not line.startswith(("、", "」", "。")) for line in lines)
    assert all(not line.endswith("「") for line in lines)
    assert "".join(lines) == "あいうえ、「かきく」。"


def test_wrap_prefixes_count_toward_the_width() -> None:
    assert wrap("aa bb cc dd", 8, first="- ", rest="  ") == ["- aa bb", "  cc dd"]


def test_wrap_without_limit() -> None:
    assert wrap("  a  b\nc ", 0) == ["a b", "c"]


# -- properties ------------------------------------------------------------------------

WORDS = st.text(alphabet=st.characters(categories=["L", "N", "P"]), min_size=1, max_size=10)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Document, list[str]]:
    """A random document and its content words in reading order."""
    words: list[str] = []
    counter = iter(range(10_000))

    def phrase() -> str:
        chunk = draw(st.lists(WORDS, min_size=1, max_size=6))
        words.extend(chunk)
        return " ".join(chunk)

    def run() -> tuple[Inline, ...]:
        out: list[Inline] = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["text", "em", "strong", "link", "q", "code"]))
            text = phrase()
            if kind == "text":
                out.append(Text(text))
            elif kind == "em":
                out.append(Emphasis((Text(text),)))
            elif kind == "strong":
                out.append(Strong((Text(text),)))
            elif kind == "link":
                out.append(Link((Text(text),), href=f"https://example.com/{next(counter)}"))
            elif kind == "q":
                out.append(q(text))
            else:
                out.append(model.Code(text))
            out.append(Text(" "))
        return tuple(out)

    def block(depth: int) -> model.Block:
        kinds = ["p", "h"] + (["ul", "ol", "quote"] if depth > 0 else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "p":
            return Paragraph(run())
        if kind == "h":
            return model.Heading(draw(st.integers(2, 6)), run())
        if kind in ("ul", "ol"):
            items = [li(*blocks(depth - 1)) for _ in range(draw(st.integers(1, 4)))]
            return ol(*items) if kind == "ol" else ul(*items)
        children = blocks(depth - 1)
        by = (Text(phrase()),) if draw(st.booleans()) else ()
        return model.BlockQuote(children, attribution=by)

    def blocks(depth: int) -> tuple[model.Block, ...]:
        return tuple(block(depth) for _ in range(draw(st.integers(1, 3))))

    title = phrase()
    body = blocks(2)
    return Document(model.Metadata(title=title), body), words


def words_in_order(haystack: str, words: list[str]) -> bool:
    at = 0
    for word in words:
        found = haystack.find(word, at)
        if found < 0:
            return False
        at = found + len(word)
    return True


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_word_in_order_without_wrapping(case: tuple[Document, list[str]]) -> None:
    document, words = case
    out = TextRenderer().render(document, width=0)
    assert words_in_order(" ".join(out.split()), words)


@settings(max_examples=150, deadline=None)
@given(documents(), st.integers(40, 120), st.sampled_from(["references", "inline", "none"]))
def test_every_word_in_order_when_wrapped(
    case: tuple[Document, list[str]], width: int, links: str
) -> None:
    document, words = case
    out = TextRenderer().render(document, width=width, links=links)
    # CJK text may break between characters, where no space is added.
    assert words_in_order("".join(out.split()), ["".join(w.split()) for w in words])
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert "\n\n\n" not in out
    for line in out.split("\n"):
        assert line == line.rstrip()
        assert display_width(line) <= width, line


STRUCTURE = re.compile(r"^(?:•|—|\d+\.|=+|-+)$")
QUOTE_MARKS = "“”‘’"


@settings(max_examples=150, deadline=None)
@given(documents())
def test_nothing_invented(case: tuple[Document, list[str]]) -> None:
    """Every word of the output is a content word (or part of one) or a plain mark."""
    document, words = case
    out = TextRenderer().render(document, width=0, links="none")
    content = " ".join(w.strip(QUOTE_MARKS) for w in words)
    for token in out.split():
        if STRUCTURE.match(token):
            continue
        assert token.strip(QUOTE_MARKS) in content, token


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(WORDS, min_size=3, max_size=3), min_size=2, max_size=4),
    st.booleans(),
)
def test_table_words_all_appear(rows: list[list[str]], row_headers: bool) -> None:
    d = doc("Title", table("Caption", head=[rows[0]], rows=rows[1:], row_headers=row_headers))
    flat = "".join(TextRenderer().render(d, width=40).split())
    for row in rows:
        for word in row:
            assert word in flat


def test_em_inside_a_link_in_a_list() -> None:
    d = doc("H", ol(li(p(link("/x", "the ", em("whole"), " story")))), h(2, "End"))
    assert TextRenderer().render(d) == (
        "H\n=\n\n1. the whole story [1]\n\nEnd\n---\n\nLinks:\n[1] /x\n"
    )


def test_quote_with_nested_quote() -> None:
    d = doc("H", quote(quote(p("inner")), p("outer"), by="A"))
    assert TextRenderer().render(d) == "H\n=\n\n        inner\n\n    outer\n    — A\n"
