"""SSML 1.1 from the speech plan: ``render(doc, "ssml")``.

The SSML says exactly the utterances of :func:`a11yrender.speech.plan_speech`
(same options: ``verbosity``, ``skip``, ``language``, ``lexicons``), so it can
never disagree with the player, the captions or the transcript. Markup only
adds what the plan knows beyond the words:

- ``<speak version="1.1" xml:lang>`` with the document's language;
- a ``<p>`` per reading unit (paragraph, heading, list item text, cell, cue)
  and an ``<s>`` per sentence, ``xml:lang`` on them where the language changes;
- ``<mark name="u{index}"/>`` before each utterance (the plan's index), so an
  engine that reports marks tells the player which utterance it is on;
- ``<break time="NNNms"/>`` for the plan's pause after an utterance;
- ``<emphasis>`` (``level="strong"`` for ``Strong``) around words from
  ``Emphasis`` and ``Strong`` inlines;
- ``<sub alias="North Korea">N. Korea</sub>`` wherever the plan says
  something other than what is written (abbreviations, numbers, dates,
  symbols), from the plan's word map; so the displayed text is kept and the
  alias is what is said;
- ``<say-as interpret-as="characters">UK</say-as>`` where the plan spells a
  written word letter by letter;
- ``<lang xml:lang>`` for the part of a sentence in another language.

Profiles, for engines that accept less:

==========  ==================================================================
``full``    all of the above (SSML 1.1)
``espeak``  what espeak-ng 1.51 honours: no ``<lang>`` (it ignores it; each
            language part becomes its own ``<s xml:lang>``, and from the first
            change of language on each sentence names its voice,
            ``<voice name="fr">``, since espeak-ng does not switch back by
            itself), and ``<sub>`` instead of ``<say-as>`` (a full stop right
            after a ``say-as`` is read as "dot")
``minimal`` ``speak``, ``p``, ``s`` and ``break`` only; the spoken text as is
==========  ==================================================================
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import OptionError
from ..model import Document, Emphasis, Inline, LineBreak, Path, Strong
from ..reading import reading_units
from ..speech.lexicon import Lexicon
from ..speech.plan import Utterance, Verbosity, plan_speech
from .base import BaseRenderer

__all__ = ["SSML_NAMESPACE", "SsmlOptions", "SsmlRenderer", "ssml_from_plan"]

#: The SSML namespace (the same for SSML 1.0 and 1.1).
SSML_NAMESPACE = "http://www.w3.org/2001/10/synthesis"

Profile = Literal["full", "espeak", "minimal"]
_PROFILES: tuple[Profile, ...] = ("full", "espeak", "minimal")

LexiconSource = Lexicon | str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class SsmlOptions:
    """Options of the SSML renderer.

    ``profile``: ``"full"`` (SSML 1.1), ``"espeak"`` (the subset espeak-ng
    honours) or ``"minimal"`` (``speak``/``p``/``s``/``break``). ``marks``: a
    ``<mark name="u{index}"/>`` per utterance (not in ``minimal``).
    ``declaration``: start with ``<?xml version="1.0" encoding="UTF-8"?>``.
    ``verbosity``, ``skip``, ``language``, ``lexicons``: passed to
    :func:`a11yrender.speech.plan_speech`.
    """

    profile: Profile = "full"
    marks: bool = True
    declaration: bool = True
    verbosity: Verbosity = "brief"
    skip: Iterable[str] = ()
    language: str | None = None
    lexicons: Iterable[LexiconSource] = ()

    def __post_init__(self) -> None:
        if self.profile not in _PROFILES:
            raise OptionError(
                f"the ssml renderer's profile must be 'full', 'espeak' or 'minimal', "
                f"not {self.profile!r}"
            )
        for name in ("marks", "declaration"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise OptionError(
                    f"the ssml renderer's {name} must be True or False, not {value!r}"
                )


class SsmlRenderer(BaseRenderer):
    """``Document`` -> SSML 1.1 built from the speech plan (see the module docs)."""

    name = "ssml"
    media_type = "application/ssml+xml"
    suffix = ".ssml"
    Options = SsmlOptions

    def _render(self, doc: Document, options: SsmlOptions) -> str:
        plan = plan_speech(doc, verbosity=options.verbosity, skip=options.skip,
                           language=options.language, lexicons=options.lexicons)
        language = options.language or doc.meta.language
        return ssml_from_plan(plan, language, _unit_inlines(doc), profile=options.profile,
                              marks=options.marks, declaration=options.declaration)


def _unit_inlines(doc: Document) -> dict[Path, tuple[Inline, ...]]:
    """The inlines of each leaf unit, by path: the text the plan's offsets index."""
    return {u.path: u.inlines for u in reading_units(doc) if u.event == "leaf"}


