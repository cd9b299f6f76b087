"""`make install-desktop` / `signpost install-desktop`: the menu entry, icons and metadata land in
$XDG_DATA_HOME, the entry starts an existing program by its absolute path, and uninstall takes exactly
those files out again."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services import shipped
from desktop.services.desktop_entry import desktop_entry_text, exec_argument, install_desktop_entry, installed_files
from desktop.services.errors import InputError
from tests.conftest import ROOT

APP = shipped.APP_ID
EXPECTED = [f"applications/{APP}.desktop", f"metainfo/{APP}.metainfo.xml",
            f"icons/hicolor/scalable/apps/{APP}.svg"] + \
           [f"icons/hicolor/{n}x{n}/apps/{APP}.png" for n in (16, 24, 32, 48, 64, 128, 256)]
SIGNPOST = Path(sys.executable).parent / "signpost"


def _entry(home: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(home / "applications" / f"{APP}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def _run(argv: list[str], home: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _assert_installed(home: Path, program: Path) -> None:
    for relative in EXPECTED:
        assert (home / relative).is_file(), relative
        assert (home / relative).stat().st_mode & 0o777 == 0o644, relative
    for target, source in installed_files(home).items():
        if target.suffix != ".desktop":
            assert target.read_bytes() == source.read_bytes(), target
    entry = _entry(home)
    exec_program = Path(entry["Exec"])
    assert exec_program.is_absolute() and exec_program == program
    assert exec_program.is_file() and os.access(exec_program, os.X_OK)
    assert entry["TryExec"] == entry["Exec"]
    assert entry["Icon"] == APP and entry["Name"] == "Signpost"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(home / EXPECTED[0])], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout


def test_signpost_install_desktop_then_uninstall(tmp_path):
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    neighbour = home / "applications" / "other.desktop"
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")

    out = _run([str(SIGNPOST), "install-desktop"], home).stdout
    _assert_installed(home, SIGNPOST)
    assert str(SIGNPOST) in out and str(home / EXPECTED[0]) in out

    out = _run([str(SIGNPOST), "uninstall-desktop"], home).stdout
    assert all(not (home / relative).exists() for relative in EXPECTED)
    assert neighbour.read_text(encoding="utf-8") == "[Desktop Entry]\n"     # only Signpost's files go
    assert str(home / EXPECTED[0]) in out
    assert "nothing to remove" in _run([str(SIGNPOST), "uninstall-desktop"], home).stdout


@pytest.mark.skipif(not shutil.which("make") or not (ROOT / ".venv" / "bin" / "signpost").is_file(),
                    reason="needs make and the checkout's .venv (made by `make setup`)")
def test_make_install_desktop_points_the_menu_at_the_checkouts_venv(tmp_path):
    home = tmp_path / "share"
    stamp = ".venv/.signpost-installed"
    # -o: never reinstall the venv from inside a test, whatever the timestamps say.
    _run(["make", "--no-print-directory", "-o", stamp, "install-desktop"], home)
    _assert_installed(home, (ROOT / ".venv" / "bin" / "signpost").absolute())
    _run(["make", "--no-print-directory", "-o", stamp, "uninstall-desktop"], home)
    assert not any(path.is_file() for path in home.rglob("*"))


def test_an_install_replaces_an_earlier_one_and_the_program_must_exist(tmp_path):
    home = tmp_path / "share"
    first = tmp_path / "old" / "signpost"
    first.parent.mkdir()
    first.write_text("#!/bin/sh\n", encoding="utf-8")
    first.chmod(0o755)
    install_desktop_entry(first, home)
    assert _entry(home)["Exec"] == str(first)
    install_desktop_entry(SIGNPOST, home)
    _assert_installed(home, SIGNPOST)
    with pytest.raises(InputError, match="not an executable file"):
        install_desktop_entry(tmp_path / "nowhere" / "signpost", tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_exec_quotes_a_path_the_desktop_would_split_or_expand():
    assert exec_argument(Path("/opt/signpost/bin/signpost")) == "/opt/signpost/bin/signpost"
    # Quoted for the space, `$` and `"` escaped inside the quotes, then every backslash doubled
    # as a string value; `%` doubled so it is not a field code.
    assert exec_argument(Path('/home/a b/$x"y/100%/signpost')) == r'"/home/a b/\\$x\\"y/100%%/signpost"'
    text = desktop_entry_text("[Desktop Entry]\nExec=signpost\nTryExec=signpost\nName=Signpost\n",
                              Path("/home/a b/signpost"))
    assert text == '[Desktop Entry]\nExec="/home/a b/signpost"\nTryExec=/home/a b/signpost\nName=Signpost\n'
