"""The ``a11yrender transcript`` command: what a screen reader says, one phrase per line.

::

    a11yrender transcript INPUT [--profile vsr|nvda] [--render] [-o OUTPUT]

``INPUT`` is a file or ``-`` (standard input). An HTML page (``.html``,
``.htm``, ``.xhtml``, or standard input that looks like HTML) is read as it
is, the way a screen reader meets it on the web; ``--render`` reads it into
a11yrender's model instead and transcribes the page a11yrender renders from
it. Any other input (text, JSON, ...) is read by :func:`a11yrender.read` and
rendered to HTML first. Wired into :mod:`a11yrender.cli` by
:func:`add_parser` / :func:`add_arguments` and :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Final

__all__ = ["HTML_SUFFIXES", "SUMMARY", "add_arguments", "add_parser", "run"]

SUMMARY: Final = "say a page the way a screen reader does, one phrase per line"
HTML_SUFFIXES: Final = frozenset({".html", ".htm", ".xhtml"})


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the command's arguments on its (sub)parser."""
    p.add_argument("input", metavar="INPUT", help="a file, or - for standard input")
    p.add_argument("--profile", choices=("vsr", "nvda"), default="vsr",
                   help="wording: vsr = guidepup's Virtual Screen Reader (default), "
                        "nvda = NVDA's browse mode")  # fmt: skip
    p.add_argument("--render", action="store_true",
                   help="for an HTML page: transcribe a11yrender's rendering of its article "
                        "instead of the page itself")  # fmt: skip
    p.add_argument("-o", "--output", metavar="OUTPUT",
                   help="write the transcript to this file (default: standard output)")


def add_parser(subparsers: Any) -> None:
    """Add ``transcript`` to an ``argparse`` subparsers object (``run`` as its default)."""
    p = subparsers.add_parser("transcript", help=SUMMARY, description=SUMMARY)
    add_arguments(p)
    p.set_defaults(run=run)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        b"<html" in head
    )


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit code (errors are raised as
    :class:`~a11yrender.errors.A11yRenderError` for the CLI to report)."""
    import a11yrender as ar

    from ..errors import ReadError
    from .screenreader import ScreenReader

    name: str = args.input
    if name == "-":
        data = sys.stdin.buffer.read()
        is_html = _looks_like_html(data)
        suffix = ".html" if is_html else ""
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(f"cannot read {name}: {e.strerror or e}") from e
        suffix = path.suffix.lower()
        is_html = suffix in HTML_SUFFIXES or (suffix == "" and _looks_like_html(data))
    source: Any
    if is_html and not args.render:
        source = data
    elif name == "-":
        source = ar.read(text=data, format="html" if is_html else None)
    else:
        source = ar.read(name)
    phrases = ScreenReader(source, args.profile).transcript()
    out = "".join(f"{p}\n" for p in phrases)
    if args.output:
        target = Path(args.output)
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            tmp.write_text(out, encoding="utf-8")
            tmp.replace(target)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            from ..errors import A11yRenderError

            raise A11yRenderError(f"cannot write {args.output}: {e.strerror or e}") from e
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0
