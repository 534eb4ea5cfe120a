"""The text reader: the example against its golden dump, the fixture cases in
``fixtures/text_reader.md``, byte decoding, and no word lost from the sample articles."""

from __future__ import annotations

import codecs
import contextlib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11yrender import A11yRenderError, ReadError, read, read_text
from a11yrender.model import (
    Block,
    BlockQuote,
    Document,
    Heading,
    List,
    Paragraph,
    Separator,
    plain_text,
)
from a11yrender.readers.text import TextReader
from a11yrender.reading import iter_leaves

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "japan-north-korea-talks.txt"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "text_reader.md"
ARTICLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))

# --------------------------------------------------------------------------
# The example article
# --------------------------------------------------------------------------


def test_example_matches_golden(golden: Callable[[Path, str], None]) -> None:
    doc = read_text(EXAMPLE.read_bytes())
    golden(GOLDEN / "japan-north-korea-talks" / "model.json", doc.to_json())


def test_example_structure() -> None:
    doc = read_text(EXAMPLE.read_text(encoding="utf-8"))
    source = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert doc.meta.kicker == "Breaking News"
    assert doc.meta.title == "Talks Stall Between Japan, N. Korea"
    assert plain_text(doc.meta.standfirst).startswith("Japan and North Korea held unofficial talks")
    assert doc.meta.language == "en"
    assert [type(b) for b in doc.body] == [Paragraph] * 6
    assert [plain_text(b.children) for b in doc.body if isinstance(b, Paragraph)] == [
        p.strip() for p in source[-6:]
    ]
    assert "Accessibility links" not in doc.to_json()


def test_reader_registry_and_read_path() -> None:
    assert TextReader().read(EXAMPLE.read_bytes()) == read(EXAMPLE)
    assert read(text=EXAMPLE.read_text(encoding="utf-8"), format="text") == read(EXAMPLE)


# --------------------------------------------------------------------------
# Fixture cases: title, ".", input, ".", expected outline, "."
# --------------------------------------------------------------------------

# Invisible characters are written as control pictures in the fixture inputs.
_VISIBLE = {"␉": "\t", "␍": "\r", "␌": "\f", "␋": "\x0b", "␀": "\x00", "␠": " ",
            "␅": "\u2028", "␤": "\x85"}


def _load_fixtures() -> list[tuple[str, str, str]]:
    lines = FIXTURES.read_text(encoding="utf-8").split("\n")
    cases: list[tuple[str, str, str]] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and lines[i + 1] == "." and lines[i] not in ("", "."):
            title = lines[i]
            end_in = lines.index(".", i + 2)
            end_out = lines.index(".", end_in + 1)
            source = "\n".join(lines[i + 2:end_in]) + "\n"
            for pic, ch in _VISIBLE.items():
                source = source.replace(pic, ch)
            cases.append((title, source, "\n".join(lines[end_in + 1:end_out])))
            i = end_out + 1
        else:
            i += 1
    return cases


_CASES = _load_fixtures()


def outline(doc: Document) -> str:
    """A compact, reviewable form of a document (see the fixture file's preamble)."""
    m = doc.meta
    out: list[str] = []
    if m.kicker:
        out.append(f"kicker: {m.kicker}")
    out.append(f"title: {m.title}")
    if m.standfirst:
        out.append(f"standfirst: {plain_text(m.standfirst)}")
    out += [f"byline: {b}" for b in m.bylines]
    for name in ("dateline", "published", "updated"):
        if getattr(m, name):
            out.append(f"{name}: {getattr(m, name)}")
    if m.language != "en":
        out.append(f"language: {m.language}")
    if m.direction != "ltr":
        out.append(f"direction: {m.direction}")
    for block in doc.body:
        out += _outline_block(block, "")
    return "\n".join(out)


