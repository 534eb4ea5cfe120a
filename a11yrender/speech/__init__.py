"""Speech: the engine-neutral speech plan and normalisation for listening.

:func:`plan_speech` turns a document into :class:`Utterance` values (one per
sentence, plus structure cues), each with exactly what is spoken, its
language, the pause after it and where it came from in the source.
:mod:`.normalize` holds the pure, table-driven text normalisation,
:mod:`.sentences` the sentence splitter and :mod:`.lexicon` the pronunciation
lexicons (shipped as data, extensible, W3C PLS accepted).
"""

from __future__ import annotations

from .lexicon import Entry, Lexicon, default_lexicon, load_lexicon
from .normalize import Spoken, get_normalizer, normalize, register_normalizer
from .plan import Utterance, Verbosity, iter_speech, plan_speech, register_cue_phrases
from .sentences import SentenceRules, register_sentence_rules, split_sentences

__all__ = [
    "Entry",
    "Lexicon",
    "SentenceRules",
    "Spoken",
    "Utterance",
    "Verbosity",
    "default_lexicon",
    "get_normalizer",
    "iter_speech",
    "load_lexicon",
    "normalize",
    "plan_speech",
    "register_cue_phrases",
    "register_normalizer",
    "register_sentence_rules",
    "split_sentences",
]
