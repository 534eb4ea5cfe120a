"""The ``recorder`` engine: no sound, a simulated clock.

Every word takes ``60,000 / wpm`` ms; the audio returned is silence of that
length, so exports and players work the same as with a real engine, fast and
deterministically. Everything synthesised is kept in :attr:`RecorderEngine.log`.
For tests and for screen-reader testing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ...errors import SpeechEngineError
from . import Audio, BaseEngine, Capabilities, Item, Raw, Settings, Voice

__all__ = ["Record", "RecorderEngine"]

_BREAK = re.compile(r"([0-9.]+)\s*(ms|s)")
_NS = re.compile(r"^\{[^}]*\}")


@dataclass(frozen=True, slots=True)
class Record:
    """One synthesis call as the recorder saw it."""

    text: str
    lang: str | None
    ssml: bool
    settings: Settings
    index: int | None
    duration_ms: float


class RecorderEngine(BaseEngine):
    """Records what it is asked to say; ``fail_at`` makes the n-th call (0-based) fail."""

    name = "recorder"

    def __init__(self, wpm: int = 180, sample_rate: int = 8000,
                 fail_at: int | None = None) -> None:
        self.wpm = wpm
        self.sample_rate = sample_rate
        self.fail_at = fail_at
        self.log: list[Record] = []
        self.calls = 0

    @property
    def capabilities(self) -> Capabilities:
        """SSML (marks and breaks honoured), timed word events, no playback."""
        return Capabilities(ssml=True, marks=True, word_events=True, timed_events=True)

    def available(self) -> tuple[bool, str]:
        """Always available."""
        return True, ""

    def voices(self) -> tuple[Voice, ...]:
        """One voice that speaks any language."""
        return (Voice("recorder", "Recorder", ("und",)),)

    def sample_rate_hint(self) -> int:
        """The configured sample rate."""
        return self.sample_rate

    def synthesize_one(self, item: Item, settings: Settings, timeout: float) -> Raw:
        """Advance the simulated clock word by word."""
        call = self.calls
        self.calls += 1
        if self.fail_at is not None and call >= self.fail_at:
            raise SpeechEngineError(f"simulated failure on call {call}")
        per_word = 60000.0 / (settings.rate or self.wpm)
        words: list[tuple[int, int, float | None]] = []
        marks: list[tuple[str, int, float | None]] = []
        clock = 0.0
        if item.ssml:
            clock = self._ssml(item.text, per_word, words, marks)
        else:
            for m in re.finditer(r"\S+", item.text):
                words.append((m.start(), m.end() - m.start(), clock))
                clock += per_word
        self.log.append(Record(item.text, item.lang, item.ssml, settings, item.index, clock))
        frames = round(clock * self.sample_rate / 1000.0)
        return Raw(Audio(b"\0\0" * frames, self.sample_rate), words, marks)

    @staticmethod
    def _ssml(text: str, per_word: float, words: list[tuple[int, int, float | None]],
              marks: list[tuple[str, int, float | None]]) -> float:
        # Offsets of words in SSML are not kept by ElementTree; words are reported
        # with their position in the document's text content instead.
        try:
            root = ET.fromstring(text)
        except ET.ParseError as err:
            raise SpeechEngineError(f"not well-formed SSML: {err}") from err
        clock = 0.0
        pos = 0

        def say(s: str | None) -> None:
            nonlocal clock, pos
            for m in re.finditer(r"\S+", s or ""):
                words.append((pos + m.start(), m.end() - m.start(), clock))
                clock += per_word
            pos += len(s or "")

        def walk(el: ET.Element) -> None:
            nonlocal clock
            tag = _NS.sub("", el.tag)
            if tag == "mark":
                marks.append((el.get("name", ""), pos, clock))
            elif tag == "break":
                m = _BREAK.fullmatch(el.get("time", "").strip())
                if m:
                    clock += float(m.group(1)) * (1 if m.group(2) == "ms" else 1000)
            if tag == "sub" and el.get("alias") is not None:
                say(el.get("alias"))
            else:
                say(el.text)
                for child in el:
                    walk(child)
                    say(child.tail)

        walk(root)
        return clock
