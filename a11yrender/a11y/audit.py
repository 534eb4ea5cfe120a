"""Accessibility audit of an HTML page or a document: findings tied to WCAG 2.2.

:func:`audit` checks a page (HTML text or bytes, an lxml element) or an
a11yrender :class:`~a11yrender.model.Document` (rendered with the ``html``
renderer, its findings located in the model) and returns a list of
:class:`Finding`, each with its rule, the WCAG 2.2 success criterion, the
conformance level, a severity, where it is and how to fix it.

The rules (see :data:`RULES` and ``docs/audit.md``) cover the page language,
its title, skip links and bypass blocks, landmarks, headings, images, links,
data tables, lists, ids, ``tabindex`` and text contrast. They read the
accessibility tree of :mod:`a11yrender.a11y.tree` (roles, names, hidden
content) and the page's own CSS through :mod:`a11yrender.a11y.contrast`.
Nothing is fetched: an external style sheet is unknown CSS, and text whose
colours depend on it is not judged.

Where the rules overlap axe-core's, they find what axe-core finds on the same
element (``tests/test_audit_axe.py`` checks this in Chromium); the mapping
is the table in ``docs/audit.md``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeAlias
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from lxml import etree

from ..errors import format_path
from ._css import tag_name as _tag
from .contrast import StyleResolver, contrast_issues, to_hex
from .tree import AXNode, TreeBuilder, build_tree, parse_page

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..model import Document

__all__ = [
    "AXE_RULES",
    "LEVELS",
    "RULES",
    "SEVERITIES",
    "Finding",
    "Rule",
    "audit",
]

Element: TypeAlias = etree._Element
Level: TypeAlias = Literal["A", "AA", "best-practice"]
Severity: TypeAlias = Literal["critical", "serious", "moderate", "minor"]
ModelPath: TypeAlias = tuple[str | int, ...]

#: Severities from the least to the most severe (axe-core's impact scale).
SEVERITIES: Final[tuple[Severity, ...]] = ("minor", "moderate", "serious", "critical")

#: Conformance levels from the least to the most required: a level-A failure
#: blocks conformance at every level, a best practice blocks none.
LEVELS: Final[tuple[Level, ...]] = ("best-practice", "AA", "A")


@dataclass(frozen=True, slots=True)
class Rule:
    """What a rule checks: its id, WCAG 2.2 success criterion and how to fix a finding."""

    id: str
    wcag: str
    criterion: str
    level: Level
    severity: Severity
    title: str
    help: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by :func:`audit`.

    ``where`` is a CSS path to the element (``"html"`` for the page as a
    whole) when an HTML page was audited, and a model path such as
    ``"body[3].image"`` when a :class:`~a11yrender.model.Document` was (the
    CSS path in the rendered page when the element is generated chrome).
    ``selector`` is always the CSS path in the audited HTML.
    """

    rule: str
    wcag: str
    level: Level
    severity: Severity
    where: str
    message: str
    help: str
    selector: str

    def to_dict(self) -> dict[str, str]:
        """The finding as a JSON-ready dict (``wcag`` is ``"1.1.1"``-style text)."""
        return asdict(self)

    @property
    def criterion(self) -> str:
        """The success criterion's number and name, e.g. ``"1.1.1 Non-text Content"``."""
        rule = RULES.get(self.rule)
        return f"{self.wcag} {rule.criterion}" if rule else self.wcag


#: The WCAG 2.2 success criteria the rules check, by number.
_CRITERIA: Final[Mapping[str, str]] = {
    "1.1.1": "Non-text Content",
    "1.3.1": "Info and Relationships",
    "1.4.3": "Contrast (Minimum)",
    "2.4.1": "Bypass Blocks",
    "2.4.2": "Page Titled",
    "2.4.3": "Focus Order",
    "2.4.4": "Link Purpose (In Context)",
    "2.4.6": "Headings and Labels",
    "3.1.1": "Language of Page",
    "3.1.2": "Language of Parts",
    "4.1.2": "Name, Role, Value",
}


def _rules(*rules: Rule) -> Mapping[str, Rule]:
    return MappingProxyType({r.id: r for r in rules})


def _R(rule_id: str, wcag: str, level: Level, severity: Severity, title: str,
       help: str) -> Rule:
    return Rule(rule_id, wcag, _CRITERIA[wcag], level, severity, title, help)


