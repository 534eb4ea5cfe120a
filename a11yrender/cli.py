"""The ``a11yrender`` command.

::

    a11yrender render INPUT [--to FORMAT ...] [--from FORMAT] [-o OUTPUT] [-O KEY=VALUE ...]
    a11yrender formats
    a11yrender --version

Every error is ONE line on stderr, ``a11yrender: error: <message>``, with no
traceback, and a failed command leaves no partial output behind: outputs are
rendered in memory, written to temporary files beside their destination and
moved into place only when everything has succeeded.

Exit codes:

* 0 -- success;
* 1 -- bad input (empty, binary, malformed, unreadable, unknown format), or an
  output that could not be written;
* 2 -- usage: bad arguments, an unknown ``-O`` option or a bad option value;
* 70 -- internal error: a bug in a11yrender or a plug-in (the traceback is shown);
* 130 -- interrupted (Ctrl-C).

Each command is a pair of functions, ``_add_<name>(parser)`` declaring its
arguments and ``cmd_<name>(args) -> int`` running it, listed in
:data:`COMMANDS`; the helpers for inputs (:func:`collect_sources`,
:func:`read_source`), warnings (:class:`Diagnostics`) and outputs
(:class:`OutputTransaction`) are shared so later commands reuse them.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import os
import re
import sys
import tempfile
import traceback
import typing
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path, PurePath
from types import TracebackType
from typing import Any, NoReturn, TextIO

from . import __version__
from ._progress import Progress
from .errors import A11yRenderError, OptionError, RenderWarning, UnknownFormatError
from .model import Document
from .readers import READERS, read_path
from .renderers import RENDERERS, Renderer
from .renderers.base import make_options

__all__ = ["COMMANDS", "EXIT_FAILURE", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK",
           "EXIT_USAGE", "UsageError", "build_parser", "main"]

PROG = "a11yrender"
DEFAULT_FORMAT = "html"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # sysexits.h EX_SOFTWARE
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = """\
exit codes:
  0    success
  1    bad input, unknown format, or an output that could not be written
  2    usage error (bad arguments, unknown -O option or bad option value)
  70   internal error: a bug in a11yrender or a plug-in
  130  interrupted"""


class UsageError(Exception):
    """A bad combination of arguments, found after parsing (exit 2)."""


# --------------------------------------------------------------------------- messages


def _one_line(message: object) -> str:
    """``message`` on a single line (messages from plug-ins may hold newlines)."""
    text = " ".join(str(message).split())
    return text or "unknown error"


def _describe(err: BaseException) -> str:
    """A user-facing one-line description of an error."""
    if isinstance(err, OSError) and err.strerror:
        where = err.filename if err.filename is not None else None
        what = f"{where}: {err.strerror}" if where is not None else err.strerror
        return _one_line(what)
    text = str(err)
    return _one_line(text if text else type(err).__name__)


def error(message: str, stream: TextIO | None = None) -> None:
    """Print ``a11yrender: error: <message>`` as one line on stderr."""
    print(f"{PROG}: error: {_one_line(message)}", file=stream or sys.stderr)


def warning(message: str, stream: TextIO | None = None) -> None:
    """Print ``a11yrender: warning: <message>`` as one line on stderr."""
    print(f"{PROG}: warning: {_one_line(message)}", file=stream or sys.stderr)


# --------------------------------------------------------------------------- argument parsing


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line: the message and where to get help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE,
                  f"{PROG}: error: {_one_line(message)} (see '{self.prog} --help')\n")


_OPTION_KEY = re.compile(r"(?:(?P<fmt>[a-z0-9][a-z0-9_.-]*)\.)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*)")
_INTEGER = re.compile(r"[+-]?[0-9]+")


def parse_option_value(value: str) -> object:
    """``-O`` values: true/false -> bool, none -> None, integers -> int, else the string."""
    low = value.strip().lower()
    if low == "true":
        return True
    if low == "false":
        return False
    if low == "none":
        return None
    if _INTEGER.fullmatch(value.strip()):
        return int(value)
    return value


def parse_option(text: str) -> tuple[str | None, str, object]:
    """``[FORMAT.]KEY=VALUE`` -> (format or None, key, value); dashes in KEY become ``_``."""
    key, sep, value = text.partition("=")
    match = _OPTION_KEY.fullmatch(key.strip())
    if not sep or match is None:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE or FORMAT.KEY=VALUE, got {text!r}")
    return match["fmt"], match["key"].replace("-", "_"), parse_option_value(value)


def _split_formats(values: Sequence[str] | None) -> list[str]:
    """``--to html --to text,json`` -> ``["html", "text", "json"]`` (duplicates dropped)."""
    out: list[str] = []
    for value in values or ():
        for name in value.split(","):
            name = name.strip().lower()
            if not name:
                raise UsageError(f"empty format name in --to {value!r}")
            if name not in out:
                out.append(name)
    return out


# --------------------------------------------------------------------------- renderers


def get_renderer(name: str) -> Renderer:
    """The renderer ``name``, checked to have a ``render`` method (else UnknownFormatError)."""
    renderer = RENDERERS.get(name)
    if not callable(getattr(renderer, "render", None)):
        raise UnknownFormatError(f"renderer {name!r} is unavailable: it has no render() method")
    return renderer


def renderer_suffix(name: str, renderer: Renderer) -> str:
    """The file suffix of ``renderer`` (``.<name>`` when a plug-in declares none)."""
    suffix = getattr(renderer, "suffix", "")
    if not isinstance(suffix, str) or not suffix:
        return f".{name}"
    return suffix if suffix.startswith(".") else f".{suffix}"


def _format_for_output(output: str | None) -> str | None:
    """The renderer whose suffix matches the output file's (``-o page.txt`` -> ``text``).

    None when no renderer claims the suffix (the default format is used then);
    a usage error when several do, rather than guessing.
    """
    if output is None or output == "-" or output.endswith(("/", os.sep)) or Path(output).is_dir():
        return None
    suffix = Path(output).suffix.lower()
    if not suffix:
        return None
    matches = []
    for name in RENDERERS.names():
        try:
            if renderer_suffix(name, RENDERERS.get(name)).lower() == suffix:
                matches.append(name)
        except A11yRenderError:  # a broken plug-in cannot claim a suffix
            continue
    if len(matches) > 1:
        raise UsageError(f"several formats write {suffix} files ({', '.join(matches)}); "
                         f"choose one with --to")
    return matches[0] if matches else None


def _allows_none(hint: Any) -> bool:
    return hint is type(None) or hint is Any or type(None) in typing.get_args(hint)


def check_options(name: str, renderer: Renderer, options: dict[str, Any]) -> None:
    """Fail early (OptionError) on an option the renderer does not take.

    Renderers built on :class:`~a11yrender.renderers.base.BaseRenderer` declare
    their options as a dataclass, so they can be checked before any input is
    read; other renderers are checked when they render.
    """
    options_type = getattr(renderer, "Options", None)
    if not (isinstance(options_type, type) and dataclasses.is_dataclass(options_type)):
        return
    # "-O links=none" means the word where the option takes no None.
    try:
        hints = typing.get_type_hints(options_type)
    except Exception:  # a plug-in's unresolvable annotations: leave values as parsed
        hints = {}
    for key, value in options.items():
        hint = hints.get(key)
        if value is None and hint is not None and not _allows_none(hint):
            options[key] = "none"
    try:
        make_options(options_type, options, f"the {name} renderer")
    except OptionError:
        raise
    except (TypeError, ValueError) as err:
        raise OptionError(f"the {name} renderer: bad option value: {_one_line(err)}") from None


# --------------------------------------------------------------------------- inputs


@dataclasses.dataclass(frozen=True)
class Source:
    """One input: ``path`` to read (``"-"`` is stdin), ``display`` for messages,
    ``rel`` the path relative to the input folder (its stem names the outputs)."""

    path: str
    display: str
    rel: PurePath


@dataclasses.dataclass(frozen=True)
class Failure:
    """One input that could not be processed: its path and the one-line message."""

    display: str
    message: str


def collect_sources(input_arg: str, *, skip: Path | None = None
                    ) -> tuple[list[Source], list[Failure], bool]:
    """The inputs named by INPUT: (sources, failures found while listing, is a folder).

    A folder yields every file in it, recursively and sorted, skipping hidden
    files and folders (names starting with ``.``), the folder ``skip`` (the
    output folder, when it lies inside the input) and not following symbolic
    links to folders. A special file (FIFO, socket, device) is a failure.
    """
    if input_arg == "-":
        return [Source("-", "standard input", PurePath("stdin"))], [], False
    root = Path(input_arg)
    if not root.is_dir():
        return [Source(input_arg, input_arg, PurePath(root.name))], [], False
    skip_real = skip.resolve() if skip is not None else None
    sources: list[Source] = []
    failures: list[Failure] = []

    def walk_error(err: OSError) -> None:
        where = err.filename if err.filename is not None else input_arg
        failures.append(Failure(str(where),
                                f"{where}: cannot read folder: {err.strerror or err}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=walk_error):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".")
            and (skip_real is None or (here / d).resolve() != skip_real)
        )
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = here / filename
            rel = path.relative_to(root)
            display = str(path)
            if not (path.is_file() or path.is_symlink()):
                failures.append(Failure(display, f"{display}: not a regular file"))
                continue
            sources.append(Source(str(path), display, PurePath(rel)))
    sources.sort(key=lambda s: s.rel.parts)
    return sources, failures, True


def locate(message: str, source: Source) -> str:
    """``message`` about ``source`` as ``"<path>: <message>"``, without naming it twice."""
    message = _one_line(message)
    if source.path == "-":
        return message if message.startswith(source.display) else f"{source.display}: {message}"
    name = Path(source.path).name
    if message.startswith(f"{name}: "):
        message = message[len(name) + 2:]
    elif message.startswith(f"{name} "):  # "article.txt is empty"
        return source.display + message[len(name):]
    if source.path in message or source.display in message:
        return message
    return f"{source.display}: {message}"


def read_source(source: Source, reader: str | None) -> Document:
    """Read one input with the reader ``reader`` (None: by suffix, else by sniffing)."""
    return read_path(source.path, format=reader)


# --------------------------------------------------------------------------- warnings


class Diagnostics:
    """Collect a11yrender's warnings while a block runs; print each as one line.

    Warnings from a11yrender (``RenderWarning`` and any other category defined
    in the package) become ``a11yrender: warning: <where>: <message>``; other
    warnings go back to Python's normal warning machinery.
    """

    def __init__(self, sink: Callable[[str], None]) -> None:
        self.sink = sink
        self.count = 0

    @contextmanager
    def capture(self, where: str | None = None) -> Iterator[None]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RenderWarning)
            try:
                yield
            finally:
                self._emit(caught, where)

    def _emit(self, caught: list[warnings.WarningMessage], where: str | None) -> None:
        for item in caught:
            category = item.category
            if issubclass(category, RenderWarning) or category.__module__.startswith(PROG):
                text = _one_line(item.message)
                self.count += 1
                self.sink(f"{PROG}: warning: {where}: {text}" if where
                          else f"{PROG}: warning: {text}")
            else:
                warnings.warn_explicit(item.message, category, item.filename, item.lineno)


# --------------------------------------------------------------------------- outputs


class OutputTransaction:
    """Write files all-or-nothing: stage each beside its destination, then move into place.

    :meth:`stage` writes a hidden temporary file in the destination's folder
    (creating folders as needed); :meth:`commit` ``os.replace``-s every staged
    file into place. Leaving the ``with`` block without committing (an error,
    Ctrl-C) removes the temporary files and the folders this transaction
    created, so an existing output is never touched by a failed run.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []
        self._made_dirs: list[Path] = []
        self._umask: int | None = None

    def _mkdirs(self, folder: Path) -> None:
        missing: list[Path] = []
        while not folder.exists() and not folder.is_symlink():
            missing.append(folder)
            if folder.parent == folder:
                break
            folder = folder.parent
        for d in reversed(missing):
            d.mkdir()
            self._made_dirs.append(d)

    def _mode_for(self, dest: Path) -> int:
        try:
            return dest.stat().st_mode & 0o7777
        except OSError:
            if self._umask is None:
                self._umask = os.umask(0o022)
                os.umask(self._umask)
            return 0o666 & ~self._umask

    def stage(self, dest: Path, data: str | bytes) -> None:
        """Write ``data`` (text is UTF-8) to a temporary file that will become ``dest``."""
        if dest.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(dest))
        self._mkdirs(dest.parent)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.",
                                            suffix=".part")
        except OSError as err:
            # Name the file the user asked for, not the temporary one.
            raise OSError(err.errno, err.strerror, str(dest)) from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.chmod(tmp, self._mode_for(dest))
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise OSError(err.errno, err.strerror, str(dest)) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._staged.append((tmp, dest))

    def commit(self) -> None:
        """Move every staged file into place."""
        while self._staged:
            tmp, dest = self._staged[0]
            os.replace(tmp, dest)
            self._staged.pop(0)
        self._made_dirs.clear()

    def rollback(self) -> None:
        """Remove the staged files and the folders created for them."""
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged.clear()
        for d in reversed(self._made_dirs):
            with suppress(OSError):
                d.rmdir()
        self._made_dirs.clear()

    def __enter__(self) -> OutputTransaction:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.rollback()


