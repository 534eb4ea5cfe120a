"""The text reader: the example against its golden dump, the fixture cases in
``fixtures/text_reader.md``, byte decoding, and no word lost from the sample articles."""

from __future__ import annotations

import codecs
import contextlib
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11yrender import A11yRenderError, ReadError, read, read_text, render
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


def _source_lines(path: Path) -> list[str]:
    from a11yrender.readers._decode import decode_bytes

    text = decode_bytes(path.read_bytes())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Page chrome at the top is what the renderers regenerate.
    chrome = re.compile(r"^\s*(?:[-*•]\s+)?(?:accessibility (?:links|help)|skip to .*)\s*$", re.I)
    while lines and (not lines[0].strip() or chrome.match(lines[0])):
        lines.pop(0)
    return lines


def _source_words(lines: list[str]) -> list[str]:
    body = _MARKER.sub(" ", "\n".join(lines))  # list numbers and bullets are structure, not words
    return _WORD.findall(body)


def _document_words(doc: Document) -> tuple[list[str], list[str], list[str]]:
    """All words of the document in reading order, those of the body alone, and
    the published and updated dates as the text renderer writes them."""
    words: list[str] = _WORD.findall(doc.meta.kicker or "")
    body: list[str] = []
    dates: list[str] = []
    for unit in iter_leaves(doc):
        if unit.kind in ("published", "updated"):
            # Said from the parsed value, not from the source's words: checked
            # against the source's date line by what it says (_date_key).
            dates.append(f"{unit.label}: {plain_text(unit.inlines)}")
            continue
        found = _WORD.findall(plain_text(unit.inlines) or unit.text)
        words += found
        if unit.path[:1] == ("body",):
            body += found
    return words, body, dates


# What a date line says, however it is written, for matching a source line to
# the "Published: 4 November 2002, 09:30 UTC" line rendered from its parsed
# value. Deliberately separate from the reader's own parser, and strict: any
# word it cannot account for stays in the key, so a line that says more than
# the value (a zone without an offset, "2 hours ago", a wrong weekday) matches
# no rendered date.
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_LABELS = frozenset({"published", "posted", "first", "last", "updated", "modified",
                          "date", "on", "at"})
_NUMERIC_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})"
                           r"|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_CLOCK = re.compile(r"(?:\b|t)(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?m\b\.?)?"
                    r"(?:\s*(z|utc|gmt)\b)?(?:\s*([+-])(\d{1,2}):?(\d{2})?)?")


def _month(word: str) -> int | None:
    full = [m for m in ("january", "february", "march", "april", "may", "june", "july",
                        "august", "september", "october", "november", "december")
            if m.startswith(word) or (word == "sept" and m == "september")]
    return _MONTH_NAMES.index(full[0][:3]) + 1 if len(full) == 1 and len(word) >= 3 else None


def _date_key(line: str) -> tuple[str, ...] | None:
    s = line.casefold()
    kind = "updated" if re.search(r"\b(?:updated|modified)\b", s) else "published"
    day = None
    m = _NUMERIC_DATE.search(s)
    if m:
        y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        day = (y, mo, d)
    for form, order in ((_DAY_MONTH_YEAR, (2, 1, 0)), (_MONTH_DAY_YEAR, (2, 0, 1))):
        if day is not None:
            break
        m = form.search(s)
        month = _month(m.group(order[1] + 1)) if m else None
        if m and month:
            day = (int(m.group(order[0] + 1)), month, int(m.group(order[2] + 1)))
    if day is None or m is None:
        return None
    try:
        weekday = _WEEKDAY_NAMES[date(*day).weekday()]
    except ValueError:
        return None
    s = s[:m.start()] + " " + s[m.end():]
    tokens = [kind, "{:04d}-{:02d}-{:02d}".format(*day)]
    c = _CLOCK.search(s)
    if c:
        hour, minute, ampm, utc, sign, oh, om = c.groups()
        h = int(hour) % 12 + (12 if ampm == "p" else 0) if ampm else int(hour)
        tokens.append(f"{h:02d}:{minute}")
        if utc or sign:
            tokens.append(f"{sign or '+'}{int(oh or 0):02d}:{om or '00'}")
        s = s[:c.start()] + " " + s[c.end():]
    for word in _WORD.findall(s):
        # A weekday is implied by the date, so the rendered date need not say it;
        # any other weekday is a word the rendered date does not say.
        if word not in _DATE_LABELS and not (len(word) >= 3 and weekday.startswith(word)):
            tokens.append(word)
    return tuple(sorted(tokens))


