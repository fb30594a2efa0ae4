# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test screenshots system-deps clean bench bench-hall bench-polls bench-overview api-doc

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

## make run: set up and start the demo event on the embedded SQLite database
run: $(VENV)/.run-deps
	$(BIN)/python run.py --demo --demo-proposals --host $(HOST) --port $(PORT)

## make test: set up and run every test, browser tests included
test: $(VENV)/.dev-deps system-deps
	$(BIN)/python -m pytest

## make bench: the hall benchmark, the poll benchmark, then the overview's (bench/README.md)
bench: bench-hall bench-polls bench-overview

## make bench-hall: 2,000 phones and a vote storm, app against baseline, eventlet and gevent
bench-hall: $(VENV)/.dev-deps
	$(BIN)/python -m bench $(BENCH_ARGS)

## make bench-polls: 2,000 phones answer one poll within 10 s, results revealed and hidden
bench-polls: $(VENV)/.dev-deps
	$(BIN)/python -m bench.polls $(POLL_BENCH_ARGS)

## make bench-overview: the province's overview page over 100 areas x 3 years and 50,000 questions
bench-overview: $(VENV)/.dev-deps
	$(BIN)/python -m bench.overview

## make api-doc: write the JSON API part of docs/api.md from live/openapi.json (after changing it)
api-doc: $(VENV)/.run-deps
	$(BIN)/python -m live.web.apidoc

## make screenshots: refresh docs/screenshots from the browser tests
screenshots: $(VENV)/.dev-deps system-deps
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser

## Chromium (browser tests) and redis-server (scale-out test) from Debian, when missing
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing$$missing with apt-get"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing$$missing: install them (sudo apt-get install$$missing); the tests that need them will fail"; \
		fi; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache
