"""The merged timeline on small built articles with metadata dates."""

from __future__ import annotations

import json

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest.readers import make_document
from newsweave.reconcile.intervals import interval_of
from newsweave.reconcile.story_dates import story_dates
from newsweave.reconcile.timeline import build_timeline
from newsweave.report.timeline import timeline_context

STAGES = ["mentions.spacy", "coref.rules", "timex.rules", "quotes.rules", "events.rules"]


def analysis_of(articles: list[tuple[str, str, str]]) -> dict:
    """An analysis.json-like dict for (text, source, published) articles."""
    import newsweave.extract.events  # noqa: F401  (registers the stage)
    from newsweave.pipeline import Pipeline

    from newsweave.reconcile.entities import reconcile_entities

    docs = [make_document(text, source, {"published": published}) for text, source, published in articles]
    out = {"documents": [], "events": [], "mentions": [], "entities": []}
    mentions = []
    for article in Pipeline.build(STAGES).process_batch(docs):
        d = article.document
        out["documents"].append({"id": d.id, "source": d.source, "title": None, "text": d.text,
                                 "published": {"value": d.published.value}})
        out["events"] += [r.to_dict() for r in article.records.get("events", ())]
        mentions += article.records.get("mentions", ())
    entities, assignment = reconcile_entities(mentions)  # as the story's reconciliation does
    out["mentions"] = [{**m.to_dict(), "entity": assignment.get(m.id)} for m in mentions]
    out["entities"] = [e.to_dict() for e in entities]
    return json.loads(json.dumps(out))  # exactly what analysis.json would hold


@pytest.fixture(scope="module")
def story():
    return analysis_of([
        ("On Wednesday, rebel fighters captured the northern city of Kolva after a week of fighting. "
         "Separately, the parliament approved the national budget on Wednesday.", "a.txt", "2025-03-14"),
        ("Kolva fell to rebel forces on March 12, officials said. The rebels seized the city's airport "
         "as well.", "b.txt", "2025-03-16"),
    ])


def entries_with(timeline, word):
    return [e for e in timeline if any(word in s["sentence"] for s in e["sources"])]


def test_same_event_in_two_sources_becomes_one_entry(story):
    timeline = build_timeline(story)
    capture = [e for e in timeline if len(e["documents"]) == 2]
    assert capture, timeline
    entry = capture[0]
    assert entry["date"] == "2025-03-12" and entry["granularity"] == "day"
    reported = [s["reported"] for s in entry["sources"]]
    assert reported == sorted(reported) == ["2025-03-14", "2025-03-16"]
    for s in entry["sources"]:
        doc = next(d for d in story["documents"] if d["id"] == s["doc"])
        assert doc["text"][s["start"]:s["end"]] in s["sentence"]


def test_different_events_on_the_same_day_stay_apart(story):
    timeline = build_timeline(story)
    budget = entries_with(timeline, "budget")
    assert budget and all("Kolva" not in s["sentence"] for e in budget for s in e["sources"])


def test_timeline_is_ordered_by_when_events_happened():
    analysis = analysis_of([
        ("The ministers signed the trade agreement in January 2024. In May 2023 the talks began "
         "with a summit in Oslo.", "c.txt", "2025-01-10"),
    ])
    timeline = build_timeline(analysis)
    starts = [interval_of(e["date"]).lo for e in timeline if e["year_known"]]
    assert len(starts) >= 2 and starts == sorted(starts)


def test_undated_year_sorts_after_dated_entries():
    assert interval_of("XXXX-03-12").year_known is False
    assert interval_of("XXXX-03-12", 2025).overlaps(interval_of("2025-03"))
    assert not interval_of("2025-03-12").overlaps(interval_of("2025-04"))
    assert interval_of("2024-SU").overlaps(interval_of("2024-08"))


