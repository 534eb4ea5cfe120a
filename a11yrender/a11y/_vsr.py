"""The Virtual Screen Reader's view of a page, ported to Python.

guidepup's Virtual Screen Reader (npm ``@guidepup/virtual-screen-reader``
0.33) builds its own accessibility tree from the DOM, with html-aria 0.5 for
implicit roles and dom-accessibility-api 0.7 for names and descriptions, then
flattens it into the list of items its cursor moves over. This module does
the same, step for step, so that the ``vsr`` profile of
:class:`~a11yrender.a11y.screenreader.ScreenReader` says exactly what it
says on jsdom (``tests/test_vsr_compare.py`` checks it page by page). The
comments name the upstream function each part follows; where upstream has a
quirk (``<a href="">`` is not a link, a ``th`` is a row header when its row
has any ``td``, a name keeps a lone newline), the quirk is kept on purpose.

Only :func:`flatten` is used outside: it returns the :class:`Item` list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from ._vsr_data import ALL_ROLES, ROLES, TAG_ROLES
from ._vsr_dom import JS_WS, Document, Node, js_trim, sanitize

__all__ = ["Item", "flatten"]

# --------------------------------------------------------------------------- #
# small helpers
# --------------------------------------------------------------------------- #

_PRESENTATION: Final = frozenset({"presentation", "none"})
_ALL_ROLES: Final = frozenset(ALL_ROLES)
_FLAT: Final = re.compile(f"[{JS_WS}][{JS_WS}]+")


def _js_number(value: float) -> str:
    """``String(number)`` for the values that occur here."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _parse_float(text: str | None) -> float | None:
    """HTML's rules for parsing floating-point numbers (enough of them)."""
    if text is None:
        return None
    m = re.match(r"[\t\n\f\r ]*(-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)", text)
    if not m:
        return None
    try:
        value = float(m.group(1))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _js_parse_float(text: str | None) -> float:
    """JavaScript ``parseFloat`` (NaN when there is no number)."""
    if text is None:
        return math.nan
    m = re.match(
        rf"[{JS_WS}]*([+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))", text
    )
    if not m:
        return math.nan
    raw = m.group(1)
    if raw.lstrip("+-") == "Infinity":
        return -math.inf if raw.startswith("-") else math.inf
    return float(raw)


_INPUT_TYPES: Final = frozenset(
    [
        "hidden", "text", "search", "tel", "url", "email", "password", "date", "month", "week",
        "time", "datetime-local", "number", "range", "color", "checkbox", "radio", "file",
        "submit", "image", "reset", "button"
    ]
)


def input_type(node: Node) -> str:
    """``HTMLInputElement.type``: the attribute lower-cased when known, else ``text``."""
    raw = (node.get("type") or "").lower()
    return raw if raw in _INPUT_TYPES else "text"


def _strip_newlines(s: str) -> str:
    return s.replace("\n", "").replace("\r", "")


