# Two commands for a newcomer:  make demo   and   make test
# While working on the code:     make test-fast  (under a minute: no servers, no browser)
#                                make lint       (ruff and mypy, as CI runs them)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000

.PHONY: demo test test-fast lint system-packages fonts bench clean

$(BIN)/sanding: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# Install the platform and start it on the bundled sample city (示例市).
demo: $(BIN)/sanding fonts
	$(BIN)/sanding demo --port $(PORT)

# A CJK font for the charts in Word reports (best effort: the web pages do not need it).
fonts:
	@if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null) \
	    || echo "提示：未能安装中文字体 fonts-wqy-microhei，Word 报告中的图表文字可能无法显示。"; \
	fi

# Debian packages the tests and benchmarks need: chromium (browser tests),
# pdftotext (parse benchmark baseline), a CJK font (PDFs made by tests),
# nginx (the README's nginx block is run in front of the server by a test),
# LibreOffice (the exports are opened with it, as offices do), Tesseract (the OCR benchmark's baseline).
system-packages:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null || \
	    [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ ! -x /usr/sbin/nginx ] || \
	    ! command -v soffice >/dev/null || ! command -v tesseract >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils fonts-wqy-microhei nginx-light >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-calc-nogui libreoffice-writer-nogui tesseract-ocr tesseract-ocr-chi-sim >/dev/null; \
	fi

# Install everything and run the whole test suite. Tests that read the real documents of
# ../shared (there on CI) skip in a clone without it; SANDING_SHARED=DIR reads them elsewhere.
test: $(BIN)/sanding system-packages
	$(BIN)/python -m pytest -q

# The quick loop: every test but the slow ones (real servers, nginx, load, the anonymity
# attack, browsers), on both cores.
test-fast: $(BIN)/sanding system-packages
	$(BIN)/python -m pytest -q -m "not slow and not browser" -n 2

# ruff (pyflakes, pycodestyle, import order, complexity) and mypy, configured in pyproject.toml.
lint: $(BIN)/sanding
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/sanding system-packages
	$(BIN)/python bench/parse_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
