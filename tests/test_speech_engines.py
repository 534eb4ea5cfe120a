"""Speech engines: espeak (library and command line), pyttsx3 (worker process),
recorder; the registry; events that point at the right words; errors."""

from __future__ import annotations

import itertools
import re
import shutil
import time
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import a11yrender as ar
from a11yrender.errors import (
    EngineUnavailableError,
    OptionError,
    SpeechEngineError,
    UnknownFormatError,
)
from a11yrender.speech.engines import (
    ENGINES,
    Audio,
    Engine,
    SpeechEvent,
    Synthesis,
    align_words,
    engine_status,
    get_engine,
    is_ssml,
)
from a11yrender.speech.engines.espeak import EspeakEngine
from a11yrender.speech.engines.pyttsx3 import Pyttsx3Engine
from a11yrender.speech.engines.recorder import RecorderEngine
from a11yrender.speech.plan import Utterance

from .conftest import EXAMPLE

ESPEAK_OK, ESPEAK_WHY = EspeakEngine().available()
PYTTSX3_OK, PYTTSX3_WHY = Pyttsx3Engine().available()
needs_espeak = pytest.mark.skipif(not ESPEAK_OK, reason=f"espeak-ng: {ESPEAK_WHY}")
needs_espeak_cli = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                      reason="espeak-ng command line not installed")
needs_pyttsx3 = pytest.mark.skipif(not PYTTSX3_OK, reason=f"pyttsx3: {PYTTSX3_WHY}")

NO_LIB = "/nonexistent/a11yrender-test/libespeak-ng.so.1"
NO_EXE = "/nonexistent/a11yrender-test/espeak-ng"


@pytest.fixture(scope="module")
def plan() -> tuple[Utterance, ...]:
    return ar.plan_speech(ar.read(str(EXAMPLE)))


@pytest.fixture(scope="module")
def espeak_result(plan: tuple[Utterance, ...]) -> Synthesis:
    if not ESPEAK_OK:
        pytest.skip(ESPEAK_WHY)
    return EspeakEngine().synthesize(plan)


@pytest.fixture(scope="module")
def pyttsx3_engine() -> Iterator[Pyttsx3Engine]:
    if not PYTTSX3_OK:
        pytest.skip(PYTTSX3_WHY)
    engine = Pyttsx3Engine()
    yield engine
    engine.close()


def spoken_words(plan: tuple[Utterance, ...]) -> int:
    return sum(len(u.text.split()) for u in plan)


def peak(audio: Audio) -> int:
    samples = memoryview(audio.pcm).cast("h")
    return max(abs(min(samples)), max(samples)) if len(samples) else 0


def check_duration(audio: Audio, plan: tuple[Utterance, ...]) -> None:
    """Between 300 and 80 words per minute, plus the plan's pauses."""
    words = spoken_words(plan)
    pauses = sum(u.pause_ms for u in plan)
    assert words / 300 * 60000 <= audio.duration_ms <= words / 80 * 60000 + pauses


def check_word_events(result: Synthesis, plan: tuple[Utterance, ...], *,
                      timed: bool) -> list[SpeechEvent]:
    """Word events come in order and point at the words of the source."""
    words = [e for e in result.events if e.kind == "word"]
    assert words
    last = (-1, -1)
    same = plain = 0
    for ev in words:
        u = plan[ev.utterance]
        assert ev.index == u.index
        assert (ev.utterance, ev.text_start) > last  # strictly in reading order
        last = (ev.utterance, ev.text_start)
        plan_word = next(w for w in u.words if (w[0], w[1]) == (ev.text_start, ev.text_end))
        assert (ev.source_start, ev.source_end) == (plan_word[2], plan_word[3])
        assert ev.source_start is not None and ev.source_end is not None
        source = u.display[ev.source_start - u.source_start:ev.source_end - u.source_start]
        spoken = u.text[ev.text_start:ev.text_end]
        written = re.sub(r"\W+$", "", source)
        if re.fullmatch(r"[A-Za-z']+", written):
            plain += 1
            same += written == re.sub(r"\W+$", "", spoken)
        if timed:
            assert ev.audio_ms is not None
        else:
            assert ev.audio_ms is None
    # Plain words are said as written: offsets that slipped would break this.
    assert plain and same >= 0.95 * plain
    if timed:
        times = [e.audio_ms for e in words if e.audio_ms is not None]
        assert len(times) == len(words)
        assert times == sorted(times)
        assert all(t is not None and 0 <= t <= result.audio.duration_ms for t in times)
    # Nearly every planned word is reported (numbers and some names may merge).
    assert len(words) >= 0.9 * sum(len(u.words) for u in plan)
    return words


