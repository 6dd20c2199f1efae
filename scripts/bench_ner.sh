#!/usr/bin/env bash
# Benchmarks muster's entity tagger against the NER peers of
# ../shared/bench/peers in one run, on the same sentences, and prints one
# table with ratios.
#
# The peers' harness is copied into a work folder (shared/ is read-only
# input) and run as is (run.sh installs what it needs: Debian time,
# OpenNLP and a JDK; npm packages; Go modules). Then muster is run under the
# same protocol: each CoNLL-2003 test sentence, tokens joined by spaces, is
# tokenised by nlp/segment and tagged, one call per sentence, pinned to one
# CPU (taskset) with GOMAXPROCS=1, model load excluded, after a one-sentence
# warm-up; peak RSS is the whole process's (GNU time %M); the peers' scorer
# scores the spans. A second muster row tags each document's sentences
# together (document context on), as `muster eval ner` does.
#
# Environment: SHARED (default ../shared), RUNS (default 3), BENCH_CPU
# (default 0), BENCH_DIR (default $TMPDIR/muster-bench-ner), SKIP_PEERS=1 to
# run muster only (its rows are then compared with nothing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$(cd "${SHARED:-$ROOT/../shared}" && pwd)"
DATA="$SHARED/data/conll2003"
RUNS="${RUNS:-3}"
CPU="${BENCH_CPU:-0}"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/muster-bench-ner}"
log() { echo "bench_ner.sh: $*" >&2; }

for f in test.txt conllpp_test.txt; do
  [ -f "$DATA/$f" ] || { log "missing $DATA/$f (set SHARED)"; exit 1; }
done
mkdir -p "$WORK"
cp -rT "$SHARED/bench/peers" "$WORK/peers"
chmod -R u+w "$WORK/peers"
PEERS="$WORK/peers"
BUILD="$PEERS/.build"
mkdir -p "$BUILD/results"

PEER_TABLE="$WORK/peers.md"
: > "$PEER_TABLE"
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  log "running the peers (../shared/bench/peers/run.sh; first run installs and trains OpenNLP, ~3 min)"
  if ! CONLL_DIR="$DATA" RUNS="$RUNS" BENCH_CPU="$CPU" bash "$PEERS/run.sh" > "$PEER_TABLE" 2> "$WORK/peers.log"; then
    log "the peers' run.sh failed (see $WORK/peers.log); showing muster alone"
    : > "$PEER_TABLE"
  fi
fi

log "building the scorer and muster's runner"
(cd "$PEERS" && go build -o "$BUILD/score" ./score)
(cd "$ROOT" && go build -o "$WORK/nerbench" ./nlp/tagger/internal/nerbench)
SENTS="$BUILD/test.sentences.txt"
"$BUILD/score" -gold "$DATA/test.txt" -text > "$SENTS"

TIME=(/usr/bin/time -f '%M')
[ -x /usr/bin/time ] || { log "GNU time not installed: peak RSS not measured"; TIME=(); }
PIN=(taskset -c "$CPU")
command -v taskset >/dev/null || { log "taskset not found: not pinned"; PIN=(); }

MUSTER_VER="$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo dev), model $(sha256sum "$ROOT/nlp/tagger/model.bin" | cut -c1-12)"
ROWS=()
bench_muster() {
  local name="$1"; shift
  local times=() cpus=() rss=() i out="$BUILD/results/$name.spans.tsv" err="$BUILD/results/$name.err" rssf="$BUILD/results/$name.rss"
  for i in $(seq 1 "$RUNS"); do
    if [ ${#TIME[@]} -gt 0 ]; then
      "${PIN[@]}" "${TIME[@]}" -o "$rssf" env GOMAXPROCS=1 "$WORK/nerbench" -in "$SENTS" "$@" "$out" 2> "$err"
      rss+=("$(tail -1 "$rssf")")
    else
      "${PIN[@]}" env GOMAXPROCS=1 "$WORK/nerbench" -in "$SENTS" "$@" "$out" 2> "$err"
    fi
    times+=("$(awk '/^ELAPSED_NS/{print $2}' "$err")")
    cpus+=("$(awk '/^CPU_NS/{print $2}' "$err")")
    log "$name run $i: $(awk '/^ELAPSED_NS/{w=$2} /^CPU_NS/{c=$2} END{printf "wall %.3f s, cpu %.3f s", w/1e9, c/1e9}' "$err")${rss:+, ${rss[-1]} KiB}"
  done
  local t c r
  t="$(IFS=,; echo "${times[*]}")"; c="$(IFS=,; echo "${cpus[*]}")"; r="$(IFS=,; echo "${rss[*]:-}")"
  "$BUILD/score" -gold "$DATA/test.txt" -spans "$out" -map "PER=PER,LOC=LOC,ORG=ORG,MISC=MISC" > "$BUILD/results/$name.report.txt"
  ROWS+=("$("$BUILD/score" -gold "$DATA/test.txt" -spans "$out" -map "PER=PER,LOC=LOC,ORG=ORG,MISC=MISC" \
    -also-gold "$DATA/conllpp_test.txt" -row -name "$name" -version "$MUSTER_VER" -times "$t" -cpu-times "$c" ${r:+-rss "$r"})")
}
bench_muster "muster-tagger (sentence)"
bench_muster "muster-tagger (document)" -docs "$DATA/test.txt"

HEADER="| tool | version | P | R | F1 | F1 PER | F1 LOC | F1 ORG | F1 MISC | F1 CoNLL++ | tokens/s (wall) | tokens/s (CPU) | peak RSS |"
echo "NER on CoNLL-2003 English test, one run: entity-level exact match (the peers' scorer); tokens/s = 46,435 gold tokens / median of $RUNS runs; pinned to CPU $CPU; muster includes tokenisation (nlp/segment), excludes model load."
echo
echo "$HEADER"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
grep '^| ' "$PEER_TABLE" | grep -v '^| tool ' | grep -v '^| ---' || true
printf '%s\n' "${ROWS[@]}"
echo

# Ratios: each muster row against each peer row.
PEER_ROWS="$(grep '^| ' "$PEER_TABLE" | grep -v '^| tool ' | grep -v '^| ---' || true)"
if [ -n "$PEER_ROWS" ]; then
  echo "| muster row | vs peer | ΔF1 (points) | speed ratio (wall) | speed ratio (CPU) | RSS ratio |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}" | while IFS= read -r m; do
    printf '%s\n' "$PEER_ROWS" | while IFS= read -r p; do
      awk -v m="$m" -v p="$p" 'BEGIN {
        nm = split(m, a, "|"); np = split(p, b, "|")
        for (i in a) { gsub(/^ +| +$/, "", a[i]); gsub(/,/, "", a[i]) }
        for (i in b) { gsub(/^ +| +$/, "", b[i]); gsub(/,/, "", b[i]) }
        # columns: 2 name, 6 F1, 12 wall, 13 cpu, 14 RSS
        rs = "n/a"; ma = a[14]; pb = b[14]; sub(/ MiB/, "", ma); sub(/ MiB/, "", pb)
        if (ma+0 > 0 && pb+0 > 0) rs = sprintf("%.2f×", ma/pb)
        w = (b[12]+0 > 0) ? sprintf("%.1f×", a[12]/b[12]) : "n/a"
        c = (b[13]+0 > 0) ? sprintf("%.1f×", a[13]/b[13]) : "n/a"
        printf "| %s | %s | %+.1f | %s | %s | %s |\n", a[2], b[2], a[6]-b[6], w, c, rs
      }'
    done
  done
else
  echo "(no peer rows: the peers did not run; see $WORK/peers.log)"
fi
