"""Readers by name, and :func:`read`, which picks one by suffix or by sniffing.

A reader has a ``name``, the file ``suffixes`` it claims, and one method,
``read(data) -> Document`` taking ``str`` or ``bytes``. Third-party readers
plug in through the entry-point group ``a11yrender.readers``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from .._registry import Registry
from ..errors import ReadError
from ..model import Document
from ._decode import decode_bytes

__all__ = ["READERS", "Reader", "detect_format", "read", "read_path"]

#: Inputs larger than this are refused before they are read into memory.
MAX_INPUT_BYTES = 50 * 1024 * 1024


@runtime_checkable
class Reader(Protocol):
    """What the registry expects of a reader."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    def read(self, data: str | bytes, /) -> Document:
        """``data`` as a document."""
        ...


READERS: Registry[Reader] = Registry("a11yrender.readers", "reader")
READERS.register("text", "a11yrender.readers.text:TextReader")
READERS.register("json", "a11yrender.readers.json:JsonReader")
READERS.register("html", "a11yrender.readers.html:HtmlReader")

_SUFFIXES = {".txt": "text", ".text": "text", ".json": "json", ".html": "html",
             ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown"}


def detect_format(data: str | bytes, name: str | None = None) -> str:
    """The reader name for ``data``: by file suffix, else by its first characters."""
    if name:
        suffix = Path(name).suffix.lower()
        # A suffix whose reader is not installed (".md" before a markdown
        # reader exists) falls through to sniffing rather than failing.
        if suffix in _SUFFIXES and _SUFFIXES[suffix] in READERS.names():
            return _SUFFIXES[suffix]
        for reader in READERS.names():
            try:
                if suffix and suffix in READERS.get(reader).suffixes:
                    return reader
            except Exception:  # a broken plug-in must not stop detection
                continue
    head = data[:1024]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "ignore")
    head = head.lstrip("\ufeff \t\r\n").lower()
    if head.startswith("{"):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<article",
                        "<meta", "<!--")):
        return "html"
    return "text"


def read(source: str | os.PathLike[str] | bytes | None = None, /, *,
         text: str | bytes | None = None, format: str | None = None,
         **options: Any) -> Document:
    """Read a document from a file path, or from ``text=`` (a string or bytes).

    ``format`` names the reader (``"text"``, ``"json"``, ...); without it the
    file suffix decides, else the content is sniffed.
    """
    if (source is None) == (text is None):
        raise ReadError("give either a path or text=..., not both or neither")
    if source is not None:
        if isinstance(source, bytes):
            raise ReadError("pass bytes as text=..., a path as str or os.PathLike")
        return read_path(source, format=format, **options)
    assert text is not None
    fmt = format or detect_format(text)
    return READERS.get(fmt).read(text, **options)


def read_path(path: str | os.PathLike[str], *, format: str | None = None,
              **options: Any) -> Document:
    """Read the file at ``path`` (``"-"`` is standard input)."""
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = None
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise ReadError(f"{p} is a folder, not a file")
            size = p.stat().st_size
            if size > MAX_INPUT_BYTES:
                from ..errors import InputTooLargeError

                raise InputTooLargeError(
                    f"{p} is {size} bytes; the limit is {MAX_INPUT_BYTES} bytes (50 MiB)")
            data = p.read_bytes()
        except OSError as err:
            raise ReadError(f"cannot read {p}: {err.strerror or err}") from None
        name = p.name
    if len(data) > MAX_INPUT_BYTES:
        from ..errors import InputTooLargeError

        raise InputTooLargeError(f"input is over the limit of {MAX_INPUT_BYTES} bytes (50 MiB)")
    if data.startswith(_GZIP_MAGIC):
        data = gunzip(data, name or "standard input")
        if name and name.lower().endswith(".gz"):
            name = name[:-3]
    if not data.strip():
        raise ReadError(f"{name or 'standard input'} is empty")
    fmt = format or detect_format(data, name)
    try:
        return READERS.get(fmt).read(data, **options)
    except ReadError as err:
        if name and not str(err).startswith(name):
            raise type(err)(f"{name}: {err}") from None
        raise


_GZIP_MAGIC = b"\x1f\x8b"


def gunzip(data: bytes, name: str = "input") -> bytes:
    """Decompress a gzip file (a saved ``page.html.gz``), no larger than the input limit.

    The limit applies to the decompressed size, so a small "gzip bomb" is refused
    with :class:`InputTooLargeError` before it fills memory.
    """
    import zlib

    from ..errors import InputTooLargeError

    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:  # a gzip file may hold several members, one after another
            z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            while True:
                chunk = z.decompress(rest, MAX_INPUT_BYTES + 1 - size)
                size += len(chunk)
                out.append(chunk)
                if size > MAX_INPUT_BYTES:
                    raise InputTooLargeError(
                        f"{name} decompresses to over the limit of {MAX_INPUT_BYTES} bytes "
                        f"(50 MiB)")
                rest = z.unconsumed_tail
                if z.eof or not rest:
                    break
            if not z.eof:
                raise ReadError(f"{name} is a truncated gzip file")
            rest = z.unused_data
            if rest and not rest.startswith(_GZIP_MAGIC):
                break  # trailing padding after the last member, as gzip itself allows
    except zlib.error as err:
        raise ReadError(f"{name} is not a valid gzip file ({err})") from None
    return b"".join(out)


def decode(data: str | bytes) -> str:
    """Text from ``str`` or ``bytes`` (see :func:`decode_bytes`)."""
    return data if isinstance(data, str) else decode_bytes(data)
