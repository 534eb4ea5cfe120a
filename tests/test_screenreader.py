"""ScreenReader: navigation, wording of both profiles, the transcript renderer,
the CLI command and the pytest plugin. Fast: no browser, no node."""

from __future__ import annotations

import argparse
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import a11yrender as ar
from a11yrender.a11y.cli_transcript import add_parser
from a11yrender.a11y.phrases import nvda_phrase
from a11yrender.a11y.screenreader import ScreenReader, decode_page, transcript
from a11yrender.errors import OptionError
from a11yrender.pytest_plugin import ScreenReaderFactory, TranscriptCheck, transcript_text
from tests.conftest import EXAMPLE

PAGE = """<!doctype html><html lang="en"><head><title>Daily News</title></head><body>
<header><a href="/">Daily News</a></header>
<nav aria-label="Sections"><ul><li><a href="/world" aria-current="page">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/arts">Arts</a></li></ul></nav>
<main>
  <h1>Talks Stall</h1>
  <p>Japan and <em>North Korea</em> met.</p>
  <h2>Breaking News</h2>
  <img src="a.jpg" alt="Delegates at the table">
  <table><caption>Votes</caption><tr><th>Party</th><th>Seats</th></tr>
  <tr><td>Blue</td><td>12</td></tr></table>
  <form aria-label="Newsletter"><label>Email <input type="email" required></label>
  <label><input type="checkbox" checked> Weekly</label><button>Sign up</button></form>
  <h3>Background</h3>
</main>
<footer><a href="#top">Back to top</a></footer>
</body></html>"""


@pytest.fixture
def sr() -> ScreenReader:
    return ScreenReader(PAGE)


# -- the vsr profile: wording ---------------------------------------------------


def test_start_says_document(sr: ScreenReader) -> None:
    assert sr.phrases == ["document"]
    assert sr.current is not None and sr.current.role == "document"


def test_next_walks_every_stop(sr: ScreenReader) -> None:
    said = [sr.next() for _ in range(5)]
    assert said == ["banner", "link, Daily News", "end of banner", "navigation, Sections", "list"]
    assert sr.phrases == ["document", *said]


def test_list_item_positions_and_current_page(sr: ScreenReader) -> None:
    log = sr.read_all()
    assert "listitem, level 1, position 1, set size 3" in log
    assert "link, World, current page" in log
    assert "end of list" in log


def test_phrases_join_role_name_and_attributes(sr: ScreenReader) -> None:
    log = sr.read_all()
    assert "heading, Talks Stall, level 1" in log
    assert "image, Delegates at the table" in log
    assert "table, Votes" in log
    assert "textbox, Email, required" in log
    assert "checkbox, Weekly, checked" in log
    assert "form, Newsletter" in log
    assert log[-1] == "end of document"


def test_text_nodes_are_their_own_stops(sr: ScreenReader) -> None:
    log = sr.read_all()
    i = log.index("paragraph")
    assert log[i : i + 6] == ["paragraph", "Japan and", "emphasis", "North Korea",
                              "end of emphasis", "met."]  # fmt: skip


def test_vsr_wraps_round(sr: ScreenReader) -> None:
    n = len(sr.stops)
    for _ in range(n - 1):
        sr.next()
    assert sr.phrases[-1] == "end of document"
    assert sr.next() == "document"
    assert sr.previous() == "end of document"


# -- quick navigation ------------------------------------------------------------


def test_next_heading(sr: ScreenReader) -> None:
    assert sr.next_heading() == "heading, Talks Stall, level 1"
    assert sr.next_heading() == "heading, Breaking News, level 2"
    assert sr.next_heading() == "heading, Background, level 3"
    assert sr.next_heading() is None  # no wrap; the cursor stays
    assert sr.previous_heading() == "heading, Breaking News, level 2"


def test_heading_by_level(sr: ScreenReader) -> None:
    assert sr.next_heading(3) == "heading, Background, level 3"
    assert sr.previous_heading(1) == "heading, Talks Stall, level 1"
    assert sr.next_heading(6) is None


