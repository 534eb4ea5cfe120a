"""What a web page says about itself: title, kicker, standfirst, authors, dates,
site name, language, direction and canonical URL.

:func:`page_metadata` reads the RAW parsed page (scripts still present) and
gathers the metadata from every place a page puts it, most deliberate first:
JSON-LD (``NewsArticle`` and kin, ``@graph``), microdata (``itemprop``),
OpenGraph and Twitter cards, other ``<meta>`` tags (``author``, ``dc.*``,
``parsely-*``, ``sailthru.*``), ``<link rel=canonical>``, ``<html lang dir>``,
and what the page shows around its headline: the kicker above the ``h1``, the
standfirst below it, bylines and ``<time>`` elements.

Besides the values it returns the elements whose whole text became metadata
(the headline, kicker, standfirst, byline and date elements), so that the
reader can leave them out of the article body instead of reading them twice.
Only elements that hold nothing else are returned, never a container of body
text.

Two choices differ from "most deliberate first": the title is the visible
headline's text when that headline is one the page declares (og:title, the
``<title>``), since JSON-LD may hold an earlier or shortened headline; and the
site name prefers ``og:site_name`` (the brand shown) to the JSON-LD publisher
(often the parent company).

Everything here is best effort: any input, however broken, yields a
:class:`PageMeta` (garbage values become ``None``) and never an exception.
"""

from __future__ import annotations

import bisect
import contextvars
import functools
import html as _html
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_tz
from typing import Any, Literal, TypeVar
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from .text import DateLine, parse_date_line

__all__ = ["PageMeta", "normalise_datetime", "normalise_language", "page_metadata"]

_T = TypeVar("_T")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True)
class PageMeta:
    """Metadata found in a page, every field optional.

    Dates are ISO 8601 strings the model's ``Metadata`` accepts, ``language`` is
    a well-formed BCP 47 tag, ``url`` an absolute http(s) URL. ``consumed`` holds
    the page elements whose whole text became metadata, in document order.
    """

    title: str | None = None
    kicker: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    site_name: str | None = None
    language: str | None = None
    direction: Literal["ltr", "rtl"] | None = None
    url: str | None = None
    article_body: str | None = None
    says_article: bool = False
    consumed: tuple[HtmlElement, ...] = ()


# --------------------------------------------------------------------------
# Limits: a page is untrusted input, and metadata is small
# --------------------------------------------------------------------------

_MAX_ELEMENTS = 300_000      # elements scanned for visible metadata
_MAX_JSON_CHARS = 5_000_000  # one JSON-LD script
_MAX_JSON_NODES = 50_000     # values visited in all JSON-LD of a page
_MAX_HEADLINE_SEARCH = 30_000  # elements searched for a headline in plain markup
_MAX_ANCESTORS = 80          # levels climbed when checking where an element sits
_MAX_BODY_CHARS = 2_000_000  # JSON-LD articleBody
# Some pure functions here remember what they worked out, across pages, in
# plain dicts (a look-up costs a fraction of a call through
# functools.lru_cache, from compiled code above all); each dict is emptied
# when it grows past this many entries.
_MEMO_SIZE = 8192
# Texts longer than this are worked out each time, not remembered (memory).
_MEMO_TEXT = 300

# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------

# Characters the model refuses (C0/C1 controls, lone surrogates, noncharacters)
# and invisible ones that only get in the way of comparing text.
_BAD_CHARS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
# _BAD_CHARS in three single-class patterns (each scans far faster than
# the alternation): its ASCII, BMP and astral parts.
_BAD_ASCII = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_BAD_BMP = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_BAD_ASTRAL = re.compile("[" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF)
                                       for plane in range(1, 17)) + "]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# CMSs often escape twice, so a value parsed by lxml or JSON may still hold
# "&#8217;" or "&amp;": only well-formed references are decoded, so "AT&T" stays.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,500})?/?>")

_BLOCK_TAGS = _set(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table "
    "tbody td tfoot th thead tr ul"
)
# Subtrees whose text is never shown as page text.
_NO_TEXT_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "title", "button",
     "select", "option", "textarea", "iframe", "object"}
)


def _unescape(text: str) -> str:
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = _ENTITY.sub(lambda m: _html.unescape(m.group()), text)
    return text


def _scrub(text: str) -> str:
    """``_INVISIBLE.sub("", _BAD_CHARS.sub(" ", text))``, faster: no invisible
    or bad character but controls in ASCII, none at all in printable ASCII."""
    if text.isascii():
        return text if text.isprintable() else _BAD_ASCII.sub(" ", text)
    text = _BAD_BMP.sub(" ", text)
    # Whether any character lies beyond U+FFFF (takes two UTF-16 units): far
    # faster than max(text), which compares the characters one by one.
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        text = _BAD_ASTRAL.sub(" ", text)
    return _INVISIBLE.sub("", text)


def _clean(value: object, limit: int = 1000) -> str | None:
    """A metadata string: entities decoded, tags and bad characters removed, white
    space collapsed; ``None`` for a non-string, an empty or an overlong value."""
    if not isinstance(value, str):
        return None
    text = value[: limit * 4 + 100]
    text = _unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = " ".join(_scrub(text).split())
    if not text or len(text) > limit:
        return None
    return text


# str.translate table deleting every ASCII character but [a-z0-9]: what
# ``re.sub(r"[^a-z0-9]+", "", text)`` does to lower-cased ASCII, several times
# faster (the pattern stops at every space).
_ASCII_NOT_ALNUM = {c: None for c in range(128) if not (0x30 <= c <= 0x39 or 0x61 <= c <= 0x7A)}
_NOT_ALNUM = re.compile(r"[\W_]+")


_KEYS: dict[str, str] = {}  # see _MEMO_SIZE


def _key(text: str) -> str:
    """Text reduced for loose comparison: letters and digits only, case-folded,
    without accents ("Inês" and "Ines" are one name written two ways).
    Remembered: the titles, site names and author names of a page are
    compared with one another and with the page's elements many times."""
    found = _KEYS.get(text)
    if found is None:
        found = _make_key(text)
        if len(text) <= _MEMO_TEXT:
            if len(_KEYS) >= _MEMO_SIZE:
                _KEYS.clear()
            _KEYS[text] = found
    return found


def _make_key(text: str) -> str:
    """:func:`_key`, worked out."""
    if text.isascii():  # NFKC and NFKD leave ASCII as it is; casefold is lower
        return text.lower().translate(_ASCII_NOT_ALNUM)
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    # ``[^\W_]`` is exactly ``str.isalnum``, and no letter or digit has a
    # combining class (accents decomposed by NFKD are marks, not letters):
    # what is kept is what ``ch.isalnum() and not combining(ch)`` keeps.
    return _NOT_ALNUM.sub("", text)


def _tag(el: HtmlElement) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _raw_text(el: HtmlElement, limit: int) -> tuple[str, int] | None:
    """The shown text under ``el`` with ``\\n`` at block boundaries, and its size
    (the characters of text in it, the added ``\\n`` not counted); ``None`` when
    it runs past ``limit`` characters. Iterative, so any depth is fine."""
    if _tag(el) in _NO_TEXT_TAGS:
        return "", 0
    out: list[str] = []
    size = 0
    piece = el.text
    if piece:
        out.append(piece)
        size = len(piece)
        if size > limit:
            return None
    no_text, block_tags = _NO_TEXT_TAGS, _BLOCK_TAGS
    # (children left, the tail that follows them, whether their owner is a
    # block). ``el[:]`` lists the children in one lxml call, where iterating
    # the element makes an lxml iterator (the dearer part of a small read).
    stack: list[tuple[Iterator[Any], str | None, bool]] = [(iter(el[:]), None, False)]
    while stack:
        it, owner_tail, owner_block = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            if len(stack):
                if owner_block:
                    out.append("\n")
                if owner_tail:
                    out.append(owner_tail)
                    size += len(owner_tail)
                    if size > limit:
                        return None
            continue
        tag = child.tag
        tag = tag.lower() if isinstance(tag, str) else ""
        if not tag or tag in no_text:
            piece = child.tail
            if piece:
                out.append(piece)
                size += len(piece)
                if size > limit:
                    return None
            continue
        block = tag in block_tags
        if block:
            out.append("\n")
        piece = child.text
        if piece:
            out.append(piece)
            size += len(piece)
            if size > limit:
                return None
        if len(child):
            stack.append((iter(child[:]), child.tail, block))
            continue
        # A child without children: what the end of its walk adds, at once.
        if block:
            out.append("\n")
        piece = child.tail
        if piece:
            out.append(piece)
            size += len(piece)
            if size > limit:
                return None
    return "".join(out), size


class _Read:
    """One element's text as :func:`_lines` read it: with what limit, and its
    size and lines (``None`` when the text ran past the limit).

    A plain class, not a dataclass: mypyc builds this one natively, where a
    dataclass runs its generated ``__init__`` as Python code."""

    __slots__ = ("limit", "lines", "size", "text")

    def __init__(self, limit: int, size: int, lines: list[str] | None) -> None:
        self.limit = limit
        self.size = size
        self.lines = lines
        self.text: str | None = None  # the lines joined, once asked for


_TOO_LONG = _Read(0, 0, None)


# What _lines read of the elements met while one page's metadata is read (the
# same elements are read by several of the searches, with several limits). The
# tree does not change meanwhile, and holds every element alive.
_LINES_CACHE: contextvars.ContextVar[dict[HtmlElement, _Read] | None] = (
    contextvars.ContextVar("_LINES_CACHE", default=None))


def _read(el: HtmlElement, limit: int) -> _Read:
    """The element's text read for ``limit``, from the page's cache when it
    holds a read that answers for this limit too.

    A limit only decides whether the text is refused: when the whole text is
    ``size`` characters long, every limit from ``size`` up gives the same lines
    (no cleaned line is longer than its raw text, nor that longer than
    ``size``), and every limit below gives ``None``. So one read answers for
    all limits when it was complete, and for the limits up to its own when the
    text ran past it."""
    cache = _LINES_CACHE.get()
    if cache is not None:
        found = cache.get(el)
        if found is not None:
            if found.lines is not None:
                return found if found.size <= limit else _TOO_LONG
            if limit <= found.limit:
                return found
    raw = _raw_text(el, limit)
    read = _Read(limit, 0, None)
    if raw is not None:
        out: list[str] = []
        for line in raw[0].split("\n"):
            if not line or line.isspace():
                continue  # what _clean makes of it: nothing
            cleaned = _clean(line, limit)
            if cleaned:
                out.append(cleaned)
        read.size = raw[1]
        read.lines = out
    if cache is not None:
        cache[el] = read
    return read


def _lines(el: HtmlElement, limit: int) -> list[str] | None:
    """The element's text as cleaned lines (one per block). The list may be
    shared with the cache: it is read, never changed."""
    return _read(el, limit).lines


def _text(el: HtmlElement, limit: int = 1000) -> str | None:
    """The element's shown text on one line; ``None`` when longer than ``limit``."""
    read = _read(el, limit)
    if read.lines is None:
        return None
    if read.text is None:
        read.text = " ".join(read.lines)
    return read.text


_date_line_memo = functools.lru_cache(maxsize=4096)(parse_date_line)


def _date_line(text: str) -> DateLine | None:
    """parse_date_line, remembered: the searches ask it about the same few
    lines again and again (a byline's parts are read for its names, then
    again for its parent's), and what it says depends on the text alone."""
    return _date_line_memo(text) if len(text) <= _MEMO_TEXT else parse_date_line(text)


def _words(text: str) -> int:
    return len(text.split())


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _has_latin(text: str) -> bool:
    return bool(_LATIN_LETTER.search(text))


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_ISO = re.compile(
    r"^(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:(?:T|\s+|T\s*|,\s*)(?P<h>\d{1,2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT|[A-Za-z]{2,5})?$"
)
# RFC 2822 ("Tue, 05 Mar 2024 10:00:00 GMT"); other orders are dates in words.
_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?$"
)
_YEAR_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<mo>\d{2})$")
_ZONES = {
    "z": "Z", "utc": "Z", "gmt": "Z", "ut": "Z", "bst": "+01:00", "cet": "+01:00",
    "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00", "est": "-05:00",
    "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00",
    "pst": "-08:00", "pdt": "-07:00", "jst": "+09:00", "kst": "+09:00", "hkt": "+08:00",
    "sgt": "+08:00", "aest": "+10:00", "aedt": "+11:00", "nzst": "+12:00", "nzdt": "+13:00",
}


def _fmt_zone(offset_minutes: int) -> str | None:
    if offset_minutes == 0:
        return "+00:00"
    if abs(offset_minutes) > 14 * 60:
        return None
    sign = "+" if offset_minutes > 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


_ZONE_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})?")


def _zone(word: str | None) -> str | None:
    """A zone as the model writes it ("Z", "+05:30"), "" for none, ``None`` if invalid."""
    if not word:
        return ""
    if word.casefold() in _ZONES:
        return _ZONES[word.casefold()]
    m = _ZONE_OFFSET.fullmatch(word)
    if not m:
        return ""  # an unknown or ambiguous zone name: local time without an offset
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    total = hours * 60 + minutes
    return _fmt_zone(-total if m.group(1) == "-" else total)


def _build(year: int, month: int, day: int, hour: int | None = None, minute: int | None = None,
           second: int | None = None, frac: str | None = None, zone: str = "") -> str | None:
    if not 1000 <= year <= 2999:
        return None
    try:
        day_s = date(year, month, day).isoformat()
    except ValueError:
        return None
    if hour is None or minute is None:
        return day_s
    if hour > 23 or minute > 59:
        return day_s
    if (year, month, day, hour, minute) == (1970, 1, 1, 0, 0):
        return None  # the Unix epoch: a CMS's empty date, not a date
    out = f"{day_s}T{hour:02d}:{minute:02d}"
    if second is not None:
        out += f":{min(second, 59):02d}"
        if frac:
            out += "." + frac[:3]
    return out + zone


_YEAR_ONLY = re.compile(r"\d{4}")
_ZONE_NAME_END = re.compile(r"\s([A-Za-z]{1,5})$")
_SECONDS = re.compile(r"\b(\d{1,2}:\d{2}):\d{2}(?:\.\d+)?")
_ZONE_WORD = re.compile(r"\b(?!(?:GMT|UTC|AM|PM)\b)[A-Z]{2,5}\b")
_NUMBER_ONLY = re.compile(r"\d+(?:\.\d+)?")


def normalise_datetime(value: object) -> str | None:
    """A date or date-time as the model's ``Metadata`` accepts it, or ``None``.

    Takes ISO 8601 in its common variants (``2024-03-05T10:00:00+0000``,
    ``2024-03-05 10:00``, fractions of a second), RFC 2822
    (``Tue, 05 Mar 2024 10:00:00 GMT``) and dates written out in words
    (``March 5, 2024 10:00 AM EST``, ``2024年3月5日``). Epoch numbers are refused.
    """
    # Only a string can be one (_clean refuses the rest). The same values come
    # from several places of a page (JSON-LD, meta tags, <time>, bylines), and
    # what comes out depends on the string alone: remembered.
    if not isinstance(value, str):
        return None
    return _datetime_memo(value) if len(value) <= _MEMO_TEXT else _datetime_of(value)


def _datetime_of(value: str) -> str | None:
    """:func:`normalise_datetime` of a string."""
    try:
        text = _clean(value, 200)
        if text is None:
            return None
        if _YEAR_ONLY.fullmatch(text):
            return text if 1000 <= int(text) <= 2999 else None
        if _NUMBER_ONLY.fullmatch(text):
            return None  # an epoch or other bare number: refused, never guessed
        m = _YEAR_MONTH.match(text)
        if m:
            return text if 1 <= int(m.group("mo")) <= 12 else None
        m = _ISO.match(text)
        if m:
            zone = _zone(m.group("z"))
            if zone is None:
                return None
            hour = m.group("h")
            return _build(
                int(m.group("y")), int(m.group("mo")), int(m.group("d")),
                int(hour) if hour else None, int(m.group("mi")) if hour else None,
                int(m.group("s")) if m.group("s") else None, m.group("f"), zone,
            )
        if _RFC2822.match(text):
            parsed = parsedate_tz(text)
            if parsed is not None:
                year, month, day, hour_i, minute_i, second_i = parsed[:6]
                offset = parsed[9]
                named = _ZONE_NAME_END.search(text)
                if offset is None or (named and named.group(1).casefold() not in _ZONES):
                    zone_s: str | None = ""  # a zone name nobody can map: local time
                else:
                    zone_s = _fmt_zone(offset // 60)
                if zone_s is not None:
                    built = _build(year, month, day, hour_i, minute_i, second_i, None, zone_s)
                    if built is not None:
                        return built
        # Dates in words: seconds and zone names the text reader does not know
        # ("01:38:07 PM IST") are dropped, leaving a local time.
        words = _SECONDS.sub(r"\1", text)
        words = _ZONE_WORD.sub(
            lambda m: m.group() if m.group().casefold() in _ZONES else " ", words)
        line = _date_line(" ".join(words.split()))
        if line is not None and line[1] is not None:
            return line[1]
    except Exception:  # a date nobody can read is simply no date
        return None
    return None


_datetime_memo = functools.lru_cache(maxsize=4096)(_datetime_of)


def _as_datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _same_day(a: str, b: str) -> bool:
    """Whether two dates name the same day, allowing a day either side for zones."""
    try:
        da, db = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
    except ValueError:
        return False
    return abs(da - db) <= timedelta(days=1)


# --------------------------------------------------------------------------
# Language and direction
# --------------------------------------------------------------------------

# Well-formed BCP 47 (RFC 5646 section 2.1), with the primary language subtag
# limited to 2-3 letters: the 4-8 letter form is reserved and in practice a
# word ("english") that a page wrote instead of a tag.
_BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur",
     "yi", "ji", "prs", "pnb", "azb", "mzn", "glk", "lrc"}
)
_RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand"})


_LANGUAGE_END = re.compile(r"[,;\s]")


def normalise_language(value: object) -> str | None:
    """A language tag in its canonical case (``en_us`` -> ``en-US``), or ``None``
    when it is not well-formed BCP 47 (or says nothing, like ``und``)."""
    text = _clean(value, 100)
    if text is None:
        return None
    # Content-Language may list several; the first is the main one.
    text = _LANGUAGE_END.split(text.strip(), maxsplit=1)[0].replace("_", "-")
    if not _BCP47.match(text):
        return None
    parts = text.split("-")
    out = [parts[0].lower()]
    singleton = False
    for part in parts[1:]:
        if singleton or len(part) == 1:
            singleton = True
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    if out[0] in ("und", "mul", "zxx", "mis"):
        return None
    return "-".join(out)


def _direction_of(language: str | None) -> Literal["rtl"] | None:
    """``rtl`` for a language written right to left (unless its script says otherwise)."""
    if not language:
        return None
    parts = language.lower().split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RTL_SCRIPTS else None
    return "rtl" if parts[0] in _RTL_LANGUAGES else None


# --------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------


_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


def _absolute_url(value: object, base: str | None) -> str | None:
    """An absolute http(s) URL from ``value`` resolved against ``base``."""
    text = _clean(value, 4000)
    if text is None:
        return None
    try:
        if base:
            text = urljoin(base, text)
        # White space and controls inside a URL are escaped, not refused.
        text = _URL_UNSAFE.sub(lambda m: quote(m.group()), text)
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return None
        if parts.hostname is None:
            return None
        parts.port  # noqa: B018 - raises ValueError on a port that is no number
    except ValueError:
        return None
    return text


def _site_label(url: str | None) -> str | None:
    """The name-like part of a host: ``www.slashgear.com`` -> ``slashgear``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    labels = [x for x in host.split(".") if x]
    while labels and labels[0] in ("www", "m", "amp", "mobile", "edition", "beta"):
        labels = labels[1:]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in (
        "co", "com", "org", "net", "ac", "gov", "ne", "or"
    ):
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    return labels[-1] if labels else None


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|submitted|reported|words|story|text|report|photos?|published)\s+)?"
    r"(?:by|BY|By)\b[\s:]*|^(?:authors?|auteur|autor|著者|作者|筆者|記者)\s*[:：]\s*"
    # "par Jean Dupont", "von Hans Meier": lower case only, as "Von" and "Par"
    # also begin names.
    r"|^(?-i:por|von|par|door)\s+(?=[A-ZÀ-Þ])",
    re.I,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\sand\s|\sund\s|\set\s|\sy\s|、|،|\s/\s)\s*")
_PARTICLES = _set(
    "van von der den de da di du la le del della dos das do bin ibn bint al el y e ter ten "
    "zu st st. mac mc ap ben"
)
_ROLE_WORDS = re.compile(
    r"\b(?:correspondents?|reporters?|writers?|editors?|contributors?|columnists?|"
    r"producers?|analysts?|critics?|journalists?|photographers?|interns?|fellows?|"
    r"chief|senior|associate|director|managers?|founder|ceo|host|anchor|presenter|"
    r"contributing|special\s+to|for\s+the|staff|secretary|chair(?:man|woman)?|president|"
    r"officer|spokes(?:man|woman|person)|committee|councillor|correspondent)\b",
    re.I,
)
# Never names: placeholders a CMS fills in.
_NOT_NAMES = _set(
    "admin administrator root null none undefined unknown anonymous guest user author "
    "authors n/a na nobody default webmaster editor"
)
# Bylines that name no person; kept only when no person is named anywhere.
_WEAK_NAMES = re.compile(
    r"^(?:the\s+)?(?:staff(?:\s+(?:writer|reporter|report))?|(?:web|news|online|digital|city|"
    r"metro|sports?|business|foreign|world|national)\s+desk|newsroom|editorial(?:\s+(?:staff|"
    r"team|board))?|editors|editorial\s+desk|wires?|agencies|wire\s+services?|"
    r"[A-Z]{2,5}\s+staff|[A-Z][\w.&' -]{0,40}\s+(?:staff|team|desk|editors|editorial))$",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(?:news|press|agency|agence|associated|reuters|afp|bloomberg|times|post|herald|"
    r"journal|magazine|inc|ltd|llc|corp|group|wire|service|network|tv|radio|online|media|"
    r"daily|tribune|gazette|chronicle|telegraph|guardian|bbc|cnn|npr|pbs|abc|cbs|nbc|"
    r"insider|today|weekly|review|digest|observer|examiner|independent|report|reports|"
    r"international|institute|university|agency|association|foundation|council|"
    r"\.com)\b",
    re.I,
)
_NOT_NAME_WORDS = re.compile(
    r"\b(?:updated?|published|posted|min(?:ute)?s?|read|share|follow|comments?|more|view|"
    r"all|articles?|stories|email|e-mail|twitter|facebook|instagram|linkedin|subscribe|"
    r"photo|video|image|getty|ago|today|yesterday|click|here|sign|login|menu|home|"
    r"advertisement|sponsored|about|contact|bio|watch|listen|how|why|what|best|top|"
    r"breaking|live|exclusive|opinion|analysis)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Author:
    name: str
    weak: bool  # an organisation or a placeholder: used only when no person is named


# The first characters _BY_PREFIX (anchored at the start) can match: other
# ASCII characters cannot begin a match (non-ASCII ones may: "著者", and "ſ"
# is an "s" to a pattern ignoring case).
_BY_PREFIX_INITIALS = frozenset("wpsrtbavdWPSRTBAVD")


def _strip_by(text: str) -> str:
    if text and text[0].isascii() and text[0] not in _BY_PREFIX_INITIALS:
        return text.strip(" :-–—|,")  # the pattern cannot match: not asked
    return _BY_PREFIX.sub("", text, count=1).strip(" :-–—|,")


_NAME_PUNCTUATION = re.compile(r"[:：「」『』]")
_NOT_IN_NAMES = re.compile(r"[@/\\<>{}=_#%]|https?:|www\.|\d")
_ENDS_SENTENCE = re.compile(r"[.!?。！？]$")
_ENDS_INITIAL = re.compile(r"\b[A-Z]\.$|\b(?:Jr|Sr)\.$")


def _looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a person's (or an organisation's) name."""
    if not text or len(text) > 70 or _NOT_IN_NAMES.search(text):
        return False
    if _ENDS_SENTENCE.search(text) and not _ENDS_INITIAL.search(text):
        return False
    if _NOT_NAME_WORDS.search(text) or text.casefold() in _NOT_NAMES:
        return False
    if not _has_latin(text):
        # Scripts without capitals (CJK, Arabic, Hebrew...): short and plain.
        return len(text) <= 30 and _words(text) <= 5 and not _NAME_PUNCTUATION.search(text)
    words = text.split()
    if len(words) > 6:
        return False
    for word in words:
        core = word.strip("'’\"().,")
        if not core:
            return False
        if core.casefold() in _PARTICLES:
            continue
        first = core[0]
        if not (first.isupper() or (not first.isascii() and first.isalpha() and not
                                     first.islower())):
            return False
    return True


def _author(text: str, *, org: bool = False) -> _Author | None:
    """One author name from a source, or ``None`` when it is no name at all."""
    name = _clean(text, 300)
    if name is None:
        return None
    name = _strip_by(name)
    if not name or name.casefold() in _NOT_NAMES or not _looks_like_name(name):
        return None
    if name.isupper() and _has_latin(name) and len(name) > 5:
        # "JANE DOE" as printed in a small-caps byline: keep as a name, in title case.
        name = " ".join(w.capitalize() if w.isalpha() else w for w in name.split())
    # Organisations, placeholders, agencies ("AP", "PTI") and single words
    # ("Regan", "admin2") are names of a kind, but worse than a person's full name.
    weak = (org or bool(_WEAK_NAMES.match(name)) or bool(_ORG_WORDS.search(name))
            or (_has_latin(name) and _words(name) == 1))
    return _Author(name, weak)


_URLISH = re.compile(r"https?:|www\.")
_NAME_SEPARATORS = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{3})\.\s+(?=[A-Z])")
_NAME_SUFFIX = re.compile(r"(?:Jr|Sr|I{2,3}|IV)\.?")


def _split_names(text: str, *, org: bool = False) -> list[_Author]:
    """Names in a byline: "By Jane Doe and John Roe" -> two names. A line is split
    only when every part is a name or a role; roles ("Staff Writer") are dropped
    and affiliations ("Jane Doe, Reuters") come out weak."""
    # Remembered: it depends on the text alone, is far dearer than a look-up,
    # and a byline's parts are split again and again (for its names, to check
    # its lines, then its parent's lines).
    return list(_names_memo(text, org) if len(text) <= _MEMO_TEXT else _names_of(text, org))


