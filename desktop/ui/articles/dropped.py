"""Files dropped on the window: which of them to import as articles (Qt alone, so the window can
accept drops before the import machinery is loaded)."""

from __future__ import annotations

from pathlib import Path


def article_paths(urls) -> list[str]:
    """Local files among dropped URLs."""
    out = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_file():
                out.append(str(path))
    return out
