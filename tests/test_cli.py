"""The ``a11yrender`` command: run in-process through ``main(argv)`` and, for the
"no traceback" guarantees, as a real process (``python -m a11yrender``).

Contract checked here: errors are ONE line ``a11yrender: error: ...`` on stderr;
exit 1 for bad input (and unknown formats), 2 for usage errors (including an
unknown ``-O`` option), 70 for internal errors, 130 for Ctrl-C; and a failed
run never leaves a partial or modified output behind.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, ClassVar

import pytest

import a11yrender
from a11yrender import cli
from a11yrender._build import describe
from a11yrender._progress import Progress
from a11yrender._registry import Registry
from a11yrender.builder import doc, h, p
from a11yrender.errors import OptionError, RenderWarning
from a11yrender.model import Document
from a11yrender.renderers.json import JsonRenderer

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
NEWS_TEXT = (
    "Breaking News\n\n"
    "Japan and North Korea agree to hold talks\n\n"
    "The two countries will meet next month, officials say.\n\n"
    "Officials from both countries confirmed the meeting on Tuesday.\n\n"
    "It would be the first such meeting in years.\n"
)


# ----------------------------------------------------------------------------- helpers


def make_doc(title: str = "Hello world") -> Document:
    return doc(title, p("First paragraph of ", title, "."), h(2, "More"), p("Second paragraph."))


def write_doc(path: Path, title: str = "Hello world") -> Document:
    path.parent.mkdir(parents=True, exist_ok=True)
    d = make_doc(title)
    path.write_text(d.to_json(), encoding="utf-8")
    return d


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, list[str]]:
    """``main(argv)`` in-process: (exit code, stdout, stderr lines)."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def run_process(*argv: str | Path, input: bytes | None = None,
                cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m a11yrender argv`` as a real process (installed or not)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "a11yrender", *map(str, argv)],
                          input=input, capture_output=True, cwd=cwd, env=env, timeout=120)


def assert_one_error(lines: list[str], *needles: str) -> str:
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("a11yrender: error: "), line
    assert "Traceback" not in line
    for needle in needles:
        assert needle in line, (needle, line)
    return line


def files_under(folder: Path) -> list[str]:
    """Every path under ``folder`` (files and folders, hidden ones too), relative, sorted."""
    return sorted(str(x.relative_to(folder)) for x in folder.rglob("*"))


class RecordingRenderer:
    """A test renderer: JSON output, plus a warning or an exception on request."""

    name: ClassVar[str] = "rec"
    media_type: ClassVar[str] = "application/json"
    suffix: ClassVar[str] = ".rec"
    behaviour: ClassVar[str] = "ok"

    def render(self, d: Document, /, **options: Any) -> str:
        if options:
            raise OptionError(f"the rec renderer has no option {', '.join(options)}")
        if self.behaviour == "warn":
            warnings.warn(RenderWarning(f"could not express\n{d.meta.title}"), stacklevel=2)
        if self.behaviour == "crash":
            raise RuntimeError("renderer bug")
        if self.behaviour == "interrupt":
            raise KeyboardInterrupt
        return d.to_json()


@pytest.fixture
def test_renderers(monkeypatch: pytest.MonkeyPatch) -> type[RecordingRenderer]:
    """The CLI sees only ``json`` and ``rec`` (a private registry, no entry points)."""
    registry: Registry[Any] = Registry("a11yrender.tests-no-such-group", "renderer")
    registry.register("json", JsonRenderer)
    registry.register("rec", RecordingRenderer)
    monkeypatch.setattr(cli, "RENDERERS", registry)
    monkeypatch.setattr(RecordingRenderer, "behaviour", "ok")
    return RecordingRenderer


# ----------------------------------------------------------------------------- basics


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out == f"a11yrender {a11yrender.__version__} ({describe()})\n"
    assert err == []


def test_help_lists_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "render" in out and "formats" in out and "exit codes" in out
    code, out, _ = run(capsys, "render", "--help")
    assert code == 0
    assert "--to" in out and "--keep-going" in out and "-O" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2
    assert out == ""
    assert_one_error(err, "render", "formats")


def test_unknown_command_and_flag_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert_one_error(err, "frobnicate")
    code, _, err = run(capsys, "render", "x.json", "--no-such-flag")
    assert code == 2
    assert_one_error(err, "--no-such-flag")