def _names_of(text: str, org: bool) -> tuple[_Author, ...]:
    """:func:`_split_names`, as a tuple."""
    cleaned = _clean(text, 400)
    if cleaned is None:
        return ()
    cleaned = _strip_by(cleaned)
    if not cleaned or _URLISH.search(cleaned):
        return ()
    # "Jane Doe | Staff Writer", "Jane Doe - November 5": the name comes first.
    pieces = [p for p in _NAME_SEPARATORS.split(cleaned) if p]
    out: list[_Author] = []
    for piece in pieces:
        if _date_line(piece) is not None:
            continue
        # "Finian Cunningham. Sputnik International": a full stop after a word
        # (not an initial) separates two names.
        parts: list[str] = []
        for sentence in _SENTENCE_BREAK.split(piece):
            for part in _NAME_SPLIT.split(sentence):
                part = _strip_by(part) if part else ""
                if _NAME_SUFFIX.fullmatch(part) and parts:
                    parts[-1] += ", " + part  # "Martin Luther King, Jr." is one name
                elif part:
                    parts.append(part)
        if not parts:
            continue
        if len(parts) == 2 and "," in piece and all(_words(p) == 1 for p in parts) \
                and _has_latin(piece) and not any(p.isupper() for p in parts):
            parts = [piece]  # "Smith, John": one name written surname first
        names: list[_Author] = []
        roles: list[str] = []
        stray: list[str] = []
        for part in parts:
            if _ROLE_WORDS.search(part) and _words(part) <= 6:
                roles.append(part)
                continue
            name = _author(part, org=org)
            if name is None:
                stray.append(part)
            else:
                names.append(name)
        if stray and (len(parts) == 1 or any(_words(p) > 4 for p in stray)):
            continue  # a sentence that happens to hold a name, not a byline
        if not names and not out:
            # Only a role ("Staff Reports", "Staff Writer"): a placeholder byline.
            names = [_Author(n.name, True) for r in roles for n in [_author(r)] if n]
        out.extend(names)
    return tuple(out)


_names_memo = functools.lru_cache(maxsize=4096)(_names_of)

_AUTHOR_PATH = re.compile(
    r"/(?:authors?|by|people|profiles?|staff|writers?|contributors?|journalists?|team)/"
    r"([a-z]+(?:[-_.][a-z]+){1,3})/?(?:[?#]|$)", re.I)
_AUTHOR_SLUG_SPLIT = re.compile(r"[-_.]")
_STARTS_URL = re.compile(r"\s*https?://")


def _author_from_url(url: str) -> _Author | None:
    """A name from an author page address: ``/author/jane-doe/`` -> Jane Doe."""
    m = _AUTHOR_PATH.search(url)
    if not m:
        return None
    return _author(" ".join(w.capitalize() for w in _AUTHOR_SLUG_SPLIT.split(m.group(1))))


def _dedupe_authors(authors: Iterable[_Author]) -> list[_Author]:
    out: list[_Author] = []
    seen: set[str] = set()
    for a in authors:
        k = _key(a.name)
        if k and k not in seen:
            seen.add(k)
            out.append(a)
    return out


# --------------------------------------------------------------------------
# JSON-LD
# --------------------------------------------------------------------------

_ARTICLE_TYPES = frozenset(
    t.casefold() for t in (
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "LiveBlogPosting",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle", "Report",
        "TechArticle", "ScholarlyArticle", "SocialMediaPosting", "AdvertiserContentArticle",
        "MedicalScholarlyArticle", "Blog",
    )
)
_PAGE_TYPES = frozenset(
    t.casefold() for t in ("WebPage", "ItemPage", "MedicalWebPage", "AboutPage")
)
_ORG_TYPES = frozenset(
    t.casefold() for t in ("Organization", "NewsMediaOrganization", "Corporation",
                           "LocalBusiness", "WebSite", "Brand")
)


_JSON_OPENER = re.compile(r"^(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)\s*")
_JSON_CLOSER = re.compile(r"\s*(?:-->|//\s*\]\]>|\]\]>)$")


def _load_json(text: str) -> list[Any]:
    """The JSON values in a script, repairing what CMSs commonly break."""
    text = text.strip()
    # Wrappers some templates leave around the JSON.
    text = _JSON_OPENER.sub("", text)
    # The text ends in no white space now, so the closer can only be its very
    # end: the pattern (which tries every place of a long script) runs only then.
    if text.endswith(("-->", "]]>")):
        text = _JSON_CLOSER.sub("", text)
    text = text.strip().rstrip(";").strip()
    if not text:
        return []
    attempts: list[Callable[[str], str]] = [
        lambda s: s,
        # Trailing commas and stray control characters.
        lambda s: re.sub(r",\s*(?=[}\]])", "", _BAD_CHARS.sub(" ", s)),
        # Unescaped quotes inside a one-line string value of pretty-printed JSON.
        lambda s: _escape_inner_quotes(re.sub(r",\s*(?=[}\]])", "", _BAD_CHARS.sub(" ", s))),
    ]
    for fix in attempts:
        try:
            values = _decode_all(fix(text))
        except (ValueError, RecursionError):
            continue
        if values:
            return values
    return []


def _decode_all(text: str) -> list[Any]:
    """Every JSON value in ``text``; several may follow each other."""
    decoder = json.JSONDecoder(strict=False)
    out: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(text):
            break
        value, pos = decoder.raw_decode(text, pos)
        out.append(value)
    return out


_STRING_LINE = re.compile(r'^(\s*"[^"]{1,80}"\s*:\s*")(.*)("\s*,?\s*)$')


def _escape_inner_quotes(text: str) -> str:
    out = []
    for line in text.split("\n"):
        m = _STRING_LINE.match(line)
        if m and re.search(r'(?<!\\)"', m.group(2)):
            line = m.group(1) + re.sub(r'(?<!\\)"', r'\\"', m.group(2)) + m.group(3)
        out.append(line)
    return "\n".join(out)


_IRI_SEPARATOR = re.compile(r"[/#:]")


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type")
    items = raw if isinstance(raw, list) else [raw]
    out = set()
    for item in items:
        if isinstance(item, str):
            out.add(_IRI_SEPARATOR.split(item.strip())[-1].casefold())
    return out


def _first_str(value: Any) -> str | None:
    """The first string in a value that may be a string, a list or a dict."""
    queue: list[Any] = [value]
    for _ in range(50):
        if not queue:
            return None
        item = queue.pop(0)
        if isinstance(item, str):
            if item.strip():
                return item
        elif isinstance(item, list):
            queue.extend(item[:20])
        elif isinstance(item, dict):
            for k in ("@value", "name", "@id", "url"):
                if k in item:
                    queue.append(item[k])
                    break
    return None


@dataclass(slots=True)
class _JsonLd:
    """The JSON-LD of a page: the main article object and the objects around it."""

    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    ids: dict[str, dict[str, Any]] | None = None
    website_names: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # inLanguage of any object the page presents
    says_article: bool = False

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": ...}`` reference replaced by the object it names."""
        if isinstance(value, dict) and self.ids and len(value) <= 2 and "@id" in value:
            target = self.ids.get(str(value["@id"]))
            if target is not None:
                return target
        return value


def _json_ld(scripts: list[HtmlElement], page_url: str | None) -> _JsonLd:
    tops: list[dict[str, Any]] = []  # typed objects at the top, in @graph or as mainEntity
    ids: dict[str, dict[str, Any]] = {}
    budget = _MAX_JSON_NODES
    for script in scripts:
        text = script.text or ""
        if len(text) > _MAX_JSON_CHARS:
            continue
        for value in _load_json(text):
            # Iterative walk: every dict with an @id, and the objects a page
            # presents as its own (top level, @graph, mainEntity).
            stack: list[tuple[Any, bool]] = [(value, True)]
            while stack and budget > 0:
                node, top = stack.pop()
                budget -= 1
                if isinstance(node, list):
                    stack.extend((v, top) for v in reversed(node[:500]))
                elif isinstance(node, dict):
                    node_id = node.get("@id")
                    if isinstance(node_id, str) and node_id not in ids and len(node) > 1:
                        ids[node_id] = node
                    if top and "@type" in node:
                        tops.append(node)
                    for k, v in node.items():
                        if isinstance(v, (dict, list)):
                            stack.append((v, top and k in ("@graph", "mainEntity")))
    out = _JsonLd(ids=ids)
    articles = [o for o in tops if _types(o) & _ARTICLE_TYPES]
    pages = [o for o in tops if _types(o) & _PAGE_TYPES]
    out.says_article = bool(articles)
    out.languages = tuple(
        lang for o in tops for lang in [_ld_language(o.get("inLanguage"))] if lang
    )
    out.website_names = tuple(
        n for o in tops if "website" in _types(o)
        for n in [_clean(_first_str(o.get("name")), 200)] if n
    )
    if articles:
        out.article = _pick_article(articles, page_url)
    if pages:
        out.page = pages[0]
    return out


def _pick_article(articles: list[dict[str, Any]], page_url: str | None) -> dict[str, Any]:
    """The page's own article when several are described (related stories, updates)."""
    if len(articles) == 1:
        return articles[0]

    def score(obj: dict[str, Any]) -> int:
        points = 0
        if page_url:
            for k in ("url", "mainEntityOfPage", "@id"):
                u = _first_str(obj.get(k))
                if u and u.split("#")[0].rstrip("/") == page_url.split("#")[0].rstrip("/"):
                    points += 4
                    break
        points += 2 * ("headline" in obj) + ("articleBody" in obj) + ("datePublished" in obj)
        return points + ("author" in obj)

    return max(articles, key=score)


def _ld_people(value: Any, ld: _JsonLd) -> list[_Author]:
    """Authors from a JSON-LD ``author``/``creator``: strings, Person, Organization, lists."""
    out: list[_Author] = []
    queue: list[Any] = [value]
    for _ in range(100):
        if not queue:
            break
        item = ld.resolve(queue.pop(0))
        if isinstance(item, list):
            queue.extend(item[:30])
        elif isinstance(item, str):
            if _STARTS_URL.match(item):
                found = _author_from_url(item)
                out.extend([found] if found else [])
            else:
                out.extend(_split_names(item))
        elif isinstance(item, dict):
            org = bool(_types(item) & _ORG_TYPES)
            name = _first_str(item.get("name"))
            if name is None and isinstance(item.get("givenName"), str):
                name = f"{item['givenName']} {item.get('familyName') or ''}".strip()
            if isinstance(name, str) and not _STARTS_URL.match(name):
                out.extend(_split_names(name, org=org))
            else:
                url = _first_str(item.get("url")) or _first_str(item.get("@id"))
                found = _author_from_url(url) if url else None
                out.extend([found] if found else [])
    return out


def _ld_language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return normalise_language(_first_str(value))


# --------------------------------------------------------------------------
# The page scan: one pass over the elements
# --------------------------------------------------------------------------

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_EXCLUDED_TAGS = frozenset({"nav", "aside", "form", "menu", "dialog", "template", "noscript",
                            "head", "svg"})
_EXCLUDED_ROLES = frozenset({"navigation", "complementary", "contentinfo", "search", "dialog",
                             "menu", "menubar"})
_EXCLUDED_TOKENS = _set(
    "comment comments related relatedarticles recommended recommendations sidebar widget "
    "promo popular mostread mostpopular trending newsletter breadcrumb breadcrumbs menu "
    "navbar navigation sitenav footer sitefooter share sharing social outbrain taboola "
    "advert advertisement modal popup cookie cookies subscribe masthead siteheader topbar "
    "globalnav teaser teasers"
)
# Where a lower-case letter or digit meets a capital ("storyHeadline"): a
# place, so that a space is put in without a template (expanded in Python).
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_XP_SCAN_ATTRS = etree.XPath(
    "descendant-or-self::*/@itemprop | descendant-or-self::*/@itemscope")
_XP_ROLES = etree.XPath("descendant-or-self::*/@role")
_XP_RELS = etree.XPath("descendant-or-self::*/@rel")


def _attribute_owners(found: object, by_attr: dict[str, list[HtmlElement]]) -> None:
    """The elements holding the attributes an XPath found, added to the list
    for the attribute's name, in the order found."""
    for value in found if isinstance(found, list) else ():
        if isinstance(value, etree._ElementUnicodeResult):
            owner = value.getparent()
            if isinstance(owner, HtmlElement):
                by_attr[str(value.attrname)].append(owner)


# class, id, itemprop, data-testid, data-component and rel of an element.
_AttrValues = tuple[str | None, str | None, str | None, str | None, str | None, str | None]
_NO_ATTRS: _AttrValues = (None, None, None, None, None, None)


class _Facts:
    """What the searches read of one element's attributes (:meth:`_Scan.facts`).
    A plain class, built natively by mypyc (see :class:`_Read`)."""

    __slots__ = ("hidden", "parent", "role", "tag", "tokens", "values")

    def __init__(self, values: _AttrValues, role: str, hidden: bool) -> None:
        self.values = values  # the attributes whose words make its tokens
        self.role = role  # lower case, "" when none
        self.hidden = hidden  # the hidden attribute, aria-hidden="true", or a hiding style
        self.tokens: frozenset[str] | None = None  # :meth:`_Scan.tokens`, once asked
        self.tag: str | None = None  # lower case, and the parent: :meth:`_Scan.node`
        self.parent: HtmlElement | None = None


