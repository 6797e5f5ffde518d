"""The tables behind quantity finding: number words, multipliers, units and currencies.

Each unit is declared once, as a :class:`Unit`: its canonical name (what the unit *is*,
independent of how it was written: ``"kilometre"`` for "km", "kilometers" and
"klicks"), its dimension, and how to reach the dimension's canonical unit (a factor,
or a currency code). Surface forms map onto units; the finder compiles them into one
alternation, longest first, so matching is a single linear regex pass.

Canonical units per dimension (what ``Quantity.normalized`` is expressed in)::

    length km · area km² · volume l · mass kg · time h · speed km/h · temperature °C
    data byte · energy J · power W · angle degree · money <ISO 4217 code> · percent
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------- number words

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# Abbreviated multipliers written right after digits: "$2.174T", "€10M", "0.5k", "$5bn".
SUFFIX_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}
# Denominators written as ordinals: "a third", "two-thirds", "one sixth", "three quarters".
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
# Vague plural quantities: a value and the bound it implies ("dozens" means at least 12).
VAGUE_WORDS = {
    "dozen": (12, "exact"), "dozens": (12, "at_least"), "scores": (20, "at_least"),
    "hundreds": (100, "at_least"), "thousands": (1e3, "at_least"),
    "millions": (1e6, "at_least"), "billions": (1e9, "at_least"),
    "tens of thousands": (1e4, "at_least"), "hundreds of thousands": (1e5, "at_least"),
    "tens of millions": (1e7, "at_least"), "hundreds of millions": (1e8, "at_least"),
}
VULGAR_FRACTIONS = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
    "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
}


# --------------------------------------------------------------------- units


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of measurement: ``factor`` times one of it is ``canonical`` of its dimension.

    For money, ``canonical`` is the ISO 4217 code (``factor`` 0.01 for cents and pence);
    temperatures carry ``offset`` so that ``value * factor + offset`` is in °C.
    """

    name: str
    dimension: str
    canonical: str
    factor: float = 1.0
    offset: float = 0.0


CANONICAL = {
    "length": "km", "area": "km²", "volume": "l", "mass": "kg", "time": "h", "speed": "km/h",
    "temperature": "°C", "data": "byte", "energy": "J", "power": "W", "angle": "degree",
    "percent": "percent", "percentage point": "percentage point", "points": "point", "frequency": "Hz",
    "ratio": "ratio", "factor": "times", "count": "count",
    "absorbed dose": "Gy", "equivalent dose": "Sv", "radioactivity": "Bq",
}


def _u(name: str, dimension: str, factor: float = 1.0, offset: float = 0.0, canonical: str | None = None) -> Unit:
    return Unit(name, dimension, canonical or CANONICAL[dimension], factor, offset)


