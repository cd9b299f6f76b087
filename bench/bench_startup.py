"""Start-up, whole processes: the window frame and the complete dashboard against an empty QMainWindow.

Each figure is the median of 5 processes timed from spawn to exit in this one; the three kinds
run in turn, round by round, so that a busy moment on the machine falls on all of them alike.
Baseline: `bench/empty_window.py`, which shows an empty QMainWindow and exits after its first
paint. `signpost` exits at the stage named by SIGNPOST_BENCH_EXIT_AT (desktop/ui/app.py
`reached`): "frame" once the window's frame has painted, "dashboard" once the dashboard shows
the situation's numbers, cards, charts and indicator tiles. Targets: the frame within 2x the
baseline, the dashboard within 5x. Not targets, for the record: the dashboard when another
process wrote since the window last drew it (nothing cached is valid; the database is read
through the ORM), and `signpost snapshot --view dashboard` (the whole window, offscreen).

The database is seeded before anything is timed, and every command runs once first so that
its bytecode is compiled and written (PYTHONDONTWRITEBYTECODE is dropped for the children).
Settings, caches and logs go to a temporary home, offscreen.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
EMPTY_WINDOW = Path(__file__).with_name("empty_window.py")


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "SIGNPOST_DB", "SIGNPOST_BENCH_EXIT_AT")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    return env


def _signpost() -> list[str]:
    script = Path(sys.executable).with_name("signpost")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "desktop"]


def _run(command: list[str], env: dict[str, str], exit_at: str | None = None) -> float:
    """Wall time in ms from spawn to exit; a failing process stops the benchmark with its output."""
    if exit_at is not None:
        env = {**env, "SIGNPOST_BENCH_EXIT_AT": exit_at}
    t = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    ms = (time.perf_counter() - t) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} (exit at {exit_at}) failed with {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-2000:]}")
    return ms


def run():
    home = Path(tempfile.mkdtemp(prefix="signpost-bench-startup-"))
    env = _environment(home)
    db = home / "case.db"
    signpost = [*_signpost(), "--db", str(db)]
    baseline = [sys.executable, str(EMPTY_WINDOW)]
    snapshot = [*signpost, "snapshot", "--view", "dashboard", "--out", str(home / "snapshot.png")]

    _run([*signpost, "likelihoods"], env)                   # seeds the case (not timed)
    _run(baseline, env)                                     # warm: bytecode written, fonts cached
    _run(signpost, env, "ready")                            # a whole session: what it leaves for the next start
    _run(snapshot, env)

    times: dict[str, list[float]] = {"baseline": [], "frame": [], "dashboard": [], "snapshot": []}
    for _ in range(ROUNDS):
        times["baseline"].append(_run(baseline, env))
        times["frame"].append(_run(signpost, env, "frame"))
        times["dashboard"].append(_run(signpost, env, "dashboard"))
        times["snapshot"].append(_run(snapshot, env))

    # Another process writes: what the window drew last is no longer the database's state.
    _run([*signpost, "observe", "troops_deployed", "16000", "--at", "2025-11-27"], env)
    cold = [_run(signpost, env, "dashboard") for _ in range(ROUNDS)]

    base = statistics.median(times["baseline"])
    med = {k: statistics.median(v) for k, v in times.items()}
    name = "empty QMainWindow"
    return [
        ("empty QMainWindow, spawn to first paint (the baseline)", base, "baseline", None, None),
        ("signpost: window frame on screen", med["frame"], name, base, 2 * base),
        ("signpost: dashboard complete", med["dashboard"], name, base, 5 * base),
        ("signpost: dashboard complete after another process wrote", statistics.median(cold), name, base, None),
        ("signpost snapshot --view dashboard (whole window, offscreen)", med["snapshot"], name, base, None),
    ]
