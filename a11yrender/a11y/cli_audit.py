"""The ``a11yrender audit`` command.

::

    a11yrender audit INPUT [--format text|json] [--fail-on LEVEL]

INPUT is a file, a folder (every file in it) or ``-`` for standard input. An
HTML page is audited as it is; any other input (text, JSON, Markdown) is read
into a document, rendered as HTML and audited, with findings located in the
model. ``--fail-on`` sets which findings fail the run (exit code 1): ``any``
(the default), ``none``, a severity (``minor``, ``moderate``, ``serious``,
``critical``: that one or worse) or a conformance level (``A``, ``AA``:
what blocks conformance at that level; ``best-practice``: everything).

Wire it into the command line with :func:`add_parser` (or :func:`add_arguments`
and :func:`run` for a table of commands).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from ..errors import A11yRenderError, ReadError
from .audit import LEVELS, RULES, SEVERITIES, Finding, audit

__all__ = ["FAIL_ON", "add_arguments", "add_parser", "audit_source", "fails", "run"]

HELP: Final = "check a page or document for accessibility problems (WCAG 2.2)"

#: The values ``--fail-on`` takes (levels are matched without regard to case).
FAIL_ON: Final = ("any", "none", *SEVERITIES, *LEVELS)

_EPILOG: Final = """\
--fail-on LEVEL:
  any            any finding fails the run (the default)
  none           never fail on findings (report only)
  minor | moderate | serious | critical
                 a finding of that severity or worse fails
  A | AA         a finding that blocks conformance at that WCAG level fails
                 (AA: level A and AA findings)
  best-practice  every finding fails, best practices included

exit codes:
  0    no finding at or above --fail-on
  1    a finding at or above --fail-on, or an input that could not be read
  2    usage error
  130  interrupted"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the arguments of ``audit`` on ``p``."""
    p.add_argument("input", metavar="INPUT",
                   help="an HTML page or any other input a11yrender reads, a folder (every "
                        "file in it, recursively; hidden files are skipped) or - for standard "
                        "input")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for people (the default) or json: {\"findings\": [...]} with "
                        "rule, wcag (\"1.1.1\"-style), level, severity, where, message, help")
    p.add_argument("--fail-on", default="any", type=_fail_on, metavar="LEVEL",
                   help="which findings make the exit code 1: any (default), none, a severity "
                        "(minor, moderate, serious, critical) or a level (A, AA, "
                        "best-practice); see below")


