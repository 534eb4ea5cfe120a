"""Bytes -> text -> an lxml tree, safely.

Decoding follows the browser's order: a byte-order mark, then the page's own
declaration (``<meta charset>``, ``<meta http-equiv="content-type">`` or an
XML declaration near the top), then detection through bs4's
``UnicodeDammit`` machinery. Every label goes through the WHATWG Encoding
Standard's table, so ``iso-8859-1`` reads as windows-1252, ``shift_jis`` as
cp932, ``gb2312`` as gb18030 and ``euc-kr`` as cp949, as browsers do.

Parsing uses lxml's HTML parser with the network off; the HTML parser never
loads a DTD or expands an external entity. Limits:

- input over :data:`MAX_INPUT_BYTES`, or with more than :data:`MAX_ELEMENTS`
  elements, is refused with :class:`~a11yrender.errors.InputTooLargeError`;
- libxml2 stops at :data:`PARSER_MAX_DEPTH` levels of nesting; a page that
  deep is refused (the parser would silently drop the rest of it);
- elements below :data:`MAX_DEPTH` levels are flattened into a run of
  siblings (their words kept, their nesting dropped), so that no recursive
  walk downstream (the converter, the model, the renderers) can hit
  Python's recursion limit.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from ..errors import InputTooLargeError, ReadError
from ._decode import _CODECS, _MAGIC, codec_for_label, decode_bytes, looks_binary

__all__ = [
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "MAX_INPUT_BYTES",
    "PARSER_MAX_DEPTH",
    "codec_for_label",
    "decode_html",
    "parse_html",
]

#: Inputs larger than this (bytes, or characters for ``str``) are refused.
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: Elements nested deeper than this are flattened (real pages stay under 60).
MAX_DEPTH = 100
#: libxml2's own nesting limit with ``huge_tree``; deeper input is refused.
PARSER_MAX_DEPTH = 2048
#: Pages with more elements are refused: reading time grows with them, and
#: real pages hold a few thousand.
MAX_ELEMENTS = 500_000
# Markup shorter than this cannot hold MAX_ELEMENTS elements ("<b></b>" each).
_COUNT_ABOVE = 7 * MAX_ELEMENTS

# --------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------

_SINGLE_BYTE = _CODECS - {"utf-8", "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932",
                          "cp949"}

# <meta charset=x>, <meta http-equiv content="...; charset=x"> and <?xml encoding="x"?>.
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([^\s"'/>;]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
#: How far into the page a declaration is looked for (browsers re-parse when
#: a later one turns up; long inline styles push it past 1,024 bytes).
_PRESCAN_BYTES = 16 * 1024
# More than this share of undecodable characters means the declaration lies.
_MAX_BAD_SHARE = 0.01


def _declared(head: bytes) -> str | None:
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return codec_for_label(m.group(1).decode("ascii", "replace")) if m else None


def _valid_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lenient(data: bytes, codec: str) -> str | None:
    """``data`` in ``codec`` if at most a sprinkling of bytes is undecodable."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    text = data.decode(codec, "replace")
    if text.count("\ufffd") <= max(1, int(len(text) * _MAX_BAD_SHARE)):
        return text
    return None


def _detected(data: bytes) -> str:
    """Decode by detection: bs4's candidates (from whichever detector it found),
    then charset-normalizer, each mapped per WHATWG so that e.g. a detected
    "GB2312" decodes as gb18030; windows-1252 last."""
    from bs4.dammit import EncodingDetector

    # bs4 always ends its list with utf-8 (already tried) and windows-1252
    # (which decodes nearly anything, so it must come after real detection).
    names: list[str | None] = [
        n for n in EncodingDetector(data, is_html=True).encodings
        if n not in ("utf-8", "windows-1252")]
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data[:256 * 1024]).best()
        names.append(best.encoding if best is not None else None)
    except ImportError:  # an optional helper; bs4 may already have used chardet
        pass
    for name in names:
        codec = codec_for_label(name) if name else None
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them to controls.
        return data.decode("latin-1")


def decode_html(data: bytes) -> str:
    """The text of an HTML page given as bytes.

    Order: byte-order mark, the page's declaration, UTF-8, detection. A page
    labelled with a single-byte encoding whose bytes are valid UTF-8 is read
    as UTF-8 (a mislabel CMS templates often make; real windows-1252 text is
    practically never valid UTF-8). Binary data raises
    :class:`~a11yrender.errors.ReadError`.
    """
    return _decode_html(data)[0]


