"""Normalisation for listening, the sentence splitter and the lexicons.

Each rule of the English table has cases here; the word mapping, the other
languages, the lexicon formats (text and W3C PLS) and the splitter's hard
cases ("N. Korea", "U.S. envoy", decimals, quotes, CJK and Arabic marks)
follow.
"""

from __future__ import annotations

import importlib
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from a11yrender.errors import ReadError
from a11yrender.speech.lexicon import (
    Entry,
    Lexicon,
    compile_lexicon,
    default_lexicon,
    load_lexicon,
    merge_lexicons,
)
from a11yrender.speech.normalize import (
    Fixed,
    RuleNormalizer,
    Spoken,
    get_normalizer,
    normalize,
    num2words_language,
    register_normalizer,
    spell_cardinal,
    spell_decade,
    spell_digits,
    spell_integer,
    spell_ordinal,
    spell_year,
)
from a11yrender.speech.sentences import SentenceRules, register_sentence_rules, split_sentences

EN = compile_lexicon(default_lexicon("en"))


def say(text: str, lang: str = "en") -> str:
    lexicon = compile_lexicon(merge_lexicons(lang, ()))
    return normalize(text, lang, lexicon=lexicon).text


# -- number spelling ------------------------------------------------------------------


@pytest.mark.parametrize(("n", "expected"), [
    (1910, "nineteen ten"), (1945, "nineteen forty-five"), (2005, "two thousand five"),
    (1900, "nineteen hundred"), (1905, "nineteen oh five"), (2000, "two thousand"),
    (2024, "twenty twenty-four"), (2010, "twenty ten"), (1066, "ten sixty-six"),
    (999, "nine hundred and ninety-nine"),
])
def test_spell_year(n: int, expected: str) -> None:
    assert spell_year(n) == expected


def test_spelling_helpers() -> None:
    assert spell_cardinal(12000) == "twelve thousand"
    assert spell_cardinal(1234567) == (
        "one million two hundred and thirty-four thousand five hundred and sixty-seven")
    assert "," not in spell_cardinal(1234567)
    assert spell_ordinal(21) == "twenty-first"
    assert spell_digits("020") == "zero two zero"
    assert spell_integer("007") == "zero zero seven"
    assert spell_integer("1" * 16) == " ".join(["one"] * 16)
    assert spell_decade(1990) == "nineteen nineties"
    assert spell_decade(1900) == "nineteen hundreds"
    assert spell_decade(2000) == "two thousands"
    assert spell_decade(80) == "eighties"
    assert spell_cardinal(5, "fr") == "cinq"
    assert spell_cardinal(5, "zh") == "5"  # num2words has no Chinese: digits stay
    assert num2words_language("pt-BR") == "pt_BR"
    assert num2words_language("nb") == "no"
    assert num2words_language("xx") is None


# -- the English rules ----------------------------------------------------------------

