"""The one error hierarchy of a11yrender.

Every failure a user can cause (bad input, an unknown format, a document that
breaks the model's rules) is an :class:`A11yRenderError`, so callers catch one
type and the CLI prints one line.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "A11yRenderError",
    "EngineUnavailableError",
    "InputTooLargeError",
    "NoAudioDeviceError",
    "NotAnArticleError",
    "OptionError",
    "ReadError",
    "RenderError",
    "RenderWarning",
    "SpeechEngineError",
    "UnknownFormatError",
    "ValidationError",
]


class A11yRenderError(Exception):
    """Base class of every error a11yrender raises on purpose."""


class ReadError(A11yRenderError):
    """The input could not be read into a document (empty, binary, malformed)."""


class InputTooLargeError(ReadError):
    """The input exceeds a safety limit; the message names the limit."""


class NotAnArticleError(ReadError):
    """The page holds no article (an index, search or error page); the message says why."""


class UnknownFormatError(A11yRenderError):
    """No reader or renderer is registered under the requested name."""


class OptionError(A11yRenderError, TypeError):
    """A reader or renderer was given an option it does not know or a bad value."""


class RenderError(A11yRenderError):
    """A renderer could not produce output for a valid document."""


class ValidationError(A11yRenderError, ValueError):
    """A model node breaks a rule of the model.

    ``node`` names the node type (``"heading"``) and ``path`` says where it sits
    in the document, as a tuple such as ``("body", 3, "children", 0)``; ``reason``
    is the bare rule that was broken.
    """

    def __init__(self, node: str, reason: str, path: Sequence[str | int] = ()) -> None:
        self.node = node
        self.reason = reason
        self.path: tuple[str | int, ...] = tuple(path)
        super().__init__(self._message())

    def _message(self) -> str:
        where = format_path(self.path)
        return f"{where} ({self.node}): {self.reason}" if where else f"{self.node}: {self.reason}"

    def under(self, *prefix: str | int) -> ValidationError:
        """The same error, located under ``prefix`` (used while building nested nodes)."""
        return ValidationError(self.node, self.reason, (*prefix, *self.path))

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, str, tuple[str | int, ...]]]:
        return (ValidationError, (self.node, self.reason, self.path))


class EngineUnavailableError(A11yRenderError):
    """A speech engine is not installed or cannot start; the message names what to install."""


class SpeechEngineError(A11yRenderError):
    """A speech engine failed or timed out while synthesising; the message says where."""


class NoAudioDeviceError(A11yRenderError):
    """There is nowhere to play sound (no device, no player); the message suggests ``--save``."""


class RenderWarning(UserWarning):
    """Output was produced but something was adjusted or could not be expressed."""


def format_path(path: Sequence[str | int]) -> str:
    """``("body", 3, "children", 0)`` -> ``"body[3].children[0]"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
