# The project's verbs. `make run` and `make test` each set up everything they
# need on a fresh machine (Python venv, npm packages, compiled translations).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup system-packages run test lint typecheck format messages makemessages lock bench prod-check clean

# The system packages come first: vnu-jar's install fetches a Java of its own
# when it finds none.
setup: system-packages $(VENV)/.installed node_modules/.installed messages

# gettext compiles the translations; Chromium runs the browser tests
# (Playwright cannot download a browser here, so Debian's is used); Pango
# lays out the printed booklets (WeasyPrint); nginx and systemd-analyze check
# the example server files in deploy/ as an operator's machine would read them;
# Java runs the W3C Nu checker (vnu-jar) that validates every page's HTML.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	ldconfig -p | grep -q libpangoft2-1.0.so.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Every package, also the ones pulled in, is pinned with its hashes
# (requirements*.txt, compiled from the .in files by `make lock`); pip
# refuses a file whose hash is not listed.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

# After changing requirements.in or requirements-dev.in: pins what they pull
# in and records every file's hash. Production installs requirements.txt only.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile -q --generate-hashes \
  --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	DEBUG=1 $(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules

makemessages: $(VENV)/.installed
	DEBUG=1 $(MANAGE) makemessages -l es -l en --no-obsolete --no-location \
	  --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench

run: setup
	DEBUG=$${DEBUG:-1} $(MANAGE) migrate -v0
	DEBUG=$${DEBUG:-1} $(MANAGE) load_demo_if_empty
	@echo "Serving on http://$(HOST):$(PORT)/"
	DEBUG=$${DEBUG:-1} $(MANAGE) runserver $(HOST):$(PORT)

test: setup typecheck
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory typecheck

# mypy with django-stubs (settings in pyproject.toml); the settings are read
# as a development run's, which need no SECRET_KEY.
typecheck: $(VENV)/.installed
	DEBUG=1 $(VENV)/bin/mypy

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	$(PY) bench/pages
	$(PY) bench/code_sheets
	$(PY) bench/booklets
	$(PY) bench/production.py

# The production stack started on this machine (gunicorn, a Celery worker,
# the scheduler, PostgreSQL on 127.0.0.1:5432, a redis-server of its own),
# checked, its Redis stopped and started again midway, and everything
# stopped: deploy/prod_check.py.
prod-check: setup
	$(PY) deploy/prod_check.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache
