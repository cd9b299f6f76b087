"""The `re` functions the rules use, with every pattern compiled once and kept.

The rules build many patterns from the lexicon (a month list, a qualifier, a verb list), and
pysbd's own patterns push them out of the `re` module's small cache on every article, so they
were compiled again and again (half of extraction's time). A pattern string is a finite thing
here: keeping them all is cheap.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import IGNORECASE, UNICODE, Match, Pattern, escape  # noqa: F401  (re-exported for the rules)


@lru_cache(maxsize=None)
def compile(pattern, flags: int = 0) -> Pattern:  # noqa: A001  (same name as re.compile, on purpose)
    return pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)


def search(pattern, string, flags: int = 0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags: int = 0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags: int = 0):
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern, string, flags: int = 0):
    return compile(pattern, flags).finditer(string)


def findall(pattern, string, flags: int = 0):
    return compile(pattern, flags).findall(string)


def sub(pattern, repl, string, count: int = 0, flags: int = 0):
    return compile(pattern, flags).sub(repl, string, count)


def split(pattern, string, maxsplit: int = 0, flags: int = 0):
    return compile(pattern, flags).split(string, maxsplit)
