#!/usr/bin/env bash
# The main job on the demo workspace: record the coverage of 5 September 2023, show its history,
# verify its integrity and compare its sources. Safe to run again: nothing is recorded twice.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p claims-cli -p claims-news-article -p claims-basic-checks
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

step "Parse the demo article (our own words) with the news-article plugin"
claims ingest demo/article.ar.txt --parser news-article

step "Run the basic checks over every claim"
claims check --plugin basic-checks

step "Integrity: every hash, chain and log entry recomputed"
claims fsck

step "The workspace log's head: publish SIZE:ROOT; fsck --head later proves the log only grew"
claims head
published=$(claims head | head -n1)

step "Propositions the coverage bears on"
claims about add kim-visit --kind statement --text "Kim Jong Un will travel to Russia in September 2023 to meet Putin" >/dev/null
claims about add armoured-train --kind statement --text "Kim will travel to Vladivostok by armoured train" >/dev/null
claims about add il62-outbound-date --kind value --text "Date the Russian Il-62 flew Moscow to Pyongyang" >/dev/null
claims about add naval-drills-proposal --kind statement --text "Shoigu proposed joint naval drills with North Korea and China" >/dev/null
claims about add dprk-arms-warning --kind statement --text "The United States warns North Korea against selling arms to Russia" >/dev/null
claims about add arms-talks-advancing --kind statement --text "Arms negotiations between Russia and North Korea are moving forward" >/dev/null
claims about add kim-putin-letters --kind statement --text "Kim and Putin exchanged letters about closer ties" >/dev/null
claims about add il62-return-date --kind value --text "Date the Russian Il-62 flew back from Pyongyang to Moscow" >/dev/null
claims about add il62-hours-on-ground --kind value --text "Hours the Russian Il-62 stayed at Pyongyang airport" >/dev/null
claims about add joint-drills-discussed --kind statement --text "Russia is discussing joint military exercises with North Korea" >/dev/null
claims about add shoigu-private-meeting --kind statement --text "Shoigu held a private meeting with Kim in Pyongyang" >/dev/null
claims about add shoigu-ammunition-pitch --kind statement --text "Shoigu asked North Korea to sell artillery shells to Russia" >/dev/null
claims about list

step "How many independent voices back the visit? (NYT relaying US officials is one voice)"
claims compare kim-visit
claims compare il62-outbound-date
claims compare naval-drills-proposal

step "The article's claims have no proposition yet: which ones they likely bear on"
claims about suggest --limit 2
claims about suggest --eval

step "Which sources tend to be right (truth discovery) and agree with each other"
claims trust --method truthfinder
claims agree

step "The log grew by the propositions above; it still extends the head published earlier"
claims fsck --head "$published" | tail -n1
claims about log kim-visit

step "All of it on one self-contained page (open it in a browser, print it, mail it)"
claims report -o target/demo-report.html
