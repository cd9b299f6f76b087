"""`python -m bench`: every `bench/bench_*.py` module's `run()`, printed as ratios to their baselines.

Each `run()` returns rows of (what, measured ms, baseline name, baseline ms, target ms or None);
the baseline is measured in the same run, so a ratio means the same on any machine.
Modules may also return ("figure", value, …) rows for non-time figures (see `report`).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def report(rows) -> None:
    for what, ms, base_name, base_ms, target in rows:
        if what == "figure":          # a measured figure that is not a time: printed as it is
            print(f"  {ms}")
            continue
        ratio = f"{ms / base_ms:.1f}x {base_name}" if base_ms else base_name
        verdict = "" if target is None else f"; target < {target:g} ms: {'ok' if ms < target else 'MISSED'}"
        print(f"  {what}: {ms:.2f} ms ({ratio}{verdict})")


def main(selected: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        module = importlib.import_module(f"bench.{name}")
        print(f"{name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        report(module.run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
