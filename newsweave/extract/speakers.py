"""Who a quote's source is: the name behind "he", "Lucas" or "a senior official".

Speaker resolution works on the spaCy parse alone (its PERSON entities, proper
nouns and pronouns) and keeps a small discourse state per document: the current
speaker (the source of the latest attribution) and what is known of each named
person's grammatical gender. It returns the span that names the speaker nearest
the quote and the resolved name text, so that entity linking can map the name
to a canonical entity later.

Rules, in order (measured by ``newsweave.evaluate.quote_pronouns`` on PolNeAR's
he/she sources, whose referents we labelled):

* a source that contains a proper name is that name; a bare surname ("Lucas")
  or a shorter form of a name is expanded to the longest earlier full name that
  ends with it ("Scott Lucas");
* a personal pronoun ("he", "she") is the named person who is the main subject of
  its sentence before it, or of the sentence before ("Carson defied the question.
  “…,” he said" is Carson even after Cruz's quote); else the current speaker;
  else its coreference antecedent; else the nearest earlier person. Each must not
  be known to be of the other gender, so "he added" after Melnyk's quote stays
  Melnyk when a man is only mentioned in between;
* gender is known per full name (Bill and Hillary Clinton share a surname, not
  a gender): from an honorific, a gendered role noun ("spokeswoman", "his
  wife"), the pronouns following the name in sentences naming no one else, else
  the given name as PolNeAR train settles it (``speakers_given_names``);
* a definite description of a person ("the Florida senator", "the judge") is the
  person who is the main subject of the sentence before, else the current speaker;
* "they"/"we" are the current speaker when that speaker is a group, else kept;
* an unnamed or collective source ("experts", "the Kremlin", "a source") is
  kept as its own text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsweave.extract.coref import ROLE_NOUNS, resolve_person
from newsweave.extract.speakers_given_names import GIVEN_NAME_GENDER

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
POSSESSIVE_GENDER = {**PERSONAL_PRONOUNS, "his": "m", "himself": "m", "hers": "f", "herself": "f"}
GROUP_PRONOUNS = frozenset({"they", "we", "them", "us"})
FIRST_PERSON = frozenset({"i", "me"})
HONORIFIC_GENDER = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "sir": "m", "lady": "f", "madam": "f",
}
# Nouns that give a named person's gender when they describe the name ("spokeswoman Jessica
# Ditto", "his wife, Melania", "Susan Sarandon, the actress").
GENDERED_NOUNS = {
    **dict.fromkeys((
        "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "actress",
        "wife", "mother", "daughter", "sister", "widow", "woman", "girl", "grandmother", "aunt",
        "niece", "queen", "princess", "duchess", "girlfriend", "granddaughter", "mom", "heiress",
    ), "f"),
    **dict.fromkeys((
        "spokesman", "congressman", "businessman", "councilman", "actor", "husband", "father",
        "son", "brother", "widower", "man", "boy", "grandfather", "uncle", "nephew", "king",
        "prince", "duke", "boyfriend", "grandson", "dad",
    ), "m"),
}
# Head nouns of a definite description that stands for a person named before ("the senator").
PERSON_NOUNS = ROLE_NOUNS | frozenset(GENDERED_NOUNS) | frozenset({
    "candidate", "nominee", "front-runner", "frontrunner", "republican", "democrat", "billionaire",
    "businessman", "mogul", "magnate", "actress", "actor", "lawyer", "attorney", "doctor", "author",
    "congressman", "congresswoman", "lawmaker", "politician", "strategist", "adviser", "advisor",
})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
QUOTE_OPEN, QUOTE_CLOSE = "“«", "”»"
# Dependents of a source's head that describe it rather than name it.
DESCRIPTION_DEPS = frozenset({"appos", "relcl", "acl"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the name, the span naming it nearest the quote, and its description."""

    name: str
    start: int
    end: int
    text: str
    description: str | None = None
    description_start: int | None = None
    description_end: int | None = None
    is_person: bool = False


