# The two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test browser axe lint catalog lock check-lock

# Install, create the instance with demonstration data, and serve on http://127.0.0.1:5000
demo: install
	$(BIN)/legislink init --demo
	$(BIN)/legislink serve

# Install with the test extras and run the whole suite (SQLite; PostgreSQL too when
# LEGISLINK_TEST_DATABASE_URL is set).
test: install-test browser axe
	$(BIN)/ruff check .
	$(BIN)/pytest -n auto --dist loadgroup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Every dependency at the version and hash its lock file pins; then the project itself.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .

# The lock files, written by uv from pyproject.toml: one resolution for every platform and
# Python from 3.11 on, with every file's hash. The runtime lock takes the test lock's versions.
LOCK = $(abspath $(BIN))/uv pip compile pyproject.toml --quiet --universal --fork-strategy fewest \
	--python-version 3.11 --generate-hashes --custom-compile-command "make lock"
WRITE_LOCKS = $(LOCK) --extra test $(if $(UPGRADE),--upgrade) -o requirements-test.lock && \
	$(LOCK) -c requirements-test.lock -o requirements.lock

# After changing dependencies in pyproject.toml. Versions already pinned are kept; UPGRADE=1
# moves every pin to the newest release the ranges allow.
lock: install-test
	$(WRITE_LOCKS)

# Fails when the lock files no longer match pyproject.toml: they are written again in a scratch
# folder, starting from the committed ones, and must come out unchanged.
check-lock: install-test
	@scratch=$$(mktemp -d) && cp pyproject.toml requirements.lock requirements-test.lock "$$scratch" && \
	(cd "$$scratch" && $(WRITE_LOCKS)) && \
	diff -u requirements-test.lock "$$scratch/requirements-test.lock" && \
	diff -u requirements.lock "$$scratch/requirements.lock" && rm -r "$$scratch" && echo "lock files are current" || \
	{ echo "the lock files do not match pyproject.toml: run make lock and commit them" >&2; exit 1; }

# Debian's Chromium for the browser tests (tests/e2e), and CJK fonts so pages render as people see them.
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list :lang=zh | grep -q . || { \
		echo "installing Debian's chromium and fonts-noto-cjk for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-cjk; fi; }

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
