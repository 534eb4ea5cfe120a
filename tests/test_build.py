"""The build: which modules setup.py compiles with mypyc, and when it does not."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from a11yrender._build import COMPILABLE, compiled_modules, describe

ROOT = Path(__file__).resolve().parent.parent


def _setup_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("a11yrender_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # setup() runs only as __main__
    return module


def test_setup_compiles_the_modules_the_package_reports() -> None:
    setup = _setup_module()
    names = [path.removesuffix(".py").replace("/", ".") for path in setup.COMPILED]
    assert names == list(COMPILABLE)


@pytest.mark.parametrize(("env", "argv", "wanted"), [
    ("", ["setup.py", "bdist_wheel"], True),
    ("0", ["setup.py", "bdist_wheel"], True),
    ("1", ["setup.py", "bdist_wheel"], False),
    ("", ["setup.py", "editable_wheel", "--dist-dir", "x"], False),
])
def test_editable_and_opted_out_builds_stay_pure(monkeypatch: pytest.MonkeyPatch, env: str,
                                                 argv: list[str], wanted: bool) -> None:
    setup = _setup_module()
    monkeypatch.setenv("A11YRENDER_PURE_PYTHON", env)
    monkeypatch.setattr(sys, "argv", argv)
    assert setup._wanted() is wanted
    if not wanted:
        assert setup._ext_modules() == []


def test_the_build_is_all_or_nothing() -> None:
    found = compiled_modules()
    assert found in ([], list(COMPILABLE))
    assert describe() == ("pure Python" if not found else "HTML reader compiled with mypyc")


@pytest.mark.skipif(not os.environ.get("A11YRENDER_EXPECT_COMPILED"),
                    reason="only where the compiled build is installed (.ci/compiled-tests.sh)")
def test_the_compiled_build_is_what_runs() -> None:
    assert compiled_modules() == list(COMPILABLE)
    import a11yrender.readers._html_extract as extract

    assert not extract.__file__ or not extract.__file__.endswith(".py")
