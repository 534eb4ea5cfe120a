"""Speech engines: one small interface, found by name.

An engine turns utterances (from :func:`a11yrender.plan_speech`), plain text or
an SSML string into :class:`Audio` (16-bit PCM) plus :class:`SpeechEvent`
values: word boundaries and SSML marks, each with its position in the audio
(when the engine can tell) and the offsets of the word in the spoken text and
in the source. Engines never see the document.

Built in: ``espeak`` (espeak-ng through its library, its command line as
fallback), ``pyttsx3`` (in a worker process) and ``recorder`` (no sound; a
simulated clock). Third-party engines register under the entry-point group
``a11yrender.speech_engines``; the built-ins are declared there too.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from ..._registry import Registry
from ...errors import (
    A11yRenderError,
    EngineUnavailableError,
    OptionError,
    SpeechEngineError,
)
from ..plan import Utterance

__all__ = [
    "ENGINES",
    "Audio",
    "BaseEngine",
    "Capabilities",
    "Engine",
    "EngineUnavailableError",
    "Settings",
    "SpeechEngineError",
    "SpeechEvent",
    "Synthesis",
    "Voice",
    "align_words",
    "engine_status",
    "get_engine",
    "is_ssml",
]

EventKind = Literal["word", "mark", "sentence", "start", "end"]


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice an engine offers: ``id`` is what ``synthesize(voice=...)`` takes."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str | None = None


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What an engine can do.

    ``timed_events``: its events carry audio positions (``audio_ms``), so they
    can drive highlighting and word captions. ``playback``: it can play sound
    itself (none of the built-ins does; players go through a sink).
    """

    ssml: bool = False
    marks: bool = False
    word_events: bool = False
    timed_events: bool = False
    playback: bool = False


@dataclass(frozen=True, slots=True)
class Audio:
    """Mono or interleaved little-endian PCM."""

    pcm: bytes
    sample_rate: int
    channels: int = 1
    sample_width: int = 2

    @property
    def frames(self) -> int:
        """Number of sample frames."""
        return len(self.pcm) // (self.channels * self.sample_width)

    @property
    def duration_ms(self) -> float:
        """Length in milliseconds, from the sample count."""
        return self.frames * 1000.0 / self.sample_rate

    def silence(self, ms: float) -> bytes:
        """``ms`` of silence in this format."""
        frames = round(ms * self.sample_rate / 1000.0)
        return b"\0" * (frames * self.channels * self.sample_width)


@dataclass(frozen=True, slots=True)
class SpeechEvent:
    """Something that happened while speaking.

    ``kind``: ``word`` (a word starts), ``mark`` (an SSML ``<mark>``, ``name``
    set), ``sentence``, ``start``/``end`` (of an utterance, from sample counts).
    ``audio_ms`` is the position in the returned audio, or None when the engine
    cannot tell (pyttsx3). ``utterance`` is the position of the utterance in
    what was synthesised (0 for text), ``index`` its :attr:`Utterance.index`.
    ``text_start``/``text_end`` are offsets into what the engine was given
    (the utterance's spoken ``text``, the plain text, or the SSML source);
    ``source_start``/``source_end`` offsets into the source (the unit's plain
    text for utterances, the text itself for plain text; None for SSML).
    """

    kind: EventKind
    audio_ms: float | None
    utterance: int
    text_start: int
    text_end: int
    source_start: int | None = None
    source_end: int | None = None
    name: str | None = None
    index: int | None = None


@dataclass(frozen=True, slots=True)
class Synthesis:
    """The audio of one synthesis and its events, in order.

    ``spans`` gives, for each utterance synthesised, its audio start and end
    in ms (the pause after it lies between its end and the next start).
    """

    audio: Audio
    events: tuple[SpeechEvent, ...] = ()
    spans: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """Voice settings, engine-neutral.

    ``rate`` in words per minute; ``pitch`` relative to the voice's own (1.0),
    0.0-2.0; ``volume`` 0.0-2.0, 1.0 being the voice's normal level.
    """

    voice: str | None = None
    rate: int | None = None
    pitch: float | None = None
    volume: float | None = None


