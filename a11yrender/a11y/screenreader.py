"""A virtual screen reader: a cursor over a page that says what it lands on.

:class:`ScreenReader` takes HTML (text or bytes), an lxml tree or a
:class:`~a11yrender.model.Document` and moves a virtual cursor over the
page's accessibility tree, one stop at a time, logging every phrase it says::

    sr = ScreenReader("<h2>Breaking News</h2><p>Talks stall.</p>")
    sr.next_heading()   # 'heading, Breaking News, level 2'
    sr.next()           # 'paragraph'
    sr.phrases          # ['document', 'heading, Breaking News, level 2', 'paragraph']

Two wording profiles (``docs/screenreader.md``):

* ``"vsr"`` (default) is guidepup's Virtual Screen Reader, exactly: the
  stops, their order and their words are those of its
  ``spokenPhraseLog()`` on jsdom, including its "end of ..." stops, its
  second announcement of a dialog when the cursor enters it, and its
  cursor staying inside an ``aria-modal="true"`` dialog. The tree is built
  by :mod:`a11yrender.a11y._vsr`, a port of the reader and of the libraries
  it uses (html-aria, dom-accessibility-api, jsdom's styles).
* ``"nvda"`` says the same page the way NVDA does in browse mode ("banner
  landmark", "heading level 2 Breaking News", "list with 3 items",
  "out of list", "link", "graphic"), over the tree from
  :func:`~a11yrender.a11y.tree.build_tree` (the browser's tree).

Quick navigation (``next_heading`` and the rest) goes forward or back from
the cursor and does not wrap: at the last match it returns ``None`` and the
cursor stays where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from lxml import etree

from .phrases import PROFILES, nvda_phrase
from .tree import LANDMARK_ROLES, AXNode, build_tree

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..model import Document
    from ._vsr_dom import Node

__all__ = ["PROFILES", "Profile", "ScreenReader", "Stop", "decode_page", "transcript"]

Profile: TypeAlias = Literal["vsr", "nvda"]
Source: TypeAlias = "str | bytes | etree._Element | etree._ElementTree | Document"

#: Roles each quick-navigation command stops at.
_VSR_LANDMARKS: Final = frozenset(
    {"banner", "complementary", "contentinfo", "figure", "form", "main", "navigation",
     "region", "search"}
)  # fmt: skip
_NVDA_LANDMARKS: Final = LANDMARK_ROLES
_TABLES: Final = frozenset({"table", "grid", "treegrid"})
_LISTS: Final = frozenset({"list", "directory", "descriptionlist"})
_FORM_CONTROLS: Final = frozenset(
    {"textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "slider",
     "spinbutton", "button", "switch", "menuitemcheckbox", "menuitemradio"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Stop:
    """One place the cursor can be, with what is said there.

    ``end`` marks a stop that closes a container ("end of list", "out of
    list"); ``level`` is a heading's level; ``focusable`` and ``tabindex``
    drive :meth:`ScreenReader.tab_order`.
    """

    phrase: str
    role: str
    name: str = ""
    level: int | None = None
    end: bool = False
    focusable: bool = False
    tabindex: int | None = None


class ScreenReader:
    """A virtual cursor over a page (see the module docs).

    Constructing one "starts" the reader: the cursor is on the first stop
    and its phrase is the first entry of :attr:`phrases`.
    """

    def __init__(self, source: Source, profile: Profile = "vsr") -> None:
        if profile not in PROFILES:
            raise ValueError(f"unknown screen-reader profile {profile!r}; profiles: "
                             f"{', '.join(PROFILES)}")  # fmt: skip
        self.profile: Profile = profile
        #: Everything said so far, in order.
        self.phrases: list[str] = []
        if isinstance(source, bytes):
            source = decode_page(source)
        if profile == "vsr":
            self._init_vsr(source)
        else:
            self._init_nvda(source)
        self._all = list(range(len(self.stops)))
        self._index = -1
        self.reset()

    # -- building ------------------------------------------------------------

    def _init_vsr(self, source: Source) -> None:
        from ._vsr import flatten
        from ._vsr_dom import Document as Dom
        from .tree import parse_page

        items = flatten(Dom(parse_page(source)))
        self.stops = [
            Stop(
                phrase=i.phrase,
                role=i.role,
                name=i.name,
                level=_int(i.labels.get("aria-level", ("", ""))[1]) if i.role == "heading"
                else None,
                end=i.end,
                focusable=not i.end and i.node.tag is not None and _vsr_focusable(i.node),
                tabindex=_int(i.node.get("tabindex")) if i.node.tag is not None else None,
            )
            for i in items
        ]  # fmt: skip
        # what the reader needs to find its place and follow dialogs
        self._keys = [i.key for i in items]
        self._first_key: dict[tuple[int, str, str, str, str, str], int] = {}
        for n, key in enumerate(self._keys):
            self._first_key.setdefault(key, n)
        self._dialogs: list[Node | None] = [i.parent_dialog for i in items]
        self._modal_trees: dict[int, list[int]] = {}
        self._first_node: dict[int, int] = {}
        for n, i in enumerate(items):
            self._first_node.setdefault(i.node.index, n)

    def _init_nvda(self, source: Source) -> None:
        self.stops = list(_nvda_stops(build_tree(source)))

    # -- the log ---------------------------------------------------------------

    def _say(self, phrase: str) -> str:
        self.phrases.append(phrase)
        return phrase

    def _move(self, index: int) -> str:
        """Put the cursor on ``index`` and say it (the reader's updateState)."""
        if self.profile == "vsr":
            dialog = self._dialogs[index]
            current = self._dialogs[self._index] if self._index >= 0 else None
            if dialog is not None and dialog is not current:
                # the reader announces the dialog itself when the cursor enters it
                first = self._first_node.get(dialog.index)
                if first is not None:
                    self._say(self.stops[first].phrase)
        self._index = index
        return self._say(self.stops[index].phrase)

    # -- moving ----------------------------------------------------------------

    @property
    def current(self) -> Stop | None:
        """The stop under the cursor (``None`` on an empty page)."""
        return self.stops[self._index] if 0 <= self._index < len(self.stops) else None

    def reset(self) -> None:
        """Start again: clear :attr:`phrases`, put the cursor on the first stop
        and say it."""
        self.phrases.clear()
        self._index = -1
        if self.stops:
            self._move(0)

    def _tree(self) -> list[int]:
        """The stops the cursor may move over: all, or only the current
        ``aria-modal="true"`` dialog's (``vsr``)."""
        if self.profile == "vsr" and self._index >= 0:
            dialog = self._dialogs[self._index]
            if dialog is not None and dialog.get("aria-modal") == "true":
                found = self._modal_trees.get(dialog.index)
                if found is None:
                    found = [n for n, d in enumerate(self._dialogs) if d is dialog]
                    self._modal_trees[dialog.index] = found
                return found
        return self._all

    def _position(self, tree: list[int]) -> int:
        if tree is self._all:
            # the reader looks its place up by content; the first equal stop wins
            return self._first_key.get(self._keys[self._index], -1) if self.profile == "vsr" \
                else self._index  # fmt: skip
        key = self._keys[self._index]
        return next((p for p, n in enumerate(tree) if self._keys[n] == key), -1)

    def next(self) -> str:
        """Move to the next stop and say it. ``vsr`` wraps round to the top
        after the last stop, as the Virtual Screen Reader does; ``nvda``
        stays and says "bottom"."""
        if not self.stops:
            return ""
        if self.profile == "nvda":
            if self._index >= len(self.stops) - 1:
                return self._say("bottom")
            return self._move(self._index + 1)
        tree = self._tree()
        pos = self._position(tree)
        nxt = 0 if pos in (-1, len(tree) - 1) else pos + 1
        return self._move(tree[nxt])

    def previous(self) -> str:
        """Move to the previous stop and say it (``vsr`` wraps from the top to
        the last stop; ``nvda`` stays and says "top")."""
        if not self.stops:
            return ""
        if self.profile == "nvda":
            if self._index <= 0:
                return self._say("top")
            return self._move(self._index - 1)
        tree = self._tree()
        pos = self._position(tree)
        prv = 0 if pos == -1 else pos - 1
        return self._move(tree[prv])

    def _find(self, test: Callable[[Stop], bool], forward: bool) -> str | None:
        order: Iterable[int]
        if forward:
            order = range(self._index + 1, len(self.stops))
        else:
            order = range(self._index - 1, -1, -1)
        for n in order:
            stop = self.stops[n]
            if not stop.end and test(stop):
                return self._move(n)
        return None

    def next_heading(self, level: int | None = None) -> str | None:
        """Move to the next heading (of ``level`` if given) and say it; ``None``
        when there is none after the cursor."""
        return self._find(_heading(level), True)

    def previous_heading(self, level: int | None = None) -> str | None:
        """Move to the previous heading (of ``level`` if given)."""
        return self._find(_heading(level), False)

    def _landmarks(self) -> frozenset[str]:
        return _VSR_LANDMARKS if self.profile == "vsr" else _NVDA_LANDMARKS

    def next_landmark(self) -> str | None:
        """Move to the next landmark (``vsr``: the reader's list, figures included)."""
        roles = self._landmarks()
        return self._find(lambda s: s.role in roles, True)

    def previous_landmark(self) -> str | None:
        """Move to the previous landmark."""
        roles = self._landmarks()
        return self._find(lambda s: s.role in roles, False)

    def next_link(self) -> str | None:
        """Move to the next link."""
        return self._find(lambda s: s.role == "link", True)

    def previous_link(self) -> str | None:
        """Move to the previous link."""
        return self._find(lambda s: s.role == "link", False)

    def next_list(self) -> str | None:
        """Move to the next list."""
        return self._find(lambda s: s.role in _LISTS, True)

    def previous_list(self) -> str | None:
        """Move to the previous list."""
        return self._find(lambda s: s.role in _LISTS, False)

    def next_table(self) -> str | None:
        """Move to the next table (or grid)."""
        return self._find(lambda s: s.role in _TABLES, True)

    def previous_table(self) -> str | None:
        """Move to the previous table (or grid)."""
        return self._find(lambda s: s.role in _TABLES, False)

    def next_form_control(self) -> str | None:
        """Move to the next form control (text field, box, button, slider...)."""
        return self._find(lambda s: s.role in _FORM_CONTROLS, True)

    def previous_form_control(self) -> str | None:
        """Move to the previous form control."""
        return self._find(lambda s: s.role in _FORM_CONTROLS, False)

    def read_all(self) -> list[str]:
        """Say every stop from the cursor to the end of the page (the cursor's
        own stop first) and return those phrases; the cursor ends on the last
        stop. Unlike :meth:`next`, this reads on through a modal dialog."""
        said: list[str] = []
        if not self.stops:
            return said
        start = max(self._index, 0)
        for n in range(start, len(self.stops)):
            before = len(self.phrases)
            if n == self._index:
                self._say(self.stops[n].phrase)
            else:
                self._move(n)
            said.extend(self.phrases[before:])
        return said

    def transcript(self) -> list[str]:
        """The whole page as :meth:`read_all` says it from the top, without
        moving the cursor or adding to :attr:`phrases`."""
        index, log = self._index, self.phrases
        try:
            self.phrases = []
            self._index = -1
            if not self.stops:
                return []
            self._move(0)
            self.phrases = []
            return self.read_all()
        finally:
            self._index, self.phrases = index, log

    # -- the lists a screen reader offers ------------------------------------------

    def headings(self) -> list[str]:
        """Every heading, as it is said."""
        return [s.phrase for s in self.stops if not s.end and s.role == "heading"]

    def landmarks(self) -> list[str]:
        """Every landmark, as it is said."""
        roles = self._landmarks()
        return [s.phrase for s in self.stops if not s.end and s.role in roles]

    def links(self) -> list[str]:
        """Every link, as it is said."""
        return [s.phrase for s in self.stops if not s.end and s.role == "link"]

    def tab_order(self) -> list[str]:
        """What Tab visits, in order: positive ``tabindex`` first (by value),
        then the rest in document order; ``tabindex="-1"`` is left out."""
        found = [(n, s) for n, s in enumerate(self.stops) if s.focusable and not s.end]
        found = [(n, s) for n, s in found if s.tabindex is None or s.tabindex >= 0]
        positive = sorted((s.tabindex or 0, n, s) for n, s in found if (s.tabindex or 0) > 0)
        rest = [s for _, s in found if (s.tabindex or 0) <= 0]
        return [s.phrase for _, _, s in positive] + [s.phrase for s in rest]


def transcript(source: Source, profile: Profile = "vsr") -> list[str]:
    """The whole page as it is said, one phrase per stop, top to bottom."""
    return ScreenReader(source, profile).transcript()


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #


_BOMS: Final = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_META: Final = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([^\s"'/>;]+)""", re.I)


def decode_page(data: bytes) -> str:
    """A page's bytes as text, decoded the way jsdom (and so the Virtual
    Screen Reader) decodes them: byte-order mark, then a ``<meta>`` charset
    in the first 1,024 bytes, then windows-1252 -- except that bytes that are
    valid UTF-8 are read as UTF-8 (jsdom would garble such a page)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    m = _META.search(data[:1024])
    if m:
        from ..readers._decode import codec_for_label

        label = codec_for_label(m.group(1).decode("ascii", "replace"))
        if label is not None:
            codec = label
            # jsdom reads a page labelled UTF-16 as UTF-8 (the label cannot be true)
            codec = "utf-8" if codec.startswith("utf_16") or codec.startswith("utf-16") else codec
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # windows-1252 as WHATWG defines it: its five holes are C1 controls
        return data.decode("latin-1").translate(_CP1252)


_CP1252: Final = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _heading(level: int | None) -> Callable[[Stop], bool]:
    return lambda s: s.role == "heading" and (level is None or s.level == level)


def _vsr_focusable(node: Node) -> bool:
    from ._vsr import _focusable

    return _focusable(node)


# --------------------------------------------------------------------------- #
# nvda: stops from the browser's accessibility tree
# --------------------------------------------------------------------------- #

#: Containers NVDA says it leaves ("out of list").
_NVDA_EXIT: Final = frozenset(
    {"list", "descriptionlist", "table", "blockquote", "figure", "dialog", "alertdialog",
     "grid", "treegrid", "tree", "menu", "tablist", "group", "article", "listbox"}
) | _NVDA_LANDMARKS  # fmt: skip
#: Nodes NVDA speaks whole, on one stop (their children are not stops).
_NVDA_LEAF: Final = frozenset(
    {"heading", "link", "img", "graphics-document", "button", "textbox", "searchbox",
     "combobox", "listbox", "checkbox", "radio", "switch", "slider", "spinbutton",
     "progressbar", "meter", "separator", "summary", "option", "menuitem", "tab",
     "treeitem", "math"}
)  # fmt: skip
_NVDA_SKIP_NAME: Final = frozenset({"list", "descriptionlist", "article", "group", "figure"})


def _nvda_stops(root: AXNode) -> Iterable[Stop]:
    title = root.name
    yield Stop(nvda_phrase("document", title), "document", title)
    stack: list[tuple[AXNode, bool]] = [(c, False) for c in reversed(root.children)]
    while stack:
        node, leaving = stack.pop()
        role = node.role
        if leaving:
            if role in _NVDA_LANDMARKS:
                word = f"{nvda_phrase(role).strip()}"
            else:
                word = {"descriptionlist": "list", "blockquote": "block quote",
                        "group": "grouping", "alertdialog": "alert"}.get(role, role)  # fmt: skip
            yield Stop(f"out of {word}", role, node.name, end=True)
            continue
        element = node.element
        tabindex = _int(element.get("tabindex")) if element is not None else None
        clickable = element is not None and element.get("onclick") is not None and (
            role not in _NVDA_LEAF
        )
        if role == "text":
            if node.name.strip():
                yield Stop(node.name.strip(), role, node.name)
            continue
        states = dict(node.states)
        if role in _NVDA_LEAF:
            name = node.name or (node.text if role != "img" else "")
            if role in ("img", "graphics-document") and not name:
                continue  # NVDA skips unlabelled graphics in browse mode
            value = node.value if role not in ("button", "link", "heading") else None
            if role in ("textbox", "searchbox", "combobox") and value == name:
                value = None
            yield Stop(nvda_phrase(role, name, level=node.level, states=states, value=value,
                                   description=node.description),
                       role, name, level=node.level, focusable=node.focusable,
                       tabindex=tabindex)  # fmt: skip
            continue
        size = None
        if role in ("list", "descriptionlist"):
            size = sum(1 for c in node.children if c.role in ("listitem", "term"))
        if role in _NVDA_EXIT or role == "table":
            name = "" if role in _NVDA_SKIP_NAME else node.name
            phrase = nvda_phrase(role, name, size=size, states=states)
            if role == "table" and node.rowcount is not None:
                phrase = " ".join(p for p in (node.name, f"table with {node.rowcount} rows and "
                                  f"{node.colcount} columns") if p)  # fmt: skip
            yield Stop(phrase, role, node.name, focusable=node.focusable, tabindex=tabindex)
            stack.append((node, True))
        elif clickable:
            yield Stop("clickable", role, node.name, focusable=node.focusable, tabindex=tabindex)
        elif node.focusable and role not in ("document",):
            yield Stop(nvda_phrase(role, node.name, states=states) or node.name, role, node.name,
                       focusable=True, tabindex=tabindex)  # fmt: skip
        stack.extend((c, False) for c in reversed(node.children))
