"""Read a document from the JSON the ``json`` renderer writes."""

from __future__ import annotations

from typing import ClassVar

from ..errors import ReadError, ValidationError
from ..model import Document
from ..serialize import from_json
from ._decode import decode_bytes

__all__ = ["JsonReader", "read_json"]


class JsonReader:
    """JSON model dump -> :class:`Document` (lossless inverse of the ``json`` renderer)."""

    name: ClassVar[str] = "json"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def read(self, data: str | bytes, /) -> Document:
        return read_json(data)


def read_json(data: str | bytes) -> Document:
    """A document from JSON text; a bad dump raises ``ReadError`` or ``ValidationError``."""
    text = decode_bytes(data) if isinstance(data, bytes) else data
    if not text.strip():
        raise ReadError("input is empty")
    try:
        return from_json(text)
    except ValidationError:
        raise