Content = str | Utterance | Sequence[Utterance]


@runtime_checkable
class Engine(Protocol):
    """What every speech engine provides."""

    name: str

    @property
    def capabilities(self) -> Capabilities:
        """What this engine can do (it may depend on what is installed)."""
        ...

    def available(self) -> tuple[bool, str]:
        """(True, "") when it can synthesise; else (False, why and what to install)."""
        ...

    def voices(self) -> tuple[Voice, ...]:
        """The voices it offers."""
        ...

    def synthesize(self, content: Content, *, voice: str | None = None,
                   rate: int | None = None, pitch: float | None = None,
                   volume: float | None = None, timeout: float | None = None,
                   ssml: bool | None = None) -> Synthesis:
        """Speak ``content`` into audio; ``timeout`` is per utterance, in seconds."""
        ...


# --------------------------------------------------------------------------- helpers

_SSML_START = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<speak[\s>]", re.S)


def is_ssml(text: str) -> bool:
    """Whether ``text`` is an SSML document (starts with ``<speak``)."""
    return _SSML_START.match(text) is not None


Word = tuple[int, int, int, int]


def align_words(words: Sequence[Word],
                reported: Sequence[tuple[int, int, float | None]]
                ) -> list[tuple[Word, float | None]]:
    """Match word boundaries an engine reported to the plan's words.

    ``reported`` holds ``(start, length, audio_ms)`` with 0-based offsets into
    the spoken text, in the order the engine reported them. Engines split
    numbers into several events, report zero-length events at punctuation and,
    for some non-ASCII words, wrong offsets; so each report is matched to the
    plan word at (or after) its offset, words only move forward, and a word
    is reported once. Plan words with no report are left out, never invented.
    """
    out: list[tuple[Word, float | None]] = []
    nxt = 0  # index of the first plan word not yet reported
    for start, length, audio_ms in reported:
        if length <= 0 or start < 0:
            continue
        if nxt and start < words[nxt - 1][1]:
            continue  # inside the word just reported: a split number, or a bad offset
        k = nxt
        while k < len(words) and words[k][1] <= start:
            k += 1
        if k >= len(words):
            continue
        out.append((words[k], audio_ms))
        nxt = k + 1
    return out


@dataclass(slots=True)
class Item:
    """One thing to synthesise, whatever the caller passed."""

    text: str
    lang: str | None
    pause_ms: int
    words: tuple[Word, ...]
    ssml: bool
    index: int | None = None


def items_of(content: Content, ssml: bool | None) -> list[Item]:
    """``content`` as a list of :class:`Item`."""
    if isinstance(content, str):
        as_ssml = is_ssml(content) if ssml is None else ssml
        words: tuple[Word, ...] = ()
        if not as_ssml:
            words = tuple((m.start(), m.end(), m.start(), m.end())
                          for m in re.finditer(r"\S+", content))
        return [Item(content, None, 0, words, as_ssml)]
    if isinstance(content, Utterance):
        content = (content,)
    items: list[Item] = []
    for u in content:
        if not isinstance(u, Utterance):
            raise OptionError(f"an engine speaks text, SSML or utterances, "
                              f"not {type(u).__name__}")
        if ssml:
            raise OptionError("utterances are not SSML; pass an SSML string instead")
        items.append(Item(u.text, u.lang, max(0, u.pause_ms), tuple(u.words), False, u.index))
    return items


@dataclass(slots=True)
class Raw:
    """What an engine gives back for one item before it is combined."""

    audio: Audio
    words: list[tuple[int, int, float | None]] = field(default_factory=list)
    marks: list[tuple[str, int, float | None]] = field(default_factory=list)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


