# Two commands: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= seeds
PORT   ?= 8501

.PHONY: run test install build lint bench eval clean browser-deps

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.txt
	touch $@

install: $(VENV)/.installed

build: install
	$(PY) -m analysis build --corpus $(CORPUS) --cache build/cache --max-mb $(MAX_MB)

MAX_MB ?= 50

run: build
	$(PY) -m streamlit run app.py --server.port $(PORT) -- --corpus $(CORPUS) --max-mb $(MAX_MB)

browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium fonts-noto-color-emoji; \
	fi

lint: install
	$(VENV)/bin/ruff check .

test: install browser-deps
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q -W ignore::pytest.PytestRemovedIn10Warning

clean:
	rm -rf build .pytest_cache

bench: install
	$(PY) -m benchmarks.topics_bbc
