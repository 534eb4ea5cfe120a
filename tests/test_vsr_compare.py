"""The ``vsr`` profile against guidepup's Virtual Screen Reader itself, page by page.

For the rendered example article, every corpus document rendered by
a11yrender, every page in ``tests/a11y_pages/`` and every page in
``tests/pages/`` (sites written the way real ones are, broken pages and
non-UTF-8 pages included), the phrase log of
:class:`a11yrender.a11y.screenreader.ScreenReader` -- started, then walked
with ``next()`` until the last phrase is "end of document" -- must be
IDENTICAL to the reader's ``spokenPhraseLog()`` after the same walk (npm
``@guidepup/virtual-screen-reader`` 0.33 on jsdom 29, ``tests/checkers/vsr.js``).
Both walks stop after :data:`MAX_STEPS` steps on a page whose
``aria-modal`` dialog keeps the cursor inside (the reader never reaches
"end of document" there); the logs up to that point must still be identical.

Every page goes through ONE node process. Each side gets the same text: the
page's bytes decoded by :func:`~a11yrender.a11y.screenreader.decode_page`
(jsdom's own decoding, byte-order mark, ``<meta charset>``, windows-1252).
The test skips only when node or the npm packages are missing.
"""

from __future__ import annotations

import difflib
import warnings
from functools import cache
from pathlib import Path

import pytest

import a11yrender as ar
from a11yrender.a11y.screenreader import ScreenReader, decode_page
from tests.checkers import vsr_available, vsr_run
from tests.conftest import EXAMPLE
from tests.corpus import corpus

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore::a11yrender.RenderWarning")]  # fmt: skip

TESTS = Path(__file__).resolve().parent
#: Steps after which a walk that never says "end of document" stops (the
#: largest page, corpus long-2000, needs about 7,300).
MAX_STEPS = 10_000


@cache
def pages() -> dict[str, str]:
    """Every compared page's HTML text, by a short name."""
    out: dict[str, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out["example"] = ar.render(ar.read(EXAMPLE), "html")
        for slug, document in corpus().items():
            out[f"corpus/{slug}"] = ar.render(document, "html")
    for folder in ("a11y_pages", "pages"):
        for path in sorted((TESTS / folder).glob("*.html")):
            out[f"{folder}/{path.name}"] = decode_page(path.read_bytes())
    return out


def walk(html: str) -> list[str]:
    """Start, then ``next()`` until "end of document" (or MAX_STEPS): the log."""
    sr = ScreenReader(html)
    steps = 0
    while sr.phrases and sr.phrases[-1] != "end of document" and steps < MAX_STEPS:
        sr.next()
        steps += 1
    return sr.phrases


@pytest.fixture(scope="module")
def vsr_logs() -> dict[str, list[str]]:
    reason = vsr_available()
    if reason is not None:
        pytest.skip(reason)
    names = list(pages())
    results = vsr_run([pages()[n] for n in names], max_steps=MAX_STEPS)
    return {n: r.phrases for n, r in zip(names, results, strict=True)}


def test_enough_pages() -> None:
    names = pages()
    assert "example" in names
    assert sum(n.startswith("corpus/") for n in names) == 24
    assert sum(n.startswith("a11y_pages/") for n in names) >= 16
    assert len(names) >= 60


@pytest.mark.parametrize("name", list(pages()))
def test_identical_to_virtual_screen_reader(name: str, vsr_logs: dict[str, list[str]]) -> None:
    expected = vsr_logs[name]
    ours = walk(pages()[name])
    if ours != expected:
        diff = "\n".join(list(difflib.unified_diff(
            expected, ours, "Virtual Screen Reader", "a11yrender vsr", n=2, lineterm=""))[:60])
        pytest.fail(f"{name}: the phrase logs differ\n{diff}", pytrace=False)


def test_example_article_log(vsr_logs: dict[str, list[str]]) -> None:
    """The example's log, spelled out: what a user of the reader hears."""
    log = vsr_logs["example"]
    assert log[:4] == ["document", "banner", "link, Skip to main content", "end of banner"]
    assert "heading, Breaking News Talks Stall Between Japan, N. Korea, level 1" in log
    assert log[-1] == "end of document"


def test_modal_dialog_keeps_the_cursor(vsr_logs: dict[str, list[str]]) -> None:
    """On a page with an open aria-modal dialog both readers circle inside it."""
    log = vsr_logs["pages/news-jsonld.html"]
    assert "end of document" not in log
    assert len(log) > MAX_STEPS
