"""Plug-in renderers: found by name through the entry-point group
``a11yrender.renderers`` (the same path as the built-ins), listed by
``a11yrender formats``, usable from the CLI; a broken one is reported, not fatal.

The plug-ins are throwaway distributions written into ``tmp_path`` (a module
plus a ``*.dist-info`` folder with ``entry_points.txt``) and put on
``PYTHONPATH`` of a child process, so nothing is installed or left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any

import pytest

from a11yrender import UnknownFormatError, render
from a11yrender._registry import Registry
from a11yrender.builder import doc, p
from a11yrender.renderers import RENDERERS

ROOT = Path(__file__).resolve().parents[1]

SHOUT = '''\
"""A throwaway a11yrender renderer: the headline, upper-cased."""

import warnings

from a11yrender.errors import OptionError, RenderWarning


class ShoutRenderer:
    name = "shout"
    media_type = "text/x-shout"
    suffix = ".shout"

    def render(self, doc, /, **options):
        unknown = set(options) - {"whisper"}
        if unknown:
            raise OptionError(f"the shout renderer has no option {', '.join(sorted(unknown))}")
        if options.get("whisper"):
            warnings.warn(RenderWarning("shout cannot whisper"))
        return doc.meta.title.upper() + "\\n"
'''

BROKEN = '''\
raise ImportError("the broken renderer needs libbroken, which is not installed")
'''


def make_dist(where: Path, name: str, module_source: str, entry_points: str) -> None:
    """A minimal installed distribution: ``<name>.py`` and ``<name>-0.1.dist-info/``."""
    (where / f"{name}.py").write_text(module_source, encoding="utf-8")
    info = where / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points), encoding="utf-8")


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    make_dist(site, "throwaway_renderer", SHOUT,
              "[a11yrender.renderers]\nshout = throwaway_renderer:ShoutRenderer\n")
    make_dist(site, "broken_renderer", BROKEN,
              "[a11yrender.renderers]\nbroken = broken_renderer:BrokenRenderer\n")
    (tmp_path / "x.json").write_text(doc("Plug-ins are welcome", p("Body.")).to_json(),
                                     encoding="utf-8")
    return tmp_path


def cli(plugins: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(plugins / "site"), str(ROOT)])
    return subprocess.run([sys.executable, "-m", "a11yrender", *argv], cwd=plugins, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def formats_table(stdout: str) -> dict[tuple[str, str], str]:
    rows = [line.split(None, 2) for line in stdout.splitlines()]
    return {(r[0], r[1]): r[2] for r in rows}


# ----------------------------------------------------------------------------- through the CLI


def test_formats_lists_the_plugin(plugins: Path) -> None:
    proc = cli(plugins, "formats")
    assert proc.returncode == 0, proc.stderr
    table = formats_table(proc.stdout)
    assert table[("shout", "renderer")] == "text/x-shout"
    assert table[("json", "renderer")] == "application/json"


def test_render_with_the_plugin(plugins: Path) -> None:
    proc = cli(plugins, "render", "x.json", "--to", "shout")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "PLUG-INS ARE WELCOME\n"


def test_plugin_output_file_uses_its_suffix(plugins: Path) -> None:
    proc = cli(plugins, "render", "x.json", "--to", "shout,json", "-o", "out")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert sorted(os.listdir(plugins / "out")) == ["x.json", "x.shout"]
    assert (plugins / "out" / "x.shout").read_text(encoding="utf-8") == "PLUG-INS ARE WELCOME\n"


def test_plugin_options_and_warnings(plugins: Path) -> None:
    proc = cli(plugins, "render", "x.json", "--to", "shout", "-O", "whisper=true")
    assert proc.returncode == 0
    assert proc.stdout == "PLUG-INS ARE WELCOME\n"
    assert proc.stderr == "a11yrender: warning: shout cannot whisper\n"
    proc = cli(plugins, "render", "x.json", "--to", "shout", "-O", "volume=11")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "a11yrender: error: the shout renderer has no option volume\n"


def test_broken_plugin_is_listed_as_unavailable(plugins: Path) -> None:
    proc = cli(plugins, "formats")
    assert proc.returncode == 0, proc.stderr
    detail = formats_table(proc.stdout)[("broken", "renderer")]
    assert detail.startswith("unavailable: ")
    assert "libbroken" in detail
    assert ("shout", "renderer") in formats_table(proc.stdout)  # the others still work


def test_broken_plugin_fails_in_one_line(plugins: Path) -> None:
    proc = cli(plugins, "render", "x.json", "--to", "broken", "-o", "x.out")
    assert (proc.returncode, proc.stdout) == (1, "")
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("a11yrender: error: renderer 'broken' is unavailable")
    assert "libbroken" in lines[0]
    assert not (plugins / "x.out").exists()


def test_unknown_format_lists_plugins_too(plugins: Path) -> None:
    proc = cli(plugins, "render", "x.json", "--to", "nope")
    assert proc.returncode == 1
    assert proc.stderr.startswith("a11yrender: error: no renderer named 'nope'; available: ")
    assert "shout" in proc.stderr and "json" in proc.stderr and "broken" in proc.stderr


# ----------------------------------------------------------------------------- in-process


def test_in_process_entry_point(plugins: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(plugins / "site"))
    monkeypatch.delitem(sys.modules, "throwaway_renderer", raising=False)
    try:
        registry: Registry[Any] = Registry("a11yrender.renderers", "renderer")
        assert "shout" in registry.names()
        d = doc("Quiet please", p("Body."))
        assert registry.get("shout").render(d) == "QUIET PLEASE\n"
        assert render(d, "shout") == "QUIET PLEASE\n"  # the package's own registry too
        assert RENDERERS.status()["broken"] is not None
    finally:
        sys.modules.pop("throwaway_renderer", None)


@pytest.mark.parametrize("name", ["json", "html", "text"])
def test_builtins_are_also_entry_points(name: str) -> None:
    try:
        dist = distribution("a11yrender")
    except PackageNotFoundError:
        pytest.skip("a11yrender is not installed, so its entry points are not either")
    declared = {ep.name for ep in dist.entry_points if ep.group == "a11yrender.renderers"}
    assert name in declared
    # A registry that knows nothing but the entry-point group finds the built-in.
    bare: Registry[Any] = Registry("a11yrender.renderers", "renderer")
    if name == "json":
        assert bare.get("json").suffix == ".json"
    else:
        assert name in bare.names()


@pytest.mark.parametrize("name", ["json", "html", "text"])
def test_register_rejects_a_duplicate_name(name: str) -> None:
    with pytest.raises(ValueError, match="already registered"):
        RENDERERS.register(name, lambda: None)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize("name", ["", "   ", "Upper", " padded "])
def test_register_rejects_a_bad_name(name: str) -> None:
    with pytest.raises(ValueError, match="name"):
        RENDERERS.register(name, lambda: None)  # type: ignore[arg-type,return-value]
    assert name not in RENDERERS.names()


def test_register_with_override_and_lazy_reference() -> None:
    registry: Registry[Any] = Registry("a11yrender.tests-no-such-group", "renderer")
    registry.register("j", "a11yrender.renderers.json:JsonRenderer")
    assert registry.get("j").name == "json"
    with pytest.raises(ValueError):
        registry.register("j", "a11yrender.renderers.json:JsonRenderer")
    registry.register("j", "no_such_module_anywhere:Nope", override=True)
    with pytest.raises(UnknownFormatError, match="unavailable"):
        registry.get("j")
    assert registry.status() == {"j": registry.status()["j"]}
    assert registry.status()["j"] is not None


def test_render_unknown_name_lists_the_available_ones() -> None:
    d = doc("Title", p("Body."))
    with pytest.raises(UnknownFormatError) as info:
        render(d, "nope")
    message = str(info.value)
    assert "'nope'" in message
    assert "available:" in message
    for name in ("html", "json", "text"):
        assert name in message
