"""Find the article in a parsed page and strip the page chrome from it.

Everything happens on a copy of the tree, so the caller's tree is never
changed (the lesson of mozilla/readability#250). The steps:

1. **Junk out**, anywhere in the page: scripts, styles, embeds, form
   fields, navigation, and hidden elements (``hidden``,
   ``aria-hidden="true"``, inline ``display:none`` or ``visibility:hidden``).
2. **Score** the page as Readability.js does: every paragraph scores for
   its length and commas, the score flows to its parent, grandparent and
   on (halved, then thirded), class names and ids weigh in, and a
   candidate loses the share of its text that sits in links. Paragraphs
   whose words are in the page's JSON-LD ``articleBody`` count thrice.
3. **Choose**: the element whose words match the JSON-LD ``articleBody``
   when one matches well; else the best candidate, widened to an ancestor
   that adds whole sections of paragraphs, or replaced by what the page
   marks as its article (``itemprop="articleBody"``, ``<article>``,
   ``<main>``, the body classes of common CMSs) when that holds the same
   prose without the clutter; then siblings that continue the text, and a
   lead figure just before it. The verdict "index page" is taken here,
   before clean-up, from teaser-shaped prose.
4. **Clean inside the article**: asides, footers, forms and widgets named
   by role, class or id (ads, share and comment widgets, related and
   most-read lists, newsletter and cookie banners), visually-hidden helper
   text, skip links and furniture phrases ("Advertisement"), then
   containers that are mostly links, images or fields (Readability's
   "clean conditionally"), then headings whose section is gone. A class
   name is only a hint: an element holding half of the article's text is
   never removed for its class alone.

Text is read and elements found in libxml2 (``text_content``, filtered
``iter``, XPath), every walk in Python is iterative, and wrappers' text is
never built level by level, so a page costs a couple of milliseconds and
deep input cannot exhaust Python's stack.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from lxml import etree
from lxml.html import HtmlElement

from ..errors import InputTooLargeError

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_ARTICLE_ELEMENTS",
    "ArticleMeta",
    "Extraction",
    "article_problem",
    "extract",
    "find_article",
    "prose_size",
]

#: An article larger than this (characters of text, or elements) is refused
#: rather than cleaned and converted: the longest real articles hold a tenth.
MAX_ARTICLE_CHARS = 1_000_000
MAX_ARTICLE_ELEMENTS = 100_000


class ArticleMeta(Protocol):
    """What extraction uses from the page's metadata (``PageMeta`` fits)."""

    @property
    def article_body(self) -> str | None: ...

    @property
    def consumed(self) -> tuple[HtmlElement, ...]: ...


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

# Never article content, wherever it stands.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "canvas", "map", "input", "button", "select", "textarea",
    "datalist", "output", "progress", "meter", "dialog", "link", "meta", "base", "head",
    "nav", "menu", "label", "fieldset",
)
# Landmark and widget roles that are never the article.
_CHROME_ROLES = frozenset({
    "navigation", "contentinfo", "search", "menu", "menubar", "toolbar", "dialog",
    "alertdialog", "tablist", "complementary", "banner", "alert", "status", "marquee",
    "timer", "log",
})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody",
    "thead", "tfoot", "tr", "td", "th", "caption", "ul", "summary", "picture", "video",
    "audio",
})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Words of class names and ids (split at "-", "_" and camelCase humps) that
# name a widget. A strong word names one even beside a content word
# ("article-share", "post-comments"); a weak one only on its own ("sidebar",
# but not "content-with-sidebar").
_STRONG_WIDGET_WORDS = frozenset({
    # advertising
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsbygoogle",
    "adslot", "adunit", "adcontainer", "adwrapper", "adbox", "dfp", "sponsor", "sponsored",
    "sponsors", "taboola", "outbrain", "doubleclick", "promo", "promos", "promoted",
    "affiliate", "skyscraper", "leaderboard",
    # sharing and social
    "share", "shares", "sharing", "sharebar", "sharethis", "sharedaddy", "addthis",
    "social", "socials", "socialicon",
    # comments
    "comment", "comments", "disqus", "respond", "replies", "talkback",
    # related, recommended, most read
    "related", "recommended", "recommendation", "recommendations", "trending", "mostread",
    "mostpopular", "mostviewed", "readmore", "morestories", "moreon", "upnext", "nextup",
    "recirc", "recirculation",
    # newsletters, paywalls, cookies and other overlays
    "newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
    "mailchimp", "paywall", "regwall", "cookie", "cookies", "consent", "gdpr", "onetrust",
    "popup", "interstitial",
    # page furniture
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination",
    "pager", "toolbar", "masthead", "skiplink", "skiplinks", "tagcloud", "taglist",
})
_WEAK_WIDGET_WORDS = frozenset({
    "sidebar", "rail", "widget", "widgets", "footer", "banner", "banners", "billboard",
    "popular", "tags", "keywords", "topics", "byline", "meta", "print", "modal", "overlay",
    "lightbox", "toast", "cmp", "gpt", "author", "bio", "profile", "follow", "discussion",
    "commercial",
})
# Pairs of words that name a widget together ("most-read", "sign-up", "you-may-like").
_WIDGET_PAIRS = frozenset({
    ("most", "read"), ("most", "popular"), ("most", "viewed"), ("sign", "up"),
    ("read", "more"), ("more", "stories"), ("read", "next"), ("up", "next"),
    ("also", "like"), ("may", "like"), ("more", "from"), ("further", "reading"),
    ("see", "also"), ("opt", "in"),
})
_CONTENT_WORDS = frozenset({
    "article", "articles", "body", "content", "contents", "entry", "main", "post", "story",
    "text", "prose", "blog", "hentry", "column", "page", "richtext", "paragraph",
})
# Words of class names of an article's header (headline, byline, dates).
_HEADER_WORDS = frozenset({"header", "head", "heading", "hed", "headline", "byline",
                           "dateline", "title", "meta", "masthead", "kicker"})
# Words that say nothing about content beside a content word ("post-body-inner").
_NEUTRAL_WORDS = frozenset({"wrapper", "wrap", "inner", "outer", "container", "area", "section",
                            "single", "full", "the", "main", "primary", "region", "block",
                            "holder", "box", "col", "column", "left", "field", "item"})