def test_landmarks_links_lists_tables_forms(sr: ScreenReader) -> None:
    assert sr.next_landmark() == "banner"
    assert sr.next_landmark() == "navigation, Sections"
    assert sr.next_link() == "link, World, current page"
    assert sr.next_list() is None  # the only list is behind the cursor now
    assert sr.previous_list() == "list"
    assert sr.next_table() == "table, Votes"
    assert sr.next_form_control() == "textbox, Email, required"
    assert sr.next_form_control() == "checkbox, Weekly, checked"
    assert sr.next_form_control() == "button, Sign up"
    assert sr.previous_form_control() == "checkbox, Weekly, checked"


def test_the_lists_a_reader_offers(sr: ScreenReader) -> None:
    assert sr.headings() == ["heading, Talks Stall, level 1", "heading, Breaking News, level 2",
                             "heading, Background, level 3"]  # fmt: skip
    assert sr.landmarks() == ["banner", "navigation, Sections", "main", "form, Newsletter",
                              "contentinfo"]  # fmt: skip
    assert sr.links() == ["link, Daily News", "link, World, current page", "link, Sport",
                          "link, Arts", "link, Back to top"]  # fmt: skip


def test_tab_order() -> None:
    sr = ScreenReader('<a href="/a">A</a><button tabindex="2">B</button>'
                      '<input aria-label="C" tabindex="1"><a href="/d" tabindex="-1">D</a>')
    assert sr.tab_order() == ["textbox, C", "button, B", "link, A"]


def test_reset_and_log(sr: ScreenReader) -> None:
    sr.next()
    sr.next_heading()
    assert len(sr.phrases) == 3
    sr.reset()
    assert sr.phrases == ["document"]


def test_dialog_is_announced_on_entry() -> None:
    sr = ScreenReader('<p>Before</p><div role="dialog" aria-label="Cookies"><button>OK</button>'
                      "</div>")
    for _ in range(4):
        sr.next()
    # the reader says the dialog once for entering it, once for the stop
    assert sr.phrases == ["document", "paragraph", "Before", "end of paragraph",
                          "dialog, Cookies", "dialog, Cookies"]  # fmt: skip
    assert sr.next() == "button, OK"


def test_modal_dialog_traps_next() -> None:
    sr = ScreenReader('<p>Before</p><div role="dialog" aria-modal="true" aria-label="Sign up">'
                      "<button>Close</button></div><p>After</p>")
    said = [sr.next() for _ in range(8)]
    assert "After" not in said
    assert "end of dialog, Sign up, modal" in said


def test_hidden_content_is_not_read() -> None:
    sr = ScreenReader('<p hidden>a</p><p aria-hidden="true">b</p><p style="display:none">c</p>'
                      '<style>.x{visibility:hidden}</style><p class="x">d</p><p>e</p>')
    assert sr.read_all() == ["document", "paragraph", "e", "end of paragraph", "end of document"]


def test_empty_page() -> None:
    sr = ScreenReader("")
    assert sr.phrases == ["document"]
    assert sr.next() == "document"
    assert sr.next_heading() is None


