"""Read back a page that a11yrender's HTML renderer wrote, exactly.

The renderer marks a full page with ``<meta name="generator"
content="a11yrender">``; a fragment is a lone ``<article class="a11yrender"
aria-labelledby="headline">``. From either, :func:`read_own_page` rebuilds the
:class:`~a11yrender.model.Document` from the classes and structure the
renderer writes (see :mod:`a11yrender.renderers.html`): the kicker and
headline spans in the ``h1``, the standfirst, byline, dateline and date
paragraphs, the site name, the canonical URL, the regions around ``main``,
and the body in exact mode (text verbatim, every ``id`` and ``lang`` as
written). What the renderer generates itself (skip link, "Published",
"Credit:", "Transcript", "Source:", "Back to top", the aside label ids) is
furniture and is not read as content.

A page that claims to be ours but deviates anywhere (edited by hand, or
from another version of the renderer) gives ``None``, and the general
reader reads it like any other page.

Where plain HTML would lose part of the model the renderer marks it, and
the exact mode reads the marks back: a ``Text`` that bare text cannot carry
(with a ``lang``, empty, or next to another ``Text``) is a ``<span
class="text">``; a header cell's scope the renderer inferred has
``class="inferred-scope"``; a line break's ``lang`` and an empty link title
are written (see :mod:`._html_convert`); an unlabelled notice, named "Notice"
for assistive technology, has ``class="notice unlabelled"`` (read here).

What the HTML cannot carry, and so does not come back: a fragment has no
site name, URL or regions; heading levels the renderer re-levelled come back
as shown; a carriage return comes back as a line feed (HTML parsing turns
one into the other, and ``&#13;`` is not conforming HTML).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import lxml.html
from lxml import etree

from ..errors import ValidationError
from ..model import Block, Document, Inline, Metadata, Region, RegionRole
from ._html_convert import (
    ConvertContext,
    OwnFormatMismatch,
    _subtree_text,
    _tag,
    convert_own_blocks,
    convert_own_inlines,
)

__all__ = ["is_own_page", "read_own_page"]

GENERATOR = "a11yrender"


def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


def _has(el: etree._Element, tag: str, cls: str | None = None) -> bool:
    return _tag(el) == tag and (cls is None or cls in _classes(el))


def _elements(el: etree._Element) -> list[etree._Element]:
    """Element children; any other text than white space means not ours."""
    if (el.text or "").strip():
        raise OwnFormatMismatch(f"text directly in <{_tag(el)}>")
    out = []
    for child in el:
        if (child.tail or "").strip():
            raise OwnFormatMismatch(f"text after <{_tag(child)}>")
        if isinstance(child.tag, str):
            out.append(child)
    return out


def _html_root(root: etree._Element) -> etree._Element:
    top = root.getroottree().getroot()
    return top if top is not None else root


def _generator(html: etree._Element) -> bool:
    for head in html:
        if _tag(head) != "head":
            continue
        for meta in head:
            if (_tag(meta) == "meta" and (meta.get("name") or "").lower() == "generator"
                    and (meta.get("content") or "").strip().split(" ")[0] == GENERATOR):
                return True
    return False


def _fragment_article(html: etree._Element) -> etree._Element | None:
    """The article when the whole document is one rendered fragment."""
    body = None
    for child in html:
        tag = _tag(child)
        if tag == "body":
            body = child
        elif tag == "head" and len(child):
            return None
    if body is None:
        return None
    try:
        children = _elements(body)
    except OwnFormatMismatch:
        return None
    if len(children) != 1:
        return None
    article = children[0]
    if _has(article, "article", "a11yrender") and article.get("aria-labelledby") == "headline":
        return article
    return None


def is_own_page(root: lxml.html.HtmlElement) -> bool:
    """Whether ``root``'s document is a page or fragment a11yrender rendered."""
    html = _html_root(root)
    return _generator(html) or _fragment_article(html) is not None


def read_own_page(root: lxml.html.HtmlElement) -> Document | None:
    """The document an a11yrender page or fragment was rendered from, or
    ``None`` when the page is not (exactly) the renderer's output."""
    html = _html_root(root)
    try:
        page = _Page(html)
        if _generator(html):
            return page.read()
        article = _fragment_article(html)
        if article is None:
            return None
        return page.read_fragment(article)
    except (OwnFormatMismatch, ValidationError):
        return None


@dataclass
class _Header:
    """What the article header holds."""

    title: str = ""
    kicker: str | None = None
    standfirst: tuple[Inline, ...] = ()
    bylines: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: str | None = None
    updated: str | None = None


