"""a11yrender's accessibility tree against Chromium's, page by page.

For the rendered example article, every corpus document rendered by
a11yrender and every page in ``tests/a11y_pages/`` (written the way real sites
write HTML, broken pages included), the landmarks, headings, links, images,
lists and list items are listed in document order as ``(role, name, level)``
from :func:`a11yrender.a11y.tree.build_tree` and from Chromium's
``Accessibility.getFullAXTree`` (headless ``/usr/bin/chromium`` through
``tests.checkers.Browser``). The lists must be identical.

Role names differ between the two only in spelling; :data:`CHROMIUM_ROLES`
maps Chromium's to ours (docs/a11y-tree.md explains each). Names are
compared after trimming ASCII white space on both sides, because Chromium
keeps a white-space-only ``alt`` as the name (``alt="  "`` gives the name
``"  "``) where accname 1.2 gives the empty string; nothing else is relaxed.
Pages go through one browser launch for the whole module.
"""

from __future__ import annotations

import difflib
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import a11yrender as ar
from a11yrender.a11y.tree import LANDMARK_ROLES, AXNode, build_tree
from tests.checkers import AXNode as ChromiumNode
from tests.checkers import Browser, available
from tests.conftest import EXAMPLE
from tests.corpus import corpus

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore::a11yrender.RenderWarning")]

PAGES_DIR = Path(__file__).resolve().parent / "a11y_pages"

#: Chromium's role names (CDP ``role.value``) -> the names build_tree uses.
#: Only spelling differs: Chromium follows ARIA 1.3's ``image`` and uses its
#: internal names where HTML has no ARIA role.
CHROMIUM_ROLES: dict[str, str] = {
    "image": "img",
    "RootWebArea": "document",
    "StaticText": "text",
    "LineBreak": "linebreak",
    "LayoutTable": "table",
    "LayoutTableRow": "row",
    "LayoutTableCell": "cell",
    "DescriptionList": "descriptionlist",
    "Figcaption": "figcaption",
    "LabelText": "label",
    "DisclosureTriangle": "summary",
}

#: Our role names that Chromium spells differently for a reason other than
#: spelling: an ``<svg>`` root is ``graphics-document`` in SVG-AAM and
#: ``image`` in Chromium.
OUR_ROLES: dict[str, str] = {"graphics-document": "img"}

COMPARED_ROLES = LANDMARK_ROLES | {"heading", "link", "img", "list", "listitem"}

_WS = re.compile(r"[ \t\n\r\f]+")

Entry = tuple[str, str, int | None]


def _name(name: str) -> str:
    return _WS.sub(" ", name).strip(" ")


def chromium_entries(nodes: list[ChromiumNode]) -> list[Entry]:
    """The compared nodes of Chromium's tree as (role, name, level)."""
    out: list[Entry] = []
    for node in nodes:
        role = CHROMIUM_ROLES.get(node.role, node.role)
        if role in COMPARED_ROLES:
            out.append((role, _name(node.name), node.level))
    return out


def our_entries(root: AXNode) -> list[Entry]:
    """The compared nodes of build_tree's tree as (role, name, level)."""
    out: list[Entry] = []
    for node in root.walk():
        role = OUR_ROLES.get(node.role, node.role)
        if role in COMPARED_ROLES:
            out.append((role, _name(node.name), node.level))
    return out


def _require_browser() -> None:
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser checks cannot run in CI: {reason}")
        pytest.skip(reason)


def _pages() -> dict[str, str]:
    with warnings.catch_warnings():
        # some corpus documents skip heading levels on purpose (re-levelled, with a warning)
        warnings.simplefilter("ignore", ar.RenderWarning)
        pages = {"example": ar.render(ar.read(EXAMPLE), "html")}
        for slug, doc in corpus().items():
            pages[f"corpus/{slug}"] = ar.render(doc, "html")
    for path in sorted(PAGES_DIR.glob("*.html")):
        pages[f"a11y_pages/{path.name}"] = path.read_text(encoding="utf-8")
    return pages