def test_context_has_chart_rows_coloured_by_source_and_escaped_text(story):
    from jinja2 import Environment, PackageLoader, select_autoescape

    hostile = analysis_of([("On March 3, <script>alert(1)</script> rebels attacked the town of Kolva.",
                            "x.txt", "2025-03-05")])
    for analysis in (story, hostile):
        ctx = timeline_context(analysis)
        env = Environment(loader=PackageLoader("newsweave.report", "templates"),
                          autoescape=select_autoescape(default=True, default_for_string=True))
        html = env.get_template("_timeline.html").render(**ctx)
        assert "<svg" in html and "<script>" not in html
        assert ctx["timeline_chart"]["rows"]
        colours = {row_dot["colour"] for row in ctx["timeline_chart"]["rows"] for row_dot in row["dots"]}
        assert len(colours) == len({d for e in ctx["timeline"] for d in e["documents"]})


def test_empty_analysis_gives_empty_timeline():
    assert build_timeline({"documents": [], "events": []}) == []
    assert timeline_context({"documents": []})["timeline_chart"] is None


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["2025-03-12", "XXXX-03", "2024-SU", "2025-W10", "2025", "P7M", "x", "2025-02-30"]),
                max_size=6))
def test_build_timeline_never_crashes_on_odd_dates(values):
    events = [{"id": str(i), "doc": "d", "start": 0, "end": 4, "text": "troops attacked", "trigger": "attacked",
               "predicate": "attack", "date": v, "granularity": "day", "date_source": "timex",
               "commitment": "asserted", "actors": [], "targets": [], "place": None,
               "sentence_start": i, "sentence_end": 4}
              for i, v in enumerate(values)]
    from newsweave.extract.events import granularity_of

    for e in events:
        e["granularity"] = granularity_of(e["date"])
    timeline = build_timeline({"documents": [{"id": "d", "text": "troops attacked", "published": None}],
                               "events": events})
    assert all(e["sources"] for e in timeline)


def test_an_entry_sorts_by_its_sources_that_know_the_year():
    from newsweave.reconcile.timeline import _entry, _Item

    def item(doc, date, year):
        event = {"doc": doc, "start": 0, "end": 5, "text": "Troops entered Sudzha", "date": date,
                 "granularity": "day", "predicate": "enter", "id": f"e{doc}"}
        return _Item(event, interval_of(date, year), frozenset({"sudzha"}), frozenset(), None)

    items = [item("a", "XXXX-03-12", None), item("b", "2025-03-12", None)]
    vectors = numpy.ones((2, 4), dtype=numpy.float32)
    entry = _entry([0, 1], items, vectors, {}, {})
    assert entry["year_known"] and entry["sort"] == interval_of("2025-03-12").lo


def test_legend_names_a_source_as_the_sources_table_does():
    analysis = analysis_of([("On March 3, rebels attacked the town of Kolva.", "stories/kolva/a.txt", "2025-03-05")])
    titled = json.loads(json.dumps(analysis))
    titled["documents"][0]["title"] = "Rebels attack Kolva"
    assert [s["name"] for s in timeline_context(analysis)["timeline_legend"]] == ["a.txt"]
    assert [s["name"] for s in timeline_context(titled)["timeline_legend"]] == ["Rebels attack Kolva"]


def test_an_event_told_as_done_never_joins_one_that_began_after_its_article():
    # The second article is dated only to May-December 2024 (inferred), so its "earlier this month"
    # has no year: it must still not join the crossing of March 2025, after its latest date.
    story = analysis_of([
        ("On March 12, rebel troops crossed the border and entered the town of Kolva.", "a.txt", "2025-03-14"),
        ("Earlier this month, rebel troops crossed the border and entered the town of Kolva.", "b.txt", "2024-06-01"),
        ("On Wednesday, rebel troops crossed the border and entered the town of Kolva.", "c.txt", "2025-03-14"),
    ])
    a, b, c = (d["id"] for d in story["documents"])
    story["documents"][1]["published"] = {"value": "2024-05-04/2024-12-31"}
    for event in story["events"]:
        if event["doc"] == b:
            event.update(date="XXXX-XX", granularity="month")
    entries = [e for e in build_timeline(story) if a in e["documents"]]
    assert entries and all(b not in e["documents"] and c in e["documents"] for e in entries)


