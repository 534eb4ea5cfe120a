"""The speech plan: utterances from the reading order.

The central check, :func:`check_plan`, holds for the example article, every
corpus document and random documents: every word of the content is spoken, in
order; offsets point into the unit's text and the display is that slice;
English speech holds no digits outside code. Its oracle is independent of the
normaliser: it expands the model's ``Abbreviation`` nodes itself, tokenises
the source into letter words and numbers, and accepts for a number any of its
readings from the same number speller (cardinal, year, ordinal, digits,
decade), since which reading applies depends on context. Only tokens that a
lexicon entry, a URL or a unit may legitimately rewrite are optional. The
mutation tests at the end show the check failing on broken plans.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import a11yrender
from a11yrender import reading
from a11yrender.builder import (
    abbr,
    aside,
    code,
    codeblock,
    doc,
    figure,
    h,
    link,
    media,
    note,
    ol,
    p,
    q,
    quote,
    region,
    separator,
    span,
    table,
    time,
    ul,
)
from a11yrender.errors import OptionError, ReadError
from a11yrender.model import (
    Abbreviation,
    Code,
    Document,
    Inline,
    LineBreak,
    Paragraph,
    plain_text,
)
from a11yrender.reading import reading_units
from a11yrender.speech import Lexicon, Utterance, iter_speech, plan_speech
from a11yrender.speech import plan as plan_module
from a11yrender.speech.lexicon import Entry, default_lexicon
from a11yrender.speech.normalize import (
    num2words_language,
    spell_cardinal,
    spell_decade,
    spell_digits,
    spell_ordinal,
    spell_year,
)
from tests.conftest import EXAMPLE
from tests.corpus import corpus
from tests.strategies import documents

# --------------------------------------------------------------------------
# The oracle
# --------------------------------------------------------------------------

_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+")
_DIGITS = re.compile(r"[0-9]+")
#: Letter tokens of the shipped lexicon's graphemes: a rule may rewrite them.
_LEXICON_TOKENS = frozenset(
    t.casefold() for e in default_lexicon("en") for t in re.findall(r"[^\W\d_]+", e.grapheme)
)
_ALWAYS_OPTIONAL = frozenset({"http", "https", "www", "mailto", "am", "pm"})


def _class(ch: str) -> str | None:
    if "0" <= ch <= "9":
        return "0"
    cat = unicodedata.category(ch)
    if cat[0] == "L":
        return "L"
    return "Nd" if cat == "Nd" else None


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """ASCII numbers (with comma grouping), runs of letters, runs of other
    decimal digits; everything else (marks, symbols, punctuation) is skipped."""
    i, n = 0, len(text)
    while i < n:
        kind = _class(text[i])
        if kind is None:
            i += 1
            continue
        if kind == "0":
            # Decimal places are digits of their own, never grouped ("0.001,100").
            after_point = text[i - 1:i] == "." and text[i - 2:i - 1].isdigit()
            m = (_DIGITS if after_point else _NUMBER).match(text, i)
            assert m is not None
            j = m.end()
        else:
            j = i + 1
            while j < n and _class(text[j]) == kind:
                j += 1
        yield text[i:j], i, j
        i = j


def spoken_tokens(text: str) -> list[str]:
    return [t.casefold() for t, _, _ in tokens(text)]


@dataclasses.dataclass(frozen=True)
class Expected:
    token: str
    readings: tuple[tuple[str, ...], ...]
    optional: bool = False


def number_readings(token: str) -> tuple[tuple[str, ...], ...]:
    """Every way the English normaliser may read a written number."""
    value = int(token.replace(",", ""))
    said = {spell_cardinal(value), spell_digits(token), spell_ordinal(value)}
    if len(token) == 4:
        said.add(spell_year(value))
    if value % 10 == 0:
        said.add(spell_decade(value))
    return tuple(tuple(spoken_tokens(s)) for s in sorted(said))


def _segments(inlines: Sequence[Inline], lang: str) -> Iterator[tuple[str, str, bool]]:
    """(text, language, literal) in reading order, abbreviations expanded."""
    for node in inlines:
        here = node.lang or lang
        if isinstance(node, Abbreviation):
            yield node.expansion, here, False
        elif isinstance(node, Code):
            yield node.text, here, True
        elif isinstance(node, LineBreak):
            yield "\n", here, False
        elif hasattr(node, "text"):
            yield node.text, here, False
        else:
            yield from _segments(node.children, here)


#: Where the English normaliser reads a web address (scheme dropped, escapes decoded).
_URL = re.compile(r"(?<![^\W_])(?:https?://|www\.)[^\s<>\"“”‘’]+", re.IGNORECASE)


def url_tokens(url: str) -> list[Expected]:
    out: list[Expected] = []
    for tok, _, _ in tokens(unquote(url)):
        if "0" <= tok[0] <= "9":  # digit runs are said one by one, never grouped
            out.extend(Expected(n, number_readings(n)) for n in tok.split(","))
        else:
            out.append(Expected(tok, ((tok.casefold(),),), tok.casefold() in _ALWAYS_OPTIONAL))
    return out


def expected_tokens(inlines: Sequence[Inline], lang: str, literal: bool = False) -> list[Expected]:
    out: list[Expected] = []
    for text, seg_lang, seg_literal in _segments(inlines, lang):
        literal_here = literal or seg_literal
        english = seg_lang.lower().startswith("en")
        urls = [] if literal_here or not english else [m.span() for m in _URL.finditer(text)]
        said_urls: set[int] = set()
        last_number_end = -10
        for tok, start, end in tokens(text):
            url = next(((a, b) for a, b in urls if a <= start < b), None)
            if url is not None:
                if url[0] not in said_urls:  # the address's own words, decoded
                    said_urls.add(url[0])
                    out.extend(url_tokens(text[url[0]:url[1]]))
                continue
            if tok[0] in "0123456789":
                last_number_end = end
                if literal_here:
                    out.append(Expected(tok, ((tok,),)))
                elif english:
                    # "09:00" is nine o'clock, "$3.00" three dollars.
                    zeros = int(tok.replace(",", "")) == 0 and text[:start].endswith((":", "."))
                    out.append(Expected(tok, number_readings(tok), optional=zeros))
                elif num2words_language(seg_lang) is None:
                    out.append(Expected(tok, ((tok,),)))
                else:  # read in words in that language; other checks cover digits
                    out.append(Expected(tok, (), optional=True))
                continue
            gap = text[last_number_end:start]
            optional = not literal_here and (
                tok.casefold() in _ALWAYS_OPTIONAL
                or (english and tok.casefold() in _LEXICON_TOKENS)
                # a suffix or unit of the number before it: 21st, 1990s, 48m, 5 km
                or (english and ((len(gap) <= 1 and not gap.isspace())
                                 or (len(gap) == 1 and gap.isspace() and len(tok) <= 3)))
                or text[end:end + 1] == "$"  # US$5 is said "five US dollars"
            )
            out.append(Expected(tok, ((tok.casefold(),),), optional))
    return out


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def find_in_order(expected: list[Expected], spoken: list[str], where: str) -> None:
    """Each required token, by one of its readings, after the one before it.

    Tokens match whole spoken tokens, except in scripts written without
    spaces (CJK), where a number said in words joins the letters around it
    ("台風10号" is said "台風十号"), so they match inside a spoken token.
    """
    said = " ".join(spoken)
    pos = 0
    for exp in expected:
        if exp.optional:
            continue  # never let an optional token move the cursor past others
        best: int | None = None
        for reading_ in exp.readings:
            target = " ".join(reading_)
            k = said.find(target, pos)
            while k >= 0 and not _wide(target) and not (
                    (k == 0 or said[k - 1] == " ")
                    and (k + len(target) == len(said) or said[k + len(target)] == " ")):
                k = said.find(target, k + 1)
            if k >= 0 and (best is None or k + len(target) < best):
                best = k + len(target)
        if best is None:
            raise AssertionError(
                f"{where}: {exp.token!r} (as {' / '.join(' '.join(r) for r in exp.readings)}) "
                f"is not spoken after {said[max(0, pos - 30):pos]!r}; spoken: {said!r}")
        pos = best


def unit_sources(d: Document) -> dict[tuple[Any, ...], str]:
    """The text each utterance path points into."""
    out: dict[tuple[Any, ...], str] = {}
    for u in reading_units(d):
        if u.event == "leaf":
            out[u.path] = plain_text(u.inlines)
        elif u.event == "start" and u.kind == "aside" and u.label:
            out[(*u.path, "label")] = u.label
        elif u.event == "start" and u.kind == "media" and u.label:
            out[(*u.path, "title")] = u.label
    if d.meta.kicker:
        out[("meta", "kicker")] = d.meta.kicker
    return out


def code_spans(inlines: Sequence[Inline]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0

    def walk(nodes: Sequence[Inline]) -> None:
        nonlocal pos
        for node in nodes:
            if isinstance(node, LineBreak):
                pos += 1
            elif isinstance(node, Code):
                spans.append((pos, pos + len(node.text)))
                pos += len(node.text)
            elif hasattr(node, "text"):
                pos += len(node.text)
            else:
                walk(node.children)

    walk(inlines)
    return spans


def check_plan(d: Document, plan: Sequence[Utterance]) -> None:
    """The properties every plan has (see the module docs)."""
    sources = unit_sources(d)
    assert [u.index for u in plan] == list(range(len(plan)))
    assert not plan or plan[-1].pause_ms == 0
    by_path: dict[tuple[Any, ...], list[Utterance]] = defaultdict(list)
    for u in plan:
        assert u.kind in ("sentence", "cue") and u.pause_ms >= 0 and u.text.strip()
        assert u.text == u.text.strip() and "  " not in u.text
        prev_end = -1
        for a, b, c, e in u.words:
            assert 0 <= a < b <= len(u.text) and a >= prev_end
            assert not re.search(r"\s", u.text[a:b])
            prev_end = b
            if u.kind == "sentence":
                assert u.source_start <= c <= e <= u.source_end, (u, (a, b, c, e))
            else:
                assert (c, e) == (0, 0)
        if u.kind == "cue":
            assert (u.source_start, u.source_end) == (0, 0)
            continue
        source = sources[u.path]
        assert 0 <= u.source_start < u.source_end <= len(source)
        assert u.display == source[u.source_start:u.source_end]
        by_path[u.path].append(u)
    for unit in reading_units(d):
        if unit.event != "leaf" or unit.kind == "separator":
            continue
        utterances = by_path.get(unit.path, [])
        literal = unit.kind == "code"
        expected = expected_tokens(unit.inlines, unit.lang, literal)
        spoken = [t for u in utterances for t in spoken_tokens(u.text)]
        find_in_order(expected, spoken, f"{unit.kind} at {unit.path}")
        # English speech says numbers in words; only code keeps its digits.
        codes = [(0, 10 ** 9)] if literal else code_spans(unit.inlines)
        for u in utterances:
            if not u.lang.lower().startswith("en"):
                continue
            for a, b, c, e in u.words:
                if any(c < t and s < e for s, t in codes):
                    continue  # a word with code in it
                assert not re.search("[0-9]", u.text[a:b]), (u.text, u.display)


# --------------------------------------------------------------------------
# The example article
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Document:
    return a11yrender.read(EXAMPLE)


def test_example_speaks_north_korea_and_the_years(example: Document) -> None:
    plan = plan_speech(example)
    spoken = " ".join(u.text for u in plan)
    headline = next(u for u in plan if u.path == ("meta", "title"))
    assert headline.text == "Talks Stall Between Japan, North Korea"
    assert headline.display == "Talks Stall Between Japan, N. Korea"
    assert "N. Korea" not in spoken
    last = plan[-1]
    assert last.text.endswith("from nineteen ten to nineteen forty-five.")
    assert last.display.endswith("from 1910 to 1945.")
    assert "U S envoy" in spoken and "twenty-five years" in spoken
    check_plan(example, plan)


def test_example_plan_opening(example: Document) -> None:
    plan = plan_speech(example, verbosity="full")
    assert [(u.kind, u.text, u.pause_ms) for u in plan[:5]] == [
        ("cue", "Main landmark", 250),
        ("cue", "Article", 250),
        ("sentence", "Breaking News", 400),
        ("cue", "Heading level one", 250),
        ("sentence", "Talks Stall Between Japan, North Korea", 1000),
    ]
    first = plan[5]
    assert first.path == ("meta", "standfirst") and first.unit_kind == "standfirst"
    assert (first.source_start, first.display) == (0, first.display)
    assert first.display.startswith("Japan and North Korea held") and first.pause_ms == 350
    assert plan[6].pause_ms == 700  # the end of a paragraph


def test_example_words_point_at_source_words(example: Document) -> None:
    plan = plan_speech(example)
    last = plan[-1]
    source = unit_sources(example)[last.path]
    pairs = [(last.text[a:b], source[c:e]) for a, b, c, e in last.words]
    assert pairs[-4:] == [("nineteen", "1910"), ("ten", "1910"), ("to", "to"),
                          ("nineteen", "1945")] or \
        pairs[-5:] == [("nineteen", "1910"), ("ten", "1910"), ("to", "to"),
                       ("nineteen", "1945"), ("forty-five.", "1945.")]
    headline = plan[1]
    pairs = [(headline.text[a:b], headline.display[c:e]) for a, b, c, e in headline.words]
    assert pairs[-2:] == [("North", "N. Korea"), ("Korea", "N. Korea")]


# --------------------------------------------------------------------------
# Verbosity and cues
# --------------------------------------------------------------------------


def texts(d: Document, verbosity: str = "brief", **kw: Any) -> list[str]:
    return [u.text for u in plan_speech(d, verbosity=verbosity, **kw)]  # type: ignore[arg-type]


def cues(d: Document, verbosity: str) -> list[str]:
    return [u.text for u in plan_speech(d, verbosity=verbosity)  # type: ignore[arg-type]
            if u.kind == "cue"]


STRUCTURE = doc(
    "Title",
    h(2, "Part"),
    ul("one", "two", "three"),
    ol("first", "second", start=4),
    quote("Quoted words.", by="Someone"),
    figure("a.jpg", "A harbour", caption="At dawn.", credit="Photo: Us"),
    table("Scores", head=[["Team", "Points"]], rows=[["Reds", "3"], ["Blues", ""]],
          row_headers=True),
    separator(),
    aside("Key numbers", "Ten."),
    note("Correction", "Fixed."),
    media("video", "https://example.com/v.mp4", "Explainer", "Narrator: hello."),
    codeblock("x = 1", syntax="python"),
    p("See ", link("https://example.com", "the site"), "."),
    kicker="Breaking News",
    regions=[region("navigation", ul(link("/a", "Home")), label="Sections")],
)


def test_verbosity_none_has_no_cues() -> None:
    assert cues(STRUCTURE, "none") == []
    said = texts(STRUCTURE, "none")
    # Content that is displayed is still said: kicker, aside label, media title.
    assert said[:4] == ["Home", "Breaking News", "Title", "Part"]
    assert "Key numbers" in said and "Explainer" in said


def test_verbosity_brief() -> None:
    assert cues(STRUCTURE, "brief") == [
        "List, one item",
        "List, three items",
        "List, two items", "four", "five",
        "Quote", "End of quote",
        "Image", "Caption", "Credit",
        "Table with three rows and two columns",
        "Aside",  # "Correction" gets "Note"; "Key numbers" gets "Aside"
        "Note",
        "Video", "Transcript",
        "Code",
    ]


def test_verbosity_full() -> None:
    said = cues(STRUCTURE, "full")
    assert said[:5] == ["Navigation landmark, Sections", "List, one item", "Bullet",
                        "End of list", "Main landmark"]
    for cue in ("Article", "Heading level one", "Heading level two", "Separator",
                "End of table", "End of aside", "End of note", "End of transcript",
                "Code, python", "Points", "Blank"):
        assert cue in said, cue
    assert "See link the site." in texts(STRUCTURE, "full")


def test_nested_list_in_full() -> None:
    d = doc("T", ul("a", ["b", ul("c", "d")]))
    assert "List, two items, nesting level two" in cues(d, "full")


def test_cue_phrases_for_a_registered_language() -> None:
    phrases = dict(plan_module.CUE_PHRASES["en"], quote="Citation", quote_end="Fin de citation")
    plan_module.register_cue_phrases("fr", phrases)
    try:
        plan = plan_speech(doc("T", quote("Oui."), language="fr"))
        assert [(u.text, u.lang) for u in plan if u.kind == "cue"] == [
            ("Citation", "fr"), ("Fin de citation", "fr")]
    finally:
        del plan_module.CUE_PHRASES["fr"]
    plan = plan_speech(doc("T", quote("Oui."), language="fr"))
    assert [(u.text, u.lang) for u in plan if u.kind == "cue"] == [
        ("Quote", "en"), ("End of quote", "en")]  # no French phrases: English cues
    with pytest.raises(OptionError, match="lack"):
        plan_module.register_cue_phrases("de", {"quote": "Zitat"})


# --------------------------------------------------------------------------
# Languages, abbreviations, lexicons
# --------------------------------------------------------------------------


def test_spans_in_another_language_are_their_own_utterances() -> None:
    d = doc("T", p("She said ", span("fr", "une bibliothèque de 3 étages"), " in 1933."))
    plan = [u for u in plan_speech(d) if u.path == ("body", 0)]
    assert [(u.lang, u.text, u.pause_ms) for u in plan] == [
        ("en", "She said", 0),
        ("fr", "une bibliothèque de trois étages", 0),
        ("en", "in nineteen thirty-three.", 0),
    ]
    assert len({u.sentence for u in plan}) == 1
    assert [(u.source_start, u.source_end) for u in plan] == [(0, 8), (9, 37), (38, 46)]


def test_language_of_blocks_and_the_document() -> None:
    d = doc("Titre", p("Il y a 3 chats."), p("It costs $5.", lang="en-GB"), language="fr")
    plan = plan_speech(d)
    assert [(u.lang, u.text) for u in plan] == [
        ("fr", "Titre"), ("fr", "Il y a trois chats."), ("en-GB", "It costs five dollars.")]
    assert plan_speech(d, language="de")[1].text == "Il y a drei chats."
    with pytest.raises(OptionError, match="BCP 47"):
        plan_speech(d, language="not a tag")


def test_abbreviation_nodes_win_over_the_lexicon() -> None:
    d = doc("T", p(abbr("N. Korea", "the Democratic People's Republic of Korea"),
                   " and N. Korea and ", abbr("G7", "Group of 7"), "."))
    plan = plan_speech(d)
    assert plan[-1].text == ("the Democratic People's Republic of Korea and North Korea and "
                             "Group of seven.")


def test_a_year_marked_by_a_time_node() -> None:
    d = doc("T", p("Opened ", time("1972", "1972"), ", with 1972 seats."))
    assert plan_speech(d)[-1].text == (
        "Opened nineteen seventy-two, with one thousand nine hundred and seventy-two seats.")


def test_user_lexicons(tmp_path: Path) -> None:
    path = tmp_path / "house.lexicon"
    path.write_text("@lang en\nCllr = Council member\nKoizumi = Koi zoo me\n", encoding="utf-8")
    d = doc("T", p("Cllr Koizumi spoke. Le Monde."))
    assert plan_speech(d, lexicons=[path])[-2].text == "Council member Koi zoo me spoke."
    assert plan_speech(d, lexicons=str(path))[-2].text == "Council member Koi zoo me spoke."
    french = Lexicon((Entry("Le Monde", "leu monde"),), "fr")
    assert plan_speech(d, lexicons=[french])[-1].text == "Le Monde."  # French only
    with pytest.raises(ReadError):
        plan_speech(d, lexicons=[tmp_path / "missing.lexicon"])


def test_lexicon_abbreviations_do_not_end_sentences() -> None:
    calif = Lexicon((Entry("Calif.", "California"),), "en")
    d = doc("T", p("The Calif. Senate met. It agreed."))
    assert [u.text for u in plan_speech(d, lexicons=[calif])][-2:] == [
        "The California Senate met.", "It agreed."]


# --------------------------------------------------------------------------
# Pauses, skipping, options
# --------------------------------------------------------------------------


def test_pauses_follow_the_structure() -> None:
    d = doc("T", h(2, "Head"), p("One. Two."), ul("item"), p("After."),
            regions=[region("complementary", p("Related."), label="More")])
    plan = {u.text: u.pause_ms for u in plan_speech(d)}
    assert plan["Head"] == 1000
    assert plan["One."] == 350 and plan["Two."] == 700
    assert plan["item"] == 900  # the end of the list
    assert plan["After."] == 1200  # the article ends, a region follows
    assert plan["Related."] == 0  # the last utterance


def test_skippable_and_skip() -> None:
    d = doc("T", p("Body."), figure("a.jpg", "Alt", caption="Cap."), aside("Box", "Inside."),
            bylines=["By Me"],
            regions=[region("navigation", p("Nav."), label="Menu"),
                     region("complementary", p("Related."), label="More")])
    plan = plan_speech(d)
    skippable = {u.text for u in plan if u.skippable}
    assert skippable == {"Nav.", "By Me", "Caption", "Cap.", "Aside", "Box", "Inside.",
                         "Related."}
    assert {u.text for u in plan if not u.skippable} == {"T", "Body.", "Image", "Alt"}
    said = texts(d, skip=["aside", "caption", "byline", "complementary", "navigation"])
    assert said == ["T", "Body.", "Image", "Alt"]
    assert texts(d, skip="figure") == [t for t in texts(d) if t not in ("Image", "Alt",
                                                                        "Caption", "Cap.")]


@pytest.mark.parametrize(("options", "message"), [
    ({"verbosity": "loud"}, "verbosity must be"),
    ({"skip": ["paragraphs"]}, "cannot skip 'paragraphs'"),
    ({"language": 5}, "BCP 47"),
])
def test_bad_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError, match=message):
        plan_speech(doc("T", p("x")), **options)
    with pytest.raises(OptionError, match="needs a Document"):
        plan_speech("text")  # type: ignore[arg-type]


def test_iter_speech_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playback can start before a long article is planned."""
    d = doc("T", *[p(f"Paragraph {i}.") for i in range(500)])
    seen = 0
    real = reading.reading_units

    def counting(document: Document) -> Iterator[reading.Unit]:
        nonlocal seen
        for unit in real(document):
            seen += 1
            yield unit

    monkeypatch.setattr(plan_module, "reading_units", counting)
    first = next(iter_speech(d))
    assert first.text == "T" and seen < 10
    # Nor is the whole tree walked ahead (heading levels are worked out as the
    # walk goes): the first utterance costs the same however long the article.
    walked = 0
    real_walk = Paragraph.walk

    def counting_walk(self: Paragraph, *args: Any, **kwargs: Any) -> Any:
        nonlocal walked
        walked += 1
        return real_walk(self, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "walk", counting_walk)
    assert next(iter_speech(d)).text == "T"
    assert walked < 10
    with pytest.raises(OptionError):
        iter_speech(d, verbosity="loud")  # type: ignore[arg-type]  # options are checked at once, not on first use