def test_sources(tmp_path: Path) -> None:
    doc = ar.read(EXAMPLE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from_doc = ScreenReader(doc).read_all()
        html = ar.render(doc, "html")
    assert from_doc == ScreenReader(html).read_all()
    assert from_doc == ScreenReader(html.encode("utf-8")).read_all()
    with pytest.raises(ValueError, match="profile"):
        ScreenReader(html, "jaws")  # type: ignore[arg-type]


def test_decode_page() -> None:
    assert decode_page("Café".encode()) == "Café"
    assert decode_page("Café “q”".encode("cp1252")) == "Café “q”"
    assert decode_page(b'<meta charset="koi8-r">\xe1') == '<meta charset="koi8-r">А'
    assert decode_page(b"\xef\xbb\xbfhi") == "hi"


# -- the nvda profile ---------------------------------------------------------------


def test_nvda_wording() -> None:
    sr = ScreenReader(PAGE, "nvda")
    log = sr.read_all()
    assert log[0] == "Daily News document"
    assert "banner landmark" in log
    assert "Sections navigation landmark" in log
    assert "list with 3 items" in log
    assert "link World current page" in log
    assert "out of list" in log
    assert "heading level 2 Breaking News" in log
    assert "graphic Delegates at the table" in log
    assert "Votes table with 2 rows and 2 columns" in log
    assert "Email edit required" in log
    assert "Weekly check box checked" in log
    assert "Sign up button" in log
    assert "content info landmark" in log


def test_nvda_navigation_stops_at_the_edges() -> None:
    sr = ScreenReader(PAGE, "nvda")
    assert sr.previous() == "top"
    assert sr.next_heading(2) == "heading level 2 Breaking News"
    for _ in range(200):
        sr.next()
    assert sr.phrases[-1] == "bottom"
    assert sr.headings()[0] == "heading level 1 Talks Stall"


def test_nvda_clickable() -> None:
    sr = ScreenReader('<p onclick="go()">Open</p>', "nvda")
    assert "clickable" in sr.read_all()


def test_nvda_phrase() -> None:
    assert nvda_phrase("heading", "News", level=2) == "heading level 2 News"
    assert nvda_phrase("list", size=1) == "list with 1 item"
    assert nvda_phrase("checkbox", "Agree", states={"checked": "mixed"}) == (
        "Agree check box half checked"
    )
    assert nvda_phrase("button", "Menu", states={"expanded": False}) == "Menu button collapsed"


# -- transcript renderer --------------------------------------------------------------


def test_transcript_renderer() -> None:
    doc = ar.read(EXAMPLE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ar.render(doc, "transcript")
        nvda = ar.render(doc, "transcript", profile="nvda")
    lines = out.splitlines()
    assert out.endswith("\n")
    assert lines[0] == "document"
    assert lines[-1] == "end of document"
    assert "heading, Breaking News Talks Stall Between Japan, N. Korea, level 1" in lines
    assert nvda.splitlines()[1] == "banner landmark"
    with pytest.raises(OptionError, match="profile"):
        ar.render(doc, "transcript", profile="jaws")
    with pytest.raises(OptionError, match="no option"):
        ar.render(doc, "transcript", width=3)


def test_transcript_function() -> None:
    assert transcript("<h1>Hi</h1>") == ["document", "heading, Hi, level 1", "end of document"]


# -- CLI -------------------------------------------------------------------------------


def _cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    return parser.parse_args(["transcript", *argv])


def test_cli_transcript(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.html"
    page.write_text("<h1>Hello</h1>", encoding="utf-8")
    args = _cli([str(page)])
    assert args.run(args) == 0
    assert capsys.readouterr().out == "document\nheading, Hello, level 1\nend of document\n"
    out = tmp_path / "t.txt"
    args = _cli([str(page), "--profile", "nvda", "-o", str(out)])
    assert args.run(args) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1] == "heading level 1 Hello"


def test_cli_transcript_of_a_text_article(capsys: pytest.CaptureFixture[str]) -> None:
    args = _cli([str(EXAMPLE)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert args.run(args) == 0
    assert "link, Skip to main content" in capsys.readouterr().out


# -- pytest plugin -----------------------------------------------------------------------


def test_plugin_fixture(screen_reader: ScreenReaderFactory) -> None:
    assert screen_reader("<h2>Breaking News</h2>").next_heading() == (
        "heading, Breaking News, level 2"
    )
    assert screen_reader("<h2>Breaking News</h2>", "nvda").next_heading() == (
        "heading level 2 Breaking News"
    )


def test_plugin_snapshot(assert_transcript: TranscriptCheck, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("document\nheading, Hi, level 1\nend of document\n", encoding="utf-8")
    assert_transcript("<h1>Hi</h1>", path)
    sr = ScreenReader("<h1>Hi</h1>")
    sr.next()
    assert_transcript(sr, path)  # read from the top; the reader is untouched
    assert sr.phrases == ["document", "heading, Hi, level 1"]
    with pytest.raises(pytest.fail.Exception, match="differs"):
        assert_transcript("<h1>Bye</h1>", path)
    with pytest.raises(pytest.fail.Exception, match="missing"):
        assert_transcript("<h1>Hi</h1>", tmp_path / "none.txt")
    assert transcript_text("<h1>Hi</h1>") == path.read_text(encoding="utf-8")


def test_pytest_example_passes() -> None:
    """examples/test_screen_reader_example.py runs under pytest with the plugin."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore",
         str(root / "examples" / "test_screen_reader_example.py")],
        cwd=root, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout
