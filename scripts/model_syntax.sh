#!/usr/bin/env bash
# Retrains the syntax layer's embedded model (nlp/syntax/model.bin.gz) from
# ../shared/data: word clusters from unlabeled news text and the EWT train
# words, then the tagger, the jackknifed arc-hybrid parser and the
# lemmatiser on UD English-EWT train (plus its segment-tokenised and
# upper-cased copies) and our in-domain treebank
# (nlp/syntax/treebank/train.conllu, each sentence INDOMAIN_WEIGHT times),
# printing dev scores after every parser epoch.
# Training is reproducible: the same data and flags give the same bytes
# (the sha256 is printed). Prints how long training took.
#
# Environment: SHARED (default ../shared), INDOMAIN_WEIGHT (copies of each
# in-domain sentence, default 5; 0 leaves the treebank out). Extra
# arguments go to the
# trainer (e.g. -parse-epochs 10 -parse-bits 21; see -h).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
if [ ! -f "$SHARED/data/ud_english_ewt/en_ewt-ud-train.conllu" ]; then
  echo "model_syntax.sh: $SHARED/data/ud_english_ewt/en_ewt-ud-train.conllu not found (set SHARED)" >&2
  exit 1
fi
start=$(date +%s)
go run ./nlp/syntax/internal/trainer -shared "$SHARED" -out nlp/syntax/model.bin.gz \
  -indomain nlp/syntax/treebank/train.conllu -indomain-weight "${INDOMAIN_WEIGHT:-5}" "$@"
end=$(date +%s)
echo "model_syntax.sh: training took $((end - start)) s (wall, including clustering and go build)"
echo "model_syntax.sh: nlp/syntax/model.bin.gz $(stat -c %s nlp/syntax/model.bin.gz) bytes, sha256 $(sha256sum nlp/syntax/model.bin.gz | cut -d' ' -f1)"
