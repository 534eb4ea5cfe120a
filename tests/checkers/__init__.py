"""External accessibility checkers for the test suite.

Three independent oracles, none of them written by this project:

* :class:`Browser` drives headless Debian Chromium (``/usr/bin/chromium``) with
  Python playwright.  It runs axe-core on a page (:meth:`Browser.axe`), reads
  Chromium's own accessibility tree over CDP (:meth:`Browser.ax_tree`) and
  walks the keyboard focus order (:meth:`Browser.focus_order`).  One browser
  is launched per ``with`` block; each document gets a fresh context and page.
* :func:`vnu` runs the Nu HTML checker (``vnu.jar`` from npm ``vnu-jar``) once
  for a batch of files on the machine's Java.
* :func:`available` tells whether all of that is installed (``None``) or why
  not (a reason string, for a clear ``pytest.skip``).
* :func:`vsr_phrases` runs guidepup's Virtual Screen Reader (npm
  ``@guidepup/virtual-screen-reader`` on ``jsdom``, ``tests/checkers/vsr.js``)
  over many pages in one ``node`` process; :func:`vsr_available` tells
  whether it can run.

The npm packages live in ``tests/checkers/node_modules`` (``npm ci`` in this
folder; ``.ci/checkers-setup.sh`` does it).  Never run ``playwright install``:
the machines cannot download browsers, and Debian's Chromium is used instead.

Pages are written to a temporary file (UTF-8, with a byte-order mark so that a
page without ``<meta charset>`` still decodes as UTF-8) and loaded from a
``file://`` URL, so fragment links and relative references behave as on disk.
Every request that is not ``file:``, ``data:``, ``blob:`` or ``about:`` is
aborted: nothing reaches the network.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import unquote, urlparse

if TYPE_CHECKING:  # pragma: no cover - typing only
    from playwright.sync_api import Browser as PWBrowser
    from playwright.sync_api import BrowserContext, Page, Playwright, Route

__all__ = [
    "AXE_JS",
    "AXE_TAGS",
    "CHECKERS_DIR",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "VNU_JAR",
    "VSR_JS",
    "AXNode",
    "Browser",
    "CheckerError",
    "VsrResult",
    "available",
    "java_executable",
    "vnu",
    "vnu_html",
    "vsr_available",
    "vsr_phrases",
    "vsr_run",
]

CHECKERS_DIR: Final = Path(__file__).resolve().parent
NODE_MODULES: Final = CHECKERS_DIR / "node_modules"
AXE_JS: Final = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR: Final = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
VSR_JS: Final = CHECKERS_DIR / "vsr.js"
CHROMIUM: Final = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
AXE_TAGS: Final = (
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
)
_SETUP_HINT: Final = "run `bash .ci/checkers-setup.sh` (or `npm ci` in tests/checkers)"
_LOCAL_SCHEMES: Final = ("file:", "data:", "blob:", "about:")
_VNU_CHUNK: Final = 400  # files per java process; keeps the command line short


class CheckerError(RuntimeError):
    """An external checker is missing, failed, timed out or answered nonsense."""


@dataclass(frozen=True)
class AXNode:
    """One node of Chromium's accessibility tree, in document order.

    ``role`` is the CDP role value (ARIA role such as ``"heading"``, ``"link"``,
    ``"banner"``, or an internal role such as ``"StaticText"``, ``"ListMarker"``,
    ``"RootWebArea"``, ``"generic"``).  ``level`` is Chromium's ``level``
    property where it has one: heading level for headings, nesting level for
    list items and tree items.  ``depth`` counts non-ignored ancestors
    (``RootWebArea`` is at depth 0).
    """

    role: str
    name: str
    level: int | None
    depth: int


# --------------------------------------------------------------------------- #
# availability
# --------------------------------------------------------------------------- #


def java_executable() -> str | None:
    """Path of the ``java`` to run ``vnu.jar`` with, or ``None``."""
    found = shutil.which("java")
    if found:
        return found
    fallback = Path("/usr/bin/java")
    return str(fallback) if os.access(fallback, os.X_OK) else None


def available() -> str | None:
    """``None`` when every checker can run here, else why not (one line)."""
    missing: list[str] = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium not at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Python package playwright not installed (pip install playwright)")
    if not AXE_JS.is_file():
        missing.append(f"axe-core not installed at {AXE_JS}")
    if not VNU_JAR.is_file():
        missing.append(f"vnu.jar not installed at {VNU_JAR}")
    if java_executable() is None:
        missing.append("java not found (apt-get install default-jre-headless)")
    if not missing:
        return None
    hint = _SETUP_HINT if any("installed at" in m for m in missing) else ""
    return "; ".join(missing) + (f"; {hint}" if hint else "")


# --------------------------------------------------------------------------- #
# Chromium
# --------------------------------------------------------------------------- #

_AXE_RUN_JS: Final = """
async ([options, timeoutMs]) => {
  if (typeof axe === "undefined") { throw new Error("axe-core was not injected"); }
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe.run took over ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([axe.run(document, options), timeout]);
    return JSON.parse(JSON.stringify(result.violations));
  } finally {
    clearTimeout(timer);
  }
}
"""

# Describes document.activeElement after a Tab press.  "visible" means a
# person can see it: a box larger than 1x1 px, on screen, not hidden by
# visibility/opacity, and the hit test at its centre lands on it (this is what
# catches clip / clip-path / overflow clipping of visually-hidden skip links).
_FOCUSED_JS: Final = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return {tag: el ? el.tagName : null, id: null, href: null, text: "",
            visible: false, rect: null};
  }
  const r = el.getBoundingClientRect();
  const rect = {x: r.x, y: r.y, width: r.width, height: r.height};
  const vw = window.innerWidth, vh = window.innerHeight;
  let visible = r.width > 1 && r.height > 1
    && r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh;
  if (visible) {
    const style = getComputedStyle(el);
    if (style.visibility !== "visible") { visible = false; }
    for (let n = el; n && n.nodeType === 1 && visible; n = n.parentElement) {
      if (parseFloat(getComputedStyle(n).opacity) === 0) { visible = false; }
    }
  }
  if (visible) {
    const cx = Math.min(Math.max((Math.max(r.left, 0) + Math.min(r.right, vw)) / 2, 0), vw - 1);
    const cy = Math.min(Math.max((Math.max(r.top, 0) + Math.min(r.bottom, vh)) / 2, 0), vh - 1);
    const hit = document.elementFromPoint(cx, cy);
    visible = !!hit && (hit === el || el.contains(hit));
  }
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
  return {tag: el.tagName, id: el.id || null, href: el.getAttribute("href"),
          text: text.replace(/\\s+/g, " "), visible, rect};
}
"""


