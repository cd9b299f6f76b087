"""Errors a user can act on, as opposed to bugs."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from the user (a file, a value, an id): exit code 2, one clear line, nothing written."""


class NotFound(InputError):
    """An id or key that names nothing in this database."""


class ValidationFailed(InputError):
    """A draft with problems; `problems` lists them per field for the dialog to show."""

    def __init__(self, problems, where: str = ""):
        self.problems = list(problems)
        first = self.problems[0]
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}{first.field}: {first.message}")


class EnvironmentFailure(RuntimeError):
    """The machine refused (disk full, no permission, read-only): exit code 1, one clear line."""
