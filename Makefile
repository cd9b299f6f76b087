# Two commands for a newcomer: `make run` (set up, then open the window) and `make test`.
# Both create .venv, install Signpost into it, and, when run as root on Debian/Ubuntu,
# install the system libraries Qt needs (otherwise they print the apt-get line to run).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.signpost-installed

# Qt offscreen (tests, snapshots) and fonts, then what a real X11 window adds (../shared/stack.md).
APT_BASE := libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
APT_X11  := libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
            libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1

.PHONY: run test bench lint snapshot setup clean install-desktop uninstall-desktop

run: setup
	@$(call apt_ensure,$(APT_BASE) $(APT_X11))
	$(BIN)/signpost

test: setup
	@$(call apt_ensure,$(APT_BASE))
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	@$(call apt_ensure,$(APT_BASE))
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

lint: setup
	$(BIN)/lint-imports

snapshot: setup
	@$(call apt_ensure,$(APT_BASE))
	$(BIN)/signpost snapshot --out docs/screenshot.png

# The application menu entry, icon and AppStream metadata for this user ($XDG_DATA_HOME, else
# ~/.local/share), starting this checkout's .venv/bin/signpost by its absolute path.
install-desktop: setup
	$(BIN)/signpost install-desktop

uninstall-desktop: setup
	$(BIN)/signpost uninstall-desktop

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Signpost needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(call apt_ensure,python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# apt_ensure(packages): install the missing ones as root, else say exactly what to run.
define apt_ensure
if command -v dpkg >/dev/null 2>&1; then \
  missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
  if [ -n "$$missing" ]; then \
    if [ "$$(id -u)" = 0 ]; then \
      echo "Installing system libraries:$$missing"; \
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
    else \
      echo "Qt needs these system libraries; please run:"; \
      echo "  sudo apt-get install -y$$missing"; \
    fi; \
  fi; \
fi
endef