class Browser:
    """Headless Chromium for many pages; use as a context manager.

    >>> with Browser() as b:                               # doctest: +SKIP
    ...     violations = b.axe("<!DOCTYPE html>...")

    ``html`` arguments are HTML text; a :class:`~pathlib.Path` is loaded
    from disk as it is (so its relative stylesheets and images are found).
    ``timeout`` (seconds) bounds the launch and each page visit as a whole.
    Several Browsers may be open at once (they share one Playwright driver),
    all used from the thread that opened the first; not inside a running
    asyncio loop (Playwright's sync API refuses that).
    """

    def __init__(
        self,
        *,
        timeout: float = 60.0,
        executable: Path = CHROMIUM,
        viewport: tuple[int, int] = (1280, 800),
    ) -> None:
        self.timeout = timeout
        self.executable = executable
        self.viewport = viewport
        self.launch_seconds: float | None = None
        self._pw: Playwright | None = None
        self._browser: PWBrowser | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._count = 0

    # -- lifecycle ---------------------------------------------------------

    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Launch Chromium (idempotent)."""
        if self._browser is not None:
            return
        if not os.access(self.executable, os.X_OK):
            raise CheckerError(f"Chromium not found at {self.executable}: apt-get install chromium")
        try:
            from playwright.sync_api import Error as PWError
        except ImportError as e:  # pragma: no cover - depends on the machine
            raise CheckerError("Python package playwright is not installed") from e
        started = time.monotonic()
        self._tmp = tempfile.TemporaryDirectory(prefix="a11y-checkers-")
        try:
            self._pw = _acquire_driver()
            self._browser = self._pw.chromium.launch(
                executable_path=str(self.executable),
                args=list(CHROMIUM_ARGS),
                headless=True,
                timeout=self.timeout * 1000,
            )
        except PWError as e:
            self.close()
            raise CheckerError(f"could not launch {self.executable}: {e}") from e
        except BaseException:
            self.close()
            raise
        self.launch_seconds = time.monotonic() - started

    def close(self) -> None:
        """Close the browser and remove the temporary pages (idempotent)."""
        browser, pw, tmp = self._browser, self._pw, self._tmp
        self._browser = self._pw = self._tmp = None
        try:
            if browser is not None:
                with contextlib.suppress(Exception):  # already dead is fine when closing
                    browser.close()
        finally:
            try:
                if pw is not None:
                    _release_driver()
            finally:
                if tmp is not None:
                    tmp.cleanup()

    # -- checks ------------------------------------------------------------

    def axe(self, html: str | Path, *, tags: Sequence[str] = AXE_TAGS) -> list[dict[str, Any]]:
        """axe-core ``violations`` for one page (``id``, ``impact``, ``help``,
        ``helpUrl``, ``tags``, ``nodes`` with ``target`` / ``html`` /
        ``failureSummary``, ...), restricted to rules tagged with ``tags``."""
        if not AXE_JS.is_file():
            raise CheckerError(f"axe-core is not installed at {AXE_JS}: {_SETUP_HINT}")
        options = {"runOnly": {"type": "tag", "values": list(tags)}}
        with self._page(html) as page:
            try:
                page.add_script_tag(path=str(AXE_JS))
                result = page.evaluate(_AXE_RUN_JS, [options, int(self.timeout * 1000)])
            except Exception as e:
                raise CheckerError(f"axe-core failed: {e}") from e
        if not isinstance(result, list):
            raise CheckerError(f"axe-core returned {type(result).__name__}, not a list")
        return [dict(v) for v in result]

    def ax_tree(self, html: str | Path) -> list[AXNode]:
        """Chromium's accessibility tree in document order, without ignored
        nodes, ``InlineTextBox`` nodes and whitespace-only ``StaticText``."""
        with self._page(html) as page:
            try:
                cdp = page.context.new_cdp_session(page)
                try:
                    raw = cdp.send("Accessibility.getFullAXTree")
                finally:
                    cdp.detach()
            except Exception as e:
                raise CheckerError(f"Accessibility.getFullAXTree failed: {e}") from e
        return _flatten_ax_tree(raw.get("nodes", []))

    def focus_order(self, html: str | Path, n: int) -> list[dict[str, Any]]:
        """Press Tab ``n`` times from a fresh page; after each press describe
        the focused element: ``tag`` (upper-case tagName; ``"BODY"`` once
        focus has left the page), ``id``, ``href``, ``text`` (whitespace
        collapsed), ``visible`` (bool) and ``rect`` (x, y, width, height)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        out: list[dict[str, Any]] = []
        with self._page(html) as page:
            try:
                page.bring_to_front()
                for _ in range(n):
                    page.keyboard.press("Tab")
                    # let :focus styles and any focus handlers settle
                    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(null)))")
                    out.append(dict(page.evaluate(_FOCUSED_JS)))
            except Exception as e:
                raise CheckerError(f"focus walk failed: {e}") from e
        return out

    # -- internals ---------------------------------------------------------

    def _page(self, html: str | Path) -> _PageHandle:
        if self._browser is None or self._tmp is None:
            raise CheckerError("Browser is not started: use `with Browser() as b:`")
        if isinstance(html, Path):
            if not html.is_file():
                raise CheckerError(f"no such page: {html}")
            path = html.resolve()
        elif isinstance(html, str):
            self._count += 1
            path = Path(self._tmp.name) / f"page-{self._count}.html"
            # BOM: decode as UTF-8 even without <meta charset>; not part of the DOM.
            path.write_text("\ufeff" + html, encoding="utf-8")
        else:
            raise TypeError(f"html must be str or Path, not {type(html).__name__}")
        owned = not isinstance(html, Path)
        return _PageHandle(self._browser, path, self.timeout, self.viewport, owned=owned)


