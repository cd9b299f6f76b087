"""Files that ship with Signpost: the seed case and the rating guide (`data/`) and the icon and desktop entry
(`resources/`).

In the source tree (and an editable install) they are the top-level `data/` and `resources/`
folders. A wheel carries copies of both inside the package, as `desktop/_shipped/data/` and
`desktop/_shipped/resources/` (setup.py's build step puts them there), because an installed
package has no source tree around it.
"""

from __future__ import annotations

from pathlib import Path

from desktop.services.errors import EnvironmentFailure

# One id for the desktop entry, the AppStream component, the icon and the window (Wayland app id).
APP_ID = "io.github.signpost.Signpost"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

_PACKAGE = Path(__file__).resolve().parents[1]          # desktop/
_IN_PACKAGE = _PACKAGE / "_shipped"                     # an installed wheel
_IN_SOURCE_TREE = _PACKAGE.parent                       # a checkout: data/ and resources/ beside desktop/


def shipped_folder(name: str) -> Path:
    """`data` or `resources`, from the installed package if it carries them, else from the source tree
    (recognised by its pyproject.toml, so a stray `data` folder in site-packages is never taken for ours)."""
    if (_IN_PACKAGE / name).is_dir():
        return _IN_PACKAGE / name
    if (_IN_SOURCE_TREE / "pyproject.toml").is_file() and (_IN_SOURCE_TREE / name).is_dir():
        return _IN_SOURCE_TREE / name
    raise EnvironmentFailure(f"Signpost's {name}/ folder is missing from {_IN_PACKAGE} and {_IN_SOURCE_TREE}; "
                            "reinstall Signpost")


def data_file(*parts: str) -> Path:
    return shipped_folder("data").joinpath(*parts)


def rating_guide_text() -> str:
    """docs/rating-guide.md as shipped in data/guide/ (the window must not need the repository's docs/)."""
    path = data_file("guide", "rating-guide.md")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EnvironmentFailure(f"The rating guide {path} cannot be read ({exc.strerror or exc}); reinstall Signpost") from exc


def resource_file(*parts: str) -> Path:
    return shipped_folder("resources").joinpath(*parts)


def icon_files() -> dict[str, Path]:
    """The application icon by hicolor size folder ("16x16" … "256x256", "scalable")."""
    hicolor = resource_file("icons", "hicolor")
    icons = {f"{n}x{n}": hicolor / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES}
    icons["scalable"] = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    return icons


def desktop_entry_file() -> Path:
    return resource_file(f"{APP_ID}.desktop")


def metainfo_file() -> Path:
    return resource_file(f"{APP_ID}.metainfo.xml")
