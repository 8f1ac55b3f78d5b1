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
cargo test --locked --all-targets
echo "== CLI smoke test on the bundled example"
cargo run --locked --release --quiet -- check examples/draft-2024.md
