"""Bytes to text for every reader: BOMs, UTF-8, UTF-16 without BOM, cp1252.

Binary input (images, archives, executables) is refused with a clear
:class:`~a11yrender.errors.ReadError` instead of being read as mojibake.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError

__all__ = ["decode_bytes", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Controls other than tab, newline, form feed and carriage return never occur
# in text a person saved; a few percent of them means the input is binary.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x7fELF",
          b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"MZ", b"RIFF", b"OggS", b"ID3")


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary data."""
    sample = text[:8192]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROLS.findall(sample)) > max(2, len(sample) // 100)


def decode_bytes(data: bytes, *, what: str = "input") -> str:
    """Decode ``data``: BOM, else UTF-8, else UTF-16 by its NUL pattern, else cp1252."""
    if any(data.startswith(m) for m in _MAGIC):
        raise ReadError(f"{what} is a binary file, not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise ReadError(f"{what} starts with a {codec} byte-order mark but is not "
                                f"valid {codec}: {err.reason} at byte {err.start}") from None
            return _checked(text, what)
    # UTF-16 first: ASCII text in UTF-16 is also valid UTF-8 (full of NULs).
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even < odd // 8:
            return _checked(_strict(data, "utf-16-le", what), what)
        if even > len(head) // 4 and odd < even // 8:
            return _checked(_strict(data, "utf-16-be", what), what)
    try:
        return _checked(data.decode("utf-8"), what)
    except UnicodeDecodeError:
        pass
    if b"\x00" in head:
        raise ReadError(f"{what} is a binary file, not text")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them to controls.
        text = data.decode("latin-1")
    return _checked(text, what)


def _strict(data: bytes, codec: str, what: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise ReadError(f"{what} looks like {codec} but is not valid: {err.reason}") from None


def _checked(text: str, what: str) -> str:
    if looks_binary(text):
        raise ReadError(f"{what} is a binary file, not text")
    return text
