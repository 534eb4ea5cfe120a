"""Time speech: time to first audio as articles grow, and WAV export beside espeak-ng.

Printed, median of ``--repeat`` runs each (after one untimed warm-up run):

* **Time to first audio**, for a 5- and a 5,000-paragraph article (generated
  as ``benchmarks/render.py`` does, from the example's own paragraphs, read
  back with the text reader): from ``Player(doc, engine="espeak", sink=...)``
  on a ready Document (reading it is not included; its time is shown apart)
  until the first PCM reaches the sink, a ``SimulatedSink`` that notes when
  its first ``write`` arrives. Also the plan start, ``next(iter_speech(doc))``,
  and the first playback in the process (loading libespeak-ng and its data).
  Goal: it does not grow with the article (5,000 paragraphs at most x1.5 the
  5-paragraph time, which leaves room for timer noise on a few milliseconds).
* **WAV export**: ``save_audio(doc, "x.wav", engine="espeak")`` from a ready
  Document (planning, synthesis and writing the file) on the example article
  and a generated 50-paragraph one, against ``espeak-ng -w x.wav -m -f
  in.ssml`` given the same words and the same pauses: the plan's utterance
  texts, each followed by ``<break time="{pause_ms}ms"/>``, in the same
  voice (the document's language) at the same rate (espeak-ng's default,
  175 wpm). ``espeak-ng -w x.wav -f in.txt`` (the utterance texts one per
  line, espeak-ng's own pauses) is shown too. Both durations are printed so
  the audio can be compared. Goal: a11yrender's overhead,
  ``(ours - cli) / cli``, at most 10%.

    python benchmarks/speech.py [--repeat N] [--quick] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Sequence
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from render import EXAMPLE, article_text  # benchmarks/render.py: the same articles

import a11yrender as ar
from a11yrender.model import Document
from a11yrender.speech import iter_speech
from a11yrender.speech.engines import get_engine
from a11yrender.speech.player import Player
from a11yrender.speech.sinks import SimulatedSink

ENGINE = "espeak"
CLI = "espeak-ng"
GOAL_RATIO = 1.5  # time to first audio, largest article / smallest
GOAL_OVERHEAD = 0.10  # save_audio against espeak-ng's command line
WAIT_S = 60.0  # longest wait for the first audio before giving up


# --------------------------------------------------------------------------- first audio


class FirstAudioSink(SimulatedSink):
    """A sink that notes when the first audio arrives; its clock never runs by
    itself, so the player waits there until it is stopped."""

    def __init__(self) -> None:
        super().__init__(speed=None)
        self.first: float | None = None
        self.arrived = threading.Event()

    def write(self, pcm: bytes) -> None:
        if self.first is None and pcm:
            self.first = time.perf_counter()
            self.arrived.set()
        super().write(pcm)


def first_audio(doc: Document) -> float:
    """Seconds from making a player for ``doc`` until its first audio reaches the sink."""
    sink = FirstAudioSink()
    gc.collect()
    start = time.perf_counter()
    player = Player(doc, engine=ENGINE, sink=sink)
    try:
        player.play()
        if not sink.arrived.wait(WAIT_S):
            player.wait(0)  # raises what playback failed with, if it did
            raise RuntimeError(f"no audio within {WAIT_S:g} s")
    finally:
        player.close()
    assert sink.first is not None
    return sink.first - start


def plan_start(doc: Document) -> float:
    """Seconds until the lazy plan gives its first utterance."""
    gc.collect()
    start = time.perf_counter()
    next(iter_speech(doc))
    return time.perf_counter() - start


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_ms(values: Sequence[float]) -> float:
    return statistics.median(values) * 1000.0


def bench_first_audio(sizes: Sequence[int], repeat: int) -> dict[str, Any]:
    texts = {n: article_text(n) for n in sizes}
    docs: dict[int, Document] = {}
    read_s: dict[int, float] = {}
    for n, text in texts.items():
        read_s[n] = timed(partial(ar.read, text=text, format="text"))
        docs[n] = ar.read(text=text, format="text")
    cold = first_audio(docs[sizes[0]])  # loads libespeak-ng, its data and voice list
    audio: dict[int, list[float]] = {n: [] for n in sizes}
    plan: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(repeat):
        for n in sizes:  # interleaved, so drift on a busy machine hits every size
            plan[n].append(plan_start(docs[n]))
            audio[n].append(first_audio(docs[n]))
    small, large = sizes[0], sizes[-1]
    ratio = statistics.median(audio[large]) / statistics.median(audio[small])
    plan_ratio = statistics.median(plan[large]) / statistics.median(plan[small])
    return {
        "measured_from": "Player(doc, engine='espeak', sink=...) on a ready Document "
                         "until the sink's first write",
        "cold_first_audio_ms": cold * 1000.0,
        "sizes": [{"paragraphs": n, "body_blocks": len(docs[n].body),
                   "read_ms": read_s[n] * 1000.0,
                   "plan_start_ms": median_ms(plan[n]),
                   "first_audio_ms": median_ms(audio[n]),
                   "first_audio_runs_ms": [t * 1000.0 for t in audio[n]]} for n in sizes],
        "ratio": ratio,
        "plan_start_ratio": plan_ratio,
        "goal_ratio": GOAL_RATIO,
        "ok": ratio <= GOAL_RATIO,
    }


# --------------------------------------------------------------------------- WAV export


def same_speech(doc: Document) -> tuple[str, str, str, int]:
    """What a11yrender says for ``doc``, for espeak-ng's command line: SSML with
    the utterance texts and their pauses, the texts one per line, the
    language, and the number of utterances."""
    utterances = ar.plan_speech(doc)
    lang = doc.meta.language
    parts = [f'<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" '
             f'xml:lang="{escape(lang)}">']
    for n, u in enumerate(utterances):
        parts.append(escape(u.text, quote=False))
        if u.pause_ms > 0 and n + 1 < len(utterances):
            parts.append(f'<break time="{u.pause_ms}ms"/>')
        parts.append("\n")
    parts.append("</speak>\n")
    plain = "".join(f"{u.text}\n" for u in utterances)
    return "".join(parts), plain, lang, len(utterances)


def audio_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def run_cli(cli: str, lang: str, source: Path, out: Path, ssml: bool) -> None:
    cmd = [cli, "-v", lang.lower(), "-w", str(out), "-f", str(source)]
    if ssml:
        cmd.insert(1, "-m")
    done = subprocess.run(cmd, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.decode(errors='replace')}")


def bench_export(articles: Sequence[tuple[str, str]], repeat: int, cli: str,
                 tmp: Path) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    worst = 0.0
    for name, text in articles:
        doc = ar.read(text=text, format="text")
        ssml, plain, lang, count = same_speech(doc)
        ssml_in, text_in = tmp / f"{name}.ssml", tmp / f"{name}.txt"
        ssml_in.write_text(ssml, encoding="utf-8")
        text_in.write_text(plain, encoding="utf-8")
        ours_out, ssml_out, text_out = (tmp / f"{name}-{k}.wav" for k in ("ours", "ssml", "text"))
        jobs: dict[str, Callable[[], object]] = {
            "ours": partial(ar.save_audio, doc, ours_out, engine=ENGINE),
            "cli_ssml": partial(run_cli, cli, lang, ssml_in, ssml_out, True),
            "cli_text": partial(run_cli, cli, lang, text_in, text_out, False),
        }
        times: dict[str, list[float]] = {k: [] for k in jobs}
        for job in jobs.values():
            job()  # warm-up: the library, espeak-ng's data in the page cache
        for r in range(repeat):
            order = list(jobs)
            order = order[r % len(order):] + order[:r % len(order)]  # rotate who goes first
            for k in order:
                times[k].append(timed(jobs[k]))
        ours, cli_ssml, cli_text = (statistics.median(times[k]) for k in jobs)
        overhead = (ours - cli_ssml) / cli_ssml
        worst = max(worst, overhead)
        rows.append({
            "article": name, "body_blocks": len(doc.body), "utterances": count,
            "ours_s": ours, "cli_ssml_s": cli_ssml, "cli_text_s": cli_text,
            "ours_audio_s": audio_seconds(ours_out),
            "cli_ssml_audio_s": audio_seconds(ssml_out),
            "cli_text_audio_s": audio_seconds(text_out),
            "overhead": overhead, "overhead_vs_text": (ours - cli_text) / cli_text,
            "runs_s": times,
        })
    return {"measured": "save_audio(doc, path, engine='espeak') from a ready Document, "
                        "against espeak-ng -m -w path -f same.ssml",
            "articles": rows, "worst_overhead": worst, "goal_overhead": GOAL_OVERHEAD,
            "ok": worst <= GOAL_OVERHEAD}


# --------------------------------------------------------------------------- output


def espeak_version(cli: str) -> str:
    done = subprocess.run([cli, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.split(" Data at")[0].strip() or "unknown"


def print_report(report: dict[str, Any]) -> None:
    fa, ex = report["first_audio"], report["export"]
    print("Time to first audio (Player + play() on a ready Document -> first PCM at the sink; "
          f"median of {report['repeat']})")
    print(f"{'paragraphs':>10}  {'read (not incl.)':>16}  {'plan start':>10}  "
          f"{'first audio':>11}")
    for s in fa["sizes"]:
        print(f"{s['paragraphs']:>10,}  {s['read_ms']:>13.1f} ms  {s['plan_start_ms']:>7.2f} ms  "
              f"{s['first_audio_ms']:>8.2f} ms")
    small, large = fa["sizes"][0]["paragraphs"], fa["sizes"][-1]["paragraphs"]
    verdict = "OK" if fa["ok"] else "GROWS"
    print(f"first playback in the process (loads libespeak-ng): "
          f"{fa['cold_first_audio_ms']:.1f} ms")
    print(f"first audio {large:,} / {small:,} paragraphs: x{fa['ratio']:.2f} "
          f"(goal: at most x{fa['goal_ratio']:g}) {verdict}; "
          f"plan start x{fa['plan_start_ratio']:.2f}")
    print()
    print(f"WAV export (median of {report['repeat']}; audio length in brackets)")
    print(f"{'article':>12}  {'utterances':>10}  {'a11yrender':>17}  "
          f"{'espeak-ng ssml':>17}  {'espeak-ng text':>17}  {'overhead':>8}")
    for a in ex["articles"]:
        print(f"{a['article']:>12}  {a['utterances']:>10}  "
              f"{a['ours_s']:6.3f} s ({a['ours_audio_s']:5.0f} s)  "
              f"{a['cli_ssml_s']:6.3f} s ({a['cli_ssml_audio_s']:5.0f} s)  "
              f"{a['cli_text_s']:6.3f} s ({a['cli_text_audio_s']:5.0f} s)  "
              f"{a['overhead'] * 100:+7.1f}%")
    verdict = "OK" if ex["ok"] else "TOO SLOW"
    print(f"worst overhead against espeak-ng with the same words and pauses: "
          f"{ex['worst_overhead'] * 100:+.1f}% (goal: at most "
          f"{ex['goal_overhead'] * 100:.0f}%) {verdict}")
    print(f"python {report['python']}, a11yrender {report['a11yrender']}, "
          f"{report['espeak_ng']}, engine mode: {report['engine_mode']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None,
                        help="timed runs per measurement; the median counts (default 7, 3 quick)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs, and a 10-paragraph article for export instead of 50")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--sizes", type=int, nargs=2, default=(5, 5_000),
                        metavar=("SMALL", "LARGE"),
                        help="paragraphs of the two articles for time to first audio")
    parser.add_argument("--export-paragraphs", type=int, default=None, metavar="N",
                        help="paragraphs of the generated article for export (default 50)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 7)
    if repeat < 1:
        parser.error("--repeat must be at least 1")
    export_n = args.export_paragraphs or (10 if args.quick else 50)

    engine = get_engine(ENGINE)
    ok, why = engine.available()
    cli = shutil.which(CLI)
    if not ok or cli is None:
        print(f"cannot run: {why or f'no {CLI} command'} (apt-get install espeak-ng)",
              file=sys.stderr)
        return 2
    mode = str(getattr(engine, "mode", "unknown"))

    first = bench_first_audio(tuple(args.sizes), repeat)
    with tempfile.TemporaryDirectory(prefix="a11yrender-bench-") as tmp:
        articles = [("example", EXAMPLE.read_text(encoding="utf-8")),
                    (f"generated-{export_n}", article_text(export_n))]
        export = bench_export(articles, repeat, cli, Path(tmp))
    report = {"first_audio": first, "export": export, "repeat": repeat,
              "python": sys.version.split()[0], "a11yrender": ar.__version__,
              "espeak_ng": espeak_version(cli), "engine_mode": mode}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0 if first["ok"] and export["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
