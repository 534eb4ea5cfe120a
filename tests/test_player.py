"""The player, driven through the simulated sink: it plays every utterance once
and in order, pause and resume keep the position to the sample, navigation
lands on the right utterance, stop is prompt and leaves no thread behind, an
engine that fails mid-way surfaces its error, word events point at the right
source words in step with the audio, and each language gets its voice."""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable, Iterator

import pytest

import a11yrender as ar
from a11yrender.builder import aside, doc, h, p, region, span, ul
from a11yrender.errors import NoAudioDeviceError, OptionError, SpeechEngineError
from a11yrender.model import Document, Paragraph, plain_text
from a11yrender.speech import player as player_module
from a11yrender.speech import sinks
from a11yrender.speech.engines import (
    Audio,
    BaseEngine,
    Capabilities,
    Engine,
    Item,
    Raw,
    Settings,
    Voice,
)
from a11yrender.speech.engines.espeak import EspeakEngine
from a11yrender.speech.engines.recorder import RecorderEngine
from a11yrender.speech.plan import Utterance
from a11yrender.speech.player import Player, PlayerEvent, pick_voice
from a11yrender.speech.sinks import CommandSink, SimulatedSink

from .conftest import EXAMPLE

RATE = 8000
WORD_MS = 100


class ScriptedEngine(BaseEngine):
    """A test engine: 100 ms per word, each utterance's audio filled with its own
    sample value (so sample-exact comparisons mean something), English and
    French voices; ``fail_on`` raises on that utterance index, ``plain_error``
    raises a non-a11yrender exception, ``sleep`` delays every call."""

    name = "scripted"

    def __init__(self, fail_on: int | None = None, plain_error: bool = False,
                 sleep: float = 0.0) -> None:
        self.fail_on = fail_on
        self.plain_error = plain_error
        self.sleep = sleep
        self.calls: list[tuple[int | None, str | None, int | None]] = []  # index, voice, rate

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(word_events=True, timed_events=True)

    def available(self) -> tuple[bool, str]:
        return True, ""

    def voices(self) -> tuple[Voice, ...]:
        return (Voice("test/en", "English", ("en-gb", "en")),
                Voice("test/fr", "French", ("fr-fr", "fr")))

    def sample_rate_hint(self) -> int:
        return RATE

    def synthesize_one(self, item: Item, settings: Settings, timeout: float) -> Raw:
        self.calls.append((item.index, settings.voice, settings.rate))
        if self.sleep:
            time.sleep(self.sleep)
        if item.index is not None and item.index == self.fail_on:
            if self.plain_error:
                raise RuntimeError("the synthesiser crashed")
            raise SpeechEngineError("the synthesiser crashed")
        words = [(a, b - a, float(k * WORD_MS)) for k, (a, b, _, _) in enumerate(item.words)]
        frames = len(words) * WORD_MS * RATE // 1000
        value = ((item.index or 0) + 1).to_bytes(2, "little")
        return Raw(Audio(value * frames, RATE), words)  # type: ignore[arg-type]


def sample_doc() -> Document:
    return doc("Title", p("One. Two."), h(2, "Sec A"),
               p("Three ", span("fr", "Bonjour le monde."), " Four."),
               ul("x", "y"), aside("More", p("Side text.")), h(2, "Sec B"), p("Five. Six."),
               regions=[region("banner", p("Top.")),
                        region("navigation", p("Nav."), label="Main"),
                        region("contentinfo", p("Foot."))],
               kicker="Breaking")


def at(plan: tuple[Utterance, ...], text: str) -> int:
    """The index of the utterance whose displayed text is ``text``."""
    return next(u.index for u in plan if u.display == text)


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    """Every test ends with no player or synthesis thread running."""
    yield
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline and _ours():
        time.sleep(0.01)
    assert not _ours(), _ours()


