"""The model dump as JSON (the reference renderer: lossless, no presentation)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from ..serialize import to_json
from .base import BaseRenderer

__all__ = ["JsonOptions", "JsonRenderer"]


@dataclass(frozen=True, slots=True)
class JsonOptions:
    """``indent``: spaces per level, or ``None`` for one line."""

    indent: int | None = 2


class JsonRenderer(BaseRenderer):
    """``Document`` -> JSON with ``format_version``; :func:`a11yrender.read` reads it back."""

    name = "json"
    media_type = "application/json"
    suffix = ".json"
    Options = JsonOptions

    def _render(self, doc: Document, options: JsonOptions) -> str:
        return to_json(doc, indent=options.indent)
