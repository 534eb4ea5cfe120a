"""The ``speak`` and ``engines`` commands (wired into :mod:`a11yrender.cli`).

::

    a11yrender speak INPUT [--engine NAME] [--voice V] [--rate WPM] [--save out.wav]
                     [--captions out.vtt] [--word-captions] [--chapters out.json]
                     [--sync-map out.json] [--ssml out.ssml] [--verbosity brief] [--print]
    a11yrender engines

``add_parser(subparsers)`` / ``run(args)`` and ``add_engines_parser(subparsers)``
/ ``run_engines(args)``; ``add_arguments(parser)`` and
``add_engines_arguments(parser)`` declare the arguments on a parser made
elsewhere. Errors are raised as :class:`~a11yrender.errors.A11yRenderError`
for the CLI to print as one line.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import A11yRenderError, EngineUnavailableError, OptionError
from ..readers import read_path
from .engines import engine_status, get_engine
from .plan import plan_speech
from .sinks import Sink, default_sink

__all__ = [
    "add_arguments",
    "add_engines_arguments",
    "add_engines_parser",
    "add_parser",
    "run",
    "run_engines",
]

SPEAK_HELP = "speak an article, or save it as a WAV file with captions"
ENGINES_HELP = "list the speech engines and whether each can be used"

def add_arguments(p: argparse.ArgumentParser) -> None:
    """Declare the ``speak`` arguments on ``p``."""
    p.add_argument("input", metavar="INPUT", help="article file, or - for standard input")
    p.add_argument("--from", dest="reader", metavar="FORMAT",
                   help="input format (default: by suffix, else by sniffing)")
    p.add_argument("--engine", default="espeak", metavar="NAME",
                   help="speech engine (see 'a11yrender engines'; default espeak)")
    p.add_argument("--voice", metavar="V", help="voice name (default: by the language)")
    p.add_argument("--rate", type=int, metavar="WPM", help="words per minute")
    p.add_argument("--save", metavar="OUT.wav", help="write the audio to this WAV file")
    p.add_argument("--captions", metavar="OUT.vtt",
                   help="captions timed to the audio (.vtt or .srt); needs --save")
    p.add_argument("--word-captions", action="store_true",
                   help="a caption per word instead of per sentence")
    p.add_argument("--chapters", metavar="OUT.json",
                   help="a chapter per heading (.json or .vtt); needs --save")
    p.add_argument("--sync-map", metavar="OUT.json",
                   help="JSON sync map of utterances, source offsets and times; needs --save")
    p.add_argument("--ssml", metavar="OUT.ssml", help="also write the SSML rendering")
    p.add_argument("--verbosity", choices=("none", "brief", "full"), default="brief",
                   help="structure cues spoken (default brief)")
    p.add_argument("--print", action="store_true", dest="print_plan",
                   help="print the spoken text, one utterance per line, instead of speaking")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``speak`` command to an argparse ``subparsers`` object."""
    p: argparse.ArgumentParser = subparsers.add_parser("speak", help=SPEAK_HELP,
                                                       description=SPEAK_HELP)
    add_arguments(p)
    p.set_defaults(run=run)
    return p


def add_engines_arguments(p: argparse.ArgumentParser) -> None:
    """The ``engines`` command takes no arguments."""
    del p


def add_engines_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``engines`` command to an argparse ``subparsers`` object."""
    p: argparse.ArgumentParser = subparsers.add_parser("engines", help=ENGINES_HELP,
                                                       description=ENGINES_HELP)
    add_engines_arguments(p)
    p.set_defaults(run=run_engines)
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``speak``; raise :class:`A11yRenderError` on failure."""
    if args.save is None:
        for flag, value in (("--captions", args.captions), ("--chapters", args.chapters),
                            ("--sync-map", args.sync_map)):
            if value is not None and not args.print_plan:
                raise OptionError(f"{flag} needs --save OUT.wav (captions are timed to "
                                  f"the saved audio)")
    sink: Sink | None = None
    if args.save is None and not args.print_plan:
        # Fail before any work: there is nowhere to send the sound.
        sink = default_sink()
    doc = read_path(args.input, format=args.reader)
    options: dict[str, Any] = {"verbosity": args.verbosity}
    ssml: str | None = None
    if args.ssml is not None:
        from ..renderers import render

        ssml = render(doc, "ssml")  # rendered now, written once the rest succeeded
    if args.print_plan:
        for u in plan_speech(doc, **options):
            print(u.text)
        _write_ssml(args.ssml, ssml)
        return 0
    from .export import save_audio

    if args.save is not None:
        result = save_audio(doc, args.save, engine=args.engine, voice=args.voice,
                            rate=args.rate, captions=args.captions,
                            word_captions=args.word_captions, chapters=args.chapters,
                            sync_map=args.sync_map, **options)
        _write_ssml(args.ssml, ssml)
        seconds = result.duration_ms / 1000
        print(f"{args.save}: {seconds:.1f} s of audio, {len(result.timeline)} utterances",
              file=sys.stderr)
        return 0
    assert sink is not None
    from .player import speak

    speak(doc, engine=args.engine, sink=sink, voice=args.voice, rate=args.rate, **options)
    _write_ssml(args.ssml, ssml)
    return 0


def _write_ssml(path: str | None, ssml: str | None) -> None:
    if path is not None and ssml is not None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(ssml)


def run_engines(args: argparse.Namespace) -> int:
    """List every engine: available, or why not; and what it can do."""
    del args
    status = engine_status()
    width = max((len(n) for n in status), default=0)
    for name, (ok, why) in status.items():
        if ok:
            try:
                caps = get_engine(name).capabilities
                can = [k for k in ("ssml", "marks", "word_events", "timed_events", "playback")
                       if getattr(caps, k)]
                detail = "available" + (f" ({', '.join(can)})" if can else "")
            except (A11yRenderError, EngineUnavailableError) as err:
                detail = f"unavailable: {' '.join(str(err).split())}"
        else:
            detail = f"unavailable: {' '.join(why.split())}"
        print(f"{name:<{width}}  {detail}")
    return 0