def test_the_same_verb_on_the_same_day_by_opposite_sides_stays_apart():
    analysis = analysis_of([
        ("On May 5, Russian forces attacked the border town of Kolva, the ministry said.", "a.txt", "2025-05-07"),
        ("On May 5, Ukrainian forces attacked the border town of Kolva, officials said.", "b.txt", "2025-05-08"),
        ("Russian troops attacked Kolva on May 5, according to witnesses.", "c.txt", "2025-05-09"),
    ])
    attacks = [e for e in build_timeline(analysis) if any("attacked" in s["sentence"] for s in e["sources"])]
    together = [e for e in attacks if len(e["documents"]) > 1]
    assert together, attacks  # the two Russian attacks are one entry ...
    for entry in together:  # ... which the Ukrainian one never joins
        assert all("Ukrainian" not in s["sentence"] for s in entry["sources"]), entry


def test_a_date_with_neither_year_nor_month_places_nothing():
    assert interval_of("XXXX-XX") is None and interval_of("XXXX") is None
    assert interval_of("XXXX-08") is not None and interval_of("XXXX-XX", 2024) is not None


def test_the_seed_storys_timeline_merges_what_sources_share_and_nothing_across_years(seed_run):
    _result, out = seed_run
    timeline = json.loads((out / "analysis.json").read_text(encoding="utf-8"))["timeline"]
    shared = [e for e in timeline if len(e["documents"]) > 1]
    sudzha = [e for e in shared if any("Sudzha" in s["sentence"] for s in e["sources"])]
    assert sudzha and sudzha[0]["date"][:9] == "2025-03-1", shared
    ceasefire = [e for e in shared if any("cease" in s["sentence"] for s in e["sources"])]
    assert ceasefire and ceasefire[0]["date"].startswith(("2025-03", "2025-W1")), shared
    # the incursion, told in each article its own way ("sent its forces pouring across the
    # border", "which Kiev invaded in August", "crossed their northern border", "Ukraine's
    # bold incursion"): one entry in August 2024 citing most of the five
    incursion = max(shared, key=lambda e: len(e["documents"]) * any("incursion" in s["sentence"] for s in e["sources"]))
    assert incursion["date"] == "2024-08" and len(incursion["documents"]) >= 4, incursion
    for entry in shared:  # e.g. Russia's 2022 invasion is not Ukraine's 2024 incursion
        years = {s["date"][:4] for s in entry["sources"] if s["date"] and s["date"][0].isdigit()}
        assert len(years) <= 1, entry
        assert entry["date"][:4] in years | {"XXXX"}, entry
        for s in entry["sources"]:  # no article cites what began after it was written
            reported = interval_of((s["reported"] or "").rsplit("/", 1)[-1])
            if reported is not None and entry["year_known"]:
                assert interval_of(entry["date"]).lo <= reported.hi, (s, entry)
    invasion = [e for e in shared if any("2022 invasion" in s["sentence"] for s in e["sources"])]
    assert not any("invading Russia" in s["sentence"] for e in invasion for s in e["sources"]), invasion


def test_a_date_whose_year_comes_from_its_article_is_charted_and_shown_with_that_year():
    text = "Rebels captured the town of Kolva that year."
    analysis = {
        "documents": [{"id": "d1", "source": "a.txt", "title": None, "text": text,
                       "published": {"value": "2019-05-03"}}],
        "events": [{"id": "e1", "doc": "d1", "start": 0, "end": 31, "text": text[:31], "trigger": "captured",
                    "predicate": "capture", "date": "XXXX", "granularity": "year", "date_source": "timex",
                    "tense": "past", "commitment": "asserted", "sentence_start": 0, "sentence_end": len(text)}],
        "mentions": [], "entities": [],
    }
    context = timeline_context(analysis)
    assert [e["date"] for e in context["timeline"]] == ["2019"]
    assert context["timeline_chart"] is not None
    assert context["timeline"][0]["sources"][0]["date"] == "XXXX"  # the source keeps its words' value


def _roughly_dated(story: dict, index: int, value: str) -> str:
    """Make the ``index``-th article dated only as a wide range, its events' months yearless."""
    doc = story["documents"][index]
    doc["published"] = {"value": "2019-08-01/2025-09-30"}
    for event in story["events"]:
        if event["doc"] == doc["id"] and event["date_source"] == "timex":
            event.update(date=value)
    return doc["id"]