def test_formats_lists_renderers_and_readers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "formats")
    assert code == 0
    assert err == []
    rows = [line.split(None, 2) for line in out.splitlines()]
    assert ["json", "renderer", "application/json"] in rows
    assert ["json", "reader", ".json"] in rows
    assert any(r[:2] == ["html", "renderer"] for r in rows)
    assert any(r[:2] == ["text", "reader"] for r in rows)


# ----------------------------------------------------------------------------- single file


def test_render_json_round_trip_to_stdout(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    d = write_doc(tmp_path / "a.json")
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "json")
    assert (code, err) == (0, [])
    assert Document.from_json(out) == d


def test_render_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = write_doc(tmp_path / "a.json")
    target = tmp_path / "out" / "b.json"  # the missing folder is created
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "json", "-o", target)
    assert (code, out, err) == (0, "", [])
    assert Document.from_json(target.read_text(encoding="utf-8")) == d
    assert files_under(tmp_path / "out") == ["b.json"]  # no temporary file left over
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_output_dash_is_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = write_doc(tmp_path / "a.json")
    code, out, _ = run(capsys, "render", tmp_path / "a.json", "-t", "json", "-o", "-")
    assert code == 0
    assert Document.from_json(out) == d


def test_output_into_an_existing_folder(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    (tmp_path / "out").mkdir()
    code, _, _ = run(capsys, "render", tmp_path / "a.json", "--to", "json", "-o", tmp_path / "out")
    assert code == 0
    assert files_under(tmp_path / "out") == ["a.json"]


def test_format_follows_the_output_suffix(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    d = write_doc(tmp_path / "a.json")
    code, _, _ = run(capsys, "render", tmp_path / "a.json", "-o", tmp_path / "copy.json")
    assert code == 0
    assert Document.from_json((tmp_path / "copy.json").read_text(encoding="utf-8")) == d


def test_options_are_passed_to_the_renderer(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    code, out, _ = run(capsys, "render", tmp_path / "a.json", "--to", "json", "-O", "indent=none")
    assert code == 0
    assert out.count("\n") == 1  # one line of JSON
    code, out, _ = run(capsys, "render", tmp_path / "a.json", "--to", "json", "-O", "indent=4")
    assert code == 0
    assert '\n    "format_version"' in out


def test_format_from_an_ambiguous_suffix_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        test_renderers: type[RecordingRenderer], monkeypatch: pytest.MonkeyPatch) -> None:
    write_doc(tmp_path / "a.json")
    code, _, err = run(capsys, "render", tmp_path / "a.json", "-o", tmp_path / "a.rec")
    assert (code, err) == (0, [])
    assert (tmp_path / "a.rec").exists()

    class Other(RecordingRenderer):
        name = "other"

    registry: Registry[Any] = Registry("a11yrender.tests-no-such-group", "renderer")
    registry.register("rec", RecordingRenderer)
    registry.register("other", Other)
    monkeypatch.setattr(cli, "RENDERERS", registry)
    code, _, err = run(capsys, "render", tmp_path / "a.json", "-o", tmp_path / "b.rec")
    assert code == 2
    assert_one_error(err, ".rec", "other", "rec", "--to")
    assert not (tmp_path / "b.rec").exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), ("False", False), ("none", None), ("NONE", None), ("72", 72), ("-3", -3),
    ("1.5", "1.5"), ("", ""), ("hello world", "hello world"), ("a=b", "a=b"),
])
def test_option_values(text: str, expected: object) -> None:
    assert cli.parse_option_value(text) == expected
    assert cli.parse_option(f"key={text}") == (None, "key", expected)


def test_option_keys() -> None:
    assert cli.parse_option("max-width=3") == (None, "max_width", 3)
    assert cli.parse_option("text.width=60") == ("text", "width", 60)


@pytest.mark.parametrize("option", ["indent", "=3", "no such=1", "9x=1"])
def test_malformed_option_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           option: str) -> None:
    write_doc(tmp_path / "a.json")
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "json", "-O", option)
    assert (code, out) == (2, "")
    assert_one_error(err, "KEY=VALUE")


def test_unknown_option_is_a_usage_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "json",
                         "-O", "colour=red", "-o", target)
    assert (code, out) == (2, "")
    assert_one_error(err, "colour", "indent")  # names the bad one and the known ones
    assert not target.exists()


def test_unknown_option_of_a_plugin_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        test_renderers: type[RecordingRenderer]) -> None:
    # A renderer without an Options dataclass is checked when it renders.
    write_doc(tmp_path / "in" / "a.json")
    write_doc(tmp_path / "in" / "b.json")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "rec", "-O", "x=1",
                       "-o", tmp_path / "out", "--keep-going")
    assert code == 2
    assert_one_error(err, "no option x")
    assert not (tmp_path / "out").exists()


