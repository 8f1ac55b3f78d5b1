#!/usr/bin/env bash
# Runs every test of the project. Called by .ci/run; see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
log=$(mktemp)
cargo test --locked --all-targets 2>&1 | tee "$log"
echo "== CLI smoke test on the bundled example"
cargo run --locked --release --quiet -- check examples/draft-2024.md
echo "== SARIF output against the SARIF 2.1.0 JSON schema (ajv)"
scripts/sarif-validate.sh 2>&1 | tee -a "$log"
echo "== Neovim end-to-end tests"
scripts/editors-nvim.sh 2>&1 | tee -a "$log"
echo "== VS Code extension: unit tests and end-to-end (code-server in headless Chromium)"
VSCODE_E2E_PNG="${VSCODE_E2E_PNG:-$(mktemp -d)/vscode-e2e.png}" scripts/editors-vscode.sh 2>&1 | tee -a "$log"
echo "== Web page (nianbao serve): end-to-end in headless Chromium"
scripts/web-e2e.sh 2>&1 | tee -a "$log"
# One closing line with the totals of every test binary and editor suite.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     /^(nvim|vscode|sarif|web): [0-9]+ passed, [0-9]+ failed/ { p += $2; f += $4 }
     END { printf "total: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
