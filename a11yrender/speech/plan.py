"""The speech plan: a document as the utterances a speech engine says.

:func:`plan_speech` walks the one reading order
(:func:`a11yrender.reading.reading_units`) and makes an :class:`Utterance`
per sentence of text, plus short structure cues ("List, 3 items") chosen by
the verbosity. Each utterance carries what is said (normalised for
listening, see :mod:`a11yrender.speech.normalize`), the text as displayed,
its language, the pause after it, and where it came from: the model path of
its reading unit and character offsets into that unit's plain text
(:func:`a11yrender.model.plain_text` of its inlines), down to each word.

Engines see utterances, never the document: voice choice, pauses and
highlighting all come from here. See ``docs/speech.md`` for the tables of
cues and pauses.
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import OptionError, ValidationError
from ..model import (
    Abbreviation,
    Code,
    Document,
    Inline,
    LineBreak,
    Link,
    List,
    Path,
    Table,
    Text,
    Time,
    plain_text,
)
from ..reading import Cell, Unit, reading_units, table_grid
from .lexicon import Lexicon, LexiconMatcher, compile_lexicon, load_lexicon, merge_lexicons
from .normalize import Fixed, Word, get_normalizer
from .sentences import SentenceRules, rules_for, split_sentences

__all__ = [
    "CUE_PHRASES",
    "END_PAUSES",
    "LEAF_PAUSES",
    "PAUSES",
    "SKIPPABLE",
    "SKIP_NAMES",
    "Utterance",
    "Verbosity",
    "iter_speech",
    "plan_speech",
    "register_cue_phrases",
]

Verbosity = Literal["none", "brief", "full"]
_VERBOSITIES: tuple[Verbosity, ...] = ("none", "brief", "full")


@dataclass(frozen=True, slots=True)
class Utterance:
    """One thing to say: a sentence (or the part of one in one language) or a cue.

    ``text`` is exactly what is spoken; ``display`` the source as displayed
    (for a sentence, ``plain_text(unit inlines)[source_start:source_end]``;
    for a cue, its phrase). ``lang`` is a BCP 47 tag, ``pause_ms`` the silence
    after it. ``path`` is the model path of the reading unit it came from
    (``("meta", "kicker")``, ``(*aside_path, "label")`` and
    ``(*media_path, "title")`` for those texts). ``words`` maps each spoken
    word to the source: ``(spoken_start, spoken_end, source_start,
    source_end)``; cues point at ``(0, 0)``. ``sentence`` numbers sentences:
    the parts of one sentence in different languages share it. ``unit_kind``
    is the reading unit's kind (``"heading"``, ``"paragraph"``, ``"list"``…).
    ``skippable`` marks asides, captions, bylines, page chrome and related
    links, which a player may pass over.
    """

    index: int
    text: str
    display: str
    lang: str
    kind: Literal["sentence", "cue"]
    path: Path
    source_start: int
    source_end: int
    pause_ms: int
    unit_kind: str
    sentence: int
    skippable: bool = False
    words: tuple[Word, ...] = ()


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

#: Pauses (ms) that do not depend on the unit: between the sentences of one
#: unit, between the language parts of one sentence, after a cue.
PAUSES: dict[str, int] = {"sentence": 350, "switch": 0, "cue": 250, "end": 0}

#: Pause after the last utterance of a leaf unit, by its kind (default 700).
LEAF_PAUSES: dict[str, int] = {
    "headline": 1000, "heading": 1000, "kicker": 400, "cell": 300, "byline": 500,
    "dateline": 500, "published": 500, "updated": 500, "credit": 600, "caption": 600,
    "attribution": 700, "image": 600, "site_name": 700, "source": 700, "label": 500,
    "title": 500, "separator": 1200,
}
_LEAF_DEFAULT = 700

#: Pause when a container ends (and, for ``START_PAUSES``, when one starts).
END_PAUSES: dict[str, int] = {
    "region": 1200, "main": 1200, "article": 1200, "list": 900, "item": 500, "quote": 900,
    "figure": 900, "table": 900, "row": 600, "aside": 1000, "media": 1000, "transcript": 1000,
}
START_PAUSES: dict[str, int] = {"region": 1200, "main": 1200, "aside": 700, "media": 700}

#: Names accepted by ``skip``: page regions, containers and leaf kinds.
SKIP_NAMES = frozenset({
    "banner", "navigation", "notice", "complementary", "contentinfo",
    "aside", "note", "figure", "image", "caption", "credit", "table", "list", "quote",
    "attribution", "code", "media", "transcript", "byline", "dateline", "published",
    "updated", "site_name", "source", "kicker", "standfirst",
})
#: What is marked ``skippable``: asides and notes, captions and credits, bylines
#: and dates, page chrome and complementary regions (related links).
SKIPPABLE = frozenset({
    "banner", "navigation", "complementary", "contentinfo", "aside", "note", "caption",
    "credit", "byline", "dateline", "published", "updated", "site_name", "source",
})

#: Structure cue phrases by language (primary subtag); ``{}`` fields are filled in.
CUE_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Heading level {level}",
        "list": "List, {count} items", "list_1": "List, 1 item",
        "nesting": "{cue}, nesting level {level}",
        "list_end": "End of list", "bullet": "Bullet", "number": "{number}",
        "quote": "Quote", "quote_end": "End of quote",
        "image": "Image", "caption": "Caption", "credit": "Credit",
        "published": "Published", "updated": "Updated", "source": "Source",
        "table": "Table with {rows} {rows_word} and {cols} {cols_word}",
        "row": "row", "rows": "rows", "column": "column", "columns": "columns",
        "table_end": "End of table", "blank": "Blank",
        "aside": "Aside", "note": "Note", "aside_end": "End of aside", "note_end": "End of note",
        "audio": "Audio", "video": "Video",
        "transcript": "Transcript", "transcript_end": "End of transcript",
        "separator": "Separator", "code": "Code", "code_syntax": "Code, {syntax}",
        "link": "link",
        "banner": "Banner landmark", "navigation": "Navigation landmark", "notice": "Notice",
        "complementary": "Complementary landmark",
        "contentinfo": "Content information landmark",
        "main": "Main landmark", "article": "Article", "labelled": "{cue}, {label}",
    },
}


def register_cue_phrases(language: str, phrases: dict[str, str]) -> None:
    """Use ``phrases`` (the keys of ``CUE_PHRASES["en"]``) for documents in ``language``."""
    missing = set(CUE_PHRASES["en"]) - set(phrases)
    if missing:
        raise OptionError(f"cue phrases for {language!r} lack {', '.join(sorted(missing))}")
    CUE_PHRASES[language.split("-")[0].lower()] = dict(phrases)


# --------------------------------------------------------------------------
# The API
# --------------------------------------------------------------------------

LexiconSource = Lexicon | str | os.PathLike[str]


def plan_speech(doc: Document, *, verbosity: Verbosity = "brief", skip: Iterable[str] = (),
                language: str | None = None,
                lexicons: Iterable[LexiconSource] = ()) -> tuple[Utterance, ...]:
    """The utterances that speak ``doc``, in reading order.

    ``verbosity``: which structure cues are said (``none``, ``brief``,
    ``full``; see docs/speech.md). ``skip``: names from :data:`SKIP_NAMES`
    whose content is left out entirely. ``language``: a BCP 47 tag to use
    instead of the document's. ``lexicons``: extra lexicons (objects or
    file paths, text format or PLS) that override the shipped one.
    """
    return tuple(iter_speech(doc, verbosity=verbosity, skip=skip, language=language,
                             lexicons=lexicons))


def iter_speech(doc: Document, *, verbosity: Verbosity = "brief", skip: Iterable[str] = (),
                language: str | None = None,
                lexicons: Iterable[LexiconSource] = ()) -> Iterator[Utterance]:
    """Like :func:`plan_speech`, one utterance at a time, so playback can start
    before a long article is planned. Options are checked at once."""
    if not isinstance(doc, Document):
        raise OptionError(f"plan_speech needs a Document, not {type(doc).__name__}")
    if verbosity not in _VERBOSITIES:
        raise OptionError(f"verbosity must be 'none', 'brief' or 'full', not {verbosity!r}")
    if isinstance(skip, str):
        skip = (skip,)
    skipped = frozenset(skip)
    unknown = skipped - SKIP_NAMES
    if unknown:
        raise OptionError(f"cannot skip {', '.join(sorted(map(repr, unknown)))}; "
                          f"skip takes {', '.join(sorted(SKIP_NAMES))}")
    if language is not None:
        if not isinstance(language, str):
            raise OptionError(f"language must be a BCP 47 tag, not {language!r}")
        try:
            doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta,
                                                                    language=language))
        except ValidationError:
            raise OptionError(f"language {language!r} is not a well-formed BCP 47 tag") \
                from None
    if isinstance(lexicons, (str, os.PathLike, Lexicon)):
        lexicons = (lexicons,)
    loaded = tuple(load_lexicon(x) for x in lexicons)
    return _Planner(doc, verbosity, skipped, loaded).run()


# --------------------------------------------------------------------------
# The planner
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    text: str
    display: str
    lang: str
    kind: Literal["sentence", "cue"]
    path: Path
    start: int
    end: int
    pause: int
    unit_kind: str
    sentence: int
    skippable: bool
    words: tuple[Word, ...]


@dataclass(slots=True)
class _Inlines:
    """What the inlines of a unit say about their plain text, by offsets."""

    runs: list[tuple[int, int, str]]
    fixed: list[Fixed]
    years: list[tuple[int, int]]
    links: list[int]


def _analyse(inlines: Sequence[Inline], lang: str) -> _Inlines:
    out = _Inlines([], [], [], [])
    pos = 0

    def walk(nodes: Sequence[Inline], lang: str) -> None:
        nonlocal pos
        for node in nodes:
            here = node.lang or lang
            if isinstance(node, LineBreak):
                out.runs.append((pos, pos + 1, here))
                pos += 1
                continue
            if isinstance(node, (Text, Code, Abbreviation, Time)):
                start, pos = pos, pos + len(node.text)
                out.runs.append((start, pos, here))
                if isinstance(node, Code):
                    out.fixed.append(Fixed(start, pos, None))
                elif isinstance(node, Abbreviation):
                    # The document's expansion wins over any lexicon.
                    out.fixed.append(Fixed(start, pos, node.expansion))
                elif isinstance(node, Time) and re.fullmatch(r"[0-9]{4}", node.datetime):
                    out.years.append((start, pos))
                continue
            if isinstance(node, Link):
                out.links.append(pos)
            walk(node.children, here)

    walk(tuple(inlines), lang)
    return out


def _speakable(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LNS" for c in text)


def _same_lang(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _pieces(runs: list[tuple[int, int, str]], text: str, start: int,
            end: int) -> list[tuple[int, int, str]]:
    """The parts of ``text[start:end]`` in one language each, trimmed; parts
    with nothing to say (punctuation) join a neighbour."""
    parts: list[tuple[int, int, str]] = []
    for s, e, lang in runs:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        if parts and _same_lang(parts[-1][2], lang):
            parts[-1] = (parts[-1][0], e, parts[-1][2])
        else:
            parts.append((s, e, lang))
    trimmed: list[tuple[int, int, str]] = []
    for a, b, lang in parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b, lang))
    merged: list[tuple[int, int, str]] = []
    carry: int | None = None  # start of unspeakable parts before the first speakable one
    for s, e, lang in trimmed:
        if not _speakable(text[s:e]):
            if merged:
                merged[-1] = (merged[-1][0], e, merged[-1][2])
            elif carry is None:
                carry = s
            continue
        if carry is not None:
            s, carry = carry, None
        if merged and _same_lang(merged[-1][2], lang):
            merged[-1] = (merged[-1][0], e, lang)
        else:
            merged.append((s, e, lang))
    if carry is not None and trimmed:  # nothing speakable at all
        merged.append((carry, trimmed[-1][1], trimmed[0][2]))
    return merged


class _Planner:
    def __init__(self, doc: Document, verbosity: Verbosity, skip: frozenset[str],
                 lexicons: tuple[Lexicon, ...]) -> None:
        self.doc = doc
        self.verbosity = verbosity
        self.skip = skip
        self.lexicons = lexicons
        primary = doc.meta.language.split("-")[0].lower()
        self.cue_lang = doc.meta.language if primary in CUE_PHRASES else "en"
        self.phrases = CUE_PHRASES.get(primary, CUE_PHRASES["en"])
        self.stack: list[Unit] = []
        self.names: list[frozenset[str]] = []
        self.grids: list[dict[Path, Cell]] = []
        self.pending: _Draft | None = None
        self.index = 0
        self.sentence = 0
        self._matchers: dict[str, LexiconMatcher] = {}
        self._rules: dict[str, SentenceRules] = {}

    # -- the walk ----------------------------------------------------------------

    def run(self) -> Iterator[Utterance]:
        for unit in reading_units(self.doc):
            if unit.event == "start":
                self._bump(START_PAUSES.get(unit.kind, 0))
                self.stack.append(unit)
                self.names.append(self._names_of(unit))
                yield from self._start(unit)
            elif unit.event == "end":
                yield from self._end(unit)
                self.stack.pop()
                self.names.pop()
                if unit.kind == "table" and self.grids:
                    self.grids.pop()
                self._bump(END_PAUSES.get(unit.kind, 0))
            else:
                yield from self._leaf(unit)
                self._bump(LEAF_PAUSES.get(unit.kind, _LEAF_DEFAULT))
        if self.pending is not None:
            self.pending.pause = PAUSES["end"]
            yield self._finish(self.pending)
            self.pending = None

    @staticmethod
    def _names_of(unit: Unit) -> frozenset[str]:
        names = {unit.kind}
        if unit.kind in ("region", "aside") and unit.role:
            names.add(unit.role)
        return frozenset(names)

    def _bump(self, ms: int) -> None:
        if self.pending is not None and ms > self.pending.pause:
            self.pending.pause = ms

    def _push(self, draft: _Draft) -> Iterator[Utterance]:
        if self.pending is not None:
            yield self._finish(self.pending)
        self.pending = draft

    def _finish(self, d: _Draft) -> Utterance:
        u = Utterance(self.index, d.text, d.display, d.lang, d.kind, d.path, d.start, d.end,
                      d.pause, d.unit_kind, d.sentence, d.skippable, d.words)
        self.index += 1
        return u

    def _context(self, kind: str) -> tuple[bool, bool]:
        """(dropped by ``skip``, skippable) for an utterance of ``kind`` here."""
        names: set[str] = {kind}
        for n in self.names:
            names |= n
        return bool(names & self.skip), bool(names & SKIPPABLE)

    # -- cues --------------------------------------------------------------------

    def _phrase(self, key: str, **fields: object) -> str:
        return self.phrases[key].format(**fields)

    def _cue(self, phrase: str, path: Path, unit_kind: str,
             lang: str | None = None) -> Iterator[Utterance]:
        dropped, skippable = self._context(unit_kind)
        if dropped or not phrase.strip():
            return
        lang = lang or self.cue_lang
        spoken = get_normalizer(lang).normalize(phrase, lexicon=self._matcher(lang))
        if not _speakable(spoken.text):
            return
        self.sentence += 1
        words = tuple((a, b, 0, 0) for a, b, _, _ in spoken.words)
        yield from self._push(_Draft(spoken.text, phrase, lang, "cue", path, 0, 0,
                                     PAUSES["cue"], unit_kind, self.sentence, skippable, words))

    @property
    def brief(self) -> bool:
        return self.verbosity != "none"

    @property
    def full(self) -> bool:
        return self.verbosity == "full"

    def _start(self, unit: Unit) -> Iterator[Utterance]:
        kind, path = unit.kind, unit.path
        if kind == "region" and self.full:
            cue = self._phrase(unit.role or "notice")
            if unit.label:
                cue = self._phrase("labelled", cue=cue, label=unit.label)
            yield from self._cue(cue, path, kind)
        elif kind in ("main", "article") and self.full:
            yield from self._cue(self._phrase(kind), path, kind)
        elif kind == "list" and self.brief:
            cue = self._phrase("list_1" if unit.count == 1 else "list", count=unit.count)
            if self.full and unit.level > 1:
                cue = self._phrase("nesting", cue=cue, level=unit.level)
            yield from self._cue(cue, path, kind)
        elif kind == "item" and self.brief:
            parent = self.stack[-2].node if len(self.stack) > 1 else None
            if isinstance(parent, List) and parent.ordered:
                yield from self._cue(self._phrase("number", number=unit.index), path, kind)
            elif self.full:
                yield from self._cue(self._phrase("bullet"), path, kind)
        elif kind == "quote" and self.brief:
            yield from self._cue(self._phrase("quote"), path, kind)
        elif kind == "table":
            if self.full and isinstance(unit.node, Table):
                grid, _ = table_grid(unit.node)
                self.grids.append({c.path: c for row in grid for c in row})
            elif self.full:
                self.grids.append({})
            if self.brief:
                rows, cols = unit.count, unit.index
                cue = self._phrase(
                    "table", rows=rows, cols=cols,
                    rows_word=self._phrase("row" if rows == 1 else "rows"),
                    cols_word=self._phrase("column" if cols == 1 else "columns"))
                yield from self._cue(cue, path, kind)
        elif kind == "aside":
            role = unit.role or "aside"
            label = unit.label or ""
            word = self._phrase(role)
            if self.brief and not re.search(rf"\b{re.escape(word)}\b", label, re.IGNORECASE):
                yield from self._cue(word, path, kind)
            if label.strip():
                yield from self._content((Text(label),), (*path, "label"), unit.lang, "label")
                self._bump(LEAF_PAUSES["label"])
        elif kind == "media":
            if self.brief:
                yield from self._cue(self._phrase(unit.role or "video"), path, kind)
            if unit.label and unit.label.strip():
                yield from self._content((Text(unit.label),), (*path, "title"), unit.lang,
                                         "title")
                self._bump(LEAF_PAUSES["title"])
        elif kind == "transcript" and self.brief:
            yield from self._cue(self._phrase("transcript"), path, kind)

    def _end(self, unit: Unit) -> Iterator[Utterance]:
        kind, path = unit.kind, unit.path
        if kind == "quote" and self.brief:
            yield from self._cue(self._phrase("quote_end"), path, kind)
        elif not self.full:
            return
        elif kind == "list":
            yield from self._cue(self._phrase("list_end"), path, kind)
        elif kind == "table":
            yield from self._cue(self._phrase("table_end"), path, kind)
        elif kind == "aside":
            role = unit.role or "aside"
            yield from self._cue(self._phrase(f"{role}_end"), path, kind)
        elif kind == "transcript":
            yield from self._cue(self._phrase("transcript_end"), path, kind)

    def _leaf(self, unit: Unit) -> Iterator[Utterance]:
        kind, path = unit.kind, unit.path
        if kind == "headline":
            kicker = self.doc.meta.kicker
            if kicker:
                yield from self._content((Text(kicker),), ("meta", "kicker"), unit.lang,
                                         "kicker")
                self._bump(LEAF_PAUSES["kicker"])
            if self.full:
                yield from self._cue(self._phrase("heading", level=1), path, kind)
        elif kind == "heading" and self.full:
            yield from self._cue(self._phrase("heading", level=unit.level), path, kind)
        elif kind in ("image", "credit", "published", "updated", "source") and self.brief:
            yield from self._cue(self._phrase(kind), path, kind)
        elif kind == "caption" and self.brief and self.stack and self.stack[-1].kind == "figure":
            yield from self._cue(self._phrase("caption"), path, kind)
        elif kind == "code" and self.brief:
            syntax = getattr(unit.node, "syntax", None)
            cue = self._phrase("code_syntax", syntax=syntax) if syntax and self.full \
                else self._phrase("code")
            yield from self._cue(cue, path, kind)
        elif kind == "separator":
            if self.full:
                yield from self._cue(self._phrase("separator"), path, kind)
            return
        elif kind == "cell" and self.full and not unit.header:
            yield from self._cell_cue(unit)
        yield from self._content(unit.inlines, path, unit.lang, kind, literal=kind == "code")

    def _cell_cue(self, unit: Unit) -> Iterator[Utterance]:
        if not plain_text(unit.inlines).strip():
            yield from self._cue(self._phrase("blank"), unit.path, "cell")
            return
        table = next((u for u in reversed(self.stack) if u.kind == "table"), None)
        if table is None or not self.grids:
            return
        cell = self.grids[-1].get(unit.path[len(table.path):])
        if cell is None or not cell.col_headers:
            return
        names = ", ".join(plain_text(h.children).strip() for h in cell.col_headers)
        # Header names are the document's words, so they keep its language.
        yield from self._cue(names, unit.path, "cell", lang=unit.lang)

    # -- content -----------------------------------------------------------------

    def _matcher(self, lang: str) -> LexiconMatcher:
        key = lang.split("-")[0].lower()
        found = self._matchers.get(key)
        if found is None:
            found = compile_lexicon(merge_lexicons(key, self.lexicons))
            self._matchers[key] = found
        return found

    def _sentence_rules(self, lang: str) -> SentenceRules:
        key = lang.split("-")[0].lower()
        found = self._rules.get(key)
        if found is None:
            # Lexicon abbreviations ending in a full stop do not end sentences.
            extra = [g[:-1] for g in self._matcher(key).by_grapheme
                     if g.endswith(".") and " " not in g]
            found = rules_for(key).extended(extra)
            self._rules[key] = found
        return found

    def _content(self, inlines: Sequence[Inline], path: Path, lang: str, unit_kind: str,
                 literal: bool = False) -> Iterator[Utterance]:
        dropped, skippable = self._context(unit_kind)
        if dropped:
            return
        text = plain_text(tuple(inlines))
        if not text.strip():
            return
        info = _analyse(inlines, lang)
        if literal:
            spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        else:
            guards = [(f.start, f.end) for f in info.fixed]
            guards += self._matcher(lang).spans(text)
            spans = split_sentences(text, lang, protected=guards,
                                    rules=self._sentence_rules(lang))
        for start, end in spans:
            pieces = _pieces(info.runs, text, start, end)
            if not pieces:
                continue
            self.sentence += 1
            for k, (s, e, piece_lang) in enumerate(pieces):
                fixed = [Fixed(f.start - s, f.end - s, f.say) for f in info.fixed
                         if s <= f.start and f.end <= e]
                if literal:
                    fixed = [Fixed(0, e - s, None)]
                elif self.full:
                    fixed += [Fixed(p - s, p - s, self._phrase("link"))
                              for p in info.links if s <= p < e]
                years = [(a - s, b - s) for a, b in info.years if s <= a and b <= e]
                spoken = get_normalizer(piece_lang).normalize(
                    text[s:e], fixed=fixed, years=years, lexicon=self._matcher(piece_lang))
                if not _speakable(spoken.text):
                    continue
                words = tuple((a, b, c + s, d + s) for a, b, c, d in spoken.words)
                pause = PAUSES["sentence"] if k == len(pieces) - 1 else PAUSES["switch"]
                yield from self._push(_Draft(spoken.text, text[s:e], piece_lang, "sentence",
                                             path, s, e, pause, unit_kind, self.sentence,
                                             skippable, words))
