"""Time read + render(html) + render(text) as articles grow.

Prints the time per article for the example article and for generated
articles of 500, 5,000 and 50,000 paragraphs (built from the example's own
paragraphs, saved as plain text and read back with the text reader), and the
growth ratio between sizes: ten times the input should cost at most eleven
times the time (linear scaling).

    python benchmarks/render.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import a11yrender as ar

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "japan-north-korea-talks.txt"


def article_text(paragraphs: int) -> str:
    """A plain-text article with ``paragraphs`` body paragraphs."""
    source = EXAMPLE.read_text(encoding="utf-8")
    blocks = [b.strip() for b in source.split("\n\n") if b.strip()]
    head, body = blocks[:4], blocks[4:]  # chrome, kicker, headline, standfirst
    out = list(head)
    for i in range(paragraphs):
        out.append(f"{body[i % len(body)]} ({i + 1})")
    return "\n\n".join(out) + "\n"


def once(text: str) -> float:
    gc.collect()
    start = time.perf_counter()
    doc = ar.read(text=text, format="text")
    ar.render(doc, "html")
    ar.render(doc, "text")
    return time.perf_counter() - start


def measure(text: str, repeat: int) -> float:
    return min(once(text) for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the best counts")
    args = parser.parse_args(argv)

    example = EXAMPLE.read_text(encoding="utf-8")
    t = measure(example, args.repeat * 4)
    print(f"{'article':>22}  {'paragraphs':>10}  {'seconds':>9}  {'µs/paragraph':>12}  growth")
    n_example = len(ar.read(text=example, format="text").body)
    print(f"{'example':>22}  {n_example:>10}  {t:9.4f}  {t / n_example * 1e6:12.1f}")
    previous: float | None = None
    worst = 0.0
    for n in (500, 5_000, 50_000):
        text = article_text(n)
        repeat = max(1, args.repeat if n < 50_000 else args.repeat // 2)
        t = measure(text, repeat)
        growth = ""
        if previous is not None:
            ratio = t / previous
            worst = max(worst, ratio)
            growth = f"x{ratio:.2f} for x10 input"
        print(f"{'generated':>22}  {n:>10}  {t:9.4f}  {t / n * 1e6:12.1f}  {growth}")
        previous = t
    verdict = "OK" if worst <= 11 else "TOO SLOW"
    print(f"worst growth for ten times the input: x{worst:.2f} (goal: at most x11) {verdict}")
    print(f"python {sys.version.split()[0]}, a11yrender {ar.__version__}")
    return 0 if worst <= 11 else 1


if __name__ == "__main__":
    sys.exit(main())