def _ours() -> list[str]:
    names = [t.name for t in threading.enumerate() if t.name.startswith("a11yrender-")]
    # libespeak-ng is process-wide and is driven from one long-lived worker thread,
    # kept as long as the library is loaded: one of those is expected, never more.
    library = names.count("a11yrender-espeak")
    return [n for n in names if n != "a11yrender-espeak"] + ["a11yrender-espeak"] * (
        library - 1)


class Recorded:
    """Every event a player emits, in order."""

    def __init__(self, player: Player) -> None:
        self.events: list[PlayerEvent] = []
        for kind in player_module.EVENTS:
            player.on(kind, self.events.append)

    def of(self, kind: str) -> list[PlayerEvent]:
        return [e for e in self.events if e.kind == kind]

    def starts(self) -> list[int]:
        return [e.position for e in self.of("utterance-start")]


def until(cond: Callable[[], bool], sink: SimulatedSink | None = None, step_ms: float = 20,
          limit: float = 10.0) -> None:
    """Advance a manual sink's clock (if given) until ``cond()`` holds."""
    deadline = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        if sink is not None:
            sink.advance(step_ms)
        time.sleep(0.002)


def run_out(player: Player, sink: SimulatedSink) -> None:
    """Let a manual sink consume everything until playback ends."""
    deadline = time.monotonic() + 10
    while not player.wait(0.002):
        assert time.monotonic() < deadline, "playback did not end"
        sink.advance(500)


def expected_pcm(plan: tuple[Utterance, ...]) -> bytes:
    engine = ScriptedEngine()
    return b"".join(engine.synthesize(u).audio.pcm for u in plan)


# --------------------------------------------------------------------------- playback


def test_plays_every_utterance_once_in_order() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    sink = SimulatedSink(speed=math.inf)
    player = Player(d, engine=ScriptedEngine(), sink=sink)
    rec = Recorded(player)
    assert player.state == "idle" and player.position == 0
    player.play()
    assert player.wait(10)
    assert player.state == "idle" and player.finished and player.position == len(plan)
    assert rec.starts() == list(range(len(plan)))
    assert [e.position for e in rec.of("utterance-end")] == list(range(len(plan)))
    assert bytes(sink.pcm) == expected_pcm(plan)
    progress = rec.of("progress")
    assert [e.done for e in progress] == list(range(1, len(plan) + 1))
    assert progress[-1].total == len(plan) and progress[-1].fraction == 1.0
    end = rec.of("end")
    assert len(end) == 1 and end[0].reason == "finished" and rec.events[-1] is end[0]
    assert sink.log[0] == ("open", RATE, 1, 2) and sink.log[-1] == ("close",)


def test_play_does_not_block_the_caller() -> None:
    sink = SimulatedSink(speed=None)  # nothing is consumed until the test says so
    player = Player(sample_doc(), engine=ScriptedEngine(), sink=sink)
    t = time.monotonic()
    player.play()
    assert time.monotonic() - t < 0.2
    assert player.state == "playing" and not player.wait(0.05)
    player.stop()


def test_pause_and_resume_keep_the_position() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    sink = SimulatedSink(speed=None)
    player = Player(d, engine=ScriptedEngine(), sink=sink)
    rec = Recorded(player)
    player.play()
    # Into the middle of utterance 3 ("Title" plus its pause).
    until(lambda: player.position == 3, sink)
    sink.advance(50)
    until(lambda: sink.played_ms > sum(len(ScriptedEngine().synthesize(u).audio.pcm)
                                       for u in plan[:3]) / 2 / RATE * 1000)
    player.pause()
    assert player.state == "paused"
    position, played = player.position, sink.played_frames
    sink.advance(5000)  # the clock does not run while paused
    time.sleep(0.05)
    assert player.position == position and sink.played_frames == played
    assert player.state == "paused" and not player.wait(0.01)
    player.resume()
    assert player.state in ("playing", "idle")  # (idle if it already ran out)
    run_out(player, sink)
    # Nothing skipped, nothing repeated: every utterance started once, and the
    # audio heard is exactly the audio of the plan, sample for sample.
    assert rec.starts() == list(range(len(plan)))
    assert bytes(sink.pcm) == expected_pcm(plan)
    assert ("pause",) in sink.log and ("resume",) in sink.log


