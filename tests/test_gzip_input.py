"""Saved pages compressed with gzip (``page.html.gz``) read like the page itself."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import a11yrender as ar
from a11yrender.errors import InputTooLargeError, ReadError
from a11yrender.readers import MAX_INPUT_BYTES, gunzip

from .conftest import EXAMPLE

PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>Ferry times change - Island News</title>
</head><body><article><h1>Ferry times change</h1>
<p>From Monday the first ferry leaves at ten past six, the council said on Friday.</p>
<p>The last ferry of the day will leave twenty minutes later than it does now.</p>
<p>Passengers with season tickets do not need to renew them before the change.</p>
</article></body></html>"""


def test_a_gzipped_page_reads_as_the_page(tmp_path: Path) -> None:
    plain = tmp_path / "ferry.html"
    plain.write_bytes(PAGE)
    packed = tmp_path / "ferry.html.gz"
    packed.write_bytes(gzip.compress(PAGE))
    assert ar.read(packed) == ar.read(plain)
    # The suffix under .gz picks the reader; without it the content is sniffed.
    text = tmp_path / "example.txt.gz"
    text.write_bytes(gzip.compress(EXAMPLE.read_bytes()))
    assert ar.read(text) == ar.read(EXAMPLE)


def test_several_members_and_trailing_padding() -> None:
    data = gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:]) + b"\0" * 8
    assert gunzip(data) == PAGE


def test_bad_gzip_is_a_clear_error(tmp_path: Path) -> None:
    whole = gzip.compress(PAGE)
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReadError, match="truncated gzip"):
        ar.read(cut)
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(whole[:10] + b"\xff" * 40)
    with pytest.raises(ReadError, match="not a valid gzip file"):
        ar.read(broken)


def test_a_gzip_bomb_is_refused_by_its_decompressed_size(tmp_path: Path) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"<p>" + b"a" * (1 << 20) + b"</p>"
    bomb = b"".join(z.compress(block) for _ in range(MAX_INPUT_BYTES // len(block) + 2))
    bomb += z.flush()
    assert len(bomb) < 1 << 20  # well under a megabyte on disk
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(bomb)
    with pytest.raises(InputTooLargeError, match="decompresses to over the limit"):
        ar.read(path)


def test_cli_renders_a_gzipped_page_named_after_the_page(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ferry.html.gz").write_bytes(gzip.compress(PAGE))
    done = subprocess.run([sys.executable, "-m", "a11yrender", "render", str(tmp_path / "in"),
                           "--to", "text", "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out" / "ferry.txt"
    assert "first ferry leaves at ten past six" in out.read_text(encoding="utf-8")
    piped = subprocess.run([sys.executable, "-m", "a11yrender", "render", "-", "--to", "text"],
                           input=gzip.compress(PAGE), capture_output=True, check=False)
    assert piped.returncode == 0 and b"Ferry times change" in piped.stdout