# Class names of visually-hidden helper text and skip links, words joined.
_HELPER_NAMES = frozenset({
    "sronly", "srtext", "visuallyhidden", "screenreadertext", "screenreaderonly",
    "readeronly", "offscreen", "skiplink", "skiplinks", "skipto", "skiptocontent",
    "skipnav", "elementinvisible", "assistivetext", "hiddenvisually", "uhiddenvisually",
    "a11yhidden", "vhidden", "hidevisually", "srhidden", "visuallyhiddenfocusable",
    "uvisuallyhidden", "isvisuallyhidden", "showforsr", "sronlyfocusable",
})
# Readability's class weights, as word sets.
_POSITIVE_WORDS = frozenset({
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "prose", "richtext",
})
_NEGATIVE_WORDS = _STRONG_WIDGET_WORDS | _WEAK_WIDGET_WORDS | frozenset({
    "hid", "combx", "contact", "media", "scroll", "shoutbox", "shopping", "caption",
    "credit", "teaser", "card", "thumb", "thumbnail",
})
# Class names of the element that holds the article body in common CMSs.
_BODY_CLASSES = frozenset({
    "entry-content", "post-content", "article-body", "articlebody", "article-content",
    "story-body", "storybody", "story-content", "post-body", "postbody", "article__body",
    "article-text", "articletext", "article__content", "story__body", "body-content",
    "entry-body", "post-entry", "post-text", "field-name-body", "field--name-body",
    "td-post-content", "single-content", "rich-text", "richtext", "content-body",
    "story-text", "text-body", "article-body-text", "c-entry-content", "articlebodytext",
    "article_body", "story_body", "post_content", "entry_content",
})

# Short texts that are page furniture wherever they stand.
_FURNITURE = frozenset({
    "accessibility links", "accessibility help", "skip to content", "skip to main content",
    "skip to the content", "skip to the main content", "skip to navigation",
    "skip to main navigation", "skip navigation", "skip to search", "skip to footer",
    "jump to content", "jump to main content", "jump to navigation", "skip to article",
    "skip to main", "advertisement", "advertising", "advertisements", "ad", "ads",
    "sponsored", "sponsored content", "paid content", "story continues below advertisement",
    "article continues below advertisement", "article continues below",
    "story continues below", "continue reading below", "continue reading the main story",
    "scroll to continue with content", "skip advert", "skip ad", "loading", "loading...",
    "loading…", "share", "share this", "share this article", "share this story",
    "share on facebook", "share on twitter", "advertisement - scroll to continue",
    "content continues below ad", "ad feedback", "listen to this article",
    "you may also like", "you may also like...", "you might also like", "related articles",
    "related stories", "related", "read more", "more stories", "most read", "most popular",
    "recommended", "recommended for you", "trending", "trending now", "advert",
    "this slideshow requires javascript.", "comments", "leave a comment", "leave a reply",
    "view comments", "show comments", "print this article", "email this article",
    "follow us", "back to top", "top",
})
# A date line ("Updated Nov 19, 9:41 AM; Posted Nov 18"): a label word and
# nothing but dates and times. The metadata holds the dates already.
_DATE_LABEL = re.compile(
    r"\b(?:last updated|first published|updated|posted|published|modified)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s*\d{4}|^\s*copyright\b|all rights reserved|무단\s*전재|재배포\s*금지|"
    r"無断転載|版权所有|版權所有)", re.IGNORECASE)
_SEPARATOR_TEXT = re.compile(r"^(?:\s*[*⁂~◆♦•·=#]\s*){3,}$")
_ONWARD = re.compile(
    r"(?:continue reading|read more|read next|keep reading|next page|next:|read the full|"
    r"related:|see also:|more:|also read|recommended:|watch:|listen:|read:)",
    re.IGNORECASE)
_READING_TIME = re.compile(
    r"\s*(?:(?:estimated\s+)?reading time:?\s*\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?)\.?"
    r"|\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?)\.?\s+(?:read|reading|to read|listen))\s*$",
    re.IGNORECASE)
_DATE_BITS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?"
    r"|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|[ap]\.?m\.?|noon|midnight|et|est|edt|ct|cst|cdt|mt|pt|pst|pdt|gmt|utc"
    r"|bst|cet|cest|ist|aest|today|yesterday|ago|hours?|hrs?|minutes?|mins?|on|at)\b\.?"
    r"|\d+(?:st|nd|rd|th)?|[\s,.;:|/()\-–—•·]+", re.IGNORECASE)

_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b",
                           re.IGNORECASE)
_COMMAS = re.compile("[,\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c\u3001]")
_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?。！？…\"'”’)\]]\s*$")
_TAGS = re.compile(r"<[^>]+>")
_FURNITURE_TRIM = ":|·•›»-–—"

#: Paragraph text (in non-space characters) shorter than this is not scored.
_MIN_PARAGRAPH = 25

_BLOCK_CHILD = "*[" + " or ".join(f"self::{t}" for t in sorted(_BLOCK_TAGS)) + "]"
# Attribute nodes come back from libxml2 far faster than elements filtered by them.
_XP_HIDING_ATTRS = etree.XPath("//@hidden | //@aria-hidden | //@style")
_XP_LINK_TEXT = etree.XPath(".//a[not(starts-with(@href, '#'))]//text()",
                            smart_strings=False)
_XP_ANCHOR_TEXT = etree.XPath(".//a[starts-with(@href, '#')]//text()", smart_strings=False)


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _size(text: str) -> int:
    """Characters that are not white space: lengths that indentation cannot inflate."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t")


# What ``HtmlElement.text_content`` runs.
_STRING = etree.XPath("string()", smart_strings=False)


def _text_content(el: HtmlElement) -> str:
    """``el.text_content()``; an element without children (most links and many
    paragraphs) is read without starting XPath."""
    if len(el):
        found = _STRING(el)
        return found if isinstance(found, str) else ""
    return el.text or ""


def prose_size(el: HtmlElement) -> int:
    """The number of non-space characters of text in ``el``."""
    return _size(_text_content(el))


@dataclass(frozen=True, slots=True)
class _ClassInfo:
    kind: str | None  # "widget", "content" or None
    weight: int       # Readability's class weight
    helper: bool      # visually-hidden helper text or a skip link
    header: bool      # an article's header: headline, byline, dates


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD_SPLIT.split(_CAMEL.sub("-", name).lower()) if w)


def _name_kind(words: tuple[str, ...]) -> str | None:
    """``"widget"``, ``"content"`` (a name made only of content words, such as
    "entry-content" or "post-body-wrapper") or None for one class name."""
    if any(w in _STRONG_WIDGET_WORDS for w in words) or any(
            pair in _WIDGET_PAIRS for pair in itertools.pairwise(words)):
        return "widget"
    if words and all(w in _CONTENT_WORDS or w in _NEUTRAL_WORDS or w.isdigit() for w in words) \
            and any(w in _CONTENT_WORDS for w in words):
        return "content"
    if any(w in _WEAK_WIDGET_WORDS for w in words):
        return "widget"
    return None


@lru_cache(maxsize=16384)
def _name_facts(name: str) -> tuple[frozenset[str], str | None, bool, bool]:
    """One class name's words, kind, and whether it names helper text or a header."""
    parts = _name_words(name)
    kind = _name_kind(parts)
    # A widget name counts as a negative word for the class weight.
    words = frozenset(parts) | ({"ad"} if kind == "widget" else set())
    return (words, kind, "".join(parts) in _HELPER_NAMES,
            any(w in _HEADER_WORDS for w in parts))