def test_pause_then_play_resumes_and_navigation_while_paused_moves_the_position() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    sink = SimulatedSink(speed=None)
    player = Player(d, engine=ScriptedEngine(), sink=sink)
    rec = Recorded(player)
    player.play()
    until(lambda: player.position == 4, sink)
    player.pause()
    assert player.next_heading() == at(plan, "Sec A")
    assert player.state == "paused" and player.position == at(plan, "Sec A")
    player.play()  # play() when paused resumes
    run_out(player, sink)
    starts = rec.starts()
    assert starts[-(len(plan) - at(plan, "Sec A")):] == list(range(at(plan, "Sec A"), len(plan)))


# --------------------------------------------------------------------------- navigation


@pytest.mark.parametrize("verbosity", ["brief", "full"])
def test_next_heading_jumps_to_the_next_headings_first_utterance(verbosity: str) -> None:
    d = sample_doc()
    plan = ar.plan_speech(d, verbosity=verbosity)  # type: ignore[arg-type]
    headings = [u.index for u in plan if u.unit_kind == "heading"
                and (u.index == 0 or plan[u.index - 1].path != u.path)]
    assert len(headings) == 2
    if verbosity == "full":  # the "Heading level 2" cue comes first
        assert all(plan[i].kind == "cue" for i in headings)
    sink = SimulatedSink(speed=None)
    player = Player(d, engine=ScriptedEngine(), sink=sink, verbosity=verbosity)
    rec = Recorded(player)
    player.play()
    in_para = at(plan, "One.")
    until(lambda: player.position == in_para, sink)
    sink.advance(30)
    assert player.next_heading() == headings[0]
    assert player.position == headings[0]
    run_out(player, sink)
    starts = rec.starts()
    # Everything up to the paragraph, then the heading onwards; nothing between.
    assert starts == [*range(in_para + 1), *range(headings[0], len(plan))]
    assert rec.of("end")[0].reason == "finished"


def test_heading_navigation_when_idle() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    player = Player(d, engine=ScriptedEngine(), sink=SimulatedSink())
    assert player.next_heading() == at(plan, "Title")  # the headline is a heading
    assert player.next_heading() == at(plan, "Sec A")
    player.seek(at(plan, "Three"))
    assert player.next_heading() == at(plan, "Sec B")
    assert player.next_heading() is None and player.position == at(plan, "Sec B")
    player.seek(at(plan, "Five."))
    assert player.previous_heading() == at(plan, "Sec A")
    assert player.state == "idle"


def test_previous_and_next_sentence() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    three, bonjour, four = at(plan, "Three"), at(plan, "Bonjour le monde."), at(plan, "Four.")
    assert plan[three].sentence == plan[bonjour].sentence  # one sentence, two languages
    player = Player(d, engine=ScriptedEngine(), sink=SimulatedSink())
    player.seek(three)
    assert player.next_sentence() == four
    assert player.previous_sentence() == three
    player.seek(bonjour)  # inside a sentence: the previous one is "Sec A"
    assert player.previous_sentence() == at(plan, "Sec A")
    player.seek(0)
    assert player.previous_sentence() is None and player.position == 0
    player.seek(len(plan) - 1)
    assert player.next_sentence() is None


def test_previous_and_next_paragraph() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    player = Player(d, engine=ScriptedEngine(), sink=SimulatedSink())
    player.seek(at(plan, "One."))
    assert player.next_paragraph() == at(plan, "Sec A")
    assert player.next_paragraph() == at(plan, "Three")
    # The list cue belongs with its first item.
    list_cue = next(u.index for u in plan if u.kind == "cue" and u.unit_kind == "list")
    assert player.next_paragraph() == list_cue
    assert player.next_paragraph() == at(plan, "y")
    assert player.previous_paragraph() == list_cue
    player.seek(at(plan, "Four."))  # the last sentence of a paragraph
    assert player.previous_paragraph() == at(plan, "Sec A")
    assert player.next_paragraph() == at(plan, "Three")


