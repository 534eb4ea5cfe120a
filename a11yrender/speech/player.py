"""Spoken playback: :class:`Player` and :func:`speak`.

A player speaks a document's speech plan through an engine into a sink
(:mod:`a11yrender.speech.sinks`), in a background thread: one utterance is
synthesised while the one before it plays. Audio is written in small pieces,
cut at word boundaries, so pause, stop and jumps act within a piece and word
events fire when the sink has consumed the audio up to the word.

Every engine call runs in a worker thread and is waited for with a timeout,
so the player never hangs; an engine that fails leaves the player in state
``"error"`` at the utterance that failed, with the error in
:attr:`Player.error`, an ``"error"`` event, and :meth:`Player.wait` raising it.
"""

from __future__ import annotations

import math
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from ..errors import A11yRenderError, EngineUnavailableError, OptionError, SpeechEngineError
from ..model import Document, Path
from ..reading import reading_units
from .engines import Engine, Settings, Synthesis, Voice, check_settings, get_engine
from .plan import Utterance, iter_speech
from .sinks import Sink, default_sink

__all__ = ["EVENTS", "Player", "PlayerEvent", "State", "pick_voice", "speak"]

State = Literal["idle", "playing", "paused", "stopped", "error"]
EventKind = Literal["utterance-start", "utterance-end", "word", "progress", "error", "end"]
#: The events :meth:`Player.on` accepts.
EVENTS: tuple[EventKind, ...] = ("utterance-start", "utterance-end", "word", "progress",
                                 "error", "end")

#: Longest piece of audio written at once (ms): bounds how late pause and stop act.
CHUNK_MS = 50
#: Added to the engine's own timeout before the player gives up on a call (s).
GRACE_S = 2.0
#: How long stop() waits for the background threads (s).
JOIN_S = 1.0

_HEADINGS = frozenset({"heading", "headline"})
_ANY_LANGUAGE = frozenset({"", "und", "mul", "zxx"})


@dataclass(frozen=True, slots=True)
class PlayerEvent:
    """Something the listener just heard (or that happened to playback).

    ``position`` is the utterance's place in the plan. Word events give the
    word's ``source_start``/``source_end`` in the source text (the unit's
    plain text, as :attr:`Utterance.source_start` does; None for cues, which
    have no source), ``text_start``/``text_end`` in what is spoken, and
    ``word``, the word as displayed. ``audio_ms`` is the position in the
    utterance's audio. ``voice`` is the voice it was spoken with. Progress
    events count ``done`` utterances out of ``total`` (None until the whole
    plan is known). ``end`` events say why in ``reason``: ``"finished"``,
    ``"stopped"`` or ``"error"``.
    """

    kind: EventKind
    position: int
    utterance: Utterance | None = None
    audio_ms: float = 0.0
    source_start: int | None = None
    source_end: int | None = None
    text_start: int | None = None
    text_end: int | None = None
    word: str | None = None
    voice: str | None = None
    done: int | None = None
    total: int | None = None
    error: BaseException | None = None
    reason: str | None = None

    @property
    def fraction(self) -> float | None:
        """``done / total`` for progress events, when the total is known."""
        if self.done is None or not self.total:
            return None
        return self.done / self.total


# --------------------------------------------------------------------------- voices


def _primary(tag: str) -> str:
    return tag.split("-")[0].lower()


def pick_voice(voices: Iterable[Voice], lang: str) -> str | None:
    """The id of the voice that best speaks ``lang`` (BCP 47), or None.

    Preference: a voice whose first language is ``lang``; whose id ends in
    ``lang`` (espeak-ng's ``gmw/en``); that lists ``lang``; whose first
    language has the same primary subtag; that lists that subtag. Voices for
    "any language" (``und``) never match.
    """
    tag, primary = lang.lower(), _primary(lang)
    best: tuple[int, int, str] | None = None
    for n, v in enumerate(voices):
        langs = [x.lower() for x in v.languages if x.lower() not in _ANY_LANGUAGE]
        tail = v.id.lower().rsplit("/", 1)[-1]
        if langs and langs[0] == tag:
            score = 0
        elif tail == tag:
            score = 1
        elif tag in langs:
            score = 2
        elif langs and _primary(langs[0]) == primary:
            score = 3
        elif any(_primary(x) == primary for x in langs) or tail == primary:
            score = 4
        else:
            continue
        if best is None or (score, n) < best[:2]:
            best = (score, n, v.id)
    return None if best is None else best[2]


# --------------------------------------------------------------------------- the plan


class _Plan:
    """The utterances, planned lazily so playback starts before a long article is planned."""

    def __init__(self, source: Iterable[Utterance]) -> None:
        self._items: list[Utterance] = []
        self._source: Iterator[Utterance] | None = iter(source)
        self._lock = threading.RLock()

    def get(self, i: int) -> Utterance | None:
        """Utterance ``i``, or None past the end."""
        with self._lock:
            while len(self._items) <= i and self._source is not None:
                nxt = next(self._source, None)
                if nxt is None:
                    self._source = None
                    break
                if not isinstance(nxt, Utterance):
                    self._source = None
                    raise OptionError(f"a player speaks utterances, not {type(nxt).__name__}")
                self._items.append(nxt)
            return self._items[i] if 0 <= i < len(self._items) else None

    def all(self) -> tuple[Utterance, ...]:
        """Every utterance (plans the rest)."""
        with self._lock:
            while self._source is not None:
                self.get(len(self._items))
            return tuple(self._items)

    @property
    def total(self) -> int | None:
        """The number of utterances once all are planned, else None."""
        with self._lock:
            return len(self._items) if self._source is None else None


Landmark = tuple[str, Path]


def _landmarks(doc: Document) -> dict[Path, Landmark]:
    """Each reading unit's path -> the innermost landmark it is in (region, main, aside)."""
    out: dict[Path, Landmark] = {}
    stack: list[Landmark] = [("main", ("body",))]
    for unit in reading_units(doc):
        is_landmark = unit.kind in ("region", "main", "aside")
        if unit.event == "start":
            if is_landmark:
                stack.append((unit.role or unit.kind, unit.path))
            out.setdefault(unit.path, stack[-1])
        elif unit.event == "end":
            if is_landmark and len(stack) > 1:
                stack.pop()
        else:
            out.setdefault(unit.path, stack[-1])
    return out


# --------------------------------------------------------------------------- synthesis


@dataclass(frozen=True, slots=True)
class _Request:
    index: int
    utterance: Utterance
    settings: Settings


