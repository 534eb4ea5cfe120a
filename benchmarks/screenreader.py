"""Time the screen reader on a large page, beside guidepup's Virtual Screen Reader.

The page is the corpus document ``long-2000`` rendered to HTML (about 400 kB,
7,300 stops). Printed, best of ``--repeat`` runs each:

* a11yrender: ``build_tree`` (the browser-like tree), and for each profile
  the reader's start (parse + tree + phrases) and the full transcript;
* the Virtual Screen Reader (npm, on jsdom, in node; ``tests/checkers/vsr.js``):
  ``start()`` + ``next()`` until "end of document", as it measures itself
  (jsdom's parsing not included), when node and the packages are installed.

    python benchmarks/screenreader.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.corpus and tests.checkers

import a11yrender as ar  # noqa: E402
from a11yrender.a11y.screenreader import Profile, ScreenReader  # noqa: E402
from a11yrender.a11y.tree import build_tree  # noqa: E402


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from tests.corpus import corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        html = ar.render(corpus()["long-2000"], "html")
    print(f"page: corpus long-2000 rendered, {len(html.encode()):,} bytes")
    tree = best(lambda: build_tree(html), args.repeat)
    print(f"a11yrender build_tree:                  {tree:8.3f} s")
    profiles: tuple[Profile, ...] = ("vsr", "nvda")
    for profile in profiles:
        start = best(lambda p=profile: ScreenReader(html, p), args.repeat)  # type: ignore[misc]
        full = best(lambda p=profile: ScreenReader(html, p).transcript(),  # type: ignore[misc]
                    args.repeat)
        stops = len(ScreenReader(html, profile).transcript())
        print(f"a11yrender {profile:4} start (tree + phrases): {start:8.3f} s")
        print(f"a11yrender {profile:4} full transcript:        {full:8.3f} s  ({stops:,} phrases)")
    try:
        from tests.checkers import vsr_available, vsr_run
    except ImportError:  # run outside a checkout
        print("Virtual Screen Reader: tests/checkers not found")
        return 0
    reason = vsr_available()
    if reason is not None:
        print(f"Virtual Screen Reader: not run ({reason})")
        return 0
    results = vsr_run([html] * args.repeat)
    ms = min(r.ms for r in results)
    print(f"Virtual Screen Reader start + walk:  {ms / 1000:8.3f} s  "
          f"({len(results[0].phrases):,} phrases, node + jsdom)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