def test_previous_and_next_landmark() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    player = Player(d, engine=ScriptedEngine(), sink=SimulatedSink())
    aside_start = next(u.index for u in plan if u.unit_kind == "aside")
    seen = [player.position]
    while (nxt := player.next_landmark()) is not None:
        seen.append(nxt)
    # banner, navigation, the article (from its kicker), the aside, the footer.
    assert seen == [at(plan, "Top."), at(plan, "Nav."), at(plan, "Breaking"), aside_start,
                    at(plan, "Foot.")]
    assert player.previous_landmark() == aside_start
    assert player.previous_landmark() == at(plan, "Breaking")


def test_navigation_on_utterances_without_a_document() -> None:
    plan = ar.plan_speech(sample_doc())
    player = Player(plan, engine=ScriptedEngine(), sink=SimulatedSink())
    assert player.next_heading() == at(plan, "Title")
    assert player.next_landmark() == at(plan, "Foot.")  # regions by their path alone
    player.seek(0)
    assert player.next_landmark() == at(plan, "Nav.")
    with pytest.raises(OptionError):
        Player(plan, engine=ScriptedEngine(), sink=SimulatedSink(), verbosity="full")


# --------------------------------------------------------------------------- stop and errors


def test_stop_ends_promptly_and_leaves_no_thread() -> None:
    before = set(threading.enumerate())
    sink = SimulatedSink(speed=None)  # blocked in write: the clock never moves
    player = Player(sample_doc(), engine=ScriptedEngine(), sink=sink)
    rec = Recorded(player)
    player.play()
    until(lambda: len(sink.log) > 1)
    t = time.monotonic()
    player.stop()
    assert time.monotonic() - t < 0.5
    assert player.state == "stopped" and player.wait(0.5)
    assert set(threading.enumerate()) <= before
    assert [e.reason for e in rec.of("end")] == ["stopped"]
    assert not rec.of("utterance-end") and sink.log[-1] == ("close",)


def test_stop_while_paused_and_while_the_engine_works() -> None:
    before = set(threading.enumerate())
    sink = SimulatedSink(speed=None)
    player = Player(sample_doc(), engine=ScriptedEngine(), sink=sink)
    player.play()
    until(lambda: player.position == 1, sink)
    player.pause()
    t = time.monotonic()
    player.stop()
    assert time.monotonic() - t < 0.5 and player.state == "stopped"
    # A slow engine: stop while it synthesises.
    slow = Player(sample_doc(), engine=ScriptedEngine(sleep=0.2), sink=SimulatedSink())
    slow.play()
    time.sleep(0.05)
    t = time.monotonic()
    slow.stop()
    assert time.monotonic() - t < 0.5 and slow.state == "stopped"
    assert set(threading.enumerate()) <= before


def test_play_after_stop_goes_on_from_the_same_utterance() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    sink = SimulatedSink(speed=None)
    player = Player(d, engine=ScriptedEngine(), sink=sink)
    rec = Recorded(player)
    player.play()
    until(lambda: player.position == 2, sink)
    player.stop()
    assert player.position == 2
    player.play()
    run_out(player, sink)
    assert rec.starts()[-(len(plan) - 2):] == list(range(2, len(plan)))
    assert player.finished


