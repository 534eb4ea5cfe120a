"""Static checks for the default stylesheet ``a11yrender/renderers/theme.css``.

No browser is needed: the CSS is parsed with a small purpose-built parser (the
theme sticks to plain CSS3 rules and ``@media`` blocks) and the colour custom
properties are checked with the WCAG 2.x relative-luminance contrast formula.
One optional test runs the Nu HTML checker on a page embedding the theme when
Java and the vendored ``vnu.jar`` are available.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

THEME_PATH = Path(__file__).parents[1] / "a11yrender" / "renderers" / "theme.css"
VNU_JAR = (
    Path(__file__).parent / "checkers" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

DARK = "prefers-color-scheme: dark"
REDUCE = "prefers-reduced-motion: reduce"
NO_PREFERENCE = "prefers-reduced-motion: no-preference"
FORCED = "forced-colors: active"
PRINT = "print"

AAA_TEXT = 7.0  # WCAG 1.4.6 Contrast (Enhanced)
NON_TEXT = 3.0  # WCAG 1.4.11 Non-text Contrast

# Text colours and every background they can sit on (body, asides/table
# headers/transcripts, code spans), plus the dedicated foreground/background pairs.
TEXT_COLOURS = ("--fg", "--muted", "--link", "--link-visited")
TEXT_BACKGROUNDS = ("--bg", "--surface", "--code-bg")
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    *((fg, bg) for fg in TEXT_COLOURS for bg in TEXT_BACKGROUNDS),
    ("--code-fg", "--code-bg"),
    ("--kicker-fg", "--kicker-bg"),
    ("--skip-fg", "--skip-bg"),
)
# Focus rings, table/rule borders and accent edges that convey structure.
NON_TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("--focus", "--bg"),
    ("--focus", "--surface"),
    ("--border", "--bg"),
    ("--border", "--surface"),
    ("--accent", "--bg"),
    ("--accent", "--surface"),
)
MODES = ("light", "dark")


# --------------------------------------------------------------------------- #
# Colour maths
# --------------------------------------------------------------------------- #

RGB = tuple[int, int, int]
HEX_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_hex(value: str) -> RGB:
    """Parse ``#rgb`` or ``#rrggbb`` into an (r, g, b) tuple of 0–255 ints."""
    text = value.strip()
    if not HEX_RE.fullmatch(text):
        raise ValueError(f"not a #rgb/#rrggbb colour: {value!r}")
    digits = text[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return (r, g, b)


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(c8: int) -> float:
        c = c8 / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio between two hex colours (1.0 – 21.0)."""
    la, lb = relative_luminance(parse_hex(a)), relative_luminance(parse_hex(b))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


# --------------------------------------------------------------------------- #
# A minimal CSS parser: enough for flat rules nested in @media blocks
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]
    declarations: dict[str, str]
    at_rules: tuple[str, ...]  # enclosing at-rule preludes, normalised, outermost first

    def in_media(self, condition: str) -> bool:
        return any(condition in at for at in self.at_rules)


def _normalise_prelude(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().lower())
    return re.sub(r"\s*:\s*", ": ", text)


def _split_top_level(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside quotes, parentheses and brackets."""
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    current: list[str] = []
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def strip_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


def parse_css(css: str) -> list[Rule]:
    text = strip_comments(css)
    rules: list[Rule] = []
    stack: list[str] = []
    buffer: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            prelude = "".join(buffer).strip()
            buffer = []
            if prelude.startswith("@"):
                stack.append(_normalise_prelude(prelude))
                i += 1
                continue
            end = text.index("}", i)
            body = text[i + 1 : end]
            if "{" in body:
                raise ValueError(f"unexpected nested block in rule {prelude!r}")
            declarations: dict[str, str] = {}
            for decl in _split_top_level(body, ";"):
                name, colon, value = decl.partition(":")
                if not colon or not value.strip():
                    raise ValueError(f"malformed declaration {decl!r} in {prelude!r}")
                declarations[name.strip().lower()] = " ".join(value.split())
            selectors = tuple(" ".join(s.split()) for s in _split_top_level(prelude, ","))
            rules.append(Rule(selectors, declarations, tuple(stack)))
            i = end + 1
            continue
        if ch == "}":
            if not stack:
                raise ValueError("unbalanced '}'")
            if "".join(buffer).strip():
                raise ValueError(f"stray text before '}}': {''.join(buffer)!r}")
            stack.pop()
            buffer = []
        else:
            buffer.append(ch)
        i += 1
    if stack or "".join(buffer).strip():
        raise ValueError("unterminated block or trailing text")
    return rules


@cache
def theme_css() -> str:
    return THEME_PATH.read_text(encoding="utf-8")


@cache
def theme_rules() -> tuple[Rule, ...]:
    return tuple(parse_css(theme_css()))


def rules_for(selector: str, *, media: str | None = None) -> list[Rule]:
    """Rules listing ``selector`` exactly; ``media=None`` means outside any at-rule."""
    found = []
    for rule in theme_rules():
        if selector not in rule.selectors:
            continue
        if media is None and rule.at_rules:
            continue
        if media is not None and not rule.in_media(media):
            continue
        found.append(rule)
    return found


def declaration(selector: str, prop: str, *, media: str | None = None) -> str:
    """The last value of ``prop`` for ``selector`` in the given context."""
    values = [
        r.declarations[prop] for r in rules_for(selector, media=media) if prop in r.declarations
    ]
    assert values, f"{selector} has no {prop} declaration (media={media})"
    return values[-1]


def custom_properties(mode: str) -> dict[str, str]:
    """``:root`` custom properties in light mode, or light overridden by dark."""
    props: dict[str, str] = {}
    for rule in rules_for(":root"):
        props.update({k: v for k, v in rule.declarations.items() if k.startswith("--")})
    if mode == "dark":
        for rule in rules_for(":root", media=DARK):
            props.update({k: v for k, v in rule.declarations.items() if k.startswith("--")})
    return props


def resolve_colour(props: dict[str, str], name: str, seen: frozenset[str] = frozenset()) -> str:
    """Resolve a custom property to a hex colour, following ``var(--x)`` chains."""
    assert name in props, f"custom property {name} is not defined on :root"
    assert name not in seen, f"cyclic var() reference via {name}"
    value = props[name].strip()
    ref = re.fullmatch(r"var\(\s*(--[\w-]+)\s*\)", value)
    if ref:
        return resolve_colour(props, ref.group(1), seen | {name})
    parse_hex(value)  # raises on anything that is not #rgb/#rrggbb
    return value


def length_in_rem(value: str, *, root_px: float = 16.0) -> float:
    match = re.fullmatch(r"([\d.]+)(rem|em|px)", value.strip())
    assert match, f"cannot interpret length {value!r}"
    number, unit = float(match.group(1)), match.group(2)
    return number / root_px if unit == "px" else number


def length_in_px(value: str, *, root_px: float = 16.0) -> float:
    return length_in_rem(value, root_px=root_px) * root_px


# --------------------------------------------------------------------------- #
# The helpers themselves
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#fff", "#000", 21.0),
        ("#777777", "#ffffff", 4.48),
        ("#767676", "#ffffff", 4.54),
        ("#0000ff", "#ffffff", 8.59),
        ("#123456", "#123456", 1.0),
    ],
)
def test_contrast_ratio_known_values(a: str, b: str, expected: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(b, a) == pytest.approx(contrast_ratio(a, b))


def test_parse_hex_expands_short_form_and_rejects_garbage() -> None:
    assert parse_hex("#abc") == parse_hex("#AABBCC") == (170, 187, 204)
    for bad in ("abc", "#abcd", "#ggg", "red", "rgb(0,0,0)", "#1234567"):
        with pytest.raises(ValueError):
            parse_hex(bad)


def test_relative_luminance_extremes() -> None:
    assert relative_luminance((0, 0, 0)) == 0.0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)