# ----------------------------------------------------------------------------- bad input


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.json").write_bytes(b"  \n")
    code, out, err = run(capsys, "render", tmp_path / "empty.json", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "empty.json", "empty")


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "image.json").write_bytes(PNG)
    code, out, err = run(capsys, "render", tmp_path / "image.json", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "image.json", "binary")


def test_binary_file_read_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # No suffix a reader claims and no JSON/HTML start: goes to the text reader.
    (tmp_path / "image.png").write_bytes(PNG)
    code, out, err = run(capsys, "render", tmp_path / "image.png", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "image.png", "binary")


def test_malformed_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text('{"format_version": 1, "type": "document"', "utf-8")
    code, out, err = run(capsys, "render", tmp_path / "bad.json", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "bad.json", "JSON")


def test_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", tmp_path / "nope.json", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "nope.json")


def test_unknown_output_format_lists_the_available_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "nope")
    assert (code, out) == (1, "")
    assert_one_error(err, "'nope'", "available:", "html", "json")


def test_unknown_input_format_lists_the_available_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--from", "nope", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "'nope'", "available:", "json", "text")


def test_existing_output_is_untouched_when_rendering_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "render", tmp_path / "bad.json", "--to", "json", "-o", target)
    assert code == 1
    assert_one_error(err, "bad.json")
    assert target.read_text(encoding="utf-8") == "precious"
    assert files_under(tmp_path) == ["bad.json", "out.json"]


def test_output_that_cannot_be_written(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    code, _, err = run(capsys, "render", tmp_path / "a.json", "--to", "json",
                       "-o", tmp_path / "file" / "out.json")
    assert code == 1
    assert_one_error(err, "cannot write")
    assert files_under(tmp_path) == ["a.json", "file"]


def test_refuses_to_overwrite_the_input(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    before = (tmp_path / "a.json").read_bytes()
    code, _, err = run(capsys, "render", tmp_path / "a.json", "--to", "json",
                       "-O", "indent=none", "-o", tmp_path / "a.json")
    assert code == 2
    assert_one_error(err, "overwrite")
    assert (tmp_path / "a.json").read_bytes() == before


# ----------------------------------------------------------------------------- several formats


def test_several_formats_into_a_folder(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    d = write_doc(tmp_path / "a.json")
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "json,html",
                         "--to", "json", "-o", tmp_path / "out")
    assert (code, out, err) == (0, "", [])
    assert files_under(tmp_path / "out") == ["a.html", "a.json"]
    assert Document.from_json((tmp_path / "out" / "a.json").read_text("utf-8")) == d
    assert "Hello world" in (tmp_path / "out" / "a.html").read_text("utf-8")


@pytest.mark.parametrize("output", [None, "-"])
def test_several_formats_need_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               output: str | None) -> None:
    write_doc(tmp_path / "a.json")
    extra = ["-o", output] if output else []
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "json,html", *extra)
    assert (code, out) == (2, "")
    assert_one_error(err, "-o")


