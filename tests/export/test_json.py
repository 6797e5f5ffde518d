import json

import jsonschema
import pyarrow.parquet as pq

from newsweave.export.json import SCHEMA_PATH, export
from newsweave.store.sqlite import Store


def test_analysis_json_is_valid_against_its_schema(seed_run):
    result, out = seed_run
    analysis = json.loads((out / "analysis.json").read_text())
    jsonschema.validate(analysis, json.loads(SCHEMA_PATH.read_text()))
    assert len(analysis["documents"]) == 5 and analysis["entities"] and analysis["mentions"]


def test_every_mention_points_into_its_documents_original_text(seed_run):
    _, out = seed_run
    analysis = json.loads((out / "analysis.json").read_text())
    texts = {d["id"]: d["text"] for d in analysis["documents"]}
    entity_ids = {e["id"] for e in analysis["entities"]}
    for m in analysis["mentions"]:
        assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
        assert m["entity"] in entity_ids


def test_entities_merge_title_and_surname_forms(seed_run):
    _, out = seed_run
    entities = json.loads((out / "analysis.json").read_text())["entities"]
    zelensky = [e for e in entities if e["type"] == "person" and "Zelensky" in e["name"]]
    assert len(zelensky) == 1 and len(zelensky[0]["aliases"]) >= 2


def test_jsonl_csv_and_parquet_exports_hold_every_kind(seed_run, tmp_path):
    result, _ = seed_run
    with Store(result.db) as store:
        kinds = {"documents", "entities", *store.kinds}
        lines = [json.loads(line) for line in export(store, "jsonl", tmp_path / "a.jsonl").read_text().splitlines()]
        assert {line["kind"] for line in lines} == kinds
        csv_dir = export(store, "csv", tmp_path / "csv")
        assert {p.stem for p in csv_dir.glob("*.csv")} == kinds
        parquet_dir = export(store, "parquet", tmp_path / "pq")
        assert pq.read_table(parquet_dir / "documents.parquet").num_rows == 5


def test_corpus_level_lists_reach_the_export_and_cite_real_spans(seed_run):
    _, out = seed_run
    analysis = json.loads((out / "analysis.json").read_text())
    texts = {d["id"]: d["text"] for d in analysis["documents"]}
    for key in ("claims", "questions", "positions", "summary", "timeline"):
        assert analysis[key], key
    for sentence in analysis["summary"]:
        assert texts[sentence["doc"]][sentence["start"]:sentence["end"]] == sentence["text"]
    for entry in analysis["timeline"]:
        for source in entry["sources"]:
            assert 0 <= source["start"] < source["end"] <= len(texts[source["doc"]])
