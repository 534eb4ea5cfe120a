"""Renderers by name: ``render(doc, "html")``.

Built-ins and third-party renderers (entry-point group
``a11yrender.renderers``) are found through one :class:`~a11yrender._registry.Registry`.
"""

from __future__ import annotations

from typing import Any

from .._registry import Registry
from ..model import Document
from .base import BaseRenderer, Renderer

__all__ = ["RENDERERS", "BaseRenderer", "Renderer", "get_renderer", "render"]

RENDERERS: Registry[Renderer] = Registry("a11yrender.renderers", "renderer")
RENDERERS.register("html", "a11yrender.renderers.html:HtmlRenderer")
RENDERERS.register("text", "a11yrender.renderers.text:TextRenderer")
RENDERERS.register("json", "a11yrender.renderers.json:JsonRenderer")
RENDERERS.register("ssml", "a11yrender.renderers.ssml:SsmlRenderer")


def get_renderer(name: str) -> Renderer:
    """The renderer registered as ``name`` (``UnknownFormatError`` lists the others)."""
    return RENDERERS.get(name)


def render(doc: Document, to: str = "html", /, **options: Any) -> str:
    """Render ``doc`` in the format ``to`` with that renderer's options."""
    return get_renderer(to).render(doc, **options)
