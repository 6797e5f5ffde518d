"""Merge and never-merge rules of cross-document entity reconciliation, on built mention lists."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.model import Mention
from newsweave.reconcile.entities import normalise, reconcile, reconcile_entities


def mentions(*specs: tuple[str, str, str]) -> list[Mention]:
    """Mentions from (doc, label, text) triples, laid out one after another in each document."""
    out, offsets = [], {}
    for doc, label, text in specs:
        start = offsets.get(doc, 0)
        out.append(Mention(doc=doc, start=start, end=start + len(text), text=text,
                           extractor="test", label=label))
        offsets[doc] = start + len(text) + 10
    return out


def clusters(ms: list[Mention], **options) -> list[set[str]]:
    _, assignment = reconcile_entities(ms, geocode=False, **options)
    groups: dict[str, set[str]] = {}
    for m in ms:
        groups.setdefault(assignment[m.id], set()).add(m.text)
    return sorted(groups.values(), key=lambda g: sorted(g))


def together(ms: list[Mention], *texts: str) -> bool:
    return any(set(texts) <= c for c in clusters(ms))


def test_surname_and_title_forms_join_the_full_name():
    ms = mentions(("a", "person", "President Volodymyr Zelensky"), ("a", "person", "Zelensky"),
                  ("b", "person", "Mr. Zelensky"), ("b", "person", "Volodymyr Zelensky"))
    assert clusters(ms) == [{"President Volodymyr Zelensky", "Zelensky", "Mr. Zelensky",
                             "Volodymyr Zelensky"}]


def test_transliteration_variants_merge():
    ms = mentions(("a", "person", "Volodymyr Zelenskiy"), ("b", "person", "Volodymyr Zelensky"),
                  ("c", "person", "Oleksandr Syrskyi"), ("d", "person", "Oleksandr Syrsky"),
                  ("e", "person", "Volodymyr Zelenskyy"))
    assert together(ms, "Volodymyr Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskyy")
    assert together(ms, "Oleksandr Syrskyi", "Oleksandr Syrsky")
    assert not together(ms, "Oleksandr Syrsky", "Volodymyr Zelensky")


def test_normalise_folds_transliteration_endings():
    assert normalise("Zelenskiy") == normalise("Zelenskyy") == normalise("Zelensky")
    assert normalise("Kharkiv") == normalise("Harkiv")


def test_misspelt_first_name_and_middle_initial_merge():
    ms = mentions(("a", "person", "Vladimir Putin"), ("b", "person", "Vladamir Putin"),
                  ("c", "person", "Vladimir V. Putin"))
    assert len(clusters(ms)) == 1


def test_people_sharing_a_surname_are_never_merged_even_through_a_lone_surname():
    ms = mentions(("a", "person", "Joe Biden"), ("b", "person", "Jill Biden"), ("c", "person", "Biden"))
    groups = clusters(ms)
    assert not together(ms, "Joe Biden", "Jill Biden")
    assert len(groups) == 3


def test_lone_surname_follows_the_full_name_in_its_own_document():
    ms = mentions(("a", "person", "Joe Biden"), ("a", "person", "Biden"),
                  ("b", "person", "Hunter Biden"), ("b", "person", "Biden"))
    _, assignment = reconcile_entities(ms, geocode=False)
    assert assignment[ms[0].id] == assignment[ms[1].id]
    assert assignment[ms[2].id] == assignment[ms[3].id]
    assert assignment[ms[0].id] != assignment[ms[2].id]


def test_different_middle_initials_are_different_people():
    ms = mentions(("a", "person", "George W. Bush"), ("b", "person", "George H. W. Bush"),
                  ("c", "person", "George Bush"))
    assert not together(ms, "George W. Bush", "George H. W. Bush")


def test_person_and_place_with_the_same_name_stay_apart():
    ms = mentions(("a", "person", "Sumy"), ("a", "place", "Sumy"),
                  ("b", "person", "Georgia Smith"), ("b", "place", "Georgia"))
    assert len(clusters(ms)) == 4


def test_region_forms_merge_with_the_bare_place_name():
    ms = mentions(("a", "place", "Kursk"), ("a", "place", "Kursk Oblast"),
                  ("b", "place", "Kursk region"), ("c", "place", "the Kursk oblast"))
    assert len(clusters(ms)) == 1


def test_gazetteer_alternate_names_merge_places():
    ms = mentions(("a", "place", "Kyiv"), ("b", "place", "Kiev"), ("c", "place", "Kharkiv"))
    assert together(ms, "Kyiv", "Kiev")
    assert not together(ms, "Kyiv", "Kharkiv")


def test_places_the_gazetteer_knows_apart_are_not_merged_by_spelling():
    ms = mentions(("a", "place", "Austria"), ("b", "place", "Australia"),
                  ("c", "place", "Paris"), ("d", "place", "Paris, Texas"))
    assert len(clusters(ms)) == 4


def test_acronym_joins_its_organisation():
    ms = mentions(("a", "organisation", "European Aeronautic Defence and Space Company"),
                  ("b", "organisation", "EADS"), ("c", "organisation", "Boeing Co."),
                  ("d", "organisation", "Boeing"))
    assert together(ms, "EADS", "European Aeronautic Defence and Space Company")
    assert together(ms, "Boeing Co.", "Boeing")


def test_canonical_name_is_the_fullest_common_form_and_reasons_are_kept():
    ms = mentions(("a", "person", "Zelensky"), ("a", "person", "President Volodymyr Zelensky"),
                  ("b", "person", "Volodymyr Zelenskiy"), ("b", "person", "Zelenskiy"))
    entities, _ = reconcile_entities(ms, geocode=False)
    (entity,) = entities
    assert entity.name in {"Volodymyr Zelensky", "Volodymyr Zelenskiy"}
    assert entity.mention_count == 4 and entity.aliases["Zelensky"] == 1
    assert len(entity.merge_reasons) >= 2
    assert any("surname" in r for r in entity.merge_reasons)


def test_removed_mentions_are_not_part_of_the_story():
    @dataclass(frozen=True)
    class RemovedMention(Mention):
        removed: bool = True

    kept = mentions(("a", "place", "Kursk"))
    teaser = RemovedMention(doc="a", start=500, end=506, text="Taiwan", extractor="t", label="place")
    entities, assignment = reconcile_entities(kept + [teaser], geocode=False)
    assert [e.name for e in entities] == ["Kursk"]
    assert teaser.id not in assignment


def test_salience_prefers_frequent_early_speakers():
    ms = mentions(("a", "person", "Ann Lee"), ("a", "person", "Lee"), ("a", "person", "Bob Ray"),
                  ("b", "person", "Ann Lee"))
    result = reconcile(ms, geocode=False, actor_spans=[("a", 0, 7)])
    by_name = {e.name: e for e in result.entities}
    assert by_name["Ann Lee"].salience > by_name["Bob Ray"].salience
    assert all(0 <= s <= 1 for per_doc in result.document_salience.values() for s in per_doc.values())


def test_places_are_geocoded_in_the_story_context():
    ms = mentions(("a", "place", "Sudzha"), ("a", "place", "Kursk Oblast"), ("a", "place", "Ukraine"),
                  ("b", "place", "Moscow"), ("b", "place", "Sumy"))
    entities, _ = reconcile_entities(ms)
    geo = {e.name: e.geo for e in entities}
    assert geo["Sudzha"]["country"] == "RU" and geo["Sudzha"]["region"] == "Kursk"
    assert geo["Moscow"]["country"] == "RU"


def test_role_words_around_a_name_do_not_split_the_person():
    ms = mentions(("a", "person", "Apple CEO Steve Jobs"), ("b", "person", "Steve Jobs"),
                  ("c", "person", "Joe Leonard, Chairman of AirTran Airways"), ("d", "person", "Joe Leonard"))
    assert together(ms, "Apple CEO Steve Jobs", "Steve Jobs")
    assert together(ms, "Joe Leonard, Chairman of AirTran Airways", "Joe Leonard")


def test_a_persons_name_the_tagger_typed_an_organisation_joins_the_person():
    ms = mentions(("a", "person", "Oleksandr Syrsky"), ("b", "organisation", "Oleksandr Syrskyi"),
                  ("c", "person", "Volodymyr Zelensky"), ("c", "organisation", "Zelenskiy"),
                  ("d", "organisation", "Zelenskiy"), ("e", "organisation", "Ford"), ("f", "person", "Gerald Ford"),
                  ("g", "person", "Kiev’s NATO"), ("g", "organisation", "NATO"))
    assert together(ms, "Oleksandr Syrsky", "Oleksandr Syrskyi")
    assert together(ms, "Volodymyr Zelensky", "Zelenskiy")
    assert not together(ms, "Ford", "Gerald Ford")  # no person of that name in the company's document
    assert not together(ms, "NATO", "Kiev’s NATO")  # an acronym is no one's surname
    entities, _ = reconcile_entities(ms, geocode=False)
    syrsky = next(e for e in entities if e.name.startswith("Oleksandr"))
    assert syrsky.type == "person" and any("typed organisation" in r for r in syrsky.merge_reasons)


def test_a_country_written_as_its_code_is_the_country():
    ms = mentions(("a", "place", "U.S."), ("b", "place", "US"), ("c", "place", "United States"),
                  ("c", "place", "UK"), ("d", "place", "United Kingdom"), ("d", "place", "USA"))
    assert together(ms, "U.S.", "US", "United States", "USA")
    assert together(ms, "UK", "United Kingdom") and not together(ms, "UK", "US")


def test_a_retyped_name_joins_the_group_of_the_same_name_and_ids_stay_unique():
    # "Zelensky" typed a person in one sentence and an organisation in another, in one article
    # whose full name the lone surname cannot join (two Zelenskys there): still one entity.
    ms = mentions(("a", "person", "Volodymyr Zelensky"), ("a", "person", "Olena Zelensky"),
                  ("a", "person", "Zelensky"), ("a", "organisation", "Zelensky"),
                  ("b", "person", "Scott Lucas"), ("b", "organisation", "Scott Lucas"))
    entities, _ = reconcile_entities(ms, geocode=False)
    assert len({e.id for e in entities}) == len(entities)
    assert together(ms, "Zelensky") and [len(c) for c in clusters(ms) if "Zelensky" in c] == [1]
    assert together(ms, "Scott Lucas") and sum(e.name == "Scott Lucas" for e in entities) == 1


def test_a_bare_institution_joins_the_only_country_qualified_form():
    ms = mentions(("a", "organisation", "Defense Ministry"), ("b", "organisation", "the Russian Defense Ministry"))
    assert together(ms, "Defense Ministry", "the Russian Defense Ministry")
    # two countries' ministries in the corpus: the bare one goes with its own document's, or alone
    ms = mentions(("a", "organisation", "Defense Ministry"), ("b", "organisation", "Russian Defense Ministry"),
                  ("c", "organisation", "Ukrainian Defense Ministry"))
    assert clusters(ms) == [{"Defense Ministry"}, {"Russian Defense Ministry"}, {"Ukrainian Defense Ministry"}]
    ms = mentions(("a", "organisation", "Defense Ministry"), ("a", "organisation", "Ukrainian Defense Ministry"),
                  ("b", "organisation", "Russian Defense Ministry"))
    assert together(ms, "Defense Ministry", "Ukrainian Defense Ministry")
    assert not together(ms, "Defense Ministry", "Russian Defense Ministry")


def test_a_lone_word_tagged_an_organisation_joins_the_one_person_the_story_names_with_it():
    # "the Trump administration" in an article that never names Donald Trump in full
    ms = mentions(("a", "person", "Donald Trump"), ("a", "person", "Trump"), ("b", "person", "Trump"),
                  ("c", "organisation", "Trump"))
    assert together(ms, "Donald Trump", "Trump") and len(clusters(ms)) == 1
    # a word the story tags an organisation more often than a person stays the organisation
    ms = mentions(("a", "person", "Henry Ford"), ("b", "organisation", "Ford"), ("c", "organisation", "Ford"),
                  ("d", "person", "Ford"))
    assert [c for c in clusters(ms) if c == {"Ford"}]


def test_a_name_typed_two_ways_joins_the_type_it_has_far_more_often():
    ms = mentions(*[(d, "place", "Kyiv") for d in "abc"], ("d", "organisation", "Kyiv"),
                  *[(d, "group", "Ukrainian") for d in "abc"], ("d", "place", "Ukrainian"))
    entities, _ = reconcile_entities(ms, geocode=False)
    kyiv = [e for e in entities if e.name == "Kyiv"]
    assert len(kyiv) == 1 and kyiv[0].type == "place" and kyiv[0].mention_count == 4
    assert any("far more often a place" in r for r in kyiv[0].merge_reasons)
    assert [e.type for e in entities if e.name == "Ukrainian"] == ["group"]
    # a "place" the gazetteer does not know is no evidence: "GOP" stays the organisation it also is
    ms = mentions(*[(d, "place", "GOP") for d in "abcd"], ("e", "organisation", "GOP"))
    _, assignment = reconcile_entities(ms, geocode=False, min_population=5000)
    entities, _ = reconcile_entities(ms, geocode=False)
    assert sorted(e.type for e in entities if e.name == "GOP") == ["organisation", "place"]
    # two to one is no clear majority: the two readings stay apart
    ms = mentions(("a", "place", "Kyiv"), ("b", "place", "Kyiv"), ("c", "organisation", "Kyiv"))
    assert len(clusters(ms)) == 2


def test_an_organisation_tag_beside_the_full_name_counts_as_the_person():
    # one article tags "Trump" an organisation beside "Donald Trump" (so it is him there), another
    # tags it an organisation alone, a third a person: two of three say person
    ms = mentions(("a", "person", "Donald Trump"), ("a", "organisation", "Trump"), ("b", "organisation", "Trump"),
                  ("c", "person", "Trump"))
    assert len(clusters(ms)) == 1
