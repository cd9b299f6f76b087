"""Sentences with their exact offsets (pysbd, rule-based, English and Spanish)."""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=4)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language if language in ("en", "es") else "en", clean=False, char_span=True)


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space; lines never run together."""
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            for span in _segmenter(language).segment(line):
                start, end = offset + span.start, offset + span.end
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    out.append((start, end))
        offset += len(line)
    return out