RULES: list[tuple[str, str, str]] = [
    # (rule, written, said)
    ("lexicon", "Talks Stall Between Japan, N. Korea", "Talks Stall Between Japan, North Korea"),
    ("lexicon", "S. Korea and the U.S. envoy", "South Korea and the U S envoy"),
    ("lexicon", "the U.N. and the UK", "the U N and the U K"),
    ("lexicon", "Mr. Smith, Dr. Jones, Gov. Lee and Sen. Park",
     "Mister Smith, Doctor Jones, Governor Lee and Senator Park"),
    ("lexicon", "Cllr Okafor met Dr Osei", "Councillor Okafor met Doctor Osei"),
    ("lexicon", "No. 5 and pp. 3", "number five and pages three"),
    ("lexicon", "No. I said no.", "No. I said no."),  # "No." only before a number
    ("lexicon", "from Jan. to Dec.", "from January to December"),
    ("lexicon", "pears etc. and e.g. plums", "pears et cetera and for example plums"),
    ("lexicon", "UKRAINE and NUK", "UKRAINE and NUK"),  # whole words only
    ("cardinal", "12,000 people", "twelve thousand people"),
    ("cardinal", "1,234,567 votes", "one million two hundred and thirty-four thousand five "
     "hundred and sixty-seven votes"),
    ("cardinal", "1910 delegates", "one thousand nine hundred and ten delegates"),
    ("cardinal", "1,900 homes", "one thousand nine hundred homes"),
    ("decimal", "3.5 times", "three point five times"),
    ("decimal", "0.05 and 3.50", "zero point zero five and three point five zero"),
    ("negative", "-4 and −12", "minus four and minus twelve"),
    ("leading zero", "agent 007", "agent zero zero seven"),
    ("in a word", "K2, MP3 and RV1", "K two, MP three and RV one"),
    ("year", "in 1910", "in nineteen ten"),
    ("year", "from 1910 to 1945", "from nineteen ten to nineteen forty-five"),
    ("year", "between 1939 and 1945", "between nineteen thirty-nine and nineteen forty-five"),
    ("year", "since 2005, by 1900", "since two thousand five, by nineteen hundred"),
    ("year", "the summer of 1969", "the summer of nineteen sixty-nine"),
    ("year", "founded 1848", "founded eighteen forty-eight"),
    ("year", "in 55 BC and 1066 AD", "in fifty-five BC and ten sixty-six AD"),
    ("year", "© 2024 Riverside", "© twenty twenty-four Riverside"),
    ("year", "the original 2019 report", "the original twenty nineteen report"),
    ("year", "2024 was calm", "twenty twenty-four was calm"),
    ("cardinal", "2000 people and 1500 metres", "two thousand people and one thousand five "
     "hundred metres"),
    ("cardinal", "code 1234", "code one thousand two hundred and thirty-four"),
    ("decade", "the 1990s", "the nineteen nineties"),
    ("decade", "the 1900s and the '80s", "the nineteen hundreds and the eighties"),
    ("ordinal", "the 21st century", "the twenty-first century"),
    ("ordinal", "1st, 2nd, 3rd and 4th", "first, second, third and fourth"),
    ("range", "1910–1945", "nineteen ten to nineteen forty-five"),
    ("range", "1990-91", "nineteen ninety to ninety-one"),
    ("range", "pages 3-5", "pages three to five"),
    ("range", "20–30mm of rain", "twenty to thirty millimetres of rain"),
    ("range", "K2-18", "K two-eighteen"),  # inside a word: not a range
    ("currency", "$3.5bn", "three point five billion dollars"),
    ("currency", "£48m", "forty-eight million pounds"),
    ("currency", "€4", "four euros"),
    ("currency", "¥100", "one hundred yen"),
    ("currency", "$1", "one dollar"),
    ("currency", "£3.50", "three pounds fifty pence"),
    ("currency", "$2.01", "two dollars one cent"),
    ("currency", "$5 million", "five million dollars"),
    ("currency", "US$5", "five US dollars"),
    ("currency", "5 €", "five euros"),
    ("currency", "£3–5bn", "three to five billion pounds"),
    ("percentage", "5% and 12.5 %", "five percent and twelve point five percent"),
    ("percentage", "100% sure", "one hundred percent sure"),
    ("unit", "25°C", "twenty-five degrees Celsius"),
    ("unit", "1°C", "one degree Celsius"),
    ("unit", "gusts of 70mph", "gusts of seventy miles per hour"),
    ("unit", "1 km and 2.5 km", "one kilometre and two point five kilometres"),
    ("unit", "20 metres", "twenty metres"),
    ("date", "5 March 2024", "the fifth of March twenty twenty-four"),
    ("date", "March 5, 2024", "March fifth, twenty twenty-four"),
    ("date", "2024-03-05", "the fifth of March twenty twenty-four"),
    ("date", "2024-02-30", "twenty twenty-four-zero two-thirty"),  # no such day
    ("date", "in March 2024", "in March twenty twenty-four"),
    ("date", "on 14 June", "on the fourteenth of June"),
    ("date", "on Jan. 5", "on January fifth"),
    ("date", "May 1st", "May first"),
    ("time", "09:30", "nine thirty"),
    ("time", "18:05 GMT", "eighteen oh five G M T"),
    ("time", "9.30am", "nine thirty A M"),
    ("time", "6pm and 10 a.m.", "six P M and ten A M"),
    ("time", "at 18:00 and 09:00", "at eighteen hundred and nine o'clock"),
    ("time", "12:30:15", "twelve thirty and fifteen seconds"),
    ("time", "07:30 UTC+01:00", "seven thirty U T C plus one"),
    ("time", "UTC+05:30", "U T C plus five thirty"),
    ("phone", "020 7946 0958", "zero two zero, seven nine four six, zero nine five eight"),
    ("phone", "+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine "
     "five eight"),
    ("url", "see https://www.example.com/news/today.", "see W W W dot example dot com slash "
     "news slash today."),
    ("url", "at example.org", "at example.org"),  # no scheme or www: left to the engine
    ("url", "http://example.com/caf%C3%A9?id=5", "example dot com slash café question mark id "
     "equals five"),
    ("email", "write to desk@example.co.uk.", "write to desk at example dot co dot uk."),
    ("symbol", "R&D and C++", "R and D and C plus plus"),
    ("symbol", "a+b=c", "a plus b equals c"),
    ("symbol", "#1 and ~5", "number one and about five"),
    ("symbol", "# and ~", "# and ~"),  # only before a number
    ("symbol", "CO₂ and H₂O", "CO two and H two O"),
    ("symbol", "10³ watts", "ten to the power of three watts"),
    ("dotted", "version 1.2.3", "version one dot two dot three"),
]


