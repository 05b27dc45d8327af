# credfetch: `make run` starts the demo, `make test` runs every test tier.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory

GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
WASM_EXEC_SRC := $(GOROOT)/lib/wasm/wasm_exec.js
WASM_EXEC_RUN := $(GOROOT)/lib/wasm/go_js_wasm_exec
CHROME_PATH   ?= /usr/lib/chromium/chromium
export CHROME_PATH

DIST    := assets/dist
WASM    := $(DIST)/credfetch.wasm
SERVER  := bin/demo-server
TESTSUM := bin/testsum
TALLY   := build/test-tally
ARGS    ?=

# Packages compiled for the browser; their tests run under Node.
WASM_PKGS := ./wasm/... ./fetch/...

.PHONY: build wasm server run test test-start npm-fixtures package package-check size fmt-check vet unit wasm-test e2e chromium bench fuzz screenshots clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: wasm server ## build credfetch.wasm (+ wasm_exec.js) and the demo server

wasm: ## compile package wasm to assets/dist/credfetch.wasm and copy Go's wasm_exec.js beside it
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o $(WASM) ./wasm
	cp $(WASM_EXEC_SRC) $(DIST)/wasm_exec.js

server: wasm ## build bin/demo-server (it embeds web/, so the wasm first)
	$(GO) build -trimpath -o $(SERVER) ./cmd/demo-server

run: build ## build, then start the demo server with its defaults (ARGS="-h" lists its flags)
	./$(SERVER) $(ARGS)

test: test-start fmt-check vet size unit wasm-test package-check e2e ## every tier: gofmt, vet (native + js/wasm), size, unit, js/wasm under Node, the npm package's linters, e2e in Chromium
	@echo "== make test: every tier passed"
	@$(TESTSUM) -total $(TALLY)

test-start: $(TESTSUM)
	@mkdir -p build && rm -f $(TALLY)

# The release, from fetch.Version: the npm package (build/npm, packed into
# build/credfetch-VERSION.tgz) and the plain-page folder build/credfetch-VERSION
# with integrity.json and brotli and gzip encodings beside its files.
VERSION := $(shell sed -n 's/^const Version = "\(.*\)"$$/\1/p' fetch/version.go)
PLAIN   := build/credfetch-$(VERSION)
TARBALL := build/credfetch-$(VERSION).tgz
package: wasm ## build the npm package (build/credfetch-VERSION.tgz) and the plain-page folder (build/credfetch-VERSION/)
	@command -v npm >/dev/null || { echo "package: npm is not installed: install Node.js 18+ with npm"; exit 1; }
	$(GO) run ./internal/tools/release -root . -goroot "$(GOROOT)" -out build
	-$(GO) run ./internal/tools/precompress $(PLAIN)/credfetch.js $(PLAIN)/credfetch-global.js $(PLAIN)/credfetch.wasm $(PLAIN)/wasm_exec.js
	rm -f $(TARBALL)
	cd build/npm && npm pack --pack-destination .. --loglevel=error >/dev/null
	@echo "package: $(TARBALL) and $(PLAIN)/"

# The npm package as its users' tools see it: publint (package.json against
# the files) and attw (types for every entry point, ESM-only profile;
# credfetch.wasm is a file to fetch, not a module, so it has no types).
package-check: package npm-fixtures ## lint the npm package with publint and @arethetypeswrong/cli
	@echo "== tier package: publint and attw on build/npm"
	e2e/testdata/npm/node_modules/.bin/publint --strict build/npm
	e2e/testdata/npm/node_modules/.bin/attw --pack build/npm --profile esm-only --exclude-entrypoints credfetch.wasm
	@echo "package: publint and attw report no problems"

# Issue 5's size target: credfetch.wasm at most 1.15 times the size floor
# (gzip -9). `make test` fails above SIZE_MAX, which is the target.
SIZE_TARGET := 1.15
SIZE_MAX    ?= 1.15
size: wasm ## compare credfetch.wasm's gzip -9 size with the size floor (internal/sizefloor), built alike
	@echo "== size: credfetch.wasm against the size floor"
	@mkdir -p build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o build/sizefloor.wasm ./internal/sizefloor
	@$(GO) run ./internal/tools/sizecheck -max $(SIZE_MAX) -target $(SIZE_TARGET) $(WASM) build/sizefloor.wasm

fmt-check: ## fail if gofmt would change a file
	@echo "== tier fmt: gofmt -l"
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change these files (run gofmt -w on them):"; echo "$$out"; exit 1; fi
	@echo "fmt: gofmt is clean"

vet: ## go vet, native and GOOS=js GOARCH=wasm
	@echo "== tier vet: go vet (native, e2e tag, js/wasm)"
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/
	GOOS=js GOARCH=wasm $(GO) vet $(WASM_PKGS)
	@echo "vet: clean"

$(TESTSUM): internal/tools/testsum/main.go
	@mkdir -p build
	@$(GO) build -o $@ ./internal/tools/testsum

unit: $(TESTSUM) ## native unit tests (with the race detector)
	@echo "== tier unit: go test -race ./..."
	$(GO) test -race -count=1 -json ./... | $(TESTSUM) -tally $(TALLY) unit