def add_parser(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``audit`` command to the CLI's subparsers (``run`` becomes its handler)."""
    p = subparsers.add_parser("audit", help=HELP, description=HELP, epilog=_EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(p)
    p.set_defaults(run=run)


def _fail_on(value: str) -> str:
    for name in FAIL_ON:
        if value.strip().lower() == name.lower():
            return name
    raise argparse.ArgumentTypeError(
        f"invalid choice {value!r}: choose from {', '.join(FAIL_ON)}")


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether ``finding`` is at or above the ``--fail-on`` threshold."""
    if fail_on == "any":
        return True
    if fail_on == "none":
        return False
    if fail_on in SEVERITIES:
        return SEVERITIES.index(finding.severity) >= SEVERITIES.index(fail_on)
    return LEVELS.index(finding.level) >= LEVELS.index(fail_on)


def audit_source(data: bytes, name: str | None) -> list[Finding]:
    """Audit one input's bytes: an HTML page as it is, anything else as a document.

    Raises :class:`~a11yrender.errors.ReadError` (or another
    :class:`~a11yrender.errors.A11yRenderError`) for input that cannot be read.
    """
    from ..readers import MAX_INPUT_BYTES, READERS, detect_format
    from ..readers._decode import decode_bytes

    what = name or "standard input"
    if len(data) > MAX_INPUT_BYTES:
        from ..errors import InputTooLargeError

        raise InputTooLargeError(f"{what} is over the limit of {MAX_INPUT_BYTES} bytes (50 MiB)")
    if not data.strip():
        raise ReadError(f"{what} is empty")
    fmt = detect_format(data, name)
    if fmt == "text" and _looks_like_html(data, name):
        fmt = "html"  # a fragment ("<p>...") is worth auditing as HTML too
    if fmt == "html":
        return audit(decode_bytes(data, what=what))
    return audit(READERS.get(fmt).read(data))


def _looks_like_html(data: bytes, name: str | None) -> bool:
    if name and Path(name).suffix:
        return False  # the suffix said what it is
    head = data[:1024].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return re.match(r"<[A-Za-z][A-Za-z0-9-]*[\s/>]", head) is not None


def _read(path: str) -> bytes:
    from ..readers import MAX_INPUT_BYTES

    if path == "-":
        return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError(f"{p} is a folder, not a file")
        if p.stat().st_size > MAX_INPUT_BYTES:
            from ..errors import InputTooLargeError

            raise InputTooLargeError(
                f"{p} is {p.stat().st_size} bytes; the limit is {MAX_INPUT_BYTES} bytes (50 MiB)")
        return p.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read {p}: {err.strerror or err}") from None


def run(args: argparse.Namespace) -> int:
    """``a11yrender audit``: audit each input, print the findings, return the exit code."""
    from .._progress import Progress
    from ..cli import EXIT_FAILURE, EXIT_OK, collect_sources, error, locate, write_stdout

    fail_on = _fail_on(str(getattr(args, "fail_on", "any")))
    sources, failures, is_folder = collect_sources(args.input)
    if is_folder and not sources and not failures:
        error(f"{args.input} has no files to audit (hidden files are skipped)")
        return EXIT_FAILURE
    for failure in failures:
        error(failure.message)
    results: list[tuple[str, list[Finding]]] = []
    bad_input = bool(failures)
    with Progress(len(sources) if is_folder else 0, sys.stderr, label="audit",
                  enabled=None if is_folder else False) as bar:
        for source in sources:
            try:
                name = None if source.path == "-" else Path(source.path).name
                findings = audit_source(_read(source.path), name)
            except A11yRenderError as err:
                bad_input = True
                message = locate(str(err), source)
                if is_folder:
                    bar.note(f"a11yrender: error: {message}")
                else:
                    error(message)
            else:
                results.append((source.display, findings))
            bar.advance(source.display)
    if results:
        if args.format == "json":
            write_stdout(_json(results, batch=is_folder) + "\n")
        else:
            write_stdout(_text(results, batch=is_folder))
    failed = any(fails(f, fail_on) for _, found in results for f in found)
    return EXIT_FAILURE if failed or bad_input else EXIT_OK


def _summary(findings: Sequence[Finding]) -> dict[str, object]:
    by_severity = Counter(f.severity for f in findings)
    by_level = Counter(f.level for f in findings)
    return {
        "total": len(findings),
        "severity": {s: by_severity[s] for s in reversed(SEVERITIES) if by_severity[s]},
        "level": {lv: by_level[lv] for lv in reversed(LEVELS) if by_level[lv]},
    }


def _json(results: Sequence[tuple[str, list[Finding]]], *, batch: bool) -> str:
    items: list[dict[str, str]] = []
    for display, findings in results:
        for f in findings:
            item = f.to_dict()
            rule = RULES.get(f.rule)
            item["criterion"] = rule.criterion if rule else ""
            if batch:
                item["file"] = display
            items.append(item)
    all_findings = [f for _, found in results for f in found]
    return json.dumps({"findings": items, "summary": _summary(all_findings)},
                      ensure_ascii=False, indent=2)


def _text(results: Sequence[tuple[str, list[Finding]]], *, batch: bool) -> str:
    lines: list[str] = []
    for display, findings in results:
        if batch:
            lines.append(f"{display}: {_count(findings)}")
        for f in findings:
            rule = RULES.get(f.rule)
            criterion = f"{f.wcag} {rule.criterion}" if rule else f.wcag
            indent = "  " if batch else ""
            lines.append(f"{indent}{f.where}")
            lines.append(f"{indent}  {f.severity}: {f.rule} (WCAG {criterion}, {f.level})")
            lines.append(f"{indent}  {f.message}")
            lines.append(f"{indent}  Fix: {f.help}")
            lines.append("")
        if batch and not findings:
            lines.append("")
    all_findings = [f for _, found in results for f in found]
    if batch:
        lines.append(f"{len(results)} files: {_count(all_findings)}")
    else:
        lines.append(_count(all_findings))
    return "\n".join(lines) + "\n"


def _count(findings: Sequence[Finding]) -> str:
    if not findings:
        return "no findings"
    by = Counter(f.severity for f in findings)
    parts = ", ".join(f"{by[s]} {s}" for s in reversed(SEVERITIES) if by[s])
    noun = "finding" if len(findings) == 1 else "findings"
    return f"{len(findings)} {noun} ({parts})"
