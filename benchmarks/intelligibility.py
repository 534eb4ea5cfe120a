"""Intelligibility: word error rate of an offline recogniser on our speech.

Each article's sentences are spoken twice by espeak-ng (through a11yrender's
``espeak`` engine, voice ``en-us+klatt`` by default) and transcribed by
pocketsphinx's bundled US English model. On the example article's plan the
Klatt voices are understood far better than espeak-ng's default ones (WER
``en`` 89%, ``en-us`` 79%, ``en-us+klatt`` 60%, ``+klatt2`` 57%, ``+klatt4``
55%), and slower speech is understood worse (``en-us+klatt`` at 150 wpm 72%,
at 120 wpm 92%), so the voice's default rate is used.

Two conditions:

* **raw**: the text as displayed (``Utterance.display``), handed to espeak-ng
  as it is, so espeak-ng's own rules read "N. Korea", "1910" and "$3.5bn";
* **plan**: the spoken form from :func:`a11yrender.plan_speech`
  (``Utterance.text``), normalised by a11yrender ("North Korea",
  "nineteen ten", "three point five billion dollars").

Both are scored against the same reference, what a listener should hear: the
plan's spoken text, lower-cased, hyphens read as spaces, punctuation dropped
(apostrophes inside words kept, as in pocketsphinx's dictionary: "korea's").
WER = (substitutions + deletions + insertions) / reference words, summed
over sentences (jiwer's alignment, per sentence). Besides all sentences, the
sentences normalisation changed (``display != text``: espeak-ng is given
different text) are scored on their own, since only there can the two
conditions differ.

Most recognition errors have nothing to do with normalisation (pocketsphinx
mishears synthetic speech: about 60% WER on these articles in both
conditions), so the words a normalisation rule made ("North" for "N. Korea",
"nineteen ten" for "1910", an inserted "the ... of" in a date) are also
counted on their own: "rule words heard" is how many of them the recogniser
got right (an "equal" chunk of the alignment), out of how many.

Method:

* Only sentences (``kind == "sentence"``) in English (``lang`` en, en-GB, ...)
  are spoken: structure cues ("List, 3 items") are not article text and are
  the same in both conditions; other languages are skipped, as the model is
  English only (the Japanese and Arabic examples are reported as skipped).
* One recognition per sentence (1-14 s of audio here), with batch cepstral
  mean normalisation over that sentence, so a sentence's result does not
  depend on what was recognised before it. That is how ``save_audio``
  synthesises (each utterance alone), it keeps every recognition short, as
  pocketsphinx's decoder wants, and it scores each sentence on its own, so
  the changed sentences can be picked out and shown without aligning a long
  transcript. Recognising whole paragraphs instead (sentences joined with
  their pauses) gave the same WER on the first three articles (56.2% against
  56.0%, plan condition), so the choice does not move the numbers. The
  pauses between sentences are not part of the audio.
* espeak-ng speaks at 22,050 Hz; the audio is resampled to the 16 kHz mono
  16-bit pocketsphinx's model expects with a windowed-sinc (Hann, 32 taps)
  low-pass interpolator in numpy (cut-off 0.9 x 8 kHz, so nothing aliases).
* Default voice rate, pitch and volume. espeak-ng and pocketsphinx are
  deterministic, so a run gives the same numbers each time on one machine.
* "audio s" is the length of the speech recognised; "took s" the wall time to
  synthesise, resample and recognise it.

    pip install -e ".[bench]"
    python benchmarks/intelligibility.py [--voice en-us+klatt]
        [--articles FILE ...] [--show-changed] [--json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # a11yrender from this checkout

import a11yrender as ar  # noqa: E402
from a11yrender.speech.engines import Engine, get_engine  # noqa: E402
from a11yrender.speech.plan import Utterance  # noqa: E402

EXAMPLES = ROOT / "examples"
DEFAULT_ARTICLES = (EXAMPLES / "japan-north-korea-talks.txt",
                    *sorted((EXAMPLES / "articles").glob("*.txt")))
CONDITIONS = ("raw", "plan")
RATE = 16000  # what pocketsphinx's bundled en-us model was trained on
NEEDS = ("benchmarks/intelligibility.py needs pocketsphinx, jiwer and numpy: "
         'pip install -e ".[bench]"')

_DASHES = re.compile(r"[-\u2010-\u2015]")
_NOT_WORD = re.compile(r"[^\w']+")


def words_of(text: str) -> list[str]:
    """The words a listener hears in ``text``, as pocketsphinx spells them."""
    text = _DASHES.sub(" ", text.lower().replace("\u2019", "'"))
    return [w.strip("'") for w in _NOT_WORD.sub(" ", text).split() if w.strip("'")]


def resample(pcm: bytes, rate: int, to: int = RATE, half: int = 16) -> bytes:
    """Mono 16-bit PCM at ``rate`` as mono 16-bit PCM at ``to``.

    Band-limited interpolation: each output sample is the input convolved with
    a Hann-windowed sinc (``2 * half`` taps) whose cut-off is 0.9 of the lower
    Nyquist frequency, centred on the output sample's time.
    """
    np: Any = importlib.import_module("numpy")
    if rate == to:
        return pcm
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    n_out = len(x) * to // rate
    t = np.arange(n_out) * (rate / to)  # output times, in input samples
    cutoff = min(1.0, to / rate) * 0.9
    idx = np.floor(t).astype(np.int64)[:, None] + np.arange(-half + 1, half + 1)[None, :]
    d = t[:, None] - idx
    h = cutoff * np.sinc(cutoff * d) * (0.5 + 0.5 * np.cos(np.pi * d / half))
    padded = np.concatenate([np.zeros(half), x, np.zeros(half)])
    y = (padded[idx + half] * h).sum(axis=1)
    return bytes(np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes())


@dataclass
class Sentence:
    """One sentence of an article, with what the recogniser heard in each condition."""

    article: str
    index: int
    display: str
    text: str
    reference: str
    changed: bool
    rule_words: list[int] = field(default_factory=list)
    heard: dict[str, str] = field(default_factory=dict)
    audio_s: dict[str, float] = field(default_factory=dict)
    took_s: dict[str, float] = field(default_factory=dict)


@dataclass
class Score:
    """WER of one condition over a set of sentences."""

    article: str
    condition: str
    subset: str
    sentences: int
    words: int
    wer: float
    substitutions: int
    deletions: int
    insertions: int
    hits: int
    rule_words: int
    rule_heard: int
    audio_s: float
    took_s: float


class Recogniser:
    """pocketsphinx with its bundled US English acoustic model, dictionary and LM."""

    def __init__(self) -> None:
        ps: Any = importlib.import_module("pocketsphinx")
        self.decoder: Any = ps.Decoder(samprate=RATE, cmn="batch", loglevel="FATAL")

    def transcribe(self, pcm16k: bytes) -> str:
        """The best hypothesis for one utterance of 16 kHz mono 16-bit audio."""
        self.decoder.start_utt()
        self.decoder.process_raw(pcm16k, full_utt=True)
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        return str(hyp.hypstr) if hyp is not None else ""


def sentences_of(path: Path) -> list[Sentence]:
    """The English sentences of an article, as displayed and as planned."""
    out = []
    for u in ar.plan_speech(ar.read(path)):
        if u.kind != "sentence" or u.lang.split("-")[0].lower() != "en":
            continue
        reference = " ".join(words_of(u.text))
        if not reference:
            continue
        out.append(Sentence(path.name, u.index, u.display, u.text, reference,
                            u.display != u.text, rule_words(u)))
    return out


def rule_words(u: Utterance) -> list[int]:
    """Positions in the reference of the words a normalisation rule made.

    A spoken word is the rule's when its words differ from those of the source
    it points at ("North" for "N. Korea", "nineteen" for "1910", an inserted
    "of"); "Talks" for "Talks" is not.
    """
    out: list[int] = []
    position = 0
    for a, b, c, d in u.words:
        said = words_of(u.text[a:b])
        source = u.display[c - u.source_start:d - u.source_start]
        if said != words_of(source):
            out.extend(range(position, position + len(said)))
        position += len(said)
    return out


def run_sentence(s: Sentence, engine: Engine, voice: str, asr: Recogniser) -> None:
    """Speak and recognise one sentence in both conditions."""
    for condition, text in (("raw", s.display), ("plan", s.text)):
        start = time.perf_counter()
        audio = engine.synthesize(text, voice=voice).audio
        if audio.channels != 1 or audio.sample_width != 2:
            raise SystemExit(f"expected mono 16-bit audio from {engine.name}")
        s.heard[condition] = " ".join(words_of(asr.transcribe(
            resample(audio.pcm, audio.sample_rate))))
        s.took_s[condition] = time.perf_counter() - start
        s.audio_s[condition] = audio.duration_ms / 1000


def score(sentences: Sequence[Sentence], article: str, condition: str, subset: str) -> Score:
    """Word errors of ``condition`` on ``sentences``, summed over them."""
    jiwer: Any = importlib.import_module("jiwer")
    sub = dele = ins = hits = rule_heard = 0
    if sentences:
        out = jiwer.process_words([s.reference for s in sentences],
                                  [s.heard[condition] for s in sentences])
        sub, dele, ins, hits = (int(out.substitutions), int(out.deletions),
                                int(out.insertions), int(out.hits))
        for s, chunks in zip(sentences, out.alignments, strict=True):
            heard = {i for chunk in chunks if chunk.type == "equal"
                     for i in range(chunk.ref_start_idx, chunk.ref_end_idx)}
            rule_heard += len(heard.intersection(s.rule_words))
    words = sub + dele + hits
    return Score(article, condition, subset, len(sentences), words,
                 (sub + dele + ins) / words if words else 0.0, sub, dele, ins, hits,
                 sum(len(s.rule_words) for s in sentences), rule_heard,
                 sum(s.audio_s[condition] for s in sentences),
                 sum(s.took_s[condition] for s in sentences))


def scores(by_article: dict[str, list[Sentence]]) -> list[Score]:
    """Per article and overall, all sentences and the changed ones, per condition."""
    groups = [*by_article.items()]
    if len(groups) > 1:
        groups.append(("all", [s for ss in by_article.values() for s in ss]))
    out: list[Score] = []
    for name, group in groups:
        for subset, chosen in (("all", group), ("changed", [s for s in group if s.changed])):
            out.extend(score(chosen, name, c, subset) for c in CONDITIONS)
    return out


def table(rows: Sequence[Score]) -> str:
    """The scores as a fixed-width table."""
    width = max(len("article"), *(len(r.article) for r in rows))
    head = (f"{'article':<{width}}  {'sentences':<9} {'cond':<4} {'n':>4} {'words':>6} "
            f"{'WER':>6} {'S':>4} {'D':>4} {'I':>4} {'rule words heard':>16} "
            f"{'audio s':>8} {'took s':>7}")
    lines = [head, "-" * len(head)]
    for r in rows:
        rule = f"{r.rule_heard}/{r.rule_words} {r.rule_heard / max(1, r.rule_words):.0%}"
        lines.append(f"{r.article:<{width}}  {r.subset:<9} {r.condition:<4} {r.sentences:>4} "
                     f"{r.words:>6} {r.wer:>6.1%} {r.substitutions:>4} {r.deletions:>4} "
                     f"{r.insertions:>4} {rule:>16} {r.audio_s:>8.1f} {r.took_s:>7.1f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="en-us+klatt",
                        help="espeak-ng voice (default: en-us+klatt)")
    parser.add_argument("--articles", nargs="+", type=Path, default=list(DEFAULT_ARTICLES),
                        metavar="FILE", help="articles to read (default: the examples)")
    parser.add_argument("--show-changed", action="store_true",
                        help="print each sentence normalisation changed, with what was heard")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        for module in ("pocketsphinx", "jiwer", "numpy"):
            importlib.import_module(module)
    except ImportError:
        print(NEEDS, file=sys.stderr)
        return 2
    engine = get_engine("espeak")
    ok, why = engine.available()
    if not ok:
        print(f"espeak-ng is not usable: {why}", file=sys.stderr)
        return 2
    asr = Recogniser()
    by_article: dict[str, list[Sentence]] = {}
    skipped: list[str] = []
    for path in args.articles:
        found = sentences_of(path)
        if not found:
            skipped.append(path.name)
            continue
        for s in found:
            run_sentence(s, engine, args.voice, asr)
        by_article[path.name] = found
    if not by_article:
        print("no English sentences in the articles given", file=sys.stderr)
        return 1
    rows = scores(by_article)
    setup = {"engine": f"espeak ({getattr(engine, 'mode', '?')})", "voice": args.voice,
             "recogniser": f"pocketsphinx {metadata.version('pocketsphinx')} (en-us)",
             "unit": "sentence", "sample_rate": RATE, "skipped": skipped}
    if args.json:
        print(json.dumps({**setup, "scores": [asdict(r) for r in rows],
                          "sentences": [asdict(s) for ss in by_article.values() for s in ss]},
                         indent=2, ensure_ascii=False))
        return 0
    print(f"{setup['engine']}, voice {args.voice}; {setup['recogniser']}; one recognition "
          "per sentence; WER against the plan's spoken text")
    if skipped:
        print(f"skipped (no English sentences): {', '.join(skipped)}")
    print(table(rows))
    if args.show_changed:
        for ss in by_article.values():
            for s in ss:
                if s.changed:
                    print(f"\n{s.article} #{s.index}: {s.display}\n  reference: {s.reference}"
                          f"\n  raw heard: {s.heard['raw']}\n  plan heard: {s.heard['plan']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
