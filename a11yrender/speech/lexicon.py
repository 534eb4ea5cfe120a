"""Pronunciation lexicons: what to say for abbreviations, initialisms and units.

A :class:`Lexicon` maps written forms (graphemes) to what is said instead
(aliases). The package ships one per language as data
(``a11yrender/speech/data/<lang>.lexicon``); users add their own, in the same
small text format or as W3C PLS 1.0 files (``.pls``)::

    # comment
    @lang en
    N. Korea = North Korea
    Cllr = Councillor
    No. = number ; before-number
    km = kilometre | kilometres ; after-number

One entry per line: ``grapheme = alias``. ``| plural`` gives the form said
after a number other than one. A context after ``;`` limits where the entry
applies: ``before-number`` (only when a number follows, as in "No. 5") or
``after-number`` (a unit, only right after a number: "5 km", "20mm").
Graphemes match case-sensitively, as whole words; a space in a grapheme
matches any run of white space.

PLS files give ``<lexeme>`` elements with one or more ``<grapheme>`` and
``<alias>`` or ``<phoneme>`` pronunciations. The alias preferred by PLS's rule
(the first with ``prefer="true"``, else the first) is said; a lexeme with
phonemes only keeps them on the entry (``phoneme``, ``alphabet``) for engines
that take phonemes, and its text is said as written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from lxml import etree

from ..errors import ReadError

__all__ = [
    "Entry",
    "Lexicon",
    "LexiconMatcher",
    "default_lexicon",
    "load_lexicon",
    "merge_lexicons",
]

Context = Literal["any", "before-number", "after-number"]
_CONTEXTS: tuple[Context, ...] = ("any", "before-number", "after-number")
_CONTEXT_NAMES: dict[str, Context] = {c: c for c in _CONTEXTS}

PLS_NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Lexicon files larger than this are refused (they are word lists, not books).
MAX_LEXICON_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Entry:
    """One written form and what to say for it."""

    grapheme: str
    alias: str | None
    plural: str | None = None
    context: Context = "any"
    phoneme: str | None = None
    alphabet: str | None = None

    def say(self, count_is_one: bool = True) -> str | None:
        """The words to say (the plural after a number other than one)."""
        if not count_is_one and self.plural:
            return self.plural
        return self.alias


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries for one language (``lang`` None: any language); later entries win."""

    entries: tuple[Entry, ...]
    lang: str | None = None
    name: str = "lexicon"

    def applies_to(self, lang: str) -> bool:
        """Whether this lexicon is for ``lang`` (primary subtags compared)."""
        return self.lang is None or _primary(self.lang) == _primary(lang)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, grapheme: str) -> Entry | None:
        """The entry for exactly ``grapheme`` (the last one wins), or None."""
        for entry in reversed(self.entries):
            if entry.grapheme == grapheme:
                return entry
        return None

    @classmethod
    def parse(cls, text: str, *, name: str = "lexicon", lang: str | None = None) -> Lexicon:
        """Read the text format (see the module docs); PLS XML is recognised too."""
        if text.lstrip("\ufeff \t\r\n").startswith("<"):
            return _parse_pls(text.encode("utf-8"), name)
        return _parse_text(text, name, lang)


def _primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def _parse_text(text: str, name: str, lang: str | None) -> Lexicon:
    entries: list[Entry] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            if key != "lang" or not value.strip():
                raise ReadError(f"{where}: unknown directive {line!r} (only '@lang TAG')")
            lang = value.strip()
            continue
        grapheme, sep, rest = line.partition(" = ")
        if not sep or not grapheme.strip() or not rest.strip():
            raise ReadError(f"{where}: expected 'grapheme = alias', got {line!r}")
        said, _, context = rest.partition(" ; ")
        context = context.strip() or "any"
        if context not in _CONTEXTS:
            raise ReadError(f"{where}: unknown context {context!r}; use before-number or "
                            "after-number")
        alias, _, plural = said.partition(" | ")
        entries.append(Entry(_squash(grapheme), _squash(alias), _squash(plural) or None,
                             _CONTEXT_NAMES[context]))
    return Lexicon(tuple(entries), lang, name)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _parse_pls(data: bytes, name: str) -> Lexicon:
    # No DTDs, entities or network: a lexicon file is data, never a fetch.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"{name}: not well-formed PLS XML ({err})") from None
    if root.tag != f"{{{PLS_NAMESPACE}}}lexicon":
        raise ReadError(f"{name}: the root element must be <lexicon> in the PLS namespace "
                        f"{PLS_NAMESPACE}")
    if root.get("version") != "1.0":
        raise ReadError(f"{name}: only PLS version 1.0 is supported")
    lang = root.get(_XML_LANG)
    default_alphabet = root.get("alphabet")
    entries: list[Entry] = []
    for lexeme in root.iterchildren(f"{{{PLS_NAMESPACE}}}lexeme"):
        graphemes = [_squash(g.text or "")
                     for g in lexeme.iterchildren(f"{{{PLS_NAMESPACE}}}grapheme")]
        graphemes = [g for g in graphemes if g]
        if not graphemes:
            raise ReadError(f"{name}: line {lexeme.sourceline}: a lexeme has no grapheme")
        prons = [p for p in lexeme.iterchildren()
                 if p.tag in (f"{{{PLS_NAMESPACE}}}alias", f"{{{PLS_NAMESPACE}}}phoneme")]
        if not prons:
            raise ReadError(f"{name}: line {lexeme.sourceline}: a lexeme has no alias or "
                            "phoneme")
        # PLS: a synthesiser says the first pronunciation with prefer="true",
        # else the first one. Text-only output can only say aliases, so the
        # preferred alias is taken, and the preferred phoneme is kept aside.
        alias = _preferred([p for p in prons if p.tag == f"{{{PLS_NAMESPACE}}}alias"])
        phoneme = _preferred([p for p in prons if p.tag == f"{{{PLS_NAMESPACE}}}phoneme"])
        said = _squash(alias.text or "") if alias is not None else ""
        phonemes = (phoneme.text or "").strip() if phoneme is not None else ""
        alphabet = (phoneme.get("alphabet") or default_alphabet) if phoneme is not None else None
        for grapheme in graphemes:
            entries.append(Entry(grapheme, said or None, phoneme=phonemes or None,
                                 alphabet=alphabet if phonemes else None))
    return Lexicon(tuple(entries), lang, name)