class _Scan:
    """The page's elements in document order, with the ones metadata comes from."""

    def __init__(self, root: HtmlElement, all_elements: list[HtmlElement] | None = None
                 ) -> None:
        self.root = root
        self.elements: list[HtmlElement] = []
        self.index: dict[HtmlElement, int] = {}
        self.metas: list[HtmlElement] = []
        self.links: list[HtmlElement] = []
        self.scripts: list[HtmlElement] = []
        self.headings: list[HtmlElement] = []
        self.times: list[HtmlElement] = []
        self.itemprops: list[HtmlElement] = []
        self.itemscopes: list[HtmlElement] = []
        # <a>, <link> and <span> with rel=author: see ``rel_authors``.
        self._rel_authors: list[HtmlElement] | None = None
        # <article>, <main> and role=main elements: see ``mains``.
        self._marked: list[HtmlElement] = []
        self._mains: list[HtmlElement] | None = None
        self.title: HtmlElement | None = None
        self.base: HtmlElement | None = None
        self._facts: dict[HtmlElement, _Facts] = {}
        # The indexes of the ``<p>`` elements, in document order: the header
        # search looks for paragraphs only, and passes the rest by.
        self.para_pos: list[int] = []
        # Elements only (lxml skips comments in C); the element proxies stay
        # alive in this list, so later walks hand back these very objects.
        elements = (all_elements if all_elements is not None
                    else list(itertools.islice(root.iter(etree.Element), _MAX_ELEMENTS)))
        if len(elements) < _MAX_ELEMENTS:
            self._fast_init(root, elements)
            return
        # A giant page: one walk in Python, which finds all at once.
        self._mains = self._marked
        self._rel_authors = []
        for el in root.iter():
            raw_tag = el.tag
            if not isinstance(raw_tag, str):
                continue  # a comment or processing instruction
            tag = raw_tag.lower()
            if len(self.elements) >= _MAX_ELEMENTS:
                # A giant page: what sits beyond the limit is read only for
                # the head-like tags (found below by XPath, which runs in C).
                break
            self.index[el] = len(self.elements)
            self.elements.append(el)
            self._classify(el, tag)
        self.para_pos = [i for i, el in enumerate(self.elements) if el.tag in _P_TAGS]
        if len(self.elements) >= _MAX_ELEMENTS:
            seen = set(self.metas) | set(self.links) | set(self.scripts)
            for el in root.iterfind(".//meta"):
                if el not in seen:
                    self.metas.append(el)
            for el in root.iterfind(".//link"):
                if el not in seen:
                    self.links.append(el)
            for el in root.iterfind(".//script"):
                if el not in seen:
                    self.scripts.append(el)

    def _fast_init(self, root: HtmlElement, elements: list[HtmlElement]) -> None:
        """What the loop below finds, by a tag-filtered walk and XPath in C
        (the page is within the element limit)."""
        self.elements = elements
        self.index = dict(zip(elements, range(len(elements)), strict=True))
        # One walk (in C) for the tags looked for, each kind in document order.
        marked = self._marked  # <article> and <main>
        paras: list[HtmlElement] = []
        by_tag: dict[str, list[HtmlElement]] = {
            "p": paras, "P": paras,
            "meta": self.metas, "link": self.links, "script": self.scripts,
            "h1": self.headings, "h2": self.headings, "h3": self.headings,
            "time": self.times, "title": [], "base": [], "article": marked, "main": marked}
        for el in root.iter(*by_tag):
            by_tag[str(el.tag)].append(el)
        self.title = by_tag["title"][0] if by_tag["title"] else None
        self.base = by_tag["base"][0] if by_tag["base"] else None
        # One XPath for the two attributes (attribute nodes come back from
        # libxml2 far faster than elements filtered by them), each in document
        # order, told apart by the attribute's name. (Each path is a walk of
        # the whole page: the roles and rels, which few pages need, are found
        # when asked, by ``mains`` and ``rel_authors``.)
        by_attr: dict[str, list[HtmlElement]] = {
            "itemprop": self.itemprops, "itemscope": self.itemscopes}
        _attribute_owners(_XP_SCAN_ATTRS(root), by_attr)
        index = self.index
        self.para_pos = [index[el] for el in paras]

    @property
    def rel_authors(self) -> list[HtmlElement]:
        """The ``<a>``, ``<link>`` and ``<span>`` elements with ``rel=author``,
        in document order. Found when first asked: only a page whose other
        sources name no author needs them."""
        if self._rel_authors is None:
            rels: list[HtmlElement] = []
            _attribute_owners(_XP_RELS(self.root), {"rel": rels})
            self._rel_authors = [
                el for el in rels
                if el.tag in ("a", "link", "span")
                and "author" in (el.get("rel") or "").lower().split()]
        return self._rel_authors

    @property
    def mains(self) -> list[HtmlElement]:
        """The ``<article>``, ``<main>`` and ``role=main`` elements in document
        order. Found when first asked: only a page whose headline is not found
        at once needs them."""
        if self._mains is None:
            roles: list[HtmlElement] = []
            _attribute_owners(_XP_ROLES(self.root), {"role": roles})
            mains = self._marked + [
                el for el in roles
                if el.get("role", "").lower() == "main" and el.tag not in ("article", "main")]
            index = self.index
            self._mains = sorted(mains, key=lambda el: index.get(el, -1))
        return self._mains

    def _classify(self, el: HtmlElement, tag: str) -> None:
        if tag == "meta":
            self.metas.append(el)
        elif tag == "link":
            self.links.append(el)
        elif tag == "script":
            self.scripts.append(el)
        elif tag in ("h1", "h2", "h3"):
            self.headings.append(el)
        elif tag == "time":
            self.times.append(el)
        elif tag == "title" and self.title is None:
            self.title = el
        elif tag == "base" and self.base is None:
            self.base = el
        elif tag in ("article", "main"):
            self._marked.append(el)
        attrib = el.attrib
        if "itemprop" in attrib:
            self.itemprops.append(el)
        if "itemscope" in attrib:
            self.itemscopes.append(el)
        rel_authors = self._rel_authors
        if rel_authors is not None and tag in ("a", "link", "span") and "author" in (
                attrib.get("rel") or "").lower().split():
            rel_authors.append(el)
        if attrib.get("role", "").lower() == "main" and tag not in ("article", "main"):
            self._marked.append(el)

    def tokens(self, el: HtmlElement) -> frozenset[str]:
        """Words of the element's class, id, itemprop and test hooks, with the
        compounds they form ("c-article__dek" -> c, article, dek, articledek...)."""
        facts = self._facts.get(el)  # (the look-up of facts(), without the call)
        if facts is None:
            facts = self.facts(el)
        tokens = facts.tokens
        if tokens is None:
            values = facts.values
            tokens = _NO_TOKENS if values is _NO_ATTRS else _attr_tokens(values)
            facts.tokens = tokens
        return tokens

    def kinds(self, el: HtmlElement) -> tuple[bool, bool]:
        """:func:`_token_kinds` of the element's tokens, without working them
        out when no attribute value can name a byline or a date: every token
        lies within a value's letters and digits run together, and each of
        the byline and date words holds one of the words _KIND_WORDS finds."""
        facts = self._facts.get(el)
        if facts is None:
            facts = self.facts(el)
        tokens = facts.tokens
        if tokens is None:
            values = facts.values
            if values is _NO_ATTRS or not any(_may_name_kind(v) for v in values if v):
                return (False, False)
            tokens = self.tokens(el)
        return _token_kinds(tokens) if tokens else (False, False)

    def attrs(self, el: HtmlElement) -> _AttrValues:
        """The element's class, id, itemprop, data-testid, data-component and
        rel (``None`` for each one missing)."""
        return self.facts(el).values

    def facts(self, el: HtmlElement) -> _Facts:
        """What the searches read of the element's attributes."""
        cached = self._facts.get(el)
        if cached is not None:
            return cached
        # The attribute names first (one call), then the values of those
        # present: most elements carry one or none of the ones read here,
        # and each lookup by name costs about as much as listing all names.
        names = el.keys()
        if not names:
            result = _Facts(_NO_ATTRS, "", False)
            self._facts[el] = result
            return result
        values: list[str | None] = [None, None, None, None, None, None, None, None, None]
        present = False
        hidden = False
        for name in names:
            at = _FACT_ATTRS.get(name)
            if at is not None:
                values[at] = el.get(name)
                present = present or at < 6
            elif name == "hidden":
                hidden = True
        role = values[6]
        aria_hidden = values[7]
        style = values[8]
        if (aria_hidden is not None and aria_hidden.strip().lower() == "true") or (
                style and _HIDDEN_STYLE.search(style)):
            hidden = True
        result = _Facts(
            (values[0], values[1], values[2], values[3], values[4], values[5]) if present
            else _NO_ATTRS,
            role.lower() if role is not None else "", hidden)
        self._facts[el] = result
        return result

    def node(self, el: HtmlElement) -> _Facts:
        """:meth:`facts` with the element's tag and parent filled in, asked of
        lxml once: the walks up the tree pass the same ancestors again and again."""
        facts = self._facts.get(el)  # (the look-up of facts(), without the call)
        if facts is None:
            facts = self.facts(el)
        if facts.tag is None:
            facts.tag = _tag(el)
            facts.parent = el.getparent()
        return facts

    def excluded(self, el: HtmlElement) -> bool:
        """Whether ``el`` sits in page chrome, a hidden subtree or a widget."""
        node: HtmlElement | None = el
        in_footer = False
        for _ in range(_MAX_ANCESTORS):
            if node is None:
                break
            facts = self.node(node)
            tag = facts.tag
            if tag in ("body", "html"):
                break
            role = facts.role
            if tag in ("article", "main") or role in ("main", "article"):
                # An article's own <footer> holds its byline and dates; and an
                # article whose class says "newsletter-post" is still the article.
                in_footer = False
            elif tag == "footer":
                in_footer = True
            elif tag in _EXCLUDED_TAGS or role in _EXCLUDED_ROLES or (
                    node is not el and not self.tokens(node).isdisjoint(_EXCLUDED_TOKENS)):
                return True
            if facts.hidden:
                return True
            node = facts.parent
        return in_footer

    def pos(self, el: HtmlElement) -> int:
        return self.index.get(el, -1)

    def subtree_end(self, el: HtmlElement) -> int:
        """Index just past the last element inside ``el``."""
        start = self.pos(el)
        count = 0
        for node in el.iter():
            if isinstance(node.tag, str):
                count += 1
                if count > _MAX_ELEMENTS:
                    break
        return start + count


_NO_TOKENS: frozenset[str] = frozenset()
# The attributes :meth:`_Scan.facts` reads, by their place in its list: first
# the ones whose words make :meth:`_Scan.tokens`, in the order of the values
# :func:`_attr_tokens` takes.
_FACT_ATTRS = {"class": 0, "id": 1, "itemprop": 2, "data-testid": 3, "data-component": 4,
               "rel": 5, "role": 6, "aria-hidden": 7, "style": 8}


_VALUE_TOKENS: dict[str, frozenset[str]] = {}  # see _MEMO_SIZE
_WORD_TOKENS: dict[str, tuple[str, ...]] = {}  # see _MEMO_SIZE


def _attr_tokens(values: tuple[str | None, ...]) -> frozenset[str]:
    """:meth:`_Scan.tokens` of these attribute values: the tokens of each
    value, worked out once for each value (many elements share a class; an id
    is often the element's own)."""
    first: frozenset[str] | None = None
    out: set[str] | None = None  # the union, when there are several
    for value in values:
        if not value:
            continue
        tokens = _VALUE_TOKENS.get(value)
        if tokens is None:
            tokens = _value_tokens(value)
        if first is None:
            first = tokens  # most elements have one: its frozenset is the answer
        else:
            if out is None:
                out = set(first)
            out.update(tokens)
    if out is not None:
        return frozenset(out) if out else _NO_TOKENS
    return first if first is not None else _NO_TOKENS


def _value_tokens(value: str) -> frozenset[str]:
    """The tokens of one attribute value's words (see :func:`_attr_tokens`)."""
    found = _VALUE_TOKENS.get(value)
    if found is None:
        out: set[str] = set()
        for word in value[:500].split():
            out.update(_word_tokens(word))
        found = frozenset(out) if out else _NO_TOKENS
        if len(_VALUE_TOKENS) >= _MEMO_SIZE:
            _VALUE_TOKENS.clear()
        _VALUE_TOKENS[value] = found
    return found


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _word_tokens(word: str) -> tuple[str, ...]:
    found = _WORD_TOKENS.get(word)
    if found is None:
        found = _split_word(word)
        if len(_WORD_TOKENS) >= _MEMO_SIZE:
            _WORD_TOKENS.clear()
        _WORD_TOKENS[word] = found
    return found


def _split_word(word: str) -> tuple[str, ...]:
    """A class word's parts, the pairs of parts next to each other and the
    whole: "c-article__dek" -> c, article, dek, carticle, articledek, carticledek."""
    if not word.islower():  # most class words are: without a capital, no camel case
        word = _CAMEL.sub(" ", word)
    word = word.lower()
    parts: list[str] | None = None
    if word.isascii():
        if word.isalnum():
            return (word, word)  # only [a-z0-9]: one part, which is also the whole
        # The usual separators split by str methods; the pattern only when
        # something else than [a-z0-9] remains between them.
        parts = word.replace("-", " ").replace("_", " ").split()
        if not "".join(parts).isalnum():
            parts = None
    if parts is None:
        parts = [p for p in _NON_ALNUM.split(word) if p]
    out = list(parts)
    for i in range(len(parts) - 1):
        out.append(parts[i] + parts[i + 1])
    out.append("".join(parts))
    return tuple(out)


def _contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    node: HtmlElement | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.getparent()
    return False


# --------------------------------------------------------------------------
# <meta> and <link>
# --------------------------------------------------------------------------


def _meta_map(scan: _Scan) -> dict[str, list[str]]:
    """``<meta>`` content by lower-cased name, property or http-equiv."""
    out: dict[str, list[str]] = {}
    for el in scan.metas:
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "http-equiv"):
            name = el.get(attr)
            if name:
                for key in name.lower().split()[:4]:
                    out.setdefault(key, []).append(content)
    return out


def _first(values: Iterable[str | None]) -> str | None:
    for v in values:
        if v:
            return v
    return None


# --------------------------------------------------------------------------
# Site names in titles
# --------------------------------------------------------------------------

_TITLE_SEP = re.compile(r"\s*[|｜]\s*|\s+(?:[-–—·•»«~/]|::|//)\s+|\s*[–—]\s+|\s+[–—]\s*")
# The characters every _TITLE_SEP match holds (after any white space).
_TITLE_SEP_CORE = re.compile(r"[|｜\-–—·•»«~/:]")


def _title_seps(title: str) -> tuple[tuple[int, int], ...]:
    """Where ``_TITLE_SEP.finditer(title)`` matches, as (start, end) pairs.

    The pattern begins with white space or nothing, so the regex engine tries
    it at every place of the title; a match can only begin where the white
    space before one of its core characters begins, so it is tried there
    alone."""
    out: list[tuple[int, int]] = []
    end = 0  # where the last match ended: the next one begins there or later
    for core in _TITLE_SEP_CORE.finditer(title):
        at = core.start()
        if at < end:
            continue  # inside the last match
        start = at
        while start > end and title[start - 1].isspace():
            start -= 1
        found = _TITLE_SEP.match(title, start)
        if found is not None:
            out.append((found.start(), found.end()))
            end = found.end()
    return tuple(out)


