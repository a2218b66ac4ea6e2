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
test: lint
ifdef DATABASE_URL
	env -u DATABASE_URL $(BIN)/pytest -m "not postgresql"
	$(BIN)/pytest
else
	$(BIN)/pytest
endif

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
