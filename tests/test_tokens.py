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
