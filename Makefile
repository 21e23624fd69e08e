# The README's commands. Each target sets up what it needs, so a fresh clone
# with only python3 works: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core for the browser tests' accessibility checks, from tests/browser/package.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
PORT ?= 8000
# The admin's Markdown editor (EasyMDE) and its icons, from package.json, copied into static/vendor/.
VENDOR := static/vendor
EDITOR_JS := $(VENDOR)/easymde/easymde.min.js

.PHONY: run serve test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Without npm the accessibility checks are skipped (outside CI), like browser tests without Chromium.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: the axe-core accessibility checks will be skipped"; fi

# Without npm the review body stays a plain textarea (it saves all the same).
$(EDITOR_JS): package.json package-lock.json
	if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent \
		&& rm -rf $(VENDOR) && mkdir -p $(VENDOR)/easymde $(VENDOR)/font-awesome \
		&& cp node_modules/easymde/dist/easymde.min.css node_modules/easymde/LICENSE $(VENDOR)/easymde/ \
		&& mkdir -p $(VENDOR)/font-awesome/css \
		&& cp node_modules/font-awesome/css/font-awesome.min.css $(VENDOR)/font-awesome/css/ \
		&& cp -r node_modules/font-awesome/fonts $(VENDOR)/font-awesome/ \
		&& cp node_modules/easymde/dist/easymde.min.js $(EDITOR_JS) && touch $(EDITOR_JS); \
	else echo "npm not found: the review body will be a plain textarea, without the Markdown editor"; fi

## run: set up, migrate, load demo content and users, serve on http://127.0.0.1:$(PORT)/
## in development mode (DJANGO_DEBUG=1 unless the environment says otherwise)
run: export DJANGO_DEBUG ?= 1
run: $(STAMP) $(EDITOR_JS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_demo_users
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## serve: production: refuse unapplied migrations, collect static files, run gunicorn
## with gunicorn.conf.py (needs DJANGO_SECRET_KEY etc.; README, "Running in production")
serve: $(STAMP) $(EDITOR_JS)
	@$(BIN)/python manage.py migrate --check >/dev/null || { \
		echo "make serve: unapplied migrations, or the check failed (see above); run $(BIN)/python manage.py migrate" >&2; \
		exit 1; }
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --config gunicorn.conf.py animeblog.wsgi

## test: set up and run the whole suite (honours DATABASE_URL and REDIS_URL)
test: $(STAMP) $(AXE) $(EDITOR_JS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: load-test gunicorn with wrk on SQLite and on PostgreSQL + Redis (slow; see bench/README.md)
bench: $(STAMP)
	$(BIN)/python -m bench.run

## lint: ruff lint and format check, and the import layers (import-linter, pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## audit: pip-audit the installed dependencies against PyPI's vulnerability data; fails on any
## known vulnerability. Packages PyPI cannot be asked about are listed as not audited; add
## AUDIT_ARGS=--strict to fail on those too.
audit: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable > $(VENV)/audited-requirements.txt
	$(BIN)/pip-audit --requirement $(VENV)/audited-requirements.txt --no-deps --disable-pip \
		--progress-spinner off $(AUDIT_ARGS)

## format: apply ruff's fixes and formatting
format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache tests/browser/node_modules node_modules $(VENDOR)
