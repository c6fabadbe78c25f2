# Shouwang: `make run` serves the demo on SQLite, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: install run serve test test-suite lint bench e2e clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

shouwang/static/vendor/.built: node_modules/.installed scripts/build-static.mjs
	npm run --silent build
	touch $@

install: $(VENV)/.installed shouwang/static/vendor/.built

run: install
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/python manage.py demo
	@echo ""
	@echo "守望 Shouwang 已启动: http://127.0.0.1:8000/  (Ctrl-C 停止；后台任务进程随之停止)"
	@# The worker (imports and other long jobs) runs beside the web server and stops with it.
	@$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run -v 0

# The suite on SQLite, or on DATABASE_URL when it is set; browser tests run when Chromium is there.
test: lint test-suite

test-suite: install
	@if [ -x /usr/bin/chromium ]; then echo "Chromium found: browser tests included."; \
	else echo "Chromium not found at /usr/bin/chromium: browser tests skipped (apt-get install chromium)."; fi
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest --create-db

# Each benchmark makes what it needs (working folder, databases, its own collected static files).
bench: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules staticfiles shouwang/static/vendor