@pytest.mark.parametrize("plain", [False, True])
def test_an_engine_that_raises_mid_way_surfaces_the_error(plain: bool) -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    engine = ScriptedEngine(fail_on=3, plain_error=plain)
    sink = SimulatedSink(speed=math.inf)
    player = Player(d, engine=engine, sink=sink)
    rec = Recorded(player)
    player.play()
    with pytest.raises(SpeechEngineError, match="crashed") as info:
        player.wait(10)
    if plain:  # an engine's own exception is wrapped, and kept as the cause
        assert isinstance(info.value.__cause__, RuntimeError)
    assert player.state == "error" and player.position == 3
    assert player.error is info.value
    errors = rec.of("error")
    assert len(errors) == 1 and errors[0].position == 3 and errors[0].error is info.value
    assert errors[0].utterance == plan[3]
    assert rec.starts() == [0, 1, 2] and [e.position for e in rec.of("utterance-end")] == [0, 1, 2]
    assert rec.of("end")[-1].reason == "error"
    # What played before the failure was heard in full.
    assert bytes(sink.pcm) == expected_pcm(plan[:3])
    # The state is consistent: fix the engine and play on from the failed utterance.
    engine.fail_on = None
    player.play()
    assert player.wait(10) and player.finished
    assert rec.starts()[3:] == list(range(3, len(plan)))


def test_the_recorder_engine_failing_mid_way() -> None:
    player = Player(sample_doc(), engine=RecorderEngine(fail_at=4),
                    sink=SimulatedSink(speed=math.inf))
    player.play()
    with pytest.raises(SpeechEngineError, match="utterance 4"):
        player.wait(10)
    assert player.state == "error" and player.position == 4


def test_an_engine_that_never_answers_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(player_module, "GRACE_S", 0.1)
    player = Player(sample_doc(), engine=ScriptedEngine(sleep=0.6), sink=SimulatedSink(),
                    timeout=0.1)
    t = time.monotonic()
    player.play()
    with pytest.raises(SpeechEngineError, match="did not answer"):
        player.wait(5)
    assert time.monotonic() - t < 0.5 and player.state == "error" and player.position == 0


def test_a_callback_that_raises_stops_playback_with_its_error() -> None:
    player = Player(sample_doc(), engine=ScriptedEngine(), sink=SimulatedSink(speed=math.inf))

    def boom(event: PlayerEvent) -> None:
        if event.position == 2:
            raise ValueError("callback failed")

    player.on("word", boom)
    player.play()
    with pytest.raises(ValueError, match="callback failed"):
        player.wait(10)
    assert player.state == "error" and player.position == 2


def test_bad_options_fail_at_once() -> None:
    d = sample_doc()
    with pytest.raises(OptionError):
        Player(d, engine=ScriptedEngine(), sink=SimulatedSink(), rate=5)
    with pytest.raises(OptionError):
        Player(d, engine=ScriptedEngine(), sink=SimulatedSink(), verbosity="loud")
    with pytest.raises(OptionError):
        Player(d, engine=ScriptedEngine(), sink=SimulatedSink(), colour="red")
    player = Player(d, engine=ScriptedEngine(), sink=SimulatedSink())
    with pytest.raises(OptionError):
        player.on("sentence", print)  # type: ignore[arg-type]
    with pytest.raises(OptionError):
        player.volume = 3.0
    with pytest.raises(OptionError):
        player.seek(10_000)


# --------------------------------------------------------------------------- events and voices


