"""The stage registry and the streaming pipeline that runs registered stages.

A stage is a function from an :class:`Article` to an iterable of records,
registered under a versioned name with what it ``requires`` and ``produces``::

    @stage("mentions.spacy", version="0.1.0", requires=("spacy",), produces=("mentions",))
    def spacy_mentions(article: Article) -> Iterable[Mention]: ...

Two names are provided by the pipeline itself: ``text`` (the document) and
``spacy`` (the parsed ``Doc``). Stages that need only ``text`` run before the
parse, so a cleaning stage's ``removed`` spans are blanked out of the text that
spaCy sees, with every character offset unchanged. :meth:`Pipeline.build`
checks the declarations when the pipeline is built, not halfway through a corpus.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from newsweave.config import Options
from newsweave.errors import PipelineError
from newsweave.model import Document, Record, RemovedSpan

BUILTIN = ("text", "spacy")
# Stages that a boolean setting of Options can leave out of the default pipeline.
SWITCHED_BY = {"clean.topic": "off_topic"}

# Modules whose import registers the default stages, in pipeline order: layout needs chrome's
# verdicts (a bio sits above a copyright line), topic needs both; events come after timexes,
# mentions, coreference and quotes, which they use.
DEFAULT_STAGE_MODULES = (
    "newsweave.clean.chrome",
    "newsweave.clean.layout",
    "newsweave.clean.topic",
    "newsweave.clean.dating",
    "newsweave.extract.entities",
    "newsweave.extract.coref",
    "newsweave.extract.roles",
    "newsweave.extract.metonymy",
    "newsweave.extract.timex",
    "newsweave.extract.quantities",
    "newsweave.extract.quotes",
    "newsweave.extract.claims",
    "newsweave.extract.genre",
    "newsweave.extract.events",
)


@dataclass(slots=True)
class Article:
    """What a stage sees: the document, the text to analyse, the parse and earlier records."""

    document: Document
    removed: list[RemovedSpan] = field(default_factory=list)
    spacy: Doc | None = None
    records: dict[str, list[Record]] = field(default_factory=dict)
    _blanked: tuple[int, str] | None = None  # (number of removed spans it reflects, text)

    @property
    def analysis_text(self) -> str:
        """The original text with removed spans blanked: same length, same offsets.

        Built once for a given set of removed spans (they only grow, before the parse),
        not again by every stage that reads it.
        """
        if self._blanked is None or self._blanked[0] != len(self.removed):
            text = blank_spans(self.document.text, ((r.start, r.end) for r in self.removed))
            self._blanked = (len(self.removed), text)
        return self._blanked[1]

    def all_records(self) -> list[Record]:
        out: list[Record] = list(self.removed)
        for kind, records in self.records.items():
            if kind != "removed":
                out.extend(records)
        return out


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace each span by spaces (keeping newlines), so offsets stay valid.

    >>> blank_spans("Body. Subscribe now!\\nMore.", [(6, 20)])
    'Body.               \\nMore.'
    """
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if start >= end:
            continue
        pieces.append(text[last:start])
        pieces.append("".join("\n" if c == "\n" else " " for c in text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Stage:
    """A registered stage: ``run(article, options)`` yields records of the kinds it produces."""

    name: str
    version: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    run: Callable[[Article, Options], Iterable[Record]]
    warm_up: Callable[[Options], Any] | None = None
    # Boolean Options that change what the stage finds: one switched off is named in its label.
    options: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def label_for(self, options: Options) -> str:
        """The label with the switched-off options it reads (``quotes.rules@0.6.0-quote_tagger``)."""
        return self.label + "".join(f"-{name}" for name in self.options if not getattr(options, name))


REGISTRY: dict[str, Stage] = {}


def stage(
    name: str,
    *,
    version: str,
    requires: Sequence[str] = ("text",),
    produces: Sequence[str],
    warm_up: Callable[[Options], Any] | None = None,
    options: Sequence[str] = (),
) -> Callable[[Callable[[Article, Options], Iterable[Record]]], Callable]:
    """Register a stage under ``name``; see the module docstring. ``options`` names the
    boolean :class:`~newsweave.config.Options` that change its output (part of the version)."""

    def register(func: Callable[[Article, Options], Iterable[Record]]) -> Callable:
        REGISTRY[name] = Stage(name, version, tuple(requires), tuple(produces), func, warm_up, tuple(options))
        return func

    return register


def load_default_stages() -> list[str]:
    """Import the default stage modules; return their stages' names in pipeline order.

    The order is that of :data:`DEFAULT_STAGE_MODULES`, then registration order within a
    module, whatever else has been imported (and registered) before.
    """
    for module in DEFAULT_STAGE_MODULES:
        importlib.import_module(module)
    rank = {module: i for i, module in enumerate(DEFAULT_STAGE_MODULES)}
    defaults = [s for s in REGISTRY.values() if s.run.__module__ in rank]
    return [s.name for s in sorted(defaults, key=lambda s: rank[s.run.__module__])]


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Stages in a checked order; ``before_parse`` run on text, ``after_parse`` on the parse."""

    before_parse: tuple[Stage, ...]
    after_parse: tuple[Stage, ...]
    options: Options

    @classmethod
    def build(cls, names: Sequence[str] | None = None, options: Options | None = None) -> "Pipeline":
        """Resolve stage names and check that every requirement is produced before it is needed."""
        options = options or Options()
        defaults = load_default_stages()
        if names is None:
            names = [
                n for n in defaults
                if (options.clean or "removed" not in REGISTRY[n].produces)
                and (n not in SWITCHED_BY or getattr(options, SWITCHED_BY[n]))
            ]
        missing = [n for n in names if n not in REGISTRY]
        if missing:
            raise PipelineError(
                f"unknown stage(s) {', '.join(missing)}; known stages: {', '.join(sorted(REGISTRY))}"
            )
        available = {"text"}
        before, after = [], []
        parsed = False
        for name in names:
            st = REGISTRY[name]
            needs_parse = "spacy" in st.requires
            if needs_parse and not parsed:
                available.add("spacy")
                parsed = True
            if not needs_parse and parsed and "removed" in st.produces:
                raise PipelineError(f"stage {st.label} produces removed spans but comes after the parse")
            unmet = [r for r in st.requires if r not in available]
            if unmet:
                raise PipelineError(
                    f"stage {st.label} requires {', '.join(unmet)}, which no earlier stage produces; "
                    "reorder the stages or add one that produces it"
                )
            available.update(st.produces)
            (after if parsed else before).append(st)
        return cls(tuple(before), tuple(after), options)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return self.before_parse + self.after_parse

    @property
    def produces(self) -> set[str]:
        return {kind for st in self.stages for kind in st.produces}

    @property
    def version(self) -> str:
        """The stages' labels in order, with the parse's (see :data:`newsweave.nlp.PARSE_LABEL`) where it runs."""
        from newsweave.nlp import PARSE_LABEL

        parse = [PARSE_LABEL] if self.after_parse else []
        labels = [st.label_for(self.options) for st in self.stages]
        return "+".join(labels[:len(self.before_parse)] + parse + labels[len(self.before_parse):])

    def warm_up(self) -> None:
        for st in self.stages:
            if st.warm_up:
                st.warm_up(self.options)

    def process_batch(self, documents: Sequence[Document]) -> list[Article]:
        """Run every stage on a batch of documents; spaCy parses the batch in one ``pipe`` call."""
        articles = [Article(document=d) for d in documents]
        for article in articles:
            for st in self.before_parse:
                _collect(article, st, self.options)
        if self.after_parse:
            from newsweave.nlp import load_spacy

            nlp = load_spacy(self.options.min_gazetteer_population)
            texts = (a.analysis_text for a in articles)
            for article, doc in zip(articles, nlp.pipe(texts, batch_size=self.options.batch_size)):
                article.spacy = doc
                for st in self.after_parse:
                    _collect(article, st, self.options)
                article.spacy = None  # parses are large: never keep one past its article
        return articles

    def pipe(self, documents: Iterable[Document]) -> Iterator[list[Article]]:
        """Stream processed articles batch by batch, on the executor the options name."""
        from newsweave.executors import get_executor

        yield from get_executor(self.options).map_batches(self, batched(documents, self.options.batch_size))


def _collect(article: Article, st: Stage, options: Options) -> None:
    for record in st.run(article, options):
        if isinstance(record, RemovedSpan):
            article.removed.append(record)
        else:
            article.records.setdefault(record.kind, []).append(record)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
