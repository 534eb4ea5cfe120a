"""benchmarks/speech.py runs, on tiny articles, and compares like with like.

Its timing goals are not checked here (they depend on the machine); only
that it measures, prints JSON and a table, and that the espeak-ng command
line it is compared with speaks about as long as a11yrender does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from a11yrender.speech.engines.espeak import EspeakEngine

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "speech.py"
TINY = ["--quick", "--repeat", "1", "--sizes", "2", "20", "--export-paragraphs", "2"]

pytestmark = pytest.mark.skipif(
    not EspeakEngine().available()[0] or shutil.which("espeak-ng") is None,
    reason="needs espeak-ng (library and command line): apt-get install espeak-ng")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run([sys.executable, str(SCRIPT), *TINY, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: a timing goal was missed
    return done


def test_json_report() -> None:
    report = json.loads(run("--json").stdout)
    first = report["first_audio"]
    assert [s["paragraphs"] for s in first["sizes"]] == [2, 20]
    assert all(0 < s["first_audio_ms"] < 10_000 for s in first["sizes"])
    assert first["ratio"] > 0 and isinstance(first["ok"], bool)
    rows = report["export"]["articles"]
    assert [r["article"] for r in rows] == ["example", "generated-2"]
    for r in rows:
        assert r["ours_s"] > 0 and r["cli_ssml_s"] > 0 and r["cli_text_s"] > 0
        # Same words and pauses: the two recordings are about as long.
        assert abs(r["ours_audio_s"] - r["cli_ssml_audio_s"]) < 0.05 * r["ours_audio_s"]
    assert report["engine_mode"] in ("library", "command")


def test_table() -> None:
    out = run().stdout
    assert "Time to first audio" in out and "WAV export" in out
    assert "overhead" in out and "example" in out