@dataclass(slots=True)
class Discourse:
    """What speaker resolution remembers while it reads one document in order."""

    doc: Doc
    text: str = ""  # the document's text, read once (``Doc.text`` joins every token on each call)
    person_names: list[tuple[int, str]] = field(default_factory=list)  # (start_char, full name)
    person_starts: list[int] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    current: Speaker | None = None

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> "Discourse":
        """Index the document's person names once, in text order, with what they tell of gender.

        A person's gender comes from an honorific ("Mr.", "Ms."), else from a gendered noun
        describing the name ("spokeswoman", "his wife"), else from the pronouns the
        document's coreference links to the person when they clearly agree (at least two,
        three in four of one gender). It is kept per full name: Bill and Hillary Clinton
        share a surname, not a gender. ``text`` is the text ``doc`` was parsed from, when at hand.
        """
        state = cls(doc, doc.text if text is None else text)
        people = [(ent, _strip_name(ent)) for ent in doc.ents if ent.label_ == "PERSON"]
        people = [(ent, name) for ent, name in people if name]
        state.person_names = [(ent.start_char, name) for ent, name in people]
        state.person_starts = [start for start, _ in state.person_names]
        honorific: dict[str, str] = {}
        described: dict[str, str] = {}
        fulls = [(ent, state.expand(name, ent.start_char + 1).lower()) for ent, name in people]
        for ent, full in fulls:
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and prev.lower_ in HONORIFIC_GENDER:
                honorific.setdefault(full, HONORIFIC_GENDER[prev.lower_])
            noun = _gendered_description(ent)
            if noun is not None:
                described.setdefault(full, noun)
        pronouns = {full: _clear_majority(votes) for full, votes in pronoun_votes(doc, fulls, state.text).items()}
        for known in (honorific, described, pronouns):
            for full, gender in known.items():
                if gender is not None:
                    state.gender.setdefault(full, gender)
        return state

    def expand(self, name: str, before: int) -> str:
        """The longest full name mentioned before ``before`` whose words end with ``name``'s."""
        words = name.split()
        best = name
        for _, full in self.person_names[: bisect_left(self.person_starts, before)]:
            full_words = full.split()
            if len(full_words) > len(best.split()) and full_words[-len(words):] == words:
                best = full
        return best

    def gender_of(self, name: str) -> str | None:
        """A person's known gender: what the document tells of the full name, else what PolNeAR
        train tells of the given name ("Hillary"); for a lone surname, the gender all the
        document's people of that surname agree on."""
        key = name.lower()
        if key in self.gender:
            return self.gender[key]
        if " " in key:
            return GIVEN_NAME_GENDER.get(key.split(" ", 1)[0])
        genders = {self.gender_of(full) for _, full in self.person_names
                   if " " in full and full.lower().rsplit(" ", 1)[-1] == key}
        return genders.pop() if len(genders) == 1 else None

    def learn_gender(self, name: str, gender: str) -> None:
        self.gender.setdefault(name.lower(), gender)

    def previous_person(self, before: int, gender: str | None) -> str | None:
        """The nearest person named before ``before`` whose known gender does not conflict."""
        for _, name in reversed(self.person_names[: bisect_left(self.person_starts, before)]):
            full = self.expand(name, before)
            if self.agrees(full, gender):
                return full
        return None

    def agrees(self, name: str, gender: str | None) -> bool:
        """Whether ``name`` is not known to be of another gender than ``gender`` (None: any)."""
        return gender is None or self.gender_of(name) in (None, gender)

    def current_person(self, gender: str | None) -> str | None:
        """The current speaker, when a person not known to be of another gender."""
        current = self.current
        return current.name if current is not None and current.is_person and self.agrees(current.name, gender) else None

    def pronoun_referent(self, pronoun: Token, gender: str) -> str | None:
        """Whom a "he"/"she" source names.

        In order: a person who is the grammatical subject of the pronoun's sentence before
        it, or of the sentence before ("Carson defied the question. “…,” he said"); the
        current speaker; the pronoun's coreference antecedent; the nearest earlier person.
        Each must not be known to be of the other gender.
        """
        local = self.sentence_subject(pronoun, gender)
        if local is not None:
            return local
        current = self.current_person(gender)
        if current is not None:
            return current
        resolved = resolve_person(self.doc, pronoun.i)
        if resolved is not None and self.agrees(name := self.expand(resolved[2], pronoun.idx), gender):
            return name
        return self.previous_person(pronoun.idx, gender)

    def sentence_subject(self, pronoun: Token, gender: str) -> str | None:
        """The named person who is the main subject of the pronoun's sentence (before the
        pronoun), else of the sentence before it, outside quotation marks."""
        doc = self.doc
        sentence = pronoun.sent
        candidates = [t for t in _main_subjects(sentence) if t.i < pronoun.i]
        if not candidates and sentence.start > 0:
            candidates = _main_subjects(doc[sentence.start - 1].sent)
        name = self.subject_named(candidates)
        return name if name is not None and self.agrees(name, gender) else None

    def subject_named(self, subjects: list[Token]) -> str | None:
        """The person the first of ``subjects`` that names one (outside quotation marks) names."""
        for subject in subjects:
            if not _inside_quotes(self.text, subject) and (name := self.person_named(subject)) is not None:
                return name
        return None

    def described_person(self, head: Token) -> str | None:
        """The person a definite description of a person stands for as a source ("The Florida
        senator sought to calm his supporters", "The actress said"): the named person who is the
        main subject of the sentence before, else the current speaker; each agreeing with the
        noun's gender where it has one. None for other sources ("the campaign", "a senator")."""
        if head.pos_ != "NOUN" or head.lower_ not in PERSON_NOUNS:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        gender = GENDERED_NOUNS.get(head.lower_)
        sentence = head.sent
        if sentence.start > 0:
            name = self.subject_named(_main_subjects(self.doc[sentence.start - 1].sent))
            if name is not None:
                return name if self.agrees(name, gender) else None
        return self.current_person(gender)

    def person_named(self, token: Token) -> str | None:
        """The person a subject token names: a PERSON entity, or a surname or description
        that coreference links to one ("Lucas", "the Florida senator")."""
        if token.pos_ == "PRON":
            return None
        if token.ent_type_ == "PERSON":
            ent = next((e for e in ents_within(token.doc[max(0, token.i - 6) : token.i + 6])
                        if e.start <= token.i < e.end), None)
            if ent is not None and _strip_name(ent):
                return self.expand(_strip_name(ent), ent.start_char)
        if token.pos_ in ("PROPN", "NOUN"):
            resolved = resolve_person(self.doc, token.i)
            if resolved is not None:
                return self.expand(resolved[2], token.idx)
        return None

    def resolve(self, source: Span) -> Speaker:
        """Resolve a source span (the subject of a cue, the object of "according to")."""
        source = _without_spaces(source)
        head = source.root
        if len(source) == 1 and head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            # "..., said Michael Tyler, who added": the relative pronoun names its antecedent.
            antecedent = head.head.head
            found = self.resolve(source.doc[antecedent.left_edge.i : antecedent.i + 1])
            speaker = Speaker(
                found.name, head.idx, head.idx + len(head), head.text,
                found.description, found.description_start, found.description_end, found.is_person,
            )
            self.current = speaker
            return speaker
        source = _whole_name(source)
        name_span = _name_within(source)
        description, d_start, d_end = _description(source, name_span)
        lower = head.lower_
        if name_span is not None:
            name = self.expand(_strip_name(name_span), source.start_char)
            speaker = Speaker(
                name, name_span.start_char, name_span.end_char, name_span.text,
                description, d_start, d_end, is_person=name_span.label_ in ("PERSON", "")
                or head.pos_ == "PROPN",
            )
        elif lower.strip() in PERSONAL_PRONOUNS and len(source) == 1:
            gender = PERSONAL_PRONOUNS[lower.strip()]
            name = self.pronoun_referent(head, gender) or head.text
            if name != head.text:
                self.learn_gender(name, gender)
            speaker = Speaker(name, head.idx, head.idx + len(head), head.text, is_person=name != head.text)
        elif lower in GROUP_PRONOUNS and len(source) == 1:
            current = self.current
            name = current.name if current is not None and not current.is_person else head.text
            speaker = Speaker(name, head.idx, head.idx + len(head), head.text)
        elif lower in FIRST_PERSON and len(source) == 1:
            name = self.current.name if self.current is not None else head.text
            speaker = Speaker(name, head.idx, head.idx + len(head), head.text, is_person=True)
        else:
            core = _core_span(source)
            named = self.described_person(head)
            speaker = Speaker(named or core.text, core.start_char, core.end_char, core.text,
                              description, d_start, d_end, is_person=named is not None)
        self.current = speaker
        return speaker


