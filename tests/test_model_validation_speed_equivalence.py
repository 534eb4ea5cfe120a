"""The model's fast validation paths decide exactly as its general checks.

``Text`` has its own shortcut past the general per-field checks
(``_Node._check_fields``), text checks start with ``str.isprintable`` and
URLs have their scheme read without ``urlsplit`` when they can. These tests
build the same inputs with Text's shortcut and with the general checks, and
check the other shortcuts against what they stand for, requiring the same
node (field types included) or the same error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from a11yrender.errors import ValidationError
from a11yrender.model import (
    _FORBIDDEN_CHARS,
    _URL_SPACE,
    NODE_TYPES,
    Abbreviation,
    Aside,
    BlockQuote,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    Image,
    LineBreak,
    Link,
    List,
    ListItem,
    Media,
    Metadata,
    Paragraph,
    Quote,
    Region,
    Separator,
    Span,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    Time,
    _first_forbidden,
    _has_text,
    _is_clean,
    _Node,
    _url_scheme,
    check_text,
    plain_text,
)

from .strategies import documents, inlines

_ALL_CHARS = "".join(map(chr, range(0x110000)))


@contextmanager
def _general_checks_only() -> Iterator[None]:
    """Every Text built inside goes through the general field checks."""
    text_post_init = Text.__dict__["__post_init__"]
    type.__setattr__(Text, "__post_init__", _Node.__post_init__)
    try:
        yield
    finally:
        type.__setattr__(Text, "__post_init__", text_post_init)


def _fields(node: Any) -> dict[str, Any]:
    return {f.name: getattr(node, f.name) for f in dataclasses.fields(node)}


def _shape(value: Any) -> Any:
    """``value`` with the exact type of everything in it."""
    if isinstance(value, _Node):
        return (type(value), tuple((k, _shape(v)) for k, v in _fields(value).items()))
    if isinstance(value, (tuple, list)):
        return (type(value), tuple(_shape(v) for v in value))
    return (type(value), value)


def _outcome(build: Callable[[], Any]) -> Any:
    try:
        return ("built", _shape(build()))
    except ValidationError as err:
        return ("ValidationError", str(err), err.node, err.reason, err.path)
    except Exception as err:  # any other failure must match too
        return (type(err).__name__, str(err))


def _both_ways(build: Callable[[], Any]) -> None:
    fast = _outcome(build)
    with _general_checks_only():
        general = _outcome(build)
    assert fast == general


class _Str(str):
    __slots__ = ()


_LINK = Link((Text("to"),), "https://example.com/")
# Values put in place of a field: right and wrong types, text the checks
# change or refuse, and the values the per-type rules look at.
_VALUES: tuple[Any, ...] = (
    None, "", " ", "plain", "a\r\nb", "a\rb", "tab\there", "line\nfeed", "no\u00a0break",
    "\x00", "\x7f", "\x85", "\ud800", "\ufdd0", "\uffff", "\U0001fffe", "😀\x01", "\x01😀",
    "\U0010ffff", _Str("sub"), _Str("sub\r"), b"bytes", 0, 1, 3, 7, -1, True, 1.5,
    [], (), [Text("list")], (Text("t"),), (Text(" "),), (LineBreak(),), (Text("t"), "str"),
    ("s", "t"), ["s"], ("s\r",), ("\x00",), (" ",), _LINK, (_LINK,), (Text("a"), _LINK),
    (Emphasis((_LINK,)),), (Paragraph((Text("p"),)),), Paragraph((Text("p"),)),
    (Paragraph((Text("a"),), id="x"), Paragraph((Text("b"),), id="x")),
    (ListItem((Paragraph((Text("i"),)),)),), Image("/i.png", "alt"), Metadata("m"),
    (Region("banner", (Paragraph((Text("b"),)),)),),
    "en", "en-GB", "x-y", "en_", "https://e.com/a", "HTTP://E.com", "mailto:a@b", "/rel",
    "javascript:x", "https://[::1", "https://[::1]/", "https://e\u2100.com/", "ftp://x",
    "a+b.c:x", "1a:x", "https://e.com/ x", "2020", "2020-02-30", "2020-01-01T10:00+0100",
    "main", "a11y-x", "id x", "col", "row", "rtl", "video", "note", "navigation", "c++",
)


@settings(max_examples=60)
@given(documents(max_blocks=4, marked=True), st.data())
def test_fast_and_general_checks_agree(doc: Any, data: st.DataObject) -> None:
    nodes = [node for _, node in doc.walk()]
    for _ in range(40):
        node = data.draw(st.sampled_from(nodes))
        fields = _fields(node)
        for name in data.draw(st.lists(st.sampled_from(sorted(fields)), max_size=2)):
            fields[name] = data.draw(st.sampled_from(_VALUES))
        _both_ways(lambda: type(node)(**fields))  # noqa: B023  (called at once)


def _samples() -> list[_Node]:
    """One valid node of every type, with every optional field set."""
    text = (Text("t"),)
    para = Paragraph(text, id="p", lang="fr")
    cell = TableCell(text, header=True, scope="col", colspan=2, rowspan=2, lang="fr")
    row = TableRow((cell,))
    item = ListItem((para,), id="i", lang="fr")
    image = Image("/i.png", "alt", width=3, height=4)
    region = Region("navigation", (Paragraph(text),), label="l", id="r", lang="fr")
    meta = Metadata("t", "fr", "rtl", "k", text, ("b",), "d", "2020-01-02",
                    "2020-01-02T10:00Z", "s", "https://e.com/")
    return [
        Text("t", lang="fr"), Emphasis(text, lang="fr"), Strong(text, lang="fr"),
        Link(text, "/a", title="t", lang="fr"), Code("c", lang="fr"),
        Abbreviation("A", "B", lang="fr"), Time("t", "2020", lang="fr"),
        Span(text, lang="fr"), LineBreak(lang="fr"), Quote(text, cite="/c", lang="fr"),
        Heading(2, text, id="h", lang="fr"), para, item,
        List((item,), ordered=True, start=2, id="l", lang="fr"),
        BlockQuote((para,), text, cite="/c", id="q", lang="fr"), image,
        Figure(image, text, text, id="f", lang="fr"), cell, row,
        Table(text, (row,), (row,), (row,), id="t", lang="fr"),
        CodeBlock("x", "python", id="c", lang="fr"), Separator(id="s", lang="fr"),
        Aside("a", (para,), "note", id="a", lang="fr"),
        Media("video", "/v.mp4", "t", (para,), "/c.vtt", id="m", lang="fr"),
        region, meta, Document(meta, (para,), (region,)),
    ]


def test_every_field_of_every_type_agrees() -> None:
    samples = _samples()
    assert {type(n) for n in samples} == set(NODE_TYPES.values())
    for node in samples:
        fields = _fields(node)
        _both_ways(lambda: type(node)(**fields))  # noqa: B023
        for name in fields:
            for value in _VALUES:
                changed = {**fields, name: value}
                _both_ways(lambda: type(node)(**changed))  # noqa: B023


def test_printable_text_holds_nothing_check_text_changes_or_refuses() -> None:
    printable = "".join(c for c in _ALL_CHARS if c.isprintable())
    assert _FORBIDDEN_CHARS.search(printable) is None
    assert "\r" not in printable


@given(st.text(st.sampled_from("a\r\n\t\x00\x85\u00a0\ud800\ufffe\U0001ffff😀é")))
def test_is_clean_is_check_text_leaving_the_text_alone(text: str) -> None:
    clean = _FORBIDDEN_CHARS.search(text) is None and "\r" not in text
    assert _is_clean(text) is clean
    assert (_first_forbidden(text) is None) is (_FORBIDDEN_CHARS.search(text) is None)
    if clean:
        assert check_text("text", "text", text) is text


def test_url_space_covers_strip() -> None:
    # _check_url no longer compares a URL with its strip(): the pattern finds
    # every character strip() would remove.
    for char in _ALL_CHARS:
        if (char + "x").strip() != char + "x":
            assert _URL_SPACE.search(char), hex(ord(char))


_URL_CHARS = "aZ09+-.:/?#@[]%_~!$&'()*,;=é\u2100\uff03v"


@given(st.text(st.sampled_from(_URL_CHARS), max_size=24))
@example("https://e\u2100.com/")  # NFKC makes "a/c" of it: urlsplit refuses
@example("//\uff03x")
@example("https://[::1")
@example("https://[1.2.3.4]/")
@example("https://[v1.x]/")
@example("é:x")
@example("a+b.c-d:x")
def test_url_scheme_is_urlsplits(url: str) -> None:
    try:
        expected: Any = urlsplit(url).scheme.lower()
    except ValueError as err:
        expected = ("ValueError", str(err))
    try:
        got: Any = _url_scheme(url)
    except ValueError as err:
        got = ("ValueError", str(err))
    assert got == expected


@given(st.text(st.sampled_from("a\r\n\t\x00\x85\u00a0\ud800\ufffe\U0001ffff😀é")))
@example("\U0001ffff\x00")
@example("a\r\nb\rc")
def test_check_text_as_documented(text: str) -> None:
    bad = _FORBIDDEN_CHARS.search(text)
    try:
        got = check_text("text", "text", text)
    except ValidationError as err:
        assert bad is not None
        assert err.reason == f"text holds the forbidden character U+{ord(bad.group()):04X}"
    else:
        assert bad is None
        assert got == text.replace("\r\n", "\n").replace("\r", "\n")


_BLANKS = (Text(""), Text(" \u00a0"), LineBreak(), Code(" "), Emphasis((Text("\t"),)),
           Link((Text("x"),), "/x"), Strong((LineBreak(), Text("y"))), Abbreviation("A", "B"))


@given(st.one_of(inlines(), st.lists(st.sampled_from(_BLANKS), max_size=4).map(tuple)))
def test_has_text_is_plain_text_not_blank(run: Any) -> None:
    assert _has_text(run) is bool(plain_text(run).strip())


def test_a_nested_link_is_found_wherever_it_is() -> None:
    inner, last = Link((Text("in"),), "/in"), Link((Text("last"),), "/last")
    cases = [
        ((Text("a"), inner), "/in"),
        ((Text("a"), Code("c"), LineBreak(), Emphasis((Text("b"), inner))), "/in"),
        ((Emphasis((inner,)), Text("a"), last), "/last"),  # the walk takes the last first
        ((Span((Quote((inner,)),), lang="fr"), Text("a")), "/in"),
    ]
    for children, found in cases:
        try:
            Link(children, "/out")
        except ValidationError as err:
            assert err.reason == f"link to '/out' contains another link (to {found!r})"
        else:
            raise AssertionError(f"a link inside a link was let through: {children}")
    Link((Text("a"), Code("c"), Abbreviation("A", "B"), Time("t", "2020"), LineBreak(),
          Emphasis((Text("b"),))), "/ok")