# --------------------------------------------------------------------------- registry


def test_registry_lists_the_built_in_engines() -> None:
    assert {"espeak", "pyttsx3", "recorder"} <= set(ENGINES.names())
    group = {ep.name: ep.value for ep in entry_points(group="a11yrender.speech_engines")}
    assert group["espeak"] == "a11yrender.speech.engines.espeak:EspeakEngine"
    assert group["pyttsx3"] == "a11yrender.speech.engines.pyttsx3:Pyttsx3Engine"
    assert group["recorder"] == "a11yrender.speech.engines.recorder:RecorderEngine"
    for name in ("espeak", "pyttsx3", "recorder"):
        engine = get_engine(name)
        assert isinstance(engine, Engine)
        assert engine.name == name


def test_unknown_engine_lists_the_others() -> None:
    with pytest.raises(UnknownFormatError, match=r"espeak.*pyttsx3.*recorder"):
        get_engine("festival")


def test_engine_status_says_why_not() -> None:
    status = engine_status()
    assert status["recorder"] == (True, "")
    for _name, (ok, why) in status.items():
        assert ok or why


def test_is_ssml() -> None:
    assert is_ssml('<?xml version="1.0"?>\n<speak version="1.1">Hi</speak>')
    assert is_ssml("  <speak>Hi</speak>")
    assert not is_ssml("speak <speak> later")


def test_align_words_moves_forward_and_never_invents() -> None:
    words = ((0, 5, 0, 5), (6, 10, 6, 10), (11, 14, 11, 14))
    # a split number (two reports in word 1), a zero-length report, a bad offset
    reported = [(0, 5, 0.0), (6, 2, 10.0), (8, 2, 20.0), (3, 0, 25.0), (-1, 3, 26.0)]
    assert align_words(words, reported) == [(words[0], 0.0), (words[1], 10.0)]


def test_bad_settings_are_option_errors() -> None:
    engine = RecorderEngine()
    with pytest.raises(OptionError, match="rate"):
        engine.synthesize("Hello", rate=5)
    with pytest.raises(OptionError, match="pitch"):
        engine.synthesize("Hello", pitch=3.0)
    with pytest.raises(OptionError, match="timeout"):
        engine.synthesize("Hello", timeout=0)


# --------------------------------------------------------------------------- recorder


def test_recorder_simulated_clock(plan: tuple[Utterance, ...]) -> None:
    engine = RecorderEngine(wpm=120, sample_rate=8000)
    result = engine.synthesize(plan)
    per_word = 60000 / 120
    expected = spoken_words(plan) * per_word + sum(u.pause_ms for u in plan)
    assert result.audio.duration_ms == pytest.approx(expected, abs=len(plan))
    assert peak(result.audio) == 0  # no sound, only time
    assert [r.text for r in engine.log] == [u.text for u in plan]
    check_word_events(result, plan, timed=True)
    long = next(u for u in plan if len(u.words) >= 3)
    first = [e for e in result.events if e.kind == "word" and e.index == long.index][:3]
    start = result.spans[long.index][0]
    assert first[0].audio_ms == start
    assert [e.audio_ms for e in first] == pytest.approx([start, start + per_word,
                                                         start + 2 * per_word])