def test_parser_tracks_media_nesting_and_last_declaration_wins() -> None:
    rules = parse_css(
        "/* c { x } */ a, b { color: #000; color: #111 }\n"
        "@media (prefers-color-scheme:dark) { :root { --bg: #000; } }\n"
        'x::after { content: " (" attr(href) ")"; }'
    )
    assert rules[0].selectors == ("a", "b") and rules[0].declarations == {"color": "#111"}
    assert rules[1].at_rules == ("@media (prefers-color-scheme: dark)",)
    assert rules[2].declarations["content"] == '" (" attr(href) ")"'
    with pytest.raises(ValueError):
        parse_css("a { color: red; ")
    with pytest.raises(ValueError):
        parse_css("a { color red }")


def test_resolve_colour_follows_var_and_rejects_non_hex() -> None:
    props = {"--a": "#fff", "--b": "var(--a)", "--c": "red"}
    assert resolve_colour(props, "--b") == "#fff"
    with pytest.raises(ValueError):
        resolve_colour(props, "--c")
    with pytest.raises(AssertionError):
        resolve_colour(props, "--missing")


# --------------------------------------------------------------------------- #
# File-level properties
# --------------------------------------------------------------------------- #


def test_first_line_names_the_theme() -> None:
    first = theme_css().splitlines()[0].strip()
    assert first.startswith("/*") and first.endswith("*/")
    assert "a11yrender default theme" in first


def test_theme_parses_and_stays_compact() -> None:
    assert len(theme_rules()) > 40
    assert len(theme_css().splitlines()) <= 300, "theme is inlined into every page"
    assert len(theme_css().encode("utf-8")) < 14_000


def test_every_var_reference_is_defined() -> None:
    defined = set(custom_properties("light"))
    used = set(re.findall(r"var\(\s*(--[\w-]+)", strip_comments(theme_css())))
    assert used <= defined, f"undefined custom properties: {sorted(used - defined)}"


def test_every_colour_property_is_contrast_checked() -> None:
    # Adding a colour without deciding which contrast pair it belongs to fails here.
    colours = {
        name for name, value in custom_properties("light").items() if HEX_RE.fullmatch(value)
    }
    checked = {name for pair in TEXT_PAIRS + NON_TEXT_PAIRS for name in pair}
    assert colours <= checked, f"colours without a contrast check: {sorted(colours - checked)}"


def test_dark_mode_overrides_the_palette() -> None:
    light, dark = custom_properties("light"), custom_properties("dark")
    assert rules_for(":root", media=DARK), "no :root block inside the dark media query"
    for name in ("--fg", "--bg", "--link", "--focus"):
        assert light[name].lower() != dark[name].lower(), f"{name} is the same in both modes"
    assert relative_luminance(parse_hex(resolve_colour(dark, "--bg"))) < 0.05


def test_color_scheme_declared() -> None:
    assert "light" in declaration(":root", "color-scheme")
    assert "dark" in declaration(":root", "color-scheme")


# --------------------------------------------------------------------------- #
# Contrast
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS, ids=[f"{f}/{b}" for f, b in TEXT_PAIRS])
def test_text_contrast_is_aaa(mode: str, fg: str, bg: str) -> None:
    props = custom_properties(mode)
    ratio = contrast_ratio(resolve_colour(props, fg), resolve_colour(props, bg))
    assert ratio >= AAA_TEXT, f"{mode}: {fg} on {bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("fg", "bg"), NON_TEXT_PAIRS, ids=[f"{f}/{b}" for f, b in NON_TEXT_PAIRS])
def test_non_text_contrast(mode: str, fg: str, bg: str) -> None:
    props = custom_properties(mode)
    ratio = contrast_ratio(resolve_colour(props, fg), resolve_colour(props, bg))
    assert ratio >= NON_TEXT, f"{mode}: {fg} against {bg} is {ratio:.2f}:1"


def test_colours_come_from_custom_properties() -> None:
    # Outside :root and print, literal colours would escape the contrast checks.
    for rule in theme_rules():
        if ":root" in rule.selectors or rule.in_media(PRINT):
            continue
        for prop in ("color", "background", "background-color", "outline-color", "border-color"):
            value = rule.declarations.get(prop, "")
            assert not HEX_RE.search(value), f"{rule.selectors}: literal colour in {prop}"


def test_components_use_their_colour_pairs() -> None:
    assert declaration("body", "color") == "var(--fg)"
    assert declaration("body", "background") == "var(--bg)"
    assert declaration("a", "color") == "var(--link)"
    assert declaration("a:visited", "color") == "var(--link-visited)"
    assert declaration(".kicker", "color") == "var(--kicker-fg)"
    assert declaration(".kicker", "background") == "var(--kicker-bg)"
    assert declaration(".skip-link:focus", "color") == "var(--skip-fg)"
    assert declaration(".skip-link:focus", "background") == "var(--skip-bg)"
    assert declaration("figcaption", "color") == "var(--muted)"
    assert declaration("pre", "color") == "var(--code-fg)"
    assert declaration("pre", "background") == "var(--code-bg)"


# --------------------------------------------------------------------------- #
# Typography, layout and reflow
# --------------------------------------------------------------------------- #


def _min_size_rem(value: str) -> float:
    clamp = re.fullmatch(r"clamp\(\s*([^,]+),[^,]+,\s*([^)]+)\)", value)
    return length_in_rem(clamp.group(1) if clamp else value)


def test_body_text_size_and_line_height() -> None:
    assert length_in_rem(declaration("body", "font-size")) >= 1.125
    assert float(declaration("body", "line-height")) >= 1.5


def test_no_font_sizes_in_px() -> None:
    for rule in theme_rules():
        size = rule.declarations.get("font-size", "") + rule.declarations.get("font", "")
        assert not re.search(r"\d(px)\b", size), (
            f"{rule.selectors}: px font size blocks text resize"
        )