@lru_cache(maxsize=8192)
def _class_info(cls: str, ident: str) -> _ClassInfo:
    kinds: set[str] = set()
    helper = header = False
    weight = 0
    for attr in (cls, ident):
        words: set[str] = set()
        for name in attr.split():
            name_words, kind, name_helper, name_header = _name_facts(name)
            words |= name_words
            if kind:
                kinds.add(kind)
            helper = helper or name_helper
            header = header or name_header
        if words & _NEGATIVE_WORDS:
            weight -= 25
        if words & _POSITIVE_WORDS:
            weight += 25
    # A class saying "content" outweighs a widget word in another class of
    # the same element ("entry-content has-sidebar").
    kind = "content" if "content" in kinds else "widget" if "widget" in kinds else None
    return _ClassInfo(kind, weight, helper, header)


def _info(el: HtmlElement) -> _ClassInfo:
    return _class_info(el.get("class") or "", el.get("id") or "")


def _link_density(el: HtmlElement, size: int | None = None) -> float:
    """The share of ``el``'s text inside links; in-page links count 0.3."""
    total = _size(_text_content(el)) if size is None else size
    if not total:
        return 0.0
    links = _xpath_size(_XP_LINK_TEXT, el) + 0.3 * _xpath_size(_XP_ANCHOR_TEXT, el)
    return min(1.0, links / total)


def _xpath_size(xp: etree.XPath, el: HtmlElement) -> int:
    found = xp(el)
    if not isinstance(found, list):
        return 0
    try:
        return _size("".join(found))  # text nodes: plain str (smart_strings off)
    except TypeError:
        return _size("".join(s for s in found if isinstance(s, str)))


def _is_hidden(el: HtmlElement) -> bool:
    hidden = el.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found":
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if (el.get("type") or "").strip().lower() == "hidden":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _drop(el: HtmlElement) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


def _walk(root: HtmlElement) -> Iterator[HtmlElement]:
    """Pre-order walk over elements; a subtree the caller drops is skipped."""
    stack: list[HtmlElement] = [root]
    while stack:
        el = stack.pop()
        yield el
        if el is not root and el.getparent() is None:
            continue
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))


def _norm_phrase(text: str) -> str:
    return " ".join(text.split()).strip(_FURNITURE_TRIM).strip().casefold()


# --------------------------------------------------------------------------
# Step 1: junk
# --------------------------------------------------------------------------


def _unwrap_noscript_image(el: HtmlElement) -> None:
    """Put the real image a ``<noscript>`` holds in place of the lazy-loading
    placeholder before it (as Readability does)."""
    imgs = list(el.iter("img"))
    if len(imgs) != 1 or _text_content(el).strip():
        return
    prev = el.getprevious()
    if prev is None:
        return
    if prev.tag == "img":
        target = prev
    elif len(prev) == 1 and prev[0].tag == "img" and not _text_content(prev).strip():
        target = prev[0]
    else:
        return
    parent = target.getparent()
    if parent is not None:
        imgs[0].tail = target.tail
        parent.replace(target, imgs[0])


# AMP's elements: media under their HTML names, the rest (ads, widgets,
# consent and sidebars) junk.
_AMP_MEDIA = {"amp-img": "img", "amp-anim": "img", "amp-video": "video", "amp-audio": "audio"}
_AMP_JUNK = (
    "amp-ad", "amp-embed", "amp-sticky-ad", "amp-analytics", "amp-pixel", "amp-social-share",
    "amp-sidebar", "amp-consent", "amp-user-notification", "amp-iframe", "amp-list",
    "amp-call-tracking", "amp-geo", "amp-install-serviceworker", "amp-web-push",
)


def _strip_junk(doc: HtmlElement) -> None:
    for el in doc.iter(*_AMP_MEDIA):
        el.tag = _AMP_MEDIA[str(el.tag)]
    for el in list(doc.iter("noscript")):
        _unwrap_noscript_image(el)
    # Removed in C, each element's tail kept in place (as drop_tree does).
    etree.strip_elements(doc, *_JUNK_TAGS, *_AMP_JUNK, with_tail=False)
    found = _XP_HIDING_ATTRS(doc)
    if not isinstance(found, list):
        return
    for value in found:
        if not isinstance(value, etree._ElementUnicodeResult):
            continue
        owner = value.getparent()
        if isinstance(owner, HtmlElement) and owner.tag not in ("html", "body") and _is_hidden(
                owner):
            _drop(owner)


# --------------------------------------------------------------------------
# Step 2: scores
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Scores:
    """Content scores of candidate containers, and the paragraph text each holds.

    ``raw`` is the score before the link-density penalty, which is computed
    only for the candidates that are looked at (it costs an XPath each).
    """

    raw: dict[HtmlElement, float] = field(default_factory=dict)
    prose: dict[HtmlElement, int] = field(default_factory=dict)
    # Text of <p> paragraphs not under a widget-like class (comments, related
    # lists): what an article is written in.
    clean: dict[HtmlElement, int] = field(default_factory=dict)
    _final: dict[HtmlElement, float] = field(default_factory=dict)
    # Link densities, computed once each while the tree is left as scored.
    _density: dict[HtmlElement, float] = field(default_factory=dict)

    _links: dict[HtmlElement, tuple[int, int]] = field(default_factory=dict)
    # Text sizes (:func:`prose_size`): the same wrappers are sized by the
    # density, the widening and the index tests, each a read of their text.
    sizes: dict[HtmlElement, int] = field(default_factory=dict)

    def size(self, el: HtmlElement) -> int:
        """:func:`prose_size` of ``el``, read once while the tree is left as scored."""
        found = self.sizes.get(el)
        if found is None:
            found = self.sizes[el] = _size(_text_content(el))
        return found

    def density(self, el: HtmlElement) -> float:
        """:func:`_link_density` of ``el``, from link text sizes summed up the
        tree once (asking XPath at every level would read the page once per
        level)."""
        found = self._density.get(el)
        if found is None:
            total = self.size(el)
            if total:
                links, anchors = self._link_sizes(el)
                found = min(1.0, (links + 0.3 * anchors) / total)
            else:
                found = 0.0
            self._density[el] = found
        return found

    def link_size(self, el: HtmlElement) -> int:
        """The text size inside links to other pages under ``el`` (what the
        ``_XP_LINK_TEXT`` XPath finds)."""
        return self._link_sizes(el)[0]

    def _link_sizes(self, el: HtmlElement) -> tuple[int, int]:
        """Text sizes inside links under ``el``: to other pages (or without
        an address), and to anchors on this page (``#...``)."""
        found = self._links.get(el)
        if found is not None:
            return found
        links = anchors = 0
        for child in el:
            tag = child.tag
            if tag == "a":
                size = self.size(child)
                if (child.get("href") or "").startswith("#"):
                    anchors += size
                else:
                    links += size
            elif isinstance(tag, str) and len(child):
                more = self._link_sizes(child)
                links += more[0]
                anchors += more[1]
        self._links[el] = (links, anchors)
        return links, anchors

    def add(self, el: HtmlElement, amount: float) -> None:
        if el not in self.raw:
            self.raw[el] = _initial_score(el)
        self.raw[el] += amount

    def get(self, el: HtmlElement) -> float | None:
        """The final score of a candidate, or None if ``el`` is none."""
        if el not in self.raw:
            return None
        if el not in self._final:
            self._final[el] = self.raw[el] * (1 - self.density(el))
        return self._final[el]

    def ranked(self, count: int) -> list[tuple[HtmlElement, float]]:
        """The ``count`` best candidates by final score, best first."""
        best: list[tuple[HtmlElement, float]] = []
        for el, raw in sorted(self.raw.items(), key=lambda kv: kv[1], reverse=True):
            # The penalty only lowers a score: once the raw score falls below
            # the count-th best final score, no later candidate can enter.
            if len(best) >= count and raw <= best[-1][1]:
                break
            final = self.get(el)
            assert final is not None
            best.append((el, final))
            best.sort(key=lambda kv: kv[1], reverse=True)
            del best[count:]
        return best