def _decode_html(data: bytes) -> tuple[str, bool]:
    """:func:`decode_html`, and whether the text is ``data`` read as UTF-8
    (so that ``data`` is already the text's UTF-8 bytes)."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(
            f"the page is {len(data)} bytes; the limit is {MAX_INPUT_BYTES} bytes (50 MiB)")
    if any(data.startswith(m) for m in _MAGIC):
        raise ReadError("the page is a binary file, not HTML")
    head = data[:4096]
    # BOMs, UTF-16/32 without a BOM and binary files: the shared decoder knows them.
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            b"\x00" in head):
        return decode_bytes(data, what="the page"), False
    declared = _declared(data[:_PRESCAN_BYTES])
    text: str | None = None
    utf8 = False
    if declared is not None:
        if (declared in _SINGLE_BYTE and not data.isascii()) or declared == "utf-8":
            text = _valid_utf8(data)
            utf8 = text is not None
        if text is None:
            text = _lenient(data, declared)
    if text is None:
        text = _valid_utf8(data)
        utf8 = text is not None
    if text is None:
        text = _detected(data)
    if looks_binary(text):
        raise ReadError("the page is a binary file, not HTML")
    return text, utf8


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------

# Characters no HTML or XML output can carry: controls become spaces (a stray
# one must not abort the read; form feed too, which HTML reads as a space but
# lxml refuses in text), lone surrogates and noncharacters U+FFFD.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NON_TEXT = re.compile(
    r"[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
    + "]")

# Whether a page holds any of those is asked of its UTF-8 bytes (a regex
# over the whole text would cost a third of the parse): the printable ASCII
# and tab, line feed and carriage return are deleted at memory speed, and
# what is left (in most pages, a few accented letters and typographic
# quotes) is searched for C0 controls and DEL; C1 controls (C2 80-9F);
# noncharacters U+FDD0-FDEF (EF B7 90-AF), U+FFFE and U+FFFF (EF BF BE-BF)
# and their astral kin U+nFFFE and U+nFFFF (F0-F4, 8F/9F/AF/BF, BF, BE-BF).
# Multi-byte sequences stay whole when the ASCII between them goes, and a
# lead byte is never a continuation byte, so no match straddles two
# characters. Lone surrogates cannot be encoded at all.
_ASCII_SHOWN = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_UTF8_BAD = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xb7[\x90-\xaf]"
    rb"|\xef\xbf[\xbe\xbf]|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]")


def _utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, or None when it holds lone surrogates."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _needs_cleaning(data: bytes) -> bool:
    """Whether the page (in UTF-8) holds characters :func:`_clean` replaces."""
    rest = data.translate(None, _ASCII_SHOWN)
    return bool(rest) and _UTF8_BAD.search(rest) is not None


# Numeric character references; the parser turns "&#1;" into a raw control.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}))")
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*>")


def _bad_code_point(cp: int) -> bool:
    return (cp < 0x20 and cp not in (0x09, 0x0A, 0x0D)) or 0x7F <= cp <= 0x9F or (
        0xFDD0 <= cp <= 0xFDEF) or (cp & 0xFFFE) == 0xFFFE


def _refs_to_bad_chars(data: bytes) -> bool:
    """Whether the page (in UTF-8) refers to characters :func:`_clean` replaces."""
    # Pages repeat a few references ("&#8217;") many times: each once.
    for hex_digits, digits in set(_CHAR_REF.findall(data)):
        cp = int(hex_digits, 16) if hex_digits else int(digits)
        # The parser maps 0x80-0x9F to windows-1252, except five code points.
        if 0x80 <= cp <= 0x9F and cp not in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
            continue
        if _bad_code_point(cp):
            return True
    return False


def _clean(value: str) -> str:
    return _NON_TEXT.sub("\ufffd", _CONTROLS.sub(" ", value))


def _clean_tree(root: lxml.html.HtmlElement) -> None:
    """Scrub characters that came from character references out of the tree."""
    for el in root.iter():
        if el.text:
            el.text = _clean(el.text)
        if el.tail:
            el.tail = _clean(el.tail)
        for name, value in el.attrib.items():
            if _CONTROLS.search(value) or _NON_TEXT.search(value):
                el.set(name, _clean(value))


def _flatten(el: lxml.html.HtmlElement) -> None:
    """Turn every descendant of ``el`` into a childless child of ``el``, in
    document order, keeping each one's tag, attributes and words."""
    flat: list[lxml.html.HtmlElement] = []
    # (node, entering): on the way in a node's copy takes its text; on the way
    # out its tail follows whatever copy was emitted last.
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [
        (child, True) for child in reversed(el)]
    while stack:
        node, entering = stack.pop()
        if entering:
            copy = el.makeelement(node.tag, dict(node.attrib))
            copy.text = node.text
            flat.append(copy)
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
        elif node.tail:
            flat[-1].tail = (flat[-1].tail or "") + node.tail
    for child in list(el):
        el.remove(child)
    el.extend(flat)