#: Every rule, by id.
RULES: Final[Mapping[str, Rule]] = _rules(
    _R("html-lang-missing", "3.1.1", "A", "serious", "The page has no language",
       'Give the <html> element a lang attribute with the page\'s main language, e.g. lang="en", '
       "so screen readers speak it with the right voice and pronunciation."),
    _R("html-lang-invalid", "3.1.1", "A", "serious",
       "The page language is not a valid language tag",
       'Use a BCP 47 language tag whose first part is an ISO 639 code, e.g. "en", "en-GB", '
       '"fr", "zh-Hant"; not a language name ("english") or an underscore ("en_US").'),
    _R("lang-invalid", "3.1.2", "AA", "serious", "A part of the page has an invalid language",
       'Use a BCP 47 language tag on the element (e.g. lang="es"), or remove the lang attribute '
       "if the text is in the page's language."),
    _R("document-title", "2.4.2", "A", "serious", "The page has no title",
       "Add a <title> in <head> that says what the page is, e.g. the headline and the site "
       'name: "Talks stall between Japan and North Korea – Example News".'),
    _R("bypass", "2.4.1", "A", "serious", "There is no way to skip repeated content",
       'Add a "Skip to main content" link as the first focusable element, pointing at the '
       "<main> element, and mark up the page with landmarks and headings."),
    _R("skip-link-missing", "2.4.1", "best-practice", "moderate", "The page has no skip link",
       'Add a "Skip to main content" link as the first focusable element of the page, '
       'e.g. <a class="skip-link" href="#main">, pointing at the main content; it may be '
       "hidden until it receives focus."),
    _R("skip-link-broken", "2.4.1", "A", "moderate", "A skip link points at nothing",
       "Point the skip link at an element that exists and is shown (give the main content "
       'the id the link names, e.g. <main id="main" tabindex="-1">).'),
    _R("main-missing", "1.3.1", "best-practice", "moderate", "The page has no main landmark",
       "Wrap the page's main content in one <main> element (or role=\"main\"), so screen "
       "reader users can jump straight to it."),
    _R("main-multiple", "1.3.1", "best-practice", "moderate",
       "The page has more than one main landmark",
       "Keep one <main> element for the page's main content; mark other parts up as "
       "<section>, <aside> or <nav>."),
    _R("landmark-duplicate", "1.3.1", "best-practice", "moderate",
       "The page has more than one banner or content-information landmark",
       "Keep one page-level <header> (banner) and one page-level <footer> (contentinfo); a "
       "<header> or <footer> inside <article>, <section>, <aside> or <nav> is not a landmark."),
    _R("landmark-unique", "1.3.1", "best-practice", "moderate",
       "Landmarks of the same kind cannot be told apart",
       'Give each landmark of the same kind a distinct label, e.g. <nav aria-label="Main"> and '
       '<nav aria-label="Footer">.'),
    _R("content-outside-landmarks", "1.3.1", "best-practice",
       "moderate", "Content is outside every landmark",
       "Put all visible content inside landmarks (<header>, <nav>, <main>, <aside>, <footer>), "
       "so screen reader users who move by landmark do not miss it."),
    _R("heading-skipped", "1.3.1", "best-practice", "moderate", "A heading level is skipped",
       "Go down one heading level at a time (h2 after h1, h3 after h2); change the look with "
       "CSS, not the level."),
    _R("heading-h1-missing", "1.3.1", "best-practice", "moderate",
       "The page has no level-one heading",
       "Mark the page's main heading (the headline) up as <h1>."),
    _R("heading-h1-multiple", "1.3.1", "best-practice", "minor",
       "The page has more than one level-one heading",
       "Keep one <h1> for the page's main heading; make the other headings <h2> or lower."),
    _R("heading-empty", "2.4.6", "best-practice", "minor", "A heading is empty",
       "Give the heading text that describes the section, or remove the empty heading element."),
    _R("image-alt-missing", "1.1.1", "A", "critical", "An image has no text alternative",
       'Add an alt attribute that says what the image shows or does; use alt="" only for a '
       "purely decorative image."),
    _R("image-alt-filename", "1.1.1", "A", "serious", "An image's text alternative is a file name",
       "Replace the file name with a short description of what the image shows, or alt=\"\" "
       "if it is decorative."),
    _R("image-alt-long", "1.1.1", "best-practice", "minor",
       "An image's text alternative is too long",
       "Keep alt text under 150 characters; put a long description in the caption or in the "
       "text next to the image and refer to it."),
    _R("image-alt-redundant", "1.1.1", "best-practice", "minor",
       "An image's text alternative repeats the text beside it",
       "Describe what the image shows that the caption or link text does not say, or use "
       'alt="" when the text beside it already says everything.'),
    _R("link-name", "2.4.4", "A", "serious", "A link has no text",
       "Give the link text that says where it goes; for an icon or image link, give the image "
       "alt text or the link an aria-label."),
    _R("link-text-ambiguous", "2.4.4", "A", "moderate", "A link's text does not say where it goes",
       'Replace "click here" or "read more" with text that names the destination ("Read more '
       'about the talks"), or put the link in a sentence that does; visually hidden text or '
       "aria-describedby pointing at the nearby heading also work."),
    _R("link-text-reused", "2.4.4", "best-practice", "minor",
       "Links with the same text go to different places",
       "Give links that go to different places different text, so a list of links tells them "
       "apart."),
    _R("table-headers", "1.3.1", "A", "serious", "A data table has no header cells",
       'Mark the cells that head columns or rows up as <th scope="col"> or <th scope="row">, '
       "so screen readers announce them with each cell."),
    _R("table-caption", "1.3.1", "best-practice", "minor", "A data table has no caption",
       "Add a <caption> as the table's first child saying what the table shows (or name it "
       "with aria-labelledby pointing at its heading)."),
    _R("list-children", "1.3.1", "A", "serious", "A list holds something other than list items",
       "Put only <li> elements (and <script>/<template>) directly inside <ul> and <ol>; wrap "
       "other content in an <li> or move it out of the list."),
    _R("listitem-parent", "1.3.1", "A", "serious", "A list item is not in a list",
       "Put each <li> directly inside a <ul>, <ol> or <menu>."),
    _R("duplicate-id-aria", "4.1.2", "A", "critical",
       "An id that labels or describes something is used more than once",
       "Make every id unique: a label, aria-labelledby or aria-describedby that points at a "
       "repeated id names the wrong element."),
    _R("duplicate-id", "4.1.2", "best-practice", "minor", "An id is used more than once",
       "Make every id unique in the page; links and scripts that use it reach only the first."),
    _R("tabindex-positive", "2.4.3", "best-practice", "serious",
       "An element has a positive tabindex",
       'Remove the positive tabindex (use tabindex="0" to make an element focusable) and '
       "order the content in the source the way it should be reached."),
    _R("color-contrast", "1.4.3", "AA", "serious",
       "Text does not have enough contrast with its background",
       "Darken the text or lighten the background (or the reverse) until the contrast is at "
       "least 4.5:1, or 3:1 for large text (24px, or 18.66px bold)."),
)

#: The axe-core 4.x rules that check what a rule here checks, with the rules
#: here that report the same element (``docs/audit.md`` has this table;
#: ``tests/test_audit_axe.py`` checks the claim in Chromium). axe-core marks
#: some as needing review (``bypass``, ``duplicate-id-aria``) or leaves them off
#: by default (``identical-links-same-purpose``, ``td-has-header``,
#: ``duplicate-id``); they are listed because the checks correspond.
AXE_RULES: Final[Mapping[str, frozenset[str]]] = MappingProxyType({
    "html-has-lang": frozenset({"html-lang-missing"}),
    "html-lang-valid": frozenset({"html-lang-invalid"}),
    "valid-lang": frozenset({"lang-invalid"}),
    "document-title": frozenset({"document-title"}),
    "bypass": frozenset({"bypass", "skip-link-missing", "skip-link-broken"}),
    "skip-link": frozenset({"skip-link-broken"}),
    "landmark-one-main": frozenset({"main-missing"}),
    "landmark-no-duplicate-main": frozenset({"main-multiple"}),
    "landmark-no-duplicate-banner": frozenset({"landmark-duplicate"}),
    "landmark-no-duplicate-contentinfo": frozenset({"landmark-duplicate"}),
    "landmark-unique": frozenset({"landmark-unique", "main-multiple", "landmark-duplicate"}),
    "region": frozenset({"content-outside-landmarks"}),
    "heading-order": frozenset({"heading-skipped"}),
    "page-has-heading-one": frozenset({"heading-h1-missing"}),
    "empty-heading": frozenset({"heading-empty"}),
    "image-alt": frozenset({"image-alt-missing"}),
    "role-img-alt": frozenset({"image-alt-missing"}),
    "svg-img-alt": frozenset({"image-alt-missing"}),
    "input-image-alt": frozenset({"image-alt-missing"}),
    "image-redundant-alt": frozenset({"image-alt-redundant"}),
    "link-name": frozenset({"link-name"}),
    "identical-links-same-purpose": frozenset({"link-text-reused"}),
    "td-has-header": frozenset({"table-headers"}),
    "list": frozenset({"list-children"}),
    "listitem": frozenset({"listitem-parent"}),
    "duplicate-id-aria": frozenset({"duplicate-id-aria"}),
    "duplicate-id": frozenset({"duplicate-id", "duplicate-id-aria"}),
    "tabindex": frozenset({"tabindex-positive"}),
    "color-contrast": frozenset({"color-contrast"}),
})


