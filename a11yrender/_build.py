"""Which of the package's modules run compiled (see ``setup.py``)."""

from __future__ import annotations

import importlib
from importlib.machinery import EXTENSION_SUFFIXES

__all__ = ["COMPILABLE", "compiled_modules", "describe"]

# The modules setup.py hands to mypyc, by import name.
COMPILABLE = (
    "a11yrender.readers._decode",
    "a11yrender.readers._html_convert",
    "a11yrender.readers._html_extract",
    "a11yrender.readers._html_meta",
    "a11yrender.readers._html_own",
    "a11yrender.readers._html_parse",
    "a11yrender.readers.html",
    "a11yrender.readers.text",
)


def compiled_modules() -> list[str]:
    """The modules of :data:`COMPILABLE` that were imported from a C extension
    (a build with mypyc) rather than from their ``.py`` source."""
    out: list[str] = []
    for name in COMPILABLE:
        path = getattr(importlib.import_module(name), "__file__", None) or ""
        if path.endswith(tuple(EXTENSION_SUFFIXES)):
            out.append(name)
    return out


def describe() -> str:
    """One line for ``--version``: the kind of build that is running."""
    found = compiled_modules()
    if not found:
        return "pure Python"
    if len(found) == len(COMPILABLE):
        return "HTML reader compiled with mypyc"
    return f"partly compiled with mypyc ({len(found)} of {len(COMPILABLE)} modules)"