def test_recorder_reads_ssml_marks_and_breaks() -> None:
    ssml = ('<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis">'
            '<mark name="a"/>One two. <break time="500ms"/><mark name="b"/>'
            '<sub alias="North Korea">N. Korea</sub></speak>')
    result = RecorderEngine(wpm=60).synthesize(ssml)
    marks = [(e.name, e.audio_ms) for e in result.events if e.kind == "mark"]
    assert marks == [("a", 0.0), ("b", 2500.0)]
    assert result.audio.duration_ms == pytest.approx(4500, abs=1)


def test_recorder_failure_names_the_utterance(plan: tuple[Utterance, ...]) -> None:
    with pytest.raises(SpeechEngineError, match=r"recorder: utterance 4 .*simulated failure"):
        RecorderEngine(fail_at=4).synthesize(plan)


# --------------------------------------------------------------------------- espeak


@needs_espeak
def test_espeak_example_audio(espeak_result: Synthesis, plan: tuple[Utterance, ...]) -> None:
    audio = espeak_result.audio
    assert (audio.sample_rate, audio.channels, audio.sample_width) == (22050, 1, 2)
    assert peak(audio) > 3000
    check_duration(audio, plan)
    spans = espeak_result.spans
    assert len(spans) == len(plan)
    for (start, end), (next_start, _) in itertools.pairwise(spans):
        assert start < end <= next_start
    assert spans[-1][1] <= audio.duration_ms


@needs_espeak
def test_espeak_word_events_point_at_the_source(espeak_result: Synthesis,
                                                plan: tuple[Utterance, ...]) -> None:
    words = check_word_events(espeak_result, plan, timed=True)
    # "N. Korea" in the headline is said "North Korea": both words point at it.
    headline = next(u for u in plan if u.unit_kind == "headline")
    said = [(headline.text[e.text_start:e.text_end],
             headline.display[e.source_start or 0:e.source_end or 0])
            for e in words if e.index == headline.index]
    assert ("North", "N. Korea") in said and ("Korea", "N. Korea") in said
    # Each word falls inside its utterance's audio.
    for ev in words:
        start, end = espeak_result.spans[ev.utterance]
        assert ev.audio_ms is not None and start <= ev.audio_ms <= end


@needs_espeak
def test_espeak_marks_from_ssml(plan: tuple[Utterance, ...]) -> None:
    parts = [f'<mark name="u{u.index}"/>{escape(u.text)}<break time="{u.pause_ms}ms"/>'
             for u in plan]
    ssml = f'<speak version="1.1" xml:lang="en">{"".join(parts)}</speak>'
    result = EspeakEngine().synthesize(ssml)
    marks = [e for e in result.events if e.kind == "mark"]
    assert [m.name for m in marks] == [f"u{u.index}" for u in plan]
    times = [m.audio_ms for m in marks if m.audio_ms is not None]
    assert times == sorted(times) and len(set(times)) == len(times)
    exact = 0
    for mark, u in zip(marks, plan, strict=True):
        # The mark points at the first word of its utterance in the SSML source
        # (espeak-ng's SSML offsets sometimes lag by a tag's length: allow that).
        tag = f'<mark name="u{u.index}"/>'
        here = ssml.index(tag) + len(tag)
        assert ssml[here:].startswith(escape(u.text.split()[0]))
        assert here - 30 <= mark.text_start <= here
        exact += mark.text_start == here
    assert exact >= 0.9 * len(marks)
    # Word offsets count SSML source characters.
    for ev in (e for e in result.events if e.kind == "word"):
        assert not ssml[ev.text_start:ev.text_end].startswith("<")


@needs_espeak
def test_espeak_reads_the_ssml_renderer_output() -> None:
    doc = ar.read(str(EXAMPLE))
    try:
        ssml = ar.render(doc, "ssml")
    except UnknownFormatError:
        pytest.skip("the SSML renderer is not registered")
    marks = [e for e in EspeakEngine().synthesize(ssml).events if e.kind == "mark"]
    names = re.findall(r'<mark name="([^"]+)"', ssml)
    assert names and [m.name for m in marks] == names


