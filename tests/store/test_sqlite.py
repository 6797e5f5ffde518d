import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from newsweave.errors import StoreError
from newsweave.model import Mention, PublishedDate, content_id
from newsweave.ingest.readers import make_document
from newsweave.store.sqlite import SCHEMA_VERSION, Store


def _doc(text, source="a.txt"):
    return make_document(text, source, {"title": "T"})


def test_adding_the_same_document_twice_is_a_no_op(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for _ in range(2):
            with store.transaction():
                store.add_document(_doc("Kyiv said so."))
        assert store.stats()["documents"] == 1


def test_a_changed_text_at_the_same_source_is_a_new_linked_version(tmp_path):
    with Store(tmp_path / "s.db") as store:
        old, new = _doc("Kyiv said so."), _doc("Kyiv said so, again.")
        store.add_document(old)
        store.add_document(new)
        docs = {d["id"]: d for d in store.documents()}
        assert docs[new.id]["previous"] == old.id and docs[old.id]["previous"] is None


def test_a_found_title_and_date_fill_only_what_the_document_lacks(tmp_path):
    inferred = PublishedDate(value="2025-03-16", inferred=True, source="text", confidence=0.6)
    own = PublishedDate(value="2024-08-10", inferred=False, source="metadata", confidence=1.0)
    bare = make_document("Ukraine's forces left Sudzha.", "a.txt", {})
    dated = make_document("Kyiv said so.", "b.txt", {"title": "Own title", "published": own})
    with Store(tmp_path / "s.db") as store:
        for _ in range(2):  # the second time the documents are there already
            store.add_document(bare, title="Forces leave Sudzha", published=inferred)
            store.add_document(dated, title="A line that looked like a title", published=inferred)
        docs = {d["source"]: d for d in store.documents()}
        assert docs["a.txt"]["title"] == "Forces leave Sudzha"
        assert docs["a.txt"]["published"]["value"] == "2025-03-16"
        assert docs["b.txt"]["title"] == "Own title"
        assert docs["b.txt"]["published"]["value"] == "2024-08-10"
        assert [hit["source"] for hit in store.search("leave")] == ["a.txt"]


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=200), st.integers(0, 50), st.floats(0, 1))
def test_records_round_trip_through_the_store(text, start, confidence):
    end = min(len(text), start + 5)
    start = min(start, end)
    doc = _doc(text)
    mention = Mention(doc=doc.id, start=start, end=end, text=text[start:end], extractor="t@1",
                      confidence=confidence, label="place")
    with Store(":memory:") as store:
        store.add_document(doc)
        store.replace_records(doc.id, [mention])
        [back] = store.records("mentions")
        assert back == mention.to_dict()
        assert next(store.documents())["text"] == text


def test_a_failed_batch_is_rolled_back_whole(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_document(_doc("First."))
                raise RuntimeError("crash mid-batch")
        assert store.stats()["documents"] == 0


def test_search_ranks_and_survives_punctuation(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc("Ukraine's forces left Sudzha. Sudzha fell.", "a"))
        store.add_document(_doc("Talks in Geneva about Sudzha.", "b"))
        hits = store.search("Sudzha")
        assert [h["source"] for h in hits] == ["a", "b"]
        assert "[Sudzha]" in hits[0]["snippet"]
        assert store.search("Ukraine's")[0]["source"] == "a"
        assert store.search('"') == []


def test_a_store_from_a_newer_newsweave_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="upgrade newsweave"):
        Store(path)


def test_a_file_that_is_not_a_store_gives_a_clear_error(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="pass another --db"):
        Store(path)


def test_the_decoded_original_of_an_extracted_text_is_kept(tmp_path):
    from newsweave.ingest.readers import make_document

    html = "<html><body><p>Kyiv said so.</p></body></html>"
    doc = make_document("Kyiv said so.", "a.html", {}, media_type="text/html", original=html)
    with Store(tmp_path / "s.db") as store:
        store.add_document(doc)
        plain = _doc("Plain text.", "b.txt")
        store.add_document(plain)
        assert store.original(doc.id) == html and store.original(plain.id) == "Plain text."
        assert "original" not in next(store.documents()), "exports carry the text, not the raw input"


def test_a_store_of_an_older_schema_is_migrated_in_place(tmp_path):
    from newsweave.store.sqlite import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO documents(id, source, text, word_count, added_at) VALUES ('d1', 'a', 'Kyiv.', 1, 0)")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.stats()["schema_version"] == SCHEMA_VERSION
        assert store.original("d1") == "Kyiv." and store.story() == {}


def test_search_finds_the_other_spellings_of_a_compound(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc("Both sides agreed to a ceasefire on Monday.", "joined"))
        store.add_document(_doc("The cease-fire talks resumed.", "hyphen"))
        store.add_document(_doc("A fire broke out; the shelling did not cease.", "apart"))
        for query in ("ceasefire", "cease-fire", "Ceasefire"):
            assert {h["source"] for h in store.search(query)} == {"joined", "hyphen"}
        # FTS5 syntax is left as written
        assert {h["source"] for h in store.search("fire NOT cease")} == set()
        assert {h["source"] for h in store.search("shelling OR ceasefire")} == {"joined", "apart"}


def test_search_for_a_name_finds_the_entitys_other_names(tmp_path):
    from newsweave.model import Entity

    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc("Officials in Kyiv said the talks would go on.", "kyiv"))
        store.add_document(_doc("Kiev rejected the plan on Monday.", "kiev"))
        store.add_document(_doc("The United States and the U.S. Senate agreed with us.", "us"))
        store.add_document(_doc("Nobody else was named.", "none"))
        assert {h["source"] for h in store.search("Kiev")} == {"kiev"}  # no entities yet
        store.replace_entities([
            Entity(id="e1", name="Kyiv", type="place", aliases={"Kyiv": 3, "Kiev": 1}),
            Entity(id="e2", name="United States", type="place", aliases={"US": 2, "U.S.": 1}),
        ], {})
        assert {h["source"] for h in store.search("Kiev")} == {"kyiv", "kiev"}
        assert {h["source"] for h in store.search("kyiv talks")} == {"kyiv"}
        assert {h["source"] for h in store.search("the United States")} == {"us"}
        # "us" is a common word: the name's variant "US" is not searched as the word
        store.add_document(_doc("Give us a break.", "pronoun"))
        assert "pronoun" not in {h["source"] for h in store.search("United States")}
        # FTS5 syntax is left as written, and no name is said to be searched
        assert {h["source"] for h in store.search('"Kiev"')} == {"kiev"}
        assert store.search_naming('"Kiev"')[1] == []
        assert store.search_naming("Kiev talks")[1] == [("Kiev", ["Kiev", "Kyiv"])]


def test_a_compound_beside_other_words_is_still_found(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc("The cease-fire talks resumed.", "hyphen"))
        store.add_document(_doc("Both sides agreed to a ceasefire on Monday.", "joined"))
        assert {h["source"] for h in store.search("ceasefire talks")} == {"hyphen"}
