"""`signpost indicators` says what the window says (issue 11): windows ending at --as-of, stale series,
singular units."""

from __future__ import annotations


def test_cli_indicators_prints_the_same_reading(seeded, capsys):
    from desktop.cli import main

    assert main(["--db", str(seeded.path), "indicators", "--as-of", "2025-11-20"]) == 0
    out = capsys.readouterr().out
    assert "[  red] Reported US–Maduro government diplomatic contacts: 0 contacts in the 14 days to 2025-11-20" in out
    assert "US aircraft carriers in the region: 1 carrier (2025-11-16)  trend 0 over 6 days" in out
    # the release of 31 Jan is quoted from the article of 24 Nov: not yet known as of 20 Nov (design §4)
    assert "[ none] Americans released by Venezuela: -" in out
    assert main(["--db", str(seeded.path), "indicators", "--as-of", "2025-11-24"]) == 0
    assert "[stale] Americans released by Venezuela: 6 people (2025-01-31)  stale" in capsys.readouterr().out