def _strip_name(span: Span) -> str:
    """A name without a leading determiner, honorific or possessive ending."""
    tokens = [t for t in span if not (t.is_punct and t.text not in ".-")]
    while tokens and (tokens[0].lower_ in HONORIFIC_GENDER or tokens[0].lower_ == "the"):
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    return " ".join(t.text for t in tokens)


def _without_spaces(span: Span) -> Span:
    """A span without the whitespace tokens at its ends ("He\\xa0": a no-break space is a token)."""
    start, end = span.start, span.end
    while end - start > 1 and span.doc[end - 1].is_space:
        end -= 1
    while end - start > 1 and span.doc[start].is_space:
        start += 1
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


def _gendered_description(ent: Span) -> str | None:
    """The gender a noun describing a PERSON entity gives it: the noun just before the name
    ("spokeswoman Melezia Figueroa"), the noun it is in apposition to ("his wife, Melania")
    or its appositive ("Susan Sarandon, the actress")."""
    doc, root = ent.doc, ent.root
    words = [doc[ent.start - 1]] if ent.start > 0 else []
    if root.dep_ == "appos":
        words.append(root.head)
    words += [c for c in root.children if c.dep_ == "appos"]
    for word in words:
        gender = GENDERED_NOUNS.get(word.lower_)
        if gender is not None and word.pos_ == "NOUN":
            return gender
    return None


