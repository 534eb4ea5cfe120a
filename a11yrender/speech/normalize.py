"""Normalisation for listening: written text -> the words a speech engine says.

Pure functions; the displayed text is never changed. :func:`normalize` takes
a piece of text in one language and returns a :class:`Spoken` value: the
text to say and, for every spoken word, the span of the source it came from
(so word events can point at source words).

Normalisers are found per language by :func:`get_normalizer` (register more
with :func:`register_normalizer`). English has the full rule table, tried at
each word start in this order:

==============  ==========================================  ==============================
rule            written                                      said
==============  ==========================================  ==============================
url             ``https://example.com/news``                 example dot com slash news;
                                                             ``www`` is W W W
email           ``desk@example.com``                         desk at example dot com
date            ``5 March 2024``, ``March 5, 2024``,         the fifth of March twenty
                ``2024-03-05``, ``March 2024``               twenty-four; March fifth, …
zone            ``UTC+05:30``                                U T C plus five thirty
time            ``09:30``, ``18:05``, ``9.30am``, ``6pm``    nine thirty, eighteen oh five,
                                                             nine thirty A M, six P M
lexicon         ``N. Korea``, ``Mr.``, ``No. 5``             North Korea, Mister, number five
phone           ``020 7946 0958``,                           zero two zero, seven nine four
                ``+44 20 7946 0958``                         six, …; plus four four, …
dotted number   ``1.2.3``                                    one dot two dot three
number          ``12,000``, ``3.5``, ``-4``, ``21st``,       twelve thousand, three point
                ``1990s``, ``'90s``, ``10³``                 five, minus four, twenty-first,
                                                             nineteen nineties, nineties, ten
                                                             to the power of three
year            ``in 1910``, ``from 1910 to 1945``,          in nineteen ten, …, nineteen
                ``1910–1945``, ``2005``, ``1900``            ten to nineteen forty-five, two
                                                             thousand five, nineteen hundred
range           ``pages 3-5``, ``20–30mm``                   three to five, twenty to thirty
                                                             millimetres
currency        ``$3.5bn``, ``£48m``, ``€4``, ``¥100``,      three point five billion
                ``£3.50``                                    dollars, forty-eight million
                                                             pounds, four euros, one hundred
                                                             yen, three pounds fifty pence
unit            ``5%``, ``25°C``, ``70mph``, ``1 km``        five percent, twenty-five
                                                             degrees Celsius, …, one kilometre
symbol          ``&``, ``+``, ``=``, ``#1``, ``CO₂``         and, plus, equals, number one,
                                                             CO two
==============  ==========================================  ==============================

A four-digit number is read as a year in a year context: after a word such
as "in", "since", "from", "by", "of" or a season, after "©", in a range of
years, before "BC"/"AD", as a decade ("1990s"), in a date, or where the
document marks it as a year (a ``Time`` whose value is a year). A bare number
from 1500 to 2099 is a year too ("the 2019 report", "2024 was"), unless it
counts something ("1910 delegates", "2000 people": a plural follows), since
news writes counts of a thousand or more with a comma ("1,900 homes"). Other
numbers are cardinals. Numbers with a leading zero ("020 7946") are read
digit by digit.

Other languages get a generic normaliser: lexicon entries, then numbers in
words through ``num2words`` where it knows the language (with that
language's decimal comma and digit grouping), else numbers are left as
written for the engine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Protocol
from urllib.parse import unquote

from .lexicon import LexiconMatcher

__all__ = [
    "Fixed",
    "Normalizer",
    "RuleNormalizer",
    "Spoken",
    "get_normalizer",
    "normalize",
    "num2words_language",
    "register_normalizer",
    "spell_cardinal",
    "spell_decade",
    "spell_digits",
    "spell_integer",
    "spell_ordinal",
    "spell_year",
]


def _words(text: str) -> list[str]:
    """The words of a space-separated table in the source."""
    return text.split()

Word = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Fixed:
    """A stretch of the source whose spoken form the caller decides.

    ``say`` is said instead of ``source[start:end]`` (itself normalised, so an
    expansion's numbers are read too); ``None`` says the source as written,
    without normalisation (code). With ``start == end`` the words are inserted
    (a "link" announcement).
    """

    start: int
    end: int
    say: str | None = None


@dataclass(frozen=True, slots=True)
class Spoken:
    """Text to say, and where each spoken word came from.

    ``words`` holds ``(spoken_start, spoken_end, source_start, source_end)``
    for each word of ``text`` that holds a letter, digit or symbol (bare
    punctuation is not a word); a word made by a rule points at the whole
    source it replaced, and an inserted word at an empty span.
    """

    text: str
    words: tuple[Word, ...] = ()


class Normalizer(Protocol):
    """Turns written text in one language into what is said."""

    language: str

    def normalize(self, text: str, *, fixed: Sequence[Fixed] = (),
                  years: Sequence[tuple[int, int]] = (),
                  lexicon: LexiconMatcher | None = None) -> Spoken:
        """``text`` for listening; ``years``: spans known to hold a year."""
        ...


# --------------------------------------------------------------------------
# Number spelling (num2words underneath)
# --------------------------------------------------------------------------


@lru_cache(maxsize=64)
def num2words_language(lang: str) -> str | None:
    """The num2words language code for a BCP 47 tag, or None if it has none."""
    from num2words import CONVERTER_CLASSES  # type: ignore[import-untyped]

    parts = lang.replace("_", "-").split("-")
    primary = parts[0].lower()
    primary = {"nb": "no", "nn": "no", "iw": "he", "in": "id"}.get(primary, primary)
    for sub in parts[1:]:
        if len(sub) == 2 and f"{primary}_{sub.upper()}" in CONVERTER_CLASSES:
            return f"{primary}_{sub.upper()}"
    return primary if primary in CONVERTER_CLASSES else None


def _n2w(value: int | Decimal, lang: str = "en", to: str = "cardinal") -> str:
    from num2words import num2words

    words = str(num2words(value, lang=lang, to=to))
    # num2words groups English thousands with commas, which engines pause on.
    return " ".join(words.replace(",", " ").split())


@lru_cache(maxsize=4096)
def spell_cardinal(n: int, lang: str = "en") -> str:
    """``n`` in words ("twelve thousand", "minus four")."""
    code = num2words_language(lang)
    if code is None:
        return str(n)
    return _n2w(n, code)


@lru_cache(maxsize=1024)
def spell_ordinal(n: int, lang: str = "en") -> str:
    """``n`` as an ordinal ("twenty-first")."""
    code = num2words_language(lang)
    if code is None:
        return str(n)
    try:
        return _n2w(n, code, "ordinal")
    except (NotImplementedError, OverflowError, TypeError, ValueError):
        return spell_cardinal(n, lang)


_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def spell_digits(digits: str) -> str:
    """Each ASCII digit of ``digits`` as an English word ("020" -> zero two zero)."""
    return " ".join(_DIGIT_WORDS[int(d)] for d in digits if "0" <= d <= "9")


def spell_integer(digits: str) -> str:
    """An English integer as written: digit by digit with a leading zero or
    beyond fifteen digits (phone numbers, codes), else as a cardinal."""
    if (len(digits) > 1 and digits[0] == "0") or len(digits) > 15:
        return spell_digits(digits)
    return spell_cardinal(int(digits))


def spell_year(n: int) -> str:
    """An English year: 1910 nineteen ten, 2005 two thousand five, 1900
    nineteen hundred, 1905 nineteen oh five, 2024 twenty twenty-four."""
    if not 1000 <= n <= 9999 or n % 1000 == 0:
        return spell_cardinal(n)
    high, low = divmod(n, 100)
    if 2000 < n < 2010:
        return f"two thousand {spell_cardinal(low)}"
    if low == 0:
        return f"{spell_cardinal(high)} hundred"
    if low < 10:
        return f"{spell_cardinal(high)} oh {spell_cardinal(low)}"
    return f"{spell_cardinal(high)} {spell_cardinal(low)}"


def _plural(word: str) -> str:
    if word.endswith("y"):
        return word[:-1] + "ies"
    if word.endswith(("x", "s")):
        return word + "es"
    return word + "s"


def spell_decade(n: int) -> str:
    """A decade or century in English: 1990 (for "1990s") nineteen nineties,
    1900 nineteen hundreds, 2000 two thousands, 90 nineties."""
    words = spell_year(n) if n >= 1000 else spell_cardinal(n)
    head, _, last = words.rpartition(" ")
    # "forty-five" -> "forty-fives" would be odd, but decades end in 0.
    return f"{head} {_plural(last)}".strip()


# --------------------------------------------------------------------------
# The output builder: spoken characters with the source span of each
# --------------------------------------------------------------------------


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _speakable(word: str) -> bool:
    return any(c.isalnum() for c in word) or any(
        unicodedata.category(c)[0] in "LNS" for c in word)


class _Out:
    """Collects spoken text, keeping for each character the source span it says.

    Output follows the source in order, so the spans' starts and ends never
    decrease: a word's source span is its first character's start and its last
    character's end. White space has no span (-1).
    """

    __slots__ = ("ends", "last", "last_said", "parts", "starts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.last = ""
        self.last_said = False

    def space(self) -> None:
        if self.last not in ("", " "):
            self.parts.append(" ")
            self.starts.append(-1)
            self.ends.append(-1)
            self.last = " "
        self.last_said = False

    def _needs_space(self, ch: str) -> bool:
        # Words a rule made must not run into the letters beside them
        # ("a1" -> "a one"), except in scripts written without spaces.
        prev = self.last
        return (prev.isalnum() and ch.isalnum()
                and not (_is_wide(prev) and _is_wide(ch)))

    def run(self, text: str, start: int, end: int) -> None:
        """Copy ``text[start:end]``, which holds no white space, as it is."""
        if self.last_said and self._needs_space(text[start]):
            self.space()
        self.parts.append(text[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))
        self.last = text[end - 1]
        self.last_said = False

    def literal(self, text: str, start: int, end: int) -> None:
        """Copy ``text[start:end]`` as it is (white space collapsed)."""
        for m in re.finditer(r"\S+", text[start:end]):
            if m.start() > 0:
                self.space()
            self.run(text, start + m.start(), start + m.end())
        if end > start and text[end - 1].isspace():
            self.space()

    def say(self, words: str, start: int, end: int) -> None:
        words = " ".join(words.split())
        if not words:
            return
        if self._needs_space(words[0]):
            self.space()
        self.parts.append(words)
        self.starts.extend(-1 if c == " " else start for c in words)
        self.ends.extend(-1 if c == " " else end for c in words)
        self.last = words[-1]
        self.last_said = True

    def result(self) -> Spoken:
        text = "".join(self.parts)
        if text.endswith(" "):
            text = text[:-1]
        words: list[Word] = []
        for m in re.finditer(r"\S+", text):
            a, b = m.span()
            if _speakable(m.group()):
                words.append((a, b, self.starts[a], self.ends[b - 1]))
        return Spoken(text, tuple(words))


# --------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------


@dataclass
class Context:
    """What a rule may look at besides its match."""

    text: str
    years: Sequence[tuple[int, int]]
    lexicon: LexiconMatcher | None
    has_at: bool
    last_year_end: int = -1

    def is_marked_year(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.years)

    def previous_word(self, pos: int) -> tuple[str, int]:
        """The word before ``pos`` (lower-cased, full stop dropped) and where it starts."""
        i = pos
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        j = i
        while j > 0 and (self.text[j - 1].isalnum() or self.text[j - 1] in ".'’"):
            j -= 1
        return self.text[j:i].rstrip(".").lower(), j


#: A rule: (text, start, end of the piece, context) -> (words, end of the match) or None.
Apply = Callable[[str, int, int, Context], "tuple[str, int] | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule and where its match may start.

    ``first``: characters a match can start with, or ``"letter"``/``"digit"``
    for any letter or ASCII digit; ``word_start``: only where no letter or
    digit comes just before.
    """

    name: str
    first: str
    apply: Apply
    word_start: bool = True

    def may_start(self, ch: str) -> bool:
        if self.first == "lexicon":
            return False  # decided by the lexicon's own first characters
        if self.first == "letter":
            return ch.isalpha()
        if self.first == "digit":
            return "0" <= ch <= "9"
        return ch in self.first


def _wordish(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


@dataclass
class RuleNormalizer:
    """A normaliser made of an ordered rule table (see the module docs)."""

    language: str
    rules: Sequence[Rule]
    _by_char: dict[tuple[str, bool], tuple[Rule, ...]] = field(default_factory=dict, repr=False)

    def _candidates(self, ch: str, word_start: bool,
                    lexicon: LexiconMatcher | None) -> tuple[Rule, ...]:
        key = (ch, word_start)
        found = self._by_char.get(key)
        if found is None:
            found = tuple(r for r in self.rules
                          if (word_start or not r.word_start) and
                          (r.may_start(ch) or r.first == "lexicon"))
            self._by_char[key] = found
        if lexicon is None or ch not in lexicon.first_chars:
            found = tuple(r for r in found if r.first != "lexicon")
        return found

    def normalize(self, text: str, *, fixed: Sequence[Fixed] = (),
                  years: Sequence[tuple[int, int]] = (),
                  lexicon: LexiconMatcher | None = None) -> Spoken:
        """``text`` for listening (see :class:`Normalizer`)."""
        out = _Out()
        ctx = Context(text, years, lexicon, "@" in text)
        pos = 0
        for f in sorted(fixed, key=lambda f: (f.start, f.end)):
            if f.start < pos or f.end > len(text):
                continue  # overlapping or out of range: the first one wins
            self._free(text, pos, f.start, out, ctx)
            if f.say is None:
                out.literal(text, f.start, f.end)
            else:
                said = self.normalize(f.say, lexicon=lexicon).text
                out.say(said, f.start, f.end)
            pos = f.end
        self._free(text, pos, len(text), out, ctx)
        return out.result()

    def _free(self, text: str, start: int, end: int, out: _Out, ctx: Context) -> None:
        i = start
        while i < end:
            ch = text[i]
            if ch.isspace():
                out.space()
                i += 1
                while i < end and text[i].isspace():
                    i += 1
                continue
            word_start = i == 0 or not _wordish(text[i - 1])
            for rule in self._candidates(ch, word_start, ctx.lexicon):
                found = rule.apply(text, i, end, ctx)
                if found is not None and found[1] > i:
                    out.say(found[0], i, found[1])
                    i = found[1]
                    break
            else:
                # No rule starts inside a run of letters: copy it whole.
                stop = i + 1
                if word_start and ch.isalpha():
                    while stop < end and text[stop].isalpha():
                        stop += 1
                out.run(text, i, stop)
                i = stop


# -- shared rule pieces ------------------------------------------------------------


def _lexicon_rule(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    if ctx.lexicon is None:
        return None
    found = ctx.lexicon.match(text, i, end)
    if found is None:
        return None
    stop, entry = found
    said = entry.say()
    return (said, stop) if said else None


LEXICON_RULE = Rule("lexicon", "lexicon", _lexicon_rule)


# --------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTH_BY_NAME: dict[str, int] = {m: i for i, m in enumerate(_MONTHS, 1)}
_MONTH_BY_NAME.update({m[:3]: i for i, m in enumerate(_MONTHS, 1)})
_MONTH_BY_NAME["Sept"] = 9
_MON = ("(?P<mon>" + "|".join(_MONTHS) + "|(?:Sept|" +
        "|".join(m[:3] for m in _MONTHS if m != "May") + r")\.?)(?![^\W_])")

#: Words after which a four-digit number is a year.
YEAR_CUES = frozenset(
    _words("in since from until till by before after during circa c ca around between of year "
    "spring summer autumn fall winter early late mid born died founded established "
    "built opened closed")
)
#: Words that carry a year context on from a year just before ("from 1910 to 1945").
_YEAR_CHAIN = frozenset({"to", "and", "or", "until", "till", "through", "-", "–"})
_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([^\W\d_]+)")
#: Plurals without an "s" that a number before them counts.
COUNTED_NOUNS = frozenset(_words("people men women children feet teeth mice geese sheep "
                                 "deer fish staff police cattle personnel"))
#: Words ending in "s" that are not plural nouns ("1945 was", "2024 has").
_NOT_PLURALS = frozenset(_words("was is has as its this his us thus yes less unless plus "
                                "minus versus says sees does goes saw gives brings marks "
                                "sets makes takes comes becomes remains begins ends starts "
                                "opens closes follows sees shows always perhaps"))
_ERA = re.compile(r"\s?(?:BC|AD|BCE|CE)(?![^\W_])")

#: Currency symbols: (singular, plural, minor singular, minor plural).
CURRENCIES: dict[str, tuple[str, str, str | None, str | None]] = {
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", None, None),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", None, None),
    "₽": ("rouble", "roubles", "kopeck", "kopecks"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₱": ("peso", "pesos", "centavo", "centavos"),
}
_CUR = "(?:" + "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True)) + ")"
_CUR_RE = re.compile(_CUR)
#: Scale words after an amount; the starred ones only count after a currency.
SCALES: dict[str, tuple[str, bool]] = {
    "bn": ("billion", False), "tn": ("trillion", False), "trn": ("trillion", False),
    "billion": ("billion", True), "trillion": ("trillion", True),
    "million": ("million", True), "thousand": ("thousand", True),
    "m": ("million", True), "mn": ("million", True), "k": ("thousand", True),
}
_SCALE_RE = re.compile(r"[ \u00a0]?(?P<s>" + "|".join(sorted(SCALES, key=len, reverse=True))
                       + r")(?![^\W_])")
#: Symbols said as words wherever they stand.
SYMBOLS: dict[str, str] = {
    "&": "and", "+": "plus", "=": "equals", "@": "at", "§": "section",
    "±": "plus or minus", "×": "times", "÷": "divided by", "≈": "approximately",
    "≠": "is not equal to", "≤": "less than or equal to", "≥": "greater than or equal to",
    "°": "degrees", "%": "percent", "‰": "per mille", "№": "number",
    "½": "a half", "¼": "a quarter", "¾": "three quarters",
}
#: Symbols said as words only before a digit.
SYMBOLS_BEFORE_NUMBER: dict[str, str] = {"#": "number", "~": "about"}
#: How the separators of a URL or e-mail address are said.
URL_WORDS: dict[str, str] = {
    ".": "dot", "/": "slash", "-": "dash", "_": "underscore", "?": "question mark",
    "=": "equals", "&": "and", ":": "colon", "@": "at", "#": "hash", "~": "tilde",
    "+": "plus", "%": "percent",
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")

_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]+(?:\.[0-9]+)?"
_NUM_RE = re.compile(_NUM)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)(?![^\W_])")
_SHORT_DECADE_RE = re.compile(r"['’](?P<n>[0-9]0)s(?![^\W_])")
_DECADE_RE = re.compile(r"['’]?s(?![^\W_])")
_RANGE_RE = re.compile(rf"(?:[ \u00a0]?[–—][ \u00a0]?|-(?={_CUR}?[0-9]))(?P<cur>{_CUR})?"
                       rf"(?P<n>{_NUM})")
_POWER_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_AMPM = r"(?P<ap>[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)(?![^\W_])"
_TIME24_RE = re.compile(r"(?P<h>[0-2]?[0-9]):(?P<m>[0-5][0-9])(?::(?P<s>[0-5][0-9]))?"
                        rf"(?![0-9])(?:[ \u00a0]?{_AMPM})?")
_TIME12_RE = re.compile(rf"(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<m>[0-5][0-9]))?[ \u00a0]?{_AMPM}")
_ZONE_RE = re.compile(r"(?P<z>UTC|GMT)(?P<sign>[+−-])(?P<h>[0-9]{1,2})(?::?(?P<m>[0-9]{2}))?"
                      r"(?![0-9])")
_ISO_DATE_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])")
_DAY_MONTH_RE = re.compile(rf"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?[ \u00a0]+{_MON}"
                           r"(?:,?[ \u00a0]+(?P<y>[0-9]{4})(?![0-9]))?")