# (unit, surface forms). Surface forms are matched case-insensitively unless listed in
# CASE_SENSITIVE (short symbols whose case carries meaning: "mb" vs "MB", "M" vs "m").
UNIT_TABLE: list[tuple[Unit, tuple[str, ...]]] = [
    # length
    (_u("kilometre", "length"), ("kilometres", "kilometers", "kilometre", "kilometer", "km", "kms", "klicks", "klick")),
    (_u("metre", "length", 1e-3), ("metres", "meters", "metre", "meter", "m", "mtr")),
    (_u("decimetre", "length", 1e-4), ("decimetres", "decimeters", "decimetre", "decimeter", "dm")),
    (_u("centimetre", "length", 1e-5), ("centimetres", "centimeters", "centimetre", "centimeter", "cm", "cms")),
    (_u("millimetre", "length", 1e-6), ("millimetres", "millimeters", "millimetre", "millimeter", "mm")),
    (_u("micrometre", "length", 1e-9), ("micrometres", "micrometers", "micrometre", "micrometer", "microns", "micron", "µm", "μm")),
    (_u("nanometre", "length", 1e-12), ("nanometres", "nanometers", "nanometre", "nanometer", "nm")),
    (_u("picometre", "length", 1e-15), ("picometres", "picometers", "picometre", "picometer", "pm")),
    (_u("attometre", "length", 1e-21), ("attometres", "attometers", "attometre", "attometer", "am")),
    (_u("mile", "length", 1.609344), ("miles", "mile", "mi")),
    (_u("nautical mile", "length", 1.852), ("nautical miles", "nautical mile", "nmi")),
    (_u("yard", "length", 9.144e-4), ("yards", "yard", "yd", "yds")),
    (_u("foot", "length", 3.048e-4), ("feet", "foot", "ft")),
    (_u("inch", "length", 2.54e-5), ("inches", "inch", "in", '"', "″", "''")),
    # area
    (_u("square kilometre", "area"), ("square kilometres", "square kilometers", "square kilometre", "square kilometer", "sq km", "sq. km", "km2", "km²", "km^2", "km squared", "kilometres squared", "kilometers squared")),
    (_u("square metre", "area", 1e-6), ("square metres", "square meters", "square metre", "square meter", "sq m", "sq. m", "m2", "m²", "m^2", "sqm", "metres squared", "meters squared")),
    (_u("square mile", "area", 2.589988), ("square miles", "square mile", "sq mi", "sq. mi", "sq miles", "sq. miles", "mi2", "mi²", "miles squared")),
    (_u("square foot", "area", 9.290304e-8), ("square feet", "square foot", "sq ft", "sq. ft", "ft2", "ft²")),
    (_u("hectare", "area", 0.01), ("hectares", "hectare", "ha")),
    (_u("acre", "area", 4.0468564e-3), ("acres", "acre")),
    # volume
    (_u("litre", "volume"), ("litres", "liters", "litre", "liter", "l", "L", "ltr")),
    (_u("millilitre", "volume", 1e-3), ("millilitres", "milliliters", "millilitre", "milliliter", "ml", "mL", "cubic centimetres", "cubic centimeters", "cubic centimetre", "cubic centimeter", "cm3", "cm³", "cc")),
    (_u("centilitre", "volume", 1e-2), ("centilitres", "centiliters", "centilitre", "centiliter", "cl")),
    (_u("cubic metre", "volume", 1e3), ("cubic metres", "cubic meters", "cubic metre", "cubic meter", "m3", "m³")),
    (_u("cubic kilometre", "volume", 1e12), ("cubic kilometres", "cubic kilometers", "cubic kilometre", "cubic kilometer", "km3", "km³", "km^3", "km cubed")),
    (_u("cubic foot", "volume", 28.316847), ("cubic feet", "cubic foot", "cu ft")),
    (_u("gallon", "volume", 3.785412), ("gallons", "gallon", "gal")),
    (_u("barrel", "volume", 158.987295), ("barrels", "barrel", "bbl", "bpd", "b/d")),
    (_u("cup", "volume", 0.2365882), ("cups", "cup")),
    (_u("tablespoon", "volume", 0.0147868), ("tablespoons", "tablespoon", "tbsp")),
    (_u("teaspoon", "volume", 0.00492892), ("teaspoons", "teaspoon", "tsp")),
    (_u("fluid ounce", "volume", 0.0295735), ("fluid ounces", "fluid ounce", "fl oz")),
    # mass
    (_u("kilogram", "mass"), ("kilograms", "kilogrammes", "kilogram", "kilogramme", "kg", "kgs", "kilos", "kilo")),
    (_u("gram", "mass", 1e-3), ("grams", "grammes", "gram", "gramme", "g", "gr")),
    (_u("milligram", "mass", 1e-6), ("milligrams", "milligrammes", "milligram", "milligramme", "mg")),
    (_u("microgram", "mass", 1e-9), ("micrograms", "microgrammes", "microgram", "microgramme", "µg", "μg", "mcg")),
    (_u("metric ton", "mass", 1e3), ("metric tons", "metric tonnes", "metric ton", "metric tonne", "tonnes", "tonne", "t")),
    (_u("ton", "mass", 907.18474), ("tons", "ton", "short tons", "tpd")),
    (_u("pound-mass", "mass", 0.45359237), ("pounds", "pound", "lbs", "lb")),
    (_u("ounce", "mass", 0.0283495), ("ounces", "ounce", "oz")),
    (_u("dram", "mass", 0.0017718), ("drachmas", "drachma", "drams", "dram")),
    # time (durations)
    (_u("second", "time", 1 / 3600), ("seconds", "second", "secs", "sec", "s")),
    (_u("millisecond", "time", 1 / 3.6e6), ("milliseconds", "millisecond", "ms")),
    (_u("minute", "time", 1 / 60), ("minutes", "minute", "mins", "min")),
    (_u("hour", "time"), ("hours", "hour", "hrs", "hr", "h")),
    (_u("day", "time", 24), ("days", "day")),
    (_u("week", "time", 168), ("weeks", "week", "wks")),
    (_u("month", "time", 730.485), ("months", "month")),
    (_u("year", "time", 8765.82), ("years", "year", "yrs", "yr", "yo", "y.o.")),
    (_u("decade", "time", 87658.2), ("decades", "decade")),
    (_u("century", "time", 876582), ("centuries", "century")),
    (_u("megayear", "time", 8.76582e9), ("megayears", "megayear", "megaannum", "Ma", "Myr")),
    (_u("gigayear", "time", 8.76582e12), ("gigayears", "gigayear", "gigaannum", "Ga", "Gyr")),
    # speed
    (_u("kilometre per hour", "speed"), ("kilometres per hour", "kilometers per hour", "kilometres an hour", "kilometers an hour", "km/h", "km/hr", "kph", "kmph", "kmh")),
    (_u("mile per hour", "speed", 1.609344), ("miles per hour", "miles an hour", "mph")),
    (_u("metre per second", "speed", 3.6), ("metres per second", "meters per second", "m/s")),
    (_u("knot", "speed", 1.852), ("knots", "knot", "kn")),
    # temperature (offset units)
    (_u("celsius", "temperature"), ("degrees celsius", "degree celsius", "degrees centigrade", "deg celsius", "° celsius", "°celsius", "deg c", "deg. c", "°c", "° c", "celsius", "celcius", "centigrade", "centigrate", "degrees c", "degree c", "c", "C")),
    (_u("fahrenheit", "temperature", 5 / 9, -160 / 9), ("degrees fahrenheit", "degree fahrenheit", "degrees farenheit", "deg fahrenheit", "° fahrenheit", "°fahrenheit", "deg f", "°f", "° f", "fahrenheit", "farenheit", "degrees f", "degree f", "f", "F")),
    (_u("kelvin", "temperature", 1.0, -273.15), ("kelvins", "kelvin", "K")),
    # angles (and bare "degrees", which news uses for temperatures as often as angles)
    (_u("degree", "angle"), ("degrees", "degree", "deg.", "deg", "°")),
    (_u("radian", "angle", 57.29578), ("radians", "radian", "rad")),
    (_u("turn", "angle", 360.0), ("turns", "turn")),
    # percent
    (_u("percentage point", "percentage point"), ("percentage points", "percentage point", "pct points", "pct. points", "points of percentage", "pp")),
    (_u("percentage", "percent"), ("per cent", "percent", "pct", "%")),
    # market points
    (_u("basis point", "percentage point", 0.01), ("basis points", "basis point", "bps", "bp")),
    (_u("point", "points", canonical="point"), ("points", "point")),
    # data
    (_u("byte", "data"), ("bytes", "byte")),
    (_u("bit", "data", 0.125), ("bits", "bit")),
    (_u("kilobyte", "data", 1e3), ("kilobytes", "kilobyte", "KB", "kB")),
    (_u("megabyte", "data", 1e6), ("megabytes", "megabyte", "MB")),
    (_u("gigabyte", "data", 1e9), ("gigabytes", "gigabyte", "GB")),
    (_u("terabyte", "data", 1e12), ("terabytes", "terabyte", "TB")),
    (_u("exabyte", "data", 1e18), ("exabytes", "exabyte", "EB")),
    (_u("kilobit", "data", 125.0), ("kilobits", "kilobit", "kb", "kbit")),
    (_u("megabit", "data", 1.25e5), ("megabits", "megabit", "mb", "Mb", "Mbit")),
    (_u("gigabit", "data", 1.25e8), ("gigabits", "gigabit", "Gb", "Gbit")),
    # energy, power, frequency
    (_u("joule", "energy"), ("joules", "joule", "J")),
    (_u("kilowatt hour", "energy", 3.6e6), ("kilowatt hours", "kilowatt-hours", "kilowatt hour", "kWh")),
    (_u("megawatt hour", "energy", 3.6e9), ("megawatt hours", "megawatt-hours", "megawatt hour", "MWh")),
    (_u("gigawatt hour", "energy", 3.6e12), ("gigawatt hours", "gigawatt-hours", "gigawatt hour", "GWh")),
    (_u("watt hour", "energy", 3600.0), ("watt hours", "watt-hours", "watt hour", "Wh")),
    (_u("electronvolt", "energy", 1.602176634e-19), ("electronvolts", "electron volts", "electronvolt", "eV")),
    (_u("teraelectronvolt", "energy", 1.602176634e-7), ("teraelectronvolts", "TeV")),
    (_u("british thermal unit", "energy", 1055.06), ("british thermal units", "british thermal unit", "btu", "btus")),
    (_u("calorie", "energy", 4.184), ("calories", "calorie", "cal")),
    (_u("watt", "power"), ("watts", "watt", "W")),
    (_u("kilowatt", "power", 1e3), ("kilowatts", "kilowatt", "kW")),
    (_u("megawatt", "power", 1e6), ("megawatts", "megawatt", "MW")),
    (_u("gigawatt", "power", 1e9), ("gigawatts", "gigawatt", "GW")),
    (_u("horsepower", "power", 745.7), ("horsepower", "hp")),
    (_u("hertz", "frequency"), ("hertz", "Hz")),
    (_u("megahertz", "frequency", 1e6), ("megahertz", "MHz")),
    (_u("gigahertz", "frequency", 1e9), ("gigahertz", "GHz")),
    # radiation: absorbed dose, equivalent dose, activity
    (_u("gray", "absorbed dose"), ("grays", "gray", "Gy")),
    (_u("milligray", "absorbed dose", 1e-3), ("milligrays", "milligray", "mGy")),
    (_u("sievert", "equivalent dose"), ("sieverts", "sievert", "Sv")),
    (_u("millisievert", "equivalent dose", 1e-3), ("millisieverts", "millisievert", "mSv")),
    (_u("microsievert", "equivalent dose", 1e-6), ("microsieverts", "microsievert", "µSv", "μSv", "uSv")),
    (_u("becquerel", "radioactivity"), ("becquerels", "becquerel", "Bq")),
    # repetitions and factors ("three times", "a twofold rise")
    (_u("count", "count"), ("times",)),
    (_u("fold", "factor"), ("fold", "-fold")),
]

