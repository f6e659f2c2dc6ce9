# aigate: build, test, demo and bench. `make test` is what CI runs (.ci/run).
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release test lint demo bench clean

# aigate needs two system libraries, libgit2 (git) and PCRE2 (semgrep's regexes); install them
# only when pkg-config cannot find them.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libgit2 libpcre2-8; then :; else \
	  echo "make deps: libgit2 or libpcre2-8 not found by pkg-config; installing libgit2-dev, libpcre2-dev and pkg-config with apt-get"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgit2-dev libpcre2-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a few milliseconds less start-up on every hook run.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# The template checks need pip and apt tools (see scripts/check-templates.sh); CI installs them
# and requires them, a local run without them says it skipped them.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@if [ -n "$$CI" ] || command -v zizmor >/dev/null 2>&1; then bash scripts/check-templates.sh; \
	else echo "make test: CI template checks skipped (tools missing; see scripts/check-templates.sh)"; fi

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

demo: build
	bash scripts/demo.sh "$$($(SWIFT) build --show-bin-path)/aigate"

# BENCH_ARGS passes options to scripts/bench.py, e.g. BENCH_ARGS="--runs 9 --cases hook,pr".
bench: release
	bash scripts/bench.sh "$$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/aigate" $(BENCH_ARGS)

clean:
	rm -rf .build demo bench/work

# The semgrep-rules registry snapshot (../shared/semgrep-rules, or CONFORMANCE_RULES=<folder>)
# through aigate, with semgrep as the reference when installed; not part of `make test`.
# CONFORMANCE_ARGS passes options to scripts/conformance.py, e.g. "--languages python --refresh".
.PHONY: conformance
conformance: build
	python3 scripts/conformance.py --aigate "$$($(SWIFT) build --show-bin-path)/aigate" \
	  $(if $(CONFORMANCE_RULES),--rules "$(CONFORMANCE_RULES)") $(CONFORMANCE_ARGS)

# aigate's own engine against `semgrep scan --experimental` on pinned real code bases (fetched
# once into ~/.cache/aigate/parity, or PARITY_CACHE), with the registry's rules; needs semgrep;
# not part of `make test`. PARITY_ARGS passes options, e.g. "--codebases flask --languages python".
.PHONY: parity
parity: build
	python3 scripts/parity.py --aigate "$$($(SWIFT) build --show-bin-path)/aigate" $(PARITY_ARGS)
