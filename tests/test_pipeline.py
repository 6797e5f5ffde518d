import pytest
from hypothesis import given, strategies as st

from newsweave.config import Options
from newsweave.errors import PipelineError
from newsweave.extract.entities import EXTRACTOR as ENTITIES_EXTRACTOR
from newsweave.model import Document, Record, content_id
from newsweave.nlp import PARSE_LABEL
from newsweave.pipeline import REGISTRY, Pipeline, blank_spans, stage


@given(st.text(), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=5))
def test_blanking_spans_keeps_every_offset(text, spans):
    blanked = blank_spans(text, spans)
    assert len(blanked) == len(text)
    assert all(a == b or b in " \n" for a, b in zip(text, blanked))
    assert blanked.count("\n") == text.count("\n")


def test_unknown_stage_is_refused_when_the_pipeline_is_built():
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline.build(["no.such.stage"])


def test_unmet_requirement_is_refused_when_the_pipeline_is_built():
    @stage("test.needs_quotes", version="0", requires=("quotes",), produces=("claims",))
    def needs(article, options):
        return []

    try:
        with pytest.raises(PipelineError, match="requires quotes"):
            Pipeline.build(["test.needs_quotes"])
    finally:
        REGISTRY.pop("test.needs_quotes")


def test_stages_see_records_of_earlier_stages_and_blanked_text():
    from newsweave.model import RemovedSpan

    @stage("test.remove_first_line", version="1", produces=("removed",))
    def remove(article, options):
        end = article.document.text.index("\n")
        yield RemovedSpan(doc=article.document.id, start=0, end=end, text=article.document.text[:end],
                          extractor="test.remove_first_line@1", reason="test")

    try:
        pipe = Pipeline.build(["test.remove_first_line", "mentions.spacy"], Options(batch_size=2))
        text = "Subscribe to Moscow Daily\nOfficials in Kyiv met Olaf Scholz in Berlin."
        [[article]] = list(pipe.pipe([Document(id=content_id(text), text=text, source="t")]))
        mentions = article.records["mentions"]
        assert {m.text for m in mentions} >= {"Kyiv", "Berlin"}
        assert all(m.start > text.index("\n") for m in mentions), "removed text is not analysed"
        assert all(text[m.start:m.end] == m.text for m in mentions)
        assert pipe.version == f"test.remove_first_line@1+{PARSE_LABEL}+{ENTITIES_EXTRACTOR}"
    finally:
        REGISTRY.pop("test.remove_first_line")


def test_records_ids_are_content_hashes():
    a = Record(doc="d1", start=0, end=4, text="Kyiv", extractor="x@1")
    b = Record(doc="d1", start=0, end=4, text="Kyiv", extractor="x@1")
    assert a.id == b.id and a.id != Record(doc="d1", start=1, end=4, text="yiv", extractor="x@1").id


def test_settings_switch_stages_out_of_the_default_pipeline():
    every = {s.name for s in Pipeline.build().stages}
    assert "clean.topic" in every and "mentions.spacy" in every
    no_topic = {s.name for s in Pipeline.build(None, Options(off_topic=False)).stages}
    assert no_topic == every - {"clean.topic"}
    no_clean = {s.name for s in Pipeline.build(None, Options(clean=False)).stages}
    assert not any("removed" in REGISTRY[n].produces for n in no_clean)
    assert "clean.dating" in no_clean and "mentions.spacy" in no_clean


def test_a_setting_that_changes_a_stages_output_is_part_of_its_label_and_the_records(nlp):
    from newsweave.extract.quotes import EXTRACTOR as QUOTES

    on, off = Pipeline.build(), Pipeline.build(None, Options(quote_tagger=False))
    assert QUOTES in on.version.split("+") and f"{QUOTES}-quote_tagger" in off.version.split("+")
    text = "“We will not retreat,” the general said on Monday. Officials said the town had fallen."
    doc = Document(id="d", text=text, source="a.txt")
    stages = ["mentions.spacy", "coref.rules", "quotes.rules"]
    for options, label in ((Options(), QUOTES), (Options(quote_tagger=False), f"{QUOTES}-quote_tagger")):
        [article] = Pipeline.build(stages, options).process_batch([doc])
        assert article.records["quotes"] and {q.extractor for q in article.records["quotes"]} == {label}


def test_default_order_does_not_depend_on_import_order():
    import importlib

    importlib.import_module("newsweave.extract.events")  # registered late by its own import
    names = [s.name for s in Pipeline.build().stages]
    assert names.index("clean.chrome") < names.index("clean.layout") < names.index("clean.topic")
    assert names.index("timex.rules") < names.index("events.rules")
    assert names.index("quotes.rules") < names.index("events.rules")
