"""Read a web page (a saved news article, CMS output, reader-mode input) into a
:class:`~a11yrender.model.Document`.

The flow, one module per step:

- :mod:`._html_parse`: bytes -> text (BOM, ``<meta charset>``, ``http-equiv``,
  detection) -> an lxml tree, safely (no network, no entities, size and depth
  limits);
- :mod:`._html_own`: a page a11yrender rendered itself is read back exactly;
- :mod:`._html_meta`: what the page says about itself (JSON-LD, OpenGraph,
  Twitter cards, ``<meta>``, ``<time>``, bylines);
- :mod:`._html_extract`: page chrome removed and the article element found
  (semantic markup first, content scoring as the fallback);
- :mod:`._html_convert`: the article element -> model blocks and inlines.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from ..errors import NotAnArticleError, ReadError, ValidationError
from ..model import (
    Block,
    Document,
    Heading,
    Inline,
    Metadata,
    Paragraph,
    Text,
    plain_text,
)
from ._html_convert import ConvertContext, convert_blocks, relevel
from ._html_extract import extract
from ._html_meta import page_metadata
from ._html_own import read_own_page
from ._html_parse import parse_html

__all__ = ["HtmlReader", "is_article", "read_html"]


class HtmlReader:
    """HTML page -> :class:`Document`."""

    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")

    def read(self, data: str | bytes, /, *, url: str | None = None) -> Document:
        return read_html(data, url=url)


def read_html(html: str | bytes, url: str | None = None) -> Document:
    """The article in ``html`` as a document; links are resolved against ``url``
    (or the page's ``<base>``). A page with no article raises
    :class:`~a11yrender.errors.NotAnArticleError`."""
    if url is not None and not isinstance(url, str):
        raise ReadError(f"url must be a string, not {type(url).__name__}")
    root = parse_html(html)
    own = read_own_page(root)
    if own is not None:
        return own
    base = _base_url(root, url)
    # Every element's proxy, kept alive to the end: the walks of metadata,
    # extraction and conversion then find each element's proxy instead of
    # building (and freeing) a new one at every walk.
    elements = list(root.iter(etree.Element))
    meta = page_metadata(root, url, elements=elements)
    # Read before extraction, which works on this very tree.
    page = _PageText.of(root)
    found = extract(root, meta, in_place=True, title=page.title, headline=page.h1,
                    says_article=meta.says_article)
    article = found.article
    if found.problem is not None or article is None:
        raise NotAnArticleError(found.problem or "no article found")
    language = meta.language or _guess_language(article.text_content()) or "en"
    direction: Literal["ltr", "rtl"] = meta.direction or (
        "rtl" if language.split("-")[0].lower() in _RTL_LANGUAGES else "ltr")
    ctx = ConvertContext(base_url=base or meta.url, language=language, direction=direction)
    body = relevel(convert_blocks(article, ctx))
    title = meta.title or page.h1 or _strip_site_name(page.title, meta.site_name)
    body = _without_repeated_title(body, title)
    if not title:
        title, body = _title_from_body(body)
    standfirst = _standfirst(meta.standfirst, body)
    if not body:
        raise NotAnArticleError("no article found: the article element holds no text "
                                "that could be read")
    try:
        return Document(
            meta=Metadata(
                title=title or "Untitled",
                language=language,
                direction=direction,
                kicker=meta.kicker,
                standfirst=standfirst,
                bylines=meta.authors,
                published=meta.published,
                updated=meta.updated,
                site_name=meta.site_name,
                url=meta.url or _http_url(url),
            ),
            body=body,
        )
    except ValidationError as err:
        raise ReadError(f"the page could not be read into a valid document: {err}") from None


def is_article(html: str | bytes) -> bool:
    """Whether the page holds an article at all: index, search and error pages
    do not. Cheaper than :func:`read_html` (no metadata, no conversion), with
    the same tests; only a page whose metadata calls it an article but whose
    body looks like a list of teasers may be judged differently. Raises
    :class:`~a11yrender.errors.ReadError` (or its subclass
    :class:`~a11yrender.errors.InputTooLargeError`) only for input that
    cannot be read as HTML at all."""
    root = parse_html(html)
    if read_own_page(root) is not None:
        return True
    page = _PageText.of(root)
    return extract(root, in_place=True, title=page.title, headline=page.h1).problem is None


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


class _PageText:
    """The page's ``<title>`` and first ``<h1>`` text, read before extraction."""

    __slots__ = ("h1", "title")

    def __init__(self, title: str, h1: str) -> None:
        self.title = title
        self.h1 = h1

    @classmethod
    def of(cls, root: HtmlElement) -> _PageText:
        title_el = next(root.iter("title"), None)
        title = " ".join(title_el.text_content().split()) if title_el is not None else ""
        h1_el = next(root.iter("h1"), None)
        h1 = " ".join(h1_el.text_content().split()) if h1_el is not None else ""
        return cls(title[:500], h1[:500])


def _http_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(
            r"[\s\x00-\x1f]", url):
        return url
    return None


def _base_url(root: HtmlElement, url: str | None) -> str | None:
    """What relative links resolve against: ``<base href>`` (itself resolved
    against ``url``), else ``url``; only absolute http(s) URLs count."""
    base_url = _http_url(url)
    base = root.find(".//base[@href]")
    if base is not None:
        href = (base.get("href") or "").strip()
        try:
            resolved = urljoin(base_url or "", href)
        except ValueError:
            resolved = ""
        return _http_url(resolved) or base_url
    return base_url


_SITE_SEPARATOR = re.compile(r"\s+(?:[|·•»›/:]|[-–—]{1,2}|::)\s+")


def _strip_site_name(title: str, site_name: str | None) -> str:
    """``<title>`` without the site name before or after it ("Headline | Site")."""
    seps = list(_SITE_SEPARATOR.finditer(title))
    if not seps:
        return title.strip()
    first, last = title[:seps[0].start()], title[seps[-1].end():]
    before_last, after_first = title[:seps[-1].start()], title[seps[0].end():]
    site = _norm(site_name or "")
    if site:
        if site in _norm(last) or _norm(last) in site:
            return before_last.strip()
        if site in _norm(first) or _norm(first) in site:
            return after_first.strip()
    # No site name known: a short last part after a longer headline is the site.
    if len(last.split()) <= 4 and len(before_last.split()) >= 3:
        return before_last.strip()
    return title.strip()


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _without_repeated_title(body: tuple[Block, ...], title: str) -> tuple[Block, ...]:
    """The body without a leading heading that repeats the headline."""
    if body and title and isinstance(body[0], Heading) and _norm(
            plain_text(body[0].children)) == _norm(title):
        return body[1:]
    return body


def _title_from_body(body: tuple[Block, ...]) -> tuple[str, tuple[Block, ...]]:
    """A page without any title: its first heading, else its first words."""
    for i, block in enumerate(body[:3]):
        if isinstance(block, Heading):
            return " ".join(plain_text(block.children).split()), body[:i] + body[i + 1:]
    for block in body:
        if isinstance(block, Paragraph):
            words = plain_text(block.children).split()
            if words:
                short = " ".join(words[:12])
                return (short + "…" if len(words) > 12 else short), body
    return "", body


def _standfirst(text: str | None, body: tuple[Block, ...]) -> tuple[Inline, ...]:
    """The standfirst as inlines, unless the body's opening already says it
    (descriptions are often the first paragraph, or its first words)."""
    if not text or not text.strip():
        return ()
    norm = _norm(text.rstrip(".…").removesuffix("..."))
    if not norm:
        return ()
    for block in body[:3]:
        if isinstance(block, (Paragraph, Heading)):
            para = _norm(plain_text(block.children))
            if para.startswith(norm) or norm in para:
                return ()
    return (Text(" ".join(text.split())),)


_RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "sd", "yi", "dv", "ckb",
                            "ug", "syr", "arc", "ku"})
_SCRIPT_LANGUAGES = (
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("ar", re.compile("[\u0600-\u06ff]")),
)
_ANY_SCRIPT = re.compile("[" + "".join(script.pattern[1:-1] for _, script in _SCRIPT_LANGUAGES)
                         + "]")


def _guess_language(text: str) -> str | None:
    """A page that does not say its language: one only its script can name."""
    sample = text[:4000]
    if not _ANY_SCRIPT.search(sample):
        return None  # no script of those below (letters are not even counted)
    letters = sum(1 for c in sample if c.isalpha())
    if not letters:
        return None
    for lang, script in _SCRIPT_LANGUAGES:
        found = len(script.findall(sample))
        # Japanese mixes kana with kanji; a few kana already say Japanese.
        if found >= (0.1 if lang == "ja" else 0.5) * letters:
            return lang
    return None
