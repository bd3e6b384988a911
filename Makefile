# Two commands do all the set-up on a fresh Debian machine: `make build` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
DRAFT  := $(VENV)/bin/drafting
PYTHON ?= python3
SYSTEM_PACKAGES := libharfbuzz-subset0 fonts-noto-cjk fonts-noto-core fonts-hosny-amiri poppler-utils qpdf
EXAMPLES := $(wildcard examples/*.yaml)

.PHONY: build test lint bench system venv template clean fuzz

build: system venv
	$(DRAFT) build $(EXAMPLES) -o build

test: SYSTEM_PACKAGES += libreoffice-writer-nogui
test: system venv
	$(PY) -m pytest -q

lint: venv
	mkdir -p build/lint
	@for f in $(EXAMPLES); do \
	  stem=$$(basename $$f .yaml); \
	  $(DRAFT) lint $$f -o build/lint/$$stem.txt; s1=$$?; \
	  $(DRAFT) lint $$f --format html -o build/lint/$$stem.html; s2=$$?; \
	  [ $$s1 -le 1 ] && [ $$s2 -le 1 ] || exit 2; \
	done; echo "reports in build/lint/"

bench: venv
	$(PY) bench/run.py

# Many more random records and damaged files than `make test` runs (FUZZ_EXAMPLES=N to change).
fuzz: venv
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(PY) -m pytest -q tests/test_fuzz.py

template: venv
	$(PY) -m drafting.template templates/

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Missing Debian packages are installed when run as root; otherwise the exact command is printed.
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "missing system packages; run as root:"; \
	    echo "  apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf build