# One Playwright driver per process, shared by every open Browser: the sync
# API refuses a second ``sync_playwright().start()`` while one is running in
# the same thread ("using Playwright Sync API inside the asyncio loop").
_driver: Playwright | None = None
_driver_users = 0
_driver_lock = threading.Lock()


def _acquire_driver() -> Playwright:
    global _driver, _driver_users
    with _driver_lock:
        if _driver is None:
            from playwright.sync_api import sync_playwright

            _driver = sync_playwright().start()
        _driver_users += 1
        return _driver


def _release_driver() -> None:
    global _driver, _driver_users
    with _driver_lock:
        _driver_users -= 1
        if _driver_users <= 0:
            driver, _driver, _driver_users = _driver, None, 0
            if driver is not None:
                driver.stop()


class _PageHandle:
    """A fresh context + page loaded with one file; closes both on exit.

    A watchdog bounds the whole visit: some Playwright calls (``evaluate``,
    ``keyboard.press``, CDP ``send``) have no timeout of their own and block
    for ever on a page whose script never yields.  When the deadline passes,
    the watchdog kills this browser's renderer processes (found under our own
    process id), the blocked call fails with "Target crashed", and the visit
    ends in a :class:`CheckerError` that says so.
    """

    def __init__(
        self,
        browser: PWBrowser,
        path: Path,
        timeout: float,
        viewport: tuple[int, int],
        *,
        owned: bool,
    ) -> None:
        self._browser = browser
        self._path = path
        self._owned = owned
        self._timeout = timeout
        self._viewport = viewport
        self._context: BrowserContext | None = None
        self._watchdog: threading.Timer | None = None
        self._fired = threading.Event()
        self._crashed = False

    def __enter__(self) -> Page:
        width, height = self._viewport
        self._watchdog = threading.Timer(self._timeout, self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()
        try:
            self._context = self._browser.new_context(
                viewport={"width": width, "height": height},
                java_script_enabled=True,
            )
            self._context.set_default_timeout(self._timeout * 1000)
            self._context.route("**/*", _local_only)
            page = self._context.new_page()
            page.on("crash", self._on_crash)
            page.goto(self._path.as_uri(), wait_until="load")
        except Exception as e:
            self.__exit__(type(e), e, e.__traceback__)
            raise CheckerError(f"could not load {self._path}: {e}") from e
        return page

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        context, self._context = self._context, None
        if context is not None:
            # still under the watchdog: closing a page whose script never
            # yields blocks until its renderer is killed
            with contextlib.suppress(Exception):  # closing a dead context is fine
                context.close()
        if self._watchdog is not None:
            self._watchdog.cancel()
        if self._owned:  # our temporary copy of an HTML string
            self._path.unlink(missing_ok=True)
        if self._fired.is_set() and exc is not None:
            raise CheckerError(
                f"{self._path} took over {self._timeout} s (a script that never yields?);"
                " its renderer was killed"
            ) from exc
        if self._crashed and exc is not None:
            raise CheckerError(f"the renderer crashed on {self._path}") from exc

    def _on_crash(self, page: Page) -> None:
        # A CDP ``send`` in flight is not failed by a renderer crash; closing
        # the context fails it (and every other pending call on the page).
        self._crashed = True
        context = self._context
        if context is not None:
            with contextlib.suppress(Exception):  # it reports itself as closed
                context.close()

    def _expire(self) -> None:
        self._fired.set()
        for pid in _renderer_pids():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _renderer_pids() -> list[int]:
    """Chromium renderer processes descended from this Python process."""
    children: dict[int, list[int]] = {}
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: nothing to kill, the call stays blocked
        return []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1].isdigit():
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    todo = [os.getpid()]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                # zygote children rewrite argv as one space-joined string
                cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes()
            except OSError:
                continue
            if b"--type=renderer" in cmdline and b"--top-chrome-webui" not in cmdline:
                found.append(pid)
    return found


def _local_only(route: Route) -> None:
    if route.request.url.startswith(_LOCAL_SCHEMES):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def _flatten_ax_tree(nodes: list[dict[str, Any]]) -> list[AXNode]:
    by_id: dict[str, dict[str, Any]] = {str(n["nodeId"]): n for n in nodes}
    roots = [n for n in nodes if not n.get("parentId") or str(n["parentId"]) not in by_id]
    out: list[AXNode] = []
    # iterative DFS in childIds order; ignored nodes pass their depth through
    stack: list[tuple[dict[str, Any], int]] = [(r, 0) for r in reversed(roots)]
    seen: set[str] = set()
    while stack:
        node, depth = stack.pop()
        node_id = str(node["nodeId"])
        if node_id in seen:
            continue
        seen.add(node_id)
        role = _ax_value(node.get("role"))
        name = _ax_value(node.get("name"))
        keep = not node.get("ignored", False) and role != "InlineTextBox"
        if keep and role == "StaticText" and not name.strip():
            keep = False
        child_depth = depth
        if keep:
            out.append(AXNode(role=role, name=name, level=_ax_level(node), depth=depth))
            child_depth = depth + 1
        if role == "InlineTextBox":
            continue
        children = [by_id[str(c)] for c in node.get("childIds", []) if str(c) in by_id]
        stack.extend((c, child_depth) for c in reversed(children))
    return out


def _ax_value(field: object) -> str:
    if isinstance(field, dict):
        value = field.get("value")
        return "" if value is None else str(value)
    return ""


def _ax_level(node: dict[str, Any]) -> int | None:
    for prop in node.get("properties") or []:
        if prop.get("name") == "level":
            value = prop.get("value", {}).get("value")
            if isinstance(value, (int, float)):
                return int(value)
    return None


# --------------------------------------------------------------------------- #
# Nu HTML checker
# --------------------------------------------------------------------------- #


def vnu(paths: Sequence[Path], *, timeout: float = 600.0) -> dict[Path, list[dict[str, Any]]]:
    """Nu HTML checker messages for each file, from one ``java`` run per
    batch of files.

    Every path given is a key (an empty list means clean).  Messages are the
    checker's JSON objects unchanged: ``type`` is ``"error"`` or ``"info"``
    (an ``"info"`` with ``subType == "warning"`` is a warning), plus
    ``message``, ``extract``, ``firstLine``/``lastLine``, ``firstColumn``,
    ``lastColumn``.  Files ending in ``.xhtml`` are parsed as XML.
    Raises :class:`CheckerError` on a missing checker, a timeout, a crash or
    a non-document error (such as an unreadable file).
    """
    if not paths:
        return {}
    java = java_executable()
    if java is None:
        raise CheckerError("java not found: apt-get install default-jre-headless")
    if not VNU_JAR.is_file():
        raise CheckerError(f"vnu.jar is not installed at {VNU_JAR}: {_SETUP_HINT}")
    resolved: dict[Path, Path] = {}
    for p in paths:
        r = Path(p).resolve()
        if not r.is_file():
            raise CheckerError(f"vnu: no such file: {p}")
        resolved[r] = p
    result: dict[Path, list[dict[str, Any]]] = {p: [] for p in paths}
    files = list(resolved)
    for i in range(0, len(files), _VNU_CHUNK):
        for message in _run_vnu(java, files[i : i + _VNU_CHUNK], timeout):
            where = _vnu_path(message.get("url"))
            if message.get("type") == "non-document-error" or where not in resolved:
                raise CheckerError(f"vnu: {message.get('message', message)} ({where})")
            result[resolved[where]].append(message)
    return result


def vnu_html(docs: Sequence[str], *, timeout: float = 600.0) -> list[list[dict[str, Any]]]:
    """:func:`vnu` for HTML strings: messages for each document, in order."""
    with tempfile.TemporaryDirectory(prefix="a11y-vnu-") as tmp:
        files = [Path(tmp) / f"doc-{i}.html" for i in range(len(docs))]
        for f, doc in zip(files, docs, strict=True):
            f.write_text(doc, encoding="utf-8")
        found = vnu(files, timeout=timeout)
        return [found[f] for f in files]


