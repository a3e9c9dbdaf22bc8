# Two commands set everything up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test test-fast lint model bench lock clean chromium

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)  ## build or update warehouse/ from raw/
	$(BIN)/chronicle run --raw raw --warehouse warehouse

test: $(STAMP) chromium  ## the whole test suite, slow tests included
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# Debian's chromium: the report's test opens the HTML report in it, headless. Installed
# with apt-get only where missing (needs root, as in CI); otherwise that test is skipped
# and says why.
CHROMIUM := /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "make chromium: $(CHROMIUM) is missing; as root: apt-get install chromium" >&2; \
	fi

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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
