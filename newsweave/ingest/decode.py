"""Bytes to text: refuse what is not text, detect the encoding, keep the decoded original as is."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsweave.errors import BinaryInput, EmptyInput, TooLargeInput, UndecodableInput

# Leading bytes of common non-text formats, and what a user should do with each.
MAGIC = (
    (b"%PDF", "PDF", "convert it to text (e.g. pdftotext) first"),
    (b"\x89PNG", "a PNG image", "remove it from the inputs"),
    (b"\xff\xd8\xff", "a JPEG image", "remove it from the inputs"),
    (b"GIF8", "a GIF image", "remove it from the inputs"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)", "unpack it or export it as text first"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first"),
    (b"BZh", "a bzip2 archive", "decompress it first"),
    (b"\x7fELF", "an executable", "remove it from the inputs"),
    (b"SQLite format 3", "an SQLite database", "pass it with --db, not as an input"),
    (b"RIFF", "a media file", "remove it from the inputs"),
)
# When several encodings read the bytes equally well, prefer the one most texts are in:
# Windows-1252 is what browsers assume for unlabelled Western legacy text (WHATWG).
PREFERRED = ("cp1252", "iso8859_15", "latin_1", "cp1250", "mac_roman")
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise TooLargeInput(
            source, f"{size:,} bytes is over the {max_bytes:,}-byte limit",
            "split it, or raise the limit with --max-bytes",
        )


def decode(source: str, data: bytes, max_bytes: int) -> tuple[str, str]:
    """Return ``(text, encoding)``, or raise an :class:`InputError` that says what to do.

    UTF-8 is tried first (strictly); otherwise charset-normalizer picks the most
    coherent encoding, so Latin-1 and Windows-1252 texts decode correctly.
    """
    check_size(source, len(data), max_bytes)
    if not data.strip():
        raise EmptyInput(source, "the file is empty", "remove it or add the article's text")
    for magic, what, advice in MAGIC:
        if data.startswith(magic):
            raise BinaryInput(source, f"not text ({what})", advice)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:4096]:
        raise BinaryInput(source, "not text (it contains NUL bytes)", "convert it to UTF-8 text first")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = _best_match(data)
    if best is None or best.encoding is None:
        raise UndecodableInput(
            source, "the bytes are in no encoding that could be detected",
            "re-save it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)",
        )
    text = str(best)
    if sum(not (c.isprintable() or c.isspace()) for c in text[:4096]) > 0.05 * min(len(text), 4096):
        raise BinaryInput(source, "not text (mostly unprintable characters)", "convert it to text first")
    return text, best.encoding


def _best_match(data: bytes):
    """charset-normalizer's least messy reading; among equally clean readings, the common
    legacy encodings win (coherence is noise on short texts: "Zürich" read as cp775 is "Z³rich")."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos == least]
    rank = {name: i for i, name in enumerate(PREFERRED)}
    return min(tied, key=lambda m: rank.get(m.encoding, len(rank)))
