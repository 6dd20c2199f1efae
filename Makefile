# muster — see README.md. Targets: build, test, bench, demo, model, generate, clean.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)
BIN     := bin/muster
SHARED  ?= ../shared

.PHONY: build test bench demo model generate clean services

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/muster

# services starts the local PostgreSQL if it is installed but not running;
# store tests use it for real (MUSTER_TEST_POSTGRES).
services:
	@bash scripts/services.sh

test: services
	MUSTER_TEST_POSTGRES=$${MUSTER_TEST_POSTGRES-postgres://postgres@127.0.0.1:5432/test?sslmode=disable} \
		$(GO) test -count=1 -timeout 9m ./...

clean:
	rm -rf bin muster.db muster.db-wal muster.db-shm