@needs_espeak
def test_espeak_voice_and_language() -> None:
    engine = EspeakEngine()
    voices = engine.voices()
    assert any("fr" in v.languages for v in voices)
    klatt = engine.synthesize("Hello there.", voice="en-us+klatt")
    assert peak(klatt.audio) > 1000
    with pytest.raises(OptionError, match="no voice"):
        engine.synthesize("Hello", voice="no-such-voice-xyz")
    fast = engine.synthesize("one two three four five six seven eight", rate=400)
    slow = engine.synthesize("one two three four five six seven eight", rate=100)
    assert fast.audio.duration_ms < slow.audio.duration_ms / 2


@needs_espeak
def test_espeak_timeout_is_a_clear_error_and_the_engine_recovers() -> None:
    engine = EspeakEngine()
    long_text = " ".join(["The quick brown fox jumps over the lazy dog."] * 400)
    started = time.monotonic()
    with pytest.raises(SpeechEngineError, match="did not finish within"):
        engine.synthesize(long_text, timeout=0.001)
    assert time.monotonic() - started < 5
    assert engine.synthesize("Still working.").audio.frames > 0


@needs_espeak_cli
def test_espeak_command_line_fallback() -> None:
    engine = EspeakEngine(library=NO_LIB)
    assert engine.available() == (True, "")
    assert engine.mode == "command"
    caps = engine.capabilities
    assert caps.ssml and not caps.word_events and not caps.timed_events
    result = engine.synthesize("Japan and North Korea held talks.")
    assert result.audio.sample_rate == 22050 and peak(result.audio) > 3000
    assert [e.kind for e in result.events] == ["start", "end"]
    assert any(v.id for v in engine.voices())


def test_espeak_missing_names_what_to_install() -> None:
    engine = EspeakEngine(library=NO_LIB, executable=NO_EXE)
    ok, why = engine.available()
    assert not ok and "apt-get install espeak-ng" in why
    with pytest.raises(EngineUnavailableError, match="apt-get install espeak-ng"):
        engine.synthesize("Hello")


# --------------------------------------------------------------------------- pyttsx3


@needs_pyttsx3
def test_pyttsx3_example_audio_and_untimed_events(pyttsx3_engine: Pyttsx3Engine,
                                                  plan: tuple[Utterance, ...]) -> None:
    caps = pyttsx3_engine.capabilities
    assert caps.word_events and not caps.timed_events and not caps.ssml
    result = pyttsx3_engine.synthesize(plan)
    audio = result.audio
    assert (audio.sample_rate, audio.channels, audio.sample_width) == (22050, 1, 2)
    assert peak(audio) > 3000
    check_duration(audio, plan)
    check_word_events(result, plan, timed=False)


@needs_pyttsx3
def test_pyttsx3_traps_do_not_reach_the_caller(pyttsx3_engine: Pyttsx3Engine) -> None:
    # A fresh worker: its first runAndWait returns before the file is written.
    pyttsx3_engine.close()
    text = "Japan and North Korea remain far apart on key issues."
    first = pyttsx3_engine.synthesize(text)
    again = pyttsx3_engine.synthesize(text)
    other = pyttsx3_engine.synthesize("Short.")
    assert first.audio.frames > 0
    assert first.audio.frames == pytest.approx(again.audio.frames, rel=0.02)  # whole file
    assert other.audio.frames < first.audio.frames / 3  # not stale text, not the last file


@needs_pyttsx3
def test_pyttsx3_timeout_kills_the_worker_and_recovers(pyttsx3_engine: Pyttsx3Engine) -> None:
    long_text = " ".join(["The quick brown fox jumps over the lazy dog."] * 300)
    with pytest.raises(SpeechEngineError, match=r"did not finish|finished-utterance"):
        pyttsx3_engine.synthesize(long_text, timeout=0.001)
    assert pyttsx3_engine.synthesize("Working again.").audio.frames > 0