def test_utterances_are_frozen() -> None:
    u = plan_speech(doc("T", p("x")))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.text = "y"  # type: ignore[misc]
    assert a11yrender.plan_speech is plan_speech and a11yrender.Utterance is Utterance


def test_code_is_read_as_written() -> None:
    d = doc("T", p("Run ", code("ls -la 2>&1"), " now, 2 times."),
            codeblock("x = 10\n\ny = 2"))
    said = texts(d)
    assert "Run ls -la 2>&1 now, two times." in said
    assert said[-2:] == ["x = 10", "y = 2"]


def test_inline_quotes_and_line_breaks() -> None:
    d = doc("T", p("He said ", q("Yes."), " She left."))
    assert texts(d)[-2:] == ["He said Yes.", "She left."]


# --------------------------------------------------------------------------
# Every document: corpus and random
# --------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(set(corpus()) - {"long-2000"}))
@pytest.mark.parametrize("verbosity", ["none", "full"])
def test_corpus_plans(slug: str, verbosity: str) -> None:
    d = corpus()[slug]
    plan = plan_speech(d, verbosity=verbosity)  # type: ignore[arg-type]
    check_plan(d, plan)
    assert plan == plan_speech(d, verbosity=verbosity)  # type: ignore[arg-type]


def _english(d: Document) -> Document:
    return dataclasses.replace(d, meta=dataclasses.replace(d.meta, language="en"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["none", "brief", "full"]))
def test_random_documents(d: Document, verbosity: str) -> None:
    plan = plan_speech(d, verbosity=verbosity)  # type: ignore[arg-type]
    check_plan(d, plan)
    assert plan == plan_speech(d, verbosity=verbosity)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents().map(_english))
def test_random_english_documents(d: Document) -> None:
    check_plan(d, plan_speech(d))


_NEWSY = st.one_of(
    st.sampled_from(["in", "from", "to", "the", "since", "between", "and", "on", "at", "of",
                     "pages", "about", "N. Korea", "U.S.", "Mr.", "No.", "Dr", "BC", "s",
                     "GMT", "March", "Jan.", "km", "m", "%", "°C", "&", "+", "-", "–", ",",
                     ".", "'", "$", "£", "€", ":", "st", "am", "bn", "www.example.com",
                     "a@b.co"]),
    st.integers(0, 3000).map(str),
    st.integers(0, 10 ** 7).map(lambda n: f"{n:,}"),
    st.decimals(0, 1000, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.builds(lambda a, b: f"{a}:{b:02d}", st.integers(0, 23), st.integers(0, 59)),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(_NEWSY, min_size=1, max_size=12), st.lists(st.sampled_from(["", " "]),
                                                           min_size=12, max_size=12))
def test_number_heavy_english(parts: list[str], gaps: list[str]) -> None:
    """Years, dates, times, currency and units jammed together in every way."""
    text = "".join(part + gap for part, gap in zip(parts, gaps, strict=False)).strip()
    if not text:
        return
    d = doc("T", p("x " + text))
    check_plan(d, plan_speech(d))


# --------------------------------------------------------------------------
# The check can fail
# --------------------------------------------------------------------------


def _mutate(plan: tuple[Utterance, ...], index: int, text: str) -> tuple[Utterance, ...]:
    return (*plan[:index], dataclasses.replace(plan[index], text=text), *plan[index + 1:])


def test_the_check_fails_on_broken_plans(example: Document) -> None:
    plan = plan_speech(example)
    last = len(plan) - 1
    good = plan[last].text
    broken = [
        good.replace("colonial ", ""),  # a word dropped
        good.replace("brutal colonial", "colonial brutal"),  # two words swapped
        good.replace("nineteen ten", "nineteen eleven"),  # a wrong number
        good.replace("nineteen forty-five", "1945"),  # digits left in English
        good.replace("Korean", "Koreans"),  # a word changed
    ]
    for text in broken:
        assert text != good
        with pytest.raises(AssertionError):
            check_plan(example, _mutate(plan, last, text))
    with pytest.raises(AssertionError):
        check_plan(example, plan[:-1])  # a sentence lost
    moved = dataclasses.replace(plan[last], source_start=plan[last].source_start + 1)
    with pytest.raises(AssertionError):
        check_plan(example, (*plan[:-1], moved))  # display no longer the slice
    check_plan(example, plan)