class _Page:
    def __init__(self, html: etree._Element) -> None:
        self.html = html
        self.ctx = ConvertContext()

    # -- the whole page ------------------------------------------------------------

    def read(self) -> Document:
        html = self.html
        language = html.get("lang")
        direction = html.get("dir")
        if language is None or direction is None:
            raise OwnFormatMismatch("<html> without lang or dir")
        self.ctx = ConvertContext(language=language, direction=direction)
        url = None
        body = None
        for child in html:
            tag = _tag(child)
            if tag == "head":
                for link in child:
                    if _tag(link) == "link" and link.get("rel") == "canonical":
                        url = link.get("href")
            elif tag == "body":
                body = child
        if body is None:
            raise OwnFormatMismatch("no body")
        regions: list[Region] = []
        site_name: str | None = None
        article: etree._Element | None = None
        for el in _elements(body):
            if _has(el, "header", "site-header"):
                site_name = self._site_name(el)
                banner = self._region(el, "banner", self._banner_furniture)
                if banner is not None:
                    regions.append(banner)
            elif _has(el, "nav"):
                regions.append(self._required(self._region(el, "navigation")))
            elif _has(el, "section", "notice"):
                regions.append(self._required(self._region(el, "notice")))
            elif _has(el, "main") and article is None:
                inner = _elements(el)
                if len(inner) != 1 or not _has(inner[0], "article"):
                    raise OwnFormatMismatch("main without its one article")
                article = inner[0]
            elif _has(el, "aside"):
                regions.append(self._required(self._region(el, "complementary")))
            elif _has(el, "footer", "site-footer"):
                footer = self._region(el, "contentinfo", self._footer_furniture)
                if footer is not None:
                    regions.append(footer)
            else:
                raise OwnFormatMismatch(f"<{_tag(el)}> in the page body")
        if article is None:
            raise OwnFormatMismatch("no article")
        return self._document(article, language, direction, site_name, url, regions)

    def read_fragment(self, article: etree._Element) -> Document:
        language = article.get("lang")
        direction = article.get("dir")
        if language is None or direction is None:
            raise OwnFormatMismatch("fragment without lang or dir")
        self.ctx = ConvertContext(language=language, direction=direction)
        return self._document(article, language, direction, None, None, [])

    # -- the article -----------------------------------------------------------------

    def _document(self, article: etree._Element, language: str, direction: str,
                  site_name: str | None, url: str | None, regions: list[Region]) -> Document:
        children = _elements(article)
        if not children or not _has(children[0], "header", "article-header"):
            raise OwnFormatMismatch("article without its header")
        header = children[0]
        found = self._article_header(header)
        if direction not in ("ltr", "rtl", "auto"):
            raise OwnFormatMismatch(f"dir {direction!r}")
        meta = Metadata(
            title=found.title, language=language, direction=_direction(direction),
            kicker=found.kicker, standfirst=found.standfirst, bylines=tuple(found.bylines),
            dateline=found.dateline, published=found.published, updated=found.updated,
            site_name=site_name, url=url)
        body = convert_own_blocks(article, self.ctx, skip=lambda el: el is header)
        return Document(meta, body, tuple(regions))

    def _article_header(self, header: etree._Element) -> _Header:
        parts = _elements(header)
        if not parts or not (_has(parts[0], "h1") and parts[0].get("id") == "headline"):
            raise OwnFormatMismatch("no headline")
        found = self._headline(parts[0])
        order = ["standfirst", "byline", "dateline", "published", "updated"]
        last = -1
        for el in parts[1:]:
            classes = _classes(el)
            if not _has(el, "p"):
                raise OwnFormatMismatch(f"<{_tag(el)}> in the article header")
            if "standfirst" in classes:
                name = "standfirst"
                found.standfirst = convert_own_inlines(el, self.ctx)
            elif "byline" in classes:
                name = "byline"
                found.bylines.append(_plain(el))
            elif "dateline" in classes:
                name = "dateline"
                found.dateline = _plain(el)
            elif "dates" in classes and ("published" in classes or "updated" in classes):
                name = "published" if "published" in classes else "updated"
                times = [t for t in el if _tag(t) == "time"]
                if len(times) != 1 or times[0].get("datetime") is None:
                    raise OwnFormatMismatch("a date without its time")
                setattr(found, name, times[0].get("datetime"))
            else:
                raise OwnFormatMismatch("an unknown paragraph in the article header")
            rank = order.index(name)
            if rank < last or (rank == last and name != "byline"):
                raise OwnFormatMismatch("article header out of order")
            last = rank
        return found

    def _headline(self, h1: etree._Element) -> _Header:
        spans = _elements(h1)
        found = _Header()
        if len(spans) == 2 and _has(spans[0], "span", "kicker"):
            if spans[0].tail != " ":
                raise OwnFormatMismatch("kicker and headline not as written")
            found.kicker = _plain(spans[0])
            spans = spans[1:]
        if len(spans) != 1 or not _has(spans[0], "span", "headline") or h1.text:
            raise OwnFormatMismatch("headline not as written")
        found.title = _plain(spans[0])
        return found

    # -- regions --------------------------------------------------------------------------

    def _site_name(self, header: etree._Element) -> str | None:
        for el in header:
            if _has(el, "p", "site-name"):
                return _plain(el)
        return None

    @staticmethod
    def _banner_furniture(el: etree._Element) -> bool:
        return _has(el, "a", "skip-link") or _has(el, "p", "site-name")

    @staticmethod
    def _footer_furniture(el: etree._Element) -> bool:
        return _has(el, "p", "source") or _has(el, "a", "back-to-top")

    @staticmethod
    def _required(region: Region | None) -> Region:
        if region is None:
            raise OwnFormatMismatch("an empty region")
        return region

    def _region(self, el: etree._Element, role: RegionRole,
                furniture: Callable[[etree._Element], bool] | None = None) -> Region | None:
        blocks: tuple[Block, ...] = convert_own_blocks(el, self.ctx, skip=furniture)
        if not blocks:
            return None
        label = el.get("aria-label")
        if role == "notice" and "unlabelled" in _classes(el):
            # The name the renderer gives a notice without a label.
            if label != "Notice":
                raise OwnFormatMismatch("an unlabelled notice with a label")
            label = None
        return Region(role, blocks, label=label, id=el.get("id"), lang=el.get("lang"))


def _plain(el: etree._Element) -> str:
    """The text of an element the renderer filled with one escaped string."""
    if len(el):
        raise OwnFormatMismatch(f"markup inside <{_tag(el)} class={el.get('class')!r}>")
    return _subtree_text(el)


def _direction(value: str) -> Literal["ltr", "rtl", "auto"]:
    if value == "rtl":
        return "rtl"
    if value == "auto":
        return "auto"
    return "ltr"

