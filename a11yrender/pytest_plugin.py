"""pytest plugin: test what a screen reader says, in milliseconds.

Installed with a11yrender (entry point ``pytest11``), so any test can use:

``screen_reader``
    a factory fixture: ``screen_reader(html_or_document, profile="vsr")``
    returns a started :class:`~a11yrender.a11y.screenreader.ScreenReader`::

        def test_headline(screen_reader):
            sr = screen_reader("<h2>Breaking News</h2>")
            assert sr.next_heading() == "heading, Breaking News, level 2"

``assert_transcript``
    snapshot testing of a whole transcript:
    ``assert_transcript(sr_or_source, path, profile="vsr")`` compares the
    page's transcript (one phrase per line) with the file at ``path``
    (relative paths are relative to the test file's folder). Run pytest
    with ``--update-transcripts`` to write the files instead (in
    a11yrender's own suite ``--update-golden`` does it too); review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .a11y.screenreader import ScreenReader

__all__ = ["ScreenReaderFactory", "TranscriptCheck", "transcript_text"]


class ScreenReaderFactory(Protocol):
    """The ``screen_reader`` fixture's type."""

    def __call__(self, source: Any, profile: str = "vsr") -> ScreenReader: ...


class TranscriptCheck(Protocol):
    """The ``assert_transcript`` fixture's type."""

    def __call__(self, source: Any, path: str | Path, profile: str = "vsr") -> None: ...


def pytest_addoption(parser: pytest.Parser) -> None:
    """Adds ``--update-transcripts``."""
    group = parser.getgroup("a11yrender")
    group.addoption(
        "--update-transcripts",
        action="store_true",
        default=False,
        help="a11yrender: write transcript snapshots (assert_transcript) instead of comparing",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Registers the ``screen_reader`` marker (documentation only)."""
    config.addinivalue_line(
        "markers", "screen_reader: a test of what a screen reader says (a11yrender)"
    )


def transcript_text(source: Any, profile: str = "vsr") -> str:
    """The transcript of a page, one phrase per line: a
    :class:`~a11yrender.a11y.screenreader.ScreenReader` (read from its start,
    its cursor and log untouched), HTML text or bytes, or a Document."""
    from .a11y.screenreader import ScreenReader

    if isinstance(source, ScreenReader):
        phrases = source.transcript()
    else:
        phrases = ScreenReader(source, profile).transcript()  # type: ignore[arg-type]
    return "".join(f"{p}\n" for p in phrases)


@pytest.fixture
def screen_reader() -> ScreenReaderFactory:
    """``screen_reader(html_or_document, profile="vsr") -> ScreenReader``."""
    from .a11y.screenreader import ScreenReader

    def make(source: Any, profile: str = "vsr") -> ScreenReader:
        return ScreenReader(source, profile)  # type: ignore[arg-type]

    return make


@pytest.fixture
def assert_transcript(request: pytest.FixtureRequest) -> TranscriptCheck:
    """``assert_transcript(sr_or_source, path, profile="vsr")``: snapshot check."""
    update = bool(request.config.getoption("update_transcripts", default=False)) or bool(
        request.config.getoption("update_golden", default=False)
    )
    base = Path(request.path).parent

    def check(source: Any, path: str | Path, profile: str = "vsr") -> None:
        target = Path(path)
        if not target.is_absolute():
            target = base / target
        actual = transcript_text(source, profile)
        if update:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(actual, encoding="utf-8")
            return
        if not target.exists():
            pytest.fail(f"transcript snapshot {target} is missing; run pytest "
                        f"--update-transcripts to write it")  # fmt: skip
        expected = target.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                str(target), "spoken now"))  # fmt: skip
            pytest.fail(f"the transcript differs from {target} (--update-transcripts "
                        f"rewrites it):\n{diff}", pytrace=False)  # fmt: skip

    return check