def pronoun_votes(doc: Doc, names: list[tuple[Span, str]], text: str | None = None) -> dict[str, dict[str, int]]:
    """Full name (lower case) -> counts of the gendered pronouns ("he", "his", "she", "her")
    that follow the person's name in sentences naming that person and no one else.

    A sentence names someone else when it has another PERSON entity or a proper noun that is
    another person's surname (the parse's entities miss some). The coreference chains are
    not used: a chain that took a wrong pronoun early keeps taking pronouns of that gender.
    """
    surnames = {full.rsplit(" ", 1)[-1]: full for _, full in names}
    first: dict[int, tuple[str, int]] = {}  # sentence start -> (the one person, end of its first mention)
    crowded: set[int] = set()
    for ent, full in names:
        key = ent.sent.start
        if key in first and first[key][0] != full:
            crowded.add(key)
        first.setdefault(key, (full, ent.end))
    votes: dict[str, dict[str, int]] = {}
    text = doc.text if text is None else text
    for key, (full, after) in first.items():
        if key in crowded:
            continue
        sentence = doc[key].sent
        if any(t.pos_ == "PROPN" and t.ent_type_ != "PERSON" and surnames.get(t.lower_, full) != full
               for t in sentence):
            continue
        counts = votes.setdefault(full, {"m": 0, "f": 0})
        for token in doc[after : sentence.end]:
            gender = POSSESSIVE_GENDER.get(token.lower_) if token.pos_ == "PRON" else None
            if gender is not None and not _inside_quotes(text, token):
                counts[gender] += 1
    return votes


def _clear_majority(counts: dict[str, int], least: int = 2) -> str | None:
    """The gender of at least ``least`` votes and three in four of them, if any."""
    gender, n = max(counts.items(), key=lambda kv: kv[1])
    return gender if n >= least and n * 4 >= 3 * sum(counts.values()) else None


def _main_subjects(sentence: Span) -> list[Token]:
    """The subjects of a sentence's root verb and of the verbs joined to it."""
    root = sentence.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    return sorted((c for v in verbs for c in v.children if c.dep_ in SUBJECT_DEPS), key=lambda t: t.i)


def _inside_quotes(text: str, token: Token) -> bool:
    """Whether a token stands inside quotation marks opened earlier in its paragraph of ``text``."""
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    curly = sum(before.count(c) for c in QUOTE_OPEN) - sum(before.count(c) for c in QUOTE_CLOSE)
    return curly > 0 or before.count('"') % 2 == 1


