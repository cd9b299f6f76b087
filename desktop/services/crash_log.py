"""Where unexpected failures are written down, so a one-line message can point at the details.

A rotating log in the per-user log folder (platformdirs), 0600 like everything else
Signpost writes: a traceback can carry a quote.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

import platformdirs

LOGGER = "signpost"
_configured: Path | None = None


def log_path() -> Path:
    return Path(platformdirs.user_log_dir("signpost", appauthor=False)) / "signpost.log"


def _logger() -> logging.Logger:
    global _configured
    logger = logging.getLogger(LOGGER)
    path = log_path()
    if _configured != path:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8",
                                                       errors="backslashreplace")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        _configured = path
    return logger


def log_unexpected(exc: BaseException, context: str, details: str | None = None) -> Path | None:
    """Write the traceback with what was being done; returns the log file (None if it cannot be written)."""
    try:
        _logger().error("%s\n%s", context, details or details_of(exc))
    except OSError:
        return None
    return log_path()


def details_of(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


@dataclass(frozen=True)
class Failure:
    """What to tell the user about an exception: one sentence, and for a bug where its details went."""

    message: str
    expected: bool            # the user's input, the machine or the database: nothing to report
    details: str = ""         # the traceback of a bug
    log: Path | None = None


def explain(exc: BaseException, context: str = "") -> Failure:
    """The sentence for `exc`: the one line the services give for what a user can act on; for a bug, a short
    sentence naming the log that now holds its traceback (never SQL or the analyst's data)."""
    from desktop.domain.bundle import BundleError
    from desktop.services.errors import EnvironmentFailure, InputError
    from desktop.services.output_files import os_failure
    from desktop.store.errors import StoreError

    if isinstance(exc, (InputError, BundleError, StoreError, EnvironmentFailure)):
        return Failure(str(exc), True)   # database errors reach here as StoreError (Database's sessions word them)
    if isinstance(exc, OSError):
        return Failure(str(os_failure(exc, exc.filename or "a file", "using")), True)
    details = details_of(exc)
    where = log_unexpected(exc, context or "in the window", details)
    tail = f"the details are in {where}" if where else "its details could not be written to the log"
    return Failure(f"Signpost met an unexpected problem ({type(exc).__name__}); nothing else was changed. {tail}.",
                   False, details, where)