def write_stdout(data: str | bytes) -> None:
    """Write ``data`` to standard output as UTF-8 bytes (whatever the locale)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(payload.decode("utf-8", "replace"))
        out.flush()
        return
    out.flush()
    buffer.write(payload)
    buffer.flush()


# --------------------------------------------------------------------------- render


@dataclasses.dataclass(frozen=True)
class Target:
    """One output: the format and where it goes (``None`` is standard output)."""

    format: str
    dest: Path | None


def _add_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="INPUT",
                   help="a file, a folder (every file in it, recursively; hidden files are "
                        "skipped and links to folders are not followed) or - for standard "
                        "input")
    p.add_argument("-t", "--to", action="append", metavar="FORMAT",
                   help=f"output format; repeat it or give a comma-separated list for several "
                        f"(default: from the -o suffix, else {DEFAULT_FORMAT}); "
                        f"'a11yrender formats' lists them")
    p.add_argument("-f", "--from", dest="from_format", metavar="FORMAT",
                   help="input format (a reader name); default: by file suffix, else by content")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="output file, or - for standard output (the default for one input in "
                        "one format); a folder for a folder INPUT or several formats, where "
                        "files are named <name><suffix> and subfolders are mirrored")
    p.add_argument("-O", "--option", action="append", default=[], type=parse_option,
                   metavar="[FORMAT.]KEY=VALUE",
                   help="renderer option, passed as a keyword argument (true/false, none and "
                        "integers are converted); FORMAT. limits it to one of several formats; "
                        "an unknown option is a usage error (exit 2)")
    p.add_argument("-k", "--keep-going", action="store_true",
                   help="for a folder: write the files that rendered even if others failed "
                        "(the exit code is still 1); by default nothing is written unless "
                        "every file renders")


def _options_by_format(given: Sequence[tuple[str | None, str, object]],
                       formats: Sequence[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {name: {} for name in formats}
    for fmt, key, value in given:
        if fmt is None:
            for name in formats:
                out[name][key] = value
        elif fmt in out:
            out[fmt][key] = value
        else:
            raise UsageError(f"option {fmt}.{key} is for the format {fmt!r}, which is not "
                             f"selected with --to ({', '.join(formats)})")
    return out


def _plan_targets(args: argparse.Namespace, sources: Sequence[Source], is_folder: bool,
                  formats: Sequence[str], suffixes: dict[str, str]
                  ) -> list[tuple[Source, list[Target]]]:
    """Where each source goes in each format; usage errors for impossible combinations."""
    output: str | None = args.output
    several = len(formats) > 1
    if is_folder and output in (None, "-"):
        raise UsageError("a folder INPUT needs -o OUTPUT_FOLDER")
    if several and output in (None, "-"):
        raise UsageError(f"several formats ({', '.join(formats)}) need -o OUTPUT_FOLDER")
    to_folder = (is_folder or several or (output is not None and output != "-"
                 and (output.endswith(("/", os.sep)) or Path(output).is_dir())))
    if to_folder:
        assert output is not None
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"-o {output} must be a folder, but it is a file")
    plan: list[tuple[Source, list[Target]]] = []
    for source in sources:
        targets: list[Target] = []
        for fmt in formats:
            if output is None or output == "-":
                targets.append(Target(fmt, None))
            elif to_folder:
                rel = source.rel
                stem = PurePath(rel.stem).stem if rel.suffix.lower() == ".gz" else rel.stem
                targets.append(Target(fmt, Path(output) / rel.parent / (stem + suffixes[fmt])))
            else:
                targets.append(Target(fmt, Path(output)))
        plan.append((source, targets))
    return plan


def _check_plan(plan: Sequence[tuple[Source, list[Target]]]) -> list[Failure]:
    """Outputs that would overwrite an input or each other."""
    failures: list[Failure] = []
    seen: dict[Path, tuple[Source, str]] = {}
    for source, targets in plan:
        for target in targets:
            if target.dest is None:
                continue
            if source.path != "-" and target.dest.exists():
                try:
                    same = os.path.samefile(source.path, target.dest)
                except OSError:
                    same = False
                if same:
                    raise UsageError(f"refusing to overwrite the input {source.display} "
                                     f"with its {target.format} output; choose another -o")
            key = Path(os.path.normpath(target.dest.absolute()))
            if key in seen:
                other, other_fmt = seen[key]
                failures.append(Failure(source.display, (
                    f"{target.dest}: would be written twice, from {other.display} "
                    f"({other_fmt}) and from {source.display} ({target.format})")))
            else:
                seen[key] = (source, target.format)
    return failures


def cmd_render(args: argparse.Namespace) -> int:
    """``a11yrender render``: read INPUT, render it in each format, write all or nothing."""
    formats = _split_formats(args.to)
    if not formats:
        formats = [_format_for_output(args.output) or DEFAULT_FORMAT]
    renderers = {name: get_renderer(name) for name in formats}
    if args.from_format:
        READERS.get(args.from_format)  # unknown reader: fail before reading anything
    options = _options_by_format(args.option, formats)
    for name, renderer in renderers.items():
        check_options(name, renderer, options[name])
    suffixes = {name: renderer_suffix(name, r) for name, r in renderers.items()}

    out_folder = Path(args.output) if args.output not in (None, "-") else None
    sources, failures, is_folder = collect_sources(args.input, skip=out_folder)
    plan = _plan_targets(args, sources, is_folder, formats, suffixes)
    failures += _check_plan(plan)
    if is_folder and not sources and not failures:
        raise A11yRenderError(f"{args.input} has no files to render (hidden files are skipped)")
    if failures:
        for failure in failures:
            error(failure.message)
        return EXIT_FAILURE

    done: list[tuple[Target, str | bytes]] = []
    with Progress(len(plan) if is_folder else 0, sys.stderr, label="render",
                  enabled=None if is_folder else False) as bar:
        diagnostics = Diagnostics(bar.note)
        for source, targets in plan:
            where = source.display if is_folder else None
            try:
                with diagnostics.capture(where):
                    doc = read_source(source, args.from_format)
                    rendered = [(t, renderers[t.format].render(doc, **options[t.format]))
                                for t in targets]
            except OptionError:
                raise  # the same for every input: a usage error, stop now
            except A11yRenderError as err:
                failures.append(Failure(source.display, locate(str(err), source)))
                bar.note(f"{PROG}: error: {failures[-1].message}")
            else:
                done.extend(rendered)
            bar.advance(source.display)

    if failures and not args.keep_going:
        return EXIT_FAILURE
    with OutputTransaction() as transaction:
        for target, data in done:
            if target.dest is not None:
                transaction.stage(target.dest, data)
        transaction.commit()
    for target, data in done:
        if target.dest is None:
            write_stdout(data)
    return EXIT_FAILURE if failures else EXIT_OK


# --------------------------------------------------------------------------- formats


def _add_formats(p: argparse.ArgumentParser) -> None:
    del p  # no arguments


def _unavailable(reason: str) -> str:
    marker = " is unavailable: "
    if marker in reason:
        reason = reason.split(marker, 1)[1]
    return f"unavailable: {_one_line(reason)}"


def cmd_formats(args: argparse.Namespace) -> int:
    """``a11yrender formats``: every renderer and reader, and whether it can be used."""
    del args
    rows: list[tuple[str, str, str]] = []
    for name, problem in RENDERERS.status().items():
        if problem is None:
            try:
                renderer = get_renderer(name)
                detail = str(getattr(renderer, "media_type", "") or "") or "(no media type)"
            except A11yRenderError as err:
                detail = _unavailable(str(err))
        else:
            detail = _unavailable(problem)
        rows.append((name, "renderer", detail))
    for name, problem in READERS.status().items():
        if problem is None:
            suffixes = getattr(READERS.get(name), "suffixes", ()) or ()
            detail = " ".join(str(s) for s in suffixes) or "(no suffixes)"
        else:
            detail = _unavailable(problem)
        rows.append((name, "reader", detail))
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, kind, detail in rows:
        print(f"{name:<{width}}  {kind:<8}  {detail}")
    return EXIT_OK


# --------------------------------------------------------------------------- main

#: (name, one-line help, add its arguments, run it). Later commands (speak,
#: transcript, audit, engines) are added here.
COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None],
                     Callable[[argparse.Namespace], int]]] = [
    ("render", "render a file, a folder or standard input to one or more formats",
     _add_render, cmd_render),
    ("formats", "list the renderers and readers, and any that cannot be loaded",
     _add_formats, cmd_formats),
]




def _more_commands() -> None:
    from .a11y import cli_audit, cli_transcript
    from .speech import cli_speak

    COMMANDS.extend([
        ("speak", cli_speak.SPEAK_HELP, cli_speak.add_arguments, cli_speak.run),
        ("engines", cli_speak.ENGINES_HELP, cli_speak.add_engines_arguments,
         cli_speak.run_engines),
        ("transcript", cli_transcript.SUMMARY, cli_transcript.add_arguments, cli_transcript.run),
        ("audit", cli_audit.HELP, cli_audit.add_arguments, cli_audit.run),
    ])


_more_commands()


class _VersionAction(argparse.Action):
    """``--version``: the build is looked up only when asked (it imports the reader)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from ._build import describe

        sys.stdout.write(f"{PROG} {__version__} ({describe()})\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subparser per entry of :data:`COMMANDS`."""
    parser = _Parser(prog=PROG,
                     description="Render news articles as accessible HTML, plain text in "
                                 "reading order, and more.",
                     epilog=EXIT_CODES_HELP,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show the version and the kind of build, and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, summary, add_arguments, run in COMMANDS:
        p = sub.add_parser(name, help=summary, description=summary, epilog=EXIT_CODES_HELP,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        add_arguments(p)
        p.set_defaults(run=run)
    return parser


def _exit_code(code: object) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_FAILURE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, usage errors
        return _exit_code(stop.code)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        names = ", ".join(name for name, *_ in COMMANDS)
        error(f"give a command: {names} (see '{PROG} --help')")
        return EXIT_USAGE
    try:
        return run(args)
    except UsageError as err:
        error(f"{_describe(err)} (see '{PROG} {args.command} --help')")
        return EXIT_USAGE
    except OptionError as err:
        error(_describe(err))
        return EXIT_USAGE
    except A11yRenderError as err:
        error(_describe(err))
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader of our output went away (`a11yrender render x | head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_FAILURE
    except OSError as err:
        error(f"cannot write output: {_describe(err)}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as err:
        traceback.print_exc()
        error(f"internal error: {type(err).__name__}: {_describe(err)} -- this is a bug in "
              f"a11yrender or a plug-in; please report it with the traceback above")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