def test_several_formats_and_an_output_file(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    (tmp_path / "out.txt").write_text("keep", encoding="utf-8")
    code, _, err = run(capsys, "render", tmp_path / "a.json", "--to", "json,html",
                       "-o", tmp_path / "out.txt")
    assert code == 2
    assert_one_error(err, "must be a folder")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "keep"


def test_option_for_one_of_several_formats(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "a.json")
    # Unscoped, indent goes to every format and html has no such option.
    code, _, err = run(capsys, "render", tmp_path / "a.json", "--to", "json,html",
                       "-O", "indent=none", "-o", tmp_path / "out")
    assert code == 2
    assert_one_error(err, "html", "indent")
    assert not (tmp_path / "out").exists()
    code, _, err = run(capsys, "render", tmp_path / "a.json", "--to", "json,html",
                       "-O", "json.indent=none", "-o", tmp_path / "out")
    assert (code, err) == (0, [])
    assert (tmp_path / "out" / "a.json").read_text("utf-8").count("\n") == 1
    code, _, err = run(capsys, "render", tmp_path / "a.json", "--to", "json",
                       "-O", "html.fragment=true")
    assert code == 2
    assert_one_error(err, "html.fragment", "not selected")


# ----------------------------------------------------------------------------- folders


def make_tree(root: Path) -> dict[str, Document]:
    docs = {
        "a.json": write_doc(root / "a.json", "Alpha"),
        "sub/b.json": write_doc(root / "sub" / "b.json", "Beta"),
        "sub/deeper/c.json": write_doc(root / "sub" / "deeper" / "c.json", "Gamma"),
    }
    (root / ".hidden.json").write_text("not even JSON", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config.json").write_text("{", encoding="utf-8")
    return docs


def test_folder_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = make_tree(tmp_path / "in")
    code, out, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out")
    assert (code, out, err) == (0, "", [])  # stderr is not a terminal: no progress bar
    assert files_under(tmp_path / "out") == [
        "a.json", "sub", "sub/b.json", "sub/deeper", "sub/deeper/c.json"]
    for rel, d in docs.items():
        assert Document.from_json((tmp_path / "out" / rel).read_text("utf-8")) == d


def test_folder_batch_in_several_formats(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json,html",
                       "-o", tmp_path / "out")
    assert (code, err) == (0, [])
    assert files_under(tmp_path / "out") == [
        "a.html", "a.json", "sub", "sub/b.html", "sub/b.json", "sub/deeper",
        "sub/deeper/c.html", "sub/deeper/c.json"]


def test_folder_needs_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    code, out, err = run(capsys, "render", tmp_path / "in", "--to", "json")
    assert (code, out) == (2, "")
    assert_one_error(err, "folder", "-o")


def test_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / ".only-hidden").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out")
    assert code == 1
    assert_one_error(err, "no files")
    assert not (tmp_path / "out").exists()


def add_bad_files(root: Path) -> None:
    (root / "sub" / "empty.json").write_bytes(b"")
    (root / "sub" / "deeper" / "image.json").write_bytes(PNG)
    (root / "zz-broken.json").write_text("{oops", encoding="utf-8")


BAD = ["sub/deeper/image.json", "sub/empty.json", "zz-broken.json"]


def test_folder_with_bad_files_writes_nothing(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    add_bad_files(tmp_path / "in")
    code, out, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out")
    assert (code, out) == (1, "")
    assert len(err) == len(BAD), err
    for line, rel in zip(err, BAD, strict=True):
        assert_one_error([line], str(tmp_path / "in" / rel))
    assert not (tmp_path / "out").exists()  # not even the folder


def test_folder_with_bad_files_leaves_existing_outputs_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    add_bad_files(tmp_path / "in")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.json").write_text("old", encoding="utf-8")
    code, _, _ = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out")
    assert code == 1
    assert files_under(tmp_path / "out") == ["a.json"]
    assert (tmp_path / "out" / "a.json").read_text(encoding="utf-8") == "old"


def test_keep_going_writes_the_good_files(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    docs = make_tree(tmp_path / "in")
    add_bad_files(tmp_path / "in")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out",
                       "--keep-going")
    assert code == 1
    assert len(err) == len(BAD)
    assert all(line.startswith("a11yrender: error: ") for line in err)
    assert [f for f in files_under(tmp_path / "out") if f.endswith(".json")] == sorted(docs)


def test_folder_with_an_unreadable_file(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    (tmp_path / "in" / "sub" / "gone.json").symlink_to(tmp_path / "nowhere.json")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out")
    assert code == 1
    assert_one_error(err, "gone.json")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_folder_with_a_file_without_read_permission(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    secret = tmp_path / "in" / "secret.json"
    write_doc(secret)
    secret.chmod(0)
    try:
        code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json",
                           "-o", tmp_path / "out")
    finally:
        secret.chmod(0o644)
    assert code == 1
    assert_one_error(err, "secret.json", "ermission")
    assert not (tmp_path / "out").exists()


def test_outputs_that_would_collide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_doc(tmp_path / "in" / "a.json")
    (tmp_path / "in" / "a.txt").write_text(NEWS_TEXT, encoding="utf-8")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "html", "-o", tmp_path / "out")
    assert code == 1
    assert_one_error(err, "a.html", "twice")
    assert not (tmp_path / "out").exists()


def test_output_folder_inside_the_input_is_not_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    for _ in range(2):  # the second run must not read the first run's outputs
        code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-O", "indent=0",
                           "-o", tmp_path / "in" / "out")
        assert (code, err) == (0, [])
    assert files_under(tmp_path / "in" / "out") == [
        "a.json", "sub", "sub/b.json", "sub/deeper", "sub/deeper/c.json"]


def test_write_failure_midway_leaves_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path / "in")
    real_stage = cli.OutputTransaction.stage
    calls: list[Path] = []

    def flaky_stage(self: cli.OutputTransaction, dest: Path, data: str | bytes) -> None:
        calls.append(dest)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(dest))
        real_stage(self, dest, data)

    monkeypatch.setattr(cli.OutputTransaction, "stage", flaky_stage)
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "json", "-o", tmp_path / "out")
    assert code == 1
    assert_one_error(err, "No space left on device")
    assert len(calls) == 3
    assert not (tmp_path / "out").exists()  # staged files and created folders removed


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    make_tree(tmp_path / "in")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = cli.main(["render", str(tmp_path / "in"), "--to", "json", "-o", str(tmp_path / "out")])
    assert code == 0
    shown = terminal.getvalue()
    assert "3/3" in shown and "\r" in shown
    assert shown.endswith("\r")  # the bar is erased at the end
    assert capsys.readouterr().out == ""


