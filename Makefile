# Two commands do all the set-up on a fresh Debian machine: `make build` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
DRAFT  := $(VENV)/bin/drafting
PYTHON ?= python3
# The Debian packages come from the one list, drafting/system-packages.txt (column 2: build, test, bench).
packages_for = $(shell awk -F'|' '/^[a-z0-9]/ && $$2 ~ /$(1)/ { gsub(/ /, "", $$1); print $$1 }' drafting/system-packages.txt)
SYSTEM_PACKAGES := $(call packages_for,build)
EXAMPLES := $(wildcard examples/*.yaml)

.PHONY: build test lint bench system venv template clean fuzz scale references

build: system venv
	$(DRAFT) build $(EXAMPLES) -o build
	@$(MAKE) --no-print-directory align

# Each family of language versions (examples/NAME.LANG.yaml) must align paragraph by paragraph.
# A stamp per family: aligned again only when one of its versions, or the aligner, changed.
FAMILIES := $(sort $(foreach f,$(sort $(basename $(basename $(notdir $(EXAMPLES))))),$(if $(word 2,$(wildcard examples/$(f).*.yaml)),$(f))))
ALIGNER  := $(wildcard drafting/align/*.py drafting/lint/*.py)
.PHONY: align
align: $(FAMILIES:%=build/.aligned-%)

.SECONDEXPANSION:
build/.aligned-%: $$(wildcard examples/$$*.*.yaml) $(ALIGNER) | venv
	@mkdir -p build
	$(DRAFT) align $(filter examples/%,$^)
	@touch $@

test: SYSTEM_PACKAGES += $(call packages_for,test)
test: system venv
	$(PY) -m pytest -q

# Lints every example and every output already built; exits with the worst status (1: numbering errors).
lint: venv
	mkdir -p build/lint
	@status=0; for f in $(EXAMPLES) $(wildcard build/*.docx build/*.html build/*.pdf); do \
	  name=$$(basename $$f); \
	  $(DRAFT) lint $$f -o build/lint/$$name.txt; s=$$?; [ $$s -gt $$status ] && status=$$s; \
	  $(DRAFT) lint $$f --format html -o build/lint/$$name.html; \
	  printf '%s: ' $$f; tail -n 1 build/lint/$$name.txt; \
	done; echo "reports in build/lint/"; exit $$status

# Side by side with LibreOffice and Python in one run (~4 min); figures in build/bench.json.
bench: SYSTEM_PACKAGES += $(call packages_for,bench)
bench: system venv
	$(PY) bench/run.py

# 5,000, 10,000 and 20,000 paragraphs built to DOCX, HTML and PDF within 1 GB (build and pandoc
# together) and in linear CPU time (~15 minutes; SCALE_SIZES=2000,4000 for a quick run).
scale: SYSTEM_PACKAGES += $(call packages_for,bench)
scale: system venv
	$(PY) bench/scale_bench.py

# Many more random records and damaged files than `make test` runs (FUZZ_EXAMPLES=N to change).
fuzz: venv
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(PY) -m pytest -q tests/test_fuzz.py tests/importer/test_right_to_left_round_trip.py tests/importer/test_round_trip_property.py -k 'fuzz or any_built'

template: venv
	$(PY) -m drafting.template templates/

# The visual regression test's reference pages (tests/data/visual/), after an intended change of layout.
references: system venv
	$(PY) -m tests.visual

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@# jsonschema's format extras (dropped) cost ~1 s at every import; remove them from older venvs.
	$(PY) -m pip uninstall -q -y rfc3987-syntax lark fqdn isoduration arrow jsonpointer rfc3339-validator rfc3986-validator uri-template webcolors 2>/dev/null || true
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
