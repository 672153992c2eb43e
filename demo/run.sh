#!/usr/bin/env bash
# The main job on the demo workspace: record the coverage of 5 September 2023, show its history,
# verify its integrity and compare its sources. Safe to run again: nothing is recorded twice.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin claims
claims() { ./target/release/claims --workspace . "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Record the claims (demo/claims.jsonl; importing again adds nothing)"
claims import demo/claims.jsonl

step "Every claim, with who made it and through whom it reached us"
claims list

train=$(claims list --about armoured-train --json | sed -n 's/.*"id": "\([k-z]*\)".*/\1/p' | head -n1)
step "The armoured-train claim was corrected: its history and what changed"
claims log "$train"
claims diff "$train"

step "Integrity: every hash and chain recomputed"
claims fsck
