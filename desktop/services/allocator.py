"""Keep the model's working arrays in the C heap instead of fresh pages from the kernel.

Each redraw recomputes the model over (N, H) float arrays of a few hundred kB. glibc serves
blocks that large with mmap and gives them back on free, so every temporary array costs
page faults on first touch; on the virtual machines analysts are often given, those faults
were half the time of a redraw (10,000 items x 5 scenarios: posterior with every leave-one-out
impact 3.7 -> 2.0 ms, a year of daily history 6.8 -> 3.1 ms). Raising glibc's mmap and trim
thresholds (mallopt, the documented knob, the same as MALLOC_MMAP_THRESHOLD_ in the
environment) lets freed blocks be reused; the heap may keep up to TRIM_THRESHOLD of freed
memory for the next redraw. Elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

_M_TRIM_THRESHOLD = -1     # from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 4 * 1024 * 1024
TRIM_THRESHOLD = 32 * 1024 * 1024

_applied: bool | None = None


def keep_arrays_in_heap() -> bool:
    """Apply the thresholds once per process; True when glibc accepted them."""
    global _applied
    if _applied is None:
        _applied = _apply()
    return _applied


def _apply() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):   # musl and others have no mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