class _Synth:
    """One worker thread that synthesises requested utterances in order.

    Results are kept by index with the settings they were made with; the
    player waits for one with a deadline, so an engine that never returns
    cannot hang it (the worker is then abandoned: it is a daemon thread).
    """

    def __init__(self, engine: Engine, voice_of: Callable[[Utterance, Settings], str | None],
                 timeout: float) -> None:
        self.engine = engine
        self.voice_of = voice_of
        self.timeout = timeout
        self._cond = threading.Condition()
        self._queue: deque[_Request] = deque()
        self._busy: _Request | None = None
        self._done: dict[int, tuple[_Request, Synthesis | BaseException, str | None]] = {}
        self._closed = False
        self.thread = threading.Thread(target=self._work, name="a11yrender-synth", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                req = self._busy = self._queue.popleft()
            result: Synthesis | BaseException
            voice: str | None = None
            try:
                voice = self.voice_of(req.utterance, req.settings)
                result = self.engine.synthesize(
                    req.utterance, voice=voice, rate=req.settings.rate,
                    pitch=req.settings.pitch, volume=req.settings.volume, timeout=self.timeout)
                if not isinstance(result, Synthesis):
                    raise SpeechEngineError(f"{_name(self.engine)} returned "
                                            f"{type(result).__name__}, not a Synthesis")
            except BaseException as err:  # handed to the player, which reports it
                result = err
            with self._cond:
                self._busy = None
                self._done[req.index] = (req, result, voice)
                self._cond.notify_all()

    def _known(self, req: _Request) -> bool:
        got = self._done.get(req.index)
        if got is not None and got[0] == req:
            return True
        return self._busy == req or req in self._queue

    def want(self, req: _Request) -> None:
        """Ask for ``req`` to be synthesised (a no-op if it is done or under way)."""
        with self._cond:
            if not self._closed and not self._known(req):
                self._queue.append(req)
                self._cond.notify_all()

    def get(self, req: _Request,
            cancelled: Callable[[], bool]) -> tuple[Synthesis, str | None] | None:
        """The synthesis of ``req`` (None if ``cancelled()`` became true first).

        Raises what the engine raised, or :class:`SpeechEngineError` when it
        did not answer within its timeout plus :data:`GRACE_S`.
        """
        self.want(req)
        deadline = _now() + self.timeout + GRACE_S
        with self._cond:
            # Requests for other utterances are stale now (a jump or new settings).
            self._queue = deque(r for r in self._queue if r == req)
            for k in [k for k in self._done if k < req.index]:
                del self._done[k]
            while True:
                got = self._done.get(req.index)
                if got is not None and got[0] == req:
                    result, voice = got[1], got[2]
                    break
                if cancelled():
                    return None
                left = deadline - _now()
                if left <= 0:
                    raise SpeechEngineError(
                        f"{_name(self.engine)} did not answer within {self.timeout + GRACE_S:g} s "
                        f"(utterance {req.index}: {_short(req.utterance.text)!r})")
                self._cond.wait(min(left, 0.02))
        if isinstance(result, BaseException):
            raise result
        return result, voice

    def close(self, join: float) -> None:
        """End the worker once its current call returns; wait up to ``join`` s."""
        with self._cond:
            self._closed = True
            self._queue.clear()
            self._cond.notify_all()
        if join > 0 and self.thread is not threading.current_thread():
            self.thread.join(join)


def _now() -> float:
    return time.monotonic()


def _name(engine: Engine) -> str:
    return str(getattr(engine, "name", type(engine).__name__))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


# --------------------------------------------------------------------------- the player

Callback = Callable[[PlayerEvent], object]


class Player:
    """Speaks a document (or utterances) in the background, with controls and events.

    ``engine``: a name from the engine registry or an engine object.
    ``sink``: where audio goes (default: :func:`default_sink`, which raises
    :class:`NoAudioDeviceError` where there is no sound device). ``voice``,
    ``rate`` (words per minute), ``pitch`` and ``volume`` (0.0-2.0, 1.0
    normal) are engine-neutral settings. ``timeout`` bounds each engine call
    (seconds; default the engine's own). Other keyword arguments go to
    :func:`plan_speech` (``verbosity``, ``skip``, ``language``, ``lexicons``).

    Callbacks registered with :meth:`on` run on the player's thread; a
    callback that raises stops playback with that error.
    """

    def __init__(self, doc_or_utterances: Document | Iterable[Utterance],
                 engine: str | Engine = "espeak", sink: Sink | None = None, *,
                 voice: str | None = None, rate: int | None = None,
                 pitch: float | None = None, volume: float | None = None,
                 timeout: float | None = None, **plan_options: Any) -> None:
        self._settings = check_settings(voice, rate, pitch, volume)
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(
                timeout, int | float) or not timeout > 0):
            raise OptionError(f"timeout must be a positive number of seconds, not {timeout!r}")
        self._doc: Document | None = None
        if isinstance(doc_or_utterances, Document):
            self._doc = doc_or_utterances
            try:
                source: Iterable[Utterance] = iter_speech(doc_or_utterances, **plan_options)
            except OptionError:
                raise
            except TypeError as err:  # an option plan_speech does not take
                raise OptionError(f"Player: {err}") from None
            self.language = plan_options.get("language") or doc_or_utterances.meta.language
        else:
            if plan_options:
                raise OptionError(f"plan options ({', '.join(sorted(plan_options))}) need a "
                                  f"Document, not utterances")
            if isinstance(doc_or_utterances, (str, bytes)):
                raise OptionError("a player speaks a Document or utterances, not a string; "
                                  "use a11yrender.read_text() first")
            items = tuple(doc_or_utterances)
            source = items
            self.language = items[0].lang if items else "en"
        self._plan = _Plan(source)
        self._owns_engine = isinstance(engine, str)
        self.engine: Engine = get_engine(engine)
        ok, why = self.engine.available()
        if not ok:
            raise EngineUnavailableError(why)
        default = getattr(self.engine, "default_timeout", None)
        self.timeout = float(timeout or (default if isinstance(default, int | float) else 30.0))
        self.sink: Sink = sink if sink is not None else default_sink()
        self._voices: tuple[Voice, ...] | None = None
        self._voice_cache: dict[str, str | None] = {}
        self._voice_lock = threading.Lock()
        self._landmark_map: dict[Path, Landmark] | None = None
        self._callbacks: dict[str, list[Callback]] = {k: [] for k in EVENTS}
        self._cond = threading.Condition()
        self._state: State = "idle"
        self._position = 0
        self._finished = False
        self._paused = False
        self._sink_paused = False
        self._stopping = False
        self._jumps = 0
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._synth: _Synth | None = None
        # Audio bookkeeping (player thread only).
        self._fmt: tuple[int, int, int] | None = None
        self._fed = 0
        self._pending: deque[tuple[int, PlayerEvent]] = deque()

    # -- information -----------------------------------------------------------------

    @property
    def state(self) -> State:
        """``"idle"`` (not started, or finished), ``"playing"``, ``"paused"``,
        ``"stopped"`` or ``"error"``."""
        with self._cond:
            return self._state

    @property
    def position(self) -> int:
        """The index of the utterance being spoken (or to be spoken next).

        After the last one has finished it is the number of utterances.
        """
        with self._cond:
            return self._position

    @property
    def finished(self) -> bool:
        """Whether playback reached the end of the plan."""
        with self._cond:
            return self._finished

    @property
    def error(self) -> BaseException | None:
        """What stopped playback with an error, else None."""
        with self._cond:
            return self._error

    @property
    def utterances(self) -> tuple[Utterance, ...]:
        """The whole plan (planning the rest of it if need be)."""
        return self._plan.all()

    @property
    def current(self) -> Utterance | None:
        """The utterance at :attr:`position`, or None past the end."""
        return self._plan.get(self.position)

    # -- settings ----------------------------------------------------------------------

    def _set(self, **changes: Any) -> None:
        s = self._settings
        new = check_settings(changes.get("voice", s.voice), changes.get("rate", s.rate),
                             changes.get("pitch", s.pitch), changes.get("volume", s.volume))
        with self._cond:
            self._settings = new

    @property
    def voice(self) -> str | None:
        """The voice asked for (None: chosen from the document's language)."""
        return self._settings.voice

    @voice.setter
    def voice(self, value: str | None) -> None:
        self._set(voice=value)

    @property
    def rate(self) -> int | None:
        """Words per minute (None: the engine's default); applies from the next utterance."""
        return self._settings.rate

    @rate.setter
    def rate(self, value: int | None) -> None:
        self._set(rate=value)

    @property
    def pitch(self) -> float | None:
        """Pitch, 0.0-2.0 (1.0 the voice's own); applies from the next utterance."""
        return self._settings.pitch

    @pitch.setter
    def pitch(self, value: float | None) -> None:
        self._set(pitch=value)

    @property
    def volume(self) -> float | None:
        """Volume, 0.0-2.0 (1.0 normal); applies from the next utterance."""
        return self._settings.volume

    @volume.setter
    def volume(self, value: float | None) -> None:
        self._set(volume=value)

    def voice_for(self, lang: str) -> str | None:
        """The voice used for an utterance in ``lang`` (engine call; no timeout here)."""
        u = Utterance(0, "", "", lang, "sentence", (), 0, 0, 0, "paragraph", 0)
        return self._voice_of(u, self._settings)

    def _voice_of(self, u: Utterance, settings: Settings) -> str | None:
        """Voice choice: the one asked for in the document's language, else the
        engine's best voice for the utterance's language, else the document's."""
        same = _primary(u.lang) == _primary(self.language)
        if settings.voice is not None and same:
            return settings.voice
        found = self._best_voice(u.lang)
        if found is not None:
            return found
        if settings.voice is not None:
            return settings.voice
        return None if same else self._best_voice(self.language)

    def _best_voice(self, lang: str) -> str | None:
        with self._voice_lock:
            key = lang.lower()
            if key not in self._voice_cache:
                if self._voices is None:
                    self._voices = tuple(self.engine.voices())
                self._voice_cache[key] = pick_voice(self._voices, lang)
            return self._voice_cache[key]

    # -- events ------------------------------------------------------------------------

    def on(self, kind: EventKind, callback: Callback) -> Callable[[], None]:
        """Call ``callback(event)`` for each ``kind`` event; returns a function that
        unsubscribes it. Kinds: see :data:`EVENTS`."""
        if kind not in self._callbacks:
            raise OptionError(f"no player event {kind!r}; events are {', '.join(EVENTS)}")
        with self._cond:
            self._callbacks[kind].append(callback)

        def off() -> None:
            with self._cond:
                if callback in self._callbacks[kind]:
                    self._callbacks[kind].remove(callback)

        return off

    def _emit(self, event: PlayerEvent) -> None:
        with self._cond:
            callbacks = list(self._callbacks[event.kind])
        for cb in callbacks:
            try:
                cb(event)
            except Exception as err:
                raise _CallbackError(err) from err

    # -- controls ----------------------------------------------------------------------

    def play(self) -> None:
        """Start (or restart) playback from :attr:`position` in the background;
        resumes when paused. After the end it starts again from the beginning."""
        with self._cond:
            if self._state == "playing":
                return
            if self._state == "paused":
                self._resume_locked()
                return
            old = self._thread
        if old is not None and old.is_alive():
            old.join(JOIN_S)
            if old.is_alive():
                raise SpeechEngineError("the previous playback has not ended; try again")
        with self._cond:
            total = self._plan.total
            if self._finished or (total is not None and self._position >= total):
                self._position = 0
            self._finished = False
            self._error = None
            self._stopping = False
            self._paused = False
            self._state = "playing"
            self._jumps += 1
            synth = self._synth = _Synth(self.engine, self._voice_of, self.timeout)
            thread = self._thread = threading.Thread(
                target=self._run, args=(synth,), name="a11yrender-player", daemon=True)
            sink_paused, self._sink_paused = self._sink_paused, False
        if sink_paused:  # left paused by a pause() that playback ended during
            self.sink.resume()
        thread.start()

    def pause(self) -> None:
        """Pause where the audio is; :meth:`resume` carries on from the same sample."""
        with self._cond:
            if self._state != "playing":
                return
            self._paused = True
            self._state = "paused"
            self._sink_paused = True
        self.sink.pause()

    def _resume_locked(self) -> None:
        self._paused = False
        self._state = "playing"
        self._sink_paused = False
        self._cond.notify_all()
        self.sink.resume()

    def resume(self) -> None:
        """Carry on after :meth:`pause` (no-op otherwise)."""
        with self._cond:
            if self._state == "paused":
                self._resume_locked()

    def stop(self) -> None:
        """Stop at once: unheard audio is dropped and the background threads end.

        :attr:`position` stays at the utterance that was playing; :meth:`play`
        starts again from there.
        """
        with self._cond:
            thread, synth = self._thread, self._synth
            was_paused = self._paused
            if self._state in ("playing", "paused") or (self._state == "idle"
                                                        and not self._finished):
                self._state = "stopped"
            self._stopping = True
            self._paused = False
            self._cond.notify_all()
        if thread is not None and thread.is_alive():
            self.sink.flush()
            if was_paused:
                with self._cond:
                    self._sink_paused = False
                self.sink.resume()
            if thread is not threading.current_thread():
                thread.join(JOIN_S)
        if synth is not None:
            synth.close(JOIN_S if thread is not threading.current_thread() else 0)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until playback ends (finished, stopped or failed), at most ``timeout`` s.

        Returns False if it is still going on; raises the error playback
        ended with. Paused playback does not end by itself.
        """
        with self._cond:
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                return False
        err = self.error
        if err is not None:
            raise err
        return True

    def close(self) -> None:
        """Stop, and release an engine the player created by name."""
        self.stop()
        if self._owns_engine:
            closer = getattr(self.engine, "close", None)
            if callable(closer):
                closer()

    def __enter__(self) -> Player:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- navigation ----------------------------------------------------------------------

    def seek(self, index: int) -> None:
        """Go to utterance ``index`` (playing goes on from there)."""
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise OptionError(f"index must be a non-negative utterance index, not {index!r}")
        if self._plan.get(index) is None:
            raise OptionError(f"there is no utterance {index}")
        with self._cond:
            self._position = index
            self._finished = False
            self._jumps += 1
            self._cond.notify_all()
            thread = self._thread
            running = self._state in ("playing", "paused")
        if running and thread is not None and thread.is_alive():
            self.sink.flush()

    def _starts(self, test: Callable[[int], bool], forward: bool) -> int | None:
        pos = self.position
        if forward:
            i = pos + 1
            while self._plan.get(i) is not None:
                if test(i):
                    return i
                i += 1
            return None
        # Backward: the start of the unit before the one being read.
        here = next((i for i in range(min(pos, self._last()), -1, -1) if test(i)), None)
        if here is None:
            return None
        return next((i for i in range(here - 1, -1, -1) if test(i)), None)

    def _last(self) -> int:
        total = self._plan.total
        if total is not None:
            return total - 1
        return self.position

    def _go(self, test: Callable[[int], bool], forward: bool) -> int | None:
        target = self._starts(test, forward)
        if target is not None:
            self.seek(target)
        return target

    def _u(self, i: int) -> Utterance:
        u = self._plan.get(i)
        assert u is not None
        return u

    def _sentence_start(self, i: int) -> bool:
        return i == 0 or self._u(i).sentence != self._u(i - 1).sentence

    def _paragraph_start(self, i: int) -> bool:
        if i == 0:
            return True
        a, b = self._u(i - 1), self._u(i)
        if a.path == b.path:
            return False
        # A cue belongs with what it introduces ("List, 3 items") or closes ("End of quote").
        if a.kind == "cue" and b.path[:len(a.path)] == a.path:
            return False
        return not (b.kind == "cue" and a.path[:len(b.path)] == b.path)

    def _heading_start(self, i: int) -> bool:
        return self._u(i).unit_kind in _HEADINGS and self._paragraph_start(i)

    def _landmark(self, i: int) -> Landmark:
        path = self._u(i).path
        if self._doc is None:
            if path[:1] == ("regions",) and len(path) > 1:
                return ("region", path[:2])
            return ("main", ("body",))
        if self._landmark_map is None:
            self._landmark_map = _landmarks(self._doc)
        lm = self._landmark_map
        if path == ("meta", "kicker"):
            path = ("meta", "title")  # the kicker is read with the headline
        while path:
            found = lm.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return ("main", ("body",))

    def _landmark_start(self, i: int) -> bool:
        key = self._landmark(i)
        if i > 0 and self._landmark(i - 1) == key:
            return False
        # Coming back to a landmark (the article after an aside) is not a new one.
        return all(self._landmark(j) != key for j in range(i))

    def next_sentence(self) -> int | None:
        """Go to the next sentence; returns the new position (None: there is none)."""
        return self._go(self._sentence_start, True)

    def previous_sentence(self) -> int | None:
        """Go to the start of the sentence before the current one."""
        return self._go(self._sentence_start, False)

    def next_paragraph(self) -> int | None:
        """Go to the next paragraph (a heading, list item, caption… any reading unit)."""
        return self._go(self._paragraph_start, True)

    def previous_paragraph(self) -> int | None:
        """Go to the start of the paragraph before the current one."""
        return self._go(self._paragraph_start, False)

    def next_heading(self) -> int | None:
        """Go to the first utterance of the next heading (or headline)."""
        return self._go(self._heading_start, True)

    def previous_heading(self) -> int | None:
        """Go to the heading of the section before the current one."""
        return self._go(self._heading_start, False)

    def next_landmark(self) -> int | None:
        """Go to the first utterance of the next landmark (page region, main, aside)."""
        return self._go(self._landmark_start, True)

    def previous_landmark(self) -> int | None:
        """Go to the start of the landmark before the current one."""
        return self._go(self._landmark_start, False)

    # -- the background thread ----------------------------------------------------------

    def _interrupted(self, jumps: int) -> bool:
        return self._stopping or self._jumps != jumps

    def _run(self, synth: _Synth) -> None:
        reason = "stopped"
        failure: BaseException | None = None
        try:
            reason = self._loop(synth)
        except _CallbackError as err:  # the caller's own code: its exception as it is
            reason, failure = "error", err.error
        except Exception as err:  # every failure is reported, none lost
            reason, failure = "error", _as_error(err, self.engine, self.position)
        try:
            self._wind_down(reason)
        except Exception as err:  # the sink (or a callback) failed while closing
            if failure is None:
                reason = "error"
                failure = err.error if isinstance(err, _CallbackError) else err
        synth.close(0)
        with self._cond:
            position = self._position
            if failure is not None:
                self._error = failure
                self._state = "error"
            elif reason == "finished":
                self._finished = True
                if self._state in ("playing", "paused"):  # a stop() at the end stays "stopped"
                    self._state = "idle"
            self._paused = False
            total = self._plan.total
        if failure is not None:
            self._emit_safely(PlayerEvent("error", position, self._plan.get(position),
                                          error=failure, total=total))
        self._emit_safely(PlayerEvent("end", position, reason=reason, total=total))

    def _emit_safely(self, event: PlayerEvent) -> None:
        try:
            self._emit(event)
        except _CallbackError as err:  # playback has ended: warn, never lose it
            warnings.warn(f"a11yrender player: an {event.kind!r} callback raised "
                          f"{type(err.error).__name__}: {err.error}", RuntimeWarning,
                          stacklevel=2)

    def _wind_down(self, reason: str) -> None:
        if reason == "stopped":
            self._pending.clear()
        else:
            # Let what was written be heard, then report its events.
            self.sink.drain()
            while self._pending:
                self._emit(self._pending.popleft()[1])
        if self._fmt is not None:
            self._fmt = None
            self.sink.close()

    def _loop(self, synth: _Synth) -> str:
        while True:
            with self._cond:
                while self._paused and not self._stopping:
                    self._cond.wait(0.1)
                if self._stopping:
                    return "stopped"
                i, jumps, settings = self._position, self._jumps, self._settings
            u = self._plan.get(i)
            if u is None:
                with self._cond:
                    if self._interrupted(jumps):
                        continue
                return "finished"
            got = synth.get(_Request(i, u, settings), partial(self._interrupted, jumps))
            if got is None:
                self._resync()
                continue
            nxt = self._plan.get(i + 1)
            if nxt is not None:
                synth.want(_Request(i + 1, nxt, settings))
            if not self._play_one(i, u, got[0], got[1], jumps):
                self._resync()
                continue
            with self._cond:
                if not self._interrupted(jumps):
                    self._position = i + 1

    def _resync(self) -> None:
        """After a jump or flush: what was not heard never will be."""
        self._pending.clear()
        self._fed = self.sink.played_frames

    def _emit_due(self) -> None:
        played = self.sink.played_frames
        while self._pending and self._pending[0][0] <= played:
            self._emit(self._pending.popleft()[1])

    def _timeline(self, i: int, u: Utterance, syn: Synthesis, voice: str | None, rate: int,
                  speech_end: int) -> list[tuple[int, PlayerEvent]]:
        end_ms = speech_end * 1000.0 / rate
        out: list[tuple[int, PlayerEvent]] = [
            (0, PlayerEvent("utterance-start", i, u, 0.0, voice=voice))]
        for ev in syn.events:
            if ev.kind != "word":
                continue
            ms = ev.audio_ms
            if ms is None:  # an engine without timed events: place it by its text offset
                ms = end_ms * ev.text_start / max(1, len(u.text))
            frame = max(0, min(speech_end, round(ms * rate / 1000.0)))
            if u.kind == "sentence" and ev.source_start is not None and ev.source_end is not None:
                s, e = ev.source_start, ev.source_end
                word = u.display[s - u.source_start:e - u.source_start]
                src: tuple[int | None, int | None] = (s, e)
            else:
                word, src = u.text[ev.text_start:ev.text_end], (None, None)
            out.append((frame, PlayerEvent("word", i, u, frame * 1000.0 / rate, src[0], src[1],
                                           ev.text_start, ev.text_end, word, voice)))
        out.append((speech_end, PlayerEvent("utterance-end", i, u, end_ms, voice=voice)))
        out.append((speech_end, PlayerEvent("progress", i, u, end_ms, done=i + 1,
                                            total=self._plan.total)))
        out.sort(key=lambda t: t[0])  # stable: start first, end and progress last
        return out

    def _play_one(self, i: int, u: Utterance, syn: Synthesis, voice: str | None,
                  jumps: int) -> bool:
        """Write one utterance's audio; False if a jump or stop cut it short."""
        audio = syn.audio
        fmt = (audio.sample_rate, audio.channels, audio.sample_width)
        if fmt != self._fmt:
            if self._fmt is not None:
                self.sink.drain()
                while self._pending:
                    self._emit(self._pending.popleft()[1])
            self.sink.open(*fmt)
            self._fmt = fmt
            self._fed = self.sink.played_frames
        rate, frame = audio.sample_rate, audio.channels * audio.sample_width
        total = audio.frames
        speech_end = total
        if syn.spans:
            speech_end = max(0, min(total, round(syn.spans[0][1] * rate / 1000.0)))
        timeline = self._timeline(i, u, syn, voice, rate, speech_end)
        base = self._fed
        self._pending.extend((base + f, ev) for f, ev in timeline)
        cuts = sorted({f for f, _ in timeline if 0 < f < total})
        chunk = max(1, math.floor(rate * CHUNK_MS / 1000))
        pos = k = 0
        while True:
            self._emit_due()
            if pos >= total:
                return True
            with self._cond:
                while self._paused and not self._interrupted(jumps):
                    self._cond.wait(0.1)
                if self._interrupted(jumps):
                    return False
            while k < len(cuts) and cuts[k] <= pos:
                k += 1
            nxt = min(total, pos + chunk, cuts[k] if k < len(cuts) else total)
            self.sink.write(audio.pcm[pos * frame:nxt * frame])
            with self._cond:
                if self._interrupted(jumps):
                    return False
            self._fed += nxt - pos
            pos = nxt


class _CallbackError(Exception):
    """A callback raised ``error`` (kept apart from engine failures)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _as_error(err: Exception, engine: Engine, position: int) -> BaseException:
    """Engine failures as :class:`SpeechEngineError` (our own errors pass as they are)."""
    if isinstance(err, A11yRenderError):
        return err
    wrapped = SpeechEngineError(f"{_name(engine)} failed on utterance {position}: "
                                f"{type(err).__name__}: {err}")
    wrapped.__cause__ = err
    return wrapped


def speak(doc: Document | Sequence[Utterance], engine: str | Engine = "espeak",
          sink: Sink | None = None, **options: Any) -> Player:
    """Speak ``doc`` to the sound device (or ``sink``) and return when it is done.

    Fails at once with :class:`NoAudioDeviceError` where there is no device.
    ``options`` are :class:`Player`'s (``voice``, ``rate``, ``verbosity``…).
    Returns the finished player; raises the error playback ended with.
    """
    out = sink if sink is not None else default_sink()
    player = Player(doc, engine=engine, sink=out, **options)
    player.play()
    try:
        player.wait()
    except BaseException:
        player.close()
        raise
    player.close()
    return player
