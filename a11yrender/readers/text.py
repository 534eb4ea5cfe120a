"""Plain text saved from a news page -> :class:`Document`.

The text is split into blocks on blank lines, and each block into runs of
paragraph text, list lines, ``>`` quotes and separators. The top of the page
is then read as a news header: page chrome the renderers regenerate
("Accessibility links", skip links) is dropped, then come an optional
kicker, the headline, bylines and date lines, and the standfirst (the first
paragraph). Everything after is the body: paragraphs, sub-headings, lists,
block quotes and separators. Apart from that chrome and the markers of
structure (list bullets, ``>``, the dash before an attribution), every word
of the input ends up in the document, in the order written; only the header
lines move, into the metadata. A date line whose parsed value holds all it
says is kept as that value (``published``/``updated``), which the renderers
say again ("Published: 4 November 2002"); any other date line is kept word
for word as the dateline (see ``_Builder._meta_line``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Literal, NamedTuple

from ..errors import ReadError
from ..model import (
    Block,
    BlockQuote,
    Document,
    Heading,
    Inline,
    List,
    ListItem,
    Metadata,
    Paragraph,
    Separator,
    Text,
    plain_text,
)
from ._decode import decode_bytes

__all__ = ["DateLine", "TextReader", "parse_date_line", "read_text"]


class TextReader:
    """Plain text -> :class:`Document`."""

    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def read(self, data: str | bytes, /) -> Document:
        return read_text(data)


def read_text(data: str | bytes) -> Document:
    """Read plain text saved from a news page (``bytes`` are decoded with detection)."""
    text = decode_bytes(data) if isinstance(data, bytes) else data
    if not isinstance(text, str):
        raise ReadError(f"expected text or bytes, not {type(text).__name__}")
    text = _clean(text)
    if not text.strip():
        raise ReadError("input is empty")
    lines = _strip_chrome(_split_lines(text))
    if not any(line is not None for line in lines):
        raise ReadError("input holds only page chrome (accessibility links), no article")
    segs = [seg for block in _blocks(lines) for seg in _segment(block)]
    return _Builder(text).build(segs)


# --------------------------------------------------------------------------
# Characters and lines
# --------------------------------------------------------------------------

# Controls the model refuses become spaces (a stray NUL or a word processor's
# vertical-tab line break must not abort the read); lone surrogates and
# noncharacters, which are not text at all, become U+FFFD.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")
_NON_TEXT = re.compile(
    r"[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
_SPACES = re.compile(r"[ \t]+")

_Line = tuple[int, str]  # indentation in columns, text without surrounding white space
_ParaFactory = Callable[[str], Paragraph]


def _clean(text: str) -> str:
    """One newline convention, no BOM, and no characters the model forbids."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A form feed or paragraph separator ends a paragraph; NEL and the line
    # separator end a line.
    text = text.replace("\f", "\n\n").replace("\u2029", "\n\n")
    text = text.replace("\x85", "\n").replace("\u2028", "\n")
    text = _CONTROLS.sub(" ", text)
    return _NON_TEXT.sub("\ufffd", text)


def _split_lines(text: str) -> list[_Line | None]:
    """Lines as (indent, text); ``None`` for a blank line."""
    out: list[_Line | None] = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            out.append(None)
            continue
        lead = raw[: len(raw) - len(raw.lstrip())]
        out.append((len(lead.expandtabs(4)), _SPACES.sub(" ", stripped)))
    return out


def _blocks(lines: Iterable[_Line | None]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = [[]]
    for line in lines:
        if line is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [b for b in blocks if b]


# --------------------------------------------------------------------------
# Page chrome
# --------------------------------------------------------------------------

_CHROME = frozenset({
    "accessibility links", "accessibility help", "skip to content", "skip to main content",
    "skip to the content", "skip to the main content", "skip to navigation",
    "skip to main navigation", "skip navigation", "skip to search", "skip to footer",
    "jump to content", "jump to main content", "jump to navigation",
})
_CHROME_BULLET = re.compile(r"^(?:[-*•]\s+)?(.*)$")


def _strip_chrome(lines: list[_Line | None]) -> list[_Line | None]:
    """Drop the skip-link block at the very top of the page, and only there."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line is not None:
            words = _CHROME_BULLET.match(line[1])
            phrase = words.group(1) if words else line[1]
            if phrase.casefold() not in _CHROME:
                break
        i += 1
    return lines[i:]


# --------------------------------------------------------------------------
# Blocks -> segments (paragraph runs, lists, quotes, separators)
# --------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^(?:(?P<bullet>[-*•◦▪‣])|(?P<number>\d{1,9})[.)])\s+(?P<text>\S.*)$")
_SEPARATOR = re.compile(r"^(?:(?:[*•·~]\s*){3,}|-{3,}|_{3,}|={3,}|[—―]{2,}|(?:–\s*){3,})$")
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
# Lines longer than any hard-wrap width belong to text saved one paragraph per line.
_UNWRAPPED = 100


@dataclass(slots=True)
class _Entry:
    """One list line and its continuation lines."""

    indent: int
    ordered: bool
    number: int
    lines: list[str]


@dataclass(slots=True)
class _Seg:
    """A run of one kind inside a block."""

    kind: Literal["para", "list", "quote", "separator", "underlined"]
    lines: list[str] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    alone: bool = False  # a single line standing alone, so it may be a heading


def _segment(block: list[_Line]) -> list[_Seg]:
    texts = [t for _, t in block]
    if len(block) == 1 and _SEPARATOR.match(texts[0]):
        return [_Seg("separator")]
    if len(block) == 2 and _UNDERLINE.match(texts[1]) and not _LIST_ITEM.match(texts[0]):
        return [_Seg("underlined", [texts[0]], alone=True)]
    if all(t.startswith(">") for t in texts):
        inner = [_unquote(raw) for raw in texts]
        return [_Seg("quote", inner)] if any(t.strip() for t in inner) else []
    segs: list[_Seg] = []
    run: list[str] = []
    entries: list[_Entry] = []

    def flush() -> None:
        if run:
            # A lead-in line glued to a list does not stand alone.
            segs.extend(_text_segs(run, alone=len(run) == len(block)))
            run.clear()
        if entries:
            segs.append(_Seg("list", entries=entries.copy()))
            entries.clear()

    for i, (indent, t) in enumerate(block):
        if _SEPARATOR.match(t):
            flush()
            segs.append(_Seg("separator"))
            continue
        m = _LIST_ITEM.match(t)
        if m and run and not entries:
            # Inside a paragraph a list starts only after a lead-in ending in a
            # colon, or as a run of two list lines; a wrapped line that happens
            # to begin "1945. " or "- " stays text.
            nxt = block[i + 1][1] if i + 1 < len(block) else ""
            if not (run[-1].endswith((":", "：")) or _LIST_ITEM.match(nxt)):
                m = None
        if m:
            if run:
                flush()
            number = m.group("number")
            entries.append(_Entry(indent, number is not None, int(number or 1),
                                  [m.group("text")]))
        elif entries and (indent > entries[-1].indent or t[:1].islower()):
            entries[-1].lines.append(t)  # a wrapped item
        else:
            if entries:
                flush()  # text after the list, as in a page saved one paragraph a line
            run.append(t)
    flush()
    return segs


def _unquote(line: str) -> str:
    return line[1:].removeprefix(" ") if line.startswith(">") else line


def _text_segs(run: list[str], *, alone: bool) -> list[_Seg]:
    if len(run) > 1 and max(len(t) for t in run) > _UNWRAPPED:
        return [_Seg("para", [t], alone=True) for t in run]
    return [_Seg("para", run.copy(), alone=alone and len(run) == 1)]


# --------------------------------------------------------------------------
# Joining lines into one paragraph
# --------------------------------------------------------------------------

# Letters by script, as character classes so that counting runs in C.
_SCRIPTS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"[{chars}]+") for name, chars in {
        "latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
        "greek": "\u0370-\u03ff",
        "cyrillic": "\u0400-\u052f",
        "hebrew": "\u0590-\u05ff\ufb1d-\ufb4f",
        "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
        "devanagari": "\u0900-\u097f",
        "thai": "\u0e00-\u0e7f",
        "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
        "kana": "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f",
        "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff",
    }.items()
}
_LETTERS = re.compile(r"[^\W\d_]+")
_CJK_CHAR = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       "\u3000-\u303f\uff00-\uffef\U00020000-\U0002ffff]")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(len(run) for run in pattern.findall(text))


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


def _join(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one line, as the writer meant them."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        hyphenated = len(out) > 1 and out[-1] == "-" and out[-2].isalpha() \
            and line[:1].islower()
        dashed = out[-1] in "—–" and out[-2:-1] != " "
        if hyphenated or dashed or (_is_cjk(out[-1]) and _is_cjk(line[0])):
            # A word hyphenated or dashed across the wrap, or CJK text, which
            # has no spaces between words.
            out += line
        else:
            out += " " + line
    return out


# --------------------------------------------------------------------------
# Line classifiers
# --------------------------------------------------------------------------

_TERMINAL = ".!?:;,…。！？、；：؟،؛۔"
_KICKERS = frozenset({
    "breaking", "breaking news", "just in", "live", "live updates", "live coverage",
    "developing", "developing story", "exclusive", "analysis", "opinion", "comment",
    "editorial", "explainer", "feature", "features", "interview", "review", "obituary",
    "fact check", "investigation", "special report", "in depth", "in pictures", "video",
    "watch", "listen", "podcast", "profile", "long read", "the long read", "briefing",
    "correction", "perspective", "news", "world", "world news", "uk", "us", "europe",
    "asia", "asia-pacific", "africa", "americas", "middle east", "politics", "business",
    "economy", "markets", "money", "technology", "tech", "science", "health",
    "environment", "climate", "education", "sport", "sports", "culture", "arts",
    "entertainment", "travel", "local", "national", "international", "update",
})
_BYLINE = re.compile(r"^By\s+(?P<first>\S)")
_BYLINE_ROLES = re.compile(r"\b(?:correspondents?|reporters?|staff|editors?|writers?)\b", re.I)
# "TOKYO, Nov. 4 (Kyodo) —": a place in capitals or an agency in brackets, then
# a dash; "The talks -" and "co-" at the end of a wrapped line are not datelines.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^,(]{0,40}?)(?:,[^(]{0,40}?)?\s*(?P<agency>\([^)]{1,40}\))?"
    r"\s*(?:—|–|--|\s-)$")
_DATELINE_DASH = re.compile(r"\s*(?:—|–|--|-)$")
_ATTRIBUTION = re.compile(r"^(?:—|–|―|--|-|~)\s?(?P<name>[^\W\d_\s].*)$")
_QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“", "「": "」", "『": "』"}

MetaKind = Literal["byline", "role", "date", "dateline"]


def _words(text: str) -> int:
    return len(text.split())


def _ends_open(text: str) -> bool:
    """Whether ``text`` has no sentence punctuation at its end (closing quotes aside)."""
    return text.rstrip("”\"»’'」』)]")[-1:] not in _TERMINAL and text[-1] not in _TERMINAL


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_kicker(text: str) -> bool:
    return text.rstrip(":|").strip().casefold() in _KICKERS


def _byline(text: str) -> bool:
    m = _BYLINE.match(text)
    if not m or _words(text) > 15 or len(text) > 120:
        return False
    if text[-1] in ".!?" and not re.search(r"\b(?:Jr|Sr|[A-Z])\.$", text):
        return False
    return m.group("first").isupper() or bool(_BYLINE_ROLES.search(text))


def _meta_kind(text: str) -> MetaKind | None:
    if _byline(text):
        return "byline"
    if parse_date_line(text) is not None:
        return "date"
    m = _DATELINE.match(text)
    if m and _words(text) <= 10 and (m.group("agency") or _caps(m.group("place"))):
        return "dateline"
    return None


def _headline_like(lines: Sequence[str]) -> bool:
    """Short, one to three lines, not ending like a sentence, not a header line."""
    text = _join(lines)
    return (0 < len(lines) <= 3 and len(text) <= 200 and _words(text) <= 25
            and (text[-1] not in _TERMINAL or text[-1] in "?!？！")
            and not any(_meta_kind(t) for t in lines)
            and not _SEPARATOR.match(text))


def _subheading_like(text: str, max_words: int = 10) -> bool:
    return (_words(text) <= max_words and len(text) <= 80 and _ends_open(text)
            and any(c.isalpha() for c in text) and text[0] not in _QUOTES
            and text[0] not in "([{-–—" and not _ATTRIBUTION.match(text)
            and not _byline(text))


def _full_quote(text: str) -> bool:
    """Whether a paragraph is one quotation from its first character to its last."""
    close = _QUOTES.get(text[:1])
    if close is None or len(text) < 3 or not text.endswith(close):
        return False
    inner = text[1:-1]
    # A closing mark inside means narration follows it ("…,” he said. “…”).
    return close not in inner and (close != '"' or '"' not in inner)


def _open_quote(text: str) -> bool:
    """A paragraph of a quotation that goes on in the next paragraph (no closing mark)."""
    close = _QUOTES.get(text[:1])
    return close is not None and close not in text[1:]


def _attribution(seg: _Seg | None) -> str | None:
    """The name if ``seg`` is a lone attribution line ("— Name", "- Name")."""
    if seg is None:
        return None
    if seg.kind == "para" and len(seg.lines) == 1:
        m = _ATTRIBUTION.match(seg.lines[0])
        if m and _words(m.group("name")) <= 15:
            return m.group("name")
    if seg.kind == "list" and len(seg.entries) == 1:
        entry = seg.entries[0]
        if not entry.ordered and len(entry.lines) == 1 and _words(entry.lines[0]) <= 15 \
                and entry.lines[0][0].isalpha():
            return entry.lines[0]
    return None


def _trailing_attribution(lines: Sequence[str]) -> tuple[str, str] | None:
    """(quotation, name) when a paragraph is a full quote with its attribution on the last line."""
    if len(lines) < 2:
        return None
    m = _ATTRIBUTION.match(lines[-1])
    quote = _join(lines[:-1])
    if m and _words(m.group("name")) <= 15 and _full_quote(quote):
        return quote, m.group("name")
    return None


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_FORMS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b",
               re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
               re.I),
    re.compile(r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*"
               r"(?P<day>\d{1,2})\s*[日일]"),
    re.compile(r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
               r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
               r"(?P<zone>Z|[+-]\d{2}:\d{2})?)?\b"),
)
_ZONES = {"gmt": "Z", "utc": "Z", "z": "Z", "bst": "+01:00", "cet": "+01:00",
          "cest": "+02:00", "est": "-05:00", "edt": "-04:00", "cst": "-06:00",
          "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00",
          "pdt": "-07:00", "jst": "+09:00", "kst": "+09:00", "hkt": "+08:00",
          "sgt": "+08:00", "aest": "+10:00", "aedt": "+11:00",
          # US zones named without saying summer or winter time: no offset.
          "et": "", "ct": "", "mt": "", "pt": ""}
_TIME = re.compile(
    r"(?<![\w:.])(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?![\d])\s*(?P<ampm>[ap]\.?m\b\.?)?"
    r"(?:\s*(?P<zone>(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|"
    + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")\b)?",
    re.I,
)
_DATE_PREFIX = re.compile(
    r"^(?P<word>(?:first\s+)?published|posted|(?:last\s+)?updated|(?:last\s+)?modified|"
    r"date)\b(?:\s+on\b)?\s*:?\s*", re.I)
_RELATIVE = re.compile(
    r"^\d{1,3}\s+(?:mins?|minutes?|hours?|hrs?|days?|weeks?)\s+ago$", re.I)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(
    r"\b(?P<day>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I)
_DATE_FILLER = re.compile(r"\bat\b|\bon\b|[\s,.;:|/·•()\[\]—–-]", re.I)


class DateLine(NamedTuple):
    """What a date line says: which date it gives, its ISO value, and whether that
    value holds all of it (so the line can be rendered from the value alone)."""

    kind: Literal["published", "updated"]
    iso: str | None
    exact: bool


def parse_date_line(text: str) -> DateLine | None:
    """For a line that gives only a date (and time): which date it is, and its ISO value.

    ``"Updated 09:30 GMT, 5 November 2002"`` -> ``("updated", "2002-11-05T09:30Z", True)``.
    The value is *exact* when it says everything the line says, words that
    introduce the date ("Published", "Last updated:", "Posted on") aside: the
    date, the time and the zone as an offset. A weekday is part of that only
    when it is the weekday of the date, so it can be said again from the value.
    A zone with no offset ("ET"), seconds, a time out of range, a wrong weekday,
    or a date the line does not give ("Updated 09:30 GMT", "Updated 2 hours
    ago") make it inexact. A line that says anything else is not a date line
    (``None``).
    """
    if len(text) > 80:
        return None
    prefix = _DATE_PREFIX.match(text)
    kind: Literal["published", "updated"] = "published"
    if prefix and re.search(r"updat|modif", prefix.group("word"), re.I):
        kind = "updated"
    rest = text[prefix.end():] if prefix else text
    if _RELATIVE.match(rest.strip()):
        return DateLine(kind, None, False)  # "Updated 2 hours ago": no date to parse
    day: date | None = None
    hour = minute = None
    zone = ""
    exact = True
    for form in _DATE_FORMS:
        m = form.search(rest)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["month"])
        try:
            day = date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            return None
        if groups.get("hour"):
            hour, minute = int(groups["hour"]), int(groups["minute"])
            zone = groups.get("zone") or ""
            exact = not groups.get("second")
        rest = rest[:m.start()] + " " + rest[m.end():]
        break
    t = _TIME.search(rest)
    if t and hour is None:
        hour, minute = int(t.group("hour")), int(t.group("minute"))
        ampm = (t.group("ampm") or "").lower()
        if ampm and not 1 <= hour <= 12:
            return None
        if ampm.startswith("p") and hour != 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        zone = _zone(t.group("zone"))
        if t.group("zone") and not zone:
            exact = False  # "ET": a zone the value cannot hold without an offset
        rest = rest[:t.start()] + " " + rest[t.end():]
    weekdays = [_WEEKDAYS.index(w.group("day")[:3].lower()) for w in _WEEKDAY.finditer(rest)]
    rest = _WEEKDAY.sub("", rest)
    if _DATE_FILLER.sub("", rest):
        return None  # words other than a date: not a date line
    if day is None:
        # A time alone counts only with "Updated"/"Published" before it.
        return DateLine(kind, None, False) if prefix and hour is not None else None
    if weekdays != [day.weekday()] * len(weekdays) or len(weekdays) > 1:
        exact = False  # a weekday that is not the date's says something else
    if hour is None or minute is None:
        return DateLine(kind, day.isoformat(), exact)
    if hour > 23 or minute > 59:
        return DateLine(kind, day.isoformat(), False)
    return DateLine(kind, f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}", exact)


def _zone(word: str | None) -> str:
    if not word:
        return ""
    key = word.lower().replace(" ", "")
    if key in _ZONES:
        return _ZONES[key]
    m = re.fullmatch(r"(?:gmt|utc)?([+-])(\d{1,2})(?::?(\d{2}))?", key)
    if not m or int(m.group(2)) > 14:
        return ""
    return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"


# --------------------------------------------------------------------------
# Language by script
# --------------------------------------------------------------------------

_SCRIPT_LANG = {"cyrillic": "ru", "greek": "el", "hebrew": "he", "arabic": "ar",
                "devanagari": "hi", "thai": "th", "hangul": "ko"}


def _detect_language(text: str) -> str | None:
    """The language a non-Latin script implies when most letters are in it."""
    if text.isascii():
        return None
    letters = _count(_LETTERS, text)
    if letters == 0:
        return None
    counts = {name: _count(pattern, text) for name, pattern in _SCRIPTS.items()}
    cjk = counts["han"] + counts["kana"]
    best, n = max(((s, c) for s, c in counts.items() if s not in ("han", "kana")),
                  key=lambda sc: sc[1])
    if cjk > n and cjk * 2 > letters:
        # Japanese mixes kanji with kana; Chinese has no kana.
        return "ja" if counts["kana"] * 10 >= cjk else "zh"
    if n * 2 > letters:
        return _SCRIPT_LANG.get(best)
    return None


# --------------------------------------------------------------------------
# Segments -> document
# --------------------------------------------------------------------------


class _Builder:
    def __init__(self, text: str) -> None:
        # The first 100,000 characters tell the script as well as the whole would.
        self.language = _detect_language(text[:100_000]) or "en"
        self.kicker: str | None = None
        self.title = ""
        self.standfirst = ""
        self.bylines: list[str] = []
        self.dateline: str | None = None
        self.held: list[str] = []  # header lines the metadata has no room for
        self.published: str | None = None
        self.updated: str | None = None

    # -- the header ---------------------------------------------------------

    def build(self, segs: list[_Seg]) -> Document:
        segs = self._header(segs)
        # They open the body, as paragraphs, right after the metadata they
        # stood with.
        segs[:0] = [_Seg("para", [line]) for line in self.held]
        body = self._blocks(segs)
        if not self.standfirst and all(isinstance(b, Separator) for b in body):
            raise ReadError(f"the text has only a title ({_short(self.title)!r}) and no "
                            "article text")
        meta = Metadata(
            title=self.title,
            language=self.language,
            direction="rtl" if self.language in ("ar", "he") else "ltr",
            kicker=self.kicker,
            standfirst=(Text(self.standfirst),) if self.standfirst else (),
            bylines=tuple(self.bylines),
            dateline=self.dateline,
            published=self.published,
            updated=self.updated,
        )
        return Document(meta, tuple(body))

    def _header(self, segs: list[_Seg]) -> list[_Seg]:
        """Take kicker, headline, bylines, dates and standfirst off the top."""
        segs = list(segs)
        while True:
            while segs and segs[0].kind == "separator":
                segs.pop(0)  # a rule above the headline carries nothing
            if not self._absorb_meta(segs, before_headline=True):
                break
        if not segs:
            raise ReadError("the text has bylines or dates but no headline")
        first = segs[0]
        if first.kind == "para":
            nxt = segs[1] if len(segs) > 1 else None
            if len(first.lines) == 1 and nxt is not None and nxt.kind in ("para", "underlined") \
                    and _headline_like(nxt.lines) and (
                        _is_kicker(first.lines[0]) or self._short_kicker(first, nxt, segs)):
                self.kicker = first.lines[0]
                segs.pop(0)
            elif len(first.lines) > 1 and _is_kicker(first.lines[0]) \
                    and _headline_like(first.lines[1:2]):
                self.kicker = first.lines[0]
                first.lines.pop(0)
        self._title(segs)
        self._absorb_meta(segs)
        if segs and self._is_standfirst(segs):
            self.standfirst = _join(segs.pop(0).lines)
            self._absorb_meta(segs)
        return segs

    @staticmethod
    def _short_kicker(first: _Seg, nxt: _Seg, segs: list[_Seg]) -> bool:
        """A kicker not in the list of known ones: up to three words, then a longer
        headline standing alone, then more text."""
        text, headline = first.lines[0], _join(nxt.lines)
        return (_words(text) <= 3 and len(text) <= 25 and _ends_open(text) and len(segs) > 2
                and (nxt.alone or nxt.kind == "underlined") and not _full_quote(headline)
                and len(headline) > len(text))

    def _title(self, segs: list[_Seg]) -> None:
        first = segs[0]
        if first.kind == "underlined":
            self.title = first.lines[0]
            segs.pop(0)
            return
        if first.kind == "list":
            # A page that opens with a list: its first item is all there is to
            # call a headline.
            entry = first.entries.pop(0)
            self.title = _join(entry.lines)
            if not first.entries:
                segs.pop(0)
            return
        if first.kind == "quote":
            while not first.lines[0].strip():
                first.lines.pop(0)
            self.title = first.lines.pop(0).strip()
            if not any(t.strip() for t in first.lines):
                segs.pop(0)
            return
        lines = first.lines
        split = next((k for k in range(1, len(lines)) if _meta_kind(lines[k])), None)
        if split is None and not _headline_like(lines) and len(lines) > 1 \
                and _subheading_like(lines[0], 15) and lines[1][:1].isupper() \
                and len(lines[0]) < 0.8 * max(len(t) for t in lines[1:]):
            split = 1  # a headline with the first paragraph right under it
        if split is None:
            # The whole first paragraph (as a wrapped block or one line) is the
            # best headline the text offers.
            self.title = _join(lines)
            segs.pop(0)
            return
        self.title = _join(lines[:split])
        rest = lines[split:]
        segs[0] = _Seg("para", rest, alone=len(rest) == 1)

    def _absorb_meta(self, segs: list[_Seg], *, before_headline: bool = False) -> bool:
        """Move leading byline and date lines into the metadata; whether any moved.

        A line the metadata has no room for (a second dateline) is held for
        the top of the body.
        """
        moved = False
        while segs and segs[0].kind == "para":
            lines = segs[0].lines
            taken = 0
            previous: MetaKind | None = None
            stop = False
            for k, line in enumerate(lines):
                kind = _meta_kind(line)
                if kind is None and previous in ("byline", "role") \
                        and _words(line) <= 6 and _ends_open(line):
                    kind = "role"  # "By Jane Doe" / "Tokyo correspondent"
                if kind is None:
                    break
                if kind == "dateline" and k + 1 < len(lines):
                    stop = True  # it opens the paragraph it stands in (see _prefix_dateline)
                    break
                if kind == "dateline" and not before_headline and self._prefix_dateline(segs):
                    lines = lines[:-1]  # now at the start of the next paragraph
                    stop = True
                    break
                if not self._meta_line(kind, line):
                    self.held.append(line)
                previous = kind
                taken += 1
            rest = lines[taken:]
            if rest:
                if taken:
                    segs[0] = _Seg("para", rest, alone=len(rest) == 1)
            else:
                segs.pop(0)
            moved = moved or bool(taken)
            if rest or stop:
                break
        return moved

    @staticmethod
    def _prefix_dateline(segs: list[_Seg]) -> bool:
        """Put the place dateline ending ``segs[0]`` at the start of the paragraph after it.

        "LINDHOLM, March 5 (Civic Wire) —" is the opening of the sentence the
        dash leads into, whether the page broke the line after the dash or
        not. A listener should hear it there, as written: where, when and from
        whom, then the news. Moved into the metadata it would be read after the
        standfirst and the bylines, cut off from that sentence with its dash
        left hanging. So it stays in (or joins) the paragraph it opens, as
        "TOKYO (AP) — Japan and…" on one line does. Only a dateline with no
        paragraph to open (before the headline, or before a list) goes into the
        metadata, without the dash.
        """
        nxt = segs[1] if len(segs) > 1 else None
        if nxt is None or nxt.kind != "para" or _meta_kind(nxt.lines[0]) is not None:
            return False
        segs[1] = _Seg("para", [segs[0].lines[-1], *nxt.lines], alone=False)
        return True

    def _meta_line(self, kind: MetaKind, line: str) -> bool:
        """Put one header line into the metadata; ``False`` if it has no room for it.

        A date line whose parsed value says all it says becomes ``published`` or
        ``updated`` alone: the renderers say it again from the value ("Published:
        4 November 2002"), so keeping the line as the dateline as well would give
        every date twice. A date line the value cannot hold whole (a zone
        without an offset, "2 hours ago", a time with no date) is kept word for
        word as the dateline instead, and not parsed as well, for the same
        reason. The dateline is one line of the source: separate lines are
        never joined into one.
        """
        if kind in ("byline", "role"):
            self.bylines.append(line)
            return True
        if kind == "date":
            parsed = parse_date_line(line)
            assert parsed is not None
            if parsed.exact and parsed.iso is not None and getattr(self, parsed.kind) is None:
                setattr(self, parsed.kind, parsed.iso)
                return True
        elif kind == "dateline":
            # A dateline with no sentence after it: the dash introduces nothing.
            line = _DATELINE_DASH.sub("", line)
        if self.dateline is not None:
            return False
        self.dateline = line
        return True

    def _is_standfirst(self, segs: list[_Seg]) -> bool:
        seg = segs[0]
        if seg.kind != "para":
            return False
        text = _join(seg.lines)
        nxt = segs[1] if len(segs) > 1 else None
        if text.endswith(":") or _trailing_attribution(seg.lines):
            return False
        if _full_quote(text) and _attribution(nxt) is not None:
            return False
        # A very short line followed by text reads as the first sub-heading.
        return not (seg.alone and _subheading_like(text, 5) and nxt is not None
                    and nxt.kind == "para")

    # -- the body -----------------------------------------------------------

    def _blocks(self, segs: list[_Seg]) -> list[Block]:
        out: list[Block] = []
        prev_list = False
        i = 0
        while i < len(segs):
            seg = segs[i]
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            is_list = False
            if seg.kind == "separator":
                out.append(Separator())
            elif seg.kind == "underlined":
                out.append(Heading(2, (Text(seg.lines[0]),), lang=self._lang(seg.lines[0])))
            elif seg.kind == "list":
                lists = _build_lists(seg.entries, self._para)
                if prev_list and isinstance(out[-1], List):
                    merged = _merge_lists(out[-1], lists[0])
                    if merged is not None:
                        out[-1] = merged
                        lists = lists[1:]
                out.extend(lists)
                is_list = True
            elif seg.kind == "quote":
                name = None
                inner = list(seg.lines)
                while inner and not inner[-1].strip():
                    inner.pop()
                m = _ATTRIBUTION.match(inner[-1].strip()) if len(inner) > 1 else None
                if m and _LIST_ITEM.match(inner[-1]) and _LIST_ITEM.match(inner[-2]):
                    m = None  # the last item of a list, not "- Name"
                if m:
                    name = m.group("name")
                    inner.pop()
                elif (name := _attribution(nxt)) is not None:
                    i += 1
                children = self._inner(inner)
                if children:
                    out.append(BlockQuote(tuple(children), attribution=_inlines(name)))
                elif name is not None:
                    out.append(self._para(name))
            else:
                text = _join(seg.lines)
                pair = _trailing_attribution(seg.lines)
                name = None
                if pair is not None:
                    text, name = pair
                elif _full_quote(text) and (name := _attribution(nxt)) is not None:
                    i += 1
                if name is not None:
                    out.append(self._quote(out, text, name))
                elif seg.alone and _subheading_like(text) and self._body_follows(nxt):
                    out.append(Heading(2, (Text(text),), lang=self._lang(text)))
                else:
                    out.append(self._para(text))
            prev_list = is_list
            i += 1
        return out

    def _body_follows(self, nxt: _Seg | None) -> bool:
        if nxt is None:
            return False
        if nxt.kind in ("list", "quote"):
            return True
        if nxt.kind != "para":
            return False
        return not (nxt.alone and _subheading_like(_join(nxt.lines)))

    def _quote(self, out: list[Block], text: str, name: str) -> BlockQuote:
        """A quotation and its attribution; earlier paragraphs of the same quotation
        (opened but not closed, as quotes running over paragraphs are written) join it."""
        paras = [self._para(text)]
        while out and isinstance(out[-1], Paragraph) and out[-1].children \
                and _open_quote(plain_text(out[-1].children)):
            last = out.pop()
            assert isinstance(last, Paragraph)
            paras.insert(0, last)
        return BlockQuote(tuple(paras), attribution=_inlines(name))

    def _inner(self, lines: list[str]) -> list[Block]:
        """The blocks inside a ``>`` quote."""
        inner_lines = _split_lines("\n".join(lines))
        segs = [seg for block in _blocks(inner_lines) for seg in _segment(block)]
        return self._blocks(segs)

    def _para(self, text: str) -> Paragraph:
        return Paragraph((Text(text),), lang=self._lang(text))

    def _lang(self, text: str) -> str | None:
        """A block's language when its script says it differs from the document's."""
        lang = _detect_language(text)
        if lang == "zh" and self.language in ("ja", "ko"):
            return None  # kanji (hanja) alone, in a Japanese (Korean) text
        return lang if lang is not None and lang != self.language else None


def _inlines(text: str | None) -> tuple[Inline, ...]:
    return (Text(text),) if text else ()


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------


def _build_lists(entries: list[_Entry], para: _ParaFactory) -> list[List]:
    """Top-level lists from list lines; deeper-indented lines nest under the item above."""
    out: list[List] = []
    pos = 0
    while pos < len(entries):
        lst, pos = _parse_list(entries, pos, entries[pos].indent, para, top=True)
        out.append(lst)
    return out


def _parse_list(entries: list[_Entry], pos: int, indent: int, para: _ParaFactory,
                *, top: bool = False) -> tuple[List, int]:
    first = entries[pos]
    items: list[list[Block]] = []
    while pos < len(entries):
        e = entries[pos]
        if items and e.indent >= indent + 2:
            nested, pos = _parse_list(entries, pos, e.indent, para)
            items[-1].append(nested)
            continue
        if e.indent < indent - 1 and not top:
            break  # back to the parent list
        if items and e.ordered != first.ordered:
            break  # a list of the other kind starts
        items.append([para(_join(e.lines))])
        pos += 1
    lst = List(tuple(ListItem(tuple(children)) for children in items),
               ordered=first.ordered, start=first.number if first.ordered else 1)
    return lst, pos


def _merge_lists(a: List, b: List) -> List | None:
    """One list from two halves split by a blank line, if they continue each other."""
    if a.ordered != b.ordered or (a.ordered and b.start != a.start + len(a.items)):
        return None
    return List(a.items + b.items, ordered=a.ordered, start=a.start)
