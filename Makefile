# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
CONSTRAINTS := constraints.txt

.PHONY: demo test lint typecheck layers pytest bench bench-protect bench-link bench-office clean constraints

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-base: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev,ner,presidio,postgres,splink,spark]'
	# pycanon pins exact old numpy/pandas; it runs fine on ours, so skip its pins.
	$(PIP) install --quiet --no-deps -c $(CONSTRAINTS) pycanon
	touch $@ $(VENV)/.installed-base

## demo: install, then run every part on the bundled synthetic city data (outputs in build/demo)
SAMPLE := src/cityprivacy/datasets/sample
DEMO   := build/demo
CP     := $(BIN)/cityprivacy
demo: $(VENV)/.installed-base
	@mkdir -p $(DEMO)
	@echo "== 1. find: scan the sample (exit 1 = findings, as designed)"
	$(CP) scan $(SAMPLE); rc=$$?; [ $$rc -le 1 ] || exit $$rc
	$(CP) detect --jsonl $(SAMPLE)/intake_messages.jsonl | head -n 3
	@echo "== 2. protect: de-identify with a throwaway key, measure risk, anonymize, release"
	@[ -s $(DEMO)/demo.key ] || $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $(DEMO)/demo.key
	$(CP) policy validate src/cityprivacy/protect/policies/default.yaml
	$(CP) deidentify $(SAMPLE) $(DEMO)/deidentified --policy src/cityprivacy/protect/policies/default.yaml --key-file $(DEMO)/demo.key
	$(CP) risk $(SAMPLE)/clients.csv --qi dob,sex,zip
	$(CP) anonymize $(SAMPLE)/clients.csv $(DEMO)/clients-k5.csv --qi dob,sex,race,zip --hierarchies examples/hierarchies --k 5 --max-suppression 0.1
	$(CP) release table $(SAMPLE)/clients.csv --by race,borough
	@echo "== 3. link: keyed Bloom-filter encodings, matched without clear identifiers"
	$(CP) link encode $(SAMPLE)/clients.csv $(DEMO)/clients.enc.parquet --schema city --key-file $(DEMO)/demo.key
	$(CP) link match $(DEMO)/clients.enc.parquet $(DEMO)/clients.enc.parquet --threshold 0.8 -o $(DEMO)/matches.csv
	@echo "== 4. the office: a fictional city in a SQLite file, then verify its audit chain"
	rm -f $(DEMO)/office.db
	CITYPRIVACY_DATABASE_URL=sqlite:///$(DEMO)/office.db CITYPRIVACY_KEY_FILE=$(DEMO)/demo.key $(CP) demo-data --tokens-file $(DEMO)/tokens.json
	CITYPRIVACY_DATABASE_URL=sqlite:///$(DEMO)/office.db $(CP) disclosures list --limit 5
	CITYPRIVACY_DATABASE_URL=sqlite:///$(DEMO)/office.db $(CP) audit verify
	$(CP) check examples/agency-manifest.yaml --on 2026-09-01; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo "== 5. share: an extract under HPD's agreement 3, recorded as a disclosure, then its receipt checked"
	rm -f $(DEMO)/hpd-extract.parquet
	CITYPRIVACY_DATABASE_URL=sqlite:///$(DEMO)/office.db CITYPRIVACY_KEY_FILE=$(DEMO)/demo.key CITYPRIVACY_TOKEN=$$($(BIN)/python -c "import json; print(json.load(open('$(DEMO)/tokens.json'))['apo@hpd.demo'])") $(CP) share extract --agreement 3 $(SAMPLE)/clients.csv $(DEMO)/hpd-extract.parquet --drop-uncovered
	CITYPRIVACY_DATABASE_URL=sqlite:///$(DEMO)/office.db CITYPRIVACY_KEY_FILE=$(DEMO)/demo.key CITYPRIVACY_TOKEN=$$($(BIN)/python -c "import json; print(json.load(open('$(DEMO)/tokens.json'))['apo@hpd.demo'])") $(CP) share verify $(DEMO)/hpd-extract.parquet --agreement 3

## test: install what the tests need, lint, type-check, check layers, run the tests
test: $(VENV)/.installed-dev lint typecheck layers pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

layers: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -q

## bench: detection benchmark against Presidio (writes benchmarks/results/)
bench: $(VENV)/.installed-dev
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev,ner,presidio,bench]'
	$(BIN)/python benchmarks/detect_bench.py
	$(BIN)/python benchmarks/faker_eval.py run

## bench-protect: anonymization on ARX's adult (vs anjana, pycanon) and 1M-row de-identification
bench-protect: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/anonymize_bench.py --runs 7 --cli-runs 5
	$(BIN)/python benchmarks/deidentify_bench.py --rows 1000000 --small 100000 --peer-texts 2000

## bench-link: FEBRL4 against clkhash + anonlink, then 1M x 1M linkage at scale
bench-link: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/link_bench.py
	$(BIN)/python benchmarks/link_scale.py

## bench-office: the REST service on PostgreSQL under 50 concurrent clients
bench-office: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/service_bench.py

## constraints: refresh the lock of exact versions from the current environment
constraints: $(VENV)/.installed-dev
	$(PIP) freeze --exclude-editable | grep -v '^-e' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
