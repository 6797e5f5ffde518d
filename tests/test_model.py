"""Records as dicts: what the store, the export and the stages read."""

from dataclasses import asdict, dataclass
from typing import ClassVar

from newsweave.model import Mention, Record, as_dict


@dataclass(frozen=True, slots=True, kw_only=True)
class Nested:
    label: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Rich(Record):
    kind: ClassVar[str] = "rich"

    values: dict[str, list[float]]
    spans: tuple[tuple[int, int], ...]
    inner: Nested | None = None


def rich() -> Rich:
    return Rich(doc="d", start=0, end=4, text="text", extractor="x@1", values={"a": [1.0, 2.0]},
                spans=((0, 1), (2, 3)), inner=Nested(label="n", spans=((1, 2),)))


def test_to_dict_equals_asdict_with_the_id_first():
    record = rich()
    row = record.to_dict()
    assert next(iter(row)) == "id" and row["id"] == record.id
    assert {k: v for k, v in row.items() if k != "id"} == asdict(record)


def test_to_dict_copies_containers_so_the_frozen_record_cannot_change():
    record = rich()
    row = record.to_dict()
    row["values"]["a"].append(3.0)
    assert record.values == {"a": [1.0, 2.0]}


def test_a_dict_round_trips_to_the_same_record():
    mention = Mention(doc="d", start=3, end=8, text="Kyiv", extractor="x@1", label="GPE")
    assert Mention.from_dict(as_dict(mention)) == mention
    assert as_dict(mention.to_dict()) == mention.to_dict()
