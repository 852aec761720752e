# Alliance Portal. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is local development: debug on, SQLite unless DATABASE_URL says otherwise.
DEV_ENV := DJANGO_DEBUG=1
# Links in mails (and pages) name the address `make run` serves, unless told otherwise.
RUN_ENV = $(DEV_ENV) DJANGO_SITE_URL=$(or $(DJANGO_SITE_URL),http://$(HOST):$(PORT))

.PHONY: run test bench bench-alerts lighthouse lint format messages clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo_content
	$(DEV_ENV) $(BIN)/python manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Alliance Portal: http://$(HOST):$(PORT)/de/ (English: http://$(HOST):$(PORT)/en/)"
	@echo "Mail (alerts, confirmations) is printed here unless DJANGO_EMAIL_HOST is set."
	@# The worker (queued mail, alerts at release time) runs beside the server and
	@# stops with it.
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py run_worker & worker=$$!; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Performance: the portal under gunicorn (production settings, 2 workers) measured by
# wrk on generate_load_data's data, against a bare Django view; writes bench/results.md.
# SQLite by default, DATABASE_URL=postgres://… for PostgreSQL. See the README.
bench: $(BIN)/.installed
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing wrk (apt-get install wrk)."; \
			apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "make bench needs wrk, the HTTP load tool: 'sudo apt-get install wrk' on Debian or Ubuntu, 'brew install wrk' on macOS."; \
			exit 1; \
		fi; \
	fi
	$(BIN)/python -m bench

# E-mail alerts: one release to 10,000 subscribers, sent by a worker process through
# a local SMTP sink; prints mails per second and the worker's memory (bench/alerts.py).
bench-alerts: $(BIN)/.installed
	$(BIN)/python -m bench.alerts

# Lighthouse (performance, accessibility, best practices, SEO) on the home page, an
# alliance and a press statement, served as in production; fails below the thresholds
# in bench/lighthouse.py. Not part of `make test`: a minute or so, and scores vary
# with the machine's load. Lighthouse is pinned and kept out of the site's node_modules.
# 12.8.2, not 12.2.3: 12.2.3 cannot read current Chromium's traces (the LCP element,
# render-blocking and layout-shift audits end in errors). Both run on Node 20.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_DIR := .tools/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE_DIR)/.installed-$(LIGHTHOUSE_VERSION)
CHROME_PATH ?= /usr/bin/chromium

lighthouse: $(BIN)/.installed $(LIGHTHOUSE_STAMP)
	@if [ ! -x "$(CHROME_PATH)" ]; then \
		echo "make lighthouse needs Chromium at $(CHROME_PATH): 'apt-get install chromium', or set CHROME_PATH."; \
		exit 1; \
	fi
	CHROME_PATH=$(CHROME_PATH) LIGHTHOUSE=$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse \
		$(BIN)/python -m bench.lighthouse

$(LIGHTHOUSE_STAMP):
	@command -v npm >/dev/null || { echo "make lighthouse needs npm (Node.js 18.16 or later)."; exit 1; }
	rm -rf $(LIGHTHOUSE_DIR)
	mkdir -p $(LIGHTHOUSE_DIR)
	npm install --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund --save-exact lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

# axe-core for the accessibility tests, pinned in package-lock.json.
node_modules/axe-core/axe.min.js: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (CI installs it)."; fi

# Style (ruff) and architecture: imports point one way, no circles (import-linter,
# contracts in pyproject.toml).
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the message catalogues after changing UI strings, then translate
# the new entries in alliance_portal/locale/*/LC_MESSAGES/django.po.
messages: $(BIN)/.installed
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale de --locale en --ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles .tools