def test_a_month_told_without_its_year_takes_the_year_of_the_entry_it_joins():
    story = analysis_of([
        ("Last summer, the army sent its troops across the border into the Belgorod region. "
         "On July 15, 2024, rebels seized the airport of Kolva.", "a.txt", "2025-03-16"),
        ("The army invaded the Belgorod region in August. Its incursion into the Belgorod region was a gamble.", "b.txt", "2024-09-20"),
    ])
    a, b = story["documents"][0]["id"], _roughly_dated(story, 1, "XXXX-08")
    timeline = build_timeline(story)
    entries = [e for e in timeline if {a, b} <= set(e["documents"])]
    assert entries and entries[0]["date"] == "2024-08", timeline
    # ... and is ordered as August, after what happened in July ("last summer" began in June)
    july = [i for i, e in enumerate(timeline) if e["date"].startswith("2024-07")]
    assert july and timeline.index(entries[0]) > july[0], timeline
    # the article's own undated mention of that happening ("its incursion into the region") joins it too
    assert any("gamble" in s["sentence"] for s in entries[0]["sources"])
    # a source keeps the date its words give
    assert {s["date"] for s in entries[0]["sources"] if s["doc"] == b} >= {"XXXX-08"}


def _entry(date: str, *sources: tuple[str, str | None, str | None]) -> dict:
    return {"date": date, "granularity": "month" if len(date) == 7 else "day", "year_known": True,
            "sources": [{"doc": doc, "start": 0, "end": 5, "date": told, "tense": tense}
                        for doc, told, tense in sources]}


def test_the_story_dates_an_article_that_tells_of_a_dated_event_as_this_month_or_in_a_month():
    docs = [{"id": d, "published": {"value": "2019-08-01/2025-09-30", "confidence": 0.9}} for d in "abc"]
    docs.append({"id": "x", "published": {"value": "2024-08-20"}})
    timeline = [
        _entry("2024-08", ("x", "2024-08", "past"), ("a", "XXXX-XX", "past"), ("b", "XXXX-08", "past")),
        _entry("2024-08-06", ("x", "2024-08-06", "past"), ("c", "XXXX-08", "future")),
    ]
    dates = story_dates(timeline, docs)
    assert dates["a"]["value"] == "2024-08" and dates["a"]["source"] == "story"  # "earlier this month"
    assert dates["b"]["value"] == "2024-08-01/2025-07-31"  # "in August", told as past
    assert "c" not in dates and "x" not in dates  # "will ... in August"; already dated
    assert dates["a"]["evidence"] == [[0, 5]] and dates["a"]["confidence"] < 0.9


def test_the_story_leaves_an_articles_date_alone_when_its_clues_disagree_or_only_it_tells_them():
    docs = [{"id": "a", "published": {"value": "2019-08-01/2025-09-30"}},
            {"id": "x", "published": {"value": "2024-08-20"}}]
    disagree = [_entry("2024-08", ("x", "2024-08", "past"), ("a", "XXXX-XX", "past")),
                _entry("2023-03", ("x", "2023-03", "past"), ("a", "XXXX-XX", "past"))]
    assert story_dates(disagree, docs) == {}
    alone = [_entry("2024-08", ("a", "2024-08", "past"), ("a", "XXXX-XX", "past"))]
    assert story_dates(alone, docs) == {}


def test_words_told_before_the_story_dated_their_article_are_read_again_against_that_date():
    story = analysis_of([("Last summer, rebels captured the town of Kolva.", "a.txt", "2024-08-20")])
    doc = story["documents"][0]
    for event in story["events"]:  # as the stage told it while the article's date was a range
        if event["date_source"] == "timex":
            event["date"] = "XXXX-SU"
    doc["published"] = {"value": "2024-08", "source": "story"}
    assert [e["date"] for e in build_timeline(story)] == ["2023-SU"]  # not the article's own summer