class BaseEngine(ABC):
    """Shared work: checking options, one item at a time, pauses, events.

    Subclasses implement :meth:`available`, :meth:`voices`,
    :attr:`capabilities` and :meth:`synthesize_one`.
    """

    name: str = "engine"
    #: The default timeout per utterance, in seconds (slow engines raise it).
    default_timeout: float = 30.0

    @property
    @abstractmethod
    def capabilities(self) -> Capabilities:
        """What this engine can do."""

    @abstractmethod
    def available(self) -> tuple[bool, str]:
        """(True, "") or (False, why and what to install)."""

    @abstractmethod
    def voices(self) -> tuple[Voice, ...]:
        """The voices this engine offers."""

    @abstractmethod
    def synthesize_one(self, item: Item, settings: Settings, timeout: float) -> Raw:
        """Synthesise one item; raise :class:`SpeechEngineError` on failure."""

    def close(self) -> None:  # noqa: B027 -- optional: most engines hold nothing
        """Release what the engine holds (worker processes); it restarts when used."""

    def __enter__(self) -> BaseEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def require(self) -> None:
        """Raise :class:`EngineUnavailableError` unless the engine can be used."""
        ok, why = self.available()
        if not ok:
            raise EngineUnavailableError(why)

    def iter_synthesis(self, content: Content, *, voice: str | None = None,
                       rate: int | None = None, pitch: float | None = None,
                       volume: float | None = None, timeout: float | None = None,
                       ssml: bool | None = None) -> Iterator[tuple[Item, Raw]]:
        """Each item and its raw result, one at a time (for streaming export)."""
        settings = check_settings(voice, rate, pitch, volume)
        if timeout is not None and not timeout > 0:
            raise OptionError(f"timeout must be a positive number of seconds, not {timeout!r}")
        items = items_of(content, ssml)
        if any(i.ssml for i in items) and not self.capabilities.ssml:
            raise OptionError(f"the {self.name} engine does not read SSML")
        self.require()
        for n, item in enumerate(items):
            if not item.text.strip():
                yield item, Raw(Audio(b"", self.sample_rate_hint()))
                continue
            try:
                raw = self.synthesize_one(item, settings, timeout or self.default_timeout)
            except (EngineUnavailableError, OptionError):
                raise
            except SpeechEngineError as err:
                if len(items) == 1 and item.index is None:
                    raise
                where = item.index if item.index is not None else n
                raise SpeechEngineError(f"{self.name}: utterance {where} "
                                        f"({_short(item.text)!r}): {err}") from err
            except Exception as err:  # a bug or an engine's own exception: say where
                where = item.index if item.index is not None else n
                raise SpeechEngineError(f"{self.name} failed on utterance {where} "
                                        f"({_short(item.text)!r}): "
                                        f"{type(err).__name__}: {err}") from err
            yield item, raw

    def sample_rate_hint(self) -> int:
        """The sample rate of empty audio (before anything was synthesised)."""
        return 22050

    def synthesize(self, content: Content, *, voice: str | None = None,
                   rate: int | None = None, pitch: float | None = None,
                   volume: float | None = None, timeout: float | None = None,
                   ssml: bool | None = None) -> Synthesis:
        """Speak ``content`` (text, SSML, an utterance or several) into one audio.

        Utterances are separated by silence of their ``pause_ms``. ``timeout``
        bounds each utterance (seconds); an engine that fails or times out
        raises :class:`SpeechEngineError` naming the utterance.
        """
        chunks: list[bytes] = []
        events: list[SpeechEvent] = []
        spans: list[tuple[float, float]] = []
        fmt: Audio | None = None
        frames = 0
        for n, (item, raw) in enumerate(self.iter_synthesis(
                content, voice=voice, rate=rate, pitch=pitch, volume=volume,
                timeout=timeout, ssml=ssml)):
            audio = raw.audio
            if fmt is None:
                fmt = audio
            elif audio.frames and (audio.sample_rate, audio.channels, audio.sample_width) != (
                    fmt.sample_rate, fmt.channels, fmt.sample_width):
                raise SpeechEngineError(
                    f"{self.name}: utterance {n} came at {audio.sample_rate} Hz, the first at "
                    f"{fmt.sample_rate} Hz; use one voice for the whole text")
            start = frames * 1000.0 / fmt.sample_rate
            chunks.append(audio.pcm)
            frames += audio.frames
            end = frames * 1000.0 / fmt.sample_rate
            spans.append((start, end))
            events.extend(events_of(n, item, raw, start, end))
            pause = fmt.silence(item.pause_ms)
            chunks.append(pause)
            frames += len(pause) // (fmt.channels * fmt.sample_width)
        if fmt is None:
            fmt = Audio(b"", self.sample_rate_hint())
        out = Audio(b"".join(chunks), fmt.sample_rate, fmt.channels, fmt.sample_width)
        return Synthesis(out, tuple(events), tuple(spans))


