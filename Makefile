# SvontAi: `make dev` starts the whole product locally; `make test` runs every test.
# Both install what they need (Python tools into .venv, npm packages per folder).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
SCRIPTS := functions/local/scripts
STAMP_VENV := $(VENV)/.installed-$(shell sha1sum tests/requirements.txt | cut -c1-12)

.PHONY: dev test venv build lint test-rust check-template clean

$(STAMP_VENV): tests/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
	touch $@

venv: $(STAMP_VENV)

build:
	cargo build --workspace --bins

## dev: start moto, create resources, seed the demo tenant, serve the API on :8000 (Ctrl-C stops all)
dev: venv build
	$(SCRIPTS)/dev.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

check-template: venv
	$(VENV)/bin/cfn-lint template.yaml

## test: lint, template checks, Rust unit and integration tests against moto
test: venv
	$(MAKE) lint
	$(MAKE) check-template
	$(SCRIPTS)/test.sh

clean:
	cargo clean
	rm -rf $(VENV) .dev
