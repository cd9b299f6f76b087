"""resources/: the icon, desktop entry and AppStream metadata are present, agree on one id, and are valid."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET

import pytest

from desktop.services import shipped
from desktop.services.errors import EnvironmentFailure
from tests.conftest import ROOT

RESOURCES = ROOT / "resources"


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(RESOURCES / f"{shipped.APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_source_tree_provides_data_and_resources():
    assert shipped.shipped_folder("data") == ROOT / "data"
    assert shipped.shipped_folder("resources") == RESOURCES
    assert shipped.data_file("cases", "us-venezuela-2025-11.signpost.json").is_file()
    icons = shipped.icon_files()
    assert set(icons) == {f"{n}x{n}" for n in (16, 24, 32, 48, 64, 128, 256)} | {"scalable"}
    assert all(path.is_file() for path in icons.values())
    assert shipped.desktop_entry_file().is_file() and shipped.metainfo_file().is_file()


def test_the_copy_inside_the_package_comes_first(tmp_path, monkeypatch):
    (tmp_path / "data" / "cases").mkdir(parents=True)
    monkeypatch.setattr(shipped, "_IN_PACKAGE", tmp_path)
    assert shipped.data_file("cases", "x.json") == tmp_path / "data" / "cases" / "x.json"
    assert shipped.shipped_folder("resources") == RESOURCES     # not in the package: the source tree's


def test_a_missing_folder_is_named_not_guessed(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "_IN_PACKAGE", tmp_path / "package")
    (tmp_path / "site-packages" / "data").mkdir(parents=True)   # a stray data/ with no pyproject.toml beside it
    monkeypatch.setattr(shipped, "_IN_SOURCE_TREE", tmp_path / "site-packages")
    with pytest.raises(EnvironmentFailure, match="data/ folder is missing"):
        shipped.data_file("cases", "x.json")


def test_entry_metadata_and_icon_share_one_id_and_the_package_license():
    entry = _entry()
    assert entry["Type"] == "Application" and entry["Name"] == "Signpost"
    assert entry["Icon"] == shipped.APP_ID
    assert entry["Exec"].split()[0] == entry["TryExec"] == "signpost"   # made absolute when installed
    component = ET.parse(RESOURCES / f"{shipped.APP_ID}.metainfo.xml").getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == shipped.APP_ID
    assert component.find("launchable").text == f"{shipped.APP_ID}.desktop"
    assert component.findtext("icon") == shipped.APP_ID
    assert component.findtext("name") == "Signpost" and component.findtext("summary")
    assert len(component.findall("description/p")) >= 2
    assert [c.text for c in component.findall("categories/category")] == entry["Categories"].rstrip(";").split(";")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert component.findtext("project_license") == pyproject["project"]["license"]["text"]
    release = component.find("releases/release")
    assert release.get("version") == pyproject["project"]["version"]
    assert component.findtext("provides/binary") == next(iter(pyproject["project"]["scripts"]))


@pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)")
def test_the_desktop_entry_passes_desktop_file_validate():
    proc = subprocess.run(["desktop-file-validate", str(shipped.desktop_entry_file())],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstreamcli is not installed (Debian: appstream)")
def test_the_metainfo_passes_appstreamcli_validate():
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(shipped.metainfo_file())],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "E:" not in proc.stdout and "W:" not in proc.stdout, proc.stdout