# ----------------------------------------------------------------------------- progress module


def test_progress_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(3, stream) as bar:
        for name in "abc":
            bar.advance(name)
        bar.note("a line")
    assert stream.getvalue() == "a line\n"


def test_progress_render() -> None:
    bar = Progress(4, io.StringIO(), label="render", enabled=True)
    assert bar.render(width=80) == "render [--------------------] 0/4"
    bar.done = 2
    assert bar.render("x.txt", width=80) == "render [##########----------] 2/4 x.txt"
    assert len(bar.render("a" * 200, width=40)) == 39
    assert Progress(0, io.StringIO()).render(width=80) == "[####################] 0/0"


def test_progress_note_keeps_the_bar() -> None:
    stream = io.StringIO()
    bar = Progress(2, stream, enabled=True, min_interval=0)
    bar.advance("one")
    bar.note("a11yrender: warning: something")
    bar.clear()
    before, after = stream.getvalue().split("a11yrender: warning: something\n")
    assert before.startswith("\r[##########----------] 1/2 one")
    assert before.endswith("\r")  # the bar was erased before the note
    assert after.startswith("\r[##########----------] 1/2")  # and drawn again after it
    assert after.endswith("\r")


# ----------------------------------------------------------------------------- warnings, bugs


def test_warnings_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               test_renderers: type[RecordingRenderer],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_renderers, "behaviour", "warn")
    write_doc(tmp_path / "a.json")
    code, out, err = run(capsys, "render", tmp_path / "a.json", "--to", "rec")
    assert code == 0
    assert Document.from_json(out) == make_doc()
    assert err == ["a11yrender: warning: could not express Hello world"]


def test_warnings_in_a_folder_name_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            test_renderers: type[RecordingRenderer],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_renderers, "behaviour", "warn")
    make_tree(tmp_path / "in")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "rec", "-o", tmp_path / "out")
    assert code == 0
    assert err == [
        f"a11yrender: warning: {tmp_path / 'in' / 'a.json'}: could not express Alpha",
        f"a11yrender: warning: {tmp_path / 'in' / 'sub' / 'b.json'}: could not express Beta",
        f"a11yrender: warning: {tmp_path / 'in' / 'sub' / 'deeper' / 'c.json'}: "
        f"could not express Gamma",
    ]
    assert (tmp_path / "out" / "sub" / "b.rec").exists()


