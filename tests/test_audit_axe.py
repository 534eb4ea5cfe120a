"""The audit against axe-core in headless Chromium.

* On every page in tests/audit_pages/ (deliberately broken pages written the
  way real sites are, and a few clean ones), every node of every axe-core
  violation whose rule corresponds to one of ours (``AXE_RULES``, the table in
  docs/audit.md) is also found by our audit, on the same element: axe's target
  selector is resolved in the same parse of the page and compared with our
  finding's CSS path.
* On a11yrender's own rendered pages (the example article and the corpus)
  neither axe-core nor our audit finds anything.

Chromium is launched once for the module and every page is checked in it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import a11yrender as ar
from a11yrender.a11y.audit import AXE_RULES, audit
from a11yrender.a11y.tree import css_path, parse_page
from tests.checkers import Browser, available
from tests.conftest import EXAMPLE
from tests.corpus import corpus

pytestmark = [pytest.mark.browser,
              pytest.mark.filterwarnings("ignore::a11yrender.RenderWarning")]

PAGES = sorted((Path(__file__).resolve().parent / "audit_pages").glob("*.html"))


def _own_documents() -> dict[str, ar.Document]:
    docs = {"example": ar.read(EXAMPLE)}
    docs.update(corpus())
    return docs


OWN = _own_documents()


def _require_checkers() -> None:
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser checks cannot run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def axe_results(tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """axe-core violations for every audit page and every own page, from one browser."""
    _require_checkers()
    out_dir = tmp_path_factory.mktemp("own-pages")
    results: dict[str, list[dict[str, Any]]] = {}
    with Browser(timeout=120) as browser:
        for path in PAGES:
            results[path.name] = browser.axe(path)
        for name, document in OWN.items():
            own = out_dir / f"{name}.html"
            own.write_text(ar.render(document, "html"), encoding="utf-8")
            results[f"own:{name}"] = browser.axe(own)
    yield results


def _elements(html: bytes, selector: str) -> list[str]:
    """CSS paths (ours) of the elements axe's target selector picks in our parse."""
    from lxml.cssselect import CSSSelector

    root = parse_page(html)
    return [css_path(el) for el in CSSSelector(selector)(root)]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_audit_finds_every_axe_violation(path: Path,
                                         axe_results: dict[str, list[dict[str, Any]]]) -> None:
    pytest.importorskip("cssselect")
    html = path.read_bytes()
    ours = {(f.rule, f.selector) for f in audit(html)}
    missed: list[str] = []
    for violation in axe_results[path.name]:
        rules = AXE_RULES.get(violation["id"])
        if rules is None:
            continue  # an axe-core rule with no counterpart here (docs/audit.md lists them)
        for node in violation["nodes"]:
            target = node["target"]
            assert len(target) == 1 and isinstance(target[0], str), target  # no frames
            where = _elements(html, target[0])
            assert len(where) == 1, f"{target[0]} picks {where} in our parse of {path.name}"
            if not any((rule, where[0]) in ours for rule in rules):
                missed.append(f"{violation['id']} at {target[0]} ({where[0]}): "
                              f"{node.get('failureSummary', '')}")
    assert missed == [], "axe-core found what the audit did not:\n" + "\n".join(missed)


def test_the_comparison_covers_many_rules(axe_results: dict[str, list[dict[str, Any]]]) -> None:
    """Not vacuous: the broken pages make axe-core report many of the mapped rules."""
    seen = {v["id"] for name, found in axe_results.items() if not name.startswith("own:")
            for v in found if v["id"] in AXE_RULES}
    nodes = sum(len(v["nodes"]) for name, found in axe_results.items()
                if not name.startswith("own:") for v in found if v["id"] in AXE_RULES)
    assert len(seen) >= 20, sorted(seen)
    assert nodes >= 80


@pytest.mark.parametrize("path", [p for p in PAGES if p.stem.startswith("clean-")],
                         ids=lambda p: p.stem)
def test_clean_pages_are_clean_for_both(path: Path,
                                        axe_results: dict[str, list[dict[str, Any]]]) -> None:
    assert axe_results[path.name] == []
    assert audit(path.read_bytes()) == []


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_pages_clean_for_axe_and_audit(name: str,
                                           axe_results: dict[str, list[dict[str, Any]]]) -> None:
    assert axe_results[f"own:{name}"] == []
    document = OWN[name]
    assert audit(ar.render(document, "html")) == []
    assert audit(document) == []