# --------------------------------------------------------------------------- #
# entry point
# --------------------------------------------------------------------------- #

Source: TypeAlias = "str | bytes | Element | etree._ElementTree | Document"


def audit(source: Source, /) -> list[Finding]:
    """Audit a page or a document; the findings in document order.

    ``source`` is HTML text or bytes, an lxml element or tree, or a
    :class:`~a11yrender.model.Document`. A whole page (with ``<html>``,
    ``<head>`` or ``<body>`` in the source) is also checked for what only a
    page has (language, title, skip link, main landmark, one ``h1``); a
    fragment is not. Raises :class:`TypeError` for anything else.
    """
    from ..model import Document

    if isinstance(source, Document):
        from ..renderers import render

        html = render(source, "html")
        page = _Page(parse_page(html), whole=True)
        paths = _model_paths(source, page.root)
        return [_locate_in_model(f, el, paths) for f, el in page.run_with_elements()]
    if isinstance(source, (str, bytes)):
        head = source[:4096]
        text = head.decode("utf-8", "ignore") if isinstance(head, bytes) else head
        whole = bool(re.search(r"<(!doctype|html|head|body)[\s>]", text, re.I))
        return _Page(parse_page(source), whole=whole).run()
    if isinstance(source, (etree._Element, etree._ElementTree)):
        root = parse_page(source)
        return _Page(root, whole=_tag(root) == "html").run()
    raise TypeError(
        f"audit() takes HTML text, bytes, an lxml element or a Document, "
        f"not {type(source).__name__}"
    )


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #

_WS: Final = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _text(el: Element) -> str:
    """All text under ``el`` (the DOM's textContent)."""
    return "".join(el.itertext())


def _own_text(el: Element) -> str:
    """The element's own text nodes (not its descendants')."""
    return (el.text or "") + "".join(c.tail or "" for c in el)


def _visible_text(el: Element) -> str:
    """All text under ``el`` (alt text not included), whitespace collapsed."""
    return _norm(" ".join(el.itertext()))