def events_of(n: int, item: Item, raw: Raw, start: float, end: float) -> list[SpeechEvent]:
    """The events of one item, positioned in the whole audio (``start``..``end`` ms)."""

    def at(ms: float | None) -> float | None:
        return None if ms is None else min(start + ms, end)

    out: list[SpeechEvent] = [SpeechEvent("start", start, n, 0, len(item.text), index=item.index)]
    timed: list[tuple[float, int, SpeechEvent]] = []
    if item.ssml:
        # Positions count SSML source characters; there are no plan words to map to.
        for k, (s, length, ms) in enumerate(raw.words):
            if length > 0 and s >= 0:
                timed.append((ms or 0.0, k, SpeechEvent("word", at(ms), n, s, s + length,
                                                        index=item.index)))
    else:
        for k, (word, ms) in enumerate(align_words(item.words, raw.words)):
            timed.append((ms or 0.0, k, SpeechEvent("word", at(ms), n, word[0], word[1],
                                                    word[2], word[3], index=item.index)))
    for k, (name, pos, ms) in enumerate(raw.marks):
        timed.append((ms or 0.0, -len(raw.marks) + k,
                      SpeechEvent("mark", at(ms), n, pos, pos, name=name, index=item.index)))
    if all(ev.audio_ms is not None for _, _, ev in timed):
        timed.sort(key=lambda t: (t[0], t[1]))
    out.extend(ev for _, _, ev in timed)
    out.append(SpeechEvent("end", end, n, len(item.text), len(item.text), index=item.index))
    return out


def check_settings(voice: str | None, rate: int | None, pitch: float | None,
                   volume: float | None) -> Settings:
    """Validate voice settings (``OptionError`` on a bad value)."""
    if voice is not None and (not isinstance(voice, str) or not voice.strip()):
        raise OptionError(f"voice must be a voice name, not {voice!r}")
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, int)
                             or not 40 <= rate <= 600):
        raise OptionError(f"rate must be words per minute between 40 and 600, not {rate!r}")
    for what, value in (("pitch", pitch), ("volume", volume)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or not 0.0 <= value <= 2.0):
            raise OptionError(f"{what} must be between 0.0 and 2.0 (1.0 is normal), "
                              f"not {value!r}")
    return Settings(voice, rate, None if pitch is None else float(pitch),
                    None if volume is None else float(volume))


# --------------------------------------------------------------------------- registry

ENGINES: Registry[Engine] = Registry("a11yrender.speech_engines", "speech engine")
ENGINES.register("espeak", "a11yrender.speech.engines.espeak:EspeakEngine")
ENGINES.register("pyttsx3", "a11yrender.speech.engines.pyttsx3:Pyttsx3Engine")
ENGINES.register("recorder", "a11yrender.speech.engines.recorder:RecorderEngine")


def get_engine(engine: str | Engine) -> Engine:
    """The engine called ``engine`` (an engine object is returned as is)."""
    if isinstance(engine, str):
        return ENGINES.get(engine)
    if not isinstance(engine, Engine):
        raise OptionError(f"engine must be an engine name or object, not {type(engine).__name__}")
    return engine


def engine_status() -> dict[str, tuple[bool, str]]:
    """Every engine name with (available, why not)."""
    out: dict[str, tuple[bool, str]] = {}
    for name, problem in ENGINES.status().items():
        if problem is not None:
            out[name] = (False, problem)
            continue
        try:
            out[name] = ENGINES.get(name).available()
        except A11yRenderError as err:
            out[name] = (False, str(err))
    return out
