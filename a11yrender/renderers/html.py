"""Document -> semantic HTML: a full accessible page, or the article as a fragment.

The page opens with a "Skip to main content" link (the first focusable
element) whose target is ``<main id="main" tabindex="-1">``; regions become
landmarks (banner, labelled navigation, notices, main, labelled
complementary, contentinfo); the headline is the one ``h1``, the first thing
in ``main``, and holds the kicker so heading navigation does not skip it;
body headings are re-levelled so no level is skipped. Every string from the
document is escaped, so nothing in it can add markup or script.

The DOM follows the order of :func:`a11yrender.reading.reading_units`, which a
browser test checks against Chromium's accessibility tree.

What plain HTML would lose is marked in markup that changes nothing for
assistive technology, so :mod:`a11yrender.readers._html_own` reads the page
back exactly: a ``Text`` that bare text cannot carry (it has a ``lang``, is
empty, or follows another ``Text``) is a ``<span class="text">``; a header
cell without a scope gets the scope the renderer infers plus
``class="inferred-scope"``; a line break's ``lang`` and an empty link title
are written; an unlabelled notice, named "Notice", has ``class="notice
unlabelled"``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from typing import Literal

from ..errors import OptionError, RenderWarning
from ..model import (
    Abbreviation,
    Aside,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Media,
    Paragraph,
    Path,
    Quote,
    Region,
    Separator,
    Span,
    Strong,
    Table,
    Text,
    Time,
    plain_text,
)
from ..reading import format_date, heading_levels, is_rtl, table_grid
from .base import BaseRenderer

__all__ = ["HtmlOptions", "HtmlRenderer", "default_stylesheet"]


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """Options of the ``html`` renderer.

    ``fragment``: only the ``<article>`` element, for embedding in a page that
    already has its own landmarks and skip link. ``stylesheet``: ``"inline"``
    (the default theme in a ``<style>`` element), ``"link"`` (a ``<link>`` to
    ``stylesheet_href``) or ``"none"``.
    """

    fragment: bool = False
    stylesheet: Literal["inline", "link", "none"] = "inline"
    stylesheet_href: str = "a11yrender.css"
    skip_link_text: str = "Skip to main content"

    def __post_init__(self) -> None:
        if self.stylesheet not in ("inline", "link", "none"):
            raise OptionError(
                f"stylesheet must be 'inline', 'link' or 'none', not {self.stylesheet!r}"
            )
        if not isinstance(self.fragment, bool):
            raise OptionError(f"fragment must be true or false, not {self.fragment!r}")
        for name in ("skip_link_text", "stylesheet_href"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise OptionError(f"{name} must be a string, not {value!r}")
            if not value.strip():
                raise OptionError(f"{name} must not be empty")


@cache
def default_stylesheet() -> str:
    """The default accessible theme (package data ``renderers/theme.css``)."""
    return files("a11yrender.renderers").joinpath("theme.css").read_text(encoding="utf-8")


def _text(s: str) -> str:
    return escape(s, quote=False)


def _attr(s: str) -> str:
    return escape(s, quote=True)


class HtmlRenderer(BaseRenderer):
    """``Document`` -> accessible HTML5 page (or fragment)."""

    name = "html"
    media_type = "text/html"
    suffix = ".html"
    Options = HtmlOptions

    def _render(self, doc: Document, options: HtmlOptions) -> str:
        return _PageWriter(doc, options).page()


class _PageWriter:
    def __init__(self, doc: Document, options: HtmlOptions) -> None:
        self.doc = doc
        self.options = options
        self.meta = doc.meta
        self.lang = doc.meta.language
        self.rtl = doc.meta.direction == "rtl"
        self.levels = heading_levels(doc)
        self.out: list[str] = []
        self.counter = 0
        # The language in effect where output is being written (regions and
        # blocks with their own lang push onto it), so generated chrome can say
        # it is English wherever it sits.
        self.lang_stack: list[str] = [self.lang]
        self.releveled = 0

    # -- page ---------------------------------------------------------------

    def page(self) -> str:
        if self.options.fragment:
            self._article()
            body = "".join(self.out)
            self._warn_relevel()
            return body
        meta = self.meta
        w = self.out.append
        title = meta.title + (f" – {meta.site_name}" if meta.site_name else "")
        w("<!DOCTYPE html>\n")
        w(f'<html lang="{_attr(self.lang)}" dir="{meta.direction}">\n<head>\n')
        w('<meta charset="utf-8">\n')
        w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        w('<meta name="color-scheme" content="light dark">\n')
        w(f"<title>{_text(title)}</title>\n")
        if meta.standfirst:
            description = " ".join(plain_text(meta.standfirst).split())
            w(f'<meta name="description" content="{_attr(description)}">\n')
        if meta.url:
            w(f'<link rel="canonical" href="{_attr(meta.url)}">\n')
        w('<meta name="generator" content="a11yrender">\n')
        if self.options.stylesheet == "inline":
            w(f"<style>\n{default_stylesheet()}</style>\n")
        elif self.options.stylesheet == "link":
            w(f'<link rel="stylesheet" href="{_attr(self.options.stylesheet_href)}">\n')
        w("</head>\n<body>\n")
        regions = list(enumerate(self.doc.regions))
        banner = next(((i, r) for i, r in regions if r.role == "banner"), None)
        self._banner(banner)
        for i, region in regions:
            if region.role in ("navigation", "notice"):
                self._region(i, region)
        w('<main id="main" tabindex="-1">\n')
        self._article()
        w("</main>\n")
        footer = None
        for i, region in regions:
            if region.role == "complementary":
                self._region(i, region)
            elif region.role == "contentinfo":
                footer = (i, region)
        self._footer(footer)
        w("</body>\n</html>\n")
        self._warn_relevel()
        return "".join(self.out)

    def _warn_relevel(self) -> None:
        if self.releveled:
            warnings.warn(
                RenderWarning(
                    f"{self.releveled} heading(s) shown at another level so the outline "
                    "starts at h2 under the headline and skips no level"
                ),
                stacklevel=4,
            )

    @property
    def chrome_lang(self) -> str:
        """Attributes that mark generated (English) chrome text at this point."""
        here = self.lang_stack[-1]
        if here.split("-")[0].lower() == "en":
            return ""
        return ' lang="en"' + (' dir="ltr"' if is_rtl(here) else "")

    def _push(self, lang: str | None) -> None:
        self.lang_stack.append(lang or self.lang_stack[-1])

    def _region_attrs(self, region: Region | None) -> str:
        if region is None:
            return ""
        attrs = ""
        if region.id:
            attrs += f' id="{_attr(region.id)}"'
        if region.lang:
            attrs += self._lang_attrs(region.lang)
        if region.label:
            attrs += f' aria-label="{_attr(region.label)}"'
        return attrs

    def _banner(self, banner: tuple[int, Region] | None) -> None:
        w = self.out.append
        region = banner[1] if banner else None
        w(f'<header class="site-header"{self._region_attrs(region)}>\n')
        self._push(region.lang if region else None)
        w(f'<a class="skip-link" href="#main"{self.chrome_lang}>'
          f"{_text(self.options.skip_link_text)}</a>\n")
        if self.meta.site_name:
            w(f'<p class="site-name">{_text(self.meta.site_name)}</p>\n')
        if banner is not None:
            self._blocks(banner[1].children, ("regions", banner[0], "children"))
        self.lang_stack.pop()
        w("</header>\n")

    def _region(self, i: int, region: Region) -> None:
        w = self.out.append
        tag, extra = {
            "navigation": ("nav", ""),
            "notice": ("section", ' class="notice"'),
            "complementary": ("aside", ""),
        }[region.role]
        attrs = self._region_attrs(region)
        if region.role == "notice" and not region.label:
            # A landmark needs a name. No lang goes with this fallback: on the
            # section it would mark the notice's own text as English too. The
            # class tells this generated name from a notice labelled "Notice".
            extra = ' class="notice unlabelled"'
            attrs += ' aria-label="Notice"'
        w(f"<{tag}{extra}{attrs}>\n")
        self._push(region.lang)
        self._blocks(region.children, ("regions", i, "children"))
        self.lang_stack.pop()
        w(f"</{tag}>\n")

    def _footer(self, footer: tuple[int, Region] | None) -> None:
        w = self.out.append
        region = footer[1] if footer else None
        w(f'<footer class="site-footer"{self._region_attrs(region)}>\n')
        self._push(region.lang if region else None)
        if footer is not None:
            self._blocks(footer[1].children, ("regions", footer[0], "children"))
        if self.meta.url:
            label = self.meta.site_name or self.meta.url
            w(f'<p class="source"><span class="label"{self.chrome_lang}>Source:</span> '
              f'<a href="{_attr(self.meta.url)}">{_text(label)}</a></p>\n')
        w(f'<a class="back-to-top" href="#main"{self.chrome_lang}>Back to top</a>\n')
        self.lang_stack.pop()
        w("</footer>\n")

    # -- article --------------------------------------------------------------

    def _article(self) -> None:
        w = self.out.append
        meta = self.meta
        if self.options.fragment:
            w(f'<article class="a11yrender" lang="{_attr(self.lang)}" dir="{meta.direction}" '
              'aria-labelledby="headline">\n')
        else:
            w('<article aria-labelledby="headline">\n')
        w('<header class="article-header">\n<h1 id="headline">')
        if meta.kicker:
            w(f'<span class="kicker">{_text(meta.kicker)}</span> ')
        w(f'<span class="headline">{_text(meta.title)}</span></h1>\n')
        if meta.standfirst:
            w(f'<p class="standfirst">{self._inlines(meta.standfirst)}</p>\n')
        for byline in meta.bylines:
            w(f'<p class="byline">{_text(byline)}</p>\n')
        if meta.dateline:
            w(f'<p class="dateline">{_text(meta.dateline)}</p>\n')
        for name, word in (("published", "Published"), ("updated", "Updated")):
            value = getattr(meta, name)
            if value:
                shown = format_date(value, self.lang)
                w(f'<p class="dates {name}"><span class="label"{self.chrome_lang}>{word}</span> '
                  f'<time datetime="{_attr(value)}">{_text(shown)}</time></p>\n')
        w("</header>\n")
        self._blocks(self.doc.body, ("body",))
        w("</article>\n")

    # -- blocks ---------------------------------------------------------------

    def _lang_attrs(self, lang: str | None) -> str:
        if lang is None:
            return ""
        attrs = f' lang="{_attr(lang)}"'
        if is_rtl(lang) != self.rtl:
            attrs += ' dir="rtl"' if is_rtl(lang) else ' dir="ltr"'
        return attrs

    def _attrs(self, block: Block | ListItem) -> str:
        attrs = f' id="{_attr(block.id)}"' if block.id else ""
        return attrs + self._lang_attrs(block.lang)

    def _blocks(self, blocks: tuple[Block, ...], path: Path) -> None:
        for i, block in enumerate(blocks):
            self._push(block.lang)
            self._block(block, (*path, i))
            self.lang_stack.pop()

    def _next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"a11y-{prefix}-{self.counter}"

    def _block(self, block: Block, path: Path) -> None:
        w = self.out.append
        a = self._attrs(block)
        if isinstance(block, Heading):
            level = self.levels.get(path, block.level)
            if level != block.level:
                self.releveled += 1
            w(f"<h{level}{a}>{self._inlines(block.children)}</h{level}>\n")
        elif isinstance(block, Paragraph):
            w(f"<p{a}>{self._inlines(block.children)}</p>\n")
        elif isinstance(block, List):
            tag = "ol" if block.ordered else "ul"
            start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
            w(f"<{tag}{a}{start}>\n")
            for k, item in enumerate(block.items):
                self._item(item, (*path, "items", k))
            w(f"</{tag}>\n")
        elif isinstance(block, BlockQuote):
            cite = f' cite="{_attr(block.cite)}"' if block.cite else ""
            if block.attribution:
                w(f'<figure class="quote"{a}>\n<blockquote{cite}>\n')
                self._blocks(block.children, (*path, "children"))
                w(f'</blockquote>\n<figcaption class="attribution">'
                  f"{self._inlines(block.attribution)}</figcaption>\n</figure>\n")
            else:
                w(f"<blockquote{a}{cite}>\n")
                self._blocks(block.children, (*path, "children"))
                w("</blockquote>\n")
        elif isinstance(block, Figure):
            self._figure(block, a)
        elif isinstance(block, Table):
            self._table(block, a)
        elif isinstance(block, CodeBlock):
            cls = f' class="language-{_attr(block.syntax)}"' if block.syntax else ""
            w(f"<pre{a}><code{cls}>{_text(block.text)}</code></pre>\n")
        elif isinstance(block, Separator):
            w(f"<hr{a}>\n")
        elif isinstance(block, Aside):
            label_id = self._next_id("label")
            w(f'<section class="aside aside-{block.kind}"{a} aria-labelledby="{label_id}">\n'
              f'<div class="aside-label" id="{label_id}">{_text(block.label)}</div>\n')
            self._blocks(block.children, (*path, "children"))
            w("</section>\n")
        elif isinstance(block, Media):
            self._media(block, a, path)
        else:  # pragma: no cover - the model's Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def _item(self, item: ListItem, path: Path) -> None:
        w = self.out.append
        a = self._attrs(item)
        only = item.children[0] if len(item.children) == 1 else None
        if isinstance(only, Paragraph) and only.id is None and only.lang is None:
            # A one-paragraph item is the common case; a bare <li> reads better.
            w(f"<li{a}>{self._inlines(only.children)}</li>\n")
            return
        w(f"<li{a}>\n")
        self._push(item.lang)
        self._blocks(item.children, (*path, "children"))
        self.lang_stack.pop()
        w("</li>\n")

    def _figure(self, block: Figure, a: str) -> None:
        w = self.out.append
        img = block.image
        size = ""
        if img.width:
            size += f' width="{img.width}"'
        if img.height:
            size += f' height="{img.height}"'
        alt = "" if img.decorative else img.alt
        w(f'<figure class="image"{a}>\n<img src="{_attr(img.src)}" alt="{_attr(alt)}"{size}>\n')
        if block.caption or block.credit:
            w("<figcaption>")
            if block.caption:
                w(self._inlines(block.caption))
            if block.credit:
                sep = " " if block.caption else ""
                w(f'{sep}<span class="credit"><span class="label"{self.chrome_lang}>Credit:</span> '
                  f"{self._inlines(block.credit)}</span>")
            w("</figcaption>\n")
        w("</figure>\n")

    def _table(self, table: Table, a: str) -> None:
        w = self.out.append
        grid, _ = table_grid(table)
        w(f"<table{a}>\n")
        if table.caption:
            w(f"<caption>{self._inlines(table.caption)}</caption>\n")
        sections = {"head": "thead", "body": "tbody", "foot": "tfoot"}
        current = None
        for cells in grid:
            section = cells[0].section
            if section != current:
                if current is not None:
                    w(f"</{sections[current]}>\n")
                w(f"<{sections[section]}>\n")
                current = section
            w("<tr>")
            for c in cells:
                cell = c.cell
                tag = "th" if cell.header else "td"
                attrs = ""
                if cell.header and c.scope:
                    # A scope the renderer inferred is written for assistive
                    # technology all the same; the class says it was not given.
                    inferred = ' class="inferred-scope"' if cell.scope is None else ""
                    attrs = f'{inferred} scope="{c.scope}"'
                if cell.colspan > 1:
                    attrs += f' colspan="{cell.colspan}"'
                if cell.rowspan > 1:
                    attrs += f' rowspan="{cell.rowspan}"'
                attrs += self._lang_attrs(cell.lang)
                w(f"<{tag}{attrs}>{self._inlines(cell.children)}</{tag}>")
            w("</tr>\n")
        if current is not None:
            w(f"</{sections[current]}>\n")
        w("</table>\n")

    def _media(self, block: Media, a: str, path: Path) -> None:
        w = self.out.append
        w(f'<figure class="media"{a}>\n<figcaption>{_text(block.title)}</figcaption>\n')
        if block.kind == "video":
            w(f'<video controls preload="none" src="{_attr(block.src)}">')
            if block.captions:
                srclang = block.lang or self.lang
                w(f'<track kind="captions" src="{_attr(block.captions)}" '
                  f'srclang="{_attr(srclang)}" label="Captions" default>')
            w("</video>\n")
        else:
            w(f'<audio controls preload="none" src="{_attr(block.src)}"></audio>\n')
        if block.transcript:
            # A plain block, not a named region: several media on a page would
            # otherwise give several landmarks with the same name.
            w(f'<div class="transcript">\n<p class="transcript-label"{self.chrome_lang}>'
              "Transcript</p>\n")
            self._blocks(block.transcript, (*path, "transcript"))
            w("</div>\n")
        w("</figure>\n")

    # -- inlines ----------------------------------------------------------------

    def _inlines(self, inlines: tuple[Inline, ...]) -> str:
        out: list[str] = []
        bare = False  # the last inline was written as a bare HTML text node
        for node in inlines:
            if isinstance(node, Text):
                if node.text and node.lang is None and not bare:
                    out.append(_text(node.text))
                    bare = True
                    continue
                # One Text node that bare text cannot carry (it has a lang,
                # is empty, or follows a Text that would merge with it).
                out.append(f'<span class="text"{self._lang_attrs(node.lang)}>'
                           f"{_text(node.text)}</span>")
            else:
                out.append(self._inline(node))
            bare = False
        return "".join(out)

    def _inline(self, node: Inline) -> str:
        la = self._lang_attrs(node.lang)
        if isinstance(node, Text):  # pragma: no cover - written by _inlines
            return f'<span class="text"{la}>{_text(node.text)}</span>'
        if isinstance(node, Emphasis):
            return f"<em{la}>{self._inlines(node.children)}</em>"
        if isinstance(node, Strong):
            return f"<strong{la}>{self._inlines(node.children)}</strong>"
        if isinstance(node, Link):
            title = f' title="{_attr(node.title)}"' if node.title is not None else ""
            return f'<a href="{_attr(node.href)}"{title}{la}>{self._inlines(node.children)}</a>'
        if isinstance(node, Code):
            return f"<code{la}>{_text(node.text)}</code>"
        if isinstance(node, Abbreviation):
            return f'<abbr title="{_attr(node.expansion)}"{la}>{_text(node.text)}</abbr>'
        if isinstance(node, Time):
            return f'<time datetime="{_attr(node.datetime)}"{la}>{_text(node.text)}</time>'
        if isinstance(node, Span):
            return f"<span{la}>{self._inlines(node.children)}</span>"
        if isinstance(node, LineBreak):
            return f"<br{la}>"
        if isinstance(node, Quote):
            cite = f' cite="{_attr(node.cite)}"' if node.cite else ""
            return f"<q{cite}{la}>{self._inlines(node.children)}</q>"
        raise TypeError(f"unknown inline {node!r}")  # pragma: no cover - closed union
