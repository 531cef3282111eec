# The two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test browser axe lint catalog

# Install, create the instance with demonstration data, and serve on http://127.0.0.1:5000
demo: install
	$(BIN)/legislink init --demo
	$(BIN)/legislink serve

# Install with the test extras and run the whole suite (SQLite; PostgreSQL too when
# LEGISLINK_TEST_DATABASE_URL is set).
test: install-test browser axe
	$(BIN)/ruff check .
	$(BIN)/pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

# The browser tests drive Debian's Chromium (Playwright does not download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

# axe-core for the accessibility checks of the browser tests, at the version of tests/e2e/package-lock.json.
axe:
	npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error

# Refresh the translation template and the compiled Chinese catalogue after editing messages.po.
catalog:
	$(BIN)/pybabel extract -F babel.cfg -k _l --ignore-dirs '.*' --no-location --sort-output --project LegisLink \
		-o legislink/translations/messages.pot .
	$(BIN)/pybabel update -i legislink/translations/messages.pot -d legislink/translations \
		--no-fuzzy-matching --omit-header
	$(BIN)/pybabel compile -d legislink/translations