def _run_json(cmd: list[str], name: str, program: str, what: str, timeout: float,
              **kwargs: Any) -> tuple[Any, str]:
    """Run a checker that prints JSON; its parsed output and the raw text, or
    :class:`CheckerError` naming ``name`` (``program`` is what is started)."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              check=False, **kwargs)
    except subprocess.TimeoutExpired as e:
        raise CheckerError(f"{name} timed out after {timeout} s on {what}") from e
    except OSError as e:
        raise CheckerError(f"{program} could not start: {e}") from e
    if proc.returncode != 0:
        raise CheckerError(f"{name} exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    try:
        return json.loads(proc.stdout), proc.stdout
    except json.JSONDecodeError as e:
        raise CheckerError(
            f"{name} printed no JSON: {proc.stdout[:500]!r} {proc.stderr.strip()[-2000:]}"
        ) from e


def _run_vnu(java: str, files: list[Path], timeout: float) -> list[dict[str, Any]]:
    # -Xss4m: the default stack overflows on deep documents, and so does the
    # -Xss512k that vnu's own message suggests.
    cmd = [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
           "--exit-zero-always", *map(str, files)]  # fmt: skip
    data, stdout = _run_json(cmd, "vnu", "vnu", f"{len(files)} files", timeout)
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list):
        raise CheckerError(f"vnu JSON has no messages list: {stdout[:500]!r}")
    return [m for m in messages if isinstance(m, dict)]


def _vnu_path(url: object) -> Path | None:
    if not isinstance(url, str) or not url.startswith("file:"):
        return None
    return Path(unquote(urlparse(url).path)).resolve()


# --------------------------------------------------------------------------- #
# guidepup Virtual Screen Reader (node + jsdom)
# --------------------------------------------------------------------------- #

_VSR_PACKAGES: Final = ("@guidepup/virtual-screen-reader", "jsdom")


@dataclass(frozen=True)
class VsrResult:
    """What the Virtual Screen Reader said for one page.

    ``phrases`` is ``spokenPhraseLog()`` after ``start()`` and ``next()``
    until the last phrase is ``"end of document"``; ``complete`` is false if
    the walk stopped at the step limit instead; ``ms`` times start + walk
    inside node (jsdom parsing excluded).
    """

    phrases: list[str]
    ms: float
    complete: bool


def vsr_available() -> str | None:
    """``None`` when :func:`vsr_phrases` can run here, else why not (one line)."""
    if shutil.which("node") is None:
        return "node not found (apt-get install nodejs npm)"
    for package in _VSR_PACKAGES:
        if not (NODE_MODULES / package / "package.json").is_file():
            return f"npm package {package} not installed in {NODE_MODULES}; {_SETUP_HINT}"
    return None


def vsr_run(
    jobs: Sequence[Path | str], *, timeout: float = 600.0, max_steps: int = 200_000
) -> list[VsrResult]:
    """Run the Virtual Screen Reader over pages, all in ONE ``node`` process.

    A :class:`~pathlib.Path` is read by node as bytes (jsdom sniffs the
    encoding); a ``str`` is HTML text.  Results come in the order of ``jobs``.
    Raises :class:`CheckerError` when node or the packages are missing, on a
    timeout, or when a page fails.
    """
    if not jobs:
        return []
    reason = vsr_available()
    if reason is not None:
        raise CheckerError(reason)
    payload = [
        {"path": str(Path(j).resolve())} if isinstance(j, Path) else {"html": j} for j in jobs
    ]
    env = dict(os.environ, VSR_MAX_STEPS=str(max_steps))
    data, _ = _run_json(["node", str(VSR_JS)], "vsr.js", "node", f"{len(jobs)} pages", timeout,
                        input=json.dumps(payload), cwd=CHECKERS_DIR, env=env)
    if not isinstance(data, list) or len(data) != len(jobs):
        raise CheckerError(f"vsr.js answered {type(data).__name__} for {len(jobs)} pages")
    out: list[VsrResult] = []
    for job, item in zip(jobs, data, strict=True):
        if "error" in item:
            where = job if isinstance(job, Path) else "an HTML string"
            raise CheckerError(f"vsr.js failed on {where}: {item['error']}")
        out.append(VsrResult([str(p) for p in item["phrases"]], float(item["ms"]),
                             bool(item["complete"])))  # fmt: skip
    return out


def vsr_phrases(html_paths: Sequence[Path], *, timeout: float = 600.0) -> dict[Path, list[str]]:
    """The Virtual Screen Reader's ``spokenPhraseLog()`` for each HTML file
    (walked with ``next()`` until ``"end of document"``), from one ``node``
    process for all of them.  Every path given is a key."""
    paths = [Path(p) for p in html_paths]
    results = vsr_run(paths, timeout=timeout)
    return {p: r.phrases for p, r in zip(paths, results, strict=True)}
