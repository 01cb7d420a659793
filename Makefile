# The two commands of the README: `make run` and `make test`. Both build their own virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= shequn-demo.db
HOST ?= 127.0.0.1
PORT ?= 8000
MEMBERS ?= 5000

.PHONY: run test lint bench bench-ingest bench-importers bench-fission bench-graph bench-analytics clean bench-web

$(BIN)/shequn: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("shequn needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

run: $(BIN)/shequn  ## load the demo community into SQLite and serve the dashboard
	$(BIN)/shequn --db $(DB) demo --members $(MEMBERS)
	$(BIN)/shequn --db $(DB) serve --host $(HOST) --port $(PORT) --demo-owner

lint: $(BIN)/shequn
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: lint  ## lint, type-check, and run the whole suite on SQLite and PostgreSQL
	$(BIN)/pytest

bench: bench-ingest bench-importers bench-fission bench-analytics  ## every benchmark; copy the tables into docs/benchmarks.md

bench-ingest: $(BIN)/shequn
	mkdir -p bench/out
	$(BIN)/python bench/ingest.py | tee bench/out/ingest.md

bench-importers: $(BIN)/shequn
	$(BIN)/pip install --quiet -e '.[bench]'
	mkdir -p bench/out
	$(BIN)/python bench/importers.py | tee bench/out/importers.md

bench-fission: $(BIN)/shequn  ## every fission metric on a 10M-person referral forest
	mkdir -p bench/out
	$(BIN)/python bench/fission.py | tee bench/out/fission.md

bench-graph: $(BIN)/shequn  ## leader scores and circles against igraph called directly
	mkdir -p bench/out
	$(BIN)/python bench/graph.py 1000000 10000000 | tee bench/out/graph.md

bench-analytics: $(BIN)/shequn  ## every metric on the million-member demo, against a pandas reference
	$(BIN)/pip install --quiet -e '.[bench]'
	test -f bench/out/demo-1m.db || $(BIN)/shequn --db bench/out/demo-1m.db demo --members 1000000
	$(BIN)/python bench/analytics.py --db bench/out/demo-1m.db | tee bench/out/analytics.md

bench-web: $(BIN)/shequn  ## 50 signed-in users browsing the million-member demo (a copy of it)
	mkdir -p bench/out
	test -f bench/out/demo-1m.db || $(BIN)/shequn --db bench/out/demo-1m.db demo --members 1000000
	$(BIN)/python bench/web.py --db bench/out/demo-1m.db --users 50 --seconds 60 | tee bench/out/web.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
