"""Text from outside (articles, bundles, CSV, the command line) made safe to keep and to show.

Control characters have no place in an analyst's quote: an ESC sequence printed
raw can rewrite a terminal, and \\x02/\\x03 are the markers search uses to highlight
matches, so a quote carrying them would fake a highlight. They are dropped on the
way in (tab and line breaks stay) and escaped on the way out, for text stored
before this rule. A lone surrogate cannot be stored as UTF-8 and becomes U+FFFD.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def clean_text(text: str) -> str:
    """`text` without control characters or lone surrogates (what is stored)."""
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text


def has_controls(text: str) -> bool:
    return bool(_CONTROLS.search(text) or _SURROGATES.search(text))


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as an escape (\\x1b), line breaks and tabs kept."""
    text = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _SURROGATES.sub("\ufffd", text)


def one_line(text: str) -> str:
    """An error message as one terminal-safe line."""
    return terminal_safe(_LINE_BREAKS.sub(" ", text.strip()).replace("\t", " "))


def clean_fields(draft):
    """A frozen dataclass with every text field (and every text in a tuple field) cleaned."""
    import dataclasses

    changes = {}
    for f in dataclasses.fields(draft):
        value = getattr(draft, f.name)
        if isinstance(value, str) and has_controls(value):
            changes[f.name] = clean_text(value)
        elif isinstance(value, tuple) and any(isinstance(v, str) and has_controls(v) for v in value):
            changes[f.name] = tuple(clean_text(v) if isinstance(v, str) else v for v in value)
    return dataclasses.replace(draft, **changes) if changes else draft
