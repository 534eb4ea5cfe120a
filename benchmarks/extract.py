"""Score the HTML reader's article extraction beside trafilatura and readability-lxml.

One run, the same 91 real news pages (the scrapinghub article-extraction
benchmark, read at run time from ``../shared/benchmarks/extraction`` beside the
repository, or from ``--data``), three extractors, each page's body text scored
against the human-annotated ``articleBody``::

    python benchmarks/extract.py [--repeat N] [--per-page] [--json out.json]
                                 [--data DIR] [--dump DIR] [--standfirst] [--figures]

What each extractor is given and what is taken as its body text (the timed
part is the whole step from the page's bytes to that text):

- **a11yrender**: ``read_html(page_bytes, url=url)`` (bytes: the reader decodes
  them itself), then the text of the article body in reading order, built from
  :func:`a11yrender.reading_units`: every leaf under the document's ``body``
  (headings, paragraphs, list items, block-quote text and its attribution,
  table captions and cells, code, aside and transcript content), each as
  :func:`a11yrender.model.plain_text` of its inlines, one per line.
  Left out: the metadata lines (headline, kicker, standfirst, bylines,
  dateline, dates, site name), the page regions (banner, navigation, notices,
  related, footer), figures (image alt text, caption and credit) and the words
  the text renderer adds (``Image:``, ``Caption:``, repeated table headers).
  This is not ``render(doc, "text", width=0, links="none")``, whose added words
  and metadata lines would be scored as extra tokens. The ground truth
  ``articleBody`` has no title or byline, and as annotated it leaves out figure
  captions and photo credits; trafilatura's default output
  (``include_images=False``) drops ``<figure>`` and caption elements too, so
  figures are left out; ``--figures`` puts their captions and credits back to
  show what that changes. Whether ``articleBody`` holds the standfirst varies
  by site, so it is left out by default and ``--standfirst`` puts it back.
- **trafilatura**: ``trafilatura.extract(text, url=url, include_comments=False)``
  with every other setting at its default (``include_tables=True``, no
  ``favor_precision``/``favor_recall``, fallback extractors on, plain-text
  output), as the upstream benchmark runs it.
- **readability-lxml**: ``readability.Document(text, url=url).summary()``, parsed
  with ``lxml.html`` and read with ``text_content()``, after a line break is
  put after each block element so that paragraphs do not run together (upstream
  uses ``html_text`` for the same reason).

The two peers are given ``str`` (what their documentation shows), decoded the
way the page declares it (BOM, then ``<meta charset>`` or ``http-equiv``, else
UTF-8, else windows-1252); the decoding is inside their timed step, just as
a11yrender's own decoding is inside its step.

Scoring, as ``../shared/benchmarks/extraction/README.md`` says: text lower-cased;
tokens are runs of letters and digits (``str.isalnum`` characters), with each
CJK character (Han, kana, Hangul) a token of its own; per page, the precision,
recall and F1 of the two bags of tokens (multisets: a token counts as often as
it occurs in both); then the mean of each over the pages. A failure (an
exception, or no text at all) scores 0 on that page and is counted.

The shingle F1 is the upstream ``evaluate.py`` (scrapinghub/article-extraction-
benchmark) metric, matched exactly: tokens are ``\\w+`` as written (no
lower-casing, no CJK split), shingles are runs of 4 tokens (a text shorter than
that is one shorter shingle), per page TP/FP/FN of the shingle multisets are
normalised to sum to 1, precision is the mean over pages with any prediction,
recall the mean over all pages, and F1 the harmonic mean of those two means
(not a mean of per-page F1s). An empty prediction thus lowers recall but is left
out of precision, as upstream.

Timing: ``time.perf_counter`` around each extractor's step, after one untimed
warm-up page per extractor; ``--repeat N`` runs each page N times and keeps the
best; the median over all pages (failed pages included, with the time they took
to fail) is reported. The goal: a11yrender's mean F1 above both peers' and its
median time per page at most half of trafilatura's.

The build: ``pip install .`` compiles the HTML reader with mypyc (see
``setup.py``), an editable install (``pip install -e .``) leaves it pure
Python; the last line says which one ran, and a pure build gets a note.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import gzip
import json
import logging
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import a11yrender as ar
from a11yrender._build import compiled_modules, describe
from a11yrender.model import plain_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "extraction"

INSTALL_HINT = (
    'benchmarks/extract.py needs trafilatura and readability-lxml: pip install -e ".[bench]"'
)

# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------

_CJK = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3005-\u3007"  # 々 〆 〇
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width katakana
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
#: One CJK character, or a run of other letters and digits (``\w`` minus ``_``).
_TOKEN = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")
#: Upstream evaluate.py's tokens.
_UPSTREAM_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE = 4


def tokens(text: str) -> list[str]:
    """The README's tokens: lower-cased runs of letters and digits, CJK one by one."""
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


