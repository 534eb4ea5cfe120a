"""A tiny progress bar for batch commands, drawn on stderr only when it is a terminal.

::

    with Progress(len(paths), label="render") as bar:
        for path in paths:
            ...
            bar.advance(str(path))

Nothing is written when the stream is not a terminal (a pipe, a log file, a
test's captured stderr), so the bar never ends up in logs. :meth:`note` prints
a whole line (a warning, an error) above the bar without mangling it.
"""

from __future__ import annotations

import shutil
import time
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return False


class Progress:
    """``[#####-----] 3/10 name`` redrawn in place on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: TextIO, *, label: str = "",
                 enabled: bool | None = None, min_interval: float = 0.05) -> None:
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream
        self.label = label
        self.enabled = _is_tty(stream) if enabled is None else enabled
        self.min_interval = min_interval
        self._last_draw = float("-inf")
        self._drawn = 0  # characters of the bar currently on screen

    def advance(self, item: str = "", step: int = 1) -> None:
        """Count ``step`` more items done; ``item`` names the last one."""
        self.done = min(self.done + step, self.total)
        now = time.monotonic()
        if self.done < self.total and now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        self._draw(item)

    def note(self, line: str) -> None:
        """Print ``line`` (with a newline) without leaving pieces of the bar around it."""
        had_bar = self._drawn > 0
        self.clear()
        self.stream.write(line + "\n")
        if had_bar:
            self._draw("")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar, leaving the cursor at the start of an empty line."""
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
        self._drawn = 0

    def render(self, item: str = "", width: int | None = None) -> str:
        """The bar as a string no longer than ``width`` columns (without ``\\r``)."""
        if width is None:
            width = shutil.get_terminal_size((80, 24)).columns
        width = max(width - 1, 10)  # never write into the last column: some terminals wrap
        count = f"{self.done}/{self.total}"
        cells = 20
        filled = cells * self.done // self.total if self.total else cells
        bar = "[" + "#" * filled + "-" * (cells - filled) + "]"
        text = " ".join(part for part in (self.label, bar, count, item) if part)
        return text if len(text) <= width else text[: width - 1] + "…"

    def _draw(self, item: str) -> None:
        if not self.enabled:
            return
        text = self.render(item)
        pad = max(self._drawn - len(text), 0)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._drawn = len(text) + pad

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.clear()
