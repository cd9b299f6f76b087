"""ICD 203 estimative words, shown beside every probability."""

from __future__ import annotations

# Upper bounds (exclusive, except the even-chance band which includes 0.55), ICD 203.
_BANDS: tuple[tuple[float, str], ...] = (
    (0.05, "almost no chance"),
    (0.20, "very unlikely"),
    (0.45, "unlikely"),
    (0.55, "roughly even chance"),
    (0.80, "likely"),
    (0.95, "very likely"),
)


def estimative_words(probability: float) -> str:
    """The ICD 203 phrase for a probability in [0, 1]."""
    if not 0.0 <= probability <= 1.0:  # also refuses NaN
        raise ValueError(f"probability {probability!r} is outside [0, 1]")
    for upper, words in _BANDS:
        if probability < upper or (words == "roughly even chance" and probability <= upper):
            return words
    return "almost certain"