@needs_pyttsx3
def test_pyttsx3_rejects_ssml_and_unknown_voices(pyttsx3_engine: Pyttsx3Engine) -> None:
    with pytest.raises(OptionError, match="SSML"):
        pyttsx3_engine.synthesize("<speak>Hi</speak>")
    with pytest.raises(OptionError, match="no voice"):
        pyttsx3_engine.synthesize("Hi", voice="no-such-voice-xyz")
    assert any(v.id for v in pyttsx3_engine.voices())


def test_pyttsx3_missing_names_what_to_install() -> None:
    engine = Pyttsx3Engine(package="a11yrender_test_no_such_pyttsx3")
    ok, why = engine.available()
    assert not ok and "pip install pyttsx3" in why
    with pytest.raises(EngineUnavailableError, match="pip install pyttsx3"):
        engine.synthesize("Hello")
    assert not Pyttsx3Engine(python="/nonexistent/a11yrender-test/python").available()[0]


@needs_pyttsx3
def test_pyttsx3_worker_that_cannot_start_is_unavailable() -> None:
    # A package that exists but is not pyttsx3: the worker reports it cannot init.
    engine = Pyttsx3Engine(package="json")
    with pytest.raises(EngineUnavailableError, match="cannot start"):
        engine.synthesize("Hello")


FAKE_PYTTSX3 = '''
"""A stand-in for pyttsx3 that crashes or hangs on a chosen utterance."""
import os, sys, time, wave

class _Engine:
    def __init__(self):
        self.cbs = {}
        self.calls = 0
        self.job = None

    def connect(self, topic, cb):
        self.cbs.setdefault(topic, []).append(cb)

    def setProperty(self, name, value):
        pass

    def getProperty(self, name):
        return []

    def save_to_file(self, text, path):
        self.job = (text, path)

    def runAndWait(self):
        self.calls += 1
        mode, at = os.environ["FAKE_PYTTSX3"].split(":")
        if self.calls == int(at):
            if mode == "crash":
                os._exit(3)
            time.sleep(3600)  # hang
        text, path = self.job
        with wave.open(path, "wb") as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
            w.writeframes(b"\\x10\\x00" * 2205 * len(text.split()))
        for cb in self.cbs.get("finished-utterance", []):
            cb(name=None, completed=True)

def init(driver=None):
    return _Engine()
'''


@pytest.fixture
def fake_pyttsx3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "fake_pyttsx3_for_tests.py").write_text(FAKE_PYTTSX3, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.syspath_prepend(str(tmp_path))
    return "fake_pyttsx3_for_tests"


def test_pyttsx3_worker_crash_midway_is_reported(fake_pyttsx3: str, monkeypatch: pytest.MonkeyPatch,
                                                 plan: tuple[Utterance, ...]) -> None:
    monkeypatch.setenv("FAKE_PYTTSX3", "crash:3")
    engine = Pyttsx3Engine(package=fake_pyttsx3, driver="fake")
    with pytest.raises(SpeechEngineError, match=r"utterance 2 .*worker exited"):
        engine.synthesize(plan[:5])
    # A fresh worker takes over: the engine is usable again.
    assert engine.synthesize(plan[:2]).audio.frames > 0
    engine.close()


def test_pyttsx3_worker_hang_midway_times_out(fake_pyttsx3: str, monkeypatch: pytest.MonkeyPatch,
                                              plan: tuple[Utterance, ...]) -> None:
    monkeypatch.setenv("FAKE_PYTTSX3", "hang:2")
    engine = Pyttsx3Engine(package=fake_pyttsx3, driver="fake")
    started = time.monotonic()
    with pytest.raises(SpeechEngineError, match=r"utterance 1 .*did not finish within 1 s"):
        engine.synthesize(plan[:4], timeout=1.0)
    assert time.monotonic() - started < 5
    assert engine._worker is None  # the hung worker was killed
    engine.close()