# Units that follow a number glued or spaced and need case to be safe.
CASE_SENSITIVE = frozenset({
    "m", "L", "MB", "KB", "kB", "GB", "TB", "EB", "mb", "Mb", "Gb", "kb", "J", "W", "kW", "MW", "GW",
    "Wh", "kWh", "MWh", "GWh", "K", "Hz", "MHz", "GHz", "eV", "TeV", "mL", "t", "g", "s", "h",
    "c", "f", "C", "F", "in", "bp", "pm", "am", "Gy", "mGy", "Sv", "mSv", "µSv", "μSv", "uSv", "Bq", "Ma", "Myr", "Ga", "Gyr", "cc", "bpd", "tpd", "b/d", "bps", "ha", "kn", "pp", "ms", "min", "rad", "gal", "gr", "cal", "hp", "yo", "mi",
})
# Short or ambiguous units: only accepted when glued to the digits or the number is digits
# ("2 in" would otherwise read "two in my car" as inches; "5 t" as tonnes).
NEEDS_DIGITS = frozenset({
    "m", "L", "l", "t", "g", "s", "h", "c", "f", "C", "F", "bp", "bps", "K", "J", "W", "in", "ha", "kn", "pp", "ms", "mi",
    "min", "rad", "gal", "gr", "cal", "hp", "yo", "mb", "kb", "pm", "am", "Gy", "Sv", "Bq", "Ma", "Ga", "cc", "cm3", "Mb", "Gb", '"', "″", "''", "°",
    "km", "cm", "mm", "kg", "mg", "lb", "lbs", "oz", "ft", "yd", "nm", "dm", "sec", "hr", "hrs", "cl", "ml", "mL",
})