def _is_site(part: str, sites: list[str]) -> bool:
    k = _key(part)
    if not k:
        return False
    for site in sites:
        s = _key(site)
        if not s:
            continue
        if k == s:
            return True
        short, long_ = sorted((k, s), key=len)
        # "TheHill" vs "The Hill", "SlashGear" vs "slashgear", "Houston Chronicle"
        # vs "HoustonChronicle.com": one is the other with a little more.
        if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 4:
            return True
    return False


_HOST_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_LABEL_PREFIX = re.compile(r"^([^:]{2,40}):\s+(\S.*)$")


def _strip_site(title: str, sites: list[str], *, guess: bool) -> str:
    """``title`` without the site name before or after it. With ``guess``, a short
    last part after " | " or " - " is dropped even when the site name is unknown."""
    for _ in range(4):
        seps = _title_seps(title)
        if seps:
            last = seps[-1]
            head, tail = title[: last[0]].strip(), title[last[1]:].strip()
            if head and _is_site(tail, sites):
                title = head
                continue
            first = seps[0]
            head, tail = title[: first[0]].strip(), title[first[1]:].strip()
            if tail and _is_site(head, sites):
                title = tail
                continue
        m = _LABEL_PREFIX.match(title)
        if m and _is_site(m.group(1), sites):
            title = m.group(2)
            continue
        break
    if guess:
        for _ in range(3):
            seps = _title_seps(title)
            if not seps:
                break
            last = seps[-1]
            head, tail = title[: last[0]].strip(), title[last[1]:].strip()
            latin = _has_latin(head)
            long_head = _words(head) >= 3 if latin else len(head) >= 8
            # A site name is short and written like a name or an address.
            short_tail = (_words(tail) <= 4 and (_looks_like_name(tail) or bool(
                _HOST_NAME.fullmatch(tail)))) if _has_latin(tail) \
                else len(tail) <= 15
            if long_head and short_tail and len(tail) < len(head):
                title = head
            else:
                break
    return title


# --------------------------------------------------------------------------
# Visible metadata around the headline
# --------------------------------------------------------------------------

_KICKER_TOKENS = _set(
    "kicker eyebrow overline overtitle supertitle superhead superheadline pretitle prehead "
    "preheadline sectionlabel sectionname sectiontitle articlesection flag rubric topper "
    "label labels category categories catlinks postcategory entrycategory articlecategory "
    "storylabel tag primarytag strap"
)
_KICKER_TEXTS = frozenset({
    "breaking", "breaking news", "just in", "live", "live updates", "live coverage",
    "developing", "developing story", "exclusive", "analysis", "opinion", "explainer",
    "fact check", "special report", "editorial", "comment", "review", "interview",
    "news analysis", "world exclusive", "watch", "listen",
})
_STANDFIRST_STRONG = _set(
    "standfirst dek deck subtitle subtitles subheadline subhead subheading strapline sapo "
    "chapo bajada entradilla articlesummary storysummary articledek articlesubtitle "
    "alternativeheadline"
)
# Classes that also mark the body's first paragraph ("speakable-summary", "lede").
_STANDFIRST_WEAK = _set(
    "lede lead intro introduction excerpt teaser articleintro summary description abstract"
)
_BYLINE_TOKENS = _set(
    "byline bylines author authors authorname authorlink bylineauthor articleauthor "
    "postauthor entryauthor storyauthor writer contributor contributors postedby byauthor "
    "creator reporter"
)
_NOT_BYLINE_TOKENS = _set(
    "bio authorbio avatar authoravatar image img photo picture pic thumb thumbnail follow "
    "social description authordescription authorimage"
)
_DATE_TOKENS = _set(
    "date dates time timestamp published publishdate publisheddate pubdate posted postedon "
    "postdate entrydate articledate datepublished datemodified updated modified lastupdated "
    "dateline datetime"
)
_BODY_STOP_CHARS = 150  # a paragraph this long after the headline is body text
_CLUSTER = 60  # elements after the last byline or date that may hold another


@dataclass(slots=True)
class _Visible:
    """What the page shows around its headline."""

    headline: HtmlElement | None = None
    headline_text: str | None = None
    headline_score: int = 0
    kicker: tuple[HtmlElement, str] | None = None
    standfirst: tuple[HtmlElement, str] | None = None
    bylines: list[tuple[HtmlElement, list[_Author]]] | None = None
    dates: list[tuple[HtmlElement, str, Literal["published", "updated"]]] | None = None


_HEADLINE_TOKENS = _set("headline entrytitle articletitle posttitle storytitle title")


def _headline_candidates(scan: _Scan) -> list[HtmlElement]:
    out = []
    for el in scan.headings:
        tag = _tag(el)
        if tag == "h1" or not scan.tokens(el).isdisjoint(_HEADLINE_TOKENS):
            out.append(el)
    out.extend(el for el in scan.itemprops
               if "headline" in (el.get("itemprop") or "").split() and _tag(el) != "meta")
    return [el for el in out if not scan.excluded(el)][:60]


def _match_score(text: str, keys: list[str]) -> int:
    k = _key(text)
    if len(k) < 3:
        return 0
    best = 0
    for key in keys:
        if not key:
            continue
        if k == key:
            return 4
        if len(k) >= 8 and (key.startswith(k) or key.endswith(k)) and len(k) >= 0.4 * len(key):
            best = max(best, 3)  # the <title> is the headline plus the site name
        elif len(key) >= 8 and k.startswith(key) and len(key) >= 0.5 * len(k):
            best = max(best, 3)  # a shortened headline in the meta tags
        elif len(k) >= 10 and k in key:
            best = max(best, 2)
    return best


def _find_headline(scan: _Scan, titles: list[str]) -> tuple[HtmlElement, str, int] | None:
    """The visible headline element, its text and how well it matches the titles."""
    keys = [_key(t) for t in titles if t]
    best: tuple[int, int, int, HtmlElement, str] | None = None
    for el in _headline_candidates(scan):
        text = _text(el, 500)
        if not text:
            continue
        score = _match_score(text, keys) if keys else 0
        rank = (score, _tag(el) == "h1", -scan.pos(el))
        if best is None or rank > best[:3]:
            best = (score, int(_tag(el) == "h1"), -scan.pos(el), el, text)
    if best is not None and best[0] > 0:
        return best[3], best[4], best[0]
    shown = _headline_by_text(scan, titles)
    if shown is not None:
        return shown
    if best is None:
        return None
    # No headline matches the page's titles: the one h1 of the article, if any.
    h1s = [el for el in _headline_candidates(scan) if _tag(el) == "h1"]
    in_main = [el for el in h1s if any(_contains(m, el) for m in scan.mains[:5])]
    pick = in_main[0] if len(in_main) == 1 else (h1s[0] if len(h1s) == 1 else None)
    if pick is None:
        return None
    text = _text(pick, 500)
    return (pick, text, 0) if text else None


def _segment_keys(title: str) -> set[str]:
    """Keys of the title and of every run of its parts between separators:
    "Site - Headline | Section" -> the keys of "Headline", "Site - Headline"..."""
    cuts = [(0, 0), *_title_seps(title), (len(title), len(title))][:12]
    out = set()
    for i in range(len(cuts) - 1):
        for j in range(i + 1, len(cuts)):
            out.add(title[cuts[i][1]:cuts[j][0]].strip())
    return {_key(part) for part in out if _headline_sized(part)}


def _headline_sized(text: str) -> bool:
    """Long enough to be a headline rather than a site or section name."""
    return _words(text) >= 3 if _has_latin(text) else len(text) >= 6


def _headline_by_text(scan: _Scan, titles: list[str]) -> tuple[HtmlElement, str, int] | None:
    """A headline in plain markup (``<div><b>Headline</b></div>``): the first
    element outside page chrome whose text is the title or a part of it."""
    full = {_key(t) for t in titles if t}
    keys = {k for t in titles if t for k in _segment_keys(t)}
    if not keys:
        return None
    starts = {k[:6] for k in keys}
    for el in scan.elements[:_MAX_HEADLINE_SEARCH]:
        head = el.text
        if not head or not head.strip() or _tag(el) in ("title", "a", "script", "style",
                                                          "option", "head", "meta"):
            continue
        k0 = _key(head[:40])
        if not k0 or (k0[:6] not in starts and not any(k.startswith(k0) for k in starts)):
            continue
        text = _text(el, 500)
        if not text or _key(text) not in keys or scan.excluded(el):
            continue
        el = _climb(el, _same_text(text, 500), [])
        return el, text, 4 if _key(text) in full else 3
    return None


def _climb(el: HtmlElement, ok: Callable[[HtmlElement], bool],
           avoid: list[HtmlElement]) -> HtmlElement:
    """The outermost ancestor of ``el`` (up to three levels) that still passes
    ``ok``: a wrapper that adds nothing is dropped with what it wraps."""
    best = el
    node = el.getparent()
    for _ in range(3):
        if node is None or _tag(node) in ("body", "html", "article", "main", "header",
                                          "section") or node.get("role") == "main":
            break
        if any(_contains(node, a) for a in avoid) or not ok(node):
            break
        best = node
        node = node.getparent()
    return best


def _same_text(text: str, limit: int) -> Callable[[HtmlElement], bool]:
    def ok(node: HtmlElement) -> bool:
        return _text(node, limit) == text
    return ok


_LINE_SEPARATORS = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+|\s*[|•·]\s*")
_LEADING_JOINERS = re.compile(r"^(?:on|at|,|\s)+", re.I)


_JOINER_WORD = re.compile(r"(?:by|and|&|with|,|und|et|y|and\s+by)", re.I)
_READ_TIME_OR_HANDLE = re.compile(r"\d+\s*(?:min(?:ute)?s?|m)\s*read|@\w+|\d+\s+\w+\s+ago",
                                  re.I)


