"""The TempEval-3 harness: TimeML reading, scoring, and a floor on a small subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.evaluate.timeml import GoldTimex, read_timeml, timeml_paths
from newsweave.evaluate.timex import Predicted, Tally, evaluate, render

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
<TEXT>The bomb <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> of calm.</TEXT>
</TimeML>
"""


def test_read_timeml_strips_tags_and_keeps_offsets(tmp_path: Path):
    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct.isoformat() == "1998-08-07"
    assert [(t.text, t.value) for t in doc.timexes] == [("Friday", "1998-08-07"), ("two weeks", "P2W")]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)


def test_tally_counts_strict_relaxed_and_value_matches():
    gold = [GoldTimex(0, 6, "Friday", "DATE", "1998-08-07"), GoldTimex(10, 19, "two weeks", "DURATION", "P2W")]
    system = [Predicted(0, 6, "DATE", "1998-08-07"), Predicted(10, 15, "DURATION", "P3W"), Predicted(30, 34, "DATE", "1999")]
    tally = Tally()
    tally.add(gold, system)
    figures = tally.figures()
    assert (tally.strict, tally.relaxed, tally.value_correct) == (1, 2, 1)
    assert figures["relaxed_recall"] == 1.0 and figures["relaxed_precision"] == pytest.approx(2 / 3)
    assert figures["value_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_evaluate_subset_meets_floor_and_renders(data_dir: Path):
    tempeval = data_dir / "tempeval3"
    if not timeml_paths(tempeval):
        pytest.skip(f"TempEval-3 files not found under {tempeval}")
    result = evaluate(tempeval, limit=40, baselines=False, parse=False)
    assert result["tense"] == "cues" and "cues_only" not in result
    assert result["relaxed_f1"] >= 0.85
    assert result["value_f1"] >= 0.65
    assert result["type_accuracy"] >= 0.85
    assert "HeidelTime" in render(result)


@pytest.mark.slow
def test_evaluate_full_tempeval_with_dateparser_baseline(data_dir: Path):
    result = evaluate(data_dir / "tempeval3")
    assert result["relaxed_f1"] >= 0.92 and result["value_f1"] >= 0.84
    assert set(result["folders"]) == {"AQUAINT", "TimeBank"}
    assert all(f["value_f1"] >= 0.79 for f in result["folders"].values())
    assert result["relaxed_f1"] > result["baselines"]["dateparser"]["relaxed_f1"]


def test_evaluate_can_score_the_stage_way_with_the_parse(data_dir: Path):
    tempeval = data_dir / "tempeval3"
    if not timeml_paths(tempeval):
        pytest.skip(f"TempEval-3 files not found under {tempeval}")
    result = evaluate(tempeval, limit=5, baselines=False)
    assert result["tense"] == "cues+parse"
    assert result["relaxed_f1"] >= 0.8 and result["value_f1"] >= 0.6
    assert result["cues_only"]["gold"] == result["gold"]
    table = render(result)
    assert "(cues+parse)" in table and "(cues)" in table


def test_error_breakdown_groups_misses_spurious_and_value_shapes(tmp_path: Path):
    from newsweave.evaluate.timex import error_breakdown

    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_timeml(path)

    def tagger(_doc):
        return [Predicted(18, 24, "DATE", "1998-W32"), Predicted(41, 45, "DATE", "1999")]

    result = error_breakdown([doc], tagger)
    assert result["missed"] == {"DURATION": 1}
    assert result["spurious"] == {"DATE": 1}
    assert result["value_mismatches"] == {"9999-99-99 -> 9999-W99": 1}


def test_offsets_are_scored_as_the_duration_timeml_annotates(tmp_path: Path):
    import datetime as dt

    from newsweave.evaluate.timex import as_annotated
    from newsweave.extract.timex import find_timexes

    text = "The bridge fell on March 3, 2025. Three days later the town was taken."
    records = find_timexes(text, dt.date(2025, 3, 16))
    scored = [as_annotated(t) for t in records]
    assert [(text[p.start:p.end], p.type, p.value) for p in scored] == [
        ("March 3, 2025", "DATE", "2025-03-03"), ("Three days", "DURATION", "P3D")]
