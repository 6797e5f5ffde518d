"""spaCy makes a new Token object on every access: identity (`is`) never says "same token"."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newsweave"


def test_no_token_identity_comparisons_in_the_package():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Is, ast.IsNot)) for op in node.ops):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Attribute) and s.attr == "head" for s in sides):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"compare tokens by .i, not identity: {offenders}"


def test_a_root_tokens_head_is_equal_but_not_identical_to_it():
    from newsweave.nlp import bare_spacy

    root = next(t for t in bare_spacy()("Ukraine accepted the proposal.") if t.dep_ == "ROOT")
    assert root.head.i == root.i and root.head is not root


def test_string_ids_are_the_ids_doc_arrays_hold():
    """Symbols (POS, DEP, entity labels) and plain strings (lemmas, lower forms) alike."""
    import numpy
    from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, POS

    from newsweave.nlp import bare_spacy, string_ids

    doc = bare_spacy()("Zelensky said Ukraine would accept it.")
    columns = doc.to_array([POS, DEP, LEMMA, LOWER, ENT_TYPE])
    for k, attr in enumerate(("pos_", "dep_", "lemma_", "lower_", "ent_type_")):
        values = tuple({getattr(t, attr) for t in doc} - {""})
        assert numpy.isin(columns[:, k], string_ids(values)).sum() == sum(getattr(t, attr) in values for t in doc)
    assert not numpy.isin(columns[:, 2], string_ids(("reject",))).any()
