"""CSS colour values: parsing (hex, named, ``rgb()``/``rgba()``, ``hsl()``/``hsla()``,
``hwb()``, ``transparent``) and alpha compositing, for :mod:`.contrast`."""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Callable, Sequence
from typing import Final, TypeAlias

#: A colour: red, green and blue from 0 to 255 and alpha from 0 to 1.
RGBA: TypeAlias = tuple[float, float, float, float]

#: Red, green and blue from 0 to 255.
_RGB: TypeAlias = tuple[float, float, float]

WHITE: Final[RGBA] = (255.0, 255.0, 255.0, 1.0)
BLACK: Final[RGBA] = (0.0, 0.0, 0.0, 1.0)
TRANSPARENT: Final[RGBA] = (0.0, 0.0, 0.0, 0.0)

_NAMED: Final[dict[str, str]] = {
    "aliceblue": "f0f8ff", "antiquewhite": "faebd7", "aqua": "00ffff",
    "aquamarine": "7fffd4", "azure": "f0ffff", "beige": "f5f5dc", "bisque": "ffe4c4",
    "black": "000000", "blanchedalmond": "ffebcd", "blue": "0000ff",
    "blueviolet": "8a2be2", "brown": "a52a2a", "burlywood": "deb887",
    "cadetblue": "5f9ea0", "chartreuse": "7fff00", "chocolate": "d2691e",
    "coral": "ff7f50", "cornflowerblue": "6495ed", "cornsilk": "fff8dc",
    "crimson": "dc143c", "cyan": "00ffff", "darkblue": "00008b", "darkcyan": "008b8b",
    "darkgoldenrod": "b8860b", "darkgray": "a9a9a9", "darkgreen": "006400",
    "darkgrey": "a9a9a9", "darkkhaki": "bdb76b", "darkmagenta": "8b008b",
    "darkolivegreen": "556b2f", "darkorange": "ff8c00", "darkorchid": "9932cc",
    "darkred": "8b0000", "darksalmon": "e9967a", "darkseagreen": "8fbc8f",
    "darkslateblue": "483d8b", "darkslategray": "2f4f4f", "darkslategrey": "2f4f4f",
    "darkturquoise": "00ced1", "darkviolet": "9400d3", "deeppink": "ff1493",
    "deepskyblue": "00bfff", "dimgray": "696969", "dimgrey": "696969",
    "dodgerblue": "1e90ff", "firebrick": "b22222", "floralwhite": "fffaf0",
    "forestgreen": "228b22", "fuchsia": "ff00ff", "gainsboro": "dcdcdc",
    "ghostwhite": "f8f8ff", "gold": "ffd700", "goldenrod": "daa520", "gray": "808080",
    "green": "008000", "greenyellow": "adff2f", "grey": "808080", "honeydew": "f0fff0",
    "hotpink": "ff69b4", "indianred": "cd5c5c", "indigo": "4b0082", "ivory": "fffff0",
    "khaki": "f0e68c", "lavender": "e6e6fa", "lavenderblush": "fff0f5",
    "lawngreen": "7cfc00", "lemonchiffon": "fffacd", "lightblue": "add8e6",
    "lightcoral": "f08080", "lightcyan": "e0ffff", "lightgoldenrodyellow": "fafad2",
    "lightgray": "d3d3d3", "lightgreen": "90ee90", "lightgrey": "d3d3d3",
    "lightpink": "ffb6c1", "lightsalmon": "ffa07a", "lightseagreen": "20b2aa",
    "lightskyblue": "87cefa", "lightslategray": "778899", "lightslategrey": "778899",
    "lightsteelblue": "b0c4de", "lightyellow": "ffffe0", "lime": "00ff00",
    "limegreen": "32cd32", "linen": "faf0e6", "magenta": "ff00ff", "maroon": "800000",
    "mediumaquamarine": "66cdaa", "mediumblue": "0000cd", "mediumorchid": "ba55d3",
    "mediumpurple": "9370db", "mediumseagreen": "3cb371", "mediumslateblue": "7b68ee",
    "mediumspringgreen": "00fa9a", "mediumturquoise": "48d1cc",
    "mediumvioletred": "c71585", "midnightblue": "191970", "mintcream": "f5fffa",
    "mistyrose": "ffe4e1", "moccasin": "ffe4b5", "navajowhite": "ffdead", "navy": "000080",
    "oldlace": "fdf5e6", "olive": "808000", "olivedrab": "6b8e23", "orange": "ffa500",
    "orangered": "ff4500", "orchid": "da70d6", "palegoldenrod": "eee8aa",
    "palegreen": "98fb98", "paleturquoise": "afeeee", "palevioletred": "db7093",
    "papayawhip": "ffefd5", "peachpuff": "ffdab9", "peru": "cd853f", "pink": "ffc0cb",
    "plum": "dda0dd", "powderblue": "b0e0e6", "purple": "800080",
    "rebeccapurple": "663399", "red": "ff0000", "rosybrown": "bc8f8f",
    "royalblue": "4169e1", "saddlebrown": "8b4513", "salmon": "fa8072",
    "sandybrown": "f4a460", "seagreen": "2e8b57", "seashell": "fff5ee", "sienna": "a0522d",
    "silver": "c0c0c0", "skyblue": "87ceeb", "slateblue": "6a5acd", "slategray": "708090",
    "slategrey": "708090", "snow": "fffafa", "springgreen": "00ff7f",
    "steelblue": "4682b4", "tan": "d2b48c", "teal": "008080", "thistle": "d8bfd8",
    "tomato": "ff6347", "turquoise": "40e0d0", "violet": "ee82ee", "wheat": "f5deb3",
    "white": "ffffff", "whitesmoke": "f5f5f5", "yellow": "ffff00",
    "yellowgreen": "9acd32",
}  # fmt: skip

