"""Build script: the HTML reader's modules compiled with mypyc where possible.

Everything else about the package is declared in ``pyproject.toml``; this
file only adds the compiled modules. They are the same source files, turned
into C extensions by mypyc (as black and mypy ship themselves), which reads
pages about a fifth faster. The pure-Python modules stay in the package, so
the reader works the same way without them, and it is built without them:

- for an editable install (``pip install -e .``), so that an edited ``.py``
  file is what runs, with no stale compiled copy in front of it;
- when ``A11YRENDER_PURE_PYTHON`` is set to anything but ``0`` or empty;
- when mypyc cannot compile them (no C compiler, say): the build says so in
  a warning and goes on with pure Python. It is all of them or none, since
  they call one another natively.

``a11yrender --version`` tells which kind of build is installed.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

# Kept in step with a11yrender/_build.py, which reports what was compiled.
COMPILED = [
    "a11yrender/readers/_decode.py",
    "a11yrender/readers/_html_convert.py",
    "a11yrender/readers/_html_extract.py",
    "a11yrender/readers/_html_meta.py",
    "a11yrender/readers/_html_own.py",
    "a11yrender/readers/_html_parse.py",
    "a11yrender/readers/html.py",
    "a11yrender/readers/text.py",
]


def _warn(message: str) -> None:
    print(f"a11yrender build: {message}; installing pure Python modules only",
          file=sys.stderr)


def _wanted() -> bool:
    if os.environ.get("A11YRENDER_PURE_PYTHON", "") not in ("", "0"):
        return False
    # setuptools runs this file with the command it builds (PEP 517/660).
    return not any(cmd in sys.argv for cmd in ("editable_wheel", "develop"))


def _ext_modules() -> list[Any]:
    if not _wanted():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed")
        return []
    try:
        # The build runs before the package's dependencies are installed, so
        # mypy may not find them (charset-normalizer, num2words): they are
        # typed as Any here, which changes nothing in the compiled code.
        return list(mypycify([*COMPILED, "--ignore-missing-imports", "--no-warn-unused-ignores"],
                             opt_level="3", debug_level="0"))
    except (Exception, SystemExit) as err:  # mypy exits on type errors
        _warn(f"mypyc could not compile the modules ({err})")
        return []


class OptionalBuildExt(build_ext):
    """``build_ext`` that falls back to pure Python when compiling fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as err:
            _warn(f"compiling the modules failed ({err})")
            # None of them: the modules' shims need the shared library.
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            self.extensions = []
            self.distribution.ext_modules = []


if __name__ == "__main__":  # as setuptools runs it; tests import it to read COMPILED
    setup(ext_modules=_ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