def test_a_bug_is_reported_as_a_bug(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    test_renderers: type[RecordingRenderer],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_renderers, "behaviour", "crash")
    write_doc(tmp_path / "a.json")
    code = cli.main(["render", str(tmp_path / "a.json"), "--to", "rec",
                     "-o", str(tmp_path / "a.rec")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL == 70
    assert "Traceback" in err  # a bug, unlike bad input, shows where it happened
    assert err.splitlines()[-1].startswith("a11yrender: error: internal error: RuntimeError")
    assert not (tmp_path / "a.rec").exists()


def test_interrupt(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   test_renderers: type[RecordingRenderer],
                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(test_renderers, "behaviour", "interrupt")
    make_tree(tmp_path / "in")
    code, _, err = run(capsys, "render", tmp_path / "in", "--to", "rec", "-o", tmp_path / "out")
    assert code == 130
    assert err == ["a11yrender: error: interrupted"]
    assert not (tmp_path / "out").exists()


# ----------------------------------------------------------------------------- standard input


def test_stdin_in_process(monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    d = make_doc()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(d.to_json().encode())))
    code, out, err = run(capsys, "render", "-", "--to", "json")
    assert (code, err) == (0, [])
    assert Document.from_json(out) == d


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, out, err = run(capsys, "render", "-", "--to", "json")
    assert (code, out) == (1, "")
    assert_one_error(err, "standard input", "empty")


# ----------------------------------------------------------------------------- real processes


def test_process_stdin_round_trip() -> None:
    d = make_doc("Über café — ünïcödé")
    proc = run_process("render", "-", "--to", "json", input=d.to_json().encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert Document.from_json(proc.stdout.decode("utf-8")) == d


def test_process_version() -> None:
    proc = run_process("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode() == f"a11yrender {a11yrender.__version__} ({describe()})\n"


@pytest.mark.parametrize(("case", "code"), [
    ("empty", 1), ("binary", 1), ("unknown-format", 1), ("missing", 1),
    ("bad-folder", 1), ("bad-option", 2), ("no-output-folder", 2),
])
def test_process_errors_are_one_line_without_traceback(tmp_path: Path, case: str,
                                                       code: int) -> None:
    write_doc(tmp_path / "good.json")
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "binary.json").write_bytes(PNG)
    write_doc(tmp_path / "folder" / "good.json")
    (tmp_path / "folder" / "bad.json").write_bytes(PNG)
    args = {
        "empty": ["render", "empty.json", "--to", "json", "-o", "out.json"],
        "binary": ["render", "binary.json", "--to", "json", "-o", "out.json"],
        "unknown-format": ["render", "good.json", "--to", "nope", "-o", "out.json"],
        "missing": ["render", "missing.json", "--to", "json", "-o", "out.json"],
        "bad-folder": ["render", "folder", "--to", "json", "-o", "out"],
        "bad-option": ["render", "good.json", "--to", "json", "-O", "nope=1", "-o", "out.json"],
        "no-output-folder": ["render", "folder", "--to", "json"],
    }[case]
    proc = run_process(*args, cwd=tmp_path)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert_one_error(stderr.splitlines())
    assert proc.stdout == b""
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "out").exists()


def test_installed_console_script() -> None:
    exe = shutil.which("a11yrender")
    if exe is None:
        pytest.skip("a11yrender is not installed (pip install -e .)")
    proc = subprocess.run([exe, "--version"], capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("a11yrender ")
    proc = subprocess.run([exe, "render", "/nonexistent/x.json"], capture_output=True,
                          timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


# ----------------------------------------------------------------------------- text and html


def test_text_article_to_html_by_default(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "article.txt").write_text(NEWS_TEXT, encoding="utf-8")
    code, out, err = run(capsys, "render", tmp_path / "article.txt")
    assert (code, err) == (0, [])
    assert out.lower().startswith("<!doctype html>")
    assert "Japan and North Korea agree to hold talks" in out


def test_text_article_to_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "article.txt").write_text(NEWS_TEXT, encoding="utf-8")
    code, out, err = run(capsys, "render", tmp_path / "article.txt", "--to", "text")
    assert (code, err) == (0, [])
    assert "Officials from both countries confirmed the meeting on Tuesday." in out


def test_example_article_in_every_builtin_format(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    example = ROOT / "examples" / "japan-north-korea-talks.txt"
    code, _, err = run(capsys, "render", example, "--to", "html,text,json", "-o", tmp_path)
    assert (code, err) == (0, [])
    stem = example.stem
    assert files_under(tmp_path) == sorted([f"{stem}.html", f"{stem}.json", f"{stem}.txt"])
    d = Document.from_json((tmp_path / f"{stem}.json").read_text("utf-8"))
    assert d == a11yrender.read(example)


def test_option_value_none_is_the_word_where_none_is_not_allowed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "news.txt"
    src.write_text(NEWS_TEXT, encoding="utf-8")
    code, out, err = run(capsys, "render", src, "--to", "text", "-O", "links=none")
    assert code == 0, err
    assert "Breaking News" in out


def test_suffix_without_a_reader_falls_back_to_sniffing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "notes.md"
    src.write_text(NEWS_TEXT, encoding="utf-8")
    code, out, err = run(capsys, "render", src, "--to", "text")
    assert code == 0, err
    assert "Japan and North Korea agree to hold talks" in out


def test_write_error_names_the_requested_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "news.txt"
    src.write_text(NEWS_TEXT, encoding="utf-8")
    (tmp_path / "ro").write_text("a file where a folder should be", encoding="utf-8")
    dest = tmp_path / "ro" / "out.html"
    code, _, err = run(capsys, "render", src, "-o", dest)
    assert code == 1
    line = assert_one_error(err, str(dest))
    assert ".part" not in line
