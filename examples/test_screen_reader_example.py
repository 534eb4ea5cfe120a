"""Screen-reader tests in a publisher's own test suite (run: pytest examples/).

The ``screen_reader`` and ``assert_transcript`` fixtures come with
a11yrender (a pytest plugin); nothing needs importing or configuring.
These tests run in milliseconds: no browser, no real screen reader.
"""

from __future__ import annotations

from pathlib import Path

import a11yrender as ar
from a11yrender.pytest_plugin import ScreenReaderFactory, TranscriptCheck

HERE = Path(__file__).resolve().parent
PAGE = """<!doctype html>
<html lang="en"><head><title>Daily News</title></head>
<body>
  <header><a href="/">Daily News</a></header>
  <nav aria-label="Sections">
    <ul><li><a href="/" aria-current="page">Home</a></li><li><a href="/world">World</a></li></ul>
  </nav>
  <main>
    <h2>Breaking News</h2>
    <p>Japan and North Korea held talks.</p>
  </main>
</body></html>"""


def test_headline_is_announced(screen_reader: ScreenReaderFactory) -> None:
    sr = screen_reader(PAGE)
    assert sr.next_heading() == "heading, Breaking News, level 2"


def test_navigation_is_labelled(screen_reader: ScreenReaderFactory) -> None:
    sr = screen_reader(PAGE)
    assert sr.next_landmark() == "banner"
    assert sr.next_landmark() == "navigation, Sections"
    assert sr.next_link() == "link, Home, current page"


def test_nvda_wording(screen_reader: ScreenReaderFactory) -> None:
    sr = screen_reader(PAGE, profile="nvda")
    assert sr.next_heading() == "heading level 2 Breaking News"
    assert "list with 2 items" in sr.transcript()


def test_article_transcript_snapshot(assert_transcript: TranscriptCheck) -> None:
    # The whole transcript of our rendered article, checked against a file
    # (pytest --update-transcripts writes it; review the diff).
    doc = ar.read(HERE / "japan-north-korea-talks.txt")
    assert_transcript(doc, "transcripts/japan-north-korea-talks.txt")


if __name__ == "__main__":  # also runnable as a script: it runs itself under pytest
    import sys

    import pytest

    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
