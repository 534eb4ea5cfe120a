#!/usr/bin/env bash
# Install what tests/checkers needs, only where it is missing:
#   - Debian's Chromium at /usr/bin/chromium (never a Playwright-downloaded browser),
#   - a Java runtime for vnu.jar (Debian 12: default-jre-headless = OpenJDK 17),
#   - espeak-ng for the speech tests,
#   - npm axe-core + vnu-jar + guidepup's Virtual Screen Reader with jsdom (the
#     reference for the screen-reader tests), pinned in tests/checkers/package.json
#     + package-lock.json.
# Idempotent: a second run installs nothing.  Called by .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECKERS="$ROOT/tests/checkers"
export DEBIAN_FRONTEND=noninteractive
# Nothing here may download a browser or a Java runtime of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
# Speech tests synthesise real audio with espeak-ng (its library and its CLI).
command -v espeak-ng >/dev/null 2>&1 || apt_packages+=(espeak-ng)

if [ "${#apt_packages[@]}" -gt 0 ]; then
  echo "checkers-setup: apt-get install ${apt_packages[*]}"
  apt-get update -qq
  apt-get install -y -qq "${apt_packages[@]}"
fi

# Are the pinned npm packages installed?  (compares node_modules with package.json)
npm_ok() {
  [ -f "$CHECKERS/node_modules/axe-core/axe.min.js" ] \
    && [ -f "$CHECKERS/node_modules/vnu-jar/build/dist/vnu.jar" ] \
    && (cd "$CHECKERS" && node -e '
      const want = require("./package.json").dependencies;
      for (const [name, version] of Object.entries(want)) {
        if (require(`./node_modules/${name}/package.json`).version !== version) process.exit(1);
      }' 2>/dev/null)
}

if ! npm_ok; then
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime (npm 11
  # skips it anyway; older npm would not).  We use the machine's java instead.
  if [ -f "$CHECKERS/package-lock.json" ]; then
    echo "checkers-setup: npm ci in tests/checkers"
    (cd "$CHECKERS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  else
    echo "checkers-setup: npm install in tests/checkers"
    (cd "$CHECKERS" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  npm_ok || { echo "checkers-setup: npm packages still missing in $CHECKERS" >&2; exit 1; }
fi

echo "checkers-setup: ok ($(java -version 2>&1 | head -n1); chromium at /usr/bin/chromium;" \
  "axe-core $(cd "$CHECKERS" && node -p 'require("./node_modules/axe-core/package.json").version');" \
  "vnu-jar $(cd "$CHECKERS" && node -p 'require("./node_modules/vnu-jar/package.json").version');" \
  "virtual-screen-reader $(cd "$CHECKERS" && node -p 'require("./node_modules/@guidepup/virtual-screen-reader/package.json").version'))"
