"""The ``espeak`` engine: espeak-ng through ``libespeak-ng.so.1`` (ctypes).

The library runs in synchronous mode: ``espeak_Synth`` calls our callback
with PCM and events (word, mark, sentence, end) carrying the sample they
fall on, so word and mark events line up with the audio exactly. Calls run
on one long-lived worker thread, waited for with a timeout; the callback asks espeak to
stop once the time is up, and a library that still does not return is left
behind and the command line used from then on. When the library cannot be
loaded, the ``espeak-ng`` command line (``-w file``) is used: same voices and
SSML, but no events.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import warnings
import wave
from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import EngineUnavailableError, OptionError, RenderWarning, SpeechEngineError
from . import Audio, BaseEngine, Capabilities, Item, Raw, Settings, Voice

__all__ = ["EspeakEngine"]

INSTALL = "apt-get install espeak-ng"
DEFAULT_LIBRARY = "libespeak-ng.so.1"
DEFAULT_EXECUTABLE = "espeak-ng"

# espeak_lib.h constants (espeak-ng 1.49+).
_SYNCHRONOUS = 2
_DONT_EXIT = 0x8000  # espeakINITIALIZE_DONT_EXIT: never exit() the process on bad data
_CHARS_UTF8 = 1
_SSML = 0x10
_POS_CHARACTER = 1
_RATE, _VOLUME, _PITCH = 1, 2, 3
_EV_END_LIST, _EV_WORD, _EV_SENTENCE, _EV_MARK = 0, 1, 2, 3
_EE_OK = 0
_DEFAULT_RATE, _DEFAULT_PITCH, _DEFAULT_VOLUME = 175, 50, 100


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p),
                ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", _EventId)]


class _Voice(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_void_p),
                ("identifier", ctypes.c_char_p), ("gender", ctypes.c_ubyte),
                ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte), ("xx1", ctypes.c_ubyte),
                ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


@dataclass(slots=True)
class _Collect:
    """What the callback gathers for one call."""

    chunks: list[bytes] = field(default_factory=list)
    words: list[tuple[int, int, int]] = field(default_factory=list)  # pos, len, sample
    marks: list[tuple[str, int, int]] = field(default_factory=list)  # name, pos, sample
    cancel: bool = False


_Job = tuple[Callable[[], None], "_Collect | None", threading.Event, list[BaseException]]


class _Library:
    """One loaded, initialised libespeak-ng: process-wide state, used under a lock."""

    def __init__(self, path: str) -> None:
        self.dll = ctypes.CDLL(path)
        d = self.dll
        d.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                        ctypes.c_int]
        d.espeak_Initialize.restype = ctypes.c_int
        d.espeak_SetSynthCallback.argtypes = [_Callback]
        d.espeak_SetSynthCallback.restype = None
        d.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                   ctypes.c_uint, ctypes.c_uint, ctypes.POINTER(ctypes.c_uint),
                                   ctypes.c_void_p]
        d.espeak_Synth.restype = ctypes.c_int
        d.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        d.espeak_SetParameter.restype = ctypes.c_int
        d.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        d.espeak_SetVoiceByName.restype = ctypes.c_int
        d.espeak_SetVoiceByProperties.argtypes = [ctypes.POINTER(_Voice)]
        d.espeak_SetVoiceByProperties.restype = ctypes.c_int
        d.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        d.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        self.lock = threading.Lock()
        self.sample_rate = 0
        self.stuck = False
        self._current: _Collect | None = None
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        #: The (name, language) the library's voice was last set from; setting the
        #: same voice again reloads it, which costs more than a short sentence.
        self.voice_key: tuple[str | None, str | None] | None = None
        self._callback = _Callback(self._on_synth)  # kept alive as long as the library

    def initialise(self) -> None:
        """``espeak_Initialize`` once (synchronous mode); raises OSError on failure."""
        if self.sample_rate:
            return
        rate = self.dll.espeak_Initialize(_SYNCHRONOUS, 0, None, _DONT_EXIT)
        if rate <= 0:
            raise OSError(f"espeak_Initialize failed ({rate}): espeak-ng-data not found?")
        self.dll.espeak_SetSynthCallback(self._callback)
        self.sample_rate = rate

    def _on_synth(self, wav: ctypes._Pointer[ctypes.c_short], count: int,
                  events: ctypes._Pointer[_Event]) -> int:
        sink = self._current
        if sink is None:
            return 0
        if count > 0 and wav:
            sink.chunks.append(ctypes.string_at(wav, count * 2))
        i = 0
        while events[i].type != _EV_END_LIST:
            ev = events[i]
            if ev.type == _EV_WORD:
                sink.words.append((ev.text_position, ev.length, ev.sample))
            elif ev.type == _EV_MARK:
                # The name is only valid during the callback: copy it now.
                name = ev.id.name.decode("utf-8", "replace") if ev.id.name else ""
                sink.marks.append((name, ev.text_position, ev.sample))
            i += 1
        return 1 if sink.cancel else 0  # 1 asks espeak to abandon the synthesis

    def run(self, job: Callable[[], None], timeout: float, sink: _Collect | None) -> None:
        """Run ``job`` under the lock on the worker thread; give up after ``timeout``."""
        if not self.lock.acquire(timeout=timeout):
            raise SpeechEngineError(f"espeak-ng library busy for more than {timeout:g} s")
        done = threading.Event()
        failure: list[BaseException] = []
        try:
            self._start_worker()
        except RuntimeError as err:  # no thread: nothing will release the lock
            self.lock.release()
            raise SpeechEngineError(f"cannot start an espeak-ng worker thread: {err}") from err
        self._jobs.put((job, sink, done, failure))
        if not done.wait(timeout):
            if sink is not None:
                sink.cancel = True
            if not done.wait(1.0):
                self.stuck = True
            raise SpeechEngineError(f"espeak-ng did not finish within {timeout:g} s")
        if failure:
            raise failure[0]

    def _start_worker(self) -> None:
        # One long-lived thread: starting a thread per utterance costs more than the
        # library call itself on short sentences.
        if self._thread is None or not self._thread.is_alive():
            thread = threading.Thread(target=self._serve, name="a11yrender-espeak",
                                      daemon=True)
            thread.start()
            self._thread = thread

    def _serve(self) -> None:
        while True:
            job, sink, done, failure = self._jobs.get()
            try:
                self._current = sink
                job()
            except BaseException as err:  # handed to the caller by run()
                failure.append(err)
                self.voice_key = None  # the library's voice is unknown after a failure
            finally:
                self._current = None
                self.lock.release()
                done.set()

    def voices(self) -> list[Voice]:
        """``espeak_ListVoices``, parsed (languages are priority-byte + name lists)."""
        out: list[Voice] = []
        table = self.dll.espeak_ListVoices(None)
        k = 0
        while table and table[k]:
            v = table[k].contents
            langs: list[str] = []
            p = v.languages
            while p:
                prio = ctypes.string_at(p, 1)
                if prio == b"\0":
                    break
                lang = ctypes.string_at(p + 1)
                if not lang:
                    break
                langs.append(lang.decode("ascii", "replace"))
                p += len(lang) + 2
            gender = {1: "male", 2: "female"}.get(v.gender)
            ident = (v.identifier or b"").decode("utf-8", "replace")
            out.append(Voice(ident, (v.name or b"").decode("utf-8", "replace"),
                             tuple(langs), gender))
            k += 1
        return out

    def set_voice(self, name: str | None, lang: str | None) -> bool:
        """Select a voice by name, else by language; False if neither was found."""
        key = (name, (lang or "en").lower())
        if key == self.voice_key:
            return True
        self.voice_key = None
        if name is not None:
            ok = int(self.dll.espeak_SetVoiceByName(name.encode("utf-8"))) == _EE_OK
        else:
            spec = _Voice()
            code = ctypes.create_string_buffer(key[1].encode("ascii", "replace"))
            spec.languages = ctypes.cast(code, ctypes.c_void_p)
            ok = int(self.dll.espeak_SetVoiceByProperties(ctypes.byref(spec))) == _EE_OK
        if ok:
            self.voice_key = key
        return ok

    def set_params(self, settings: Settings) -> None:
        # Parameters are process-wide: set every one on every call.
        d = self.dll
        d.espeak_SetParameter(_RATE, settings.rate or _DEFAULT_RATE, 0)
        pitch = 1.0 if settings.pitch is None else settings.pitch
        d.espeak_SetParameter(_PITCH, max(0, min(100, round(_DEFAULT_PITCH * pitch))), 0)
        volume = 1.0 if settings.volume is None else settings.volume
        d.espeak_SetParameter(_VOLUME, max(0, min(200, round(_DEFAULT_VOLUME * volume))), 0)


_LIBRARIES: dict[str, _Library] = {}
_LIBRARIES_LOCK = threading.Lock()


def _load(path: str) -> _Library:
    with _LIBRARIES_LOCK:
        key = os.path.realpath(path) if os.sep in path else path
        lib = _LIBRARIES.get(key)
        if lib is None:
            lib = _Library(path)
            _LIBRARIES[key] = lib
        return lib


def _primary(lang: str | None) -> str:
    return (lang or "").split("-")[0].lower()


class EspeakEngine(BaseEngine):
    """espeak-ng: word and mark events with audio positions, SSML, many languages.

    ``library``: the shared library to load (default ``libespeak-ng.so.1``);
    ``executable``: the command line used when the library cannot be loaded
    (default ``espeak-ng`` on the PATH); ``use_library=False`` forces it.
    """

    name = "espeak"
    default_timeout = 30.0

    def __init__(self, library: str | None = None, executable: str | None = None,
                 use_library: bool = True) -> None:
        self.library_path = library or DEFAULT_LIBRARY
        self.executable = executable or DEFAULT_EXECUTABLE
        self.use_library = use_library
        self._lib: _Library | None = None
        self._lib_error: str | None = None
        self._voices: tuple[Voice, ...] | None = None
        self._warned: set[str] = set()

    # -- what is there -----------------------------------------------------------

    def _library(self) -> _Library | None:
        if not self.use_library:
            return None
        if self._lib is None and self._lib_error is None:
            try:
                self._lib = _load(self.library_path)
            except OSError as err:
                self._lib_error = str(err)
        if self._lib is not None and self._lib.stuck:
            if "stuck" not in self._warned:
                self._warned.add("stuck")
                warnings.warn("the espeak-ng library did not return from a call; using the "
                              "espeak-ng command line (no word events) from now on",
                              RenderWarning, stacklevel=3)
            return None
        return self._lib

    def _cli(self) -> str | None:
        return shutil.which(self.executable)

    @property
    def mode(self) -> str:
        """``"library"``, ``"command"`` (the fallback) or ``"none"``."""
        if self._library() is not None:
            return "library"
        return "command" if self._cli() else "none"

    @property
    def capabilities(self) -> Capabilities:
        """Events (word, mark, timed) only through the library."""
        lib = self.mode == "library"
        return Capabilities(ssml=True, marks=lib, word_events=lib, timed_events=lib,
                            playback=False)

    def available(self) -> tuple[bool, str]:
        """Usable when the library loads or the command line exists."""
        if self.mode != "none":
            return True, ""
        why = []
        if self.use_library:
            why.append(f"cannot load {self.library_path} ({self._lib_error})")
        why.append(f"no {self.executable} command")
        return False, f"espeak-ng is not installed ({'; '.join(why)}): {INSTALL}"

    def sample_rate_hint(self) -> int:
        """22,050 Hz until the library says otherwise."""
        return self._lib.sample_rate if self._lib and self._lib.sample_rate else 22050

    def voices(self) -> tuple[Voice, ...]:
        """``espeak_ListVoices`` through the library, else ``espeak-ng --voices``."""
        if self._voices is None:
            self.require()
            lib = self._library()
            if lib is not None:
                found: list[Voice] = []

                def job() -> None:
                    lib.initialise()
                    found.extend(lib.voices())

                lib.run(job, self.default_timeout, None)
                self._voices = tuple(found)
            else:
                self._voices = self._cli_voices()
        return self._voices

    def _cli_voices(self) -> tuple[Voice, ...]:
        exe = self._cli()
        if exe is None:
            raise EngineUnavailableError(f"espeak-ng is not installed: {INSTALL}")
        try:
            done = subprocess.run([exe, "--voices"], capture_output=True, text=True,
                                  timeout=self.default_timeout, check=True)
        except (OSError, subprocess.SubprocessError) as err:
            raise SpeechEngineError(f"espeak-ng --voices failed: {err}") from err
        out: list[Voice] = []
        for line in done.stdout.splitlines()[1:]:
            cols = line.split()
            # Pty Language Age/Gender VoiceName File [Other Languages]
            if len(cols) >= 5:
                gender = {"M": "male", "F": "female"}.get(cols[2][-1:])
                out.append(Voice(cols[4], cols[3], (cols[1],), gender))
        return tuple(out)

    # -- synthesis ---------------------------------------------------------------

    def _voice_for(self, item: Item, settings: Settings) -> str | None:
        """The voice name to select, or None to choose by the item's language."""
        if settings.voice is None:
            return None
        if item.lang is None:
            return settings.voice
        want = _primary(item.lang)
        voice = settings.voice.lower()
        base = voice.split("+")[0].split("/")[-1]
        if _primary(base) == want:
            return settings.voice
        for v in self._voices or ():
            if settings.voice in (v.id, v.name) and any(_primary(x) == want
                                                        for x in v.languages):
                return settings.voice
        return None  # a span in another language: that language's voice

    def synthesize_one(self, item: Item, settings: Settings, timeout: float) -> Raw:
        """One espeak_Synth call (or one command-line run)."""
        lib = self._library()
        if lib is None:
            return self._synthesize_cli(item, settings, timeout)
        if settings.voice is not None and self._voices is None and item.lang is not None:
            self.voices()
        sink = _Collect()
        voice = self._voice_for(item, settings)
        data = item.text.encode("utf-8") + b"\0"
        flags = _CHARS_UTF8 | (_SSML if item.ssml else 0)
        status: list[int] = []
        problem: list[str] = []

        def job() -> None:
            lib.initialise()
            if not lib.set_voice(voice, item.lang):
                if voice is not None:
                    problem.append("voice")
                    return
                # No voice for this language: say so once, speak with the default.
                problem.append("lang")
                lib.set_voice("en", None)
            lib.set_params(settings)
            if item.ssml:
                lib.voice_key = None  # <voice> and xml:lang in SSML change the voice
            status.append(int(lib.dll.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, flags,
                                                   None, None)))

        try:
            lib.run(job, timeout, sink)
        except OSError as err:
            raise EngineUnavailableError(f"espeak-ng library unusable ({err}): {INSTALL}") \
                from err
        if "voice" in problem:
            raise OptionError(f"espeak-ng has no voice {settings.voice!r} "
                              f"(see 'a11yrender engines' or 'espeak-ng --voices')")
        if "lang" in problem and item.lang not in self._warned:
            self._warned.add(item.lang or "")
            warnings.warn(f"espeak-ng has no voice for {item.lang!r}; using English",
                          RenderWarning, stacklevel=4)
        if status and status[0] != _EE_OK:
            raise SpeechEngineError(f"espeak_Synth failed with code {status[0]}")
        rate = lib.sample_rate

        def ms(sample: int) -> float:
            return sample * 1000.0 / rate

        return Raw(Audio(b"".join(sink.chunks), rate),
                   [(pos - 1, length, ms(sample)) for pos, length, sample in sink.words],
                   [(name, max(0, pos - 1), ms(sample)) for name, pos, sample in sink.marks])

    def _synthesize_cli(self, item: Item, settings: Settings, timeout: float) -> Raw:
        exe = self._cli()
        if exe is None:
            raise EngineUnavailableError(self.available()[1])
        pitch = 1.0 if settings.pitch is None else settings.pitch
        volume = 1.0 if settings.volume is None else settings.volume
        voice = self._voice_for(item, settings) or (item.lang or "en").lower()
        with tempfile.TemporaryDirectory(prefix="a11yrender-espeak-") as tmp:
            out = os.path.join(tmp, "out.wav")
            cmd = [exe, "-w", out, "-b", "1", "-v", voice,
                   "-s", str(settings.rate or _DEFAULT_RATE),
                   "-p", str(max(0, min(99, round(_DEFAULT_PITCH * pitch)))),
                   "-a", str(max(0, min(200, round(_DEFAULT_VOLUME * volume)))),
                   "--stdin"]
            if item.ssml:
                cmd.append("-m")
            try:
                done = subprocess.run(cmd, input=item.text.encode("utf-8"),
                                      capture_output=True, timeout=timeout)
            except subprocess.TimeoutExpired as err:
                raise SpeechEngineError(f"espeak-ng did not finish within {timeout:g} s") \
                    from err
            except OSError as err:
                raise EngineUnavailableError(f"cannot run {exe} ({err}): {INSTALL}") from err
            message = " ".join(done.stderr.decode("utf-8", "replace").split())
            if done.returncode != 0 or not os.path.exists(out):
                raise SpeechEngineError(f"espeak-ng exited with {done.returncode}: "
                                        f"{message or 'no output'}")
            try:
                with wave.open(out, "rb") as w:
                    audio = Audio(w.readframes(w.getnframes()), w.getframerate(),
                                  w.getnchannels(), w.getsampwidth())
            except (OSError, EOFError, wave.Error) as err:
                raise SpeechEngineError(f"espeak-ng wrote a bad WAV file: {err}") from err
        return Raw(audio)
