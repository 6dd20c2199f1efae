#!/usr/bin/env bash
# make bench: muster's benchmarks on one core, printed as one table, then
# the tagger against its NER peers (scripts/bench_ner.sh) in the same run.
#
# Each row is a Go benchmark beside the code it measures (go test -bench
# -cpu 1 -benchmem); custom metrics (docs/s, tokens/s, mentions/s) come
# from b.ReportMetric. Set SKIP_PEERS=1 to skip the peer comparison, which
# installs and runs the peers' tools and takes several minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
SHARED="${1:-../shared}"
export SHARED
benchtime="${BENCHTIME:-3s}"

run() { # package, benchmark regexp
	go test -run '^$' -bench "$2" -benchmem -cpu 1 -benchtime "$benchtime" "$1" 2>&1 | grep -E '^Benchmark' | sed "s#^#${1#./}:#" || echo "$2 ($1): did not run" >&2
}

{
	run ./nlp/segment 'BenchmarkSegment$'
	run ./nlp/tagger 'BenchmarkTagDocument$'
	run ./nlp/syntax 'BenchmarkSyntax$'
	run ./extract 'Benchmark(FindNumbers|FindDates|Attributions|EventsGTD)$'
	run ./ingest 'Benchmark(Normalize|HTML)$'
	run ./resolve 'Benchmark(TranslitKey|Lookup|Geocode|LoadGazetteer)$'
	run ./pipeline 'BenchmarkAnalyze$'
	run ./pipeline 'BenchmarkAnalyzeNews'
	run ./cmd/muster 'BenchmarkEventsGTD$'
	run ./store 'Benchmark(Save|Search)'
} > /tmp/muster-bench.$$

echo
echo "| benchmark | ns/op | B/op | allocs/op | other |"
echo "|---|---:|---:|---:|---|"
awk '{
	name=$1; ns=""; bop=""; aop=""; other="";
	for (i=3; i<=NF; i+=2) {
		if ($(i+1)=="ns/op") ns=$i;
		else if ($(i+1)=="B/op") bop=$i;
		else if ($(i+1)=="allocs/op") aop=$i;
		else other=other $i " " $(i+1) "; ";
	}
	printf "| %s | %s | %s | %s | %s |\n", name, ns, bop, aop, other
}' /tmp/muster-bench.$$
rm -f /tmp/muster-bench.$$

# Resolution at scale: 1,000,000 mentions against 100,000 entities (issue 5).
echo
echo "Resolution of 1,000,000 mentions against 100,000 entities (one core):"
go test -run '^$' -bench 'BenchmarkResolveMillion$' -benchtime 1x -cpu 1 ./resolve 2>&1 | grep -E '^Benchmark' || echo "BenchmarkResolveMillion did not run"

if [ "${SKIP_PEERS:-0}" != 1 ] && [ -d "$SHARED/bench/peers" ]; then
	echo
	echo "Tagger against its peers (scripts/bench_ner.sh):"
	bash scripts/bench_ner.sh
fi
