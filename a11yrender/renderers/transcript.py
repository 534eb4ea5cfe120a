"""What a screen reader says for a document: one phrase per line.

The document is rendered to HTML (the ``html`` renderer with its defaults)
and read from top to bottom by :class:`~a11yrender.a11y.screenreader.ScreenReader`
with the chosen wording profile, so the transcript is what a screen-reader
user hears on the page a11yrender publishes::

    >>> print(render(doc, "transcript"))                    # doctest: +SKIP
    document
    banner
    link, Skip to main content
    ...
    end of document

``profile``: ``"vsr"`` (guidepup's Virtual Screen Reader, word for word) or
``"nvda"`` (NVDA's browse-mode wording); see ``docs/screenreader.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..a11y.phrases import PROFILES
from ..errors import OptionError
from ..model import Document
from .base import BaseRenderer

__all__ = ["TranscriptOptions", "TranscriptRenderer"]


@dataclass(frozen=True, slots=True)
class TranscriptOptions:
    """Options of the transcript renderer: ``profile`` is ``"vsr"`` or ``"nvda"``."""

    profile: str = "vsr"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise OptionError(
                f"the transcript renderer's profile must be one of "
                f"{', '.join(map(repr, PROFILES))}, not {self.profile!r}"
            )


class TranscriptRenderer(BaseRenderer):
    """``Document`` -> the screen-reader transcript of its HTML page."""

    name = "transcript"
    media_type = "text/plain"
    suffix = ".txt"
    Options = TranscriptOptions

    def _render(self, doc: Document, options: TranscriptOptions) -> str:
        from ..a11y.screenreader import transcript
        from . import render

        phrases = transcript(render(doc, "html"), options.profile)  # type: ignore[arg-type]
        return "".join(f"{phrase}\n" for phrase in phrases)
