"""Score who "he" and "she" are when they are a quote's source, on PolNeAR.

PolNeAR's gold Source for "..., he said" is the pronoun itself (the corpus has no
coreference), so ``newsweave eval quotes`` can only check that we found the pronoun.
``data/polnear_pronoun_speakers.tsv`` adds the referent of every he/she source of dev
and of the first train documents, labelled by reading the text before each pronoun
(see its header). This harness runs quotes.rules on those documents and, for each
labelled pronoun whose referent is named earlier in the article:

* **found**: one of our attributions has a speaker span overlapping the pronoun, or
  a content matching the content of a gold attribution with that source (token
  Jaccard ≥ 0.5, the ``eval quotes`` pairing);
* **right** / **wrong**: our resolved ``speaker`` and the label share their last word
  (case-insensitive; the rule of ``eval quotes``' speaker accuracy); **unresolved**:
  the speaker is still a pronoun (or missing).

Accuracy is right / found. Two baselines are scored in the same run on the same found
attributions: the nearest PERSON entity before the pronoun whose gender (known from an
honorific) does not conflict, and the speaker of the nearest earlier attribution we
found with a named (non-pronoun) source. The **hard** subset holds the cases where a
different named person, not known to be of the other gender, is mentioned between
the previous gold attribution of the same speaker and the pronoun ("he stressed"
after Melnyk's quote, with Zelensky named in between).

Run: ``python -m newsweave.evaluate.quote_pronouns --data ../shared/data/polnear
[--split dev|train] [--cases wrong|all] [--json]``.
"""

from __future__ import annotations

import argparse
import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsweave.evaluate.brat import Attribution
from newsweave.evaluate.quotes import (
    Prediction, _overlap, _pair, _Tokens, last_word, load_documents, ours, polnear_split, same_person,
)

LABELS = Path(__file__).resolve().parent / "data" / "polnear_pronoun_speakers.tsv"
PRONOUN_GENDER = {"he": "m", "she": "f"}
UNNAMED = frozenset({"-", "?"})
_PRONOUN_TEXT = frozenset({"he", "she", "him", "her", "they", "we", "i", "who", "it"})


@dataclass(frozen=True, slots=True)
class PronounCase:
    """One labelled pronoun source: where it is and whom it names ("-" unnamed before it, "?" unsure)."""

    split: str
    document: str
    start: int
    end: int
    pronoun: str
    referent: str

    @property
    def named(self) -> bool:
        return self.referent not in UNNAMED

    @property
    def gender(self) -> str:
        return PRONOUN_GENDER[self.pronoun.lower()]