@pytest.mark.parametrize(("line", "shown"), [
    ("Published: 2 October 2023", "Published: 2 October 2023"),
    ("Updated 07:45 GMT, 15 February 2024", "Updated: 15 February 2024, 07:45 UTC"),
    ("Last updated: Friday, 8 December 2023, 16:20 GMT", "Updated: 8 December 2023, 16:20 UTC"),
    ("2024年3月3日", "Published: 2024-03-03"),
    ("Posted: 2002-11-04T09:30+09:00", "Published: 2002-11-04 09:30 UTC+09:00"),
    ("Published Nov. 4, 2002 at 9:30 p.m.", "Published: 4 November 2002, 21:30"),
])
def test_date_key_matches_what_a_date_line_says(line: str, shown: str) -> None:
    assert _date_key(line) == _date_key(shown) is not None


@pytest.mark.parametrize(("line", "shown"), [
    ("Updated 07:45 GMT, 15 February 2024", "Published: 15 February 2024, 07:45 UTC"),
    ("Updated 07:45 GMT, 15 February 2024", "Updated: 15 February 2024"),
    ("Updated 07:45 GMT, 15 February 2024", "Updated: 15 February 2024, 07:45"),
    ("Updated Nov. 5, 2002, 9:30 a.m. ET", "Updated: 5 November 2002, 09:30"),
    ("Published: Tuesday, 4 November 2002", "Published: 4 November 2002"),
    ("Published 3 May 2024", "Published: 5 March 2024"),
    ("2024年3月3日", "Published: 2024-03-04"),
])
def test_date_key_tells_different_dates_apart(line: str, shown: str) -> None:
    assert _date_key(line) != _date_key(shown)


def test_there_are_sample_articles() -> None:
    assert len(ARTICLES) >= 6


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_article_keeps_every_word_in_order(path: Path) -> None:
    doc = read(path)
    lines = _source_lines(path)
    words, body, dates = _document_words(doc)
    # A date line whose value is all it says is rendered from the value
    # ("Published: 2 October 2023"), once: each rendered date must say what
    # one date line of the source says, and that line's words are then
    # accounted for by it.
    rendered = render(doc, "text", width=0).split("\n")
    for shown in dates:
        assert shown in rendered
        said = [i for i, line in enumerate(lines) if _date_key(line) == _date_key(shown)]
        assert said, f"{shown!r} is not what any date line of {path.name} says"
        del lines[said[0]]
    source = _source_words(lines)
    # Nothing lost and nothing invented (a date line kept as the dateline as
    # well would count twice)...
    assert Counter(words) == Counter(source)
    # ...the header reads in source order up to the bylines and dates the
    # renderers place after the standfirst, and the body keeps its order.
    assert source[-len(body):] == body
    head = _WORD.findall(f"{doc.meta.kicker or ''} {doc.meta.title}")
    before_body = source[:-len(body)]
    assert any(before_body[i:i + len(head)] == head for i in range(len(before_body)))


def test_a_date_line_is_rendered_once() -> None:
    source = ("Ferry fares rise\n\nBy Ann Lee\n\nPublished 3 May 2024\n\n"
              "Fares rise by 5% from Monday.\n\nThe change affects all routes.\n")
    text = render(read_text(source), "text")
    assert "Published: 3 May 2024" in text
    assert "Published 3 May 2024" not in text and "3 May" not in text.replace(
        "Published: 3 May 2024", "")


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_article_has_structure(path: Path) -> None:
    doc = read(path)
    assert doc.meta.title and doc.meta.standfirst and doc.body
    kinds = {type(b) for _, b in doc.walk()}
    assert Paragraph in kinds
    # A place dateline's dash leads into its sentence; it never hangs in the metadata.
    assert not (doc.meta.dateline or "").endswith(("—", "–", "-"))


def test_place_dateline_opens_its_paragraph() -> None:
    doc = read(ROOT / "examples" / "articles" / "council-budget-vote.txt")
    assert doc.meta.dateline is None
    assert plain_text(doc.meta.standfirst).startswith(
        "LINDHOLM, March 5 (Civic Wire) — Councillors in Lindholm approved")


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