# --------------------------------------------------------------------- currencies

# ISO 4217 code -> canonical name as the CQE and quantulum3 sets write it.
CURRENCY_NAMES = {
    "USD": "dollar", "CAD": "canadian dollar", "AUD": "australian dollar", "NZD": "new zealand dollar",
    "HKD": "hong kong dollar", "SGD": "singapore dollar", "MXN": "mexican peso", "GBP": "pound sterling",
    "EUR": "euro", "JPY": "japanese yen", "CNY": "chinese yuan", "CHF": "swiss franc", "FRF": "french franc",
    "INR": "rupee", "LKR": "sri lankan rupee", "PKR": "pakistani rupee", "RUB": "russian ruble",
    "UAH": "ukrainian hryvnia", "TRY": "turkish lira", "ITL": "italian lira", "DEM": "mark",
    "FIM": "finnish markka", "NLG": "netherlands guilder", "ESP": "peseta", "KRW": "south korean won",
    "BRL": "brazilian real", "ZAR": "south african rand", "SEK": "swedish krona", "NOK": "norwegian krone",
    "DKK": "danish krone", "PLN": "polish zloty", "ILS": "israeli new shekel", "SAR": "saudi riyal",
    "AED": "uae dirham", "EGP": "egyptian pound", "NGN": "nigerian naira", "CRC": "costa rican colón",
    "GEL": "georgian lari", "LAK": "lao kip", "BTC": "bitcoin", "IRR": "iranian rial", "VND": "vietnamese dong",
    "PHP": "philippine peso", "THB": "thai baht", "IDR": "indonesian rupiah", "MYR": "malaysian ringgit",
}
# Sub-units: name -> (code, factor to the main unit, canonical name).
CURRENCY_SUBUNITS = {
    "cents": ("USD", 0.01, "cent"), "cent": ("USD", 0.01, "cent"), "¢": ("USD", 0.01, "cent"),
    "pence": ("GBP", 0.01, "penny"), "penny": ("GBP", 0.01, "penny"), "pennies": ("GBP", 0.01, "penny"),
    "p": ("GBP", 0.01, "penny"), "dimes": ("USD", 0.1, "dime"), "dime": ("USD", 0.1, "dime"),
    "satoshis": ("BTC", 1e-8, "satoshi"), "satoshi": ("BTC", 1e-8, "satoshi"),
    "kopecks": ("RUB", 0.01, "kopeck"), "kopeks": ("RUB", 0.01, "kopeck"),
}
# Written before the number: symbols and codes ("$", "C$", "USD", "Rs").
CURRENCY_PREFIXES = {
    "$": "USD", "us$": "USD", "u.s. $": "USD", "u.s.$": "USD", "u.s $": "USD", "us $": "USD", "usd$": "USD",
    "usd": "USD", "dollar": "USD", "c$": "CAD", "c $": "CAD", "ca$": "CAD", "cad$": "CAD", "cad": "CAD",
    "au$": "AUD", "aud$": "AUD", "aud": "AUD", "nz$": "NZD", "nzd$": "NZD", "nzd": "NZD",
    "hk$": "HKD", "hk $": "HKD", "hkd": "HKD", "s$": "SGD", "mex$": "MXN", "mxn$": "MXN", "mxn": "MXN",
    "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR", "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY",
    "chf": "CHF", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "₽": "RUB", "rub": "RUB", "₴": "UAH", "uah": "UAH",
    "₺": "TRY", "₩": "KRW", "r$": "BRL", "₪": "ILS", "₡": "CRC", "₾": "GEL", "₭": "LAK", "₿": "BTC", "btc": "BTC",
    "₦": "NGN", "₱": "PHP", "฿": "THB", "₫": "VND", "ரூ": "LKR",
}
# Written after the number: names, codes and symbols ("20 million pounds", "115USD", "100元").
CURRENCY_SUFFIXES = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "dollars": "USD", "dollar": "USD", "bucks": "USD", "usd": "USD", "$": "USD",
    "canadian dollars": "CAD", "canadian dollar": "CAD", "cad": "CAD",
    "australian dollars": "AUD", "australian dollar": "AUD", "aud": "AUD",
    "new zealand dollars": "NZD", "hong kong dollars": "HKD", "hong kong dollar": "HKD",
    "singapore dollars": "SGD", "mexican pesos": "MXN", "pesos": "MXN",
    "pounds sterling": "GBP", "pound sterling": "GBP", "sterling": "GBP", "gbp": "GBP", "£": "GBP",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "yen": "JPY", "jpy": "JPY", "¥": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY",
    "swiss francs": "CHF", "swiss franc": "CHF", "francs": "CHF", "franc": "CHF", "chf": "CHF",
    "french francs": "FRF", "rupees": "INR", "rupee": "INR", "inr": "INR", "₹": "INR",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "rub": "RUB", "₽": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH", "hryvnia": "UAH", "uah": "UAH",
    "turkish lira": "TRY", "lira": "TRY", "lire": "ITL", "marks": "DEM", "deutsche marks": "DEM",
    "finnish markka": "FIM", "markka": "FIM", "guilders": "NLG", "dutch guilders": "NLG", "pesetas": "ESP",
    "won": "KRW", "reais": "BRL", "rand": "ZAR", "kronor": "SEK", "kroner": "NOK", "zlotys": "PLN", "zloty": "PLN",
    "shekels": "ILS", "riyals": "SAR", "dirhams": "AED", "naira": "NGN", "rials": "IRR", "dong": "VND",
    "₡": "CRC", "₾": "GEL", "₭": "LAK", "ரூ": "LKR", "bitcoins": "BTC", "bitcoin": "BTC", "btc": "BTC",
}
# Every canonical currency name is also a suffix form, singular and plural ("100 chinese yuan").
for _code, _name in CURRENCY_NAMES.items():
    CURRENCY_SUFFIXES.setdefault(_name, _code)
    CURRENCY_SUFFIXES.setdefault(_name + "s", _code)

# Codes glued to a millions prefix in finance tables: "30 MUSD", "MEUR 120".
MILLION_CODES = {"musd": "USD", "meur": "EUR", "mgbp": "GBP", "maud": "AUD", "mchf": "CHF", "mcad": "CAD"}


def unit_forms() -> dict[str, Unit]:
    """Map every surface form (lower-cased unless case-sensitive) to its unit."""
    forms: dict[str, Unit] = {}
    for unit, surfaces in UNIT_TABLE:
        for surface in surfaces:
            forms.setdefault(surface if surface in CASE_SENSITIVE else surface.lower(), unit)
    return forms


def alternation(surfaces: object) -> str:
    """A regex alternation of surface forms, longest first so that the longest wins."""
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(set(surfaces), key=len, reverse=True))

