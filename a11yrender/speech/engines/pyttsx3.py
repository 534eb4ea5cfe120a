"""The ``pyttsx3`` engine, with its Linux bugs kept away from users.

pyttsx3's espeak driver on Linux: the first ``runAndWait()`` in a process
returns before the file is written; a ``runAndWait()`` with nothing queued
never returns; two ``save_to_file`` calls in one loop write only the last;
two engines in one process silence each other; ``say()`` without a sound
card reports success. So pyttsx3 runs in ONE worker subprocess holding ONE
engine, that does one ``save_to_file`` per loop, always with text queued,
and waits for ``finished-utterance`` (with a timeout) before it answers.
The parent waits on every answer with a timeout and kills the worker when it
hangs; the next call starts a fresh one. Sound is never played.

pyttsx3 reports word boundaries as they are synthesised, not where they fall
in the audio: its events have no ``audio_ms`` (``timed_events=False``).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib.util
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import wave
import weakref
from typing import IO, Any

from ...errors import EngineUnavailableError, OptionError, SpeechEngineError
from . import Audio, BaseEngine, Capabilities, Item, Raw, Settings, Voice

__all__ = ["Pyttsx3Engine"]

INSTALL = "pip install pyttsx3"
_STARTUP_TIMEOUT = 30.0

# The worker: a separate interpreter, so pyttsx3's process-wide espeak state,
# callbacks and prints never touch the caller. It reads one JSON request per
# line on stdin and answers one JSON line on the original stdout (fd 1 is
# pointed at stderr, because the driver prints "Audio saved to ...").
_WORKER = r'''
import importlib, json, os, sys, threading, time, wave
proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
def answer(**kw):
    proto.write(json.dumps(kw) + "\n"); proto.flush()
try:
    pyttsx3 = importlib.import_module(sys.argv[1])
    engine = pyttsx3.init(sys.argv[2] or None)
except BaseException as err:
    answer(ok=False, unavailable=True, error=f"{type(err).__name__}: {err}")
    sys.exit(0)
try:  # the espeak driver's binding, to wait until espeak is really idle
    espeak = importlib.import_module(sys.argv[1] + ".drivers._espeak")
except BaseException:
    espeak = None
def idle(limit):
    # After finished-utterance espeak still counts as playing for a moment; a
    # runAndWait then "stops" it with Cancel(), which cancels the NEXT text.
    end = time.monotonic() + limit
    while espeak is not None and espeak.IsPlaying() and time.monotonic() < end:
        time.sleep(0.002)
done = threading.Event()
completed = []
words = []
def finished(**kw):
    completed.append(kw.get("completed", True))
    done.set()
engine.connect("finished-utterance", finished)
engine.connect("started-word", lambda **kw: words.append((kw.get("location"), kw.get("length"))))
answer(ok=True, ready=True)
for line in sys.stdin:
    req = json.loads(line)
    try:
        if req["op"] == "voices":
            out = []
            for v in engine.getProperty("voices"):
                langs = [l.decode("utf-8", "replace") if isinstance(l, bytes) else str(l)
                         for l in (getattr(v, "languages", None) or [])]
                out.append([str(v.id), str(getattr(v, "name", v.id)), langs,
                            (str(getattr(v, "gender", None) or "").lower() or None)])
            answer(ok=True, voices=out)
            continue
        deadline = time.monotonic() + req["timeout"]
        idle(req["timeout"])
        # Voice first: selecting a voice resets rate and volume.
        if req.get("voice"):
            engine.setProperty("voice", req["voice"])
        engine.setProperty("rate", req["rate"])
        engine.setProperty("volume", req["volume"])
        if req.get("pitch") is not None:
            engine.setProperty("pitch", req["pitch"])
        for attempt in range(2):  # a cancelled or empty utterance is tried once more
            idle(max(0.0, deadline - time.monotonic()))
            done.clear()
            del words[:], completed[:]
            # One utterance per loop, never an empty queue.
            engine.save_to_file(req["text"], req["path"])
            engine.runAndWait()
            # The first runAndWait returns before the file is written: wait for the driver.
            if not done.wait(max(0.0, deadline - time.monotonic())):
                break
            try:
                with wave.open(req["path"], "rb") as w:
                    frames = w.getnframes()
            except Exception:
                frames = 0
            if frames and all(completed):
                break
        if not done.is_set():
            answer(ok=False, error="finished-utterance never came")
        elif not frames or not all(completed):
            answer(ok=False, error="the utterance was cancelled or left empty twice")
        else:
            answer(ok=True, words=list(words), frames=frames, attempts=attempt + 1)
    except BaseException as err:
        answer(ok=False, error=f"{type(err).__name__}: {err}")
'''


class _Worker:
    """One pyttsx3 worker process and a reader thread for its answers."""

    def __init__(self, python: str, package: str, driver: str | None) -> None:
        self.proc = subprocess.Popen(
            [python, "-c", _WORKER, package, driver or ""],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8")
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True,
                         name="a11yrender-pyttsx3").start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            try:
                self.answers.put(json.loads(line))
            except ValueError:
                continue
        self.answers.put(None)  # the worker ended

    def ask(self, request: dict[str, Any] | None, timeout: float) -> dict[str, Any]:
        """Send ``request`` (None: just read) and wait for one answer."""
        if request is not None:
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(json.dumps(request) + "\n")
                self.proc.stdin.flush()
            except OSError as err:
                raise SpeechEngineError(f"the pyttsx3 worker went away ({err})") from err
        try:
            answer = self.answers.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None
        if answer is None:
            code = self.proc.poll()
            raise SpeechEngineError(f"the pyttsx3 worker exited (code {code})")
        return answer

    def kill(self) -> None:
        """End the worker at once."""
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _kill_all(workers: list[_Worker]) -> None:
    while workers:
        workers.pop().kill()


class Pyttsx3Engine(BaseEngine):
    """pyttsx3 in a worker process: WAV audio and untimed word events.

    ``package``: the module to import (default ``pyttsx3``); ``driver``: the
    pyttsx3 driver name (default: the platform's); ``python``: the interpreter
    that runs the worker (default: this one).
    """

    name = "pyttsx3"
    default_timeout = 60.0

    def __init__(self, package: str = "pyttsx3", driver: str | None = None,
                 python: str | None = None) -> None:
        self.package = package
        self.driver = driver
        self.python = python or sys.executable
        self._workers: list[_Worker] = []  # the running worker, if any
        self._voices: tuple[Voice, ...] | None = None
        self._lock = threading.Lock()
        # Kill the worker when the engine is collected or Python exits.
        weakref.finalize(self, _kill_all, self._workers)

    @property
    def _worker(self) -> _Worker | None:
        return self._workers[0] if self._workers else None

    @property
    def capabilities(self) -> Capabilities:
        """Word events without audio positions; no SSML, no marks, no playback."""
        return Capabilities(ssml=False, marks=False, word_events=True, timed_events=False,
                            playback=False)

    def available(self) -> tuple[bool, str]:
        """Whether the package can be found (the worker proves the rest)."""
        if not os.path.exists(self.python):
            return False, f"no Python interpreter at {self.python}"
        try:
            found = importlib.util.find_spec(self.package) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return False, f"the Python package {self.package!r} is not installed: {INSTALL}"
        if sys.platform.startswith("linux") and self.driver in (None, "espeak") and not (
                ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
            return False, "pyttsx3 needs the espeak-ng library on Linux: apt-get install espeak-ng"
        return True, ""

    def close(self) -> None:
        """Stop the worker process (the next call starts a new one)."""
        _kill_all(self._workers)

    def _start(self) -> _Worker:
        if self._worker is not None and self._worker.proc.poll() is None:
            return self._worker
        self.close()
        self.require()
        try:
            worker = _Worker(self.python, self.package, self.driver)
        except OSError as err:
            raise EngineUnavailableError(f"cannot start pyttsx3 ({err}): {INSTALL}") from err
        try:
            hello = worker.ask(None, _STARTUP_TIMEOUT)
        except (TimeoutError, SpeechEngineError) as err:
            worker.kill()
            raise EngineUnavailableError(f"pyttsx3 did not start ({err or 'timed out'})") \
                from err
        if not hello.get("ok"):
            worker.kill()
            raise EngineUnavailableError(f"pyttsx3 cannot start: {hello.get('error')} "
                                         f"({INSTALL}; on Linux also apt-get install espeak-ng)")
        self._workers.append(worker)
        return worker

    def _ask(self, request: dict[str, Any], timeout: float,
             grace: float = 0.0) -> dict[str, Any]:
        """One request; ``timeout`` is what the user allowed, ``grace`` lets the
        worker report its own timeout first."""
        with self._lock:
            worker = self._start()
            try:
                answer = worker.ask(request, timeout + grace)
            except TimeoutError:
                self.close()  # a hung loop cannot be trusted again: start afresh next time
                raise SpeechEngineError(f"pyttsx3 did not finish within {timeout:g} s") \
                    from None
            except SpeechEngineError:
                self.close()
                raise
        if not answer.get("ok"):
            self.close()  # after any failure the engine's state is unknown
            raise SpeechEngineError(f"pyttsx3 failed: {answer.get('error')}")
        return answer

    def voices(self) -> tuple[Voice, ...]:
        """The driver's voices."""
        if self._voices is None:
            answer = self._ask({"op": "voices"}, self.default_timeout)
            self._voices = tuple(Voice(str(i), str(n), tuple(langs), g)
                                 for i, n, langs, g in answer.get("voices", []))
        return self._voices

    def synthesize_one(self, item: Item, settings: Settings, timeout: float) -> Raw:
        """One ``save_to_file`` + ``runAndWait`` in the worker; read the WAV back."""
        if settings.voice is not None:
            ids = {v.id for v in self.voices()} | {v.name for v in self.voices()}
            if settings.voice not in ids:
                raise OptionError(f"pyttsx3 has no voice {settings.voice!r} "
                                  f"(see 'a11yrender engines')")
        fd, path = tempfile.mkstemp(prefix="a11yrender-pyttsx3-", suffix=".wav")
        os.close(fd)
        try:
            request = {"op": "synth", "text": item.text, "path": path,
                       "voice": settings.voice, "rate": settings.rate or 175,
                       "volume": min(1.0, 1.0 if settings.volume is None else settings.volume),
                       "pitch": None if settings.pitch is None
                       else max(0, min(99, round(50 * settings.pitch))),
                       "timeout": timeout}
            answer = self._ask(request, timeout, grace=min(5.0, timeout))
            try:
                with wave.open(path, "rb") as w:
                    audio = Audio(w.readframes(w.getnframes()), w.getframerate(),
                                  w.getnchannels(), w.getsampwidth())
            except (OSError, EOFError, wave.Error) as err:
                raise SpeechEngineError(f"pyttsx3 wrote no usable WAV file ({err})") from err
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)
        if audio.frames == 0:
            raise SpeechEngineError("pyttsx3 produced no audio")
        # pyttsx3 gives 1-based offsets (text_position) and no audio time.
        words: list[tuple[int, int, float | None]] = [
            (int(loc) - 1, int(length or 0), None)
            for loc, length in answer.get("words", []) if loc is not None]
        return Raw(audio, words)
