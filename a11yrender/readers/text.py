"""Plain text saved from a news page -> Document. (Being written.)"""

from __future__ import annotations

from typing import ClassVar

from ..model import Document

__all__ = ["TextReader", "read_text"]


class TextReader:
    """Plain text -> :class:`Document`."""

    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def read(self, data: str | bytes, /) -> Document:
        return read_text(data)


def read_text(data: str | bytes) -> Document:
    """Read plain text saved from a news page."""
    raise NotImplementedError("the text reader is being written")