def bag_score(truth: str, pred: str) -> Score:
    """Token precision, recall and F1 of two bags of words (with multiplicity)."""
    t, p = Counter(tokens(truth)), Counter(tokens(pred))
    nt, np_ = t.total(), p.total()
    if nt == 0 and np_ == 0:
        return Score(1.0, 1.0, 1.0)
    common = (t & p).total()
    if common == 0:
        return Score(0.0, 0.0, 0.0)
    precision, recall = common / np_, common / nt
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def _shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    toks = _UPSTREAM_TOKEN.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(toks) - n + 1)):
        shingle = tuple(toks[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def shingle_tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """Upstream's per-page TP, FP, FN of 4-gram shingles, normalised to sum to 1."""
    t, p = _shingles(truth), _shingles(pred)
    tp = float((t & p).total())
    fp = float((p - t).total())
    fn = float((t - p).total())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def shingle_summary(counts: Iterable[tuple[float, float, float]]) -> Score:
    """Upstream's corpus figures: mean precision, mean recall, F1 of the two means."""
    rows = list(counts)
    precisions = [_precision(*r) for r in rows if r[0] + r[1] > 0]
    recalls = [_recall(*r) for r in rows if r[0] + r[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str | None
    html: bytes
    truth: str


def load_pages(data: Path) -> list[Page]:
    truth_file = data / "ground-truth.json"
    truth: dict[str, dict[str, str]] = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, entry.get("url") or None, raw, entry.get("articleBody", "")))
    return pages


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)


def decode(raw: bytes) -> str:
    """The page's text, decoded as it declares: BOM, ``<meta charset>`` or
    ``http-equiv`` (in the first 64 KB), else UTF-8, else windows-1252."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    m = _META_CHARSET.search(raw, 0, 65536)
    if m:
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            name = ""
        if name.startswith("utf-16"):  # a byte stream cannot truly declare UTF-16 this way
            name = "utf-8"
        if name:
            return raw.decode(name, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("windows-1252", errors="replace")


# --------------------------------------------------------------------------
# Extractors: page bytes -> body text
# --------------------------------------------------------------------------

Extractor = Callable[[Page], str]

_META_KINDS = frozenset({"headline", "standfirst", "byline", "dateline", "published", "updated",
                         "site_name", "source"})


def body_text(doc: ar.Document, *, standfirst: bool = False, figures: bool = False) -> str:
    """The text of the article body, one leaf per line (see the module docstring)."""
    lines: list[str] = []
    if standfirst and doc.meta.standfirst:
        lines.append(plain_text(doc.meta.standfirst))
    for unit in ar.reading_units(doc):
        if unit.event != "leaf" or not unit.path or unit.path[0] != "body":
            continue
        if unit.kind in _META_KINDS or unit.kind in ("image", "separator"):
            continue
        if isinstance(unit.node, ar.Figure) and not figures:  # its caption and credit
            continue
        lines.append(unit.text if unit.kind == "code" else plain_text(unit.inlines))
    return "\n".join(lines)


def a11yrender_extractor(standfirst: bool, figures: bool) -> Extractor:
    def run(page: Page) -> str:
        doc = ar.read_html(page.html, url=page.url)
        return body_text(doc, standfirst=standfirst, figures=figures)

    return run


def trafilatura_extractor() -> Extractor:
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

    def run(page: Page) -> str:
        return trafilatura.extract(decode(page.html), url=page.url, include_comments=False) or ""

    return run


_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})


def readability_extractor() -> Extractor:
    import lxml.html
    from readability import Document  # type: ignore[import-untyped]

    def run(page: Page) -> str:
        summary: str = Document(decode(page.html), url=page.url).summary()
        root = lxml.html.fromstring(summary)
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
                el.tail = "\n" + (el.tail or "")
        return str(root.text_content())

    return run


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------

NAMES = ("a11yrender", "trafilatura", "readability")


@dataclass(slots=True)
class Result:
    page: str
    score: Score
    shingles: tuple[float, float, float]
    seconds: float
    error: str | None
    text: str = field(repr=False)


def run_once(extract: Extractor, page: Page) -> tuple[str | None, str | None, float]:
    """(text, error, seconds) of one run of ``extract`` on ``page``."""
    gc.collect()
    start = time.perf_counter()
    try:
        text: str | None = extract(page)
        error = None
    except Exception as err:  # a failure scores 0; the run goes on
        text, error = None, f"{type(err).__name__}: {err}".splitlines()[0][:200]
    return text, error, time.perf_counter() - start


def measure(extract: Extractor, page: Page, repeat: int) -> Result:
    text, error, best = run_once(extract, page)
    for _ in range(repeat - 1):
        best = min(best, run_once(extract, page)[2])
    if error is None and not (text or "").strip():
        error = "no text extracted"
    out = text if error is None and text is not None else ""
    return Result(page.id, bag_score(page.truth, out), shingle_tp_fp_fn(page.truth, out), best,
                  error, out)


@dataclass(slots=True)
class Summary:
    name: str
    f1: float
    precision: float
    recall: float
    shingle: Score
    failures: int
    median_ms: float
    median_ms_ok: float | None  # over the pages it did not fail on


def summarise(name: str, results: list[Result]) -> Summary:
    ok = [r.seconds for r in results if r.error is None]
    return Summary(
        name,
        statistics.mean(r.score.f1 for r in results),
        statistics.mean(r.score.precision for r in results),
        statistics.mean(r.score.recall for r in results),
        shingle_summary(r.shingles for r in results),
        sum(r.error is not None for r in results),
        statistics.median(r.seconds for r in results) * 1000,
        statistics.median(ok) * 1000 if ok else None,
    )


def _host(url: str | None) -> str:
    return urlsplit(url).netloc.removeprefix("www.") if url else ""


def print_per_page(pages: list[Page], results: dict[str, list[Result]]) -> None:
    by_page = {name: {r.page: r for r in rs} for name, rs in results.items()}
    order = sorted(pages, key=lambda p: (by_page["a11yrender"][p.id].score.f1, p.id))
    print(f"{'page':<12}  {'a11yrender':>10}  {'trafilatura':>11}  {'readability':>11}  "
          f"{'vs traf':>7}  site / a11yrender error")
    for p in order:
        a, t, r = (by_page[n][p.id] for n in NAMES)
        note = _host(p.url) + (f"  [{a.error}]" if a.error else "")
        print(f"{p.id[:12]:<12}  {a.score.f1:10.3f}  {t.score.f1:11.3f}  {r.score.f1:11.3f}  "
              f"{a.score.f1 - t.score.f1:+7.3f}  {note}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA,
                        help="folder with ground-truth.json and html/*.html.gz "
                        "(default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the best counts")
    parser.add_argument("--per-page", action="store_true",
                        help="also print each page's F1 for the three, weakest a11yrender first")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure as JSON")
    parser.add_argument("--dump", type=Path, metavar="DIR",
                        help="write each extracted text to DIR/<page>.<extractor>.txt")
    parser.add_argument("--standfirst", action="store_true",
                        help="count a11yrender's standfirst as body text")
    parser.add_argument("--figures", action="store_true",
                        help="count a11yrender's figure captions and credits as body text")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    try:
        extractors: dict[str, Extractor] = {
            "a11yrender": a11yrender_extractor(args.standfirst, args.figures),
            "trafilatura": trafilatura_extractor(),
            "readability": readability_extractor(),
        }
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    if not (args.data / "ground-truth.json").is_file():
        print(f"no ground-truth.json in {args.data} (point --data at the extraction set)",
              file=sys.stderr)
        return 2
    pages = load_pages(args.data)

    results: dict[str, list[Result]] = {name: [] for name in NAMES}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for extract in extractors.values():  # warm-up, untimed
            run_once(extract, pages[0])
        for page in pages:
            for name, extract in extractors.items():
                results[name].append(measure(extract, page, args.repeat))

    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for name, rs in results.items():
            for r in rs:
                (args.dump / f"{r.page}.{name}.txt").write_text(r.text, encoding="utf-8")

    if args.per_page:
        print_per_page(pages, results)

    summaries = {name: summarise(name, rs) for name, rs in results.items()}
    print(f"{len(pages)} pages, best of {args.repeat} run(s) per page\n")
    print(f"{'extractor':<12}  {'F1':>6}  {'prec.':>6}  {'recall':>6}  {'shingle F1':>10}  "
          f"{'failures':>8}  {'median ms/page':>14}")
    for s in summaries.values():
        print(f"{s.name:<12}  {s.f1:6.3f}  {s.precision:6.3f}  {s.recall:6.3f}  "
              f"{s.shingle.f1:10.3f}  {s.failures:>8}  {s.median_ms:14.2f}")
    ours, traf, read = (summaries[n] for n in NAMES)
    ratio = ours.median_ms / traf.median_ms if traf.median_ms else float("inf")
    print(f"\na11yrender median time / trafilatura's: {ratio:.2f}")
    f1_ok = ours.f1 > traf.f1 and ours.f1 > read.f1
    # A reader that fails every page has no time worth comparing.
    time_ok = ratio <= 0.5 and ours.failures < len(pages)
    ok = f1_ok and time_ok
    print(f"goal: F1 above both peers ({ours.f1:.3f} vs {traf.f1:.3f}, {read.f1:.3f}) "
          f"{'yes' if f1_ok else 'no'}; median time at most half of trafilatura's "
          f"(x{ratio:.2f}) {'yes' if time_ok else 'no'}: {'OK' if ok else 'NOT MET'}")
    build = describe()
    print(f"python {sys.version.split()[0]}, a11yrender {ar.__version__} ({build}), "
          f"trafilatura {_version('trafilatura')}, readability-lxml {_version('readability-lxml')}")
    if not compiled_modules():
        print("note: this a11yrender is pure Python (an editable install, or built with "
              "A11YRENDER_PURE_PYTHON); `pip install .` without -e compiles the reader with "
              "mypyc, which reads pages about a fifth faster")

    if args.json:
        report: dict[str, Any] = {
            "pages": len(pages),
            "repeat": args.repeat,
            "standfirst": args.standfirst,
            "figures": args.figures,
            "versions": {n: _version(n) for n in ("a11yrender", "trafilatura", "readability-lxml")},
            "a11yrender_build": build,
            "summary": {
                s.name: {
                    "f1": s.f1, "precision": s.precision, "recall": s.recall,
                    "shingle_f1": s.shingle.f1, "shingle_precision": s.shingle.precision,
                    "shingle_recall": s.shingle.recall, "failures": s.failures,
                    "median_ms": s.median_ms, "median_ms_without_failures": s.median_ms_ok,
                }
                for s in summaries.values()
            },
            "time_ratio_a11yrender_to_trafilatura": ratio,
            "goal": {"f1_above_peers": f1_ok, "time_at_most_half": time_ok, "met": ok},
            "per_page": {
                p.id: {
                    "url": p.url,
                    **{
                        name: {
                            "f1": r.score.f1, "precision": r.score.precision,
                            "recall": r.score.recall, "shingle_tp_fp_fn": list(r.shingles),
                            "ms": r.seconds * 1000, "error": r.error,
                        }
                        for name in NAMES
                        for r in (results[name][i],)
                    },
                }
                for i, p in enumerate(pages)
            },
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
