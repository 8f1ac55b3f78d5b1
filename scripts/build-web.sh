#!/usr/bin/env bash
# Rebuilds the web page's script, src/serve/assets/app.js, from web/src with esbuild (npm).
# The output is committed so that `cargo build` never needs npm; tests/web_assets.rs fails when
# it is stale. Deterministic: two runs give identical bytes.
# The bundle's first line names its sources:
#   /* nianbao-web-src: HASH */   HASH = FNV-1a-64 (16 hex digits) over web/package-lock.json and
#   every file under web/src, in byte order of their paths relative to the repository root, each
#   as path bytes, a NUL byte, then the file's bytes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/web"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
HASH=$(node - "$ROOT" <<'JS'
const fs = require('fs');
const path = require('path');
const root = process.argv[2];
const files = ['web/package-lock.json'];
(function walk(dir) {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(p); else if (e.isFile()) files.push(p);
  }
})('web/src');
files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
let h = 0xcbf29ce484222325n;
const mask = (1n << 64n) - 1n;
const feed = (buf) => { for (const b of buf) h = ((h ^ BigInt(b)) * 0x100000001b3n) & mask; };
for (const f of files) {
  feed(Buffer.from(f));
  feed(Buffer.from([0]));
  feed(fs.readFileSync(path.join(root, f)));
}
console.log(h.toString(16).padStart(16, '0'));
JS
)
OUT=$ROOT/src/serve/assets/app.js
./node_modules/.bin/esbuild src/app.js --bundle --minify --format=iife --target=es2020 \
  --charset=utf8 --legal-comments=none --log-level=warning \
  --banner:js="/* nianbao-web-src: $HASH */
/* nianbao web page (web/src), bundled with CodeMirror 6 (MIT, https://codemirror.net) by scripts/build-web.sh */" \
  --outfile="$OUT"
echo "src/serve/assets/app.js: $(wc -c < "$OUT") bytes, sources $HASH"
