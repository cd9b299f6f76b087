"""A wheel built from the repository, installed into a fresh venv outside it, runs `signpost`, seeds
the first case from the data it carries, finds its icons and installs its menu entry.

Offline: the wheel is built with this venv's setuptools (--no-build-isolation, --no-index) and
installed with --no-deps; the new venv sees this venv's packages (PySide6, SQLModel, …) through a
.pth line, which does not run this venv's editable-install hook, so `desktop` can only come from
the wheel."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import design_probabilities
from tests.conftest import ROOT, SEED_BUNDLE

# What a wheel is built from: the packaging files and the folders the build reads (no tests, no .venv).
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "desktop", "data", "resources")
PIP_ENV = {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


def _run(argv, cwd: Path, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in argv], cwd=cwd, env=env or {**os.environ, **PIP_ENV},
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{argv}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed in it; returns the venv's folder."""
    try:
        import setuptools
    except ImportError:
        pytest.skip("building a wheel offline needs setuptools in this venv (`make setup` installs it)")
    if tuple(int(x) for x in setuptools.__version__.split(".")[:2]) < (70, 1):
        pytest.skip(f"setuptools {setuptools.__version__} has no bdist_wheel of its own; `make setup` installs >=70.1")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
          source, "-w", work / "dist"], cwd=work)
    wheel, = (work / "dist").glob("signpost-*.whl")

    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)
    python = venv / "bin" / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work)
                   .stdout.strip())
    (purelib / "signpost-test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n",
                                                            encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel],
         cwd=work)
    return venv


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SIGNPOST_DB", "PYTHONHOME")}
    env.update({f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("DATA", "CONFIG", "CACHE", "STATE")})
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_the_installed_copy_runs_from_outside_the_repository(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _env(tmp_path / "home")
    probe = ("import json, desktop\n"
             "from desktop.services import shipped\n"
             "from desktop.ui.app import application\n"
             "icon = application().windowIcon()\n"
             "print(json.dumps({'package': desktop.__file__, 'data': str(shipped.shipped_folder('data')),\n"
             "  'resources': str(shipped.shipped_folder('resources')),\n"
             "  'guide': shipped.rating_guide_text(),\n"
             "  'icon_sizes': [s.width() for s in icon.availableSizes()]}))\n")
    found = json.loads(_run([installed / "bin" / "python", "-c", probe], cwd=elsewhere, env=env).stdout)
    for key in ("package", "data", "resources"):
        where = Path(found[key]).resolve()
        assert where.is_relative_to(installed.resolve()), (key, where)
        assert not where.is_relative_to(ROOT), (key, where)
    assert found["icon_sizes"] == [16, 24, 32, 48, 64, 128, 256]
    assert found["guide"] == (ROOT / "docs" / "rating-guide.md").read_text(encoding="utf-8")   # Help ▸ Rating guide

    signpost = installed / "bin" / "signpost"
    db = tmp_path / "first.db"
    doc = json.loads(_run([signpost, "--db", db, "likelihoods", "--json"], cwd=elsewhere, env=env).stdout)
    got = {s["key"]: s["probability"] for s in doc["scenarios"]}
    expected = design_probabilities(json.loads(SEED_BUNDLE.read_text(encoding="utf-8")))
    assert got == pytest.approx(expected, abs=1e-6)
    text = _run([signpost, "--db", db, "likelihoods"], cwd=elsewhere, env=env).stdout
    assert "US–Venezuela crisis, November 2025" in text and "54 evidence items counted" in text

    home = tmp_path / "home" / "data"
    _run([signpost, "install-desktop"], cwd=elsewhere, env=env)
    entry = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    entry.optionxform = str
    entry.read(home / "applications" / "io.github.signpost.Signpost.desktop", encoding="utf-8")
    assert Path(entry["Desktop Entry"]["Exec"]) == signpost.absolute()
    assert (home / "icons" / "hicolor" / "256x256" / "apps" / "io.github.signpost.Signpost.png").is_file()