def _shorten(text: str, limit: int = 60) -> str:
    text = _norm(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _words(text: str) -> list[str]:
    return text.split()


_ISO_639_1: Final = frozenset(_words(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku
    kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no
    nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so
    sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh
    yi yo za zh zu"""
))

# RFC 5646 language tags, with the primary subtag limited to the 2- and
# 3-letter codes that exist (4- to 8-letter primary subtags are reserved).
_LANG_TAG: Final = re.compile(
    r"""(?ix)
    (?:
      (?P<lang>[a-z]{2,3})(?:-[a-z]{3}){0,3}      # language, extlang
      (?:-[a-z]{4})?                               # script
      (?:-(?:[a-z]{2}|\d{3}))?                     # region
      (?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*          # variants
      (?:-[\da-wyz](?:-[a-z\d]{2,8})+)*            # extensions
      (?:-x(?:-[a-z\d]{1,8})+)?                    # private use
    |
      x(?:-[a-z\d]{1,8})+                          # private use only
    |
      i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)
    )
    """
)


def valid_lang(value: str) -> bool:
    """Whether ``value`` is a well-formed BCP 47 tag with a real ISO 639 language."""
    m = _LANG_TAG.fullmatch(value.strip())
    if not m:
        return False
    primary = m.group("lang")
    return primary is None or len(primary) == 3 or primary.lower() in _ISO_639_1


_IMAGE_EXT: Final = r"(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|ico)"
_FILENAME: Final = re.compile(
    rf"""(?ix)
    \S+\.{_IMAGE_EXT}                          # photo.jpg, /img/team-2.png
    | (?:img|dsc|dscn|dcim|pxl|pict?|image|photo|screenshot)[\s_-]?\d[\w-]*  # IMG_1234
    | \d{{6,}}[\w-]*                           # 20240112_103045
    """
)

#: Link texts that say nothing about the destination on their own.
_AMBIGUOUS: Final = frozenset(
    {
        "click here", "click", "here", "read more", "more", "learn more", "more info",
        "more information", "find out more", "continue", "continue reading", "details",
        "more details", "link", "this link", "this", "go", "see more", "view more",
        "read on", "info", "full story", "see here", "click this link",
    }
)

#: Blocks whose text gives a link its context (WCAG 2.4.4: the same sentence,
#: paragraph, list item or table cell).
_CONTEXT_TAGS: Final = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote",
                                  "figcaption", "caption"})
_LANDMARKS: Final = frozenset({"banner", "complementary", "contentinfo", "form", "main",
                               "navigation", "region", "search"})
_VISUAL_TAGS: Final = frozenset({"img", "iframe", "object", "video", "audio", "canvas", "svg",
                                 "math", "button", "select", "textarea", "keygen", "progress",
                                 "meter"})
_VISUAL_ROLES: Final = frozenset({"checkbox", "img", "meter", "progressbar", "scrollbar",
                                  "radio", "slider", "spinbutton", "textbox"})
_HIDDEN_TEXT_TAGS: Final = frozenset({"head", "title", "template", "script", "style", "iframe",
                                      "object", "video", "audio", "noscript"})
_IDREF_ATTRS: Final = ("aria-activedescendant", "aria-controls", "aria-describedby",
                       "aria-details", "aria-errormessage", "aria-flowto", "aria-labelledby",
                       "aria-owns", "headers", "list", "form")
_LAYOUT_IN_CELL: Final = frozenset({"table", "div", "p", "ul", "ol", "dl", "h1", "h2", "h3", "h4",
                                    "h5", "h6", "form", "input", "select", "textarea", "button",
                                    "nav", "section", "article", "aside", "header", "footer",
                                    "iframe", "blockquote"})
_INT: Final = re.compile(r"\s*([+-]?\d+)")
_CSS_IDENT: Final = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")  # as tree.css_path uses


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    m = _INT.match(value)
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- #
# the page
# --------------------------------------------------------------------------- #


class _Page:
    """One audit: the parsed page, its accessibility tree, styles and findings."""

    def __init__(self, root: Element, *, whole: bool) -> None:
        self.root = root
        self.whole = whole
        self.tb = TreeBuilder(root)  # roles, names and hidden content of any element
        self.tree = build_tree(root)
        self.styles = StyleResolver(root)
        self.body = next(root.iter("body"), None)
        self.elements = list(root.iter(etree.Element))
        self.order = {el: i for i, el in enumerate(self.elements)}
        self.ids: dict[str, list[Element]] = {}
        self.names: dict[str, Element] = {}
        for el in self.elements:
            ident = el.get("id")
            if ident is not None:
                self.ids.setdefault(str(ident), []).append(el)
            name = el.get("name")
            if name is not None:
                self.names.setdefault(str(name), el)
        self._hidden: dict[Element, bool] = {}
        self._positions: dict[Element, dict[Element, tuple[int, int]]] = {}
        self.findings: list[tuple[int, int, Finding, Element | None]] = []

    # -- reporting ---------------------------------------------------------------

    def report(self, rule_id: str, el: Element | None, message: str) -> None:
        rule = RULES[rule_id]
        target = el if el is not None else self.root
        path = self.path(target)
        finding = Finding(rule.id, rule.wcag, rule.level, rule.severity, path, message,
                          rule.help, path)
        page_level = -1 if el is None else self.order.get(target, 0)
        self.findings.append((page_level, len(self.findings), finding, el))

    def report_each(self, rule_id: str, fault: Callable[[Element], str | None]) -> None:
        """Report ``rule_id`` on every shown element that ``fault`` finds fault
        with, with the message it returns (``None``: nothing wrong)."""
        for el in self.elements:
            message = fault(el)
            if message is not None and not self.hidden(el):
                self.report(rule_id, el, message)

    def run(self) -> list[Finding]:
        """Every check; the findings in document order (page-level ones first)."""
        return [f for f, _ in self.run_with_elements()]

    def run_with_elements(self) -> list[tuple[Finding, Element | None]]:
        """:meth:`run`, with the element of each finding (``None``: the page)."""
        checks: list[Callable[[], None]] = [
            self.check_language, self.check_title, self.check_bypass, self.check_landmarks,
            self.check_regions, self.check_headings, self.check_images, self.check_links,
            self.check_tables, self.check_lists, self.check_ids, self.check_tabindex,
            self.check_contrast,
        ]
        for check in checks:
            check()
        self.findings.sort(key=lambda t: (t[0], t[1]))
        return [(f, el) for _, _, f, el in self.findings]

    # -- shared queries --------------------------------------------------------------

    def path(self, el: Element) -> str:
        """:func:`~a11yrender.a11y.tree.css_path` of ``el``, from cached sibling
        positions and id counts (a page with thousands of findings among thousands
        of siblings would otherwise take quadratic time)."""
        parts: list[str] = []
        node: Element | None = el
        while node is not None:
            tag = _tag(node)
            ident = str(node.get("id") or "")
            if ident and _CSS_IDENT.fullmatch(ident) and len(self.ids.get(ident, ())) == 1:
                parts.append(f"#{ident}")
                break
            parent = node.getparent()
            if parent is None:
                parts.append(tag)
                break
            position, count = self._position(parent, node)
            parts.append(tag if count == 1 else f"{tag}:nth-of-type({position})")
            node = parent
        return " > ".join(reversed(parts))

    def _position(self, parent: Element, el: Element) -> tuple[int, int]:
        """(1-based position among same-tag siblings, how many there are)."""
        if parent not in self._positions:
            by_tag: dict[object, list[Element]] = {}
            for child in parent:
                if isinstance(child.tag, str):
                    by_tag.setdefault(child.tag, []).append(child)
            table: dict[Element, tuple[int, int]] = {}
            for same in by_tag.values():
                for i, child in enumerate(same, 1):
                    table[child] = (i, len(same))
            self._positions[parent] = table
        return self._positions[parent][el]

    def hidden(self, el: Element) -> bool:
        """Hidden from screen readers: by the tree's rules or by the page's CSS."""
        memo = self._hidden.get(el)
        if memo is None:
            memo = (self.tb.hidden(el) or self.tb.vis_hidden(el)
                    or self.styles.display_none(el) or self.styles.visibility_hidden(el))
            self._hidden[el] = memo
        return memo

    def shown_nodes(self, *roles: str) -> list[AXNode]:
        return [n for n in self.tree.find_all(*roles)
                if n.element is None or not self.hidden(n.element)]

    def role(self, el: Element) -> str:
        return self.tb.role(el)

    def target_of(self, href: str) -> Element | None:
        """The element an in-page link goes to (by id, then by name), as axe-core finds it."""
        frag = href[href.index("#") + 1:] if "#" in href else href
        with contextlib.suppress(UnicodeDecodeError):
            frag = unquote(frag, errors="strict")
        found = self.ids.get(frag)
        if found:
            return found[0]
        return self.names.get(frag) if frag else None

    def skip_links(self) -> list[Element]:
        """In-page links that come before the first link to another page (axe-core's
        definition): the links a keyboard user meets first to jump ahead."""
        out: list[Element] = []
        for a in self.root.iter("a"):
            href = a.get("href")
            if href is None:
                continue
            h = str(href).strip()
            if h.startswith(("#", "/#")):
                out.append(a)
            elif not h.lower().startswith("javascript:"):
                break
        return out

    # -- language and title ------------------------------------------------------------

    def check_language(self) -> None:
        if self.whole:
            lang = self.root.get("lang")
            if lang is None or not str(lang).strip():
                xml_lang = self.root.get("{http://www.w3.org/XML/1998/namespace}lang")
                lang = xml_lang if xml_lang and str(xml_lang).strip() else None
            if lang is None or not str(lang).strip():
                self.report("html-lang-missing", None,
                            "The <html> element has no lang attribute, so screen readers "
                            "guess the language.")
            elif not valid_lang(str(lang)):
                self.report("html-lang-invalid", None,
                            f'lang="{_shorten(str(lang))}" on <html> is not a valid language '
                            "tag.")
        self.report_each("lang-invalid", self._invalid_lang)

    def _invalid_lang(self, el: Element) -> str | None:
        lang = el.get("lang")
        if el is self.root or lang is None or not str(lang).strip() or valid_lang(str(lang)):
            return None
        if not self._has_lang_text(el):
            return None
        return f'lang="{_shorten(str(lang))}" on <{_tag(el)}> is not a valid language tag.'

    def _has_lang_text(self, el: Element) -> bool:
        """Text whose language this element's lang sets (axe-core's hasLangText)."""
        stack = [el]
        while stack:
            node = stack.pop()
            if _tag(node) in _HIDDEN_TEXT_TAGS:
                continue
            if _own_text(node).strip() or (
                    _tag(node) in _VISUAL_TAGS and self.tb.name(node, self.role(node))[0]):
                return True
            stack.extend(c for c in node if isinstance(c.tag, str) and c.get("lang") is None
                         and not self.hidden(c))
        return False

    def check_title(self) -> None:
        if not self.whole:
            return
        title = next((t for t in self.root.iter("title")
                      if not any(_tag(a) == "svg" for a in t.iterancestors())), None)
        if title is None:
            self.report("document-title", None, "The page has no <title> element.")
        elif not _norm(_text(title)):
            self.report("document-title", None, "The page's <title> is empty.")

    # -- bypass blocks -----------------------------------------------------------------

    def check_bypass(self) -> None:
        skip = [a for a in self.skip_links() if not self.hidden(a)]  # display:none ones: no use
        for a in skip:
            href = str(a.get("href", "")).strip()
            target = self.target_of(href)
            text = _shorten(self.tb.name(a, "link")[0] or href)
            if target is None:
                self.report("skip-link-broken", a,
                            f'The skip link "{text}" goes to {href}, but no element has that '
                            "id.")
            elif self.hidden(target):
                self.report("skip-link-broken", a,
                            f'The skip link "{text}" goes to {href}, which is hidden.')
        if not self.whole:
            return
        if any(self.target_of(str(a.get("href", "")).strip()) is not None for a in skip):
            return
        if not (self.shown_nodes("heading") or self.shown_nodes("main")):
            what = "no working skip link" if skip else "no skip link"
            self.report("bypass", None,
                        f"The page has {what}, no headings and no main landmark: "
                        "keyboard and screen reader users must go through everything.")
        elif not skip:  # a broken one is reported above
            self.report("skip-link-missing", None,
                        "No link at the start of the page skips to the main content.")

    # -- landmarks -----------------------------------------------------------------------

    def check_landmarks(self) -> None:
        landmarks = self.shown_nodes(*_LANDMARKS)
        by_role: dict[str, list[AXNode]] = {}
        for node in landmarks:
            by_role.setdefault(node.role, []).append(node)
        mains = by_role.get("main", [])
        if self.whole and not mains:
            self.report("main-missing", None, "The page has no <main> element.")
        if len(mains) > 1:
            self.report("main-multiple", mains[0].element,
                        f"The page has {len(mains)} main landmarks.")
        for role, what in (("banner", "banner (page-level <header>)"),
                           ("contentinfo", "contentinfo (page-level <footer>)")):
            nodes = by_role.get(role, [])
            if len(nodes) > 1:
                self.report("landmark-duplicate", nodes[0].element,
                            f"The page has {len(nodes)} {what} landmarks.")
        groups: dict[tuple[str, str], list[AXNode]] = {}
        for node in landmarks:
            groups.setdefault((node.role, node.name.casefold()), []).append(node)
        for (role, _), nodes in groups.items():
            if len(nodes) < 2 or role in ("main", "banner", "contentinfo"):
                continue  # reported above, more precisely
            name = nodes[0].name
            label = f' labelled "{_shorten(name)}"' if name else " without a label"
            self.report("landmark-unique", nodes[0].element,
                        f"{len(nodes)} {role} landmarks{label} cannot be told apart.")

    def check_regions(self) -> None:
        """Content outside landmarks, found and reported as axe-core's region rule does."""
        if not self.whole or self.body is None:
            return
        marked: set[Element] = set()
        found: list[Element] = []
        stack: list[Element] = [self.root]
        skip = set(self.skip_links())
        while stack:
            el = stack.pop()
            if self._is_region(el) or (el in skip and self.target_of(
                    str(el.get("href", "")).strip()) is not None) or self.hidden(el):
                node: Element | None = el
                while node is not None and node not in marked:
                    marked.add(node)
                    node = node.getparent()
                continue
            if el is not self.body and self._has_content(el) and not self._shallowly_hidden(el):
                found.append(el)
                continue
            stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
        reported: list[Element] = []
        for el in found:
            top = el
            parent = top.getparent()
            while parent is not None and parent not in marked and parent is not self.body:
                top = parent
                parent = top.getparent()
            if top not in reported:
                reported.append(top)
        for el in reported:
            text = _shorten(_visible_text(el) or self.tb.name(el, self.role(el))[0], 50)
            what = f' ("{text}")' if text else ""
            self.report("content-outside-landmarks", el,
                        f"<{_tag(el)}>{what} is not inside any landmark.")

    def _is_region(self, el: Element) -> bool:
        role = self.role(el)
        live = str(el.get("aria-live", "")).strip().lower()
        return (role in _LANDMARKS or role in ("button", "alert", "log", "status", "dialog",
                                              "alertdialog")
                or live in ("polite", "assertive")
                or _tag(el) in ("svg", "iframe", "frame", "dialog"))

    def _has_content(self, el: Element) -> bool:
        tag = _tag(el)
        if tag not in _HIDDEN_TEXT_TAGS and _own_text(el).strip():
            return True
        if tag in _VISUAL_TAGS or (tag == "input" and str(
                el.get("type", "")).strip().lower() != "hidden"):
            return True
        if self.tb.explicit_role(el) in _VISUAL_ROLES:
            return True
        label = el.get("aria-label")
        if label is not None and _norm(str(label)):
            return True
        lb = el.get("aria-labelledby")
        return bool(lb) and any(
            _norm(_text(self.ids[i][0])) for i in str(lb).split() if i in self.ids)

    def _shallowly_hidden(self, el: Element) -> bool:
        return self.role(el) == "none" and not (_tag(el) not in _HIDDEN_TEXT_TAGS
                                                and _own_text(el).strip())

    # -- headings ----------------------------------------------------------------------------

    def check_headings(self) -> None:
        headings = self.shown_nodes("heading")
        previous: AXNode | None = None
        for h in headings:
            level = h.level or 2
            if previous is not None and previous.level is not None and level > previous.level + 1:
                self.report("heading-skipped", h.element,
                            f'Heading level {level} ("{_shorten(h.name)}") follows level '
                            f"{previous.level}: level {previous.level + 1} is skipped.")
            previous = h
            if not h.name:
                self.report("heading-empty", h.element,
                            f"<{_tag(h.element) if h.element is not None else 'heading'}> has "
                            "no text.")
        ones = [h for h in headings if h.level == 1]
        if self.whole and not ones:
            self.report("heading-h1-missing", None, "The page has no level-one heading.")
        for h in ones[1:]:
            self.report("heading-h1-multiple", h.element,
                        f'"{_shorten(h.name)}" is another level-one heading (the first is '
                        f'"{_shorten(ones[0].name)}").')

    # -- images -------------------------------------------------------------------------------

    def check_images(self) -> None:
        for el in self.elements:
            tag = _tag(el)
            role = self.tb.explicit_role(el)
            image_button = tag == "input" and str(el.get("type", "")).strip().lower() == "image"
            if (tag == "img" or image_button or role == "img") and not self.hidden(el):
                self._check_image(el, tag)

    def _check_image(self, el: Element, tag: str) -> None:
        role = self.role(el)
        if role == "none":
            return  # decorative: alt="" or role="presentation"
        src = str(el.get("src", "")).strip()
        file = src.rsplit("/", 1)[-1].split("?")[0] if src else ""
        name = self.tb.name(el, role)[0]
        alt = el.get("alt")
        if tag == "input":
            named = any(_norm(str(el.get(a, ""))) for a in ("alt", "aria-label", "title")) or (
                name and el.get("aria-labelledby"))
            if not named:
                self.report("image-alt-missing", el,
                            f"The image button{f' {file}' if file else ''} has no alt text.")
            return
        if not name:
            if tag == "img":
                what = "alt is only white space" if alt is not None else "it has no alt attribute"
                self.report("image-alt-missing", el,
                            f"The image{f' {file}' if file else ''} has no text alternative: "
                            f"{what}.")
            else:
                self.report("image-alt-missing", el,
                            f'<{tag} role="img"> has no accessible name (aria-label, '
                            "aria-labelledby or title).")
            return
        if tag != "img" or alt is None:
            return
        alt_text = _norm(str(alt))
        stem = file.rsplit(".", 1)[0].casefold() if file else ""
        if _FILENAME.fullmatch(alt_text) or (
                stem and alt_text.casefold() == stem and re.search(r"[\d_-]", stem)
                and " " not in alt_text):
            self.report("image-alt-filename", el,
                        f'The alt text "{_shorten(alt_text)}" is a file name.')
            return
        if len(alt_text) > 150:
            self.report("image-alt-long", el,
                        f"The alt text is {len(alt_text)} characters long (more than 150).")
        said = _said(name)
        repeated = self._beside(el)
        if said and repeated is not None:
            where, text = repeated
            self.report("image-alt-redundant", el,
                        f'The alt text "{_shorten(alt_text)}" repeats the {where} text '
                        f'"{_shorten(text)}".')

    def _beside(self, img: Element) -> tuple[str, str] | None:
        """(what, text) when the image's name repeats its figure's caption or the
        text of its link, button, paragraph, list item or table cell."""
        said = _said(self.tb.name(img, self.role(img))[0])
        for anc in img.iterancestors():
            tag = _tag(anc)
            if tag == "figure":
                cap = next((c for c in anc if _tag(c) == "figcaption"), None)
                if cap is not None:
                    text = _visible_text(cap)
                    if _said(text) == said or (
                            len(said) >= 20 and _said(text).startswith(said)):
                        return ("caption", text)
            if tag in ("button", "a", "p", "li", "td", "th") or self.tb.explicit_role(
                    anc) == "button":
                if tag == "a" and anc.get("href") is None:
                    continue
                text = _visible_text(anc)
                # axe-core's image-redundant-alt: the nearest such ancestor's whole text
                if text and _said(text) == said:
                    return ({"a": "link", "td": "cell", "th": "cell", "li": "list item",
                             "p": "paragraph"}.get(tag, "button"), text)
                return None
        return None

    # -- links ------------------------------------------------------------------------------

    def check_links(self) -> None:
        links = [n for n in self.shown_nodes("link") if n.element is not None]
        groups: dict[str, list[AXNode]] = {}
        base = next((str(b.get("href")) for b in self.root.iter("base")
                     if b.get("href")), "")
        for node in links:
            el = node.element
            assert el is not None
            href = node.href if node.href is not None else el.get("href")
            if not node.name:
                shown = f" to {_shorten(str(href), 50)}" if href else ""
                self.report("link-name", el, f"The link{shown} has no text a screen reader can "
                                             "announce.")
                continue
            said = _said(node.name)
            if said in _AMBIGUOUS and not node.description and not self._link_context(el):
                self.report("link-text-ambiguous", el,
                            f'The link text "{_shorten(node.name)}" does not say where the '
                            "link goes, and nothing around it does.")
            if href is not None:
                groups.setdefault(said, []).append(node)
        for nodes in groups.values():
            targets: dict[str, AXNode] = {}
            for node in nodes:
                assert node.element is not None
                key = _target(str(node.href or node.element.get("href", "")), base)
                targets.setdefault(key, node)
            if len(targets) > 1:
                first = nodes[0]
                self.report("link-text-reused", first.element,
                            f'{len(nodes)} links say "{_shorten(first.name)}" but go to '
                            f"{len(targets)} different places.")

    def _link_context(self, link: Element) -> bool:
        """Whether the link's sentence, paragraph, list item or cell has other text."""
        for anc in link.iterancestors():
            tag = _tag(anc)
            if tag in _CONTEXT_TAGS:
                whole = _said(_visible_text(anc))
                own = _said(_visible_text(link))
                return bool(whole.replace(own, "", 1).strip())
            if self.role(anc) in _LANDMARKS or tag in ("body", "article", "section"):
                return False
        return False

    # -- tables -----------------------------------------------------------------------------

    def check_tables(self) -> None:
        unnamed: list[Element] = []
        for table in self.root.iter("table"):
            if self.hidden(table) or not self._data_table(table):
                continue
            cells = _own_cells(table)
            if not any(_tag(c) == "th" or self.tb.explicit_role(c) in (
                    "columnheader", "rowheader") for c in cells):
                self.report("table-headers", table,
                            f"The data table{_table_label(table)} has {len(cells)} cells and "
                            "no header cells.")
            caption = next((c for c in table if _tag(c) == "caption"), None)
            named = (caption is not None and _norm(_text(caption))) or any(
                _norm(str(table.get(a, ""))) for a in ("aria-label", "aria-labelledby", "title"))
            if not named:
                unnamed.append(table)
        # A table without a caption is still identified by the heading of its
        # section when it is the only such table there (a screen reader user
        # moving by heading lands just before it); not when it shares one.
        headings = [n.element for n in self.shown_nodes("heading") if n.element is not None]
        by_heading: dict[Element | None, list[Element]] = {}
        for table in unnamed:
            pos = self.order.get(table, 0)
            before = [h for h in headings if self.order.get(h, 0) < pos]
            by_heading.setdefault(before[-1] if before else None, []).append(table)
        for heading, tables in by_heading.items():
            if heading is not None and len(tables) == 1:
                continue
            for table in tables:
                why = ("nothing before it names it" if heading is None else
                       f'{len(tables)} tables share the heading "{_shorten(_text(heading), 40)}"')
                self.report("table-caption", table,
                            f"The data table{_table_label(table)} has no caption or label, "
                            f"and {why}.")

    def _data_table(self, table: Element) -> bool:
        """Whether a table holds data (not layout): explicit roles and header
        markup say so; otherwise a grid of two or more rows and columns whose
        cells hold only text and inline content."""
        explicit = self.tb.explicit_role(table)
        if explicit in ("table", "grid", "treegrid"):
            return True
        if self.role(table) in ("none",) or explicit is not None:
            return False
        if table.get("summary"):
            return True
        rows = [r for r in _own_rows(table)]
        for el in _own_descendants(table):
            tag = _tag(el)
            if tag in ("th", "thead", "tfoot", "colgroup", "col") or (
                    tag == "caption" and _norm(_text(el))) or (
                    tag in ("td",) and any(el.get(a) for a in ("headers", "scope"))):
                return True
        if len(rows) < 2 or max((len(_cells_of(r)) for r in rows), default=0) < 2:
            return False
        return not any(_tag(d) in _LAYOUT_IN_CELL for d in _own_descendants(table)
                       if _tag(d) not in ("tr", "td", "th", "tbody", "thead", "tfoot"))

    # -- lists ------------------------------------------------------------------------------

    def check_lists(self) -> None:
        self.report_each("list-children", self._list_children)
        self.report_each("listitem-parent", self._listitem_parent)

    def _list_children(self, el: Element) -> str | None:
        tag = _tag(el)
        if tag not in ("ul", "ol") or el.get("role") is not None:
            return None
        bad = [c for c in el if isinstance(c.tag, str) and not self.hidden(c)
               and _tag(c) != "li" and self.role(c) != "listitem"]
        text = _norm(el.text or "") or next(
            (_norm(c.tail) for c in el if c.tail and _norm(c.tail)), "")
        if not (bad or text):
            return None
        what = (", ".join(sorted({f"<{_tag(c)}>" for c in bad}))
                if bad else f'text "{_shorten(text, 30)}"')
        return f"<{tag}> holds {what} directly, not only <li>."

    def _listitem_parent(self, el: Element) -> str | None:
        if _tag(el) != "li" or el.get("role") is not None:
            return None
        parent = el.getparent()
        if parent is None or self.role(parent) in ("list", "none"):
            return None
        return f"<li> is inside <{_tag(parent)}>, not a <ul>, <ol> or <menu>."

    # -- ids and focus ---------------------------------------------------------------------

    def check_ids(self) -> None:
        referenced: set[str] = set()
        for el in self.elements:
            for attr in _IDREF_ATTRS:
                raw = el.get(attr)
                if raw:
                    referenced.update(str(raw).split())
            if _tag(el) in ("label", "output") and el.get("for"):
                referenced.update(str(el.get("for")).split())
        groups: dict[str, list[Element]] = {}
        for el in self.elements:
            ident = el.get("id")
            if ident is not None and str(ident).strip():
                groups.setdefault(str(ident).strip(), []).append(el)
        for ident, els in groups.items():
            if len(els) < 2:
                continue
            rule = "duplicate-id-aria" if ident in referenced else "duplicate-id"
            use = " and is referenced by a label or ARIA attribute" if ident in referenced else ""
            self.report(rule, els[0], f'id="{_shorten(ident, 40)}" is on {len(els)} '
                                      f"elements{use}.")

    def check_tabindex(self) -> None:
        self.report_each("tabindex-positive", _positive_tabindex)

    # -- contrast -----------------------------------------------------------------------

    def check_contrast(self) -> None:
        for issue in contrast_issues(self.styles, lambda el: False):
            size = "large " if issue.large else ""
            self.report("color-contrast", issue.element,
                        f'The {size}text "{_shorten(issue.text, 40)}" is '
                        f"{to_hex(issue.foreground)} on {to_hex(issue.background)}: contrast "
                        f"{issue.ratio:.2f}:1, below {issue.required:g}:1.")


def _positive_tabindex(el: Element) -> str | None:
    value = _int(el.get("tabindex"))
    if value is None or value <= 0:
        return None
    return (f'<{_tag(el)}> has tabindex="{value}": it is reached before everything else, '
            "out of reading order.")


def _said(text: str) -> str:
    """Text as compared: case-folded, punctuation at the ends and extra spaces dropped."""
    return _norm(text).casefold().strip(" .,:;!?\"'“”‘’()[]-–—→›»«<>…")


def _target(href: str, base: str) -> str:
    """A link destination, normalised so that equal URLs compare equal."""
    url = urljoin(base, href.strip()) if base else href.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/") or ("/" if parts.netloc else "")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query,
                       parts.fragment))


