"""Sentence splitting, table-driven per language.

:func:`split_sentences` cuts text into sentences and returns their character
spans, so callers keep offsets into the source. The rules for a language are
a :class:`SentenceRules` table found by :func:`rules_for` (register more with
:func:`register_sentence_rules`); every table splits after the full-width
CJK marks (。！？), the Arabic and Urdu marks (؟ ۔) and the Devanagari danda
(। ॥) whatever the text's language, since articles mix scripts.

A full stop, "!", "?", "…" or "..." ends a sentence when white space follows
and the next word does not start with a lower-case letter. A full stop after
an abbreviation is read more carefully:

- a title ("Mr.", "Dr.", "Gov.") never ends a sentence;
- a numbered abbreviation ("No.", "pp.") does not before a number ("No. 5");
- after a known abbreviation ("etc.", "Jan.", "U.S.") or an initial
  ("N.", "J. R. R."), the sentence ends only if the next word is one that
  usually starts a sentence ("The", "He", "But"): "N. Korea" and "U.S. envoy"
  stay whole, "…talks with the U.S. The envoy…" is cut.

Decimals ("3.5"), dotted names ("example.com") and closing quotes after the
mark ('"Yes." He left.') are handled by the same rules. Callers can also
protect spans (abbreviations the document marks, lexicon matches) inside
which no cut is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

__all__ = ["SentenceRules", "register_sentence_rules", "rules_for", "split_sentences"]


def _words(text: str) -> list[str]:
    """The words of a space-separated table in the source."""
    return text.split()

#: Marks that end a sentence even with no space after them.
_IMMEDIATE = "。！？｡؟۔।॥"
#: Marks that end a sentence before white space.
_TERMINATORS = ".!?…‼⁇⁈⁉"
#: What may follow the mark and still belong to the sentence.
_CLOSERS = "\"'”’»›)]}」』）】〕〉》〗〙〛＂＇"
#: What may open the next sentence before its first word.
_OPENERS = "\"'“‘«‹([{「『（【〔〈《〖〘〚¿¡—–-"


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """How a language ends sentences (see the module docs).

    Abbreviations are written without their final full stop ("Mr", "U.S").
    """

    prefixes: frozenset[str] = frozenset()
    numbered: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    terminators: str = _TERMINATORS
    immediate: str = _IMMEDIATE
    closers: str = _CLOSERS
    openers: str = _OPENERS
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        marks = re.escape(self.terminators + self.immediate)
        pattern = re.compile(rf"[{marks}]+[{re.escape(self.closers)}]*")
        object.__setattr__(self, "_pattern", pattern)

    def extended(self, abbreviations: Iterable[str]) -> SentenceRules:
        """These rules with more abbreviations (without their final full stop)."""
        return replace(self, abbreviations=self.abbreviations | frozenset(abbreviations))


_EN_PREFIXES = frozenset(
    _words("Mr Mrs Ms Mx Dr Prof Gov Sen Rep Gen Lt Col Capt Cmdr Sgt Cpl Pte Adm Maj Rev Fr "
    "Hon Pres Supt Insp Det Cllr Sr Sra Messrs Mme Mlle Mt Ft St")
)
_EN_NUMBERED = frozenset(_words("No Nos no nos Nr p pp Fig fig Vol vol Ch ch Art art Sec sec "
                         "Ex ex Op op Para para"))
_EN_ABBREVIATIONS = frozenset(
    _words("etc e.g i.e vs approx est Inc Ltd Co Corp Bros Jr Sr Dept Govt Univ Assn Ave Blvd Rd "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun "
    "a.m p.m A.M P.M U.S U.S.A U.K U.N E.U D.C al cf ca c")
)
_EN_STARTERS = frozenset(
    _words("The A An He She It They We I You His Her Its Their Our My Your This That These Those "
    "There Here But And Or So Yet Then Now However Meanwhile Still Also In On At For From By "
    "As If When While After Before Since Although Though Because What Who Why How Where "
    "Which No Yes Some Many Most All Both Each Every Officials Police")
)

_DEFAULT = SentenceRules(prefixes=frozenset({"Dr", "Prof"}), numbered=frozenset({"No", "Nr"}))
_REGISTRY: dict[str, SentenceRules] = {
    "en": SentenceRules(_EN_PREFIXES, _EN_NUMBERED, _EN_ABBREVIATIONS, _EN_STARTERS),
}


def register_sentence_rules(language: str, rules: SentenceRules) -> None:
    """Use ``rules`` for ``language`` (a primary subtag such as ``"de"``)."""
    _REGISTRY[language.split("-")[0].lower()] = rules


def rules_for(lang: str) -> SentenceRules:
    """The rules for a BCP 47 tag (by primary subtag), or language-neutral ones."""
    return _REGISTRY.get(lang.split("-")[0].lower(), _DEFAULT)


_INITIALISM = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


def split_sentences(text: str, lang: str = "en", *,
                    protected: Iterable[tuple[int, int]] = (),
                    rules: SentenceRules | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, white space trimmed.

    No cut falls strictly inside a ``protected`` span. Every character that is
    not white space belongs to exactly one span.
    """
    rules = rules or rules_for(lang)
    guards = sorted(protected)
    cuts: list[int] = []
    for m in rules._pattern.finditer(text):
        end = m.end()
        if any(s < end < e for s, e in guards):
            continue
        mark = text[m.start():m.end()].rstrip(rules.closers)
        if any(ch in rules.immediate for ch in mark):
            cuts.append(end)
            continue
        if end < len(text) and not text[end].isspace():
            continue  # "3.5", "example.com", "?!x": no white space, no cut
        if end == len(text) or _ends_sentence(text, m.start(), end, mark, rules):
            cuts.append(end)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        s, e = _trim(text, start, cut)
        if s < e:
            spans.append((s, e))
        start = cut
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_sentence(text: str, mark_start: int, end: int, mark: str,
                   rules: SentenceRules) -> bool:
    following = text[end:].lstrip()
    nxt = following.split(None, 1)[0] if following else ""
    first = next((ch for ch in nxt if ch.isalnum()), "")
    if not first:
        return True
    starts_lower = first.islower()
    if mark != ".":
        return not starts_lower  # "!", "?", "…", "...": cut unless the next word is lower-case
    # The word the full stop ends, without the opening marks before it.
    before = text[:mark_start]
    token = before.rsplit(None, 1)[-1] if before and not before[-1].isspace() else ""
    token = token.lstrip(rules.openers)
    if token in rules.prefixes:
        return False
    if token in rules.numbered and first.isdigit():
        return False
    if token in rules.abbreviations or (token and _INITIALISM.fullmatch(token)):
        word = nxt.strip(rules.openers + rules.closers + ",;:")
        return first.isupper() and word in rules.starters
    return not starts_lower