# --------------------------------------------------------------------------
# Escaping
# --------------------------------------------------------------------------

# Characters XML 1.0 cannot carry even escaped. The model refuses them, so this
# only guards against cue phrases or lexicon aliases registered by a caller.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(s: str) -> str:
    s = _NOT_XML.sub("", s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # espeak-ng 1.51 misreads an entity straight after "]]" ("]]&gt;" is said
    # "and g t"); a character reference for the second "]" avoids it.
    return re.sub(r"(?<=\])\]", "&#93;", s)


def _attr(s: str) -> str:
    s = _text(s).replace('"', "&quot;")
    # Attribute-value normalisation would turn these into spaces.
    return s.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


# --------------------------------------------------------------------------
# Emphasis ranges of a unit's text
# --------------------------------------------------------------------------

_LEVELS: dict[str | None, int] = {None: 0, "moderate": 1, "strong": 2}


def _emphasis_ranges(inlines: Sequence[Inline]) -> list[tuple[int, int, str]]:
    """``(start, end, level)`` of emphasised text, offsets into ``plain_text``."""
    out: list[tuple[int, int, str]] = []
    pos = 0

    def walk(nodes: Sequence[Inline], level: str | None) -> None:
        nonlocal pos
        for node in nodes:
            if isinstance(node, LineBreak):
                pos += 1
                continue
            children = getattr(node, "children", None)
            if children is None:
                text: str = getattr(node, "text", "")
                if level is not None and text:
                    out.append((pos, pos + len(text), level))
                pos += len(text)
                continue
            here = level
            if isinstance(node, Strong):
                here = "strong"
            elif isinstance(node, Emphasis) and here is None:
                here = "moderate"
            walk(children, here)

    walk(tuple(inlines), None)
    return out


def _level_at(ranges: list[tuple[int, int, str]], written: str, start: int) -> str | None:
    """The emphasis of the source ``written`` found at ``start``: the weakest
    level over its letters, digits and symbols (the full stop after an
    emphasised word is not emphasised itself, but belongs to the word)."""
    if not ranges:
        return None
    if not written:  # an inserted word takes the emphasis it stands in
        covering = [lv for a, b, lv in ranges if a <= start < b]
        return max(covering, key=lambda lv: _LEVELS[lv]) if covering else None
    positions = [start + i for i, ch in enumerate(written)
                 if unicodedata.category(ch)[0] in "LNSM"] or \
        list(range(start, start + len(written)))
    weakest: str | None = None
    for pos in positions:
        covering = [lv for a, b, lv in ranges if a <= pos < b]
        if not covering:
            return None
        here = max(covering, key=lambda lv: _LEVELS[lv])
        if weakest is None or _LEVELS[here] < _LEVELS[weakest]:
            weakest = here
    return weakest


# --------------------------------------------------------------------------
# One utterance as inline SSML
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """A stretch of spoken text: a word, or words made from one stretch of source."""

    a: int  # spoken start
    b: int  # spoken end
    c: int  # source start (unit offsets)
    d: int  # source end
    verbatim: bool


def _is_spelling(spoken: str, written: str) -> bool:
    """Whether ``spoken`` spells ``written`` letter by letter ("UK" -> "U K")."""
    return (len(written) > 1 and all(ch.isalpha() for ch in written)
            and spoken == " ".join(written))


def _trimmable(ch: str) -> bool:
    # Punctuation other than brackets may stand outside a <sub>; brackets stay
    # inside so that neither side is left unbalanced.
    return unicodedata.category(ch) in ("Po", "Pi", "Pf", "Pd")


def _items(u: Utterance) -> list[_Item]:
    items: list[_Item] = []
    base = u.source_start
    for a, b, c, d in sorted(u.words):
        written = u.display[c - base:d - base] if base <= c <= d <= u.source_end else None
        if written is None:  # offsets outside the display: say the words as they are
            items.append(_Item(a, b, c, c, True))
            continue
        item = _Item(a, b, c, d, u.text[a:b] == written or c == d)
        # Words made from overlapping source (one rule's output) are one item.
        if items and c < items[-1].d and c != d:
            prev = items[-1]
            prev.b, prev.d, prev.verbatim = b, max(prev.d, d), False
            continue
        items.append(item)
    return items


def _inline(u: Utterance, profile: Profile, ranges: list[tuple[int, int, str]]) -> str:
    """The spoken text of ``u`` with ``sub``, ``say-as`` and ``emphasis``."""
    text = u.text
    if profile == "minimal" or u.kind == "cue" or not u.words:
        return _text(text)
    base = u.source_start
    # (markup, emphasis level) pieces covering the spoken text in order.
    pieces: list[tuple[str, str | None]] = []
    gaps: list[int] = []  # indices of the text between items
    pos = 0
    for it in _items(u):
        if it.a > pos:
            gaps.append(len(pieces))
            pieces.append((_text(text[pos:it.a]), None))
        spoken = text[it.a:it.b]
        written = u.display[it.c - base:it.d - base]
        level = _level_at(ranges, written, it.c)
        if it.verbatim or not written or spoken == written:
            pieces.append((_text(spoken), level))
        else:
            lead = 0
            while (lead < min(len(spoken), len(written)) - 1 and spoken[lead] == written[lead]
                   and _trimmable(spoken[lead])):
                lead += 1
            tail = 0
            while (tail < min(len(spoken), len(written)) - lead - 1
                   and spoken[-1 - tail] == written[-1 - tail] and _trimmable(spoken[-1 - tail])):
                tail += 1
            core_s = spoken[lead:len(spoken) - tail]
            core_w = written[lead:len(written) - tail]
            if profile == "full" and _is_spelling(core_s, core_w):
                mark = f'<say-as interpret-as="characters">{_text(core_w)}</say-as>'
            else:
                mark = f'<sub alias="{_attr(core_s)}">{_text(core_w)}</sub>'
            pieces.append((_text(spoken[:lead]) + mark + _text(spoken[len(spoken) - tail:]),
                           level))
        pos = it.b
    if pos < len(text):
        gaps.append(len(pieces))
        pieces.append((_text(text[pos:]), None))
    # Text between two emphasised words belongs to the weaker emphasis.
    levels = [_LEVELS[level] for _, level in pieces]
    for i in gaps:
        if 0 < i < len(pieces) - 1:
            levels[i] = min(levels[i - 1], levels[i + 1])
    return _nest([p for p, _ in pieces], levels, 0)


def _nest(parts: list[str], levels: list[int], outer: int) -> str:
    """``parts`` with runs above the ``outer`` emphasis level wrapped, nested:
    ``<emphasis>really <emphasis level="strong">must</emphasis> go</emphasis>``."""
    out: list[str] = []
    k = 0
    while k < len(parts):
        if levels[k] <= outer:
            out.append(parts[k])
            k += 1
            continue
        j = k
        while j < len(parts) and levels[j] > outer:
            j += 1
        inner = min(levels[k:j])
        body = _nest(parts[k:j], levels[k:j], inner)
        out.append(f'<emphasis level="strong">{body}</emphasis>' if inner == 2
                   else f"<emphasis>{body}</emphasis>")
        k = j
    return "".join(out)


# --------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _common(langs: Iterable[str]) -> str | None:
    first: str | None = None
    for lang in langs:
        if first is None:
            first = lang
        elif not _same(first, lang):
            return None
    return first


def _lang_attr(lang: str | None, inherited: str) -> str:
    return f' xml:lang="{_attr(lang)}"' if lang is not None and not _same(lang, inherited) \
        else ""


def _break(ms: int) -> str:
    return f'<break time="{ms}ms"/>' if ms > 0 else ""


def ssml_from_plan(plan: Sequence[Utterance], language: str,
                   inlines: dict[Path, tuple[Inline, ...]] | None = None, *,
                   profile: Profile = "full", marks: bool = True,
                   declaration: bool = True) -> str:
    """SSML for utterances already planned (for callers that hold a plan, such
    as a player writing ``--ssml``), so the plan is not made twice.

    ``language``: the document's language (``xml:lang`` of ``speak``);
    ``inlines``: each leaf unit's inlines by path, for ``<emphasis>`` (leave
    it out for none). See the module docs for ``profile``.
    """
    if profile not in _PROFILES:
        raise OptionError(f"profile must be 'full', 'espeak' or 'minimal', not {profile!r}")
    inlines = inlines or {}
    marks = marks and profile != "minimal"
    ranges_cache: dict[Path, list[tuple[int, int, str]]] = {}

    def ranges_of(path: Path) -> list[tuple[int, int, str]]:
        found = ranges_cache.get(path)
        if found is None:
            unit = inlines.get(path)
            # Emphasis needs the unit text the plan's offsets point into.
            found = _emphasis_ranges(unit) if unit is not None else []
            ranges_cache[path] = found
        return found

    out: list[str] = []
    if declaration:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.append(f'<speak version="1.1" xmlns="{SSML_NAMESPACE}" xml:lang="{_attr(language)}">\n')
    # Paragraphs: runs of utterances from one reading unit.
    paragraphs: list[list[Utterance]] = []
    for u in plan:
        if paragraphs and paragraphs[-1][-1].path == u.path:
            paragraphs[-1].append(u)
        else:
            paragraphs.append([u])
    # espeak-ng 1.51 does not restore the voice when an element with another
    # xml:lang (or a <voice>) closes, so once the language has changed, every
    # sentence of the espeak profile names its voice (by primary subtag, the
    # names its voice files have).
    switched = False
    for para in paragraphs:
        p_lang = _common(u.lang for u in para)
        p_in = p_lang or language
        out.append(f"<p{_lang_attr(p_lang, language)}>")
        # Sentences: the plan's language parts of one sentence share a number;
        # without <lang> each part is a sentence of its own.
        sentences: list[list[Utterance]] = []
        for u in para:
            if profile == "full" and sentences and sentences[-1][-1].sentence == u.sentence:
                sentences[-1].append(u)
            else:
                sentences.append([u])
        for n, sentence in enumerate(sentences):
            s_lang = _common(u.lang for u in sentence)
            s_in = s_lang or p_in
            out.append(f"<s{_lang_attr(s_lang, p_in)}>")
            for k, u in enumerate(sentence):
                if k > 0:
                    prev = sentence[k - 1]
                    out.append(_break(prev.pause_ms))
                    if prev.source_end < u.source_start:
                        out.append(" ")
                mark = f'<mark name="u{u.index}"/>' if marks else ""
                body = mark + _inline(u, profile, ranges_of(u.path))
                if not _same(u.lang, s_in):
                    body = f'<lang xml:lang="{_attr(u.lang)}">{body}</lang>'
                if profile == "espeak":
                    switched = switched or not _same(u.lang, language)
                    if switched:
                        name = u.lang.split("-")[0].lower()
                        body = f'<voice name="{_attr(name)}">{body}</voice>'
                out.append(body)
            out.append("</s>")
            if n < len(sentences) - 1:
                out.append(_break(sentence[-1].pause_ms))
        out.append("</p>")
        out.append(_break(para[-1].pause_ms))
        out.append("\n")
    out.append("</speak>\n")
    return "".join(out)