def _initial_score(el: HtmlElement) -> float:
    tag = el.tag
    base = 0
    if tag in ("div", "article", "section", "main"):
        base = 5
    elif tag in ("pre", "td", "blockquote"):
        base = 3
    elif tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
        base = -3
    elif tag in _HEADINGS or tag == "th":
        base = -5
    return base + _info(el).weight


def _paragraphs(body: HtmlElement) -> Iterator[tuple[HtmlElement, str, bool]]:
    """Paragraph-like elements, their text, and whether the element is itself
    the container (text loose between blocks, as in ``div`` + ``br`` pages).
    A wrapper's whole text is never built: that would copy the page once per
    level of nesting."""
    # Parents of blocks, found in one pass instead of a look at every child.
    holders = {b.getparent() for b in body.iter(*_BLOCK_TAGS)}
    for el in body.iter("p", "pre", "td", "div", "section", "article"):
        if el.tag in ("p", "pre") or el not in holders:
            yield el, _text_content(el), False
            continue
        # Text loose between blocks ("<div>text<br>text<p>..."): a paragraph
        # of its own, scored on this element.
        own = el.text
        loose = own is not None and bool(own) and not own.isspace()
        if not loose:
            for c in el:
                tail = c.tail
                if tail and not tail.isspace() and isinstance(c.tag, str):
                    loose = True
                    break
        if loose:
            children = [c for c in el if isinstance(c.tag, str)]
            parts = [own or ""]
            for child in children:
                if child.tag not in _BLOCK_TAGS:
                    parts.append(_text_content(child))
                parts.append(child.tail or "")
            yield el, "".join(parts), True