wasm-test: $(TESTSUM) ## js/wasm tests, run under Node with Go's go_js_wasm_exec, against bin/fetchtestserver
	@echo "== tier wasm: GOOS=js GOARCH=wasm go test (Node $$(node --version 2>/dev/null || echo missing))"
	@command -v node >/dev/null || { echo "wasm-test: Node.js is not installed: install it (apt-get install -y nodejs, Node 18 or later) to run the js/wasm tests"; exit 1; }
	@mkdir -p bin build
	$(GO) build -o bin/fetchtestserver ./internal/tools/fetchtestserver
	@# A wasm test cannot listen: start the fetch test server on a free loopback
	@# port, pass its URL as CREDFETCH_TEST_SERVER, and stop it on any exit.
	@urlfile=build/fetchtestserver-$$$$.url; \
	./bin/fetchtestserver -addr 127.0.0.1:0 -url-file "$$urlfile" >/dev/null & pid=$$!; \
	trap 'rc=$$?; kill $$pid 2>/dev/null; wait $$pid 2>/dev/null || true; rm -f "$$urlfile"; exit $$rc' EXIT; \
	for _ in $$(seq 100); do [ -s "$$urlfile" ] && break; kill -0 $$pid 2>/dev/null || break; sleep 0.1; done; \
	[ -s "$$urlfile" ] || { echo "wasm-test: bin/fetchtestserver did not start (see its error above)"; exit 1; }; \
	export CREDFETCH_TEST_SERVER=$$(cat "$$urlfile"); echo "wasm-test: test server at $$CREDFETCH_TEST_SERVER"; \
	GOOS=js GOARCH=wasm $(GO) test -count=1 -json -exec="$(WASM_EXEC_RUN)" $(WASM_PKGS) | $(TESTSUM) -tally $(TALLY) wasm

chromium: ## install Debian's Chromium when it is missing (needs root and apt-get)
	@if [ -x "$(CHROME_PATH)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "chromium: $(CHROME_PATH) is missing; installing Debian's chromium"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium: no browser at $(CHROME_PATH). Install it (sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome binary."; exit 1; \
	fi

npm-fixtures: ## install the pinned npm fixtures: jQuery, axios, TypeScript and the package linters (e2e/testdata/npm), the Vite app (e2e/testdata/viteapp)
	@command -v npm >/dev/null || { echo "npm-fixtures: npm is not installed: install Node.js 20.19+ with npm (Vite 8 needs it)"; exit 1; }
	cd e2e/testdata/npm && npm ci --no-audit --no-fund --loglevel=error
	cd e2e/testdata/viteapp && npm ci --no-audit --no-fund --loglevel=error

e2e: chromium npm-fixtures $(TESTSUM) ## end-to-end tests in headless Chromium (CHROME_PATH overrides the browser)
	@echo "== tier e2e: go test -tags e2e ./e2e/ ($(CHROME_PATH))"
	$(GO) test -tags e2e -count=1 -json ./e2e/ | $(TESTSUM) -tally $(TALLY) e2e

screenshots: e2e ## refresh docs/screenshots from the e2e suite's build/screenshots
	mkdir -p docs/screenshots
	cp build/screenshots/*.png docs/screenshots/

bench: ## all benchmarks: the CORS comparison table, the product's Go benchmarks, then the browser table
	@mkdir -p build
	cd benchmarks && $(GO) test -run='^$$' -bench=. -benchmem ./... > ../build/bench-cors.txt
	cd benchmarks && $(GO) run ./cmd/benchtable < ../build/bench-cors.txt
	$(GO) test -run='^$$' -bench=. -benchmem ./cors/ ./fetch/...
	@$(MAKE) bench-browser

# Issue 7's browser benchmarks: each case once (-benchtime=1x: one
# measurement of ROUNDS interleaved rounds, ours and native alternating, timed
# in the page), then one table of ours/native against the issue's targets.
# About three minutes; the raw output stays in build/bench-browser.txt. The
# medians of 15 rounds move less between runs than those of 5 on a busy machine.
ROUNDS ?= 15
.PHONY: bench-browser
bench-browser: chromium npm-fixtures ## browser benchmarks: credfetch against the browser's own fetch()/XHR in headless Chromium (ROUNDS=15)
	@mkdir -p build
	$(GO) test -tags e2e -count=1 -run='^$$' -bench='^BenchmarkBrowser$$' -benchtime=1x ./e2e/ -args -browser.rounds=$(ROUNDS) | tee build/bench-browser.txt
	@awk 'BEGIN { split("fetch-seq 1.10 fetch-par 1.10 xhr-seq 1.10 install 1.10 upload-1mb 1.25 download-1mb 1.25 startup 1.20", t, " "); \
		for (i = 1; i in t; i += 2) target[t[i]] = t[i+1]; \
		print ""; print "| case | ours ms | native ms | ours/native | target |"; print "| --- | ---: | ---: | ---: | ---: |" } \
	/^BenchmarkBrowser\// { name = $$1; sub(/^BenchmarkBrowser\//, "", name); sub(/-[0-9]+$$/, "", name); \
		for (i = 3; i < NF; i += 2) m[$$(i+1)] = $$i; \
		printf "| %s | %.1f | %.1f | %.3f | %s%s |\n", name, m["ours-ms"], m["native-ms"], m["ours/native"], (m["ours/native"] <= target[name] ? "" : "over "), target[name] }' build/bench-browser.txt

FUZZTIME ?= 20s
fuzz: ## run each fuzz target for FUZZTIME (default 20s); failures land in each package's testdata/fuzz
	$(GO) test ./cors -run='^$$' -fuzz='^FuzzOrigin$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./cors -run='^$$' -fuzz='^FuzzRequestHeaders$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./cors -run='^$$' -fuzz='^FuzzPolicy$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./internal/demo -run='^$$' -fuzz='^FuzzHandlers$$' -fuzztime=$(FUZZTIME)
	$(GO) test ./internal/jsapi -run='^$$' -fuzz='^FuzzMessagesNeverPanic$$' -fuzztime=$(FUZZTIME)

clean: ## remove build outputs
	rm -rf bin build $(WASM) $(DIST)/wasm_exec.js e2e/testdata/viteapp/src/app.ts