_MONTH_DAY_RE = re.compile(rf"{_MON}[ \u00a0]+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?"
                           r"(?![^\W_]|[,.][0-9])"
                           r"(?:(?P<sep>,?[ \u00a0]+)(?P<y>[0-9]{4})(?![0-9]))?")
_MONTH_YEAR_RE = re.compile(rf"{_MON}[ \u00a0]+(?P<y>[0-9]{{4}})(?![0-9])")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
                       r"(?![A-Za-z0-9-])")
_PHONE_RE = re.compile(r"(?:\+[0-9]{1,3}|0[0-9]{1,4})(?:[ \u00a0-][0-9]{2,8})+(?![0-9]|[,.][0-9])")
_DOTTED_RE = re.compile(r"[0-9]+(?:\.[0-9]+){2,}(?![0-9])")


def _month(name: str) -> str:
    return _MONTHS[_MONTH_BY_NAME[name.rstrip(".")] - 1]


def _speak_number(num: str, *, year: bool = False) -> str:
    """A written English number ("12,000", "3.5", "1910") in words."""
    whole, _, frac = num.replace(",", "").partition(".")
    if frac:
        return f"{spell_integer(whole)} point {spell_digits(frac)}"
    if year and len(whole) == 4 and whole[0] != "0":
        return spell_year(int(whole))
    return spell_integer(whole)


def _is_year_like(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and 1000 <= int(num) <= 2099


def _url_words(text: str) -> str:
    words: list[str] = []
    for tok in re.findall(r"[0-9]+|[^\W\d_]+|\S", text):
        if "0" <= tok[0] <= "9":
            words.append(spell_integer(tok))
        elif tok[0].isalpha():
            words.append(" ".join(tok.upper()) if tok.lower() == "www" else tok)
        elif tok in URL_WORDS:
            words.append(URL_WORDS[tok])
        elif _speakable(tok):
            words.append(tok)
    return " ".join(words)


def _url(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    m = _URL_RE.match(text, i, end)
    if not m:
        return None
    url = m.group()
    # Trailing punctuation belongs to the sentence, not the address.
    while url and url[-1] in ".,;:!?'\"”’)]}" and not (url[-1] == ")" and "(" in url):
        url = url[:-1]
    body = re.sub(r"^https?://", "", url, flags=re.IGNORECASE).rstrip("/")
    if not body:
        return None
    return _url_words(unquote(body)), i + len(url)


def _email(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    if not ctx.has_at:
        return None
    m = _EMAIL_RE.match(text, i, end)
    return (_url_words(m.group()), m.end()) if m else None


def _valid_date(y: int, mo: int, d: int) -> bool:
    try:
        date(y, mo, d)
    except ValueError:
        return False
    return True


def _date(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    if text[i].isdigit():
        m = _ISO_DATE_RE.match(text, i, end)
        if m and _valid_date(int(m["y"]), int(m["mo"]), int(m["d"])):
            said = (f"the {spell_ordinal(int(m['d']))} of {_MONTHS[int(m['mo']) - 1]} "
                    f"{spell_year(int(m['y']))}")
            return said, m.end()
        m = _DAY_MONTH_RE.match(text, i, end)
        if m and 1 <= int(m["d"]) <= 31:
            said = f"the {spell_ordinal(int(m['d']))} of {_month(m['mon'])}"
            if m["y"]:
                said += f" {spell_year(int(m['y']))}"
            return said, m.end()
        return None
    m = _MONTH_DAY_RE.match(text, i, end)
    if m and 1 <= int(m["d"]) <= 31:
        said = f"{_month(m['mon'])} {spell_ordinal(int(m['d']))}"
        if m["y"]:
            said += ("," if "," in m["sep"] else "") + f" {spell_year(int(m['y']))}"
        return said, m.end()
    m = _MONTH_YEAR_RE.match(text, i, end)
    if m:
        return f"{_month(m['mon'])} {spell_year(int(m['y']))}", m.end()
    return None


def _minutes(m: int) -> str:
    return f"oh {spell_cardinal(m)}" if m < 10 else spell_cardinal(m)


def _speak_time(h: int, m: int | None, s: int | None, ampm: str | None) -> str:
    if ampm:
        said = spell_cardinal(h or 12)
        if m:
            said += f" {_minutes(m)}"
        return f"{said} {'A M' if ampm[0] in 'aA' else 'P M'}"
    if not m and not s:
        if 1 <= h <= 12:
            return f"{spell_cardinal(h)} o'clock"
        return f"{spell_cardinal(h)} hundred"
    said = f"{spell_cardinal(h)} {_minutes(m or 0)}"
    if s:
        said += f" and {spell_cardinal(s)} second{'s' if s != 1 else ''}"
    return said


def _time(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    m = _TIME24_RE.match(text, i, end)
    if m:
        h = int(m["h"])
        if h <= 24 and not (m["ap"] and not 1 <= h <= 12):
            secs = int(m["s"]) if m["s"] else None
            return _speak_time(h, int(m["m"]), secs, m["ap"]), m.end()
    m = _TIME12_RE.match(text, i, end)
    if m:
        return _speak_time(int(m["h"]), int(m["m"]) if m["m"] else None, None, m["ap"]), m.end()
    return None


def _zone(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    m = _ZONE_RE.match(text, i, end)
    if not m:
        return None
    said = f"{' '.join(m['z'])} {'plus' if m['sign'] == '+' else 'minus'} " \
           f"{spell_cardinal(int(m['h']))}"
    if m["m"] and int(m["m"]):
        said += f" {spell_cardinal(int(m['m']))}"
    return said, m.end()


def _phone(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    m = _PHONE_RE.match(text, i, end)
    if not m or sum(c.isdigit() for c in m.group()) < 7:
        return None
    groups = re.findall(r"\+?[0-9]+", m.group())
    said = ", ".join(("plus " if g[0] == "+" else "") + spell_digits(g) for g in groups)
    return said, m.end()


def _dotted(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    m = _DOTTED_RE.match(text, i, end)
    if not m:
        return None
    return " dot ".join(spell_integer(p) for p in m.group().split(".")), m.end()


def _year_context(text: str, i: int, j: int, ctx: Context) -> bool:
    if ctx.is_marked_year(i, j) or _ERA.match(text, j):
        return True
    if text[:i].rstrip().endswith("©"):
        return True
    word, start = ctx.previous_word(i)
    if word in YEAR_CUES:
        return True
    if word in _YEAR_CHAIN and ctx.last_year_end >= 0:
        return not text[ctx.last_year_end:start].strip()
    # News writes counts of a thousand or more with a comma ("1,900 homes"),
    # so a bare number in the range of modern years is a year, unless it
    # counts something ("1910 delegates", "2000 people").
    return 1500 <= int(text[i:i + 4]) <= 2099 and not _counts_something(text, j)


def _counts_something(text: str, j: int) -> bool:
    m = _NEXT_WORD_RE.match(text, j)
    if not m:
        return False
    word = m.group(1).lower()
    return word in COUNTED_NOUNS or (word.endswith("s") and word not in _NOT_PLURALS)


def _is_range(text: str, num: str, m: re.Match[str], end: int) -> bool:
    if "-" not in text[m.start():m.start("n")]:
        return True  # an en or em dash always joins a range
    # "020-7946-0958", "K2-18-3" are codes, not ranges.
    return (num[0] != "0" and m["n"][0] != "0"
            and not re.match(r"-[0-9]", text[m.end():min(end, m.end() + 2)]))


def _number(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    """Numbers with what goes with them: sign, currency, ordinal or decade
    suffix, range, scale, power and unit."""
    word_start = i == 0 or not _wordish(text[i - 1])
    j = i
    sign = ""
    if text[j] in "-−" and word_start:
        sign = "minus "
        j += 1
        if j >= end:
            return None
    cur: str | None = None
    if word_start:
        cm = _CUR_RE.match(text, j, end)
        if cm:
            cur = cm.group()
            j = cm.end()
        elif text[j] in "'’":  # '90s
            dm = _SHORT_DECADE_RE.match(text, j, end)
            return (spell_decade(int(dm["n"])), dm.end()) if dm and not sign else None
    m = _NUM_RE.match(text, j, end)
    if not m:
        return None
    num, j = m.group(), m.end()
    if not word_start:  # digits inside a word: "K2", "RV1", "COVID-19"
        return _speak_number(num), j
    plain = not sign and cur is None and num.isdigit()
    if plain:
        om = _ORDINAL_RE.match(text, j, end)
        if om:
            return spell_ordinal(int(num)), om.end()
        dm = _DECADE_RE.match(text, j, end)
        if dm and num.endswith("0") and len(num) in (2, 4):
            return spell_decade(int(num)), dm.end()
    # A range: "1910–1945", "3-5", "£3–5bn", "20–30mm".
    num2: str | None = None
    rm = _RANGE_RE.match(text, j, end)
    if rm and (rm["cur"] is None or rm["cur"] == cur) and _is_range(text, num, rm, end):
        num2, j = rm["n"], rm.end()
    year = False
    if plain and _is_year_like(num):
        year = (_year_context(text, i, j if num2 is None else m.end(), ctx)
                or (num2 is not None and (_is_year_like(num2) or len(num2) == 2)))
    said = sign + _speak_number(num, year=year)
    if num2 is not None:
        said += " to " + _speak_number(num2, year=year and len(num2) == 4)
    if year:
        ctx.last_year_end = j
    if num2 is None and cur is None:
        pm = _POWER_RE.match(text, j, end)
        if pm:
            power = pm.group().translate(_SUPERSCRIPTS)
            return f"{said} to the power of {spell_integer(power)}", pm.end()
    # Scale words: "bn" always; "m", "k", "million" only after a currency,
    # since "20m" alone is metres and "3 million" needs no help.
    sm = _SCALE_RE.match(text, j, end)
    scale = ""
    if sm and (cur is not None or not SCALES[sm["s"]][1]):
        scale = SCALES[sm["s"]][0]
        j = sm.end()
    one = num2 is None and not scale and num.replace(",", "") in ("1", "1.0")
    if cur is None:
        # A currency after the amount ("5 €"), else a unit ("5%", "20mm").
        k = j + 1 if text[j:j + 1] in (" ", "\u00a0") else j
        cm = _CUR_RE.match(text, k, end)
        if cm and cm.group() in ("€", "£", "$", "¥") and not _wordish(text[cm.end():cm.end() + 1]
                                                                       or " "):
            cur, j = cm.group(), cm.end()
        else:
            unit = ctx.lexicon.unit(text, k, end) if ctx.lexicon is not None else None
            if unit is not None:
                words = unit[1].say(one)
                if words:
                    return " ".join(p for p in (said, scale, words) if p), unit[0]
            elif text[k:k + 1] == "%":
                return " ".join(p for p in (said, scale, "percent") if p), k + 1
    if cur is None:
        return " ".join(p for p in (said, scale) if p), j
    major, major_plural, minor, minor_plural = CURRENCIES[cur]
    whole, _, frac = num.replace(",", "").partition(".")
    if num2 is None and not scale and len(frac) == 2 and minor and minor_plural:
        said = sign + spell_integer(whole) + " " + (major if whole == "1" else major_plural)
        cents = int(frac)
        if cents:
            said += f" {spell_cardinal(cents)} {minor if cents == 1 else minor_plural}"
        return said, j
    unit_words = major if one else major_plural
    return " ".join(p for p in (said, scale, unit_words) if p), j


def _symbol(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    ch = text[i]
    if ch in SYMBOLS:
        return SYMBOLS[ch], i + 1
    if ch in SYMBOLS_BEFORE_NUMBER and text[i + 1:i + 2].isdigit():
        return SYMBOLS_BEFORE_NUMBER[ch], i + 1
    return None


def _subscript(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    j = i
    while j < end and text[j] in "₀₁₂₃₄₅₆₇₈₉":
        j += 1
    return spell_integer(text[i:j].translate(_SUBSCRIPTS)), j


_EN_RULES: tuple[Rule, ...] = (
    Rule("url", "hHwW", _url),
    Rule("email", "letter", _email),
    Rule("email", "digit", _email),
    Rule("date", "digit", _date),
    Rule("date", "JFMASOND", _date),
    Rule("zone", "UG", _zone),
    Rule("time", "digit", _time),
    LEXICON_RULE,
    Rule("phone", "+0", _phone),
    Rule("dotted number", "digit", _dotted),
    Rule("number", "digit", _number, word_start=False),
    Rule("number", "".join(CURRENCIES) + "-−'’", _number),
    Rule("subscript", "₀₁₂₃₄₅₆₇₈₉", _subscript, word_start=False),
    Rule("symbol", "".join(SYMBOLS) + "".join(SYMBOLS_BEFORE_NUMBER), _symbol,
         word_start=False),
)


def english(language: str = "en") -> RuleNormalizer:
    """The English normaliser (the full rule table of the module docs)."""
    return RuleNormalizer(language, _EN_RULES)


# --------------------------------------------------------------------------
# Generic: lexicon and numbers through num2words
# --------------------------------------------------------------------------

#: Digit grouping and decimal mark by language, where they differ from "1,234.5".
SEPARATORS: dict[str, tuple[str, str]] = {
    **{lang: (".", ",") for lang in _words("de es it pt nl id tr da ro sl hr sr el vi")},
    **{lang: (" \u00a0\u202f\u2009", ",")
       for lang in _words("fr ru pl cs sk sv fi no nb uk be bg hu lt lv et kk")},
}


def _generic_number(lang: str) -> Apply:
    code = num2words_language(lang)
    group, point = SEPARATORS.get(lang.split("-")[0].lower(), (",", "."))
    g, p = re.escape(group), re.escape(point)
    grouped = f"[{g}]" if len(group) > 1 else g
    pattern = re.compile(rf"(?P<neg>[-−](?=[0-9]))?(?P<n>[0-9]{{1,3}}(?:{grouped}[0-9]{{3}})+"
                         rf"(?:{p}[0-9]+)?(?![0-9])|[0-9]+(?:{p}[0-9]+)?)")

    def apply(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
        if code is None:
            return None
        m = pattern.match(text, i, end)
        if not m:
            return None
        if m["neg"] and i > 0 and _wordish(text[i - 1]):
            return None
        raw = m["n"]
        for sep in group:
            raw = raw.replace(sep, "")
        raw = raw.replace(point, ".")
        try:
            value: int | Decimal = Decimal(raw) if "." in raw else int(raw)
            if m["neg"]:
                value = -value
            if isinstance(value, int) and abs(value) >= 10 ** 15:
                return None
            return _n2w(value, code), m.end()
        except (ArithmeticError, InvalidOperation, NotImplementedError, OverflowError,
                TypeError, ValueError, KeyError, IndexError):
            return None  # num2words cannot say it: the engine reads the digits

    return apply


_ISO_RE = re.compile(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?(?![0-9])|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
                     r"(?![0-9])")


def _as_written(text: str, i: int, end: int, ctx: Context) -> tuple[str, int] | None:
    # ISO dates and clock times read digit group by digit group in words would
    # be worse than the engine's own reading of them.
    m = _ISO_RE.match(text, i, end)
    return (m.group(), m.end()) if m else None


def generic(language: str) -> RuleNormalizer:
    """A normaliser for a language without its own rules: lexicon entries, then
    numbers in words where num2words knows the language (ISO dates and clock
    times are left as written for the engine)."""
    number = _generic_number(language)
    return RuleNormalizer(language, (LEXICON_RULE, Rule("as written", "digit", _as_written),
                                     Rule("number", "digit", number, False),
                                     Rule("number", "-−", number)))


# --------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------

NormalizerFactory = Callable[[str], Normalizer]
_REGISTRY: dict[str, NormalizerFactory] = {"en": english}


def register_normalizer(language: str, factory: NormalizerFactory) -> None:
    """Use ``factory(tag)`` to make normalisers for ``language`` (a primary subtag)."""
    _REGISTRY[language.split("-")[0].lower()] = factory
    get_normalizer.cache_clear()


@lru_cache(maxsize=64)
def get_normalizer(lang: str) -> Normalizer:
    """The normaliser for a BCP 47 tag: a registered one by primary subtag, else
    the generic one."""
    factory = _REGISTRY.get(lang.split("-")[0].lower(), generic)
    return factory(lang)


def normalize(text: str, lang: str = "en", *, fixed: Sequence[Fixed] = (),
              years: Sequence[tuple[int, int]] = (),
              lexicon: LexiconMatcher | None = None) -> Spoken:
    """``text`` in ``lang`` for listening (see the module docs)."""
    return get_normalizer(lang).normalize(text, fixed=fixed, years=years, lexicon=lexicon)