PAGES = _pages()


@pytest.fixture(scope="module")
def chromium_trees() -> Iterator[dict[str, list[ChromiumNode]]]:
    """Chromium's tree of every page, from one browser launch."""
    _require_browser()
    with Browser(timeout=120) as browser:
        yield {name: browser.ax_tree(html) for name, html in PAGES.items()}


Change = tuple[tuple[Entry, ...], tuple[Entry, ...]]

_IMG: Entry = ("img", "", None)

#: Where Chromium departs from the specifications on our pages: each entry is
#: a run of our entries that Chromium replaces by its own, with the reason.
#: docs/a11y-tree.md ("Where Chromium differs") explains each one.
KNOWN_DIFFERENCES: dict[str, list[tuple[Change, str]]] = {
    "a11y_pages/figures-media.html": [
        (((), (_IMG,)),
         "<input type=image> is a button with no children in HTML-AAM; Chromium "
         "adds an unnamed image child for the picture it draws"),
    ],
    "a11y_pages/labelledby-hidden.html": [
        (((), (("region", "", None),)),
         "a section whose aria-labelledby points at white space has no accessible "
         "name, so HTML-AAM makes it generic; Chromium makes it a region once the "
         "IDREF resolves, whatever the text"),
    ],
    "a11y_pages/links-edge.html": [
        (((("link", "supercali", None),), (("link", "super cali", None),)),
         "<wbr> is a line-break opportunity, not text; Chromium's name puts a space "
         "there"),
        (((("link", "Quoted link", None),), (("link", "\u201cQuoted\u201d link", None),)),
         "the quotation marks of <q> are CSS-generated content (q::before/::after in "
         "the UA style sheet), which build_tree does not compute"),
    ],
    "a11y_pages/role-overrides.html": [
        (((("heading", "Bad level", 2), ("heading", "Negative level", 2),
           ("heading", "Level twelve", 12)),
          (("heading", "Bad level", 1), ("heading", "Negative level", 1),
           ("heading", "Level twelve", 2))),
         "WAI-ARIA 1.2: an invalid aria-level (\"abc\", \"-3\") counts as absent, so "
         "the default 2 applies, and 12 is a valid level; Chromium clamps invalid "
         "values to 1 and values above 9 to the default"),
        (((("listitem", "", 1),), ()),
         "<ol role=none aria-label=...> keeps its list role (a global ARIA attribute "
         "wins over none), so its <li> keeps listitem; Chromium still passes "
         "presentation on to the items"),
    ],
}


def changes(ours: list[Entry], theirs: list[Entry]) -> list[Change]:
    """The runs where the two lists differ, in order."""
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    return [(tuple(ours[i1:i2]), tuple(theirs[j1:j2]))
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _diff(ours: list[Entry], theirs: list[Entry]) -> str:
    lines = []
    for i in range(max(len(ours), len(theirs))):
        a = ours[i] if i < len(ours) else None
        b = theirs[i] if i < len(theirs) else None
        mark = "  " if a == b else "!!"
        lines.append(f"{mark} {i:3} ours={a} chromium={b}")
    return "\n".join(lines)


def test_enough_pages() -> None:
    handwritten = [p for p in PAGES if p.startswith("a11y_pages/")]
    assert len(PAGES) >= 26 and len(handwritten) >= 15


@pytest.mark.parametrize("page", sorted(PAGES))
def test_roles_names_levels_match_chromium(chromium_trees: dict[str, list[ChromiumNode]],
                                           page: str) -> None:
    ours = our_entries(build_tree(PAGES[page]))
    theirs = chromium_entries(chromium_trees[page])
    assert ours, "the page has no landmark, heading, link, image or list"
    expected = [change for change, _reason in KNOWN_DIFFERENCES.get(page, [])]
    assert changes(ours, theirs) == expected, _diff(ours, theirs)


def test_known_differences_name_real_pages() -> None:
    assert set(KNOWN_DIFFERENCES) <= set(PAGES)