def input_value(node: Node) -> str:
    """``HTMLInputElement.value`` with jsdom's value sanitization."""
    kind = input_type(node)
    raw = node.get("value")
    if kind in ("checkbox", "radio"):
        return "on" if raw is None else raw
    if kind in ("hidden", "submit", "image", "reset", "button"):
        return "" if raw is None else raw
    if kind == "file":
        return ""
    value = "" if raw is None else raw
    if kind in ("text", "search", "tel", "password"):
        return _strip_newlines(value)
    if kind in ("url", "email"):
        return _strip_newlines(value).strip("\t\n\f\r ")
    if kind == "number":
        return value if re.fullmatch(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?", value) else ""
    if kind == "range":
        lo = _parse_float(node.get("min"))
        hi = _parse_float(node.get("max"))
        lo = 0.0 if lo is None else lo
        hi = 100.0 if hi is None else hi
        if hi < lo:
            hi = lo
        parsed = _parse_float(value) if re.fullmatch(
            r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?", value) else None  # fmt: skip
        num = lo + (hi - lo) / 2 if parsed is None else min(max(parsed, lo), hi)
        return _js_number(num)
    if kind == "color":
        return value.lower() if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else "#000000"
    patterns = {
        "date": r"\d{4,}-\d\d-\d\d", "month": r"\d{4,}-\d\d", "week": r"\d{4,}-W\d\d",
        "time": r"\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?",
        "datetime-local": r"\d{4,}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?",
    }  # fmt: skip
    pattern = patterns.get(kind)
    return value if pattern is None or re.fullmatch(pattern, value) else ""


def _option_text(node: Node) -> str:
    """``HTMLOptionElement.text``: its text, ASCII white space stripped and collapsed."""
    parts = [n.data for n in node.descendants() if n.data is not None]
    return " ".join("".join(parts).split(None) if False else re.split(r"[\t\n\f\r ]+",
                    "".join(parts).strip("\t\n\f\r ")))  # fmt: skip


def option_value(node: Node) -> str:
    """``HTMLOptionElement.value``."""
    value = node.get("value")
    return value if value is not None else _option_text(node)


def select_options(select: Node) -> list[Node]:
    """The options of a ``select`` (children and children of its optgroups)."""
    out: list[Node] = []
    for child in select.children:
        if child.tag == "option":
            out.append(child)
        elif child.tag == "optgroup":
            out.extend(c for c in child.children if c.tag == "option")
    return out


def select_size(select: Node) -> int:
    """``HTMLSelectElement.size`` (0 when absent or invalid)."""
    m = re.match(r"[\t\n\f\r ]*\+?(\d+)", select.get("size") or "")
    return int(m.group(1)) if m else 0


def selected_options(select: Node) -> list[Node]:
    """``selectedOptions`` after the selectedness setting algorithm."""
    options = select_options(select)
    chosen = [o for o in options if o.has("selected")]
    multiple = select.has("multiple")
    if multiple:
        return chosen
    if chosen:
        return chosen[-1:]
    display_size = select_size(select) or 1
    if display_size == 1:
        for o in options:
            disabled = o.has("disabled") or (
                o.parent is not None and o.parent.tag == "optgroup" and o.parent.has("disabled")
            )
            if not disabled:
                return [o]
    return []


def select_value(select: Node) -> str:
    """``HTMLSelectElement.value``."""
    chosen = selected_options(select)
    return option_value(chosen[0]) if chosen else ""


def element_value(node: Node) -> str | None:
    """``element.value`` for the elements that have one (``None`` otherwise)."""
    tag = node.tag
    if tag == "input":
        return input_value(node)
    if tag == "textarea":
        text = "".join(c.data for c in node.children if c.data is not None)
        return text
    if tag == "select":
        return select_value(node)
    if tag == "option":
        return option_value(node)
    if tag in ("button", "data", "param", "output"):
        if tag == "output":
            return node.text_content()
        return node.get("value") or ""
    return None


def _numeric_value(node: Node) -> float:
    """``meter.value`` / ``progress.value``."""
    if node.tag == "progress":
        value = _parse_float(node.get("value"))
        if value is None:
            return 0.0
        hi = _parse_float(node.get("max"))
        hi = 1.0 if hi is None or hi <= 0 else hi
        return min(max(value, 0.0), hi)
    lo = _parse_float(node.get("min"))
    lo = 0.0 if lo is None else lo
    hi = _parse_float(node.get("max"))
    hi = 1.0 if hi is None else hi
    hi = max(hi, lo)
    value = _parse_float(node.get("value"))
    value = 0.0 if value is None else value
    return min(max(value, lo), hi)


# --------------------------------------------------------------------------- #
# dom-accessibility-api 0.7: getRole, computeAccessibleName/Description
# --------------------------------------------------------------------------- #

_DAA_TAG_ROLES: Final = {
    "article": "article", "aside": "complementary", "button": "button", "datalist": "listbox",
    "dd": "definition", "details": "group", "dialog": "dialog", "dt": "term",
    "fieldset": "group", "figure": "figure", "form": "form", "footer": "contentinfo",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "header": "banner", "hr": "separator", "html": "document",
    "legend": "legend", "li": "listitem", "math": "math", "main": "main", "menu": "list",
    "nav": "navigation", "ol": "list", "optgroup": "group", "option": "option",
    "output": "status", "progress": "progressbar", "section": "region", "summary": "button",
    "table": "table", "tbody": "rowgroup", "textarea": "textbox", "tfoot": "rowgroup",
    "td": "cell", "th": "columnheader", "thead": "rowgroup", "tr": "row", "ul": "list",
}  # fmt: skip
_NAME_PROHIBITED_ATTRS: Final = frozenset({"aria-label", "aria-labelledby"})
_DAA_PROHIBITED: Final = {
    r: _NAME_PROHIBITED_ATTRS
    for r in ("caption", "code", "deletion", "emphasis", "insertion", "none", "paragraph",
              "presentation", "strong", "subscript", "superscript")
} | {"generic": _NAME_PROHIBITED_ATTRS | {"aria-roledescription"}}
_DAA_GLOBAL: Final = (
    "aria-atomic", "aria-busy", "aria-controls", "aria-current", "aria-description",
    "aria-describedby", "aria-details", "aria-dropeffect", "aria-flowto", "aria-grabbed",
    "aria-hidden", "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-live",
    "aria-owns", "aria-relevant", "aria-roledescription",
)  # fmt: skip
_NAME_FROM_CONTENT: Final = frozenset(
    [
        "button", "cell", "checkbox", "columnheader", "gridcell", "heading", "label", "legend",
        "link", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "radio", "row",
        "rowheader", "switch", "tab", "tooltip", "treeitem"
    ]
)
_DAA_NAMING_PROHIBITED: Final = frozenset(
    [
        "caption", "code", "deletion", "emphasis", "generic", "insertion", "none", "paragraph",
        "presentation", "strong", "subscript", "superscript"
    ]
)
_RANGE: Final = frozenset({"meter", "progressbar", "scrollbar", "slider", "spinbutton"})
_LABELABLE: Final = frozenset({"button", "meter", "output", "progress", "select", "textarea"})


class _Accname:
    """dom-accessibility-api's ``computeAccessibleName`` / ``computeAccessibleDescription``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._roles: dict[int, str | None] = {}
        self._labels: dict[int, list[Node]] | None = None

    # -- getRole.ts --------------------------------------------------------

    def role(self, el: Node) -> str | None:
        cached = self._roles.get(el.index, "")
        if cached != "":
            return cached
        result = self._role(el)
        self._roles[el.index] = result
        return result

    def _role(self, el: Node) -> str | None:
        explicit: str | None = None
        raw = el.get("role")
        if raw is not None:
            first = js_trim(raw).split(" ")[0]
            explicit = first or None
        if explicit is None or explicit in _PRESENTATION:
            implicit = self._implicit(el)
            if explicit not in _PRESENTATION or self._global_aria(el, implicit or ""):
                return implicit
        return explicit

    def _global_aria(self, el: Node, role: str) -> bool:
        prohibited = _DAA_PROHIBITED.get(role, frozenset())
        return any(el.has(a) and a not in prohibited for a in _DAA_GLOBAL)

    def _implicit(self, el: Node) -> str | None:
        tag = el.tag or ""
        mapped = _DAA_TAG_ROLES.get(tag)
        if mapped is not None:
            return mapped
        if tag in ("a", "area", "link"):
            return "link" if el.has("href") else None
        if tag == "img":
            if el.get("alt") == "" and not self._global_aria(el, "img"):
                return "presentation"
            return "img"
        if tag == "input":
            kind = input_type(el)
            if kind in ("button", "image", "reset", "submit"):
                return "button"
            if kind in ("checkbox", "radio"):
                return kind
            if kind == "range":
                return "slider"
            if kind in ("email", "tel", "text", "url"):
                return "combobox" if el.has("list") else "textbox"
            if kind == "search":
                return "combobox" if el.has("list") else "searchbox"
            if kind == "number":
                return "spinbutton"
            return None
        if tag == "select":
            return "listbox" if el.has("multiple") or select_size(el) > 1 else "combobox"
        return None

    def has_role(self, node: Node, roles: frozenset[str] | set[str]) -> bool:
        return node.tag is not None and self.role(node) in roles

    # -- helpers -------------------------------------------------------------

    def hidden(self, node: Node) -> bool:
        if node.tag is None:
            return False
        if node.has("hidden") or node.get("aria-hidden") == "true":
            return True
        return node.display == "none" or node.visibility == "hidden"

    def idrefs(self, node: Node, attr: str) -> list[Node]:
        raw = node.get(attr) if node.tag is not None else None
        if raw is None:
            return []
        out = []
        for ident in raw.split(" "):
            found = self.doc.by_id(ident) if ident else None
            if found is not None:
                out.append(found)
        return out

    def labels(self, el: Node) -> list[Node] | None:
        """``element.labels`` as jsdom gives it (``None`` when not labelable)."""
        tag = el.tag
        if tag == "input":
            if input_type(el) == "hidden":
                return None
        elif tag not in _LABELABLE:
            return None
        if self._labels is None:
            found: dict[int, list[Node]] = {}
            for label in self.doc.labels:
                control = self._control(label)
                if control is not None:
                    found.setdefault(control.index, []).append(label)
            self._labels = found
        return self._labels.get(el.index, [])

    def _control(self, label: Node) -> Node | None:
        target = label.get("for")
        if target is not None:
            node = self.doc.by_id(target)
            return node if node is not None and _labelable(node) else None
        for d in label.descendants():
            if d.tag is not None and _labelable(d):
                return d
        return None

    # -- accessible-name-and-description.ts -----------------------------------

    def name(self, root: Node) -> str:
        if self.role(root) in _DAA_NAMING_PROHIBITED:
            return ""
        return self._compute(root, "name")

    def description(self, root: Node) -> str:
        parts = [self._compute(el, "description") for el in self.idrefs(root, "aria-describedby")]
        text = " ".join(parts)
        if text == "":
            text = root.get("aria-description") or ""
        if text == "":
            text = root.get("title") or ""
        return text

    def _compute(self, root: Node, compute: str) -> str:
        consulted: set[object] = set()
        text = self._alt(root, compute, consulted, embedded=False,
                         referenced=compute == "description", recursion=False)  # fmt: skip
        return _FLAT.sub(" ", js_trim(text))

    def _use_attr(self, el: Node, name: str, consulted: set[object]) -> str | None:
        value = el.get(name)
        key = (el.index, name)
        if value is not None and key not in consulted and js_trim(value) != "":
            consulted.add(key)
            return value
        return None

    def _misc(self, node: Node, compute: str, consulted: set[object], embedded: bool) -> str:
        acc = ""
        children = list(node.children) + self.idrefs(node, "aria-owns")
        for child in children:
            result = self._alt(child, compute, consulted, embedded=embedded, referenced=False,
                               recursion=True)  # fmt: skip
            display = child.display if child.tag is not None else "inline"
            sep = " " if display != "inline" else ""
            acc += f"{sep}{result}{sep}"
        return js_trim(acc)

    def _element_alt(self, node: Node, compute: str, consulted: set[object]) -> str | None:
        if node.tag is None:
            return None
        tag = node.tag
        if tag == "fieldset" and not node.svg:
            consulted.add(node.index)
            for child in node.children:
                if child.tag == "legend":
                    return self._alt(child, compute, consulted, embedded=False,
                                     referenced=False, recursion=False)  # fmt: skip
        elif tag == "table" and not node.svg:
            consulted.add(node.index)
            for child in node.children:
                if child.tag == "caption":
                    return self._alt(child, compute, consulted, embedded=False,
                                     referenced=False, recursion=False)  # fmt: skip
        elif tag == "svg":
            consulted.add(node.index)
            for child in node.children:
                if child.tag == "title" and child.svg:
                    return child.text_content()
            return None
        elif tag in ("img", "area"):
            alt = self._use_attr(node, "alt", consulted)
            if alt is not None:
                return alt
        elif tag == "optgroup":
            label = self._use_attr(node, "label", consulted)
            if label is not None:
                return label
        kind = input_type(node) if tag == "input" else ""
        if tag == "input" and kind in ("button", "submit", "reset"):
            value = self._use_attr(node, "value", consulted)
            if value is not None:
                return value
            if kind == "submit":
                return "Submit"
            if kind == "reset":
                return "Reset"
        labels = self.labels(node)
        if labels:
            consulted.add(node.index)
            texts = [self._alt(lab, compute, consulted, embedded=True, referenced=False,
                               recursion=True) for lab in labels]  # fmt: skip
            return " ".join(t for t in texts if len(t) > 0)
        if tag == "input" and kind == "image":
            for attr in ("alt", "title"):
                value = self._use_attr(node, attr, consulted)
                if value is not None:
                    return value
            return "Submit Query"
        if self.has_role(node, {"button"}):
            text = self._misc(node, compute, consulted, embedded=False)
            if text != "":
                return text
        return None

    def _alt(self, current: Node, compute: str, consulted: set[object], *, embedded: bool,
             referenced: bool, recursion: bool) -> str:  # fmt: skip
        key = current.index if current.tag is not None else id(current)
        if key in consulted:
            return ""
        # 2A
        if self.hidden(current) and not referenced:
            consulted.add(key)
            return ""
        # 2B
        if current.tag is not None and current.has("aria-labelledby") and (
            (current.index, "aria-labelledby") not in consulted
        ):
            label_elements = self.idrefs(current, "aria-labelledby")
        else:
            label_elements = []
        if compute == "name" and not referenced and label_elements:
            consulted.add((current.index, "aria-labelledby"))
            return " ".join(
                self._alt(el, compute, consulted, embedded=embedded, referenced=True,
                          recursion=False)
                for el in label_elements
            )
        # 2C
        is_control = self.has_role(current, {"button", "combobox", "listbox", "textbox"} | _RANGE)
        skip_to_2e = recursion and is_control and compute == "name"
        if not skip_to_2e:
            aria_label = js_trim(current.get("aria-label") or "") if current.tag else ""
            if aria_label != "" and compute == "name":
                consulted.add(key)
                return aria_label
            # 2D
            if not self.has_role(current, _PRESENTATION):
                alt = self._element_alt(current, compute, consulted)
                if alt is not None:
                    consulted.add(key)
                    return alt
        if self.has_role(current, {"menu"}):
            consulted.add(key)
            return ""
        # 2E
        if skip_to_2e or embedded or referenced:
            if self.has_role(current, {"combobox", "listbox"}):
                consulted.add(key)
                if current.tag == "select":
                    chosen = selected_options(current)
                else:
                    chosen = [d for d in [*current.descendants(),
                                          *(x for r in self.idrefs(current, "aria-owns")
                                            for x in r.descendants())]
                              if d.tag is not None and d.get("aria-selected") == "true"]
                if not chosen:
                    return input_value(current) if current.tag == "input" else ""
                return " ".join(
                    self._alt(o, compute, consulted, embedded=embedded, referenced=False,
                              recursion=True)
                    for o in chosen
                )
            if self.has_role(current, _RANGE):
                consulted.add(key)
                if current.has("aria-valuetext"):
                    return current.get("aria-valuetext") or ""
                if current.has("aria-valuenow"):
                    return current.get("aria-valuenow") or ""
                return current.get("value") or ""
            if self.has_role(current, {"textbox"}):
                consulted.add(key)
                if current.tag == "input":
                    return input_value(current)
                if current.tag == "textarea":
                    return element_value(current) or ""
                return current.text_content()
        # 2F
        if current.tag is not None and (
            self.has_role(current, _NAME_FROM_CONTENT) or referenced
            or (current.tag == "caption" and not current.svg)
        ):  # fmt: skip
            text = self._misc(current, compute, consulted, embedded=embedded)
            if text != "":
                consulted.add(key)
                return text
        if current.tag is None:
            consulted.add(key)
            return current.data or ""
        if recursion:
            consulted.add(key)
            return self._misc(current, compute, consulted, embedded=embedded)
        title = self._use_attr(current, "title", consulted)
        if title is not None:
            consulted.add(key)
            return title
        consulted.add(key)
        return ""


def _labelable(node: Node) -> bool:
    tag = node.tag
    if tag == "input":
        return (node.get("type") or "") != "hidden"
    return tag in _LABELABLE


# --------------------------------------------------------------------------- #
# html-aria 0.5: getRole (and the parts of its own name computation it uses)
# --------------------------------------------------------------------------- #

_LANDMARK_ROLE_ATTRS: Final = frozenset(
    {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"}
)
_INPUT_ROLE_MAP: Final[dict[str, str | None]] = {
    "button": "button", "checkbox": "checkbox", "color": None, "date": None,
    "datetime-local": None, "email": "textbox", "file": None, "hidden": None, "image": "button",
    "month": None, "number": "spinbutton", "password": None, "radio": "radio",
    "range": "slider", "reset": "button", "search": "searchbox", "submit": "button",
    "tel": "textbox", "text": "textbox", "time": None, "url": "textbox", "week": None,
}  # fmt: skip
_SVG_ROLE_MAP: Final = {
    "circle": "graphics-symbol", "ellipse": "graphics-symbol", "foreignObject": "group",
    "g": "group", "line": "graphics-symbol", "image": "image", "path": "graphics-symbol",
    "polygon": "graphics-symbol", "polyline": "graphics-symbol", "rect": "graphics-symbol",
    "textPath": "group", "tspan": "group", "use": "graphics-object",
}  # fmt: skip
_TOOLTIP_EXCLUDED: Final = frozenset({"input", "img", "output", "select", "svg", "textarea"})
_TEXT_LEVEL: Final = frozenset(
    [
        "abbr", "b", "bdi", "bdo", "br", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q",
        "rp", "ruby", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var", "wbr"
    ]
)


def _tag_name(node: Node) -> str:
    return node.tag or ""


def _closest_above(node: Node, test: Callable[[Node], bool]) -> bool:
    parent = node.parent
    return parent is not None and parent.closest(test) is not None


def _is_landmark(n: Node) -> bool:
    role = n.get("role")
    if role is not None:
        return role in _LANDMARK_ROLE_ATTRS
    return n.tag in ("article", "aside", "main", "nav", "section") or n.get("role") in (
        _LANDMARK_ROLE_ATTRS
    )


def _landmark_test(n: Node) -> bool:
    return n.get("role") in _LANDMARK_ROLE_ATTRS or (
        n.tag in ("article", "aside", "main", "nav", "section") and not n.has("role")
    )


def _sectioning_test(n: Node) -> bool:
    return n.get("role") in ("article", "complementary", "navigation", "region") or (
        n.tag in ("article", "aside", "nav", "section") and not n.has("role")
    )


def _list_test(n: Node) -> bool:
    return n.get("role") == "list" or (n.tag in ("ul", "ol", "menu") and not n.has("role"))


def _grid_test(n: Node) -> bool:
    return n.get("role") in ("grid", "treegrid")


def _table_test(n: Node) -> bool:
    return n.tag == "table" or n.get("role") == "table"


class _HtmlAria:
    """html-aria's ``getRole(element, {ignoreRoleAttribute: true})`` on a DOM."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def role(self, el: Node) -> str:
        tag = _tag_name(el)
        if tag not in TAG_ROLES:
            return "generic"
        default = TAG_ROLES[tag] or ""
        if tag in ("a", "area"):
            href = el.get("href") or el.get("xlink:href")
            return default if href is not None else "generic"
        if tag == "aside":
            if self.acc_name(el):
                return default
            return "generic" if _closest_above(el, _sectioning_test) else default
        if tag in ("header", "footer"):
            return "generic" if _closest_above(el, _landmark_test) else default
        if tag == "img":
            if el.get("alt") is None:
                return "image"
            return "image" if self.acc_name(el) else "none"
        if tag == "li":
            return "listitem" if _closest_above(el, _list_test) else "generic"
        if tag == "input":
            kind = el.get("type")
            if not kind or kind not in _INPUT_ROLE_MAP:
                kind = "text"
            role = _INPUT_ROLE_MAP[kind]
            if el.get("list") and role in ("textbox", "searchbox"):
                return "combobox"
            return role or ""
        if tag == "section":
            return default if self.acc_name(el) else "generic"
        if tag == "select":
            size = _js_parse_float(el.get("size")) if el.get("size") not in (None, "") else None
            size = None if size is None else (size if size == size and size else 0)
            if (size is not None and size > 1) or el.get("multiple") is not None:
                return "listbox"
            return default
        if tag == "td":
            if _closest_above(el, _grid_test):
                return "gridcell"
            return "cell" if _closest_above(el, _table_test) else ""
        if tag == "th":
            scope = el.get("scope")
            if scope in ("col", "colgroup"):
                return "columnheader"
            if scope in ("row", "rowgroup"):
                return "rowheader"
            if _closest_above(el, _grid_test):
                return "gridcell"
            if _closest_above(el, _table_test):
                parent = el.parent
                has_td = parent is not None and any(d.tag == "td" for d in parent.descendants())
                return "rowheader" if has_td else "columnheader"
            return ""
        if tag == "tr":
            return "row"
        if tag in _SVG_ROLE_MAP:
            return self._svg_role(el, tag, default)
        return default

    def _svg_role(self, el: Node, tag: str, default: str) -> str:
        accessible = _SVG_ROLE_MAP[tag]
        aria_hidden = el.get("aria-hidden")
        hidden = aria_hidden in ("", "true")
        if not hidden and tag == "image" and el.get("src"):
            return accessible
        if not hidden and any(el.get(a) for a in ("aria-label", "aria-labelledby",
                                                  "aria-describedby", "aria-roledescription")):
            return accessible
        for d in el.descendants():
            if d.tag in ("title", "desc"):
                if js_trim(d.text_content()):
                    return accessible
                break
        return default

    # -- html-aria's getAccNameAndDescription / computeName (names only) -------

    def acc_name(self, el: Node, referenced: set[int] | None = None) -> str:
        refs: set[int] = set() if referenced is None else referenced
        tag = _tag_name(el)
        if not el.get("aria-label") and not el.get("aria-labelledby"):
            if tag == "img":
                alt = el.get("alt")
                if alt is not None:
                    return js_trim(alt)
                title = el.get("title")
                if title is not None:
                    return js_trim(title)
                fig = el.parent.closest(lambda n: n.tag == "figcaption") if el.parent else None
                return self.acc_name(fig) if fig is not None else ""
            if tag in ("section", "tr", "td", "th", "iframe") or tag in _TEXT_LEVEL:
                return js_trim(el.get("title") or "")
        return js_trim(self._compute(el, refs, include_hidden=False, prohibited_text=False))

    def _role_incomplete(self, el: Node) -> tuple[str, tuple[str, ...], str | None] | None:
        """(name, prohibited, nameFrom) of html-aria's getRoleIncomplete."""
        raw = el.get("role")
        if raw:
            data = ROLES.get(raw)
            return None if data is None else (raw, data[5], data[4])
        tag = _tag_name(el)
        if tag == "li":
            name = "listitem" if _closest_above(el, _list_test) else "generic"
            data = ROLES[name]
            return name, data[5], data[4]
        for name, data in ROLES.items():
            for el_tag, attrs in data[3]:
                if el_tag == tag and (not attrs or all(el.get(k) == v for k, v in attrs.items())):
                    return name, data[5], data[4]
        return None

    def _hidden(self, el: Node) -> bool:
        if el.get("aria-hidden") in ("true", ""):
            return True
        return el.display == "none" or el.visibility in ("hidden", "collapse")

    def _compute(self, el: Node, refs: set[int], *, include_hidden: bool,
                 prohibited_text: bool) -> str:  # fmt: skip
        if el.index in refs:
            return ""
        refs.add(el.index)
        role = self._role_incomplete(el)
        tag = _tag_name(el)
        aria_label = el.get("aria-label")
        labelledby = el.get("aria-labelledby")
        if role is not None and "aria-label" in role[1] and not prohibited_text and not (
            aria_label or labelledby
        ):
            return ""
        if not include_hidden and self._hidden(el):
            return ""
        if labelledby:
            return self._idref_list(el, "aria-labelledby", refs)
        tooltip = "" if tag in _TOOLTIP_EXCLUDED else (el.get("title") or "")
        hll = self._host_label(el, refs)
        if role is not None and role[2] == "author" and (aria_label or hll or tooltip):
            return js_trim(aria_label or "") or hll or tooltip
        name = role[0] if role is not None else None
        if name == "textbox":
            value = js_trim(element_value(el) or "")
            if value:
                return value
        if name in ("combobox", "listbox"):
            value = js_trim(element_value(el) or "")
            if value:
                return value
            option = next((d for d in el.descendants() if d.tag is not None and (
                (d.tag == "option" or d.get("role") == "option")
                and (d.get("aria-selected") == "true" or d.has("selected")))), None)  # fmt: skip
            if option is None:
                option = next((d for d in el.descendants() if d.tag == "option"), None)
            if option is not None:
                return self._compute(option, refs, include_hidden=include_hidden,
                                     prohibited_text=prohibited_text)  # fmt: skip
            if tooltip:
                return tooltip
        if name in ("meter", "progressbar", "scrollbar", "slider", "spinbutton"):
            value = (js_trim(el.get("aria-valuetext") or "") or js_trim(el.get("aria-valuenow")
                     or "") or js_trim(element_value(el) or ""))  # fmt: skip
            if value:
                return value
        if tag != "slot" and aria_label:
            return aria_label
        if tag in ("input", "img", "output", "select", "textarea", "svg") and name not in (
            "presentation", "none"
        ):
            return self._host_label(el, refs)
        if name == "complementary":
            return ""
        acc = ""
        # jsdom answers getComputedStyle(el, "::before") with the element's
        # own style, whose ``content`` is "normal": html-aria reads that as
        # generated text before and after every element's children.
        pseudo = "normal" if el.display == "inline" else " normal "
        children = [Node(None, {}, pseudo, None, False), *el.children]
        if tooltip:
            children.append(Node(None, {}, f" {tooltip} ", None, False))
        children.append(Node(None, {}, pseudo, None, False))
        for child in children:
            if child.tag is None:
                acc += child.data or ""
                continue
            if child.index in refs:
                continue
            child_role = self._role_incomplete(child)
            if child_role is not None and child_role[0] == "menu":
                continue
            child_name = self._compute(child, refs, include_hidden=False, prohibited_text=True)
            inline = (child.display or "block") == "inline"
            if child_name:
                acc += f" {child_name} " if not inline and acc else child_name
            elif child.tag == "br":
                acc += " "
        owned = self._idref_list(el, "aria-owns", refs)
        if owned:
            acc += f" {owned}"
        return re.sub(r"(\r?\n|\s)+", " ", js_trim(acc))

    def _idref_list(self, el: Node, attr: str, refs: set[int]) -> str:
        raw = js_trim(el.get(attr) or "")
        if not raw:
            return ""
        names = []
        for ident in re.split(rf"[{JS_WS}]+", raw):
            target = self.doc.by_id(ident)
            if target is not None:
                if target is el:
                    # html-aria clones the element without the attribute; the
                    # clone is a new node, never seen before
                    clone = Node(el.tag, {k: v for k, v in el.attrs.items() if k != attr},
                                 None, el.parent, el.svg)  # fmt: skip
                    clone.children = []
                    clone.index = -1 - el.index
                    clone.display, clone.visibility = el.display, el.visibility
                    target = clone
                names.append(self._compute(target, refs, include_hidden=True,
                                           prohibited_text=True))  # fmt: skip
        return js_trim(" ".join(names))

    def _host_label(self, el: Node, refs: set[int]) -> str:
        if el.index in refs:
            return ""
        refs.add(el.index)
        tag = _tag_name(el)
        if tag == "img":
            return js_trim(el.get("alt") or "")
        if tag in ("input", "output", "select", "textarea"):
            acc = ""
            ident = el.get("id")
            for label in self.doc.labels:
                if label.contains(el) or (ident and label.get("for") == ident):
                    text = self._compute(label, refs, include_hidden=False, prohibited_text=False)
                    if text:
                        acc += f" {text}"
            return js_trim(acc)
        if tag == "svg":
            for d in el.descendants():
                if d.tag in ("title", "desc"):
                    return js_trim(d.text_content())
            return ""
        return ""


# --------------------------------------------------------------------------- #
# the Virtual Screen Reader: tree, attribute labels, flattening
# --------------------------------------------------------------------------- #

_SYNONYMS: Final = {"img": "image", "presentation": "none", "directory": "list"}
_REQUIRE_NAME: Final = frozenset({"form", "region"})
_VSR_GLOBAL: Final = (
    "aria-atomic", "aria-braillelabel", "aria-brailleroledescription", "aria-busy",
    "aria-controls", "aria-describedby", "aria-description", "aria-details", "aria-dropeffect",
    "aria-flowto", "aria-grabbed", "aria-hidden", "aria-keyshortcuts", "aria-label",
    "aria-labelledby", "aria-live", "aria-owns", "aria-relevant", "aria-roledescription",
)  # fmt: skip
_CHILDREN_PRESENTATIONAL: Final = frozenset(r for r, d in ROLES.items() if d[1])
_DIALOG: Final = frozenset({"dialog", "alertdialog"})


def _focusable(n: Node) -> bool:
    """The reader's FOCUSABLE_SELECTOR."""
    tag = n.tag
    disabled = n.has("disabled")
    if tag == "input" and (n.get("type") or "").lower() != "hidden" and not disabled:
        return True
    if tag in ("button", "select", "textarea") and not disabled:
        return True
    if n.get("contenteditable") in ("", "true"):
        return True
    if tag == "a" and n.has("href"):
        return True
    return n.has("tabindex") and not disabled


@dataclass(eq=False)
class _TreeNode:
    """The reader's AccessibilityNodeTree."""

    node: Node
    description: str
    name: str
    value: str
    allowed_child_roles: tuple[str, ...]
    children_presentational: bool
    inert: bool
    role: str
    spoken_role: str
    parent_dialog: Node | None
    flow_parents: int
    children: list[_TreeNode] = field(default_factory=list)
    parent: _TreeNode | None = None


@dataclass(eq=False, slots=True)
class Item:
    """One stop of the reader's cursor: a node, or the end of a container.

    ``labels`` maps an ARIA attribute to its (label, value) as the reader
    worked it out (``"aria-level": ("level 2", "2")``); ``end`` is true for
    the "end of ..." stop. ``node`` is the DOM node it stands for.
    """

    node: Node
    role: str
    spoken_role: str
    name: str
    value: str
    description: str
    labels: dict[str, tuple[str, str]]
    label_list: list[str]
    parent_dialog: Node | None
    end: bool = False

    @property
    def phrase(self) -> str:
        """The reader's ``getSpokenPhrase``."""
        announced_value = "" if self.name == self.value else self.value
        parts = [self.spoken_role, self.name, announced_value, self.description,
                 *self.label_list]  # fmt: skip
        return ", ".join(p for p in parts if p)

    @property
    def key(self) -> tuple[int, str, str, str, str, str]:
        """What the reader compares to find the cursor's place again."""
        return (self.node.index, self.role, self.spoken_role, self.name, self.value,
                self.description)  # fmt: skip


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.accname = _Accname(doc)
        self.html_aria = _HtmlAria(doc)

    # -- isHiddenFromAccessibilityTree.ts -----------------------------------

    def hidden(self, node: Node) -> bool:
        if node.tag is None:
            return not js_trim(node.data or "")
        if node.has("hidden") and (node.get("hidden") or "").lower() != "until-found":
            return True
        if node.get("aria-hidden") == "true":
            return True
        if node.tag == "math" or (node.parent is not None and _in_math(node)):
            return True  # jsdom cannot style MathML; the reader gives up on it
        return node.visibility == "hidden" or node.display == "none"

    # -- getNodeAccessibilityData ---------------------------------------------

    def explicit_role(self, el: Node, name: str, allowed: Sequence[str],
                      inherited_presentational: bool) -> str:  # fmt: skip
        raw = el.get("role")
        tokens = js_trim(raw).split(" ") if raw is not None else []
        filtered = [r for r in tokens if r in _ALL_ROLES]
        filtered = [r for r in filtered if name or r not in _REQUIRE_NAME]
        first = filtered[0] if filtered else None
        if inherited_presentational and not any(first == r for r in allowed):
            filtered.insert(0, "none")
        if not filtered:
            return ""
        keep_presentation = None
        out = []
        for r in filtered:
            if r in _PRESENTATION:
                if keep_presentation is None:
                    keep_presentation = not (any(el.has(a) for a in _VSR_GLOBAL) or _focusable(el))
                if not keep_presentation:
                    continue
            out.append(r)
        return out[0] if out else ""

    def data(self, node: Node, allowed: Sequence[str], inherited_inert: bool,
             inherited_presentational: bool) -> tuple[_TreeNode, bool]:  # fmt: skip
        if node.tag is None:
            tree = _TreeNode(node, "", sanitize(node.data or ""), "", (), False,
                             inherited_inert, "", "", None, 0)  # fmt: skip
            return tree, False
        description = js_trim(self.accname.description(node))
        name = js_trim(self.accname.name(node))
        value = self.value(node)
        explicit = _SYNONYMS.get(r := self.explicit_role(node, name, allowed,
                                                         inherited_presentational), r)
        implicit = "document" if node is self.doc.body else self.html_aria.role(node)
        implicit = _SYNONYMS.get(implicit, implicit)
        role = explicit or implicit
        if description == name:
            description = ""
        explicit_presentational = explicit in _PRESENTATION
        presentational = role in _PRESENTATION
        if presentational or role == "generic":
            spoken = ""
        else:
            spoken = node.get("aria-roledescription") or role
        role_data = ROLES.get(role)
        allowed_children: tuple[str, ...] = role_data[0] if role_data else ()
        implicit_data = ROLES.get(implicit)
        implicit_allowed = implicit_data[0] if implicit_data else ()
        children_presentational = role in _CHILDREN_PRESENTATIONAL or (
            (explicit_presentational or inherited_presentational) and bool(implicit_allowed)
        )
        modal = (node.tag == "dialog" and node.has("open")) or (
            role in _DIALOG and node.has("aria-modal")
        )
        inert = node.has("inert") or (inherited_inert and not modal)
        tree = _TreeNode(node, description, name, value, allowed_children,
                         children_presentational, inert, role, spoken, None, 0)  # fmt: skip
        return tree, explicit_presentational

    def value(self, node: Node) -> str:
        """The reader's getAccessibleValue."""
        tag = node.tag
        if tag == "input":
            if input_type(node) in ("checkbox", "radio"):
                return ""
            return self._get_value(node)
        if tag == "select":
            chosen = selected_options(node)
            if node.has("multiple"):
                return "; ".join(self._get_value(o) for o in chosen)
            return self._get_value(chosen[0]) if chosen else ""
        return self._get_value(node)

    def _get_value(self, node: Node) -> str:
        tag = node.tag
        if tag not in ("button", "data", "input", "meter", "option", "progress", "param"):
            return ""
        if node.get("aria-valuetext") or node.get("aria-valuenow"):
            return ""
        if tag in ("meter", "progress"):
            return _js_number(_numeric_value(node))
        if tag == "input":
            return input_value(node)
        if tag == "option":
            return option_value(node)
        return node.get("value") or ""

    # -- createAccessibilityTree.ts ------------------------------------------

    def build(self) -> _TreeNode | None:
        container = self.doc.body
        if self.hidden(container):
            return None
        flow: dict[int, list[Node]] = {}
        for el in container.descendants():
            if el.tag is not None and el.has("aria-flowto"):
                for ident in _split_idrefs(el.get("aria-flowto") or ""):
                    target = self.doc.body_ids.get(ident)
                    if target is not None:
                        parents = flow.setdefault(target.index, [])
                        if el not in parents:
                            parents.append(el)
        owned: set[int] = set()
        for el in container.descendants():
            if el.tag is not None and el.has("aria-owns"):
                for ident in _split_idrefs(el.get("aria-owns") or ""):
                    target = self.doc.body_ids.get(ident)
                    if target is not None:
                        owned.add(target.index)
        self._flow = flow
        self._owned = owned
        self._visited: set[int] = set()
        root, _ = self.data(container, (), False, False)
        # an explicit stack keeps deep pages clear of the recursion limit:
        # (DOM node, its tree node) pairs whose children are still to grow
        self._grow(root)
        return root

    def _children_of(self, node: Node) -> list[Node]:
        kids = [c for c in node.children if c.tag is None or c.index not in self._owned]
        if node.tag is not None and node.has("aria-owns"):
            seen: set[int] = set()
            for ident in _split_idrefs(node.get("aria-owns") or ""):
                target = self.doc.body_ids.get(ident)
                if target is not None and target.index not in seen:
                    seen.add(target.index)
                    kids.append(target)
        return kids

    def _grow(self, root: _TreeNode) -> None:
        # post-order growth without recursion: each frame grows one node's children
        stack: list[tuple[_TreeNode, list[Node], int, list[tuple[_TreeNode, bool]]]] = []

        def open_frame(tree: _TreeNode) -> bool:
            key = tree.node.index if tree.node.tag is not None else -1 - id(tree.node)
            if key in self._visited:
                return False
            self._visited.add(key)
            dialog = tree.node if tree.role in _DIALOG else tree.parent_dialog
            if dialog is not None:
                tree.parent_dialog = dialog
            stack.append((tree, self._children_of(tree.node), 0, []))
            return True

        open_frame(root)
        while stack:
            tree, kids, i, done = stack[-1]
            if i < len(kids):
                stack[-1] = (tree, kids, i + 1, done)
                child = kids[i]
                if self.hidden(child):
                    continue
                sub, explicit_pres = self.data(child, tree.allowed_child_roles, tree.inert,
                                               tree.children_presentational)  # fmt: skip
                dialog = tree.node if tree.role in _DIALOG else tree.parent_dialog
                sub.parent_dialog = dialog
                sub.flow_parents = len(self._flow.get(child.index, ())) if child.tag else 0
                done.append((sub, explicit_pres))
                open_frame(sub)
                continue
            stack.pop()
            for sub, explicit_pres in done:
                if explicit_pres:
                    tree.children.extend(sub.children)
                else:
                    tree.children.append(sub)

    # -- flattenTree.ts: shouldIgnoreChildren ---------------------------------

    def _ignore_children(self, tree: _TreeNode) -> bool:
        if not tree.name or len(tree.children) > 1:
            return False
        if all(c.node.tag is not None for c in tree.children):
            return False
        node = tree.node
        text = node.text_content()
        if not text:
            value = element_value(node) if node.tag is not None else None
            text = "undefined" if value is None else value
        return tree.name == js_trim(text)

    # -- getAccessibleAttributeLabels ------------------------------------------

    def attribute_labels(self, tree: _TreeNode) -> tuple[dict[str, tuple[str, str]], list[str]]:
        node = tree.node
        if node.tag is None:
            return {}, []
        from .phrases import vsr_attribute_label as label_for

        labels: dict[str, tuple[str, str]] = {}
        for attr, implicit_value in _attributes_by_role(tree.role, tree.value):
            found = self._html_equivalent(attr, node, label_for)
            if found is None:
                value = node.get(attr)
                lab = label_for(attr, value, self, node) if value is not None else None
                found = (lab, value or "") if lab else None
            if found is None:
                implicit = self._implicit_value(attr, node, tree.parent, tree.role)
                lab = label_for(attr, implicit, self, node) if implicit is not None else None
                found = (lab, implicit or "") if lab else None
            if found is None and implicit_value is not None:
                lab = label_for(attr, implicit_value, self, node)
                found = (lab, implicit_value) if lab else None
            if found is not None:
                labels[attr] = found
        _post_process(labels, tree.role)
        label_list = [lab for lab, _ in labels.values() if lab]
        if tree.flow_parents:
            n = tree.flow_parents
            label_list.append(f"{n} previous alternate reading {'order' if n == 1 else 'orders'}")
        return labels, label_list

    def _html_equivalent(self, attr: str, node: Node,
                         label_for: _LabelFor) -> tuple[str, str] | None:  # fmt: skip
        for elements, implicit_missing, name, negative, properties, fixed in _HTML_EQUIVALENT.get(
            attr, ()
        ):
            if elements and node.tag not in elements:
                continue
            if properties and not any(node.get(k) == v for k, v in properties):
                continue
            if node.has(name):
                value: str | None = fixed if fixed is not None else node.get(name)
            elif node.has(attr):
                value = None
            else:
                value = implicit_missing
            if value is None:
                continue
            lab = label_for(attr, value, self, node, negative)
            if lab:
                return lab, value
        return None

    def _implicit_value(self, attr: str, node: Node, parent: _TreeNode | None,
                        role: str) -> str | None:  # fmt: skip
        if attr == "aria-level":
            if role == "heading":
                tag = node.tag or ""
                return tag[1] if re.fullmatch(r"h[1-6]", tag) else None
            if (role == "row" and _has_treegrid(parent)) or role in ("listitem", "treeitem"):
                level = 1
                t = parent
                while t is not None:
                    if t.role == role:
                        level += 1
                    t = t.parent
                return str(level)
            return ""
        if attr in ("aria-posinset", "aria-setsize"):
            members = self._node_set(node, parent, role)
            if not members:
                return ""
            if attr == "aria-setsize":
                return str(len(members))
            index = next((i for i, m in enumerate(members) if m.node is node), -1)
            return str(index + 1)
        return None

    def _node_set(self, node: Node, parent: _TreeNode | None, role: str) -> list[_TreeNode]:
        if parent is None or role == "article":
            return []
        if role == "row" and not _has_treegrid(parent):
            return []
        if role == "treeitem":
            return _first_nested(_parent_by_role(parent, role), role)
        if role == "radio":
            if node.tag != "input":
                return _first_nested(_parent_by_role(parent, "radiogroup"), "radio")
            name = node.get("name")
            if not name:
                return []
            owner = _parent_by_role(parent, "form")
            return _radios_by_name(owner, name)
        return [c for c in parent.children if c.role == role]


_LabelFor = Callable[..., "str | None"]


def _split_idrefs(raw: str) -> list[str]:
    return [i for i in js_trim(raw).split(" ") if i]


def _in_math(node: Node) -> bool:
    n = node.parent
    while n is not None:
        if n.tag == "math":
            return True
        n = n.parent
    return False


def _has_treegrid(tree: _TreeNode | None) -> bool:
    while tree is not None:
        if tree.role == "treegrid":
            return True
        tree = tree.parent
    return False


def _parent_by_role(tree: _TreeNode, role: str) -> _TreeNode:
    while tree.role != role and tree.parent is not None:
        tree = tree.parent
    return tree


def _first_nested(tree: _TreeNode, role: str) -> list[_TreeNode]:
    out: list[_TreeNode] = []
    stack = list(reversed(tree.children))
    while stack:
        child = stack.pop()
        if child.role == role:
            out.append(child)
        else:
            stack.extend(reversed(child.children))
    return out


def _radios_by_name(tree: _TreeNode, name: str) -> list[_TreeNode]:
    out: list[_TreeNode] = []
    stack = list(reversed(tree.children))
    while stack:
        child = stack.pop()
        if child.node.tag is not None and child.node.get("name") == name:
            out.append(child)
        else:
            stack.extend(reversed(child.children))
    return out


#: getAttributesByRole's non-spec-compliant extras.
_NON_SPEC: Final[dict[str, dict[str, str | None]]] = {
    "listitem": {"aria-level": None},
    "option": {"aria-selected": "false"},
}


def _attributes_by_role(role: str, value: str) -> list[tuple[str, str | None]]:
    data = ROLES.get(role)
    supported: tuple[str, ...] = data[6] if data else ()
    defaults: dict[str, str | None] = dict(data[2]) if data else {}
    prohibited: tuple[str, ...] = data[5] if data else ()
    implicit = {**defaults, **_NON_SPEC.get(role, {})}
    names: list[str] = []
    seen: set[str] = set()
    for attr in [*implicit, *supported, *_VSR_GLOBAL]:
        if attr not in seen:
            seen.add(attr)
            names.append(attr)
    names = [a for a in names if a not in prohibited]
    if value:
        names = [a for a in names if a != "aria-placeholder"]
    return [(a, implicit.get(a) if a in implicit else None) for a in names]


#: ariaToHTMLAttributeMapping: attr -> (elements, implicitMissingValue, name,
#: negative, properties, value)
_HTML_EQUIVALENT: Final[dict[str, tuple[tuple[tuple[str, ...], str | None, str, bool,
                                              tuple[tuple[str, str], ...], str | None], ...]]] = {
    "aria-autocomplete": (((("form",), None, "autocomplete", False, (), None)),
                          (("input", "select", "textarea"), None, "autocomplete", False, (),
                           None)),
    "aria-checked": ((("input",), "false", "checked", False,
                      (("type", "checkbox"), ("type", "radio")), None),
                     ((), None, "indeterminate", False, (), "mixed")),
    "aria-colspan": ((("td", "th"), None, "colspan", False, (), None),),
    "aria-controls": ((("input",), None, "list", False, (), None),),
    "aria-disabled": ((("button", "input", "optgroup", "option", "select", "textarea"), None,
                       "disabled", False, (), None),
                      (("fieldset",), None, "disabled", False, (), None)),
    "aria-multiselectable": ((("select",), None, "multiple", False, (), None),),
    "aria-placeholder": ((("input", "textarea"), None, "placeholder", False, (), None),),
    "aria-valuemax": ((("input",), None, "max", False, (), None),
                      (("meter", "progress"), None, "max", False, (), None)),
    "aria-valuemin": ((("input",), None, "min", False, (), None),
                      (("meter", "progress"), None, "min", False, (), None)),
    "aria-valuenow": ((("meter", "progress"), None, "value", False, (), None),),
    "aria-readonly": ((("input", "textarea"), None, "readonly", False, (), None),
                      ((), None, "contenteditable", True, (), None)),
    "aria-required": ((("input", "select", "textarea"), None, "required", False, (), None),),
    "aria-rowspan": ((("td", "th"), None, "rowspan", False, (), None),),
    "aria-selected": ((("option",), None, "selected", False, (), None),),
}  # fmt: skip


def _post_process(labels: dict[str, tuple[str, str]], role: str) -> None:
    for preferred, dropped in (("aria-colindextext", "aria-colindex"),
                               ("aria-rowindextext", "aria-rowindex"),
                               ("aria-valuetext", "aria-valuenow")):  # fmt: skip
        if preferred in labels and dropped in labels:
            labels[dropped] = (labels[dropped][0], "")
    if "aria-valuenow" in labels:
        value = labels["aria-valuenow"][1]
        lo = labels.get("aria-valuemin", ("", ""))[1] if "aria-valuemin" in labels else None
        hi = labels.get("aria-valuemax", ("", ""))[1] if "aria-valuemax" in labels else None
        labels["aria-valuenow"] = (_value_now(value, lo, hi, role), value)
    if "aria-setsize" in labels and labels["aria-setsize"][1] == "-1":
        labels["aria-setsize"] = ("set size unknown", "-1")


def _value_now(value: str, lo: str | None, hi: str | None, role: str) -> str:
    """postProcessAriaValueNow (the label is the bare value outside progressbar/scrollbar)."""
    if role not in ("progressbar", "scrollbar"):
        return value
    number = _js_parse_float(value)
    if math.isnan(number):
        return value
    lo_n = _js_parse_float(lo)
    hi_n = _js_parse_float(hi)
    if not math.isnan(lo_n) and not math.isnan(hi_n):
        if hi_n - lo_n == 0:
            pct = math.nan if number - lo_n == 0 else math.copysign(math.inf, number - lo_n)
        else:
            pct = (number - lo_n) / (hi_n - lo_n) * 100
        if math.isfinite(pct):
            pct = float(f"{pct:.2f}")
        return f"current value {_js_number(pct)}%"
    return f"current value {value}%"


def flatten(doc: Document) -> list[Item]:
    """The reader's flattened tree of ``doc.body``: the stops of its cursor, in order."""
    reader = _Reader(doc)
    root = reader.build()
    if root is None:
        return []
    return _flatten(reader, root)


def _flatten(reader: _Reader, root: _TreeNode) -> list[Item]:
    # flattenTree, iteratively: each frame emits a node, its children, then
    # its "end of" stop when it was announced and its children said something
    out: list[Item] = []
    stack: list[tuple[str, _TreeNode, _TreeNode | None, Item | None, int]] = [
        ("enter", root, None, None, 0)
    ]
    while stack:
        kind, tree, parent, item, start = stack.pop()
        if kind == "leave":
            assert item is not None
            if len(out) > start:  # the children said something: a role container
                spoken = f"end of {item.spoken_role}" if item.spoken_role else "end"
                out.append(Item(item.node, item.role, spoken, item.name, item.value,
                                item.description, item.labels, item.label_list,
                                item.parent_dialog, end=True))  # fmt: skip
            continue
        tree.parent = parent
        labels, label_list = reader.attribute_labels(tree)
        announced = not tree.inert and bool(
            tree.name or tree.description or label_list or tree.spoken_role
        )
        ignore = reader._ignore_children(tree)
        me = Item(tree.node, tree.role, tree.spoken_role, tree.name, tree.value,
                  tree.description, labels, label_list, tree.parent_dialog)  # fmt: skip
        if announced:
            out.append(me)
            stack.append(("leave", tree, parent, me, len(out)))
        if not ignore:
            for child in reversed(tree.children):
                stack.append(("enter", child, tree, None, 0))
    return out
