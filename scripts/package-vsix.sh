#!/usr/bin/env bash
# Builds the VS Code extension with the release server bundled for linux-x64:
#   cargo build --release → editors/vscode/server/linux-x64/nianbao → npm ci → esbuild → vsce package
# Output: editors/vscode/nianbao-<version>.vsix (its path is the last line printed).
# No network beyond the crate registry and npm. Set NIANBAO_SKIP_CARGO=1 to reuse target/release.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXT=$ROOT/editors/vscode
cd "$ROOT"
if [ -z "${NIANBAO_SKIP_CARGO:-}" ]; then
  cargo build --release --locked --quiet
fi
mkdir -p "$EXT/server/linux-x64"
install -m 0755 "$ROOT/target/release/nianbao" "$EXT/server/linux-x64/nianbao"
strip "$EXT/server/linux-x64/nianbao" 2>/dev/null || true   # release profile keeps debuginfo
cd "$EXT"
# npm ci when node_modules was not installed from this exact package-lock.json
LOCK_SUM=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.nianbao-lock 2>/dev/null)" != "$LOCK_SUM" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$LOCK_SUM" > node_modules/.nianbao-lock
fi
npm run --silent build >&2
VERSION=$(node -p "require('./package.json').version")
OUT=$EXT/nianbao-$VERSION.vsix
rm -f "$OUT"
npx --no-install vsce package --no-dependencies --out "$OUT" >&2
echo "$OUT"
