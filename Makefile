# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
CONSTRAINTS := constraints.txt

.PHONY: demo test lint typecheck layers pytest bench clean constraints

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-base: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev,ner,presidio,postgres,splink]'
	# pycanon pins exact old numpy/pandas; it runs fine on ours, so skip its pins.
	$(PIP) install --quiet --no-deps -c $(CONSTRAINTS) pycanon
	touch $@ $(VENV)/.installed-base

## demo: install and scan the bundled synthetic city dataset (exit 1 = findings, as designed)
demo: $(VENV)/.installed-base
	$(BIN)/cityprivacy scan src/cityprivacy/datasets/sample; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	$(BIN)/cityprivacy detect --jsonl src/cityprivacy/datasets/sample/intake_messages.jsonl | head -n 3

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

## constraints: refresh the lock of exact versions from the current environment
constraints: $(VENV)/.installed-dev
	$(PIP) freeze --exclude-editable | grep -v '^-e' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