def load_labels(split: str | None = None, path: Path = LABELS) -> list[PronounCase]:
    """The labelled pronoun sources (of one split, or all), in file order."""
    out = []
    with path.open(encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t") for line in f if not line.startswith("#"))
        header = next(rows)
        if header != ["split", "document", "source_start", "source_end", "pronoun", "referent"]:
            raise ValueError(f"{path}: unexpected header {header}")
        for row in rows:
            case = PronounCase(row[0], row[1], int(row[2]), int(row[3]), row[4], row[5])
            if split is None or case.split == split:
                out.append(case)
    return out


def _is_pronoun(text: str | None) -> bool:
    return text is None or text.strip().lower() in _PRONOUN_TEXT


def _find(case: PronounCase, text: str, tokens: _Tokens, preds: list[Prediction],
          gold: list[Attribution], paired: dict[int, int]) -> Prediction | None:
    """Our attribution for a labelled pronoun: by speaker span, else by the gold content it pairs with."""
    for p in preds:
        if p.speaker is not None and p.speaker[0] < case.end and case.start < p.speaker[1]:
            return p
    for g, att in enumerate(gold):
        if att.source is not None and (att.source.start, att.source.end) == (case.start, case.end) and g in paired:
            return preds[paired[g]]
    return None


class _Baselines:
    """The two simple resolvers scored beside ours, over one parsed document."""

    def __init__(self, doc, text: str, preds: list[Prediction]):
        from newsweave.extract.speakers import Discourse

        self.discourse = Discourse.of(doc)  # for its person names and their expansion only
        # Gender from honorifics alone ("Mr.", "Ms."), fixed here so that the baseline does not
        # move when speaker resolution learns more about gender.
        self.honorific = dict(_honorific_genders(doc))
        named = sorted(
            (p.speaker[0], p.speaker_name) for p in preds
            if p.speaker is not None and p.speaker_name and not _is_pronoun(text[p.speaker[0] : p.speaker[1]])
        )
        self.named_starts = [s for s, _ in named]
        self.named = [n for _, n in named]

    def nearest_person(self, case: PronounCase) -> str | None:
        people = self.discourse.person_names[: bisect_left(self.discourse.person_starts, case.start)]
        for _, name in reversed(people):
            if self.honorific.get(last_word(name)) in (None, case.gender):
                return self.discourse.expand(name, case.start)
        return None

    def previous_speaker(self, case: PronounCase) -> str | None:
        k = bisect_left(self.named_starts, case.start)
        return self.named[k - 1] if k else None


def _hard(case: PronounCase, doc, gold: list[Attribution], labels: dict[tuple[int, int], PronounCase],
          genders: dict[str, str]) -> bool:
    """Whether another named person, not known to be of the other gender, is mentioned between
    the previous gold attribution of the same speaker and the pronoun."""
    target = last_word(case.referent)
    previous = -1
    for att in gold:
        src = att.source
        if src is None or src.start >= case.start:
            continue
        label = labels.get((src.start, src.end))
        who = label.referent if label is not None else src.text
        if last_word(who) == target:
            previous = max(previous, src.end)
    if previous < 0:
        return False
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not previous <= ent.start_char < case.start:
            continue
        other = last_word(ent.text.removesuffix("'s").removesuffix("’s"))
        if other and other != target and genders.get(other) in (None, case.gender):
            return True
    return False


def _genders(cases: Iterable[PronounCase], doc) -> dict[str, str]:
    """What is known of people's gender in one document: the labels' pronouns and honorifics."""
    known = {last_word(c.referent): c.gender for c in cases if c.named}
    for surname, gender in _honorific_genders(doc):
        known.setdefault(surname, gender)
    return known


def _honorific_genders(doc) -> list[tuple[str | None, str]]:
    """(last word, gender) of each PERSON entity after an honorific ("Mr.", "Ms."), in text order."""
    from newsweave.extract.speakers import HONORIFIC_GENDER

    return [(last_word(ent.text), HONORIFIC_GENDER[doc[ent.start - 1].lower_]) for ent in doc.ents
            if ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ in HONORIFIC_GENDER]


def _outcome(name: str | None, case: PronounCase) -> str:
    if _is_pronoun(name):
        return "unresolved"
    return "right" if same_person(name, case.referent) else "wrong"


def evaluate(data: Path, limit: int | None = None, *, split: str = "dev") -> dict:
    """Score pronoun-speaker resolution on the labelled documents of a PolNeAR split (dev by default).

    ``limit`` caps the number of labelled documents read.
    """
    from newsweave.nlp import load_spacy

    by_doc: dict[str, list[PronounCase]] = defaultdict(list)
    for case in load_labels(split):
        by_doc[case.document].append(case)
    docs = [d for d in load_documents(polnear_split(Path(data), split)) if d[0] in by_doc]
    if limit is not None:
        docs = docs[:limit]
    nlp = load_spacy()
    systems = ("newsweave", "nearest_person", "previous_speaker")
    counts = {subset: {s: defaultdict(int) for s in systems} for subset in ("all", "hard")}
    totals = defaultdict(int)
    cases_out = []
    for (name, text, gold), doc in zip(docs, nlp.pipe(d[1] for d in docs)):
        tokens = _Tokens(text)
        preds = [p for p in ours(doc, text) if tokens.of(p.content)]
        gold_c = [g for g in gold if g.content is not None]
        pairs = _pair([tokens.of(p.content) for p in preds], [tokens.of(g.content.ranges) for g in gold_c], _overlap)
        paired = {g: p for p, g in pairs}
        labelled = {(c.start, c.end): c for c in by_doc[name]}
        genders = _genders(by_doc[name], doc)
        baselines = _Baselines(doc, text, preds)
        for case in by_doc[name]:
            totals["labelled"] += 1
            if not case.named:
                totals["skipped"] += 1
                continue
            totals["named"] += 1
            found = _find(case, text, tokens, preds, gold_c, paired)
            hard = _hard(case, doc, gold_c, labelled, genders)
            totals["hard"] += hard
            if found is None:
                totals["not_found"] += 1
                continue
            answers = {
                "newsweave": found.speaker_name,
                "nearest_person": baselines.nearest_person(case),
                "previous_speaker": baselines.previous_speaker(case),
            }
            outcomes = {s: _outcome(answers[s], case) for s in systems}
            for subset in ("all", "hard") if hard else ("all",):
                for s in systems:
                    counts[subset][s]["found"] += 1
                    counts[subset][s][outcomes[s]] += 1
            cases_out.append({
                "document": name, "start": case.start, "pronoun": case.pronoun, "referent": case.referent,
                "hard": hard, "answers": answers, "outcomes": outcomes,
                "context": text[max(0, case.start - 300) : case.end + 60],
            })
    scores = {
        subset: {s: _score(counts[subset][s]) for s in systems} for subset in ("all", "hard")
    }
    return {
        "dataset": f"PolNeAR {split}, pronoun sources",
        "documents": len(docs),
        "labelled": totals["labelled"],
        "skipped": totals["skipped"],
        "named": totals["named"],
        "not_found": totals["not_found"],
        "hard_cases": totals["hard"],
        "found": scores["all"]["newsweave"]["found"],
        "accuracy": scores["all"]["newsweave"]["accuracy"],
        "hard_accuracy": scores["hard"]["newsweave"]["accuracy"],
        "scores": scores,
        "cases": cases_out,
    }


def _score(c: dict[str, int]) -> dict[str, float | int]:
    found = c["found"]
    return {
        "found": found, "right": c["right"], "wrong": c["wrong"], "unresolved": c["unresolved"],
        "accuracy": c["right"] / found if found else 0.0,
    }


SYSTEM_LABELS = {
    "newsweave": "newsweave",
    "nearest_person": "nearest person",
    "previous_speaker": "prev. speaker",
}


def render(result: dict) -> str:
    """A plain-text table: ours beside the two baselines, over all found cases and the hard ones."""
    lines = [
        f"Pronoun speakers on {result['dataset']} ({result['documents']} documents, {result['labelled']} labelled "
        f"he/she sources, {result['skipped']} not named before the pronoun, {result['named']} scored; "
        f"{result['not_found']} not found by quotes.rules)",
        f"{'subset':30} {'':10} " + " ".join(f"{SYSTEM_LABELS[s]:>16}" for s in SYSTEM_LABELS),
    ]
    for subset, title in (("all", "all found"), ("hard", "hard")):
        scores = result["scores"][subset]
        found = scores["newsweave"]["found"]
        for key in ("accuracy", "right", "wrong", "unresolved"):
            cells = []
            for s in SYSTEM_LABELS:
                value = scores[s][key]
                cells.append(f"{value:16.3f}" if key == "accuracy" else f"{value:16d}")
            head = f"{title} (n={found})" if key == "accuracy" else ""
            lines.append(f"{head:30} {key:10} " + " ".join(cells))
    lines.append("hard: another named person, not known to be of the other gender, is mentioned between the "
                 "speaker's previous attribution and the pronoun.")
    lines.append("No published figures: PolNeAR's gold sources stop at the pronoun; these referents are our own labels.")
    return "\n".join(lines)


def _print_cases(result: dict, which: str) -> None:
    for c in result["cases"]:
        if which == "wrong" and c["outcomes"]["newsweave"] == "right":
            continue
        flag = " HARD" if c["hard"] else ""
        print(f"--- {c['document']} @{c['start']} {c['pronoun']} -> {c['referent']}{flag}: "
              f"ours {c['answers']['newsweave']!r}, nearest {c['answers']['nearest_person']!r}, "
              f"previous {c['answers']['previous_speaker']!r}")
        print("   ", c["context"].replace("\n", " / "))


GIVEN_NAMES_MODULE = Path(__file__).resolve().parents[1] / "extract" / "speakers_given_names.py"


def fit_given_names(data: Path, limit: int | None = None, docbin: Path | None = None,
                    min_documents: int = 2, agreement: float = 0.85) -> dict[str, str]:
    """Given name -> gender, learned on PolNeAR train from what each document itself settles of
    its people's gender (an honorific, a gendered role noun, or their pronouns; ``Discourse.of``).

    A given name is kept when at least ``min_documents`` documents settle the gender of someone
    of that name and ``agreement`` of them agree. Only names written capitalised and tagged as
    proper nouns count ("Hillary Clinton", not "Top aide Jane Doe"'s "Top").
    """
    from newsweave.evaluate.quotes import train_parses
    from newsweave.extract.speakers import HONORIFIC_GENDER, Discourse, _strip_name

    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    _, parses = train_parses(Path(data), limit, docbin)
    for _, _, doc in parses:
        discourse = Discourse.of(doc)
        given: dict[str, str] = {}
        for ent in doc.ents:
            name = _strip_name(ent) if ent.label_ == "PERSON" else ""
            first = next((t for t in ent if t.text == name.split()[0]), None) if name else None
            if first is None or first.pos_ != "PROPN" or not first.text.isalpha() or not first.text.istitle():
                continue
            full = discourse.expand(name, ent.start_char + 1)
            if len(full.split()) >= 2 and full.split()[0] == first.text and first.lower_ not in HONORIFIC_GENDER:
                given[full.lower()] = first.lower_
        for full, gender in discourse.gender.items():
            if full in given:
                counts[given[full]][gender] += 1
    table = {}
    for name, c in sorted(counts.items()):
        gender, n = max(c.items(), key=lambda kv: kv[1])
        if n >= min_documents and n >= agreement * (c["m"] + c["f"]):
            table[name] = gender
    return table


def write_given_names(table: dict[str, str], documents: str, path: Path = GIVEN_NAMES_MODULE) -> None:
    from newsweave.evaluate.quotes import write_table_module

    write_table_module(
        path,
        f"Given names -> grammatical gender, learned on PolNeAR train ({documents}) by "
        "newsweave.evaluate.quote_pronouns --fit-names; do not edit.\n\nEach name is one that at least two "
        "train documents settle the gender of (an honorific, a gendered role noun or the person's\n"
        "pronouns), 85% of them the same. Speaker resolution falls back on it for people the article\n"
        "itself says nothing about.\n",
        [], "GIVEN_NAME_GENDER", "dict[str, str]", {k: repr(v) for k, v in table.items()},
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cases", choices=("wrong", "all"), default=None, help="also print these cases")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fit-names", action="store_true",
                        help="learn the given-name genders on PolNeAR train and write them to " + GIVEN_NAMES_MODULE.name)
    parser.add_argument("--docbin", type=Path, default=None, help="spaCy DocBin of the train parses (--fit-names)")
    args = parser.parse_args(argv)
    if args.fit_names:
        table = fit_given_names(args.data, args.limit, args.docbin)
        docs = f"{args.limit} documents" if args.limit else "all documents"
        write_given_names(table, docs)
        print(f"{len(table)} given names ({sum(g == 'f' for g in table.values())} female) -> {GIVEN_NAMES_MODULE}")
        return
    result = evaluate(args.data, args.limit, split=args.split)
    if args.cases:
        _print_cases(result, args.cases)
    print(render(result))
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "cases"}))


if __name__ == "__main__":
    main()