def test_word_events_in_order_point_at_the_source_words_in_step_with_the_audio() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    sink = SimulatedSink(speed=200)
    player = Player(d, engine=ScriptedEngine(), sink=sink)
    heard: list[tuple[int, PlayerEvent]] = []
    starts: dict[int, int] = {}
    player.on("word", lambda e: heard.append((sink.played_frames, e)))
    player.on("utterance-start", lambda e: starts.__setitem__(e.position, sink.played_frames))
    player.play()
    assert player.wait(10)
    assert [e.position for _, e in heard] == sorted(e.position for _, e in heard)
    for u in plan:
        words = [(f, e) for f, e in heard if e.position == u.index]
        assert len(words) == len(u.words)
        for k, (frame, e) in enumerate(words):
            # In step: the word fires when the sink has consumed the audio up to it.
            assert frame - starts[u.index] == k * WORD_MS * RATE // 1000
            assert e.audio_ms == k * WORD_MS
            assert e.text_start is not None and e.text_end is not None
            if u.kind == "cue":
                assert e.source_start is None and e.word == u.text[e.text_start:e.text_end]
                continue
            assert e.source_start is not None and e.source_end is not None
            assert e.word == u.display[e.source_start - u.source_start:
                                       e.source_end - u.source_start]
        starts_ = [e.source_start for _, e in words if e.source_start is not None]
        assert starts_ == sorted(starts_)
    # Offsets are into the source text: the paragraph's own plain text.
    fr = at(plan, "Bonjour le monde.")
    index = plan[fr].path[1]
    assert isinstance(index, int)
    node = d.body[index]
    assert isinstance(node, Paragraph)
    source = plain_text(node.children)
    got = [source[e.source_start or 0:e.source_end or 0] for _, e in heard
           if e.position == fr]
    assert got == ["Bonjour", "le", "monde."]


def test_language_switching_picks_the_voice() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    fr = at(plan, "Bonjour le monde.")
    engine = ScriptedEngine()
    player = Player(d, engine=engine, sink=SimulatedSink(speed=math.inf))
    rec = Recorded(player)
    player.play()
    assert player.wait(10)
    voices = {e.position: e.voice for e in rec.of("utterance-start")}
    assert voices[fr] == "test/fr"
    assert {v for i, v in voices.items() if i != fr} == {"test/en"}
    assert dict((i, v) for i, v, _ in engine.calls)[fr] == "test/fr"
    assert player.voice_for("fr-CA") == "test/fr" and player.voice_for("en-US") == "test/en"
    # A voice asked for is used for the document's language; French still gets French.
    engine2 = ScriptedEngine()
    player2 = Player(d, engine=engine2, sink=SimulatedSink(speed=math.inf), voice="custom-en")
    player2.play()
    assert player2.wait(10)
    used = dict((i, v) for i, v, _ in engine2.calls)
    assert used[fr] == "test/fr" and used[0] == "custom-en"


def test_pick_voice() -> None:
    voices = (Voice("gmw/en-029", "Caribbean", ("en-029", "en")),
              Voice("gmw/en", "British", ("en-gb", "en")),
              Voice("gmw/en-US", "American", ("en-us", "en")),
              Voice("roa/fr", "French", ("fr-fr", "fr")),
              Voice("any", "Any", ("und",)))
    assert pick_voice(voices, "en") == "gmw/en"
    assert pick_voice(voices, "en-US") == "gmw/en-US"
    assert pick_voice(voices, "fr") == "roa/fr"
    assert pick_voice(voices, "fr-BE") == "roa/fr"
    assert pick_voice(voices, "ja") is None


def test_settings_apply_from_the_next_utterance() -> None:
    sink = SimulatedSink(speed=None)
    engine = ScriptedEngine()
    player = Player(sample_doc(), engine=engine, sink=sink, rate=200)
    player.play()
    until(lambda: player.position == 2, sink)
    player.rate = 320
    run_out(player, sink)
    rates = [r for _, _, r in engine.calls]
    assert rates[0] == 200 and rates[-1] == 320 and player.rate == 320


# --------------------------------------------------------------------------- devices and speak()


def test_speak_without_a_device_fails_at_once_with_one_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sinks, "_has_device",
                        lambda: (False, "no audio output device (no /dev/snd, no sound server)"))
    before = set(threading.enumerate())
    t = time.monotonic()
    with pytest.raises(NoAudioDeviceError) as info:
        ar.speak(sample_doc(), engine="recorder")
    assert time.monotonic() - t < 0.5
    message = str(info.value)
    assert "\n" not in message and "--save out.wav" in message
    assert isinstance(info.value, ar.A11yRenderError)
    with pytest.raises(NoAudioDeviceError):
        Player(sample_doc(), engine="recorder")
    assert set(threading.enumerate()) <= before