def test_two_runs_write_the_same_timeline_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    text = "Alpha, Bravo, Charlie, Delta and Echo captured the town of Kolva on May 5, 2024."
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Kolva"]
    mentions = [{"doc": "d1", "start": text.index(n), "end": text.index(n) + len(n), "text": n,
                 "label": "person" if n != "Kolva" else "place", "entity": f"e{n}"} for n in names]
    analysis = {
        "documents": [{"id": "d1", "source": "a.txt", "title": None, "text": text,
                       "published": {"value": "2024-05-06"}}],
        "events": [{"id": "v1", "doc": "d1", "start": 0, "end": len(text), "text": text, "trigger": "captured",
                    "predicate": "capture", "date": "2024-05-05", "granularity": "day", "date_source": "timex",
                    "tense": "past", "commitment": "asserted", "sentence_start": 0, "sentence_end": len(text),
                    "actors": [{"start": 0, "end": text.index(" captured"), "text": text[:text.index(" captured")]}],
                    "targets": [{"start": text.index("the town"), "end": text.index(" on May"), "text": "the town of Kolva"}]}],
        "mentions": mentions, "entities": [{"id": f"e{n}", "name": n} for n in names],
    }
    path = tmp_path / "analysis.json"
    path.write_text(json.dumps(analysis))
    code = ("import json, sys; from newsweave.reconcile.timeline import build_timeline; "
            "print(json.dumps(build_timeline(json.load(open(sys.argv[1])))))")
    runs = {subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1  # the six entities, each named once, keep one order
    assert len(json.loads(runs.pop())[0]["entities"]) == 6


def test_undated_past_tense_joins_only_an_entry_of_the_days_before_its_article():
    """"The minister resigned" in an article of 12 March joins "resigned on March 10" told
    elsewhere, but not an entry of the same words two years before."""
    recent = analysis_of([
        ("Interior minister Karl Vedder resigned on March 10 after the scandal over the police budget.",
         "r1.txt", "2025-03-11"),
        ("Interior minister Karl Vedder resigned after the scandal over the police budget.", "r2.txt",
         "2025-03-12"),
    ])
    joined = [e for e in build_timeline(recent) if len(e["documents"]) == 2]
    assert joined and joined[0]["date"] == "2025-03-10"
    old = analysis_of([
        ("Interior minister Karl Vedder resigned on March 10, 2023 after the scandal over the police budget.",
         "o1.txt", "2023-03-11"),
        ("Interior minister Karl Vedder resigned after the scandal over the police budget.", "o2.txt",
         "2025-03-12"),
    ])
    assert not [e for e in build_timeline(old) if len(e["documents"]) == 2]
    from newsweave.reconcile.timeline import TimelineOptions

    assert [e for e in build_timeline(old, TimelineOptions(recent_days=0)) if len(e["documents"]) == 2]


def test_an_undated_mention_joins_the_event_its_own_article_dates_before_another_years():
    """"Ukraine's offensive was a gamble" in an article that dates Ukraine's incursion to last
    August is that incursion, not the attack another article dates to 2022."""
    analysis = analysis_of([
        ("There was an opportunity in November of 2022 when Ukraine launched a surprise attack and "
         "recaptured the southern city of Kherson.", "a.txt", "2024-08-20"),
        ("Ukraine launched an incursion into Russia's Kursk region last August. Analysts said that "
         "Ukraine's offensive was a gamble, stretching its military resources.", "b.txt", "2025-03-16"),
    ])
    for entry in build_timeline(analysis):
        for source in entry["sources"]:
            if "gamble" in source["sentence"]:
                assert entry["date"] == "2024-08", entry


def test_an_entry_is_headed_by_its_sentence_when_its_clause_does_not_begin_one():
    analysis = analysis_of([
        ("There was an opportunity in November of 2022 when Ukraine launched a surprise attack on Kherson.",
         "a.txt", "2024-08-20"),
    ])
    labels = [e["label"] for e in build_timeline(analysis)]
    assert labels and all(label[:1].isupper() or label.startswith("the ") for label in labels), labels
    assert any(label.startswith("There was an opportunity") for label in labels), labels


def test_entries_headed_by_one_sentence_mark_their_own_happening_in_it():
    analysis = analysis_of([
        ("There was an opportunity in November of 2022 when Ukraine launched a surprise attack and "
         "recaptured the southern city of Kherson.", "a.txt", "2024-08-20"),
    ])
    marked = {e["label"][slice(*e["label_trigger"])] for e in build_timeline(analysis) if e["label_trigger"]}
    assert {"launched", "recaptured"} <= marked, marked
