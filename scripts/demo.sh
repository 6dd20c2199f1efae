#!/usr/bin/env bash
# make demo: ingest the examples (and the seed when ../shared is present)
# into a fresh store and show what muster makes of them.
set -euo pipefail
bin=$1 db=$2 shared=$3
rm -f "$db" "$db-wal" "$db-shm"
m() { "$bin" --db "$db" "$@"; }
echo "== ingesting the bundled examples into $db"
m ingest -q --publisher "The Kyiv Ledger" --published 2023-05-23 examples/01_kyiv_ledger_2023-05-23.txt
m ingest -q --publisher "Northern Courier" --published 2023-06-02 examples/04_northern_courier_2023-06-02.txt
m ingest -q examples/02_border_monitor_2023-05-24.html examples/03_eastern_desk_2023-05-25.html examples/05_baltic_wire_2023-06-06.jsonl
seed="$shared/seed/000_b79f6ff36cfcd08c.txt"
if [ -f "$seed" ]; then
	echo "== ingesting the seed article ($seed)"
	m ingest -q --publisher "The Hill" --published 2023-05-24 "$seed"
else
	echo "(the seed article is not at $seed: showing the examples only)"
fi
echo
echo "== muster ask \"Who are the anti-Putin groups that marched into Russian territory?\""
m ask "Who are the anti-Putin groups that marched into Russian territory?"
for g in "Free Russia Legion" "Russian Volunteer Corps"; do
	echo
	echo "== muster profile \"$g\""
	m profile "$g"
done
echo
echo "== where sources disagree: muster contradictions"
m contradictions
cat <<EOT

Go further:
  $bin --db $db profile RDK --json          # the same profile as JSON (DESIGN §6)
  $bin --db $db ask "Who founded the RDK?"
  $bin --db $db events --participant "Free Russia Legion"
  $bin --db $db claims --predicate killed,size
  $bin --db $db ingest PATH|URL…            # your own articles: text, HTML, JSONL, RSS/Atom, WARC
  $bin eval ner $shared/data/conll2003/test.txt   # how well it reads (see README)
EOT
