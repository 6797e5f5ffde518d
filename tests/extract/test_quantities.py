"""Behaviour of the quantity finder, its normalisation and its parse attachment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.quantities import Quantity, extract, normalize
from newsweave.extract.quantity_finder import find_quantities, words_value
from newsweave.extract.quantity_units import UNIT_TABLE


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(("phrase", "value"), [
    ("30,000", 30000), ("tens of thousands", 1e4), ("two-and-a-half", 2.5), ("a third", 1 / 3),
    ("dozens", 12), ("a hundred and two", 102), ("three quarters billion", 7.5e8), ("1.8M dollars", 1.8e6),
])
def test_finder_reads_digits_and_number_words(phrase, value):
    assert only(phrase).value == pytest.approx(value)


@pytest.mark.parametrize(("text", "unit", "canonical"), [
    ("100 square kilometers", "square kilometre", "km²"), ("a 600-mile border", "mile", "km"),
    ("weighs 200lbs", "pound-mass", "kg"), ("75ml", "millilitre", "l"), ("188 miles an hour", "mile per hour", "km/h"),
    ("$48.2 million", "dollar", "USD"), ("£ 8.10 million", "pound sterling", "GBP"), ("27 %", "percentage", "percent"),
    ("3 percentage points", "percentage point", "percentage point"), ("six hours", "hour", "h"),
    ("20 million pounds", "pound sterling", "GBP"),
])
def test_finder_reads_units_and_normalises_them(text, unit, canonical):
    found = only(text)
    assert found.unit_name == unit
    assert normalize(found)["unit"] == canonical


def test_normalisation_converts_to_canonical_units():
    assert normalize(only("40 square miles"))["value"] == pytest.approx(103.6, rel=1e-3)
    assert normalize(only("50 cents"))["value"] == pytest.approx(0.5)
    assert normalize(only("212 degrees fahrenheit"))["value"] == pytest.approx(100.0)


def test_unit_table_factors_agree_with_pint():
    pint = pytest.importorskip("pint")
    ureg = pint.UnitRegistry()
    canonical = {"km": "km", "km²": "km**2", "l": "liter", "kg": "kg", "h": "hour", "km/h": "km/hour"}
    pint_names = {"metric ton": "metric_ton", "pound-mass": "pound", "square mile": "mile**2",
                  "square kilometre": "km**2", "square metre": "m**2", "square foot": "ft**2",
                  "cubic foot": "ft**3", "mile per hour": "mile/hour", "kilometre per hour": "km/hour",
                  "nautical mile": "nautical_mile", "barrel": "oil_barrel", "fluid ounce": "fluid_ounce", "ton": "short_ton"}
    checked = 0
    for unit, _ in UNIT_TABLE:
        if unit.canonical not in canonical or unit.offset:
            continue
        name = pint_names.get(unit.name, unit.name.replace("metre", "meter").replace("litre", "liter"))
        try:
            expected = ureg.Quantity(1, name).to(canonical[unit.canonical]).magnitude
        except Exception:  # noqa: BLE001 - a name pint spells differently is skipped
            continue
        assert unit.factor == pytest.approx(expected, rel=2e-3), unit.name
        checked += 1
    assert checked > 25


@pytest.mark.parametrize(("text", "low", "high"), [
    ("10 to 15 people", 10, 15), ("between 5 and 7 km", 5, 7), ("40 - 50 years", 40, 50), ("8- to 16-meter", 8, 16),
])
def test_finder_reads_ranges(text, low, high):
    found = only(text)
    assert (found.low, found.high) == (low, high)
    assert found.value == pytest.approx((low + high) / 2)


@pytest.mark.parametrize(("text", "bound"), [
    ("nearly 500 square miles", "below"), ("almost 20 km", "below"), ("over 400 square miles", "above"),
    ("more than 5,000 miles", "above"), ("as much as $5 million", "at_most"), ("up to 4,000 km", "at_most"),
    ("barely 3 km", "at_most"), ("around 30 km", "approximately"), ("some 500 troops", "approximately"),
    ("about 17 km", "approximately"), ("roughly 10 tonnes", "approximately"), ("at least 14 people", "at_least"),
    ("exactly 5 km", "exact"),
])
def test_hedges_become_bounds(text, bound):
    assert only(text).bound == bound


def test_changes_are_read():
    rose = only("exports rose by 5%")
    assert rose.change == "increase" and rose.value == 5
    doubled = only("the budget doubled")
    assert doubled.change == "increase" and doubled.value == 2
    assert only("sales fell 3%").change == "decrease"


def test_ratios_are_read():
    ratio = only("outnumbered three to one")
    assert ratio.value == 3 and ratio.unit_name == "ratio"


def test_parenthetical_equivalents_are_joined_and_checked():
    area = only("some 100 square kilometers (40 square miles) of land")
    assert area.value == 100 and [e.value for e in area.equivalents] == [40]
    [record] = extract("a 600-mile (965km) border", "d")
    assert record.equivalents[0]["agrees"] and "equivalent_disagrees" not in record.flags
    [wrong] = extract("a 600-mile (100km) border", "d")
    assert "equivalent_disagrees" in wrong.flags


@pytest.mark.parametrize("text", [
    "in 2024", "on 16 March 2025", "on March 16", "at 2:00 pm", "at 9.30am", "World War II",
    "call 555-123-4567", "one of the largest", "the word negative", "came to a halt", "the 1960s",
    "in 2013-14", "Voyager 2 flew", "SCP-173", "the third quarter", "the second half",
])
def test_non_quantities_are_left_out(text):
    assert find_quantities(text) == []


def test_implausible_area_for_territory_is_flagged(nlp):
    text = "Ukraine still held 400m2 of territory."
    [q] = extract(text, "d", nlp(text))
    assert q.measure == "territory" and "implausible_unit" in q.flags


def test_parse_attaches_counted_measure_holder_and_speaker(nlp):
    text = ("Ukrainian forces controlled some 500 square miles of Russian territory, according to Pasi Paroinen. "
            "Russia said it had killed 30,000 Ukrainian troops.")
    area, troops = extract(text, "d", nlp(text))
    assert (area.measure, area.holder, area.stated_by, area.bound) == ("territory", "Ukrainian forces", "Pasi Paroinen", "approximately")
    assert troops.counted == "troop" and troops.stated_by == "Russia"


def test_pronoun_one_is_not_a_quantity_with_the_parse(nlp):
    text = "At six weeks, one can already celebrate."
    assert [q.text for q in extract(text, "d", nlp(text))] == ["six weeks"]


def test_records_are_quantities_with_offsets_into_the_text():
    text = "They paid $5 million for 12 settlements."
    for q in extract(text, "doc1"):
        assert isinstance(q, Quantity) and q.kind == "quantities"
        assert text[q.start:q.end] == q.text and q.doc == "doc1"


def test_stage_is_registered():
    from newsweave.pipeline import REGISTRY

    st = REGISTRY["quantities.rules"]
    assert st.requires == ("spacy",) and st.produces == ("quantities",)


def test_words_value_rejects_non_numbers():
    assert words_value("negative") is None
    assert words_value("half") is None or words_value("half") == 0.5


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,.-$%£€()abcdkmgilnorstuwx½/:") + [
    " million", " km", " miles", " to ", " and ", " between ", " about ", " per cent", " square ", "two", "third"]),
    max_size=40).map("".join))
def test_finder_never_crashes_and_offsets_stay_in_range(text):
    for found in find_quantities(text):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start:found.end] == found.text
        for eq in found.equivalents:
            assert found.start <= eq.start < eq.end <= found.end


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_finder_handles_any_text(text):
    for found in find_quantities(text):
        assert 0 <= found.start < found.end <= len(text)


@pytest.fixture(scope="module")
def nlp():
    from newsweave.nlp import bare_spacy

    return bare_spacy()


@pytest.mark.parametrize("text", [
    "take highway 35 north to exit 436", "see page 12 and chapter 4", "flight 370 vanished",
    "she lives at 123 Maple Street", "the rocket Falcon 9 flew", 'the course "History 101" is full',
    "the Core i7 860 chip", "the galaxy J1149.5+6663 shines", "we met at 2 pm", "it opened at 9.30am",
])
def test_names_addresses_designators_and_clocks_are_not_quantities(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "value"), [("All 70 of us came.", 70), ("Some 500 troops left.", 500)])
def test_a_common_word_opening_a_sentence_is_not_a_name(text, value):
    assert only(text).value == value


def test_decimal_before_pm_is_picometres_not_a_clock():
    assert only("a grid of 2.123 pm").unit_name == "picometre"


@pytest.mark.parametrize(("text", "unit"), [
    ("the airline buys 2.4 billion gallons of jet fuel a year", "gallon per year"),
    ("capacity of 34,500 metric tons of copper a year", "metric ton per year"),
    ("output fell by 500,000 barrels a day", "barrel per day"),
    ("the plant handles 4,500 tpd", "ton per day"),
    ("revenue grew 15% per annum", "percentage per year"),
])
def test_rates_are_read_after_the_unit_or_the_measured_noun(text, unit):
    assert only(text).unit_name == unit


def test_a_year_earlier_is_a_point_in_time_not_a_rate():
    [pct, money] = find_quantities("revenue rose 4.8% to $13.18 billion a year earlier")
    assert money.unit_name == "dollar" and money.per is None


@pytest.mark.parametrize(("text", "expected"), [
    ("50 dollar 40 rmb", [(50, "USD"), (40, "CNY")]),
    ("rmb 10 usd 20", [(10, "CNY"), (20, "USD")]),
    ("$ 20,000.00 $ 37,305.97 in expenses", [(20000, "USD"), (37305.97, "USD")]),
    ("he paid 3 dollars 50 cents", [(3.5, "USD")]),
    ("it cost C$100 and fifty.", [(100.5, "CAD")]),
])
def test_amounts_in_several_currencies_or_denominations(text, expected):
    assert [(f.value, f.currency) for f in find_quantities(text)] == expected


def test_a_number_before_other_things_is_not_cents():
    assert [f.value for f in find_quantities("15 dollars and 50 people")] == [15, 50]


def test_listed_numbers_share_the_unit_written_last():
    assert [f.unit_name for f in find_quantities("doses of 45 and 50 mg")] == ["milligram", "milligram"]
    assert [f.unit_name for f in find_quantities("3, 4 or 5 km")] == ["kilometre"] * 3


def test_number_words_joined_by_and_are_two_numbers_unless_a_compound():
    assert [f.value for f in find_quantities("two and three")] == [2, 3]
    assert only("a hundred and two").value == 102


def test_stated_uncertainty_is_a_range():
    found = only("it weighs 2,000.45 ± 0.01 pounds")
    assert (found.low, found.high) == pytest.approx((2000.44, 2000.46)) and found.unit_name == "pound-mass"


def test_negative_ranges_may_run_downwards():
    found = only("temperatures ranged from -18 °C to -34 °C")
    assert (found.low, found.high) == (-34, -18) and found.unit_name == "celsius"


def test_change_from_one_value_to_another_states_two_values():
    assert [f.value for f in find_quantities("the price rose from $350 to $680")] == [350, 680]


@pytest.mark.parametrize(("text", "unit"), [
    ("a man aged 87", "year"), ("a dose of 14 mSv", "millisievert"), ("about 66 Ma ago", "megayear"),
    ("−273.15° on the Celsius scale", "celsius"), ("density of 5.5 kg/cm³", "kilogram per millilitre"),
])
def test_units_implied_or_less_common(text, unit):
    assert only(text).unit_name == unit


def test_single_letter_temperature_needs_a_plausible_value():
    assert all(f.unit_name != "fahrenheit" for f in find_quantities("Cloud City, PA 23456 F Block"))
    assert only("it was 75 F outside").unit_name == "fahrenheit"


def test_seed_like_territory_sentences_read_bounds_and_flag_square_metres(nlp):
    text = ("Kyiv said its forces held nearly 500 square miles of farmland and villages. "
            "Even as Ukrainian forces have occupied more than 400m2 of Russia, Moscow advanced.")
    area, slip = extract(text, "d", nlp(text))
    assert (area.bound, area.measure, area.normalized["unit"]) == ("below", "farmland", "km²")
    assert slip.bound == "above" and "implausible_unit" in slip.flags


def test_negative_and_a_halt_are_not_quantities_in_a_sentence(nlp):
    text = "The offensive slowed to a halt, and the retreat drew negative reactions at home."
    assert extract(text, "d", nlp(text)) == []


def test_a_multiplier_after_a_range_covers_both_ends():
    found = only("between 5 and 7 million people")
    assert (found.low, found.high) == (5e6, 7e6)


def test_a_unit_written_after_the_first_number_must_be_repeated_for_a_range():
    assert [f.unit_name for f in find_quantities("from 50 percent to 77 million")] == ["percentage", None]


def test_a_unit_written_with_a_double_space_is_still_read():
    [found] = find_quantities("Troops held 400 square  miles of land.")
    assert found.value == 400


def test_an_area_measures_the_noun_its_clause_describes(nlp):
    text = "They held a narrow strip of land covering barely 30 square miles."
    [area] = extract(text, "d", nlp(text))
    assert area.measure == "land"


def test_an_area_in_a_participle_after_a_comma_measures_the_verbs_object(nlp):
    text = "By Sunday, the rebels were clinging to a narrow strip of land along the river, covering barely 30 square miles."
    [area] = extract(text, "d", nlp(text))
    assert area.measure == "land"