@pytest.mark.parametrize("heading", ["h1", "h2", "h3", "h4", "h5", "h6"])
def test_headings_never_smaller_than_body(heading: str) -> None:
    size = declaration(heading, "font-size")
    assert _min_size_rem(size) >= length_in_rem(declaration("body", "font-size"))


@pytest.mark.parametrize("heading", ["h1", "h2"])
def test_large_headings_are_clamped_for_small_screens(heading: str) -> None:
    size = declaration(heading, "font-size")
    match = re.fullmatch(r"clamp\(\s*([\d.]+)rem,[^,]+,\s*([\d.]+)rem\s*\)", size)
    assert match, f"{heading} should use clamp(<rem>, <fluid>, <rem>): {size}"
    low, high = float(match.group(1)), float(match.group(2))
    assert high <= 2.5 * low, "a larger spread can defeat 200% text zoom (WCAG 1.4.4)"
    assert high <= 3.0, "headline too large for a 320px viewport"


def test_measure_is_limited_and_centred() -> None:
    width = declaration("body", "max-inline-size")
    chars = re.search(r"([\d.]+)ch", width)
    assert chars and 45 <= float(chars.group(1)) <= 75
    assert declaration("body", "margin-inline") == "auto"


def test_long_words_wrap_instead_of_scrolling() -> None:
    assert declaration("body", "overflow-wrap") == "anywhere"
    assert declaration("pre", "white-space") == "pre-wrap"
    for rule in theme_rules():
        for prop in ("overflow", "overflow-x", "overflow-y", "overflow-inline"):
            assert rule.declarations.get(prop) not in {"auto", "scroll"}, (
                f"{rule.selectors}: a scroll container would need keyboard focus"
            )


def test_tables_keep_table_display() -> None:
    table_parts = re.compile(r"(?<![\w.#-])(table|caption|thead|tbody|tfoot|tr|th|td)(?![\w-])")
    for rule in theme_rules():
        if "display" in rule.declarations and any(table_parts.search(s) for s in rule.selectors):
            assert rule.declarations["display"].startswith("table"), (
                f"{rule.selectors}: changing table display drops table semantics"
            )


def test_tables_are_readable() -> None:
    assert "var(--border)" in declaration("th", "border")
    assert declaration("th", "background") == "var(--surface)"
    assert declaration("th", "text-align") == "start"
    assert declaration("table", "border-collapse") == "collapse"


def test_media_scales_down() -> None:
    for element in ("img", "video"):
        assert declaration(element, "max-width") == "100%"
        assert declaration(element, "height") == "auto"


def test_inline_semantics() -> None:
    assert "dotted" in declaration("abbr[title]", "text-decoration")
    assert declaration("q", "quotes") == "auto"
    assert declaration(".kicker", "display") == "block"


def test_only_logical_directional_properties() -> None:
    physical = re.compile(r"^(margin|padding|border)-(left|right)\b|^(left|right)$|^(float|clear)$")
    for rule in theme_rules():
        for prop, value in rule.declarations.items():
            assert not physical.search(prop), f"{rule.selectors}: {prop} breaks dir=rtl"
            if prop == "text-align":
                assert value not in {"left", "right"}, f"{rule.selectors}: use start/end"


# --------------------------------------------------------------------------- #
# Links, focus, skip link, targets
# --------------------------------------------------------------------------- #


def test_links_are_underlined() -> None:
    assert "underline" in declaration("a", "text-decoration")
    for rule in theme_rules():
        if any(re.search(r"(^|[\s>+~])a(?![\w-])", s) for s in rule.selectors):
            assert rule.declarations.get("text-decoration") != "none", rule.selectors


def _outline_width_px(value: str) -> float:
    match = re.search(r"([\d.]+(?:px|rem|em))", value)
    assert match, f"no outline width in {value!r}"
    return length_in_px(match.group(1))


def test_focus_visible_ring() -> None:
    outline = declaration(":focus-visible", "outline")
    assert _outline_width_px(outline) >= 2
    assert "solid" in outline and "var(--focus)" in outline
    assert _outline_width_px(declaration(":focus-visible", "outline-offset")) >= 1


def test_outline_only_removed_from_programmatically_focused_main() -> None:
    for rule in theme_rules():
        outline = rule.declarations.get("outline", "") + rule.declarations.get("outline-style", "")
        if outline.strip() in {"none", "0", "0px"}:
            assert rule.selectors == ('main[tabindex="-1"]:focus:not(:focus-visible)',), (
                f"{rule.selectors} hides the focus indicator"
            )


HIDDEN_DECLS = {"position": "absolute", "overflow": "hidden", "clip-path": "inset(50%)"}


