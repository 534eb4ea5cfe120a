"""Self-test of the external checker harness in ``tests/checkers``.

Each checker must pass a good page *and* fail a bad one, so that a green run
elsewhere means the page is good, not that the checker is silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.checkers import AXNode, Browser, CheckerError, available, vnu, vnu_html

REASON = available()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(REASON is not None, reason=f"checkers unavailable: {REASON}"),
]

GOOD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Good page</title>
<style>
  .skip { position: absolute; left: 0; top: 0; padding: 0.5em; background: #fff; color: #000; }
  .skip:not(:focus) {
    width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  }
</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Site"><a href="#main">Home</a></nav></header>
<main id="main">
<h1>Título é</h1>
<p>First paragraph with <a href="#part">a link</a>.</p>
<ul><li>one</li><li>two</li></ul>
<h2 id="part">Part</h2>
<p>Second   paragraph.</p>
</main>
<footer><p>Footer</p></footer>
</body>
</html>
"""

BAD = """<html>
<head><title>Bad page</title></head>
<body>
<img src="missing.png">
<a href="#x"></a>
<p style="color:#777;background:#888">low contrast</p>
</body>
</html>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


def test_axe_passes_good_page(browser: Browser) -> None:
    violations = browser.axe(GOOD)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_axe_fails_bad_page(browser: Browser) -> None:
    ids = {v["id"] for v in browser.axe(BAD)}
    assert {"image-alt", "html-has-lang", "link-name", "color-contrast"} <= ids
    v = next(v for v in browser.axe(BAD) if v["id"] == "image-alt")
    assert v["impact"] == "critical"
    assert v["nodes"][0]["target"] == ["img"]


def test_axe_on_file_path(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(BAD, encoding="utf-8")
    assert "image-alt" in {v["id"] for v in browser.axe(page)}


def test_ax_tree_document_order_and_levels(browser: Browser) -> None:
    tree = browser.ax_tree(GOOD)
    assert tree[0].role == "RootWebArea"
    assert tree[0].name == "Good page"
    assert tree[0].depth == 0
    roles = [n.role for n in tree]
    assert "InlineTextBox" not in roles
    assert all(n.name.strip() for n in tree if n.role == "StaticText")
    for landmark in ("banner", "navigation", "main", "contentinfo"):
        assert landmark in roles
    interesting = [
        (n.role, n.name, n.level) for n in tree if n.role in {"heading", "paragraph", "listitem"}
    ]
    assert interesting == [
        ("heading", "Título é", 1),
        ("paragraph", "", None),
        ("listitem", "", 1),
        ("listitem", "", 1),
        ("heading", "Part", 2),
        ("paragraph", "", None),
        ("paragraph", "", None),
    ]
    main = next(n for n in tree if n.role == "main")
    h1 = next(n for n in tree if n.role == "heading")
    assert h1.depth == main.depth + 1
    texts = [n.name for n in tree if n.role == "StaticText"]
    assert texts.index("Título é") < texts.index("one") < texts.index("Footer")
    assert "Second paragraph." in texts  # white space collapsed by layout
    assert isinstance(tree[0], AXNode)


def test_focus_order_skip_link_first_and_visible(browser: Browser) -> None:
    order = browser.focus_order(GOOD, 4)
    first = order[0]
    assert (first["tag"], first["href"], first["text"]) == ("A", "#main", "Skip to content")
    assert first["visible"] is True
    assert [(o["tag"], o["href"]) for o in order[1:3]] == [("A", "#main"), ("A", "#part")]
    assert all(o["visible"] for o in order[:3])
    assert order[3]["tag"] == "BODY"  # focus left the page


def test_focus_order_detects_invisible_focus(browser: Browser) -> None:
    hidden = GOOD.replace(".skip:not(:focus)", ".skip")
    first = browser.focus_order(hidden, 1)[0]
    assert first["href"] == "#main"
    assert first["visible"] is False
    offscreen = GOOD.replace(".skip:not(:focus) {", ".skip { left: -9999px; } .skip:not(:focus) {")
    assert browser.focus_order(offscreen, 1)[0]["visible"] is False


def test_hung_page_times_out_and_browser_recovers() -> None:
    hang = '<a href="#x">x</a><script>addEventListener("keydown", () => { for (;;) {} })</script>'
    with Browser(timeout=3) as b:
        with pytest.raises(CheckerError, match="took over 3"):
            b.focus_order(hang, 2)
        assert b.focus_order('<a href="#x">x</a>', 1)[0]["href"] == "#x"


def test_browser_refuses_when_not_started() -> None:
    with pytest.raises(CheckerError, match="not started"):
        Browser().axe(GOOD)


def test_vnu_valid_and_invalid(tmp_path: Path) -> None:
    good = tmp_path / "good page.html"  # a space: file URL is percent-encoded
    good.write_text(GOOD, encoding="utf-8")
    misnested = tmp_path / "misnested.html"
    misnested.write_text(GOOD.replace("<p>Footer</p>", "<p><div>x</div></p>"), encoding="utf-8")
    stray = tmp_path / "stray.html"
    stray.write_text(GOOD.replace("<p>Footer</p>", "<p>Footer</p></span>"), encoding="utf-8")
    found = vnu([good, misnested, stray])
    assert set(found) == {good, misnested, stray}
    assert [m for m in found[good] if m["type"] == "error"] == []
    assert any(
        m["type"] == "error" and "No “p” element in scope" in m["message"] for m in found[misnested]
    ), found[misnested]
    assert any(
        m["type"] == "error" and "Stray end tag “span”" in m["message"] for m in found[stray]
    ), found[stray]


def test_vnu_html_strings_and_warnings() -> None:
    no_doctype, good = vnu_html(["<title>x</title><p>hi", GOOD])
    assert any(m["type"] == "error" for m in no_doctype)
    assert good == []
    (with_warning,) = vnu_html([GOOD.replace('<html lang="en">', "<html>")])
    assert [m["type"] for m in with_warning if m["type"] == "error"] == []
    assert any(m.get("subType") == "warning" for m in with_warning), with_warning


def test_vnu_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CheckerError, match="no such file"):
        vnu([tmp_path / "nope.html"])