def _outline_block(block: Block, pad: str) -> list[str]:
    lang = f"[{block.lang}]" if block.lang else ""
    if isinstance(block, Paragraph):
        return [f"{pad}p{lang}: {plain_text(block.children)}"]
    if isinstance(block, Heading):
        return [f"{pad}h{block.level}{lang}: {plain_text(block.children)}"]
    if isinstance(block, Separator):
        return [f"{pad}sep"]
    if isinstance(block, BlockQuote):
        head = f"{pad}quote"
        if block.attribution:
            head += f" by {plain_text(block.attribution)}"
        return [head] + [x for b in block.children for x in _outline_block(b, pad + "  ")]
    if isinstance(block, List):
        head = "ol" if block.ordered else "ul"
        if block.start != 1:
            head += f" start={block.start}"
        out = [pad + head]
        for item in block.items:
            first, *rest = item.children
            lines = _outline_block(first, "")
            if isinstance(first, Paragraph) and not first.lang:
                lines = [plain_text(first.children)]
            out.append(f"{pad}  - {lines[0]}")
            out += [pad + "    " + x for x in lines[1:]]
            out += [x for b in rest for x in _outline_block(b, pad + "    ")]
        return out
    return [f"{pad}{block!r}"]


@pytest.mark.parametrize(("source", "expected"), [(c[1], c[2]) for c in _CASES],
                         ids=[c[0] for c in _CASES])
def test_fixture(source: str, expected: str) -> None:
    if expected.startswith("error: "):
        with pytest.raises(ReadError, match=re.escape(expected.removeprefix("error: "))):
            read_text(source)
        return
    doc = read_text(source)
    assert outline(doc) == expected
    # Whatever the reader builds survives the JSON round trip.
    assert Document.from_json(doc.to_json()) == doc


def test_fixture_titles_are_unique() -> None:
    titles = [c[0] for c in _CASES]
    assert len(titles) == len(set(titles)) > 40


# --------------------------------------------------------------------------
# Bytes
# --------------------------------------------------------------------------

_SAMPLE = "Breaking News\n\nCafé prices rise\n\n“Costs went up,” said Zoë. It cost €4.\n"


@pytest.mark.parametrize("encoded", [
    pytest.param(_SAMPLE.encode("utf-8"), id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + _SAMPLE.encode("utf-8"), id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + _SAMPLE.encode("utf-16-le"), id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + _SAMPLE.encode("utf-16-be"), id="utf-16-be-bom"),
    pytest.param(_SAMPLE.encode("utf-16-le"), id="utf-16-le"),
    pytest.param(_SAMPLE.encode("utf-16-be"), id="utf-16-be"),
    pytest.param(_SAMPLE.replace("\n", "\r\n").encode("cp1252"), id="cp1252-crlf"),
])
def test_bytes_are_decoded(encoded: bytes) -> None:
    doc = read_text(encoded)
    assert doc.meta.kicker == "Breaking News"
    assert doc.meta.title == "Café prices rise"
    assert plain_text(doc.meta.standfirst) == "“Costs went up,” said Zoë. It cost €4."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_ascii_utf16_without_bom(codec: str) -> None:
    doc = read_text("Headline\n\nPlain ASCII text.\n".encode(codec))
    assert doc.meta.title == "Headline"


def test_str_with_bom() -> None:
    assert read_text("\ufeff" + _SAMPLE) == read_text(_SAMPLE)


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"GIF89a\x01\x00\x01\x00", "binary"),
    (b"", "input is empty"),
    (b"   \r\n\t\n", "input is empty"),
    ("", "input is empty"),
    ("\ufeff \n\n ", "input is empty"),
    ("Accessibility links\n\nSkip to content\n", "only page chrome"),
    ("Just a headline\n", "only a title"),
    ("Breaking News\n\nJust a headline\n", "only a title"),
])
def test_bad_input(data: str | bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_text(data)


@pytest.mark.parametrize("junk", ["\x00", "\x0b", "\x1b", "\x7f", "\x9c", "\ud800", "\uffff"])
def test_forbidden_characters_never_crash(junk: str) -> None:
    doc = read_text(f"Head{junk}line\n\nBody{junk} text.\n")
    assert doc.meta.title.startswith("Head")
    assert "text." in plain_text(doc.meta.standfirst)


@pytest.mark.parametrize("data", ["\n".join(["x"] * 3), "- a\n- b", "> q", "***\n\nTitle\n\nBody.",
                                  "1.\n\n2.", "—\n\n—", "By Jane Doe\n\nTitle\n\nText."])
def test_odd_inputs_give_a_document_or_a_read_error(data: str) -> None:
    try:
        doc = read_text(data)
    except A11yRenderError:
        return
    assert doc.meta.title.strip()


# --------------------------------------------------------------------------
# The sample articles: nothing lost, nothing invented, order kept
# --------------------------------------------------------------------------

# CJK is written without spaces, so each ideograph or kana counts as a word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")
_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,9}[.)]|>)\s+", re.M)