@pytest.mark.parametrize("selector", [".skip-link", ".visually-hidden"])
def test_visually_hidden_pattern(selector: str) -> None:
    for prop, value in HIDDEN_DECLS.items():
        assert declaration(selector, prop) == value
    assert declaration(selector, "inline-size") == "1px"
    assert declaration(selector, "white-space") == "nowrap"


def test_skip_link_is_shown_on_focus() -> None:
    assert declaration(".skip-link:focus", "clip-path") == "none"
    assert declaration(".skip-link:focus", "clip") == "auto"
    assert declaration(".skip-link:focus", "overflow") == "visible"
    assert declaration(".skip-link:focus", "inline-size") == "auto"
    assert declaration(".skip-link:focus", "inset-block-start").endswith("rem")
    assert "CanvasText" in declaration(".skip-link:focus", "border", media=FORCED)


@pytest.mark.parametrize("selector", [".skip-link", ".skip-link:focus", ".back-to-top"])
def test_skip_and_back_links_are_never_removed(selector: str) -> None:
    for rule in theme_rules():
        if any(selector in s for s in rule.selectors):
            assert rule.declarations.get("display") != "none" or (
                selector == ".back-to-top" and rule.in_media(PRINT)
            ), f"{rule.selectors} removes {selector} for assistive technology"
            assert rule.declarations.get("visibility") != "hidden", rule.selectors
    assert ".back-to-top" not in rules_for(".skip-link")[0].selectors


@pytest.mark.parametrize("selector", ["nav a", ".back-to-top", "button"])
def test_target_size_minimum(selector: str) -> None:
    assert length_in_px(declaration(selector, "min-block-size")) >= 24
    assert length_in_px(declaration(selector, "min-inline-size")) >= 24


def test_list_links_are_block_targets() -> None:
    assert declaration("nav a", "display") == "inline-block"


# --------------------------------------------------------------------------- #
# Media queries
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("condition", [DARK, REDUCE, NO_PREFERENCE, FORCED])
def test_media_query_present(condition: str) -> None:
    assert any(rule.in_media(condition) for rule in theme_rules()), condition


def test_print_media_present() -> None:
    assert any(at.startswith("@media print") for r in theme_rules() for at in r.at_rules)


def test_reduced_motion() -> None:
    for prop in ("animation-duration", "transition-duration"):
        assert declaration("*", prop, media=REDUCE).startswith("0.01ms")
    assert declaration("*", "scroll-behavior", media=REDUCE).startswith("auto")
    for rule in theme_rules():
        if rule.declarations.get("scroll-behavior") == "smooth":
            assert rule.in_media(NO_PREFERENCE), "smooth scrolling must be opt-in"
        if not rule.in_media(REDUCE):
            for prop in ("animation", "animation-name", "transition"):
                assert prop not in rule.declarations, f"{rule.selectors}: unexpected motion"


def test_forced_colors_uses_system_colours() -> None:
    outline = declaration(":focus-visible", "outline", media=FORCED)
    assert _outline_width_px(outline) >= 2 and ("Highlight" in outline or "CanvasText" in outline)
    assert declaration("a", "color", media=FORCED) == "LinkText"
    assert declaration("th", "border-color", media=FORCED) == "CanvasText"
    assert declaration(".skip-link:focus", "background", media=FORCED) == "Canvas"


def test_print_styles() -> None:
    assert declaration("*", "color", media=PRINT).startswith("#000")
    assert declaration("html", "background", media=PRINT).startswith("#fff")
    for hidden in ("nav", ".back-to-top"):
        assert declaration(hidden, "display", media=PRINT) == "none"
    for kept in ("main", "article", "body", "figure", "table"):
        for rule in rules_for(kept, media=PRINT):
            assert rule.declarations.get("display") != "none", f"print hides {kept}"
    assert "attr(href)" in declaration('a[href^="http"]::after', "content", media=PRINT)
    for block in ("figure", "table", "blockquote"):
        assert declaration(block, "break-inside", media=PRINT) == "avoid"
    for heading in ("h1", "h2", "h3"):
        assert declaration(heading, "break-after", media=PRINT) == "avoid"


# --------------------------------------------------------------------------- #
# Optional: the Nu checker validates CSS inside <style>
# --------------------------------------------------------------------------- #


@pytest.mark.browser
@pytest.mark.slow
def test_nu_checker_accepts_the_stylesheet(tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.skip("java or vnu.jar not available")
    page = tmp_path / "theme.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Theme</title>'
        f"<style>{theme_css()}</style></head><body><main><p>Text</p></main></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "text", str(page)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