def _score(body: HtmlElement, body_tokens: frozenset[str] | None) -> _Scores:
    scores = _Scores()
    prose, clean, sizes = scores.prose, scores.clean, scores.sizes
    chains: dict[HtmlElement, list[tuple[HtmlElement, bool]]] = {}
    negative: dict[HtmlElement, bool] = {}
    for el, text, is_container in _paragraphs(body):
        n = _size(text)
        if not is_container:  # the element's whole text: its size, for later
            sizes[el] = n
        if n < _MIN_PARAGRAPH:
            continue
        content = 1.0 + len(_COMMAS.findall(text)) + min(n // 100, 3)
        if body_tokens:
            words = _TOKEN.findall(text.lower())
            # Paragraphs the page's own articleBody confirms count thrice.
            if words and sum(w in body_tokens for w in words) >= 0.8 * len(words):
                content *= 3
        start = el if is_container else el.getparent()
        chain = chains.get(start) if start is not None else None
        if chain is None:
            chain = _chain(start, chains, negative)
        tainted = el.tag != "p" or _info(el).weight < 0
        for level, (anc, bad) in enumerate(chain):
            prose[anc] = prose.get(anc, 0) + n
            tainted = tainted or bad
            if not tainted:
                clean[anc] = clean.get(anc, 0) + n
            if level < 5:
                scores.add(anc, content / (1 if level == 0 else 2 if level == 1 else level * 3))
    return scores


def _chain(el: HtmlElement | None, chains: dict[HtmlElement, list[tuple[HtmlElement, bool]]],
           negative: dict[HtmlElement, bool]) -> list[tuple[HtmlElement, bool]]:
    """``el`` and its ancestors below ``<html>``, each with whether its class
    weighs negative; shared by the paragraphs of one parent (memoised)."""
    if el is None:
        return []
    chain: list[tuple[HtmlElement, bool]] = []
    node: HtmlElement | None = el
    while node is not None and node.getparent() is not None:
        known = chains.get(node)
        if known is not None:
            # An ancestor that leads paragraphs of its own: the rest of the
            # way up is its chain.
            chain.extend(known)
            break
        bad = negative.get(node)
        if bad is None:
            bad = negative[node] = _info(node).weight < 0
        chain.append((node, bad))
        node = node.getparent()
    chains[el] = chain
    return chain


# --------------------------------------------------------------------------
# Step 3: the article
# --------------------------------------------------------------------------


def _element_children(el: HtmlElement) -> list[HtmlElement]:
    return [c for c in el if isinstance(c.tag, str)]


def _top_candidate(scores: _Scores, body: HtmlElement) -> HtmlElement | None:
    ranked = scores.ranked(5)
    if not ranked:
        return None
    top, top_score = ranked[0]
    if top_score <= 0:
        return None
    # Three near-best candidates under one ancestor: that ancestor is the
    # article (an article cut into sections).
    near = [el for el, s in ranked[1:5] if s >= top_score * 0.75]
    if len(near) >= 3:
        near_ancestors = [set(el.iterancestors()) for el in near]
        for anc in top.iterancestors():
            if anc is body or anc.getparent() is None:
                break
            if sum(anc in a for a in near_ancestors) >= 3:
                top = anc
                break
    # Climb while a parent scores about as well: the text continues there.
    last = scores.get(top) or 0.0
    threshold = last / 3
    parent = top.getparent()
    while parent is not None and parent is not body and parent.getparent() is not None:
        pscore = scores.get(parent)
        if pscore is not None:
            if pscore < threshold:
                break
            if pscore > last:
                top = parent
                break
            last = pscore
        parent = parent.getparent()
    # An only child says nothing its parent does not.
    parent = top.getparent()
    while (parent is not None and parent is not body and parent.getparent() is not None
           and len(_element_children(parent)) == 1):
        top = parent
        parent = top.getparent()
    return top


_MEDIA_TAGS = frozenset({"figure", "picture", "img", "video", "audio"})
# Siblings never merged into the article: the page's furniture, and the
# article's own header, whose text is metadata.
_NOT_MERGED = frozenset({"header", "footer", "nav", "aside", "form"})


def _merge_siblings(top: HtmlElement, scores: _Scores) -> HtmlElement:
    """The top candidate plus the siblings that continue it (Readability's
    rules), everything lying between those, and a lead image just before."""
    parent = top.getparent()
    if parent is None:
        return top
    top_score = scores.get(top) or 0.0
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class") or ""
    siblings = _element_children(parent)
    kept: list[int] = []
    for i, sib in enumerate(siblings):
        if sib is top:
            kept.append(i)
            continue
        if sib.tag in _NOT_MERGED or _info(sib).header:
            continue
        bonus = top_score * 0.2 if top_class and sib.get("class") == top_class else 0.0
        score = scores.get(sib)
        if score is not None and score + bonus >= threshold:
            kept.append(i)
        elif sib.tag == "p":
            text = _text_content(sib)
            n = _size(text)
            density = _link_density(sib, n)
            if (n > 70 and density < 0.25) or (
                    0 < n <= 70 and density == 0 and _SENTENCE_END.search(text)):
                kept.append(i)
    first, last = kept[0], kept[-1]
    if first > 0 and _is_media(siblings[first - 1]):
        first -= 1
    if first == last:
        return top
    # Whatever lies between kept siblings (figures, ads) goes too; the
    # clean-up that follows takes the ads out again.
    chosen = [sib for sib in siblings[first:last + 1]
              if sib.tag not in _NOT_MERGED and not _info(sib).header]
    if len(chosen) == 1:
        return chosen[0]
    wrapper = parent.makeelement("div", {})
    parent.insert(parent.index(chosen[0]), wrapper)
    for el in chosen:
        tail = el.tail
        wrapper.append(el)  # moves the element, and its tail, out of the parent
        el.tail = tail
    return wrapper


def _is_media(el: HtmlElement) -> bool:
    """A figure, picture or image: a ``div`` holding an image and a caption
    would read as a stray caption paragraph, so only markup that says it is
    a figure counts."""
    return el.tag in _MEDIA_TAGS


def _is_semantic(el: HtmlElement) -> bool:
    """Whether the page marks ``el`` as its article: microdata, ``<article>``,
    ``<main>``, or the body class of a common CMS."""
    if el.tag in ("article", "main"):
        return True
    if (el.get("itemprop") or "").lower() == "articlebody" or el.get("role") == "main":
        return True
    names = ((el.get("class") or "") + " " + (el.get("id") or "")).lower().split()
    return any(c in _BODY_CLASSES for c in names)


def _widen(top: HtmlElement, scores: _Scores, body: HtmlElement) -> HtmlElement:
    """An ancestor of ``top`` that adds clearly more paragraphs and little else.

    Scores reach only five levels up, so an article cut into sections that
    are each wrapped deeply (figures and ads between them) scores as one
    section; its text, though, tells where it ends.
    """
    best, best_clean, best_size = top, scores.clean.get(top, 0), scores.size(top)
    node = top
    for _ in range(12):
        parent = node.getparent()
        if parent is None or parent is body or parent.getparent() is None:
            break
        node = parent
        clean = scores.clean.get(node, 0)
        # Whole sections more, not a bio or a teaser's sentence.
        if clean < 1.25 * best_clean or clean - best_clean < 400:
            continue
        size = scores.size(node)
        if clean - best_clean < 0.5 * (size - best_size):
            break  # what the wider element adds is mostly not prose
        if scores.density(node) < 0.3:
            best, best_clean, best_size = node, clean, size
    return best


def _match_article_body(scores: _Scores, tokens: frozenset[str]) -> HtmlElement | None:
    """The candidate whose words match the page's JSON-LD ``articleBody`` best,
    if one matches well (F1 of the word sets at least 0.6). A truncated
    ``articleBody`` (a teaser) matches nothing well and only boosts scores."""
    cands: list[HtmlElement] = []
    for el, _ in scores.ranked(8):
        cands.append(el)
        parent = el.getparent()
        if parent is not None and parent.getparent() is not None:
            cands.append(parent)
    best: HtmlElement | None = None
    best_f1 = 0.6
    for el in dict.fromkeys(cands):
        words = frozenset(_TOKEN.findall(_text_content(el).lower()))
        common = len(words & tokens)
        if not common:
            continue
        precision, recall = common / len(words), common / len(tokens)
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best_f1:
            best, best_f1 = el, f1
    return best


def _choose(body: HtmlElement, scores: _Scores) -> HtmlElement | None:
    """The article: the scored top candidate with its siblings, unless the
    page marks an element as its article that holds nearly the same prose
    without the clutter (or far more prose elsewhere)."""
    top = _top_candidate(scores, body)
    if top is None:
        return None
    top = _widen(top, scores, body)
    top_prose = scores.prose.get(top, 0)
    top_ancestors = set(top.iterancestors())
    best: HtmlElement | None = None
    best_prose = 0
    # Neither test below takes an element with less prose than this.
    least = 0.85 * top_prose
    # Only elements holding scored paragraphs can be the article.
    for cand, n in scores.prose.items():
        if n < least or n <= best_prose or cand is top or cand in top_ancestors \
                or not _is_semantic(cand):
            continue  # a wrapper of the scored article adds only clutter
        if scores.density(cand) > 0.5:
            continue
        inside = top in set(cand.iterancestors())
        if (inside and n >= 0.85 * top_prose) or (not inside and n >= 1.2 * top_prose):
            best, best_prose = cand, n
    if best is not None:
        return best
    return _merge_siblings(top, scores)


# --------------------------------------------------------------------------
# Step 4: clean-up inside the article
# --------------------------------------------------------------------------


def _strip_chrome(article: HtmlElement, total: int) -> None:
    """Widgets, asides, footers, forms, helper text and furniture phrases."""

    def small(el: HtmlElement) -> bool:
        return total == 0 or prose_size(el) < 0.5 * total

    # A text's verdict, asked once: a link and the paragraph it fills share
    # their text, and a page repeats its furniture.
    verdicts: dict[str, int] = {}
    for el in _walk(article):
        if el is article:
            continue
        tag = el.tag
        info = _info(el)
        if info.helper:
            _drop(el)
            continue
        role = (el.get("role") or "").strip().lower()
        if tag == "footer" and _parent_tag(el) == "blockquote":
            continue  # a quote's attribution (<blockquote>..<footer>— Name</footer>)
        if (tag in ("aside", "footer", "form") or role in _CHROME_ROLES
                or info.kind == "widget") and small(el):
            _drop(el)
            continue
        if len(el) <= 6 and tag not in ("td", "th", "caption", "figcaption"):
            text = _text_content(el)
            if len(text) <= 200:
                verdict = verdicts.get(text)
                if verdict is None:
                    verdict = verdicts[text] = _furniture_kind(text)
                # A copyright line in a figure is its photo credit: it stays.
                if verdict == _FURNITURE_TEXT or (verdict == _COPYRIGHT_LINE and not any(
                        a.tag in ("figure", "figcaption") for a in el.iterancestors())):
                    _drop(el)
                    continue
        if (tag == "p" and (_is_link_list(el) or _is_onward_link(el))) or (
                tag == "img" and _is_icon(el)):
            _drop(el)


def _parent_tag(el: HtmlElement) -> str:
    parent = el.getparent()
    return parent.tag if parent is not None and isinstance(parent.tag, str) else ""


def _is_icon(img: HtmlElement) -> bool:
    """An image drawn no bigger than an icon or an avatar (64 px a side)."""
    try:
        width, height = int(img.get("width") or 0), int(img.get("height") or 0)
    except ValueError:
        return False
    return 0 < width <= 64 and 0 < height <= 64


_NOT_FURNITURE, _FURNITURE_TEXT, _COPYRIGHT_LINE = 0, 1, 2


def _furniture_kind(text: str) -> int:
    """Whether a short text is page furniture: phrases ("Advertisement"), date
    lines, reading times and bare punctuation ("--", "|") are
    ``_FURNITURE_TEXT``; a copyright line is ``_COPYRIGHT_LINE``, furniture
    unless it is a figure's credit."""
    stripped = text.strip()
    if not stripped:
        return _NOT_FURNITURE
    if len(text) <= 160 and (_norm_phrase(text) in _FURNITURE or _is_dateline(text)):
        return _FURNITURE_TEXT
    if _COPYRIGHT.search(text):
        return _COPYRIGHT_LINE
    return _FURNITURE_TEXT if len(stripped) <= 12 and not any(
        c.isalnum() for c in stripped) and not _SEPARATOR_TEXT.match(stripped) else _NOT_FURNITURE


def _is_onward_link(el: HtmlElement) -> bool:
    """A paragraph that sends the reader elsewhere: "Continue reading: <a>..",
    "Read more: <a>..", "Next page »"."""
    text = _text_content(el).lstrip()
    if not _ONWARD.match(text):
        return False
    size = _size(text)
    return bool(size) and _link_density(el, size) > 0.5


def _drop_link_runs(article: HtmlElement) -> None:
    """Runs of two or more paragraphs that are each just a link: a list of
    related stories set as paragraphs."""
    run: list[HtmlElement] = []

    def flush() -> None:
        if len(run) >= 2:
            for el in run:
                _drop(el)
        run.clear()

    for p in list(article.iter("p")):
        if p.getparent() is None:
            continue
        size = prose_size(p)
        linked = size > 0 and _xpath_size(_XP_LINK_TEXT, p) >= 0.9 * size
        prev = p.getprevious()
        if not linked:
            flush()
            continue
        if run and (prev is not run[-1] or (run[-1].tail or "").strip()):
            flush()
        run.append(p)
    flush()


def _is_dateline(text: str) -> bool:
    """A date line, or a reading time ("6 min read")."""
    if _READING_TIME.match(text):
        return True
    return bool(_DATE_LABEL.search(text)) and not _DATE_BITS.sub(
        "", _DATE_LABEL.sub("", text)).strip()


def _is_link_list(el: HtmlElement) -> bool:
    """A paragraph of nothing but two or more links: related-story links set
    in the body ("READ MORE: <a>..</a> | <a>..</a>")."""
    links = 0
    for _ in el.iter("a"):
        links += 1
        if links >= 2:
            break
    if links < 2:
        return False
    size = prose_size(el)
    if not size:
        return False
    links_size = _xpath_size(_XP_LINK_TEXT, el) + _xpath_size(_XP_ANCHOR_TEXT, el)
    return links_size > 0.8 * size and size - links_size < 40


def _is_data_table(table: HtmlElement) -> bool:
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    if table.find(".//table") is not None:
        return False
    if table.find(".//th") is not None or table.find("caption") is not None:
        return True
    rows = table.findall(".//tr")
    return len(rows) >= 2 and max(len(r) for r in rows) >= 2


def _clean_conditionally(article: HtmlElement) -> None:
    """Drop containers that are mostly links, images or fields
    (Readability's ``_cleanConditionally``), innermost first."""
    found = article.xpath(".//div | .//section | .//ul | .//ol | .//table | .//dl"
                          " | .//header | .//span[" + _BLOCK_CHILD + "]")
    if not isinstance(found, list):
        return
    total = prose_size(article)
    for el in reversed(found):
        if not isinstance(el, HtmlElement) or el.getparent() is None:
            continue
        if _should_remove(el, total):
            _drop(el)


def _should_remove(el: HtmlElement, total: int) -> bool:
    tag = el.tag
    if tag == "table" and _is_data_table(el):
        return False
    for anc in el.iterancestors():
        if anc.tag in ("pre", "code", "figure") or (anc.tag == "table" and _is_data_table(anc)):
            return False
    text = _text_content(el)
    size = _size(text)
    if total and size >= 0.5 * total:
        return False  # the bulk of the article stays, whatever it looks like
    weight = _info(el).weight
    if weight < 0:
        return True
    if len(_COMMAS.findall(text)) >= 10:
        return False
    is_list = tag in ("ul", "ol", "dl")
    if not is_list and size:
        list_size = sum(prose_size(x) for x in el.iter("ul", "ol"))
        is_list = list_size / size > 0.9
    p = sum(1 for _ in el.iter("p"))
    img = sum(1 for _ in el.iter("img"))
    li = sum(1 for _ in el.iter("li")) - 100
    headings = sum(prose_size(h) for h in el.iter(*_HEADINGS))
    heading_density = headings / size if size else 0.0
    density = _link_density(el, size)
    in_figure = any(a.tag == "figure" for a in el.iterancestors())
    remove = (
        (not in_figure and img > 1 and p / img < 0.5)
        or (not is_list and li > p)
        or (not is_list and not in_figure and heading_density < 0.9 and size < 25
            and (img == 0 or img > 2) and density > 0)
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or (is_list and density > 0.5)
    )
    if remove and is_list and img and density <= 0.5 and img == sum(1 for _ in el.iter("li")):
        return False  # a gallery: a list of images, not of links
    return remove


def _clean_headings(article: HtmlElement) -> None:
    """Headings that are chrome: link-dense ones, negative classes, and
    headings whose section was removed (nothing follows them before the
    next heading of the same or a higher rank)."""
    for h in article.iter(*_HEADINGS):
        if _info(h).weight < 0:
            h.set("data-a11y-drop", "")
            continue
        size = prose_size(h)
        if size and _link_density(h, size) > 0.33:
            h.set("data-a11y-drop", "")
    for h in article.xpath(".//*[@data-a11y-drop]"):
        if isinstance(h, HtmlElement):
            _drop(h)
    # Orphans: walk the article's text in order, remembering open headings.
    order: list[tuple[HtmlElement, int]] = []
    # Text inside a heading is the heading's: the elements in headings, once.
    all_in_heading = any(a.tag in _HEADINGS for a in article.iterancestors())
    in_heading: set[HtmlElement] = set()
    if not all_in_heading:
        for h in article.iter(*_HEADINGS):
            in_heading.update(h.iter())
    for el in article.iter():
        if not isinstance(el.tag, str) or el is article:
            continue
        if el.tag in _HEADINGS:
            order.append((el, int(el.tag[1])))
        elif (el.text and el.text.strip() and not (all_in_heading or el in in_heading)) or \
                el.tag in ("img", "video", "audio", "table"):
            order.append((el, 0))
        if el.tail and el.tail.strip() and el.tag not in _HEADINGS:
            order.append((el, 0))
    pending: list[tuple[HtmlElement, int]] = []
    for el, rank in order:
        if rank == 0:
            pending.clear()
            continue
        while pending and pending[-1][1] >= rank:
            _drop(pending.pop()[0])
        pending.append((el, rank))
    for el, _ in pending:
        _drop(el)


def _drop_empty(article: HtmlElement) -> None:
    """Blocks left with no text and no media. (Inline elements stay: an empty
    looking ``<span> </span>`` is the space between two words of code.)"""
    found = article.xpath(
        ".//*[self::div or self::section or self::p or self::ul or self::ol"
        " or self::li or self::header or self::figure or self::blockquote or self::dl]"
        "[not(ancestor::pre)]"
        "[not(normalize-space())][not(.//img or .//video or .//audio or .//picture"
        " or .//hr or self::hr or .//table or @role='separator' or .//*[@role='separator']"
        " or @data-src or @data-lazy-src or .//*[@data-src or @data-lazy-src])]")
    if isinstance(found, list):
        for el in reversed(found):
            if isinstance(el, HtmlElement):
                _drop(el)


# --------------------------------------------------------------------------
# Public
# --------------------------------------------------------------------------


def _path(el: HtmlElement) -> list[int]:
    out: list[int] = []
    node = el
    parent = node.getparent()
    while parent is not None:
        out.append(parent.index(node))
        node, parent = parent, parent.getparent()
    out.reverse()
    return out


def _follow(root: HtmlElement, path: list[int]) -> HtmlElement | None:
    node = root
    for i in path:
        if i >= len(node):
            return None
        node = node[i]
    return node


def _copy(root: HtmlElement, meta: ArticleMeta | None) -> tuple[HtmlElement,
                                                                 list[HtmlElement]]:
    """A deep copy of the page, and the copies of ``meta.consumed``."""
    top = root.getroottree().getroot()
    paths = []
    if meta is not None:
        for el in meta.consumed:
            if isinstance(el, HtmlElement) and el.getroottree().getroot() is top:
                paths.append(_path(el))
    doc = copy.deepcopy(top)
    consumed = [found for path in paths if (found := _follow(doc, path)) is not None]
    return doc, consumed


def _drop_before(headline: HtmlElement, article: HtmlElement) -> None:
    """What stands before the headline inside the article: a section label,
    breadcrumbs, a kicker the metadata did not take. Images stay (a lead
    image may sit above the headline)."""
    node = headline
    while node is not article:
        parent = node.getparent()
        if parent is None:
            return
        for sib in list(node.itersiblings(preceding=True)):
            if sib.tag in _MEDIA_TAGS or sib.find(".//img") is not None or sib.find(
                    ".//picture") is not None:
                continue
            _drop(sib)
        if parent.text and len(parent.text) < 200:
            parent.text = None
        node = parent


def _check_size(article: HtmlElement) -> None:
    chars = len(_text_content(article))
    if chars > MAX_ARTICLE_CHARS:
        raise InputTooLargeError(f"the article holds {chars:,} characters of text; "
                                 f"the limit is {MAX_ARTICLE_CHARS:,}")
    count = article.xpath("count(.//*)")
    if isinstance(count, float) and count > MAX_ARTICLE_ELEMENTS:
        raise InputTooLargeError(f"the article holds {int(count):,} elements; "
                                 f"the limit is {MAX_ARTICLE_ELEMENTS:,}")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What :func:`extract` found: the article element (cleaned, part of a
    copy of the page unless asked otherwise), and ``problem``, why the page
    holds no article (None when it does)."""

    article: HtmlElement | None
    problem: str | None


def find_article(root: HtmlElement, meta: ArticleMeta | None = None, *,
                 in_place: bool = False) -> HtmlElement | None:
    """The article element of the page, cleaned of chrome, or None when the
    page has no paragraph of text.

    ``root`` is not changed: the result is part of a copy, unless
    ``in_place`` says the caller owns the tree and will not use it again.
    Elements of ``meta.consumed`` (the headline, byline, dates, standfirst:
    already metadata) are left out of it.
    """
    return extract(root, meta, in_place=in_place).article


def extract(root: HtmlElement, meta: ArticleMeta | None = None, *, in_place: bool = False,
            title: str = "", headline: str = "", says_article: bool = False) -> Extraction:
    """:func:`find_article`, and whether what it found is an article at all.

    ``title`` and ``headline`` (the page's ``<title>`` and first ``h1``) tell
    an error page; ``says_article`` (the page's metadata calls it an
    article) asks for stronger evidence before calling it an index.
    """
    if in_place:
        doc = root.getroottree().getroot()
        consumed = list(meta.consumed) if meta is not None else []
    else:
        doc, consumed = _copy(root, meta)
    _strip_junk(doc)
    body = doc.find("body")
    if body is None:
        return Extraction(None, "no article found: the page has no body")
    tokens: frozenset[str] | None = None
    if meta is not None and meta.article_body:
        tokens = frozenset(_TOKEN.findall(_TAGS.sub(" ", meta.article_body).lower()))
    scores = _score(body, tokens)
    article = _match_article_body(scores, tokens) if tokens else None
    if article is None:
        article = _choose(body, scores)
    if article is None:
        return Extraction(None, "no article found: the page has no paragraph of text")
    _check_size(article)
    # Judged before clean-up, which takes the teasers of an index for clutter.
    problem = _index_problem(article, says_article, scores)
    ancestors = set(article.iterancestors())
    headline_el = next((el for el in consumed if el.tag in _HEADINGS
                        and article in set(el.iterancestors())), None)
    if headline_el is not None:
        _drop_before(headline_el, article)
    for el in consumed:
        # Only what lies inside the article, never the article or a wrapper of it.
        if el is not article and el not in ancestors and article in set(el.iterancestors()):
            _drop(el)
    _strip_chrome(article, prose_size(article))
    _drop_link_runs(article)
    _clean_conditionally(article)
    _clean_headings(article)
    _drop_empty(article)
    if article.tag in ("p", "pre", "td", "blockquote", "li", "span", "font"):
        # The converter reads an element's children as blocks; give it one.
        wrapper = article.makeelement("div", {})
        parent = article.getparent()
        if parent is not None:
            parent.replace(article, wrapper)
        article.tail = None
        wrapper.append(article)
        article = wrapper
    # An error page's verdict first: its "most read" list looks like teasers.
    return Extraction(article, article_problem(article, title=title, headline=headline)
                      or problem)


# --------------------------------------------------------------------------
# Is it an article at all?
# --------------------------------------------------------------------------

_ERROR_PAGE = re.compile(
    r"\b(?:404|(?:error|http)\s*[45]\d\d|not found|no results|nothing (?:was )?(?:found|matched)|"
    r"(?:can(?:'|’)?t|cannot|could ?n(?:o|'|’)t) be (?:found|displayed)|"
    r"(?:does ?n(?:o|'|’)t|no longer) exists?|access denied|forbidden|server error|"
    r"service unavailable|something went wrong|try again later|"
    r"(?:page|link|url) you (?:were looking for|requested|tried|followed)|"
    r"nicht gefunden|introuvable|"
    r"no encontrad[ao]|non trovat[ao]|niet gevonden|não encontrad[ao])\b",
    re.IGNORECASE)


def _teaser_runs(article: HtmlElement, sizes: _Scores) -> tuple[int, list[int]]:
    """Linked headlines in ``article`` and the runs of prose between them."""
    linked = 0
    runs = [0]
    for el in article.iter(*_HEADINGS, "p"):
        size = sizes.size(el)
        if el.tag == "p":
            if size >= 40 and sizes.density(el) < 0.5:
                runs[-1] += size
            continue
        if size and (sizes.link_size(el) >= 0.5 * size or any(
                a.tag == "a" for a in itertools.islice(el.iterancestors(), 3))):
            linked += 1
            runs.append(0)
    return linked, [r for r in runs if r]


_UNIT_TAGS = frozenset({"article", "li", "div", "section"})
# Class names that number an item ("post-4750") rather than name its kind.
_ITEM_ID = re.compile(r"\S*\d{3,}\S*")


def _teaser_units(article: HtmlElement, sizes: _Scores) -> list[int]:
    """The prose of repeated link-led units: three or more siblings of one
    kind (tag and class, ids and numbers aside), most of them holding a
    headline-long link, as the cards of a front page or the entries of an
    archive do. A list inside what the page marks as its article body (a
    digest: "ten things to know today") is content, not an index."""
    units: list[HtmlElement] = []
    for parent in article.iter(*_UNIT_TAGS, "main", "ol", "ul"):
        groups: dict[tuple[str, str], list[HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _UNIT_TAGS:
                kind = _ITEM_ID.sub("", child.get("class") or "")
                groups.setdefault((child.tag, kind), []).append(child)
        groups = {k: m for k, m in groups.items() if len(m) >= 3}
        if not groups or _in_article_body(parent, article):
            continue
        for members in groups.values():
            led = sum(1 for m in members if any(
                _size(_text_content(a)) >= 15 for a in m.iter("a") if a.get("href")))
            # Teasers carry a summary beside the link; a bare list of links is
            # chrome, which the clean-up removes.
            summarised = sum(1 for m in members if sizes.size(m) - sizes.link_size(m) >= 40)
            if led * 3 >= len(members) * 2 and summarised * 2 >= len(members):
                units.extend(members)
    # Units inside units (a card list inside a card) count once.
    found = set(units)
    return [sizes.size(u) for u in units if not any(a in found for a in u.iterancestors())]


def _in_article_body(el: HtmlElement, stop: HtmlElement) -> bool:
    """Whether ``el`` (up to and including ``stop``) lies in an element marked
    as an article body by microdata or a CMS body class."""
    node: HtmlElement | None = el
    while node is not None:
        if (node.get("itemprop") or "").lower() == "articlebody" or any(
                c in _BODY_CLASSES for c in (node.get("class") or "").lower().split()):
            return True
        if node is stop:
            return False
        node = node.getparent()
    return False


def _index_problem(article: HtmlElement, says_article: bool,
                   scores: _Scores | None = None) -> str | None:
    """An index, archive or search page: its prose is a list of teasers,
    cut up by linked headlines or set in repeated link-led units, with no
    article-sized run of prose anywhere. (A list article of linked products
    has longer items than teasers; a page that calls itself an article
    needs stronger evidence.)"""
    limit = 200 if says_article else 350
    sizes = scores if scores is not None else _Scores()
    total = sizes.size(article)
    linked, runs = _teaser_runs(article, sizes)
    if linked >= 5 and runs:
        longest = max(runs)
        runs.sort()
        if longest < min(800, 0.5 * sum(runs)) and runs[len(runs) // 2] < limit:
            return (f"no article found: the page looks like an index of {linked} linked "
                    "headlines with short teasers")
    units = _teaser_units(article, sizes)
    if units:
        in_units = sum(units)
        units.sort()
        if in_units >= 0.5 * total and total - in_units < 800 and units[len(units) // 2] < limit:
            return (f"no article found: the page looks like an index of {len(units)} "
                    "teasers")
    return None


def article_problem(article: HtmlElement | None, *, title: str = "",
                    headline: str = "") -> str | None:
    """Why ``article`` (from :func:`find_article`) is no article, or None when it is.

    An index or search page is a list of linked headlines and teasers; an
    error page says so in its ``title`` or ``headline`` and has little text.
    """
    if article is None:
        return "no article found: the page has no paragraph of text"
    size = prose_size(article)
    if size == 0:
        return "no article found: the page has no text"
    density = _link_density(article, size)
    found = article.xpath("count(.//a[@href])")
    links = int(found) if isinstance(found, float) else 0
    if density > 0.5 and links >= 10:
        return f"no article found: the page looks like an index of {links} links"
    # An error page says so in its headline or title, and its little text
    # says so again (an article headlined "the 404 bus route" does not).
    if size < 600 and (size < 150 or _ERROR_PAGE.search(_text_content(article))):
        for said in (headline, title):
            if _ERROR_PAGE.search(said):
                return ("no article found: the page looks like an error page "
                        f"({' '.join(said.split())[:80]!r})")
    return None
