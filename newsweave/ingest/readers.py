"""Inputs to documents: files, folders, globs and stdin, in text, HTML, JSON(L) and feed formats.

``read_inputs(inputs, options)`` streams ``Document`` or ``Failure`` objects:
a bad input never stops the batch, it becomes a ``Failure`` whose message says
what is wrong and what to do. Readers are registered by file suffix.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsweave.config import Options
from newsweave.errors import InputError, MalformedInput
from newsweave.ingest.decode import check_size, decode
from newsweave.model import Document, Failure, PublishedDate, content_id

Reader = Callable[[str, str, dict[str, Any]], Iterator[Document]]
READERS: dict[str, Reader] = {}
METADATA_FIELDS = ("title", "url", "outlet", "published", "authors")


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func

    return register


def make_document(text: str, source: str, meta: dict[str, Any], *, encoding: str = "utf-8",
                  media_type: str = "text/plain", original: str | None = None) -> Document:
    """A document whose id is the hash of its text: the same text is always the same document."""
    published = meta.get("published")
    if isinstance(published, str) and published.strip():
        published = PublishedDate(value=published.strip()[:10], source=meta.get("date_source", "metadata"))
    elif not isinstance(published, PublishedDate):
        published = None
    authors = meta.get("authors") or ()
    if isinstance(authors, str):
        authors = tuple(a.strip() for a in authors.replace(";", ",").split(",") if a.strip())
    return Document(
        id=content_id(text, "d"), text=text, source=source,
        title=_str_or_none(meta.get("title")), outlet=_str_or_none(meta.get("outlet")),
        url=_str_or_none(meta.get("url")), authors=tuple(authors), published=published,
        encoding=encoding, media_type=media_type, original=original,
    )


def _str_or_none(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


@reader(".txt", ".md", ".text", "")
def read_text(source: str, text: str, meta: dict[str, Any]) -> Iterator[Document]:
    yield make_document(text, source, meta, encoding=meta.pop("_encoding", "utf-8"))


@reader(".html", ".htm", ".xhtml")
def read_html(source: str, html: str, meta: dict[str, Any]) -> Iterator[Document]:
    """Main text and metadata with trafilatura; the publication date with htmldate (offline)."""
    import trafilatura
    from htmldate import find_date

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise MalformedInput(source, "no article text found in the HTML", "check it is an article page, or save it as text")
    found = {
        "title": extracted.title, "url": extracted.url, "outlet": extracted.sitename,
        "authors": extracted.author,
    }
    date = find_date(html, extensive_search=True, original_date=True)
    if date:
        found["published"], found["date_source"] = date, "html"
    found.update({k: v for k, v in meta.items() if v})
    yield make_document(text, source, found, encoding=meta.pop("_encoding", "utf-8"), media_type="text/html",
                        original=html)


def _from_object(obj: Any, source: str) -> Document:
    if not isinstance(obj, dict):
        raise MalformedInput(source, f"a JSON {type(obj).__name__} is not an article object",
                             'give each article as an object with a "text" field')
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedInput(source, 'the object has no non-empty "text" field', 'add the article text under "text"')
    meta = {k: obj.get(k) for k in METADATA_FIELDS}
    return make_document(text, obj.get("url") or source, meta)


@reader(".jsonl", ".ndjson")
def read_jsonl(source: str, text: str, meta: dict[str, Any]) -> Iterator[Document | Failure]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _from_object(json.loads(line), where)
        except json.JSONDecodeError as exc:
            yield _failure(MalformedInput(where, f"not JSON ({exc.msg})", "fix or remove that line"))
        except InputError as exc:
            yield _failure(exc)


@reader(".json")
def read_json(source: str, text: str, meta: dict[str, Any]) -> Iterator[Document | Failure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(source, f"not JSON ({exc.msg} at line {exc.lineno})", "fix the file") from None
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items):
        try:
            yield _from_object(item, f"{source}[{number}]" if isinstance(data, list) else source)
        except InputError as exc:
            yield _failure(exc)


@reader(".rss", ".atom", ".xml")
def read_feed(source: str, text: str, meta: dict[str, Any]) -> Iterator[Document | Failure]:
    """Each entry of an RSS or Atom feed becomes an article (HTML content is reduced to text)."""
    import feedparser
    import trafilatura

    feed = feedparser.parse(text)
    if not feed.entries:
        raise MalformedInput(source, "no feed entries found", "check it is an RSS or Atom feed")
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries):
        content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        body = trafilatura.extract(f"<html><body><article>{content}</article></body></html>") or content
        where = entry.get("link") or f"{source}#{number}"
        if not body.strip():
            yield _failure(MalformedInput(where, "the feed entry has no text", "fetch the full article instead"))
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        yield make_document(body, where, {
            "title": entry.get("title"), "url": entry.get("link"), "outlet": outlet,
            "authors": entry.get("author"),
            "published": "%04d-%02d-%02d" % published[:3] if published else None,
        })


def _failure(error: InputError) -> Failure:
    return Failure(source=error.source, error=str(error), code=error.code)


def expand(inputs: Iterable[str | Path]) -> Iterator[str]:
    """Files, folders (recursively, sorted), globs and ``-`` (stdin), in a stable order."""
    for item in inputs:
        item = str(item)
        if item == "-":
            yield item
        elif Path(item).is_dir():
            for path in sorted(Path(item).rglob("*")):
                if path.is_file() and not path.name.startswith(".") and not path.name.endswith(".meta.json"):
                    yield str(path)
        elif any(c in item for c in "*?["):
            yield from sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
        else:
            yield item


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt``, when there is one."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedInput(str(sidecar), f"the metadata sidecar is not JSON ({exc})", "fix or remove it") from None
    return {k: data.get(k) for k in METADATA_FIELDS if data.get(k)}


def read_source(source: str, options: Options) -> Iterator[Document | Failure]:
    """Read one input; every problem becomes a ``Failure`` rather than an exception."""
    try:
        if source == "-":
            data, path = sys.stdin.buffer.read(), Path("stdin.txt")
        else:
            path = Path(source)
            if not path.exists():
                raise InputError(source, "no such file or folder", "check the path")
            check_size(source, path.stat().st_size, options.max_bytes)
            data = path.read_bytes()
        text, encoding = decode(source, data, options.max_bytes)
        meta = _sidecar(path) if source != "-" else {}
        meta["_encoding"] = encoding
        read = READERS.get(path.suffix.lower(), read_text)
        for item in read(source, text, meta):
            yield item
    except InputError as exc:
        yield _failure(exc)
    except OSError as exc:
        yield Failure(source=source, error=f"cannot read {source}: {exc.strerror or exc}; check its permissions",
                      code="io")


def read_inputs(inputs: Iterable[str | Path], options: Options | None = None) -> Iterator[Document | Failure]:
    options = options or Options()
    for source in expand(inputs):
        yield from read_source(source, options)


def read_texts(texts: Iterable[str]) -> Iterator[Document]:
    """Documents from strings given directly (the Python API's ``analyze(["text", ...])``)."""
    for number, text in enumerate(texts):
        yield make_document(text, f"<text {number}>", {})
