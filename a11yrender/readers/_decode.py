"""Bytes to text for every reader: BOMs, UTF-8, UTF-16 without BOM, cp1252.

Binary input (images, archives, executables) is refused with a clear
:class:`~a11yrender.errors.ReadError` instead of being read as mojibake.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError

__all__ = ["codec_for_label", "decode_bytes", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Controls other than tab, newline, form feed and carriage return never occur
# in text a person saved; a few percent of them means the input is binary.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x7fELF",
          b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"MZ", b"RIFF", b"OggS", b"ID3")


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary data."""
    sample = text[:8192]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROLS.findall(sample)) > max(2, len(sample) // 100)


def decode_bytes(data: bytes, *, what: str = "input") -> str:
    """Decode ``data``: BOM, else UTF-8, else UTF-16 by its NUL pattern, else cp1252."""
    if any(data.startswith(m) for m in _MAGIC):
        raise ReadError(f"{what} is a binary file, not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise ReadError(f"{what} starts with a {codec} byte-order mark but is not "
                                f"valid {codec}: {err.reason} at byte {err.start}") from None
            return _checked(text, what)
    # UTF-16 first: ASCII text in UTF-16 is also valid UTF-8 (full of NULs).
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even < odd // 8:
            return _checked(_strict(data, "utf-16-le", what), what)
        if even > len(head) // 4 and odd < even // 8:
            return _checked(_strict(data, "utf-16-be", what), what)
    try:
        return _checked(data.decode("utf-8"), what)
    except UnicodeDecodeError:
        pass
    if b"\x00" in head:
        raise ReadError(f"{what} is a binary file, not text")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them to controls.
        text = data.decode("latin-1")
    return _checked(text, what)


def _strict(data: bytes, codec: str, what: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise ReadError(f"{what} looks like {codec} but is not valid: {err.reason}") from None


def _checked(text: str, what: str) -> str:
    if looks_binary(text):
        raise ReadError(f"{what} is a binary file, not text")
    return text


# WHATWG Encoding Standard labels -> the Python codec that decodes them.
# Only these codecs are ever used: a page must not pick "unicode_escape",
# "utf-7" or any other codec Python happens to know.
_WHATWG: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8",
              "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859_2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592",
                  "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"),
    "iso8859_3": ("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593",
                  "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"),
    "iso8859_4": ("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594",
                  "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"),
    "iso8859_5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5",
                  "iso88595", "iso_8859-5", "iso_8859-5:1988"),
    "iso8859_6": ("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic",
                  "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127",
                  "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"),
    "iso8859_7": ("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
                  "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987",
                  "sun_eu_greek"),
    "iso8859_8": ("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
                  "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988",
                  "visual", "csiso88598i", "iso-8859-8-i", "logical"),
    "iso8859_10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910",
                   "l6", "latin6"),
    "iso8859_13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859_14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859_15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15",
                   "l9"),
    "iso8859_16": ("iso-8859-16",),
    "koi8_r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8_u": ("koi8-ru", "koi8-u"),
    "mac_roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
               "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
               "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"),
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
               "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac_cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian", "maccyrillic"),
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80",
                "gbk", "iso-ir-58", "x-gbk", "gb18030"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc_jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022_jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
              "windows-31j", "x-sjis"),
    "cp949": ("cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987",
              "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949", "euc-kr"),
}
# WHATWG: a UTF-16 label found in the markup itself means UTF-8 (the markup
# was readable as ASCII, so it cannot really be UTF-16).
_UTF16_LABELS = ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff",
                 "unicodefffe", "utf-16", "utf-16be", "utf-16le")
_LABELS: dict[str, str] = {
    label: codec for codec, labels in _WHATWG.items() for label in labels
} | dict.fromkeys(_UTF16_LABELS, "utf-8")
_CODECS = frozenset(_LABELS.values())


def codec_for_label(label: str) -> str | None:
    """The Python codec for an encoding label, per the WHATWG table (or None)."""
    key = label.strip().strip("\"'").lower()
    codec = _LABELS.get(key) or _LABELS.get(key.replace("_", "-"))
    if codec:
        return codec
    try:
        # Detectors report Python codec names ("cp932", "utf_8"); accept one
        # only if it is a codec the table uses.
        name = codecs.lookup(key).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    for codec in _CODECS:
        if codecs.lookup(codec).name.replace("-", "_") == name:
            return codec
    return None
