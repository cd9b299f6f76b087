"""Build step that pyproject.toml cannot declare: the wheel carries the top-level `data/` (the seed
case) and `resources/` (icon, desktop entry, AppStream metadata) inside the package, as
`desktop/_shipped/data/…` and `desktop/_shipped/resources/…`, where desktop.services.shipped looks
first. The folders stay at the top level of the repository; an editable install reads them there.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("data", "resources")
SKIPPED_SUFFIXES = {".py", ".pyc"}   # resources/render_icons.py is a tool for developers, not for the app


class BuildPyWithShippedFolders(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source in self._shipped_sources():
            target = Path(self.build_lib) / "desktop" / "_shipped" / source.relative_to(ROOT)
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target))

    def get_outputs(self, include_bytecode=True):
        return super().get_outputs(include_bytecode) + [
            str(Path(self.build_lib) / "desktop" / "_shipped" / source.relative_to(ROOT))
            for source in self._shipped_sources()
        ]

    @staticmethod
    def _shipped_sources():
        for folder in SHIPPED:
            for source in sorted((ROOT / folder).rglob("*")):
                if source.is_file() and source.suffix not in SKIPPED_SUFFIXES and "__pycache__" not in source.parts:
                    yield source


setup(cmdclass={"build_py": BuildPyWithShippedFolders})