def ents_within(span: Span) -> list[Span]:
    """The named entities wholly inside ``span``, read off its tokens.

    ``Span.ents`` walks all of the document's entities on every call, which makes
    a pass over a document's attributions quadratic; this stays within the span.
    """
    doc, out, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            out.append(Span(doc, i, j, label=doc[i].ent_type_))
        i = j
    return out


def _whole_name(source: Span) -> Span:
    """A source that stops inside a name ("President" of "President Volodymyr Zelensky's")
    widened to the name's last word, which the parse makes the head of its compounds."""
    head = source.root
    while head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head
    if head.i < source.end:
        return source
    return source.doc[source.start : head.i + 1]


def _name_within(source: Span) -> Span | None:
    """The proper name inside a source span: a PERSON entity, else the head's proper-noun chain."""
    ents = [e for e in ents_within(source) if e.label_ == "PERSON"]
    if ents:
        return min(ents, key=lambda e: abs(e.root.i - source.root.i))
    head = source.root
    if head.pos_ != "PROPN":
        # "The army chief, Oleksandr Syrskyi,": the name is the appositive of a role noun.
        names = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < source.end]
        if not names:
            return None
        head = names[0]
    start = head.i
    doc = head.doc
    while start > source.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
        start -= 1
    for ent in ents_within(source):
        if ent.start <= head.i < ent.end and ent.label_ in NAME_LABELS:
            return ent
    return Span(doc, start, head.i + 1)


def _core_span(source: Span) -> Span:
    """A source without its appositive or relative-clause description and trailing commas."""
    head = source.root
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in DESCRIPTION_DEPS or child.is_punct:
            break
        end = child.right_edge.i + 1
    return Span(source.doc, source.start, max(end, head.i + 1))


def _description(source: Span, name_span: Span | None) -> tuple[str | None, int | None, int | None]:
    """The appositive that describes the source, or the modifiers in front of its name."""
    head, doc = source.root, source.doc
    named = range(name_span.start, name_span.end) if name_span is not None else range(0)
    # A word split at its hyphen ("the co-director of ...") is several appositives in a row.
    appositives = [
        c for c in head.children
        if c.dep_ == "appos" and source.start <= c.left_edge.i and c.right_edge.i < source.end and c.i not in named
    ]
    if appositives:
        span = doc[appositives[0].left_edge.i : appositives[-1].right_edge.i + 1]
        return span.text, span.start_char, span.end_char
    if name_span is not None and name_span.start > source.start:
        tokens = [t for t in doc[source.start : name_span.start] if not t.is_punct]
        while tokens and (tokens[-1].lower_ in HONORIFIC_GENDER or _abbreviated_title(tokens[-1])):
            tokens.pop()
        # "Kremlin spokesman", "Ukraine's top military commander", "then U.S. Secretary of State"
        if tokens and (tokens[0].dep_ != "det" or len(tokens) > 1) and (
            any(t.pos_ in ("NOUN", "ADJ") for t in tokens) or sum(t.pos_ == "PROPN" for t in tokens) > 1
        ):
            span = doc[tokens[0].i : tokens[-1].i + 1]
            return span.text, span.start_char, span.end_char
    return None, None, None


def _abbreviated_title(token: Token) -> bool:
    """ "Gen.", "Sen.", "Lt.": a short capitalised word cut at its full stop, part of the name after it."""
    return token.text.endswith(".") and token.text[:1].isupper() and 2 < len(token.text) <= 5 and token.text.count(".") == 1


def addressee_of(cue: Token) -> Span | None:
    """Whom or where a statement was addressed: "told reporters", "told the Guardian", "said to X"."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        return None  # "Americans were told a counteroffensive would come": the object is what was told
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_ in ("tell", "inform", "assure", "brief", "warn"):
            return cue.doc[child.left_edge.i : child.right_edge.i + 1]
        if child.dep_ == "prep" and child.lower_ in ("to", "in") and cue.lemma_ in ("say", "write", "tell", "explain", "speak"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and child.lower_ == "to":
                return cue.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
    return None


__all__ = ["Discourse", "Speaker", "addressee_of", "ents_within"]
