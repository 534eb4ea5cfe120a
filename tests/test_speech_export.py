"""save_audio: real WAV files from espeak and pyttsx3, with captions, chapters
and a sync map timed from the samples written; the speak/engines commands."""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
import wave
from pathlib import Path

import pytest

import a11yrender as ar
from a11yrender.builder import doc, h, p, span
from a11yrender.errors import (
    EngineUnavailableError,
    NoAudioDeviceError,
    OptionError,
    SpeechEngineError,
)
from a11yrender.speech import cli_speak, sinks
from a11yrender.speech.engines.espeak import EspeakEngine
from a11yrender.speech.engines.pyttsx3 import Pyttsx3Engine
from a11yrender.speech.engines.recorder import RecorderEngine
from a11yrender.speech.export import AudioExport
from a11yrender.speech.plan import Utterance

from .conftest import EXAMPLE

ESPEAK_OK, ESPEAK_WHY = EspeakEngine().available()
PYTTSX3_OK, PYTTSX3_WHY = Pyttsx3Engine().available()
needs_espeak = pytest.mark.skipif(not ESPEAK_OK, reason=f"espeak-ng: {ESPEAK_WHY}")
needs_pyttsx3 = pytest.mark.skipif(not PYTTSX3_OK, reason=f"pyttsx3: {PYTTSX3_WHY}")

STAMP = r"(\d\d):(\d\d):(\d\d)[.,](\d\d\d)"
CUE = re.compile(rf"^(\d+)\n{STAMP} --> {STAMP}\n(.+?)(?:\n\n|\n?$)", re.M | re.S)


def ms(groups: tuple[str, ...]) -> int:
    hh, mm, ss, milli = (int(g) for g in groups)
    return ((hh * 60 + mm) * 60 + ss) * 1000 + milli


def parse_cues(text: str) -> list[tuple[int, int, str]]:
    """(start ms, end ms, text) of each cue of a WebVTT or SRT file."""
    cues = []
    for m in CUE.finditer(text):
        g = m.groups()
        cues.append((ms(g[1:5]), ms(g[5:9]), g[9]))
    return cues


def unescape_vtt(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def check_wav(path: Path, plan: tuple[Utterance, ...]) -> float:
    """A real RIFF/WAVE file with speech in it, as long as the text implies."""
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
        frames = w.readframes(w.getnframes())
        duration = w.getnframes() * 1000 / w.getframerate()
    samples = memoryview(frames).cast("h")
    assert max(samples) > 3000 and min(samples) < -3000  # not silence
    loud = sum(1 for k in range(0, len(samples), 50) if abs(samples[k]) > 500)
    assert loud > len(samples) // 50 // 10  # speech throughout, not one click
    words = sum(len(u.text.split()) for u in plan)
    pauses = sum(u.pause_ms for u in plan)
    assert words / 300 * 60000 <= duration <= words / 80 * 60000 + pauses
    return duration


def check_captions(path: Path, plan: tuple[Utterance, ...], duration: float) -> None:
    """Ordered, one per sentence, every sentence covered, none after the audio ends."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".vtt":
        assert text.startswith("WEBVTT\n\n")
    cues = parse_cues(text)
    sentences = [u for u in plan if u.kind == "sentence"]
    assert len(cues) == len({u.sentence for u in sentences})
    assert [n for n, _ in enumerate(cues)] == list(range(len(cues)))
    last_end = 0
    for (start, end, _), (next_start, _, _) in zip(cues, [*cues[1:], (10**9, 0, "")],
                                                   strict=True):
        assert last_end <= start < end <= next_start
        last_end = end
    assert cues[-1][1] <= duration
    shown = [" ".join(unescape_vtt(c[2]).split()) for c in cues]
    assert shown == [" ".join(u.display.split()) for u in sentences]


@pytest.fixture(scope="module")
def example() -> ar.Document:
    return ar.read(str(EXAMPLE))


@pytest.fixture(scope="module")
def espeak_export(tmp_path_factory: pytest.TempPathFactory,
                  example: ar.Document) -> tuple[AudioExport, Path]:
    if not ESPEAK_OK:
        pytest.skip(ESPEAK_WHY)
    out = tmp_path_factory.mktemp("espeak")
    result = ar.save_audio(example, out / "article.wav", engine="espeak",
                           captions=out / "article.vtt", chapters=out / "chapters.json",
                           sync_map=out / "sync.json")
    return result, out


# --------------------------------------------------------------------------- espeak


@needs_espeak
def test_espeak_wav_and_captions(espeak_export: tuple[AudioExport, Path],
                                 example: ar.Document) -> None:
    result, out = espeak_export
    plan = ar.plan_speech(example)
    duration = check_wav(out / "article.wav", plan)
    assert result.duration_ms == pytest.approx(duration)
    check_captions(out / "article.vtt", plan, duration)
    assert set(result.files) == {out / "article.wav", out / "article.vtt",
                                 out / "chapters.json", out / "sync.json"}
    assert not [f for f in out.iterdir() if f.name.startswith(".")]  # no temp files left


@needs_espeak
def test_espeak_sync_map_and_chapters(espeak_export: tuple[AudioExport, Path],
                                      example: ar.Document) -> None:
    result, out = espeak_export
    plan = ar.plan_speech(example)
    sync = json.loads((out / "sync.json").read_text(encoding="utf-8"))
    assert sync["audio"] == "article.wav" and sync["sample_rate"] == 22050
    items = sync["utterances"]
    assert [i["index"] for i in items] == [u.index for u in plan]
    assert [i["text"] for i in items] == [u.text for u in plan]
    previous = 0
    for item, u in zip(items, plan, strict=True):
        assert (item["source_start"], item["source_end"]) == (u.source_start, u.source_end)
        assert tuple(item["path"]) == u.path
        assert previous <= item["start_ms"] < item["end_ms"] <= sync["duration_ms"]
        previous = item["end_ms"]
        starts = [w["start_ms"] for w in item["words"]]
        assert starts == sorted(starts)
        assert all(item["start_ms"] <= s <= item["end_ms"] for s in starts)
    chapters = json.loads((out / "chapters.json").read_text(encoding="utf-8"))["chapters"]
    assert chapters[0]["start_ms"] == 0 and chapters[-1]["end_ms"] == sync["duration_ms"]
    assert chapters[0]["title"] == "Talks Stall Between Japan, N. Korea"
    assert len(result.chapters) == len(chapters)


@needs_espeak
def test_espeak_word_captions(tmp_path: Path, example: ar.Document) -> None:
    result = ar.save_audio(example, tmp_path / "a.wav", captions=tmp_path / "a.srt",
                           word_captions=True)
    cues = parse_cues((tmp_path / "a.srt").read_text(encoding="utf-8"))
    assert len(cues) > 300
    for (start, end, _), (next_start, _, _) in itertools.pairwise(cues):
        assert start < end <= next_start
    assert cues[-1][1] <= result.duration_ms
    words = [c[2] for c in cues]
    assert words[:8] == ["Breaking", "News", "Talks", "Stall", "Between", "Japan,",
                         "N. Korea", "Japan"]
    assert "1910" in words and "1945." in words


@needs_espeak
def test_export_is_the_utterances_plus_the_pauses(example: ar.Document,
                                                         tmp_path: Path) -> None:
    plan = ar.plan_speech(example)
    engine = EspeakEngine()
    # The audio is exactly the utterances plus the plan's pauses, nothing more.
    result = ar.save_audio(plan, tmp_path / "a.wav", engine=engine)
    alone = engine.synthesize([u for u in plan]).audio.duration_ms
    # (espeak carries a little state from call to call: allow 0.5%)
    assert result.duration_ms == pytest.approx(alone, rel=0.005)


# --------------------------------------------------------------------------- pyttsx3


@needs_pyttsx3
def test_pyttsx3_wav_and_captions(tmp_path: Path, example: ar.Document) -> None:
    plan = ar.plan_speech(example)
    result = ar.save_audio(example, tmp_path / "article.wav", engine="pyttsx3",
                           captions=tmp_path / "article.srt", chapters=tmp_path / "c.vtt")
    duration = check_wav(tmp_path / "article.wav", plan)
    assert result.duration_ms == pytest.approx(duration)
    check_captions(tmp_path / "article.srt", plan, duration)
    chapters = parse_cues((tmp_path / "c.vtt").read_text(encoding="utf-8"))
    assert chapters[0][0] == 0 and chapters[-1][1] <= duration


@needs_pyttsx3
def test_pyttsx3_cannot_time_word_captions(tmp_path: Path, example: ar.Document) -> None:
    with pytest.raises(OptionError, match="word captions"):
        ar.save_audio(example, tmp_path / "a.wav", engine="pyttsx3",
                      captions=tmp_path / "a.vtt", word_captions=True)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- recorder


def test_chapters_per_heading_and_merged_language_parts(tmp_path: Path) -> None:
    d = doc("Title", p("Intro text."), h(2, "First part"), p("She said ", span("fr", "bonjour"),
                                                             " to me."),
            h(2, "Second part"), p("The end."))
    result = ar.save_audio(d, tmp_path / "a.wav", engine=RecorderEngine(),
                           captions=tmp_path / "a.vtt", chapters=tmp_path / "c.vtt",
                           verbosity="full")
    titles = [c.title for c in result.chapters]
    assert titles == ["Title", "First part", "Second part"]
    assert result.chapters[0].start_ms == 0
    # "Heading level 2" starts the chapter it announces.
    cue = next(t for t in result.timeline if t.utterance.kind == "cue"
               and t.utterance.path == result.chapters[1].path)
    assert result.chapters[1].start_ms == cue.start_ms
    texts = [c.text for c in result.captions]
    assert "She said bonjour to me." in texts  # one caption for the three language parts
    assert "Heading level 2" not in texts  # structure cues are not captioned
    vtt = parse_cues((tmp_path / "c.vtt").read_text(encoding="utf-8"))
    assert [c[2] for c in vtt] == titles


def test_caption_text_is_escaped_in_webvtt(tmp_path: Path) -> None:
    d = doc("A <b> & C --> D", p("x < y & z."))
    ar.save_audio(d, tmp_path / "a.wav", engine="recorder", captions=tmp_path / "a.vtt")
    text = (tmp_path / "a.vtt").read_text(encoding="utf-8")
    assert "&lt;b&gt; &amp; C --&gt; D" in text and "x &lt; y &amp; z." in text


def test_engine_failing_midway_leaves_nothing(tmp_path: Path, example: ar.Document) -> None:
    with pytest.raises(SpeechEngineError, match=r"utterance 5 .*simulated failure"):
        ar.save_audio(example, tmp_path / "a.wav", engine=RecorderEngine(fail_at=5),
                      captions=tmp_path / "a.vtt", sync_map=tmp_path / "s.json")
    assert list(tmp_path.iterdir()) == []


def test_missing_engine_names_what_to_install(tmp_path: Path, example: ar.Document) -> None:
    engine = EspeakEngine(library="/nonexistent/lib.so", executable="/nonexistent/espeak-ng")
    with pytest.raises(EngineUnavailableError, match="apt-get install espeak-ng"):
        ar.save_audio(example, tmp_path / "a.wav", engine=engine)
    engine2 = Pyttsx3Engine(package="a11yrender_test_no_such_pyttsx3")
    with pytest.raises(EngineUnavailableError, match="pip install pyttsx3"):
        ar.save_audio(example, tmp_path / "a.wav", engine=engine2)
    assert list(tmp_path.iterdir()) == []


def test_bad_options(tmp_path: Path, example: ar.Document) -> None:
    with pytest.raises(OptionError, match=r"\.wav"):
        ar.save_audio(example, tmp_path / "a.mp3", engine="recorder")
    with pytest.raises(OptionError, match=r"\.vtt or \.srt"):
        ar.save_audio(example, tmp_path / "a.wav", engine="recorder",
                      captions=tmp_path / "a.txt")
    with pytest.raises(OptionError, match="plan options"):
        ar.save_audio(ar.plan_speech(example), tmp_path / "a.wav", engine="recorder",
                      verbosity="full")
    with pytest.raises(OptionError, match="folder"):
        ar.save_audio(example, tmp_path / "no" / "a.wav", engine="recorder")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- commands


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="a11yrender")
    sub = top.add_subparsers()
    cli_speak.add_parser(sub)
    cli_speak.add_engines_parser(sub)
    return top


def test_speak_without_a_device_suggests_save(monkeypatch: pytest.MonkeyPatch) -> None:
    # The command goes through sinks.default_sink(), as speak() and Player do.
    monkeypatch.setattr(sinks, "_has_device", lambda: (False, "no audio output device"))
    read: list[object] = []
    monkeypatch.setattr(cli_speak, "read_path", lambda *a, **k: read.append(a))
    args = parser().parse_args(["speak", str(EXAMPLE)])
    with pytest.raises(NoAudioDeviceError, match="--save") as err:
        args.run(args)
    assert "\n" not in str(err.value)
    assert read == []  # it failed before reading the article


def test_speak_print_and_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["speak", str(EXAMPLE), "--print"])
    assert args.run(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "Talks Stall Between Japan, North Korea"
    args = parser().parse_args(["speak", str(EXAMPLE), "--engine", "recorder", "--save",
                                str(tmp_path / "a.wav"), "--captions", str(tmp_path / "a.vtt"),
                                "--chapters", str(tmp_path / "c.json")])
    assert args.run(args) == 0
    assert {f.name for f in tmp_path.iterdir()} == {"a.wav", "a.vtt", "c.json"}
    args = parser().parse_args(["speak", str(EXAMPLE), "--captions", "x.vtt"])
    with pytest.raises(OptionError, match="--save"):
        args.run(args)


def test_engines_command(capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["engines"])
    assert args.run(args) == 0
    out = capsys.readouterr().out
    assert re.search(r"^recorder\s+available", out, re.M)
    assert re.search(r"^espeak\s+(available|unavailable: .*apt-get install espeak-ng)", out,
                     re.M)


def test_speak_pipes_real_audio_to_a_player_command(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    # A command that stores the raw PCM it is given stands in for paplay/aplay: the
    # espeak audio of a short article reaches it, paced in real time by CommandSink.
    if not EspeakEngine().available()[0]:
        pytest.skip("espeak-ng is not installed")
    out = tmp_path / "heard.raw"
    store = f"import sys; open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())"
    monkeypatch.setattr(sinks, "find_player", lambda: ((sys.executable, "-c", store), ""))
    article = tmp_path / "short.txt"
    article.write_text("Short News\n\nTalks resumed in 1910.\n", encoding="utf-8")
    args = parser().parse_args(["speak", str(article), "--engine", "espeak"])
    assert args.run(args) == 0
    ar.save_audio(ar.read(article), tmp_path / "a.wav", engine="espeak")
    with wave.open(str(tmp_path / "a.wav")) as w:
        expected = w.getnframes() * w.getsampwidth() * w.getnchannels()
    heard = out.read_bytes()
    assert len(heard) > 0.5 * expected  # at least most of the speech, 16-bit PCM
    assert len(heard) <= expected * 1.01


def test_speak_plays_the_article_through_the_player(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    # The live path is speak() -> Player -> sink: the sink hears the whole article,
    # the same audio --save writes.
    sink = sinks.SimulatedSink(speed=math.inf)
    monkeypatch.setattr(cli_speak, "default_sink", lambda: sink)
    args = parser().parse_args(["speak", str(EXAMPLE), "--engine", "recorder", "--rate", "200"])
    assert args.run(args) == 0
    assert sink.closed
    args = parser().parse_args(["speak", str(EXAMPLE), "--engine", "recorder", "--rate", "200",
                                "--save", str(tmp_path / "a.wav")])
    assert args.run(args) == 0
    with wave.open(str(tmp_path / "a.wav")) as w:
        frames = w.getnframes()
    assert frames > 0
    assert abs(sink.played_frames - frames) <= 0.01 * frames


def test_speak_reports_a_failing_player(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sinks, "find_player", lambda: (("false",), ""))
    args = parser().parse_args(["speak", str(EXAMPLE), "--engine", "recorder"])
    with pytest.raises(NoAudioDeviceError, match=r"false stopped taking audio .*--save"):
        args.run(args)
