# Herstart: `make run` to try it, `make test` to prove it. Everything installs itself.
# Python 3.11 to 3.13: the machine's python3, or another with PYTHON=python3.12.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AXE_VERSION := 4.11.0
AXE := .cache/axe/node_modules/axe-core/axe.min.js
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
export FLASK_APP := app:create_app
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider

# pyproject.toml says what we depend on; the locks pin everything it pulls in, with hashes.
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 --generate-hashes

.PHONY: install lock compile run browser-deps test lint format translations bench clean

# Debian splits `venv` off (python3-venv, or python3.X-venv for another version): install it
# when making the venv fails.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "Herstart needs Python 3.11 to 3.13; $(PYTHON) is $$($(PYTHON) --version 2>&1). Use PYTHON=python3.X."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		rm -rf $(VENV); \
		version=$$($(PYTHON) -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'); \
		echo "Installing Debian's venv module for Python $$version"; \
		apt-get update && { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python$$version-venv \
			|| DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv; } \
		&& $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

# WeasyPrint (the plan and certificates as PDF) draws text with Debian's Pango and its fonts.
$(VENV)/.installed: $(TEST_LOCK) | $(BIN)/python
	@/sbin/ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi dejavu || { \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig; } \
		|| echo "Pango could not be installed: PDF downloads will answer with an error page"
	$(BIN)/pip install --quiet --require-hashes -r $(TEST_LOCK)
	touch $@

install: $(VENV)/.installed

# Refresh both locks after changing pyproject.toml (pins that still fit are kept; delete a lock
# to take the newest of everything). Production installs $(LOCK) only.
lock: install
	$(UV_COMPILE) -o $(LOCK)
	$(UV_COMPILE) --extra test --constraint $(LOCK) -o $(TEST_LOCK)

# Compiling catalogues needs no app (and so no valid content): i18n.py alone.
compile: install
	$(BIN)/python -c "import i18n; i18n.compile_all()"

# Debug mode: the development secret and no PUBLIC_URL are accepted there, and nowhere else.
run: export FLASK_DEBUG := 1
run: install compile
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	@echo "Herstart runs on http://127.0.0.1:5000 (Ctrl+C stops it)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Debian's chromium (never `playwright install`: it cannot download here) and a pinned axe-core.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }
	@test -f $(AXE) || command -v npm >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	@test -f $(AXE) || npm install --silent --no-save --no-package-lock --prefix .cache/axe axe-core@$(AXE_VERSION)

# Three workers for PostgreSQL: while one waits for the server's answer, the others use the CPU.
test: install compile browser-deps lint
	@echo "== Leg 1 of 3: SQLite =="
	$(PYTEST) -n 2
	@echo "== Leg 2 of 3: PostgreSQL ($(TEST_DATABASE_URL)) =="
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(TEST_DATABASE_URL)', connect_timeout=5).close()" 2>/dev/null; then \
		command -v pg_dump >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-client; } || echo "pg_dump could not be installed: the backup test is skipped"; \
		TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PYTEST) -n 3; \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): failing, because CI is set"; exit 1; \
	else echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): leg skipped (it fails when CI is set)"; fi
	@echo "== Leg 3 of 3: browser (Playwright + chromium + axe-core $(AXE_VERSION)) =="
	$(PYTEST) -n 2 -m browser tests/browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

translations: install
	$(BIN)/flask i18n update

# The pages under load against gunicorn on both databases (bench/run.py --help: --scale 0.05 to
# try it quickly), then every focused benchmark. PostgreSQL: BENCH_DATABASE_URL, else TEST's.
bench: install compile
	@command -v wrk >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk; }
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python bench/run.py $(BENCH_ARGS)
	@for bench in bench/bench_*.py; do echo "== $$bench =="; $(BIN)/python $$bench || exit 1; done

clean:
	rm -rf $(VENV) .cache instance/*.sqlite
