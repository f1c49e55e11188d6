# Spitsregio: the two commands that matter are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi

.PHONY: run test test-fast install install-test translations db seed chromium libreoffice wrk bench bench-large clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed translations

install-test: $(VENV)/.installed-test translations chromium libreoffice wrk

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d app/translations

db: install
	$(FLASK) db upgrade

seed: db
	$(FLASK) seed-demo --if-empty

run: seed
	$(FLASK) run --host 127.0.0.1 --port 5000

# Debian's Chromium for the browser tests; Playwright never downloads its own browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  (sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq chromium >/dev/null)

# Debian's LibreOffice Writer without its GUI, for the PDF exports (meeting pack, agenda.pdf,
# minutes.pdf); `make run` does without it (the pack then links the documents it cannot convert).
libreoffice:
	@command -v soffice >/dev/null 2>&1 || [ -x /usr/bin/soffice ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null) || \
	  (sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq libreoffice-writer-nogui >/dev/null)

# Debian's wrk (C, with LuaJIT) generates the benchmark's HTTP load on a few % of one core
# (bench/loadtest.py); without it the benchmark falls back to Python threads, which take the
# server's CPU.
wrk:
	@command -v wrk >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) || \
	  (sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq wrk >/dev/null)

# One pytest worker per core (pytest-xdist); each has its own database. WORKERS=0 runs in one process.
WORKERS ?= auto

test: install-test
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/python -m pytest -n $(WORKERS) $(PYTEST_ARGS)

# Quick feedback while working: everything except the tests marked slow and the browser tests.
test-fast: install-test
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/python -m pytest -n $(WORKERS) -m "not slow and not browser" $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python -m bench --size small

bench-large: install-test
	$(BIN)/python -m bench --size large

clean:
	rm -rf $(VENV) .pytest_cache

# The API fuzzed from its contract (/api/openapi.json): many random examples per operation, role and
# mode, and stateful runs along the contract's links. `make test` runs a few fixed ones.
.PHONY: fuzz
fuzz: install-test
	FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),100) FUZZ_RANDOM=1 FUZZ_STATEFUL=1 \
	  $(BIN)/python -m pytest tests/api/test_fuzz.py -p no:cacheprovider $(PYTEST_ARGS)