def _own_descendants(table: Element) -> Iterator[Element]:
    """Descendants of ``table`` that are not inside a nested table."""
    stack = [c for c in reversed(table) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        yield el
        if _tag(el) != "table":
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str))


def _own_rows(table: Element) -> Iterable[Element]:
    return (el for el in _own_descendants(table) if _tag(el) == "tr")


def _cells_of(row: Element) -> list[Element]:
    return [c for c in row if _tag(c) in ("td", "th")]


def _own_cells(table: Element) -> list[Element]:
    return [c for r in _own_rows(table) for c in _cells_of(r)]


def _table_label(table: Element) -> str:
    caption = next((c for c in table if _tag(c) == "caption"), None)
    if caption is not None and _norm(_text(caption)):
        return f' "{_shorten(_text(caption), 40)}"'
    first = next(iter(_own_cells(table)), None)
    if first is not None and _norm(_text(first)):
        return f' starting "{_shorten(_text(first), 30)}"'
    return ""


# --------------------------------------------------------------------------- #
# findings in the model
# --------------------------------------------------------------------------- #


def _locate_in_model(finding: Finding, el: Element | None,
                     paths: dict[Element, ModelPath]) -> Finding:
    """``finding`` with ``where`` as a model path, when its element comes from the model."""
    while el is not None:
        path = paths.get(el)
        if path is not None:
            return Finding(finding.rule, finding.wcag, finding.level, finding.severity,
                           format_path(path), finding.message, finding.help, finding.selector)
        el = el.getparent()
    return finding


def _model_paths(doc: Document, root: Element) -> dict[Element, ModelPath]:
    """Each element of ``doc``'s rendered page that comes from the model, with
    the model path it comes from (blocks, list items, figures' images and
    captions, table rows and cells, metadata); generated chrome is left out.

    The html renderer writes every block as exactly one element, so blocks and
    elements are walked side by side; where the page does not look as
    expected the walk stops and those elements keep their CSS paths.
    """
    from ..model import Aside, BlockQuote, Figure, List, Media, Paragraph, Region, Table
    from ..reading import table_grid

    out: dict[Element, ModelPath] = {}

    def kids(el: Element) -> list[Element]:
        return [c for c in el if isinstance(c.tag, str)]

    def blocks(seq: Iterable[object], elements: list[Element], path: ModelPath) -> None:
        for i, (block, el) in enumerate(zip(seq, elements, strict=False)):
            here = (*path, i)
            out[el] = here
            block_inside(block, el, here)

    def block_inside(block: object, el: Element, path: ModelPath) -> None:
        tag = _tag(el)
        if isinstance(block, List) and tag in ("ul", "ol"):
            for k, (item, li) in enumerate(zip(block.items, kids(el), strict=False)):
                out[li] = (*path, "items", k)
                only = item.children[0] if len(item.children) == 1 else None
                if isinstance(only, Paragraph) and only.id is None and only.lang is None:
                    continue  # written as a bare <li>: its inline content is the item's
                blocks(item.children, kids(li), (*path, "items", k, "children"))
        elif isinstance(block, BlockQuote):
            quote = el if tag == "blockquote" else next(
                (c for c in kids(el) if _tag(c) == "blockquote"), None)
            if quote is not None:
                blocks(block.children, kids(quote), (*path, "children"))
            cap = next((c for c in kids(el) if _tag(c) == "figcaption"), None)
            if cap is not None:
                out[cap] = (*path, "attribution")
        elif isinstance(block, Figure):
            for c in kids(el):
                if _tag(c) == "img":
                    out[c] = (*path, "image")
                elif _tag(c) == "figcaption":
                    out[c] = (*path, "caption")
        elif isinstance(block, Table):
            cap = next((c for c in kids(el) if _tag(c) == "caption"), None)
            if cap is not None:
                out[cap] = (*path, "caption")
            grid, _ = table_grid(block)
            rows = [tr for tr in el.iter("tr")]
            for cells, tr in zip(grid, rows, strict=False):
                for cell, td in zip(cells, kids(tr), strict=False):
                    out[td] = (*path, *cell.path)
                    out.setdefault(tr, (*path, *cell.path[:2]))
        elif isinstance(block, Aside):
            inner = kids(el)
            if inner:
                out[inner[0]] = (*path, "label")
            blocks(block.children, inner[1:], (*path, "children"))
        elif isinstance(block, Media):
            for c in kids(el):
                if _tag(c) == "figcaption":
                    out[c] = (*path, "title")
                elif _tag(c) == "div":
                    blocks(block.transcript, kids(c)[1:], (*path, "transcript"))

    body = next(root.iter("body"), None)
    if body is None:
        return out
    head_title = next(root.iter("title"), None)
    if head_title is not None:
        out[head_title] = ("meta", "title")
    regions = list(enumerate(doc.regions))
    by_role: dict[str, list[tuple[int, Region]]] = {}
    for i, region in regions:
        by_role.setdefault(region.role, []).append((i, region))
    seen: dict[str, int] = {}
    for el in kids(body):
        tag = _tag(el)
        role = {"header": "banner", "nav": "navigation", "aside": "complementary",
                "footer": "contentinfo"}.get(tag)
        if tag == "section" and "notice" in str(el.get("class", "")).split():
            role = "notice"
        if tag == "main":
            article = next((c for c in kids(el) if _tag(c) == "article"), None)
            if article is None:
                continue
            inner = kids(article)
            if inner and _tag(inner[0]) == "header":
                _meta_paths(inner[0], out)
                inner = inner[1:]
            blocks(doc.body, inner, ("body",))
            continue
        if role is None:
            continue
        k = seen.get(role, 0)
        seen[role] = k + 1
        found = by_role.get(role, [])
        if k >= len(found):
            continue
        index, region = found[k]
        out[el] = ("regions", index)
        children = kids(el)
        if role == "banner":
            children = [c for c in children if "skip-link" not in str(c.get("class", ""))
                        and "site-name" not in str(c.get("class", ""))]
        elif role == "contentinfo":
            children = [c for c in children if not ({"source", "back-to-top"} & set(
                str(c.get("class", "")).split()))]
        blocks(region.children, children, ("regions", index, "children"))
    return out


def _meta_paths(header: Element, out: dict[Element, ModelPath]) -> None:
    """The article header's elements: the headline and the metadata."""
    bylines = 0
    for el in header:
        if not isinstance(el.tag, str):
            continue
        classes = str(el.get("class", "")).split()
        if _tag(el) == "h1":
            out[el] = ("meta", "title")
            for span in el:
                if "kicker" in str(span.get("class", "")).split():
                    out[span] = ("meta", "kicker")
        elif "standfirst" in classes:
            out[el] = ("meta", "standfirst")
        elif "byline" in classes:
            out[el] = ("meta", "bylines", bylines)
            bylines += 1
        elif "dateline" in classes:
            out[el] = ("meta", "dateline")
        elif "published" in classes:
            out[el] = ("meta", "published")
        elif "updated" in classes:
            out[el] = ("meta", "updated")
