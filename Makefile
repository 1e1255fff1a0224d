# SvontAi: `make dev` starts the whole product locally; `make test` runs every test.
# Both install what they need (Python tools into .venv, npm packages per folder).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
SCRIPTS := functions/local/scripts
STAMP_VENV := $(VENV)/.installed-$(shell sha1sum tests/requirements.txt | cut -c1-12)

.PHONY: dev test venv sam package coldstart load soak moto-measure fuzz opt-levels build lint template check-template bench widget frontend chromium test-browser eval clean

$(STAMP_VENV): tests/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
	touch $@

venv: $(STAMP_VENV)

# AWS SAM CLI lives in its own venv: its pins conflict with check-jsonschema's.
SAM_VENV := .venv-sam
STAMP_SAM := $(SAM_VENV)/.installed-$(shell sha1sum tests/requirements-sam.txt | cut -c1-12)
$(STAMP_SAM): tests/requirements-sam.txt
	python3 -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements-sam.txt
	touch $@

sam: $(STAMP_SAM)

STAMP_PKG := $(SAM_VENV)/.package-$(shell sha1sum tests/requirements-package.txt | cut -c1-12)
$(STAMP_PKG): tests/requirements-package.txt $(STAMP_SAM)
	$(SAM_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements-package.txt
	touch $@

## coldstart: cold start, peak RSS and zip size per function, through a local Lambda Runtime API
## (runs the zips of this machine's architecture: ARCH=x86_64 make package first on x86_64)
coldstart:
	python3 $(SCRIPTS)/coldstart.py

## load: 60 s of webhook traffic (20 % re-deliveries) then 50 widget visitors, on loopback; checks and figures
load: venv
	$(SCRIPTS)/load.sh

## soak: 10 minutes of dashboard users, widget visitors and WhatsApp customers over a 2,000-item knowledge base; moto memory, 5xx, answer latency
soak: venv
	$(SCRIPTS)/soak.sh

## moto-measure: moto's memory, transaction time and concurrency, stock vs the project's launcher
moto-measure: venv
	.venv/bin/python functions/local/moto/measure.py --plain
	.venv/bin/python functions/local/moto/measure.py

## package: every function in release mode with cargo-lambda (arm64 when the target is installed); prints zip sizes
package: $(STAMP_PKG)
	$(SCRIPTS)/package.sh

## opt-levels: three functions and the benchmarks at opt-level s, z and 3 (about 40 minutes on 2 cores)
opt-levels: $(STAMP_PKG)
	$(SCRIPTS)/opt-levels.sh

build:
	cargo build --workspace --bins

widget/node_modules/.installed: widget/package-lock.json
	cd widget && npm ci --no-audit --no-fund
	touch $@

## widget: the embeddable widget bundle (widget/dist/widget.js)
widget: widget/node_modules/.installed
	cd widget && npm run build

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.installed

## chromium: Debian's Chromium for the browser tests (playwright-core drives it; no downloads)
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

## dev: moto, resources, demo tenant, API on :8000, worker, WhatsApp simulator, dashboard (Ctrl-C stops all)
dev: venv build widget frontend
	$(SCRIPTS)/dev.sh

## eval: the offline answerer over six businesses' questions, dev and validation halves apart
## (right item, right refusals, multi-turn, time; misses listed for the dev half only),
## then the original clinic development set
eval:
	cargo run --release -q -p shared --example eval -- tests/data/eval
	cargo run --release -q -p shared --example eval -- tests/data/kb-dis-klinigi.json --show none

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (default 60); a crash input is kept as a regression test
fuzz:
	$(SCRIPTS)/fuzz.sh

## bench: criterion benchmarks: retrieval, prompt, webhook, JWT, DynamoDB items (figures in docs/performance.md)
bench:
	cargo bench -p shared --bench retrieval --bench hot_path -- --warm-up-time 1 --measurement-time 3
	python3 $(SCRIPTS)/bench-medians.py

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

## template: regenerate template.yaml, the functions' mains and [[bin]]s from the route table
template:
	python3 deploy/gen_template.py > template.yaml.tmp
	mv template.yaml.tmp template.yaml
	python3 deploy/gen_template.py --write-functions

check-template: venv sam
	python3 deploy/gen_template.py | diff -u template.yaml - || { echo "template.yaml is stale: run make template"; exit 1; }
	python3 deploy/gen_template.py --check-functions
	$(VENV)/bin/cfn-lint template.yaml deploy/waf.yaml
	SAM_CLI_TELEMETRY=0 AWS_REGION=eu-central-1 $(SAM_VENV)/bin/sam validate --lint --template template.yaml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/openapi-spec-validator docs/openapi.yaml

## test: lint, template checks, Rust unit and integration tests against moto, schemathesis, browser tests
test: venv widget frontend chromium
	$(MAKE) lint
	$(MAKE) check-template
	$(SCRIPTS)/test.sh
	$(SCRIPTS)/schemathesis.sh
	$(SCRIPTS)/test-browser.sh

clean:
	cargo clean
	rm -rf $(VENV) $(SAM_VENV) .dev
