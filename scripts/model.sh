#!/usr/bin/env bash
# Retrains the entity tagger's embedded model (nlp/tagger/model.bin) from
# ../shared/data: word clusters and casing priors from unlabeled news text,
# gazetteers from GeoNames, countries, UCDP and Re-DocRED dev, then the
# two-stage perceptron on CoNLL-2003 train, printing dev F1 after every
# epoch; then the model for documents in capitals (model_caps.bin).
# Training is reproducible: the same data and flags give the same bytes
# (the sha256 is printed). Prints how long training took.
#
# Environment: SHARED (default ../shared). Extra arguments go to the trainer
# (e.g. -epochs1 12 -epochs2 12 -bits 20; see -h).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
if [ ! -f "$SHARED/data/conll2003/train.txt" ]; then
  echo "model.sh: $SHARED/data/conll2003/train.txt not found (set SHARED)" >&2
  exit 1
fi
start=$(date +%s)
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
go run ./nlp/tagger/internal/trainer -shared "$SHARED" -cache "$cache/resources.gob" -out nlp/tagger/model.bin "$@"
# The model for documents written in capitals (issue 10 item 3): the same
# training with an upper-cased copy of every document beside it.
go run ./nlp/tagger/internal/trainer -shared "$SHARED" -cache "$cache/resources.gob" -out nlp/tagger/model_caps.bin -upper-every 1 "$@"
end=$(date +%s)
echo "model.sh: training took $((end - start)) s (wall, including resource building and go build)"
for m in model.bin model_caps.bin; do
  echo "model.sh: nlp/tagger/$m $(stat -c %s nlp/tagger/$m) bytes, sha256 $(sha256sum nlp/tagger/$m | cut -d' ' -f1)"
done
