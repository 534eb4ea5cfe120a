"""Audio export: one WAV file for the whole article, with captions, chapters
and a sync map timed from the samples actually written.

Each utterance is synthesised on its own, followed by silence for its
``pause_ms``; its start and end in the file come from the sample counts, so
captions can never run ahead of the audio. Every output is written to a
temporary file beside its destination and moved into place only when all of
them succeeded: a failure leaves no partial output.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import re
import tempfile
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EngineUnavailableError, OptionError, SpeechEngineError
from ..model import Document
from .engines import Audio, BaseEngine, Engine, SpeechEvent, Synthesis, events_of, get_engine
from .plan import Utterance, plan_speech

__all__ = [
    "AudioExport",
    "Chapter",
    "Cue",
    "Timed",
    "build_sync_map",
    "caption_cues",
    "chapter_list",
    "chapters_json",
    "save_audio",
    "to_srt",
    "to_webvtt",
]

StrPath = str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class Timed:
    """An utterance placed in the audio: ``start_ms``..``end_ms`` (its pause follows)."""

    utterance: Utterance
    start_ms: float
    end_ms: float
    events: tuple[SpeechEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption: a sentence (or a word), shown from ``start_ms`` to ``end_ms``."""

    start_ms: float
    end_ms: float
    text: str


@dataclass(frozen=True, slots=True)
class Chapter:
    """A heading and the stretch of audio it introduces."""

    title: str
    start_ms: float
    end_ms: float
    utterance: int
    path: tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class AudioExport:
    """What :func:`save_audio` wrote."""

    path: Path
    duration_ms: float
    sample_rate: int
    timeline: tuple[Timed, ...]
    captions: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    files: tuple[Path, ...]


# --------------------------------------------------------------------------- timing


def caption_cues(timeline: Sequence[Timed], *, words: bool = False) -> list[Cue]:
    """A cue per sentence (its language parts joined), or per source word.

    Structure cues ("List, 3 items") are not captioned: they are not text on
    the page. Word cues need events with audio positions.
    """
    cues: list[Cue] = []
    if not words:
        prev: Utterance | None = None
        for t in timeline:
            u = t.utterance
            if u.kind != "sentence":
                prev = None
                continue
            text = " ".join(u.display.split())
            if prev is not None and prev.sentence == u.sentence and cues:
                last = cues.pop()  # the language parts of one sentence: one caption
                cues.append(Cue(last.start_ms, t.end_ms, f"{last.text} {text}"))
            else:
                cues.append(Cue(t.start_ms, t.end_ms, text))
            prev = u
        return cues
    for t in timeline:
        u = t.utterance
        if u.kind != "sentence":
            continue
        spans: list[tuple[float, int, int]] = []
        for ev in t.events:
            if ev.kind != "word" or ev.source_start is None or ev.source_end is None:
                continue
            if ev.audio_ms is None:
                raise OptionError("word captions need word events with audio positions")
            if spans and (spans[-1][1], spans[-1][2]) == (ev.source_start, ev.source_end):
                continue  # "North", "Korea" for "N. Korea": one caption
            spans.append((ev.audio_ms, ev.source_start, ev.source_end))
        for k, (at, s, e) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else t.end_ms
            word = u.display[s - u.source_start:e - u.source_start]
            if word.strip() and end > at:
                cues.append(Cue(at, end, " ".join(word.split())))
    return cues


def chapter_list(timeline: Sequence[Timed], duration_ms: float) -> list[Chapter]:
    """A chapter per heading (the headline included), covering the whole audio."""
    starts: list[tuple[int, float, str, tuple[str | int, ...]]] = []
    for k, t in enumerate(timeline):
        u = t.utterance
        if u.kind != "sentence" or u.unit_kind not in ("headline", "heading"):
            continue
        if starts and timeline[starts[-1][0]].utterance.path == u.path and \
                _consecutive(timeline, starts[-1][0], k):
            n, at, title, path = starts.pop()
            starts.append((n, at, f"{title} {' '.join(u.display.split())}", path))
            continue
        at = t.start_ms
        before = timeline[k - 1] if k else None
        if before is not None and before.utterance.kind == "cue" and \
                before.utterance.path == u.path:
            at = before.start_ms  # "Heading level 2" belongs to its chapter
        starts.append((k, at, " ".join(u.display.split()), u.path))
    if not starts and timeline:
        first = next((t for t in timeline if t.utterance.kind == "sentence"), timeline[0])
        starts.append((timeline.index(first), 0.0, " ".join(first.utterance.display.split()),
                       first.utterance.path))
    chapters: list[Chapter] = []
    for n, (k, at, title, path) in enumerate(starts):
        start = 0.0 if n == 0 else at
        end = starts[n + 1][1] if n + 1 < len(starts) else duration_ms
        chapters.append(Chapter(title, start, end, timeline[k].utterance.index, path))
    return chapters


