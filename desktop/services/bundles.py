"""Import and export whole situations as bundle files (design section 5)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.domain.bundle import Bundle, BundleError, bundle_to_dict, parse_bundle_text
from desktop.services.errors import InputError, NotFound
from desktop.services.output_files import check_output_path, write_text_output
from desktop.store import queries
from desktop.store.bundle_io import read_bundle, write_bundle
from desktop.store.engine import Database, current_user
from desktop.services.situations import LAST_OPENED


@dataclass(frozen=True)
class ImportSummary:
    situation_id: int
    scenarios: int
    sources: int
    evidence: int
    indicators: int
    observations: int
    judgements: int

    def to_json(self) -> dict:
        return asdict(self)


def read_text_file(path: Path, what: str) -> str:
    """A UTF-8 text file, or an InputError that names it and says what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); a {what} must be UTF-8") from None


def load_bundle_file(path: str | Path) -> Bundle:
    """Read and validate a bundle file completely; InputError names the file, the field and the item."""
    path = Path(path)
    text = read_text_file(path, "bundle")
    try:
        return parse_bundle_text(text, origin=str(path))
    except BundleError as exc:
        message = str(exc)
        raise InputError(message if message.startswith(str(path)) else f"{path}: {message}") from None


def import_bundle_file(db: Database, path: str | Path, remember: bool = False) -> ImportSummary:
    """Validate the whole file first, then write it in one transaction; nothing is written on error."""
    return import_bundle(db, load_bundle_file(path), remember)


def import_bundle(db: Database, bundle: Bundle, remember: bool = False) -> ImportSummary:
    """Write a validated bundle as a new situation, in one transaction."""
    with db.transaction() as session:
        counts = write_bundle(session, bundle, current_user())
        if remember:
            queries.set_state(session, LAST_OPENED, str(counts["situation_id"]))
    return ImportSummary(**counts)


def export_bundle_file(db: Database, situation_id: int, out: str | Path) -> Path:
    """Write the situation to `out` atomically (a temporary file renamed into place)."""
    out = check_output_path(out)
    with db.reading() as session:
        try:
            bundle = read_bundle(session, situation_id)
        except LookupError:
            raise NotFound(f"--situation: no situation with id {situation_id}") from None
    document = json.dumps(bundle_to_dict(bundle), ensure_ascii=False, indent=2) + "\n"
    return write_text_output(out, document)