def test_default_sink_on_this_machine() -> None:
    cmd, why = sinks.find_player()
    if cmd is not None:
        assert isinstance(sinks.default_sink(), CommandSink)
        return
    with pytest.raises(NoAudioDeviceError, match=r"--save out\.wav"):
        sinks.default_sink()
    assert why


def test_speak_into_a_sink_waits_until_done() -> None:
    d = sample_doc()
    sink = SimulatedSink(speed=math.inf)
    player = ar.speak(d, engine="recorder", sink=sink)
    assert player.finished and player.state == "idle" and sink.played_frames > 0


def test_command_sink_paces_a_real_process_and_flush_ends_it() -> None:
    plan = [dataclasses.replace(u, pause_ms=100) for u in ar.plan_speech(
        doc("Hi", p("One two three.")))]
    sink = CommandSink(["sh", "-c", "cat > /dev/null"], lead_ms=50)
    player = Player(plan, engine=RecorderEngine(wpm=600), sink=sink, rate=600)
    rec = Recorded(player)
    t = time.monotonic()
    player.play()
    assert player.wait(10)
    elapsed = time.monotonic() - t
    audio_s = sum(RecorderEngine(wpm=600).synthesize(u).audio.duration_ms for u in plan) / 1000
    # Paced by the clock: no faster than the audio (less the lead), not much slower.
    assert audio_s - 0.1 <= elapsed < audio_s + 1.0
    assert rec.starts() == [0, 1] and rec.of("end")[0].reason == "finished"
    long = Player(doc("Long", p("word " * 400)), engine=RecorderEngine(),
                  sink=CommandSink(["sh", "-c", "cat > /dev/null"]))
    long.play()
    time.sleep(0.1)
    t = time.monotonic()
    long.stop()
    assert time.monotonic() - t < 0.5 and long.state == "stopped"


# --------------------------------------------------------------------------- the real engine

ESPEAK_OK, ESPEAK_WHY = EspeakEngine().available()


@pytest.mark.skipif(not ESPEAK_OK, reason=f"espeak-ng: {ESPEAK_WHY}")
def test_espeak_into_a_simulated_sink() -> None:
    engine: Engine = EspeakEngine()
    d = ar.read(str(EXAMPLE))
    plan = ar.plan_speech(d)
    sink = SimulatedSink(speed=math.inf)
    player = Player(d, engine=engine, sink=sink)
    rec = Recorded(player)
    player.play()
    assert player.wait(60) and player.finished
    assert rec.starts() == list(range(len(plan)))
    assert sink.fmt is not None and sink.fmt[1:] == (1, 2)
    seconds = sink.played_frames / sink.fmt[0]
    words = sum(len(u.text.split()) for u in plan)
    assert words / 4.5 < seconds < words / 1.5  # about 175 words a minute, with pauses
    heard = rec.of("word")
    assert len(heard) > 0.9 * words
    for e in heard:
        u = e.utterance
        assert u is not None and e.word
        if e.source_start is not None:
            assert e.word == u.display[e.source_start - u.source_start:
                                       (e.source_end or 0) - u.source_start]
    assert {e.voice for e in rec.of("utterance-start")} == {pick_voice(engine.voices(), "en")}


@pytest.mark.skipif(not ESPEAK_OK, reason=f"espeak-ng: {ESPEAK_WHY}")
def test_espeak_switches_to_a_french_voice() -> None:
    d = sample_doc()
    plan = ar.plan_speech(d)
    fr = at(plan, "Bonjour le monde.")
    player = Player(d, engine="espeak", sink=SimulatedSink(speed=math.inf))
    rec = Recorded(player)
    player.play()
    assert player.wait(30)
    voices = {e.position: e.voice or "" for e in rec.of("utterance-start")}
    assert "fr" in voices[fr].lower() and "en" in voices[0].lower()