def _is_metadata_only(lines: list[str], names: list[_Author]) -> bool:
    """Whether every line of a byline element is a name, a role, a date or filler."""
    name_keys = {_key(n.name) for n in names}
    # Compiled only for a part that is not plainly a name or a date (a new
    # pattern for every byline costs more than the rest of this test).
    name_pattern: re.Pattern[str] | None = None
    stray = 0
    for line in lines:
        for part in _LINE_SEPARATORS.split(line):
            part = part.strip(" ,;:")
            if not part:
                continue
            bare = _strip_by(part)
            if not bare or _key(bare) in name_keys or _date_line(part) is not None:
                continue
            # "Fiona Beckett on Tue, 14/05/2024": the name taken out, a date is left.
            if name_pattern is None:
                name_pattern = re.compile("|".join(
                    re.escape(n.name) for n in sorted(names, key=lambda n: -len(n.name)))
                    or "(?!)", re.I)
            rest = _LEADING_JOINERS.sub("", name_pattern.sub(" ", bare).strip(" ,.;:"))
            if rest != bare and (not rest or _date_line(rest) is not None):
                continue
            if rest != bare:
                bare = rest
            split = _split_names(part)
            if split and all(_key(a.name) in name_keys for a in split):
                continue
            if _JOINER_WORD.fullmatch(bare):
                continue
            if _READ_TIME_OR_HANDLE.fullmatch(bare):
                continue
            if _ROLE_WORDS.search(bare) and _words(bare) <= 6:
                continue
            stray += _words(bare) if _has_latin(bare) else max(1, len(bare) // 4)
    return stray <= 3


def _visible(scan: _Scan, titles: list[str], descriptions: list[str]) -> _Visible:
    out = _Visible(bylines=[], dates=[])
    found = _find_headline(scan, titles)
    anchor: int
    if found is not None:
        out.headline, out.headline_text, out.headline_score = found
        anchor = scan.pos(found[0])
        lo, start = max(0, anchor - 40), scan.subtree_end(found[0])
    elif scan.mains:
        anchor = scan.pos(scan.mains[0])
        lo, start = anchor, anchor + 1
    else:
        return out
    if anchor < 0:
        return out
    headline = out.headline
    avoid = [headline] if headline is not None else []
    # The header ends at the body: the second long paragraph after the headline.
    end = min(len(scan.elements), start + 400)
    long_paras = 0
    elements = scan.elements
    para_pos = scan.para_pos
    first_para = bisect.bisect_left(para_pos, start)
    for i in itertools.islice(para_pos, first_para, None):
        if i >= end:
            break
        el = elements[i]
        if not _in_caption(scan, el):
            text = _text(el, _BODY_STOP_CHARS * 4)
            if text is None or len(text) >= _BODY_STOP_CHARS:
                long_paras += 1
                if long_paras == 2:
                    end = i
                    break
    if headline is not None:
        out.kicker = _find_kicker(scan, lo, anchor, headline)
    if out.kicker:
        avoid.append(out.kicker[0])
    out.standfirst = _find_standfirst(scan, start, end, descriptions, avoid)
    if out.standfirst:
        avoid.append(out.standfirst[0])
    # Bylines and dates come before the body: the first long paragraph that
    # is followed by more (a lone one may be a caption or a standfirst) ends
    # their search.
    for i in itertools.islice(para_pos, first_para, None):
        if i >= end:
            break
        el = elements[i]
        if not any(_contains(a, el) for a in avoid) and \
                not _in_caption(scan, el) and _long(el) and any(
                    _tag(sib) == "p" and _long(sib, 80)
                    for sib in itertools.islice(el.itersiblings(), 3)):
            end = i
            break
    _find_bylines_and_dates(scan, lo, end, start, avoid, out)
    return out


# ``_tag(el) == "p"`` without the call: the tags that lower-case to "p".
_P_TAGS = ("p", "P")


def _long(el: HtmlElement, chars: int = _BODY_STOP_CHARS) -> bool:
    text = _text(el, chars * 4)
    return text is None or len(text) >= chars


def _in_caption(scan: _Scan, el: HtmlElement) -> bool:
    """Whether a paragraph is the caption of the lead image, not body text."""
    node: HtmlElement | None = el
    for _ in range(4):
        if node is None:
            return False
        facts = scan.node(node)
        tag, parent = facts.tag, facts.parent
        if tag in ("figure", "figcaption") or _says_caption(scan.tokens(node)):
            return True
        node = parent
    return False


_SAYS_CAPTION: dict[frozenset[str], bool] = {}  # see _MEMO_SIZE


def _says_caption(tokens: frozenset[str]) -> bool:
    """Whether class words name a caption or a credit (remembered for each set)."""
    found = _SAYS_CAPTION.get(tokens)
    if found is None:
        found = any("caption" in t or "credit" in t for t in tokens)
        if len(_SAYS_CAPTION) >= _MEMO_SIZE:
            _SAYS_CAPTION.clear()
        _SAYS_CAPTION[tokens] = found
    return found


def _in_menu(el: HtmlElement) -> bool:
    """Whether ``el`` is one link of a row of links (a menu, a list of sections)."""
    parent = el.getparent()
    if parent is None:
        return False
    sibling_links = sum(
        1 for sib in itertools.islice(parent, 200)
        if sib is not el and (_tag(sib) == "a" or (len(sib) == 1 and _tag(sib[0]) == "a"))
    )
    if sibling_links >= 2:
        return True
    for depth, li in enumerate(el.iterancestors("li")):
        items = li.getparent()
        if depth > 0 or items is None:
            break
        if sum(1 for c in itertools.islice(items, 200) if _tag(c) == "li") >= 3:
            return True
    return False


# Links above a headline that name no section: the site's own furniture, and
# pages about people (authors, profiles).
_NOT_SECTIONS = frozenset({
    "home", "search", "menu", "sign in", "log in", "login", "register", "subscribe",
    "account", "my account", "newsletter", "newsletters", "back", "more", "skip", "share",
})
_NAV_TOKENS = frozenset({"nav", "navbar", "navigation", "menu", "search", "login", "account",
                         "breadcrumb", "breadcrumbs"})
_PEOPLE_PATHS = frozenset({"author", "authors", "people", "person", "personalities", "profile",
                           "profiles", "user", "users", "staff", "contributor", "contributors",
                           "journalist", "journalists", "by", "writer", "writers"})


def _is_section_link(el: HtmlElement, text: str) -> bool:
    """A link to the section the story is filed in: ``<a href="/sport/athletics">
    Athletics</a>``: up to three words, naming the last segment of a short
    path on the same site (no query, not a page of its own)."""
    link = el if _tag(el) == "a" else None
    parent = el.getparent()
    if link is None and parent is not None and _tag(parent) == "a":
        link = parent
    if link is None:
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) != 1 or _tag(kids[0]) != "a" or (el.text or "").strip() or (
                kids[0].tail or "").strip():
            return False
        link = kids[0]
    if _words(text) > 3 or text.casefold() in _NOT_SECTIONS:
        return False
    holder = link.getparent()
    for node in (link, el, holder):
        if node is not None and not _attr_tokens(
                (node.get("class"), node.get("id"), None, None, None, None)).isdisjoint(
                    _NAV_TOKENS):
            return False  # a link of the site's menu or search box
    parts = urlsplit((link.get("href") or "").strip())
    if parts.query or parts.scheme not in ("", "http", "https"):
        return False
    segments = [seg for seg in parts.path.split("/") if seg]
    if not segments or len(segments) > 3 or "." in segments[-1] or (
            segments[0].casefold() in _PEOPLE_PATHS):
        return False
    slug = _NOT_ALNUM.sub("-", text.casefold()).strip("-")
    return bool(slug) and _NOT_ALNUM.sub("-", segments[-1].casefold()).strip("-") == slug


def _find_kicker(scan: _Scan, lo: int, anchor: int,
                 headline: HtmlElement) -> tuple[HtmlElement, str] | None:
    nearest = True  # the first element with text above the headline
    holders = {headline, *headline.iterancestors()}
    for i in range(anchor - 1, lo - 1, -1):
        el = scan.elements[i]
        if el in holders:
            continue  # an ancestor of the headline (its header) is no kicker
        tag = _tag(el)
        if tag in ("h1", "h2", "p") and len(_text(el, 150) or "x" * 200) > 100:
            break  # a paragraph of text between: whatever is above it is not a kicker
        if tag in _NO_TEXT_TAGS or tag in ("img", "picture", "label", "input", "li"):
            continue
        text = _text(el, 80)
        if not text or _words(text) > 6 or len(text) > 60:
            continue
        by_class = not scan.tokens(el).isdisjoint(_KICKER_TOKENS)
        by_text = text.casefold().rstrip(":|!").strip() in _KICKER_TEXTS
        by_link = nearest and _is_section_link(el, text)
        nearest = False
        if not (by_class or by_text or by_link):
            continue
        if text.casefold() in ("advertisement", "ad", "sponsored content") or \
                _date_line(text) is not None or _strip_by(text) != text:
            continue
        if scan.excluded(el) or _in_menu(el):
            continue
        el = _climb(el, _same_text(text, 80), [headline])
        return el, text.rstrip(":|").strip()
    return None


def _find_standfirst(scan: _Scan, start: int, end: int, descriptions: list[str],
                     avoid: list[HtmlElement]) -> tuple[HtmlElement, str] | None:
    desc_keys = [_key(d) for d in descriptions if d]
    desc_keys = [k for k in desc_keys if len(k) >= 15]
    i = start
    while i < end:
        el = scan.elements[i]
        i += 1
        tag = _tag(el)
        if tag not in ("p", "div", "h2", "h3", "span", "section", "header", "summary",
                       "strong", "em"):
            continue
        tokens = scan.tokens(el)
        strong = not tokens.isdisjoint(_STANDFIRST_STRONG)
        weak = not tokens.isdisjoint(_STANDFIRST_WEAK)
        # Only an element whose own text begins like a description can be it
        # (a cheap test first: most elements here are neither).
        own = (el.text or "").strip()
        start_key = _key(own[:40])[:8] if desc_keys and own else ""
        maybe = bool(start_key) and any(d.startswith(start_key) for d in desc_keys)
        if not (tag == "p" or strong or weak or maybe):
            continue
        text = _text(el, 800)
        if text is None:
            if tag == "p":
                return None  # a long paragraph: the body has begun
            continue
        if not text:
            continue
        k = _key(text) if maybe else ""
        # The description shown on the page, whole or as the CMS cut it.
        described = maybe and any(
            k == d or (len(k) >= 20 and d.startswith(k[: max(20, len(d) - 3)]))
            or (len(d) >= 40 and k.startswith(d) and len(k) <= 2.5 * len(d))
            for d in desc_keys
        )
        if (strong or weak or described) and _standfirst_ok(scan, el, text, avoid,
                                                              guard=not strong):
            el = _climb(el, _same_text(text, 800), avoid)
            return el, text
        if tag == "p" and len(text) >= _BODY_STOP_CHARS:
            return None  # body text reached: a standfirst comes before it
    return None


def _standfirst_ok(scan: _Scan, el: HtmlElement, text: str, avoid: list[HtmlElement],
                   *, guard: bool) -> bool:
    long_enough = _words(text) >= 4 if _has_latin(text) else len(text) >= 10
    if not long_enough or _date_line(text) is not None or _strip_by(text) != text:
        return False
    if any(_contains(el, a) or _contains(a, el) for a in avoid):
        return False
    if el.xpath("ancestor::a[position() <= 3] | .//a[string-length(normalize-space()) > 20]"):
        return False  # the headline of another story, linked
    paragraphs = 0
    for inner in el.iter("h1", "h2", "h3", "h4", "h5", "h6", "figure", "img", "picture",
                         "video", "iframe", "table", "ul", "ol", "blockquote", "form", "time",
                         "p"):
        if inner is el:
            continue
        if _tag(inner) != "p":
            return False
        paragraphs += 1
        if paragraphs > 1:
            return False  # several paragraphs: a body, not a standfirst
    if scan.excluded(el):
        return False
    parent = el.getparent()
    if parent is not None and _tag(el) in ("span", "strong", "em") and \
            _tag(parent) in ("p", "li", "td", "blockquote"):
        return False  # words inside a paragraph, not a paragraph of their own
    if guard and parent is not None:
        # A "lede" or a paragraph equal to the description among sibling
        # paragraphs is the body's first paragraph, not a standfirst.
        for sib in parent.iterchildren("p"):
            if sib is not el and len(_text(sib, 200) or "x" * 300) >= 80:
                return False
    return True


def _find_bylines_and_dates(scan: _Scan, lo: int, end: int, start: int,
                            avoid: list[HtmlElement], out: _Visible) -> None:
    assert out.bylines is not None and out.dates is not None
    taken: list[HtmlElement] = []
    headline = out.headline
    last = -1
    # Containment by position: an element lies inside another when its index
    # falls in the other's subtree range; one holds an avoided element when
    # it is that element or one of its ancestors.
    spans = [(scan.pos(a), scan.subtree_end(a)) for a in avoid]
    exact = all(p >= 0 for p, _ in spans)
    holders: set[HtmlElement] = set()
    for a in avoid:
        holders.add(a)
        holders.update(a.iterancestors())
    # The indexes in [lo, end) inside a span (an avoided element's subtree,
    # or one already taken), marked once instead of tested at every index.
    inside = bytearray(max(0, end - lo))

    def mark(p: int, q: int) -> None:
        a, b = max(p, lo), min(q, end)
        if a < b:
            inside[a - lo:b - lo] = b"\x01" * (b - a)

    if exact:
        for p, q in spans:
            mark(p, q)
    headline_pos = scan.pos(headline) if headline is not None else start
    elements = scan.elements
    for i in range(lo, end):
        if last >= 0 and i > last + _CLUSTER:
            # Bylines and dates sit together; ones further on belong to other
            # stories (tickers, related links, the author's other posts).
            break
        if start > i >= headline_pos:
            continue  # inside the headline
        el = elements[i]
        if inside[i - lo] or el in holders or (
                not exact and any(_contains(a, el) for a in avoid)):
            continue
        raw_tag = el.tag
        tag = raw_tag.lower() if isinstance(raw_tag, str) else ""
        if tag in _NO_TEXT_TAGS or tag in ("meta", "link", "img", "br"):
            continue
        if last >= 0 and tag in ("h2", "h3", "h4", "a", "p", "li"):
            text = _text(el, 300)
            if text is None or _words(text) >= (6 if tag == "a" else 20) or \
                    (tag != "a" and tag != "li" and _words(text) >= 6
                     and _byline_at(scan, el, tag, scan.tokens(el), avoid) is None
                     and _date_at(scan, el, tag, scan.tokens(el), avoid) is None):
                break  # a story link or text: the byline block is over
        attrs = scan.attrs(el)
        rel = attrs[5]
        prop = attrs[2]
        opens = _opens_byline(el.text)
        # The first tests of _byline_at and _date_at, asked once here: most
        # elements can be neither, and are passed by without either call.
        # (Without class words, rel or itemprop, only a text that starts "By"
        # can make a byline, and nothing a date.)
        by_class, says_date = scan.kinds(el)
        if by_class or (rel is not None and "author" in rel.lower().split()) or (
                prop is not None and not _AUTHOR_PROPS.isdisjoint(prop.split())) or (
                opens == _BY_NAME or (opens == _BY_ALONE and len(el) > 0)):
            found = _byline_at(scan, el, tag, scan.tokens(el), avoid)
            if found is not None:
                el2, names = found
                taken.append(el2)
                out.bylines.append((el2, names))
                out.dates.extend(_dates_in_byline(el2))
                last = scan.subtree_end(el2)
                mark(*_span(scan, el2, last))
                continue
        if tag != "time" and not says_date:
            continue
        date_found = _date_at(scan, el, tag, scan.tokens(el), avoid)
        if date_found is not None:
            taken.append(date_found[0])
            out.dates.append(date_found)
            last = scan.subtree_end(date_found[0])
            mark(*_span(scan, date_found[0], last))


def _span(scan: _Scan, el: HtmlElement, end: int) -> tuple[int, int]:
    """The index range of ``el``'s subtree (empty when it is not indexed)."""
    start = scan.pos(el)
    return (start, end) if start >= 0 else (0, 0)


_SAYS_UPDATED = re.compile(r"updat|modif", re.I)
_SAYS_PUBLISHED = re.compile(r"publish|pubdate|posted", re.I)
_DATE_SEPARATORS = re.compile(r"\s+[|•·]\s+|\s*[|•·]\s*|\s+[-–—]\s+")


def _dates_in_byline(el: HtmlElement
                     ) -> list[tuple[HtmlElement, str, Literal["published", "updated"]]]:
    """Dates printed in a byline ("By Jane Doe | Published 5 May 2024")."""
    out: list[tuple[HtmlElement, str, Literal["published", "updated"]]] = []
    for t in el.iter("time"):
        value = normalise_datetime(t.get("datetime") or "")
        if value:
            hints = (t.get("class") or "") + " " + (t.get("itemprop") or "")
            kind: Literal["published", "updated"] = (
                "updated" if _SAYS_UPDATED.search(hints) else "published")
            out.append((el, value, kind))
    if out:
        return out
    for line in _lines(el, 300) or []:
        for part in _DATE_SEPARATORS.split(line):
            parsed = _date_line(part.strip(" ,;:"))
            if parsed is not None and parsed[1] is not None:
                out.append((el, parsed[1], parsed[0]))
    return out


