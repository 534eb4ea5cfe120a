"""The renderer contract: a function of (document, options), as in pandoc.

A renderer is a class with a ``name`` (the ``--to`` value), a ``media_type``,
a file ``suffix``, an ``Options`` dataclass holding every option with its
default, and one method, :meth:`Renderer.render`. Per-node methods are an
implementation detail inside each renderer.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from ..errors import OptionError
from ..model import Document

__all__ = ["BaseRenderer", "Renderer", "make_options"]

OptionsT = TypeVar("OptionsT")


@runtime_checkable
class Renderer(Protocol):
    """What the registry expects of a renderer (built-in or plug-in)."""

    name: ClassVar[str]
    media_type: ClassVar[str]
    suffix: ClassVar[str]

    def render(self, doc: Document, /, **options: Any) -> str:
        """``doc`` as text in this renderer's format."""
        ...


def make_options(options_type: type[OptionsT], given: dict[str, Any], who: str) -> OptionsT:
    """Build an options dataclass from keyword arguments, naming any unknown one."""
    known = {f.name: f for f in dataclasses.fields(options_type)}  # type: ignore[arg-type]
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise OptionError(
            f"{who} has no option {', '.join(map(repr, unknown))}; "
            f"options: {', '.join(known) or 'none'}"
        )
    return options_type(**given)


class BaseRenderer:
    """Convenience base: subclasses set ``Options`` and implement ``_render``."""

    name: ClassVar[str] = ""
    media_type: ClassVar[str] = "text/plain"
    suffix: ClassVar[str] = ".txt"
    Options: ClassVar[type[Any]]

    def render(self, doc: Document, /, **options: Any) -> str:
        if not isinstance(doc, Document):
            raise OptionError(f"{self.name} renderer needs a Document, got {type(doc).__name__}")
        return self._render(doc, make_options(self.Options, options, f"the {self.name} renderer"))

    def _render(self, doc: Document, options: Any) -> str:
        raise NotImplementedError