def _consecutive(timeline: Sequence[Timed], a: int, b: int) -> bool:
    path = timeline[a].utterance.path
    return all(timeline[i].utterance.path == path for i in range(a, b + 1))


# --------------------------------------------------------------------------- formats


def _stamp(ms: float, sep: str) -> str:
    whole = max(0, int(ms))  # floor: a cue never ends after the audio
    h, rest = divmod(whole, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{milli:03d}"


def _vtt_text(text: str) -> str:
    # WebVTT cue text is markup: escape it; "-->" may not appear in a cue.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt(cues: Sequence[Cue]) -> str:
    """WebVTT with numbered cues (captions or chapters)."""
    out = ["WEBVTT", ""]
    for n, cue in enumerate(cues, 1):
        out += [str(n), f"{_stamp(cue.start_ms, '.')} --> {_stamp(cue.end_ms, '.')}",
                _vtt_text(cue.text), ""]
    return "\n".join(out)


def to_srt(cues: Sequence[Cue]) -> str:
    """SubRip captions."""
    out: list[str] = []
    for n, cue in enumerate(cues, 1):
        text = re.sub(r"\n\s*\n", "\n", cue.text)
        out += [str(n), f"{_stamp(cue.start_ms, ',')} --> {_stamp(cue.end_ms, ',')}", text, ""]
    return "\n".join(out)


def chapters_json(chapters: Sequence[Chapter], audio: str | None = None) -> str:
    """Chapters as JSON: ``{"version": 1, "audio", "chapters": [{title, start_ms, ...}]}``."""
    return json.dumps({
        "version": 1,
        "audio": audio,
        "chapters": [{"title": c.title, "start_ms": int(c.start_ms), "end_ms": int(c.end_ms),
                      "utterance": c.utterance, "path": list(c.path)} for c in chapters],
    }, ensure_ascii=False, indent=2) + "\n"


def build_sync_map(timeline: Sequence[Timed], duration_ms: float, *, audio: str | None = None,
             sample_rate: int | None = None, engine: str | None = None) -> dict[str, Any]:
    """The JSON sync map: each utterance, its source location and audio start/end.

    A page highlights ``source[source_start:source_end]`` of the unit at
    ``path`` while ``start_ms <= currentTime*1000 < end_ms``; ``words`` do
    the same per word when the engine reported timed words.
    """
    items: list[dict[str, Any]] = []
    for t in timeline:
        u = t.utterance
        words = [{"start_ms": int(ev.audio_ms), "text_start": ev.text_start,
                  "text_end": ev.text_end, "source_start": ev.source_start,
                  "source_end": ev.source_end}
                 for ev in t.events if ev.kind == "word" and ev.audio_ms is not None]
        items.append({"index": u.index, "kind": u.kind, "text": u.text, "display": u.display,
                      "lang": u.lang, "path": list(u.path), "source_start": u.source_start,
                      "source_end": u.source_end, "sentence": u.sentence,
                      "start_ms": int(t.start_ms), "end_ms": int(t.end_ms), "words": words})
    return {"version": 1, "audio": audio, "engine": engine, "sample_rate": sample_rate,
            "duration_ms": int(duration_ms), "utterances": items}


# --------------------------------------------------------------------------- writing


def _file_mode(dest: Path) -> int:
    try:
        return dest.stat().st_mode & 0o777  # keep the mode of a file we replace
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


class _Outputs:
    """Temporary files beside their destinations, moved into place together."""

    def __init__(self) -> None:
        self.staged: list[tuple[str, Path]] = []

    def temp_for(self, dest: Path) -> str:
        folder = dest.parent if str(dest.parent) else Path(".")
        if not folder.is_dir():
            raise OptionError(f"{dest}: the folder {folder} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.chmod(tmp, _file_mode(dest))  # mkstemp makes 0600; give the usual mode
        self.staged.append((tmp, dest))
        return tmp

    def text(self, dest: Path, data: str) -> None:
        with open(self.temp_for(dest), "w", encoding="utf-8", newline="\n") as f:
            f.write(data)

    def commit(self) -> None:
        for tmp, dest in self.staged:
            os.replace(tmp, dest)
        self.staged = []

    def rollback(self) -> None:
        for tmp, _ in self.staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.staged = []


def _suffix(path: Path, allowed: tuple[str, ...], what: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise OptionError(f"{what} file {path} must end in {' or '.join(allowed)}")
    return suffix


def save_audio(doc_or_utterances: Document | Sequence[Utterance], path: StrPath, *,
               engine: str | Engine = "espeak", voice: str | None = None,
               rate: int | None = None, pitch: float | None = None,
               volume: float | None = None, captions: StrPath | None = None,
               word_captions: bool = False, chapters: StrPath | None = None,
               sync_map: StrPath | None = None,
               timeout: float | None = None,
               progress: Callable[[int, int], None] | None = None,
               **plan_options: Any) -> AudioExport:
    """Write the article as one WAV file, with optional timed side files.

    ``captions``: ``.vtt`` or ``.srt``, a cue per sentence (per word with
    ``word_captions``, which needs an engine with timed events). ``chapters``:
    ``.vtt`` (WebVTT chapters) or ``.json``, one per heading. ``sync_map``:
    ``.json`` with every utterance's source location and audio start and end.
    Other keyword arguments go to :func:`a11yrender.plan_speech`.
    ``timeout`` bounds each utterance (seconds). Returns an :class:`AudioExport`.
    """
    if isinstance(doc_or_utterances, Document):
        utterances = plan_speech(doc_or_utterances, **plan_options)
    else:
        if plan_options:
            raise OptionError(f"plan options ({', '.join(sorted(plan_options))}) need a "
                              f"Document, not utterances")
        utterances = tuple(doc_or_utterances)
        if not all(isinstance(u, Utterance) for u in utterances):
            raise OptionError("save_audio takes a Document or a sequence of Utterance")
    sync_dest = sync_map
    dest = Path(path)
    _suffix(dest, (".wav",), "audio")
    cap_dest = Path(captions) if captions is not None else None
    chap_dest = Path(chapters) if chapters is not None else None
    sync_path = Path(sync_dest) if sync_dest is not None else None
    if cap_dest is not None:
        _suffix(cap_dest, (".vtt", ".srt"), "captions")
    if chap_dest is not None:
        _suffix(chap_dest, (".vtt", ".json"), "chapters")
    if sync_path is not None:
        _suffix(sync_path, (".json",), "sync map")
    if word_captions and cap_dest is None:
        raise OptionError("word_captions needs a captions file")
    if not utterances:
        raise OptionError("nothing to say: the plan has no utterances")

    owned = isinstance(engine, str)
    eng = get_engine(engine)
    ok, why = eng.available()
    if not ok:
        raise EngineUnavailableError(why)
    if word_captions and not eng.capabilities.timed_events:
        raise OptionError(f"the {eng.name} engine reports no audio time for words; "
                          f"word captions need one that does (espeak)")
    outputs = _Outputs()
    try:
        timeline, fmt, frames = _write_wav(eng, utterances, outputs.temp_for(dest), voice,
                                           rate, pitch, volume, timeout, progress)
        duration = frames * 1000.0 / fmt.sample_rate
        cues = caption_cues(timeline, words=word_captions)
        chaps = chapter_list(timeline, duration)
        if cap_dest is not None:
            outputs.text(cap_dest, to_webvtt(cues) if cap_dest.suffix.lower() == ".vtt"
                         else to_srt(cues))
        if chap_dest is not None:
            if chap_dest.suffix.lower() == ".vtt":
                outputs.text(chap_dest, to_webvtt([Cue(c.start_ms, c.end_ms, c.title)
                                                   for c in chaps]))
            else:
                outputs.text(chap_dest, chapters_json(chaps, dest.name))
        if sync_path is not None:
            outputs.text(sync_path, json.dumps(
                build_sync_map(timeline, duration, audio=dest.name, sample_rate=fmt.sample_rate,
                         engine=eng.name), ensure_ascii=False, indent=1) + "\n")
        files = tuple(d for _, d in outputs.staged)
        outputs.commit()
    except BaseException:
        outputs.rollback()
        raise
    finally:
        if owned and isinstance(eng, BaseEngine):
            eng.close()
    return AudioExport(dest, duration, fmt.sample_rate, tuple(timeline), tuple(cues),
                       tuple(chaps), files)


_Positioned = Callable[[float, float], Sequence[SpeechEvent]]


def _synthesised(eng: Engine, utterances: Sequence[Utterance], voice: str | None,
                 rate: int | None, pitch: float | None, volume: float | None,
                 timeout: float | None
                 ) -> Iterator[tuple[int, Utterance, Audio, _Positioned]]:
    """Each utterance's audio, and its events once its place in the file is known.

    Pauses are inserted by the caller, from the plan, so the engine gets none.
    """
    if isinstance(eng, BaseEngine):
        # Straight from the engine's raw results: no joined copy of the audio and
        # no second pass over the events to move them into place.
        pairs = eng.iter_synthesis(utterances, voice=voice, rate=rate, pitch=pitch,
                                   volume=volume, timeout=timeout)
        for n, (u, (item, raw)) in enumerate(zip(utterances, pairs, strict=True)):
            yield n, u, raw.audio, functools.partial(events_of, n, item, raw)
        return
    for n, u in enumerate(utterances):
        result = eng.synthesize(dataclasses.replace(u, pause_ms=0), voice=voice, rate=rate,
                                pitch=pitch, volume=volume, timeout=timeout)

        def placed(start: float, end: float, n: int = n, u: Utterance = u,
                   result: Synthesis = result) -> list[SpeechEvent]:
            return [dataclasses.replace(
                ev, audio_ms=None if ev.audio_ms is None else start + ev.audio_ms,
                utterance=n, index=u.index) for ev in result.events]

        yield n, u, result.audio, placed


def _write_wav(eng: Engine, utterances: Sequence[Utterance], tmp: str, voice: str | None,
               rate: int | None, pitch: float | None, volume: float | None,
               timeout: float | None, progress: Callable[[int, int], None] | None
               ) -> tuple[list[Timed], Audio, int]:
    """Synthesise utterance by utterance straight into the WAV file."""
    timeline: list[Timed] = []
    fmt: Audio | None = None
    frames = 0
    with wave.open(tmp, "wb") as out:
        for n, u, audio, events in _synthesised(eng, utterances, voice, rate, pitch, volume,
                                                timeout):
            if fmt is None:
                fmt = audio
                out.setnchannels(audio.channels)
                out.setsampwidth(audio.sample_width)
                out.setframerate(audio.sample_rate)
            elif audio.frames and (audio.sample_rate, audio.channels, audio.sample_width) != (
                    fmt.sample_rate, fmt.channels, fmt.sample_width):
                raise SpeechEngineError(
                    f"{eng.name}: utterance {u.index} came at {audio.sample_rate} Hz, the "
                    f"first at {fmt.sample_rate} Hz; use one voice for the whole article")
            start = frames * 1000.0 / fmt.sample_rate
            out.writeframesraw(audio.pcm)  # the header is patched once, on close
            frames += audio.frames
            end = frames * 1000.0 / fmt.sample_rate
            timeline.append(Timed(u, start, end, tuple(events(start, end))))
            if u.pause_ms > 0 and n + 1 < len(utterances):
                pause = fmt.silence(u.pause_ms)
                out.writeframesraw(pause)
                frames += len(pause) // (fmt.channels * fmt.sample_width)
            if progress is not None:
                progress(n + 1, len(utterances))
    assert fmt is not None
    return timeline, fmt, frames