_STARTS_BY = re.compile(
    r"\s*(?:(?i:written|posted|submitted|reported|words)\s+)?(?:by|BY|By)\s+\S")
_STARTS_BY_ALONE = re.compile(
    r"\s*(?:(?i:written|posted|submitted|reported|words)\s+)?(?:[Bb]y|BY)\s*:?\s*$")


_AUTHOR_PROPS = frozenset({"author", "creator"})


def _says_date(tokens: frozenset[str]) -> bool:
    """Whether class words name a date ("date", "pubdate", "dateline"...)."""
    return not tokens.isdisjoint(_DATE_TOKENS) or any("date" in t for t in tokens)


_TOKEN_KINDS: dict[frozenset[str], tuple[bool, bool]] = {}  # see _MEMO_SIZE
# A word in every one of _BYLINE_TOKENS and _DATE_TOKENS (and "date", which
# makes any token a date word).
_KIND_WORDS = re.compile(
    "byline|author|writer|contributor|creator|reporter|date|time|published|posted|updated"
    "|modified")
_MAY_NAME_KIND: dict[str, bool] = {}  # see _MEMO_SIZE


def _may_name_kind(value: str) -> bool:
    """Whether an attribute value's letters and digits, lower-cased and run
    together, hold one of _KIND_WORDS (else no token of it names a byline or
    a date: see :meth:`_Scan.kinds`)."""
    found = _MAY_NAME_KIND.get(value)
    if found is None:
        lowered = value.lower()
        joined = (lowered.translate(_ASCII_NOT_ALNUM) if lowered.isascii()
                  else _NON_ALNUM.sub("", lowered))
        found = _KIND_WORDS.search(joined) is not None
        if len(_MAY_NAME_KIND) >= _MEMO_SIZE:
            _MAY_NAME_KIND.clear()
        _MAY_NAME_KIND[value] = found
    return found


def _token_kinds(tokens: frozenset[str]) -> tuple[bool, bool]:
    """Whether class words name a byline (as :func:`_byline_at` reads them),
    and whether they name a date (:func:`_says_date`). Remembered: the same
    sets of class words (the same frozensets) come back again and again."""
    found = _TOKEN_KINDS.get(tokens)
    if found is None:
        found = (not tokens.isdisjoint(_BYLINE_TOKENS) and tokens.isdisjoint(_NOT_BYLINE_TOKENS),
                 _says_date(tokens))
        if len(_TOKEN_KINDS) >= _MEMO_SIZE:
            _TOKEN_KINDS.clear()
        _TOKEN_KINDS[tokens] = found
    return found


# What _opens_byline finds.
_NOT_BY, _BY_NAME, _BY_ALONE = 0, 1, 2
# The first characters (after white space) of a text _STARTS_BY or
# _STARTS_BY_ALONE can match; other ASCII characters cannot begin one
# (non-ASCII ones may, matched case-insensitively: "ſ" is an "s").
_BY_INITIALS = frozenset("bBwWpPsSrR")


def _opens_byline(own: str | None) -> int:
    """Whether an element's own text opens a byline: ``_BY_NAME`` for "By Jane
    Doe", ``_BY_ALONE`` for a lone "By" (a byline when the name's element
    follows), else ``_NOT_BY``."""
    if not own:
        return _NOT_BY
    # Both patterns begin with ``\s*`` (white space as str.isspace reads it,
    # what lstrip removes) and go on with a letter, so they match the text
    # without its leading white space just as they match it whole; and most
    # texts are passed by on their first character, without the patterns
    # (whose ``\s*`` backtracks over every space of an indented text).
    head = own.lstrip()
    if not head:
        return _NOT_BY
    first = head[0]
    if first.isascii() and first not in _BY_INITIALS:
        return _NOT_BY
    if _STARTS_BY.match(head):
        return _BY_NAME
    return _BY_ALONE if _STARTS_BY_ALONE.match(head) else _NOT_BY


def _byline_at(scan: _Scan, el: HtmlElement, tag: str, tokens: frozenset[str],
               avoid: list[HtmlElement]) -> tuple[HtmlElement, list[_Author]] | None:
    attrs = scan.attrs(el)
    rel = attrs[5]
    rel_author = rel is not None and "author" in rel.lower().split()
    prop = attrs[2]
    prop_author = prop is not None and not _AUTHOR_PROPS.isdisjoint(prop.split())
    by_class = not tokens.isdisjoint(_BYLINE_TOKENS) and tokens.isdisjoint(_NOT_BYLINE_TOKENS)
    opens = _opens_byline(el.text)
    starts_by = opens == _BY_NAME or (opens == _BY_ALONE and len(el) > 0)
    if not (rel_author or prop_author or by_class or starts_by):
        return None
    lines = _lines(el, 300)
    if not lines:
        return None
    text = " ".join(lines)
    if starts_by and not (rel_author or prop_author or by_class) and _words(text) > 15:
        return None
    names = _names_in(scan, el, lines)
    if not names or scan.excluded(el):
        return None
    if not _is_metadata_only(lines, names):
        # A byline inside a longer line: take its names from the name
        # elements, but leave the element in the body.
        return None
    el = _climb(el, lambda n: _byline_parent_ok(n, names), avoid)
    return el, names


def _byline_parent_ok(node: HtmlElement, names: list[_Author]) -> bool:
    lines = _lines(node, 300)
    return bool(lines) and lines is not None and _is_metadata_only(lines, names)


def _names_in(scan: _Scan, el: HtmlElement, lines: list[str]) -> list[_Author]:
    """Author names in a byline element: from its name links or markup, else its text."""
    named: list[_Author] = []
    for inner in el.iter():
        if inner is el or not isinstance(inner.tag, str):
            continue
        props = (inner.get("itemprop") or "").split() + [
            p.rsplit(":", 1)[-1] for p in (inner.get("property") or "").split()]  # RDFa
        rel = (inner.get("rel") or "").lower().split()
        if "author" in rel or "name" in props or "author" in props or (
            _tag(inner) == "a" and not scan.tokens(inner).isdisjoint(_BYLINE_TOKENS)
        ):
            t = _text(inner, 200)
            if t:
                named.extend(_split_names(t))
    if named:
        return _dedupe_authors(named)
    out: list[_Author] = []
    for line in lines:
        out.extend(_split_names(line))
    return _dedupe_authors(out)


_PIPES = re.compile(r"\s*[|•·]\s*")


def _date_at(scan: _Scan, el: HtmlElement, tag: str, tokens: frozenset[str],
             avoid: list[HtmlElement]
             ) -> tuple[HtmlElement, str, Literal["published", "updated"]] | None:
    is_time = tag == "time"
    if not is_time and not _says_date(tokens):
        return None
    text = _text(el, 120)
    if text is None:
        return None
    value: str | None = None
    kind: Literal["published", "updated"] = "published"
    if is_time:
        value = normalise_datetime(el.get("datetime") or "")
    else:
        # "Published <time datetime=...>": the machine-readable value is exact.
        inner = next(el.iter("time"), None)
        if inner is not None:
            value = normalise_datetime(inner.get("datetime") or "")
    parsed = _date_line(text) if text else None
    if parsed is None and not is_time:
        return None
    if parsed is not None:
        kind = parsed[0]
        value = value or parsed[1]
    hints = " ".join(sorted(tokens)) + " " + (el.get("itemprop") or "")
    if _SAYS_UPDATED.search(hints):
        kind = "updated"
    elif _SAYS_PUBLISHED.search(hints) or el.get("pubdate") is not None:
        kind = "published"
    if value is None or scan.excluded(el):
        return None

    def ok(node: HtmlElement) -> bool:
        lines = _lines(node, 200)
        return bool(lines) and lines is not None and all(
            _date_line(part.strip(" ,;:")) is not None
            for line in lines for part in _PIPES.split(line) if part.strip(" ,;:")
        )

    if text and not ok(el):
        return None  # "<time>" inside a sentence: it stays in the text
    return _climb(el, ok, avoid), value, kind


# --------------------------------------------------------------------------
# Microdata
# --------------------------------------------------------------------------


def _item_owner(el: HtmlElement) -> HtmlElement | None:
    node = el.getparent()
    for _ in range(_MAX_ANCESTORS * 3):
        if node is None:
            return None
        if node.get("itemscope") is not None:
            return node
        node = node.getparent()
    return None


_TYPE_SEPARATOR = re.compile(r"[/#]")


def _itemtype_kind(el: HtmlElement | None) -> str:
    if el is None:
        return ""
    kinds = {_TYPE_SEPARATOR.split(t)[-1].casefold() for t in (el.get("itemtype") or "").split()}
    if kinds & _ARTICLE_TYPES:
        return "article"
    if kinds & _PAGE_TYPES or not kinds:
        return "page"
    return "other"


def _prop_value(el: HtmlElement) -> str | None:
    for attr in ("content", "datetime", "value"):
        v = el.get(attr)
        if v is not None and v.strip():
            return v
    return _text(el, 2000)


@dataclass(slots=True)
class _Micro:
    headline: str | None = None
    authors: list[_Author] | None = None
    published: str | None = None
    updated: str | None = None
    description: str | None = None
    language: str | None = None
    says_article: bool = False


_MICRODATA_PROPS = frozenset({"headline", "author", "creator", "datePublished", "dateModified",
                              "dateCreated", "description", "inLanguage"})


def _microdata(scan: _Scan) -> _Micro:
    out = _Micro(authors=[])
    out.says_article = any(_itemtype_kind(el) == "article" for el in scan.itemscopes[:500])
    for el in scan.itemprops[:2000]:
        props = set((el.get("itemprop") or "").split())
        if props.isdisjoint(_MICRODATA_PROPS):
            continue
        owner = _item_owner(el)
        kind = _itemtype_kind(owner)
        if kind == "other" or (out.says_article and kind != "article"):
            continue
        if "author" in props or "creator" in props:
            assert out.authors is not None
            if el.get("itemscope") is not None:
                name_el = next((n for n in el.iter() if "name" in
                                (n.get("itemprop") or "").split()), None)
                value = _prop_value(name_el) if name_el is not None else _text(el, 200)
            else:
                value = el.get("content") or _text(el, 200)
            if value:
                if _STARTS_URL.match(value):
                    found = _author_from_url(value)
                    out.authors.extend([found] if found else [])
                else:
                    out.authors.extend(_split_names(value))
        if "headline" in props and out.headline is None:
            out.headline = _clean(_prop_value(el), 500)
        if "datePublished" in props and out.published is None:
            out.published = normalise_datetime(_prop_value(el))
        if "dateCreated" in props and out.published is None:
            out.published = normalise_datetime(_prop_value(el))
        if "dateModified" in props and out.updated is None:
            out.updated = normalise_datetime(_prop_value(el))
        if "description" in props and out.description is None:
            out.description = _clean(_prop_value(el), 2000)
        if "inLanguage" in props and out.language is None:
            out.language = normalise_language(_prop_value(el))
    return out


# --------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------

_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "article.published",
    "published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "publish_date", "published-date", "published_date", "dc.date",
    "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created",
    "parsely-pub-date", "sailthru.date", "article_date_original", "original-publish-date",
    "cxenseparse:recs:publishtime", "citation_publication_date", "citation_date",
    "rnews:datepublished", "bt:pubdate", "displaydate", "dc.date.available",
)
_UPDATED_KEYS = (
    "article:modified_time", "og:article:modified_time", "article:updated_time",
    "og:updated_time", "article.updated", "datemodified", "lastmod", "last-modified",
    "dc.date.modified", "dcterms.modified", "sailthru.lastmodified", "parsely-updated",
    "modified_time", "article.modified",
)
_AUTHOR_KEYS = (
    "author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
    "dc.creator", "dcterms.creator", "byl", "citation_author", "cxenseparse:author",
    "author_name", "article.author",
)
_TITLE_KEYS = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title",
               "dcterms.title", "title", "headline", "citation_title")
_DESCRIPTION_KEYS = ("description", "og:description", "twitter:description",
                     "dc.description", "dcterms.description", "sailthru.description")
_SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title",
              "publisher", "dc.publisher", "cxenseparse:site")
_LANGUAGE_KEYS = ("content-language", "language", "dc.language", "dcterms.language",
                  "og:locale")
_URL_KEYS = ("og:url", "twitter:url", "parsely-link")


def _safe(fn: Callable[[], _T], default: _T) -> _T:
    """``fn()``, or ``default`` when a malformed page makes it fail."""
    try:
        return fn()
    except Exception:  # one broken source must not cost the others
        return default


def page_metadata(root: HtmlElement, url: str | None = None, *,
                  elements: list[HtmlElement] | None = None) -> PageMeta:
    """Metadata of the page ``root`` (the raw parsed tree, scripts included),
    with relative URLs resolved against ``url`` or the page's ``<base>``.
    ``elements``, when given, is every element of ``root`` in document order
    (``list(root.iter(etree.Element))``), read instead of walking the tree again.
    Never raises: a page that says nothing gives an empty :class:`PageMeta`."""
    token = _LINES_CACHE.set({})
    try:
        return _page_metadata(root, url, elements)
    except Exception:  # metadata is optional: a bad page yields none
        return PageMeta()
    finally:
        _LINES_CACHE.reset(token)


def _page_metadata(root: HtmlElement, url: str | None,
                   elements: list[HtmlElement] | None = None) -> PageMeta:
    scan = _Scan(root, elements)
    base = _absolute_url(url, None) if url else None
    if scan.base is not None:
        base = _absolute_url(scan.base.get("href"), base) or base
    no_metas: dict[str, list[str]] = {}
    metas = _safe(lambda: _meta_map(scan), no_metas)

    cleaned: dict[tuple[str, int], list[str]] = {}  # meta() of one key, asked again

    def meta(*keys: str, limit: int = 1000) -> list[str]:
        out: list[str] = []
        for k in keys:
            raws = metas.get(k)
            if not raws:
                continue  # most keys asked for are not on the page
            found = cleaned.get((k, limit))
            if found is None:
                found = [v for raw in raws for v in [_clean(raw, limit)] if v]
                cleaned[(k, limit)] = found
            out.extend(found)
        return out

    canonical = _safe(lambda: _canonical(scan, metas, base), None)
    ld = _safe(lambda: _json_ld(_ld_scripts(scan), canonical or base), _JsonLd())
    micro = _safe(lambda: _microdata(scan), _Micro(authors=[]))
    art = ld.article or {}
    page = ld.page or {}

    def ld_str(obj: dict[str, Any], *keys: str, limit: int = 1000) -> str | None:
        for k in keys:
            v = _clean(_first_str(obj.get(k)), limit)
            if v:
                return v
        return None

    publisher = ld.resolve(art.get("publisher"))
    publisher_name = ld_str(publisher, "name", limit=200) if isinstance(publisher, dict) \
        else None
    # Site name: the brand the page shows (og:site_name) first; the JSON-LD
    # publisher is often a parent company.
    page_url = canonical or base
    host = urlsplit(page_url).hostname if page_url else None
    site_name = _site_name([*meta("og:site_name", limit=200), publisher_name,
                            *ld.website_names, *meta(*_SITE_KEYS[1:], limit=200)],
                           _site_label(page_url))
    sites = [s for s in [site_name, *meta(*_SITE_KEYS, limit=200), *ld.website_names,
                         publisher_name, _site_label(page_url), host] if s]

    # Titles, most deliberate first, with the site name taken off.
    primary = [
        ld_str(art, "headline", limit=500), micro.headline,
        *meta(*_TITLE_KEYS, limit=500),
        ld_str(art, "name", "alternativeHeadline", limit=500),
        ld_str(page, "headline", "name", limit=500),
    ]
    primary_titles = [_strip_site(t, sites, guess=False) for t in primary if t]
    # <title> holds only text (the parser reads it raw), so its text is its value.
    raw_title = _clean("".join(scan.title.itertext())[:2000], 500) \
        if scan.title is not None else None
    tag_title = _strip_site(raw_title, sites, guess=True) if raw_title else None
    descriptions = [d for d in [
        ld_str(art, "description", limit=2000), micro.description,
        *meta(*_DESCRIPTION_KEYS, limit=2000), ld_str(page, "description", limit=2000),
    ] if d]
    known_titles = [*primary_titles, *[t for t in (raw_title, tag_title) if t]]
    visible = _safe(lambda: _visible(scan, known_titles, descriptions),
                    _Visible(bylines=[], dates=[]))
    title = _choose_title(primary_titles, raw_title, tag_title, visible)

    no_authors: list[_Author] = []

    def loose() -> list[_Author]:
        return _safe(lambda: _loose_bylines(scan), no_authors)

    authors = _safe(lambda: _choose_authors(ld, art, micro, meta, visible, loose, site_name),
                    no_authors)
    no_dates: tuple[str | None, str | None] = (None, None)
    published, updated = _safe(lambda: _choose_dates(art, page, micro, meta, visible),
                               no_dates)
    language = _safe(lambda: _choose_language(scan, ld, art, micro, meta), None)
    direction = _safe(lambda: _choose_direction(scan, language), None)
    url_out = canonical or _safe(lambda: _ld_url(art, page, base), None) or base
    body = _safe(lambda: _article_body(art), None)
    says = ld.says_article or micro.says_article or any(
        t.casefold() in ("article", "news", "blog", "newsarticle", "blogposting")
        or t.casefold().startswith("article")
        for t in meta("og:type", limit=100)
    )
    nothing: tuple[HtmlElement, ...] = ()
    consumed = _safe(lambda: _consumed(scan, visible, title, authors, published, updated),
                     nothing)
    return PageMeta(
        title=title,
        kicker=visible.kicker[1] if visible.kicker else None,
        standfirst=visible.standfirst[1] if visible.standfirst else None,
        authors=tuple(a.name for a in authors),
        published=published,
        updated=updated,
        site_name=site_name,
        language=language,
        direction=direction,
        url=url_out,
        article_body=body,
        says_article=says,
        consumed=consumed,
    )


def _site_name(candidates: list[str | None], label: str | None) -> str | None:
    """The first usable site name: a Twitter handle ("@politifact") only when
    nothing else is given, and a tagline after the name cut ("Site | Slogan")."""
    names = [c for c in candidates if c]
    handles = [n for n in names if n.startswith("@")]
    names = [n for n in names if not n.startswith("@")] + [h.lstrip("@") for h in handles]
    if not names:
        return None
    name = names[0]
    parts = [p.strip() for p in _TITLE_SEP.split(name) if p.strip()]
    if len(parts) > 1:
        if _words(parts[0]) <= 5:
            return parts[0]
        for part in parts:
            if label and _is_site(part, [label]):
                return part
    return name or None


def _ld_scripts(scan: _Scan) -> list[HtmlElement]:
    return [s for s in scan.scripts
            if (s.get("type") or "").strip().lower().startswith("application/ld+json")]


def _canonical(scan: _Scan, metas: dict[str, list[str]], base: str | None) -> str | None:
    for el in scan.links:
        if "canonical" in (el.get("rel") or "").lower().split():
            found = _absolute_url(el.get("href"), base)
            if found:
                return found
    for key in _URL_KEYS:
        for raw in metas.get(key, []):
            found = _absolute_url(raw, base)
            if found:
                return found
    return None


def _ld_url(art: dict[str, Any], page: dict[str, Any], base: str | None) -> str | None:
    for obj in (art, page):
        for k in ("mainEntityOfPage", "url", "@id"):
            value = obj.get(k)
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            found = _absolute_url(_first_str(value), base)
            if found:
                return found.split("#")[0] if k == "@id" else found
    return None


_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)$")


def _choose_title(primary: list[str], raw_title: str | None, tag_title: str | None,
                  visible: _Visible) -> str | None:
    pick = primary[0] if primary else None
    shown = visible.headline_text
    if shown:
        if pick is None:
            if raw_title is None or _match_score(shown, [_key(raw_title)]) > 0:
                pick = shown
            else:
                pick = tag_title
        elif _key(shown) == _key(pick) or visible.headline_score == 4:
            # The words the reader sees, as written there, when they are the
            # headline the page declares (JSON-LD may hold an older headline).
            pick = shown
        elif visible.headline_score == 3 and _key(shown) in _segment_keys(pick):
            pick = shown  # "Headline | Section": the section is no part of it
        elif _ELLIPSIS_END.search(pick):
            stem = _key(pick.rstrip(".… "))
            if stem and _key(shown).startswith(stem):
                pick = shown  # the meta tags shortened the headline
    if pick is None:
        pick = tag_title
    return _clean(pick, 500)


def _loose_bylines(scan: _Scan) -> list[_Author]:
    """Names marked as the author anywhere in the article, away from its header
    (a WordPress footer: "posted on ... by <a rel=author>")."""
    out: list[_Author] = []
    marked = [*scan.rel_authors, *(
        el for el in scan.itemprops if "author" in (el.get("itemprop") or "").split()
        and _itemtype_kind(_item_owner(el)) != "other")]  # not a comment's author
    for el in sorted(marked, key=scan.pos)[:20]:
        if _tag(el) in ("link", "meta") or scan.excluded(el):
            continue
        text = _text(el, 200)
        if text:
            out.extend(_split_names(text))
        if len(out) >= 6:
            break
    return out


def _choose_authors(ld: _JsonLd, art: dict[str, Any], micro: _Micro,
                    meta: Callable[..., list[str]], visible: _Visible,
                    loose: Callable[[], list[_Author]], site_name: str | None
                    ) -> list[_Author]:
    """The page's authors from the first source that names a person: JSON-LD,
    microdata, meta tags, the bylines shown, then ``loose()`` (names marked
    anywhere in the article, asked for only when the others name nobody)."""
    sources: list[list[_Author]] = []
    sources.append(_ld_people(art.get("author"), ld) or _ld_people(art.get("creator"), ld))
    sources.append(list(micro.authors or []))
    from_meta: list[_Author] = []
    for raw in meta(*_AUTHOR_KEYS, limit=300):
        if _STARTS_URL.match(raw):
            found = _author_from_url(raw)
            from_meta.extend([found] if found else [])
        else:
            from_meta.extend(_split_names(raw))
    sources.append(from_meta)
    shown = [a for _, names in (visible.bylines or []) for a in names]
    sources.append(shown)
    site_key = _key(site_name or "")

    def clean(src: list[_Author]) -> list[_Author]:
        # The site's own name given as the author is no byline.
        return [_Author(a.name, True) if site_key and _key(a.name) == site_key else a
                for a in _dedupe_authors(src)]

    cleaned = [clean(src) for src in sources]
    shown_strong = [a for a in _dedupe_authors(cleaned[3]) if not a.weak]

    def strong_of(src: list[_Author]) -> list[_Author]:
        strong = [a for a in src if not a.weak]
        if strong:
            # The byline on the page may name more people than the markup.
            keys = {_key(a.name) for a in strong}
            if len(shown_strong) > len(strong) and keys <= {_key(a.name) for a in shown_strong}:
                return shown_strong
        return strong

    for src in cleaned:
        strong = strong_of(src)
        if strong:
            return strong
    # Only now do the loose names count (they come last): found only now.
    cleaned.append(clean(loose()))
    strong = strong_of(cleaned[-1])
    if strong:
        return strong
    for src in cleaned:
        if src:
            return src
    return []


def _choose_dates(art: dict[str, Any], page: dict[str, Any], micro: _Micro,
                  meta: Callable[..., list[str]], visible: _Visible
                  ) -> tuple[str | None, str | None]:
    def first_date(values: Iterable[Any]) -> str | None:
        for v in values:
            d = normalise_datetime(_first_str(v) if not isinstance(v, str) else v)
            if d:
                return d
        return None

    shown = visible.dates or []
    published = first_date([
        art.get("datePublished"), art.get("dateCreated"), micro.published,
        *meta(*_PUBLISHED_KEYS, limit=200), page.get("datePublished"),
        *[v for _, v, kind in shown if kind == "published"],
    ])
    updated = first_date([
        art.get("dateModified"), micro.updated, *meta(*_UPDATED_KEYS, limit=200),
        page.get("dateModified"), *[v for _, v, kind in shown if kind == "updated"],
    ])
    if published is None:
        published = first_date(v for _, v, _ in shown)
    if updated is not None and published is not None:
        if updated == published:
            updated = None
        else:
            pa, ua = _as_datetime(published), _as_datetime(updated)
            if pa is not None and ua is not None and (pa.tzinfo is None) == (ua.tzinfo is None) \
                    and ua < pa:
                updated = None  # "updated" before publication is a CMS artefact
    return published, updated


def _choose_language(scan: _Scan, ld: _JsonLd, art: dict[str, Any], micro: _Micro,
                     meta: Callable[..., list[str]]) -> str | None:
    root = scan.root
    candidates: list[str | None] = [
        _ld_language(art.get("inLanguage")), micro.language,
        normalise_language(root.get("lang")),
        normalise_language(root.get("{http://www.w3.org/XML/1998/namespace}lang")),
        normalise_language(root.get("xml:lang")),
    ]
    body = root.find("body")
    if body is not None:
        candidates.append(normalise_language(body.get("lang")))
    candidates.extend(normalise_language(v) for v in meta(*_LANGUAGE_KEYS, limit=100))
    candidates.extend(ld.languages)
    return _first(candidates)


def _choose_direction(scan: _Scan, language: str | None) -> Literal["ltr", "rtl"] | None:
    root = scan.root
    body = root.find("body")
    for el in (root, body):
        if el is None:
            continue
        value = (el.get("dir") or "").strip().lower()
        if value == "rtl":
            return "rtl"
        if value == "ltr":
            return "ltr"
    return _direction_of(language)


_BODY_BLOCK_TAG = re.compile(r"<(?:p|br|div|h[1-6])\b", re.I)
_BODY_BLOCK_END = re.compile(r"<(?:br|/p|/div|/h[1-6]|/li)\b[^>]*>", re.I)
_BLANK_LINE = re.compile(r"\n\s*\n|\r\n\s*\r\n")


def _article_body(art: dict[str, Any]) -> str | None:
    value = art.get("articleBody")
    if not isinstance(value, str) or not value.strip():
        return None
    text = _unescape(value[:_MAX_BODY_CHARS])
    if _BODY_BLOCK_TAG.search(text):
        text = _BODY_BLOCK_END.sub("\n\n", text)
        text = _TAG.sub(" ", text)
    text = _scrub(text)
    paras = [" ".join(p.split()) for p in _BLANK_LINE.split(text)]
    joined = "\n\n".join(p for p in paras if p)
    return joined or None


def _consumed(scan: _Scan, visible: _Visible, title: str | None, authors: list[_Author],
              published: str | None, updated: str | None) -> tuple[HtmlElement, ...]:
    picked: list[HtmlElement] = []
    if visible.headline is not None and title and visible.headline_text and \
            _key(visible.headline_text) == _key(title):
        picked.append(visible.headline)
    if visible.kicker:
        picked.append(visible.kicker[0])
    if visible.standfirst:
        picked.append(visible.standfirst[0])
    author_keys = {_key(a.name) for a in authors}
    for el, names in visible.bylines or []:
        keys = {_key(a.name) for a in names}
        if keys and keys <= author_keys:
            picked.append(el)
    for el, value, _kind in visible.dates or []:
        if any(d and _same_day(value, d) for d in (published, updated)):
            picked.append(el)
    # Drop an element already inside another one that is dropped.
    out: list[HtmlElement] = []
    for el in picked:
        if any(other is not el and _contains(other, el) for other in picked):
            continue
        if el not in out:
            out.append(el)
    return tuple(sorted(out, key=scan.pos))
