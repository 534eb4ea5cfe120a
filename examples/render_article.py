"""Render the example article (or any article given on the command line) to an
accessible HTML page and to plain text, and show what the reading order holds.

    python examples/render_article.py [ARTICLE] [OUTPUT_FOLDER]
"""

from __future__ import annotations

import sys
from pathlib import Path

import a11yrender as ar
from a11yrender.reading import reading_units

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else HERE / "japan-north-korea-talks.txt"
    out = Path(argv[2]) if len(argv) > 2 else Path("out")
    try:
        doc = ar.read(source)
    except ar.A11yRenderError as err:
        print(f"render_article: {err}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    page = out / f"{source.stem}.html"
    text = out / f"{source.stem}.txt"
    page.write_text(ar.render(doc, "html"), encoding="utf-8")
    text.write_text(ar.render(doc, "text", width=72), encoding="utf-8")

    print(f"{doc.meta.title!r} in {doc.meta.language or 'an unstated language'}")
    kinds: dict[str, int] = {}
    for unit in reading_units(doc):
        if unit.event == "leaf":
            kinds[unit.kind] = kinds.get(unit.kind, 0) + 1
    print("reading order holds: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    print(f"wrote {page} and {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
