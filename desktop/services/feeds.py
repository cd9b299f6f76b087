"""RSS and Atom feeds: one article draft per entry.

The XML is first parsed with defusedxml, which refuses entity declarations (the "billion
laughs" expansion) and external entities; only a feed that passes is handed to feedparser.
"""

from __future__ import annotations

from datetime import date

from desktop.services.article_files import ArticleDraft, html_article
from desktop.services.errors import InputError


def read_feed(data: bytes, name: str) -> list[ArticleDraft]:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise InputError(f"{name}: refused: the feed declares XML entities or a DTD ({type(exc).__name__}), "
                         "which can be used to attack the reader") from exc
    except SafeET.ParseError as exc:
        raise InputError(f"{name}: not a well-formed feed ({exc})") from exc
    import feedparser

    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        raise InputError(f"{name}: no entries in the feed{problem}")
    outlet = feed.feed.get("title")
    drafts = []
    for i, entry in enumerate(feed.entries, start=1):
        drafts.append(_entry(entry, outlet, f"{name} entry {i}"))
    return drafts


def _entry(entry, outlet: str | None, origin: str) -> ArticleDraft:
    title = (entry.get("title") or "").strip()
    body_html = ""
    if entry.get("content"):
        body_html = entry.content[0].get("value", "")
    body_html = body_html or entry.get("summary", "")
    text = ""
    if body_html.strip():
        try:
            text = html_article(f"<html><body><article><h1>{_escape(title)}</h1>{body_html}</article></body></html>",
                                origin).text
        except InputError:
            text = ""
    if not text:
        text = title
    if not text.strip():
        raise InputError(f"{origin}: the entry has neither title nor text")
    published = None
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    from desktop.domain.extraction import guess_language
    return ArticleDraft(title=title or text[:120], text=text, outlet=outlet, author=entry.get("author"),
                        url=entry.get("link"), published_at=published, language=guess_language(text),
                        kind="feed entry", origin=origin)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
