"""Issue 4: importing .txt, .md, .html and feeds; duplicates; bad input; nothing half-imported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.services.article_files import MAX_BYTES, read_article_file
from desktop.services.articles import group_as_story, import_article, import_files, import_pasted_text
from desktop.services.errors import InputError
from desktop.services.sources import get_source, list_sources
from desktop.services.suggestions import list_suggestions

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
INDEX = {a["slug"]: a for a in json.loads((DATA / "index.json").read_text(encoding="utf-8"))}
SID = 1


@pytest.mark.parametrize("slug", ["09-rtve-trump-confirma-llamada-maduro", "37-upi-feb9-strike-38-strikes-130-killed",
                                  "27-elcolombiano-llamada-trump-maduro-ultimatum"])
def test_html_main_text_and_metadata_match_the_index(slug):
    [draft] = read_article_file(DATA / f"{slug}.html")
    meta = INDEX[slug]
    assert draft.title == meta["title"]
    assert draft.published_at == date.fromisoformat(meta["published"])
    assert draft.language == meta["language"]
    assert draft.outlet and draft.outlet.split(" (")[0] in meta["outlet"]
    assert draft.url == meta["url"]
    body = (DATA / f"{slug}.txt") if (DATA / f"{slug}.txt").exists() else None
    if body:
        # every paragraph of the plain-text version is in the page's extracted text
        for paragraph in body.read_text(encoding="utf-8").split("\n\n"):
            assert " ".join(paragraph.split()) in " ".join(draft.text.split())


def test_html_keeps_no_script_style_or_remote_resource():
    [draft] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.html")
    html = (DATA / "37-upi-feb9-strike-38-strikes-130-killed.html").read_text(encoding="utf-8")
    assert "<script" in html and "pixel" in html
    for banned in ("<", "script", "ads.example", "track.example", "pixel.gif", "function("):
        assert banned not in draft.text


def test_feed_gives_one_source_per_entry(seeded):
    report = import_files(seeded, SID, [DATA / "feed.rss"])
    assert not report.problems
    assert len(report.imported) == 8
    titles = {a.source.title for a in report.imported}
    assert INDEX["09-rtve-trump-confirma-llamada-maduro"]["title"] in titles
    entry = next(a for a in report.imported if a.source.title == INDEX["09-rtve-trump-confirma-llamada-maduro"]["title"])
    assert entry.source.published_at == date(2025, 12, 1)
    assert get_source(seeded, entry.source.id).text.startswith(entry.source.title)


def test_txt_and_md_take_the_first_line_as_title(tmp_path, empty_db):
    md = tmp_path / "note.md"
    md.write_text("# Carrier leaves port\n\nThe USS Ford left Norfolk with 4,000 sailors.", encoding="utf-8")
    [draft] = read_article_file(md, published=date(2025, 10, 24))
    assert draft.title == "Carrier leaves port" and draft.published_at == date(2025, 10, 24)
    latin1 = tmp_path / "nota.txt"
    latin1.write_bytes("Ataque en el Caribe\n\nMurieron más de diez personas según la Armada, que informó "
                       "también de daños en la embarcación y de la búsqueda de sobrevivientes.".encode("latin-1"))
    [draft] = read_article_file(latin1)
    assert "más de diez" in draft.text and draft.language == "es"


def test_import_stores_source_and_suggestions_in_one_go(seeded):
    before = {s.id for s in list_sources(seeded, SID)}
    [draft] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.html")
    imported = import_article(seeded, SID, draft, reliability="B")
    assert imported.source.id not in before and imported.source.reliability == "B"
    rows = list_suggestions(seeded, imported.source.id)
    kinds = {r.kind for r in rows}
    assert kinds == {"evidence", "quantity"} and all(r.status == "pending" for r in rows)
    people = next(r for r in rows if r.kind == "quantity" and r.value == 130)
    assert people.qualifier == "at least" and people.indicator == "people_killed"
    text = get_source(seeded, imported.source.id).text
    for r in rows:
        assert text[r.start:r.end] == r.text


def test_same_text_twice_is_refused_naming_the_earlier_source(seeded):
    [draft] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.html")
    first = import_article(seeded, SID, draft)
    count = len(list_sources(seeded, SID))
    with pytest.raises(InputError, match=f"already source {first.source.key}"):
        import_article(seeded, SID, draft)
    assert len(list_sources(seeded, SID)) == count


def test_near_duplicate_is_flagged_and_can_be_grouped(seeded):
    [original] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.txt")
    first = import_article(seeded, SID, original)
    retold = original.text.replace("The US military carried out", "US forces conducted").replace(
        "SOUTHCOM said", "Southern Command stated") + "\n\nReporting by another outlet."
    second = import_pasted_text(seeded, SID, retold, title="Another outlet: strike kills 2")
    assert [s.key for s in second.similar] == [first.source.key]
    assert second.similar[0].score < 1.0
    story = group_as_story(seeded, [first.source.id, second.source.id])
    assert story == f"story-{first.source.key}"
    assert [key for key, _ in get_source(seeded, second.source.id).same_story] == [first.source.key]
    unrelated = import_pasted_text(seeded, SID, "Oil prices\n\nBrent crude rose 3% on Tuesday as OPEC met in "
                                               "Vienna to discuss quotas for the coming quarter.")
    assert unrelated.similar == ()


def _count(db):
    return len(list_sources(db, SID))


@pytest.mark.parametrize("name, content, message", [
    ("photo.txt", bytes(range(256)) * 20, "binary data"),
    ("empty.txt", b"", "empty"),
    ("blank.html", b"   \n  ", "empty"),
    ("broken.html", b"<html><body><div><p>", "no article text"),
    ("weird.txt", b"\x81\x8d\x8f\x90\x9d" * 400, "unknown text encoding"),
    ("bomb.rss", b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                 b"<rss><channel><item><title>&lol2;</title></item></channel></rss>", "refused"),
    ("external.rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     b"<rss><channel><item><title>&x;</title></item></channel></rss>", "refused"),
    ("cut.rss", b'<?xml version="1.0"?><rss><channel><item><title>Half', "not a well-formed feed"),
    ("none.rss", b'<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "no entries"),
])
def test_bad_files_get_one_clear_message_and_import_nothing(seeded, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = _count(seeded)
    report = import_files(seeded, SID, [path, DATA / "37-upi-feb9-strike-38-strikes-130-killed.html"])
    assert len(report.problems) == 1 and report.problems[0].origin == name
    assert name in report.problems[0].message
    if message:
        assert message in report.problems[0].message
    assert _count(seeded) == before + 1           # the good file after it still came in


def test_fifty_megabyte_text_is_refused_before_reading(seeded, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(InputError, match=r"huge.txt: 50.0 MB is more than"):
        read_article_file(path)


def test_failure_while_storing_leaves_nothing_of_that_article(seeded, monkeypatch):
    import desktop.store.suggestions as store

    [draft] = read_article_file(DATA / "37-upi-feb9-strike-38-strikes-130-killed.html")
    before = _count(seeded)

    def broken(*_args, **_kw):
        raise RuntimeError("disk full")
    monkeypatch.setattr(store, "insert_suggestions", broken)
    with pytest.raises(RuntimeError):
        import_article(seeded, SID, draft)
    assert _count(seeded) == before


def test_cancel_stops_between_articles_and_keeps_whole_ones(seeded):
    files = [DATA / "09-rtve-trump-confirma-llamada-maduro.html",
             DATA / "27-elcolombiano-llamada-trump-maduro-ultimatum.html",
             DATA / "29-latinamericareports-maduro-captured-caracas-strikes.html"]
    progress = []
    before = _count(seeded)
    report = import_files(seeded, SID, files, progress=lambda done, total, label: progress.append((done, total, label)),
                          cancelled=lambda: len(progress) >= 2)
    assert report.cancelled and len(report.imported) == 1
    assert progress == [(0, 3, files[0].name), (1, 3, files[1].name)]
    assert _count(seeded) == before + 1


def test_setting_the_day_later_resolves_relative_dates_and_keeps_decisions(seeded, tmp_path):
    from desktop.services.articles import SourceDetails, set_source_details, source_details
    from desktop.services.suggestions import set_status

    path = tmp_path / "undated.txt"
    path.write_text("Strike reported\n\nOn Monday, US forces struck two boats, killing 6 people, officials said. "
                    "The Navy said 3 ships were in the area.", encoding="utf-8")
    [draft] = read_article_file(path)
    imported = import_article(seeded, SID, draft)
    rows = list_suggestions(seeded, imported.source.id)
    assert all(r.observed is None for r in rows if r.kind == "evidence")
    rejected = next(r for r in rows if r.kind == "evidence" and "Navy" in r.text)
    set_status(seeded, rejected.id, "rejected")
    set_source_details(seeded, imported.source.id, SourceDetails(date(2026, 3, 4), "Wire", "B"))
    assert source_details(seeded, imported.source.id) == SourceDetails(date(2026, 3, 4), "Wire", "B")
    after = list_suggestions(seeded, imported.source.id)
    monday = next(r for r in after if r.kind == "evidence" and r.text.startswith("On Monday"))
    assert monday.observed == date(2026, 3, 2)
    assert [r.status for r in after if r.text == rejected.text] == ["rejected"]     # the decision stands
    with pytest.raises(InputError, match="reliability"):
        set_source_details(seeded, imported.source.id, SourceDetails(None, None, "Z"))


def test_suggest_again_on_a_bundle_source_skips_what_is_already_logged(seeded):
    from desktop.services.articles import suggest_again
    from desktop.services.sources import find_source

    s1 = find_source(seeded, SID, "s1")
    assert list_suggestions(seeded, s1.id) == []          # seeded from a bundle: never read for suggestions
    assert suggest_again(seeded, s1.id) > 0
    doc = get_source(seeded, s1.id)
    rows = list_suggestions(seeded, s1.id)
    for row in rows:
        start, end = row.sentence if row.kind == "quantity" else (row.start, row.end)
        assert not any(span.start < end and start < span.end for span in doc.spans if span.start is not None)
    assert all(doc.text[r.start:r.end] == r.text for r in rows)


@pytest.mark.parametrize("slug", ["13-nzherald-nyt-cia-covert-action-looking-at-land",
                                  "29-latinamericareports-maduro-captured-caracas-strikes",
                                  "37-upi-feb9-strike-38-strikes-130-killed"])
def test_the_pages_note_about_itself_is_imported_but_never_suggested(seeded, slug):
    """Issue 12 §4: the sample pages end with "Digest of the reported article…"; it stays in the source's
    text (nothing is lost) and is not offered as evidence; the UPI lead is offered without its credit."""
    [draft] = read_article_file(DATA / f"{slug}.html")
    imported = import_article(seeded, SID, draft)
    text = get_source(seeded, imported.source.id).text
    assert "Digest of the reported article" in text
    quotes = [r.text for r in list_suggestions(seeded, imported.source.id) if r.kind == "evidence"]
    assert quotes and not any("Digest of" in q or "wording is not" in q for q in quotes)
    assert not any(q.startswith(("Feb. 9 (UPI)", "(UPI)")) for q in quotes)
