#!/usr/bin/env bash
# The compiled build (setup.py): the wheel pip builds from this checkout, with
# the HTML reader compiled by mypyc, installed into a fresh virtual
# environment and tested there. The tests run from a copy of the repository
# without the package's source, so that they import the installed build; the
# README's test command has already run them on the pure-Python source.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Built from a bare virtual environment, as on a machine where nothing of the
# package is installed yet (what `pip install .` in the README's quick start meets).
python3 -m venv "$work/bare"
"$work/bare/bin/python" -m pip wheel --quiet --no-deps --wheel-dir "$work/wheel" .
# The venv sees the packages the README's command installed (pytest and the rest).
python3 -m venv --system-site-packages "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-deps "$work"/wheel/*.whl
mkdir "$work/src"
git ls-files -z | grep -zv '^a11yrender/' | xargs -0 cp --parents -t "$work/src"
cd "$work/src"
"$work/venv/bin/a11yrender" --version
# Browser checks, the theme file and the linters read the source, not the build.
PATH="$work/venv/bin:$PATH" A11YRENDER_EXPECT_COMPILED=1 "$work/venv/bin/python" -m pytest -q -p no:cacheprovider \
  -m "not browser" --deselect tests/test_theme.py --deselect tests/test_docs.py
