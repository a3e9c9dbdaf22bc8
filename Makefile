# Two commands set everything up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test test-fast lint model bench lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)  ## build or update warehouse/ from raw/
	$(BIN)/chronicle run --raw raw --warehouse warehouse

test: $(STAMP)  ## the whole test suite, slow tests included
	$(BIN)/ruff check .
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check chronicle/build.py chronicle/warehouse.py chronicle/stages chronicle/fingerprint.py chronicle/corpus.py lab/datasets.py flows schemas

model: $(STAMP)  ## rebuild the NLP pipeline under models/ from ../shared/datasets
	$(BIN)/python -m lab.nlp.train

bench: $(STAMP)  ## benchmarks (numbers, not tests)
	$(BIN)/python bench/bench_ingest.py

lock:  ## re-resolve requirements.lock from pyproject.toml in a scratch venv
	rm -rf /tmp/chronicle-lock && $(PYTHON) -m venv /tmp/chronicle-lock
	/tmp/chronicle-lock/bin/pip install --quiet -e ".[dev,lab]"
	/tmp/chronicle-lock/bin/pip freeze --exclude-editable | sort > requirements.lock

clean:
	rm -rf $(VENV) .prefect warehouse