def _source_words(path: Path) -> list[str]:
    from a11yrender.readers._decode import decode_bytes

    text = decode_bytes(path.read_bytes())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Page chrome at the top is what the renderers regenerate.
    chrome = re.compile(r"^\s*(?:[-*•]\s+)?(?:accessibility (?:links|help)|skip to .*)\s*$", re.I)
    while lines and (not lines[0].strip() or chrome.match(lines[0])):
        lines.pop(0)
    body = "\n".join(lines)
    body = _MARKER.sub(" ", body)  # list numbers and bullets are structure, not words
    return _WORD.findall(body)


def _document_words(doc: Document) -> tuple[list[str], list[str]]:
    """All words of the document in reading order, and those of the body alone."""
    words: list[str] = _WORD.findall(doc.meta.kicker or "")
    body: list[str] = []
    for unit in iter_leaves(doc):
        if unit.kind in ("published", "updated"):
            continue  # formatted from the dateline text, which is kept
        found = _WORD.findall(plain_text(unit.inlines) or unit.text)
        words += found
        if unit.path[:1] == ("body",):
            body += found
    return words, body


def test_there_are_sample_articles() -> None:
    assert len(ARTICLES) >= 6


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_article_keeps_every_word_in_order(path: Path) -> None:
    doc = read(path)
    source = _source_words(path)
    words, body = _document_words(doc)
    # Nothing lost and nothing invented...
    assert Counter(words) == Counter(source)
    # ...the header reads in source order up to the bylines and dates the
    # renderers place after the standfirst, and the body keeps its order.
    assert source[-len(body):] == body
    head = _WORD.findall(f"{doc.meta.kicker or ''} {doc.meta.title}")
    before_body = source[:-len(body)]
    assert any(before_body[i:i + len(head)] == head for i in range(len(before_body)))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_article_has_structure(path: Path) -> None:
    doc = read(path)
    assert doc.meta.title and doc.meta.standfirst and doc.body
    kinds = {type(b) for _, b in doc.walk()}
    assert Paragraph in kinds


# --------------------------------------------------------------------------
# Any text: a document or a ReadError, never a crash
# --------------------------------------------------------------------------

_PIECES = ["Accessibility links", "Skip to content", "Breaking News", "By Jane Doe",
           "Published: 4 November 2002", "Updated 09:30 GMT", "TOKYO (AP) —", "- ", "* ",
           "1. ", "3) ", "> ", "— ", "-- ", "“", "”", '"', "* * *", "---", "===", "  ", "\t",
           "\n", "\n\n", "\r\n", "\r", "\f", "\x0b", "\x00", "\ufeff", "Talks Stall",
           "Japan and North Korea held talks.", "key points:", "日本と北朝鮮", "ارتفاع",
           "co-", "ok", ".", ",", "?", ":"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=40))
def test_any_text_reads_or_raises_read_error(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        doc = read_text(text)
    except ReadError:
        return
    assert doc.meta.title.strip()
    assert Document.from_json(doc.to_json()) == doc


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_read_or_raise_read_error(data: bytes) -> None:
    with contextlib.suppress(ReadError):
        read_text(data)
