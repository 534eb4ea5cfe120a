"""Wording profiles: how a screen reader says a stop of its cursor.

Two profiles, documented in ``docs/screenreader.md``:

* ``vsr`` — guidepup's Virtual Screen Reader: role, name, value, description
  and state/property labels joined by ``", "`` ("heading, Breaking News,
  level 2", "listitem, level 1, position 1, set size 3", "end of list").
  :func:`vsr_attribute_label` is its table of ARIA attribute labels
  (``mapAttributeNameAndValueToLabel``), word for word.
* ``nvda`` — NVDA's browse-mode speech in Firefox or Chrome with default
  settings: "banner landmark", "heading level 2 Breaking News",
  "list with 3 items", "out of list", "link", "graphic", "clickable".
  :func:`nvda_phrase` builds one phrase from a role, a name and states.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ._vsr import _Reader
    from ._vsr_dom import Node

__all__ = [
    "NVDA_LANDMARKS",
    "NVDA_ROLES",
    "PROFILES",
    "nvda_phrase",
    "vsr_attribute_label",
]

#: The wording profiles :class:`~a11yrender.a11y.screenreader.ScreenReader` knows.
PROFILES: Final = ("vsr", "nvda")

# --------------------------------------------------------------------------- #
# vsr: the Virtual Screen Reader's attribute labels
# --------------------------------------------------------------------------- #

_STATE: Final = {
    "busy": "busy", "checked": "checked", "current": "current item", "disabled": "disabled",
    "expanded": "expanded", "invalid": "invalid", "modal": "modal",
    "multi-selectable": "multi-selectable", "partially checked": "partially checked",
    "partially pressed": "partially pressed", "pressed": "pressed", "read only": "read only",
    "required": "required", "selected": "selected",
}  # fmt: skip

_Mapper = Callable[[str, "_Reader", "Node", bool], "str | None"]


def _state(word: str) -> _Mapper:
    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        on = value != "false"
        if negative:
            on = not on
        return word if on else f"not {word}"

    return mapper


def _tristate(word: str, mixed: str) -> _Mapper:
    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        if value == "mixed":
            return mixed
        return word if value != "false" else f"not {word}"

    return mapper


def _token(table: Mapping[str, str | None]) -> _Mapper:
    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        return table.get(value)

    return mapper


def _concat(prefix: str) -> _Mapper:
    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        return f"{prefix} {value}" if value else ""

    return mapper


def _count_refs(value: str, reader: _Reader) -> int:
    ids = value.strip(" \t\n\r\f\v\u00a0\ufeff").split(" ")
    return sum(1 for i in ids if i and i in reader.doc.body_ids)


def _idrefs(singular: str, plural: str, print_count: bool = True) -> _Mapper:
    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        count = _count_refs(value, reader)
        if count == 0:
            return ""
        word = singular if count == 1 else plural
        return f"{count} {word}" if print_count else word

    return mapper


def _error_idrefs(singular: str, plural: str) -> _Mapper:
    inner = _idrefs(singular, plural)

    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        if node.get("aria-invalid") == "false":
            return ""
        return inner(value, reader, node, negative)

    return mapper


def _idref(prefix: str) -> _Mapper:
    def mapper(value: str, reader: _Reader, node: Node, negative: bool) -> str | None:
        target = reader.doc.body_ids.get(value) if value else None
        if target is None:
            return ""
        from ._vsr_dom import js_trim, sanitize

        if target.tag is None:
            name = sanitize(target.data or "")
        else:
            name = js_trim(reader.accname.name(target))
        val = reader.value(target) if target.tag is not None else ""
        text = ", ".join(p for p in (name, "" if name == val else val) if p)
        return f"{prefix} {text}" if text else ""

    return mapper


#: mapAttributeNameAndValueToLabel: ``None`` marks attributes said some other way.
_VSR_LABELS: Final[dict[str, _Mapper | None]] = {
    "aria-activedescendant": _idref("active descendant"),
    "aria-atomic": None,
    "aria-autocomplete": _token({"inline": "autocomplete inlined", "list": "autocomplete in list",
                                 "both": "autocomplete inlined and in list",
                                 "none": "no autocomplete"}),
    "aria-braillelabel": None,
    "aria-brailleroledescription": None,
    "aria-busy": _state("busy"),
    "aria-checked": _tristate("checked", "partially checked"),
    "aria-colcount": _concat("column count"),
    "aria-colindex": _concat("column index"),
    "aria-colindextext": _concat("column index"),
    "aria-colspan": _concat("column span"),
    "aria-controls": _idrefs("control", "controls"),
    "aria-current": _token({"page": "current page", "step": "current step",
                            "location": "current location", "date": "current date",
                            "time": "current time", "true": "current item",
                            "false": "not current item"}),
    "aria-describedby": None,
    "aria-description": None,
    "aria-details": _idrefs("linked details", "linked details", False),
    "aria-disabled": _state("disabled"),
    "aria-dropeffect": None,
    "aria-errormessage": _error_idrefs("error message", "error messages"),
    "aria-expanded": _state("expanded"),
    "aria-flowto": _idrefs("alternate reading order", "alternate reading orders"),
    "aria-grabbed": None,
    "aria-haspopup": _token({"false": None, "true": "has popup menu", "menu": "has popup menu",
                             "listbox": "has popup listbox", "tree": "has popup tree",
                             "grid": "has popup grid", "dialog": "has popup dialog"}),
    "aria-hidden": None,
    "aria-invalid": _token({"grammar": "grammatical error detected", "false": "not invalid",
                            "spelling": "spelling error detected", "true": "invalid"}),
    "aria-keyshortcuts": _concat("key shortcuts"),
    "aria-label": None,
    "aria-labelledby": None,
    "aria-level": _concat("level"),
    "aria-live": None,
    "aria-modal": _state("modal"),
    "aria-multiselectable": _state("multi-selectable"),
    "aria-orientation": _token({"horizontal": "orientated horizontally",
                                "vertical": "orientated vertically"}),
    "aria-owns": None,
    "aria-placeholder": _concat("placeholder"),
    "aria-posinset": _concat("position"),
    "aria-pressed": _tristate("pressed", "partially pressed"),
    "aria-readonly": _state("read only"),
    "aria-relevant": None,
    "aria-required": _state("required"),
    "aria-roledescription": None,
    "aria-rowcount": _concat("row count"),
    "aria-rowindex": _concat("row index"),
    "aria-rowindextext": _concat("row index"),
    "aria-rowspan": _concat("row span"),
    "aria-selected": _state("selected"),
    "aria-setsize": _concat("set size"),
    "aria-sort": _token({"ascending": "sorted in ascending order",
                         "descending": "sorted in descending order",
                         "none": "no defined sort order",
                         "other": "non ascending / descending sort order applied"}),
    "aria-valuemax": _concat("max value"),
    "aria-valuemin": _concat("min value"),
    "aria-valuenow": _concat("current value"),
    "aria-valuetext": _concat("current value"),
}


def vsr_attribute_label(attr: str, value: str | None, reader: _Reader, node: Node,
                        negative: bool = False) -> str | None:  # fmt: skip
    """What the Virtual Screen Reader says for ``attr="value"`` on ``node``
    (``None`` or ``""``: nothing)."""
    if value is None:
        return None
    mapper = _VSR_LABELS.get(attr)
    if mapper is None:
        return None
    return mapper(value, reader, node, negative)


# --------------------------------------------------------------------------- #
# nvda: NVDA's browse-mode wording
# --------------------------------------------------------------------------- #

#: Landmark roles as NVDA names them ("banner landmark", "main landmark"...).
NVDA_LANDMARKS: Final = {
    "banner": "banner", "complementary": "complementary", "contentinfo": "content info",
    "form": "form", "main": "main", "navigation": "navigation", "region": "region",
    "search": "search",
}  # fmt: skip

#: Other roles as NVDA says them ("" means NVDA says no role word).
NVDA_ROLES: Final = {
    "link": "link", "img": "graphic", "image": "graphic", "graphics-document": "graphic",
    "button": "button", "checkbox": "check box", "radio": "radio button",
    "textbox": "edit", "searchbox": "edit", "combobox": "combo box", "listbox": "list",
    "option": "", "slider": "slider", "spinbutton": "spin button",
    "progressbar": "progress bar", "meter": "meter", "separator": "separator",
    "table": "table", "figure": "figure", "article": "article", "dialog": "dialog",
    "alertdialog": "alert", "alert": "alert", "blockquote": "block quote", "group": "grouping",
    "tablist": "tab control", "tab": "tab", "tabpanel": "property page", "tree": "tree view",
    "treeitem": "tree view item", "menu": "menu", "menubar": "menu bar",
    "menuitem": "menu item", "switch": "toggle button", "math": "math", "code": "",
    "summary": "button", "document": "document", "application": "application",
    "feed": "feed", "note": "note", "status": "", "term": "", "definition": "",
    "descriptionlist": "list", "deletion": "deleted", "insertion": "inserted",
    "mark": "highlighted", "label": "", "caption": "", "figcaption": "",
}  # fmt: skip


def nvda_phrase(role: str, name: str = "", *, level: int | None = None,
                states: Mapping[str, str | bool] | None = None, value: str | None = None,
                description: str = "", size: int | None = None,
                clickable: bool = False) -> str:  # fmt: skip
    """One NVDA phrase: name and role in NVDA's order, then states and value.

    >>> nvda_phrase("heading", "Breaking News", level=2)
    'heading level 2 Breaking News'
    >>> nvda_phrase("navigation", "Sections")
    'Sections navigation landmark'
    >>> nvda_phrase("list", size=3)
    'list with 3 items'
    >>> nvda_phrase("link", "Home", states={"current": "page"})
    'link Home current page'
    """
    states = states or {}
    words: list[str] = []
    if role in NVDA_LANDMARKS:
        words += [name, f"{NVDA_LANDMARKS[role]} landmark"]
    elif role == "heading":
        words += [f"heading level {level}" if level else "heading", name]
    elif role in ("list", "descriptionlist", "listbox"):
        kind = "list"
        words += [name, f"{kind} with {size} item{'s' if size != 1 else ''}"
                  if size is not None else kind]  # fmt: skip
    elif role == "table":
        words += [name, "table"]
    else:
        word = NVDA_ROLES.get(role, "")
        # form fields say their label first ("Search edit"); links and
        # graphics say the role first in browse mode ("link Home", "graphic Map")
        if role in ("textbox", "searchbox", "combobox", "slider", "spinbutton", "checkbox",
                    "radio", "switch", "button", "tab", "menuitem", "treeitem", "progressbar",
                    "meter", "summary", "document"):  # fmt: skip
            words += [name, word]
        else:
            words += [word, name]
    current = states.get("current")
    if current:
        words.append("current page" if current == "page" else "current")
    if states.get("visited"):
        words.append("visited")
    if "checked" in states:
        checked = states["checked"]
        words.append("half checked" if checked == "mixed" else
                     "checked" if checked else "not checked")  # fmt: skip
    if "pressed" in states:
        words.append("pressed" if states["pressed"] else "not pressed")
    if "expanded" in states:
        words.append("expanded" if states["expanded"] else "collapsed")
    if states.get("selected"):
        words.append("selected")
    if states.get("disabled"):
        words.append("unavailable")
    if states.get("required"):
        words.append("required")
    if states.get("invalid"):
        words.append("invalid entry")
    if states.get("readonly"):
        words.append("read only")
    if clickable:
        words.append("clickable")
    if value:
        words.append(value)
    if description:
        words.append(description)
    return " ".join(w for w in words if w)
