"""benchmarks/intelligibility.py: its scoring pieces, and one short run end to end.

The resampling and end-to-end tests are skipped unless the ``bench`` extra
(pocketsphinx, jiwer, numpy) is installed.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "intelligibility.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_intelligibility", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_reference_words_are_what_a_listener_hears(bench: ModuleType) -> None:
    assert bench.words_of("From nineteen ten to nineteen forty-five, North Korea’s U S envoy.") \
        == ["from", "nineteen", "ten", "to", "nineteen", "forty", "five", "north", "korea's",
            "u", "s", "envoy"]


def test_rule_words_are_the_ones_normalisation_made(bench: ModuleType) -> None:
    import a11yrender as ar

    doc = ar.read(text="Title\n\nTalks with N. Korea began in 1910.", format="text")
    u = ar.plan_speech(doc)[-1]
    words = bench.words_of(u.text)
    assert [words[i] for i in bench.rule_words(u)] == ["north", "korea", "nineteen", "ten"]


def test_resampling_keeps_speech_band_and_removes_what_would_alias(bench: ModuleType) -> None:
    np = pytest.importorskip("numpy")
    t = np.arange(22050) / 22050

    def tone(hz: float) -> bytes:
        return bytes((8000 * np.sin(2 * math.pi * hz * t)).astype("<i2").tobytes())

    def rms(pcm: bytes) -> float:
        x = np.frombuffer(pcm, dtype="<i2").astype(float)[500:-500]
        return float(np.sqrt(np.mean(x * x)))

    kept = bench.resample(tone(1000), 22050)
    assert len(kept) == 2 * 16000
    assert rms(kept) == pytest.approx(8000 / math.sqrt(2), rel=0.02)
    assert rms(bench.resample(tone(10000), 22050)) < 100  # would fold to 6 kHz


def test_run_prints_both_conditions(tmp_path: Path) -> None:
    for module in ("pocketsphinx", "jiwer", "numpy"):
        pytest.importorskip(module)
    from a11yrender.speech.engines import get_engine

    ok, why = get_engine("espeak").available()
    if not ok:
        pytest.skip(why)
    article = tmp_path / "short.txt"
    article.write_text("Talks Stall\n\nTalks with N. Korea began in 1910.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCRIPT), "--articles", str(article), "--json"],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["voice"] == "en-us+klatt" and result["unit"] == "sentence"
    rows = {(r["subset"], r["condition"]): r for r in result["scores"]}
    assert set(rows) == {(s, c) for s in ("all", "changed") for c in ("raw", "plan")}
    assert rows["all", "raw"]["words"] == rows["all", "plan"]["words"] == 10
    assert rows["changed", "plan"]["sentences"] == 1 and rows["changed", "plan"]["rule_words"] == 4
    for row in rows.values():
        assert 0 <= row["wer"] <= 3 and row["audio_s"] > 0
    sentence = result["sentences"][-1]
    assert sentence["reference"] == "talks with north korea began in nineteen ten"
    assert set(sentence["heard"]) == {"raw", "plan"}
