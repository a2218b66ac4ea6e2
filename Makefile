# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint test-sqlite test-postgresql demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## run: install, migrate, load the demo data and serve on http://127.0.0.1:8000
run: $(STAMP)
	env -u DATABASE_URL $(BIN)/python manage.py migrate --no-input
	env -u DATABASE_URL $(BIN)/python manage.py load_demo
	env -u DATABASE_URL $(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: ruff, then the whole suite on SQLite, and on PostgreSQL too when DATABASE_URL is set
# The tests run in parallel, one process per CPU (pytest-xdist), each module's tests in the
# same process so that a module's shared records are built once; each process has its own
# test database. `make test WORKERS=0` runs them all in this process.
WORKERS ?= auto
PYTEST := $(BIN)/pytest --numprocesses=$(WORKERS) --dist=loadscope

test: lint
ifdef DATABASE_URL
	env -u DATABASE_URL $(PYTEST) -m "not postgresql"
	$(PYTEST)
else
	$(PYTEST)
endif

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
