# Two commands: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= seeds
PORT   ?= 8501

.PHONY: run dev test install build lint bench bench-scale clean browser-deps brief

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	# Bytecode compiled at install: with PYTHONDONTWRITEBYTECODE (containers, CI) every start otherwise
	# compiles pandas, sklearn and spaCy from source (`import analysis.bundle`: 3.5 s -> 1.2 s CPU).
	$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -r requirements.txt
	touch $@

install: $(VENV)/.installed

build: install
	$(PY) -m analysis build --corpus $(CORPUS) --cache build/cache --max-mb $(MAX_MB) $(COLUMN_FLAGS)

MAX_MB ?= 50
# For a table: which column plays which role, e.g. COLUMNS=source=category,title=headline
# (roles: text, source, published, title, id, author, url, kind; the rest are guessed).
COLUMNS ?=
COLUMN_FLAGS = $(if $(COLUMNS),--columns '$(COLUMNS)',)
# Temporary uploads (saved without "Keep") are removed after this many hours unused, with the analyses
# made from them; kept corpora stay until deleted in the app.
UPLOAD_MAX_AGE_HOURS ?= 24
# Production by default: errors reach the browser as a short message, never a traceback.
# `make dev` or `make run DEV=1` shows full error details and reruns on save.
DEV ?=
DEV_FLAGS = $(if $(DEV),--client.showErrorDetails full --server.runOnSave true --server.fileWatcherType auto,)
# Streamlit's own upload limit is whole MB: the app's cap rounded up, so the app's check decides.
UPLOAD_MB = $(shell $(PYTHON) -c "import math; print(max(1, math.ceil(float('$(MAX_MB)'))))" 2>/dev/null || echo 50)

# Chart images (PNG/SVG) and the PDF briefing draw through Debian's chromium: try to install it,
# but serve the dashboard without it (the download buttons then say what is missing).
run: build
	@$(MAKE) --no-print-directory browser-deps || echo "warning: chromium missing; chart images and briefings are off"
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.maxUploadSize $(UPLOAD_MB) $(DEV_FLAGS) \
	  -- --corpus $(CORPUS) --max-mb $(MAX_MB) --upload-max-age-hours $(UPLOAD_MAX_AGE_HOURS) $(COLUMN_FLAGS)

dev:
	@$(MAKE) --no-print-directory run DEV=1

LIBERATION := /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf
EMOJI := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

# chromium for the browser tests and the chart images; Liberation Sans so exported charts
# use the same metric-compatible Arial on every machine; Noto Color Emoji for the page icons
# (without it the titles and the menu show empty boxes).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -e $(LIBERATION) ] || [ ! -e $(EMOJI) ]; then \
	  echo "installing Debian's chromium and fonts"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium fonts-liberation fonts-noto-color-emoji; \
	fi

lint: install
	$(VENV)/bin/ruff check .

test: install browser-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -q -W ignore::pytest.PytestRemovedIn10Warning

clean:
	rm -rf build .pytest_cache

brief: install browser-deps
	$(PY) -m analysis brief --corpus $(CORPUS) --out build/brief.pdf $(COLUMN_FLAGS)

bench: install browser-deps
	$(PY) -m benchmarks.exports
	$(PY) -m benchmarks.kwic
	$(PY) -m benchmarks.topics_bbc
	$(PY) -m benchmarks.stance_eval --splits dev
	$(PY) -m benchmarks.timeline_eval --splits seeds,dev
	$(PY) -m benchmarks.load

# Build time and memory at 2k-100k documents, incremental additions, page settle at 10k and 50k
# (about 40 minutes on 2 cores; corpora made in /tmp/fpl-scale from ../shared/benchmarks).
bench-scale: install
	$(PY) -m benchmarks.scale --sizes 2000,10000,50000,100000 --add 10,1000
	$(PY) -m benchmarks.pages --corpus /tmp/fpl-scale/syn10000-s0.csv --label 10k
	$(PY) -m benchmarks.pages --corpus /tmp/fpl-scale/syn50000-s0.csv --label 50k