@pytest.mark.parametrize(("written", "said"), [pytest.param(w, s, id=f"{r}: {w}")
                                              for r, w, s in RULES])
def test_english_rule(written: str, said: str) -> None:
    assert say(written) == said


def test_every_rule_has_cases() -> None:
    names = {r for r, _, _ in RULES}
    assert names >= {"lexicon", "cardinal", "decimal", "negative", "year", "decade", "ordinal",
                     "range", "currency", "percentage", "unit", "date", "time", "url", "email",
                     "symbol"}


def test_without_a_lexicon_only_the_rules_apply() -> None:
    assert normalize("N. Korea in 1910").text == "N. Korea in nineteen ten"


def test_white_space_collapses_and_edges_are_trimmed() -> None:
    assert say("  a \n\t b  ") == "a b"
    assert say("") == ""


def test_displayed_text_is_never_changed() -> None:
    text = "N. Korea in 1910"
    normalize(text, lexicon=EN)
    assert text == "N. Korea in 1910"


# -- the word mapping -----------------------------------------------------------------


def words_of(spoken: Spoken, source: str) -> list[tuple[str, str]]:
    return [(spoken.text[a:b], source[c:d]) for a, b, c, d in spoken.words]


def test_words_point_at_their_source() -> None:
    source = "Korea (from 1910 to 1945) said R&D."
    spoken = normalize(source, lexicon=EN)
    assert spoken.text == "Korea (from nineteen ten to nineteen forty-five) said R and D."
    assert words_of(spoken, source) == [
        ("Korea", "Korea"), ("(from", "(from"), ("nineteen", "1910"), ("ten", "1910"),
        ("to", "to"), ("nineteen", "1945"), ("forty-five)", "1945)"), ("said", "said"),
        ("R", "R"), ("and", "&"), ("D.", "D."),
    ]


def test_bare_punctuation_is_not_a_word() -> None:
    spoken = normalize("wait — what ?")
    assert [spoken.text[a:b] for a, b, _, _ in spoken.words] == ["wait", "what"]


def test_fixed_spans_say_what_the_caller_decides() -> None:
    source = "the USMC and x=1 here"
    fixed = [Fixed(4, 8, "United States Marine Corps 1"), Fixed(13, 16, None), Fixed(0, 0, "link")]
    spoken = normalize(source, fixed=fixed, lexicon=EN)
    assert spoken.text == "link the United States Marine Corps one and x=1 here"
    pairs = words_of(spoken, source)
    assert pairs[0] == ("link", "") and pairs[2] == ("United", "USMC")
    assert ("x=1", "x=1") in pairs


def test_marked_years() -> None:
    assert normalize("born 1933").text == "born nineteen thirty-three"
    assert normalize("1933 people").text.startswith("one thousand")
    assert normalize("1933 people", years=[(0, 4)]).text == "nineteen thirty-three people"


# -- other languages ------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "written", "said"), [
    ("fr", "Il y a 3 000 personnes et 2,5 km", "Il y a trois mille personnes et deux virgule "
     "cinq km"),
    ("fr", "moins -4 degrés", "moins moins quatre degrés"),
    ("de", "12.000 Menschen, 3,5 Prozent", "zwölftausend Menschen, drei Komma fünf Prozent"),
    ("es", "2024", "dos mil veinticuatro"),
    ("ja", "2024年3月5日", "二千二十四年三月五日"),
    ("ar", "عام 2024", "عام ألفان و أربعة و عشرون"),
    ("zh-Hans", "2024年", "2024年"),  # num2words has no Chinese: left for the engine
    ("hi", "साल 2024", "साल 2024"),
    ("fr", "N. Korea", "N. Korea"),  # the English lexicon is for English only
])
def test_other_languages(lang: str, written: str, said: str) -> None:
    assert say(written, lang) == said


