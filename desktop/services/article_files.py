"""Reading article files: plain text, Markdown, HTML pages and RSS/Atom feeds, into article drafts.

Nothing here touches the database or the network. HTML goes through trafilatura (main text
and metadata: title, outlet, author, date), so what is kept is plain text: no script, style,
image or link of the page survives. Feeds go through defusedxml first (entity expansion and
external entities are refused) and then feedparser, one draft per entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop.domain.extraction import guess_language
from desktop.services.errors import InputError

MAX_BYTES = 20 * 1024 * 1024      # an article, or a feed of them; a 50 MB "article" is refused
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class ArticleDraft:
    title: str
    text: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: date | None = None
    language: str | None = None
    kind: str = "article"
    origin: str = ""                 # where it came from: the file, and the entry of a feed


def read_article_file(path: str | Path, published: date | None = None) -> list[ArticleDraft]:
    """The articles in one file (one, or one per feed entry). Raises InputError naming the file and what is wrong."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    if size > MAX_BYTES:
        raise InputError(f"{name}: {size / 1024 / 1024:.1f} MB is more than the {MAX_BYTES // 1024 // 1024} MB an "
                         "article file may be")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return read_article_bytes(data, name, published)


def read_article_bytes(data: bytes, name: str, published: date | None = None) -> list[ArticleDraft]:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 1024 / 1024:.1f} MB is more than the "
                         f"{MAX_BYTES // 1024 // 1024} MB an article file may be")
    suffix = Path(name).suffix.lower()
    head = data[:512].lstrip().lower()
    if suffix in FEED_SUFFIXES or head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and b"<html" not in head:
        from desktop.services.feeds import read_feed
        drafts = read_feed(data, name)
    else:
        text = decode_text(data, name)
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and re.match(r"\s*(<!doctype html|<html)", text,
                                                                                re.IGNORECASE)):
            drafts = [html_article(text, name)]
        else:
            drafts = [text_article(text, name, markdown=suffix in (".md", ".markdown"))]
    if published is not None:
        drafts = [replace(d, published_at=published) for d in drafts]
    return drafts


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer finds; binary data is refused."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: this is binary data, not text (an article must be .txt, .md, .html or a feed)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.25 or _no_words(str(best)):
        raise InputError(f"{name}: unknown text encoding (not UTF-8, and no other encoding fits); "
                         "save it as UTF-8 and import again")
    text = str(best)
    if _mostly_unprintable(text):
        raise InputError(f"{name}: this is binary data, not text")
    return text


def _no_words(text: str) -> bool:
    """Prose has spaces between words; a decoding that yields none is a wrong guess."""
    sample = text[:4000]
    return len(sample) > 200 and sum(c.isspace() for c in sample) / len(sample) < 0.02


def _mostly_unprintable(text: str) -> bool:
    sample = text[:4000]
    bad = sum(1 for c in sample if not (c.isprintable() or c in "\n\r\t"))
    return bool(sample) and bad / len(sample) > 0.05


def text_article(text: str, name: str, markdown: bool = False) -> ArticleDraft:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")
    if not text.strip():
        raise InputError(f"{name}: the file has no text")
    first = next(line for line in text.splitlines() if line.strip())
    title = first.strip().lstrip("#").strip() if markdown else first.strip()
    return ArticleDraft(title=title[:300] or Path(name).stem, text=text.strip(), language=guess_language(text),
                        origin=name)


def html_article(html: str, name: str) -> ArticleDraft:
    """Main text and metadata of a page (trafilatura); only plain text is kept."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                          include_images=False, include_links=False, favor_precision=True)
    except Exception as exc:   # lxml and trafilatura raise many kinds on broken markup
        raise InputError(f"{name}: the HTML could not be read ({type(exc).__name__}: {exc})") from exc
    if doc is None:
        raise InputError(f"{name}: no article text found in the HTML")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (meta.get("text") or "").strip()
    if not body:
        raise InputError(f"{name}: no article text found in the HTML")
    title = (meta.get("title") or "").strip()
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    text = "\n\n".join(paragraphs)
    published = None
    if meta.get("date"):
        try:
            published = date.fromisoformat(str(meta["date"])[:10])
        except ValueError:
            published = None
    outlet = meta.get("sitename") or meta.get("hostname")
    author = meta.get("author")
    if author and outlet and author.strip() == outlet.strip():
        author = None
    return ArticleDraft(title=title or paragraphs[0][:300], text=text, outlet=outlet, author=author,
                        url=meta.get("url"), published_at=published,
                        language=meta.get("language") or guess_language(text), origin=name)
