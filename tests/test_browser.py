"""The HTML output in a real browser: axe-core, the Nu checker, Chromium's
accessibility tree and the keyboard focus order.

Documents: the example article, the corpus (tests/corpus.py) and a batch of
randomly generated documents. Chromium is launched once per module; the Nu
checker runs once for all pages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import a11yrender as ar
from a11yrender.reading import reading_units
from tests.checkers import AXNode, Browser, available, vnu
from tests.conftest import EXAMPLE
from tests.corpus import corpus
from tests.strategies import documents

# Some corpus documents skip heading levels on purpose; the renderer's warning
# about re-levelling them is expected here (tests/test_html_renderer.py checks it).
pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore::a11yrender.RenderWarning")]


def _require_checkers() -> None:
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser checks cannot run in CI: {reason}")
        pytest.skip(reason)


def _documents() -> dict[str, ar.Document]:
    docs = {"example": ar.read(EXAMPLE)}
    docs.update(corpus())
    return docs


DOCS = _documents()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    _require_checkers()
    with Browser(timeout=120) as b:
        yield b


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pages")
    paths = {}
    for name, doc in DOCS.items():
        path = out / f"{name}.html"
        path.write_text(ar.render(doc, "html"), encoding="utf-8")
        paths[name] = path
    return paths


@pytest.fixture(scope="module")
def nu_messages(pages: dict[str, Path]) -> dict[Path, list[dict[str, object]]]:
    _require_checkers()
    return vnu(list(pages.values()))


def _describe(violations: list[dict[str, object]]) -> str:
    lines = []
    for v in violations:
        targets = [n.get("target") for n in v.get("nodes", [])][:3]  # type: ignore[attr-defined]
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_axe_finds_no_violation(browser: Browser, pages: dict[str, Path], name: str) -> None:
    violations = browser.axe(pages[name])
    assert violations == [], _describe(violations)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_nu_checker_finds_no_error(nu_messages: dict[Path, list[dict[str, object]]],
                                   pages: dict[str, Path], name: str) -> None:
    errors = [m for m in nu_messages.get(pages[name], []) if m.get("type") == "error"]
    assert errors == [], "\n".join(f"{m.get('lastLine')}: {m.get('message')}" for m in errors)


# -- reading order: Chromium's accessibility tree == the plain-text order ----------

_QUOTES = re.compile("[\"'“”‘’«»「」]")


def _norm(s: str) -> str:
    return " ".join(_QUOTES.sub("", s).split())


def _own_text(nodes: list[AXNode], i: int) -> str:
    """The text under node ``i`` (its StaticText descendants, list markers left out)."""
    depth = nodes[i].depth
    parts = []
    skip_below: int | None = None
    for node in nodes[i + 1:]:
        if node.depth <= depth:
            break
        if skip_below is not None and node.depth > skip_below:
            continue
        skip_below = None
        if node.role == "ListMarker":
            skip_below = node.depth
            continue
        if node.role == "StaticText":
            parts.append(node.name)
        elif node.role == "LineBreak":
            parts.append(" ")
    return "".join(parts)


def _browser_order(nodes: list[AXNode]) -> list[tuple[str, str]]:
    out = []
    for i, node in enumerate(nodes):
        if node.role in ("heading", "paragraph", "listitem"):
            out.append((node.role, _norm(node.name or _own_text(nodes, i))))
    return out


_PARAGRAPH_LEAVES = {"paragraph", "standfirst", "byline", "dateline", "published", "updated",
                     "site_name", "source"}


def _model_order(doc: ar.Document) -> list[tuple[str, str]]:
    """Headings, paragraphs and list items in reading order, as the plain-text
    renderer gets them. A list item holding just one paragraph is rendered as
    a bare <li>, so that paragraph is not a separate paragraph there."""
    out: list[tuple[str, str]] = []
    bare_item_paragraphs = set()
    for unit in reading_units(doc):
        if unit.event == "start" and unit.kind == "item":
            item = unit.node
            assert isinstance(item, ar.ListItem)
            only = item.children[0] if len(item.children) == 1 else None
            text = ""
            if isinstance(only, ar.Paragraph) and only.id is None and only.lang is None:
                bare_item_paragraphs.add((*unit.path, "children", 0))
            out.append(("listitem", text))
        elif unit.event == "start" and unit.kind == "transcript":
            out.append(("paragraph", "Transcript"))  # the HTML's visible label
        elif unit.event == "leaf" and unit.kind in ("headline", "heading"):
            words = ar.model.plain_text(unit.inlines)
            if unit.label:
                words = f"{unit.label} {words}"
            out.append(("heading", _norm(words)))
        elif unit.event == "leaf" and unit.kind in _PARAGRAPH_LEAVES:
            if unit.path in bare_item_paragraphs:
                continue
            words = ar.model.plain_text(unit.inlines)
            if unit.kind in ("published", "updated"):
                words = f"{unit.label} {words}"
            if unit.kind == "source":
                words = f"Source: {words}"
            out.append(("paragraph", _norm(words)))
    return out


def _squash(text: str) -> str:
    return "".join(text.split())


def _in_order(needles: list[str], haystack: str) -> None:
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found >= 0, f"{needle[:60]!r} not found in order in the plain text"
        at = found + len(needle)


ORDER_DOCS = sorted(name for name in DOCS if name != "long-2000")


@pytest.mark.parametrize("name", ORDER_DOCS)
def test_accessibility_tree_order_matches_plain_text(browser: Browser, pages: dict[str, Path],
                                                     name: str) -> None:
    doc = DOCS[name]
    seen = _browser_order(browser.ax_tree(pages[name]))
    expected = _model_order(doc)
    assert [r for r, _ in seen] == [r for r, _ in expected]
    # Chromium's tree leaves out whitespace-only text between inline elements
    # ("Published" + " " + "<time>"), so texts are compared without spaces.
    for (role, got), (_, want) in zip(seen, expected, strict=True):
        if role != "listitem":
            assert _squash(got) == _squash(want)
    # The plain-text renderer shows the same texts in the same order.
    # (the text output writes "Published: <date>" where the page has a label and a <time>)
    text = ar.render(doc, "text", width=0, links="none")
    text = _squash(_norm(re.sub(r"^(Published|Updated): ", r"\1 ", text, flags=re.M)))
    _in_order([_squash(t) for r, t in seen if r != "listitem" and t], text)


# -- focus: the skip link comes first, is visible, and its target exists -------------


@pytest.mark.parametrize("name", ["example", *sorted(n for n in DOCS if n != "example")[:4]])
def test_skip_link_is_first_focusable_and_visible(browser: Browser, pages: dict[str, Path],
                                                  name: str) -> None:
    first = browser.focus_order(pages[name], 1)[0]
    assert first["tag"] == "A"
    assert first["text"] == "Skip to main content"
    assert str(first["href"]).endswith("#main")
    assert first["visible"], first
    tree = browser.ax_tree(pages[name])
    roles = [n.role for n in tree]
    assert roles.count("main") == 1
    assert "banner" in roles and "contentinfo" in roles
    assert [n.level for n in tree if n.role == "heading"].count(1) == 1


# -- random documents ----------------------------------------------------------------


@settings(max_examples=1, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(documents(), min_size=20, max_size=20))
def test_random_documents_pass_axe_and_nu(tmp_path_factory: pytest.TempPathFactory,
                                          docs: list[ar.Document]) -> None:
    _require_checkers()
    out = tmp_path_factory.mktemp("random")
    paths = []
    for i, doc in enumerate(docs):
        path = out / f"random-{i}.html"
        path.write_text(ar.render(doc, "html"), encoding="utf-8")
        paths.append(path)
    messages = vnu(paths)
    for path in paths:
        errors = [m for m in messages.get(path, []) if m.get("type") == "error"]
        assert errors == [], f"{path.name}: {errors}\n{docs[paths.index(path)].to_json()}"
    with Browser(timeout=120) as b:
        for path, doc in zip(paths, docs, strict=True):
            violations = b.axe(path)
            assert violations == [], f"{_describe(violations)}\n{doc.to_json()}"