def _preferred(elements: list[etree._Element]) -> etree._Element | None:
    for element in elements:
        if element.get("prefer") == "true":
            return element
    return elements[0] if elements else None


def load_lexicon(source: Lexicon | str | os.PathLike[str]) -> Lexicon:
    """A lexicon from a file path (text format or ``.pls``), or one given as is."""
    if isinstance(source, Lexicon):
        return source
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_LEXICON_BYTES:
            raise ReadError(f"{path}: lexicon is larger than {MAX_LEXICON_BYTES} bytes")
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read lexicon {path}: {err.strerror or err}") from None
    if path.suffix.lower() in (".pls", ".xml") or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return _parse_pls(data, str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReadError(f"{path}: a lexicon must be UTF-8 text") from None
    return _parse_text(text, str(path), None)


@lru_cache(maxsize=32)
def default_lexicon(lang: str) -> Lexicon:
    """The lexicon shipped for ``lang`` (an empty one where none ships)."""
    primary = _primary(lang)
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return Lexicon((), primary, "none")
    resource = resources.files("a11yrender.speech").joinpath("data", f"{primary}.lexicon")
    if not resource.is_file():
        return Lexicon((), primary, "none")
    text = resource.read_text(encoding="utf-8")
    return _parse_text(text, f"a11yrender/speech/data/{primary}.lexicon", primary)


def merge_lexicons(lang: str, extra: Iterable[Lexicon]) -> Lexicon:
    """The shipped lexicon for ``lang`` followed by the ``extra`` ones that apply
    to it, so a user's entry overrides a shipped one with the same grapheme."""
    entries = list(default_lexicon(lang).entries)
    for lexicon in extra:
        if lexicon.applies_to(lang):
            entries.extend(lexicon.entries)
    return Lexicon(tuple(entries), _primary(lang), "merged")


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LexiconMatcher:
    """A lexicon compiled for matching in text."""

    lexicon: Lexicon
    words: re.Pattern[str] | None
    before_number: re.Pattern[str] | None
    units: re.Pattern[str] | None
    by_grapheme: dict[str, Entry]
    first_chars: frozenset[str]

    def match(self, text: str, pos: int, endpos: int) -> tuple[int, Entry] | None:
        """An entry whose grapheme starts at ``pos`` (longest first): (end, entry)."""
        for pattern in (self.before_number, self.words):
            if pattern is None:
                continue
            m = pattern.match(text, pos, endpos)
            if m:
                entry = self.by_grapheme[_key(m.group("g"))]
                return m.end("g"), entry
        return None

    def unit(self, text: str, pos: int, endpos: int) -> tuple[int, Entry] | None:
        """A unit (an ``after-number`` entry) starting at ``pos``: (end, entry)."""
        if self.units is None:
            return None
        m = self.units.match(text, pos, endpos)
        if not m:
            return None
        return m.end("g"), self.by_grapheme[_key(m.group("g"))]

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Where ``any`` and ``before-number`` entries occur in ``text``."""
        for pattern in (self.before_number, self.words):
            if pattern is not None:
                for m in pattern.finditer(text):
                    yield m.start("g"), m.end("g")


def _key(grapheme: str) -> str:
    return " ".join(grapheme.split())


def _alternation(graphemes: Iterable[str]) -> str:
    # Longest first, so "N. Korea" wins over "N." and "U.S.A." over "U.S.".
    parts = sorted(set(graphemes), key=lambda g: (-len(g), g))
    return "|".join(r"\s+".join(re.escape(w) for w in g.split(" ")) for g in parts)


@lru_cache(maxsize=64)
def compile_lexicon(lexicon: Lexicon) -> LexiconMatcher:
    """Compile ``lexicon`` for :class:`LexiconMatcher` (cached per lexicon)."""
    by_grapheme: dict[str, Entry] = {}
    for entry in lexicon.entries:  # later entries win
        if entry.alias:
            by_grapheme[_key(entry.grapheme)] = entry
    groups: dict[Context, list[str]] = {"any": [], "before-number": [], "after-number": []}
    for key, entry in by_grapheme.items():
        groups[entry.context].append(key)
    # Whole words only: no letter or digit may touch either end.
    words = before = units = None
    if groups["any"]:
        words = re.compile(rf"(?<![^\W_])(?P<g>{_alternation(groups['any'])})(?![^\W_])")
    if groups["before-number"]:
        before = re.compile(rf"(?<![^\W_])(?P<g>{_alternation(groups['before-number'])})"
                            r"(?=\s*[0-9])")
    if groups["after-number"]:
        units = re.compile(rf"(?P<g>{_alternation(groups['after-number'])})(?![^\W_])")
    first = frozenset(k[0] for k in by_grapheme)
    return LexiconMatcher(lexicon, words, before, units, by_grapheme, first)