_NUM: Final = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")
_HUE: Final = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+))(deg|grad|rad|turn)?")
_HUE_UNITS: Final[dict[str, float]] = {"deg": 1.0, "grad": 0.9, "rad": 180.0 / math.pi,
                                       "turn": 360.0}


def _channel(token: str, scale: float) -> float | None:
    """A number or percentage of ``scale``, clamped to [0, scale]."""
    if token == "none":
        return 0.0
    pct = token.endswith("%")
    body = token[:-1] if pct else token
    if not _NUM.fullmatch(body):
        return None
    value = float(body) * scale / 100.0 if pct else float(body)
    return min(max(value, 0.0), scale)


def _hue(token: str) -> float | None:
    m = _HUE.fullmatch(token)
    if not m:
        return None if token != "none" else 0.0
    return float(m.group(1)) * _HUE_UNITS[m.group(2) or "deg"] % 360.0


def _rgb(args: Sequence[str]) -> _RGB | None:
    r, g, b = (_channel(a, 255.0) for a in args)
    return None if r is None or g is None or b is None else (r, g, b)


def _hue_percents(args: Sequence[str]) -> tuple[float, float, float] | None:
    """A hue in degrees and two percentages from 0 to 1 (``hsl()``'s and ``hwb()``'s)."""
    hue, s, t = _hue(args[0]), _channel(args[1], 100.0), _channel(args[2], 100.0)
    return None if hue is None or s is None or t is None else (hue, s / 100.0, t / 100.0)


def _hsl(args: Sequence[str]) -> _RGB | None:
    got = _hue_percents(args)
    if got is None:
        return None
    hue, saturation, lightness = got
    r, g, b = colorsys.hls_to_rgb(hue / 360.0, lightness, saturation)
    return (r * 255.0, g * 255.0, b * 255.0)


def _hwb(args: Sequence[str]) -> _RGB | None:
    got = _hue_percents(args)
    if got is None:
        return None
    hue, white, black = got
    if white + black >= 1.0:
        grey = white / (white + black) * 255.0
        return (grey, grey, grey)
    pure = colorsys.hls_to_rgb(hue / 360.0, 0.5, 1.0)
    r, g, b = ((c * (1.0 - white - black) + white) * 255.0 for c in pure)
    return (r, g, b)


#: The colour functions and what they make of their three arguments (legacy
#: and modern syntax alike; the alpha is read the same way for all).
_FUNCTIONS: Final[dict[str, Callable[[Sequence[str]], _RGB | None]]] = {
    "rgb": _rgb, "rgba": _rgb, "hsl": _hsl, "hsla": _hsl, "hwb": _hwb,
}
_FUNC: Final = re.compile(
    rf"({'|'.join(sorted(_FUNCTIONS, key=len, reverse=True))})\(\s*([^()]*)\)\Z")


def _arguments(args: str) -> tuple[list[str], str | None] | None:
    """Three arguments and the alpha (if any), of either syntax:
    ``r, g, b[, a]`` or ``r g b[ / a]``."""
    if "," in args:
        parts = [p.strip() for p in args.split(",")]
        alpha = parts[3] if len(parts) == 4 else None
        parts = parts[:3] if len(parts) in (3, 4) else []
    else:
        main, _, alpha_part = args.partition("/")
        parts = main.split()
        alpha = alpha_part.strip() if alpha_part else None
    return (parts, alpha) if len(parts) == 3 else None


def _from_hex(digits: str) -> RGBA:
    """Six or eight hex digits (``rrggbb[aa]``) as a colour."""
    alpha = int(digits[6:8], 16) / 255.0 if len(digits) == 8 else 1.0
    r, g, b = (float(int(digits[k : k + 2], 16)) for k in (0, 2, 4))
    return (r, g, b, alpha)


def parse_color(value: str) -> RGBA | None:
    """A CSS colour as RGBA, or ``None`` when it is not one this module knows
    (``currentcolor`` and system colours are resolved by the style resolver)."""
    v = value.strip().lower()
    if v in _NAMED:
        return _from_hex(_NAMED[v])
    if v == "transparent":
        return TRANSPARENT
    if v.startswith("#"):
        h = v[1:]
        if not re.fullmatch(r"[0-9a-f]+", h) or len(h) not in (3, 4, 6, 8):
            return None
        return _from_hex("".join(c * 2 for c in h) if len(h) in (3, 4) else h)
    m = _FUNC.match(v)
    got = _arguments(m.group(2)) if m else None
    if m is None or got is None:
        return None
    parts, alpha_token = got
    alpha = 1.0 if alpha_token is None else _channel(alpha_token, 1.0)
    rgb = _FUNCTIONS[m.group(1)](parts)
    if alpha is None or rgb is None:
        return None
    return (*rgb, alpha)


def composite(top: RGBA, bottom: RGBA) -> RGBA:
    """``top`` painted over ``bottom`` (source-over alpha compositing)."""
    ta, ba = top[3], bottom[3]
    a = ta + ba * (1.0 - ta)
    if a == 0.0:
        return TRANSPARENT

    def mix(t: float, b: float) -> float:
        return (t * ta + b * ba * (1.0 - ta)) / a

    return (mix(top[0], bottom[0]), mix(top[1], bottom[1]), mix(top[2], bottom[2]), a)


def to_hex(color: RGBA) -> str:
    """``#rrggbb`` (alpha dropped), for messages."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 255.0)):02x}" for c in color[:3])