def _limit_depth(root: lxml.html.HtmlElement) -> None:
    # XPath finds the elements at the limit in C, without walking in Python.
    deep = root.xpath("/*" + "/*" * (MAX_DEPTH - 1) + "[*]")
    assert isinstance(deep, list)
    for el in deep:
        if isinstance(el, lxml.html.HtmlElement):
            _flatten(el)


_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)


def parse_html(html: str | bytes) -> lxml.html.HtmlElement:
    """Parse a page into a fresh lxml tree (the ``<html>`` element).

    No network, no external entities, comments and processing instructions
    dropped; nesting deeper than :data:`MAX_DEPTH` flattened. Raises
    :class:`~a11yrender.errors.ReadError` for empty or binary input and
    :class:`~a11yrender.errors.InputTooLargeError` past the limits.
    """
    utf8: bytes | None = None  # the page's text in UTF-8, when the input is just that
    if isinstance(html, bytes):
        text, is_utf8 = _decode_html(html)
        if is_utf8:
            utf8 = html
    elif isinstance(html, str):
        if len(html) > MAX_INPUT_BYTES:
            raise InputTooLargeError(
                f"the page is {len(html)} characters; the limit is {MAX_INPUT_BYTES} "
                "characters (50 MiB)")
        text = html
    else:
        raise ReadError(f"expected HTML as str or bytes, not {type(html).__name__}")
    length = len(text)
    text = text.removeprefix("\ufeff")
    # lxml refuses a str that carries an encoding declaration; it is decoded already.
    text = _XML_DECL_TEXT.sub("", text, count=1)
    # Both scans run on the UTF-8 bytes, where deleting and finding run at
    # memory speed (on a str, even ``"&#" in text`` costs a tenth of the parse).
    # Bytes read as UTF-8 are those bytes already, unless something was cut.
    data = utf8 if utf8 is not None and len(text) == length else _utf8(text)
    if data is None or _needs_cleaning(data):
        text = _clean(text)
        data = text.encode("utf-8")
    if not text.strip():
        raise ReadError("the page is empty")
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, remove_blank_text=False,
        huge_tree=True, recover=True, compact=True, default_doctype=False,
        collect_ids=False, encoding="utf-8")
    # Every element an HtmlElement, chosen in C: lxml.html's default lookup
    # calls Python for each element proxy (only to pick form-field classes,
    # which the reader does not use).
    parser.set_element_class_lookup(_LOOKUP)
    try:
        # The UTF-8 bytes, not the str: lxml would encode the str again; the
        # parser's encoding overrides any charset the page declares.
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise ReadError(f"the page holds no HTML elements ({err})") from None
    for entry in parser.error_log:
        if entry.level_name == "FATAL" and entry.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in entry.message.lower():
                raise InputTooLargeError(
                    f"the page nests elements more than {PARSER_MAX_DEPTH} deep; "
                    f"the limit is {PARSER_MAX_DEPTH} levels of nesting")
            raise InputTooLargeError(f"the page exceeds a parser limit: {entry.message}")
    if len(text) > _COUNT_ABOVE:
        count = root.xpath("count(//*)")
        if isinstance(count, float) and count > MAX_ELEMENTS:
            raise InputTooLargeError(
                f"the page holds {int(count):,} elements; the limit is {MAX_ELEMENTS:,}")
    if b"&#" in data and _refs_to_bad_chars(data):
        _clean_tree(root)
    _limit_depth(root)
    return root
