# Loyalty Loop: `make run` opens the dashboard on the demo data; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/cx.duckdb
PORT ?= 8501
# Listen on this computer only; `make run ADDRESS=0.0.0.0` opens it to the shop's network (then the
# dashboard asks for the password in .streamlit/secrets.toml, see docs/operations.md).
ADDRESS ?= 127.0.0.1

.PHONY: run test bench demo install install-dev browser clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install -r requirements-dev.txt

# Debian's chromium for the browser tests (never a downloaded browser build) and a JVM for the
# Spark engine test.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium) \
	  || (sudo apt-get update -q && sudo apt-get install -y -q chromium)
	@command -v java >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q default-jre-headless) \
	  || (sudo apt-get update -q && sudo apt-get install -y -q default-jre-headless)

run: install
	CX_DB=$(DB) $(BIN)/python -m cx demo --if-empty
	CX_DB=$(DB) $(BIN)/python -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

# The layers and the style first (pyproject.toml: ruff, and import-linter's contracts), then every
# test on TEST_WORKERS processes (pytest-xdist); loadgroup keeps the tests marked
# xdist_group("...") (one Spark JVM, one expensive module fixture) in one worker.
# `make test TEST_WORKERS=0` runs them in this process, as a plain `pytest -q` does.
TEST_WORKERS ?= 2

test: install-dev browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

bench: install
	$(BIN)/python -m cx bench

demo: install
	CX_DB=$(DB) $(BIN)/python -m cx demo

clean:
	rm -rf $(VENV) .pytest_cache
