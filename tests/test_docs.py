"""The README and docs tell the truth: their Python examples run, and the
quick start's test command is the one CI runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def _blocks(path: Path, lang: str) -> list[str]:
    return [body for kind, body in _BLOCK.findall(path.read_text(encoding="utf-8"))
            if kind == lang]


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [b.strip() for b in _blocks_of(quick, "sh")]
    assert len(commands) == 2 and all("\n" not in c for c in commands), commands
    assert "a11yrender render examples/japan-north-korea-talks.txt" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI may add --quiet flags; otherwise it is the same command.
    assert commands[1] in ci.replace(" --quiet", ""), "README's test command differs from .ci/run"


def _blocks_of(text: str, lang: str) -> list[str]:
    return [body for kind, body in _BLOCK.findall(text) if kind == lang]


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.name)
def test_python_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = [b for b in _blocks(path, "python") if not b.lstrip().startswith(">>>")]
    if not blocks:
        pytest.skip("no Python examples")
    # Examples are written relative to the repository root.
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks:
        exec(compile(block, f"{path.name} example", "exec"), namespace)


def test_quick_start_main_job(tmp_path: Path) -> None:
    exe = shutil.which("a11yrender")
    cmd = [exe] if exe else [sys.executable, "-m", "a11yrender"]
    out = tmp_path / "out"
    done = subprocess.run(
        [*cmd, "render", str(ROOT / "examples" / "japan-north-korea-talks.txt"),
         "--to", "html", "--to", "text", "-o", f"{out}/"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (out / "japan-north-korea-talks.html").read_text(encoding="utf-8")
    text = (out / "japan-north-korea-talks.txt").read_text(encoding="utf-8")
    assert "Talks Stall Between Japan, N. Korea" in page and 'lang="en"' in page
    assert "Talks Stall Between Japan, N. Korea" in text


def test_lint_and_types_are_clean() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    done = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([sys.executable, "-m", "mypy", "a11yrender", "tests"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# examples/test_*.py are pytest examples, run under pytest by tests/test_screenreader.py
@pytest.mark.parametrize("script", sorted(p for p in (ROOT / "examples").glob("*.py")
                                          if not p.name.startswith("test_")),
                         ids=lambda p: p.name)
def test_example_scripts_run(script: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert list((tmp_path / "out").glob("*.html")), "the example wrote no page"
