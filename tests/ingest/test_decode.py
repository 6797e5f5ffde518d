import pytest

from newsweave.errors import BinaryInput, EmptyInput, TooLargeInput
from newsweave.ingest.decode import decode


def test_utf8_text_is_returned_unchanged():
    text = "Kyiv’s forces — “encircled”, they said.\n"
    assert decode("a.txt", text.encode("utf-8"), 10_000) == (text, "utf-8")


def test_latin1_text_is_decoded_correctly():
    text = "Café owners in Zürich said the naïve plan to reopen the Straße would fail, according to Müller."
    decoded, encoding = decode("a.txt", text.encode("latin-1"), 10_000)
    assert decoded == text
    assert encoding in {"cp1252", "latin_1", "iso8859_15"}


def test_utf8_bom_is_honoured():
    assert decode("a.txt", "Hello".encode("utf-8-sig"), 100)[0] == "Hello"


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_input_says_what_to_do(data):
    with pytest.raises(EmptyInput, match="empty; remove it"):
        decode("empty.txt", data, 100)


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n...", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"PK\x03\x04rest", "ZIP"),
    (b"abc\x00\x00def", "NUL"),
])
def test_binary_input_is_refused_with_its_kind(data, what):
    with pytest.raises(BinaryInput, match=what):
        decode("x.bin", data, 1000)


def test_input_over_the_size_limit_is_refused():
    with pytest.raises(TooLargeInput, match="--max-bytes"):
        decode("big.txt", b"a" * 101, 100)


def test_short_latin1_text_is_not_read_as_a_baltic_code_page():
    text = "Café owners in Zürich said on Monday that the naïve plan would fail, according to Müller."
    assert decode("a.txt", text.encode("latin-1"), 10_000)[0] == text


def test_cyrillic_windows_1251_text_is_decoded():
    text = "Президент заявил, что переговоры в Женеве возобновятся на следующей неделе. " * 3
    assert decode("a.txt", text.encode("cp1251"), 10_000)[0] == text
