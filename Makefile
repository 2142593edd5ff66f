# maskwire — the commands that matter: `make demo`, `make test`.
GO        ?= go
TESTFLAGS ?= -race -count=1 -timeout 20m
BENCHTIME ?= 500ms

.PHONY: all build test vet demo bench bench-e2e bench-roundtrip quality fmt clean

all: build

build:
	$(GO) build -o bin/maskwire ./cmd/maskwire

vet:
	$(GO) vet ./...

# Unit, fuzz-seed and integration tests (a real PostgreSQL: see internal/pgtest).
test: vet
	$(GO) test $(TESTFLAGS) ./...

demo:
	$(GO) run ./cmd/maskwire demo

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./codec ./classify ./mask ./bench

# Classification quality against issue 3's targets (precision/recall per type on the corpora;
# `make test` holds types below target to their recorded floors instead).
quality:
	$(GO) test -count=1 -run TestQuality ./corpora -v -args -quality-targets

# End-to-end figures (direct vs maskwire vs PgBouncer); script owned by bench/.
bench-e2e: build
	bash bench/e2e.sh

# pgbench -S round trips through each relay and PgBouncer: TPS, proxy CPU and syscalls per transaction.
bench-roundtrip: build
	bash bench/roundtrip.sh

fmt:
	gofmt -l -w .

clean:
	rm -rf bin
