"""The embedded store: one SQLite file (WAL) with a versioned schema.

Documents keep their original text; every record kind has its own table
``rec_<kind>`` with the common stand-off columns and the kind's other fields as
JSON. Each batch is written in one transaction, so a crash loses at most the
batch in flight and running again resumes where it stopped.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsweave.clean import english_stop_words
from newsweave.errors import StoreError
from newsweave.model import Document, Entity, Failure, PublishedDate, Record

COMMON = ("id", "doc", "start", "end", "text", "extractor", "confidence")

# Each migration takes the schema from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT, outlet TEXT, url TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        encoding TEXT, media_type TEXT,
        text TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        previous TEXT,
        processed_with TEXT,
        added_at REAL NOT NULL
    );
    CREATE INDEX documents_source ON documents(source);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL,
        pipeline TEXT NOT NULL, options TEXT NOT NULL,
        documents INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0, words INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE failures (run INTEGER NOT NULL, source TEXT NOT NULL, code TEXT NOT NULL, error TEXT NOT NULL);
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
                           salience REAL NOT NULL, data TEXT NOT NULL);
    """,
    """
    CREATE TABLE story (key TEXT PRIMARY KEY, data TEXT NOT NULL);
    """,
    """
    ALTER TABLE documents ADD COLUMN original TEXT;
    """,
    """
    CREATE TABLE entity_names (name TEXT NOT NULL, entity TEXT NOT NULL, shown TEXT NOT NULL);
    CREATE INDEX entity_names_name ON entity_names(name);
    CREATE INDEX entity_names_entity ON entity_names(entity);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
KIND_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class Store:
    """A newsweave SQLite store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}; pass another --db file") from None
        self._kinds = {r[0][4:] for r in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'rec\\_%' ESCAPE '\\'")}

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- schema ----------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path} has schema version {version}, newer than this newsweave's "
                f"{SCHEMA_VERSION}; upgrade newsweave"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                self._script(MIGRATIONS[number])
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def _script(self, script: str) -> None:
        # executescript would COMMIT our transaction; run the statements one by one instead.
        buffer = ""
        for line in script.splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                self.db.execute(buffer)
                buffer = ""

    def _ensure_kind(self, kind: str) -> str:
        if not KIND_NAME.match(kind):
            raise StoreError(f"invalid record kind {kind!r}")
        if kind not in self._kinds:
            self.db.execute(
                f"CREATE TABLE IF NOT EXISTS rec_{kind} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, "
                '"start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, extractor TEXT NOT NULL, '
                "confidence REAL NOT NULL, data TEXT NOT NULL)"
            )
            self.db.execute(f"CREATE INDEX IF NOT EXISTS rec_{kind}_doc ON rec_{kind}(doc, \"start\")")
            self._kinds.add(kind)
        return f"rec_{kind}"

    def transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    @property
    def kinds(self) -> list[str]:
        return sorted(self._kinds)

    # -- writing ---------------------------------------------------------------------------
    def start_run(self, pipeline: str, options: dict[str, Any]) -> int:
        cur = self.db.execute("INSERT INTO runs(started, pipeline, options) VALUES (?, ?, ?)",
                              (time.time(), pipeline, json.dumps(options)))
        return int(cur.lastrowid)

    def finish_run(self, run: int, documents: int, skipped: int, failures: int, words: int) -> None:
        self.db.execute(
            "UPDATE runs SET finished=?, documents=?, skipped=?, failures=?, words=? WHERE id=?",
            (time.time(), documents, skipped, failures, words, run),
        )

    def record_failure(self, run: int, failure: Failure) -> None:
        self.db.execute("INSERT INTO failures VALUES (?, ?, ?, ?)", (run, failure.source, failure.code, failure.error))

    def is_processed(self, doc_id: str, pipeline: str) -> bool:
        row = self.db.execute("SELECT processed_with FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row is not None and row[0] == pipeline

    def add_document(self, document: Document, processed_with: str | None = None, *,
                     title: str | None = None, published: PublishedDate | None = None) -> None:
        """Insert a document (a no-op when the same text is there); a changed text at the
        same source becomes a new version that links to the previous one.

        ``title`` and ``published`` (found by cleaning and dating) fill the document's own
        fields where it has none. They are written with the row, not updated after it:
        a changed title would index the text for search a second time.
        """
        existing = self.db.execute("SELECT id FROM documents WHERE id=?", (document.id,)).fetchone()
        if existing:
            if processed_with:
                self.db.execute("UPDATE documents SET processed_with=? WHERE id=?", (processed_with, document.id))
            self.set_document_fields(document.id, title=title,
                                     published=published if document.published is None else None)
            return
        previous = self.db.execute(
            "SELECT id FROM documents WHERE source=? ORDER BY added_at DESC LIMIT 1", (document.source,)
        ).fetchone()
        published = document.published or published
        self.db.execute(
            "INSERT INTO documents(id, source, title, outlet, url, authors, published, encoding, media_type, "
            "text, word_count, previous, processed_with, added_at, original) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (document.id, document.source, document.title or title, document.outlet, document.url,
             json.dumps(list(document.authors)),
             json.dumps(asdict(published)) if published else None,
             document.encoding, document.media_type, document.text, document.word_count,
             previous[0] if previous else None, processed_with, time.time(), document.original),
        )

    def original(self, doc_id: str) -> str:
        """The decoded input a document was read from (its text, for plain-text inputs)."""
        row = self.db.execute("SELECT coalesce(original, text) FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id} in {self.path}; see 'newsweave stats'")
        return row[0]

    def set_document_fields(self, doc_id: str, *, title: str | None = None,
                            published: PublishedDate | None = None) -> None:
        if title is not None:
            self.db.execute("UPDATE documents SET title=? WHERE id=? AND title IS NULL", (title, doc_id))
        if published is not None:
            self.db.execute("UPDATE documents SET published=? WHERE id=?", (json.dumps(asdict(published)), doc_id))

    def replace_records(self, doc_id: str, records: Iterable[Record]) -> None:
        """Replace everything earlier runs found in one document by ``records``."""
        for kind in self._kinds:
            self.db.execute(f"DELETE FROM rec_{kind} WHERE doc=?", (doc_id,))
        by_kind: dict[str, list[tuple]] = {}
        for record in records:
            by_kind.setdefault(record.kind, []).append(_record_row(record))
        for kind, rows in by_kind.items():
            table = self._ensure_kind(kind)
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?,?,?,?,?,?,?,?)", rows)

    def replace_entities(self, entities: Iterable[Entity], assignment: dict[str, str]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM entities")
            self.db.executemany(
                "INSERT INTO entities VALUES (?,?,?,?,?)",
                ((e.id, e.name, e.type, e.salience, _to_json(e.to_dict())) for e in entities),
            )
            self.db.execute("DELETE FROM entity_names")
            self.db.executemany(
                "INSERT INTO entity_names VALUES (?,?,?)",
                ((key, e.id, shown) for e in entities
                 for key, shown in {_name_key(n): n for n in (*e.aliases, e.name)}.items() if key),
            )
            self._update_fields("mentions", lambda mention_id: {"entity": assignment.get(mention_id)})

    def set_fields(self, kind: str, values: dict[str, dict[str, Any]]) -> None:
        """Set corpus-level fields on stored records (record id -> {field: value}), such as a
        quote's canonical ``speaker_entity``, which only the reconciliation knows."""
        if values:
            with self.transaction():
                self._update_fields(kind, values.get)

    def _update_fields(self, kind: str, fields_of: Callable[[str], dict[str, Any] | None]) -> None:
        """Merge ``fields_of(record id)`` into each stored record of ``kind`` (None: leave it)."""
        if kind not in self._kinds:
            return
        updates = []
        for row in self.db.execute(f"SELECT id, data FROM rec_{kind}").fetchall():
            if (changes := fields_of(row["id"])) is not None:
                data = json.loads(row["data"])
                data.update(changes)
                updates.append((json.dumps(data), row["id"]))
        self.db.executemany(f"UPDATE rec_{kind} SET data=? WHERE id=?", updates)

    def replace_story(self, lists: dict[str, list[Any]]) -> None:
        """Store the corpus-level results (claims, summary, timeline, ...), replacing earlier ones."""
        with self.transaction():
            self.db.execute("DELETE FROM story")
            self.db.executemany("INSERT INTO story VALUES (?, ?)",
                                ((key, _to_json(value)) for key, value in lists.items()))

    # -- reading ---------------------------------------------------------------------------
    def story(self) -> dict[str, list[Any]]:
        return {key: json.loads(data) for key, data in self.db.execute("SELECT key, data FROM story ORDER BY key")}

    def documents(self, with_text: bool = True) -> Iterator[dict[str, Any]]:
        columns = ("rowid, id, source, title, outlet, url, authors, published, encoding, media_type, text, "
                   "word_count, previous, processed_with, added_at" if with_text else
                   "rowid, id, source, title, outlet, url, authors, published, word_count, previous")
        for row in self.db.execute(f"SELECT {columns} FROM documents ORDER BY rowid"):
            doc = dict(row)
            doc["authors"] = json.loads(doc["authors"])
            doc["published"] = json.loads(doc["published"]) if doc["published"] else None
            doc.pop("rowid", None)
            yield doc

    def records(self, kind: str, doc: str | None = None) -> Iterator[dict[str, Any]]:
        if kind not in self._kinds:
            return
        query = f'SELECT * FROM rec_{kind}' + (" WHERE doc=?" if doc else "") + ' ORDER BY doc, "start"'
        for row in self.db.execute(query, (doc,) if doc else ()):
            record = {c: row[c] for c in COMMON}
            record.update(json.loads(row["data"]))
            yield record

    def entities(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT data FROM entities ORDER BY salience DESC, name")]

    def failures(self, run: int | None = None) -> list[dict[str, Any]]:
        query = "SELECT * FROM failures" + (" WHERE run=?" if run is not None else "")
        return [dict(r) for r in self.db.execute(query, (run,) if run is not None else ())]

    def search(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        """Ranked full-text search (BM25) over titles and texts, with highlighted snippets."""
        return self.search_naming(query, limit)[0]

    def search_naming(self, query: str, limit: int = 10) -> tuple[list[dict[str, Any]], list[tuple[str, list[str]]]]:
        """:meth:`search`'s hits, and the names a plain query's words were also searched as:
        ``[(words as written, the entity's names)]`` (none for a query in FTS5 syntax)."""
        sql = (
            "SELECT d.id, d.source, d.title, bm25(documents_fts, 5.0, 1.0) AS score, "
            "snippet(documents_fts, 1, '[', ']', '…', 16) AS snippet "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?"
        )
        named: list[tuple[str, list[str]]] = []
        if _PLAIN_QUERY.fullmatch(query) and not _FTS_OPERATORS & set(query.split()):
            words = query.split()
            variants = self.name_variants(words)
            named = [(" ".join(words[a:b]), names) for a, b, names in variants]
            query = " AND ".join(self._plain_terms(words, variants))  # FTS5 wants AND beside a group
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS5 syntax (e.g. a stray quote): search the words as plain terms.
            terms = " ".join('"' + t.replace('"', '""') + '"' for t in re.findall(r"\w+", query))
            if not terms:
                return [], named
            rows = self.db.execute(sql, (terms, limit)).fetchall()
        return [dict(r) for r in rows], named

    def name_variants(self, words: list[str]) -> list[tuple[int, int, list[str]]]:
        """Runs of query words that name one entity, with all the entity's names as written:
        ``(start, end, names)`` over word positions, longest run first ("Kiev" -> Kiev, Kyiv;
        "Zelenskiy" -> Zelensky, Volodymyr Zelensky, ...), less those that are common words. A name
        two entities share expands to neither."""
        out, i = [], 0
        while i < len(words):
            for j in range(min(len(words), i + MAX_NAME_WORDS), i, -1):
                owners = self.db.execute("SELECT DISTINCT entity FROM entity_names WHERE name = ? LIMIT 2",
                                         (_name_key(" ".join(words[i:j])),)).fetchall()
                if len(owners) == 1:
                    # a name that is a common word ("US" as "us") would find the word, not the name
                    names = [r[0] for r in self.db.execute(
                        "SELECT shown FROM entity_names WHERE entity = ? ORDER BY length(name), name LIMIT ?",
                        (owners[0][0], MAX_NAME_VARIANTS)) if _name_key(r[0]) not in english_stop_words()]
                    out.append((i, j, names))
                    i = j
                    break
            else:
                i += 1
        return out

    def _plain_terms(self, words: list[str], variants: list[tuple[int, int, list[str]]]) -> list[str]:
        """A plain query's words as FTS5 terms: a run naming an entity (``variants``, from
        :meth:`name_variants`) finds its other names, other words their compounds' other spellings."""
        terms, at = [], 0
        for start, end, names in variants:
            terms += [self._compound_variants(w) for w in words[at:start]]
            phrases = {'"' + " ".join(words[start:end]).replace('"', '""') + '"'}
            phrases |= {'"' + n.replace('"', '""') + '"' for n in names}
            terms.append("(" + " OR ".join(sorted(phrases)) + ")")
            at = end
        return terms + [self._compound_variants(w) for w in words[at:]]

    def _compound_variants(self, word: str) -> str:
        """One word of a plain query as an FTS5 term that also finds its compound's other spellings.

        "cease-fire" finds "ceasefire" too, and "ceasefire" finds "cease-fire" and "cease fire"
        where the text holds them (a split is tried only where its two words stand together
        in some article, so "nowhere" looks for "now here" only if an article has it).
        """
        parts = [p for p in re.split(r"[-‐‑–]", word) if p]
        phrase = '"' + " ".join(parts).replace('"', '""') + '"'
        if len(parts) > 1:
            return f'({phrase} OR "{"".join(parts)}")'
        if len(word) < 2 * MIN_COMPOUND_PART + 1 or not word.isalpha():
            return phrase
        splits = [f'"{word[:i]} {word[i:]}"' for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1)]
        found = [s for s in splits if self.db.execute(
            "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1", (s,)).fetchone()]
        return f"({' OR '.join([phrase, *found])})" if found else phrase

    def stats(self) -> dict[str, Any]:
        one = lambda q: self.db.execute(q).fetchone()[0]  # noqa: E731
        counts = {kind: one(f"SELECT count(*) FROM rec_{kind}") for kind in self.kinds}
        return {
            "path": self.path,
            "schema_version": one("PRAGMA user_version"),
            "documents": one("SELECT count(*) FROM documents"),
            "words": one("SELECT coalesce(sum(word_count), 0) FROM documents"),
            "entities": one("SELECT count(*) FROM entities"),
            "records": counts,
            "runs": one("SELECT count(*) FROM runs"),
            "failures": one("SELECT count(*) FROM failures"),
        }


# A query of plain words (letters, digits, apostrophes, hyphens) rather than FTS5 syntax.
_PLAIN_QUERY = re.compile(r"\s*[\w'’‐‑–-]+(?:\s+[\w'’‐‑–-]+)*\s*")
_FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
MIN_COMPOUND_PART = 3  # letters in each word of a compound's split spelling ("cease fire")
MAX_NAME_WORDS = 4  # the longest run of query words looked up as an entity's name
MAX_NAME_VARIANTS = 12  # names of one entity a query word expands to


def _name_key(name: str) -> str:
    """A name as the search looks it up: lower case, possessive and surrounding punctuation off,
    "the" dropped ("The United States" and "United States" are one key)."""
    key = re.sub(r"(?:'s|’s)$", "", name.strip().lower()).strip(" .,;:\"'“”‘’()")
    return re.sub(r"^the\s+", "", key)


class _Transaction:
    """``with store.transaction():`` commits on success and rolls back on any error."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _record_row(record: Record) -> tuple:
    """A record as a row of its kind's table: the common columns, then its own fields as JSON.

    Serialised straight from the attributes (no intermediate copy: a batch writes
    thousands of records); ``Record.from_dict`` reads the row back.
    """
    extra = {name: getattr(record, name) for name in _own_fields(type(record))}
    return (record.id, record.doc, record.start, record.end, record.text, record.extractor, record.confidence,
            _to_json(extra))


_COMMON_SET = frozenset(COMMON)


@cache
def _own_fields(cls: type[Record]) -> tuple[str, ...]:
    """A record class's fields beyond the common columns."""
    return tuple(name for name in cls.field_names() if name not in _COMMON_SET)


def _jsonable(value: Any) -> Any:
    """What ``json.dumps`` cannot write itself: sets, dataclasses (shallowly: it recurses), the rest as text."""
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    return str(value)


# ``_to_json(value)`` without building an encoder per call.
_to_json = json.JSONEncoder(default=_jsonable).encode