def test_register_a_normaliser() -> None:
    class Shout(RuleNormalizer):
        def normalize(self, text: str, *, fixed: object = (), years: object = (),
                      lexicon: object = None) -> Spoken:
            return Spoken(text.upper(), ())

    register_normalizer("qaa", lambda tag: Shout(tag, ()))
    try:
        assert get_normalizer("qaa-GB").normalize("hi").text == "HI"
        assert get_normalizer("qab").normalize("hi 5").text == "hi 5"  # generic, no num2words
    finally:
        module = importlib.import_module("a11yrender.speech.normalize")
        module._REGISTRY.pop("qaa", None)
        get_normalizer.cache_clear()


# -- lexicons -------------------------------------------------------------------------


def test_shipped_lexicon_is_package_data() -> None:
    lexicon = default_lexicon("en-GB")
    assert lexicon.lang == "en" and len(lexicon) > 100
    assert lexicon.lookup("N. Korea") == Entry("N. Korea", "North Korea")
    km = lexicon.lookup("km")
    assert km is not None and km.context == "after-number"
    assert km.say(True) == "kilometre" and km.say(False) == "kilometres"
    assert default_lexicon("fr").entries == ()


def test_text_format(tmp_path: Path) -> None:
    path = tmp_path / "mine.lexicon"
    path.write_text("# mine\n@lang en\nWHO = World Health Organization\nDr = Drive\n"
                    "fl oz = fluid ounce | fluid ounces ; after-number\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.lang == "en" and len(lexicon) == 3
    merged = compile_lexicon(merge_lexicons("en", [lexicon]))
    said = normalize("WHO says 2 fl oz on Dr Smith's", lexicon=merged).text
    # The user's entries win over the shipped "Dr = Doctor".
    assert said == "World Health Organization says two fluid ounces on Drive Smith's"


@pytest.mark.parametrize(("text", "message"), [
    ("just words", "expected 'grapheme = alias'"),
    ("x = y ; sometimes", "unknown context"),
    ("@language en", "unknown directive"),
    (" = y", "expected 'grapheme = alias'"),
])
def test_text_format_errors(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        Lexicon.parse(text, name="bad.lexicon")


PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="en-GB">
  <meta name="author" content="newsroom"/>
  <lexeme>
    <grapheme>BBC</grapheme>
    <grapheme>B.B.C.</grapheme>
    <alias>British Broadcasting Corporation</alias>
  </lexeme>
  <lexeme role="noun">
    <grapheme>Koizumi</grapheme>
    <phoneme>koɪˈzuːmi</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>NHK</grapheme>
    <alias>N H K</alias>
    <alias prefer="true">Japan Broadcasting Corporation</alias>
    <example>NHK reported it.</example>
  </lexeme>
</lexicon>
"""


def test_pls_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "news.pls"
    path.write_text(PLS, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.lang == "en-GB" and lexicon.applies_to("en") and not lexicon.applies_to("fr")
    assert lexicon.lookup("B.B.C.") == Entry("B.B.C.", "British Broadcasting Corporation")
    # A phoneme-only lexeme keeps its phonemes and is said as written.
    assert lexicon.lookup("Koizumi") == Entry("Koizumi", None, phoneme="koɪˈzuːmi",
                                              alphabet="ipa")
    # PLS: the preferred pronunciation wins.
    nhk = lexicon.lookup("NHK")
    assert nhk is not None and nhk.alias == "Japan Broadcasting Corporation"
    matcher = compile_lexicon(merge_lexicons("en", [lexicon]))
    said = normalize("BBC and NHK met Koizumi", lexicon=matcher).text
    assert said == "British Broadcasting Corporation and Japan Broadcasting Corporation met Koizumi"
    assert Lexicon.parse(PLS).lookup("BBC") is not None  # text that is XML is PLS too


@pytest.mark.parametrize(("xml", "message"), [
    ("<lexicon", "not well-formed"),
    ('<lexicon version="1.0" xml:lang="en"/>', "PLS namespace"),
    ('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" version="2.0" '
     'xml:lang="en"/>', "version 1.0"),
    ('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" version="1.0" '
     'xml:lang="en"><lexeme><alias>x</alias></lexeme></lexicon>', "no grapheme"),
    ('<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" version="1.0" '
     'xml:lang="en"><lexeme><grapheme>x</grapheme></lexeme></lexicon>', "no alias or phoneme"),
    ('<!DOCTYPE lexicon [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     '<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" version="1.0" '
     'xml:lang="en"><lexeme><grapheme>&e;</grapheme><alias>x</alias></lexeme></lexicon>',
     "no grapheme"),  # entities are never resolved
])
def test_pls_errors(tmp_path: Path, xml: str, message: str) -> None:
    path = tmp_path / "bad.pls"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(ReadError, match=message):
        load_lexicon(path)


def test_missing_or_binary_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot read lexicon"):
        load_lexicon(tmp_path / "nope.lexicon")
    path = tmp_path / "bin.lexicon"
    path.write_bytes(b"\xff\xfe\x00x")
    with pytest.raises(ReadError, match="UTF-8"):
        load_lexicon(path)


# -- sentences ------------------------------------------------------------------------

SENTENCES: list[tuple[str, list[str]]] = [
    ("Talks with N. Korea stalled. The U.S. envoy left.",
     ["Talks with N. Korea stalled.", "The U.S. envoy left."]),
    ("Mr. Smith met Dr. Jones. They spoke.", ["Mr. Smith met Dr. Jones.", "They spoke."]),
    ("Prices rose 3.5 percent. Then they fell.", ["Prices rose 3.5 percent.", "Then they fell."]),
    ("Wait... what? No!", ["Wait... what?", "No!"]),
    ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
    ('"Yes." He left.', ['"Yes."', "He left."]),
    ('He said "Stop!" and left.', ['He said "Stop!" and left.']),
    ("“It is over.” She left.", ["“It is over.”", "She left."]),
    ("J. R. R. Tolkien wrote it. No. 5 is next.", ["J. R. R. Tolkien wrote it.",
                                                   "No. 5 is next."]),
    ("He lives in the U.S. The envoy does not.", ["He lives in the U.S.",
                                                  "The envoy does not."]),
    ("It opens at 3 p.m. on Monday.", ["It opens at 3 p.m. on Monday."]),
    ("Apples, pears, etc. are fruit.", ["Apples, pears, etc. are fruit."]),
    ("Visit example.com. It is new.", ["Visit example.com.", "It is new."]),
    ("It ended in 1945. 1946 was calm.", ["It ended in 1945.", "1946 was calm."]),
    ("(It ended.) Then peace.", ["(It ended.)", "Then peace."]),
    ("東京は晴れ。大阪は雨！本当？", ["東京は晴れ。", "大阪は雨！", "本当？"]),
    ("「はい。」と言った。", ["「はい。」", "と言った。"]),
    ("هل هذا صحيح؟ نعم.", ["هل هذا صحيح؟", "نعم."]),
    ("یہ ٹھیک ہے۔ جی ہاں۔", ["یہ ٹھیک ہے۔", "جی ہاں۔"]),
    ("यह सही है। हाँ।", ["यह सही है।", "हाँ।"]),
    ("¿Vienes? ¡Sí!", ["¿Vienes?", "¡Sí!"]),
    ("one line\nand more. Next", ["one line\nand more.", "Next"]),
    ("", []),
    ("   ", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    lang = "es" if text.startswith("¿") else "en"
    assert [text[a:b] for a, b in split_sentences(text, lang)] == expected


def test_protected_spans_are_never_cut() -> None:
    text = "The Calif. Gov. Office said so. Fine."
    assert len(split_sentences(text, "en")) == 3  # "Calif." is not known...
    assert len(split_sentences(text, "en", protected=[(4, 15)])) == 2  # ...unless protected
    text = "Ask the Dept. Head now."
    spans = split_sentences(text, "en", protected=[(8, 18)])
    assert [text[a:b] for a, b in spans] == [text]


def test_register_sentence_rules() -> None:
    register_sentence_rules("qaa", SentenceRules(prefixes=frozenset({"Hr"})))
    assert len(split_sentences("Hr. Berg kam. Gut.", "qaa-AT")) == 2
    assert len(split_sentences("Hr. Berg kam. Gut.", "qab")) == 3


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?…\"'。؟ \nA1")), max_size=40))
def test_split_sentences_covers_the_text(text: str) -> None:
    spans = split_sentences(text, "en")
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2
    for a, b in spans:
        assert text[a:b] == text[a:b].strip() and a < b
